"""Solving a :class:`~model.replan.problem.Problem` exactly with HiGHS (``highspy``).

One MILP per plan with a lexicographic objective folded into integer weights:

1. the go-lives' total delay past their planned month (an unsafe fix only),
2. the number of changed dates,
3. the months they move in total (distance from the written interval).

Each weight exceeds the largest possible value of everything below it, and the MIP gap is
zero, so the optimum of the weighted sum is the lexicographic optimum. HiGHS was chosen over
OR-Tools CP-SAT for its size (a 3 MB wheel against 30 MB plus protobuf) on problems of at
most a few hundred integer variables; the figures are in the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.core.dates import Month
from model.replan.problem import GO_LIVE, HIGH, LOW, Gap, Problem, SlotKey

_SPAN = HIGH - LOW + 24


@dataclass(frozen=True, slots=True)
class Solution:
    lo: dict[SlotKey, Month]
    hi: dict[SlotKey, Month]
    changed: frozenset[SlotKey]
    delay: int  # months of go-live delay in total
    moved: int  # months moved in total


def solve(pb: Problem) -> Solution | None:
    """The lexicographic optimum, or None when no schedule satisfies every constraint."""
    import highspy

    h = highspy._Highs()  # the plain core: the Python wrapper prints a banner on stdout
    for name, value in (("output_flag", False), ("mip_rel_gap", 0.0), ("mip_abs_gap", 0.5), ("threads", 1)):
        h.setOptionValue(name, value)
    inf = highspy.kHighsInf
    integer = highspy.HighsVarType.kInteger
    free = [s for s in pb.slots.values() if not s.fixed]
    n_free = len(free)
    w_moved = 1
    w_changed = w_moved * (n_free * _SPAN + 1)
    w_delay = w_changed * (n_free + 1)
    cols = 0

    def var(lo: float, hi: float, cost: float = 0.0) -> int:
        nonlocal cols
        h.addVar(lo, hi)
        h.changeColIntegrality(cols, integer)
        if cost:
            h.changeColCost(cols, cost)
        cols += 1
        return cols - 1

    def row(lo: float, hi: float, terms: list[tuple[int, float]]) -> None:
        h.addRow(lo, hi, len(terms), [c for c, _ in terms], [v for _, v in terms])

    lo_of: dict[SlotKey, int] = {}
    hi_of: dict[SlotKey, int] = {}
    changed_of: dict[SlotKey, int] = {}
    for s in free:
        lo0, hi0 = s.lo0, s.hi0
        lo_v, hi_v, c = var(LOW, HIGH), var(LOW, HIGH), var(0, 1, w_changed)
        lo_of[s.key], hi_of[s.key], changed_of[s.key] = lo_v, hi_v, c
        big = _SPAN
        # unchanged: exactly the written interval; changed: one month
        row(-inf, lo0 + 0.0, [(lo_v, 1.0), (c, -big)])  # lo - lo0 <= big*c
        row(lo0 + 0.0, inf, [(lo_v, 1.0), (c, big)])  # lo0 - lo <= big*c
        row(-inf, hi0 + 0.0, [(hi_v, 1.0), (c, -big)])
        row(hi0 + 0.0, inf, [(hi_v, 1.0), (c, big)])
        row(-inf, hi0 - lo0 + 0.0, [(hi_v, 1.0), (lo_v, -1.0), (c, hi0 - lo0 + 0.0)])  # hi - lo <= (hi0-lo0)(1-c)
        row(0.0, inf, [(hi_v, 1.0), (lo_v, -1.0)])
        # the months moved: the distance of the chosen interval from the written one
        d = var(0, _SPAN, w_moved)
        row(-hi0 + 0.0, inf, [(d, 1.0), (lo_v, -1.0)])  # d >= lo - hi0
        row(lo0 + 0.0, inf, [(d, 1.0), (hi_v, 1.0)])  # d >= lo0 - hi
        if pb.as_of is not None:  # a changed date is not before the evaluation month
            row(pb.as_of - big + 0.0, inf, [(lo_v, 1.0), (c, -big + 0.0)])
        if s.key[1] == GO_LIVE:
            e = var(0, _SPAN, w_delay)
            row(-hi0 + 0.0, inf, [(e, 1.0), (hi_v, -1.0)])  # e >= hi - hi0
    fixed = {k: s for k, s in pb.slots.items() if s.fixed}

    def side_lo(x: SlotKey | Month) -> tuple[list[tuple[int, float]], float]:
        """dst.lo as (terms, constant)."""
        if isinstance(x, int):
            return [], float(x)
        if x in fixed:
            return [], float(fixed[x].lo0)
        return [(lo_of[x], 1.0)], 0.0

    def side_hi(x: SlotKey | Month) -> tuple[list[tuple[int, float]], float]:
        if isinstance(x, int):
            return [], float(x)
        if x in fixed:
            return [], float(fixed[x].hi0)
        return [(hi_of[x], 1.0)], 0.0

    for g in pb.gaps:
        a_terms, a_const = side_hi(g.src)
        b_terms, b_const = side_lo(g.dst)
        terms = b_terms + [(c, -v) for c, v in a_terms]
        need = g.months - b_const + a_const
        if not terms:
            if need > 0:
                return None  # two fixed dates contradict: nothing can move to fix it
            continue
        row(need, inf, terms)
    bm = pb.budget_month
    for b in pb.budgets:
        # fy = the fiscal year of vendor.lo: 12 fy + 3 <= lo <= 12 fy + 14; plan.hi <= 12 (fy - 1) + bm - 1
        fy = var(LOW // 12 - 2, HIGH // 12 + 2)
        v_terms, v_const = side_lo(b.vendor)
        p_terms, p_const = side_hi(b.plan)
        row(3.0 - v_const, inf, [*v_terms, (fy, -12.0)]) if v_terms else row(-inf, v_const - 3.0, [(fy, 12.0)])
        row(-inf, 14.0 - v_const, [*v_terms, (fy, -12.0)]) if v_terms else row(v_const - 14.0, inf, [(fy, 12.0)])
        row(-inf, bm - 13.0 - p_const, [*p_terms, (fy, -12.0)])
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = h.getSolution().col_value
    lo = {k: round(x[i]) for k, i in lo_of.items()}
    hi = {k: round(x[i]) for k, i in hi_of.items()}
    for k, s in fixed.items():
        lo[k], hi[k] = s.lo0, s.hi0
    changed = frozenset(k for k, i in changed_of.items() if round(x[i]) == 1 and (lo[k], hi[k]) != (pb.slots[k].lo0, pb.slots[k].hi0))
    delay = sum(max(0, hi[k] - pb.slots[k].hi0) for k in pb.slots if k[1] == GO_LIVE)
    moved = sum(max(0, lo[k] - pb.slots[k].hi0, pb.slots[k].lo0 - hi[k]) for k in changed)
    return Solution(lo, hi, changed, delay, moved)


def tight_gaps(pb: Problem, sol: Solution) -> list[Gap]:
    """The constraints the solution meets with no month to spare (for a binding chain)."""
    out = []
    for g in pb.gaps:
        a = g.src if isinstance(g.src, int) else sol.hi[g.src]
        b = g.dst if isinstance(g.dst, int) else sol.lo[g.dst]
        if b - a == g.months:
            out.append(g)
    return out


__all__ = ["Solution", "solve", "tight_gaps"]
