"""The background read of the progress snapshots (``plans/progress/*.csv|parquet``): the first
frame never waits for them. After it, a worker thread reads the latest stored snapshot (while
the plans may still be loading), then, once every plan is in (their ``[progress]`` tables are
overlaid), rolls the latest month up and hands it to the screen: the list's 完了率, the
overview's rates, the progress view. Then it reads the other months, newest first (a month
the progress view asks for first), for the month selector and the Stats chart.

An edit re-reads nothing: only a plan whose own ``[progress]`` changed (a reload from disk)
is rolled up again, its systems alone, on the screen's thread; the totals of the months it
touched follow in the background. A change of the set of months reads everything again."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.importing.sheets import ImportFailure
from model.importing.snapshot_import import read_snapshot
from model.progress.loading import SnapshotSource
from model.progress.snapshot import Snapshot
from tui.app.progress_data import (
    Latest,
    MonthSystems,
    MonthTotals,
    NotRead,
    Problem,
    ProgressState,
    hand_key,
    rates_of,
)

if TYPE_CHECKING:
    from tui.app.app import PlansApp

WAIT_SECONDS = 0.1  # how often the worker looks whether it was cancelled while the plans load


@dataclass(frozen=True, slots=True)
class MonthRead:
    """One month as read in the worker: its systems, totals and (the latest) its municipalities."""

    systems: MonthSystems
    totals: MonthTotals
    latest: Latest | None = None


def problem_of(e: ImportFailure) -> Problem:
    """A snapshot's read refused: its first problem, at its cell, and the count."""
    if not e.cell_problems:
        return Problem("", "E009", Words(str(e), str(e)))
    first = e.cell_problems[0]
    return Problem(first.where, first.code, first.words, len(e.cell_problems))


def read_month(
    source: SnapshotSource,
    month: Month,
    plans: list[Plan],
    nat: National,
    *,
    latest: bool,
    read_already: dict[Month, Snapshot] | None = None,
) -> MonthRead | Problem:
    """A month's snapshot as ``plans progress`` reads it (``read_already``: stored files read
    before, by month: the one a month by hand only is laid over is not read twice), kept as
    :class:`MonthSystems` and rolled up."""
    stored: list[Snapshot] = []
    cache = read_already if read_already is not None else {}

    def read(path: Path, nat: National, m: Month) -> Snapshot:
        snap = cache.get(m) or read_snapshot(path, nat, m)
        cache[m] = snap
        if m == month:
            stored.append(snap)
        return snap

    try:
        snap = source.at(month, plans, nat, read)
    except ImportFailure as e:
        return problem_of(e)
    cache.pop(month, None)  # kept as MonthSystems: a fifth of the memory
    systems = MonthSystems.of(month, stored[0] if stored else None)
    totals = MonthTotals.of(month, snap, nat)
    return MonthRead(systems, totals, Latest.of(snap, nat) if latest and snap is not None else None)


