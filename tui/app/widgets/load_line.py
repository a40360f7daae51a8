"""One line of progress text (the list's "読み込み中 123/1741") that redraws without a layout.

Why not ``Label``: ``Label.update`` asks for a new layout of the screen (its size may change),
and the background load updates the count several times a second; on a nationwide set those
layouts cost the screen's thread more than drawing the rows. This line's size is fixed by CSS
(one line), so a new text is only a redraw."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.app.tcss import beside


class LoadLine(Widget):
    DEFAULT_CSS = beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def show_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return Text(self.text)
