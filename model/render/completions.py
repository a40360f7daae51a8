"""Plans as dated things for the calendar-like writers (MS Project, iCalendar, Mermaid,
TaskJuggler): each planned completion on a calendar day, the national dates with their
names, and the findings of each phase.

A planned month is its last day; a year-only date (``R5``) its fiscal year's last day (31
March), marked *estimated*; ``完了`` the survey month's last day, marked *done*. A phase that
does not apply (``現行ベンダで標準化``) or has no date is not a completion.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from model.checks.finding import Finding
from model.core.dates import OPEN_START, Month, PlanDate, Precision, render_month, ym
from model.core.national import National, national_milestone_dates
from model.core.plan import Plan
from model.core.words import Words

MUNICIPAL = "all"  # the id of a plan's municipal line in ids and UIDs


def first_day(m: Month) -> dt.date:
    y, mo = ym(m)
    return dt.date(y, mo, 1)


def last_day(m: Month) -> dt.date:
    y, mo = ym(m)
    return dt.date(y, mo, calendar.monthrange(y, mo)[1])


def plan_key(plan: Plan) -> str:
    """A stable id of a plan: its 団体コード, else its file name (``ube``)."""
    return plan.code or Path(plan.file).stem


@dataclass(frozen=True, slots=True)
class Completion:
    """One planned completion of a phase on one line (``business`` None = the municipal line)."""

    plan: Plan
    business: str | None
    phase: str
    date: PlanDate
    own: bool  # written for this line (False: a business line taking the municipal value)
    status: str | None = None

    @property
    def day(self) -> dt.date:
        """The last day of the last month the date may mean."""
        return last_day(self.date.hi)

    @property
    def estimated(self) -> bool:
        """A year-only date: some month of the fiscal year, shown at its end."""
        return self.date.precision is Precision.FISCAL_YEAR

    @property
    def done(self) -> bool:
        return self.date.is_done or self.status == "done"

    @property
    def key(self) -> tuple[str, str | None, str]:
        """(municipality, business, phase): the key of :func:`findings_by_phase`."""
        return (self.plan.municipality, self.business, self.phase)


def completions(plan: Plan, nat: National, *, inherited: bool = False) -> list[Completion]:
    """The plan's dated completions, line by line in phase order: the municipal line, then
    each business with its own table (its own values; with ``inherited``, also the phases it
    takes from the municipal line)."""
    out: list[Completion] = []
    for lane in (None, *plan.businesses):
        own_phases = plan.businesses[lane].phases if lane else plan.phases
        for ph in nat.phases:
            own = ph.id in own_phases
            if not own and not inherited:
                continue
            e = plan.entry(ph.id, lane)
            if e is None or e.date is None or e.date.is_na or e.date.hi == OPEN_START:
                continue
            out.append(Completion(plan, lane, ph.id, e.date, own, e.status))
    return out


def findings_by_phase(findings: Iterable[Finding]) -> dict[tuple[str, str | None, str | None], list[Finding]]:
    """(municipality, business, phase) -> its findings, in the order given."""
    out: dict[tuple[str, str | None, str | None], list[Finding]] = {}
    for f in findings:
        out.setdefault((f.municipality, f.business, f.phase), []).append(f)
    return out


@dataclass(frozen=True, slots=True)
class NationalDate:
    """A national date: a milestone (``start`` for a period such as the cloud pilots), a spec
    release (``spec.<group>``), vendor packages (``vendor.<group>``) or the deadline."""

    id: str
    name: Words
    month: Month
    start: Month | None = None

    @property
    def day(self) -> dt.date:
        return last_day(self.month)


def national_dates(nat: National) -> list[NationalDate]:
    """Every national node of the plan graph, in the order of ``national_milestone_dates``."""
    starts = {m.id: m.start.lo for m in nat.milestones if m.start is not None}
    names = {m.id: m.name for m in nat.milestones}
    out = []
    for mid, month in national_milestone_dates(nat).items():
        kind, _, gid = mid.partition(".")
        name = names.get(mid, Words(mid, mid))
        if kind in ("spec", "vendor") and gid in nat.groups:
            g = nat.groups[gid].name
            if kind == "spec":
                name = Words(f"{g.ja} 標準仕様書", f"{g.en} spec")
            else:
                name = Words(f"{g.ja} 標準準拠パッケージ(作業仮定)", f"{g.en} vendor packages (assumed)")
        elif mid == "deadline":
            name = Words(f"移行期限 {render_month(month)}", f"Migration deadline {render_month(month)}")
        out.append(NationalDate(mid, name, month, starts.get(mid)))
    return out


__all__ = [
    "MUNICIPAL",
    "Completion",
    "NationalDate",
    "completions",
    "findings_by_phase",
    "first_day",
    "last_day",
    "national_dates",
    "plan_key",
]
