"""GanttView: a municipality's plan against the national timeline, drawn in the terminal.

Public API (for the app)::

    from model.render import gantt
    from tui.app.widgets.gantt import GanttView

    view = GanttView(lang="ja")                       # empty until show() / or pass a GanttLayout
    view.show(gantt.build(plan, nat, findings, as_of=as_of))   # after every re-check
    view.select("migration")                          # highlight a phase (business=None: municipal line)
    view.select("migration", "koseki")                # a business row (expands its phase)
    view.selected                                     # ("migration", None) or None
    view.zoom = Zoom.QUARTER                          # or the actions zoom_in / zoom_out
    view.expand_phase("migration") / view.expand_all(True)  # per-business rows
    view.show_ghost(gantt.build(replanned, nat, ...))  # a proposal's bars as ghost rows

    GanttView(chart=None, *, lang="ja", zoom=Zoom.MONTH, fit=False, national="auto", name=, id=, classes=)

``fit``: the zoom follows the width, the finest at which the whole span (national lanes
included) fits beside the labels (``0``; ``+``/``-`` choose a zoom by hand). ``national``:
``"auto"`` (every lane when they fit with the phases, else the spec groups merged into one
row, else none: the phases first; :func:`gantt_rows.national_mode`), ``"full"``, ``"compact"`` or ``"off"``; ``n`` cycles
through them.

Keys: :mod:`tui.app.widgets.gantt_keys`.

Messages (bubble to the app):

- ``GanttView.PhaseClicked(gantt, phase, business)`` — a phase or business row was clicked
  (its bar, its label or anywhere on its line). The app selects that phase.
- ``GanttView.PhaseHighlighted(gantt, phase, business)`` — the keyboard cursor moved to a row.

Drawing: a fixed label column (phase name, worst finding icon, the date as written) and the
months across, grouped by fiscal year (R3年度 …). A month completion is a solid bar █, a
year-only completion ends in a light ░ span over its twelve months, done phases are ▓ in the
success colour, a phase in conflict takes its worst finding's colour, slack follows the bar
("+7"; negative in the error colour), the deadline ┃ and the evaluation date ┊ run through
every row. Colours are component classes in ``gantt.tcss`` (theme variables). The lines are
drawn by ``gantt_strips.py``; this widget holds the state (chart, zoom, scroll, expansion,
selection) and answers keys and the mouse.

A Line-API ``ScrollView``: only the visible lines are rendered; each row's full strip is cached
until the data, zoom, language or selection changes, and scrolling only crops it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from model.render import gantt as tl
from model.render.gantt import GanttLayout, Row, Zoom
from tui.app.i18n import localize_bindings
from tui.app.tcss import beside
from tui.app.widgets.gantt_keys import DESCRIPTIONS, GANTT_BINDINGS, GanttKeys
from tui.app.widgets.gantt_rows import fit_zoom, ghost_rows, national_mode
from tui.app.widgets.gantt_strips import (
    HEADER_ROWS,
    LABEL_MAX,
    LABEL_MIN,
    PaintedRow,
    StripPainter,
    label_cells,
    tooltip,
)
from tui.app.widgets.virtual_size import set_virtual_size


class GanttView(GanttKeys, ScrollView, can_focus=True):
    """The Gantt chart of one plan (see the module docstring for the API)."""

    DEFAULT_CSS = beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = GANTT_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"gantt--{part}"
        for part in (
            "header", "subheader", "label", "label-national", "date",  # the label column
            "work", "uncertain", "done", "pilot", "vendor", "available", "mark", "ready",  # cells
            "deadline", "extended", "evaluation", "slack", "slack-negative", "note",
            "error", "warning", "info", "selected", "cursor", "focus", "ghost",  # severity, highlight, focus, proposal
        )
    }  # fmt: skip

    zoom: reactive[Zoom] = reactive(Zoom.MONTH)
    national: reactive[str] = reactive("auto")

    class _PhaseMessage(Message):
        """A message about one phase row (``business`` None) or business row."""

        def __init__(self, gantt: GanttView, phase: str, business: str | None) -> None:
            super().__init__()
            self.gantt = gantt
            self.phase = phase
            self.business = business

        @property
        def control(self) -> GanttView:
            return self.gantt

    class PhaseClicked(_PhaseMessage):
        """A phase (``business`` None) or business row was clicked."""

    class PhaseHighlighted(_PhaseMessage):
        """The keyboard cursor moved to a phase or business row."""

    def __init__(
        self,
        chart: GanttLayout | None = None,
        *,
        lang: str = "ja",
        zoom: Zoom = Zoom.MONTH,
        fit: bool = False,
        national: str | bool = "auto",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.lang = lang
        self._chart = chart
        self._expanded: set[str] = set()
        self._selected: tuple[str, str | None] | None = None
        self._rows: list[Row] = []
        # drawn rows by id: (row, selected, expanded, strips), while the scale, label width and
        # vertical lines stay (``_drawn_for``): an edit draws again only the rows it changed
        self._cache: dict[str, tuple[Row, bool, bool, PaintedRow]] = {}
        self._drawn_for: object = None
        self.fit = fit
        self._ghost: GanttLayout | None = None
        self._label_w = LABEL_MIN
        self._scale: tl.Scale | None = None
        localize_bindings(self, DESCRIPTIONS, lang)
        self.set_reactive(GanttView.zoom, zoom)
        self.set_reactive(GanttView.national, {True: "auto", False: "off"}.get(national, national))  # type: ignore[call-overload]
        self._relayout()

    # -- public API --------------------------------------------------------------------------

    @property
    def chart(self) -> GanttLayout | None:
        """The layout shown (None: nothing yet)."""
        return self._chart

    @property
    def rows(self) -> list[Row]:
        """The rows as drawn, top to bottom (national lanes, phases, expanded businesses)."""
        return list(self._rows)

    @property
    def scale(self) -> tl.Scale | None:
        return self._scale

    @property
    def label_width(self) -> int:
        return self._label_w

    @property
    def selected(self) -> tuple[str, str | None] | None:
        """(phase, business) of the highlighted row, or None."""
        return self._selected

    def show(self, chart: GanttLayout | None) -> None:
        """Draw another plan's layout (or the same plan re-checked); keeps zoom, scroll,
        expansion and the selection when that row still exists. Another municipality is
        scrolled so that its first phase bar is in view."""
        other = chart is not None and (self._chart is None or self._chart.municipality != chart.municipality)
        self._chart = chart
        self._relayout()
        if other:
            self.call_after_refresh(self._scroll_to_plan)

    def show_ghost(self, ghost: GanttLayout | None) -> None:
        """Under each phase row whose bar ``ghost`` (the same plan re-planned) draws
        elsewhere, a ghost row with that bar (None: none)."""
        self._ghost = ghost
        self._relayout()

    def _scroll_to_plan(self) -> None:
        t, sc = self._chart, self._scale
        if t is None or sc is None:
            return
        starts = [s.lo for r in t.phases for s in r.spans]
        if starts and self.virtual_size.width > self.size.width:
            self.scroll_to(x=max(0, sc.col(min(starts)) - 2 * sc.cells), animate=False)

    def select(self, phase: str | None, business: str | None = None, *, scroll: bool = True) -> None:
        """Highlight a phase row (``phase`` None clears). A business row expands its phase.
        Posts no message (the app calls this in answer to its own selection)."""
        target = None if phase is None else (phase, business)
        if target != self._selected or (business is not None and phase not in self._expanded):
            if phase is not None and business is not None:
                self._expanded.add(phase)
            self._selected = target
            self._relayout()  # the same selection again (after a re-check): nothing to lay out
        if scroll:
            self._scroll_to_selected()

    def expand_phase(self, phase: str, on: bool = True) -> None:
        """Show (or hide) the per-business rows under a phase."""
        (self._expanded.add if on else self._expanded.discard)(phase)
        self._relayout()

    def expand_all(self, on: bool = True) -> None:
        t = self._chart
        self._expanded = {r.phase for r in t.phases if r.phase and r.children} if (t and on) else set()
        self._relayout()

    def row_at(self, y: int) -> Row | None:
        """The row drawn on line ``y`` of the widget's content (headers are None)."""
        if y < HEADER_ROWS:
            return None
        i = y - HEADER_ROWS + round(self.scroll_y)
        return self._rows[i] if 0 <= i < len(self._rows) else None

    # -- layout ------------------------------------------------------------------------------

    def _relayout(self) -> None:
        t = self._chart
        if t is None:
            self._rows, self._scale = [], None
            self.virtual_size = Size(self._label_w, HEADER_ROWS)
            self.refresh()
            return
        if self._selected and self._selected[1] is None and t.row(self._selected[0]) is None:
            self._selected = None
        ghosts = len(ghost_rows(t.phases, self._ghost)) - len(t.phases)
        mode = (
            national_mode(t, self._expanded, self.size.height, extra=ghosts)
            if self.national == "auto"
            else self.national
        )
        before = self._drawn_rows()
        self._rows = ghost_rows(t.rows(self._expanded, national=mode), self._ghost)
        widest = max((label_cells(r, self.lang) for r in self._rows), default=0)
        width = max(0, self.size.width - 1)  # a vertical scrollbar's column kept free
        if self.fit and width:
            zoom, self._label_w = fit_zoom(t, widest, width)
            self.set_reactive(GanttView.zoom, zoom)
        else:
            # at most two fifths of the widget (120 columns: 34), never below LABEL_MIN
            room = max(LABEL_MIN, min(LABEL_MAX, (width or 3 * LABEL_MAX) * 2 // 5))
            self._label_w = max(LABEL_MIN, min(room, widest))
        self._scale = t.scale(self.zoom)
        drawn_for = (self._scale, self._label_w, t.lines, t.municipality)
        same = drawn_for == self._drawn_for
        if not same:
            self._cache.clear()
            self._drawn_for = drawn_for
        size = Size(self._label_w + self._scale.width, HEADER_ROWS + len(self._rows))
        after = self._drawn_rows()
        if same and size == self.virtual_size and len(before) == len(after):
            self._refresh_rows(i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b)
            return  # the same plan re-checked: only the rows that changed are drawn again
        set_virtual_size(self, size)  # a layout only when the box changes
        self.refresh()

    def _drawn_rows(self) -> list[tuple[Row, bool, bool]]:
        """Each row as drawn: the row, selected, expanded."""
        return [
            (r, self._selected == (r.phase, r.business) and r.phase is not None, r.phase in self._expanded)
            for r in self._rows
        ]

    def _refresh_rows(self, rows: Iterable[int]) -> None:
        top = round(self.scroll_y)
        for i in rows:
            y = HEADER_ROWS + i - top
            if HEADER_ROWS <= y < self.size.height:
                self.refresh(Region(0, y, self.size.width, 1))

    def watch_zoom(self, old: Zoom, new: Zoom) -> None:
        self.fit = False  # a zoom chosen (by a key or the app) stays until ``0``
        if self._scale is None:
            self._relayout()
            return
        # keep the month at the left edge of the chart in view
        month = self._scale.month_at(round(self.scroll_x))
        self._relayout()
        if month is not None and self._scale is not None:
            self.scroll_to(x=self._scale.col(month), animate=False)

    def notify_style_update(self) -> None:
        # a theme change: the cached strips hold the old colours
        super().notify_style_update()
        self._cache.clear()

    def watch_national(self) -> None:
        self._relayout()

    def on_mount(self) -> None:
        self._relayout()
        self.call_after_refresh(self._scroll_to_plan)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    @on(events.Focus)
    @on(events.Blur)
    def _focus_changed(self) -> None:  # the header shows whether this pane has the keys
        self.refresh(Region(0, 0, self.size.width, HEADER_ROWS))

    def _scroll_to_selected(self) -> None:
        idx = next((i for i, r in enumerate(self._rows) if self._selected == (r.phase, r.business)), None)
        if idx is None:
            return
        visible = max(1, self.size.height - HEADER_ROWS)
        top = round(self.scroll_y)
        if idx < top:
            self.scroll_to(y=idx, animate=False)
        elif idx >= top + visible:
            self.scroll_to(y=idx - visible + 1, animate=False)
        row = self._rows[idx]
        if self._scale is not None and row.end is not None:
            a, b = self._scale.cols(min(s.lo for s in row.spans), row.end)
            chart_w = max(1, self.size.width - self._label_w)
            left = round(self.scroll_x)
            if a < left or b + 3 > left + chart_w:
                self.scroll_to(x=max(0, b + 3 - chart_w) if b - a < chart_w else a, animate=False)

    # -- mouse -------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        off = event.get_content_offset(self)
        if off is None:
            return
        row = self.row_at(off.y)
        if row is None or row.phase is None:
            return
        event.stop()
        if row.kind == "phase" and row.children and off.x < 2:
            self.expand_phase(row.phase, row.phase not in self._expanded)
        self.select(row.phase, row.business, scroll=False)
        self.post_message(self.PhaseClicked(self, row.phase, row.business))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        off = event.get_content_offset(self)
        self.tooltip = self.tooltip_at(off.x, off.y) if off is not None else None

    def tooltip_at(self, x: int, y: int) -> str | None:
        """The tooltip for content offset (x, y): a national mark's name and month, or a
        phase's date as written, slack, latest safe month and rule codes."""
        row = self.row_at(y)
        if row is None or self._scale is None:
            return None
        return tooltip(row, self._scale, x, self._label_w, round(self.scroll_x), self.lang)

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lw = min(self._label_w, width)
        sx = round(self.scroll_x)
        chart_w = max(0, width - lw)
        base = self.rich_style
        if y < HEADER_ROWS:
            label, chart = self._painter(base).header(y, self._chart, self._scale, self._label_w, self.zoom, sx)
            label = label.crop_extend(0, lw, base)
            if self.has_focus:  # the label column's header in the focus colour: this pane has the keys
                focus = self.get_component_rich_style("gantt--focus")
                label = Strip([Segment(s.text, (s.style or Style()) + focus, s.control) for s in label])
            return Strip.join([label, chart.crop_extend(sx, sx + chart_w, base)])
        else:
            i = y - HEADER_ROWS + round(self.scroll_y)
            if not 0 <= i < len(self._rows):
                return Strip.blank(width, base)
            r = self._rows[i]
            selected = self._selected == (r.phase, r.business) and r.phase is not None
            expanded = r.phase in self._expanded
            hit = self._cache.get(r.id)
            if hit is not None and (hit[0] is r or hit[0] == r) and hit[1:3] == (selected, expanded):
                painted = hit[3]
            else:
                painted = self._painter(base).row(
                    r, self._chart, self._scale, self._label_w, selected=selected, expanded=expanded
                )
                self._cache[r.id] = (r, selected, expanded, painted)
            return Strip.join([painted.label.crop_extend(0, lw, base), painted.visible(sx, chart_w, base)])
        return Strip.join([label.crop_extend(0, lw, base), chart.crop_extend(sx, sx + chart_w, base)])

    def _painter(self, base: Style) -> StripPainter:
        return StripPainter(self.get_component_rich_style, base, self.lang)


__all__ = ["GanttView", "Zoom"]
