"""PL007 overdue: a planned completion already past at the evaluation date, with no status saying it is done."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.rule import Rule
from model.core.dates import Precision, before_month, month_style, render_month
from model.core.plan import STATUS_JA
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    as_of = cx.as_of
    if as_of is None:
        return
    na, done = Precision.NA, Precision.DONE
    # this visits every date of a plan: names and the month are rendered only for a finding
    for pid, bid, e in cx.entries():
        d = e.date
        if d is None or d.precision is na or d.precision is done or d.lo >= as_of:
            continue
        st = e.status
        if st in ("done", "n/a"):
            continue
        if t := before_month(d, as_of):
            nj, ne = cx.names(pid, bid)
            asof = render_month(as_of, month_style(d))
            state = f"状況が{STATUS_JA[st]}です" if st else "状況の記録がありません"
            ja = f"{nj}の完了予定 {d} を評価日 {asof} の時点で過ぎていますが、{state}。完了していれば [status] に done を、未完了なら予定を見直してください"
            en = f"{ne} was planned for {d} and is past at the evaluation date {asof}, but {'its status is ' + st if st else 'no status is recorded'}; record done, or re-plan it"
            cx.add(RULE, t, e.place, pid, bid, Words(ja, en), dates=(d,))


RULE = Rule(
    code="PL007",
    name="overdue",
    severity=Severity.WARNING,
    title=Words(
        "完了予定を過ぎたのに完了になっていない",
        "A planned completion has passed and the phase is not done",
    ),
    what=Words(
        "評価日(--as-of、または national.toml の evaluation_date、なければ今日)時点で完了予定月を過ぎ、status が done でないフェーズを調べます。",
        "Phases whose planned month has passed at the evaluation date (--as-of, national.toml's evaluation_date, or today) without status done.",
    ),
    why=Words(
        "遅れは後続のフェーズと期限に波及します。早く気づけば計画を組み直せます。",
        "A slip propagates to later phases and the deadline; seen early, it can be re-planned.",
    ),
    bad='[phases]\ngovernance = "R4.1"\n# evaluated at R4.2, no status',
    good='[phases]\ngovernance = "R4.1"\n[status]\ngovernance = "done"',
    fix=Words(
        "完了していれば [status] に done を記録し、未完了なら完了予定を見直してください。",
        'Record status = "done" if it is done; otherwise re-plan the completion.',
    ),
    check=check,
)
