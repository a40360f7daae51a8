"""F1: every key of the app, with what it does (built from the live bindings, so the list
cannot drift from the keys)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.app.i18n import t
from tui.app.tcss import path_beside


class HelpScreen(ModalScreen[None]):
    CSS_PATH: ClassVar[list[str]] = [path_beside(__file__, "dialog.tcss"), path_beside(__file__)]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close"),
    ]

    def __init__(self, keys: list[tuple[str, str, str]], *, lang: str = "ja") -> None:
        """``keys``: (where, key, what) rows."""
        super().__init__()
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static(t("help.title", self.lang), id="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", show_header=False, zebra_stripes=True)
            yield Static(t("help.close", self.lang), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("where", "key", "what")
        for row in self.keys:
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
