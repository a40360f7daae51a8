"""Linting with worker processes gives exactly the serial result, in the same order,
including load errors, duplicate municipalities and suppressions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from model.project.lint import PARALLEL_THRESHOLD, LintResult, lint_paths
from model.project.pool import parallel as _parallel

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


def test_pool_with_other_threads_running_equals_serial(tree: Path, tmp_path: Path) -> None:
    """With another thread alive (as in the app) the workers are not forked from this
    process but started from a fork server; the result is the same."""
    import threading

    serial = lint_paths([tree], jobs=1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert threading.active_count() > 1
        par = lint_paths([tree], jobs=2, cache=tmp_path / "c")
    finally:
        stop.set()
        other.join()
    assert _rows(par) == _rows(serial) and par.problems == serial.problems
    assert any((tmp_path / "c").rglob("*.json"))  # the workers wrote the cache


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_workspace_reads_through_lints_cache_and_pool(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The app's background load (``Workspace.read_many`` in a worker thread, the pool
    started from the fork server) gives the eager load's entries, and fills lint's cache;
    read again, every finding comes from the cache."""
    import threading

    from model.project.session import Workspace

    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "c"))
    eager = Workspace.load([tree])

    def load() -> None:
        ws = Workspace.load([tree], eager_max=0)
        for batch in ws.read_many(ws.entries, jobs=jobs, batch=10):
            assert 0 < len(batch) <= 10
            for entry, doc, findings in batch:
                ws.admit(entry, doc, findings)
        got.append(ws)

    for _ in range(2):  # cold, then warm
        got: list[Workspace] = []
        reader = threading.Thread(target=load)
        reader.start()
        reader.join()
        ws = got[0]
        assert not ws.pending
        assert [(e.doc.file, e.name, e.findings, e.doc.problems, e.plan) for e in ws.entries] == [
            (e.doc.file, e.name, e.findings, e.doc.problems, e.plan) for e in eager.entries
        ]
    assert (
        len(list((tmp_path / "c").rglob("*.json"))) >= 92
    )  # more when a model module changed meanwhile (the key has it)
