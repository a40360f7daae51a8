"""A plan as a dependency graph of phases against the national timeline.

Nodes are the plan's phases — the municipal line, and a line per business that has its own
schedule or deadline — and the national nodes they depend on (spec releases, vendor
packages, the Government Cloud, the deadline). Every edge says "``dst`` completes at least
``min_months`` after ``src``" and names the rule that reports a violation, so one
mechanism checks order, lead times, spec/vendor/cloud readiness and deadlines.

``links()`` is plain Python (the hot path of ``plans lint``); ``to_networkx()`` gives the
same graph as a ``networkx.DiGraph`` for cycles and the backward pass (``slack``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import Month, PlanDate, Precision, Style, fiscal_year_of, month_of
from .errors import Place
from .national import National, national_milestone_dates

if TYPE_CHECKING:
    import networkx as nx

    from .plan import Plan

NodeKey = tuple[str, str | None, str | None]
"""``("phase", business | None, phase_id)`` or ``("national", None, milestone_id)``."""


def phase_key(phase: str, business: str | None = None) -> NodeKey:
    return ("phase", business, phase)


def national_key(mid: str) -> NodeKey:
    return ("national", None, mid)


@dataclass(frozen=True, slots=True)
class Node:
    key: NodeKey
    date: PlanDate | None
    own: bool  # written for this line (a business row's own value, or the municipal line)
    place: Place | None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    src: NodeKey
    dst: NodeKey
    min_months: int
    rule: str  # PL001 deadline, PL002 order, PL003 spec, PL004 platform, PL005 lead time
    severity: str | None = None  # overrides the rule's default (from the phase template)
    declared: bool = False  # from the plan's [[depends]]
    place: Place | None = None


@dataclass(slots=True)
class PlanGraph:
    plan: Plan
    nodes: dict[NodeKey, Node]
    links: list[Link]
    budget_request_month: int = 10

    def to_networkx(self) -> nx.DiGraph:
        import networkx as nx

        g = nx.DiGraph()
        for k, n in self.nodes.items():
            g.add_node(k, date=n.date, own=n.own, label=n.label)
        for e in self.links:
            if g.has_edge(e.src, e.dst) and g.edges[e.src, e.dst]["min_months"] >= e.min_months:
                continue
            g.add_edge(e.src, e.dst, min_months=e.min_months, rule=e.rule)
        return g


def lanes(plan: Plan) -> list[str | None]:
    """The municipal line (None) and each business with its own table."""
    return [None, *plan.businesses]


def lane_businesses(plan: Plan, nat: National, lane: str | None, phase: str) -> list[str]:
    """Businesses whose ``phase`` this line's node stands for."""
    if lane is not None:
        return [lane]
    return [b for b in nat.businesses if not (b in plan.businesses and phase in plan.businesses[b].phases)]


