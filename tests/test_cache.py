"""The per-file lint cache: a changed file, a changed national timeline, a corrupted entry and
two concurrent runs all give the results of an uncached run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS, ROOT

from model.project.cache import DEFAULT_NAME, Cache
from model.project.lint import LintResult, lint_paths


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plans; the working directory is its parent (short paths)."""
    d = tmp_path / "plans"
    shutil.copytree(PLANS, d, ignore=shutil.ignore_patterns(DEFAULT_NAME))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANS_NO_CACHE", raising=False)
    monkeypatch.delenv("PLANS_CACHE_DIR", raising=False)
    return d


def same(a: LintResult, b: LintResult) -> None:
    assert a.findings == b.findings
    assert a.problems == b.problems
    assert a.sources == b.sources
    assert (a.files, a.as_of) == (b.files, b.as_of)
    assert a.plans == b.plans


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_warm_run_reads_the_cache_and_gives_the_same_result(tree: Path) -> None:
    plain = lint_paths([tree])
    cold = lint_paths([tree], cache=True)
    folder = tree / DEFAULT_NAME
    assert len(entries(folder)) == 19
    stamp = {p: p.stat().st_mtime_ns for p in entries(folder)}
    warm = lint_paths([tree], cache=True)
    same(plain, cold)
    same(plain, warm)
    assert {p: p.stat().st_mtime_ns for p in entries(folder)} == stamp  # nothing rewritten
    assert plain.findings  # the shipped plans do have findings: the check is not vacuous


def test_a_changed_file_is_checked_again(tree: Path) -> None:
    lint_paths([tree], cache=True)
    ube = tree / "ube.toml"
    ube.write_text(ube.read_text("utf-8").replace('fit_gap          = "R6.3"', 'fit_gap          = "R5.3"'), "utf-8")
    warm = lint_paths([tree], cache=True)
    same(lint_paths([tree]), warm)
    assert not [
        f
        for f in warm.findings
        if f.place.file.endswith("ube.toml") and f.code == "PL002" and f.phase == "migration_plan"
    ]
    assert len(entries(tree / DEFAULT_NAME)) == 20  # a new entry for the new content


def test_a_changed_national_timeline_invalidates_every_entry(tree: Path) -> None:
    before = lint_paths([tree], cache=True)
    nat = tree / "national.toml"
    nat.write_text(nat.read_text("utf-8").replace('deadline = "R8.3"', 'deadline = "R7.3"'), "utf-8")
    after = lint_paths([tree], cache=True)
    same(lint_paths([tree]), after)
    assert sum(f.code == "PL001" for f in after.findings) > sum(f.code == "PL001" for f in before.findings)


def test_options_are_part_of_the_key(tree: Path) -> None:
    lint_paths([tree], cache=True)
    for kw in ({"as_of": 2023 * 12}, {"enabled": {"PL002"}}):
        same(lint_paths([tree], **kw), lint_paths([tree], cache=True, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1}', b"\xff\xfe", b"[]"])
def test_a_corrupted_entry_is_ignored_and_rewritten(tree: Path, damage: bytes) -> None:
    lint_paths([tree], cache=True)
    victims = entries(tree / DEFAULT_NAME)[:3]
    for v in victims:
        v.write_bytes(damage)
    res = lint_paths([tree], cache=True)
    same(lint_paths([tree]), res)
    for v in victims:
        assert json.loads(v.read_bytes())["format"] == 2  # rewritten whole


def test_an_entry_of_another_file_is_not_trusted(tree: Path) -> None:
    """An entry copied under another key (or edited by hand) fails validation."""
    lint_paths([tree], cache=True)
    folder = tree / DEFAULT_NAME
    items = entries(folder)
    a, b = items[0], items[1]
    b.write_bytes(a.read_bytes())
    same(lint_paths([tree]), lint_paths([tree], cache=True))


def test_disabled_by_environment_and_option(tree: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PLANS_NO_CACHE", "1")
    lint_paths([tree], cache=True)
    assert not (tree / DEFAULT_NAME).exists()
    monkeypatch.delenv("PLANS_NO_CACHE")
    monkeypatch.delenv("PLANS_CACHE_DIR", raising=False)  # the cli fixture points it elsewhere
    r = cli("lint", "plans", "--no-cache", cwd=tree.parent)
    assert r.code == 1 and not (tree / DEFAULT_NAME).exists()
    r2 = cli("lint", "plans", cwd=tree.parent)
    assert (tree / DEFAULT_NAME).is_dir() and r2.out == r.out
    r3 = cli("lint", "plans", cwd=tree.parent)  # warm: the text output (with source lines) is the same
    assert r3.out == r.out and "^^^" in r3.out


def test_cache_dir_from_environment(tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    monkeypatch.setenv("PLANS_CACHE_DIR", str(other))
    lint_paths([tree], cache=True)
    assert len(entries(other)) == 19 and not (tree / DEFAULT_NAME).exists()


def test_unwritable_cache_folder_still_lints(tree: Path) -> None:
    blocker = tree.parent / "blocked"
    blocker.write_text("a file, not a folder")
    same(lint_paths([tree]), lint_paths([tree], cache=blocker / "cache"))


def test_key_depends_on_path_and_content() -> None:
    c = Cache(Path("x"), "salt")
    assert c.key("a.toml", b"1") != c.key("b.toml", b"1")
    assert c.key("a.toml", b"1") != c.key("a.toml", b"2")
    assert Cache(Path("x"), "other").key("a.toml", b"1") != c.key("a.toml", b"1")


RUN = """
import json, sys
from pathlib import Path
from model.project.lint import lint_paths
res = lint_paths([Path(sys.argv[1])], cache=True, jobs=1)
print(json.dumps([[f.place.file, f.place.line, f.place.col, f.code, f.words.ja] for f in res.findings], ensure_ascii=False))
"""


def test_two_concurrent_runs(tmp_path: Path) -> None:
    """Two processes filling the same cache at once both give the uncached result, and the
    cache they leave behind serves a third run correctly."""
    sys.path.insert(0, str(ROOT / "tests"))
    import gen_nationwide

    out = tmp_path / "nw"
    gen_nationwide.generate(out, count=150, seed=2)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PLANS_NO_CACHE", None)
    env.pop("PLANS_CACHE_DIR", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN, str(out)], cwd=tmp_path, stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    expected = [[f.place.file, f.place.line, f.place.col, f.code, f.words.ja] for f in _plain(out, tmp_path)]
    assert expected and all(json.loads(o) == expected for o in outs)
    assert len(entries(out / DEFAULT_NAME)) == 150
    assert not list((out / DEFAULT_NAME).rglob(".tmp-*"))  # no temporary file left behind
    third = subprocess.run(
        [sys.executable, "-c", RUN, str(out)], cwd=tmp_path, capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(third.stdout) == expected


def _plain(out: Path, cwd: Path) -> list:  # type: ignore[type-arg]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return lint_paths([out]).findings
    finally:
        os.chdir(old)
