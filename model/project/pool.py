"""Checking many plan files on every core: a process pool over chunks of files.

Used by ``model.project.lint`` (``plans lint`` and the app's background load) above
``PARALLEL_THRESHOLD`` files still to check. Each worker gets the work once — the national
timeline, the evaluation month, the enabled rules, the cache and every file's bytes — and
then checks chunks of file indices, returning each file's :class:`FileResult` (plans are not
sent back: unpickling one costs as much as parsing it). Results come back in the order of
the indices given, so a pooled run gives exactly the serial result.

A single-threaded process forks its workers (they inherit the work for free). A process
with other threads running (the app: its screen and its load thread) must not fork them;
it starts them from a fork server (a fresh interpreter that imports this module), and the
work is sent to each worker once when it starts.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

PARALLEL_THRESHOLD = 200  # files to check below which a process pool costs more than it saves

Work = dict[str, Any]
"""``nat``, ``when``, ``enabled``, ``items`` (raw bytes, file, E009, cache key per file),
``cache`` (a :class:`model.project.cache.Cache` or None) and ``check`` (the function that
checks one file: ``model.project.lint.lint_file``)."""

# The work of this worker process: inherited through fork (set just before the pool starts,
# cleared after), or set by ``_start`` in a worker of the fork server.
_WORK: Work = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parallel(n: int, jobs: int | None) -> bool:
    """Use a pool for ``n`` files to check? ``jobs``: 1 = serial, more = that many workers,
    None = one per core from ``PARALLEL_THRESHOLD`` files on."""
    if jobs is not None:
        return jobs > 1 and n > 1
    return n >= PARALLEL_THRESHOLD and cores() > 1


def jobs_from_env(jobs: int | None) -> int | None:
    """``jobs``, else ``$PLANS_LINT_JOBS`` when it is a number."""
    if jobs is None and os.environ.get("PLANS_LINT_JOBS", "").strip().isdigit():
        return max(1, int(os.environ["PLANS_LINT_JOBS"]))
    return jobs


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while plans are loaded and checked.

    A nationwide run allocates millions of small acyclic records (dates, places, nodes);
    every few hundred allocations the collector walked all live ones again — about a tenth of
    the run. Plain reference counting frees them as before; the collector is switched back
    on (when it was on) at the end and collects any cycle then."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def chunks(todo: list[int], n_jobs: int) -> list[list[int]]:
    """``todo`` in small chunks (about 1/16 of a worker's share each) so that the workers
    finish together: with 4 per worker the last chunk left one core idle for up to 1/8 of
    the run."""
    size = max(1, -(-len(todo) // max(n_jobs * 16, 1)))
    return [todo[i : i + size] for i in range(0, len(todo), size)]


@contextlib.contextmanager
def open_pool(work: Work, n_jobs: int) -> Iterator[Any]:
    """A pool of ``n_jobs`` workers holding ``work``, whose ``imap(check_chunk, chunks)``
    gives each chunk's FileResults; None when no pool can be started here (then check
    serially)."""
    import multiprocessing as mp

    if threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        _WORK.update(work)
        try:
            with mp.get_context("fork").Pool(n_jobs) as pool:
                yield pool
        finally:
            _WORK.clear()
        return
    if "forkserver" not in mp.get_all_start_methods():  # pragma: no cover - not POSIX
        yield None
        return
    try:
        pool = _server_context().Pool(n_jobs, initializer=_start, initargs=(work,))
    except (OSError, ValueError):  # the fork server cannot start here (see start_server)
        yield None
        return
    with pool:
        yield pool


def start_server() -> None:
    """Start the fork server now, from a process whose standard error is still a file: a
    pool opened later in a thread of the app (whose stderr is captured, without a file
    descriptor) could not start it. Call it where a pool may be wanted later."""
    import multiprocessing as mp
    from multiprocessing import forkserver

    if "forkserver" in mp.get_all_start_methods():
        _server_context()
        forkserver.ensure_running()


def _server_context() -> Any:
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["model.project.lint"])  # workers start with the checker imported
    return ctx


def _start(work: Work) -> None:
    _WORK.update(work)


def check_chunk(indices: list[int]) -> list[Any]:
    with gc_paused():
        check: Callable[..., tuple[Any, Any]] = _WORK["check"]
        store = _WORK["cache"]
        nat, when, enabled, items = _WORK["nat"], _WORK["when"], _WORK["enabled"], _WORK["items"]
        out = []
        for i in indices:
            raw, file, error, key = items[i]
            rec, _ = check(raw, file, nat, when, enabled, error)
            if store is not None and key is not None:
                store.put(key, rec)
            out.append(rec)
        return out


__all__ = [
    "PARALLEL_THRESHOLD",
    "check_chunk",
    "chunks",
    "cores",
    "gc_paused",
    "jobs_from_env",
    "open_pool",
    "parallel",
    "start_server",
]
