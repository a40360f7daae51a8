"""The Plan tab: the municipality list on the left; on the right the selected plan's title,
its Gantt chart against the national lanes, its phases and its findings, or (``g``) its
progress view: its systems × the 40 steps at a snapshot's month."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.lazy import Lazy
from textual.widgets import Input, Static

from model.project.session import Entry, Workspace
from model.render import gantt as gantt_layout
from tui.app.i18n import t
from tui.app.progress_data import ProgressState
from tui.app.tcss import beside
from tui.app.widgets.findings import FindingsList
from tui.app.widgets.gantt import GanttView
from tui.app.widgets.municipality_list import MunicipalityList
from tui.app.widgets.phase_table import PhaseTable
from tui.app.widgets.plan_title import PlanTitle
from tui.app.widgets.progress_view import ProgressView


class PlanTab(Horizontal):
    DEFAULT_CSS = beside(__file__)
    SCOPED_CSS = False  # its rules follow the screen's breakpoint classes
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit_selected", "Edit", show=False),
    ]

    def __init__(self, ws: Workspace, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__(id=id)
        self.ws = ws
        self.lang = lang
        self.entry: Entry | None = None
        self.selected: tuple[str, str | None] | None = None
        self.progress_state = ProgressState()

    def compose(self) -> ComposeResult:
        yield MunicipalityList(self.ws.entries, lang=self.lang, id="muni-list")
        with Vertical(id="plan-pane"):
            yield PlanTitle(lang=self.lang, id="plan-title")
            yield GanttView(lang=self.lang, id="gantt", fit=True)
            yield PhaseTable(lang=self.lang, id="phases")
            yield FindingsList(lang=self.lang, id="findings")
            yield Lazy(ProgressView(self.ws.nat, lang=self.lang, id="progress-view"))  # after the first frame
            yield Static(t("plan.none", self.lang), id="plan-none")

    def on_mount(self) -> None:
        first = self.query_one(MunicipalityList).current_name
        if first:
            self.show(first)

    # -- parts ------------------------------------------------------------------------
    @property
    def munis(self) -> MunicipalityList:
        return self.query_one(MunicipalityList)

    @property
    def phases(self) -> PhaseTable:
        return self.query_one(PhaseTable)

    @property
    def findings(self) -> FindingsList:
        return self.query_one(FindingsList)

    @property
    def gantt(self) -> GanttView:
        return self.query_one(GanttView)

    @property
    def progress_view(self) -> ProgressView:
        return self.query_one(ProgressView)

    @property
    def progress_shown(self) -> bool:
        """Whether the plan pane shows the progress view (else the Gantt, phases, findings)."""
        return self.has_class("-progress")

    def show_progress(self, on: bool) -> None:
        """The progress view in place of the Gantt, phases and findings (or back); the keys
        go to the grid (or back to the list)."""
        if on == self.progress_shown:
            return
        if not self.query(ProgressView):  # g pressed before the view is mounted (just after the first frame)
            self.call_after_refresh(self.show_progress, on)
            return
        focus_inside = self.screen.focused is not None and self.progress_view in self.screen.focused.ancestors
        self.set_class(on, "-progress")
        if on:
            self.progress_view.show(self.entry, self.progress_state)
            self.progress_view.grid.focus()
        elif focus_inside:
            self.munis.table.focus()

    def progress_changed(self, state: ProgressState) -> None:
        """The background read (or an edit of a plan's own [progress]) changed the figures."""
        self.progress_state = state
        self.munis.show_progress(state)
        if self.progress_shown:
            self.progress_view.show(self.entry, state)

    # -- showing ------------------------------------------------------------------------
    def show(self, name: str) -> None:
        entry = self.ws.by_name(name)
        if entry is None:
            return
        if not entry.loaded:  # a large folder still loading: read this one now, ahead of the rest
            for changed in self.ws.admit(entry, *self.ws.read(entry)):
                self.munis.refresh_entry(changed)
        if entry is not self.entry:
            self.selected = None
        self.entry = entry
        self.set_class(False, "-none")
        self.refresh_plan()

    def show_none(self) -> None:
        """No plan selected (the filter leaves none): the pane says so, and the actions on a
        plan (e, f, v, r, ctrl+z) find none to act on."""
        self.entry = None
        self.selected = None
        self.set_class(True, "-none")

    def refresh_plan(self) -> None:
        """Redraw the selected plan (after a selection, an edit, undo, redo or reload)."""
        entry = self.entry
        if entry is None:
            return
        slack = self.ws.slack(entry)
        self.query_one(PlanTitle).show(entry)
        self.phases.show(entry.plan, self.ws.nat, entry.findings, slack)
        problems = (
            [f"{p.place}: {p.code} {p.text(self.lang)}" for p in entry.doc.problems] if entry.plan is None else None
        )
        self.findings.show(entry.findings, problems)
        chart = (
            gantt_layout.build(entry.plan, self.ws.nat, entry.findings, as_of=self.ws.as_of, slack=slack)
            if entry.plan
            else None
        )
        self.gantt.show(chart)
        if self.progress_shown:
            self.progress_view.show(entry, self.progress_state)
        if self.selected is None:  # a plan just opened: the phase under the table's cursor
            self.selected = self.phases.current
        if self.selected:
            self.select_phase(*self.selected)

    def refresh_entry(self, entry: Entry) -> None:
        """After a re-check: the list's row, and the plan if it is the one shown."""
        self.munis.refresh_entry(entry)
        if entry is self.entry:
            self.refresh_plan()

    def select_phase(self, phase: str, business: str | None = None) -> None:
        self.selected = (phase, business)
        self.phases.select_phase(phase, business)
        self.gantt.select(phase, business)

    def open(self, name: str) -> None:
        """Show a municipality and put the list's cursor on it (clearing a filter that hides it)."""
        munis = self.munis
        if not munis.move_to(name):
            munis.query_text = ""
            munis.query_one("#filter", Input).value = ""
            munis.rebuild(keep=name)
        self.show(name)

    # -- messages -----------------------------------------------------------------------
    @on(MunicipalityList.Chosen)
    def _chosen(self, event: MunicipalityList.Chosen) -> None:
        if self.entry is None or event.name != self.entry.name:
            self.show(event.name)
        if event.opened:  # Enter on the list: on to its phases
            self.phases.focus()

    @on(MunicipalityList.NoneShown)
    def _none_shown(self, event: MunicipalityList.NoneShown) -> None:
        event.stop()
        self.show_none()

    @on(PhaseTable.Highlighted)
    def _phase_moved(self, event: PhaseTable.Highlighted) -> None:
        self.selected = (event.phase, event.business)
        self.gantt.select(event.phase, event.business)

    @on(FindingsList.Chosen)
    def _finding(self, event: FindingsList.Chosen) -> None:
        f = event.finding
        if f.phase:
            self.select_phase(f.phase, f.business)

    @on(GanttView.PhaseClicked)
    def _bar_clicked(self, event: GanttView.PhaseClicked) -> None:
        """A click on a bar selects its phase; a click on the selected one edits it."""
        target = (event.phase, event.business)
        if self.selected == target:
            self.post_message(PhaseTable.EditRequested(*target))
        else:
            self.select_phase(*target)

    @on(GanttView.PhaseHighlighted)
    def _bar_highlighted(self, event: GanttView.PhaseHighlighted) -> None:
        self.selected = (event.phase, event.business)
        self.phases.select_phase(event.phase, event.business)

    def action_edit_selected(self) -> None:
        if self.selected:
            self.post_message(PhaseTable.EditRequested(*self.selected))
