"""The app's view keys: help, filter, sort, the tabs, open a municipality, a finding's rule
and the Gantt's zoom; mixed into :class:`tui.app.app.PlansApp` (its ``main``, ``progress``,
``lang`` and ``notify``)."""

from __future__ import annotations

from textual.widgets import TabbedContent

from tui.app.i18n import t
from tui.app.keys import key_rows
from tui.app.screens.help import HelpScreen
from tui.app.screens.rule_doc import RuleDocScreen


class ViewActions:
    """F1, ``/``, ``s``, ``o`` / ``p`` / ``t``, ``r``, ``+`` / ``-`` and the palette's ``open:``."""

    def action_help(self) -> None:
        self.push_screen(HelpScreen(key_rows(self), lang=self.lang))

    def action_filter(self) -> None:
        self.action_show_tab("plan")
        self.main.munis.query_one("#filter").focus()

    def action_sort(self, key: str | None = None) -> None:
        self.action_show_tab("plan")
        if key == "progress" and not self.main.munis.rates_shown:  # no 完了率 (yet)
            done = self.progress.state.done
            self.notify(t("progress.none", self.lang) if done else t("progress.loading", self.lang), severity="warning")
            return
        self.main.munis.cycle_sort(key)

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == tab:
            return
        tabs.active = tab
        # focus inside the new pane, or the focus left in the hidden one switches back
        target = (
            self.main.munis.table
            if tab == "plan"
            else next(iter(self.query("#overview-table" if tab == "overview" else "#stats-chart")), None)
        )
        if target is not None:
            target.focus()

    def action_open(self, name: str) -> None:
        self.action_show_tab("plan")
        self.main.open(name)
        self.main.munis.table.focus()

    def action_rule_doc(self) -> None:
        if self.entry is None:  # the filter leaves none: the findings shown are no plan's
            self.notify(t("no_plan", self.lang), severity="warning")
            return
        finding = self.main.findings.current or (self.entry.findings[0] if self.entry and self.entry.findings else None)
        if finding is None:
            self.notify(t("no_finding", self.lang), severity="warning")
            return
        self.push_screen(RuleDocScreen(finding.code, lang=self.lang))

    def action_zoom_in(self) -> None:
        self.main.gantt.action_zoom_in()

    def action_zoom_out(self) -> None:
        self.main.gantt.action_zoom_out()
