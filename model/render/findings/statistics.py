"""``plans lint --statistics``: how many findings (and load errors) per rule, most frequent
first, as ruff prints them; as a table or (``--format json``) a JSON array."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TextIO

from model.checks.registry import RULES
from model.core.errors import LOAD_CODES
from model.core.severity import Severity
from model.project.lint import LintResult


def statistics(res: LintResult) -> list[tuple[int, str, str, Severity]]:
    """(count, code, name, severity) per rule and per load-error code, most frequent first."""
    counts: Counter[str] = Counter(f.code for f in res.findings)
    counts.update(p.code for p in res.problems)
    rows = []
    for code, n in counts.items():
        if code in RULES:
            rows.append((n, code, RULES[code].name, Severity(RULES[code].severity)))
        else:
            rows.append((n, code, LOAD_CODES.get(code, "?"), Severity.ERROR))
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def write_statistics(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    rows = statistics(res)
    if fmt == "json":
        json.dump([{"code": c, "name": name, "severity": sev, "count": n} for n, c, name, sev in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(r[0])) for r in rows), default=1)
    for n, code, name, sev in rows:
        out.write(f"{n:>{width}}\t{code}\t{name}\t{sev.label(lang)}\n")
    total = sum(r[0] for r in rows)
    out.write(f"Found {total} issue(s).\n" if lang == "en" else f"合計 {total} 件\n")
