"""What if the national timeline moves? Shift milestones, spec releases, vendor packages or
the deadline, re-check every plan, and say which plans gain or lose which findings.

A change names a national id as :func:`model.core.national.national_milestone_dates` does
(``spec.group2``, ``vendor.group2``, ``cloud``, ``policy.basic``, ``deadline``) or a scalar
(``vendor_months``, ``extended_deadline_limit``) and either shifts it (``+6m``, ``-1y``) or
sets it (``R7.3``). Shifting a spec moves its vendor packages with it (they follow the spec
by ``vendor_months``); shifting ``vendor.<group>`` moves only that group's packages.

A scenario file collects changes (validated with places, like a plan)::

    name = "第2グループの仕様が半年遅れ"
    deadline = "R7.3"            # set a date
    vendor_months = 18           # set a scalar
    plans = ["ube.toml"]         # optional: only these plans (inside the plans folder)
    [shift]
    "spec.group2" = "+6m"        # or 6 (months)
    [set]
    cloud = "R6.4"

The path: :mod:`.targets` (the ids a change can name) → :mod:`.scenario` (changes as
written) → :mod:`.apply` (the shifted timeline) → :mod:`.compare` (findings before/after) →
:mod:`.replans` (whether the plans it breaks can be re-planned, safely or not).
"""

from model.analysis.whatif.apply import Applied, ShiftedNational, apply_changes, shift_one
from model.analysis.whatif.compare import PlanDiff, WhatIf, diff_findings, findings_of, what_if
from model.analysis.whatif.replans import (
    SCHEDULE_RULES,
    Replans,
    broken_files,
    change_label,
    replan_broken,
)
from model.analysis.whatif.scenario import (
    Change,
    Scenario,
    ScenarioError,
    deadline_change,
    load_scenario,
    parse_amount,
    parse_set,
    parse_shift,
)
from model.analysis.whatif.targets import effective_targets, target_label, target_words, targets

__all__ = [
    "SCHEDULE_RULES",
    "Applied",
    "Change",
    "PlanDiff",
    "Replans",
    "Scenario",
    "ScenarioError",
    "ShiftedNational",
    "WhatIf",
    "apply_changes",
    "broken_files",
    "change_label",
    "deadline_change",
    "diff_findings",
    "effective_targets",
    "findings_of",
    "load_scenario",
    "parse_amount",
    "parse_set",
    "parse_shift",
    "replan_broken",
    "shift_one",
    "target_label",
    "target_words",
    "targets",
    "what_if",
]
