"""The 40 numbered steps of the national procedure (手順書) as data: ``[[step]]`` in
``national.toml``, each with its number, Japanese and English name and the phase it belongs
to. The national tracker reports a status for each step of each system (one municipality ×
one business); ``model.progress`` rolls those reports up.

    [[step]]
    number = 1
    phase = "governance"
    name = "推進体制案の作成"
    name_en = "Draft the project organisation"

Numbers are unique, from 1, and the steps of a phase follow those of the phase before (the
six phases' order): a timeline without ``[[step]]`` tables has no steps, and progress
needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from model.core.reader import Reader
from model.core.words import Words

MAX_STEPS = 200  # the tracker has 40
_KEYS = ("number", "phase", "name", "name_en")


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    phase: str
    name: Words


def parse_steps(r: Reader, d: dict[str, Any], phase_index: Mapping[str, int]) -> tuple[Step, ...]:
    """Every ``[[step]]`` of ``d`` in number order; problems go to the reader with their
    places (E002 key, E003 type, E005 phase, E007 missing, E008 number)."""
    tables = d.get("step", [])
    if not isinstance(tables, list) or not all(isinstance(x, dict) for x in tables):
        r.err(("step",), "E003", "[[step]] の表の並びで書いてください", "write steps as [[step]] tables")
        return ()
    steps: list[Step] = []
    seen: dict[int, int] = {}  # number -> index of its table
    for i, t in enumerate(tables):
        path = ("step", i)
        r.check_keys(path, t, _KEYS, "[[step]]")
        missing = [k for k in ("number", "phase", "name") if k not in t]
        for k in missing:
            r.err(path, "E007", f"[[step]] に「{k}」がありません", f"[[step]] lacks {k!r}")
        if missing:
            continue
        n = r.bounded((*path, "number"), t["number"], "number = 1", 1, MAX_STEPS)
        phase = r.typed((*path, "phase"), t["phase"], str, 'phase = "governance"')
        name = r.typed((*path, "name"), t["name"], str, 'name = "推進体制案の作成"')
        name_en = r.typed((*path, "name_en"), t.get("name_en", name or ""), str, 'name_en = "..."')
        if phase is not None and phase not in phase_index:
            r.err(
                (*path, "phase"),
                "E005",
                f"未知のフェーズ「{phase}」です({', '.join(phase_index)})",
                f"unknown phase {phase!r} ({', '.join(phase_index)})",
            )
            continue
        if n is None or phase is None or name is None or name_en is None:
            continue
        if n in seen:
            line, _ = r.where(("step", seen[n], "number"))
            r.err(
                (*path, "number"),
                "E008",
                f"ステップ{n}が重複しています({line}行目にもあります)",
                f"step {n} appears twice (also on line {line})",
            )
            continue
        seen[n] = i
        steps.append(Step(n, phase, Words(name, name_en)))
    steps.sort(key=lambda s: s.number)
    _check_order(r, steps, seen, phase_index)
    return tuple(steps)


def _check_order(r: Reader, steps: list[Step], seen: dict[int, int], phase_index: Mapping[str, int]) -> None:
    """Numbers run 1..N without a gap, and phases never go back (step 14 of vendor selection
    cannot follow step 15 of the go-live)."""
    for want, s in enumerate(steps, 1):
        if s.number != want:
            r.err(
                ("step", seen[s.number], "number"),
                "E008",
                f"ステップの番号は1から続けてください(ステップ{want}がありません)",
                f"number the steps from 1 without a gap (step {want} is missing)",
            )
            return
    for prev, s in pairwise(steps):
        if phase_index[s.phase] < phase_index[prev.phase]:
            r.err(
                ("step", seen[s.number], "phase"),
                "E008",
                f"ステップ{s.number}のフェーズ「{s.phase}」がステップ{prev.number}の「{prev.phase}」より前です。フェーズの順に番号を付けてください",
                f"step {s.number}'s phase {s.phase!r} comes before step {prev.number}'s {prev.phase!r}; number the steps in phase order",
            )
            return


def steps_of_phase(steps: tuple[Step, ...], phase: str) -> tuple[Step, ...]:
    return tuple(s for s in steps if s.phase == phase)


__all__ = ["MAX_STEPS", "Step", "parse_steps", "steps_of_phase"]
