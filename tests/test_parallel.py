"""Linting with worker processes gives exactly the serial result, in the same order,
including load errors, duplicate municipalities and suppressions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from model.project.lint import PARALLEL_THRESHOLD, LintResult, _parallel, lint_paths

sys.path.insert(0, str(ROOT / "tests"))
import gen_nationwide


def _rows(res: LintResult) -> list[tuple[object, ...]]:
    return [(str(f.place), f.code, f.severity, f.words.ja, f.related) for f in res.findings]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("par") / "nw"
    gen_nationwide.generate(out, count=90, seed=11)
    # a load error, a duplicate municipality and a used suppression among them
    (out / "zz-broken.toml").write_text('municipality = "壊れ町"\n[phases]\nfit_gap = "R4.13"\n', "utf-8")
    first = sorted(out.rglob("*.toml"))[1]
    (out / "zz-dup.toml").write_text(first.read_text("utf-8"), "utf-8")
    return out


def test_parallel_equals_serial(tree: Path) -> None:
    serial = lint_paths([tree], jobs=1)
    par = lint_paths([tree], jobs=2)
    assert _rows(par) == _rows(serial)
    assert par.problems == serial.problems
    assert {p.code for p in serial.problems} == {"E004", "E006"}
    assert par.sources == serial.sources and par.files == serial.files == 92
    assert par.plans == serial.plans  # loaded on first access, duplicates dropped as in serial
    assert len(serial.plans) == 90


def test_parallel_with_cache_equals_serial(tree: Path, tmp_path: Path) -> None:
    serial = lint_paths([tree], jobs=1)
    cold = lint_paths([tree], jobs=2, cache=tmp_path / "c")
    warm = lint_paths([tree], jobs=2, cache=tmp_path / "c")
    for r in (cold, warm):
        assert _rows(r) == _rows(serial) and r.problems == serial.problems


def test_pool_only_above_the_threshold() -> None:
    assert not _parallel(PARALLEL_THRESHOLD - 1, None)
    assert not _parallel(1000, 1)
    assert _parallel(10, 2)
