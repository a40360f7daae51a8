"""``plans lint`` as a function: find plan files, load them, check them, apply suppressions.

Pure: returns values (findings and load problems); the command line prints them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .check import Finding, check_plan
from .dates import Month, Truth, month_of
from .errors import Place, Problem, display_path
from .national import National, find_national, load_national
from .plan import LoadResult, Plan, read_plan
from .rules import SEVERITY_ORDER

NATIONAL_NAME = "national.toml"


@dataclass(slots=True)
class LintResult:
    national: National
    plans: list[Plan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    files: int = 0
    as_of: Month | None = None

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
    without the national timeline. A path that does not exist raises FileNotFoundError."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.toml") if x.name != NATIONAL_NAME and x.is_file() and not _hidden(x, p)))
        elif p.is_file():
            if p.name != NATIONAL_NAME:
                out.append(p)
        else:
            raise FileNotFoundError(str(p))
    seen: set[Path] = set()
    uniq = []
    for p in out:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            uniq.append(p)
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
    """Drop findings that a [[ignore]] covers; report each unused suppression (PL013)."""
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
                f"抑制 {what} に当てはまる指摘がありません。この [[ignore]] を削除してください",
                f"the suppression {what} matches no finding; delete this [[ignore]]",
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
            problems.append(
                Problem(
                    plan.place,
                    "E006",
                    f"{plan.municipality}の計画は {first.file} にもあります。1市町村1ファイルにしてください",
                    f"{plan.municipality} is already planned in {first.file}; keep one file per municipality",
                )
            )
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
) -> LintResult:
    """Lint plan files; raises NationalError if the timeline cannot be loaded and
    FileNotFoundError for a path that does not exist."""
    nat = load_national(national or find_national(paths))
    files = discover(paths)
    plans, problems, sources = load_plans(files, nat)
    when = evaluation_month(nat, as_of)
    res = LintResult(nat, plans, [], problems, sources, len(files), when)
    for plan in plans:
        res.findings.extend(lint_plan(plan, nat, when, enabled))
    res.findings.sort(key=Finding.sort_key)
    return res


def exit_code(res: LintResult, *, strict: bool = False) -> int:
    if res.problems:
        return 2
    worst = res.worst()
    if worst == "error" or (strict and worst == "warning"):
        return 1
    return 0


__all__ = ["LintResult", "Place", "Truth", "discover", "exit_code", "lint_paths"]
