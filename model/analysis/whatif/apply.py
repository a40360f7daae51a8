"""Applying changes to the national timeline: the shifted timeline and what moved.

Shifting a spec moves its vendor packages with it (they follow the spec by
``vendor_months``); shifting ``vendor.<group>`` moves only that group's packages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from model.analysis.whatif.scenario import Change, ScenarioError, usage_problem
from model.analysis.whatif.targets import SCALARS, targets, unknown_target
from model.core.dates import (
    Month,
    PlanDate,
    Precision,
    Style,
    month_style,
    render_fiscal_year,
    render_month,
)
from model.core.national import National


@dataclass(frozen=True, slots=True)
class ShiftedNational(National):
    """A national timeline whose vendor packages for some groups are shifted on their own.

    ``National`` computes a group's packages as spec + ``vendor_months`` for every group;
    ``vendor.<group>`` shifts need a per-group offset, kept here so that national.py (and
    every caller of ``vendor_ready``/``national_milestone_dates``) stays unchanged.
    """

    vendor_shift: dict[str, int] = field(default_factory=dict)

    def vendor_ready(self, g: Any) -> Month:
        return National.vendor_ready(self, g) + self.vendor_shift.get(g.id, 0)


@dataclass(frozen=True, slots=True)
class Applied:
    """A change as applied: the target's value before and after."""

    target: str
    before: str
    after: str
    delta: int | None  # months moved (None for a scalar set)


def apply_changes(nat: National, changes: Iterable[Change]) -> tuple[National, list[Applied]]:
    """The national timeline with every change applied, in order, and what moved.

    Raises ScenarioError for an id the timeline does not have.
    """
    cur: National = (
        nat
        if isinstance(nat, ShiftedNational)
        else ShiftedNational(**{f: getattr(nat, f) for f in National.__dataclass_fields__})
    )
    applied: list[Applied] = []
    for ch in changes:
        before_all = targets(cur)
        if ch.target not in before_all:
            words = unknown_target(ch.target, cur)
            raise ScenarioError(f"{ch.source}: {words.en}", [usage_problem(ch.source or ch.target, words)])
        before = before_all[ch.target]
        cur = _apply_one(cur, ch)
        after = targets(cur)[ch.target]
        delta = None if ch.target in SCALARS else int(after) - int(before)
        applied.append(Applied(ch.target, _fmt(before, ch.target), _fmt(after, ch.target), delta))
    return cur, applied


def shift_one(nat: National, target: str, months: int) -> tuple[National, list[Applied]]:
    """One relative shift (the app's what-if mode moves the selected milestone by keys)."""
    if months == 0:
        return apply_changes(nat, [])
    return apply_changes(nat, [Change(target, months=months, source=f"{target}{months:+d}m")])


def _apply_one(nat: National, ch: Change) -> National:
    t = ch.target
    if t == "vendor_months":
        n = nat.vendor_months + ch.months if ch.months is not None else int(ch.value)  # type: ignore[arg-type]
        return nat.with_changes(vendor_months=max(0, n))
    if t == "deadline":
        return nat.with_changes(deadline=_new_date(nat.deadline, ch))
    if t == "extended_deadline_limit":
        assert nat.extended_deadline_limit is not None
        return nat.with_changes(extended_deadline_limit=_new_date(nat.extended_deadline_limit, ch))
    kind, _, gid = t.partition(".")
    if kind == "spec" and gid in nat.groups:
        g = nat.groups[gid]
        groups = {**nat.groups, gid: replace(g, spec=_new_date(g.spec, ch))}
        return nat.with_changes(groups=groups)
    if kind == "vendor" and gid in nat.groups:
        assert isinstance(nat, ShiftedNational)
        g = nat.groups[gid]
        ready = nat.vendor_ready(g)
        want = ready + ch.months if ch.months is not None else ch.value.hi  # type: ignore[union-attr]
        shift = {**nat.vendor_shift, gid: nat.vendor_shift.get(gid, 0) + want - ready}
        return nat.with_changes(vendor_shift=shift)
    ms = tuple(replace(m, date=_new_date(m.date, ch)) if m.id == t else m for m in nat.milestones)
    return nat.with_changes(milestones=ms)


def _new_date(old: PlanDate, ch: Change) -> PlanDate:
    if ch.months is not None:
        return _shift_date(old, ch.months)
    assert isinstance(ch.value, PlanDate)
    return ch.value


def _shift_date(d: PlanDate, n: int) -> PlanDate:
    if d.precision is Precision.FISCAL_YEAR and n % 12 == 0:
        lo, hi = d.lo + n, d.hi + n
        fy = (lo - 3) // 12  # April of the fiscal year
        return PlanDate(
            lo, hi, d.precision, d.style, render_fiscal_year(fy, d.style if d.style is not Style.WORD else Style.ERA)
        )
    m = d.hi + n
    return PlanDate(m, m, Precision.MONTH, month_style(d), render_month(m, month_style(d)))


def _fmt(v: Month | int | PlanDate, target: str) -> str:
    if isinstance(v, PlanDate):
        return v.text
    return str(v) if target in SCALARS else render_month(v)
