"""PL002 phase-order: a phase completes before a phase it depends on, or after a national date it must precede."""

from __future__ import annotations

from model.checks.context import Context, by_month, month_like, not_before
from model.checks.feasible import earliest, is_done, latest
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
        ja = f"{dj}は完了済みですが、前提の{sj}は{a}の予定です。{sj}も完了していれば「完了」または [status] に done と書き、そうでなければ{dj}の状況を見直してください"
        en = f"{de} is done but {se} it depends on is planned for {a}; if {se} is done too, write 完了 or status done, else review the status of {de}"
        cx.add(RULE, t, dst.place, dp, db, Words(ja, en), link.severity, (src.place,) if src.place else (), (a, b))
        return
    assert cx.graph is not None
    cx.add(
        RULE,
        t,
        dst.place,
        dp,
        db,
        Words(
            f"{dj}({b})が、前提の{sj}({a})より前に完了する計画です。",
            f"{de} ({b}) completes before {se} ({a}) it depends on; ",
        )
        + _remedy(cx, link, src, dst),
        link.severity,
        (src.place,) if src.place else (),
        (a, b),
    )


def _remedy(cx: Context, link: Link, src: Node, dst: Node) -> Words:
    """Only remedies that can be followed: move the later phase later where what waits for
    it allows that (its successors, the deadline, the budget cycle), finish the earlier one
    sooner where what it waits for allows that (its predecessors, the spec, the evaluation
    month); where neither can, say what holds them."""
    assert src.date and dst.date and cx.graph
    a, b = src.date, dst.date
    sj, se = cx.names(str(link.src[2]), link.src[1])
    dj, de = cx.names(str(link.dst[2]), link.dst[1])
    later, sooner = not_before(a), by_month(b)
    high = latest(cx, cx.graph, link.dst, skip=link.src)
    low = None if is_done(cx, link.src) else earliest(cx, cx.graph, link.src, skip=link.dst)
    move_dst = high is None or a.hi <= high.month
    move_src = not is_done(cx, link.src) and (low is None or b.lo >= low.month)
    if move_dst and move_src:
        return Words(
            f"{dj}を{later}以降にするか、{sj}を{sooner}までに終えてください",
            f"move {de} to {later} or later, or finish {se} by {sooner}",
        )
    if move_dst:
        return Words(f"{dj}を{later}以降にしてください", f"move {de} to {later} or later")
    if move_src:
        why = (
            Words(f"{dj}は{high.holder.ja}までに終える必要があるため、", f"{de} must finish by {high.holder.en}, so ")
            if high
            else Words("", "")
        )
        return why + Words(f"{sj}を{sooner}までに終えてください", f"finish {se} by {sooner}")
    if low is not None and high is not None and low.month <= high.month:
        # both can move into the months between what the earlier one waits for and what
        # waits for the later one (usually: write the year-only dates as months)
        lo_txt, hi_txt = month_like(low.month, a), month_like(high.month, b)
        span = Words(lo_txt, lo_txt) if low.month == high.month else Words(f"{lo_txt}〜{hi_txt}", f"{lo_txt}-{hi_txt}")
        return Words(
            f"{sj}と{dj}を{span.ja}の月にし、{sj}を先にしてください(例: どちらも{lo_txt})",
            f"set {se} and {de} to months in {span.en}, {se} first (e.g. both {lo_txt})",
        )
    held_hi = high.holder if high else Words("", "")
    held_lo = low.holder if low else Words("完了済み", "done")
    return Words(
        f"{dj}は{held_hi.ja}までに、{sj}は{held_lo.ja}より後にしか終えられないため、{held_lo.ja}を早めるか、{held_hi.ja}を見直してください",
        f"{de} must finish by {held_hi.en} and {se} cannot finish before {held_lo.en}: bring {held_lo.en} forward or review {held_hi.en}",
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
    ja = f"{nj}({phase.date})が{what.ja}({month_like(target.date.hi, phase.date)}){lag.ja}より後です。{nj}を{when}までに終えてください"
    en = f"{ne} ({phase.date}) is after {what.en} ({month_like(target.date.hi, phase.date)}){lag.en}; finish {ne} by {when}"
    cx.add(RULE, t, phase.place, pid, b, Words(ja, en), link.severity, dates=(phase.date,))


def after_national(cx: Context, links: list[Link], national: Node, dst: Node, t: Truth, move_to: int) -> None:
    report_not_ready(cx, RULE, links, national, dst, t, move_to)


RULE = Rule(
    code="PL002",
    name="phase-order",
    severity=Severity.ERROR,
    title=Words(
        "フェーズが依存する前のフェーズより先に完了する",
        "A phase completes before a phase it depends on",
    ),
    what=Words(
        "各フェーズが、national.toml の依存関係(推進体制→概要調査→比較分析→移行計画→ベンダ選定→移行完了)や [[depends]] で前に来るべきフェーズより前に完了していないかを調べます。同じ月は問題ありません。",
        "Whether a phase completes before one it depends on, per national.toml's edges (governance → survey → fit-gap → plan → vendor selection → go-live) and the plan's [[depends]]. The same month is fine.",
    ),
    why=Words(
        "移行計画は比較分析の結果に基づき、ベンダ選定は移行計画に基づきます。順序が逆の計画は、前提のない作業を予定していることになります。",
        "The migration plan rests on the fit-gap analysis, the vendor selection on the plan. A reversed order schedules work without its basis.",
    ),
    bad='[phases]\nfit_gap = "R6.3"\nmigration_plan = "R5.9"',
    good='[phases]\nfit_gap = "R5.9"\nmigration_plan = "R6.3"',
    fix=Words(
        "後のフェーズを前のフェーズの完了以降にずらすか、前のフェーズを早く終える計画にしてください。",
        "Move the later phase after the earlier one, or finish the earlier phase sooner.",
    ),
    order=order,
    by=by,
    after_national=after_national,
)
