"""The Overview tab: the prefecture table (as ``plans table``) with the worst finding of each
municipality and the roll-up facts; choosing a row opens that municipality."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from model.analysis.table import columns, ordered, rollup, rows
from model.core.printable import printable
from model.project.session import Workspace
from tui.app.i18n import t
from tui.app.severity_text import icon_text
from tui.app.tcss import beside


class Overview(Vertical):
    DEFAULT_CSS = beside(__file__)

    class Open(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, ws: Workspace, *, lang: str = "ja", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.ws = ws
        self.lang = lang
        self.names: list[str] = []
        self.stale = False

    def compose(self) -> ComposeResult:
        yield DataTable(id="overview-table", cursor_type="row", zebra_stripes=True, fixed_columns=2)
        facts = Static("", id="facts")
        facts.border_title = t("overview.facts", self.lang)
        yield facts

    def on_mount(self) -> None:
        table = self.query_one("#overview-table", DataTable)
        table.add_column("", key="icon", width=2)
        for i, c in enumerate(columns(self.ws.nat, self.lang)):
            table.add_column(c, key=f"c{i}")
        self.stale = True  # built when first shown: the app's first paint does not wait for it

    def mark_stale(self) -> None:
        """After an edit: rebuild now if shown, else when next shown (keeps edits fast)."""
        if self.is_on_screen:
            self.rebuild()
        else:
            self.stale = True

    def on_show(self) -> None:
        if self.stale:
            self.rebuild()

    def rebuild(self) -> None:
        """Re-read the table from the plans as they are now (after an edit)."""
        self.stale = False
        table = self.query_one("#overview-table", DataTable)
        keep = table.cursor_row
        table.clear()
        plans = ordered(self.ws.plans)
        by_name = {e.name: e for e in self.ws.entries}
        self.names = []
        cols_ja = columns(self.ws.nat, "ja")
        for p, row in zip(plans, rows(plans, self.ws.nat), strict=True):
            icon = icon_text(by_name[p.municipality].worst)
            table.add_row(icon, *(Text(printable(str(row[c]))) for c in cols_ja), key=p.municipality)
            self.names.append(p.municipality)
        if self.names:
            table.move_cursor(row=min(keep, len(self.names) - 1), animate=False)
        facts = rollup(self.ws.plans, self.ws.nat).facts(self.lang)
        hint = Text(t("overview.hint", self.lang), style="dim")
        body = Text("\n").join([Text("・" + f) for f in facts] + [hint])
        self.query_one("#facts", Static).update(body)

    @on(DataTable.RowSelected, "#overview-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.names):
            self.post_message(self.Open(self.names[event.cursor_row]))
