"""Plans as a TaskJuggler 3 project (``plans export --format tjp``), so that a peer scheduler
can check the same constraints ``plans lint`` checks (``tests/bench/bench_tj3.py``).

Each phase of each line (the municipal line ``all`` and each business with its own table) is
a task with two milestones:

- ``plan``: the planned completion, fixed (``start``) at the end of the planned month (a
  year-only date at the end of its fiscal year, ``完了`` at the survey month); the go-live's
  carries the deadline (R8.3, or the business's extended deadline) as ``maxend``;
- ``check``: scheduled as soon as its dependencies allow — the ``plan`` milestones of the
  phases it depends on (``gapduration`` for minimum lead times: N months are written as
  the fewest days N calendar months can span, so that N months pass and N-1 fail), and the
  national milestones (spec releases, vendor packages, the Government Cloud) — with the
  planned completion as ``maxend``.

tj3 then warns "The end time … of task ….check is too late" for a phase planned before its
dependencies allow (PL002 order, PL003 spec, PL004 platform, PL005 lead time) and for a
go-live after its deadline (``….migration.plan``, PL001). The national milestones are tasks
under ``nat``. Dependencies are the edges of :func:`model.checks.graph.build`, so both tools judge
the same graph; rules that are not about scheduling (budget cycle, overdue, lease, data
consistency) have no TaskJuggler counterpart.

The project ends with a task report (:data:`REPORT`: ``plans-report.html`` and
``plans-report.csv``, written by ``tj3`` beside the project or into ``tj3 -o DIR``): each
task's name, start and end, and the findings of ``plans lint`` as the task's note (on the
phase's task, or on the municipality's for a finding on a phase that has no task).

Written by hand: TaskJuggler's language has no Python writer.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from model.checks import graph as g
from model.checks.finding import Finding
from model.core.dates import Month, PlanDate, month_of, render_month, ym
from model.core.national import National, national_milestone_dates
from model.core.plan import Plan
from model.render.completions import findings_by_phase, national_dates

if TYPE_CHECKING:
    from model.render.export_tables import ExportData, Options

Findings = dict[tuple[str, str | None, str | None], list[Finding]]

MUNICIPAL = "all"  # the id of a plan's municipal line
_ID = re.compile(r"[^A-Za-z0-9_]")


def tj_id(text: str) -> str:
    """A TaskJuggler id: letters, digits and ``_``, not starting with a digit."""
    s = _ID.sub("_", text)
    return s if s and not s[0].isdigit() else f"_{s}"


def month_end(m: Month) -> str:
    """The instant a month ends (the first day of the next month), as TaskJuggler writes it."""
    y, mo = ym(m + 1)
    return f"{y:04d}-{mo:02d}-01"


def _day(m: Month) -> _dt.date:
    y, mo = ym(m)
    return _dt.date(y, mo, 1)


def gap_days(months: int) -> int:
    """The fewest days that ``months`` calendar months span (between month ends)."""
    if months <= 0:
        return 0
    base = month_of(2000, 1)
    return min((_day(base + i + months) - _day(base + i)).days for i in range(48))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "/").replace('"', "'").replace("\n", " ") + '"'


def plan_id(plan: Plan, index: int) -> str:
    return f"m{plan.code}" if plan.code else f"p{index}"


@dataclass(frozen=True, slots=True)
class TaskRef:
    """What a TaskJuggler task id stands for (to map tj3's messages back to plans)."""

    file: str
    municipality: str
    business: str | None
    phase: str
    milestone: str  # "plan" | "check"


def _end(d: PlanDate) -> Month:
    return d.hi


def _national_tasks(nat: National, lang: str) -> tuple[list[str], dict[str, str]]:
    lines = [f"task nat {_quote('国のスケジュール' if lang != 'en' else 'National timeline')} {{"]
    ids: dict[str, str] = {}
    for nd in national_dates(nat):
        if nd.id == "deadline":
            continue
        tid = tj_id(nd.id)
        ids[nd.id] = f"nat.{tid}"
        when = render_month(nd.month) if nd.start is None else f"{render_month(nd.start)}–{render_month(nd.month)}"
        name = f"{nd.name(lang)} {when}"
        if nd.start is not None:  # a period (the cloud pilots): a task from its start to its end
            lines.append(f"  task {tid} {_quote(name)} {{ start {month_end(nd.start - 1)} end {month_end(nd.month)} }}")
        else:
            lines.append(f"  task {tid} {_quote(name)} {{ milestone start {month_end(nd.month)} }}")
    lines.append("}")
    return lines, ids


def _bounds(plans: list[Plan], nat: National) -> tuple[Month, Month]:
    months = list(national_milestone_dates(nat).values())
    if nat.extended_deadline_limit is not None:
        months.append(nat.extended_deadline_limit.hi)
    for p in plans:
        for lane in g.lanes(p):
            for ph in nat.phases:
                e = p.entry(ph.id, lane)
                if e is not None and e.date is not None and not e.date.is_na:
                    months.append(_end(e.date))
            months.append(p.deadline_of(lane, nat).hi)
    months = [m for m in months if m > month_of(1900, 1)]
    return min(months) - 12, max(months) + 12


def write_tjp(
    plans: list[Plan],
    nat: National,
    lang: str = "ja",
    *,
    refs: dict[str, TaskRef] | None = None,
    findings: Iterable[Finding] = (),
) -> str:
    """The TaskJuggler 3 project text with its report (:data:`REPORT`); ``findings`` become the
    notes of their phases' tasks (the municipality's task for the others); ``refs`` (if given)
    is filled with task id -> TaskRef."""
    by_phase = findings_by_phase(findings)
    start, end = _bounds(plans, nat)
    title = "標準準拠システム移行計画" if lang != "en" else "Migration to standard-compliant systems"
    out = [
        "/* plans export --format tjp: each phase is a fixed 'plan' milestone and a 'check'",
        "   milestone scheduled from its dependencies with the planned completion as maxend. */",
        f"project plans {_quote(title)} {month_end(start - 1)} - {month_end(end)} {{",
        '  timezone "Asia/Tokyo"',
        '  timeformat "%Y-%m-%d"',
    ]
    if nat.evaluation_date is not None:
        out.append(f"  now {month_end(nat.evaluation_date)}")
    out.append("}")
    nat_lines, nat_ids = _national_tasks(nat, lang)
    out += nat_lines
    used: set[str] = set()
    for i, plan in enumerate(plans):
        pid = plan_id(plan, i)
        if pid in used:
            pid = f"{pid}_{i}"
        used.add(pid)
        out += _plan_tasks(plan, nat, pid, nat_ids, lang, refs, by_phase)
    out += _report(lang)
    return "\n".join(out) + "\n"


REPORT = "plans-report"
"""The report's file name: ``tj3`` writes ``plans-report.html`` and ``plans-report.csv``."""


def _report(lang: str) -> list[str]:
    """A task report: every task with its start, end and findings (the tasks' notes)."""
    headline = "移行計画: 計画・依存関係・指摘" if lang != "en" else "Migration plans: planned, dependencies, findings"
    caption = (
        "日付は月の終わりの時点(翌月1日 0:00)。「計画」は計画上の完了、「依存関係」は依存関係から見た最早の完了。指摘は plans lint による。"
        if lang != "en"
        else "Dates are the end of a month (the 1st of the next, 0:00). 'planned': the planned completion; "
        "'dependencies': the earliest its dependencies allow. Findings from plans lint."
    )
    return [
        f"taskreport plans_report {_quote(REPORT)} {{",
        "  formats html, csv",
        "  columns name, start, end, note { title " + _quote("指摘" if lang != "en" else "Findings") + " }",
        '  timeformat "%Y-%m-%d"',
        f"  headline {_quote(headline)}",
        f"  caption {_quote(caption)}",
        "}",
    ]


def _note(findings: list[Finding], lang: str) -> str:
    """A task's note: one paragraph per finding, kept literal (``<nowiki>``: a message is
    not TaskJuggler markup)."""
    paras = [f"{f.code} {f.severity.label(lang)}: {f.message(lang)}".replace("</nowiki>", "") for f in findings]
    return "note " + _quote("\n\n".join(f"<nowiki>{p}</nowiki>" for p in paras))


def _plan_tasks(
    plan: Plan,
    nat: National,
    pid: str,
    nat_ids: dict[str, str],
    lang: str,
    refs: dict[str, TaskRef] | None,
    by_phase: Findings,
) -> list[str]:
    pg = g.build(plan, nat)
    deps: dict[g.NodeKey, list[tuple[str, int]]] = {}
    deadline: dict[g.NodeKey, PlanDate] = {}
    sources: set[g.NodeKey] = set()
    for link in pg.links:
        src, dst = pg.nodes.get(link.src), pg.nodes.get(link.dst)
        if src is None or dst is None or src.date is None or dst.date is None or src.date.is_na or dst.date.is_na:
            continue
        if link.rule == "PL001":
            deadline[link.src] = dst.date
            continue
        if link.src[0] == "national":
            ref = nat_ids.get(str(link.src[2]))
            if ref is None:
                continue
        else:
            ref = f"{pid}.{link.src[1] or MUNICIPAL}.{link.src[2]}.plan"
            sources.add(link.src)
        deps.setdefault(link.dst, []).append((ref, link.min_months))
    wanted = {k for k in pg.nodes if k[0] == "phase" and (k in deps or k in deadline or k in sources)}
    out = [f"task {pid} {_quote(plan.municipality)} {{"]
    noted = {("phase", b, ph) for (m, b, ph) in by_phase if m == plan.municipality} & wanted
    rest = [
        f for (m, b, ph), fs in by_phase.items() if m == plan.municipality and ("phase", b, ph) not in noted for f in fs
    ]
    if rest:
        out.append("  " + _note(rest, lang))
    phase_order = {p.id: i for i, p in enumerate(nat.phases)}
    for lane in g.lanes(plan):
        lane_id = lane or MUNICIPAL
        keys = sorted((k for k in wanted if k[1] == lane), key=lambda k: phase_order.get(str(k[2]), 99))
        if not keys:
            continue
        lane_name = nat.business_name(lane, lang)
        out.append(f"  task {lane_id} {_quote(lane_name)} {{")
        for k in keys:
            node = pg.nodes[k]
            assert node.date is not None
            ph = str(k[2])
            planned = month_end(_end(node.date))
            out.append(f"    task {ph} {_quote(nat.phase_name(ph, lang) + ' ' + str(node.date))} {{")
            if k in noted:
                out.append("      " + _note(by_phase[(plan.municipality, lane, ph)], lang))
            maxend = f" maxend {month_end(deadline[k].hi)}" if k in deadline else ""
            out.append(
                f"      task plan {_quote('計画' if lang != 'en' else 'planned')} {{ milestone start {planned}{maxend} }}"
            )
            if k in deps:
                parts = []
                for ref, mm in deps[k]:
                    gap = gap_days(mm)
                    parts.append(f"{ref} {{ gapduration {gap}d }}" if gap else ref)
                out.append(
                    f"      task check {_quote('依存関係' if lang != 'en' else 'dependencies')} {{ milestone depends {', '.join(parts)} maxend {planned} }}"
                )
            out.append("    }")
            if refs is not None:
                for ms in ("plan", "check"):
                    refs[f"{pid}.{lane_id}.{ph}.{ms}"] = TaskRef(plan.file, plan.municipality, lane, ph, ms)
        out.append("  }")
    out.append("}")
    return out


_TOO_LATE = re.compile(r"task (?P<id>[A-Za-z0-9_.]+) is too late")


def too_late(tj3_output: str) -> list[str]:
    """The task ids tj3 reports as ending too late (``maxend`` violations)."""
    return [m["id"] for m in _TOO_LATE.finditer(tj3_output)]


def to_tjp(data: ExportData, opts: Options) -> bytes:
    """``plans export --format tjp`` (named in :data:`model.render.registry.EXPORT`)."""
    return write_tjp(data.plans, data.national, opts.lang, findings=data.findings).encode("utf-8")


__all__ = ["REPORT", "TaskRef", "gap_days", "month_end", "tj_id", "to_tjp", "too_late", "write_tjp"]
