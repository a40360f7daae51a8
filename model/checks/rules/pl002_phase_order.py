"""PL002 phase-order: a phase completes before a phase it depends on, or after a national date it must precede."""

from __future__ import annotations

from model.checks.context import Context, by_month, month_like, not_before
from model.checks.feasible import is_done
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.checks.rules.national_dates import national_words, report_not_ready
from model.core.dates import Month, Truth
from model.core.severity import Severity
from model.core.words import Words


def order(cx: Context, link: Link, src: Node, dst: Node, t: Truth, src_earliest: Month | None) -> None:
    """``dst`` completes before ``src``, which it follows."""
    sp, sb, dp, db = link.src[2], link.src[1], link.dst[2], link.dst[1]
    assert sp and dp and src.date and dst.date
    src_done, dst_done = is_done(cx, link.src), is_done(cx, link.dst)
    if src_done and dst_done:
        return  # both done: history, not a plan
    sj, se = cx.names(sp, sb)
    dj, de = cx.names(dp, db)
    a, b = src.date, dst.date
    if dst_done:
        # 完了 has no month to move: the planned predecessor is the one to confirm
        cx.add(
            RULE,
            t,
            dst.place,
            dp,
            db,
            Words(
                f"{dj}は完了済みですが、前提の{sj}は{a}の予定です。{sj}も完了していれば「完了」または [status] に done と書き、そうでなければ{dj}の状況を見直してください",
                f"{de} is done but {se} it depends on is planned for {a}; if {se} is done too, write 完了 or status done, else review the status of {de}",
            ),
            link.severity,
            (src.place,) if src.place else (),
            (a, b),
        )
        return
    # the second remedy (finish the earlier phase sooner) only where the national
    # timeline allows it, e.g. not a fit-gap analysis before its spec is out
    alt = src_earliest is None or b.lo >= src_earliest
    alt_ja = f"か、{sj}を{by_month(b)}までに終えて" if alt else ""
    alt_en = f", or finish {se} by {by_month(b)}" if alt else ""
    ja = f"{dj}({b})が、前提の{sj}({a})より前に完了する計画です。{dj}を{not_before(a)}以降にする{alt_ja}ください" if alt else f"{dj}({b})が、前提の{sj}({a})より前に完了する計画です。{dj}を{not_before(a)}以降にしてください"
    cx.add(
        RULE,
        t,
        dst.place,
        dp,
        db,
        Words(ja, f"{de} ({b}) completes before {se} ({a}) it depends on; move {de} to {not_before(a)} or later{alt_en}"),
        link.severity,
        (src.place,) if src.place else (),
        (a, b),
    )


def by(cx: Context, link: Link, phase: Node, target: Node, t: Truth) -> None:
    """``phase`` completes after a national date it must precede (a ``by`` constraint)."""
    pid, b = link.src[2], link.src[1]
    assert pid and phase.date and target.date
    latest = target.date.hi - link.min_months
    when = month_like(latest, phase.date)
    nj, ne = cx.names(pid, b)
    what = national_words(cx, str(link.dst[2]), [link])
    lag = Words(f"の{link.min_months}か月前", f" less {link.min_months} months") if link.min_months else Words("", "")
    cx.add(
        RULE,
        t,
        phase.place,
        pid,
        b,
        Words(
            f"{nj}({phase.date})が{what.ja}({month_like(target.date.hi, phase.date)}){lag.ja}より後です。{nj}を{when}までに終えてください",
            f"{ne} ({phase.date}) is after {what.en} ({month_like(target.date.hi, phase.date)}){lag.en}; finish {ne} by {when}",
        ),
        link.severity,
        dates=(phase.date,),
    )


def after_national(cx: Context, links: list[Link], national: Node, dst: Node, t: Truth, move_to: int) -> None:
    report_not_ready(cx, RULE, links, national, dst, t, move_to)


RULE = Rule(
    code='PL002',
    name='phase-order',
    severity=Severity.ERROR,
    title=Words(
        'フェーズが依存する前のフェーズより先に完了する',
        'A phase completes before a phase it depends on',
    ),
    what=Words(
        '各フェーズが、national.toml の依存関係(推進体制→概要調査→比較分析→移行計画→ベンダ選定→移行完了)や [[depends]] で前に来るべきフェーズより前に完了していないかを調べます。同じ月は問題ありません。',
        "Whether a phase completes before one it depends on, per national.toml's edges (governance → survey → fit-gap → plan → vendor selection → go-live) and the plan's [[depends]]. The same month is fine.",
    ),
    why=Words(
        '移行計画は比較分析の結果に基づき、ベンダ選定は移行計画に基づきます。順序が逆の計画は、前提のない作業を予定していることになります。',
        'The migration plan rests on the fit-gap analysis, the vendor selection on the plan. A reversed order schedules work without its basis.',
    ),
    bad='[phases]\nfit_gap = "R6.3"\nmigration_plan = "R5.9"',
    good='[phases]\nfit_gap = "R5.9"\nmigration_plan = "R6.3"',
    fix=Words(
        '後のフェーズを前のフェーズの完了以降にずらすか、前のフェーズを早く終える計画にしてください。',
        'Move the later phase after the earlier one, or finish the earlier phase sooner.',
    ),
    order=order,
    by=by,
    after_national=after_national,
)
