"""``plans lint --progress``: the progress checks (PG001–PG004) over the snapshots beside the
plans, as findings of the lint result, so that CI reads them in every format lint writes
(text, json, github, sarif, junit, statistics) and exits 1 on a PG002 as on any error.

The snapshots are read by the caller's ``read`` (the import's checked reader:
``model.importing`` sits above this package), as ``plans progress --check`` reads them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from model.checks.finding import Finding
from model.core.dates import Month
from model.progress.checks import NAMES, check_progress
from model.progress.frames import ProgressFinding
from model.progress.loading import Reader, SnapshotSource
from model.project.lint import LintResult


def progress_findings(
    res: LintResult, paths: list[Path], read: Reader, enabled: Iterable[str] | None = None, month: Month | None = None
) -> tuple[list[Finding], int]:
    """The PG findings of the lint result's plans (of the ``enabled`` codes) and the number of
    snapshots read; none read when the paths hold no snapshot (the caller says so)."""
    plans = res.plans
    source = SnapshotSource.of(paths, plans)
    snaps = source.upto(month, plans, res.national, read)
    if not snaps:
        return [], 0
    last = snaps[-1].month
    current = source.at(last, plans, res.national, read) if last not in source.stored else None
    wanted = set(enabled) if enabled is not None else set(NAMES)
    found = [as_finding(f) for f in check_progress(snaps, plans, res.national, current) if f.code in wanted]
    return found, len(snaps)


def as_finding(f: ProgressFinding) -> Finding:
    """A progress finding as a lint finding: certain, at its place, named by its rule."""
    return Finding(
        f.code, f.severity, True, f.place, f.municipality, f.phase, f.business, f.words, rule_name=NAMES[f.code][0]
    )


def with_findings(res: LintResult, extra: list[Finding]) -> LintResult:
    """``res`` with ``extra`` among its findings, in lint's order (file, line, column, code)."""
    res.findings = sorted([*res.findings, *extra], key=Finding.sort_key)
    return res


__all__ = ["as_finding", "progress_findings", "with_findings"]
