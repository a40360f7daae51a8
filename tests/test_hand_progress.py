"""A plan's ``[progress]`` table (issue 13, 2: hand edits): read by the plan reader with every
problem at its key or value, and merged into the month's snapshot for the roll-ups and the
checks (a listed business replaces that system's rows; a month without a snapshot gets one)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from model.core.errors import Problems
from model.core.national import load_national
from model.core.plan_reader import parse_plan
from tui.main import main

NAT = load_national()
UBE = (ROOT / "plans" / "ube.toml").read_text("utf-8")


def _read(extra: str) -> tuple[object, list[tuple[int, int, str, str]]]:
    problems = Problems("ube.toml")
    text = UBE + "\n" + extra
    plan = parse_plan(text, "ube.toml", NAT, problems)
    return plan, [(p.place.line, p.place.col, p.code, p.words.en) for p in problems.items]


def test_the_table_is_read_in_step_order_with_ranges_and_words() -> None:
    plan, problems = _read(
        '[progress."2025-05"]\njuki = { 13 = "作業中", "1-12" = "完了済み", "14〜15" = "na" }\n[progress."R7.4"]\nkoseki = { 1 = "done" }\n'
    )
    assert problems == []
    (may, apr) = sorted(plan.progress, key=lambda h: -h.month)  # type: ignore[attr-defined]
    assert may.business == "juki" and may.steps == (
        *((n, "done") for n in range(1, 13)),
        (13, "in_progress"),
        (14, "na"),
        (15, "na"),
    )
    assert apr.business == "koseki" and apr.steps == ((1, "done"),) and apr.month == may.month - 1
    assert may.place.line == UBE.count("\n") + 3


def test_every_problem_is_at_its_key_or_value() -> None:
    n = UBE.count("\n") + 1  # the line before the first extra line
    extra = '[progress."2025-05"]\njukii = { 1 = "done" }\nkoseki = { "0-3" = "done", 5 = "完了したい", 6 = 3, 7 = "done", "6-8" = "done" }\n[progress.foo]\n'
    plan, problems = _read(extra)
    assert plan is None
    got = [(line - n, col, code) for line, col, code, _ in problems]
    assert got == [
        (2, 1, "E005"),
        (3, 12, "E008"),
        (3, 32, "E008"),
        (3, 45, "E003"),
        (3, 60, "E008"),
        (4, 2, "E004"),
    ], problems
    words = [w for *_, w in problems]
    assert (
        "did you mean 'juki'" in words[0]
        and "within 1-40" in words[1]
        and "not one of done, in_progress" in words[2]
        and "step 7 is given twice" in words[4]
    )


def test_the_schema_has_the_key() -> None:
    from model.render.schema import plan_schema

    props = plan_schema(NAT)["properties"]["progress"]
    assert props["additionalProperties"]["propertyNames"] == {"$ref": "#/definitions/business_id"}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", out, ignore=shutil.ignore_patterns(".plans-cache"))
    with (out / "ube.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[progress."2025-05"]\njuki = { "1-40" = "完了済み" }\n[progress."2025-07"]\njuki = { "1-39" = "完了済み", 40 = "作業中" }\nkoseki = { "1-10" = "完了済み" }\n'
        )
    return out


def _systems(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[tuple[str, str], dict]:
    assert main(["progress", str(folder), "--by", "system", "--format", "json", *args]) == 0
    return {(r["municipality"], r["business"]): r for r in json.loads(capsys.readouterr().out)["rows"]}


def test_a_listed_business_replaces_its_rows_of_the_snapshot(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stored = _systems(ROOT / "plans", capsys, "--month", "2025-05")
    merged = _systems(folder, capsys, "--month", "2025-05")
    assert stored[("宇部市", "juki")]["done_rate"] < 1 and merged[("宇部市", "juki")]["done_rate"] == 1
    assert merged[("宇部市", "koseki")] == stored[("宇部市", "koseki")]  # not listed: as reported
    assert len(merged) == len(stored)


def test_a_month_without_a_snapshot_gets_the_hand_recorded_systems_over_the_month_before(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    july = _systems(folder, capsys)  # the latest month is now 2025-07, recorded only by hand
    may = _systems(folder, capsys, "--month", "2025-05")
    assert july[("宇部市", "juki")]["done"] == 39 and july[("宇部市", "koseki")]["not_started"] == 30
    # every other system as at its latest report (2025-05): the hand month does not hide it
    assert set(july) == set(may) and len(july) == 380
    assert all(july[k] == may[k] for k in may if k[0] != "宇部市" or k[1] not in ("juki", "koseki"))


def test_the_checks_read_the_hand_recorded_steps(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["progress", str(folder), "--check", "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    ube = [f for f in found if f["municipality"] == "宇部市"]
    # koseki at 10 of 40 in 2025-07: behind its plan (PG001) at the latest month
    assert any(f["code"] == "PG001" and f["business"] == "koseki" and "2025-07" in f["message"] for f in ube)
    assert all(f["file"].endswith("ube.toml") for f in ube if f["code"] == "PG001")


def test_a_bad_table_stops_progress_with_its_place(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (folder / "ube.toml").open("a", encoding="utf-8") as f:
        f.write('[progress."2025-08"]\njuki = { 41 = "done" }\n')
    assert main(["progress", str(folder), "--lang", "en"]) == 2
    err = capsys.readouterr()
    assert "ube.toml" in err.out + err.err and "E008" in err.out + err.err
