"""Comparing findings before and after: every plan checked against the timeline and against
the changed one; which plans gain, lose or change which findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from model.analysis.whatif.apply import Applied, apply_changes
from model.analysis.whatif.replans import Replans, broken_files, change_label, replan_broken
from model.analysis.whatif.scenario import Change
from model.checks.finding import Finding
from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.project.lint import lint_plan

Key = tuple[str, str, str | None, str | None]


def key_of(f: Finding) -> Key:
    return (f.place.file, f.code, f.phase, f.business)


@dataclass(slots=True)
class PlanDiff:
    file: str
    municipality: str
    gained: list[Finding] = field(default_factory=list)
    lost: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)  # (before, after): severity moved

    def __bool__(self) -> bool:
        return bool(self.gained or self.lost or self.changed)


@dataclass(slots=True)
class WhatIf:
    applied: list[Applied]
    diffs: list[PlanDiff]  # plans with any change, in file order
    plans: int
    before: int  # findings before
    after: int  # findings after
    name: str = ""
    replans: Replans | None = None  # the re-plans of the plans it breaks (what_if(replan=True))

    def counts(self) -> dict[str, int]:
        return {
            "plans": self.plans,
            "plans_changed": len(self.diffs),
            "plans_gaining": sum(1 for d in self.diffs if d.gained),
            "plans_losing": sum(1 for d in self.diffs if d.lost),
            "gained": sum(len(d.gained) for d in self.diffs),
            "lost": sum(len(d.lost) for d in self.diffs),
            "changed": sum(len(d.changed) for d in self.diffs),
            "findings_before": self.before,
            "findings_after": self.after,
        }

    def files_gaining(self, code: str | None = None) -> set[str]:
        return {d.file for d in self.diffs if any(code is None or f.code == code for f in d.gained)}


def findings_of(plan: Plan, nat: National, as_of: Month, enabled: set[str] | None = None) -> list[Finding]:
    """``lint_plan`` for one timeline (the same loaded plan can be checked against several)."""
    return lint_plan(plan, nat, as_of, enabled)


def diff_findings(plan: Plan, before: list[Finding], after: list[Finding]) -> PlanDiff:
    """Findings gained, lost and changed (other severity or certainty), matched by (file,
    code, phase, business) one to one: two PL004 on one go-live where there was one is one
    gained, so every plan's ``len(gained) - len(lost)`` is its change in findings."""
    b: dict[Key, list[Finding]] = {}
    a: dict[Key, list[Finding]] = {}
    for f in before:
        b.setdefault(key_of(f), []).append(f)
    for f in after:
        a.setdefault(key_of(f), []).append(f)
    out = PlanDiff(plan.file, plan.municipality)
    for k in sorted(a.keys() | b.keys(), key=lambda k: tuple("" if x is None else x for x in k)):
        pairs, gained, lost = _match(b.get(k, []), a.get(k, []))
        out.gained.extend(gained)
        out.lost.extend(lost)
        out.changed.extend((fb, fa) for fb, fa in pairs if (fb.severity, fb.certain) != (fa.severity, fa.certain))
    return out


def _match(
    before: list[Finding], after: list[Finding]
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """Findings of one key paired one to one: equal ones first, then each remaining one of
    ``before`` with the most alike remaining one of ``after`` (by its words: the PL004 of
    the vendor packages with the one of the packages, not the one of the cloud); the
    rest gained or lost."""
    if not before or not after:
        return [], list(after), list(before)
    rest_a = list(after)
    pairs: list[tuple[Finding, Finding]] = []
    rest_b: list[Finding] = []
    for fb in before:
        if fb in rest_a:
            rest_a.remove(fb)
            pairs.append((fb, fb))
        else:
            rest_b.append(fb)
    lost: list[Finding] = []
    for fb in rest_b:
        if not rest_a:
            lost.append(fb)
            continue
        fa = max(rest_a, key=lambda f: (SequenceMatcher(None, fb.words.en, f.words.en).ratio(), -rest_a.index(f)))
        rest_a.remove(fa)
        pairs.append((fb, fa))
    return pairs, rest_a, lost


def what_if(
    plans: list[Plan],
    nat: National,
    changes: Iterable[Change],
    as_of: Month,
    *,
    enabled: set[str] | None = None,
    name: str = "",
    on_step: Callable[[], None] | None = None,
    replan: bool = False,
) -> WhatIf:
    """Check every plan against the timeline and against the changed one; the differences
    (and, with ``replan``, whether each plan it breaks can be re-planned)."""
    shifted, applied = apply_changes(nat, changes)
    diffs: list[PlanDiff] = []
    nb = na = 0
    for plan in plans:
        before = findings_of(plan, nat, as_of, enabled)
        after = findings_of(plan, shifted, as_of, enabled)
        nb, na = nb + len(before), na + len(after)
        if d := diff_findings(plan, before, after):
            diffs.append(d)
        if on_step is not None:
            on_step()
    diffs.sort(key=lambda d: d.file)
    res = WhatIf(applied, diffs, len(plans), nb, na, name)
    if replan:
        res.replans = replan_broken(plans, broken_files(diffs), shifted, as_of, change_label(nat, applied, name))
    return res
