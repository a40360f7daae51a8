"""The Gantt chart's lines as strips: what ``GanttView`` draws, apart from the widget.

Each line is two strips, the label column (expander, name, worst finding icon, the date as
written) and the chart (the months across, cropped by the widget as it scrolls). Colours
are the widget's component classes (``gantt.tcss``), looked up through the ``style``
function the widget passes in, so a theme change is a new :class:`StripPainter`. The words
of a line's tooltip are here too: they read the same row and scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from model.core.dates import render_month
from model.core.printable import printable
from model.core.severity import Severity
from model.render import gantt as tl
from model.render.gantt import GanttLayout, Row, Scale, Zoom
from tui.app.i18n import t
from tui.app.widgets.strip_window import window

HEADER_ROWS = 2
LABEL_MIN, LABEL_MAX = 18, 34
ZOOM_WORDS = {Zoom.MONTH: "gantt.zoom.month", Zoom.QUARTER: "gantt.zoom.quarter", Zoom.YEAR: "gantt.zoom.year"}
LINE_WORDS = {
    "deadline": "gantt.line.deadline",
    "extended": "gantt.line.extended",
    "evaluation": "gantt.line.evaluation",
}
"""The words of a vertical line's ▼ in the header (written beside it where there is room)."""
TEXT_KINDS = ("slack", "note")  # cells of words on a chart line ("+12", "基本方針")


class PaintedRow(NamedTuple):
    """A row's strips, and the columns ``[a, b)`` of each run of words on its chart line: a
    run the left edge cuts is not shown (a cut "+13" would read "3", right after the date)."""

    label: Strip
    chart: Strip
    texts: tuple[tuple[int, int], ...] = ()

    def visible(self, scroll_x: int, width: int, base: Style) -> Strip:
        """The chart from column ``scroll_x``, ``width`` cells; words either edge would cut
        are left out (a cut "+13" would read "3" right after the date, a cut "+0" "+")."""
        return window(self.chart, self.texts, scroll_x, width, base)


def fit(text: str, cells: int) -> str:
    return tl.fit(text, cells, cell_len)


def short_year(label: str) -> str:
    """A fiscal year's label in its short form: R4年度 → R4, FY2022 → FY22."""
    if label.endswith("年度"):
        return label[:-2]
    if label.startswith("FY") and len(label) == 6:
        return "FY" + label[4:]
    return label