class ProgressLoad:
    """Reads and keeps the progress of one app (``state``, on the screen's thread)."""

    def __init__(self, app: PlansApp, paths: list[Path]) -> None:
        self.app = app
        self.paths = paths
        self.state = ProgressState()
        self._plans: list[Plan] = []
        self._ready = threading.Event()
        self._wanted: list[Month] = []  # months the progress view asked for (read first)

    @property
    def nat(self) -> National:
        return self.app.ws.nat

    # -- on the screen's thread -------------------------------------------------------------
    def start(self) -> None:
        """Start (or start again) the worker; it waits for :meth:`plans_loaded`."""
        if not self.paths or not self.nat.steps:  # a timeline without [[step]]: no progress
            self.state.done = True
            self.app.progress_changed()
            return
        self.state.done = False  # read again: what is shown stays until the new figures come
        self.app.run_worker(self._run, thread=True, exclusive=True, group="progress", exit_on_error=True)

    def plans_loaded(self) -> None:
        """Every plan is in: the worker may overlay their ``[progress]`` tables."""
        self._plans = list(self.app.ws.plans)
        self._ready.set()

    def want(self, month: Month) -> None:
        """The progress view shows ``month``: read it before the others."""
        if month not in self.state.systems and month not in self._wanted:
            self._wanted.append(month)

    def plan_changed(self, plan: Plan | None, file: str) -> bool:
        """After an edit: if the plan's own ``[progress]`` changed, roll up its systems again
        (the list's and the view's figures at once, the totals in the background). False
        when its ``[progress]`` is as before (nearly every edit)."""
        state = self.state
        if file not in state.hand or hand_key(plan) == state.hand[file]:
            return False
        changed = {m for m, *_ in state.hand[file]} | {h.month for h in plan.progress if plan is not None}
        state.hand[file] = hand_key(plan)
        state.version += 1
        self._plans = list(self.app.ws.plans)
        if state.source is None or not state.done or state.source.with_plans(self._plans).months != state.months:
            self.start()  # other months, or some not read yet: read them all again
            return True
        state.source = state.source.with_plans(self._plans)
        touched = [m for m in state.months if m >= min(changed)]  # a month by hand only lies over the one before
        latest = state.latest_month
        if plan is not None and latest in touched and state.latest is not None:
            try:
                sub = state.at(latest, [plan], self.nat, plan)
            except NotRead:
                sub = None
            rows = rates_of(sub, "municipality", self.nat) if sub is not None else []
            state.latest = state.latest.with_plan(plan, rows[0][1] if len(rows) == 1 else None)
        self.app.run_worker(lambda: self._totals(touched, list(self._plans)), thread=True, group="progress-totals")
        return True

    def _admit(self, months: tuple[Month, ...], got: MonthRead | Problem | None, month: Month | None) -> None:
        state = self.state
        state.months = months
        state.version += 1
        if isinstance(got, Problem) and month is not None:
            state.problems[month] = got
        elif isinstance(got, MonthRead):
            state.systems[got.systems.month] = got.systems
            state.totals[got.totals.month] = got.totals
            if got.latest is not None:
                state.latest = got.latest
        self.app.progress_changed()

    def _admit_first(self, source: SnapshotSource, plans: list[Plan], got: MonthRead | Problem | None) -> None:
        self.state = ProgressState(source, hand={p.file: hand_key(p) for p in plans})
        months = source.months
        self._admit(months, got, months[-1] if months else None)
        if isinstance(got, Problem):
            self.app.notify(got.text(self.app.lang), severity="error", timeout=10)
        for e in self.app.ws.entries:  # edited while the worker read: their own [progress] again
            if e.plan is not None and e.doc.file in self.state.hand:
                self.plan_changed(e.plan, e.doc.file)

    def _finish(self) -> None:
        self.state.done = True
        self.state.version += 1
        self.app.progress_changed()

    # -- in the worker -------------------------------------------------------------------------
    def _run(self) -> None:
        worker = get_current_worker()
        nat = self.nat
        source = SnapshotSource.of(self.paths)
        read_already: dict[Month, Snapshot] = {}
        first = self._read_latest_stored(source, read_already)  # while the plans may still load
        while not self._ready.wait(WAIT_SECONDS):
            if worker.is_cancelled:
                return
        plans = self._plans
        source = source.with_plans(plans)
        months = source.months
        got: MonthRead | Problem | None = None
        if months and first is not None and months[-1] == max(source.stored):
            got = first  # the latest file cannot be read
        elif months:
            got = read_month(source, months[-1], plans, nat, latest=True, read_already=read_already)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._admit_first, source, plans, got)
        rest = list(reversed(months[:-1]))
        while rest and not worker.is_cancelled:
            wanted = [m for m in self._wanted if m in rest]
            month = wanted[0] if wanted else rest[0]
            rest.remove(month)
            got = read_month(source, month, plans, nat, latest=False, read_already=read_already)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._admit, months, got, month)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish)

    def _read_latest_stored(self, source: SnapshotSource, read_already: dict[Month, Snapshot]) -> Problem | None:
        """The newest stored file into ``read_already`` (it needs no plan); its problem if any."""
        month = max(source.stored, default=None)
        if month is None:
            return None
        try:
            read_already[month] = read_snapshot(source.stored[month], self.nat, month)
        except ImportFailure as e:
            return problem_of(e)
        return None

    def _totals(self, months: list[Month], plans: list[Plan]) -> None:
        """The totals (and the latest's report) of ``months`` again, with ``plans``' hand tables."""
        state = self.state
        for m in months:
            try:
                snap = state.at(m, plans, self.nat)
            except NotRead:
                continue
            systems = state.systems.get(m, MonthSystems(m, None))
            read = MonthRead(systems, MonthTotals.of(m, snap, self.nat))
            if m == state.latest_month and snap is not None:
                read = MonthRead(systems, read.totals, Latest.of(snap, self.nat))
            self.app.call_from_thread(self._admit, state.months, read, m)


__all__ = ["MonthRead", "ProgressLoad", "read_month"]
