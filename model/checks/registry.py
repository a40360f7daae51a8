"""The rule registry: every rule, one module each (``model/checks/rules/plNNN_*.py``).

Adding a rule is one module (its ``RULE``: code, name, severity, doc and checks), one line in
``MODULES`` below and one fixture ``tests/fixtures/rules/<CODE>.toml`` carrying its expected
finding. ``plans rule CODE``, SARIF rule metadata and the checker all read ``RULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Literal

from model.checks.rule import Rule
from model.core.constraints import Constraint
from model.core.errors import Problem
from model.core.national import National
from model.core.words import Words

MODULES = (
    "pl001_deadline_missed",
    "pl002_phase_order",
    "pl003_spec_not_published",
    "pl004_platform_not_ready",
    "pl005_lead_time_too_short",
    "pl006_budget_cycle",
    "pl007_overdue",
    "pl008_lease_remainder",
    "pl009_vendor_strategy_mismatch",
    "pl010_missing_date",
    "pl011_status_contradicts_date",
    "pl012_dependency_cycle",
    "pl013_unused_suppression",
    "pl014_extended_deadline_past_limit",
)
"""The rule modules of ``model/checks/rules/``, in code order."""

RULES: dict[str, Rule] = {r.code: r for r in (importlib.import_module(f"model.checks.rules.{m}").RULE for m in MODULES)}
PLAN_CHECKS = tuple(r for r in RULES.values() if r.check is not None)
"""The plan-level checks, in code order."""


def constraint_kind(c: Constraint) -> str:
    """The hook a constraint's rule must have: ``lead`` (a lag between phases), ``order``
    (phases, no lag), ``after_national`` or ``by``."""
    if c.by is not None:
        return "by"
    if c.between_phases:
        return "lead" if c.min_months else "order"
    return "after_national"


def constraint_problems(nat: National) -> list[Problem]:
    """A constraint whose rule does not exist or cannot report its kind (E005/E008)."""
    out = []
    for c in nat.constraints:
        rule = RULES.get(c.rule)
        kind = constraint_kind(c)
        if rule is None:
            out.append(Problem(c.place, "E005", Words(f"未知のルール「{c.rule}」", f"unknown rule {c.rule!r}")))
        elif kind != "order" and getattr(rule, kind) is None:
            able = [r.code for r in RULES.values() if getattr(r, kind) is not None]
            out.append(
                Problem(
                    c.place,
                    "E008",
                    Words(
                        f"{c.rule} はこの種類の制約を報告できません。{'・'.join(able)} のどれかにしてください",
                        f"{c.rule} cannot report this kind of constraint; use one of {', '.join(able)}",
                    ),
                )
            )
    return out


def get(code: str) -> Rule | None:
    return RULES.get(code.upper())


def by_name(name: str) -> Rule | None:
    for r in RULES.values():
        if r.name == name:
            return r
    return None


class NoRuleSelected(ValueError):
    """``--select``/``--ignore`` leave no rule to check: ``--select`` named none (``""``,
    ``","``), or ``--ignore`` removed every one selected (``by`` says which)."""

    def __init__(self, by: Literal["select", "ignore"]) -> None:
        super().__init__(by)
        self.by = by


def select(spec: list[str] | None, ignore: list[str] | None, rules: Mapping[str, Rule] | None = None) -> set[str]:
    """Rule codes enabled by ``--select``/``--ignore`` (codes, prefixes like ``PL00``, or names)
    among ``rules`` (default: the plan rules; ``plans lint --progress`` adds the PG rules).

    Raises KeyError for a token naming no rule and :class:`NoRuleSelected` when no rule is
    left (a lint checking nothing would pass in silence)."""
    universe = RULES if rules is None else rules

    def expand(items: list[str]) -> set[str]:
        out: set[str] = set()
        for item in items:
            for tok in item.split(","):
                tok = tok.strip()
                if not tok:
                    continue
                if tok.upper() == "ALL":
                    out |= set(universe)
                    continue
                named = next((r.code for r in universe.values() if r.name == tok), None)
                if named:
                    out.add(named)
                    continue
                hits = {c for c in universe if c.startswith(tok.upper())}
                if not hits:
                    raise KeyError(tok)
                out |= hits
        return out

    enabled = expand(spec) if spec is not None else set(universe)
    if not enabled:
        raise NoRuleSelected("select")
    if ignore:
        enabled -= expand(ignore)
        if not enabled:
            raise NoRuleSelected("ignore")
    return enabled
