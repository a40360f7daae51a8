"""A plan's ``[progress]`` table (steps recorded by hand, :mod:`model.core.hand_progress`)
merged into a month's snapshot: each business a plan lists for the month is that system's
whole report (the steps not named 未着手) and replaces the system's rows of the snapshot, or
makes the month's snapshot when there is none."""

from __future__ import annotations

import polars as pl

from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.progress.prefectures import prefecture_of
from model.progress.snapshot import COLUMNS, SCHEMA, Snapshot
from model.progress.status import Status


def hand_months(plans: list[Plan]) -> set[Month]:
    """The months some plan records steps for by hand."""
    return {h.month for p in plans for h in p.progress}


def hand_rows(plans: list[Plan], month: Month, nat: National) -> pl.DataFrame:
    """The hand-recorded systems of ``month`` as snapshot rows (all the timeline's steps)."""
    rows = []
    for p in plans:
        pref = p.prefecture or prefecture_of(p.code)
        for h in p.progress:
            if h.month != month:
                continue
            given = dict(h.steps)
            rows += [
                (
                    p.code,
                    p.municipality,
                    pref,
                    h.business,
                    s.number,
                    given.get(s.number, Status.NOT_STARTED.value),
                    None,
                )
                for s in nat.steps
            ]
    plain = {c: (pl.String if t != pl.Int16 else pl.Int16) for c, t in SCHEMA.items()}
    return pl.DataFrame(rows, schema=plain, orient="row").cast(SCHEMA)  # type: ignore[arg-type]


def with_hand(snap: Snapshot | None, month: Month, plans: list[Plan], nat: National) -> Snapshot | None:
    """``snap`` (the stored snapshot of ``month``, or None) with the plans' hand-recorded
    systems of that month in place of its rows for them; None when neither has any."""
    hand = hand_rows(plans, month, nat)
    if not hand.height:
        return snap
    if snap is None:
        files = sorted({p.file for p in plans for h in p.progress if h.month == month})
        return Snapshot(month, hand, files[0] if len(files) == 1 else "")
    return Snapshot(month, laid_over(snap.frame, hand), snap.file)


def laid_over(base: pl.DataFrame, top: pl.DataFrame) -> pl.DataFrame:
    """``base``'s rows with those of the systems ``top`` reports replaced by ``top``'s (a
    system by 団体コード, else by name)."""
    keys = top.select("code", "municipality", "business").unique()
    coded, named = keys.filter(pl.col("code").is_not_null()), keys.filter(pl.col("code").is_null())
    kept = base.join(coded.select("code", "business"), on=["code", "business"], how="anti")
    kept = kept.join(named.select("municipality", "business"), on=["municipality", "business"], how="anti")
    return pl.concat([kept.select(COLUMNS), top.select(COLUMNS)])


def is_stored(snap: Snapshot) -> bool:
    """Whether ``snap`` is a stored report (a whole month), not one recorded only by hand."""
    return snap.file.lower().endswith((".csv", ".parquet"))


__all__ = ["hand_months", "hand_rows", "is_stored", "laid_over", "with_hand"]
