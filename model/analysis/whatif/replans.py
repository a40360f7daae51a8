"""After a what-if: can the plans it breaks be re-planned, and how?

A plan is *broken* by a change when it gains a schedule finding (PL001–PL006, the ones the
re-planner clears). Each broken plan is re-planned against the changed timeline
(:func:`model.replan.proposal.replan`): *safe* (only phases before the go-live move), *unsafe*
(a go-live moves, or it needs an extended deadline), or *infeasible* (no schedule even within
the extended-deadline limit). The summary says so in one line:
「第2グループ 標準仕様書 6か月遅れ: 2計画が破綻、2計画とも移行完了を動かさずに再計画可能」.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from model.analysis.whatif.apply import Applied
from model.analysis.whatif.targets import target_words
from model.core.dates import Month
from model.core.national import National
from model.core.plan import Plan
from model.core.words import Words
from model.replan.proposal import Proposal, Safety, replan

SCHEDULE_RULES = frozenset({"PL001", "PL002", "PL003", "PL004", "PL005", "PL006"})


@dataclass(slots=True)
class Replans:
    """The re-plans of the plans a change breaks, by file (in file order)."""

    label: Words
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def count(self, *safety: Safety) -> int:
        return sum(1 for p in self.proposals.values() if p.safety in safety)

    def counts(self) -> dict[str, int]:
        return {
            "broken": len(self.proposals),
            "safe": self.count(Safety.SAFE),
            "unsafe": self.count(Safety.UNSAFE, Safety.EXTENDED),  # extended is unsafe too
            "moves_go_live": self.count(Safety.UNSAFE),
            "extended": self.count(Safety.EXTENDED),
            "infeasible": self.count(Safety.INFEASIBLE),
            "unchanged": self.count(Safety.NONE),  # the re-planner finds nothing to move
        }

    def summary(self) -> Words:
        return self.label + Words(": ", ": ") + _sentence(self.counts())


def broken_files(diffs: Iterable[object]) -> list[str]:
    """The files of the plan diffs that gain a schedule finding."""
    return [d.file for d in diffs if any(f.code in SCHEDULE_RULES for f in d.gained)]  # type: ignore[attr-defined]


def replan_broken(
    plans: Iterable[Plan], files: Iterable[str], shifted: National, as_of: Month, label: Words
) -> Replans:
    """Re-plan each plan of ``files`` against the changed timeline ``shifted``."""
    wanted = set(files)
    out = Replans(label)
    for plan in sorted((p for p in plans if p.file in wanted), key=lambda p: p.file):
        out.proposals[plan.file] = replan(plan, shifted, as_of)
    return out


def change_label(nat: National, applied: list[Applied], name: str = "") -> Words:
    """What moved, in words: the scenario's name, else each change (「第2グループ 標準仕様書
    6か月遅れ」, 「移行期限 R7.3」)."""
    if name:
        return Words(name, name)
    parts: list[Words] = []
    for a in applied:
        w = target_words(nat, a.target)
        if a.delta:
            n = abs(a.delta)
            ja = f"{w.ja} {n}か月" + ("遅れ" if a.delta > 0 else "早まる")
            en = f"{w.en} {n} month{'s' if n != 1 else ''} " + ("later" if a.delta > 0 else "earlier")
        else:
            ja, en = f"{w.ja} {a.after}", f"{w.en} {a.after}"
        parts.append(Words(ja, en))
    if not parts:
        return Words("変更なし", "No change")
    ja, en = "、".join(p.ja for p in parts), "; ".join(p.en for p in parts)
    return Words(ja, en[:1].upper() + en[1:])


def _sentence(c: dict[str, int]) -> Words:
    """「N計画が破綻、…」: each kind of re-plan with its count; one kind for all without one."""
    n = c["broken"]
    if n == 0:
        return Words("破綻する計画はありません", "no plan breaks")
    head = Words(f"{n}計画が破綻、", f"{n} plan{'s' if n != 1 else ''} break{'s' if n == 1 else ''}; ")
    u, e = c["moves_go_live"], c["extended"]
    why = [Words(f"移行完了を動かす{u}計画", f"{u} moving a go-live")] if u and e else []
    why += [Words(f"延長期限が必要{e}計画", f"{e} needing an extended deadline")] if u and e else []
    only = (
        Words("移行完了を動かす", "moving a go-live")
        if u
        else Words("延長期限(特定移行支援システム)が必要", "needing an extended deadline")
    )
    detail = (
        Words("(" + "、".join(w.ja for w in why) + ")", " (" + ", ".join(w.en for w in why) + ")")
        if why
        else Words(f"({only.ja})", f" ({only.en})")
    )
    kinds = [  # (count, ja phrase, en phrase for a count, en phrase for all)
        (
            c["safe"],
            Words("移行完了を動かさずに再計画可能", "can be re-planned safely (no go-live moves)"),
            "can be re-planned without moving a go-live",
        ),
        (
            c["unsafe"],
            Words("安全でない再計画のみ可能", "only unsafely") + detail,
            "can be re-planned only unsafely" + detail.en,
        ),
        (
            c["infeasible"],
            Words("再計画不可(延長期限の目安の内でも)", "not at all (not even within the extended-deadline limit)"),
            "cannot be re-planned, not even within the extended-deadline limit",
        ),
        (c["unchanged"], Words("日付を動かさずに解消", "need no date moved"), "need no date moved"),
    ]
    kinds = [k for k in kinds if k[0]]
    if len(kinds) == 1:
        _, words, en_all = kinds[0]
        every_ja = "2計画とも" if n == 2 else ("" if n == 1 else f"{n}計画すべて")
        every_en = "it" if n == 1 else ("both" if n == 2 else f"all {n}")
        return head + Words(every_ja + words.ja, f"{every_en} {en_all}")
    return head + Words(
        "うち" + "、".join(f"{k}計画は{w.ja}" for k, w, _ in kinds), ", ".join(f"{k} {w.en}" for k, w, _ in kinds)
    )


__all__ = ["SCHEDULE_RULES", "Replans", "broken_files", "change_label", "replan_broken"]
