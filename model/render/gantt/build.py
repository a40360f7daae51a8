"""Building a Gantt layout: a plan (or the national timeline alone) as rows and spans.

- :func:`national_rows` — the national lanes: the policy milestones, the Government Cloud
  (pilots, then available), and one row per spec group: the spec release (a mark) followed
  by vendor development (``spec + vendor_months`` of ``plans/national.toml``).
- :func:`build` — one municipality: the national rows, then the six phases (municipal line),
  each with per-business child rows where the plan has its own values for a business.
  A phase bar runs from the previous phase's completion to its own completion; a year-only
  completion (``R5``) ends in an *uncertain* span over its twelve months; ``完了`` and
  ``status = "done"`` are *done*; each phase carries its worst finding's severity and its
  slack (months, from :func:`model.checks.graph.slack`).
- :func:`national_layout` — the national lanes alone (no municipality selected).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from model.checks.finding import Finding
from model.core.dates import (
    Month,
    PlanDate,
    Precision,
    fiscal_year_interval,
    fiscal_year_of,
    render_month,
)
from model.core.national import Milestone, National
from model.core.plan import Plan
from model.core.severity import Severity
from model.core.words import Words
from model.render.gantt.layout import GanttLayout, Mark, Row, Span, VLine

FIRST_PHASE_MONTHS = 6
"""How long the first phase's bar is drawn when the plan gives no earlier month (the survey)."""


def _milestone_mark(m: Milestone, label: Words | None = None) -> Mark:
    month = m.date.hi
    return Mark(month, m.id, label or Words(f"{m.name.ja} {render_month(month)}", f"{m.name.en} {render_month(month)}"))


def _ranges(milestones: Iterable[Milestone]) -> tuple[Span, ...]:
    return tuple(Span(m.start.lo, m.date.hi, "pilot") for m in milestones if m.start)


def national_rows(nat: National, end: Month | None = None) -> list[Row]:
    """The national lanes: policy, Government Cloud, one row per spec group (spec release,
    then vendor development of ``vendor_months``), and a row per other lane that has
    milestones (``spec``/``vendor`` milestones of national.toml). ``end`` closes the cloud's
    "available" span (default: the deadline)."""
    end = nat.deadline.hi if end is None else end
    rows: list[Row] = []
    policy = [m for m in nat.milestones if m.lane == "policy"]
    rows.append(
        Row(
            "policy",
            "policy",
            Words("国の動き", "National policy"),
            spans=_ranges(policy),
            marks=tuple(_milestone_mark(m) for m in policy),
        )
    )
    cloud = [m for m in nat.milestones if m.lane == "cloud"]
    gating = set(nat.constrained_by())
    spans: list[Span] = []
    marks: list[Mark] = []
    for m in cloud:
        if m.start is not None:
            spans.append(Span(m.start.lo, m.date.hi, "pilot"))
        else:
            marks.append(_milestone_mark(m))
            if m.id in gating and m.date.hi < end:
                spans.append(Span(m.date.hi + 1, end, "available"))
    rows.append(
        Row("cloud", "cloud", Words("ガバメントクラウド", "Government Cloud"), spans=tuple(spans), marks=tuple(marks))
    )
    for g in nat.groups.values():
        spec = g.spec.hi
        ready = nat.vendor_ready(g)
        rows.append(
            Row(
                f"group.{g.id}",
                "group",
                Words(f"仕様 {g.name.ja}", f"Spec: {g.name.en}"),
                spans=(Span(spec + 1, ready, "vendor"),) if ready > spec else (),
                marks=(
                    Mark(
                        spec,
                        f"spec.{g.id}",
                        Words(f"{g.name.ja} 仕様書 {render_month(spec)}", f"{g.name.en} spec {render_month(spec)}"),
                    ),
                    Mark(
                        ready,
                        f"vendor.{g.id}",
                        Words(
                            f"{g.name.ja} パッケージ {render_month(ready)}",
                            f"{g.name.en} packages {render_month(ready)}",
                        ),
                        "ready",
                    ),
                ),
            )
        )
    for lane, label in (("spec", Words("標準仕様書", "Specs")), ("vendor", Words("ベンダ", "Vendors"))):
        ms = [m for m in nat.milestones if m.lane == lane]
        if ms:
            marks = [_milestone_mark(m, Words(f"{m.name.ja} {render_month(m.date.hi)}", m.name.en)) for m in ms]
            rows.append(Row(f"lane.{lane}", "lane", label, spans=_ranges(ms), marks=tuple(marks)))
    return rows


