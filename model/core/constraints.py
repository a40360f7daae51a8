"""The ``[[constraint]]`` tables of ``national.toml``: every rule about when a phase may
complete, as data.

Each constraint says that ``phase`` completes at least ``min_months`` after ``after`` (a
phase id or a national id), or at least ``min_months`` before ``by`` (a national id), and
names the rule that reports a violation. The checker builds the plan graph from this list
(and from a plan's ``[[depends]]``), so adding a constraint of an existing kind is one table
in ``national.toml``; a re-planner reads the same list.

National ids are milestone ids (``cloud``, ``cloud.pilot``), ``deadline`` (the deadline or a
business's extended deadline), ``spec.<group>`` / ``vendor.<group>``, and the families
``spec`` / ``vendor``: one node per spec group that the businesses of a line depend on.
"""

from __future__ import annotations

import graphlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from model.core.errors import Place
from model.core.reader import Reader
from model.core.severity import Severity

FAMILIES = ("spec", "vendor")
DEADLINE = "deadline"
WHEN = ("current_vendor", "new_vendor")
MAX_LAG = 600  # months: a lag beyond 50 years is a typing error
_KEYS = ("phase", "after", "by", "min_months", "rule", "severity", "when")
_RULE_CODE = re.compile(r"PL\d{3}")


@dataclass(frozen=True, slots=True)
class Constraint:
    phase: str
    after: str | None  # a phase id or a national id …
    by: str | None  # … or a national id this phase must complete by
    min_months: int
    rule: str
    severity: Severity | None  # overrides the rule's default
    when: str | None  # "current_vendor" | "new_vendor" | None (always)
    place: Place
    between_phases: bool = False  # ``after`` is a phase of the same line (an order or a lead time)


def parse_constraints(
    r: Reader, d: dict[str, Any], phases: Collection[str], national_ids: Collection[str]
) -> list[Constraint]:
    """Every ``[[constraint]]`` with its place; problems go to the reader (E002/E003/E005/E007/E008)."""
    tables = d.get("constraint", [])
    if not isinstance(tables, list) or not all(isinstance(x, dict) for x in tables):
        r.err(
            ("constraint",),
            "E003",
            "[[constraint]] の表の並びで書いてください",
            "write constraints as [[constraint]] tables",
        )
        return []
    out: list[Constraint] = []
    for i, t in enumerate(tables):
        path = ("constraint", i)
        r.check_keys(path, t, _KEYS, "[[constraint]]")
        c = _one(r, path, t, phases, national_ids)
        if c is not None:
            out.append(c)
    _reject_cycles(r, out)
    return out


def _one(
    r: Reader, path: tuple[Any, ...], t: dict[str, Any], phases: Collection[str], national_ids: Collection[str]
) -> Constraint | None:
    line, col = r.where(path, value=False)
    place = Place(r.file, line, col)
    ok = True

    def text(key: str) -> str | None:
        v = t.get(key)
        if v is None:
            return None
        got = r.typed((*path, key), v, str, f'{key} = "..."')
        return got if isinstance(got, str) else None

    phase, after, by, rule = text("phase"), text("after"), text("by"), text("rule")
    if phase is None:
        r.err(path, "E007", "「phase」(制約を受けるフェーズ)がありません", "missing 'phase' (the phase constrained)")
        ok = False
    elif phase not in phases:
        r.err(
            (*path, "phase"),
            "E005",
            f"未知のフェーズ「{phase}」。使えるのは {', '.join(phases)}",
            f"unknown phase {phase!r}; one of {', '.join(phases)}",
        )
        ok = False
    if (after is None) == (by is None):
        r.err(
            path,
            "E008",
            "after(この後に完了)か by(これまでに完了)のどちらか一方を書いてください",
            "write exactly one of after (completes after) or by (completes by)",
        )
        ok = False
    if after is not None and after not in phases and after not in national_ids:
        r.err(
            (*path, "after"),
            "E005",
            f"未知のフェーズまたは国の日程「{after}」",
            f"unknown phase or national id {after!r}",
        )
        ok = False
    if by is not None and by not in national_ids:
        r.err(
            (*path, "by"),
            "E005",
            f"未知の国の日程「{by}」(by には国の日程の id を書きます)",
            f"unknown national id {by!r} (by takes a national id)",
        )
        ok = False
    if phase is not None and after == phase:
        r.err(
            (*path, "after"),
            "E008",
            "フェーズが自分自身の後になっています。別のフェーズを書いてください",
            "a phase cannot follow itself; name another phase",
        )
        ok = False
    mm = r.typed((*path, "min_months"), t.get("min_months", 0), int, "12")
    if isinstance(mm, int) and not 0 <= mm <= MAX_LAG:
        r.err(
            (*path, "min_months"),
            "E008",
            f"min_months は 0〜{MAX_LAG} の月数で書いてください",
            f"min_months must be 0-{MAX_LAG} months",
        )
        ok = False
    if rule is None:
        r.err(
            path,
            "E007",
            "「rule」(違反を報告するルール、例 PL002)がありません",
            "missing 'rule' (the rule reporting a violation, e.g. PL002)",
        )
        ok = False
    elif not _RULE_CODE.fullmatch(rule):
        r.err(
            (*path, "rule"),
            "E008",
            "rule は PL002 のようなルールコードで書いてください",
            "rule must be a rule code such as PL002",
        )
        ok = False
    sev = t.get("severity")
    if sev is not None and sev not in Severity.__members__.values():
        r.err(
            (*path, "severity"),
            "E008",
            "severity は error/warning/info です",
            "severity must be error, warning or info",
        )
        ok = False
    when = t.get("when")
    if when is not None and when not in WHEN:
        r.err(
            (*path, "when"),
            "E008",
            "when は current_vendor か new_vendor です",
            "when must be current_vendor or new_vendor",
        )
        ok = False
    if not ok or phase is None or rule is None or not isinstance(mm, int):
        return None
    return Constraint(phase, after, by, mm, rule, Severity(sev) if sev else None, when, place, after in phases)


def _reject_cycles(r: Reader, constraints: list[Constraint]) -> None:
    """Phase constraints must form no cycle (for either vendor strategy)."""
    for strategy in WHEN:
        ts: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
        for c in constraints:
            if c.between_phases and c.when in (None, strategy):
                ts.add(c.phase, str(c.after))
        try:
            ts.prepare()
        except graphlib.CycleError as e:
            cycle = list(e.args[1])
            # placed at the last constraint on the cycle: usually the one just written
            last = next(c for c in reversed(constraints) if c.between_phases and c.phase in cycle and c.after in cycle)
            r.problems.add(
                last.place.line,
                last.place.col,
                "E008",
                f"制約が循環しています: {' → '.join(cycle)}。どれかを削除してください",
                f"constraints form a cycle: {' → '.join(cycle)}; remove one",
            )
            return


__all__ = ["DEADLINE", "FAMILIES", "Constraint", "parse_constraints"]
