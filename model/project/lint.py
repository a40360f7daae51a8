"""``plans lint`` as a function: find plan files, load them, check them, apply suppressions.

Pure: returns values (findings and load problems); the command line prints them.

At scale (a nationwide tree of 1,741 plans) ``lint_paths`` can use a per-file result cache
(``model.project.cache``) and both cores: above ``PARALLEL_THRESHOLD`` files still to check, a
process pool (fork) checks them in chunks; results are merged in file order, so they are
identical to a serial run. ``LintResult.plans`` is then filled only when it is first read
(the command line never reads it), by loading the plans again.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from model.checks.engine import Finding, check_plan
from model.checks.registry import SEVERITY_ORDER
from model.core.dates import Month, Truth, month_of
from model.core.errors import Place, Problem, display_path, duplicate_municipality, unreadable
from model.core.national import National, find_national, load_national
from model.core.plan import LoadResult, Plan, parse_plan_bytes, read_plan
from model.core.reader import read_capped
from model.core.words import Words
from model.project.cache import Cache, FileResult, default_dir, disabled_by_env, options_salt

NATIONAL_NAME = "national.toml"
PARALLEL_THRESHOLD = 200  # files to check below which a process pool costs more than it saves


class LintResult:
    """What ``lint_paths`` found. ``plans`` (the loaded plans, duplicates dropped) is
    computed on first access when the run used the cache or worker processes."""

    __slots__ = ("_plan_loader", "_plans", "as_of", "files", "findings", "national", "problems", "sources")

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

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out


def discover(paths: Iterable[Path]) -> list[Path]:
    """Plan files under the given paths (directories are searched for ``*.toml``), sorted,
    without the national timeline. A path that does not exist raises FileNotFoundError.
    Inside a folder, hidden names (``.x``, an interrupted save's ``.ube.toml.*.tmp``) and
    symlinks that lead outside the folder are skipped."""
    return [p for p, _ in _discover(paths)]


def _discover(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """``discover`` with each file's resolved path, resolved once (a ``resolve`` is a few
    ``lstat`` calls: on a nationwide tree it was the largest cost before the checking)."""
    out: list[tuple[Path, Path]] = []
    for p in paths:
        if p.is_dir():
            root = p.resolve()
            found = []
            for x in p.rglob("*.toml"):
                if x.name != NATIONAL_NAME and x.is_file() and not _hidden(x, p):
                    rx = x.resolve()
                    if rx.is_relative_to(root):
                        found.append((x, rx))
            found.sort(key=lambda t: t[0])
            out.extend(found)
        elif p.is_file():
            if p.name != NATIONAL_NAME:
                out.append((p, p.resolve()))
        else:
            raise FileNotFoundError(str(p))
    seen: set[Path] = set()
    uniq = []
    for p, rp in out:
        if rp not in seen:
            seen.add(rp)
            uniq.append((p, rp))
    return uniq


def _hidden(x: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in x.relative_to(root).parts)


def today_month() -> Month:
    t = _dt.date.today()
    return month_of(t.year, t.month)


def evaluation_month(nat: National, as_of: Month | None) -> Month:
    if as_of is not None:
        return as_of
    if nat.evaluation_date is not None:
        return nat.evaluation_date
    return today_month()


def apply_suppressions(plan: Plan, findings: list[Finding], enabled: set[str] | None) -> list[Finding]:
    """Drop findings that a [[ignore]] covers; report each unused suppression (PL013).

    Safe to call again on the same plan (the app re-checks plans in place)."""
    for s in plan.ignores:
        s.used = False
    kept: list[Finding] = []
    for f in findings:
        hit = next((s for s in plan.ignores if s.matches(f.code, f.phase, f.business)), None)
        if hit is not None:
            hit.used = True
            continue
        kept.append(f)
    for s in plan.ignores:
        if s.used or (enabled is not None and s.rule not in enabled):
            continue
        what = s.rule + (f" {s.phase}" if s.phase else "") + (f" ({s.business})" if s.business else "")
        kept.append(
            Finding(
                "PL013",
                "warning",
                True,
                s.place,
                plan.municipality,
                s.phase,
                s.business,
                Words(
                    f"抑制 {what} に当てはまる指摘がありません。この [[ignore]] を削除してください",
                    f"the suppression {what} matches no finding; delete this [[ignore]]",
                ),
            )
        )
    return kept


def lint_plan(plan: Plan, nat: National, as_of: Month, enabled: set[str] | None = None) -> list[Finding]:
    findings = check_plan(plan, nat, as_of)
    if enabled is not None:
        findings = [f for f in findings if f.code in enabled]
    findings = apply_suppressions(plan, findings, enabled)
    if enabled is not None:
        findings = [f for f in findings if f.code in enabled]
    return sorted(findings, key=Finding.sort_key)


def load_plans(files: list[Path], nat: National) -> tuple[list[Plan], list[Problem], dict[str, list[str]]]:
    plans: list[Plan] = []
    problems: list[Problem] = []
    sources: dict[str, list[str]] = {}
    by_name: dict[str, Plan] = {}
    for path in files:
        res: LoadResult = read_plan(path, nat)
        if res.source is not None:
            sources[display_path(path)] = res.source.splitlines()
        problems.extend(res.problems)
        if res.plan is None:
            continue
        plan = res.plan
        first = by_name.get(plan.municipality)
        if first is not None:
            problems.append(duplicate_municipality(plan.municipality, plan.place, first.file))
            continue
        by_name[plan.municipality] = plan
        plans.append(plan)
    return plans, problems, sources


def lint_paths(
    paths: list[Path],
    *,
    national: Path | None = None,
    as_of: Month | None = None,
    enabled: set[str] | None = None,
    cache: bool | Path | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint plan files; raises NationalError if the timeline cannot be loaded and
    FileNotFoundError for a path that does not exist.

    ``cache``: None/False = no cache (the default for callers of this function), True = the
    default folder (``$PLANS_CACHE_DIR`` or ``.plans-cache`` beside the plans), or a folder;
    ``PLANS_NO_CACHE=1`` turns it off whatever is passed. ``jobs``: worker processes (None =
    one per core when at least ``PARALLEL_THRESHOLD`` files need checking, or
    ``$PLANS_LINT_JOBS``; 1 = serial).
    The result is the same whichever is used.
    """
    nat = load_national(national or find_national(paths))
    found = _discover(paths)
    when = evaluation_month(nat, as_of)
    if jobs is None and os.environ.get("PLANS_LINT_JOBS", "").strip().isdigit():
        jobs = max(1, int(os.environ["PLANS_LINT_JOBS"]))
    return _lint_files([p for p, _ in found], nat, when, enabled, _cache_folder(paths, cache), jobs, [rp for _, rp in found])


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


