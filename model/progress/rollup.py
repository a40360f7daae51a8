"""Roll-ups of a snapshot with polars, as the national dashboard defines them:

- 完了率 = (完了済み + 対象外) / steps, 作業中率 = 作業中 / steps, 未着手率 = 未着手 / steps,
  per system (one municipality × one business; steps = the timeline's 40);
- the same per municipality, prefecture, business and step (and the whole snapshot): the
  steps of the view's systems counted together, which is the mean of their systems' rates
  since every system reports every step; a step's rate is the share of systems that have
  it 完了済み or 対象外.

Beyond the dashboard, :func:`since` adds each row's change against an earlier snapshot
(in points of 完了率).
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from model.core.national import National
from model.progress.snapshot import Snapshot
from model.progress.status import Status

View = Literal["system", "municipality", "prefecture", "business", "step", "total"]
VIEWS: tuple[View, ...] = ("municipality", "prefecture", "business", "step", "system", "total")
KEYS: dict[str, tuple[str, ...]] = {
    "system": ("code", "municipality", "prefecture", "business"),
    "municipality": ("code", "municipality", "prefecture"),
    "prefecture": ("prefecture",),
    "business": ("business",),
    "step": ("step",),
    "total": (),
}
COUNTS = ("done", "na", "in_progress", "not_started")
RATES = ("done_rate", "in_progress_rate", "not_started_rate")


def rollup(snap: Snapshot, view: View, nat: National) -> pl.DataFrame:
    """One row per group of ``view``: its keys, ``systems``, the four counts and the three
    rates (fractions 0..1), in the tracker's order (団体コード, business, step)."""
    keys = list(KEYS[view])
    st = pl.col("status")
    aggs = [
        pl.len().alias("_rows"),
        *((st == s.value).sum().cast(pl.Int64).alias(s.value) for s in Status),
        pl.col("code").min().alias("_first"),  # a prefecture in 団体コード order
    ]
    df = snap.frame
    out = df.lazy().group_by(keys).agg(aggs).collect() if keys else df.select(aggs)  # lazy: a third faster
    n_steps = max(len(nat.steps), 1)
    rows = pl.col("_rows")
    out = out.with_columns(
        (rows if view == "step" else rows // n_steps).alias("systems"),
        ((pl.col("done") + pl.col("na")) / rows).alias("done_rate"),
        (pl.col("in_progress") / rows).alias("in_progress_rate"),
        (pl.col("not_started") / rows).alias("not_started_rate"),
    )
    out = _named(out, view, nat)
    return _sorted(out, view, nat).select([*keys, *_names(view), "systems", *COUNTS, *RATES])


def since(now: pl.DataFrame, then: pl.DataFrame, view: View) -> pl.DataFrame:
    """``now`` with ``done_rate_then`` and ``done_rate_change`` (now − then; null where the
    earlier snapshot has no such row)."""
    keys = list(KEYS[view])
    old = then.select([*keys, pl.col("done_rate").alias("done_rate_then")])
    joined = (
        now.join(old, on=keys, how="left", nulls_equal=True, maintain_order="left")
        if keys
        else now.join(old, how="cross")
    )
    return joined.with_columns((pl.col("done_rate") - pl.col("done_rate_then")).alias("done_rate_change"))


def _names(view: View) -> tuple[str, ...]:
    return {
        "business": ("business_name", "business_name_en"),
        "system": ("business_name", "business_name_en"),
        "step": ("step_name", "step_name_en", "phase"),
    }.get(view, ())


def _named(out: pl.DataFrame, view: View, nat: National) -> pl.DataFrame:
    """The business's or step's names beside its id."""
    if view in ("business", "system"):
        ja = {b.id: b.name.ja for b in nat.businesses.values()}
        en = {b.id: b.name.en for b in nat.businesses.values()}
        return out.with_columns(
            pl.col("business")
            .replace_strict(ja, default=pl.col("business"), return_dtype=pl.String)
            .alias("business_name"),
            pl.col("business")
            .replace_strict(en, default=pl.col("business"), return_dtype=pl.String)
            .alias("business_name_en"),
        )
    if view == "step":
        by = {s.number: s for s in nat.steps}
        return out.with_columns(
            pl.col("step")
            .replace_strict({n: s.name.ja for n, s in by.items()}, default="", return_dtype=pl.String)
            .alias("step_name"),
            pl.col("step")
            .replace_strict({n: s.name.en for n, s in by.items()}, default="", return_dtype=pl.String)
            .alias("step_name_en"),
            pl.col("step")
            .replace_strict({n: s.phase for n, s in by.items()}, default="", return_dtype=pl.String)
            .alias("phase"),
        )
    return out


def _sorted(out: pl.DataFrame, view: View, nat: National) -> pl.DataFrame:
    if view in ("system", "business"):
        order = {b: i for i, b in enumerate(nat.businesses)}
        out = out.with_columns(
            pl.col("business").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_b")
        )
        by = ["code", "municipality", "_b"] if view == "system" else ["_b"]
        return out.sort(by, nulls_last=True).drop("_b")
    if view == "municipality":
        return out.sort(["code", "municipality"], nulls_last=True)
    if view == "prefecture":  # in 団体コード order: the prefecture's first municipality
        return out.sort(["_first", "prefecture"], nulls_last=True)
    if view == "step":
        return out.sort("step")
    return out


__all__ = ["COUNTS", "KEYS", "RATES", "VIEWS", "View", "rollup", "since"]
