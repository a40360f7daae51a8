"""PG004 step-order: a step of a later phase 完了済み while a phase before it has steps 未着手
(steps are not always done in order, hence a warning)."""

from __future__ import annotations

import polars as pl

from model.checks.rule import Rule
from model.core.severity import Severity
from model.core.words import Words
from model.progress.frames import ProgressContext, ProgressFinding, finding, steps_frame, steps_named, strings


def check(cx: ProgressContext) -> list[ProgressFinding]:
    snap, nat = cx.latest, cx.nat
    df = snap.frame.join(steps_frame(nat), on="step")
    per = (
        df.group_by(["code", "municipality", "business"])
        .agg(
            pl.col("phase_i").filter(pl.col("status") == "not_started").min().alias("first_open"),
            pl.col("phase_i").filter(pl.col("status") == "done").max().alias("last_done"),
            pl.col("step").filter(pl.col("status") == "done").max().alias("last_step"),
            pl.col("step").filter(pl.col("status") == "not_started").alias("open_steps"),
            pl.col("phase_i").filter(pl.col("status") == "not_started").alias("open_phases"),
        )
        .filter(pl.col("last_done") > pl.col("first_open"))
    )
    out = []
    for r in strings(per).sort(["code", "business"], nulls_last=True).iter_rows(named=True):
        early, late = nat.phases[r["first_open"]].name, nat.phases[r["last_done"]].name
        open_here = [st for st, i in zip(r["open_steps"], r["open_phases"], strict=True) if i == r["first_open"]]
        opened, are = steps_named(open_here), "is" if len(open_here) == 1 else "are"
        out.append(
            finding(
                RULE.code,
                RULE.severity,
                {**r, "phase": nat.phases[r["first_open"]].id, "at_step": r["last_step"], "at_month": snap.month},
                Words(
                    f"{late.ja}のステップ{r['last_step']}が完了済みですが、前の{early.ja}の{opened.ja}が未着手です({snap.label})",
                    f"step {r['last_step']} of {late.en} is done while {opened.en} of {early.en} before it {are} not started ({snap.label})",
                ),
                nat,
                snap.file,
            )
        )
    return out


RULE = Rule(
    code="PG004",
    name="step-order",
    severity=Severity.WARNING,
    title=Words(
        "前のフェーズに未着手のステップを残して後のステップが完了",
        "A later step is done while an earlier phase has steps not started",
    ),
    what=Words(
        "最新のスナップショットで、システムごとに完了済みのステップのうち最も後のフェーズと、未着手のステップのある最も前のフェーズを比べ、後者が前なら報告します。",
        "At the latest snapshot, per system: the latest phase with a step 完了済み against the earliest phase with a step 未着手; reported when the latter comes first.",
    ),
    why=Words(
        "手順書のステップは前のフェーズの結果を使います(例えば移行計画はフィット&ギャップの結果から作ります)。順序どおりでない場合は、報告の誤りか、手戻りの危険です。手順は必ずしも順番に進まないため警告です。",
        "The procedure's steps build on earlier phases (the migration plan on the fit-gap's result): out of order is a wrong report or a risk of rework. Steps are not always done in order, hence a warning.",
    ),
    bad="# plans/progress/2025-05.csv: juki step 30 (移行) 完了済み, step 8 (fit-gap) 未着手\n#   -> PG004",
    good="# step 8 reported 作業中 or 完了済み, or step 30 reported as it really is",
    fix=Words(
        "報告が正しいか確かめてください。正しければ、前のフェーズの未着手のステップを早めに進めてください。",
        "Check the report; if it is right, take up the earlier phase's open steps soon.",
    ),
)
