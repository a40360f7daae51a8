"""The selected plan's phases as a compact table: planned completion as written, the months
it stands for, status and slack, with the worst finding's icon. Enter edits the phase.

This is the keyboard's editing surface (and the whole plan at 80×24, where the Gantt has
little room); the Gantt above shows the same rows as bars."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from model.checks.finding import Finding
from model.checks.graph import NodeKey, Slack, phase_key
from model.core.national import National
from model.core.plan import Plan
from model.core.printable import printable
from model.core.severity import Severity, worst
from model.project.edits import interval_text
from tui.app.i18n import t
from tui.app.severity_text import icon_text

RowId = tuple[str, str | None]  # (phase, business)
COLUMNS = ("icon", "phase", "date", "slack", "status", "interval")
NARROW = 70  # cells: narrower, the table leaves out the months a date stands for (期間)


def row_key(phase: str, business: str | None) -> str:
    return f"{phase}|{business or ''}"


def worst_for(findings: list[Finding], phase: str, business: str | None) -> Severity | None:
    return worst(f.severity for f in findings if f.phase == phase and f.business == business)


class PhaseTable(DataTable[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit", show=False),
    ]

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
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.lang = lang
        self.row_ids: list[RowId] = []
        self._quiet = False
        self.keys: tuple[str, ...] = COLUMNS
        self._shown: tuple[Plan | None, National, list[Finding], dict[NodeKey, Slack]] | None = None

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for key in self.keys:
            label = "" if key == "icon" else t(f"phases.{key}", self.lang)
            self.add_column(label, key=key, width=2 if key == "icon" else None)

    def on_resize(self) -> None:
        keys = COLUMNS if self.size.width >= NARROW else COLUMNS[:-1]
        if keys != self.keys:
            self.keys = keys
            self.clear(columns=True)
            self._add_columns()
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, plan: Plan | None, nat: National, findings: list[Finding], slack: dict[NodeKey, Slack]) -> None:
        """Fill the table for ``plan``, keeping the cursor on the same phase. Narrow, the
        months (期間) are left out, slack is a number and long phase names end in "…", so the
        table needs no horizontal scrolling."""
        self._shown = (plan, nat, findings, slack)
        keep = self.current
        self._quiet = True
        self.clear()
        self.row_ids = []
        if plan is None:
            self._quiet = False
            return
        rows: list[tuple[RowId, dict[str, Text]]] = []
        for ph in nat.phases:
            rows.append(((ph.id, None), self._cells(plan, nat, findings, slack, ph.id, None)))
            for bid, bp in plan.businesses.items():
                if ph.id in bp.phases:
                    rows.append(((ph.id, bid), self._cells(plan, nat, findings, slack, ph.id, bid)))
        name_w = self._name_width([c for _, c in rows])
        for rid, cells in rows:
            cells["phase"].truncate(name_w, overflow="ellipsis")
            self.add_row(*(cells[k] for k in self.keys), key=row_key(*rid))
            self.row_ids.append(rid)
        if keep in self.row_ids:
            self.move_cursor(row=self.row_ids.index(keep), animate=False)
        self._quiet = False

    def _name_width(self, rows: list[dict[str, Text]]) -> int:
        """The cells the phase names may take: the table's width (a scrollbar's column kept
        free) less the other columns, each as wide as its header or widest cell."""
        if not self.size.width:
            return 10**6
        others = 0
        for k in self.keys:
            if k != "phase":
                header = self.columns[ColumnKey(k)].label.cell_len if ColumnKey(k) in self.columns else 0
                others += max([header, *(c[k].cell_len for c in rows)]) + 2 * self.cell_padding
        return max(6, self.size.width - 1 - others - 2 * self.cell_padding)

    def _cells(self, plan: Plan, nat: National, findings: list[Finding], slack: dict[NodeKey, Slack], phase: str, business: str | None) -> dict[str, Text]:
        lang = self.lang
        e = plan.entry(phase, business)
        sev = worst_for(findings, phase, business)
        icon = icon_text(sev) if sev else Text("")
        name = nat.phase_name(phase, lang) if business is None else "  └ " + nat.business_name(business, lang)
        date = printable(e.date.text) if e and e.date else ""
        months = interval_text(e.date, lang) if e and e.date else ""
        status = t(f"status.{e.status}", lang) if e and e.status else ""
        sl = slack.get(phase_key(phase, business))
        if sl is None:
            slack_text = Text("")
        else:
            n = f"{sl.slack:+d}"
            words = t("slack.months", lang, n=n) if "interval" in self.keys else n  # narrow: the number
            slack_text = Text(words, style="red" if sl.slack < 0 else "", justify="right")
        return {"icon": icon, "phase": Text(name, no_wrap=True), "date": Text(date), "slack": slack_text, "status": Text(status), "interval": Text(months)}

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
            self._quiet = True
            self.move_cursor(row=self.row_ids.index(target))
            self._quiet = False

    def action_edit(self) -> None:
        if self.current:
            self.post_message(self.EditRequested(*self.current))

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not self._quiet and 0 <= event.cursor_row < len(self.row_ids):
            self.post_message(self.Highlighted(*self.row_ids[event.cursor_row]))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click on the highlighted row) edits the phase."""
        event.stop()
        if 0 <= event.cursor_row < len(self.row_ids):
            self.post_message(self.EditRequested(*self.row_ids[event.cursor_row]))
