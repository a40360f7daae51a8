"""The what-if mode: move a national milestone with keys and see the affected plans live.

Left: the national ids that can change a finding (specs, vendor packages, the Government
Cloud, the deadline, …) with their date now and as shifted. ← → move the selected one by a
month, shift+← → by a year, 0 resets it, R resets all. Right: every plan that gains or loses
findings, and for the highlighted plan what it gains and loses. Nothing is saved: the plans
and national.toml are untouched (``plans what-if`` prints the same on the command line).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from model.analysis.whatif import (
    Change,
    WhatIf,
    apply_changes,
    diff_findings,
    effective_targets,
    findings_of,
    target_label,
    targets,
)
from model.core.dates import render_month
from model.core.printable import printable
from model.core.severity import Severity
from model.project.session import Workspace
from tui.app.i18n import localize_bindings, t
from tui.app.tcss import path_beside
from tui.app.widgets.fitted_footer import FittedFooter

# action -> catalogue key of its description (footer)
DESCRIPTIONS = {
    "shift(-1)": "whatif.key.earlier", "shift(1)": "whatif.key.later",
    "reset_one": "whatif.key.reset", "reset_all": "whatif.key.reset_all", "close": "whatif.key.close",
}  # fmt: skip


class WhatIfScreen(Screen[None]):
    CSS_PATH = path_beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "shift(-1)", "−1 month", priority=True, key_display="←"),
        Binding("right", "shift(1)", "+1 month", priority=True, key_display="→"),
        Binding("shift+left", "shift(-12)", "−1 year", priority=True, show=False),
        Binding("shift+right", "shift(12)", "+1 year", priority=True, show=False),
        Binding("0", "reset_one", "Reset"),
        Binding("R", "reset_all", "Reset all"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, ws: Workspace, *, lang: str = "ja") -> None:
        super().__init__()
        self.ws = ws
        self.lang = lang
        self.ids = effective_targets(ws.nat)
        self.shifts: dict[str, int] = {}
        self.result: WhatIf | None = None
        localize_bindings(self, DESCRIPTIONS, lang)

    def compose(self) -> ComposeResult:
        yield Static(t("whatif.title", self.lang), id="wi-title")
        with Horizontal(id="wi-body"):
            targets_table = DataTable(id="wi-targets", cursor_type="row", zebra_stripes=True)
            targets_table.border_title = t("whatif.targets", self.lang)
            yield targets_table
            with Vertical(id="wi-right"):
                yield Static("", id="wi-summary")
                plans_table = DataTable(id="wi-plans", cursor_type="row", zebra_stripes=True)
                plans_table.border_title = t("whatif.plans", self.lang)
                yield plans_table
                detail = Static("", id="wi-detail")
                detail.border_title = t("whatif.detail", self.lang)
                yield detail
        yield FittedFooter()

    def on_mount(self) -> None:
        lang = self.lang
        table = self.query_one("#wi-targets", DataTable)
        table.add_column(t("whatif.item", lang), key="label")
        table.add_column(t("whatif.now", lang), key="before", width=6)
        table.add_column(t("whatif.shifted", lang), key="after", width=7)
        table.add_column("±", key="delta", width=4)
        for tid in self.ids:
            table.add_row(target_label(self.ws.nat, tid, lang), "", "", "", key=tid)
        p = self.query_one("#wi-plans", DataTable)
        p.add_column(t("whatif.municipality", lang), key="name")
        p.add_column("+", key="gained", width=4)
        p.add_column("−", key="lost", width=4)
        p.add_column("~", key="changed", width=4)
        self.recompute()
        table.focus()

    # -- state ------------------------------------------------------------------------------
    @property
    def selected(self) -> str:
        table = self.query_one("#wi-targets", DataTable)
        return self.ids[min(max(table.cursor_row, 0), len(self.ids) - 1)]

    def action_shift(self, months: int) -> None:
        tid = self.selected
        self.shifts[tid] = self.shifts.get(tid, 0) + months
        if self.shifts[tid] == 0:
            del self.shifts[tid]
        self.recompute()

    def action_reset_one(self) -> None:
        self.shifts.pop(self.selected, None)
        self.recompute()

    def action_reset_all(self) -> None:
        self.shifts.clear()
        self.recompute()

    def action_close(self) -> None:
        self.dismiss(None)

    def recompute(self) -> None:
        """Re-check every plan against the shifted timeline; baseline findings are the
        workspace's own (already checked)."""
        nat = self.ws.nat
        changes = [Change(k, months=v, source=f"{k}{v:+d}m") for k, v in self.shifts.items()]
        shifted, applied = apply_changes(nat, changes)
        diffs = []
        before = after = 0
        for e in self.ws.entries:
            if e.plan is None:
                continue
            now = findings_of(e.plan, shifted, self.ws.as_of, self.ws.enabled)
            before, after = before + len(e.findings), after + len(now)
            if d := diff_findings(e.plan, e.findings, now):
                diffs.append(d)
        self.result = WhatIf(applied, diffs, len(self.ws.plans), before, after)
        self._show(targets(nat), targets(shifted))

    # -- drawing ------------------------------------------------------------------------------
    def _fmt(self, tid: str, v: int) -> str:
        return str(v) if tid == "vendor_months" else render_month(v)

    def _show(self, now: dict[str, int], then: dict[str, int]) -> None:
        assert self.result is not None
        table = self.query_one("#wi-targets", DataTable)
        for tid in self.ids:
            moved = then[tid] != now[tid]
            style = "bold magenta" if moved else ""
            table.update_cell(tid, "before", self._fmt(tid, now[tid]))
            table.update_cell(tid, "after", Text(self._fmt(tid, then[tid]), style=style))
            table.update_cell(tid, "delta", Text(f"{then[tid] - now[tid]:+d}" if moved else "", style=style))
        p = self.query_one("#wi-plans", DataTable)
        keep = p.cursor_row
        p.clear()
        for d in self.result.diffs:
            p.add_row(
                Text(printable(d.municipality)),
                Text(f"+{len(d.gained)}", style="red") if d.gained else "",
                Text(f"−{len(d.lost)}", style="green") if d.lost else "",
                Text(f"~{len(d.changed)}", style="yellow") if d.changed else "",
                key=d.file,
            )
        if self.result.diffs:
            p.move_cursor(row=min(keep, len(self.result.diffs) - 1), animate=False)
        summary = t("whatif.summary", self.lang, **self.result.counts()) if self.shifts else t("whatif.hint", self.lang)
        self.query_one("#wi-summary", Static).update(summary)
        self._detail()

    @on(DataTable.RowHighlighted, "#wi-plans")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        box = self.query_one("#wi-detail", Static)
        p = self.query_one("#wi-plans", DataTable)
        if self.result is None or not self.result.diffs:
            box.update("")
            return
        d = self.result.diffs[min(max(p.cursor_row, 0), len(self.result.diffs) - 1)]
        lines: list[Text] = [Text(printable(d.municipality), style="bold")]
        lang = self.lang
        for f in d.gained:
            sev = Severity(f.severity)
            lines.append(Text.assemble(("+ ", "red"), (f"{f.code} {sev.label(lang)} ", sev.style), f.message(lang)))
        for f in d.lost:
            lines.append(
                Text.assemble(
                    ("− ", "green"), (f"{f.code} {Severity(f.severity).label(lang)} ", "dim"), f.message(lang)
                )
            )
        for b, a in d.changed:
            sev = Severity(a.severity)
            lines.append(
                Text.assemble(
                    ("~ ", "yellow"),
                    f"{a.code} {Severity(b.severity).label(lang)} → ",
                    (sev.label(lang), sev.style),
                    " ",
                    a.message(lang),
                )
            )
        box.update(Text("\n").join(lines))
