"""`plans schema`: the JSON Schema validates every shipped plan, rejects broken ones, and the
committed schema/plan.schema.json is the one the command generates."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest

from model.core import dates
from model.core.national import load_national
from model.render.schema import date_pattern, plan_schema, schema_text
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted(p for p in (ROOT / "plans").glob("*.toml") if p.name != "national.toml")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = plan_schema(load_national())
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_there_are_shipped_plans() -> None:
    assert len(PLANS) == 19


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_shipped_plan_is_valid(validator: jsonschema.Draft4Validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(tomllib.loads(path.read_text("utf-8")))]
    assert errors == []


def _ube() -> dict:
    return tomllib.loads((ROOT / "plans" / "ube.toml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda d: d["phases"].__setitem__("fit_gapp", "R5.3"), "phases"),  # misspelt phase
        (lambda d: d["phases"].__setitem__("migration", "来年"), "migration"),  # not a date
        (lambda d: d.setdefault("status", {}).__setitem__("fit_gap", "finished"), "fit_gap"),  # bad status
        (
            lambda d: d.setdefault("business", {}).__setitem__("juuki", {"migration": "R8.3"}),
            "business",
        ),  # unknown business
        (lambda d: d.__setitem__("ignore", [{"rule": "PL006"}]), "0"),  # suppression without a reason
        (lambda d: d.__setitem__("ignore", [{"rule": "PL006", "reason": "  "}]), "reason"),  # blank reason
        (lambda d: d.__setitem__("depends", [{"phase": "migration", "after": "spec.group9"}]), "after"),
        (lambda d: d.pop("municipality"), ""),
        (lambda d: d.__setitem__("code", "35202"), None),  # 5 digits is allowed: a control, see below
    ],
)
def test_broken_plans_are_rejected(validator: jsonschema.Draft4Validator, edit, where) -> None:  # type: ignore[no-untyped-def]
    d = _ube()
    edit(d)
    errors = list(validator.iter_errors(d))
    if where is None:
        assert errors == []
        return
    assert errors, "the schema accepted a broken plan"
    assert any(where in "/".join(str(x) for x in e.absolute_path) + e.message for e in errors)


def test_business_table_accepts_its_keys(validator: jsonschema.Draft4Validator) -> None:
    d = _ube()
    d["business"] = {
        "koseki": {"migration": "R10.3", "extended_deadline": "R13.3", "status": {"migration": "in_progress"}}
    }
    d["depends"] = [{"phase": "migration", "after": "koseki.migration", "min_months": 0}]
    d["ignore"] = [{"rule": "PL006", "phase": "migration_plan", "reason": "補正予算で対応"}]
    assert list(validator.iter_errors(d)) == []


VALID = [
    "R4.10",
    "R5",
    "R元",
    "H31.4",
    "令和4年10月",
    "令和5年度",
    "平成30年度",
    "2022-10",
    "2022/4",
    "2022年10月",
    "2023年度",
    "FY2023",
    "Ｒ４．１０",
    "R5年度",
    "完了",
    "現行ベンダで標準化",
]
INVALID = ["R4.", "4.10", "R", "2022", "来年度", "R5-", "令和4年", "R 4 10", "done later", "対象外", "-", "n/a"]


@pytest.mark.parametrize("text", VALID)
def test_date_pattern_accepts_what_the_loader_reads(text: str) -> None:
    dates.parse(text)  # the loader reads it ...
    assert re.match(date_pattern(), text)  # ... and so does the schema


@pytest.mark.parametrize("text", INVALID)
def test_date_pattern_rejects_what_the_loader_rejects(text: str) -> None:
    with pytest.raises(dates.DateError):
        dates.parse(text)
    assert not re.match(date_pattern(), text)


def test_committed_schema_is_up_to_date() -> None:
    committed = (ROOT / "schema" / "plan.schema.json").read_text("utf-8")
    assert committed == schema_text(load_national()), "run: plans schema -o schema/plan.schema.json"


def test_schema_command_prints_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert set(printed["definitions"]["phases"]["properties"]) == {p.id for p in load_national().phases}
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8")) == printed
