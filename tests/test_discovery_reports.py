"""Nothing in a plans folder is skipped in silence (issue 11: 5) and one 団体コード is one
municipality (issue 11: 7): in lint, in every command's loader and in the app's workspace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.project.lint import lint_paths
from model.project.loader import load_paths
from model.project.session import Workspace

ROOT = Path(__file__).resolve().parents[1]
UBE = (ROOT / "plans" / "ube.toml").read_bytes()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ube.toml").write_bytes(UBE)
    return folder


def _e009(problems: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(p.place.file for p in problems if p.code == "E009")


def test_a_dangling_link_and_a_fifo_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    os.mkfifo(folder / "pipe.toml")
    monkeypatch.chdir(tmp_path)
    want = ["plans/gone.toml", "plans/pipe.toml"]
    assert _e009(lint_paths([Path("plans")]).problems) == want
    assert _e009(load_paths([Path("plans")]).problems) == want


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "hagi.toml").write_bytes((ROOT / "plans" / "hagi.toml").read_bytes())
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # chmod 000 does not stop root
    monkeypatch.chdir(tmp_path)
    res = lint_paths([Path("plans")])
    hits = [p for p in res.problems if p.code == "E009"]
    assert [p.place.file for p in hits] == ["plans/locked"] and "Permission denied" in hits[0].text("en")


CODE_COPY = UBE.replace("宇部市".encode(), "宇部町".encode())  # the same 団体コード 352021, another name


def test_the_same_code_in_two_files_is_an_e006(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    (folder / "z-copy.toml").write_bytes(CODE_COPY)
    monkeypatch.chdir(tmp_path)
    for problems in (lint_paths([Path("plans")]).problems, load_paths([Path("plans")]).problems):
        e006 = [p for p in problems if p.code == "E006"]
        assert [p.place.file for p in e006] == ["plans/z-copy.toml"]
        assert "352021" in e006[0].text("ja") and "plans/ube.toml" in e006[0].text("ja")


def test_the_workspace_flags_the_same_file_by_code_in_either_read_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "z-copy.toml").write_bytes(CODE_COPY)
    monkeypatch.chdir(tmp_path)
    eager = Workspace.load([Path("plans")])
    assert [(e.doc.file, e.plan is not None) for e in eager.entries] == [
        ("plans/ube.toml", True),
        ("plans/z-copy.toml", False),
    ]
    # the app reads the selected plan first: the copy, then the first file takes it back
    lazy = Workspace.load([Path("plans")], eager_max=0)
    first, second = lazy.entries
    assert lazy.admit(second, *lazy.read(second)) == [second]
    assert lazy.admit(first, *lazy.read(first)) == [first, second]
    assert first.plan is not None and second.plan is None
    assert [p.code for p in second.doc.problems] == ["E006"] and "352021" in second.doc.problems[0].text("en")
