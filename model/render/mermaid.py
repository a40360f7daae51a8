"""A Gantt picture as a Mermaid ``gantt`` diagram (``plans gantt --format mermaid``), for
Markdown on GitHub or GitLab (inside a fenced ```` ```mermaid ```` block) or for ``mmdc``.

One ``section`` per national lane (the policy milestones, the Government Cloud, each spec
group with its vendor development), one for the deadlines and the evaluation date, then one
per municipality: each phase as a bar from the layout (:mod:`model.render.gantt.build`: from
the previous phase's completion to its own), a business with its own table as its own bars
after the phase, ``done`` for a done phase and ``crit`` for a phase with an error finding.
Dates are ``YYYY-MM-DD``; a bar ends on its last month's last day (``inclusiveEndDates``).

Mermaid reads a task line as ``name :tags, id, start, end``: a name holds no ``:`` and the
data no ``#`` or ``;`` (they are replaced by their full-width forms), and ids are ASCII
letters, digits and ``_``, unique in the diagram. Control characters in a name are escaped
(``\\x1b``), as in every text output.
"""

from __future__ import annotations

import datetime as dt
import re

from model.core.dates import Month
from model.core.printable import printable
from model.core.severity import Severity
from model.core.words import Words
from model.render.completions import first_day, last_day
from model.render.gantt.chart import Chart
from model.render.gantt.layout import GanttLayout, Row, Zoom

TICKS = {Zoom.MONTH: "1month", Zoom.QUARTER: "3month", Zoom.YEAR: None}
"""Axis ticks per zoom (year: Mermaid's own choice, about one a year)."""

SPAN_NAMES = {
    "pilot": Words("先行事業", "pilots"),
    "vendor": Words("ベンダ開発(作業仮定)", "vendor development (assumed)"),
    "available": Words("利用可能", "available"),
}
LINES_SECTION = Words("期限・評価日", "Deadlines and evaluation")
_NOT_ID = re.compile(r"[^A-Za-z0-9_]+")


def text(s: str) -> str:
    """A name or section title Mermaid reads as written: no ``:``, ``;``, ``#`` or line break
    (a line break is a space), other control characters and bidi overrides escaped as in every
    text output (``\\x1b``, ``\\u202e``: :func:`model.core.printable.printable`)."""
    s = printable(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")).replace(": ", " – ")
    return s.replace(":", "：").replace(";", "；").replace("#", "＃").strip()


class _Ids:
    """Task ids safe for Mermaid (``[A-Za-z][A-Za-z0-9_]*``) and unique in one diagram."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, *parts: str) -> str:
        base = "_".join(p for p in (_NOT_ID.sub("_", part).strip("_") for part in parts) if p) or "t"
        base = base if base[0].isalpha() else f"t{base}"
        tid, n = base, 2
        while tid in self.used:
            tid, n = f"{base}_{n}", n + 1
        self.used.add(tid)
        return tid


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _bar(name: str, tags: list[str], tid: str, lo: Month, hi: Month) -> str:
    data = ", ".join([*tags, tid, _iso(first_day(lo)), _iso(last_day(hi))])
    return f"    {text(name)} :{data}"


def _milestone(name: str, tid: str, day: dt.date) -> str:
    return f"    {text(name)} :milestone, {tid}, {_iso(day)}, 0d"


def _national(ch: Chart, ids: _Ids) -> list[str]:
    lang = ch.lang
    out: list[str] = []
    for r in ch.national.national:
        items: list[tuple[Month, str]] = []
        for s in r.spans:
            items.append(
                (
                    s.lo,
                    _bar(SPAN_NAMES.get(s.kind, Words(s.kind, s.kind))(lang), [], ids("n", r.id, s.kind), s.lo, s.hi),
                )
            )
        for m in r.marks:
            items.append((m.month, _milestone(m.text(lang), ids("n", m.id), last_day(m.month))))
        if items:
            out.append(f"    section {text(r.text(lang))}")
            out += [line for _, line in sorted(items, key=lambda it: it[0])]
    lines = ch.lines()
    if lines:
        out.append(f"    section {text(LINES_SECTION(lang))}")
        for ln in lines:
            day = first_day(ln.month) if ln.edge == "start" else last_day(ln.month)
            out.append(_milestone(ln.text(lang), ids("v", ln.kind, day.strftime("%Y_%m")), day))
    return out


def _tags(r: Row) -> list[str]:
    tags = ["done"] if r.done else []
    if r.severity is Severity.ERROR:
        tags.insert(0, "crit")
    return tags


def _municipality(t: GanttLayout, lang: str, ids: _Ids) -> list[str]:
    key = t.file.rsplit("/", 1)[-1].removesuffix(".toml") if t.file else (t.municipality or "")
    out = [f"    section {text(t.municipality or key)}"]
    for r in t.phases:
        rows = [
            (r, r.text(lang)),
            *((c, f"{r.text(lang)} ({c.text(lang)})") for c in t.businesses.get(r.phase or "", ())),
        ]
        for row, name in rows:
            if not row.spans:
                continue  # not applicable, or no date written: nothing to draw
            lo, hi = min(s.lo for s in row.spans), max(s.hi for s in row.spans)
            label = f"{name} {row.date_text}" if row.date_text else name
            out.append(_bar(label, _tags(row), ids("m", key, row.phase or "", row.business or ""), lo, hi))
    return out


def to_mermaid(ch: Chart, zoom: Zoom = Zoom.YEAR) -> str:
    """The chart as a Mermaid gantt diagram (named in :data:`model.render.registry.GANTT`)."""
    ids = _Ids()
    out = [
        "gantt",
        f"    title {text(ch.title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    inclusiveEndDates",
        "    todayMarker off",
    ]
    if (tick := TICKS[zoom]) is not None:
        out.append(f"    tickInterval {tick}")
    out += _national(ch, ids)
    for t in ch.plans:
        out += _municipality(t, ch.lang, ids)
        ch.step()
    return "\n".join(out) + "\n"


__all__ = ["to_mermaid"]
