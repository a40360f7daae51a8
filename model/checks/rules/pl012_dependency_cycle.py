"""PL012 dependency-cycle: the plan's dependencies form a cycle."""

from __future__ import annotations

import itertools

from model.checks.context import Context
from model.checks.graph import find_cycle
from model.checks.rule import Rule
from model.core.dates import Truth
from model.core.severity import Severity
from model.core.words import Words


def check(cx: Context) -> None:
    if not cx.plan.depends or cx.graph is None:
        return
    pg = cx.graph
    path = find_cycle(pg)
    if not path:
        return
    on_cycle = set(itertools.pairwise(path))
    names_ja = " → ".join(cx.name(k[2], k[1], "ja") if k[0] == "phase" and k[2] else str(k[2]) for k in path)
    names_en = " → ".join(cx.name(k[2], k[1], "en") if k[0] == "phase" and k[2] else str(k[2]) for k in path)
    declared = {(lk.src, lk.dst): lk.place for lk in pg.links if lk.declared}
    place = next((declared[e] for e in on_cycle if e in declared), None)
    ja = f"依存関係が循環しています: {names_ja}。[[depends]] のどれかを削除するか向きを直してください"
    en = f"dependencies form a cycle: {names_en}; remove or reverse one [[depends]]"
    cx.add(RULE, Truth.CERTAIN, place, None, None, Words(ja, en))


RULE = Rule(
    code="PL012",
    name="dependency-cycle",
    severity=Severity.ERROR,
    title=Words(
        "依存関係が循環している",
        "Dependencies form a cycle",
    ),
    what=Words(
        "[[depends]] と national.toml の依存関係を合わせたグラフに循環がないかを調べ、その経路を示します。",
        "Whether the plan's [[depends]] together with national.toml's edges form a cycle; the path is shown.",
    ),
    why=Words(
        "循環する依存関係は満たせる日付が存在せず、余裕(スラック)も計算できません。",
        "No dates satisfy a cycle, and slack cannot be computed.",
    ),
    bad='[[depends]]\nphase = "fit_gap"\nafter = "migration_plan"',
    good='[[depends]]\nphase = "migration_plan"\nafter = "fit_gap"',
    fix=Words(
        "経路のどれかの依存関係を削除するか向きを直してください。",
        "Remove or reverse one dependency on the path.",
    ),
    check=check,
)
