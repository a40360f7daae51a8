"""Helpers for the app's Pilot and snapshot tests: a tmp copy of plans/ and the app factory."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from conftest import PLANS

from tui.app.app import PlansApp, make_app


def copy_plans(tmp_path: Path) -> Path:
    dst = tmp_path / "plans"
    shutil.copytree(PLANS, dst)
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
