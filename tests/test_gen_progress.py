"""Correctness at scale (issue 13, 7): on a generated set (60 municipalities × 20 businesses,
12 monthly snapshots: ``tests/gen_nationwide.py --progress … --plant``) clean by
construction, ``plans progress --check`` finds exactly the cases tests/gen_progress.py
planted (PG001 behind plan, PG002 forecast past the deadline, PG003 a step that went back),
no more, no fewer, and ``plans lint --progress`` exactly those and the plans' planted
conflicts (``make bench`` checks the same on the 1,741 × 20 × 12)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_nationwide
import gen_progress

from model.core.dates import parse_month
from tui.main import main

MONTHS = list(range(parse_month("2024-06"), parse_month("2025-05") + 1))


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("nw") / "nw"
    gen_nationwide.generate(out, count=60, seed=3)
    written = gen_nationwide.write_progress(out, ["2024-06..2025-05"], plant=True, seed=3)
    assert len(written) == 12
    return out, json.loads((out / "progress" / "manifest.json").read_text("utf-8"))


def test_check_finds_exactly_the_planted_cases(
    planted: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = planted
    assert main(["progress", str(out), "--check", "--format", "json"]) == 1  # PG002 is an error
    found = json.loads(capsys.readouterr().out)
    key = lambda d: (d["code"], d["municipality_code"], d["business"], d["phase"])  # noqa: E731
    assert Counter(map(key, found)) == Counter(map(key, manifest))
    kinds = Counter(d["code"] for d in manifest)
    assert set(kinds) == {"PG001", "PG002", "PG003"} and min(kinds.values()) >= 20, kinds


def test_lint_with_progress_finds_the_planted_conflicts_and_cases(
    planted: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]
) -> None:
    out, manifest = planted
    assert main(["lint", str(out), "--progress", "--format", "json", "--no-cache"]) == 1
    found = gen_nationwide.reported(json.loads(capsys.readouterr().out), out)
    want = gen_nationwide.planted(out)
    assert found == want
    assert sum(n for k, n in want.items() if k[1].startswith("PG")) == len(manifest) and any(
        k[1].startswith("PL") for k in want
    )


def test_the_manifest_is_written_and_the_set_is_deterministic(planted: tuple[Path, list[dict]], tmp_path: Path) -> None:
    out, manifest = planted
    assert json.loads((out / "progress" / "manifest.json").read_text("utf-8")) == manifest
    again = tmp_path / "again"
    _, same = gen_progress.write_planted(out, MONTHS, seed=3, out=again)
    assert same == manifest
    for m in ("2024-06", "2025-05"):
        assert (again / "progress" / f"{m}.csv").read_bytes() == (out / "progress" / f"{m}.csv").read_bytes()


def test_the_rates_move_over_the_year(planted: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = planted
    assert main(["progress", str(out), "--by", "total", "--since", "2024-06", "--format", "json"]) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["systems"] == 1200 and 0 < total["done_rate_then"] < total["done_rate"] < 1
