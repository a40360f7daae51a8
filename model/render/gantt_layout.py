"""The Gantt layout of a plan against the national timeline: the rows and spans to draw.

Pure (no terminal, no rich, no textual): the terminal widget (``tui/widgets/gantt.py``), the
SVG/HTML/text pictures (``model/gantt_svg.py``) and the tests all draw from this one layout.

- :func:`national_rows` — the national lanes: the policy milestones, the Government Cloud
  (pilots, then available), and one row per spec group: the spec release (a mark) followed
  by vendor development (``spec + vendor_months`` of ``plans/national.toml``).
- :func:`build` — one municipality: the national rows, then the six phases (municipal line),
  each with per-business child rows where the plan has its own values for a business.
  A phase bar runs from the previous phase's completion to its own completion; a year-only
  completion (``R5``) ends in an *uncertain* span over its twelve months; ``完了`` and
  ``status = "done"`` are *done*; each phase carries its worst finding's severity and its
  slack (months, from :func:`model.checks.graph.slack`).
- :class:`Scale` — months across at a :class:`Zoom` (month / quarter / year), fiscal-year
  headers (R3年度 …) and the month → column maths.
- :func:`paint` — one row as a list of :class:`Cell` (character + kind), for any scale:
  the widget styles the kinds, the text picture prints the characters.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from model.checks.engine import Finding
from model.checks.registry import SEVERITY_ORDER
from model.core.dates import (
    Month,
    PlanDate,
    Precision,
    fiscal_year_interval,
    fiscal_year_of,
    render_fiscal_year,
    render_month,
    ym,
)
from model.core.national import National
from model.core.plan import Plan

FIRST_PHASE_MONTHS = 6
"""How long the first phase's bar is drawn when the plan gives no earlier month (the survey)."""

# -- glyphs (shared by the terminal widget and the text picture) ----------------------------
GLYPH = {
    "work": "█",  # a phase being worked on up to a known completion month
    "uncertain": "░",  # a year-only completion: some month in these twelve
    "done": "▓",  # done (完了 or status done)
    "pilot": "▒",  # a national range (Government Cloud pilots)
    "vendor": "▒",  # vendor development after a spec
    "available": "─",  # the Government Cloud is available from here on
    "mark": "◆",  # a national milestone / spec release
    "deadline": "┃",
    "extended": "╏",
    "evaluation": "┊",
}


