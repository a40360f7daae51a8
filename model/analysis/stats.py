"""Roll-up statistics over the plans: go-lives by fiscal year and by month, plans by vendor
strategy, findings by rule. Pure values; ``plans stats`` and the app's chart show them."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.checks.finding import Finding
from model.checks.registry import RULES
from model.core.dates import (
    Month,
    Precision,
    Style,
    fiscal_year_of,
    render_fiscal_year,
    render_month,
)
from model.core.national import National
from model.core.plan import Plan
from model.core.severity import Severity, counts
from model.core.words import Words

STRATEGY_LABELS = {
    "current_vendor": Words("現行ベンダで標準化", "current vendor"),
    "new_vendor": Words("ベンダ選定", "new vendor"),
    "undecided": Words("未定", "undecided"),
}
NONE = Words("未定", "none")
DONE = Words("完了", "done")


@dataclass(frozen=True, slots=True)
class Bucket:
    key: str  # machine key: "2025" (fiscal year), "2026-03" (month), "current_vendor", ...
    label: Words
    count: int
    plans: tuple[str, ...]  # municipalities

    def text(self, lang: str = "ja") -> str:
        return self.label(lang)


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    name: str
    title: Words
    error: int
    warning: int
    info: int
    plans: int  # plans with at least one

    @property
    def total(self) -> int:
        return self.error + self.warning + self.info


@dataclass(slots=True)
class Stats:
    plans: int
    by_fiscal_year: list[Bucket] = field(default_factory=list)
    by_month: list[Bucket] = field(default_factory=list)
    by_strategy: list[Bucket] = field(default_factory=list)
    by_rule: list[RuleCount] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(r.total for r in self.by_rule)


def _buckets(groups: dict[tuple[int, str], list[str]], labels: dict[str, Words]) -> list[Bucket]:
    return [Bucket(k, labels[k], len(v), tuple(v)) for (_, k), v in sorted(groups.items())]


def compute(plans: list[Plan], nat: National, findings: list[Finding]) -> Stats:
    """Statistics of these plans; a plan's go-live is its municipal line (the latest over its
    businesses, as the seed's table shows it)."""
    fy: dict[tuple[int, str], list[str]] = {}
    fy_labels: dict[str, Words] = {}
    mo: dict[tuple[int, str], list[str]] = {}
    mo_labels: dict[str, Words] = {}
    end = 10**7  # sort "done" first and "none" last

    def put(
        groups: dict[tuple[int, str], list[str]],
        labels: dict[str, Words],
        order: Month,
        key: str,
        label: Words,
        who: str,
    ) -> None:
        groups.setdefault((order, key), []).append(who)
        labels[key] = label

    for p in sorted(plans, key=lambda p: (p.code or "", p.municipality)):
        d = p.summary("migration")
        who = p.municipality
        if d is None or d.is_na:
            put(fy, fy_labels, end, "none", NONE, who)
            put(mo, mo_labels, end, "none", NONE, who)
            continue
        if d.is_done:
            put(fy, fy_labels, -end, "done", DONE, who)
            put(mo, mo_labels, -end, "done", DONE, who)
            continue
        y = fiscal_year_of(d.lo)
        put(fy, fy_labels, y, str(y), Words(f"{render_fiscal_year(y)}年度", f"FY{y}"), who)
        if d.precision is Precision.MONTH:
            iso = render_month(d.lo, Style.ISO)
            put(mo, mo_labels, d.lo, iso, Words(render_month(d.lo), iso), who)
        else:  # a year-only go-live: its month is unknown; placed after the year's months
            key = f"FY{y}"
            put(mo, mo_labels, d.hi, key, Words(f"{render_fiscal_year(y)}年度(月未定)", f"FY{y} (month unknown)"), who)

    strat: dict[str, list[str]] = {k: [] for k in STRATEGY_LABELS}
    for p in plans:
        strat[p.vendor_strategy].append(p.municipality)
    by_strategy = [Bucket(k, STRATEGY_LABELS[k], len(v), tuple(v)) for k, v in strat.items() if v]
    return Stats(len(plans), _buckets(fy, fy_labels), _buckets(mo, mo_labels), by_strategy, _by_rule(findings))


def _by_rule(findings: list[Finding]) -> list[RuleCount]:
    """Findings counted by rule and severity, and the plans with one, in code order."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    out = []
    for code, fs in sorted(by_code.items()):
        n = counts(f.severity for f in fs)
        rule = RULES[code]
        out.append(
            RuleCount(
                code,
                rule.name,
                rule.title,
                n[Severity.ERROR],
                n[Severity.WARNING],
                n[Severity.INFO],
                len({f.municipality for f in fs}),
            )
        )
    return out


def as_dict(s: Stats, lang: str = "ja") -> dict[str, object]:
    def b(x: Bucket) -> dict[str, object]:
        return {"key": x.key, "label": x.text(lang), "count": x.count, "plans": list(x.plans)}

    return {
        "plans": s.plans,
        "findings": s.findings,
        "go_lives_by_fiscal_year": [b(x) for x in s.by_fiscal_year],
        "go_lives_by_month": [b(x) for x in s.by_month],
        "plans_by_vendor_strategy": [b(x) for x in s.by_strategy],
        "findings_by_rule": [
            {
                "code": r.code,
                "name": r.name,
                "title": r.title(lang),
                "error": r.error,
                "warning": r.warning,
                "info": r.info,
                "total": r.total,
                "plans": r.plans,
            }
            for r in s.by_rule
        ],
    }


def rows(s: Stats, lang: str = "ja") -> list[dict[str, object]]:
    """One flat table (section, key, label, count, ...) for csv."""
    out: list[dict[str, object]] = []
    for section, items in (
        ("go_lives_by_fiscal_year", s.by_fiscal_year),
        ("go_lives_by_month", s.by_month),
        ("plans_by_vendor_strategy", s.by_strategy),
    ):
        for x in items:
            out.append(
                {
                    "section": section,
                    "key": x.key,
                    "label": x.text(lang),
                    "count": x.count,
                    "error": None,
                    "warning": None,
                    "info": None,
                }
            )
    for r in s.by_rule:
        out.append(
            {
                "section": "findings_by_rule",
                "key": r.code,
                "label": r.name,
                "count": r.total,
                "error": r.error,
                "warning": r.warning,
                "info": r.info,
            }
        )
    return out
