"""Helpers for the app's Pilot and snapshot tests: a tmp copy of the app tests' own plans and
the app factory.

The app tests read ``tests/fixtures/app/`` (a copy of the 19 shipped plans and their
``national.toml``), not the shipped ``plans/``: a new rule or an edit of a shipped plan does
not move the screens the snapshots freeze. Keep the copy in step when national.toml's format
changes; refresh it (and the snapshots) only on purpose."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from tui.app.app import PlansApp, make_app

APP_PLANS = Path(__file__).resolve().parent / "fixtures" / "app"
APP_NATIONAL = APP_PLANS / "national.toml"


def copy_plans(tmp_path: Path) -> Path:
    """A copy of the app tests' plans in ``tmp_path/plans`` (tests may edit it)."""
    dst = tmp_path / "plans"
    shutil.copytree(APP_PLANS, dst)
    return dst


def app_on(path: Path, lang: str = "ja") -> PlansApp:
    """The app as ``plans tui`` builds it, cursor blink off (stable screenshots)."""
    return make_app(path, lang=lang, cursor_blink=False)


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an ``async`` Pilot test with ``asyncio.run`` (no async pytest plugin needed);
    fixtures still reach it (pytest reads the wrapped signature)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


def screen_lines(app: PlansApp) -> list[str]:
    """The screen as the terminal shows it, one string per line (wide characters once)."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


async def open_phase_editor(app: PlansApp, pilot: Any, municipality: str, phase: str) -> Any:
    """Open ``municipality``, put the phase table's cursor on ``phase`` and press Enter:
    the edit dialog (an ``EditPhaseScreen``)."""
    from tui.app.screens.edit_phase import EditPhaseScreen

    app.action_open(municipality)
    await pilot.pause()
    phases = app.main.phases
    phases.focus()
    phases.move_cursor(row=phases.row_ids.index((phase, None)))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EditPhaseScreen)
    return app.screen
