"""The progress the app shows, computed as ``plans progress`` computes it: each month's snapshot
from :class:`model.progress.loading.SnapshotSource` (the stored file, the plans' ``[progress]``
tables overlaid), its rates from :class:`model.progress.report.ProgressReport` (percent, one
decimal, as the command prints them).

What stays in memory: the latest month's rates per municipality (the list's 完了率, the
overview's rate columns) and its report (the totals); for every month read, its stored rows
as one row per system (:class:`MonthSystems`, 5 MB for the nationwide 34,820 systems, a fifth
of the snapshot) so the progress view steps through months without reading a file again; and
each month's total and prefecture rates (the Stats chart)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.progress.loading import SnapshotSource
from model.progress.report import HEADERS, ProgressReport
from model.progress.rollup import COUNTS, View
from model.progress.snapshot import COLUMNS, Snapshot, empty
from model.progress.status import Status

SYSTEM_KEYS = ["code", "municipality", "prefecture", "business"]
_DONE, _IN_PROGRESS, _NOT_STARTED = (HEADERS[c]("en") for c in ("done_rate", "in_progress_rate", "not_started_rate"))


@dataclass(frozen=True, slots=True)
class Rates:
    """完了率, 作業中率 and 未着手率 in percent as ``plans progress`` prints them (one decimal),
    over ``systems`` systems."""

    done: float
    in_progress: float
    not_started: float
    systems: int


def percent(value: float) -> str:
    """65.4%: a rate as the command prints it."""
    return f"{value:.1f}%"


def rates_of(snap: Snapshot, view: View, nat: National) -> list[tuple[dict[str, object], Rates]]:
    """Each row of the report's ``view`` (its keys, business as an id) with its rates."""
    df = ProgressReport(snap, nat).table(view, "en", drop=("business_name", "step_name", "phase", *COUNTS))
    return [
        (r, Rates(r[_DONE], r[_IN_PROGRESS], r[_NOT_STARTED], r["systems"]))
        for r in df.iter_rows(named=True)
        if r[_DONE] is not None
    ]


def plan_filter(plan: Plan) -> pl.Expr:
    """A plan's systems among a snapshot's rows: by 団体コード when the plan has one, else by
    name (as the progress checks match plans)."""
    return pl.col("code") == plan.code if plan.code else pl.col("municipality") == plan.municipality


@dataclass(frozen=True, slots=True)
class MonthSystems:
    """A month's stored snapshot without the hand tables, one row per system (its keys, the
    steps and their statuses as lists); ``frame`` None: no file that month (by hand only).
    :meth:`ProgressState.at` lays the hand tables over it as ``plans progress`` does."""

    month: Month
    frame: pl.DataFrame | None
    file: str = ""

    @classmethod
    def of(cls, month: Month, stored: Snapshot | None) -> MonthSystems:
        if stored is None:
            return cls(month, None)
        frame = stored.frame.group_by(SYSTEM_KEYS, maintain_order=True).agg(pl.col("step"), pl.col("status"))
        return cls(month, frame, stored.file)

    def stored(self, plan: Plan | None = None) -> Snapshot | None:
        """The stored rows back as a snapshot: every system, or ``plan``'s."""
        if self.frame is None:
            return None
        frame = self.frame if plan is None else self.frame.filter(plan_filter(plan))
        rows = frame.explode(["step", "status"]).with_columns(pl.lit(None, pl.String).alias("planned"))
        return Snapshot(self.month, rows.select(COLUMNS), self.file)


@dataclass(frozen=True, slots=True)
class MonthTotals:
    """A month's total and per-prefecture rates (prefectures in 団体コード order)."""

    month: Month
    total: Rates | None
    prefectures: tuple[tuple[str, Rates], ...] = ()

    @classmethod
    def of(cls, month: Month, snap: Snapshot | None, nat: National) -> MonthTotals:
        if snap is None or not snap.frame.height:
            return cls(month, None)
        total = rates_of(snap, "total", nat)
        prefs = tuple((str(r["prefecture"] or "—"), rates) for r, rates in rates_of(snap, "prefecture", nat))
        return cls(month, total[0][1] if total else None, prefs)


