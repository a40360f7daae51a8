"""The progress rules (``model/progress/rules/pgNNN_*.py``), as ``model.checks.registry`` lists
the plan rules: adding one is a module (its ``RULE`` and ``check``), a line in ``MODULES`` and
a fixture folder ``tests/fixtures/progress/<CODE>/`` carrying its expected findings."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from model.checks.rule import Rule
from model.progress.frames import ProgressContext, ProgressFinding

MODULES = (
    "pg001_behind_plan",
    "pg002_forecast_past_deadline",
    "pg003_progress_inconsistent",
    "pg004_step_order",
)
"""The rule modules of ``model/progress/rules/``, in code order."""

_mods = [importlib.import_module(f"model.progress.rules.{m}") for m in MODULES]
PG_RULES: dict[str, Rule] = {m.RULE.code: m.RULE for m in _mods}
PG_CHECKS: dict[str, Callable[[ProgressContext], list[ProgressFinding]]] = {m.RULE.code: m.check for m in _mods}


def get(code: str) -> Rule | None:
    return PG_RULES.get(code.upper())


def by_name(name: str) -> Rule | None:
    return next((r for r in PG_RULES.values() if r.name == name), None)


__all__ = ["MODULES", "PG_CHECKS", "PG_RULES", "by_name", "get"]
