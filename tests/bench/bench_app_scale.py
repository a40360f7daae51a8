"""The app at nationwide scale: the generated 1,741 plans (tests/gen_nationwide.py), headless
(``App.run_test``, 160x50), beside a minimal Textual app.

- first paint: from building the app (``make_app``: above 200 plans only the file list and
  the national timeline are read) to the first frame written to the (headless) terminal,
  the same clock for the minimal app; then the background load until every plan is checked,
  and ``Workspace.load`` reading and checking everything serially, for comparison;
- filtering (after the load): setting the list's filter to a query until the next idle frame;
  and until the plan pane shows the first match (it follows once typing pauses);
- scrolling: page-down / end in the municipality list (a virtual list: only the visible
  lines are drawn) until the next idle frame;
- an edit: one phase edited, re-checked and repainted; ``lint_plan`` is counted to show that
  only the touched plan is checked again.

Targets (issue 5): filtering within 50 ms, first paint at most 1.5x the minimal app.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
import gen_nationwide

COUNT = int(os.environ.get("PLANS_BENCH_COUNT", "1741"))
SIZE = (160, 50)
QUERIES = ("北海道", "山", "川市", "zzz", "")


def _first_frame(app: object, t0: float, out: dict[str, float], frames: list[float] | None = None) -> None:
    """Record when the app first writes a frame (``App._display`` with something to show),
    and the clock of every frame in ``frames``."""
    real = app._display  # type: ignore[attr-defined]

    def display(screen: object, renderable: object) -> None:
        if renderable is not None:
            now = time.perf_counter()
            out.setdefault("frame", now - t0)
            if frames is not None:
                frames.append(now)
        real(screen, renderable)

    app._display = display  # type: ignore[attr-defined]


async def _minimal() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    t0 = time.perf_counter()
    app = Minimal()
    out: dict[str, float] = {}
    _first_frame(app, t0, out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return out["frame"]


async def _session(plans: Path) -> dict[str, list[float]]:
    import model.project.lint as lint_mod
    from tui.app.app import make_app
    from tui.app.widgets.municipality_list import ANNOUNCE_DELAY

    keys = ("paint", "loaded", "idle", "filter", "filter_frame", "follow", "pagedown", "end", "edit", "edit_checks")
    out: dict[str, list[float]] = {k: [] for k in keys}
    t0 = time.perf_counter()
    app = make_app(plans, cursor_blink=False)
    frame: dict[str, float] = {}
    frames: list[float] = []
    _first_frame(app, t0, frame, frames)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        out["paint"].append(frame["frame"])
        while app.ws.pending or app.main.munis.load_progress is not None:
            await pilot.pause(0.02)
        out["loaded"].append(time.perf_counter() - t0)
        from textual.widgets import Input

        box = app.query_one("#filter", Input)
        await pilot.pause(0.2)
        for q in QUERIES * 2:
            t = time.perf_counter()
            await pilot.pause()  # nothing changed: the harness's own wait for idle
            out["idle"].append(time.perf_counter() - t)
            t = time.perf_counter()
            box.value = q
            await pilot.pause()
            out["filter"].append(time.perf_counter() - t)
            out["filter_frame"].append(min((f for f in frames if f > t), default=time.perf_counter()) - t)
        for q in QUERIES[:3]:
            t = time.perf_counter()
            box.value = q
            await pilot.pause(ANNOUNCE_DELAY)
            while app.main.entry is not app.main.munis.shown[0]:
                await pilot.pause(0.005)
            await pilot.pause()
            out["follow"].append(time.perf_counter() - t)
        app.query_one("#munis").focus()
        await pilot.pause()
        for _ in range(8):
            t = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            out["pagedown"].append(time.perf_counter() - t)
        for key in ("end", "home", "end"):
            t = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            out["end"].append(time.perf_counter() - t)
        # an edit: count the plans checked again
        entry = next(e for e in app.ws.entries if e.plan is not None)
        app.action_open(entry.name)
        await pilot.pause()
        entry = app.entry
        assert entry is not None
        calls = 0
        real = lint_mod.lint_plan

        def counting(*a, **kw):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return real(*a, **kw)

        lint_mod.lint_plan = counting  # type: ignore[assignment]
        try:
            for value in ("R5.9", "R5.8", "R5.9", "R5.8", "R5.9", "R5.8"):
                calls = 0
                t = time.perf_counter()
                entry.doc.edit_phase("migration_plan", date=value, status=None, note=None)
                app.changed(entry)  # what the app does after an edit: re-check that plan, redraw
                await pilot.pause()
                out["edit"].append(time.perf_counter() - t)
                out["edit_checks"].append(float(calls))
        finally:
            lint_mod.lint_plan = real  # type: ignore[assignment]
    return out


async def _small() -> float:
    """The same app's first frame on the 19 shipped plans (read and checked before it)."""
    from tui.app.app import make_app

    t0 = time.perf_counter()
    app = make_app(ROOT / "plans", cursor_blink=False)
    out: dict[str, float] = {}
    _first_frame(app, t0, out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return out["frame"]


def _load(plans: Path) -> float:
    from model.project.session import Workspace

    t = time.perf_counter()
    Workspace.load([plans])
    return time.perf_counter() - t


def run() -> list[Row]:
    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-appscale-"))
    cwd = Path.cwd()
    try:
        plans = tmp / "nationwide"
        gen_nationwide.generate(plans, count=COUNT, seed=0)
        os.chdir(tmp)
        minimal = [asyncio.run(_minimal()) for _ in range(4)][1:]
        small = [asyncio.run(_small()) for _ in range(4)][1:]
        runs = [asyncio.run(_session(plans)) for _ in range(3)]
        load = [_load(plans) for _ in range(2)]
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp, ignore_errors=True)
    from tui.app.widgets.municipality_list import ANNOUNCE_DELAY

    get = lambda k: [x for r in runs for x in r[k]]  # noqa: E731
    paint = get("paint")
    ratio = sorted(paint)[len(paint) // 2] / sorted(minimal)[len(minimal) // 2]
    return [
        Row(
            f"app nationwide ({COUNT} plans): first frame, warm in-process",
            paint,
            note=f"{ratio:.1f}x the minimal app (target ≤ 1.5x)",
        ),
        Row("app: minimal Textual app, first frame, warm in-process", minimal, note="baseline"),
        Row(
            "app on the 19 shipped plans: first frame, warm in-process",
            small,
            note="the app's own floor (its widgets and CSS)",
        ),
        Row(
            "app nationwide: every plan loaded and checked (background)",
            get("loaded"),
            note="from make_app; the list is usable meanwhile",
        ),
        Row(f"app nationwide: Workspace.load alone ({COUNT} plans)", load, note="parse + check every plan, serially"),
        Row(
            "app nationwide: filter the list (to idle)",
            get("filter"),
            note=f"queries {', '.join(repr(q) for q in QUERIES)}; target ≤ 50 ms",
        ),
        Row(
            "app nationwide: filter the list (to the next frame)",
            get("filter_frame"),
            note="the frame showing the filtered list",
        ),
        Row(
            "app nationwide: wait for idle with nothing to do",
            get("idle"),
            note="the harness's floor in the 'to idle' figures",
        ),
        Row(
            "app nationwide: filter -> plan pane shows first match",
            get("follow"),
            note=f"incl. the {ANNOUNCE_DELAY * 1000:.0f} ms typing pause",
        ),
        Row(
            "app nationwide: page down in the list (to idle)",
            get("pagedown"),
            note="virtual list: only visible lines drawn; the plan follows once keys rest",
        ),
        Row("app nationwide: end/home in the list (to idle)", get("end"), note="jump over 1,741 rows"),
        Row("app nationwide: edit -> re-check -> repaint", get("edit"), note="one phase of one plan"),
        Row(
            "app nationwide: plans re-checked per edit",
            get("edit_checks"),
            unit="plans",
            note="lint_plan calls during an edit",
        ),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
