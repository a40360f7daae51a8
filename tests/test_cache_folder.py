"""The cache folder marks itself, as ruff's and pytest's do: a ``.gitignore`` of ``*`` (git
never lists it as untracked) and a ``CACHEDIR.TAG`` (backup tools skip it) (issue 11 item 18)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PLANS

from model.project.cache import DEFAULT_NAME
from model.project.lint import lint_paths

SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the shipped plans, committed; the working directory."""
    shutil.copytree(PLANS, tmp_path / "plans", ignore=shutil.ignore_patterns(DEFAULT_NAME))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANS_NO_CACHE", raising=False)
    monkeypatch.delenv("PLANS_CACHE_DIR", raising=False)
    for args in (
        ["init", "-q"],
        ["add", "plans"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "plans"],
    ):
        git(tmp_path, *args)
    return tmp_path


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def marked(folder: Path) -> bool:
    return (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*" and (folder / "CACHEDIR.TAG").read_text(
        "utf-8"
    ).startswith(SIGNATURE + "\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_new_cache_folder_is_not_untracked_in_git(repo: Path) -> None:
    lint_paths([repo / "plans"], cache=True)
    folder = repo / "plans" / DEFAULT_NAME
    assert len(list(folder.rglob("*.json"))) == 19
    assert marked(folder)
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    lint_paths([repo / "plans"], cache=True)  # a warm run leaves them as they are
    assert marked(folder) and sorted(p.name for p in folder.iterdir() if p.is_file()) == [".gitignore", "CACHEDIR.TAG"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_an_old_plans_cache_without_markers_gets_them(repo: Path) -> None:
    folder = repo / "plans" / DEFAULT_NAME
    folder.mkdir()
    (folder / "stale.json").write_text("{}")  # made by a version that wrote no markers
    assert git(repo, "status", "--porcelain", "--untracked-files=all") != ""
    lint_paths([repo / "plans"], cache=True)
    assert marked(folder)
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_cache_dir_from_environment(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    made = tmp_path / "made" / "here"
    monkeypatch.setenv("PLANS_CACHE_DIR", str(made))
    lint_paths([repo / "plans"], cache=True)
    assert marked(made)  # created by the cache: marked
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    monkeypatch.setenv("PLANS_CACHE_DIR", str(theirs))
    lint_paths([repo / "plans"], cache=True)
    assert (
        list(theirs.rglob("*.json")) and not (theirs / ".gitignore").exists() and not (theirs / "CACHEDIR.TAG").exists()
    )


def test_no_cache_writes_no_folder(repo: Path) -> None:
    lint_paths([repo / "plans"])
    assert not (repo / "plans" / DEFAULT_NAME).exists()
