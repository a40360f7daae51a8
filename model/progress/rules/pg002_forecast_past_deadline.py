"""PG002 forecast-past-deadline: at the system's own pace over its snapshots it finishes after
its deadline (R8.3, or the business's extended deadline)."""

from __future__ import annotations

import polars as pl

from model.checks.rule import Rule
from model.core.dates import render_month
from model.core.severity import Severity
from model.core.words import Words
from model.progress.forecast import forecast
from model.progress.frames import ProgressContext, ProgressFinding, finding, with_plans
from model.progress.snapshot import iso_month


def check(cx: ProgressContext) -> list[ProgressFinding]:
    snaps, nat = cx.snaps, cx.nat
    if len(snaps) < 2:
        return []
    fc = forecast(snaps, nat)
    go_live = pl.col("phase") == "migration"  # the finding is at the business's go-live in its plan
    deadlines = cx.plans.group_by(["p_code", "p_name", "plan_file", "business"]).agg(
        pl.col("deadline").first(), pl.col("line").filter(go_live).first(), pl.col("col").filter(go_live).first()
    )
    joined = with_plans(fc, deadlines)
    n = len(nat.steps)
    late = joined.filter(
        (pl.col("done") < n) & (pl.col("projected").is_null() | (pl.col("projected") > pl.col("deadline")))
    )
    out = []
    for r in late.sort(["code", "business"], nulls_last=True).iter_rows(named=True):
        dl = render_month(r["deadline"])
        first, last = iso_month(r["first"]), iso_month(r["last"])
        if r["projected"] is None:
            words = Words(
                f"{first}〜{last} の{r['snapshots']}回の報告で完了ステップが増えていません({r['done']}/{n})。このままでは期限 {dl} に間に合いません",
                f"no step completed over {r['snapshots']} reports ({first} to {last}; {r['done']}/{n} done): at this pace it misses the deadline {dl}",
            )
        else:
            pace, when = r["pace"], render_month(r["projected"])
            words = Words(
                f"現在のペース(月{pace:.1f}ステップ、{first}〜{last})では {when} に完了見込みで、期限 {dl} を過ぎます(残り{n - r['done']}ステップ)",
                f"at its pace ({pace:.1f} steps a month, {first} to {last}) it finishes in {when}, after the deadline {dl} ({n - r['done']} steps left)",
            )
        out.append(finding(RULE.code, RULE.severity, {**r, "phase": None}, words, nat))
    return out


RULE = Rule(
    code="PG002",
    name="forecast-past-deadline",
    severity=Severity.ERROR,
    title=Words("今のペースでは期限までに終わらない", "At its pace the system finishes after its deadline"),
    what=Words(
        "システム(団体 × 業務)ごとに、2回以上のスナップショットから完了ステップ数の推移を最小二乗で直線にし(月あたりのステップ数)、残りのステップが終わる月を求めます。それが期限(R8.3、業務の延長期限があればそれ)より後か、完了ステップが増えていなければ報告します。",
        "Per system (municipality × business), over at least two snapshots: the pace (steps completed a month, a least-squares line) and the month the last step is done at that pace. Reported when that month is after the deadline (R8.3, or the business's extended deadline), or when no step was completed (stalled).",
    ),
    why=Words(
        "期限に間に合わないことが、計画の日付を見直す前に数字でわかります。見込み月とペースは、どれだけ速く進めればよいかの目安になります。",
        "It shows in figures that the deadline will be missed, before anyone re-plans the dates; the projected month and the pace say how much faster it has to go.",
    ),
    bad="# plans/progress/2025-04.csv: juki 10 of 40 steps done\n# plans/progress/2025-05.csv: juki 11 of 40 steps done\n#   -> PG002: 1.0 steps a month, finishes R9.10, after the deadline R8.3",
    good='[business.juki]\nextended_deadline = "R10.3"   # an extension granted for it\n# or: a faster pace (at least 29 steps in the 10 months to R8.3)',
    fix=Words(
        "ペースを上げる(ベンダーや体制の見直し)か、移行困難システムとして延長期限を申請し [business.<id>] extended_deadline に記録してください。",
        "Raise the pace (vendor, staffing), or apply for an extended deadline as a 移行困難 system and record it as [business.<id>] extended_deadline.",
    ),
)
