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


class _Model:
    """Columns and rows collected in Python lists, handed to HiGHS in one ``passModel``
    (a call per row cost as much as the solve)."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.cost: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.start: list[int] = [0]
        self.index: list[int] = []
        self.value: list[float] = []

    def var(self, lo: float, hi: float, cost: float = 0.0) -> int:
        self.lower.append(lo)
        self.upper.append(hi)
        self.cost.append(cost)
        return len(self.lower) - 1

    def row(self, lo: float, hi: float, terms: list[tuple[int, float]]) -> None:
        self.row_lower.append(lo)
        self.row_upper.append(hi)
        for c, v in terms:
            self.index.append(c)
            self.value.append(v)
        self.start.append(len(self.index))

    def run(self) -> list[float] | None:
        import highspy

        h = highspy._Highs()  # the plain core: the Python wrapper prints a banner on stdout
        # exact (zero gap); symmetry detection and the feasibility-jump heuristic cost more
        # than they save on models of a few hundred columns (about 30% of the solve)
        options = (
            ("output_flag", False),
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", 0.5),
            ("threads", 1),
            ("mip_detect_symmetry", False),
            ("mip_heuristic_run_feasibility_jump", False),
        )
        for name, value in options:
            h.setOptionValue(name, value)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(self.lower), len(self.row_lower)
        lp.col_lower_, lp.col_upper_, lp.col_cost_ = self.lower, self.upper, self.cost
        lp.row_lower_, lp.row_upper_ = self.row_lower, self.row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = self.start, self.index, self.value
        lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
        h.passModel(lp)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return list(h.getSolution().col_value)


def solve(pb: Problem) -> Solution | None:
    """The lexicographic optimum, or None when no schedule satisfies every constraint."""
    inf = float("inf")
    free = [s for s in pb.slots.values() if not s.fixed]
    n_free = len(free)
    w_moved = 1
    w_changed = w_moved * (n_free * _SPAN + 1)
    w_delay = w_changed * (n_free + 1)
    md = _Model()
    var, row = md.var, md.row
    big = float(_SPAN)
    lo_of: dict[SlotKey, int] = {}
    hi_of: dict[SlotKey, int] = {}
    changed_of: dict[SlotKey, int] = {}
    for s in free:
        lo0, hi0 = float(s.lo0), float(s.hi0)
        c = var(0, 1, w_changed)
        d = var(0, _SPAN, w_moved)  # months moved: the distance from the written interval
        changed_of[s.key] = c
        if lo0 == hi0:  # a month: one variable; moved iff changed
            x = var(LOW, HIGH)
            lo_of[s.key] = hi_of[s.key] = x
            row(-lo0, inf, [(d, 1.0), (x, -1.0)])  # d >= x - m0
            row(lo0, inf, [(d, 1.0), (x, 1.0)])  # d >= m0 - x
            row(-inf, 0.0, [(d, 1.0), (c, -big)])  # d > 0 only if changed
        else:  # a fiscal year: as written, or changed to one month
            lo_v, hi_v = var(LOW, HIGH), var(LOW, HIGH)
            lo_of[s.key], hi_of[s.key] = lo_v, hi_v
            row(-inf, lo0, [(lo_v, 1.0), (c, -big)])  # lo - lo0 <= big*c
            row(lo0, inf, [(lo_v, 1.0), (c, big)])  # lo0 - lo <= big*c
            row(-inf, hi0, [(hi_v, 1.0), (c, -big)])
            row(hi0, inf, [(hi_v, 1.0), (c, big)])
            row(-inf, hi0 - lo0, [(hi_v, 1.0), (lo_v, -1.0), (c, hi0 - lo0)])  # hi - lo <= (hi0-lo0)(1-c)
            row(0.0, inf, [(hi_v, 1.0), (lo_v, -1.0)])
            row(-hi0, inf, [(d, 1.0), (lo_v, -1.0)])  # d >= lo - hi0
            row(lo0, inf, [(d, 1.0), (hi_v, 1.0)])  # d >= lo0 - hi
        if pb.as_of is not None:  # a changed date is not before the evaluation month
            row(pb.as_of - big, inf, [(lo_of[s.key], 1.0), (c, -big)])
        if s.key[1] == GO_LIVE:
            e = var(0, _SPAN, w_delay)
            row(-hi0, inf, [(e, 1.0), (hi_of[s.key], -1.0)])  # e >= hi - hi0
    fixed = {k: s for k, s in pb.slots.items() if s.fixed}

    def side(x: SlotKey | Month, of: dict[SlotKey, int], high: bool) -> tuple[list[tuple[int, float]], float]:
        """A side of a gap as (terms, constant): its hi (``high``) or lo."""
        if isinstance(x, int):
            return [], float(x)
        if x in fixed:
            return [], float(fixed[x].hi0 if high else fixed[x].lo0)
        return [(of[x], 1.0)], 0.0

    for g in pb.gaps:
        a_terms, a_const = side(g.src, hi_of, True)
        b_terms, b_const = side(g.dst, lo_of, False)
        need = g.months - b_const + a_const
        if not a_terms and not b_terms:
            if need > 0:
                return None  # two fixed dates contradict: nothing can move to fix it
            continue
        row(need, inf, b_terms + [(c, -v) for c, v in a_terms])
    bm = pb.budget_month
    for b in pb.budgets:
        # fy = the fiscal year of vendor.lo: 12 fy + 3 <= lo <= 12 fy + 14; plan.hi <= 12 (fy - 1) + bm - 1
        fy = var(LOW // 12 - 2, HIGH // 12 + 2)
        v_terms, v_const = side(b.vendor, lo_of, False)
        p_terms, p_const = side(b.plan, hi_of, True)
        row(3.0 - v_const, 14.0 - v_const, [*v_terms, (fy, -12.0)])
        row(-inf, bm - 13.0 - p_const, [*p_terms, (fy, -12.0)])
    x = md.run()
    if x is None:
        return None
    lo = {k: round(x[i]) for k, i in lo_of.items()}
    hi = {k: round(x[i]) for k, i in hi_of.items()}
    for k, s in fixed.items():
        lo[k], hi[k] = s.lo0, s.hi0
    changed = frozenset(
        k for k, i in changed_of.items() if round(x[i]) == 1 and (lo[k], hi[k]) != (pb.slots[k].lo0, pb.slots[k].hi0)
    )
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
