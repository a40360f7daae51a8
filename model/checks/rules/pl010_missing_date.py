"""PL010 missing-date: a phase with no planned completion and no status saying why."""

from __future__ import annotations

from model.checks.context import Context, month_like
from model.checks.rule import Rule
from model.core.constraints import FAMILIES
from model.core.dates import Truth
from model.core.national import national_milestone_dates
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    for i, p in enumerate(cx.nat.phases):
        e = plan.phases.get(p.id)
        if e is not None and (e.date is not None or e.status in ("n/a", "done")):
            continue
        place = e.place if e else None
        example = _example(cx, i)
        write_ja = (
            f'[phases] に {p.id} = "{example}" のように書くか' if example else f"[phases] に {p.id} の完了予定を書くか"
        )
        write_en = f'add {p.id} = "{example}" under [phases]' if example else f"add {p.id} under [phases]"
        ja = f"{p.name.ja}の完了予定がありません。{write_ja}、対象外なら [status] に n/a と書いてください"
        en = f"{p.name.en} has no planned completion; {write_en}, or status n/a"
        cx.add(RULE, Truth.CERTAIN, place, p.id, None, Words(ja, en))


def _example(cx: Context, i: int) -> str | None:
    """The earliest month the national constraints allow between the phases written around
    it (its predecessors plus their lead times, the spec and platform dates), if that is not
    past what must follow it (its successors, the deadline); None when they leave no room."""
    pid = cx.nat.phases[i].id
    strategy = cx.plan.vendor_strategy
    dates = national_milestone_dates(cx.nat)
    lo: int | None = None
    hi: int | None = None
    like = None
    for c in cx.nat.constraints:
        if c.when not in (None, strategy):
            continue
        if c.phase == pid and c.after is not None:
            if c.between_phases:
                e = cx.plan.phases.get(c.after)
                m = e.date.hi if e and e.date and not e.date.is_na and not e.date.is_done else None
                like = like or (e.date if e else None)
            elif c.after in FAMILIES:
                m = max((v for k, v in dates.items() if k.startswith(c.after + ".")), default=None)
            else:
                m = dates.get(c.after)
            if m is not None:
                lo = m + c.min_months if lo is None else max(lo, m + c.min_months)
        elif c.phase == pid and c.by is not None and (m := dates.get(c.by)) is not None:
            hi = m - c.min_months if hi is None else min(hi, m - c.min_months)
        elif c.after == pid and c.between_phases:
            e = cx.plan.phases.get(c.phase)
            if e and e.date and not e.date.is_na and not e.date.is_done:
                m = e.date.lo - c.min_months
                hi = m if hi is None else min(hi, m)
                like = like or e.date
    # the phases written before and after it, through any that are missing too (the order
    # runs through them: 移行計画作成 未定 does not let ベンダ選定 come before 比較分析)
    order = [p.id for p in cx.nat.phases]
    i = order.index(pid)
    for j, other in enumerate(order):
        e = cx.plan.phases.get(other)
        if j == i or e is None or e.date is None or e.date.is_na or e.date.is_done:
            continue
        if j < i:
            lo = e.date.hi if lo is None else max(lo, e.date.hi)
            like = like or e.date
        else:
            hi = e.date.lo if hi is None else min(hi, e.date.lo)
    if cx.as_of is not None:
        lo = cx.as_of if lo is None else max(lo, cx.as_of)
    if lo is None or (hi is not None and lo > hi):
        return None
    return month_like(lo, like)


RULE = Rule(
    code="PL010",
    name="missing-date",
    severity=Severity.WARNING,
    title=Words(
        "フェーズの完了予定がない",
        "A phase has no planned completion",
    ),
    what=Words(
        "6つのフェーズのうち日付がなく、status が n/a でもないものを調べます。",
        "Any of the six phases with no date and no status n/a.",
    ),
    why=Words(
        "日付のないフェーズは期限や順序を確認できず、集計からも漏れます。",
        "An undated phase cannot be checked against order or deadline and drops out of roll-ups.",
    ),
    bad='[phases]\ngovernance = "R4.10"\n# current_survey missing',
    good='[phases]\ngovernance = "R4.10"\ncurrent_survey = "R5"',
    fix=Words(
        "年度だけでもよいので完了予定を書くか、対象外なら [status] に n/a と書いてください。",
        "Write a completion (a fiscal year will do), or status n/a if it does not apply.",
    ),
    check=check,
)
