"""Each system's pace over the snapshots (steps completed per month, a least-squares line
over at least two of them) and the projected month of its last step; PG002 reads it and
``plans progress --forecast`` shows it against each deadline."""

from __future__ import annotations

import polars as pl

from model.core.dates import render_month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.progress.frames import DONE_LIKE, plan_table, with_plans
from model.progress.snapshot import Snapshot, iso_month


def forecast(snaps: list[Snapshot], nat: National) -> pl.DataFrame:
    """Per system seen in at least two snapshots: its pace (least squares over the
    snapshots), steps done at the last one, and the projected month of the last step."""
    n = len(nat.steps)
    keys = ["code", "municipality", "business"]
    done = pl.col("status").is_in(DONE_LIKE)
    parts = [  # one lazy query: the snapshots' counts side by side on the cores
        (
            s.frame.lazy().select(
                *(pl.col(k).gather_every(n) for k in keys), done.reshape((-1, n)).arr.sum().alias("y")
            )
            if s.blocks and n
            else s.frame.lazy().group_by(keys).agg(done.sum().alias("y"))
        ).with_columns(
            *(pl.col(k).cast(pl.String) for k in keys),
            pl.col("y").cast(pl.Float64),
            pl.lit(float(s.month)).alias("x"),
            pl.lit(s.month).alias("m"),
        )
        for s in snaps
    ]
    x, y = pl.col("x"), pl.col("y")
    per = (
        pl.concat(parts)
        .group_by(keys)
        .agg(
            pl.len().alias("snapshots"),
            ((x * y).mean() - x.mean() * y.mean()).alias("_cov"),
            ((x * x).mean() - x.mean() ** 2).alias("_var"),
            y.sort_by("m").last().alias("done"),
            pl.col("m").max().alias("last"),
            pl.col("m").min().alias("first"),
        )
        .filter(pl.col("snapshots") >= 2)
        .collect()
    )
    per = per.with_columns(
        pl.when(pl.col("_var") > 0).then(pl.col("_cov") / pl.col("_var")).otherwise(0.0).alias("pace")
    ).drop("_cov", "_var")
    remaining = n - pl.col("done")
    months = (remaining / pl.col("pace")).ceil()
    return per.with_columns(
        pl.when(remaining <= 0)
        .then(pl.col("last"))
        .when(pl.col("pace") > 0)
        .then(pl.col("last") + months.cast(pl.Int64))
        .otherwise(None)
        .alias("projected"),
        pl.col("done").cast(pl.Int64),
    )


VERDICTS = {
    "done": Words("完了", "done"),
    "no_plan": Words("計画なし", "no plan"),
    "stalled": Words("停滞", "stalled"),
    "late": Words("期限超過", "late"),
    "on_time": Words("期限内", "on time"),
}
"""Each system's verdict by id, with its words."""


def forecast_table(
    snaps: list[Snapshot], plans: list[Plan], nat: National, lang: str, *, ids: bool = False
) -> pl.DataFrame:
    """The forecast per system — its pace, the projected month of its last step, its deadline
    and whether it makes it —, in the timeline's business order: for people (headers, names,
    verdicts and months as plans write them, in ``lang``) or, with ``ids``, for tools (ids,
    ISO months, the verdict's id)."""
    n = len(nat.steps)
    fc = (
        forecast(snaps, nat)
        if len(snaps) >= 2
        else pl.DataFrame(
            schema={
                "code": pl.String,
                "municipality": pl.String,
                "business": pl.String,
                "done": pl.Int64,
                "pace": pl.Float64,
                "projected": pl.Int64,
            }
        )
    )
    dl = plan_table(plans, nat).group_by(["p_code", "p_name", "plan_file", "business"]).agg(pl.col("deadline").first())
    joined = fc.join(
        with_plans(fc, dl).select("code", "municipality", "business", "deadline"),
        on=["code", "municipality", "business"],
        how="left",
        nulls_equal=True,
    )
    names = {b.id: b.id if ids else b.name(lang) for b in nat.businesses.values()}
    month = iso_month if ids else render_month
    order = {b: i for i, b in enumerate(nat.businesses)}

    def verdict(r: dict) -> str:
        if r["done"] >= n:
            v = "done"
        elif r["deadline"] is None:
            v = "no_plan"
        elif r["projected"] is None:
            v = "stalled"
        else:
            v = "late" if r["projected"] > r["deadline"] else "on_time"
        return v if ids else VERDICTS[v](lang)

    ranked = joined.with_columns(pl.col("business").replace_strict(order, default=len(order)).alias("_order"))
    rows = [
        (
            r["code"],
            r["municipality"],
            names.get(r["business"], r["business"]),
            r["done"],
            r["pace"],
            month(r["projected"]) if r["projected"] is not None else None,
            month(r["deadline"]) if r["deadline"] is not None else None,
            verdict(r),
        )
        for r in ranked.sort(["code", "municipality", "_order"], nulls_last=True).iter_rows(named=True)
    ]
    if ids:
        heads: tuple[str, ...] = (
            "code",
            "municipality",
            "business",
            "done",
            "pace",
            "projected",
            "deadline",
            "verdict",
        )
    elif lang == "en":
        heads = ("code", "municipality", "business", f"done/{n}", "steps/month", "projected", "deadline", "verdict")
    else:
        heads = ("団体コード", "市区町村", "業務", f"完了/{n}", "月ペース", "完了見込み", "期限", "判定")
    types = (pl.String, pl.String, pl.String, pl.Int64, pl.Float64, pl.String, pl.String, pl.String)
    return pl.DataFrame(rows, schema=dict(zip(heads, types, strict=True)), orient="row")


__all__ = ["VERDICTS", "forecast", "forecast_table"]