def _read(path: Path, file: str) -> tuple[bytes | None, Problem | None]:
    try:
        return read_capped(path), None
    except OSError as e:
        return None, unreadable(Place(file, 0, 0), e.strerror)


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


def _run_pool(todo: list[int], n_jobs: int) -> list[FileResult] | None:
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


def _lint_files(
    files: list[Path], nat: National, when: Month, enabled: set[str] | None, folder: Path | None, jobs: int | None, resolved: list[Path] | None = None
) -> LintResult:
    with _gc_paused():
        return _lint_files_gc_paused(files, nat, when, enabled, folder, jobs, resolved)


def _lint_files_gc_paused(
    files: list[Path], nat: National, when: Month, enabled: set[str] | None, folder: Path | None, jobs: int | None, resolved: list[Path] | None
) -> LintResult:
    store = Cache(folder, options_salt(nat.digest, when, enabled)) if folder is not None else None
    n = len(files)
    records: list[FileResult | None] = [None] * n
    plans_of: list[Plan | None] = [None] * n
    items: list[tuple[bytes | None, str, Problem | None, str | None]] = []
    cwd = Path.cwd().resolve()
    for i, path in enumerate(files):
        file = _display(path, cwd, resolved[i] if resolved is not None else None)
        raw, error = _read(path, file)
        key = store.key(file, raw) if store is not None and raw is not None else None
        items.append((raw, file, error, key))
        if key is not None and store is not None:
            records[i] = store.get(key, file)
    todo = [i for i in range(n) if records[i] is None]
    n_jobs = jobs if jobs is not None else _cores()
    done: list[FileResult] | None = None
    if _parallel(len(todo), jobs) and n_jobs > 1:
        _WORK.update(nat=nat, when=when, enabled=enabled, items=items, cache=store)
        try:
            done = _run_pool(todo, min(n_jobs, len(todo)))
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

    problems: list[Problem] = []
    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    first_file: dict[str, str] = {}
    kept: list[int] = []
    for i, rec in enumerate(records):
        assert rec is not None
        raw = items[i][0]
        if rec.decoded and raw is not None:
            sources[rec.file] = _text(raw).splitlines()
        problems.extend(rec.problems)
        if rec.municipality is None or rec.place is None:
            continue
        if rec.municipality in first_file:
            problems.append(duplicate_municipality(rec.municipality, rec.place, first_file[rec.municipality]))
            continue
        first_file[rec.municipality] = rec.file
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
                _, plan = lint_file(raw, file, nat, when, enabled)  # marks used suppressions too
                assert plan is not None
            out.append(plan)
        return out

    if all(plans_of[i] is not None for i in kept):
        return LintResult(nat, load_kept(), findings, problems, sources, n, when)
    return LintResult(nat, None, findings, problems, sources, n, when, plan_loader=load_kept)


def _display(path: Path, cwd: Path, resolved: Path | None = None) -> str:
    """``display_path`` with the working directory resolved once for all files (and the
    file's resolved path from ``_discover`` when given)."""
    try:
        return str((resolved or path.resolve()).relative_to(cwd))
    except ValueError:
        return str(path)


def _text(raw: bytes) -> str:
    """The source text as ``model.core.reader.decode`` gives it (BOM dropped)."""
    return (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")


def exit_code(res: LintResult, *, strict: bool = False) -> int:
    if res.problems:
        return 2
    worst = res.worst()
    if worst == "error" or (strict and worst == "warning"):
        return 1
    return 0


__all__ = ["PARALLEL_THRESHOLD", "LintResult", "Place", "Truth", "discover", "exit_code", "lint_file", "lint_paths"]
