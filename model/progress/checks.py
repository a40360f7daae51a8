"""Checks of progress against the plans and over time, each a rule of its own module
(``model/progress/rules/``, listed in :mod:`model.progress.registry`; ``plans rule PG001``
prints its doc):

- **PG001 behind-plan** (warning): a phase's planned completion has passed at the snapshot's
  month, but its steps are not all 完了済み/対象外;
- **PG002 forecast-past-deadline** (error): at the system's own pace it finishes after its
  deadline (the projected month and the pace are given; a system that has not moved is stalled);
- **PG003 progress-inconsistent** (warning): a step 完了済み then 未着手; a plan status ``done``
  for a phase whose steps are not done;
- **PG004 step-order** (warning): a later step done while an earlier phase has steps 未着手.

A system is matched to its plan by 団体コード, else by the municipality's name.
"""

from __future__ import annotations

from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.progress.forecast import forecast, forecast_table
from model.progress.frames import ProgressContext, ProgressFinding, plan_table
from model.progress.places import placed
from model.progress.registry import PG_CHECKS, PG_RULES
from model.progress.snapshot import Snapshot

NAMES: dict[str, tuple[str, Words]] = {c: (r.name, r.title) for c, r in PG_RULES.items()}
"""Each progress rule's name and title, by code."""


def check_progress(
    snaps: list[Snapshot], plans: list[Plan], nat: National, current: Snapshot | None = None
) -> list[ProgressFinding]:
    """Every progress rule over the snapshots (oldest first, as reported): PG001, PG003
    (plan status) and PG004 at the latest — ``current``, the progress as at the last month
    (``SnapshotSource.at``: a month recorded only by hand laid over the one before), else the
    last snapshot —, PG003 between consecutive ones, PG002 over all."""
    if not snaps:
        return []
    cx = ProgressContext(snaps, plan_table(plans, nat), nat, current)
    out = placed([f for check in PG_CHECKS.values() for f in check(cx)], [*snaps, *filter(None, [current])], plans)
    order = {b: i for i, b in enumerate(nat.businesses)}
    return sorted(out, key=lambda f: (f.muni_code or "", f.municipality, order.get(f.business, 99), f.code))


__all__ = ["NAMES", "ProgressFinding", "check_progress", "forecast", "forecast_table", "plan_table"]
