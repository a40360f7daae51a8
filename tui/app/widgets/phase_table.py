"""The selected plan's phases as a compact table: planned completion as written, the months
it stands for, status and slack, with the worst finding's icon. Enter edits the phase.

This is the keyboard's editing surface (and the whole plan at 80×24, where the Gantt has
little room); the Gantt above shows the same rows as bars. A
:class:`tui.app.widgets.virtual_table.VirtualTable`: after an edit only the rows whose cells
changed are drawn again."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.message import Message

from model.checks.finding import Finding
from model.checks.graph import NodeKey, Slack, phase_key
from model.core.national import National
from model.core.plan import Plan
from model.core.printable import printable
from model.core.severity import Severity
from model.project.edits import interval_text
from tui.app.i18n import t
from tui.app.widgets.virtual_table import VirtualTable

RowId = tuple[str, str | None]  # (phase, business)
Cells = tuple[Text, ...]
COLUMNS = ("icon", "phase", "date", "slack", "status", "interval")
NARROW = 70  # cells: narrower, the table leaves out the months a date stands for (期間)
PADDING = 2  # a cell's padding, one each side
SLACK = COLUMNS.index("slack")


Words = tuple[tuple[str, str], ...]  # a row's cells as (text, style)


def _cells(words: Words) -> Cells:
    """The cells of a row's words (slack right-aligned)."""
    return tuple(
        Text(text, style=style, justify="right" if i == SLACK else "left") for i, (text, style) in enumerate(words)
    )


class PhaseTable(VirtualTable):
    class _RowMessage(Message):
        def __init__(self, phase: str, business: str | None) -> None:
            super().__init__()
            self.phase = phase
            self.business = business

    class EditRequested(_RowMessage):
        """Enter or a click on the cursor row: edit that phase (the app opens the dialog)."""

    class Highlighted(_RowMessage):
        """The cursor moved to a phase or business row."""

    def __init__(self, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__([], id=id)
        self.lang = lang
        self.row_ids: list[RowId] = []
        self.rows: list[Cells | None] = []
        self.words: list[Words] = []
        self._quiet = False
        self.keys: tuple[str, ...] = COLUMNS
        self._shown: tuple[Plan | None, National, list[Finding], dict[NodeKey, Slack]] | None = None

    def on_resize(self, event: events.Resize) -> None:
        self.keys = COLUMNS if self.size.width >= NARROW else COLUMNS[:-1]
        if self._shown is not None:  # the columns fitted to the new width
            self.rows, self.row_ids, self.words = [], [], []
            self.show(*self._shown)

    def show(self, plan: Plan | None, nat: National, findings: list[Finding], slack: dict[NodeKey, Slack]) -> None:
        """Fill the table for ``plan``, keeping the cursor on the same phase. A row whose words
        did not change keeps its cells (and so its drawn line); cells are made only for the
        rows that changed. Narrow, the months (期間) are left out, slack is a number and long
        phase names end in "…", so the table needs no horizontal scrolling."""
        self._shown = (plan, nat, findings, slack)
        keep = self.current
        ids: list[RowId] = []
        if plan is not None:
            for ph in nat.phases:
                ids.append((ph.id, None))
                ids += [(ph.id, bid) for bid, bp in plan.businesses.items() if ph.id in bp.phases]
        worst_of: dict[RowId, Severity] = {}
        for f in findings:  # a finding from lint's cache names its severity as a str
            if f.phase is not None:
                key, sev = (f.phase, f.business), Severity(f.severity)
                worst_of[key] = max(worst_of.get(key, sev), sev)
        same_rows = ids == self.row_ids
        old = dict(zip(self.row_ids, zip(self.words, self.rows, strict=True), strict=True))
        words: list[Words] = []
        rows: list[Cells | None] = []  # made when first drawn
        for rid in ids:
            w = self._row_words(plan, nat, worst_of.get(rid), slack, *rid)  # type: ignore[arg-type]
            before = old.get(rid)
            words.append(w)
            rows.append(before[1] if before is not None and before[0] == w else None)
        self.row_ids, self.words, self.rows = ids, words, rows
        columns = self._fitted(words)
        if columns != self.columns:
            self.set_columns(columns)
            same_rows = False
        self._quiet = True
        # the same rows re-checked: only those whose words changed are drawn again
        self.set_rows(len(rows), self._row, [i for i, cells in enumerate(rows) if cells is None] if same_rows else None)
        if keep in ids:
            self.move_cursor(ids.index(keep), announce=False)
        self._quiet = False

    def _row(self, i: int) -> Cells:
        cells = self.rows[i]
        if cells is None:
            cells = self.rows[i] = _cells(self.words[i])
        return cells

    def _fitted(self, words: list[Words]) -> list[tuple[str, int]]:
        """The columns: each as wide as its header or widest cell, the phase names the rest
        of the table's width (a scrollbar's column kept free)."""
        headers = ["" if k == "icon" else t(f"phases.{k}", self.lang) for k in self.keys]
        widths = [max([cell_len(h), *(cell_len(w[i][0]) for w in words)]) for i, h in enumerate(headers)]
        name = self.keys.index("phase")
        if self.size.width:
            others = sum(w + PADDING for i, w in enumerate(widths) if i != name)
            widths[name] = max(6, min(widths[name], self.size.width - 1 - others - PADDING))
        return list(zip(headers, widths, strict=True))

    def _row_words(
        self,
        plan: Plan,
        nat: National,
        sev: Severity | None,
        slack: dict[NodeKey, Slack],
        phase: str,
        business: str | None,
    ) -> Words:
        """A row's cells as (text, style) pairs, in the order of ``keys``."""
        lang = self.lang
        e = plan.entry(phase, business)
        name = nat.phase_name(phase, lang) if business is None else "  └ " + nat.business_name(business, lang)
        sl = slack.get(phase_key(phase, business))
        slack_cell = ("", "")
        if sl is not None:
            n = f"{sl.slack:+d}"
            slack_cell = (
                t("slack.months", lang, n=n) if "interval" in self.keys else n,
                "red" if sl.slack < 0 else "",
            )  # narrow: the number
        cells = {
            "icon": (sev.icon, sev.style) if sev else ("", ""),
            "phase": (name, ""),
            "date": (printable(e.date.text) if e and e.date else "", ""),
            "slack": slack_cell,
            "status": (t(f"status.{e.status}", lang) if e and e.status else "", ""),
            "interval": (interval_text(e.date, lang) if e and e.date else "", ""),
        }
        return tuple(cells[k] for k in self.keys)

    @property
    def current(self) -> RowId | None:
        if not self.row_ids or not 0 <= self.cursor_row < len(self.row_ids):
            return None
        return self.row_ids[self.cursor_row]

    def select_phase(self, phase: str, business: str | None = None) -> None:
        """Move the cursor to a phase (from a finding or a Gantt click), quietly."""
        target = (phase, business)
        if target not in self.row_ids:
            target = (phase, None)
        if target in self.row_ids:
            self.move_cursor(self.row_ids.index(target), announce=False)

    @on(VirtualTable.Highlighted)
    def _moved(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        if not self._quiet and 0 <= event.row < len(self.row_ids):
            self.post_message(self.Highlighted(*self.row_ids[event.row]))

    @on(VirtualTable.Selected)
    def _chosen(self, event: VirtualTable.Selected) -> None:
        """Enter (or a click on the highlighted row) edits the phase."""
        event.stop()
        if 0 <= event.row < len(self.row_ids):
            self.post_message(self.EditRequested(*self.row_ids[event.row]))
