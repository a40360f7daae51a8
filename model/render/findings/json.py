"""``plans lint --format json``: one array of items, the load problems first, then the findings.

With fixes (``--diff`` or ``--fix``), each item also has ``fix``: null, or its plan's fix —
``safety`` (safe, unsafe, extended, infeasible), ``safe``, ``applies`` (whether ``--fix``
with the options given writes it), ``message`` (what it does, or why there is none) and
``edits``, each with ``file``, ``line``, ``column`` and ``end_column`` (1-based code points,
end exclusive: the date text between the quotes), ``business``, ``phase``, ``old`` and
``new``. A finding of PL001–PL006 carries its plan's whole fix (see
:meth:`model.project.fixing.Fixes.of`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from model.checks.finding import Finding
from model.core.errors import Place, Problem
from model.core.severity import Severity

if TYPE_CHECKING:
    from model.project.fixing import Fixes, PlanFix
    from model.project.lint import LintResult
    from model.replan.proposal import Edit


def _item(
    kind: str, place: Place, code: str, name: str | None, severity: str, certain: bool, message: str
) -> dict[str, object]:
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


def value_span(e: Edit) -> tuple[int, int]:
    """The columns (1-based, end exclusive) of the text an edit replaces: the value after its
    opening quote at ``e.col``."""
    return e.col + 1, e.col + 1 + len(e.old)


def edit_dict(e: Edit) -> dict[str, object]:
    start, end = value_span(e)
    return {
        "file": e.file,
        "line": e.line,
        "column": start,
        "end_column": end,
        "business": e.business,
        "phase": e.phase,
        "old": e.old,
        "new": e.new,
    }


def fix_dict(pf: PlanFix | None, unsafe: bool, lang: str) -> dict[str, object] | None:
    if pf is None:
        return None
    return {
        "safety": str(pf.safety),
        "safe": pf.safety == "safe",
        "applies": pf.included(unsafe),
        "message": pf.describe(lang),
        "edits": [edit_dict(e) for e in pf.edits],
    }


def write(res: LintResult, lang: str, out: TextIO, *, fixes: Fixes | None = None) -> None:
    problems = [problem_dict(p, lang) for p in res.problems]
    findings = [finding_dict(f, lang) for f in res.findings]
    if fixes is not None:
        for item in problems:
            item["fix"] = None
        for item, f in zip(findings, res.findings, strict=True):
            item["fix"] = fix_dict(fixes.of(f), fixes.unsafe, lang)
    # one string, one write: json.dump would write each token (millions of calls nationwide)
    out.write(json.dumps(problems + findings, ensure_ascii=False, indent=2) + "\n")
