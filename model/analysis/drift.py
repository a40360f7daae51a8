"""Drift between two surveys: which planned months moved, by how many months and in which
direction, and whose go-live slipped (``plans diff OLD NEW``).

Plans are matched by 団体コード, else by the municipality's name. Each line (the municipal
line and every business table) is compared phase by phase, as written: a value whose text
changed is a move when both are dates (by the months between their last months, so ``R5`` →
``R5.9`` is ``-6``: the year-only value could be as late as R6.3), else a change of kind
(``現行ベンダで標準化``, ``完了``, added or removed). The go-live is the municipal line's
latest ``migration`` as the seed's table shows it (:meth:`Plan.summary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.core.dates import PlanDate
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Move:
    """One phase value that changed between the surveys."""

    business: str | None  # None: the municipal line
    phase: str
    old: str | None  # as written (None: not written)
    new: str | None
    months: int | None  # new - old in months (last months), None when not both dates

    @property
    def later(self) -> bool:
        return self.months is not None and self.months > 0


@dataclass(slots=True)
class PlanDrift:
    municipality: str
    code: str | None
    old_file: str | None
    new_file: str | None
    moves: list[Move] = field(default_factory=list)
    go_live: tuple[str | None, str | None, int | None] = (None, None, None)  # old, new, months

    @property
    def slipped(self) -> bool:
        return self.go_live[2] is not None and self.go_live[2] > 0


@dataclass(slots=True)
class Drift:
    plans: list[PlanDrift]  # every plan with a change, added or removed, in 団体コード order
    old_count: int
    new_count: int

    def added(self) -> list[PlanDrift]:
        return [p for p in self.plans if p.old_file is None]

    def removed(self) -> list[PlanDrift]:
        return [p for p in self.plans if p.new_file is None]

    def slipped(self) -> list[PlanDrift]:
        return [p for p in self.plans if p.slipped]

    def counts(self) -> dict[str, int]:
        moves = [m for p in self.plans for m in p.moves]
        return {
            "plans_old": self.old_count,
            "plans_new": self.new_count,
            "plans_changed": sum(1 for p in self.plans if p.moves),
            "added": len(self.added()),
            "removed": len(self.removed()),
            "moves": len(moves),
            "later": sum(1 for m in moves if m.later),
            "earlier": sum(1 for m in moves if m.months is not None and m.months < 0),
            "other": sum(1 for m in moves if m.months is None),
            "go_live_slipped": len(self.slipped()),
        }

    def summary(self) -> Words:
        c = self.counts()
        if c["plans_changed"]:
            values = f"{c['moves']}か所: 遅れ {c['later']}、前倒し {c['earlier']}、その他 {c['other']}"
            ja = f"{c['plans_new']}計画中 {c['plans_changed']}計画で予定が変化({values})、移行完了が遅れた団体 {c['go_live_slipped']}"
            moved = f"{c['moves']} value{'s' if c['moves'] != 1 else ''}: {c['later']} later, {c['earlier']} earlier, {c['other']} other"
            en = f"{c['plans_changed']} of {c['plans_new']} plans changed ({moved}); go-live slipped in {c['go_live_slipped']}"
        else:
            ja = f"{c['plans_new']}計画中 予定の変化なし"
            en = f"no planned month changed in {c['plans_new']} plans"
        if c["added"] or c["removed"]:
            ja += f"、追加 {c['added']}、削除 {c['removed']}"
            en += f"; {c['added']} added, {c['removed']} removed"
        return Words(ja, en)


def _key(p: Plan) -> str:
    return p.code or f"name:{p.municipality}"


def _value(p: Plan, phase: str, business: str | None) -> PlanDate | None:
    if business is None:
        e = p.phases.get(phase)
    else:
        bp = p.businesses.get(business)
        e = bp.phases.get(phase) if bp is not None else None
    return e.date if e is not None else None


def _months(old: PlanDate | None, new: PlanDate | None) -> int | None:
    if old is None or new is None or old.is_na or new.is_na or old.is_done or new.is_done:
        return None
    return new.hi - old.hi


def plan_drift(old: Plan | None, new: Plan | None, nat: National) -> PlanDrift:
    """The moves of one municipality's plan between the surveys (either may be missing)."""
    some = new or old
    assert some is not None
    out = PlanDrift(some.municipality, some.code, old.file if old else None, new.file if new else None)
    if old is None or new is None:
        return out
    lines: list[str | None] = [None, *[b for b in nat.businesses if b in old.businesses or b in new.businesses]]
    for bid in lines:
        for ph in nat.phases:
            a, b = _value(old, ph.id, bid), _value(new, ph.id, bid)
            if (a.text if a else None) != (b.text if b else None):
                out.moves.append(Move(bid, ph.id, a.text if a else None, b.text if b else None, _months(a, b)))
    ga, gb = old.summary("migration"), new.summary("migration")
    if (ga.text if ga else None) != (gb.text if gb else None):
        out.go_live = (ga.text if ga else None, gb.text if gb else None, _months(ga, gb))
    return out


def drift(old: list[Plan], new: list[Plan], nat: National) -> Drift:
    """Every municipality's drift between two sets of plans."""
    a = {_key(p): p for p in old}
    b = {_key(p): p for p in new}
    plans = []
    for k in sorted(a.keys() | b.keys()):
        d = plan_drift(a.get(k), b.get(k), nat)
        if d.moves or d.old_file is None or d.new_file is None:
            plans.append(d)
    return Drift(plans, len(old), len(new))


__all__ = ["Drift", "Move", "PlanDrift", "drift", "plan_drift"]
