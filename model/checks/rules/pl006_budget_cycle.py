"""PL006 budget-cycle: a migration plan finished after the budget request for its vendor contract."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.feasible import latest
from model.checks.graph import lanes
from model.checks.rule import Rule
from model.core.dates import (
    Precision,
    after_month,
    fiscal_year_of,
    month_of,
    month_style,
    render_fiscal_year,
    render_month,
)
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    for lane in lanes(plan):
        vs = plan.entry("vendor_selection", lane)
        mp = plan.entry("migration_plan", lane)
        if not vs or not mp or not vs.date or not mp.date:
            continue
        if lane is not None and vs.inherited and mp.inherited:
            continue
        if vs.date.precision not in (Precision.MONTH, Precision.FISCAL_YEAR) or mp.date.is_na or mp.date.is_done:
            continue
        if "done" in (mp.status, vs.status):
            continue  # done: the budget was requested, or not, already
        fy = fiscal_year_of(vs.date.lo)
        budget = month_of(fy - 1, cx.nat.budget_request_month)
        t = after_month(mp.date, budget)
        if not t:
            continue
        fy_txt = render_fiscal_year(fy, month_style(vs.date))
        b_txt = render_month(budget, month_style(mp.date))
        pj, pe = cx.names("migration_plan", lane)
        vj, ve = cx.names("vendor_selection", lane)
        # the other remedy: contract in the next fiscal year, budgeted after this plan, where
        # the go-live still leaves the vendor its lead time
        nxt = month_of(fy + 1, 4)
        bound = latest(cx, cx.graph, ("phase", lane, "vendor_selection")) if cx.graph else None
        nxt_fy = render_fiscal_year(fy + 1, month_style(vs.date))
        if after_month(mp.date, budget + 12) or (bound is not None and nxt > bound.month):
            alt = Words("", "")
        else:
            n_txt = render_month(nxt, month_style(vs.date))
            alt = Words(
                f"か、{vj}を{nxt_fy}年度({n_txt}以降)の契約にして",
                f", or contract the vendor in FY {nxt_fy} ({ve} {n_txt} or later)",
            )
        cx.add(
            RULE,
            t,
            mp.place,
            "migration_plan",
            lane,
            Words(
                f"ベンダ選定({vs.date})は{fy_txt}年度の契約で、その予算要求は{b_txt}です。{pj}({mp.date})を{b_txt}までに終える{alt.ja}ください"
                if alt.ja
                else f"ベンダ選定({vs.date})は{fy_txt}年度の契約で、その予算要求は{b_txt}です。{pj}({mp.date})を{b_txt}までに終えてください",
                f"vendor selection ({vs.date}) is a contract in FY {fy_txt}, whose budget is requested in {b_txt}; finish {pe} ({mp.date}) by {b_txt}{alt.en}",
            ),
            related=(vs.place,),
            dates=(vs.date, mp.date),
        )


RULE = Rule(
    code="PL006",
    name="budget-cycle",
    severity=Severity.WARNING,
    title=Words(
        "ベンダ契約の前年度の予算要求(10月頃)までに移行計画ができていない",
        "The migration plan is not ready for the budget request of the contract's year",
    ),
    what=Words(
        "ベンダ選定(契約)が年度Nなら、その予算は年度N−1の秋(budget_request_month、既定10月)に要求します。移行計画作成がそれより後でないかを調べます。",
        "A vendor contract in fiscal year N needs money requested in the autumn of N−1 (budget_request_month, October by default); checks that the migration plan is done by then.",
    ),
    why=Words(
        "移行計画(調達範囲・方式・スケジュール)がなければ予算の根拠資料が作れず、契約年度に予算がつきません。",
        "Without the plan (scope, procurement, schedule) there is no basis for the budget request, and the contract year has no money.",
    ),
    bad='[phases]\nmigration_plan = "R5.12"\nvendor_selection = "R6.6"   # R6年度の契約 → R5.10 に予算要求',
    good='[phases]\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"',
    fix=Words(
        "移行計画作成を予算要求の月までに終えるか、ベンダ選定を翌年度にしてください。補正予算で対応する場合は [[ignore]] に理由を書いてください。",
        "Finish the plan by the budget month, or select the vendor a year later; if a supplementary budget covers it, suppress with a reason.",
    ),
    check=check,
)
