"""Which months a phase can move to without creating another finding of its links: the
bounds that advice must respect ("finish X by …" is offered only where X can finish then).

``earliest`` looks at what a phase waits for (its predecessors as planned, the national
dates, the evaluation month for a phase not yet done); ``latest`` at what waits for it (its
successors as planned, the deadline). Both name what holds the bound, so a finding can say
what must move instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.checks.context import Context
from model.checks.graph import Link, Node, NodeKey, PlanGraph
from model.checks.rules.national_dates import national_words
from model.core.dates import Month, Precision, fiscal_year_of, month_of, render_month
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Bound:
    month: Month
    holder: Words  # what holds the bound: "標準仕様との比較分析(R7.6)", "the deadline R8.3"
    key: NodeKey | None = None  # the phase that holds it (None: a national date, the evaluation date, the budget)
    lag: int = 0  # months between the holder and the phase


def is_done(cx: Context, key: NodeKey) -> bool:
    """A phase written 完了, or with status done: it never moves."""
    node = cx.graph.nodes.get(key) if cx.graph else None
    if node is not None and node.date is not None and node.date.is_done:
        return True
    e = cx.plan.entry(str(key[2]), key[1]) if key[0] == "phase" else None
    return e is not None and e.status == "done"


def earliest(cx: Context, pg: PlanGraph, key: NodeKey, skip: NodeKey | None = None) -> Bound | None:
    """The earliest month ``key`` can complete without breaking a link into it (``skip``: the
    predecessor whose conflict is being fixed)."""
    best: Bound | None = None
    for lk in pg.links:
        if lk.dst != key or lk.src == skip:
            continue
        n = pg.nodes.get(lk.src)
        if n is None or n.date is None or n.date.is_na:
            continue
        # a year-only neighbour can still be any month of its year: its earliest one binds
        m = (n.date.lo if n.date.precision is Precision.FISCAL_YEAR else n.date.hi) + lk.min_months
        if best is None or m > best.month:
            best = Bound(m, _holder(cx, lk.src, n, [lk]), lk.src if lk.src[0] == "phase" else None, lk.min_months)
    if cx.as_of is not None and not is_done(cx, key) and (best is None or cx.as_of > best.month):
        best = Bound(cx.as_of, Words("評価日", "the evaluation date"))
    return best


def latest(cx: Context, pg: PlanGraph, key: NodeKey, skip: NodeKey | None = None) -> Bound | None:
    """The latest month ``key`` can complete without breaking a link out of it."""
    best: Bound | None = None
    for lk in pg.links:
        if lk.src != key or lk.dst == skip:
            continue
        n = pg.nodes.get(lk.dst)
        if n is None or n.date is None or n.date.is_na or n.date.is_done:
            continue
        # a national date is fixed; a year-only neighbour can still be any month of its year
        m = (
            n.date.hi if lk.dst[0] == "national" or n.date.precision is Precision.FISCAL_YEAR else n.date.lo
        ) - lk.min_months
        if best is None or m < best.month:
            best = Bound(m, _holder(cx, lk.dst, n, [lk]), lk.dst if lk.dst[0] == "phase" else None, lk.min_months)
    # the budget cycle: a migration plan is done by the budget request before the contract
    vs = pg.nodes.get(("phase", key[1], "vendor_selection")) if key[2] == "migration_plan" else None
    if vs is not None and vs.date is not None and vs.date.precision in (Precision.MONTH, Precision.FISCAL_YEAR):
        m = month_of(fiscal_year_of(vs.date.lo) - 1, cx.nat.budget_request_month)
        if best is None or m < best.month:
            n = cx.names("vendor_selection", key[1])
            r = render_month(m)
            best = Bound(
                m, Words(f"{n.ja}({vs.date})の予算要求({r})", f"the budget request ({r}) for {n.en} ({vs.date})")
            )
    return best


def _holder(cx: Context, key: NodeKey, node: Node, links: list[Link]) -> Words:
    assert node.date is not None
    if key[0] == "phase" and key[2]:
        n = cx.names(key[2], key[1])
        return Words(f"{n.ja}({node.date})", f"{n.en} ({node.date})")
    what = national_words(cx, str(key[2]), links)
    text = render_month(node.date.hi)
    return Words(f"{what.ja}({text})", f"{what.en} ({text})")


__all__ = ["Bound", "earliest", "is_done", "latest"]
