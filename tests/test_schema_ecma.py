"""schema/plan.schema.json holds under an ECMA-262 regex engine, as editors and CI read it
(issue 11, item 15): check-jsonschema (``regress``, unicode mode — the mode ajv and VS Code
use) accepts the schema against its metaschema, validates the 19 shipped plans, and rejects a
broken plan with a message that names the key and reads as words, not a 400-character regex.
Python's ``re`` (tests/test_schema.py) accepts escapes such as ``\\-`` that these reject."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regress
from conftest import PLANS, ROOT
from test_schema import INVALID, VALID

from model.core.national import load_national
from model.core.plan import STATUSES
from model.render.schema import DATE_HELP, NOT_A_DATE, date_shapes, plan_schema

SCHEMA = ROOT / "schema" / "plan.schema.json"
SHIPPED = sorted(str(p) for p in PLANS.glob("*.toml") if p.name != "national.toml")


def check_jsonschema(*args: str) -> tuple[int, Any]:
    """Run check-jsonschema (default regex variant: ECMA-262 in unicode mode) with JSON output."""
    r = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "-o", "json", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    return r.returncode, json.loads(r.stdout)


def patterns(node: Any) -> Iterator[str]:
    """Every regex of a schema: ``pattern`` values and ``patternProperties`` keys."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "pattern" and isinstance(v, str):
                yield v
            elif k == "patternProperties" and isinstance(v, dict):
                yield from v
            yield from patterns(v)
    elif isinstance(node, list):
        for v in node:
            yield from patterns(v)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text("utf-8"))


def test_the_engine_is_strict_ecma_unicode_mode() -> None:
    with pytest.raises(regress.RegressError):  # what rejected the whole schema before
        regress.Regex(r"^[0-9]{4}\-[0-9]{1,2}$", flags="u")


def test_every_pattern_compiles_in_unicode_mode(schema: dict[str, Any]) -> None:
    found = list(patterns(schema))
    assert len(found) >= len(date_shapes()) + 3
    for p in found:
        regress.Regex(p, flags="u")


def test_the_schema_passes_its_metaschema_under_the_ecma_engine() -> None:
    code, out = check_jsonschema("--check-metaschema", str(SCHEMA))
    assert (code, out["status"]) == (0, "ok")


def test_the_shipped_plans_validate_under_the_ecma_engine() -> None:
    assert len(SHIPPED) == 19
    code, out = check_jsonschema("--schemafile", str(SCHEMA), *SHIPPED)
    assert (code, out["status"], out["errors"]) == (0, "ok", [])


def test_a_broken_plan_fails_with_a_readable_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('municipality = "宇部市"\n[phases]\nmigration = "来年"\n[status]\nfit_gap = "finished"\n', "utf-8")
    code, out = check_jsonschema("--schemafile", str(SCHEMA), str(bad))
    assert code == 1
    by_path = {e["path"]: e["message"] for e in out["errors"]}
    assert set(by_path) == {"$.phases.migration", "$.status.fit_gap"}
    assert by_path["$.phases.migration"] == "'来年' is not valid under any of the given schemas"
    assert by_path["$.status.fit_gap"] == "'finished' is not one of ['done', 'in_progress', 'not_started', 'n/a']"
    assert all(len(m) < 120 for m in by_path.values())


def test_dates_say_what_to_write(schema: dict[str, Any]) -> None:
    date = schema["definitions"]["date"]
    assert date["errorMessage"] == f"{DATE_HELP.ja} / {DATE_HELP.en}"  # ajv-errors, VS Code
    for shape in date["anyOf"]:
        assert shape["description"] and len(shape["pattern"]) < 150
        assert shape["patternErrorMessage"] == f"{NOT_A_DATE.ja} / {NOT_A_DATE.en}"  # VS Code


@pytest.mark.parametrize("text", VALID)
def test_an_ecma_engine_reads_every_date_the_loader_reads(text: str) -> None:
    assert any(regress.Regex(p, flags="u").find(text) for p, _ in date_shapes())


@pytest.mark.parametrize("text", INVALID)
def test_an_ecma_engine_rejects_what_the_loader_rejects(text: str) -> None:
    assert not any(regress.Regex(p, flags="u").find(text) for p, _ in date_shapes())


def test_enum_values_are_described(schema: dict[str, Any]) -> None:
    status = schema["definitions"]["status"]
    assert status["enum"] == list(STATUSES)
    assert len(status["enumDescriptions"]) == len(STATUSES) and all(status["enumDescriptions"])
    for v in STATUSES:
        assert f"{v}: " in status["description"]
    for name in ("rule", "business_id", "phase_id", "national_node", "line_phase"):
        d = schema["definitions"][name]
        assert len(d["enumDescriptions"]) == len(d["enum"])


def test_shared_parts_are_written_once(schema: dict[str, Any]) -> None:
    text = SCHEMA.read_text("utf-8")
    assert len(text.encode()) < 64_000  # 196 KB when every date and business table was written out
    first_shape = date_shapes()[0][0]
    assert json.dumps(first_shape, ensure_ascii=False) in text
    assert text.count(json.dumps(first_shape, ensure_ascii=False)) == 1
    assert plan_schema(load_national())["properties"]["phases"] == {"$ref": "#/definitions/phases"}