def build(plan: Plan, nat: National) -> PlanGraph:
    nodes: dict[NodeKey, Node] = {}
    links: list[Link] = []
    ndates = national_milestone_dates(nat)
    phase_ids = [p.id for p in nat.phases]

    def nat_node(mid: str, label: str) -> NodeKey:
        k = national_key(mid)
        if k not in nodes:
            m = ndates[mid]
            nodes[k] = Node(k, PlanDate(m, m, Precision.MONTH, Style.ERA, mid), False, None, label)
        return k

    for lane in lanes(plan):
        bp = plan.businesses.get(lane) if lane else None
        strategy = plan.strategy_of(lane)
        present: list[str] = []
        for pid in phase_ids:
            e = plan.entry(pid, lane)
            if e is None or e.date is None:
                continue
            own = lane is None or (bp is not None and pid in bp.phases)
            nodes[phase_key(pid, lane)] = Node(phase_key(pid, lane), e.date, own, e.place, pid)
            if not e.date.is_na:
                present.append(pid)

        # template edges, bridging over phases that do not apply (現行ベンダで標準化)
        tmpl = [e for e in nat.edges if e.when in (None, strategy)]
        best: dict[tuple[str, str], Link] = {}

        def add(src: str, dst: str, mm: int, sev: str | None, best: dict[tuple[str, str], Link] = best, lane: str | None = lane) -> None:
            cur = best.get((src, dst))
            if cur is None or mm > cur.min_months:
                best[(src, dst)] = Link(phase_key(src, lane), phase_key(dst, lane), mm, "PL005" if mm > 0 else "PL002", sev)

        preds: dict[str, list[tuple[str, int, str | None]]] = {}
        for e in tmpl:
            preds.setdefault(e.dst, []).append((e.src, e.min_months, e.severity))

        for pid in present:
            for src, mm, sev in _real_preds(pid, preds, present):
                add(src, pid, mm, sev)
        for link in best.values():
            if lane is None or nodes[link.src].own or nodes[link.dst].own:
                links.append(link)

        # national edges
        own_phases = set(phase_ids) if lane is None else set(bp.phases if bp else ())

        def own(pid: str, own_phases: set[str] = own_phases) -> bool:
            return pid in own_phases

        if "fit_gap" in present and own("fit_gap"):
            bids = lane_businesses(plan, nat, lane, "fit_gap")
            if bids:
                for g in nat.spec_groups_for(bids):
                    links.append(Link(nat_node(f"spec.{g.id}", g.name), phase_key("fit_gap", lane), 0, "PL003"))
        if "migration" in present:
            bids = lane_businesses(plan, nat, lane, "migration")
            if own("migration") and bids:
                for g in nat.spec_groups_for(bids):
                    links.append(Link(nat_node(f"vendor.{g.id}", g.name), phase_key("migration", lane), 0, "PL004"))
            deadline = plan.deadline_of(lane, nat)
            if own("migration") or deadline is not nat.deadline:
                dk = national_key("deadline" if deadline is nat.deadline else f"deadline.{lane}")
                if dk not in nodes:
                    nodes[dk] = Node(dk, deadline, False, None, "deadline")
                links.append(Link(phase_key("migration", lane), dk, 0, "PL001"))
        for m in nat.milestones:
            if m.gates and m.gates in present and own(m.gates):
                links.append(Link(nat_node(m.id, m.name), phase_key(m.gates, lane), 0, m.rule))

    for dep in plan.depends:
        src = national_key(dep.src.national) if dep.src.national else phase_key(str(dep.src.phase), dep.src.business)
        if dep.src.national:
            nat_node(dep.src.national, dep.src.national)
        dst = phase_key(str(dep.dst.phase), dep.dst.business)
        for k, ref in ((src, dep.src), (dst, dep.dst)):
            if k not in nodes and ref.national is None:
                e = plan.entry(str(ref.phase), ref.business)
                if e is not None and e.date is not None:
                    nodes[k] = Node(k, e.date, True, e.place, str(ref.phase))
        links.append(Link(src, dst, dep.min_months, "PL005" if dep.min_months else "PL002", None, True, dep.place))
    return PlanGraph(plan, nodes, links, nat.budget_request_month)


def _real_preds(pid: str, preds: dict[str, list[tuple[str, int, str | None]]], present: list[str], seen: frozenset[str] = frozenset()) -> list[tuple[str, int, str | None]]:
    """Predecessors of ``pid`` that have a date; an absent or n/a phase is looked through,
    keeping the order but not its lag (現行ベンダで標準化 has no selection to wait for)."""
    out = []
    for src, mm, sev in preds.get(pid, []):
        if src in seen:
            continue
        if src in present:
            out.append((src, mm, sev))
        else:
            out.extend((s, 0, sv) for s, _, sv in _real_preds(src, preds, present, seen | {src}))
    return out


def find_cycle(g: PlanGraph) -> list[NodeKey] | None:
    """A cycle among the plan's dependencies, as a path, or None."""
    import networkx as nx

    try:
        cyc = nx.find_cycle(g.to_networkx())
    except nx.NetworkXNoCycle:
        return None
    return [u for u, _ in cyc] + [cyc[-1][1]]


@dataclass(frozen=True, slots=True)
class Slack:
    latest: Month  # latest safe completion month
    slack: int  # months between the planned completion and the latest safe one


def slack(g: PlanGraph) -> dict[NodeKey, Slack]:
    """Backward pass from each deadline: every phase's latest safe completion and slack.

    ``latest(u) = min(latest(v) - min_months)`` over ``u``'s successors, the deadline
    nodes being fixed at their month; a migration plan must also be done by the budget
    request month before its vendor selection's fiscal year. Slack is measured from the planned completion's
    last possible month (a year-only date counts as its March).
    """
    import networkx as nx

    gx = g.to_networkx()
    latest: dict[NodeKey, Month] = {}
    for k in reversed(list(nx.topological_sort(gx))):
        node = g.nodes.get(k)
        if k[0] == "national":
            if k[2] is not None and k[2].startswith("deadline") and node and node.date:
                latest[k] = node.date.hi
            continue
        best: Month | None = None
        for _, v, data in gx.out_edges(k, data=True):
            if v in latest:
                cand = latest[v] - data["min_months"]
                best = cand if best is None else min(best, cand)
        if k[2] == "migration_plan" and (vs := latest.get(phase_key("vendor_selection", k[1]))) is not None:
            # the budget cycle: a contract in fiscal year N is budgeted in October of N-1
            budget = month_of(fiscal_year_of(vs) - 1, g.budget_request_month)
            best = budget if best is None else min(best, budget)
        if best is not None:
            latest[k] = best
    out: dict[NodeKey, Slack] = {}
    for k, m in latest.items():
        node = g.nodes.get(k)
        if k[0] != "phase" or node is None or node.date is None or node.date.is_na:
            continue
        out[k] = Slack(m, m - node.date.hi)
    return out
