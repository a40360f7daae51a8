"""Text reports stay short and linear on a hostile file (issue 11, item 10): a plan with
40,000 unknown keys prints :data:`tui.cli.capped.PER_FILE` of its problems in every text
path (the rich lint report, the plain load-error lines of the other commands) and one line
counting the rest; JSON still lists every problem. No timing: a generous subprocess timeout
only keeps a regression from hanging the suite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NATIONAL, run_plans

from model.core.errors import Place, Problem
from model.core.words import Words
from tui.cli.capped import PER_FILE, Rest, per_file
from tui.cli.commands.common import report_problems

KEYS = 40_000
REST = KEYS - PER_FILE


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    (folder / "national.toml").write_text(NATIONAL.read_text("utf-8"), "utf-8")
    lines = ['municipality = "鍵町"', "[phases]", 'migration = "R8.3"', *(f'phase_{i:05d} = "R5"' for i in range(KEYS))]
    (folder / "keys.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def _e002_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ": E002 " in ln]


@pytest.mark.parametrize(("lang", "rest"), [("ja", f"… ほか {REST:,} 件"), ("en", f"… and {REST:,} more")])
def test_text_lint_prints_the_cap_and_counts_the_rest(hostile: Path, lang: str, rest: str) -> None:
    r = run_plans("lint", str(hostile), "--lang", lang, timeout=300)
    assert r.code == 2
    shown = _e002_lines(r.out)
    assert len(shown) == PER_FILE
    assert shown[-1].startswith(f"{hostile / 'keys.toml'}:{3 + PER_FILE}:1: E002")
    assert sum(rest in ln for ln in r.out.splitlines()) == 1
    assert r.out.count(" | phase_") == PER_FILE  # source lines only for the problems shown
    assert (f"読み込みエラー {KEYS}" if lang == "ja" else f"{KEYS} load error(s)") in r.out.splitlines()[-1]


def test_json_still_lists_every_problem(hostile: Path) -> None:
    r = run_plans("lint", str(hostile), "--format", "json", timeout=300)
    items = json.loads(r.out)
    assert len(items) == KEYS
    assert {i["code"] for i in items} == {"E002"}


def test_plain_load_errors_of_other_commands_are_capped(hostile: Path) -> None:
    r = run_plans("table", str(hostile), timeout=300)
    assert r.code == 2
    assert len(_e002_lines(r.err)) == PER_FILE
    assert f"… ほか {REST:,} 件" in r.err


def _problem(file: str, n: int) -> Problem:
    return Problem(Place(file, n, 1), "E002", Words(f"問題{n}", f"problem {n}"))


def test_per_file_caps_each_file_and_keeps_the_order() -> None:
    items = (
        [_problem("a.toml", i) for i in range(60)]
        + [_problem("b.toml", i) for i in range(3)]
        + [_problem("a.toml", 99)]
    )
    out = list(per_file(items, lambda p: p.place.file, limit=50))
    assert [type(x).__name__ for x in out].count("Problem") == 53
    rests = [x for x in out if isinstance(x, Rest)]
    assert rests == [Rest("a.toml", 11)]
    assert out.index(rests[0]) == 50  # right after the 50th of a.toml
    assert list(per_file(items[:50], lambda p: p.place.file, limit=50)) == items[:50]  # exactly the cap: no rest line


def test_report_problems_writes_the_rest_line() -> None:
    import io

    buf = io.StringIO()
    report_problems([_problem("x.toml", i) for i in range(PER_FILE + 2)], "en", buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == PER_FILE + 1
    assert lines[-1] == "… and 2 more in x.toml (all of them: plans lint --format json)"
