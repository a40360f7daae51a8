"""A plan's re-plan as a proposal: the edits to its file, safe or unsafe, and why.

- **safe**: moves only phases before the go-live and keeps every go-live month;
- **unsafe**: moves a go-live (the earliest feasible, with the chain of constraints that binds
  it), or needs an extended deadline (特定移行支援システム) because no schedule meets the
  deadline as of the evaluation date;
- **infeasible**: no schedule exists even within the extended-deadline limit (with the chain).

Edits keep the planner's notation family (``R5.9`` stays R-style, ``2023-09`` ISO,
``令和5年9月`` kanji); a year-only date becomes a month only where it has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from model.checks.context import Context
from model.checks.graph import PlanGraph, build
from model.checks.rules.national_dates import national_words
from model.core.dates import Month, Style, render_month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.replan.problem import GO_LIVE, Problem, SlotKey, build_problem
from model.replan.solver import Solution, solve, tight_gaps


class Safety(StrEnum):
    NONE = "none"  # nothing to change
    SAFE = "safe"
    UNSAFE = "unsafe"  # a go-live moves (within its deadline)
    EXTENDED = "extended"  # a go-live needs an extended deadline
    INFEASIBLE = "infeasible"


@dataclass(frozen=True, slots=True)
class Edit:
    """One date value changed in a plan file, at the place of its value."""

    file: str
    line: int
    col: int
    business: str | None
    phase: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Proposal:
    file: str
    municipality: str
    safety: Safety
    edits: tuple[Edit, ...] = ()
    chain: Words | None = None  # what binds the earliest go-live (unsafe, infeasible)
    moved: int = 0  # months moved in total
    go_lives: tuple[tuple[SlotKey, Month, Month], ...] = field(default=())  # (slot, planned hi, new hi)

    @property
    def safe(self) -> bool:
        return self.safety is Safety.SAFE


def replan(plan: Plan, nat: National, as_of: Month | None, graph: PlanGraph | None = None) -> Proposal:
    """The proposal for one plan (``graph``: its graph when already built)."""
    pg = graph or build(plan, nat)
    p = plan
    # The go-lives free first: its optimum says which kind of fix exists. Delay 0 with every
    # go-live kept is also the safe optimum (a safe fix is a restriction of it); a delay means
    # no safe fix exists; only a go-live moved earlier needs the safe problem solved too.
    pb = build_problem(pg, nat, as_of, move_go_lives=True)
    sol = solve(pb)
    if sol is not None:
        safety = Safety.SAFE if sol.delay == 0 else Safety.UNSAFE
        if safety is Safety.SAFE and any(k[1] == GO_LIVE for k in sol.changed):
            safe_pb = build_problem(pg, nat, as_of, move_go_lives=False)
            if (safe_sol := solve(safe_pb)) is not None:
                pb, sol = safe_pb, safe_sol
            else:
                safety = Safety.UNSAFE
        return _proposal(pg, nat, as_of, pb, sol, safety)
    limit = nat.extended_deadline_limit
    if limit is not None:
        pb = build_problem(pg, nat, as_of, move_go_lives=True, deadline_limit=limit.hi)
        sol = solve(pb)
        if sol is not None:
            return _proposal(pg, nat, as_of, pb, sol, Safety.EXTENDED)
    # none even within the limit: the chain to the earliest go-live without any deadline
    pb = build_problem(pg, nat, as_of, move_go_lives=True, deadline_limit=_NO_DEADLINE)
    sol = solve(pb)
    chain = (
        _chain(pg, nat, as_of, pb, sol)
        if sol is not None
        else Words("固定された日付どうしが矛盾しています", "fixed dates contradict each other")
    )
    return Proposal(p.file, p.municipality, Safety.INFEASIBLE, chain=chain)


_NO_DEADLINE: Month = 10**6


def _proposal(
    pg: PlanGraph, nat: National, as_of: Month | None, pb: Problem, sol: Solution, safety: Safety
) -> Proposal:
    p = pg.plan
    edits = _edits(pb, sol)
    if not edits and safety is not Safety.EXTENDED:  # extended: the dates fit, the deadline does not
        return Proposal(p.file, p.municipality, Safety.NONE)
    lives = tuple((k, pb.slots[k].hi0, sol.hi[k]) for k in sorted(sol.changed, key=_order) if k[1] == GO_LIVE)
    chain = _chain(pg, nat, as_of, pb, sol) if safety is not Safety.SAFE else None
    return Proposal(p.file, p.municipality, safety, edits, chain, sol.moved, lives)


def _order(k: SlotKey) -> tuple[str, str]:
    return (k[0] or "", k[1])


def _edits(pb: Problem, sol: Solution) -> tuple[Edit, ...]:
    out = []
    for k in sorted(sol.changed, key=_order):
        s = pb.slots[k]
        e = pb.plan.entry(k[1], k[0])
        assert e is not None
        new = render_month(sol.lo[k], s.date.style if s.date.style is not Style.WORD else Style.ERA)
        if new != s.date.text:
            out.append(Edit(e.place.file, e.place.line, e.place.col, k[0], k[1], s.date.text, new))
    return tuple(sorted(out, key=lambda x: (x.line, x.col)))


def _chain(pg: PlanGraph, nat: National, as_of: Month | None, pb: Problem, sol: Solution) -> Words:
    """The constraints that bind the latest go-live, from where they start: "評価日 R8.12 →
    ベンダ選定 ≥ R9.2 → 移行完了 ≥ R10.2"."""
    cx = Context(pb.plan, nat, as_of, pg)
    lives = [k for k in pb.slots if k[1] == GO_LIVE]
    if not lives:
        return Words("", "")
    cur: SlotKey = max(lives, key=lambda k: sol.hi[k])
    tight = tight_gaps(pb, sol)
    steps: list[Words] = []
    seen: set[SlotKey] = set()
    while cur not in seen:
        seen.add(cur)
        n = cx.names(cur[1], cur[0])
        month = render_month(sol.lo[cur])
        steps.append(Words(f"{n.ja} ≥ {month}", f"{n.en} ≥ {month}"))
        into = next((g for g in tight if g.dst == cur), None)
        if into is None:
            if as_of is not None and sol.lo[cur] == as_of and cur in sol.changed:
                steps.append(Words(f"評価日 {render_month(as_of)}", f"the evaluation date {render_month(as_of)}"))
            break
        if isinstance(into.src, int):
            what = national_words(cx, str(into.what[2]), [lk for lk in pg.links if lk.src == into.what])
            steps.append(Words(f"{what.ja} {render_month(into.src)}", f"{what.en} {render_month(into.src)}"))
            break
        cur = into.src
    steps.reverse()
    return Words(" → ".join(s.ja for s in steps), " → ".join(s.en for s in steps))


__all__ = ["Edit", "Proposal", "Safety", "replan"]
