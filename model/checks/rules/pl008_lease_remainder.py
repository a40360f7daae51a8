"""PL008 lease-remainder: the current contract ends well after go-live, so its remainder is paid twice."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.graph import lanes
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    plan = cx.plan
    n = cx.nat.lease_overlap_months
    for lane in lanes(plan):
        # one contract (the plan's contract_end) covers every business without its own: a
        # business that goes live early pays the remainder too
        ce = (plan.businesses[lane].contract_end or plan.contract_end) if lane else plan.contract_end
        mig = plan.entry("migration", lane)
        if ce is None or mig is None or mig.date is None or mig.date.is_na:
            continue
        if lane and mig.inherited and ce is plan.contract_end:
            continue
        m = mig.date
        if ce.lo - m.hi > n:
            t = Truth.CERTAIN
        elif ce.hi - m.lo > n:
            t = Truth.POSSIBLE
        else:
            continue
        over = ce.hi - m.hi
        nj, ne = cx.names("migration", lane)
        cx.add(
            RULE,
            t,
            mig.place,
            "migration",
            lane,
            Words(
                f"現行契約の終了({ce})が{nj}({m})の約{over}か月後です。リース残債の二重払いになります。契約終了と移行時期を合わせるか、残債の財源を確保してください",
                f"the current contract ends {ce}, about {over} months after {ne} ({m}): the lease remainder is paid twice; align them or fund the remainder",
            ),
            dates=(ce, m),
        )


RULE = Rule(
    code='PL008',
    name='lease-remainder',
    severity=Severity.WARNING,
    title=Words(
        '現行契約(リース)が移行完了より大きく後に終わる(リース残債)',
        'The current contract (lease) ends well after go-live: a lease remainder',
    ),
    what=Words(
        'contract_end(計画全体または業務ごと)が移行完了より lease_overlap_months(作業仮定、既定3か月)を超えて後でないかを調べます。',
        'Whether contract_end (plan or business) is more than lease_overlap_months (a working assumption, 3) after go-live.',
    ),
    why=Words(
        '移行後も旧システムのリース料を払い続けることになり(リース残債)、費用の扱いは国の補助でも明確でないと資料1が課題に挙げています。',
        "The old system's lease is paid on after go-live (a remainder); the seed names its funding as an open problem.",
    ),
    bad='contract_end = "R9.3"\n[phases]\nmigration = "R8.3"',
    good='contract_end = "R8.3"\n[phases]\nmigration = "R8.3"',
    fix=Words(
        '契約終了と移行時期を合わせるか、残債の財源を確保してその理由を [[ignore]] に書いてください。',
        'Align the contract end with go-live, or fund the remainder and suppress with the reason.',
    ),
    check=check,
)
