"""``plans gantt`` is linear in the number of plans (issue 11, item 14) and shows progress on a
terminal. No timing: the work is counted as Python function calls (``sys.setprofile``), and
the calls each added plan costs must not grow with the number of plans already drawn. (A
picture used to recompute its month axis over every municipality for every row it drew:
quadratic, 2,000 plans in 11 minutes.)"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NATIONAL, PLANS

from model.project.lint import lint_paths
from model.render import gantt as tl
from model.render.gantt.chart import chart
from model.render.registry import GANTT
from tui.main import main

SHIPPED = sorted(p for p in PLANS.glob("*.toml") if p.name != "national.toml")


def calls(fn: Callable[[], object]) -> int:
    """Python and C function calls made by ``fn()``."""
    n = 0

    def count(frame, event, arg) -> None:  # type: ignore[no-untyped-def]
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    sys.setprofile(count)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return n


def assert_linear(work: Callable[[int], int], sizes: tuple[int, int, int]) -> None:
    """The calls added by each step of sizes (a, 2a, 4a) are at most in proportion (after a
    first run that fills the caches, which would make the smallest size look dearer)."""
    work(sizes[0])
    a, b, c = (work(k) for k in sizes)
    first, second = (b - a) / (sizes[1] - sizes[0]), (c - b) / (sizes[2] - sizes[1])
    assert second <= first * 1.05, f"work per plan grows: {first:.0f} then {second:.0f} calls per plan ({a}, {b}, {c})"


@pytest.fixture(scope="module")
def shipped_layouts() -> tuple[tl.GanttLayout, list[tl.GanttLayout]]:
    res = lint_paths([PLANS])
    layouts = [tl.build(p, res.national, res.findings_of(p), as_of=res.as_of) for p in res.plans]
    return tl.national_layout(res.national, as_of=res.as_of), layouts


@pytest.mark.parametrize("fmt", sorted(GANTT))
def test_every_picture_is_linear_in_the_plans(shipped_layouts, fmt: str) -> None:  # type: ignore[no-untyped-def]
    national, layouts = shipped_layouts
    writer = GANTT[fmt].load()

    def work(copies: int) -> int:
        ch = chart(national, layouts * copies, "ja")
        return calls(lambda: writer(ch, tl.Zoom(GANTT[fmt].zoom)))

    assert_linear(work, (1, 2, 4))


def _copies(folder: Path, copies: int) -> Path:
    """The 19 shipped plans ``copies`` times, each copy a municipality of its own."""
    out = folder / f"x{copies}"
    if out.exists():
        return out
    out.mkdir()
    shutil.copy(NATIONAL, out / "national.toml")
    for k in range(copies):
        for f in SHIPPED:
            text = f.read_text("utf-8")
            if k:
                text = re.sub(r'^municipality = "(.*)"', rf'municipality = "\g<1>{k}"', text, count=1, flags=re.M)
                text = re.sub(r'^code = ".*"\n', "", text, count=1, flags=re.M)
            (out / f"{f.stem}{k}.toml").write_text(text, "utf-8")
    return out


def test_the_command_is_linear_in_the_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANS_LINT_JOBS", "1")  # all the work in this process, where it is counted

    def work(copies: int) -> int:
        folder = _copies(tmp_path, copies)
        n = calls(lambda: main(["gantt", "--plans", str(folder), "--format", "txt"]))
        out = capsys.readouterr().out
        assert out.count("\n■ ") == 19 * copies
        return n

    assert_linear(work, (1, 2, 4))


def test_naming_many_municipalities_keeps_their_order_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gantt", "hagi", "宇部市", "hagi", "ube", "--format", "txt"]) == 0
    blocks = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("■ ")]
    assert [b.split()[1] for b in blocks] == ["萩市", "宇部市"]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("ja", ("計画をチェック中", "図を組み立て中", "svg を書き出し中")),
        ("en", ("checking plans", "laying out", "writing svg")),
    ],
)
def test_progress_on_a_terminal_for_each_stage(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, labels: tuple[str, ...]
) -> None:
    import tui.cli.progress

    monkeypatch.setattr(
        tui.cli.progress, "wanted", lambda total, stream=None, threshold=0: True
    )  # 19 plans are below the threshold
    term = Tty()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["gantt", "--lang", lang]) == 0
    shown = term.getvalue()
    for label in labels:
        assert label in shown
    assert "19/19" in shown
    assert capsys.readouterr().out.startswith("<svg")


def test_no_progress_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gantt", "--format", "txt"]) == 0
    assert capsys.readouterr().err == ""