def text_runs(cells: list[tl.Cell]) -> tuple[tuple[int, int], ...]:
    """The columns ``[a, b)`` of each run of word cells (:data:`TEXT_KINDS`)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate([*cells, tl.Cell(" ", "blank")]):
        word = c.kind in TEXT_KINDS
        if word and start is None:
            start = i
        elif not word and start is not None:
            runs.append((start, i))
            start = None
    return tuple(runs)


def cells_of(text: str) -> list[str]:
    """A string as one entry per terminal cell ("" for the right half of a wide character)."""
    out: list[str] = []
    for ch in text:
        w = cell_len(ch)
        if w == 0:
            continue
        out.append(ch)
        out.extend([""] * (w - 1))
    return out


def date_text(r: Row) -> str:
    """The date as the label column shows it: as written, — for n/a, ? when missing."""
    if r.na:
        return "—"
    if r.missing:
        return "?"
    return r.date_text


def label_cells(r: Row, lang: str) -> int:
    """The cells a row's label needs unabridged (the widget sizes its label column by it):
    expander, name, icon, the date between spaces (the last one keeps the chart's first cell,
    e.g. a slack "+12" scrolled to the edge, from reading as part of the date)."""
    return 2 + 2 * r.depth + cell_len(r.text(lang)) + 2 + cell_len(date_text(r)) + 2


def tooltip(row: Row, scale: Scale, x: int, label_w: int, scroll_x: int, lang: str) -> str | None:
    """The tooltip at content column ``x`` of ``row``: a national mark's name and month, or
    a phase's date as written, slack, latest safe month and rule codes."""
    if row.national:
        if x < label_w:
            return row.text(lang)
        month = scale.month_at(x - label_w + scroll_x)
        if month is None:
            return None
        marks = [m.text(lang) for m in row.marks if month <= m.month < month + scale.unit]
        return "\n".join(marks) or None
    parts = [row.text(lang), date_text(row)]
    if row.slack is not None:
        parts.append(t("gantt.slack", lang, n=f"{row.slack:+d}"))
    if row.latest is not None:
        parts.append(t("gantt.latest", lang, m=render_month(row.latest)))
    if row.codes:
        parts.append(" ".join(row.codes))
    return "  ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class StripPainter:
    """Draws header and row strips in one look: ``style`` is the widget's
    ``get_component_rich_style``, ``base`` its own rich style."""

    style: Callable[..., Style]
    base: Style
    lang: str

    def header(
        self, y: int, chart: GanttLayout | None, scale: Scale | None, label_w: int, zoom: Zoom, scroll_x: int
    ) -> tuple[Strip, Strip]:
        """Header line ``y``: 0 the municipality and the fiscal years, 1 the zoom and the units
        (with ▼ where a vertical line runs)."""
        base = self.base
        if y == 0:
            title = printable(chart.municipality or t("gantt.national", self.lang)) if chart else ""
            label = Strip([Segment(fit(" " + title, label_w), base + self.style("gantt--header"))])
        else:
            text = " " + t("gantt.zoom", self.lang, z=t(ZOOM_WORDS[zoom], self.lang))
            label = Strip([Segment(fit(text, label_w), base + self.style("gantt--subheader"))])
        if scale is None or chart is None:
            return label, Strip([])
        cells = [tl.Cell(" ", "blank")] * scale.width
        heads = scale.years(self.lang) if y == 0 else scale.units()
        if y == 1 and zoom is Zoom.QUARTER:  # Q1 and Q3 only: "Q1Q2Q3Q4" side by side reads as one word
            heads = [h for h in heads if h.label in ("Q1", "Q3")]
        for h in heads:
            text = fit(h.label, h.width) if y == 0 else h.label.rjust(h.width)[: h.width]
            for j, ch in enumerate(cells_of(text)):
                if h.col + j < scale.width:
                    cells[h.col + j] = tl.Cell(ch, "header" if y == 0 else "subheader")
        if y == 0:
            # keep the fiscal year at the left edge named when its own label scrolled away:
            # in full or short, with a blank before the next year's label, or not at all
            cur = next((h for h in heads if h.col < scroll_x < h.col + h.width), None)
            if cur is not None:
                room = cur.col + cur.width - scroll_x - 1
                text = next((x for x in (cur.label, short_year(cur.label)) if cell_len(x) <= room), "")
                for j in range(cur.col, cur.col + cur.width):
                    cells[j] = tl.Cell(" ", "blank")
                for j, ch in enumerate(cells_of(text)):
                    cells[scroll_x + j] = tl.Cell(ch, "header")
        if y == 1:
            for ln in chart.lines:
                c = scale.line_col(ln)
                if c is not None and cells[c].char == " ":
                    cells[c] = tl.Cell("▼", ln.kind)
                    if zoom is Zoom.YEAR:  # no units on this line: room for what each ▼ is
                        self._words(cells, c + 1, t(LINE_WORDS[ln.kind], self.lang), ln.kind)
        return label, self._cells_strip(cells, None)

    @staticmethod
    def _words(cells: list[tl.Cell], col: int, text: str, kind: str) -> None:
        """Write ``text`` from ``col`` when every cell it needs (and the one after, if any) is blank."""
        chars = cells_of(text)
        if col + len(chars) > len(cells) or any(c.char != " " for c in cells[col : col + len(chars) + 1]):
            return
        for j, ch in enumerate(chars):
            cells[col + j] = tl.Cell(ch, kind)

    def row(
        self, r: Row, chart: GanttLayout | None, scale: Scale | None, label_w: int, *, selected: bool, expanded: bool
    ) -> PaintedRow:
        """A row's label and chart strips (``selected``: highlighted; ``expanded``: its
        business rows are shown)."""
        base = self.base
        sel = self.style("gantt--selected", partial=True) if selected else Style()
        exp = "  "
        if r.kind == "phase" and r.children:
            exp = "▾ " if expanded else "▸ "
        icon = Severity(r.severity).icon if r.severity else " "
        date = date_text(r)
        name_w = max(1, label_w - 2 - 2 * r.depth - 2 - cell_len(date) - 2)
        name = fit(r.text(self.lang), name_w)
        lab_style = base + self.style(
            "gantt--label-national" if r.national else "gantt--ghost" if r.kind == "ghost" else "gantt--label"
        )
        segs = [Segment(exp + "  " * r.depth + name, lab_style + sel)]
        segs.append(Segment(" " + icon, base + (self.style(f"gantt--{r.severity}") if r.severity else Style()) + sel))
        segs.append(Segment(" " + date + " ", base + self.style("gantt--date") + sel))
        label = Strip(segs).crop_extend(0, label_w, base + sel)
        if scale is None or chart is None:
            return PaintedRow(label, Strip([]))
        cells = tl.paint(r, scale, chart.lines, lang=self.lang, width=cell_len)
        return PaintedRow(label, self._cells_strip(cells, r, sel), text_runs(cells))

    def _cells_strip(self, cells: list[tl.Cell], r: Row | None, overlay: Style | None = None) -> Strip:
        base = self.base
        overlay = overlay or Style()
        segs: list[Segment] = []
        run, run_style = "", None
        styles: dict[str, Style] = {}  # a cell's style depends on its kind only (within one row)
        for c in cells:
            if c.char == "":
                continue
            st = styles.get(c.kind)
            if st is None:
                st = styles[c.kind] = base + self._cell_style(c, r) + overlay
            if st != run_style and run:
                segs.append(Segment(run, run_style))
                run = ""
            run_style = st
            run += c.char
        if run:
            segs.append(Segment(run, run_style))
        return Strip(segs)

    def _cell_style(self, c: tl.Cell, r: Row | None) -> Style:
        k = c.kind
        if k == "blank":
            return Style()
        if r is not None and k in ("work", "uncertain", "done") and r.kind == "ghost":
            return self.style("gantt--ghost")  # a proposal's bar: drawn apart from the plan's
        if r is not None and k in ("work", "uncertain", "done") and r.severity:
            return self.style(f"gantt--{r.severity}")
        if k == "slack":
            neg = r is not None and r.slack is not None and r.slack < 0
            return self.style("gantt--slack-negative" if neg else "gantt--slack")
        return self.style(f"gantt--{k}", default=Style())