@dataclass(frozen=True, slots=True)
class Latest:
    """The latest month: each municipality's rates, by 団体コード and by name, and the report's
    summary of the totals (the snapshot itself is not kept: 25 MB nationwide)."""

    month: Month
    by_code: dict[str, Rates]
    by_name: dict[str, Rates]
    summary: Words

    @classmethod
    def of(cls, snap: Snapshot, nat: National) -> Latest:
        by_code: dict[str, Rates] = {}
        by_name: dict[str, Rates] = {}
        for r, rates in rates_of(snap, "municipality", nat):
            if r["code"] is not None:
                by_code.setdefault(str(r["code"]), rates)
            by_name.setdefault(str(r["municipality"]), rates)
        report = ProgressReport(snap, nat)
        return cls(snap.month, by_code, by_name, report.summary(report.total()))

    def rates(self, plan: Plan) -> Rates | None:
        return self.by_code.get(plan.code) if plan.code else self.by_name.get(plan.municipality)

    def with_plan(self, plan: Plan, rates: Rates | None) -> Latest:
        """The same with ``plan``'s rates replaced (after its own ``[progress]`` changed)."""
        by_code, by_name = dict(self.by_code), dict(self.by_name)
        table, key = (by_code, plan.code) if plan.code else (by_name, plan.municipality)
        if rates is None:
            table.pop(key, None)
        else:
            table[key] = rates
        return Latest(self.month, by_code, by_name, self.summary)


@dataclass(frozen=True, slots=True)
class MunicipalityProgress:
    """One municipality at one month: each system's status per step, its rates, and the
    municipality's total."""

    month: Month
    statuses: dict[str, dict[int, Status]]  # business id -> step -> status
    rates: dict[str, Rates]  # business id -> its system's rates
    total: Rates | None

    @classmethod
    def of(cls, snap: Snapshot | None, month: Month, nat: National) -> MunicipalityProgress:
        if snap is None or not snap.frame.height:
            return cls(month, {}, {}, None)
        statuses: dict[str, dict[int, Status]] = {}
        for business, step, status in snap.frame.select("business", "step", "status").iter_rows():
            statuses.setdefault(str(business), {})[int(step)] = Status(status)
        rates = {str(r["business"]): v for r, v in rates_of(snap, "system", nat)}
        total = rates_of(snap, "municipality", nat)
        return cls(month, statuses, rates, total[0][1] if len(total) == 1 else None)


def hand_key(plan: Plan | None) -> tuple[object, ...]:
    """What a plan's ``[progress]`` says (its places left out: an edit above moves them)."""
    return tuple((h.month, h.business, h.steps) for h in plan.progress) if plan is not None else ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A snapshot that cannot be read: its first bad cell (or the file) and how many there are."""

    where: str
    code: str
    words: Words
    count: int = 1

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.code} {self.words(lang)}"


class NotRead(Exception):
    """A month the figures need is not read yet (the background read brings it)."""


@dataclass
class ProgressState:
    """What the app knows of progress so far (on the screen's thread)."""

    source: SnapshotSource | None = None  # the stored files and the hand months
    months: tuple[Month, ...] = ()  # every month with a snapshot, oldest first
    latest: Latest | None = None
    systems: dict[Month, MonthSystems] = field(default_factory=dict)  # months read
    totals: dict[Month, MonthTotals] = field(default_factory=dict)
    problems: dict[Month, Problem] = field(default_factory=dict)
    hand: dict[str, tuple[object, ...]] = field(default_factory=dict)  # plan file -> hand_key used
    done: bool = False  # every month read (or none to read)
    version: int = 0  # counts the changes: a view draws again only when it moved

    @property
    def found(self) -> bool:
        """Some month has a snapshot (stored or by hand)."""
        return bool(self.months)

    @property
    def latest_month(self) -> Month | None:
        return self.months[-1] if self.months else None

    def rates(self, plan: Plan | None) -> Rates | None:
        """A plan's rates at the latest month (None: not known yet, or no report)."""
        return self.latest.rates(plan) if self.latest is not None and plan is not None else None

    def at(self, month: Month, plans: list[Plan], nat: National, plan: Plan | None = None) -> Snapshot | None:
        """Progress at ``month`` as ``plans progress`` has it (``SnapshotSource.at``: the stored
        rows with ``plans``' hand tables, a month by hand only laid over the one before), from
        the months read: every system, or ``plan``'s alone. Raises :class:`NotRead`."""

        def read(path: Path, nat: National, m: Month) -> Snapshot:
            got = self.systems.get(m)
            if got is None:
                raise NotRead(m)
            return got.stored(plan) or Snapshot(m, empty(), got.file)

        return self.source.at(month, plans, nat, read) if self.source is not None else None

    def municipality(self, plan: Plan, month: Month, nat: National) -> MunicipalityProgress | None:
        """``plan``'s systems at ``month`` (None: a month it needs is not read yet)."""
        try:
            snap = self.at(month, [plan], nat, plan)
        except NotRead:
            return None
        return MunicipalityProgress.of(snap, month, nat)


ProgressSource = Callable[[], ProgressState]
"""What a view asks for the progress read so far (the app's ``progress_state``)."""

__all__ = [
    "Latest",
    "MonthSystems",
    "MonthTotals",
    "MunicipalityProgress",
    "NotRead",
    "Problem",
    "ProgressSource",
    "ProgressState",
    "Rates",
    "hand_key",
    "percent",
    "plan_filter",
    "rates_of",
]
