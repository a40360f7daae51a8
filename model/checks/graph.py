"""A plan as a dependency graph of phases against the national timeline.

Nodes are the plan's phases — the municipal line, and a line per business that has its own
schedule or deadline — and the national nodes they depend on (spec releases, vendor
packages, the Government Cloud, the deadline). Every edge comes from a ``[[constraint]]`` of
``national.toml`` or a plan's ``[[depends]]``: it says "``dst`` completes at least
``min_months`` after ``src``" and names the rule that reports a violation, so one
mechanism checks order, lead times, spec/vendor/cloud readiness and deadlines.

``links()`` is plain Python (the hot path of ``plans lint``); ``to_networkx()`` gives the
same graph as a ``networkx.DiGraph`` for cycles and the backward pass (``slack``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.core.constraints import DEADLINE, FAMILIES, Constraint
from model.core.dates import Month, PlanDate, Precision, Style, fiscal_year_of, month_of
from model.core.errors import Place
from model.core.national import National, national_milestone_dates
from model.core.severity import Severity

if TYPE_CHECKING:
    import networkx as nx

    from model.core.plan import Plan

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
    rule: str  # the rule reporting a violation (the constraint's, or PL002/PL005 for [[depends]])
    severity: Severity | None = None  # overrides the rule's default (from the constraint)
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


class _Shared:
    """What ``build`` derives from the national timeline alone, computed once per timeline
    and shared by every plan (the hot path of ``plans lint`` on a nationwide tree): national
    nodes, the constraints between phases per strategy, bridged over absent phases per set
    of present phases, spec groups per set of businesses, and interned (immutable) links and
    nodes."""

    def __init__(self, nat: National) -> None:
        self.nat = nat
        self.ndates = national_milestone_dates(nat)
        self.phase_ids = [p.id for p in nat.phases]
        self.all_phases = frozenset(self.phase_ids)
        self.national: list[Constraint] = [c for c in nat.constraints if not c.between_phases]
        self.labels = {m.id: m.name.ja for m in nat.milestones} | {
            f"{f}.{g.id}": g.name.ja for f in FAMILIES for g in nat.groups.values()
        }
        self.preds: dict[str | None, dict[str, list[_Pred]]] = {}
        self.bridged: dict[tuple[str, tuple[str, ...]], list[_Bridged]] = {}
        self.groups: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.links: dict[tuple[object, ...], Link] = {}
        self.nodes: dict[tuple[object, ...], Node] = {}
        self.lanes: dict[tuple[object, ...], _LaneShape] = {}

    def template(self, strategy: str, present: tuple[str, ...]) -> list[_Bridged]:
        """The constraints between phases, bridged over absent ones: (src, dst, min_months,
        severity, rule) in the order ``build`` adds them, the strongest per pair."""
        key = (strategy, present)
        out = self.bridged.get(key)
        if out is None:
            preds = self.preds.get(strategy)
            if preds is None:
                preds = {}
                for c in self.nat.constraints:
                    if c.between_phases and c.when in (None, strategy):
                        preds.setdefault(c.phase, []).append((str(c.after), c.min_months, c.severity, c.rule))
                self.preds[strategy] = preds
            best: dict[tuple[str, str], _Bridged] = {}
            plist = list(present)
            for pid in present:
                for src, mm, sev, rule in _real_preds(pid, preds, plist):
                    cur = best.get((src, pid))
                    if cur is None or mm > cur[2]:
                        best[(src, pid)] = (src, pid, mm, sev, rule)
            out = self.bridged[key] = list(best.values())
        return out

    def spec_groups(self, bids: list[str]) -> list[tuple[str, str]]:
        key = tuple(bids)
        out = self.groups.get(key)
        if out is None:
            out = self.groups[key] = [(g.id, g.name.ja) for g in self.nat.spec_groups_for(bids)]
        return out

    def link(self, src: NodeKey, dst: NodeKey, mm: int, rule: str, sev: Severity | None = None) -> Link:
        key = (src, dst, mm, rule, sev)
        lk = self.links.get(key)
        if lk is None:
            lk = self.links[key] = Link(src, dst, mm, rule, sev)
        return lk

    def national_node(self, k: NodeKey, date: PlanDate | None, label: str) -> Node:
        key = (k, date, label)
        n = self.nodes.get(key)
        if n is None:
            if date is None:
                m = self.ndates[str(k[2])]
                date = PlanDate(m, m, Precision.MONTH, Style.ERA, str(k[2]))
            n = self.nodes[key] = Node(k, date, False, None, label)
        return n


_Pred = tuple[str, int, Severity | None, str]
"""A constraint between phases seen from its phase: (after, min_months, severity, rule)."""
_Bridged = tuple[str, str, int, Severity | None, str]
"""(src, dst, min_months, severity, rule) between two phases that have a date."""

_SHARED: list[_Shared] = []  # the last few timelines (a what-if run compares two or three)


def _shared(nat: National) -> _Shared:
    for sh in _SHARED:
        if sh.nat is nat:
            return sh
    sh = _Shared(nat)
    _SHARED.insert(0, sh)
    del _SHARED[8:]
    return sh


_LANE_CACHE_MAX = 50_000  # distinct lane shapes kept per timeline (a nationwide tree has a few thousand)

_LaneShape = tuple[list[Link], list[tuple[NodeKey, str | None]]]
"""A lane's links and the national nodes they add, in order (label None = the lane's deadline)."""


def build(plan: Plan, nat: National) -> PlanGraph:
    nodes: dict[NodeKey, Node] = {}
    links: list[Link] = []
    sh = _shared(nat)
    phase_ids = sh.phase_ids
    na = Precision.NA
    mphases = plan.phases
    businesses = plan.businesses
    shapes = sh.lanes
    # the businesses the municipal line's fit_gap / migration nodes stand for
    muni_bids = (
        tuple(b for b in nat.businesses if not (b in businesses and "fit_gap" in businesses[b].phases)),
        tuple(b for b in nat.businesses if not (b in businesses and "migration" in businesses[b].phases)),
    )

    for lane in lanes(plan):
        bp = businesses.get(lane) if lane else None
        present: list[str] = []
        bphases = bp.phases if bp is not None else {}
        for pid in phase_ids:
            # plan.entry(pid, lane) without building an inherited PhaseEntry: only the
            # date and the place are needed here
            own = lane is None or pid in bphases
            e = bphases[pid] if pid in bphases else mphases.get(pid)
            if e is None or e.date is None:
                continue
            k = ("phase", lane, pid)
            nodes[k] = Node(k, e.date, own, e.place, pid)
            if e.date.precision is not na:
                present.append(pid)
        deadline = plan.deadline_of(lane, nat)
        # Everything else about a lane follows from its shape (strategy, phases with a date,
        # phases written for it, whom it stands for, which deadline): the links and national
        # nodes of a shape are derived once per timeline and reused, in the same order.
        shape_key = (
            lane,
            plan.strategy_of(lane),
            tuple(present),
            tuple(bphases) if lane else muni_bids,
            deadline is nat.deadline,
        )
        shape = shapes.get(shape_key)
        if shape is None:
            shape = _lane_shape(plan, nat, sh, lane, shape_key[1], present, nodes, deadline)
            if len(shapes) < _LANE_CACHE_MAX:
                shapes[shape_key] = shape
        links.extend(shape[0])
        for k, label in shape[1]:
            if k not in nodes:
                nodes[k] = (
                    sh.national_node(k, None, label) if label is not None else sh.national_node(k, deadline, "deadline")
                )

    for dep in plan.depends:
        src = national_key(dep.src.national) if dep.src.national else phase_key(str(dep.src.phase), dep.src.business)
        if dep.src.national:
            k = national_key(dep.src.national)
            if k not in nodes:
                nodes[k] = sh.national_node(k, None, dep.src.national)
        dst = phase_key(str(dep.dst.phase), dep.dst.business)
        for k, ref in ((src, dep.src), (dst, dep.dst)):
            if k not in nodes and ref.national is None:
                e = plan.entry(str(ref.phase), ref.business)
                if e is not None and e.date is not None:
                    nodes[k] = Node(k, e.date, True, e.place, str(ref.phase))
        # a lag after another phase is a lead time (PL005); after a national date, the
        # phase-order rule reports it with its lag
        rule = "PL005" if dep.min_months and not dep.src.national else "PL002"
        links.append(Link(src, dst, dep.min_months, rule, None, True, dep.place))
    return PlanGraph(plan, nodes, links, nat.budget_request_month)


def _lane_shape(
    plan: Plan,
    nat: National,
    sh: _Shared,
    lane: str | None,
    strategy: str,
    present: list[str],
    nodes: dict[NodeKey, Node],
    deadline: PlanDate,
) -> _LaneShape:
    """A lane's links and national nodes (``nodes`` holds its phase nodes)."""
    link = sh.link
    links: list[Link] = []
    nat_nodes: list[tuple[NodeKey, str | None]] = []
    bp = plan.businesses.get(lane) if lane else None

    def nat_node(mid: str, label: str) -> NodeKey:
        k = national_key(mid)
        nat_nodes.append((k, label))
        return k

    # constraints between phases, bridging over phases that do not apply (現行ベンダで標準化)
    for src, dst, mm, sev, rule in sh.template(strategy, tuple(present)):
        sk, dk_ = ("phase", lane, src), ("phase", lane, dst)
        if lane is None or nodes[sk].own or nodes[dk_].own:
            links.append(link(sk, dk_, mm, rule, sev))

    # constraints against national dates, in the order national.toml gives them
    own_phases = sh.all_phases if lane is None else (bp.phases if bp else {})
    for c in sh.national:
        pid = c.phase
        if pid not in present or c.when not in (None, strategy):
            continue
        own = pid in own_phases
        pk: NodeKey = ("phase", lane, pid)
        if c.by == DEADLINE:
            if own or deadline is not nat.deadline:
                dk = national_key(DEADLINE if deadline is nat.deadline else f"{DEADLINE}.{lane}")
                nat_nodes.append((dk, None))
                links.append(link(pk, dk, c.min_months, c.rule, c.severity))
            continue
        if not own:
            continue
        if c.by is not None:
            links.append(link(pk, nat_node(c.by, sh.labels.get(c.by, c.by)), c.min_months, c.rule, c.severity))
        elif c.after in FAMILIES:
            bids = lane_businesses(plan, nat, lane, pid)
            for gid, gname in sh.spec_groups(bids) if bids else ():
                links.append(link(nat_node(f"{c.after}.{gid}", gname), pk, c.min_months, c.rule, c.severity))
        else:
            after = str(c.after)
            links.append(link(nat_node(after, sh.labels.get(after, after)), pk, c.min_months, c.rule, c.severity))
    return links, nat_nodes


def _real_preds(
    pid: str, preds: dict[str, list[_Pred]], present: list[str], seen: frozenset[str] = frozenset()
) -> list[_Pred]:
    """Predecessors of ``pid`` that have a date; an absent or n/a phase is looked through,
    keeping the order but not its lag (現行ベンダで標準化 has no selection to wait for): the
    bridged constraint is the one into the absent phase, without the lag."""
    out: list[_Pred] = []
    for src, mm, sev, rule in preds.get(pid, []):
        if src in seen:
            continue
        if src in present:
            out.append((src, mm, sev, rule))
        else:
            out.extend((s, 0, sv, r) for s, _, sv, r in _real_preds(src, preds, present, seen | {src}))
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
            # a national date is fixed: a phase that must precede it (a deadline, a ``by``
            # constraint) has its latest month from there
            if node and node.date:
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
