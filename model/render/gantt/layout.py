"""What a Gantt layout is: the rows and spans of one chart, and the month → column scale.

- :class:`GanttLayout` — everything one chart shows: the national rows, the phases of one
  municipality (with per-business child rows) and the vertical lines;
- :class:`Row`, :class:`Span`, :class:`Mark`, :class:`VLine` — its parts;
- :class:`Scale` — months across at a :class:`Zoom` (month / quarter / year), fiscal-year
  headers (R3年度 …) and the month → column maths.

Layouts are built by :mod:`model.render.gantt.build` and painted by
:mod:`model.render.gantt.cells` (terminal cells), ``svg`` and ``text``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.core.dates import (
    Month,
    Precision,
    fiscal_year_interval,
    fiscal_year_of,
    render_fiscal_year,
    ym,
)
from model.core.severity import Severity
from model.core.words import Words

if TYPE_CHECKING:
    from model.checks.finding import Finding

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
    label: Words
    kind: str = "mark"

    def text(self, lang: str = "ja") -> str:
        return self.label(lang)


@dataclass(frozen=True, slots=True)
class VLine:
    """A vertical line through every row: the deadline, an extended deadline, the evaluation date.

    ``edge`` says where in its month the line stands: ``"end"`` (a deadline: the end of its
    month) or ``"start"`` (the evaluation date)."""

    month: Month
    kind: str  # "deadline" | "extended" | "evaluation"
    label: Words
    edge: str = "end"

    def text(self, lang: str = "ja") -> str:
        return self.label(lang)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the chart.

    ``kind``: ``policy`` | ``cloud`` | ``group`` | ``lane`` (national rows), ``phase`` (the
    municipal line of a phase) or ``business`` (a business's own value of a phase, a child of
    the phase row). ``id`` is unique in a layout: ``policy``, ``cloud``, ``group.<gid>``,
    ``phase.<pid>``, ``phase.<pid>.<bid>``.
    """

    id: str
    kind: str
    label: Words
    spans: tuple[Span, ...] = ()
    marks: tuple[Mark, ...] = ()
    phase: str | None = None
    business: str | None = None
    date_text: str = ""  # the completion as the planner wrote it ("" = none)
    precision: Precision | None = None
    done: bool = False
    na: bool = False  # 現行ベンダで標準化 / 対象外: no bar
    missing: bool = False  # no completion written
    severity: Severity | None = None  # worst finding on this row
    certain: bool = True  # is that worst finding certain?
    codes: tuple[str, ...] = ()  # rule codes of the row's findings, worst first
    slack: int | None = None  # months to the latest safe completion (negative: late)
    latest: Month | None = None  # the latest safe completion month
    depth: int = 0  # 0 = top level, 1 = a business under its phase
    anchor: Month | None = None  # where a not-applicable phase's words are written
    children: int = 0  # number of business rows under a phase row

    def text(self, lang: str = "ja") -> str:
        return self.label(lang)

    @property
    def national(self) -> bool:
        return self.kind in ("policy", "cloud", "group", "lane")

    @property
    def end(self) -> Month | None:
        """The last month of the row's bar (its completion's last possible month)."""
        return max((s.hi for s in self.spans if s.kind != "baseline"), default=None)


def compact_national(rows: Sequence[Row]) -> list[Row]:
    """The national lanes with every spec group merged into one row ``specs`` (all spec
    releases and vendor developments), for a short view."""
    groups = [r for r in rows if r.kind == "group"]
    if len(groups) <= 1:
        return list(rows)
    merged = Row(
        "specs",
        "group",
        Words(f"仕様・ベンダ開発 ({len(groups)})", f"Specs + vendors ({len(groups)})"),
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


@dataclass(frozen=True, slots=True)
class GanttLayout:
    """Everything one chart shows. ``rows()`` lists them top to bottom."""

    municipality: str | None
    file: str | None
    start: Month  # first month shown (an April)
    end: Month  # last month shown (a March)
    national: tuple[Row, ...]
    phases: tuple[Row, ...]
    businesses: dict[str, tuple[Row, ...]] = field(default_factory=dict)  # phase id -> rows
    lines: tuple[VLine, ...] = ()
    findings: tuple[Finding, ...] = ()  # the municipality's findings, as given to build (the handout lists them)

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

    def worst(self) -> Severity | None:
        """The worst finding's severity on the municipality's rows (None: no finding)."""
        return max((r.severity for r in self.rows(True, national=False) if r.severity), default=None)

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
    # derived once (a picture of 2,000 plans asks them millions of times)
    unit: int = field(init=False)  # months per unit
    cells: int = field(init=False)  # cells per unit
    width: int = field(init=False)  # cells across, the margin included

    def __post_init__(self) -> None:
        unit, cells = ZOOM_UNITS[self.zoom]
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "cells", cells)
        object.__setattr__(self, "width", self.col(self.end) + cells + self.margin)

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

    def month_col(self, month: Month, edge: str = "end") -> int | None:
        """The column a point in time is drawn in (a vertical line, a mark): the first cell of
        its month (``edge="start"``) or the last (a deadline in March is the last cell of a
        quarter or a fiscal year at coarse zoom); None when outside the chart."""
        if not self.start <= month <= self.end:
            return None
        a, b = self.cols(month, month)
        return a if edge == "start" else b - 1

    def line_col(self, line: VLine) -> int | None:
        """The column a vertical line is drawn in, or None when outside the chart."""
        return self.month_col(line.month, line.edge)

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
