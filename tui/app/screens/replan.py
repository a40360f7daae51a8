"""The re-plan preview (``f`` on a plan): what ``plans lint --fix`` would change in it.

Top: what the fix does, marked safe (no go-live moves) or unsafe (a go-live moves, or the
schedule needs an extended deadline), with the constraints that bind it. Then each phase as
planned → as proposed (moved ones marked: ✔ safe, ▲ a go-live), the Gantt with the proposal's
bars as ghost rows under the bars they move, and the findings the fix clears, leaves and
brings. Enter applies it as one undoable edit (saved with ctrl+s as any edit); Esc closes.
Dismisses with True when the planner applies it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from model.checks.finding import Finding
from model.core.printable import printable
from model.core.severity import OK_ICON, OK_STYLE, Severity
from model.project.session import Workspace
from model.render import gantt as gantt_layout
from model.replan.proposal import Safety
from tui.app.i18n import localize_bindings, t
from tui.app.replan_preview import ReplanPreview
from tui.app.tcss import path_beside
from tui.app.widgets.fitted_footer import FittedFooter
from tui.app.widgets.gantt import GanttView

# action -> catalogue key of its description (footer)
DESCRIPTIONS = {"apply": "replan.key.apply", "close": "replan.key.close"}
SAFETY_STYLE = {Safety.SAFE: OK_STYLE, Safety.UNSAFE: Severity.WARNING.style, Safety.EXTENDED: Severity.WARNING.style}


def finding_line(f: Finding, lang: str, style: str = "") -> Text:
    sev = Severity(f.severity)
    return Text.assemble((f"  {sev.icon} {f.code} ", sev.style), (printable(f.message(lang)), style))


class ReplanScreen(Screen[bool]):
    CSS_PATH = path_beside(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, preview: ReplanPreview, ws: Workspace, *, lang: str = "ja") -> None:
        super().__init__()
        self.preview = preview
        self.ws = ws
        self.lang = lang
        localize_bindings(self, DESCRIPTIONS, lang)

    def compose(self) -> ComposeResult:
        pv, lang = self.preview, self.lang
        title = Text(t("replan.title", lang, m=printable(pv.entry.name)), style="bold")
        yield Static(title, id="rp-title")
        yield Static(self._summary(), id="rp-summary")
        table = DataTable(id="rp-phases", cursor_type="none", zebra_stripes=True)
        table.can_focus = False  # Enter applies; the table only shows
        yield table
        # the national lanes merged, or none on a short screen: the phases and their ghosts first
        yield GanttView(lang=lang, id="rp-gantt", fit=True, national="compact" if self.app.size.height >= 32 else "off")
        with VerticalScroll(id="rp-findings-box"):
            yield Static(self._findings(), id="rp-findings")
        yield FittedFooter()

    def on_mount(self) -> None:
        pv, lang = self.preview, self.lang
        table = self.query_one("#rp-phases", DataTable)
        for key, header in (
            ("phase", t("replan.phase", lang)),
            ("before", t("replan.before", lang)),
            ("after", t("replan.after", lang)),
            ("kind", t("replan.kind", lang)),
        ):
            table.add_column(header, key=key)
        nat = self.ws.nat
        extended = pv.proposal.safety is Safety.EXTENDED
        for row in pv.rows:
            name = (
                nat.phase_name(row.phase, lang)
                if row.business is None
                else "  └ " + nat.business_name(row.business, lang)
            )
            if not row.changed:
                table.add_row(name, row.before, Text(row.after, style="dim"), "")
                continue
            if not (row.go_live or extended):
                kind = Text(t("replan.safe", lang), style=OK_STYLE)
            else:
                kind = Text(
                    t("replan.extended", lang) if extended and row.go_live else t("replan.go_live", lang),
                    style=Severity.WARNING.style,
                )
            table.add_row(Text(name, style="bold"), row.before, Text("→ " + row.after, style="bold"), kind)
        entry = pv.entry
        gantt = self.query_one(GanttView)
        assert entry.plan is not None
        gantt.show(gantt_layout.build(entry.plan, nat, entry.findings, as_of=self.ws.as_of, slack=self.ws.slack(entry)))
        gantt.show_ghost(pv.ghost)
        gantt.focus()

    def _summary(self) -> Text:
        pv, lang = self.preview, self.lang
        style = SAFETY_STYLE.get(pv.proposal.safety, Severity.ERROR.style)
        mark = OK_ICON if pv.safe else Severity.WARNING.icon if pv.applicable else Severity.ERROR.icon
        out = Text.assemble((f"{mark} ", style), (pv.words(lang), style))
        if pv.problem is not None:
            out.append("\n" + pv.problem(lang), style=Severity.ERROR.style)
        elif not pv.applicable:
            out.append("\n" + t("replan.cannot", lang), style="dim")
        elif not pv.safe:
            out.append("\n" + t("replan.unsafe_hint", lang), style="dim")
        return out

    def _findings(self) -> Text:
        pv, lang = self.preview, self.lang
        lines: list[Text] = []
        groups = [
            (t("replan.gone", lang, n=len(pv.gone)), pv.gone, "dim strike"),
            (t("replan.remain", lang, n=len(pv.remain)), pv.remain, ""),
        ]
        if pv.new:  # none by design: a fix that brings a finding is shown as such
            groups.append((t("replan.new", lang, n=len(pv.new)), pv.new, "bold"))
        for head, found, style in groups:
            lines.append(Text(head, style="bold"))
            lines += [finding_line(f, lang, style) for f in found] or [
                Text("  " + t("replan.nothing", lang), style="dim")
            ]
        return Text("\n").join(lines)

    def action_apply(self) -> None:
        if self.preview.applicable:
            self.dismiss(True)
        else:
            self.app.notify(t("replan.cannot", self.lang), severity="warning")

    def action_close(self) -> None:
        self.dismiss(False)
