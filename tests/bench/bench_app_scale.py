"""The app at nationwide scale: the generated 1,741 plans (tests/gen_nationwide.py), headless
(``App.run_test``, 160x50), beside a minimal Textual app.

- first paint: building the app (``Workspace.load``: every plan parsed and checked), mount,
  layout and the first frame; and the load alone;
- filtering: setting the list's filter to a query until the next idle frame;
- scrolling: page-down / end in the municipality list (a ``DataTable``: only the visible
  rows are rendered) until the next idle frame;
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


async def _minimal() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    t0 = time.perf_counter()
    async with Minimal().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


async def _session(plans: Path) -> dict[str, list[float]]:
    import model.lint as lint_mod
    from tui.app import make_app

    out: dict[str, list[float]] = {k: [] for k in ("paint", "filter", "pagedown", "end", "edit", "edit_checks")}
    t0 = time.perf_counter()
    app = make_app(plans, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        out["paint"].append(time.perf_counter() - t0)
        from textual.widgets import Input

        box = app.query_one("#filter", Input)
        for q in QUERIES * 2:
            t = time.perf_counter()
            box.value = q
            await pilot.pause()
            out["filter"].append(time.perf_counter() - t)
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


def _load(plans: Path) -> float:
    from model.edit import Workspace

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
        runs = [asyncio.run(_session(plans)) for _ in range(2)]
        load = [_load(plans) for _ in range(2)]
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp, ignore_errors=True)
    get = lambda k: [x for r in runs for x in r[k]]  # noqa: E731
    paint = get("paint")
    ratio = sorted(paint)[len(paint) // 2] / sorted(minimal)[len(minimal) // 2]
    return [
        Row(f"app nationwide ({COUNT} plans): first paint, warm in-process", paint, note=f"{ratio:.1f}x the minimal app (target ≤ 1.5x)"),
        Row("app: minimal Textual app, first paint, warm in-process", minimal, note="baseline"),
        Row(f"app nationwide: Workspace.load alone ({COUNT} plans)", load, note="parse + check every plan, serially"),
        Row("app nationwide: filter the list (to idle)", get("filter"), note=f"queries {', '.join(repr(q) for q in QUERIES)}; target ≤ 50 ms"),
        Row("app nationwide: page down in the list (to idle)", get("pagedown"), note="DataTable renders only visible rows"),
        Row("app nationwide: end/home in the list (to idle)", get("end"), note="jump over 1,741 rows"),
        Row("app nationwide: edit -> re-check -> repaint", get("edit"), note="one phase of one plan"),
        Row("app nationwide: plans re-checked per edit", get("edit_checks"), unit="plans", note="lint_plan calls during an edit"),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
