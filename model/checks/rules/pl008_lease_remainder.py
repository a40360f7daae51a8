"""PL008 lease-remainder: the current contract ends well after go-live, so its remainder is paid twice."""

from __future__ import annotations

from model.checks.context import Context, months_en
from model.checks.graph import lanes
from model.checks.rule import Rule
from model.core.dates import PlanDate, Truth
from model.core.plan import PhaseEntry
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    # a business with its own contract_end is checked against its own go-live
    for lane in plan.businesses:
        ce = plan.businesses[lane].contract_end
        mig = plan.entry("migration", lane)
        if ce is not None and mig is not None and mig.date is not None and not mig.date.is_na:
            _report(cx, lane, ce, mig, 0)
    # one contract (the plan's contract_end) covers every other business: the earliest
    # go-live among them pays the remainder longest, so one finding there names the others
    ce = plan.contract_end
    if ce is None:
        return
    covered: list[tuple[str | None, PhaseEntry]] = []
    for lane in lanes(plan):
        if lane is not None and plan.businesses[lane].contract_end is not None:
            continue
        mig = plan.entry("migration", lane)
        if mig is None or mig.date is None or mig.date.is_na or (lane is not None and mig.inherited):
            continue
        covered.append((lane, mig))
    late = [(lane, mig) for lane, mig in covered if _truth(cx, ce, mig)]
    if late:
        lane, mig = min(late, key=lambda x: x[1].date.hi if x[1].date else 0)
        _report(cx, lane, ce, mig, len(late) - 1)


def _truth(cx: Context, ce: PlanDate, mig: PhaseEntry) -> Truth:
    n = cx.nat.lease_overlap_months
    assert mig.date is not None
    if ce.lo - mig.date.hi > n:
        return Truth.CERTAIN
    if ce.hi - mig.date.lo > n:
        return Truth.POSSIBLE
    return Truth.NO


def _report(cx: Context, lane: str | None, ce: PlanDate, mig: PhaseEntry, others: int) -> None:
    t = _truth(cx, ce, mig)
    if not t:
        return
    m = mig.date
    assert m is not None
    over = ce.hi - m.hi
    nj, ne = cx.names("migration", lane)
    more = (
        Words(f"(ほか{others}業務の移行完了も同様です)", f" (and {others} more go-lives under the same contract)")
        if others
        else Words("", "")
    )
    ja = f"現行契約の終了({ce})が{nj}({m})の約{over}か月後です{more.ja}。リース残債の二重払いになります。契約終了と移行時期を合わせるか、残債の財源を確保してください"
    en = f"the current contract ends {ce}, about {months_en(over)} after {ne} ({m}){more.en}: the lease remainder is paid twice; align them or fund the remainder"
    cx.add(RULE, t, mig.place, "migration", lane, Words(ja, en), dates=(ce, m))


RULE = Rule(
    code="PL008",
    name="lease-remainder",
    severity=Severity.WARNING,
    title=Words(
        "現行契約(リース)が移行完了より大きく後に終わる(リース残債)",
        "The current contract (lease) ends well after go-live: a lease remainder",
    ),
    what=Words(
        "contract_end(計画全体または業務ごと)が移行完了より lease_overlap_months(作業仮定、既定3か月)を超えて後でないかを調べます。",
        "Whether contract_end (plan or business) is more than lease_overlap_months (a working assumption, 3) after go-live.",
    ),
    why=Words(
        "移行後も旧システムのリース料を払い続けることになり(リース残債)、費用の扱いは国の補助でも明確でないと資料1が課題に挙げています。",
        "The old system's lease is paid on after go-live (a remainder); the seed names its funding as an open problem.",
    ),
    bad='contract_end = "R9.3"\n[phases]\nmigration = "R8.3"',
    good='contract_end = "R8.3"\n[phases]\nmigration = "R8.3"',
    fix=Words(
        "契約終了と移行時期を合わせるか、残債の財源を確保してその理由を [[ignore]] に書いてください。",
        "Align the contract end with go-live, or fund the remainder and suppress with the reason.",
    ),
    check=check,
)
