"""``plans lint --statistics``: how many findings (and load errors) per rule, most frequent
first, as ruff prints them, with the severities the findings actually have (a rule's
possible conflicts are reported a level lower than its certain ones); as a table or
(``--format json``) a JSON array."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import NamedTuple, TextIO

from model.core.errors import LOAD_CODES
from model.core.severity import SEVERITIES, Severity
from model.project.lint import LintResult


class RuleCount(NamedTuple):
    count: int
    code: str
    name: str
    severities: dict[Severity, int]  # most serious first, only those that occur

    @property
    def severity(self) -> Severity:
        """The most serious severity among the findings."""
        return next(iter(self.severities))

    def split(self, lang: str) -> str:
        """``エラー 9、警告 8`` / ``error 9, warning 8``."""
        parts = [f"{sev.label(lang)} {n}" for sev, n in self.severities.items()]
        return (", " if lang == "en" else "、").join(parts)


def statistics(res: LintResult) -> list[RuleCount]:
    """A count per rule and per load-error code, most frequent first."""
    by_code: dict[str, Counter[Severity]] = {}
    names = {f.code: f.name for f in res.findings}
    for f in res.findings:
        by_code.setdefault(f.code, Counter())[Severity(f.severity)] += 1
    for p in res.problems:
        by_code.setdefault(p.code, Counter())[Severity.ERROR] += 1
    rows = []
    for code, sevs in by_code.items():
        name = names.get(code) or LOAD_CODES.get(code, "?")
        ordered = {s: sevs[s] for s in SEVERITIES if sevs[s]}
        rows.append(RuleCount(sum(sevs.values()), code, name, ordered))
    return sorted(rows, key=lambda r: (-r.count, r.code))


def write_statistics(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    rows = statistics(res)
    if fmt == "json":
        items = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "count": r.count,
                "severities": {str(s): n for s, n in r.severities.items()},
            }
            for r in rows
        ]
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(r.count)) for r in rows), default=1)
    for r in rows:
        out.write(f"{r.count:>{width}}\t{r.code}\t{r.name}\t{r.split(lang)}\n")
    total = sum(r.count for r in rows)
    out.write(f"Found {total} issue(s).\n" if lang == "en" else f"合計 {total} 件\n")
