"""Pilot tests of the problems a new user's trial of the app found: no value cut so that it
reads as another (``R7.12`` as ``R7.1``, ``79.8%`` as ``79.``, ベンダ選定 as ダ選定), every
column reachable, the sort's and filter's cursor, the month the list's rates are of, the undo
toast's before and after, and the words of the UI language.

The fixture is tests/fixtures/app_progress/ (see tests/test_app_progress.py for its figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_helpers import app_on, pilot_test, screen_lines
from test_app_progress import loaded

from tui.app.app import PlansApp
from tui.app.widgets.overview import Overview

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "app_progress"


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "plans"
    shutil.copytree(FIXTURE, dst)
    return dst


# -- 1. the Overview: a column whole or not at all ------------------------------------------


def overview_tokens(app: PlansApp) -> tuple[set[str], list[list[str]]]:
    """Every whole value and header of the overview, and the table's lines on screen, split."""
    ov = app.query_one("#overview-pane", Overview)
    whole = {h.plain for h in ov.headers} | {c.plain for row in ov.cells for c in row}
    whole = {part for value in whole for part in value.split()}
    table = ov.query_one("#overview-table")
    lines = screen_lines(app)[table.region.y : table.region.y + 1 + len(ov.names)]
    return whole, [line.split() for line in lines]


@pilot_test
async def test_the_overview_never_cuts_a_value_and_reaches_the_rates(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot, "o")
        seen: set[str] = set()
        for _ in range(12):
            whole, lines = overview_tokens(app)
            for tokens in lines:
                assert tokens, lines
                cut = [tok for tok in tokens if tok not in whole]
                assert not cut, (cut, tokens)
                seen.update(tokens)
            await pilot.press("right")
            await pilot.pause()
        assert {"完了率", "未着手率", "73.3%", "R7.12", "下関市"} <= seen
        # back to the start, whole columns again
        for _ in range(12):
            await pilot.press("left")
        await pilot.pause()
        whole, lines = overview_tokens(app)
        assert "推進体制" in lines[0] and all(tok in whole for tokens in lines for tok in tokens)
