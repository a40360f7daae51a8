"""Plans as iCalendar (``plans export --format ics``, RFC 5545 via the ``icalendar`` library),
for Outlook, Google Calendar or Thunderbird.

Each calendar holds all-day events:

- every planned completion (:mod:`model.render.completions`): on the month's last day; a
  year-only date (``R5``) on its fiscal year's last day, ``STATUS:TENTATIVE``; ``完了`` on the
  survey month's last day; the description says what the date means and lists the phase's
  findings;
- the deadline (R8.3) and each business's extended deadline;
- the national milestones (spec releases, vendor packages — tentative, a working assumption
  —, the Government Cloud, policy).

:func:`to_ics` writes one calendar for every plan (``-o all.ics``); :func:`calendars` one
per municipality (``-o DIR``: ``ube.ics``, ``hagi.ics`` …), each with the national events.
UIDs are stable (``352021.all.fit_gap@plans``: the plan's 団体コード or file name, the line,
the phase; ``national.spec.group2@plans``), so importing a new export updates the events
instead of adding copies; ``DTSTAMP`` is the time of the export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from model.checks.finding import Finding
from model.core.dates import Style, render_month
from model.core.national import National
from model.core.plan import Plan
from model.core.severity import worst
from model.core.words import Words
from model.render.completions import (
    MUNICIPAL,
    Completion,
    completions,
    findings_by_phase,
    last_day,
    national_dates,
    plan_key,
)

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from model.render.export_tables import ExportData, Options

DOMAIN = "plans"  # the right-hand side of every UID
TITLE = Words("標準準拠システム移行計画", "Migration to standard-compliant systems")
_MEANING = {
    "month": Words("完了予定 {text}({iso})", "planned completion {text} ({iso})"),
    "fiscal_year": Words(
        "完了予定 {text}: 年度のみ({lo}〜{hi} のいずれかの月)。年度末に置いています",
        "planned completion {text}: fiscal year only (some month of {lo} to {hi}), shown at its end",
    ),
    "done": Words("完了(調査時点 {month} までに)", "done (by the survey, {month})"),
}
_CATEGORY = {
    "phase": Words("完了予定", "planned completion"),
    "deadline": Words("期限", "deadline"),
    "national": Words("国の節目", "national milestone"),
}


def _uid(*parts: str) -> str:
    return ".".join(parts) + f"@{DOMAIN}"


def _event(
    uid: str,
    day: dt.date,
    summary: str,
    description: str,
    category: str,
    stamp: dt.datetime,
    *,
    tentative: bool = False,
) -> Event:
    from icalendar import Event

    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", summary)
    if description:
        ev.add("description", description)
    ev.add("categories", ["plans", category])
    ev.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    ev.add("transp", "TRANSPARENT")  # a date to know, not a busy day
    return ev


def _completion_event(c: Completion, nat: National, findings: list[Finding], lang: str, stamp: dt.datetime) -> Event:
    name = nat.phase_name(c.phase, lang)
    if c.business is not None:
        name = f"{name} ({nat.business_name(c.business, lang)})"
    d = c.date
    kind = d.precision.value
    meaning = _MEANING[kind](lang).format(
        text=d.text,
        iso=render_month(d.hi, Style.ISO),
        month=render_month(d.hi),
        lo=render_month(d.lo),
        hi=render_month(d.hi),
    )
    lines = [meaning, *(f"{f.code} {f.severity.label(lang)}: {f.message(lang)}" for f in findings)]
    status = Words(" (完了済み)", " (done)")(lang) if c.done and not d.is_done else ""
    icon = f"{sev.icon} " if (sev := worst(f.severity for f in findings)) else ""
    summary = f"{icon}{c.plan.municipality}: {name} {d.text}{status}"
    uid = _uid(plan_key(c.plan), c.business or MUNICIPAL, c.phase)
    return _event(uid, c.day, summary, "\n".join(lines), _CATEGORY["phase"](lang), stamp, tentative=c.estimated)


def _plan_events(
    plan: Plan,
    nat: National,
    by_phase: dict[tuple[str, str | None, str | None], list[Finding]],
    lang: str,
    stamp: dt.datetime,
) -> list[Event]:
    out = [_completion_event(c, nat, by_phase.get(c.key, []), lang, stamp) for c in completions(plan, nat)]
    for bid, bp in plan.businesses.items():
        if bp.extended_deadline is not None:
            words = Words("{m}: {b} 延長期限 {d}", "{m}: {b} extended deadline {d}").format(
                m=plan.municipality, b=nat.business_name(bid, lang), d=bp.extended_deadline.text
            )
            uid = _uid(plan_key(plan), bid, "extended_deadline")
            out.append(
                _event(uid, last_day(bp.extended_deadline.hi), words(lang), "", _CATEGORY["deadline"](lang), stamp)
            )
    return out


def _national_events(nat: National, lang: str, stamp: dt.datetime) -> list[Event]:
    out = []
    for nd in national_dates(nat):
        deadline = nd.id == "deadline"
        when = render_month(nd.month) if nd.start is None else f"{render_month(nd.start)}–{render_month(nd.month)}"
        summary = nd.name(lang) if deadline else f"{nd.name(lang)} {when}"
        category = _CATEGORY["deadline" if deadline else "national"](lang)
        out.append(
            _event(_uid("national", nd.id), nd.day, summary, "", category, stamp, tentative=nd.id.startswith("vendor."))
        )
    return out


def calendar(
    plans: Iterable[Plan],
    nat: National,
    findings: Iterable[Finding],
    lang: str = "ja",
    *,
    name: str | None = None,
    stamp: dt.datetime | None = None,
) -> Calendar:
    """One calendar: the national events, then each plan's."""
    from icalendar import Calendar

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//{DOMAIN}//{TITLE.en}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or TITLE(lang))
    by_phase = findings_by_phase(findings)
    for ev in _national_events(nat, lang, stamp):
        cal.add_component(ev)
    for plan in plans:
        for ev in _plan_events(plan, nat, by_phase, lang, stamp):
            cal.add_component(ev)
    return cal


def to_ics(data: ExportData, opts: Options) -> bytes:
    """Every plan in one calendar (named in :data:`model.render.registry.EXPORT`)."""
    return calendar(data.plans, data.national, data.findings, opts.lang).to_ical()  # type: ignore[no-any-return]


def calendars(data: ExportData, opts: Options, *, stamp: dt.datetime | None = None) -> dict[str, bytes]:
    """One calendar per municipality: file name (the plan's, ``ube.ics``) -> its bytes."""
    out: dict[str, bytes] = {}
    for plan in data.plans:
        stem = Path(plan.file).stem
        name = f"{stem}.ics" if f"{stem}.ics" not in out else f"{stem}-{plan_key(plan)}.ics"
        title = f"{TITLE(opts.lang)} — {plan.municipality}"
        out[name] = calendar([plan], data.national, data.findings, opts.lang, name=title, stamp=stamp).to_ical()
    return out


__all__ = ["calendar", "calendars", "to_ics"]
