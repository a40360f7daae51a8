"""PG001 behind-plan: a phase's planned completion has passed at the snapshot's month, but its
steps are not all 完了済み/対象外."""

from __future__ import annotations

import polars as pl

from model.checks.rule import Rule
from model.core.dates import render_month
from model.core.severity import Severity
from model.core.words import Words
from model.progress.frames import ProgressContext, ProgressFinding, finding, steps_named


def check(cx: ProgressContext) -> list[ProgressFinding]:
    snap, nat = cx.latest, cx.nat
    late = cx.open_phases.filter(pl.col("planned").is_not_null() & (pl.col("planned") < snap.month))
    out = []
    for r in late.sort(["code", "business", "phase"], nulls_last=True).iter_rows(named=True):
        when = render_month(r["planned"])
        n, k, steps = r["steps"], r["open"], steps_named(r["open_steps"])
        ph = nat.phase(r["phase"]).name
        out.append(
            finding(
                RULE.code,
                RULE.severity,
                r,
                Words(
                    f"{ph.ja}の完了予定 {when} を過ぎていますが、{snap.label} 時点で{n}ステップ中{k}ステップが未完了です({steps.ja})",
                    f"{ph.en} was planned done by {when}, but at {snap.label} {k} of its {n} steps {'is' if k == 1 else 'are'} not done ({steps.en})",
                ),
                nat,
            )
        )
    return out


RULE = Rule(
    code="PG001",
    name="behind-plan",
    severity=Severity.WARNING,
    title=Words(
        "完了予定を過ぎたフェーズに未完了のステップがある",
        "A phase's planned completion has passed with steps not done",
    ),
    what=Words(
        "最新のスナップショットの月に、計画の完了予定月(最後の月)を過ぎたフェーズについて、そのフェーズのステップ(手順書の40ステップのうち該当するもの)がすべて完了済みか対象外かを調べます。",
        "At the latest snapshot's month, for each phase whose planned completion (its last month) has passed: are all of its steps (of the procedure's 40) 完了済み or 対象外?",
    ),
    why=Words(
        "計画と国の進捗管理の報告が食い違うと、遅れが計画からは見えません。後続のフェーズと期限への影響を早く知るためです。",
        "When the plan and the tracker's report disagree the delay does not show in the plan; seen early, its effect on later phases and the deadline can be planned for.",
    ),
    bad='[phases]\ngovernance = "R6.12"\n# plans/progress/2025-05.csv: juki steps 1-2 完了済み, 3 作業中\n#   -> PG001: governance planned R6.12, step 3 not done at 2025-05',
    good='[phases]\ngovernance = "R7.6"   # re-planned after the actual progress\n# or: step 3 reported 完了済み in the next snapshot',
    fix=Words(
        "遅れているステップを進めて次のスナップショットで完了済みと報告するか、計画の完了予定を実態に合わせて見直してください。",
        "Finish the open steps and report them 完了済み in the next snapshot, or re-plan the phase to a month it can make.",
    ),
)
