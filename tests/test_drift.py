"""Drift between two surveys (issue 13, 5): ``plans diff OLD NEW`` on two small plan folders
and on two git revisions; the moves are worked out by hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from model.analysis.drift import drift
from model.core.national import load_national
from model.project.loader import discover, load_plans
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
NAT = load_national()


def _copy(dst: Path, names: tuple[str, ...] = ("ube", "hagi", "abu")) -> Path:
    dst.mkdir(parents=True)
    for n in names:
        shutil.copy(ROOT / "plans" / f"{n}.toml", dst / f"{n}.toml")
    return dst


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture()
def two(tmp_path: Path) -> tuple[Path, Path]:
    old = _copy(tmp_path / "old")
    new = _copy(tmp_path / "new", ("ube", "hagi", "hikari"))  # 阿武町 gone, 光市 new
    _edit(new / "ube.toml", 'migration        = "R8.3"', 'migration        = "R8.9"')  # +6: slipped
    _edit(new / "ube.toml", 'fit_gap          = "R6.3"', 'fit_gap          = "R5.10"')  # -5
    _edit(new / "hagi.toml", 'migration_plan   = "R5.3"', 'migration_plan   = "R5"')  # R5.3 -> FY R5 (to R6.3): +12
    _edit(new / "hagi.toml", 'vendor_selection = "現行ベンダで標準化"', 'vendor_selection = "R6.6"')  # a change of kind
    _edit(
        new / "hagi.toml", "[phases]", '[business.koseki]\nmigration = "R10.3"\nextended_deadline = "R13.3"\n\n[phases]'
    )
    return old, new


def test_moves_by_months_and_direction(two: tuple[Path, Path]) -> None:
    old, new = (load_plans(discover([p]), NAT)[0] for p in two)
    res = drift(old, new, NAT)
    by = {p.municipality: p for p in res.plans}
    assert set(by) == {"宇部市", "萩市", "阿武町", "光市"}
    ube = by["宇部市"]
    assert [(m.business, m.phase, m.old, m.new, m.months) for m in ube.moves] == [
        (None, "fit_gap", "R6.3", "R5.10", -5),
        (None, "migration", "R8.3", "R8.9", 6),
    ]
    assert ube.go_live == ("R8.3", "R8.9", 6) and ube.slipped
    hagi = by["萩市"]
    assert [(m.business, m.phase, m.old, m.new, m.months) for m in hagi.moves] == [
        (None, "migration_plan", "R5.3", "R5", 12),
        (None, "vendor_selection", "現行ベンダで標準化", "R6.6", None),
        ("koseki", "migration", None, "R10.3", None),
    ]
    assert hagi.go_live == ("R8.3", "R10.3", 24) and hagi.slipped  # the seed's rule: the latest business
    assert by["阿武町"].new_file is None and by["光市"].old_file is None
    c = res.counts()
    assert (
        c["plans_changed"],
        c["later"],
        c["earlier"],
        c["other"],
        c["go_live_slipped"],
        c["added"],
        c["removed"],
    ) == (2, 2, 1, 2, 2, 1, 1)


def test_english_counts_months(two: tuple[Path, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    old, new = two
    assert main(["diff", str(old), str(new), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "宇部市  Go-live R8.3 → R8.9 +6 months slipped" in out


def test_no_change_is_said_so(two: tuple[Path, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    old, _ = two
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("3計画中 予定の変化なし")


def test_cli_text_and_json(two: tuple[Path, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    old, new = two
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "宇部市  移行完了 R8.3 → R8.9 +6か月 遅れ" in out and "標準仕様との比較分析  R6.3 → R5.10 -5か月" in out
    assert "[戸籍] 移行完了  — → R10.3" in out and "阿武町 削除" in out and "光市 追加" in out
    assert out.rstrip().endswith(
        "3計画中 2計画で予定が変化(5か所: 遅れ 2、前倒し 1、その他 2)、移行完了が遅れた団体 2、追加 1、削除 1"
    )
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["go_live_slipped"] == 2
    ube = next(p for p in data["plans"] if p["municipality"] == "宇部市")
    assert ube["go_live"] == {"old": "R8.3", "new": "R8.9", "months": 6}


def test_git_revisions(tmp_path: Path, two: tuple[Path, Path], monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("git") is None:
        pytest.skip("no git")
    old, new = two
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "plans")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def git(*a: str) -> None:
        subprocess.run(["git", *a], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "plans")
    git("commit", "-q", "-m", "survey 1")
    shutil.rmtree(repo / "plans")
    shutil.copytree(new, repo / "plans")
    git("add", "-A", "plans")
    git("commit", "-q", "-m", "survey 2")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1", "HEAD", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["go_live_slipped"] == 2
    ube = next(p for p in data["plans"] if p["municipality"] == "宇部市")
    assert (ube["old_file"], ube["new_file"]) == ("HEAD~1:plans/ube.toml", "HEAD:plans/ube.toml")  # as git names them
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    assert "HEAD:plans/ube.toml 宇部市  移行完了 R8.3 → R8.9" in capsys.readouterr().out
    assert main(["diff", "HEAD~1:plans", "plans", "--format", "json"]) == 0  # a revision against the working tree
    assert json.loads(capsys.readouterr().out)["counts"]["moves"] == 5
    assert main(["diff", "nosuchrev", "plans"]) == 2
    assert "git" in capsys.readouterr().err
    # a load problem of a revision names its files as git does, in its words too
    shutil.copy(repo / "plans" / "ube.toml", repo / "plans" / "ube2.toml")
    git("add", "plans")
    git("commit", "-q", "-m", "two files of 宇部市")
    assert main(["diff", "HEAD", "plans"]) == 2
    err = capsys.readouterr().err
    assert "HEAD:plans/ube2.toml:" in err and "HEAD:plans/ube.toml にもあります" in err and "plans-diff-" not in err
    # below the top of the work tree, git's paths are relative to it: HEAD:./plans/…
    (repo / "sub").mkdir()
    shutil.copytree(repo / "plans", repo / "sub" / "plans")
    (repo / "sub" / "plans" / "ube2.toml").unlink()
    git("add", "sub")
    git("commit", "-q", "-m", "sub")
    monkeypatch.chdir(repo / "sub")
    _edit(repo / "sub" / "plans" / "ube.toml", 'migration        = "R8.9"', 'migration        = "R9.3"')
    assert main(["diff", "HEAD", "plans", "--format", "json"]) == 0
    ube = next(p for p in json.loads(capsys.readouterr().out)["plans"] if p["municipality"] == "宇部市")
    assert ube["old_file"] == "HEAD:./plans/ube.toml"
