"""The Overview tab: the prefecture table (as ``plans table``) with the worst finding of each
municipality and, once the progress snapshots are read, its 完了率, 作業中率 and 未着手率 at
the latest one (as ``plans progress``); below, the roll-up facts and the progress totals (per
prefecture too when there are several). Choosing a row opens that municipality.

A column is shown whole or not at all: the icon and the name stay, the columns after them
that fit the width follow, and ← / → move that window a whole column at a time (a cell cut
at the edge would read as another value: ``79.8%`` as ``79.``, ``R6.6`` as ``R6.``)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
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
FIXED = 2  # the icon and the name: always shown


class OverviewTable(DataTable):
    """The Overview's table: ← / → move its window of columns, never a cell at a time."""

    def action_cursor_right(self) -> None:
        self._shift(1)

    def action_cursor_left(self) -> None:
        self._shift(-1)

    def _shift(self, step: int) -> None:
        for overview in self.ancestors:
            if isinstance(overview, Overview):
                overview.shift_columns(step)
                return


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
        self.headers: list[Text] = []  # every column's header, then each row's cells
        self.widths: list[int] = []
        self.cells: list[list[Text]] = []
        self.first = FIXED  # the first column shown after the fixed ones
        self.shown: list[int] = []  # the columns on screen

    def compose(self) -> ComposeResult:
        yield OverviewTable(id="overview-table", cursor_type="row", zebra_stripes=True, fixed_columns=FIXED)
        facts = Static("", id="facts")
        facts.border_title = t("overview.facts", self.lang)
        yield facts

    def on_mount(self) -> None:
        self.stale = True  # built when first shown: the app's first paint does not wait for it

    def _headers(self, rates: bool) -> list[Text]:
        """The icon's, the name's (市区町村: ``plans table``'s 市町 leaves out villages and
        wards), the phases' as ``plans table`` heads them, the rates'."""
        _, *phases = columns(self.ws.nat, self.lang)
        return [Text(""), Text(t("list.name", self.lang)), *(Text(c) for c in phases)] + [
            Text(words, justify="right") for words in (rate_words(self.lang) if rates else ())
        ]

    def _fit(self, width: int) -> list[int]:
        """The columns that fit ``width`` whole: the fixed ones, then from ``first`` on."""
        shown = list(range(min(FIXED, len(self.widths))))
        used = sum(self.widths[i] + 2 for i in shown)
        for i in range(self.first, len(self.widths)):
            if used + self.widths[i] + 2 > width:
                break
            shown.append(i)
            used += self.widths[i] + 2
        return shown

    def _room(self) -> int:
        table = self.query_one("#overview-table", DataTable)
        return table.size.width - table.styles.scrollbar_size_vertical

    def shift_columns(self, step: int) -> None:
        """Move the window of columns by ``step`` whole columns (← / →)."""
        last = max(len(self.widths) - 1, FIXED)
        first = max(FIXED, min(self.first + step, last))
        if step > 0 and self.shown and self.shown[-1] == len(self.widths) - 1:
            return  # the last column is already shown
        if first != self.first:
            self.first = first
            self._show()

    def on_resize(self, event: events.Resize) -> None:
        if self.widths and self._fit(self._room()) != self.shown:
            self._show()

    def _show(self) -> None:
        """Fill the table with the columns that fit whole (see the module docstring)."""
        table = self.query_one("#overview-table", DataTable)
        keep = table.cursor_row
        self.shown = self._fit(self._room())
        table.clear(columns=True)
        for i in self.shown:
            table.add_column(self.headers[i], key=f"c{i}", width=self.widths[i])
        for name, row in zip(self.names, self.cells, strict=True):
            table.add_row(*(row[i] for i in self.shown), key=name)
        if self.names:
            table.move_cursor(row=min(keep, len(self.names) - 1), animate=False)

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
        state = self.progress()
        rated = state.latest is not None
        self.headers = self._headers(rated)
        plans = ordered(self.ws.plans)
        by_name = {e.name: e for e in self.ws.entries}
        self.names = []
        self.cells = []
        cols_ja = columns(self.ws.nat, "ja")
        for p, row in zip(plans, rows(plans, self.ws.nat), strict=True):
            icon = icon_text(by_name[p.municipality].worst)
            cells = [icon, *(Text(printable(str(row[c]))) for c in cols_ja)]
            if rated:
                r = state.rates(p)
                values = (r.done, r.in_progress, r.not_started) if r is not None else (None, None, None)
                cells += [Text(percent(v) if v is not None else "—", justify="right") for v in values]
            self.cells.append(cells)
            self.names.append(p.municipality)
        self.widths = [
            max([2 if i == 0 else cell_len(h.plain), *(cell_len(row[i].plain) for row in self.cells)])
            for i, h in enumerate(self.headers)
        ]
        self._show()
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
