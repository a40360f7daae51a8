"""Each system's pace over the snapshots (steps completed per month, a least-squares line
over at least two of them) and the projected month of its last step; PG002 reads it and
``plans progress --forecast`` shows it against each deadline."""

from __future__ import annotations

import polars as pl

from model.core.dates import render_month
from model.core.national import National
from model.core.plan import Plan
from model.progress.frames import DONE_LIKE, plan_table, strings, with_plans
from model.progress.snapshot import Snapshot


def forecast(snaps: list[Snapshot], nat: National) -> pl.DataFrame:
    """Per system seen in at least two snapshots: its pace (least squares over the
    snapshots), steps done at the last one, and the projected month of the last step."""
    n = len(nat.steps)
    parts = [
        strings(
            s.frame.group_by(["code", "municipality", "business"]).agg(
                pl.col("status").is_in(DONE_LIKE).sum().cast(pl.Float64).alias("y")
            )
        ).with_columns(pl.lit(float(s.month)).alias("x"), pl.lit(s.month).alias("m"))
        for s in snaps
    ]
    df = pl.concat(parts)
    x, y = pl.col("x"), pl.col("y")
    per = (
        df.group_by(["code", "municipality", "business"])
        .agg(
            pl.len().alias("snapshots"),
            ((x * y).mean() - x.mean() * y.mean()).alias("_cov"),
            ((x * x).mean() - x.mean() ** 2).alias("_var"),
            y.sort_by("m").last().alias("done"),
            pl.col("m").max().alias("last"),
            pl.col("m").min().alias("first"),
        )
        .filter(pl.col("snapshots") >= 2)
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


def forecast_table(snaps: list[Snapshot], plans: list[Plan], nat: National, lang: str) -> pl.DataFrame:
    """The forecast for people: per system its pace, the projected month of its last step,
    its deadline and whether it makes it (headers in ``lang``)."""
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
    en = lang == "en"
    names = {b.id: b.name(lang) for b in nat.businesses.values()}

    def verdict(r: dict) -> str:
        if r["done"] >= n:
            return "done" if en else "完了"
        if r["deadline"] is None:
            return "no plan" if en else "計画なし"
        if r["projected"] is None:
            return "stalled" if en else "停滞"
        return ("late" if en else "期限超過") if r["projected"] > r["deadline"] else ("on time" if en else "期限内")

    rows = [
        (
            r["code"],
            r["municipality"],
            names.get(r["business"], r["business"]),
            r["done"],
            r["pace"],
            render_month(r["projected"]) if r["projected"] is not None else None,
            render_month(r["deadline"]) if r["deadline"] is not None else None,
            verdict(r),
        )
        for r in joined.sort(["code", "municipality", "business"], nulls_last=True).iter_rows(named=True)
    ]
    heads = (
        ("code", "municipality", "business", f"done/{n}", "steps/month", "projected", "deadline", "verdict")
        if en
        else ("団体コード", "市区町村", "業務", f"完了/{n}", "月ペース", "完了見込み", "期限", "判定")
    )
    types = (pl.String, pl.String, pl.String, pl.Int64, pl.Float64, pl.String, pl.String, pl.String)
    return pl.DataFrame(rows, schema=dict(zip(heads, types, strict=True)), orient="row")


__all__ = ["forecast", "forecast_table"]
