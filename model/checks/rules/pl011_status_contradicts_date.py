"""PL011 status-contradicts-date: a status that contradicts the date written for the phase."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.rule import Rule
from model.core.dates import Truth, after_month, month_style, render_month
from model.core.plan import STATUS_JA
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    as_of = cx.as_of
    for pid, bid, e in cx.entries():
        d, st = e.date, e.status
        if d is None or st is None:
            continue
        if d.is_done and st in ("not_started", "in_progress"):
            nj, ne = cx.names(pid, bid)
            ja = f"{nj}は「完了」ですが状況が{STATUS_JA[st]}です。どちらかを直してください"
            en = f"{ne} is 完了 but its status is {st}; correct one of them"
            cx.add(RULE, Truth.CERTAIN, e.place, pid, bid, Words(ja, en))
        if not d.is_na and not d.is_done and st == "n/a":
            nj, ne = cx.names(pid, bid)
            ja = f"{nj}は対象外(n/a)ですが日付 {d} があります。日付を消すか状況を直してください"
            en = f"{ne} is n/a but has the date {d}; remove the date or fix the status"
            cx.add(RULE, Truth.CERTAIN, e.place, pid, bid, Words(ja, en))
        if as_of is None or d.is_na or d.is_done or st != "done":
            continue
        if t := after_month(d, as_of):
            nj, ne = cx.names(pid, bid)
            asof = render_month(as_of, month_style(d))
            ja = f"{nj}は完了済み(done)ですが、完了予定 {d} は評価日 {asof} より後です。実際の完了月を書いてください"
            en = f"{ne} is done but planned for {d}, after the evaluation date {asof}; write the month it was done"
            cx.add(RULE, t, e.place, pid, bid, Words(ja, en), dates=(d,))


RULE = Rule(
    code="PL011",
    name="status-contradicts-date",
    severity=Severity.WARNING,
    title=Words(
        "状況(status)と日付が矛盾する",
        "A status that contradicts its date",
    ),
    what=Words(
        "「完了」なのに未着手・作業中、評価日より後の予定なのに done、対象外(n/a)なのに日付がある、などを調べます。",
        "完了 with status not_started or in_progress; done with a date after the evaluation date; n/a with a date.",
    ),
    why=Words(
        "集計や遅延判定は状況と日付の両方を使います。矛盾はどちらかが古い印です。",
        "Roll-ups and overdue checks use both; a contradiction means one of them is stale.",
    ),
    bad='[phases]\nfit_gap = "完了"\n[status]\nfit_gap = "in_progress"',
    good='[phases]\nfit_gap = "完了"\n[status]\nfit_gap = "done"',
    fix=Words(
        "実態に合わせて status か日付を直してください。",
        "Correct whichever of status and date is stale.",
    ),
    check=check,
)
