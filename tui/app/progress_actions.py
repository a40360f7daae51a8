"""The app's progress keys and the figures' way to the views: mixed into
:class:`tui.app.app.PlansApp` (its ``progress``, a :class:`tui.app.progress_load.ProgressLoad`,
``main``, ``lang`` and ``notify``).

``g`` shows the selected municipality's progress view in the plan pane (or the plan again),
``[`` / ``]`` its month before and after; the background read calls :meth:`progress_changed`
whenever it brings figures."""

from __future__ import annotations

from textual.widgets import TabbedContent

from tui.app.i18n import t
from tui.app.progress_data import ProgressState
from tui.app.widgets.stats_chart import StatsChart


class ProgressActions:
    """``g``, ``[`` and ``]``, and the progress figures' way to the list and the views."""

    def progress_state(self) -> ProgressState:
        return self.progress.state

    def progress_changed(self) -> None:
        """The progress read brought figures (or a plan's own [progress] changed): the list's
        column, the progress view, the overview's rates and the stats' chart follow."""
        self.main.progress_changed(self.progress.state)
        self.mark_views_stale()
        for chart in self.query(StatsChart):
            if chart.is_on_screen:
                chart.rebuild()

    def action_progress(self) -> None:
        """The progress view of the selected municipality in the plan pane (or back)."""
        shown = self.query_one(TabbedContent).active == "plan" and self.main.progress_shown
        self.action_show_tab("plan")
        self.main.show_progress(not shown)

    def action_progress_month(self, step: int) -> None:
        """The progress view's month before (-1) or after (+1)."""
        self.action_show_tab("plan")
        self.main.show_progress(True)
        view = self.main.progress_view
        month = view.step_month(step)
        if month is None:
            if self.progress.state.months:
                edge = t("progress.first", self.lang) if step < 0 else t("progress.last", self.lang)
                self.notify(edge, timeout=2)
            return
        self.progress.want(month)
        view.show(self.main.entry, self.progress.state)
