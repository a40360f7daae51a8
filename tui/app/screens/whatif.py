"""The what-if mode: move a national milestone with keys and see the affected plans live.

Left: the national ids that can change a finding (specs, vendor packages, the Government
Cloud, the deadline, …) with their date now and as shifted. ← → move the selected one by a
month, shift+← → by a year, 0 resets it, R resets all. Right: every plan that gains or loses
findings, and for the highlighted plan what it gains and loses. Nothing is saved: the plans
and national.toml are untouched (``plans what-if`` prints the same on the command line).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

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
from model.checks.registry import SEVERITY_JA
from model.project.session import Workspace

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _w(ja: str, en: str, lang: str) -> str:
    return en if lang == "en" else ja


class WhatIfScreen(Screen[None]):
    CSS_PATH = str(Path(__file__).with_suffix(".tcss"))
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
        words = {
            "shift(-1)": ("1か月前へ", "−1 month"), "shift(1)": ("1か月後へ", "+1 month"),
            "reset_one": ("元に戻す", "reset"), "reset_all": ("すべて戻す", "reset all"), "close": ("閉じる", "close"),
        }  # fmt: skip
        self._bindings = self._bindings.copy()
        for key, bs in list(self._bindings.key_to_bindings.items()):
            self._bindings.key_to_bindings[key] = [replace(b, description=_w(*words[b.action], lang)) if b.action in words else b for b in bs]

    def compose(self) -> ComposeResult:
        yield Static(_w("What-if: 国の日程を動かす(保存されません)", "What-if: move the national timeline (nothing is saved)", self.lang), id="wi-title")
        with Horizontal(id="wi-body"):
            targets_table = DataTable(id="wi-targets", cursor_type="row", zebra_stripes=True)
            targets_table.border_title = _w("国の日程 (← → で移動)", "National timeline (← → to move)", self.lang)
            yield targets_table
            with Vertical(id="wi-right"):
                yield Static("", id="wi-summary")
                plans_table = DataTable(id="wi-plans", cursor_type="row", zebra_stripes=True)
                plans_table.border_title = _w("影響を受ける計画", "Affected plans", self.lang)
                yield plans_table
                detail = Static("", id="wi-detail")
                detail.border_title = _w("増減した指摘", "Findings gained and lost", self.lang)
                yield detail
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one("#wi-targets", DataTable)
        t.add_column(_w("項目", "item", self.lang), key="label")
        t.add_column(_w("現在", "now", self.lang), key="before", width=6)
        t.add_column(_w("変更後", "shifted", self.lang), key="after", width=7)
        t.add_column("±", key="delta", width=4)
        for tid in self.ids:
            t.add_row(target_label(self.ws.nat, tid, self.lang), "", "", "", key=tid)
        p = self.query_one("#wi-plans", DataTable)
        p.add_column(_w("市町", "municipality", self.lang), key="name")
        p.add_column("+", key="gained", width=4)
        p.add_column("−", key="lost", width=4)
        p.add_column("~", key="changed", width=4)
        self.recompute()
        t.focus()

    # -- state ------------------------------------------------------------------------------
    @property
    def selected(self) -> str:
        t = self.query_one("#wi-targets", DataTable)
        return self.ids[min(max(t.cursor_row, 0), len(self.ids) - 1)]

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
        from model.analysis.whatif import WhatIf as _WhatIf

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
        self.result = _WhatIf(applied, diffs, len(self.ws.plans), before, after)
        self._show(targets(nat), targets(shifted))

    # -- drawing ------------------------------------------------------------------------------
    def _fmt(self, tid: str, v: int) -> str:
        from model.core.dates import render_month

        return str(v) if tid == "vendor_months" else render_month(v)

    def _show(self, now: dict[str, int], then: dict[str, int]) -> None:
        assert self.result is not None
        t = self.query_one("#wi-targets", DataTable)
        for tid in self.ids:
            moved = then[tid] != now[tid]
            style = "bold magenta" if moved else ""
            t.update_cell(tid, "before", self._fmt(tid, now[tid]))
            t.update_cell(tid, "after", Text(self._fmt(tid, then[tid]), style=style))
            t.update_cell(tid, "delta", Text(f"{then[tid] - now[tid]:+d}" if moved else "", style=style))
        p = self.query_one("#wi-plans", DataTable)
        keep = p.cursor_row
        p.clear()
        for d in self.result.diffs:
            p.add_row(
                d.municipality,
                Text(f"+{len(d.gained)}", style="red") if d.gained else "",
                Text(f"−{len(d.lost)}", style="green") if d.lost else "",
                Text(f"~{len(d.changed)}", style="yellow") if d.changed else "",
                key=d.file,
            )
        if self.result.diffs:
            p.move_cursor(row=min(keep, len(self.result.diffs) - 1), animate=False)
        c = self.result.counts()
        summary = _w(
            f"{c['plans']}計画中 {c['plans_gaining']}計画で指摘が増加(+{c['gained']})、{c['plans_losing']}計画で減少(−{c['lost']})。指摘 {c['findings_before']} → {c['findings_after']}",
            f"{c['plans_gaining']} of {c['plans']} plans gain findings (+{c['gained']}), {c['plans_losing']} lose (−{c['lost']}); findings {c['findings_before']} → {c['findings_after']}",
            self.lang,
        )
        if not self.shifts:
            summary = _w("← → で選んだ日程を動かすと、影響を受ける計画がここに出ます", "Move the selected date with ← → to see the plans it affects", self.lang)
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
        lines: list[Text] = [Text(d.municipality, style="bold")]
        sev = (lambda s: s) if self.lang == "en" else SEVERITY_JA.__getitem__
        for f in d.gained:
            lines.append(Text.assemble(("+ ", "red"), (f"{f.code} {sev(f.severity)} ", _STYLE[f.severity]), f.message(self.lang)))
        for f in d.lost:
            lines.append(Text.assemble(("− ", "green"), (f"{f.code} {sev(f.severity)} ", "dim"), f.message(self.lang)))
        for b, a in d.changed:
            lines.append(Text.assemble(("~ ", "yellow"), f"{a.code} {sev(b.severity)} → ", (sev(a.severity), _STYLE[a.severity]), " ", a.message(self.lang)))
        box.update(Text("\n").join(lines))
