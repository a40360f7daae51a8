"""PL005 lead-time-too-short: too few months between a phase and the one that needs a lead time after it."""

from __future__ import annotations

from model.checks.context import Context, month_like, months_en
from model.checks.feasible import earliest, is_done, latest
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.core.dates import Truth, fiscal_year_of, month_of, month_style, render_fiscal_year
from model.core.severity import Severity
from model.core.words import Words


def lead(cx: Context, link: Link, src: Node, dst: Node, t: Truth) -> None:
    """``dst`` completes less than ``min_months`` after ``src``."""
    sp, sb, dp, db = link.src[2], link.src[1], link.dst[2], link.dst[1]
    assert sp and dp and src.date and dst.date and cx.graph
    if is_done(cx, link.src) and is_done(cx, link.dst):
        return  # both done: history, not a plan
    a, b = src.date, dst.date
    need = link.min_months
    gap_lo, gap_hi = b.lo - a.hi, b.hi - a.lo
    low_gap = max(gap_lo, 0)
    if t is not Truth.CERTAIN:
        gap_ja, gap_en = f"最短で{low_gap}か月しかありません", f"as little as {months_en(low_gap)}"
    elif low_gap < gap_hi:  # a year-only date: a range of gaps, all too short
        gap_ja, gap_en = f"{low_gap}〜{gap_hi}か月しかありません", f"only {low_gap}-{months_en(gap_hi)}"
    else:
        gap_ja, gap_en = f"{gap_hi}か月しかありません", f"only {months_en(gap_hi)}"
    sj, se = cx.names(sp, sb)
    dj, de = cx.names(dp, db)
    cx.add(
        RULE,
        t,
        src.place,
        sp,
        sb,
        Words(
            f"{sj}({a})から{dj}({b})まで{gap_ja}({need}か月必要)。",
            f"{gap_en} from {se} ({a}) to {de} ({b}), {need} needed; ",
        )
        + _advice(cx, link, src, dst),
        link.severity,
        (dst.place,) if dst.place else (),
        (a, b),
    )


def _budget_follow_up(cx: Context, link: Link, fix: int) -> Words:
    """An earlier vendor selection may fall in an earlier fiscal year, whose budget is
    requested sooner: say what else must move, so that following the advice creates no
    budget-cycle finding (PL006)."""
    if link.src[2] != "vendor_selection" or cx.graph is None:
        return Words("", "")
    key = ("phase", link.src[1], "migration_plan")
    mp = cx.graph.nodes.get(key)
    if mp is None or mp.date is None or mp.date.is_na or is_done(cx, key):
        return Words("", "")
    fy = fiscal_year_of(fix)
    budget = month_of(fy - 1, cx.nat.budget_request_month)
    if mp.date.hi <= budget:
        return Words("", "")
    pj, pe = cx.names("migration_plan", link.src[1])
    b_txt, fy_txt = month_like(budget, mp.date), render_fiscal_year(fy, month_style(mp.date))
    low = earliest(cx, cx.graph, key)
    if low is None or low.month <= budget:
        return Words(
            f"。あわせて{pj}({mp.date})を{b_txt}までに終えてください({fy_txt}年度の契約の予算要求は{b_txt}です)",
            f"; then also finish {pe} ({mp.date}) by {b_txt}, the budget request for a contract in FY {fy_txt}",
        )
    return Words(
        f"。ただし{fy_txt}年度の契約の予算要求は{b_txt}で、{pj}({mp.date})は{low.holder.ja}より前に終えられません。計画全体の修正案は plans lint --diff で確認してください",
        f"; but a contract in FY {fy_txt} is budgeted in {b_txt}, and {pe} ({mp.date}) cannot finish before {low.holder.en}: see plans lint --diff for a whole-plan fix",
    )


def _advice(cx: Context, link: Link, src: Node, dst: Node) -> Words:
    """Only advice that can be followed: finish ``src`` sooner where what it waits for
    allows it, else move ``dst`` later where what waits for it allows that, else say what
    holds both."""
    assert src.date and dst.date and cx.graph
    a, b, need = src.date, dst.date, link.min_months
    sj, se = cx.names(str(link.src[2]), link.src[1])
    dj, de = cx.names(str(link.dst[2]), link.dst[1])
    fix = b.lo - need  # finish src by this month to leave `need` months before dst
    low = None if is_done(cx, link.src) else earliest(cx, cx.graph, link.src)
    if not is_done(cx, link.src) and (low is None or fix >= low.month):
        advice = Words(
            f"{sj}を{month_like(fix, a)}までに終えて{need}か月を確保してください",
            f"finish {se} by {month_like(fix, a)} to leave {months_en(need)}",
        )
        return advice + _budget_follow_up(cx, link, fix)
    later = a.hi + need
    high = None if is_done(cx, link.dst) else latest(cx, cx.graph, link.dst)
    why = (
        Words(f"{sj}は{low.holder.ja}より前に終えられません。", f"{se} cannot finish before {low.holder.en}; ")
        if low
        else Words("", "")
    )
    if not is_done(cx, link.dst) and (high is None or later <= high.month):
        return why + Words(
            f"{dj}を{month_like(later, b)}以降にしてください", f"move {de} to {month_like(later, b)} or later"
        )
    held = high.holder if high else Words("完了済み", "done")
    if low is not None and low.key is not None and low.key[2] and not is_done(cx, low.key):
        # what holds the earlier phase is a phase too: both finish sooner
        hj, he = cx.names(low.key[2], low.key[1])
        h_fix = month_like(fix - low.lag, a)
        return why + Words(
            f"{dj}も{held.ja}より後にできないため、{hj}を{h_fix}までに、{sj}を{month_like(fix, a)}までに終えてください",
            f"{de} cannot move past {held.en} either, so finish {he} by {h_fix} and {se} by {month_like(fix, a)}",
        )
    return why + Words(
        f"{dj}も{held.ja}より後にできないため、この期限では計画できません。特定移行支援システムなら延長期限を記載してください",
        f"{de} cannot move past {held.en} either: no schedule meets this deadline; for a declared system, give its extended deadline",
    )


RULE = Rule(
    code="PL005",
    name="lead-time-too-short",
    severity=Severity.ERROR,
    title=Words(
        "フェーズ間の期間が足りない(ベンダ選定から移行完了まで12か月未満など)",
        "Too little time between phases (under 12 months from vendor selection to go-live, …)",
    ),
    what=Words(
        "national.toml の min_months(ベンダ選定→移行完了は12か月、現行ベンダで標準化する場合は移行計画→移行完了が12か月)や [[depends]] の min_months より短い間隔を調べます。",
        "Gaps shorter than the min_months in national.toml (12 months from vendor selection to go-live; from the migration plan when the current vendor standardizes) or in [[depends]].",
    ),
    why=Words(
        "データ移行、テスト、研修、条例改正などに最低限の期間が必要です。短すぎる計画は期限直前の失敗につながります。",
        "Data migration, testing, training and by-law changes need a minimum time; a squeezed plan fails at the deadline.",
    ),
    bad='[phases]\nvendor_selection = "R7.4"\nmigration = "R8.3"',
    good='[phases]\nvendor_selection = "R7.3"\nmigration = "R8.3"',
    fix=Words(
        "前のフェーズを早めて必要な期間を確保してください(メッセージが期限を示します)。",
        "Finish the earlier phase sooner to leave the required months (the message gives the date).",
    ),
    lead=lead,
)
