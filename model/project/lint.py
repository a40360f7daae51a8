"""``plans lint`` as a function: the loader's files (``model.project.loader``: discovery,
E009, E006, evaluation month), each checked, with its suppressions applied.

Pure: returns values (findings and load problems); the command line prints them.

At scale (a nationwide tree of 1,741 plans) ``lint_paths`` can use a per-file result cache
(``model.project.cache``) and every core: above ``PARALLEL_THRESHOLD`` files still to check, a
process pool (``model.project.pool``) checks them in chunks; results are merged in file order,
so they are identical to a serial run. ``LintResult.plans`` is then filled only when it is
first read (the command line never reads it), by parsing the plans again. :func:`check_files`
is the same per-file pass for a caller that wants each file's result as it comes (the app's
background load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from model.checks.engine import lint_plan
from model.checks.finding import Finding
from model.core.dates import Month
from model.core.errors import Problem
from model.core.national import National
from model.core.plan import Plan
from model.core.plan_reader import parse_plan_bytes
from model.core.severity import Severity, counts, worst
from model.project.cache import Cache, FileResult, default_dir, disabled_by_env, options_salt
from model.project.loader import (
    Owners,
    PlanFile,
    duplicate,
    evaluation_month,
    identity,
    open_national,
    plan_files,
    read,
)
from model.project.pool import (
    PARALLEL_THRESHOLD,
    check_chunk,
    chunks,
    cores,
    gc_paused,
    jobs_from_env,
    open_pool,
    parallel,
)


class LintResult:
    """What ``lint_paths`` found. ``plans`` (the loaded plans, duplicates dropped) is
    computed on first access when the run used the cache or worker processes."""

    __slots__ = (
        "_by_municipality",
        "_plan_loader",
        "_plans",
        "as_of",
        "files",
        "findings",
        "national",
        "problems",
        "sources",
    )

    def __init__(
        self,
        national: National,
        plans: list[Plan] | None = None,
        findings: list[Finding] | None = None,
        problems: list[Problem] | None = None,
        sources: Mapping[str, list[str]] | None = None,
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
        self.sources: Mapping[str, list[str]] = sources if sources is not None else {}
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
    return lint_files(files, nat, when, enabled, cache=cache_folder(paths, cache), jobs=jobs)


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
    with gc_paused():
        return _lint_files(files, nat, when, enabled, cache, jobs, on_file or _nothing)


def _nothing() -> None:
    pass


def cache_folder(paths: list[Path], cache: bool | Path | None) -> Path | None:
    if cache is None or cache is False or disabled_by_env():
        return None
    if cache is True:
        return default_dir(paths)
    return Path(cache)


def lint_file(
    raw: bytes | None, file: str, nat: National, when: Month, enabled: set[str] | None, error: Problem | None = None
) -> tuple[FileResult, Plan | None]:
    """Load and check one file's bytes: its record (for the cache) and its plan."""
    if raw is None:
        return FileResult(file, False, None, None, [error] if error else [], []), None
    res = parse_plan_bytes(raw, file, nat)
    rec = FileResult(file, res.source is not None, None, None, list(res.problems), [])
    if res.plan is not None:
        rec.municipality = res.plan.municipality
        rec.code = res.plan.code
        rec.place = res.plan.place
        rec.findings = lint_plan(res.plan, nat, when, enabled)
    return rec, res.plan


Item = tuple[bytes | None, str, Problem | None, str | None]
"""A file to check: its bytes (None when unreadable), display path, E009 and cache key."""


