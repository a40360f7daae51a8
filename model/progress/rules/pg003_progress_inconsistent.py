"""PG003 progress-inconsistent: a step 完了済み in one snapshot and 未着手 in the next; a plan
status ``done`` for a phase whose steps are not done at the latest snapshot."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from model.checks.rule import Rule
from model.core.severity import Severity
from model.core.words import Words
from model.progress.frames import ProgressContext, ProgressFinding, finding, steps_named, strings
from model.progress.hand import is_stored, laid_over


def check(cx: ProgressContext) -> list[ProgressFinding]:
    return [*plan_says_done(cx), *went_back(cx)]


def plan_says_done(cx: ProgressContext) -> list[ProgressFinding]:
    """A plan status ``done`` for a phase with steps not done at the latest snapshot."""
    nat, label = cx.nat, cx.latest.label
    done = cx.open_phases.filter(pl.col("plan_status") == "done")
    out = []
    for r in done.sort(["code", "business", "phase"], nulls_last=True).iter_rows(named=True):
        ph, steps = nat.phase(r["phase"]).name, steps_named(r["open_steps"])
        are = "is" if len(r["open_steps"]) == 1 else "are"
        out.append(
            finding(
                RULE.code,
                RULE.severity,
                r,
                Words(
                    f"計画の状況(status)では{ph.ja}が完了済みですが、{label} 時点で{steps.ja}が未完了です",
                    f"the plan's status says {ph.en} is done, but at {label} {steps.en} {are} not done",
                ),
                nat,
            )
        )
    return out


def went_back(cx: ProgressContext) -> list[ProgressFinding]:
    """A step 完了済み in a snapshot and 未着手 in the next one. A month recorded only by hand
    is compared with, and then laid over, the state before it: the systems it does not list
    are compared across it (a went-back from 2025-04 to 2025-06 is found whatever a plan
    recorded for 2025-05)."""
    out: list[ProgressFinding] = []
    keys = ["code", "municipality", "business", "step"]
    state, label = cx.snaps[0], cx.snaps[0].label
    for new in cx.snaps[1:]:
        old, old_label = state, label
        if is_stored(new):
            state, label = new, new.label
        else:
            state = replace(new, frame=laid_over(state.frame, new.frame))
            label = Words(f"{new.label} 時点で", f"as at {new.label}")
        a = old.frame.lazy().filter(pl.col("status") == "done").select(keys)
        b = new.frame.lazy().filter(pl.col("status") == "not_started").select(keys)
        back = strings(  # joined on the categoricals; only the few rows that went back as strings
            a.join(b, on=keys, nulls_equal=True)
            .group_by(["code", "municipality", "business"])
            .agg(pl.col("step").sort())
            .collect()
        )
        for r in back.sort(["code", "business"], nulls_last=True).iter_rows(named=True):
            steps = steps_named(r["step"])
            were = "was" if len(r["step"]) == 1 else "were"
            out.append(
                finding(
                    RULE.code,
                    RULE.severity,
                    {**r, "phase": None, "at_step": r["step"][0], "at_month": new.month},
                    Words(
                        f"{steps.ja} が {_said(old_label, 'ja')}完了済み、{new.label} に未着手と報告されています",
                        f"{steps.en} {were} reported done {_said(old_label, 'en')} and not started at {new.label}",
                    ),
                    cx.nat,
                    new.file,
                )
            )
    return out


def _said(label: str | Words, lang: str) -> str:
    """When a status was reported: a month (``2025-04``; "at 2025-04") or the state as at one."""
    if isinstance(label, Words):
        return label(lang)
    return f"{label} に" if lang == "ja" else f"at {label}"


RULE = Rule(
    code="PG003",
    name="progress-inconsistent",
    severity=Severity.WARNING,
    title=Words("進捗の報告が矛盾している", "Progress reports contradict each other or the plan"),
    what=Words(
        "あるスナップショットで完了済みのステップが次のスナップショットで未着手になっていないか、また計画で status が done のフェーズに、最新のスナップショットで未完了のステップがないかを調べます。",
        "A step 完了済み in one snapshot and 未着手 in the next; and a phase whose plan status is done while the latest snapshot has steps of it not done.",
    ),
    why=Words(
        "どちらかの報告が誤っています。誤った報告は完了率と見込みを狂わせ、遅れを隠します。",
        "One of the reports is wrong; a wrong report skews the rates and the forecast, and can hide a delay.",
    ),
    bad='[status]\ngovernance = "done"\n# plans/progress/2025-05.csv: juki step 3 作業中\n#   -> PG003: the plan says governance is done, step 3 is not',
    good='[status]\ngovernance = "in_progress"   # as the tracker reports it\n# or: step 3 reported 完了済み, as it is',
    fix=Words(
        "正しい方に合わせてください。報告が誤りなら進捗管理の報告を訂正し、計画が誤りなら [status] を直します。",
        "Correct whichever is wrong: the tracker's report, or the plan's [status].",
    ),
)
