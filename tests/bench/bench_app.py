"""The app's figures: launch to first paint on ./plans (cold process and warm in-process,
each beside a minimal Textual app for scale) and the edit -> re-check -> repaint latency.

First paint = the app is built (plans loaded and checked), mounted, laid out and the first
frame rendered: ``App.run_test`` (headless) and ``pilot.pause()``, which returns once the
screen has processed its pending refresh. Edit latency = ``PlanDocument.edit_phase`` (tomlkit
round trip and re-parse) + ``lint_plan`` of that one plan + redrawing the list row, the
phases, findings, Gantt and overview, to the next idle frame.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from common import PLANS, PY, ROOT, Row

SIZE = (160, 50)

_COLD_APP = f"""
import asyncio, time
t0 = time.perf_counter()
from tui.app.app import make_app
async def main():
    app = make_app({str(PLANS)!r}, cursor_blink=False)
    async with app.run_test(size={SIZE}) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0)
asyncio.run(main())
"""

_COLD_MINIMAL = f"""
import asyncio, time
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
async def main():
    async with Minimal().run_test(size={SIZE}) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0)
asyncio.run(main())
"""


def _cold(code: str, repeat: int) -> list[float]:
    """Seconds from interpreter start of the script (after Python itself) to first paint."""
    out = []
    for _ in range(repeat):
        r = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        out.append(float(r.stdout.strip().splitlines()[-1]))
    return out


async def _warm_app(plans: Path) -> float:
    from tui.app.app import make_app

    t0 = time.perf_counter()
    app = make_app(plans, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


async def _warm_minimal() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    t0 = time.perf_counter()
    async with Minimal().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


async def _edit_latency(plans: Path, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """(wall seconds to idle, CPU seconds of the whole edit, CPU seconds of the model part:
    round trip, re-parse and re-check)."""
    from tui.app.app import make_app

    app = make_app(plans, cursor_blink=False)
    out: list[float] = []
    cpu: list[float] = []
    model: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        entry = app.entry
        assert entry is not None
        values = ["R6.3", "R5.9"]  # moves the PL002 error away and back
        for i in range(repeat + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            entry.doc.edit_phase("migration_plan", date=values[i % 2], status=None, note=None)
            app.ws.recheck(entry)
            c1 = time.process_time()
            app.changed(entry)
            await pilot.pause()
            if i:  # the first is a warm-up
                out.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                model.append(c1 - c0)
    return out, cpu, model


def run() -> list[Row]:
    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-app-"))
    try:
        plans = tmp / "plans"
        shutil.copytree(PLANS, plans)
        warm_app = [asyncio.run(_warm_app(plans)) for _ in range(6)][1:]
        warm_min = [asyncio.run(_warm_minimal()) for _ in range(6)][1:]
        edit, edit_cpu, edit_model = asyncio.run(_edit_latency(plans, 10))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cold_app = _cold(_COLD_APP, 5)
    cold_min = _cold(_COLD_MINIMAL, 5)
    ratio = sorted(cold_app)[len(cold_app) // 2] / sorted(cold_min)[len(cold_min) // 2]
    return [
        Row(
            "app: launch to first paint, cold process (./plans, 160x50)",
            cold_app,
            note=f"{ratio:.2f}x the minimal app; imports included",
        ),
        Row("app: minimal Textual app, cold process (160x50)", cold_min, note="baseline: one Static"),
        Row(
            "app: launch to first paint, warm (in-process)", warm_app, note="load + check 19 plans, mount, first frame"
        ),
        Row("app: minimal Textual app, warm (in-process)", warm_min, note="baseline"),
        Row(
            "app: edit -> re-check -> repaint (wall, to idle)",
            edit,
            note="one plan re-checked; list row, phases, findings, Gantt redrawn",
        ),
        Row("app: edit -> re-check -> repaint (CPU)", edit_cpu, note="process time: robust on a busy machine"),
        Row(
            "app: edit -> re-check, model only (CPU)",
            edit_model,
            note="tomlkit round trip, re-parse, lint_plan of one plan",
        ),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
