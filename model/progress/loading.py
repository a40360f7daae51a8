"""The snapshots a folder of plans has, as ``plans progress`` and the app read them: the stored
files under the paths (:func:`model.progress.snapshot.find_snapshots`) and the months the
plans record by hand; a month's snapshot is its stored file read with the plans' ``[progress]``
tables overlaid (:func:`model.progress.hand.with_hand`).

The file is read by the caller's ``read`` (``model.importing.snapshot_import.read_snapshot``,
the import's checked read, which raises ``SnapshotError`` with the problems at their cells):
``model.importing`` sits above this package, so it is passed in, not imported."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.progress.hand import hand_months, with_hand
from model.progress.snapshot import Snapshot, find_snapshots, month_in_name

Reader = Callable[[Path, National, Month], Snapshot]
"""Reads a stored snapshot file of a month (``read_snapshot``)."""


@dataclass(frozen=True, slots=True)
class SnapshotSource:
    """Where each month's progress comes from: its stored file, the plans' hand tables, or
    both (the hand tables replace the stored rows of the systems they list)."""

    stored: dict[Month, Path]
    hand: frozenset[Month] = frozenset()
    only: tuple[frozenset[str], frozenset[str]] | None = None  # (codes, names) when paths name plan files

    @classmethod
    def of(cls, paths: list[Path], plans: Iterable[Plan] = ()) -> SnapshotSource:
        """The snapshots the paths hold (``progress/`` of each plans folder, or snapshot files)
        and the months the ``plans`` record by hand. A plan file (``plans/ube.toml``) stands
        for its folder's snapshots; when every plans path is a plan file, only those plans'
        systems are read (by 団体コード, else by name)."""
        plans = list(plans)
        plan_files = [p for p in paths if p.suffix == ".toml"]
        folders = sorted({p.parent for p in plan_files} - {p for p in paths if p.suffix != ".toml"})
        found = find_snapshots([*[p for p in paths if p.suffix != ".toml"], *folders])
        only = None
        if plan_files and all(p.suffix == ".toml" or month_in_name(p.name) is not None for p in paths):
            only = (frozenset(p.code for p in plans if p.code), frozenset(p.municipality for p in plans if not p.code))
        return cls(dict(found), frozenset(hand_months(plans)), only)

    def with_plans(self, plans: Iterable[Plan]) -> SnapshotSource:
        """The same stored files with the hand months of ``plans``."""
        return SnapshotSource(self.stored, frozenset(hand_months(list(plans))), self.only)

    def _mine(self, snap: Snapshot | None) -> Snapshot | None:
        """``snap`` of the plans' systems only, when the paths named plan files."""
        if snap is None or self.only is None:
            return snap
        codes, names = self.only
        keep = pl.col("code").cast(pl.String).is_in(list(codes)) | pl.col("municipality").cast(pl.String).is_in(
            list(names)
        )
        return replace(snap, frame=snap.frame.filter(keep))

    @property
    def months(self) -> tuple[Month, ...]:
        """Every month with a snapshot, stored or by hand, oldest first."""
        return tuple(sorted(set(self.stored) | self.hand))

    @property
    def latest(self) -> Month | None:
        return max(self.months, default=None)

    def observed(self, month: Month, plans: list[Plan], nat: National, read: Reader) -> Snapshot | None:
        """What was reported for ``month``: its stored file (``read``) with the ``plans``' hand
        tables of that month overlaid; None when the month has neither."""
        stored = read(self.stored[month], nat, month) if month in self.stored else None
        return self._mine(with_hand(stored, month, plans, nat))

    def at(self, month: Month, plans: list[Plan], nat: National, read: Reader) -> Snapshot | None:
        """Progress as at ``month``, for the roll-ups and the checks of the latest state: what
        was reported for it; a month recorded only by hand (no stored report) is laid over
        the month before it, so the systems the plans do not list keep their latest earlier
        status (a planner's own newer month does not make the others' progress vanish)."""
        if month in self.stored:
            return self.observed(month, plans, nat, read)
        before = max((m for m in self.months if m < month), default=None)
        base = self.at(before, plans, nat, read) if before is not None else None
        return self._mine(with_hand(replace(base, month=month) if base is not None else None, month, plans, nat))

    def upto(self, month: Month | None, plans: list[Plan], nat: National, read: Reader) -> list[Snapshot]:
        """Every month's report up to ``month`` (None: all), oldest first, as observed (no
        status carried from an earlier month: the pace and the went-back check read only what
        was reported)."""
        return [
            s
            for m in self.months
            if (month is None or m <= month) and (s := self.observed(m, plans, nat, read)) is not None
        ]


__all__ = ["Reader", "SnapshotSource"]
