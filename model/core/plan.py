"""One municipality's plan (a TOML file in ``plans/``) as records; :mod:`model.core.plan_reader` reads it.

The format (see README "Plan format")::

    municipality = "宇部市"
    kana = "うべし"            # the reading (optional): the app sorts names by it
    code = "352021"            # 全国地方公共団体コード (optional, check digit verified)
    surveyed = "R3.12"         # when the values were surveyed (bounds 完了)
    [phases]                   # planned completion of each phase, as the planner writes it
    governance = "R4.10"
    ...
    vendor_selection = "現行ベンダで標準化"   # the current vendor standardizes
    [status]                   # optional: done / in_progress / not_started / n/a
    [notes]                    # optional: a note per phase
    [business.koseki]          # optional: a business whose schedule differs
    migration = "R10.3"
    extended_deadline = "R13.3"
    [[depends]]                # optional: an extra dependency
    phase = "migration"; after = "koseki.migration"; min_months = 0
    [[ignore]]                 # a suppression, which needs a reason
    rule = "PL006"; phase = "migration_plan"; reason = "補正予算で対応"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from model.core import dates
from model.core.dates import PlanDate
from model.core.errors import Place
from model.core.national import National

if TYPE_CHECKING:
    from model.core.hand_progress import HandSteps

STATUSES = ("done", "in_progress", "not_started", "n/a")
STATUS_JA = {"done": "完了済み", "in_progress": "作業中", "not_started": "未着手", "n/a": "対象外"}
STRATEGIES = ("current_vendor", "new_vendor", "undecided")


@dataclass(frozen=True, slots=True)
class PhaseEntry:
    date: PlanDate | None
    status: str | None
    note: str | None
    place: Place  # where the date (or, without one, the table) was written
    inherited: bool = False  # a business row that takes the municipal value


@dataclass(frozen=True, slots=True)
class BusinessPlan:
    id: str
    phases: dict[str, PhaseEntry]  # only the phases written for this business
    extended_deadline: PlanDate | None
    contract_end: PlanDate | None
    note: str | None
    place: Place


@dataclass(frozen=True, slots=True)
class Ref:
    """A phase of the plan (``business`` None = municipal line) or a national node."""

    phase: str | None
    business: str | None = None
    national: str | None = None

    def __str__(self) -> str:
        if self.national:
            return self.national
        return f"{self.business}.{self.phase}" if self.business else str(self.phase)


@dataclass(frozen=True, slots=True)
class Dependency:
    dst: Ref
    src: Ref
    min_months: int
    place: Place


@dataclass(slots=True)
class Suppression:
    rule: str
    phase: str | None
    business: str | None
    reason: str
    place: Place

    def matches(self, rule: str, phase: str | None, business: str | None) -> bool:
        if self.rule != rule:
            return False
        if self.phase is not None and self.phase != phase:
            return False
        return not (self.business is not None and self.business != business)


@dataclass(slots=True)
class Plan:
    file: str
    municipality: str
    code: str | None
    prefecture: str | None
    surveyed: PlanDate | None
    declared_strategy: str | None
    contract_end: PlanDate | None
    note: str | None
    phases: dict[str, PhaseEntry]
    businesses: dict[str, BusinessPlan]
    depends: list[Dependency]
    ignores: list[Suppression]
    lines: list[str] = field(repr=False, default_factory=list)
    place: Place = field(default_factory=lambda: Place(""))
    strategy_place: Place | None = None
    progress: tuple[HandSteps, ...] = ()  # the [progress] table: steps recorded by hand
    kana: str | None = None  # the name's reading (ひらがな or カタカナ), for sorting by name

    @property
    def vendor_strategy(self) -> str:
        """current_vendor when the vendor-selection column says so, else new_vendor."""
        vs = self.phases.get("vendor_selection")
        if vs and vs.date and vs.date.is_na:
            return "current_vendor"
        if vs and vs.date:
            return "new_vendor"
        return self.declared_strategy or "undecided"

    def strategy_of(self, business: str | None) -> str:
        if business and (bp := self.businesses.get(business)):
            vs = bp.phases.get("vendor_selection")
            if vs and vs.date:
                return "current_vendor" if vs.date.is_na else "new_vendor"
        return self.vendor_strategy

    def entry(self, phase: str, business: str | None = None) -> PhaseEntry | None:
        """A phase of the municipal line, or of a business (its own value or the municipal)."""
        if business and (bp := self.businesses.get(business)) and phase in bp.phases:
            return bp.phases[phase]
        e = self.phases.get(phase)
        if business and e is not None:
            return PhaseEntry(e.date, e.status, e.note, e.place, inherited=True)
        return e

    def summary(self, phase: str) -> PlanDate | None:
        """The municipal line as the seed shows it: the latest over all businesses."""
        vals = []
        if (e := self.phases.get(phase)) and e.date:
            vals.append(e.date)
        for bp in self.businesses.values():
            if (e := bp.phases.get(phase)) and e.date:
                vals.append(e.date)
        return dates.latest(vals)

    def deadline_of(self, business: str | None, nat: National) -> PlanDate:
        if business and (bp := self.businesses.get(business)) and bp.extended_deadline:
            return bp.extended_deadline
        return nat.deadline
