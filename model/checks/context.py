"""What a rule's check sees of one plan, and how it reports: ``Context.add``.

A conflict that holds for every month inside the written intervals is *certain* and takes
the rule's severity; one that holds only for some (a year-only date) is *possible*, is
reported one level lower and says why it is uncertain.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from model.checks.finding import Finding, why_uncertain
from model.core.dates import Month, PlanDate, Precision, Truth, month_style, render_month
from model.core.errors import Place
from model.core.national import National
from model.core.plan import PhaseEntry, Plan
from model.core.severity import Severity
from model.core.words import Words

if TYPE_CHECKING:
    from model.checks.graph import PlanGraph
    from model.checks.rule import Rule


class Context:
    __slots__ = ("as_of", "graph", "nat", "out", "plan")

    def __init__(self, plan: Plan, nat: National, as_of: Month | None, graph: PlanGraph | None = None) -> None:
        self.plan = plan
        self.nat = nat
        self.as_of = as_of
        self.graph = graph
        self.out: list[Finding] = []

    def name(self, phase: str, business: str | None, lang: str) -> str:
        """A phase's name on a line: 移行完了, or 戸籍の移行完了 for a business line."""
        n = self.nat.phase_name(phase, lang)
        if business:
            return (
                f"{self.nat.business_name(business, lang)}の{n}"
                if lang != "en"
                else f"{n} ({self.nat.business_name(business, 'en')})"
            )
        return n

    def names(self, phase: str, business: str | None) -> Words:
        return Words(self.name(phase, business, "ja"), self.name(phase, business, "en"))

    def add(
        self,
        rule: Rule,
        truth: Truth,
        place: Place | None,
        phase: str | None,
        business: str | None,
        words: Words,
        severity: Severity | None = None,
        related: tuple[Place, ...] = (),
        dates: tuple[PlanDate | None, ...] = (),
    ) -> None:
        sev = Severity(severity) if severity else rule.severity
        certain = truth is Truth.CERTAIN
        if words.en[:1].islower():  # an English sentence starts with a capital
            words = Words(words.ja, words.en[0].upper() + words.en[1:])
        if not certain:
            sev = sev.lower()
            words = words + why_uncertain(dates)
        self.out.append(
            Finding(
                rule.code,
                sev,
                certain,
                place or self.plan.place,
                self.plan.municipality,
                phase,
                business,
                words,
                related,
            )
        )

    def entries(self) -> Iterator[tuple[str, str | None, PhaseEntry]]:
        """Every phase written in the plan: (phase, business or None, entry)."""
        for pid, e in self.plan.phases.items():
            yield pid, None, e
        for bid, bp in self.plan.businesses.items():
            for pid, e in bp.phases.items():
                yield pid, bid, e


def months_en(n: int) -> str:
    """``1 month``, ``12 months``."""
    return f"{n} month" if n == 1 else f"{n} months"


def month_like(month: Month, like: PlanDate | None) -> str:
    """``month`` in the notation family of ``like`` (R-style or ISO)."""
    return render_month(month, month_style(like))


def not_before(d: PlanDate) -> str:
    """The earliest month that is certainly not before ``d``."""
    if d.precision is Precision.MONTH:
        return d.text
    return render_month(d.hi, month_style(d))


def by_month(d: PlanDate) -> str:
    """The latest month that is certainly not after the start of ``d``."""
    if d.precision is Precision.MONTH:
        return d.text
    return render_month(d.lo, month_style(d))


__all__ = ["Context", "by_month", "month_like", "not_before"]
