"""The Overview tab: the prefecture table (as ``plans table``) with the worst finding of each
municipality and, once the progress snapshots are read, its 完了率, 作業中率 and 未着手率 at
the latest one (as ``plans progress``); below, the roll-up facts and the progress totals (per
prefecture too when there are several). Choosing a row opens that municipality."""

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
from tui.app.progress_data import ProgressSource, ProgressState, percent
from tui.app.rate_chart import rate_words
from tui.app.severity_text import icon_text
from tui.app.tcss import beside
from tui.app.widgets.progress_view import rates_words

FACT_PREFECTURES = 4  # up to this many prefectures each get a line of rates (more: the Stats tab)


class Overview(Vertical):
    DEFAULT_CSS = beside(__file__)

    class Open(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(
        self,
        ws: Workspace,
        progress: ProgressSource = ProgressState,
        *,
        lang: str = "ja",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.ws = ws
        self.progress = progress  # the progress read so far
        self.lang = lang
        self.names: list[str] = []
        self.stale = False

    def compose(self) -> ComposeResult:
        yield DataTable(id="overview-table", cursor_type="row", zebra_stripes=True, fixed_columns=2)
        facts = Static("", id="facts")
        facts.border_title = t("overview.facts", self.lang)
        yield facts

    def on_mount(self) -> None:
        self.stale = True  # built when first shown: the app's first paint does not wait for it

    def _columns(self, table: DataTable, rates: bool) -> None:
        table.add_column("", key="icon", width=2)
        for i, c in enumerate(columns(self.ws.nat, self.lang)):
            table.add_column(c, key=f"c{i}")
        for i, words in enumerate(rate_words(self.lang) if rates else ()):
            table.add_column(words, key=f"rate{i}")

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
        state = self.progress()
        rated = state.latest is not None
        table.clear(columns=True)
        self._columns(table, rated)
        plans = ordered(self.ws.plans)
        by_name = {e.name: e for e in self.ws.entries}
        self.names = []
        cols_ja = columns(self.ws.nat, "ja")
        for p, row in zip(plans, rows(plans, self.ws.nat), strict=True):
            icon = icon_text(by_name[p.municipality].worst)
            cells = [icon, *(Text(printable(str(row[c]))) for c in cols_ja)]
            if rated:
                r = state.rates(p)
                values = (r.done, r.in_progress, r.not_started) if r is not None else (None, None, None)
                cells += [Text(percent(v) if v is not None else "—", justify="right") for v in values]
            table.add_row(*cells, key=p.municipality)
            self.names.append(p.municipality)
        if self.names:
            table.move_cursor(row=min(keep, len(self.names) - 1), animate=False)
        facts = rollup(self.ws.plans, self.ws.nat).facts(self.lang) + self._progress_facts(state)
        hint = Text(t("overview.hint", self.lang), style="dim")
        body = Text("\n").join([Text("・" + f) for f in facts] + [hint])
        self.query_one("#facts", Static).update(body)

    def _progress_facts(self, state: ProgressState) -> list[str]:
        """The latest snapshot's totals as ``plans progress`` sums them up, and each
        prefecture's rates when there are a few (the Stats tab lists them all)."""
        if state.latest is None:
            return []
        facts = [state.latest.summary(self.lang)]
        totals = state.totals.get(state.latest.month)
        if totals is not None and 1 < len(totals.prefectures) <= FACT_PREFECTURES:
            facts += [f"{printable(name)}: {rates_words(r, self.lang)}" for name, r in totals.prefectures]
        return facts

    @on(DataTable.RowSelected, "#overview-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.names):
            self.post_message(self.Open(self.names[event.cursor_row]))
