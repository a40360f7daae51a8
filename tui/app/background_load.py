"""The background load of a large folder (above ``EAGER_MAX`` plans): the app paints the
list from file names first, then a worker thread reads and checks each plan, the rows on
screen first, and hands the results to the screen in batches, where they are admitted.

The screen's thread may read a plan itself meanwhile (the one the user selects): the worker
skips a plan that is loaded when its turn comes."""

from __future__ import annotations

import gc
import sys
import time
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from model.checks.finding import Finding
from model.project.document import PlanDocument
from model.project.session import Entry

if TYPE_CHECKING:
    from tui.app.app import PlansApp

EAGER_MAX = 200
"""Up to this many plans the app reads and checks them all before its first paint (as
``plans lint`` would); above, it paints the list first and loads the plans in a worker thread."""


def settle_memory() -> None:
    """Move what the load made (at nationwide scale half a million objects) out of the cyclic
    garbage collector's way (``gc.freeze``, after one collection): they live as long as the
    app, and a full collection over them, which an edit's allocations set off, cost the edit
    30-50 ms CPU. Objects made later are collected as usual."""
    gc.collect()
    gc.freeze()


BATCH_SECONDS = 0.25  # the background load hands results to the screen at most this often
SWITCH_INTERVAL = 0.0005  # seconds: the interpreter's thread switch interval while loading

Batch = list[tuple[Entry, PlanDocument, list[Finding]]]


class BackgroundLoad:
    """Loads the plans the workspace has not read yet, for one app."""

    def __init__(self, app: PlansApp) -> None:
        self.app = app

    def start(self) -> None:
        """Show the count so far and start the worker (after the first frame)."""
        app = self.app
        munis = app.main.munis
        order = [e for e in munis.shown if not e.loaded]  # the list's order: the rows on screen first
        munis.loaded_some([], len(app.ws.entries) - len(order), len(app.ws.entries))
        app.call_after_refresh(self._start_worker, order)

    def _start_worker(self, order: list[Entry]) -> None:
        self.app.run_worker(partial(self._run, order), thread=True, exclusive=True, group="load", exit_on_error=True)

    def _run(self, order: list[Entry]) -> None:
        # a thread busy parsing keeps the GIL for the interpreter's switch interval (5 ms) each
        # time the screen's thread lets go of it; a shorter interval keeps keys and frames prompt
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, SWITCH_INTERVAL))
        try:
            self._read(order)
        finally:
            sys.setswitchinterval(switch)

    def _read(self, order: list[Entry]) -> None:
        """In the worker thread: read and check each plan; one ``call_from_thread`` per
        ``BATCH_SECONDS``."""
        worker = get_current_worker()
        ws = self.app.ws
        batch: Batch = []
        last = time.monotonic()
        for got in ws.read_many([e for e in order if not e.loaded]):  # lint's cache and pool
            if worker.is_cancelled:
                return
            batch += got  # one the screen loaded meanwhile (it was selected) is not admitted again
            if time.monotonic() - last >= BATCH_SECONDS and not worker.is_cancelled:
                self.app.call_from_thread(self.admit, batch)
                batch = []
                last = time.monotonic()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.admit, batch)

    def admit(self, batch: Batch) -> None:
        """On the screen's thread: take a batch into the workspace and redraw what it changed."""
        app = self.app
        ws = app.ws
        admitted = [e for entry, doc, findings in batch for e in ws.admit(entry, doc, findings)]
        total = len(ws.entries)
        left = len(ws.pending)
        app.main.munis.loaded_some(admitted, total - left, total)
        if any(e is app.main.entry for e in admitted):
            app.main.refresh_plan()
        if not left:
            app.mark_views_stale()
            app.progress.plans_loaded()  # their [progress] tables: the progress read may go on
            settle_memory()
