"""``plans lint`` as a function: the loader's files (``model.project.loader``: discovery,
E009, E006, evaluation month), each checked, with its suppressions applied.

Pure: returns values (findings and load problems); the command line prints them.

At scale (a nationwide tree of 1,741 plans) ``lint_paths`` can use a per-file result cache
(``model.project.cache``) and both cores: above ``PARALLEL_THRESHOLD`` files still to check, a
process pool (fork) checks them in chunks; results are merged in file order, so they are
identical to a serial run. ``LintResult.plans`` is then filled only when it is first read
(the command line never reads it), by loading the plans again.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from model.checks.engine import lint_plan
from model.checks.finding import Finding
from model.core.dates import Month
from model.core.errors import Problem, duplicate_municipality
from model.core.national import National
from model.core.plan import Plan
from model.core.plan_reader import parse_plan_bytes
from model.core.severity import Severity, counts, worst
from model.project.cache import Cache, FileResult, default_dir, disabled_by_env, options_salt
from model.project.loader import Owners, PlanFile, evaluation_month, open_national, plan_files, read

PARALLEL_THRESHOLD = 200  # files to check below which a process pool costs more than it saves


class LintResult:
    """What ``lint_paths`` found. ``plans`` (the loaded plans, duplicates dropped) is
    computed on first access when the run used the cache or worker processes."""

    __slots__ = ("_by_municipality", "_plan_loader", "_plans", "as_of", "files", "findings", "national", "problems", "sources")

    def __init__(
        self,
        national: National,
        plans: list[Plan] | None = None,
        findings: list[Finding] | None = None,
        problems: list[Problem] | None = None,
        sources: dict[str, list[str]] | None = None,
        files: int = 0,
        as_of: Month | None = None,
        *,
        plan_loader: Callable[[], list[Plan]] | None = None,
    ) -> None:
        self.national = national
        self._plans = plans if plans is not None or plan_loader is not None else []
        self._plan_loader = plan_loader
        self.findings: list[Finding] = findings if findings is not None else []
        self.problems: list[Problem] = problems if problems is not None else []
        self.sources: dict[str, list[str]] = sources if sources is not None else {}
        self.files = files
        self.as_of = as_of
        self._by_municipality: dict[str, list[Finding]] | None = None

    @property
    def plans(self) -> list[Plan]:
        if self._plans is None:
            assert self._plan_loader is not None
            self._plans = self._plan_loader()
            self._plan_loader = None
        return self._plans

    @plans.setter
    def plans(self, value: list[Plan]) -> None:
        self._plans = value
        self._plan_loader = None

    def __repr__(self) -> str:
        return f"LintResult(files={self.files}, findings={len(self.findings)}, problems={len(self.problems)}, as_of={self.as_of})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LintResult):
            return NotImplemented
        return (self.national, self.plans, self.findings, self.problems, self.sources, self.files, self.as_of) == (
            other.national,
            other.plans,
            other.findings,
            other.problems,
            other.sources,
            other.files,
            other.as_of,
        )

    __hash__ = None  # type: ignore[assignment]

    def worst(self) -> Severity | None:
        return worst(f.severity for f in self.findings)

    def counts(self) -> dict[Severity, int]:
        return counts(f.severity for f in self.findings)

    def findings_of(self, plan: Plan) -> list[Finding]:
        """One plan's findings (in the order ``lint_plan`` gives them)."""
        if self._by_municipality is None:
            self._by_municipality = {}
            for f in self.findings:
                self._by_municipality.setdefault(f.municipality, []).append(f)
        return self._by_municipality.get(plan.municipality, [])


