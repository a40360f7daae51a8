"""PL013 unused-suppression: an [[ignore]] that matches no finding."""

from __future__ import annotations

from model.checks.finding import Finding
from model.checks.rule import Rule
from model.core.plan import Plan, Suppression
from model.core.severity import Severity
from model.core.words import Words


def unused(plan: Plan, s: Suppression) -> Finding:
    """The finding for a suppression that matched nothing (reported by the engine after
    the other rules ran)."""
    what = s.rule + (f" {s.phase}" if s.phase else "") + (f" ({s.business})" if s.business else "")
    from model.checks.registry import RULES  # the registry imports this module

    if s.rule not in RULES:
        words = Words(
            f"[[ignore]] のルール {s.rule!r} はありません。{min(RULES)}〜{max(RULES)} のどれかにするか、この [[ignore]] を削除してください",
            f"The [[ignore]] names no rule ({s.rule!r}); write one of {min(RULES)}-{max(RULES)} or delete it",
        )
    else:
        words = Words(
            f"抑制 {what} に当てはまる指摘がありません。この [[ignore]] を削除してください",
            f"The suppression {what} matches no finding; delete this [[ignore]]",
        )
    return Finding(
        RULE.code,
        RULE.severity,
        True,
        s.place,
        plan.municipality,
        s.phase,
        s.business,
        words,
    )


RULE = Rule(
    code="PL013",
    name="unused-suppression",
    severity=Severity.WARNING,
    title=Words(
        "使われていない抑制([[ignore]])",
        "A suppression ([[ignore]]) that suppresses nothing",
    ),
    what=Words(
        "[[ignore]] のうち、どの指摘にも当てはまらなかったものを調べます。",
        "[[ignore]] entries that matched no finding.",
    ),
    why=Words(
        "計画が直った後に残った抑制は、同じ問題が再発したときにそれを隠します。",
        "A suppression left after the plan was fixed hides the problem when it comes back.",
    ),
    bad='[[ignore]]\nrule = "PL006"\nreason = "補正予算"\n# but PL006 no longer fires',
    good="# (remove the [[ignore]])",
    fix=Words(
        "不要になった [[ignore]] を削除してください。",
        "Delete the [[ignore]].",
    ),
)
