"""A finding: a rule's report on one plan, with its place and words saying what to change."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.core.dates import PlanDate, Precision
from model.core.errors import Place
from model.core.severity import Severity
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    certain: bool
    place: Place
    municipality: str
    phase: str | None
    business: str | None
    words: Words
    related: tuple[Place, ...] = field(default=())
    rule_name: str | None = None  # a rule not of the plan rules' registry (PG…, plans lint --progress)

    @property
    def name(self) -> str:
        from model.checks.registry import RULES

        return self.rule_name or RULES[self.code].name

    def message(self, lang: str = "ja") -> str:
        return self.words(lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.place.file, self.place.line, self.place.col, self.code)


UNCERTAIN = Words("(年度のみの日付のため可能性のある矛盾)", " (possible only: a year-only date)")
UNCERTAIN_DONE = Words("(「完了」の月が不明なため可能性のある矛盾)", " (possible only: the month of 完了 is unknown)")
UNCERTAIN_JA, UNCERTAIN_EN = UNCERTAIN
UNCERTAIN_DONE_JA, UNCERTAIN_DONE_EN = UNCERTAIN_DONE


def why_uncertain(dates: tuple[PlanDate | None, ...]) -> Words:
    """Words for a possible-only conflict: a year-only date, or 完了 whose month is unknown."""
    if any(d is not None and d.precision is Precision.FISCAL_YEAR for d in dates):
        return UNCERTAIN
    if any(d is not None and d.is_done for d in dates):
        return UNCERTAIN_DONE
    return UNCERTAIN


__all__ = ["UNCERTAIN", "UNCERTAIN_DONE", "Finding", "why_uncertain"]
