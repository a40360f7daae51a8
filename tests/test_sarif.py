"""``plans lint --format sarif``: a SARIF 2.1.0 log that validates against the vendored
2.1.0 JSON Schema (tests/fixtures/sarif/), with rules from the registry (ids = codes),
relative artifact URIs, regions, levels and partial fingerprints stable across runs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from model.checks.registry import RULES
from model.core.errors import LOAD_CODES
from model.render.findings.sarif import FINGERPRINT_KEY

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def sarif(cli: Callable[..., object], *args: str, cwd: Path = ROOT) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = cli("lint", *args, "--format", "sarif", "--as-of", "R4.2", cwd=cwd)
    return r.code, json.loads(r.out)  # type: ignore[attr-defined]


def test_schema_is_the_sarif_2_1_0_schema() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    assert SCHEMA["required"] == ["version", "runs"]
    assert len(SCHEMA["definitions"]) == 52


def test_seed_plans_validate_against_the_schema(cli: Callable[..., object]) -> None:
    code, log = sarif(cli, "plans")
    assert code == 1
    errors = sorted(VALIDATOR.iter_errors(log), key=str)
    assert not errors, errors[:3]
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["results"], "the seed plans have findings"


def test_the_validator_rejects_a_broken_log(cli: Callable[..., object]) -> None:
    """The schema check can fail: a result without a message, or a region at line 0."""
    _, log = sarif(cli, "plans")
    bad = json.loads(json.dumps(log))
    del bad["runs"][0]["results"][0]["message"]
    assert list(VALIDATOR.iter_errors(bad))
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(VALIDATOR.iter_errors(bad))


def test_rules_come_from_the_registry_with_stable_ids(cli: Callable[..., object]) -> None:
    _, log = sarif(cli, "plans", "--lang", "en")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*RULES, *LOAD_CODES]
    by_id = {r["id"]: r for r in rules}
    for code, rule in RULES.items():
        d = by_id[code]
        assert d["name"] == rule.name
        assert d["shortDescription"]["text"] == rule.title("en")
        assert d["fullDescription"]["text"] == rule.what("en")
        assert d["help"]["text"] == rule.doc("en")
        assert (
            d["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        )
    assert log["runs"][0]["tool"]["driver"]["name"] == "plans"


def test_results_point_at_relative_files_lines_and_columns(
    cli: Callable[..., object], cli_json: Callable[..., list]
) -> None:  # type: ignore[type-arg]
    _, log = sarif(cli, "plans", "--lang", "en")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    expected = [
        i
        for i in cli_json("lint", "plans", "--format", "json", "--as-of", "R4.2", "--lang", "en")
        if i["kind"] == "finding"
    ]
    got = run["results"]
    assert len(got) == len(expected)
    for res, exp in zip(got, expected, strict=True):
        assert res["ruleId"] == exp["code"] and rules[res["ruleIndex"]]["id"] == exp["code"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[exp["severity"]]
        assert res["message"]["text"] == exp["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == exp["file"] and not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["artifactLocation"]["uri"].startswith("plans/")
        assert loc["region"] == {"startLine": exp["line"], "startColumn": exp["column"]}


@pytest.fixture
def cli_json(cli: Callable[..., object]) -> Callable[..., list]:  # type: ignore[type-arg]
    def run(*args: str) -> list:  # type: ignore[type-arg]
        return json.loads(cli(*args).out)  # type: ignore[attr-defined]

    return run


def _fingerprints(log: dict) -> dict[tuple[str, str], list[int]]:  # type: ignore[type-arg]
    out: dict[tuple[str, str], list[int]] = {}
    for r in log["runs"][0]["results"]:
        key = (r["ruleId"], r["partialFingerprints"][FINGERPRINT_KEY])
        out.setdefault(key, []).append(r["locations"][0]["physicalLocation"]["region"]["startLine"])
    return out


def test_partial_fingerprints_are_unique_and_stable_when_lines_move(cli: Callable[..., object], tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    _, first = sarif(cli, "plans", cwd=tmp_path)
    _, again = sarif(cli, "plans", cwd=tmp_path)
    fp1 = _fingerprints(first)
    assert fp1 == _fingerprints(again)
    assert sum(len(v) for v in fp1.values()) == len(fp1), "one fingerprint per result"
    # three comment lines at the top of every plan: every line moves, no fingerprint changes
    for f in (tmp_path / "plans").glob("*.toml"):
        if f.name != "national.toml":
            f.write_text("# moved\n# moved\n# moved\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    _, moved = sarif(cli, "plans", cwd=tmp_path)
    fp2 = _fingerprints(moved)
    assert fp2.keys() == fp1.keys()
    assert all(fp2[k] == [n + 3 for n in fp1[k]] for k in fp1)


def test_load_errors_are_error_results_and_the_run_is_not_successful(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.toml").write_text('municipality = "x"\n[phases]\nmigration = R8.3\n', encoding="utf-8")
    (tmp_path / "plans" / "宇部.toml").write_bytes(b"\xff\xfe")
    code, log = sarif(cli, "plans", cwd=tmp_path)
    assert code == 2
    assert not list(VALIDATOR.iter_errors(log))
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False}]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"]}
    bad = by_uri["plans/bad.toml"]
    assert (bad["ruleId"], bad["level"]) == ("E001", "error")
    assert bad["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert "plans/%E5%AE%87%E9%83%A8.toml" in by_uri  # non-ASCII names percent-encoded


def test_files_outside_the_working_directory_get_file_uris(cli: Callable[..., object], tmp_path: Path) -> None:
    shutil.copy(ROOT / "plans" / "hofu.toml", tmp_path / "hofu.toml")
    _, log = sarif(cli, str(tmp_path / "hofu.toml"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {(tmp_path / "hofu.toml").as_uri()}
    assert not list(VALIDATOR.iter_errors(log))
