"""PL003 spec-not-published: a fit-gap analysis completes before the spec it compares with is published."""

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
    code="PL003",
    name="spec-not-published",
    severity=Severity.ERROR,
    title=Words(
        "標準仕様書の公表前に比較分析が完了する",
        "Fit-gap analysis completes before the spec it needs is published",
    ),
    what=Words(
        "標準仕様との比較分析の完了が、対象業務のグループの標準仕様書(とデータ要件・連携要件)の公表月より前でないかを調べます。",
        "Whether the fit-gap analysis completes before the spec of a business it covers (and the common data requirements) is published.",
    ),
    why=Words(
        "比較分析(Fit&Gap)は標準仕様書と現行システムを比べる作業です。仕様書がなければ分析は完了できません。",
        "Fit&Gap compares current systems with the standard spec; it cannot be finished before the spec exists.",
    ),
    bad='[phases]\nfit_gap = "R4.6"   # 第2グループの仕様は R4.8',
    good='[phases]\nfit_gap = "R5.3"',
    fix=Words(
        "比較分析の完了を仕様書の公表月以降にしてください。",
        "Plan the fit-gap analysis to finish after the spec's release month.",
    ),
    after_national=after_national,
)
