"""The procedure's 40 steps as data (``[[step]]`` in national.toml): the shipped list as
../shared/DOMAIN.md gives it, and every bad table reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.core.errors import NationalError
from model.core.national import load_national
from model.core.steps import steps_of_phase

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = (ROOT / "plans" / "national.toml").read_text("utf-8")
# DOMAIN.md: governance 1-3, current_survey 4-7, fit_gap 8-9, migration_plan 10-13,
# vendor_selection 14-29, migration 30-40
RANGES = {
    "governance": (1, 3),
    "current_survey": (4, 7),
    "fit_gap": (8, 9),
    "migration_plan": (10, 13),
    "vendor_selection": (14, 29),
    "migration": (30, 40),
}


def test_the_shipped_steps_are_the_trackers_40() -> None:
    nat = load_national()
    assert [s.number for s in nat.steps] == list(range(1, 41))
    for phase, (lo, hi) in RANGES.items():
        assert [s.number for s in steps_of_phase(nat.steps, phase)] == list(range(lo, hi + 1))
    by = {s.number: s.name for s in nat.steps}
    assert by[1].ja == "推進体制案の作成" and by[9].ja == "Fit&Gap分析による課題の洗い出し"
    assert by[24].ja == "RFPベンダー質問回答" and by[25].ja == "ベンダーからのRFP回答"  # as public sources name them
    assert by[21].ja == "予算根拠資料の作成" and by[29].ja == "詳細スケジュールの確定"
    assert by[30].ja == "特定個人情報保護評価（PIA）" and by[40].ja == "運用開始"
    assert all(s.name.en and s.name.en[0].isupper() for s in nat.steps)
    assert len({s.name.ja for s in nat.steps}) == 40


def _load(tmp_path: Path, steps: str) -> NationalError:
    head = NATIONAL[: NATIONAL.index("# -- 手順書の40ステップ")]
    path = tmp_path / "national.toml"
    path.write_text(head + steps, "utf-8")
    with pytest.raises(NationalError) as ei:
        load_national(path)
    return ei.value


def _line(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth]


def test_bad_steps_are_reported_with_their_places(tmp_path: Path) -> None:
    steps = (
        '[[step]]\nnumber = 1\nphase = "governance"\nname = "a"\n\n'
        '[[step]]\nnumber = 1\nphase = "governance"\nname = "b"\n\n'  # twice
        '[[step]]\nnumber = 999999999999999999999\nphase = "governance"\nname = "c"\n\n'  # too big
        '[[step]]\nnumber = 3\nphase = "govenance"\nname = "d"\n\n'  # unknown phase
        '[[step]]\nnumber = 4\nname = "e"\nnote = "x"\n'  # missing phase, unknown key
    )
    err = _load(tmp_path, steps)
    text = (tmp_path / "national.toml").read_text("utf-8")
    got = sorted((p.place.line, p.code) for p in err.problems)
    assert (_line(text, "number = 1", 1), "E008") in got
    assert (_line(text, "number = 999999999999999999999"), "E008") in got
    assert (_line(text, 'phase = "govenance"'), "E005") in got
    assert (_line(text, 'note = "x"'), "E002") in got
    assert any(code == "E007" for _, code in got)


def test_steps_run_from_one_without_a_gap_in_phase_order(tmp_path: Path) -> None:
    gap = '[[step]]\nnumber = 1\nphase = "governance"\nname = "a"\n\n[[step]]\nnumber = 3\nphase = "governance"\nname = "b"\n'
    err = _load(tmp_path, gap)
    assert [p.code for p in err.problems] == ["E008"] and "step 2 is missing" in err.problems[0].words.en
    back = '[[step]]\nnumber = 1\nphase = "fit_gap"\nname = "a"\n\n[[step]]\nnumber = 2\nphase = "governance"\nname = "b"\n'
    err = _load(tmp_path, back)
    text = (tmp_path / "national.toml").read_text("utf-8")
    assert [(p.place.line, p.code) for p in err.problems] == [(_line(text, 'phase = "governance"', 0), "E008")]


def test_a_timeline_without_steps_still_loads(tmp_path: Path) -> None:
    head = NATIONAL[: NATIONAL.index("# -- 手順書の40ステップ")]
    path = tmp_path / "national.toml"
    path.write_text(head, "utf-8")
    assert load_national(path).steps == ()
