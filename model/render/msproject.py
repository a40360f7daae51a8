"""Plans as a Microsoft Project XML file (MSPDI, ``plans export --format msproject``), for
MS Project, ProjectLibre or anything that reads MPXJ.

The outline: a summary of the national dates (each a milestone; the cloud pilots a period),
then a summary per municipality holding its phases — or, where the plan has business
tables, a summary per line (全業務, then each business) holding that line's phases.

- A phase's finish is its planned completion: a month's last day; a year-only date (``R5``)
  its fiscal year's last day, marked ``Estimated``; ``完了`` the survey month's, 100 %
  complete. Its start is where the chart's bar starts (:func:`model.render.gantt.phase_spans`:
  after the previous phase's completion). Phases are manually scheduled, so MS Project keeps
  the plan's dates and shows where a link is violated instead of moving the phase.
- Links are the plan graph's (:func:`model.checks.graph.build`): one finish-to-start
  ``PredecessorLink`` per constraint between two phases or from a national date (spec
  release, vendor packages, the Government Cloud, a ``[[depends]]``), its minimum lead time
  as a lag in elapsed months (``LagFormat`` 12: MS Project's 30-day months).
- A constraint that a phase finish by a national date — the deadline R8.3, a business's
  extended deadline, a ``by`` constraint — is "finish no later than" (``ConstraintType`` 7
  with ``ConstraintDate``; the earliest when several apply), the deadline also as ``Deadline``.
- Findings of ``plans lint`` are the notes of their phase (a municipality's note holds the
  others).

A seven-day calendar (every day 8:00-17:00) keeps month ends that fall on a weekend where
they are. Written with the standard library's ElementTree, in the element order of the MSPDI
schema.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.checks import graph as g
from model.checks.finding import Finding
from model.core.dates import OPEN_START, PlanDate, Precision, render_month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.render.completions import findings_by_phase, first_day, last_day, national_dates
from model.render.gantt.build import phase_spans

if TYPE_CHECKING:
    from model.render.export_tables import ExportData, Options

NS = "http://schemas.microsoft.com/project"
FNLT = 7  # ConstraintType: finish no later than
ELAPSED_MONTHS = 12  # LagFormat: emo
LAG_PER_MONTH = 30 * 24 * 60 * 10  # LinkLag is in tenths of a minute; an elapsed month is 30 days
DAY_START, DAY_END = dt.time(8), dt.time(17)
TITLE = Words("標準準拠システム移行計画", "Migration to standard-compliant systems")
NATIONAL = Words("国のスケジュール", "National timeline")
INHERITED = Words("全業務の値", "as the municipal line")

Findings = dict[tuple[str, str | None, str | None], list[Finding]]


@dataclass(slots=True)
class Task:
    """One MSPDI task before it is written (dates are days: start 8:00, finish 17:00)."""

    uid: int
    name: str
    level: int
    start: dt.date
    finish: dt.date
    summary: bool = False
    milestone: bool = False
    estimated: bool = False
    done: bool = False
    notes: list[str] = field(default_factory=list)
    constraint: dt.date | None = None  # finish no later than
    deadline: dt.date | None = None
    links: dict[int, int] = field(default_factory=dict)  # predecessor uid -> lag in months
    children: list[Task] = field(default_factory=list)


def _finish(d: PlanDate) -> dt.date:
    return last_day(d.hi)


def _meaning(d: PlanDate, lang: str) -> str:
    if d.precision is Precision.FISCAL_YEAR:
        return Words(
            "{t}: 年度のみ({lo}〜{hi})。年度末を完了としています",
            "{t}: fiscal year only ({lo} to {hi}), finishing at its end",
        ).format(t=d.text, lo=render_month(d.lo), hi=render_month(d.hi))(lang)
    if d.is_done:
        return Words("完了(調査時点 {m} までに)", "done (by the survey, {m})").format(m=render_month(d.hi))(lang)
    return Words("完了予定 {t}", "planned completion {t}").format(t=d.text)(lang)


def _finding_notes(findings: list[Finding], lang: str) -> list[str]:
    return [f"{f.code} {f.severity.label(lang)}: {f.message(lang)}" for f in findings]


class _Builder:
    def __init__(self, nat: National, findings: Findings, lang: str) -> None:
        self.nat, self.findings, self.lang = nat, findings, lang
        self.next_uid = 1
        self.national: dict[str, Task] = {}

    def task(self, name: str, level: int, start: dt.date, finish: dt.date, **kw: object) -> Task:
        t = Task(self.next_uid, name, level, start, finish, **kw)  # type: ignore[arg-type]
        self.next_uid += 1
        return t

    def summary(self, name: str, level: int, children: list[Task]) -> Task:
        t = self.task(name, level, dt.date.max, dt.date.min, summary=True)
        self.adopt(t, children)
        return t

    @staticmethod
    def adopt(parent: Task, children: list[Task]) -> None:
        parent.children = children
        parent.start = min((c.start for c in children), default=parent.start)
        parent.finish = max((c.finish for c in children), default=parent.finish)

    def national_summary(self) -> Task:
        lang = self.lang
        top = self.summary(NATIONAL(lang), 1, [])
        children = []
        for nd in national_dates(self.nat):
            start = first_day(nd.start) if nd.start is not None else nd.day
            when = render_month(nd.month) if nd.start is None else f"{render_month(nd.start)}–{render_month(nd.month)}"
            name = nd.name(lang) if nd.id == "deadline" else f"{nd.name(lang)} {when}"
            t = self.task(name, 2, start, nd.day, milestone=nd.start is None, estimated=nd.id.startswith("vendor."))
            self.national[nd.id] = t
            children.append(t)
        self.adopt(top, children)
        return top

    def plan_summary(self, plan: Plan) -> Task:
        lang, nat = self.lang, self.nat
        pg = g.build(plan, nat)
        muni = self.summary(plan.municipality, 1, [])
        split = bool(plan.businesses)
        level = 3 if split else 2
        tasks: dict[g.NodeKey, Task] = {}
        lines: list[Task] = []
        for lane in g.lanes(plan):
            phases: list[Task] = []
            prev: PlanDate | None = None
            for ph in nat.phases:
                key = g.phase_key(ph.id, lane)
                node = pg.nodes.get(key)
                if node is None or node.date is None or node.date.is_na or node.date.hi == OPEN_START:
                    continue
                d = node.date
                e = plan.entry(ph.id, lane)
                spans = phase_spans(d, prev, e.status if e else None, None)
                prev = d
                t = self.task(
                    f"{nat.phase_name(ph.id, lang)} {d.text}", level, first_day(min(s.lo for s in spans)), _finish(d)
                )
                t.estimated = d.precision is Precision.FISCAL_YEAR
                t.done = d.is_done or bool(e and e.status == "done")
                t.notes.append(_meaning(d, lang) + ("" if node.own else f" ({INHERITED(lang)})"))
                t.notes += _finding_notes(self.findings.get((plan.municipality, lane, ph.id), []), lang)
                tasks[key] = t
                phases.append(t)
            if split:
                lines.append(self.summary(nat.business_name(lane, lang), 2, phases))
            else:
                lines += phases
        self.adopt(muni, lines)
        self._links(pg, tasks)
        placed = {(plan.municipality, k[1], k[2]) for k in tasks}
        muni.notes += _finding_notes(
            [f for k, fs in self.findings.items() if k[0] == plan.municipality and k not in placed for f in fs], lang
        )
        return muni

    def _links(self, pg: g.PlanGraph, tasks: dict[g.NodeKey, Task]) -> None:
        for link in pg.links:
            dst = tasks.get(link.dst)
            if dst is not None:
                src = tasks.get(link.src) or (
                    self.national.get(str(link.src[2])) if link.src[0] == "national" else None
                )
                if src is not None:
                    dst.links[src.uid] = max(dst.links.get(src.uid, 0), link.min_months)
                continue
            phase = tasks.get(link.src)
            node = pg.nodes.get(link.dst)
            if phase is None or link.dst[0] != "national" or node is None or node.date is None:
                continue
            # a phase that must finish by a national date: finish no later than it
            by = last_day(node.date.hi - link.min_months)
            phase.constraint = by if phase.constraint is None else min(phase.constraint, by)
            if str(link.dst[2]).startswith("deadline"):
                phase.deadline = by if phase.deadline is None else min(phase.deadline, by)


# -- writing ---------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: object) -> None:
    ET.SubElement(parent, f"{{{NS}}}{tag}").text = str(text)


def _when(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).isoformat()


def _begin(t: Task) -> dt.datetime:
    """When a task starts: a milestone at its finish, a summary with its first child."""
    if t.milestone:
        return dt.datetime.combine(t.finish, DAY_END)
    if t.children:
        return min(_begin(c) for c in t.children)
    return dt.datetime.combine(t.start, DAY_START)


def _hours(t: Task) -> str:
    return "PT0H0M0S" if t.milestone else f"PT{((t.finish - t.start).days + 1) * 8}H0M0S"


def _task_element(parent: ET.Element, t: Task, row: int, outline: str) -> None:
    el = ET.SubElement(parent, f"{{{NS}}}Task")
    start = _begin(t).isoformat()
    for tag, value in (
        ("UID", t.uid),
        ("ID", row),
        ("Name", t.name[:512]),
        ("Active", 1),
        ("Manual", 0 if t.summary else 1),
        ("Type", 1),  # fixed duration
        ("IsNull", 0),
        ("OutlineNumber", outline),
        ("OutlineLevel", t.level),
        ("Start", start),
        ("Finish", _when(t.finish, DAY_END)),
        ("Duration", _hours(t)),
        ("DurationFormat", 7),  # days
        ("Estimated", int(t.estimated)),
        ("Milestone", int(t.milestone)),
        ("Summary", int(t.summary)),
    ):
        _sub(el, tag, value)
    if t.done:
        _sub(el, "PercentComplete", 100)
    if t.constraint is not None:
        _sub(el, "ConstraintType", FNLT)
        _sub(el, "ConstraintDate", _when(t.constraint, DAY_END))
    else:
        _sub(el, "ConstraintType", 0)  # as soon as possible
    if t.deadline is not None:
        _sub(el, "Deadline", _when(t.deadline, DAY_END))
    if t.notes:
        _sub(el, "Notes", "\n".join(t.notes))
    for uid, months in sorted(t.links.items()):
        link = ET.SubElement(el, f"{{{NS}}}PredecessorLink")
        for tag, value in (
            ("PredecessorUID", uid),
            ("Type", 1),
            ("CrossProject", 0),
            ("LinkLag", months * LAG_PER_MONTH),
            ("LagFormat", ELAPSED_MONTHS),
        ):
            _sub(link, tag, value)
    if not t.summary and not t.milestone:
        _sub(el, "ManualStart", start)
        _sub(el, "ManualFinish", _when(t.finish, DAY_END))
        _sub(el, "ManualDuration", _hours(t))


def _calendar(parent: ET.Element, lang: str) -> None:
    cal = ET.SubElement(ET.SubElement(parent, f"{{{NS}}}Calendars"), f"{{{NS}}}Calendar")
    _sub(cal, "UID", 1)
    _sub(cal, "Name", Words("毎日(月末を動かさない)", "Every day (month ends stay put)")(lang))
    _sub(cal, "IsBaseCalendar", 1)
    _sub(cal, "BaseCalendarUID", -1)
    days = ET.SubElement(cal, f"{{{NS}}}WeekDays")
    for day_type in range(1, 8):
        day = ET.SubElement(days, f"{{{NS}}}WeekDay")
        _sub(day, "DayType", day_type)
        _sub(day, "DayWorking", 1)
        times = ET.SubElement(day, f"{{{NS}}}WorkingTimes")
        for a, b in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
            wt = ET.SubElement(times, f"{{{NS}}}WorkingTime")
            _sub(wt, "FromTime", a)
            _sub(wt, "ToTime", b)


def write_mspdi(
    plans: list[Plan], nat: National, findings: list[Finding] | tuple[Finding, ...] = (), lang: str = "ja"
) -> bytes:
    """The MSPDI document (UTF-8 XML) of these plans."""
    b = _Builder(nat, findings_by_phase(findings), lang)
    top = [b.national_summary(), *(b.plan_summary(p) for p in plans)]
    root_task = Task(
        0, TITLE(lang), 0, min(t.start for t in top), max(t.finish for t in top), summary=True, children=top
    )

    root = ET.Element(f"{{{NS}}}Project")
    for tag, value in (
        ("SaveVersion", 14),
        ("Name", "plans.xml"),
        ("Title", TITLE(lang)),
        ("ScheduleFromStart", 1),
        ("StartDate", _begin(root_task).isoformat()),
        ("FinishDate", _when(root_task.finish, DAY_END)),
        ("FYStartDate", 4),  # the fiscal year starts in April
        ("CurrencyCode", "JPY"),
        ("CalendarUID", 1),
        ("DefaultStartTime", "08:00:00"),
        ("DefaultFinishTime", "17:00:00"),
        ("MinutesPerDay", 480),
        ("MinutesPerWeek", 480 * 7),
        ("DaysPerMonth", 30),
        ("DurationFormat", 7),
    ):
        _sub(root, tag, value)
    _calendar(root, lang)
    tasks = ET.SubElement(root, f"{{{NS}}}Tasks")
    row = 0

    def walk(t: Task, outline: str) -> None:
        nonlocal row
        _task_element(tasks, t, row, outline or "0")
        row += 1
        for i, c in enumerate(t.children, 1):
            walk(c, f"{outline}.{i}" if outline else str(i))

    walk(root_task, "")
    ET.register_namespace("", NS)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def to_msproject(data: ExportData, opts: Options) -> bytes:
    """``plans export --format msproject`` (named in :data:`model.render.registry.EXPORT`)."""
    return write_mspdi(data.plans, data.national, data.findings, opts.lang)


__all__ = ["NS", "to_msproject", "write_mspdi"]
