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

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from model.core.dates import render_month
from model.core.severity import Severity
from model.render import gantt as tl
from model.render.gantt import GanttLayout, Row, Scale, Zoom
from tui.app.i18n import t

HEADER_ROWS = 2
LABEL_MIN, LABEL_MAX = 18, 34
ZOOM_WORDS = {Zoom.MONTH: "gantt.zoom.month", Zoom.QUARTER: "gantt.zoom.quarter", Zoom.YEAR: "gantt.zoom.year"}


def fit(text: str, cells: int) -> str:
    return tl.fit(text, cells, cell_len)


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
    """The cells a row's label needs unabridged (the widget sizes its label column by it)."""
    return 2 + 2 * r.depth + cell_len(r.text(lang)) + 2 + cell_len(date_text(r)) + 1


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

    def header(self, y: int, chart: GanttLayout | None, scale: Scale | None, label_w: int, zoom: Zoom, scroll_x: int) -> tuple[Strip, Strip]:
        """Header line ``y``: 0 the municipality and the fiscal years, 1 the zoom and the units
        (with ▼ where a vertical line runs)."""
        base = self.base
        if y == 0:
            title = (chart.municipality or t("gantt.national", self.lang)) if chart else ""
            label = Strip([Segment(fit(" " + title, label_w), base + self.style("gantt--header"))])
        else:
            text = " " + t("gantt.zoom", self.lang, z=t(ZOOM_WORDS[zoom], self.lang))
            label = Strip([Segment(fit(text, label_w), base + self.style("gantt--subheader"))])
        if scale is None or chart is None:
            return label, Strip([])
        cells = [tl.Cell(" ", "blank")] * scale.width
        heads = scale.years(self.lang) if y == 0 else scale.units()
        for h in heads:
            text = fit(h.label, h.width) if y == 0 else h.label.rjust(h.width)[: h.width]
            for j, ch in enumerate(cells_of(text)):
                if h.col + j < scale.width:
                    cells[h.col + j] = tl.Cell(ch, "header" if y == 0 else "subheader")
        if y == 0:
            # keep the fiscal year at the left edge named when its own label scrolled away
            cur = next((h for h in heads if h.col < scroll_x < h.col + h.width), None)
            if cur is not None:
                text = fit(cur.label, min(cell_len(cur.label), cur.col + cur.width - scroll_x))
                for j, ch in enumerate(cells_of(text)):
                    cells[scroll_x + j] = tl.Cell(ch, "header")
        if y == 1:
            for ln in chart.lines:
                c = scale.line_col(ln)
                if c is not None and cells[c].char == " ":
                    cells[c] = tl.Cell("▼", ln.kind)
        return label, self._cells_strip(cells, None)

    def row(self, r: Row, chart: GanttLayout | None, scale: Scale | None, label_w: int, *, selected: bool, expanded: bool) -> tuple[Strip, Strip]:
        """A row's label and chart strips (``selected``: highlighted; ``expanded``: its
        business rows are shown)."""
        base = self.base
        sel = self.style("gantt--selected", partial=True) if selected else Style()
        exp = "  "
        if r.kind == "phase" and r.children:
            exp = "▾ " if expanded else "▸ "
        icon = Severity(r.severity).icon if r.severity else " "
        date = date_text(r)
        name_w = max(1, label_w - 2 - 2 * r.depth - 2 - cell_len(date) - 1)
        name = fit(r.text(self.lang), name_w)
        lab_style = base + self.style("gantt--label-national" if r.national else "gantt--label")
        segs = [Segment(exp + "  " * r.depth + name, lab_style + sel)]
        segs.append(Segment(" " + icon, base + (self.style(f"gantt--{r.severity}") if r.severity else Style()) + sel))
        segs.append(Segment(" " + date + " ", base + self.style("gantt--date") + sel))
        label = Strip(segs).crop_extend(0, label_w, base + sel)
        if scale is None or chart is None:
            return label, Strip([])
        cells = tl.paint(r, scale, chart.lines, lang=self.lang, width=cell_len)
        return label, self._cells_strip(cells, r, sel)

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
        if r is not None and k in ("work", "uncertain", "done") and r.severity:
            return self.style(f"gantt--{r.severity}")
        if k == "slack":
            neg = r is not None and r.slack is not None and r.slack < 0
            return self.style("gantt--slack-negative" if neg else "gantt--slack")
        return self.style(f"gantt--{k}", default=Style())