def check_files(
    files: list[PlanFile],
    nat: National,
    when: Month,
    enabled: set[str] | None = None,
    *,
    cache: Path | None = None,
    jobs: int | None = None,
) -> Iterator[list[tuple[int, bytes | None, FileResult, Plan | None]]]:
    """Each file's result, in batches as they come: ``(index, bytes, FileResult, plan)``;
    the plan only when it was checked in this process (not from the cache or a worker).
    Cache hits come first, then the rest in file order."""
    with gc_paused():
        store = Cache(cache, options_salt(nat.digest, when, enabled)) if cache is not None else None
        items: list[Item] = []
        hits = []
        for i, (path, file) in enumerate(files):
            raw, error = read(path, file)
            key = store.key(file, raw) if store is not None and raw is not None else None
            items.append((raw, file, error, key))
            if key is not None and store is not None and (rec := store.get(key, file)) is not None:
                hits.append((i, raw, rec, None))
        if hits:
            yield hits
        done = {i for i, *_ in hits}
        todo = [i for i in range(len(items)) if i not in done]
        jobs = jobs_from_env(jobs)
        n_jobs = min(jobs if jobs is not None else cores(), len(todo))
        if parallel(len(todo), jobs) and n_jobs > 1:
            work = {"nat": nat, "when": when, "enabled": enabled, "items": items, "cache": store, "check": lint_file}
            with open_pool(work, n_jobs) as pool:
                if pool is not None:
                    parts = chunks(todo, n_jobs)
                    for part, recs in zip(parts, pool.imap(check_chunk, parts), strict=True):
                        yield [(i, items[i][0], rec, None) for i, rec in zip(part, recs, strict=True)]
                    return
        for i in todo:
            raw, file, error, key = items[i]
            rec, plan = lint_file(raw, file, nat, when, enabled, error)
            if store is not None and key is not None:
                store.put(key, rec)
            yield [(i, raw, rec, plan)]


def _lint_files(
    files: list[PlanFile],
    nat: National,
    when: Month,
    enabled: set[str] | None,
    folder: Path | None,
    jobs: int | None,
    on_file: Callable[[], None],
) -> LintResult:
    n = len(files)
    records: list[FileResult | None] = [None] * n
    plans_of: list[Plan | None] = [None] * n
    raws: list[bytes | None] = [None] * n
    for batch in check_files(files, nat, when, enabled, cache=folder, jobs=jobs):
        for i, raw, rec, plan in batch:
            raws[i], records[i], plans_of[i] = raw, rec, plan
            on_file()

    problems: list[Problem] = []
    findings: list[Finding] = []
    sources = SourceLines()
    owners = Owners()
    kept: list[int] = []
    for i, rec in enumerate(records):
        assert rec is not None
        raw = raws[i]
        if rec.decoded and raw is not None:
            sources.raw[rec.file] = raw
        problems.extend(rec.problems)
        if rec.municipality is None or rec.place is None:
            continue
        claim = owners.claim(identity(rec.municipality, rec.code), i, rec.file)
        if claim.owner is not None:
            problems.append(duplicate(rec.municipality, rec.code, rec.place, claim))
            continue
        kept.append(i)
        findings.extend(rec.findings)
    findings.sort(key=Finding.sort_key)

    def load_kept() -> list[Plan]:
        out = []
        for i in kept:
            plan = plans_of[i]
            if plan is None:
                raw = raws[i]
                assert raw is not None
                plan = parse_plan_bytes(raw, files[i][1], nat).plan
                assert plan is not None
            out.append(plan)
        return out

    if all(plans_of[i] is not None for i in kept):
        return LintResult(nat, load_kept(), findings, problems, sources, n, when)
    return LintResult(nat, None, findings, problems, sources, n, when, plan_loader=load_kept)


class SourceLines(Mapping[str, list[str]]):
    """Each decoded file's lines by display path, split when first asked for (the text
    report shows the lines of the files with findings; the other formats none)."""

    __slots__ = ("lines", "raw")

    def __init__(self) -> None:
        self.raw: dict[str, bytes] = {}
        self.lines: dict[str, list[str]] = {}

    def __getitem__(self, file: str) -> list[str]:
        got = self.lines.get(file)
        if got is None:
            raw = self.raw[file]
            # the text as ``model.core.reader.decode`` gives it (BOM dropped)
            got = self.lines[file] = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8").splitlines()
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


__all__ = [
    "PARALLEL_THRESHOLD",
    "LintResult",
    "cache_folder",
    "check_files",
    "lint_file",
    "lint_files",
    "lint_paths",
    "lint_plan",
]
