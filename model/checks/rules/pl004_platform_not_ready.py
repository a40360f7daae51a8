"""PL004 platform-not-ready: a go-live before vendor packages or the Government Cloud exist."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.checks.rules.national_dates import report_not_ready
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def after_national(cx: Context, links: list[Link], national: Node, dst: Node, t: Truth, move_to: int) -> None:
    report_not_ready(cx, RULE, links, national, dst, t, move_to)


RULE = Rule(
    code="PL004",
    name="platform-not-ready",
    severity=Severity.ERROR,
    title=Words(
        "ベンダの標準準拠パッケージやガバメントクラウドより前に移行が完了する",
        "Go-live before vendor packages or the Government Cloud can exist",
    ),
    what=Words(
        "移行完了が、各グループの仕様書公表+ベンダ開発期間(vendor_months、作業仮定)や、ガバメントクラウドの利用開始より前でないかを調べます。",
        "Whether go-live precedes each group's spec release plus vendor development time (vendor_months, a working assumption), or the Government Cloud's availability.",
    ),
    why=Words(
        "ベンダは仕様書が出てから標準準拠システムを開発します。製品も基盤もない時点での移行完了は実現できません。",
        "Vendors build compliant packages only after each spec; a go-live before packages or platform exist cannot happen.",
    ),
    bad='[phases]\nmigration = "R5.3"',
    good='[phases]\nmigration = "R6.3"',
    fix=Words(
        "移行完了をパッケージ提供・クラウド利用開始以降にしてください。前提が変わった場合は national.toml の作業仮定を更新してください。",
        "Move go-live after packages and the cloud are available; if the assumption changed, update it in national.toml.",
    ),
    after_national=after_national,
)