def _national_months(nat: National) -> list[Month]:
    out = [nat.deadline.hi]
    for m in nat.milestones:
        out.append(m.date.hi)
        if m.start:
            out.append(m.start.lo)
    for g in nat.groups.values():
        out += [g.spec.lo, nat.vendor_ready(g)]
    return out


def _worst(findings: Sequence[Finding]) -> tuple[Severity | None, bool, tuple[str, ...]]:
    """The worst finding's severity and certainty, and the codes, worst first."""
    if not findings:
        return None, True, ()
    ordered = sorted(findings, key=lambda f: (-Severity(f.severity).rank, not f.certain, f.code))
    codes = tuple(dict.fromkeys(f.code for f in ordered))
    return Severity(ordered[0].severity), ordered[0].certain, codes


def phase_spans(
    d: PlanDate | None, prev: PlanDate | None, status: str | None, first_start: Month | None
) -> tuple[Span, ...]:
    """The bar of one phase: from the month after the previous phase's earliest completion
    (or ``first_start`` for the first phase) to its own completion. A year-only completion
    ends in an ``uncertain`` span over its twelve months; done phases are ``done``.
    A phase planned before its predecessor is a one-month bar at its completion."""
    if d is None or d.is_na:
        return ()
    end_lo = d.hi if d.is_done else d.lo
    if prev is not None and not prev.is_na:
        start = (prev.hi if prev.is_done else prev.lo) + 1
    elif first_start is not None:
        start = first_start
    else:
        start = end_lo - FIRST_PHASE_MONTHS + 1
    start = min(start, end_lo)
    if d.is_done or status == "done":
        return (Span(start, d.hi, "done"),)
    if d.precision is Precision.FISCAL_YEAR:
        out = [Span(start, d.lo - 1, "work")] if start < d.lo else []
        out.append(Span(d.lo, d.hi, "uncertain"))
        return tuple(out)
    return (Span(start, d.hi, "work"),)


def _anchor(prev: PlanDate | None, first_start: Month | None) -> Month | None:
    if prev is not None:
        return (prev.hi if prev.is_done else prev.lo) + 1
    return first_start


def _first_start(plan: Plan, first: PlanDate | None) -> Month | None:
    """The first phase starts at the survey (the plan as it stood then), unless that is not
    before its completion; then :data:`FIRST_PHASE_MONTHS` before it."""
    if first is None or first.is_na:
        return None
    end_lo = first.hi if first.is_done else first.lo
    if plan.surveyed is not None and plan.surveyed.lo < end_lo:
        return max(plan.surveyed.lo, end_lo - 24)
    return end_lo - FIRST_PHASE_MONTHS + 1


def _deadline_line(nat: National) -> VLine:
    return VLine(nat.deadline.hi, "deadline", Words(f"期限 {nat.deadline.text}", f"deadline {nat.deadline.text}"))


def _evaluation_line(as_of: Month) -> VLine:
    return VLine(
        as_of, "evaluation", Words(f"評価日 {render_month(as_of)}", f"evaluation {render_month(as_of)}"), "start"
    )


