"""PL014 extended-deadline-past-limit: an extended deadline beyond the national limit."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.rule import Rule
from model.core.dates import after_month
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    limit = cx.nat.extended_deadline_limit
    if limit is None:
        return
    for bid, bp in cx.plan.businesses.items():
        ext = bp.extended_deadline
        if ext is None:
            continue
        if t := after_month(ext, limit.hi):
            line = cx.plan.entry("migration", bid)
            ja = f"{cx.nat.business_name(bid)}の延長期限 {ext} が国の目安 {limit} を超えています。延長期限を{limit}までにし、移行完了もそれまでに計画してください"
            en = f"the extended deadline {ext} of {cx.nat.business_name(bid, 'en')} is beyond the national limit {limit}; set it to {limit} or earlier and plan the go-live by then"
            cx.add(RULE, t, line.place if line else bp.place, "migration", bid, Words(ja, en), dates=(ext,))


RULE = Rule(
    code="PL014",
    name="extended-deadline-past-limit",
    severity=Severity.WARNING,
    title=Words(
        "延長期限が国の目安(概ね5年、R13.3)を超えている",
        "An extended deadline beyond the national limit (about 5 years, R13.3)",
    ),
    what=Words(
        "業務の extended_deadline が national.toml の extended_deadline_limit より後でないかを調べます。",
        "Whether a business's extended_deadline is after national.toml's extended_deadline_limit.",
    ),
    why=Words(
        "特定移行支援システムの期限は基本方針で概ね5年以内とされています。",
        "The basic policy gives specially supported systems roughly five more years.",
    ),
    bad='[business.koseki]\nextended_deadline = "R15.3"',
    good='[business.koseki]\nextended_deadline = "R13.3"',
    fix=Words(
        "延長期限を目安以内にしてください。",
        "Keep the extended deadline within the limit.",
    ),
    check=check,
)
