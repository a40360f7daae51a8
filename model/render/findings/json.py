"""``plans lint --format json``: one array of items, the load problems first, then the findings."""

from __future__ import annotations

import json
from typing import TextIO

from model.checks.finding import Finding
from model.core.errors import Place, Problem
from model.core.severity import Severity
from model.project.lint import LintResult


def _item(kind: str, place: Place, code: str, name: str | None, severity: str, certain: bool, message: str) -> dict[str, object]:
    return {
        "kind": kind,
        "file": place.file,
        "line": place.line,
        "column": place.col,
        "code": code,
        "name": name,
        "severity": severity,
        "certain": certain,
        "municipality": None,
        "business": None,
        "phase": None,
        "message": message,
    }


def finding_dict(f: Finding, lang: str) -> dict[str, object]:
    item = _item("finding", f.place, f.code, f.name, f.severity, f.certain, f.message(lang))
    item.update(municipality=f.municipality, business=f.business, phase=f.phase)
    return item


def problem_dict(p: Problem, lang: str) -> dict[str, object]:
    return _item("load-error", p.place, p.code, None, Severity.ERROR, True, p.text(lang))


def write(res: LintResult, lang: str, out: TextIO) -> None:
    items = [problem_dict(p, lang) for p in res.problems] + [finding_dict(f, lang) for f in res.findings]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
