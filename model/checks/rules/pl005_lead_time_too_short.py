"""PL005 lead-time-too-short: too few months between a phase and the one that needs a lead time after it."""

from __future__ import annotations

from model.checks.context import Context, month_like
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def lead(cx: Context, link: Link, src: Node, dst: Node, t: Truth) -> None:
    """``dst`` completes less than ``min_months`` after ``src``."""
    sp, sb, dp, db = link.src[2], link.src[1], link.dst[2], link.dst[1]
    assert sp and dp and src.date and dst.date
    a, b = src.date, dst.date
    need = link.min_months
    fix = b.lo - need  # finish src by this month to leave `need` months before dst
    gap_lo, gap_hi = b.lo - a.hi, b.hi - a.lo
    gap_ja = f"{gap_hi}か月しかありません" if t is Truth.CERTAIN else f"最短で{max(gap_lo, 0)}か月しかありません"
    gap_en = f"only {gap_hi} months" if t is Truth.CERTAIN else f"as little as {max(gap_lo, 0)} months"
    sj, se = cx.names(sp, sb)
    dj, de = cx.names(dp, db)
    cx.add(
        RULE,
        t,
        src.place,
        sp,
        sb,
        Words(
            f"{sj}({a})から{dj}({b})まで{gap_ja}({need}か月必要)。{sj}を{month_like(fix, a)}までに終えて{need}か月を確保してください",
            f"{gap_en} from {se} ({a}) to {de} ({b}), {need} needed; finish {se} by {month_like(fix, a)} to leave {need} months",
        ),
        link.severity,
        (dst.place,) if dst.place else (),
        (a, b),
    )


RULE = Rule(
    code='PL005',
    name='lead-time-too-short',
    severity=Severity.ERROR,
    title=Words(
        'フェーズ間の期間が足りない(ベンダ選定から移行完了まで12か月未満など)',
        'Too little time between phases (under 12 months from vendor selection to go-live, …)',
    ),
    what=Words(
        'national.toml の min_months(ベンダ選定→移行完了は12か月、現行ベンダで標準化する場合は移行計画→移行完了が12か月)や [[depends]] の min_months より短い間隔を調べます。',
        'Gaps shorter than the min_months in national.toml (12 months from vendor selection to go-live; from the migration plan when the current vendor standardizes) or in [[depends]].',
    ),
    why=Words(
        'データ移行、テスト、研修、条例改正などに最低限の期間が必要です。短すぎる計画は期限直前の失敗につながります。',
        'Data migration, testing, training and by-law changes need a minimum time; a squeezed plan fails at the deadline.',
    ),
    bad='[phases]\nvendor_selection = "R7.4"\nmigration = "R8.3"',
    good='[phases]\nvendor_selection = "R7.3"\nmigration = "R8.3"',
    fix=Words(
        '前のフェーズを早めて必要な期間を確保してください(メッセージが期限を示します)。',
        'Finish the earlier phase sooner to leave the required months (the message gives the date).',
    ),
    lead=lead,
)
