"""The progress view of the selected municipality (``g`` in the Plan tab, in place of its
Gantt, phases and findings): the month shown and the municipality's total rates, the grid of
its systems × the 40 steps (:class:`ProgressGrid`), the selected cell in words (step number,
name, phase, status, the system's rates; the cell under the mouse while it is over one) and
the glyphs' legend. ``[`` / ``]`` step through the snapshots' months (the latest first).

The figures are ``plans progress``'s (``tui/app/progress_data.py``); until the background
read has them the view says it is loading, and with no snapshot it says where to put one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from model.core.dates import Month
from model.core.printable import printable
from model.progress.snapshot import iso_month
from model.progress.status import STATUSES
from model.project.session import Entry
from tui.app.i18n import t
from tui.app.progress_data import MunicipalityProgress, ProgressState, Rates, hand_key, percent
from tui.app.tcss import beside
from tui.app.widgets.progress_grid import ProgressGrid
from tui.app.widgets.progress_grid_lines import GLYPHS, PART, Grid, GridRow

if TYPE_CHECKING:
    from model.core.national import National


def rates_words(rates: Rates, lang: str) -> str:
    """完了率 65.4% · 作業中 2.9% · 未着手 31.7%."""
    return t(
        "progress.rates",
        lang,
        done=percent(rates.done),
        in_progress=percent(rates.in_progress),
        not_started=percent(rates.not_started),
    )


class ProgressView(Vertical):
    DEFAULT_CSS = beside(__file__)
    SCOPED_CSS = False  # its rules follow the screen's breakpoint classes

    def __init__(self, nat: National, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__(id=id)
        self.nat = nat
        self.lang = lang
        self.entry: Entry | None = None
        self.state = ProgressState()
        self.month: Month | None = None  # None: the latest
        self.shown: MunicipalityProgress | None = None
        self.hovered: tuple[str, int] | None = None
        self._drawn: tuple[object, ...] | None = None  # what the view shows: state, month, plan

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-head")
        yield ProgressGrid(id="progress-grid")
        yield Static("", id="progress-detail")
        yield Static("", id="progress-legend")

    @property
    def grid(self) -> ProgressGrid:
        return self.query_one(ProgressGrid)

    @property
    def month_shown(self) -> Month | None:
        """The month on screen: the one chosen, else the latest."""
        months = self.state.months
        if not months:
            return None
        return self.month if self.month in months else months[-1]

    # -- data ------------------------------------------------------------------------------
    def show(self, entry: Entry | None, state: ProgressState) -> None:
        """Show ``entry``'s progress as ``state`` has it (after a selection, an edit, or
        when the background read brings more)."""
        self.entry = entry
        self.state = state
        month = self.month_shown
        plan = entry.plan if entry is not None else None
        key = (
            id(state),
            state.version,
            month,
            entry.doc.file if entry else None,
            plan and plan.code,
            plan and plan.municipality,
            hand_key(plan),
        )
        if key == self._drawn:  # an edit of a phase: the same figures, nothing to draw again
            return
        self._drawn = key
        self.shown = state.municipality(plan, month, self.nat) if plan is not None and month is not None else None
        self.grid.show(self._grid(self.shown) if self.shown is not None else None)
        self.query_one("#progress-head", Static).update(self._head())
        self.query_one("#progress-legend", Static).update(self._legend())
        self._detail()

    def step_month(self, step: int) -> Month | None:
        """The month before (-1) or after (+1) the one shown; None at either end."""
        months = self.state.months
        month = self.month_shown
        if month is None:
            return None
        i = months.index(month) + step
        if not 0 <= i < len(months):
            return None
        self.month = months[i]
        return self.month

    def _grid(self, mp: MunicipalityProgress) -> Grid:
        lang = self.lang
        rows = tuple(
            GridRow(b.id, b.name(lang), mp.statuses.get(b.id), mp.rates.get(b.id)) for b in self.nat.businesses.values()
        )
        headers = (
            t("progress.business", lang),
            t("progress.done", lang),
            t("progress.in_progress", lang),
            t("progress.not_started", lang),
        )
        phases = {p.id: p.name(lang) for p in self.nat.phases}
        return Grid(self.nat.steps, phases, rows, headers, t("progress.no_report.row", lang))

    # -- words -----------------------------------------------------------------------------
    def _head(self) -> Text:
        lang, state = self.lang, self.state
        name = printable(self.entry.name) if self.entry is not None else ""
        if not state.months:
            return Text(t("progress.none", lang) if state.done else t("progress.loading", lang))
        month = self.month_shown
        assert month is not None
        months = state.months
        where = t("progress.month", lang, month=iso_month(month), i=months.index(month) + 1, n=len(months))
        head = Text.assemble((where, "bold"), "  ")
        problem = next(
            (state.problems[m] for m in months[: months.index(month) + 1][::-1] if m in state.problems), None
        )
        if month in state.problems or (self.shown is None and problem is not None):  # (a month by hand lies over it)
            head.append(problem.text(lang) if problem is not None else "", style="red")
        elif self.shown is None:
            head.append(t("progress.loading.month", lang), style="dim")
        elif self.shown.total is None:
            head.append(t("progress.no_report", lang, m=name, month=iso_month(month)), style="dim")
        else:
            total = self.shown.total
            head.append(t("progress.total", lang, n=total.systems) + " " + rates_words(total, lang))
        return head

    def _detail(self) -> None:
        box = self.query_one("#progress-detail", Static)
        at = self.hovered or self.grid.current
        mp = self.shown
        if at is None or mp is None or mp.total is None:
            box.update("")
            return
        business, number = at
        lang = self.lang
        step = next(s for s in self.nat.steps if s.number == number)
        statuses = mp.statuses.get(business)
        status = statuses.get(number) if statuses is not None else None
        said = Text.assemble(
            (self.nat.business_name(business, lang), "bold"),
            "  ",
            t("progress.step", lang, n=number, name=step.name(lang)),
            " — ",
            self.nat.phase_name(step.phase, lang),
            " — ",
        )
        if status is None:
            said.append(t("progress.no_report.row", lang), style="dim")
        else:
            said.append(f"{GLYPHS[status]} {status.label(lang)}", style="bold")
        rates = mp.rates.get(business)
        if rates is not None:
            said.append("\n" + rates_words(rates, lang))
        box.update(said)

    def _legend(self) -> Text:
        """Each glyph in its grid colour (the theme's) and its status."""
        grid = self.grid
        parts = [
            Text.assemble((f" {GLYPHS[s]} ", grid.part_style(PART[s])), f" {s.label(self.lang)}") for s in STATUSES
        ]
        return Text("  ").join(parts)

    # -- messages --------------------------------------------------------------------------
    @on(ProgressGrid.CellHighlighted)
    def _moved(self, event: ProgressGrid.CellHighlighted) -> None:
        event.stop()
        self.hovered = None
        self._detail()

    @on(ProgressGrid.CellHovered)
    def _hovered(self, event: ProgressGrid.CellHovered) -> None:
        event.stop()
        self.hovered = (event.business, event.step) if event.business is not None and event.step is not None else None
        self._detail()


__all__ = ["ProgressView", "rates_words"]