def build(
    plan: Plan,
    nat: National,
    findings: Sequence[Finding] = (),
    *,
    as_of: Month | None = None,
    slack: dict | None = None,  # type: ignore[type-arg]
) -> GanttLayout:
    """The layout of one plan. ``findings`` (from :func:`model.project.lint.lint_plan` or
    :func:`model.checks.engine.check_plan`) colour the rows; ``as_of`` draws the evaluation line
    (default: ``evaluation_date`` of national.toml); ``slack`` (from
    :func:`model.checks.graph.slack`) is computed when not given."""
    from model.checks import graph as g

    if slack is None:
        pg = g.build(plan, nat)
        # a cycle among [[depends]] (PL012) has no backward pass: no slack then
        slack = g.slack(pg) if not (plan.depends and g.find_cycle(pg)) else {}
    as_of = nat.evaluation_date if as_of is None else as_of
    phase_ids = [p.id for p in nat.phases]

    def line_rows(business: str | None) -> list[tuple[str, PlanDate | None, str | None, bool]]:
        """(phase, date, status, own) along one line, municipal or business."""
        out = []
        for pid in phase_ids:
            if business is None:
                e = plan.phases.get(pid)
                d = e.date if e and e.date else plan.summary(pid)
                out.append((pid, d, e.status if e else None, True))
            else:
                e = plan.entry(pid, business)
                bp = plan.businesses[business]
                out.append((pid, e.date if e else None, e.status if e else None, pid in bp.phases))
        return out

    def make_rows(business: str | None) -> list[Row]:
        seq = line_rows(business)
        first = next((d for _, d, _, _ in seq if d is not None and not d.is_na), None)
        fstart = _first_start(plan, first)
        out: list[Row] = []
        prev: PlanDate | None = None
        for pid, d, status, own in seq:
            if own:
                fs = [f for f in findings if f.phase == pid and f.business == business]
                sev, certain, codes = _worst(fs)
                sl = slack.get(g.phase_key(pid, business)) if slack else None
                out.append(
                    Row(
                        f"phase.{pid}" + (f".{business}" if business else ""),
                        "phase" if business is None else "business",
                        nat.phase(pid).name if business is None else nat.businesses[business].name,
                        spans=phase_spans(d, prev, status, fstart),
                        phase=pid,
                        business=business,
                        date_text=d.text if d is not None else "",
                        precision=d.precision if d is not None else None,
                        done=bool(d is not None and (d.is_done or status == "done")),
                        na=bool(d is not None and d.is_na) or status == "n/a",
                        missing=d is None and status not in ("n/a", "done"),
                        severity=sev,
                        certain=certain,
                        codes=codes,
                        slack=sl.slack if sl else None,
                        latest=sl.latest if sl else None,
                        depth=0 if business is None else 1,
                        anchor=_anchor(prev, fstart),
                    )
                )
            if d is not None and not d.is_na:
                prev = d
        return out

    phases = make_rows(None)
    children: dict[str, list[Row]] = {}
    for bid in plan.businesses:
        for r in make_rows(bid):
            assert r.phase
            children.setdefault(r.phase, []).append(r)
    phases = [replace(r, children=len(children.get(r.phase or "", []))) for r in phases]

    lines = [_deadline_line(nat)]
    extended: dict[Month, list[str]] = {}
    for bid, bp in plan.businesses.items():
        if bp.extended_deadline is not None:
            extended.setdefault(bp.extended_deadline.hi, []).append(bid)
    for m, bids in sorted(extended.items()):
        names = "・".join(nat.business_name(b) for b in bids)
        names_en = ", ".join(nat.business_name(b, "en") for b in bids)
        lines.append(
            VLine(
                m,
                "extended",
                Words(f"延長期限 {render_month(m)} ({names})", f"extended deadline {render_month(m)} ({names_en})"),
            )
        )
    if as_of is not None:
        lines.append(_evaluation_line(as_of))

    months = _national_months(nat) + [ln.month for ln in lines]
    for r in [*phases, *(c for cs in children.values() for c in cs)]:
        for s in r.spans:
            months += [s.lo, s.hi]
    start, end = fiscal_bounds(months)
    return GanttLayout(
        plan.municipality,
        plan.file,
        start,
        end,
        tuple(national_rows(nat, end)),
        tuple(phases),
        {k: tuple(v) for k, v in children.items()},
        tuple(lines),
        tuple(findings),
    )


def national_layout(nat: National, *, as_of: Month | None = None) -> GanttLayout:
    """The national lanes alone (no municipality selected)."""
    as_of = nat.evaluation_date if as_of is None else as_of
    lines = [_deadline_line(nat)]
    if as_of is not None:
        lines.append(_evaluation_line(as_of))
    start, end = fiscal_bounds(_national_months(nat) + [ln.month for ln in lines])
    return GanttLayout(None, None, start, end, tuple(national_rows(nat, end)), (), {}, tuple(lines))


def fiscal_bounds(months: Iterable[Month]) -> tuple[Month, Month]:
    """The April of the first and the March of the last fiscal year holding ``months``."""
    ms = list(months)
    lo = fiscal_year_interval(fiscal_year_of(min(ms)))[0]
    hi = fiscal_year_interval(fiscal_year_of(max(ms)))[1]
    return lo, hi


def union(layouts: Sequence[GanttLayout]) -> tuple[Month, Month]:
    """One month range for several charts drawn on a shared axis."""
    return min(t.start for t in layouts), max(t.end for t in layouts)


__all__ = ["FIRST_PHASE_MONTHS", "build", "fiscal_bounds", "national_layout", "national_rows", "phase_spans", "union"]
