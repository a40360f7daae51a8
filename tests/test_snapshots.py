"""Screenshots of the app (pytest-textual-snapshot): the main screen, the edit dialog, the
overview and the help, at 80×24 and 120×40.

Frozen: the evaluation month comes from plans/national.toml (no clock is shown), the cursor
does not blink, paths shown are file names (not the tmp folder). Regenerate after a deliberate
change of the screens (or of the Gantt widget) with
``.venv/bin/pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_helpers import app_on, copy_plans
from textual.pilot import Pilot

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    return copy_plans(tmp_path)


async def _open_ube(pilot: Pilot[Any]) -> None:
    pilot.app.action_open("宇部市")  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare: Any, plans_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app_on(plans_dir), terminal_size=size, run_before=_open_ube)


@pytest.mark.parametrize("size", SIZES)
def test_edit_dialog(snap_compare: Any, plans_dir: Path, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _open_ube(pilot)
        phases = pilot.app.main.phases  # type: ignore[attr-defined]
        phases.focus()
        phases.move_cursor(row=phases.row_ids.index(("fit_gap", None)))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["backspace"] * 4, "R", "5")  # "R6.3" -> "R5": a fiscal year
        await pilot.pause()

    assert snap_compare(app_on(plans_dir), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare: Any, plans_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app_on(plans_dir), terminal_size=size, press=["o"])


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, plans_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app_on(plans_dir), terminal_size=size, press=["f1"])


def test_main_screen_english(snap_compare: Any, plans_dir: Path) -> None:
    assert snap_compare(app_on(plans_dir, lang="en"), terminal_size=(120, 40), run_before=_open_ube)
