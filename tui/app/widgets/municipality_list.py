"""The municipality list: worst finding (icon and colour) with the number of findings, name,
planned completion (go-live) and, once the progress snapshots are read (in the background),
完了率 at the latest one; type to filter, sort by code, name, completion, severity or 完了率.

One table, not a widget per municipality: a :class:`tui.app.widgets.virtual_table.VirtualTable`,
which holds no rows and draws only the visible lines, so filtering a nationwide set of 1,741
plans is a pass over precomputed lowercase search keys and a refresh, and an edit redraws
one row. From ``LARGE_FROM`` plans the plan pane follows the filter once typing pauses. Plans
not loaded yet (the app loads a large folder in the background) show their file name until
their row is filled in."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from model.core.printable import printable
from model.progress.snapshot import iso_month
from model.project.session import Entry
from tui.app.i18n import localize_bindings, t
from tui.app.progress_data import ProgressState, Rates
from tui.app.severity_text import icon_text
from tui.app.tcss import beside
from tui.app.widgets.in_order_input import FilterInput
from tui.app.widgets.load_line import LoadLine
from tui.app.widgets.municipality_rows import SORTS, go_live_text, rate_text, search_key, sort_entries
from tui.app.widgets.virtual_table import VirtualTable

LARGE_FROM = 201  # this many plans or more: the plan pane follows the filter once typing pauses
ANNOUNCE_DELAY = 0.15  # seconds a large list's filter or keyed cursor rests before the plan pane follows
ICON_CELLS = 2  # the worst finding's icon and the count: "✖2", "▲+"
PADDING = 2  # a table cell's padding, one each side


class MunicipalityList(Vertical):
    DEFAULT_CSS = beside(__file__)
    SCOPED_CSS = False  # its rules follow the screen's breakpoint classes
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    class Chosen(Message):
        """A municipality was highlighted (``opened`` False) or chosen with Enter or a click
        on the highlighted row (``opened`` True)."""

        def __init__(self, name: str, opened: bool = False) -> None:
            super().__init__()
            self.name = name
            self.opened = opened

    class NoneShown(Message):
        """The filter leaves no municipality: none is selected."""

    def __init__(self, entries: list[Entry], *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__(id=id)
        self.large = len(entries) >= LARGE_FROM
        localize_bindings(self, {"clear_filter": "key.clear_filter"}, lang)
        self.entries = entries
        self.lang = lang
        self.sort_key = "code"
        self.query_text = ""
        self.shown: list[Entry] = []
        self._keys: dict[str, int] = {}  # file -> row index in ``shown``
        self._cell_cache: dict[str, tuple[object, object, bool, object, tuple[Text, ...]]] = {}
        self._key_cache: dict[str, tuple[object, bool, str]] = {}  # file -> (plan object, loaded, search key)
        self._sorted: list[Entry] | None = None  # entries in the sort order (None: sort again)
        self._announce_timer: Timer | None = None
        self._sort_text: str | None = None
        self.widths: tuple[int, int, int] = (12, 5, 0)  # (name, go-live, 完了率) cells, fitted to the width
        self.progress: ProgressState | None = None  # the 完了率 column: shown once the latest snapshot is read
        self._rates_from: object = None  # the latest month's figures the column shows
        self.load_progress: tuple[int, int] | None = (
            None  # (loaded, total) while loading in the background (not ``loading``: Widget.loading covers the widget with a spinner)
        )

    def compose(self) -> ComposeResult:
        # keeps the cursor at the end when focused: typing on the list goes on from there
        yield FilterInput(placeholder=t("filter.placeholder", self.lang), id="filter", select_on_focus=False)
        yield Label("", id="sort-label")
        yield Label(t("list.no_match", self.lang), id="no-match")
        yield VirtualTable(self._columns(), id="munis")
        yield LoadLine(id="loading")

    def on_mount(self) -> None:
        self.query_one("#loading").display = False
        self.rebuild()

    # -- columns: fitted to the list's width, the go-live and 完了率 never cut ------------
    def _headers(self) -> tuple[str, str, str]:
        return t("list.name", self.lang), t("list.completion", self.lang), t("list.progress", self.lang)

    def _columns(self) -> list[tuple[str, int]]:
        name_h, date_h, rate_h = self._headers()
        name_w, date_w, rate_w = self.widths
        columns = [("", ICON_CELLS), (name_h, name_w), (date_h, date_w)]
        return [*columns, (rate_h, rate_w)] if rate_w else columns

    @property
    def rates_shown(self) -> bool:
        """Whether the list has its 完了率 column (the latest snapshot is read)."""
        return self.progress is not None and self.progress.latest is not None

    def rates(self, e: Entry) -> Rates | None:
        return self.progress.rates(e.plan) if self.progress is not None else None

    def fitted_widths(self, width: int) -> tuple[int, int, int]:
        """(name, go-live, 完了率) cells for a list ``width`` cells wide (a scrollbar's column
        kept free): the go-live and 完了率 as wide as their widest values, the name the rest
        (cut with "…"); 完了率 0 when there is no column."""
        loaded = [e for e in self.entries if e.loaded]
        dates = [go_live_text(e) if e.plan is not None else t("load.error", self.lang) for e in loaded]
        date_w = max([cell_len(self._headers()[1]), *map(cell_len, dates)] if loaded else [5])
        rate_w = 0
        if self.rates_shown:
            rate_w = max(cell_len(self._headers()[2]), *(cell_len(rate_text(self.rates(e))) for e in loaded))
        widest = max((cell_len(e.name) for e in loaded), default=12) + 2  # "● ": unsaved
        room = width - 1 - 3 * PADDING - ICON_CELLS - date_w - ((rate_w + PADDING) if rate_w else 0)
        return max(4, min(room, widest)), date_w, rate_w

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        if not self.size.width:
            return
        widths = self.fitted_widths(self.size.width)
        if widths == self.widths:
            return
        self.widths = widths
        self._cell_cache.clear()
        keep = self.current_name  # the cursor stays on its plan
        self.table.set_columns(self._columns())
        self.rebuild(keep)

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#munis", VirtualTable)

    def cell(self, e: Entry, column: str) -> Text:
        """What the list shows for ``e`` in ``column`` (``icon``, ``name``, ``completion``,
        ``progress``: 完了率)."""
        return self._cells(e)[("icon", "name", "completion", "progress").index(column)]

    # -- rows -------------------------------------------------------------------
    def _cells(self, e: Entry) -> tuple[Text, ...]:
        """(worst finding's icon and the number of findings, name, planned go-live[, 完了率]),
        cached per plan object (every edit, undo or reload parses a new one), findings list
        and rates."""
        rates = self.rates(e) if self.widths[2] else None
        hit = self._cell_cache.get(e.doc.file)
        if (
            hit is not None
            and hit[0] is e.doc.plan
            and hit[1] is e.findings
            and hit[2] == e.doc.dirty
            and hit[3] is rates
        ):
            return hit[4]
        cells = self._make_cells(e)
        if self.widths[2]:
            rate = Text(rate_text(rates) if e.loaded else "…", justify="right", style="" if rates else "dim")
            cells = (*cells, rate)
        self._cell_cache[e.doc.file] = (e.doc.plan, e.findings, e.doc.dirty, rates, cells)
        return cells

    def _make_cells(self, e: Entry) -> tuple[Text, Text, Text]:
        sev = e.worst
        icon = icon_text(sev, (str(e.count) if e.count < 10 else "+") if e.count else "")
        name_w, date_w, _ = self.widths
        if not e.loaded:  # not read yet: its file name, dimmed
            return Text(""), self._cut(e.name, name_w, "dim"), Text("…")
        name = self._cut(("● " if e.doc.dirty else "") + e.name, name_w, "bold" if e.doc.dirty else "")
        if e.plan is None:
            return icon, name, self._cut(t("load.error", self.lang), date_w)
        return icon, name, self._cut(go_live_text(e), date_w)

    @staticmethod
    def _cut(text: str, width: int, style: str = "") -> Text:
        """Text from a file as a cell: escapes shown escaped, cut with "…" to ``width``."""
        cell = Text(printable(text), style=style, no_wrap=True)
        cell.truncate(width, overflow="ellipsis")
        return cell

    def _search_key(self, e: Entry) -> str:
        hit = self._key_cache.get(e.doc.file)
        if hit is not None and hit[0] is e.doc.plan and hit[1] == e.loaded:
            return hit[2]
        key = search_key(e)
        self._key_cache[e.doc.file] = (e.doc.plan, e.loaded, key)
        return key

    def rebuild(self, keep: str | None = None) -> None:
        """Re-filter and re-sort; keep the cursor on ``keep`` (a name) when it is shown."""
        table = self.table
        current = keep or self.current_name
        if self._sorted is None:
            self._sorted = sort_entries(self.entries, self.sort_key, self.rates if self.rates_shown else None)
        q = self.query_text.strip().lower()
        self.shown = [e for e in self._sorted if q in self._search_key(e)] if q else list(self._sorted)
        self._keys = {e.doc.file: i for i, e in enumerate(self.shown)}
        shown = self.shown
        table.set_rows(len(shown), lambda i: self._cells(shown[i]))
        self._show_label()
        no_match, missing = self.query_one("#no-match", Label), not shown and bool(q)
        if no_match.display != missing:  # shown or hidden: a layout only when it changes
            no_match.display = missing
        if current is not None:
            self.move_to(current)

    def _show_label(self) -> None:
        """The line above the table: the order (unless 団体コード) and the month of the 完了率
        column (the latest snapshot's, whichever month the progress view shows)."""
        label = self.query_one("#sort-label", Label)
        parts = (
            [t("list.sorted", self.lang, by=t(f"sort.{self.sort_key}", self.lang))] if self.sort_key != "code" else []
        )
        if self.progress is not None and self.progress.latest is not None:
            parts.append(t("list.rates_month", self.lang, month=iso_month(self.progress.latest.month)))
        text = "  ".join(parts)
        if text != self._sort_text:  # an update re-lays out the list: only when it changes
            self._sort_text = text
            label.update(text)
        label.display = bool(parts)

    def refresh_entry(self, e: Entry) -> None:
        """After a re-check: update that row in place. The row stays where it is, even when
        the order (severity, go-live) would now differ, so it does not jump away from the
        cursor; ``s`` re-sorts."""
        if e.doc.file in self._keys:
            self.table.refresh_row(self._keys[e.doc.file])

    @property
    def current_name(self) -> str | None:
        table = self.table
        if not self.shown or table.cursor_row is None or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row].name

    def move_to(self, name: str) -> bool:
        for i, e in enumerate(self.shown):
            if e.name == name or (not e.loaded and e.doc.path.stem == name):
                self.table.move_cursor(row=i)
                return True
        return False

    def cycle_sort(self, key: str | None = None) -> str:
        """Sort by ``key``, or by the next order (完了率 only when the list has the column); the
        cursor goes to the top, where the order starts (the lowest 完了率, the worst finding),
        and the plan pane follows it."""
        orders = SORTS if self.rates_shown else tuple(s for s in SORTS if s != "progress")
        if key is None:
            key = orders[(orders.index(self.sort_key) + 1) % len(orders)] if self.sort_key in orders else orders[0]
        self.sort_key = key
        self._sorted = None
        self.rebuild()
        if self.shown:
            self.table.move_cursor(row=0)
            self.table.scroll_to(y=0, animate=False, immediate=True)
        return self.sort_key

    def show_progress(self, state: ProgressState) -> None:
        """The background read brought progress: the 完了率 column (once the latest snapshot is
        read), redrawn; sorted again when sorted by it."""
        if state is self.progress and state.latest is self._rates_from:  # another month read: the same column
            return
        self.progress = state
        self._rates_from = state.latest
        self.set_class(self.rates_shown, "-rates")  # the list grows by the column (plan_tab.tcss)
        before = self.widths
        self._show_label()
        self._fit_columns()
        if self.widths == before:
            if self.sort_key == "progress":
                self._sorted = None
                self.rebuild()
            else:
                self.table.refresh()

    def loaded_some(self, entries: list[Entry], done: int, total: int) -> None:
        """The background load filled in ``entries``: redraw the visible rows and the count
        ("読み込み中 123/1741"); when all are in, sort and filter again (the cursor stays on
        its plan)."""
        self.load_progress = (done, total) if done < total else None
        line = self.query_one("#loading")
        if line.display != (self.load_progress is not None):  # shown or hidden: a layout, twice per load
            line.display = self.load_progress is not None
        if self.load_progress is not None:
            line.show_text(t("list.loading", self.lang, n=done, total=total))  # type: ignore[attr-defined]
            self.table.refresh()
        else:
            self._sorted = None
            self._fit_columns()  # the go-lives are known now
            self.rebuild()

    # -- events -----------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.rebuild()
        if not self.large:
            self._announce()
            return
        self._announce_later()  # a large list: the plan pane follows once typing pauses

    def _announce_later(self) -> None:
        if self._announce_timer is not None:
            self._announce_timer.stop()
        self._announce_timer = self.set_timer(ANNOUNCE_DELAY, self._announce)

    def _announce(self) -> None:
        self._announce_timer = None
        if self.shown:
            self.post_message(self.Chosen(self.shown[self.table.cursor_row or 0].name))
        else:
            self.post_message(self.NoneShown())

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    # the table's cursor: the plan pane follows (in a large list moved by keys, once the cursor
    # rests: page down through 1,741 plans draws the list, not every plan it passes)
    @on(VirtualTable.Highlighted, "#munis")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        if self.large and event.keyed:
            event.stop()
            self._announce_later()
            return
        self._choose(event, opened=False)

    @on(VirtualTable.Selected, "#munis")
    def _selected(self, event: VirtualTable.Selected) -> None:
        self._choose(event, opened=True)

    def _choose(self, event: VirtualTable.RowMessage, *, opened: bool) -> None:
        event.stop()
        if self._announce_timer is not None:  # a choice now: what the timer would announce
            self._announce_timer.stop()
            self._announce_timer = None
        if 0 <= event.row < len(self.shown):
            self.post_message(self.Chosen(self.shown[event.row].name, opened=opened))

    def on_key(self, event: events.Key) -> None:
        """Type to filter: a printable character typed on the table goes to the filter."""
        if not self.table.has_focus:
            return
        ch = event.character
        if ch is None or not ch.isprintable() or ch.isspace() or event.key in self.app_keys():
            return
        box = self.query_one("#filter", Input)
        box.value += ch
        box.cursor_position = len(box.value)
        box.focus()
        event.stop()
        event.prevent_default()

    def app_keys(self) -> set[str]:
        keys: set[str] = set()
        for node in (self.app, self.screen):
            for k in node._bindings.key_to_bindings:
                keys.add(k)
        return keys

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.table.focus()
