"""``plans lint --progress``: the progress checks among lint's findings, at their places, in
every format (the SARIF log names the PG rules and stays valid), selectable by code, an error
(PG002) failing the run, and no snapshot to read a usage error rather than a clean pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, PLANS, ROOT

PROGRESS = FIXTURES / "progress"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))


def findings(cli, *args: str) -> tuple[int, list[dict]]:  # type: ignore[no-untyped-def,type-arg]
    r = cli("lint", *args, "--format", "json")
    data = json.loads(r.out)
    return r.code, [f for f in data["findings"]] if isinstance(data, dict) else data


def test_progress_findings_join_lint_at_their_places(cli) -> None:  # type: ignore[no-untyped-def]
    code, found = findings(cli, str(PROGRESS / "PG003"), "--progress", "--select", "PG")
    assert code == 0  # PG003 is a warning
    at = [(Path(f["file"]).name, f["line"], f["column"], f["code"], f["name"]) for f in found]
    assert at == [
        ("2025-05.csv", 6, 1, "PG003", "progress-inconsistent"),
        ("ube.toml", 10, 20, "PG003", "progress-inconsistent"),
    ]
    _, without = findings(cli, str(PROGRESS / "PG003"))
    assert not [f for f in without if f["code"].startswith("PG")]  # only when asked for


def test_a_forecast_past_the_deadline_fails_the_run(cli) -> None:  # type: ignore[no-untyped-def]
    code, found = findings(cli, str(PROGRESS / "PG002"), "--progress", "--select", "PG002")
    assert code == 1 and [f["code"] for f in found] == ["PG002"]
    assert cli("lint", str(PROGRESS / "PG002"), "--progress", "--select", "PG002", "--exit-zero").code == 0


def test_sarif_names_the_progress_rules_and_is_valid(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", str(PROGRESS / "PG004"), "--progress", "--format", "sarif")
    log = json.loads(r.out)
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    rules = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert {"PG001", "PG002", "PG003", "PG004"} <= set(rules)
    (pg4,) = [x for x in run["results"] if x["ruleId"] == "PG004"]
    assert rules[pg4["ruleIndex"]] == "PG004"
    region = pg4["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 11
    plain = json.loads(cli("lint", str(PROGRESS / "PG004"), "--format", "sarif").out)
    assert not [d for d in plain["runs"][0]["tool"]["driver"]["rules"] if d["id"].startswith("PG")]


def test_statistics_and_text_name_the_progress_rules(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--progress", "--statistics")
    assert "PG001\tbehind-plan" in r.out and "PG002\tforecast-past-deadline" in r.out
    r = cli("lint", str(PROGRESS / "PG001"), "--progress", "--select", "behind-plan")
    assert "PG001 警告" in r.out and "(behind-plan)" in r.out


def test_a_progress_code_without_progress_is_unknown(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--select", "PG002")
    assert r.code == 2


def test_no_snapshot_to_read_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder, ignore=shutil.ignore_patterns("progress"))
    r = cli("lint", str(folder), "--progress")
    assert r.code == 2 and "進捗のスナップショットがありません" in r.err


def test_a_broken_snapshot_stops_with_its_cells(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plans"
    shutil.copytree(PROGRESS / "PG004", folder)
    snap = folder / "progress" / "2025-05.csv"
    snap.write_text(snap.read_text("utf-8").replace(",juki,10,done,", ",juki,10,finished,"), "utf-8")
    r = cli("lint", str(folder), "--progress")
    assert r.code == 2
    assert "2025-05.csv" in r.err and "E008" in r.err and "何も検査していません" in r.err


@pytest.mark.parametrize("fmt", ["github", "junit"])
def test_every_format_carries_them(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", str(PROGRESS / "PG004"), "--progress", "--format", fmt)
    assert "PG004" in r.out and "step-order" in r.out
