"""Checking one plan: every constraint of its graph, then every plan-level rule; then the
plan's suppressions (``[[ignore]]``), without changing the plan.

The link pass is the hot loop of ``plans lint`` (about 200 links per plan): interval tests
are written out inline and a rule's hook (which renders names and words) runs only for a
conflict. A conflict that holds for every month inside the written intervals is certain;
one that holds only for some is possible (``Context.add`` lowers it and says why).
"""

from __future__ import annotations

from model.checks import graph as g
from model.checks.context import Context
from model.checks.finding import Finding
from model.checks.registry import PLAN_CHECKS, RULES
from model.checks.rule import ORDER_RULE
from model.checks.rules.pl013_unused_suppression import RULE as PL013
from model.checks.rules.pl013_unused_suppression import unused
from model.core.dates import Month, Precision, Truth, after_month, before_month
from model.core.national import National
from model.core.plan import Plan, Suppression


def check_plan(
    plan: Plan, nat: National, as_of: Month | None = None, graph: g.PlanGraph | None = None
) -> list[Finding]:
    """All findings for one plan, before suppressions (``lint_plan`` applies them)."""
    cx = Context(plan, nat, as_of, graph or g.build(plan, nat))
    _check_links(cx, cx.graph)
    for rule in PLAN_CHECKS:
        assert rule.check is not None
        rule.check(cx)
    return cx.out


def lint_plan(
    plan: Plan, nat: National, as_of: Month, enabled: set[str] | None = None, graph: g.PlanGraph | None = None
) -> list[Finding]:
    """The findings of one plan as ``plans lint`` reports them: only the enabled rules,
    suppressions applied (an unused one is PL013), sorted by place."""
    findings = check_plan(plan, nat, as_of, graph)
    if enabled is not None:
        findings = [f for f in findings if f.code in enabled]
    findings = apply_suppressions(plan, findings, enabled)
    return sorted(findings, key=Finding.sort_key)


def apply_suppressions(plan: Plan, findings: list[Finding], enabled: set[str] | None) -> list[Finding]:
    """Drop findings that an [[ignore]] covers; report each unused suppression (PL013) when
    PL013 and the suppressed rule are enabled. The plan is not changed."""
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = next((i for i, s in enumerate(plan.ignores) if s.matches(f.code, f.phase, f.business)), None)
        if hit is not None:
            used.add(hit)
            continue
        kept.append(f)
    if enabled is None or PL013.code in enabled:
        kept.extend(unused(plan, s) for i, s in enumerate(plan.ignores) if i not in used and _enabled(s, enabled))
    return kept


def _enabled(s: Suppression, enabled: set[str] | None) -> bool:
    """An unused suppression is reported when its rule runs, or when no rule has its code
    (it can never match: a typing error)."""
    return enabled is None or s.rule in enabled or s.rule not in RULES


def _check_links(cx: Context, pg: g.PlanGraph) -> None:
    # national constraints on one phase: only the binding (latest) one of each kind is
    # reported, naming every group that shares its month (spec groups often share R4.8).
    binding: dict[tuple[g.NodeKey, str, str], list[tuple[g.Link, g.Node]]] = {}
    # the earliest month each phase can complete given the national timeline, so that a fix
    # never suggests finishing a phase before its spec or platform exists (computed at the
    # first order conflict: most plans have none)
    earliest: dict[g.NodeKey, Month] | None = None
    get = pg.nodes.get
    na = Precision.NA
    certain, possible = Truth.CERTAIN, Truth.POSSIBLE
    kinds = _KINDS
    order = RULES[ORDER_RULE].order
    assert order is not None
    for link in pg.links:
        ls = link.src
        src, dst = get(ls), get(link.dst)
        if src is None or dst is None:
            continue
        a, b = src.date, dst.date
        if a is None or b is None or a.precision is na or b.precision is na:
            continue
        if link.dst[0] == "national":  # phase `a` by the national date `b`
            if t := after_month(a, b.hi - link.min_months):
                hook = RULES[link.rule].by
                assert hook is not None
                hook(cx, link, src, dst, t)
            continue
        if ls[0] == "national":
            # only a constraint later than the phase's earliest month can bind (and the
            # latest ones, which are reported, are among those)
            if b.lo < a.hi + link.min_months:
                bkey = (link.dst, link.rule, kinds.get(ls[2]) or _kind(ls[2]))
                items = binding.get(bkey)
                if items is None:
                    binding[bkey] = [(link, src)]
                else:
                    items.append((link, src))
            continue
        # b before a: an order conflict
        if b.hi < a.lo or b.lo < a.hi:
            if earliest is None:
                earliest = _earliest(pg)
            order(cx, link, src, dst, certain if b.hi < a.lo else possible, earliest.get(ls))
            continue
        mm = link.min_months
        if mm > 0 and b.lo - a.hi < mm:
            hook = RULES[link.rule].lead
            assert hook is not None
            hook(cx, link, src, dst, certain if b.hi - a.lo < mm else possible)
    if binding:
        _report_binding(cx, pg, binding)


def _report_binding(
    cx: Context, pg: g.PlanGraph, binding: dict[tuple[g.NodeKey, str, str], list[tuple[g.Link, g.Node]]]
) -> None:
    groups = list(binding.items())
    if len(groups) > 1:
        # report in the order each group's first link (binding or not) comes in the graph
        first: dict[tuple[g.NodeKey, str, str], int] = {}
        for i, link in enumerate(pg.links):
            if link.src[0] == "national":
                first.setdefault((link.dst, link.rule, _kind(link.src[2])), i)
        groups.sort(key=lambda kv: first[kv[0]])
    # the month a phase must move to is the latest of every national date its rule waits
    # for (two PL004 on one go-live, the packages and the cloud, give one month)
    move_to: dict[tuple[g.NodeKey, str], Month] = {}
    for (dkey, rule, _), items in groups:
        ready = max(n.date.hi + lk.min_months for lk, n in items if n.date)
        move_to[(dkey, rule)] = max(move_to.get((dkey, rule), ready), ready)
    for (dkey, rule, _), items in groups:
        dst = pg.nodes[dkey]
        if dst.date is None or dst.date.is_na:
            continue
        ready = max(n.date.hi + lk.min_months for lk, n in items if n.date)
        if t := before_month(dst.date, ready):
            # every date of this kind the phase is before (a business's own spec too), earliest first
            late = sorted(
                ((lk, n) for lk, n in items if n.date and before_month(dst.date, n.date.hi + lk.min_months)),
                key=lambda x: x[1].date.hi + x[0].min_months,
            )  # type: ignore[union-attr]
            top = [x for x in late if x[1].date and x[1].date.hi + x[0].min_months == ready]
            hook = RULES[rule].after_national
            assert hook is not None
            hook(cx, [lk for lk, _ in late], top[0][1], dst, t, move_to[(dkey, rule)])


_KINDS: dict[str | None, str] = {}


def _kind(mid: str | None) -> str:
    """``spec`` for ``spec.group2``: the kind of a national milestone (memoised)."""
    k = _KINDS.get(mid)
    if k is None:
        k = _KINDS[mid] = (mid or "").split(".")[0]
    return k


def _earliest(pg: g.PlanGraph) -> dict[g.NodeKey, Month]:
    earliest: dict[g.NodeKey, Month] = {}
    for link in pg.links:
        if link.src[0] == "national" and (n := pg.nodes.get(link.src)) and n.date:
            m = n.date.hi + link.min_months
            earliest[link.dst] = max(earliest.get(link.dst, m), m)
    return earliest


__all__ = ["apply_suppressions", "check_plan", "lint_plan"]
