"""PL009 vendor-strategy-mismatch: vendor_strategy says one thing and the vendor-selection column another."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    vs = plan.phases.get("vendor_selection")
    declared = plan.declared_strategy
    if not declared:
        return
    related = (plan.strategy_place,) if plan.strategy_place else ()
    if declared == "current_vendor" and vs and vs.date and not vs.date.is_na:
        ja = f"vendor_strategy は current_vendor(現行ベンダで標準化)ですが、ベンダ選定に日付 {vs.date} があります。どちらかに揃えてください"
        en = (
            f"The plan's vendor_strategy is current_vendor but vendor selection has the date {vs.date}; make them agree"
        )
        cx.add(RULE, Truth.CERTAIN, vs.place, "vendor_selection", None, Words(ja, en), related=related)
    muni_contradicts = declared == "current_vendor" and vs is not None and vs.date is not None and not vs.date.is_na
    if declared == "current_vendor" and not muni_contradicts:
        # businesses that select a vendor although the plan says the current one stays: one
        # finding at the first, counting the others
        dated = [
            (bid, e)
            for bid, bp in plan.businesses.items()
            if (e := bp.phases.get("vendor_selection")) is not None and e.date is not None and not e.date.is_na
        ]
        if dated:
            bid, e = dated[0]
            b, be = cx.nat.business_name(bid), cx.nat.business_name(bid, "en")
            more = (
                Words(f"(ほか{len(dated) - 1}業務も)", f" (and {len(dated) - 1} more businesses)")
                if len(dated) > 1
                else Words("", "")
            )
            ja = f"vendor_strategy は current_vendor(現行ベンダで標準化)ですが、{b}のベンダ選定に日付 {e.date} があります{more.ja}。業務ごとにベンダを替えるなら vendor_strategy を削除し、替えないなら「現行ベンダで標準化」と書いてください"
            en = f"The plan's vendor_strategy is current_vendor but vendor selection of {be} has the date {e.date}{more.en}; if some businesses change vendor, delete vendor_strategy, else write 現行ベンダで標準化"
            cx.add(RULE, Truth.CERTAIN, e.place, "vendor_selection", bid, Words(ja, en), related=related)
    if declared == "new_vendor" and vs and vs.date and vs.date.is_na:
        ja = f"vendor_strategy は new_vendor ですが、ベンダ選定は「{vs.date}」です。どちらかに揃えてください"
        en = f"The plan's vendor_strategy is new_vendor but vendor selection says {vs.date}; make them agree"
        cx.add(RULE, Truth.CERTAIN, vs.place, "vendor_selection", None, Words(ja, en), related=related)


RULE = Rule(
    code="PL009",
    name="vendor-strategy-mismatch",
    severity=Severity.ERROR,
    title=Words(
        "現行ベンダで標準化する計画なのにベンダ選定日がある(またはその逆)",
        "A current-vendor plan with a vendor-selection date, or the reverse",
    ),
    what=Words(
        "vendor_strategy の宣言と、ベンダ選定欄(日付か「現行ベンダで標準化」)が矛盾していないかを調べます。",
        "Whether the declared vendor_strategy contradicts the vendor-selection column (a date, or 現行ベンダで標準化).",
    ),
    why=Words(
        "どちらが正しいかで、必要な期間・予算・リードタイムの判定が変わります。",
        "Which one is true changes the lead times, budget and checks that apply.",
    ),
    bad='vendor_strategy = "current_vendor"\n[phases]\nvendor_selection = "R6.6"',
    good='vendor_strategy = "current_vendor"\n[phases]\nvendor_selection = "現行ベンダで標準化"',
    fix=Words(
        "どちらか一方に揃えてください。",
        "Make the two agree.",
    ),
    check=check,
)
