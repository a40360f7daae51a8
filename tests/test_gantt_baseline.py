"""``plans gantt --baseline OLD`` (issue 13, 5): the older plan's phases as thin bars under
the bars, as MS Project's baseline; the chart is otherwise the same."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from tui.main import main


@pytest.fixture()
def old(tmp_path: Path) -> Path:
    out = tmp_path / "old"
    shutil.copytree(ROOT / "plans", out, ignore=shutil.ignore_patterns(".plans-cache", "progress"))
    text = (out / "ube.toml").read_text("utf-8")
    (out / "ube.toml").write_text(
        re.sub(r'(?m)^migration( *)= *"R8\.3"', r'migration\1= "R7.3"', text, count=1), "utf-8"
    )
    return out


def _svg(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "g.svg"
    assert main(["gantt", "宇部市", "--plans", str(ROOT / "plans"), "-o", str(out), *args]) == 0
    return out.read_text("utf-8")


def test_baseline_bars_show_the_older_plan_and_nothing_else_changes(tmp_path: Path, old: Path) -> None:
    plain = _svg(tmp_path)
    with_base = _svg(tmp_path, "--baseline", str(old))
    assert "bar baseline" not in plain
    base = re.findall(r'<rect class="bar baseline" data-from="([^"]+)" data-to="([^"]+)"', with_base)
    bars = re.findall(r'<rect class="bar work" data-from="([^"]+)" data-to="([^"]+)"', with_base)
    assert ("R6.7", "R8.3") in bars and ("R6.7", "R7.3") in base  # migration: R8.3 now, R7.3 then
    assert len(base) == len(bars) and sorted(set(base) - {("R6.7", "R7.3")}) == sorted(
        set(bars) - {("R6.7", "R8.3")}
    )  # the rest as then
    assert re.sub(r'<rect class="bar baseline"[^>]*/>', "", with_base) == plain


def test_baseline_from_a_git_revision_of_the_same_plans_matches_every_row(tmp_path: Path) -> None:
    svg = _svg(tmp_path, "--baseline", "HEAD")
    assert svg.count("bar baseline") >= 6


def test_baseline_needs_a_picture(tmp_path: Path, old: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gantt", "宇部市", "--plans", str(ROOT / "plans"), "--format", "txt", "--baseline", str(old)]) == 2
    assert "--baseline" in capsys.readouterr().err
