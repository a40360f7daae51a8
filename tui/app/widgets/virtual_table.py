"""A virtual table (Line API): rows drawn on demand, for the municipality list (at any scale:
1,741 plans nationwide) and the phase table.

Why not ``DataTable``: a ``DataTable`` holds every row as an object and measures every cell
when rows change, so filtering 1,741 plans (``clear`` and ``add_row`` per keystroke) costs
about 200 ms and the first fill about as much; and after any change (one ``update_cell``) it
draws every row again (an edit cost 40 ms in the list of 19 plans). This widget holds no rows
at all: its owner gives it a row count and a function that returns one row's cells, and
``render_line`` draws only the lines on screen (the header on the first line stays put),
each again only when its cells are another object or the cursor or width changed: filtering
is a new count and a refresh, an edit redraws one row. It has the parts of ``DataTable`` the
app uses — a row cursor, up/down/page/home/end, Enter and clicks (a click on the cursor row
selects it) — and the same look (its component classes use ``DataTable``'s colours).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.tcss import beside
from tui.app.widgets.virtual_size import set_virtual_size

Cells = Sequence[Text | str]


class VirtualTable(ScrollView, can_focus=True):
    """Fixed-width columns, one line per row, cells drawn on demand (see the module docstring)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"vtable--header", "vtable--cursor"}
    DEFAULT_CSS = beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "Top", show=False),
        Binding("end", "jump(1)", "Bottom", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    class RowMessage(Message):
        def __init__(self, table: VirtualTable, row: int, *, keyed: bool = False) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.keyed = keyed  # moved by a key (up, down, page, home, end), not a click

        @property
        def control(self) -> VirtualTable:  # for @on(..., "#id")
            return self.table

    class Highlighted(RowMessage):
        """The cursor moved to ``row``."""

    class Selected(RowMessage):
        """Enter, or a click on the cursor row."""

    def __init__(self, columns: list[tuple[str, int]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns  # (header, width without the padding of one cell each side)
        self.row_count = 0
        self.cursor_row = 0
        self._cells: Callable[[int], Cells] = lambda i: ()
        # drawn lines: (cells object, cursor, width) -> strip; styles: computed once per look
        self._strips: LRUCache[tuple[int, bool, int], tuple[Cells, Strip]] = LRUCache(512)
        self._styles: tuple[Style, Style, Style] | None = None

    # -- data ---------------------------------------------------------------
    @property
    def line_width(self) -> int:
        return sum(w + 2 for _, w in self.columns)

    def set_columns(self, columns: list[tuple[str, int]]) -> None:
        """Other column widths (the list fitted to a new width): every line drawn again."""
        self.columns = columns
        self.set_rows(self.row_count, self._cells)
        self._restyle()

    def set_rows(self, count: int, cells: Callable[[int], Cells], changed: Iterable[int] | None = None) -> None:
        """Show ``count`` rows; ``cells(i)`` gives row i's cells when it is drawn. ``changed``:
        the only rows to draw again (the same rows otherwise), when the count stays."""
        same = count == self.row_count
        self.row_count = count
        self._cells = cells
        self.cursor_row = min(self.cursor_row, max(count - 1, 0))
        set_virtual_size(self, Size(self.line_width, count + 1))  # a layout only when the box changes
        if same and changed is not None:
            for row in changed:
                self.refresh_row(row)
        else:
            self.refresh()

    def refresh_row(self, row: int) -> None:
        self.refresh(Region(0, row + 1 - int(self.scroll_offset.y), self.size.width, 1))

    def move_cursor(self, row: int, *, announce: bool = True, keyed: bool = False) -> None:
        if self.row_count == 0:
            return
        row = max(0, min(row, self.row_count - 1))
        changed, old = row != self.cursor_row, self.cursor_row
        self.cursor_row = row
        self._scroll_to_cursor()  # scrolling draws every line again
        if changed:  # the two rows the cursor left and reached
            self.refresh_row(old)
            self.refresh_row(row)
        if changed and announce:
            self.post_message(VirtualTable.Highlighted(self, row, keyed=keyed))  # by name: a subclass may have its own

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    # -- keys and mouse -----------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step, keyed=True)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * max(self.size.height - 1, 1), keyed=True)

    def action_jump(self, end: int) -> None:
        self.move_cursor(self.row_count - 1 if end else 0, keyed=True)

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(VirtualTable.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:  # the header
            return
        row = int(self.scroll_offset.y) + event.y - 1
        if not 0 <= row < self.row_count:
            return
        if row == self.cursor_row:
            self.post_message(VirtualTable.Selected(self, row))
        else:
            self.move_cursor(row)

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        self._styles = None
        self._strips.clear()
        self.refresh()

    # -- drawing ------------------------------------------------------------
    def _line(self, cells: Cells, style: Style, width: int) -> Strip:
        """One line: each cell padded or cut (with "…") to its column, one space each side.
        Each cell is its own segments (as DataTable's): one run of a name and the spaces
        after it would be stretched as a whole in an SVG screenshot, the columns askew."""
        segments: list[Segment] = []
        console = self.app.console
        for column, ((_, w), cell) in enumerate(zip(self.columns, cells, strict=False)):
            text = cell if isinstance(cell, Text) else Text(str(cell))
            own = console.get_style(text.style, default=Style()) if isinstance(text.style, str) else text.style
            cell_style = style + own + self._meta(column)
            if not text.spans:  # one style: the segment made here (Text.render costs ~10x)
                plain = text.plain
                used = cell_len(plain)
                if used > w:
                    plain = set_cell_size(plain, w - 1) + "…"
                    used = w
                pad = " " * (w - used)
                plain = pad + plain if text.justify == "right" else plain + pad
                segments.append(Segment(f" {plain} ", cell_style))
                continue
            text = text.copy()
            if text.justify == "right" and text.cell_len < w:
                text.pad_left(w - text.cell_len)
            text.truncate(w, overflow="ellipsis", pad=True)
            text.pad_left(1)
            text.pad_right(1)
            # Text.render leaves out the text's own style (its spans only): added above
            segments.extend(
                Segment(s.text, cell_style + s.style if s.style else cell_style) for s in text.render(console) if s.text
            )
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    @staticmethod
    @functools.cache
    def _meta(column: int) -> Style:
        return Style.from_meta({"column": column})

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                base + self.get_component_rich_style("vtable--header"),
                base + self.get_component_rich_style("vtable--cursor"),
            )
        base, header, cursor = self._styles
        if y == 0:
            hit = self._strips.get((0, True, -width))
            if hit is None:
                hit = ((), self._line([Text(h) for h, _ in self.columns], header, width))
                self._strips[(0, True, -width)] = hit
            return hit[1]
        row = int(self.scroll_offset.y) + y - 1
        if row >= self.row_count:
            return Strip.blank(width, base)
        cells = self._cells(row)
        on_cursor = row == self.cursor_row
        key = (id(cells), on_cursor, width)
        hit = self._strips.get(key)
        if hit is not None and hit[0] is cells:  # the same cells object: nothing changed
            return hit[1]
        strip = self._line(cells, cursor if on_cursor else base, width)
        self._strips[key] = (cells, strip)
        return strip
