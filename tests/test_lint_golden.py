"""Golden test: ``plans lint plans --format json`` on the shipped plans.

tests/golden/lint_plans.json was written once from the output after each finding had been
checked by hand against the seed's table (/work/shared/seed, 資料1) and DOMAIN.md. If the
checker changes a finding, check the new one against the seed the same way before writing
the file again (``plans lint plans --format json > tests/golden/lint_plans.json``)."""

from __future__ import annotations

import json

from conftest import PLANS, ROOT, run_plans

from model.checks.registry import RULES

GOLDEN = ROOT / "tests" / "golden" / "lint_plans.json"


def test_lint_plans_json_equals_the_golden_file(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--format", "json")
    assert r.code == 1  # the seed's plans contain errors
    assert r.err == ""
    assert json.loads(r.out) == json.loads(GOLDEN.read_text("utf-8"))
    assert r.out == GOLDEN.read_text("utf-8")


def test_the_console_command_gives_the_same_output() -> None:
    r = run_plans("lint", "plans", "--format", "json")
    assert r.code == 1
    assert json.loads(r.out) == json.loads(GOLDEN.read_text("utf-8"))


def test_a_warm_cache_gives_the_same_output(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the cli fixture keeps a cache folder per test: the second run is served from it
    cold_json = cli("lint", "plans", "--format", "json")
    assert any((tmp_path / "plans-cache").rglob("*")), "the first run filled the cache"
    warm_json = cli("lint", "plans", "--format", "json")
    assert cold_json == warm_json and json.loads(warm_json.out) == json.loads(GOLDEN.read_text("utf-8"))
    cold_text, warm_text = (cli("lint", "plans") for _ in range(2))
    assert cold_text == warm_text and cold_text.code == 1
    assert cli("lint", "plans", "--no-cache") == cold_text


def test_every_golden_finding_points_at_the_value_it_is_about() -> None:
    items = json.loads(GOLDEN.read_text("utf-8"))
    assert items, "the seed's plans do contain conflicts"
    for it in items:
        assert it["kind"] == "finding" and it["code"] in RULES
        assert it["name"] == RULES[it["code"]].name
        src = (ROOT / it["file"]).read_text("utf-8").splitlines()[it["line"] - 1]
        # the line is the phase's own line and the column is the value's opening quote
        assert src.split("=")[0].strip() == it["phase"], (it, src)
        assert src[it["column"] - 1] == '"'
        uncertain = "年度のみの日付のため可能性のある矛盾" in it["message"]
        assert uncertain is (not it["certain"])


def test_the_golden_covers_every_shipped_plan_file_it_names() -> None:
    items = json.loads(GOLDEN.read_text("utf-8"))
    shipped = {f"plans/{p.name}" for p in PLANS.glob("*.toml") if p.name != "national.toml"}
    assert {it["file"] for it in items} <= shipped
    assert len(shipped) == 19
