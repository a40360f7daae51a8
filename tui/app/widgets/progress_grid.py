"""ProgressGrid: a municipality's systems (a row per business) × the procedure's 40 steps (a
column each), every cell its status as a glyph and a colour, with each system's rates.

A Line-API ``ScrollView``: the header (phases, step numbers) stays on top and the business
and its 完了率 on the left while the steps scroll (80×24: by scrolling; 160×50: all of it,
steps two cells wide). A cell cursor moves with the arrow keys (home/end: the first and last
step, page up/down: the first and last business); the cell under the mouse is reported too.
The lines are drawn by ``progress_grid_lines.py``.

Messages (bubble): ``CellHighlighted(business, step)`` when the cursor moves,
``CellHovered(business | None, step | None)`` when the mouse is over another cell (None: over
none)."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.tcss import beside
from tui.app.widgets.progress_grid_lines import HEADER_ROWS, Geometry, Grid, LinePainter, geometry
from tui.app.widgets.virtual_size import set_virtual_size

PARTS = (
    "header", "label", "rate", "none", "row", "phase-line", "cursor", "cursor-blurred",
    "done", "in-progress", "not-started", "na",
)  # fmt: skip


class ProgressGrid(ScrollView, can_focus=True):
    DEFAULT_CSS = beside(__file__)
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"pgrid--{p}" for p in PARTS}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("home", "jump(0, -1)", "First step", show=False),
        Binding("end", "jump(0, 1)", "Last step", show=False),
        Binding("pageup", "jump(-1, 0)", "First business", show=False),
        Binding("pagedown", "jump(1, 0)", "Last business", show=False),
    ]

    class _CellMessage(Message):
        def __init__(self, grid: ProgressGrid, business: str | None, step: int | None) -> None:
            super().__init__()
            self.grid = grid
            self.business = business
            self.step = step

        @property
        def control(self) -> ProgressGrid:
            return self.grid

    class CellHighlighted(_CellMessage):
        """The cursor moved to ``business``'s ``step`` (a number)."""

    class CellHovered(_CellMessage):
        """The mouse is over ``business``'s ``step`` (None, None: over no cell)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: Grid | None = None
        self.geo: Geometry | None = None
        self.cursor: tuple[int, int] = (0, 0)  # (row, step index)
        self._hovered: tuple[int, int] | None = None

    # -- data -----------------------------------------------------------------------
    def show(self, grid: Grid | None) -> None:
        """Draw ``grid`` (None: nothing); the cursor stays on its business and step."""
        keep = self.current
        self.grid = grid
        if grid is not None and keep is not None:
            row = next((i for i, r in enumerate(grid.rows) if r.business == keep[0]), self.cursor[0])
            col = next((i for i, s in enumerate(grid.steps) if s.number == keep[1]), self.cursor[1])
            self.cursor = (row, col)
        self._clamp()
        self._relayout()

    @property
    def current(self) -> tuple[str, int] | None:
        """(business, step number) under the cursor."""
        g = self.grid
        if g is None or not g.rows or not g.steps:
            return None
        r, c = self.cursor
        return g.rows[r].business, g.steps[c].number

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(row, step index) drawn at content offset (x, y), if a step cell."""
        g, geo = self.grid, self.geo
        if g is None or geo is None or y < HEADER_ROWS or x < geo.fixed:
            return None
        row = y - HEADER_ROWS + round(self.scroll_y)
        col = geo.step_at(x - geo.fixed + round(self.scroll_x))
        if not 0 <= row < len(g.rows) or col is None:
            return None
        return row, col

    def _clamp(self) -> None:
        g = self.grid
        if g is None or not g.rows or not g.steps:
            self.cursor = (0, 0)
            return
        r, c = self.cursor
        self.cursor = (max(0, min(r, len(g.rows) - 1)), max(0, min(c, len(g.steps) - 1)))

    def _relayout(self) -> None:
        g = self.grid
        if g is None:
            self.geo = None
            set_virtual_size(self, Size(0, 0))
            self.refresh()
            return
        self.geo = geometry(g, max(0, self.size.width - 1) or 200)
        set_virtual_size(self, Size(self.geo.fixed + self.geo.width, HEADER_ROWS + len(g.rows)))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # -- keys and mouse -------------------------------------------------------------
    def action_move(self, dr: int, dc: int) -> None:
        r, c = self.cursor
        self.move_to(r + dr, c + dc)

    def action_jump(self, dr: int, dc: int) -> None:
        g = self.grid
        if g is None:
            return
        r, c = self.cursor
        if dr:
            r = 0 if dr < 0 else len(g.rows) - 1
        if dc:
            c = 0 if dc < 0 else len(g.steps) - 1
        self.move_to(r, c)

    def move_to(self, row: int, col: int, *, announce: bool = True) -> None:
        g = self.grid
        if g is None or not g.rows:
            return
        old = self.cursor
        self.cursor = (row, col)
        self._clamp()
        self._scroll_to_cursor()
        if self.cursor != old:
            self._refresh_rows(old[0], self.cursor[0])
            if announce:
                r, c = self.cursor
                self.post_message(self.CellHighlighted(self, g.rows[r].business, g.steps[c].number))

    def _refresh_rows(self, *rows: int) -> None:
        top = round(self.scroll_y)
        self.refresh(Region(0, 0, self.size.width, HEADER_ROWS))  # the step number of the cursor
        for row in rows:
            y = HEADER_ROWS + row - top
            if HEADER_ROWS <= y < self.size.height:
                self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        geo = self.geo
        if geo is None:
            return
        r, c = self.cursor
        visible = max(1, self.scrollable_content_region.height - HEADER_ROWS)
        top = round(self.scroll_y)
        if r < top:
            self.scroll_to(y=r, animate=False, immediate=True)
        elif r >= top + visible:
            self.scroll_to(y=r - visible + 1, animate=False, immediate=True)
        room = max(1, self.scrollable_content_region.width - geo.fixed)  # a scrollbar's column not seen
        left, x = round(self.scroll_x), geo.xs[c]
        need = max(geo.cw, len(str(self.grid.steps[c].number))) if self.grid else geo.cw  # its number above it, whole
        if self.grid and c == len(self.grid.steps) - 1:
            need = geo.width - x  # the last step: the rates after it too (end, → reach them)
        if x < left:
            self.scroll_to(x=x, animate=False, immediate=True)
        elif x + need > left + room:
            self.scroll_to(x=x + need - room, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        off = event.get_content_offset(self)
        hit = self.cell_at(off.x, off.y) if off is not None else None
        if hit is not None:
            event.stop()
            self.move_to(*hit)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        off = event.get_content_offset(self)
        self._hover(self.cell_at(off.x, off.y) if off is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, hit: tuple[int, int] | None) -> None:
        if hit == self._hovered:
            return
        self._hovered = hit
        g = self.grid
        if hit is None or g is None:
            self.post_message(self.CellHovered(self, None, None))
        else:
            self.post_message(self.CellHovered(self, g.rows[hit[0]].business, g.steps[hit[1]].number))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing ----------------------------------------------------------------------
    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"pgrid--{part}", partial=True)

    def part_style(self, part: str) -> Style:
        """A part's style as the grid draws it (a status's colours, for the legend)."""
        return self.rich_style + self._style(part)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        g, geo = self.grid, self.geo
        if g is None or geo is None:
            return Strip.blank(width, base)
        painter = LinePainter(g, geo, self._style, base)
        sx = round(self.scroll_x)
        room = max(0, width - geo.fixed)
        r, c = self.cursor
        if y < HEADER_ROWS:
            line = painter.header(y, c if g.rows else None, (sx, sx + room))
        else:
            row = y - HEADER_ROWS + round(self.scroll_y)
            if not 0 <= row < len(g.rows):
                return Strip.blank(width, base)
            line = painter.row(g.rows[row], c if row == r else None, self.has_focus)
        return Strip.join([line.fixed.crop_extend(0, min(geo.fixed, width), base), line.visible(sx, room, base)])


__all__ = ["ProgressGrid"]