def lint_paths(
    paths: list[Path],
    *,
    national: Path | None = None,
    as_of: Month | None = None,
    enabled: set[str] | None = None,
    cache: bool | Path | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint plan files (loaded by ``model.project.loader``); raises NationalError if the
    timeline cannot be loaded and PlanPathError for a path that does not exist.

    ``cache``: None/False = no cache (the default for callers of this function), True = the
    default folder (``$PLANS_CACHE_DIR`` or ``.plans-cache`` beside the plans), or a folder;
    ``PLANS_NO_CACHE=1`` turns it off whatever is passed. ``jobs``: worker processes (None =
    one per core when at least ``PARALLEL_THRESHOLD`` files need checking, or
    ``$PLANS_LINT_JOBS``; 1 = serial).
    The result is the same whichever is used.
    """
    nat = open_national(paths, national)
    files = plan_files(paths)
    when = evaluation_month(nat, as_of)
    return lint_files(files, nat, when, enabled, cache=_cache_folder(paths, cache), jobs=jobs)


def lint_files(
    files: list[PlanFile],
    nat: National,
    when: Month,
    enabled: set[str] | None = None,
    *,
    cache: Path | None = None,
    jobs: int | None = None,
    on_file: Callable[[], None] | None = None,
) -> LintResult:
    """``lint_paths`` of files the loader found: ``cache`` is the cache folder (None: no
    cache); ``on_file`` is called once per file as its result comes in (a progress bar)."""
    if jobs is None and os.environ.get("PLANS_LINT_JOBS", "").strip().isdigit():
        jobs = max(1, int(os.environ["PLANS_LINT_JOBS"]))
    with _gc_paused():
        return _lint_files(files, nat, when, enabled, cache, jobs, on_file or _nothing)


def _nothing() -> None:
    pass


def _cache_folder(paths: list[Path], cache: bool | Path | None) -> Path | None:
    if cache is None or cache is False or disabled_by_env():
        return None
    if cache is True:
        return default_dir(paths)
    return Path(cache)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _parallel(n: int, jobs: int | None) -> bool:
    if jobs is not None:
        return jobs > 1 and n > 1
    return n >= PARALLEL_THRESHOLD and _cores() > 1


def lint_file(raw: bytes | None, file: str, nat: National, when: Month, enabled: set[str] | None, error: Problem | None = None) -> tuple[FileResult, Plan | None]:
    """Load and check one file's bytes: its record (for the cache) and its plan."""
    if raw is None:
        return FileResult(file, False, None, None, [error] if error else [], []), None
    res = parse_plan_bytes(raw, file, nat)
    rec = FileResult(file, res.source is not None, None, None, list(res.problems), [])
    if res.plan is not None:
        rec.municipality = res.plan.municipality
        rec.place = res.plan.place
        rec.findings = lint_plan(res.plan, nat, when, enabled)
    return rec, res.plan


# State handed to forked workers (copied by fork, never pickled): set just before the pool
# starts, cleared after.
_WORK: dict[str, object] = {}


def _work_chunk(indices: list[int]) -> list[FileResult]:
    with _gc_paused():
        return _work_chunk_gc_paused(indices)


def _work_chunk_gc_paused(indices: list[int]) -> list[FileResult]:
    nat = _WORK["nat"]
    when = _WORK["when"]
    enabled = _WORK["enabled"]
    items = _WORK["items"]
    store = _WORK["cache"]
    assert isinstance(nat, National) and isinstance(when, int) and isinstance(items, list)
    out = []
    for i in indices:
        raw, file, error, key = items[i]
        rec, _ = lint_file(raw, file, nat, when, enabled, error)  # type: ignore[arg-type]
        if isinstance(store, Cache) and key is not None:
            store.put(key, rec)
        out.append(rec)
    return out


def _run_pool(todo: list[int], n_jobs: int, on_file: Callable[[], None]) -> list[FileResult] | None:
    """Check ``_WORK['items'][i]`` for i in ``todo`` in forked workers; None if forking is
    not possible here (no fork, or threads running: forking them is unsafe)."""
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        return None
    # small chunks (about 1/16 of a worker's share each) so that both workers finish
    # together: with 4 per worker the last chunk left one core idle for up to 1/8 of the run
    chunks = max(n_jobs * 16, 1)
    size = max(1, -(-len(todo) // chunks))
    parts = [todo[i : i + size] for i in range(0, len(todo), size)]
    ctx = mp.get_context("fork")
    with ctx.Pool(n_jobs) as pool:
        out: list[FileResult] = []
        for part in pool.imap(_work_chunk, parts):
            out.extend(part)
            for _ in part:
                on_file()
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
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


def _lint_files(files: list[PlanFile], nat: National, when: Month, enabled: set[str] | None, folder: Path | None, jobs: int | None, on_file: Callable[[], None]) -> LintResult:
    store = Cache(folder, options_salt(nat.digest, when, enabled)) if folder is not None else None
    n = len(files)
    records: list[FileResult | None] = [None] * n
    plans_of: list[Plan | None] = [None] * n
    items: list[tuple[bytes | None, str, Problem | None, str | None]] = []
    for i, (path, file) in enumerate(files):
        raw, error = read(path, file)
        key = store.key(file, raw) if store is not None and raw is not None else None
        items.append((raw, file, error, key))
        if key is not None and store is not None:
            records[i] = store.get(key, file)
            if records[i] is not None:
                on_file()
    todo = [i for i in range(n) if records[i] is None]
    n_jobs = jobs if jobs is not None else _cores()
    done: list[FileResult] | None = None
    if _parallel(len(todo), jobs) and n_jobs > 1:
        _WORK.update(nat=nat, when=when, enabled=enabled, items=items, cache=store)
        try:
            done = _run_pool(todo, min(n_jobs, len(todo)), on_file)
        finally:
            _WORK.clear()
    if done is not None:
        for i, rec in zip(todo, done, strict=True):
            records[i] = rec
    else:
        for i in todo:
            raw, file, error, key = items[i]
            rec, plans_of[i] = lint_file(raw, file, nat, when, enabled, error)
            if store is not None and key is not None:
                store.put(key, rec)
            records[i] = rec
            on_file()

    problems: list[Problem] = []
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    owners = Owners()
    kept: list[int] = []
    for i, rec in enumerate(records):
        assert rec is not None
        raw = items[i][0]
        if rec.decoded and raw is not None:
            sources[rec.file] = _text(raw).splitlines()
        problems.extend(rec.problems)
        if rec.municipality is None or rec.place is None:
            continue
        owner = owners.claim(rec.municipality, i, rec.file).owner
        if owner is not None:
            problems.append(duplicate_municipality(rec.municipality, rec.place, owner))
            continue
        kept.append(i)
        findings.extend(rec.findings)
    findings.sort(key=Finding.sort_key)

    def load_kept() -> list[Plan]:
        out = []
        for i in kept:
            plan = plans_of[i]
            if plan is None:
                raw, file, _, _ = items[i]
                assert raw is not None
                plan = parse_plan_bytes(raw, file, nat).plan
                assert plan is not None
            out.append(plan)
        return out

    if all(plans_of[i] is not None for i in kept):
        return LintResult(nat, load_kept(), findings, problems, sources, n, when)
    return LintResult(nat, None, findings, problems, sources, n, when, plan_loader=load_kept)


def _text(raw: bytes) -> str:
    """The source text as ``model.core.reader.decode`` gives it (BOM dropped)."""
    return (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")


__all__ = ["PARALLEL_THRESHOLD", "LintResult", "lint_file", "lint_files", "lint_paths", "lint_plan"]
