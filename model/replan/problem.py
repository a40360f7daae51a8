"""One plan's schedule as a mixed-integer problem: what may move, and every constraint.

A *slot* is one date the planner wrote (the municipal line's phase, or a business's own
value); a business line that inherits the municipal date shares its slot. Each slot that may
move has integer months ``lo .. hi`` and a binary ``changed``: unchanged, the interval is
exactly as written (a year-only date stays a fiscal year); changed, it is one month. The
constraints are the plan graph's links (every ``[[constraint]]`` of national.toml and the
plan's ``[[depends]]``, with spec, package and cloud dates and the deadlines), the budget
cycle (a step function of the vendor selection's fiscal year), and the evaluation month for a
slot that is changed. Done phases (``完了``, status ``done``) never move; in a safe fix the
go-lives do not move either.

The same link conditions as the checker's: ``dst.lo - src.hi >= min_months`` leaves neither a
certain nor a possible conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.checks.graph import NodeKey, PlanGraph, lanes
from model.core.dates import Month, PlanDate, Precision, month_of
from model.core.national import National
from model.core.plan import Plan

SlotKey = tuple[str | None, str]
"""(business or None for the municipal line, phase id)."""

GO_LIVE = "migration"
LOW: Month = month_of(2019, 1)
HIGH: Month = month_of(2045, 12)


@dataclass(slots=True)
class Slot:
    key: SlotKey
    date: PlanDate
    fixed: bool  # done, or a go-live kept by a safe fix
    done: bool

    @property
    def lo0(self) -> Month:
        return max(self.date.lo, LOW) if not self.done else self.date.lo

    @property
    def hi0(self) -> Month:
        return self.date.hi


@dataclass(frozen=True, slots=True)
class Gap:
    """``dst.lo - src.hi >= months``; a side that is a national date is a constant."""

    src: SlotKey | Month
    dst: SlotKey | Month
    months: int
    rule: str
    what: NodeKey  # the graph node on the national side (for the chain), or the src phase


@dataclass(frozen=True, slots=True)
class Budget:
    """The migration plan is done by the budget request before the vendor's fiscal year."""

    vendor: SlotKey
    plan: SlotKey


@dataclass(slots=True)
class Problem:
    plan: Plan
    slots: dict[SlotKey, Slot]
    gaps: list[Gap]
    budgets: list[Budget]
    budget_month: int
    as_of: Month | None
    deadline: dict[SlotKey, Month] = field(default_factory=dict)  # each go-live's deadline


def slot_of(pg: PlanGraph, key: NodeKey) -> SlotKey | None:
    """The slot a phase node reads its date from (None for a national node)."""
    if key[0] != "phase" or key[2] is None:
        return None
    node = pg.nodes.get(key)
    lane = key[1] if node is not None and node.own else None
    return (lane, key[2])


def build_problem(
    pg: PlanGraph, nat: National, as_of: Month | None, *, move_go_lives: bool, deadline_limit: Month | None = None
) -> Problem:
    """The problem of one plan's graph. ``move_go_lives`` allows an unsafe fix;
    ``deadline_limit`` replaces every deadline (a go-live then needs an extended deadline)."""
    plan = pg.plan
    slots: dict[SlotKey, Slot] = {}
    for key, node in pg.nodes.items():
        s = slot_of(pg, key)
        if s is None or s in slots or node.date is None or node.date.precision is Precision.NA:
            continue
        entry = plan.entry(s[1], s[0])
        done = node.date.is_done or (entry is not None and entry.status == "done")
        slots[s] = Slot(s, node.date, done or (s[1] == GO_LIVE and not move_go_lives), done)
    gaps: list[Gap] = []
    deadline: dict[SlotKey, Month] = {}
    for lk in pg.links:
        src, dst = slot_of(pg, lk.src), slot_of(pg, lk.dst)
        sn, dn = pg.nodes.get(lk.src), pg.nodes.get(lk.dst)
        if sn is None or dn is None or sn.date is None or dn.date is None or sn.date.is_na or dn.date.is_na:
            continue
        if (src is not None and src not in slots) or (dst is not None and dst not in slots):
            continue
        if dst is None:  # by a national date (a deadline)
            assert src is not None
            month = dn.date.hi
            if deadline_limit is not None and str(lk.dst[2]).startswith("deadline"):
                month = max(month, deadline_limit)
            gaps.append(Gap(src, month, lk.min_months, lk.rule, lk.dst))
            if src[1] == GO_LIVE:
                deadline[src] = min(deadline.get(src, month), month)
            continue
        if slots[dst].done:
            continue  # a done phase after a planned one: not a schedule to fix (the checker says so)
        gaps.append(Gap(src if src is not None else sn.date.hi, dst, lk.min_months, lk.rule, lk.src))
    budgets = []
    for lane in lanes(plan):
        vs, mp = _lane_slot(pg, lane, "vendor_selection"), _lane_slot(pg, lane, "migration_plan")
        if (
            vs is None
            or mp is None
            or vs not in slots
            or mp not in slots
            or (lane is not None and vs[0] is None and mp[0] is None)
        ):
            continue
        v, m = slots[vs], slots[mp]
        if v.date.precision not in (Precision.MONTH, Precision.FISCAL_YEAR) or m.date.is_done or v.done or m.done:
            continue
        budgets.append(Budget(vs, mp))
    return Problem(plan, slots, gaps, _unique(budgets), nat.budget_request_month, as_of, deadline)


def _lane_slot(pg: PlanGraph, lane: str | None, phase: str) -> SlotKey | None:
    return slot_of(pg, ("phase", lane, phase)) if ("phase", lane, phase) in pg.nodes else None


def _unique(items: list[Budget]) -> list[Budget]:
    return list(dict.fromkeys(items))


__all__ = ["GO_LIVE", "Budget", "Gap", "Problem", "Slot", "SlotKey", "build_problem", "slot_of"]
