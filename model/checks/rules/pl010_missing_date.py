"""PL010 missing-date: a phase with no planned completion and no status saying why."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    for p in cx.nat.phases:
        e = plan.phases.get(p.id)
        if e is not None and (e.date is not None or e.status in ("n/a", "done")):
            continue
        place = e.place if e else None
        cx.add(RULE, Truth.CERTAIN, place, p.id, None, Words(f"{p.name.ja}の完了予定がありません。[phases] に {p.id} = \"R5\" のように書くか、対象外なら [status] に n/a と書いてください", f"{p.name.en} has no planned completion; add {p.id} = \"R5\" under [phases], or status n/a"))


RULE = Rule(
    code='PL010',
    name='missing-date',
    severity=Severity.WARNING,
    title=Words(
        'フェーズの完了予定がない',
        'A phase has no planned completion',
    ),
    what=Words(
        '6つのフェーズのうち日付がなく、status が n/a でもないものを調べます。',
        'Any of the six phases with no date and no status n/a.',
    ),
    why=Words(
        '日付のないフェーズは期限や順序を確認できず、集計からも漏れます。',
        'An undated phase cannot be checked against order or deadline and drops out of roll-ups.',
    ),
    bad='[phases]\ngovernance = "R4.10"\n# current_survey missing',
    good='[phases]\ngovernance = "R4.10"\ncurrent_survey = "R5"',
    fix=Words(
        '年度だけでもよいので完了予定を書くか、対象外なら [status] に n/a と書いてください。',
        'Write a completion (a fiscal year will do), or status n/a if it does not apply.',
    ),
    check=check,
)
