"""The planner's app (``plans tui``): compose, bindings and actions.

The parts live in their own files: the Plan tab (``widgets/plan_tab.py``: list, Gantt,
phases, findings, and the progress view, ``widgets/progress_view.py``), the Overview and
Stats tabs (``widgets/overview.py``, ``widgets/stats_chart.py``), the dialogs and the what-if
mode (``screens/``), the command palette (``palette.py``), the keys in words (``keys.py``),
the view keys (``view_actions.py``), saving (``saving.py``), the background load of a large
folder (``background_load.py``), the background read of the progress snapshots
(``progress_load.py``; the figures ``plans progress`` gives: ``progress_data.py``; its keys:
``progress_actions.py``) and the words (``i18n.py``).
The state is ``model.project.session.Workspace``: each edit goes through ``PlanDocument`` (round-trip,
validated) and re-checks only the plan it touched. Another mode is one more ``TabPane``; a
view that shows data across plans gets the CSS class ``follows-edits`` and a ``mark_stale()``
method, called after every edit (the Overview rebuilds then, or when it is next shown), and
when the progress read brings figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.lazy import Lazy
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from model.core.plan import STRATEGIES
from model.core.printable import printable
from model.project.edits import Edit, EditError
from model.project.session import Entry, Workspace
from tui.app.background_load import EAGER_MAX, BackgroundLoad, settle_memory
from tui.app.i18n import localize_bindings, t
from tui.app.keys import DESCRIPTIONS
from tui.app.palette import PlansCommands, system_commands
from tui.app.progress_actions import ProgressActions
from tui.app.progress_load import ProgressLoad
from tui.app.read_only import refused, restrict
from tui.app.saving import Saving
from tui.app.screens.choice import ChoiceScreen
from tui.app.screens.edit_phase import EditPhaseScreen, PhaseValues, findings_summary
from tui.app.screens.whatif import WhatIfScreen
from tui.app.view_actions import ViewActions
from tui.app.widgets.fitted_footer import FittedFooter
from tui.app.widgets.overview import Overview
from tui.app.widgets.phase_table import PhaseTable
from tui.app.widgets.plan_tab import PlanTab
from tui.app.widgets.stats_chart import StatsChart


class PlansApp(Saving, ViewActions, ProgressActions, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "plans"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    COMMANDS = App.COMMANDS | {PlansCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+z", "undo", "Undo"),  # not priority: a text box keeps its own undo
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("s", "sort", "Sort"),
        Binding("e", "edit", "Edit"),
        Binding("v", "vendor_strategy", "Vendor strategy", show=False),
        Binding("r", "rule_doc", "Rule doc"),
        Binding("o", "show_tab('overview')", "Overview", show=False),
        Binding("p", "show_tab('plan')", "Plan", show=False),
        Binding("t", "show_tab('stats')", "Stats", show=False),
        Binding("plus", "zoom_in", "Zoom in", show=False, key_display="+"),
        Binding("minus", "zoom_out", "Zoom out", show=False, key_display="-"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        Binding("w", "what_if", "What-if"),
        Binding("f", "fix_preview", "Fix"),
        Binding("g", "progress", "Progress"),
        Binding("left_square_bracket", "progress_month(-1)", "Month before", key_display="["),
        Binding("right_square_bracket", "progress_month(1)", "Month after", key_display="]"),
    ]

    def __init__(
        self,
        ws: Workspace,
        *,
        lang: str = "ja",
        cursor_blink: bool = True,
        read_only: bool = False,
        progress_from: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.ws = ws
        self.lang = lang
        self.cursor_blink = cursor_blink
        self.loader = BackgroundLoad(self)
        self.progress = ProgressLoad(self, progress_from or [])  # the snapshots beside the plans
        self.edit_words: dict[Edit, tuple[str, str]] = {}  # an edit in words, made and undone, for the toasts
        localize_bindings(self, DESCRIPTIONS, lang)
        self.read_only = read_only  # tui/app/read_only.py: every edit and save asks refused(self)
        if read_only:
            restrict(self)

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="plan"):
            with TabPane(t("tab.plan", self.lang), id="plan"):
                yield PlanTab(self.ws, lang=self.lang, id="main")
            with TabPane(t("tab.overview", self.lang), id="overview"):  # hidden tabs: mounted after the first paint
                yield Lazy(
                    Overview(self.ws, self.progress_state, lang=self.lang, id="overview-pane", classes="follows-edits")
                )
            with TabPane(t("tab.stats", self.lang), id="stats"):
                yield Lazy(StatsChart(self.ws, self.progress_state, lang=self.lang, id="stats-chart"))
        yield FittedFooter()

    def on_mount(self) -> None:
        for box in self.query("Input"):
            box.cursor_blink = self.cursor_blink  # type: ignore[attr-defined]
        self.main.munis.table.focus()
        self.call_after_refresh(self.progress.start)  # the snapshots: read after the first frame
        if self.ws.pending:
            self.loader.start()
        else:  # read before the first frame: settled after it
            self.progress.plans_loaded()
            self.call_after_refresh(settle_memory)

    # -- parts and state ----------------------------------------------------------------
    ANYWHERE: ClassVar[frozenset[str]] = frozenset({"quit", "help", "command_palette"})
    """The app's actions a screen of its own (what-if, a re-plan's preview) offers too; the
    others act on the plan screen (what-if never saves)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # refused: hidden from that screen's footer, and its key does nothing there
        own_screen = self.screen is not self.screen_stack[0] and not self.screen.is_modal
        return not (own_screen and action in DESCRIPTIONS and action not in self.ANYWHERE)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast: its text as it is (names and paths from files: no markup, escapes shown
        escaped)."""
        super().notify(printable(message), title=title, severity=severity, timeout=timeout, markup=markup)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder", self.lang)))

    def get_system_commands(self, screen: Screen[object]):  # type: ignore[no-untyped-def]
        return system_commands(self, screen)

    @property
    def main(self) -> PlanTab:
        return self.query_one(PlanTab)

    @property
    def entry(self) -> Entry | None:
        return self.main.entry

    def changed(self, entry: Entry, message: str | None = None) -> None:
        """After an edit, undo, redo or reload: re-check that one plan and redraw (its
        progress again only when its own ``[progress]`` changed)."""
        findings = self.ws.recheck(entry)
        if self.progress.plan_changed(entry.plan, entry.doc.file):
            self.main.progress_changed(self.progress.state)
        self.main.refresh_entry(entry)
        self.mark_views_stale()
        if message:
            self.notify(t("edited", self.lang, m=entry.name, l=message, n=len(findings)), timeout=3)

    def mark_views_stale(self) -> None:
        """The views across plans (the overview, and any tab that opts in) follow an edit."""
        for view in self.query(".follows-edits"):
            view.mark_stale()  # type: ignore[attr-defined]

    def remember(self, entry: Entry, words: str, undone: str | None = None) -> None:
        """The words of the edit just made: redo says ``words``, undo ``undone`` (the values
        the other way round: ``ベンダ選定 R6.6 → R6``), else ``words`` too."""
        if entry.doc.undo_stack:
            self.edit_words[entry.doc.undo_stack[-1]] = (words, undone or words)

    def refuse(self, entry: Entry | None) -> None:
        """Why there is no plan to act on: none selected (the filter leaves none), or it does not load."""
        self.notify(t("no_plan", self.lang) if entry is None else t("cannot_edit", self.lang), severity="error")

    def _editable(self) -> Entry | None:
        if refused(self):
            return None
        entry = self.entry
        if entry is None or entry.plan is None:
            self.refuse(entry)
            return None
        if not entry.doc.dirty and entry.doc.changed_on_disk():  # nothing of ours to lose
            try:
                entry.doc.reload()
            except OSError:  # deleted meanwhile: edit what we have; saving will ask
                return entry
            self.changed(entry)
            self.notify(t("reloaded", self.lang, f=entry.doc.file))
            if entry.plan is None:  # the file on disk no longer loads: its problems are shown
                return None
        return entry

    # -- editing ------------------------------------------------------------------------
    def on_phase_table_edit_requested(self, event: PhaseTable.EditRequested) -> None:
        self.edit_phase(event.phase, event.business)

    def edit_phase(self, phase: str, business: str | None) -> None:
        entry = self._editable()
        if entry is None or entry.plan is None:
            return
        plan = entry.plan
        own = (
            plan.businesses[business].phases.get(phase)
            if business in plan.businesses
            else (None if business else plan.phases.get(phase))
        )
        values = PhaseValues(
            own.date.text if own and own.date else None, own.status if own else None, own.note if own else None
        )
        name = self.ws.nat.phase_name(phase, self.lang)
        if business:
            name += f"({self.ws.nat.business_name(business, self.lang)})"
        surveyed = plan.surveyed.hi if plan.surveyed else None

        def done(result: PhaseValues | None) -> None:
            if result is None or result == values:
                return
            try:
                entry.doc.edit_phase(phase, date=result.date, status=result.status, note=result.note, business=business)
            except EditError as e:
                self.notify(e.text(self.lang), severity="error", timeout=8)
                return
            before, after = values.date or "-", result.date or "-"
            if before == after:  # the status or the note: the date stays
                self.remember(entry, words := f"{name} = {after}")
            else:
                words = f"{name} {before} → {after}"
                self.remember(entry, words, f"{name} {after} → {before}")
            self.changed(entry, words)

        def preview(v: PhaseValues) -> Text:
            try:
                trial = entry.doc.preview_phase(phase, date=v.date, status=v.status, note=v.note, business=business)
            except EditError as e:
                return Text(e.text(self.lang), style="red")
            return findings_summary(entry.findings, self.ws.lint(trial), phase, business, self.lang)

        title = t("edit.title", self.lang, m=printable(entry.name), p=name)
        screen = EditPhaseScreen(
            title, phase, values, surveyed=surveyed, lang=self.lang, cursor_blink=self.cursor_blink, preview=preview
        )
        self.push_screen(screen, done)

    def action_edit(self) -> None:
        if refused(self):
            return
        if self.entry is None or self.entry.plan is None:
            self.refuse(self.entry)
            return
        if self.main.selected is None:
            current = self.main.phases.current
            if current is None:
                self.notify(t("no_phase", self.lang), severity="warning")
                return
            self.main.selected = current
        self.edit_phase(*self.main.selected)

    def action_vendor_strategy(self) -> None:
        entry = self._editable()
        if entry is None or entry.plan is None:
            return
        choices = [(s, t(f"strategy.{s}", self.lang)) for s in STRATEGIES]
        choices.append(("clear", t("strategy.clear", self.lang)))

        def done(choice: str | None) -> None:
            if choice is None:
                return
            try:
                entry.doc.set_vendor_strategy(None if choice == "clear" else choice)
            except EditError as e:
                self.notify(e.text(self.lang), severity="error", timeout=8)
                return
            words = t("strategy", self.lang, s=t(f"strategy.{choice}", self.lang))
            self.remember(entry, words)
            self.changed(entry, words)

        self.push_screen(
            ChoiceScreen(
                t("strategy.title", self.lang, m=entry.name),
                "",
                choices,
                default=entry.plan.declared_strategy,
                vertical=True,
            ),
            done,
        )

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    def _history(self, which: str) -> None:
        if refused(self):
            return
        entry = self.entry
        if entry is None or len(self.screen_stack) > 1:  # not under an open dialog
            return
        e = entry.doc.undo() if which == "undo" else entry.doc.redo()
        if e is None:
            self.notify(t(f"{which}.none", self.lang), severity="warning")
            return
        self.changed(entry)
        if which == "undo" and e.disk is not None:  # a reload undone: the disk holds what it took
            self.notify(t("undo.reload", self.lang), severity="warning", timeout=8)
            return
        words = self.edit_words.get(e)
        said = (words[0] if which == "redo" else words[1]) if words else self.describe(e)
        self.notify(t(which, self.lang, l=said), timeout=3)

    def describe(self, e: Edit) -> str:
        """An edit in words when the app did not make it itself (a reload)."""
        return t("edit.reload", self.lang) if e.label == "reload" else t("edit.other", self.lang)

    # -- view (the keys: view_actions.py) ---------------------------------------------
    def on_overview_open(self, event: Overview.Open) -> None:
        self.action_open(event.name)

    def action_fix_preview(self) -> None:
        """The re-plan of the selected plan (``plans lint --fix``'s), previewed; Enter in it
        applies it as one undoable edit. The solver is imported now, not at start."""
        entry = self.entry if self.read_only else self._editable()  # read-only: a look, no apply
        if entry is None or entry.plan is None:
            if self.read_only:
                self.refuse(entry)
            return
        from tui.app.replan_preview import preview_of
        from tui.app.screens.replan import ReplanScreen

        pv = preview_of(self.ws, entry)
        if not pv.proposal.edits and pv.proposal.safety.value == "none":
            self.notify(t("replan.none", self.lang, m=entry.name), timeout=4)
            return

        def done(apply: bool | None) -> None:
            if not apply or refused(self) or pv.text is None:
                return
            try:
                entry.doc.replace_text("replan", pv.text)
            except EditError as e:
                self.notify(e.text(self.lang), severity="error", timeout=8)
                return
            words = t("replan.applied", self.lang, n=len(pv.proposal.edits))
            self.remember(entry, words)
            self.changed(entry, words)

        self.push_screen(ReplanScreen(pv, self.ws, lang=self.lang), done)

    def action_what_if(self) -> None:
        """The what-if mode: shift national milestones, see the affected plans live."""
        self.push_screen(WhatIfScreen(self.ws, lang=self.lang))


def make_app(
    path: Path | str = "plans",
    *,
    lang: str = "ja",
    national: Path | None = None,
    as_of: int | None = None,
    cursor_blink: bool = True,
    read_only: bool = False,
) -> PlansApp:
    """The app on a folder of plans (raises NationalError / PlanPathError)."""
    ws = Workspace.load([Path(path)], national=national, as_of=as_of, eager_max=EAGER_MAX)
    return PlansApp(ws, lang=lang, cursor_blink=cursor_blink, read_only=read_only, progress_from=[Path(path)])
