"""``plans lint --exit-zero`` and ``--statistics`` (as ruff's): for CI that reports without
failing, and for a summary of findings per rule."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from model.rules import RULES


def test_exit_zero_turns_findings_into_success(cli: Callable[..., object]) -> None:
    plain = cli("lint", "plans", "--as-of", "R4.2", "--format", "json")
    assert plain.code == 1  # type: ignore[attr-defined]
    zero = cli("lint", "plans", "--as-of", "R4.2", "--format", "json", "--exit-zero")
    assert zero.code == 0  # type: ignore[attr-defined]
    assert zero.out == plain.out  # type: ignore[attr-defined]
    strict = cli("lint", "plans", "--as-of", "R4.2", "--strict", "--exit-zero")
    assert strict.code == 0  # type: ignore[attr-defined]


def test_exit_zero_keeps_load_errors_at_2(cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("municipality = \n", encoding="utf-8")
    assert cli("lint", str(tmp_path), "--exit-zero").code == 2  # type: ignore[attr-defined]


def test_statistics_counts_per_rule(cli: Callable[..., object]) -> None:
    items = json.loads(cli("lint", "plans", "--as-of", "R4.2", "--format", "json").out)  # type: ignore[attr-defined]
    want = Counter(i["code"] for i in items)
    r = cli("lint", "plans", "--as-of", "R4.2", "--statistics", "--lang", "en")
    assert r.code == 1  # type: ignore[attr-defined]
    lines = r.out.splitlines()  # type: ignore[attr-defined]
    rows = [ln.split("\t") for ln in lines[:-1]]
    got = {code: int(n) for n, code, *_ in rows}
    assert got == dict(want)
    counts = [int(n) for n, *_ in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(name == RULES[code].name for _, code, name, _ in rows)
    assert lines[-1] == f"Found {sum(want.values())} issue(s)."
    assert "-->" not in r.out and ":13:20:" not in r.out  # no per-finding output  # type: ignore[attr-defined]


def test_statistics_as_json_and_with_load_errors(cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('municipality = "a"\nbogus = 1\nother = 2\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text("municipality = \n", encoding="utf-8")
    r = cli("lint", str(tmp_path), "--statistics", "--format", "json")
    assert r.code == 2  # type: ignore[attr-defined]
    rows = json.loads(r.out)  # type: ignore[attr-defined]
    assert {(x["code"], x["count"]) for x in rows} >= {("E002", 2), ("E001", 1)}