class Zoom(enum.Enum):
    """How many months one column group stands for."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


ZOOM_UNITS: dict[Zoom, tuple[int, int]] = {
    Zoom.MONTH: (1, 2),  # one month per 2 cells (room for "10", "11", "12")
    Zoom.QUARTER: (3, 2),  # one quarter per 2 cells ("Q1")
    Zoom.YEAR: (12, 4),  # one fiscal year per 4 cells ("R5")
}
"""(months per unit, cells per unit) for each zoom level."""

ZOOM_ORDER = (Zoom.YEAR, Zoom.QUARTER, Zoom.MONTH)  # zoom in = towards MONTH


def zoom_in(z: Zoom) -> Zoom:
    i = ZOOM_ORDER.index(z)
    return ZOOM_ORDER[min(i + 1, len(ZOOM_ORDER) - 1)]


def zoom_out(z: Zoom) -> Zoom:
    i = ZOOM_ORDER.index(z)
    return ZOOM_ORDER[max(i - 1, 0)]


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Months ``lo .. hi`` (inclusive) drawn as ``kind`` (a key of :data:`GLYPH`)."""

    lo: Month
    hi: Month
    kind: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A point in time on a national row (a milestone, a spec release)."""

    month: Month
    id: str
    label: str
    label_en: str
    kind: str = "mark"

    def text(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label


@dataclass(frozen=True, slots=True)
class VLine:
    """A vertical line through every row: the deadline, an extended deadline, the evaluation date.

    ``edge`` says where in its month the line stands: ``"end"`` (a deadline: the end of its
    month) or ``"start"`` (the evaluation date)."""

    month: Month
    kind: str  # "deadline" | "extended" | "evaluation"
    label: str
    label_en: str
    edge: str = "end"

    def text(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the chart.

    ``kind``: ``policy`` | ``cloud`` | ``group`` | ``lane`` (national rows), ``phase`` (the
    municipal line of a phase) or ``business`` (a business's own value of a phase, a child of
    the phase row). ``id`` is unique in a timeline: ``policy``, ``cloud``, ``group.<gid>``,
    ``phase.<pid>``, ``phase.<pid>.<bid>``.
    """

    id: str
    kind: str
    label: str
    label_en: str
    spans: tuple[Span, ...] = ()
    marks: tuple[Mark, ...] = ()
    phase: str | None = None
    business: str | None = None
    date_text: str = ""  # the completion as the planner wrote it ("" = none)
    precision: Precision | None = None
    done: bool = False
    na: bool = False  # 現行ベンダで標準化 / 対象外: no bar
    missing: bool = False  # no completion written
    severity: str | None = None  # worst finding on this row ("error" | "warning" | "info")
    certain: bool = True  # is that worst finding certain?
    codes: tuple[str, ...] = ()  # rule codes of the row's findings, worst first
    slack: int | None = None  # months to the latest safe completion (negative: late)
    latest: Month | None = None  # the latest safe completion month
    depth: int = 0  # 0 = top level, 1 = a business under its phase
    anchor: Month | None = None  # where a not-applicable phase's words are written
    children: int = 0  # number of business rows under a phase row

    def text(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label

    @property
    def national(self) -> bool:
        return self.kind in ("policy", "cloud", "group", "lane")

    @property
    def end(self) -> Month | None:
        """The last month of the row's bar (its completion's last possible month)."""
        return max((s.hi for s in self.spans), default=None)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything one chart shows. ``rows()`` lists them top to bottom."""

    municipality: str | None
    file: str | None
    start: Month  # first month shown (an April)
    end: Month  # last month shown (a March)
    national: tuple[Row, ...]
    phases: tuple[Row, ...]
    businesses: dict[str, tuple[Row, ...]] = field(default_factory=dict)  # phase id -> rows
    lines: tuple[VLine, ...] = ()

    def rows(self, expanded: bool | Iterable[str] = False, *, national: bool | str = True) -> list[Row]:
        """National rows, then the phases; a phase's business rows follow it when ``expanded``
        is True or names the phase id. ``national``: True / ``"full"`` every lane,
        ``"compact"`` the spec groups merged into one row (:func:`compact_national`),
        False / ``"off"`` none."""
        openset: set[str] | None = None if expanded is True else set(expanded or ())
        if national in (True, "full"):
            out: list[Row] = list(self.national)
        elif national == "compact":
            out = compact_national(self.national)
        else:
            out = []
        for r in self.phases:
            out.append(r)
            if r.phase and (openset is None or r.phase in openset):
                out.extend(self.businesses.get(r.phase, ()))
        return out

    def row(self, phase: str, business: str | None = None) -> Row | None:
        for r in self.rows(True):
            if r.phase == phase and r.business == business:
                return r
        return None

    def scale(self, zoom: Zoom = Zoom.MONTH) -> Scale:
        return Scale(self.start, self.end, zoom)


# -- scale -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Header:
    """A header cell group: ``label`` over columns ``col .. col + width - 1``."""

    label: str
    col: int
    width: int


@dataclass(frozen=True, slots=True)
class Scale:
    """Months ``start .. end`` across at a zoom level. ``start`` should be an April so that
    quarters and years line up with fiscal years (``build`` makes it so)."""

    start: Month
    end: Month
    zoom: Zoom = Zoom.MONTH
    margin: int = 4  # blank cells after the last month, room for the slack text

    @property
    def unit(self) -> int:
        return ZOOM_UNITS[self.zoom][0]

    @property
    def cells(self) -> int:
        return ZOOM_UNITS[self.zoom][1]

    @property
    def width(self) -> int:
        return self.col(self.end) + self.cells + self.margin

    def col(self, m: Month) -> int:
        """First column of the unit holding month ``m`` (clamped to the chart)."""
        m = min(max(m, self.start), self.end)
        return (m - self.start) // self.unit * self.cells

    def cols(self, lo: Month, hi: Month) -> tuple[int, int]:
        """Columns ``[a, b)`` covering months ``lo .. hi`` (clamped to the chart), in proportion
        at coarse zoom (a quarter of a 4-cell year is one cell), at least one column; empty
        when outside the chart."""
        if hi < self.start or lo > self.end or hi < lo:
            return (0, 0)
        lo, hi = max(lo, self.start), min(hi, self.end)
        a = (lo - self.start) * self.cells // self.unit
        b = -(-(hi + 1 - self.start) * self.cells // self.unit)
        return a, max(b, a + 1)

    def line_col(self, line: VLine) -> int | None:
        """The column a vertical line is drawn in, or None when outside the chart."""
        if not self.start <= line.month <= self.end:
            return None
        a, b = self.cols(line.month, line.month)
        # the start of the month, or its end (a deadline in March is the last cell of a
        # quarter or a fiscal year at coarse zoom)
        return a if line.edge == "start" else b - 1

    def month_at(self, col: int) -> Month | None:
        """The first month of the unit at column ``col``."""
        if not 0 <= col < self.width - self.margin:
            return None
        return self.start + (col // self.cells) * self.unit

    def years(self, lang: str = "ja") -> list[Header]:
        """Fiscal-year headers: ``R3年度`` (ja) / ``FY2021`` (en), as wide as the year.
        At year zoom (4 cells) the label is the short ``R3``."""
        out = []
        fy = fiscal_year_of(self.start)
        while True:
            lo, hi = fiscal_year_interval(fy)
            if lo > self.end:
                break
            a, b = self.cols(lo, min(hi, self.end))
            if b > a:
                long = f"{render_fiscal_year(fy)}年度" if lang != "en" else f"FY{fy}"
                short = render_fiscal_year(fy) if lang != "en" else f"FY{fy % 100:02d}"
                out.append(Header(long if b - a >= 7 else short, a, b - a))
            fy += 1
        return out

    def units(self) -> list[Header]:
        """Second header row: even month numbers (month zoom), Q1..Q4 of the fiscal year
        (quarter zoom); nothing at year zoom."""
        out: list[Header] = []
        if self.zoom is Zoom.YEAR:
            return out
        m = self.start
        while m <= self.end:
            a, b = self.cols(m, m + self.unit - 1)
            if self.zoom is Zoom.MONTH:
                # every other month (4, 6, 8, …): "10" "11" "12" side by side would run together
                if ym(m)[1] % 2 == 0:
                    out.append(Header(str(ym(m)[1]), a, b - a))
            else:
                q = ((ym(m)[1] - 4) % 12) // 3 + 1
                out.append(Header(f"Q{q}", a, b - a))
            m += self.unit
        return out


# -- building --------------------------------------------------------------------------------


def _mark_label(name: str, month: Month) -> str:
    return f"{name} {render_month(month)}"


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
            "国の動き",
            "National policy",
            spans=tuple(Span(m.start.lo, m.date.hi, "pilot") for m in policy if m.start),
            marks=tuple(Mark(m.date.hi, m.id, _mark_label(m.name.ja, m.date.hi), f"{m.name.en} {render_month(m.date.hi)}") for m in policy),
        )
    )
    cloud = [m for m in nat.milestones if m.lane == "cloud"]
    spans: list[Span] = []
    marks: list[Mark] = []
    for m in cloud:
        if m.start is not None:
            spans.append(Span(m.start.lo, m.date.hi, "pilot"))
        else:
            marks.append(Mark(m.date.hi, m.id, _mark_label(m.name.ja, m.date.hi), f"{m.name.en} {render_month(m.date.hi)}"))
            if m.gates and m.date.hi < end:
                spans.append(Span(m.date.hi + 1, end, "available"))
    rows.append(Row("cloud", "cloud", "ガバメントクラウド", "Government Cloud", spans=tuple(spans), marks=tuple(marks)))
    for g in nat.groups.values():
        spec = g.spec.hi
        ready = nat.vendor_ready(g)
        rows.append(
            Row(
                f"group.{g.id}",
                "group",
                f"仕様 {g.name.ja}",
                f"Spec: {g.name.en}",
                spans=(Span(spec + 1, ready, "vendor"),) if ready > spec else (),
                marks=(
                    Mark(spec, f"spec.{g.id}", f"{g.name.ja} 仕様書 {render_month(spec)}", f"{g.name.en} spec {render_month(spec)}"),
                    Mark(ready, f"vendor.{g.id}", f"{g.name.ja} パッケージ {render_month(ready)}", f"{g.name.en} packages {render_month(ready)}", "ready"),
                ),
            )
        )
    for lane, ja, en in (("spec", "標準仕様書", "Specs"), ("vendor", "ベンダ", "Vendors")):
        ms = [m for m in nat.milestones if m.lane == lane]
        if ms:
            rows.append(
                Row(
                    f"lane.{lane}",
                    "lane",
                    ja,
                    en,
                    spans=tuple(Span(m.start.lo, m.date.hi, "pilot") for m in ms if m.start),
                    marks=tuple(Mark(m.date.hi, m.id, _mark_label(m.name.ja, m.date.hi), m.name.en) for m in ms),
                )
            )
    return rows


def compact_national(rows: Sequence[Row]) -> list[Row]:
    """The national lanes with every spec group merged into one row ``specs`` (all spec
    releases and vendor developments), for a short view."""
    groups = [r for r in rows if r.kind == "group"]
    if len(groups) <= 1:
        return list(rows)
    merged = Row(
        "specs",
        "group",
        f"仕様・ベンダ開発 ({len(groups)})",
        f"Specs + vendors ({len(groups)})",
        spans=tuple(s for r in groups for s in r.spans),
        marks=tuple(m for r in groups for m in r.marks),
    )
    out: list[Row] = []
    for r in rows:
        if r.kind != "group":
            out.append(r)
        elif r is groups[0]:
            out.append(merged)
    return out


def _national_months(nat: National) -> list[Month]:
    out = [nat.deadline.hi]
    for m in nat.milestones:
        out.append(m.date.hi)
        if m.start:
            out.append(m.start.lo)
    for g in nat.groups.values():
        out += [g.spec.lo, nat.vendor_ready(g)]
    return out


def _worst(findings: Sequence[Finding]) -> tuple[str | None, bool, tuple[str, ...]]:
    if not findings:
        return None, True, ()
    ordered = sorted(findings, key=lambda f: (-SEVERITY_ORDER[f.severity], not f.certain, f.code))
    codes = tuple(dict.fromkeys(f.code for f in ordered))
    return ordered[0].severity, ordered[0].certain, codes


def phase_spans(d: PlanDate | None, prev: PlanDate | None, status: str | None, first_start: Month | None) -> tuple[Span, ...]:
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


def build(
    plan: Plan,
    nat: National,
    findings: Sequence[Finding] = (),
    *,
    as_of: Month | None = None,
    slack: dict | None = None,  # type: ignore[type-arg]
) -> Timeline:
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
                ph = nat.phase(pid)
                if business is None:
                    label, label_en = ph.name
                else:
                    label, label_en = nat.business_name(business), nat.business_name(business, "en")
                out.append(
                    Row(
                        f"phase.{pid}" + (f".{business}" if business else ""),
                        "phase" if business is None else "business",
                        label,
                        label_en,
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

    lines = [VLine(nat.deadline.hi, "deadline", f"期限 {nat.deadline.text}", f"deadline {nat.deadline.text}")]
    extended: dict[Month, list[str]] = {}
    for bid, bp in plan.businesses.items():
        if bp.extended_deadline is not None:
            extended.setdefault(bp.extended_deadline.hi, []).append(bid)
    for m, bids in sorted(extended.items()):
        names = "・".join(nat.business_name(b) for b in bids)
        names_en = ", ".join(nat.business_name(b, "en") for b in bids)
        lines.append(VLine(m, "extended", f"延長期限 {render_month(m)} ({names})", f"extended deadline {render_month(m)} ({names_en})"))
    if as_of is not None:
        lines.append(VLine(as_of, "evaluation", f"評価日 {render_month(as_of)}", f"evaluation {render_month(as_of)}", "start"))

    months = _national_months(nat) + [ln.month for ln in lines]
    for r in [*phases, *(c for cs in children.values() for c in cs)]:
        for s in r.spans:
            months += [s.lo, s.hi]
    start, end = fiscal_bounds(months)
    return Timeline(
        plan.municipality,
        plan.file,
        start,
        end,
        tuple(national_rows(nat, end)),
        tuple(phases),
        {k: tuple(v) for k, v in children.items()},
        tuple(lines),
    )


def national_timeline(nat: National, *, as_of: Month | None = None) -> Timeline:
    """The national lanes alone (no municipality selected)."""
    as_of = nat.evaluation_date if as_of is None else as_of
    lines = [VLine(nat.deadline.hi, "deadline", f"期限 {nat.deadline.text}", f"deadline {nat.deadline.text}")]
    if as_of is not None:
        lines.append(VLine(as_of, "evaluation", f"評価日 {render_month(as_of)}", f"evaluation {render_month(as_of)}", "start"))
    start, end = fiscal_bounds(_national_months(nat) + [ln.month for ln in lines])
    return Timeline(None, None, start, end, tuple(national_rows(nat, end)), (), {}, tuple(lines))


def fiscal_bounds(months: Iterable[Month]) -> tuple[Month, Month]:
    """The April of the first and the March of the last fiscal year holding ``months``."""
    ms = list(months)
    lo = fiscal_year_interval(fiscal_year_of(min(ms)))[0]
    hi = fiscal_year_interval(fiscal_year_of(max(ms)))[1]
    return lo, hi


def union(timelines: Sequence[Timeline]) -> tuple[Month, Month]:
    """One month range for several charts drawn on a shared axis."""
    return min(t.start for t in timelines), max(t.end for t in timelines)


# -- painting --------------------------------------------------------------------------------


def char_width(ch: str) -> int:
    """Terminal cells of one character: 2 for East Asian wide/full-width, 0 for combining
    marks, else 1. Hand-written because model/ may not import rich; the terminal code passes
    ``rich.cells.cell_len`` instead where it can."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str, width: Callable[[str], int] = char_width) -> int:
    return sum(width(c) for c in text)


def fit(text: str, cells: int, width: Callable[[str], int] = char_width) -> str:
    """``text`` cut (with "…") or padded with spaces to exactly ``cells`` cells."""
    if text_width(text, width) <= cells:
        return text + " " * (cells - text_width(text, width))
    out, used = "", 0
    for c in text:
        w = width(c)
        if used + w > cells - 1:
            break
        out += c
        used += w
    return out + "…" + " " * (cells - used - 1)


@dataclass(frozen=True, slots=True)
class Cell:
    """One terminal cell. A wide character is a cell with ``char`` followed by a cell with
    ``char == ""`` (its right half). ``kind``: ``blank``, a span kind, ``mark``, ``ready``,
    a line kind, ``slack``, ``note`` (text)."""

    char: str
    kind: str


BLANK = Cell(" ", "blank")


def _put_text(cells: list[Cell], col: int, text: str, kind: str, width: Callable[[str], int], *, over: tuple[str, ...] = ("blank",)) -> bool:
    """Write ``text`` from ``col`` if every cell it needs is free (of a kind in ``over``)."""
    need = text_width(text, width)
    if col < 0 or col + need > len(cells) or any(cells[i].kind not in over for i in range(col, col + need)):
        return False
    i = col
    for ch in text:
        w = width(ch)
        if w == 0:
            continue
        cells[i] = Cell(ch, kind)
        for j in range(1, w):
            cells[i + j] = Cell("", kind)
        i += w
    return True


def slack_text(row: Row) -> str:
    if row.slack is None or row.na:
        return ""
    return f"{row.slack:+d}"


def paint(
    row: Row,
    scale: Scale,
    lines: Sequence[VLine] = (),
    *,
    lang: str = "ja",
    labels: bool = True,
    width: Callable[[str], int] = char_width,
) -> list[Cell]:
    """The chart cells of one row (``scale.width`` of them): spans, marks, slack after the bar
    ("+7"), "現行ベンダで標準化" written where a not-applicable phase would be, the vertical
    lines in the free cells, and (``labels``) a national mark's label after it where it fits."""
    cells = [BLANK] * scale.width
    for s in row.spans:
        a, b = scale.cols(s.lo, s.hi)
        for i in range(a, b):
            # a later, more certain span wins over "available" background; uncertain never
            # hides work in a shared unit at coarse zoom
            if cells[i].kind in ("blank", "available") or (cells[i].kind == "uncertain" and s.kind == "work"):
                cells[i] = Cell(GLYPH[s.kind], s.kind)
    for m in row.marks:
        if scale.start <= m.month <= scale.end:
            c = scale.line_col(VLine(m.month, "mark", "", "", "end"))
            if c is not None:
                cells[c] = Cell(GLYPH["mark"], m.kind)
    for ln in lines:
        c = scale.line_col(ln)
        if c is not None and cells[c].kind in ("blank", "available"):
            cells[c] = Cell(GLYPH[ln.kind], ln.kind)
    if row.marks and labels and row.kind in ("policy", "lane"):
        for m in row.marks:
            c = scale.line_col(VLine(m.month, "mark", "", "", "end"))
            if c is not None:
                _put_text(cells, c + 1, m.text(lang).rsplit(" ", 1)[0], "note", width)
    end = row.end
    if end is not None and (t := slack_text(row)):
        _, b = scale.cols(end, end)
        _put_text(cells, b, t, "slack", width) or _put_text(cells, b, t, "slack", width, over=("blank", "deadline", "extended", "evaluation"))
    if row.na and row.date_text and row.anchor is not None:
        # 現行ベンダで標準化: the words stand where the bar would have started
        a, _ = scale.cols(row.anchor, row.anchor)
        _put_text(cells, a, row.date_text, "note", width)
    return cells


def cells_text(cells: Sequence[Cell]) -> str:
    return "".join(c.char for c in cells)


__all__ = [
    "GLYPH",
    "Cell",
    "Header",
    "Mark",
    "Row",
    "Scale",
    "Span",
    "Timeline",
    "VLine",
    "Zoom",
    "build",
    "compact_national",
    "national_rows",
    "national_timeline",
    "paint",
    "zoom_in",
    "zoom_out",
]
