"""The app's interactive figures in CPU time (``time.process_time``: robust on a machine
others share), headless (``App.run_test``, 160x50), with their targets (issue 9):

- first frame on the 19 shipped plans: from ``make_app`` (read and check the plans) to the
  first frame written, imports done before (warm in-process) — target ≤ 300 ms;
- edit -> re-check -> repaint: ``PlanDocument.edit_phase`` of one phase, ``app.changed`` (the
  re-check of that plan and the redraw of its list row, title, Gantt, phases and findings) to
  the next idle frame, at 19 plans and at the 1,741 generated ones (after the background
  load) — target ≤ 50 ms;
- page down in the nationwide list: the next page of rows, to the next idle frame — target
  ≤ 50 ms; the plan pane follows once the cursor rests (``ANNOUNCE_DELAY``, as it follows the
  filter), measured apart: the plan shown, its Gantt, phases and findings drawn.

Each is the median of several; the pieces are importable for a quick look
(``python tests/bench/bench_app_cpu.py``)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import PLANS, ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

SIZE = (160, 50)
COUNT = int(os.environ.get("PLANS_BENCH_COUNT", "1741"))


async def first_frame(plans: Path) -> float:
    """CPU seconds from ``make_app`` to the first frame written (imports already done)."""
    from tui.app.app import make_app

    c0 = time.process_time()
    app = make_app(plans, cursor_blink=False)
    out: dict[str, float] = {}
    real = app._display

    def display(screen: object, renderable: object) -> None:
        if renderable is not None:
            out.setdefault("frame", time.process_time() - c0)
        real(screen, renderable)  # type: ignore[arg-type]

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return out["frame"]


async def session(plans: Path, *, edits: int = 10, pages: int = 0) -> tuple[list[float], list[float], list[float]]:
    """(CPU seconds of each edit, of each page down, of the plan pane following each) in one
    app on ``plans``: the edits move a plan's 移行計画作成 a month and back; the page downs
    follow the edits."""
    from tui.app.app import make_app
    from tui.app.widgets.municipality_list import ANNOUNCE_DELAY

    app = make_app(plans, cursor_blink=False)
    edit_cpu: list[float] = []
    page_cpu: list[float] = []
    follow_cpu: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app.ws.pending or app.main.munis.load_progress is not None:
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        entry = app.ws.by_name("宇部市") or next(
            e for e in app.ws.entries if e.plan is not None and "migration_plan" in e.plan.phases
        )
        app.action_open(entry.name)
        await pilot.pause()
        assert entry.plan is not None
        now = entry.plan.phases["migration_plan"].date
        assert now is not None
        values = ["R5.8" if now.text != "R5.8" else "R5.7", now.text]
        for i in range(edits + 1):
            c0 = time.process_time()
            entry.doc.edit_phase("migration_plan", date=values[i % 2], status=None, note=None)
            app.changed(entry)
            await pilot.pause()
            if i:  # the first is a warm-up
                edit_cpu.append(time.process_time() - c0)
        app.main.munis.table.focus()
        await pilot.pause()
        for _ in range(pages):
            c0 = time.process_time()
            await pilot.press("pagedown")
            await pilot.pause()
            c1 = time.process_time()
            shown = app.main.entry
            await pilot.pause(ANNOUNCE_DELAY + 0.05)  # asleep but for the plan pane following
            while app.main.entry is shown:
                await pilot.pause(0.01)
            await pilot.pause()
            page_cpu.append(c1 - c0)
            follow_cpu.append(time.process_time() - c1)
    return edit_cpu, page_cpu, follow_cpu


def run() -> list[Row]:
    import gen_nationwide

    import tui.app.app  # noqa: F401  (imported before the clocks start)

    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-appcpu-"))
    cwd = Path.cwd()
    try:
        small = tmp / "plans"
        shutil.copytree(PLANS, small)
        nationwide = tmp / "nationwide"
        gen_nationwide.generate(nationwide, count=COUNT, seed=0)
        os.chdir(tmp)
        frames = [asyncio.run(first_frame(small)) for _ in range(6)][1:]
        edits_small, _, _ = asyncio.run(session(small, edits=12))
        edits_large: list[float] = []
        pages: list[float] = []
        follows: list[float] = []
        for _ in range(2):
            e, p, f = asyncio.run(session(nationwide, edits=8, pages=10))
            edits_large += e
            pages += p
            follows += f
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp, ignore_errors=True)
    return [
        Row(
            "app CPU: first frame on the 19 shipped plans", frames, note="make_app to the first frame; target ≤ 300 ms"
        ),
        Row(
            "app CPU: edit -> re-check -> repaint, 19 plans",
            edits_small,
            note="one phase; to the next idle frame; target ≤ 50 ms",
        ),
        Row(
            f"app CPU: edit -> re-check -> repaint, {COUNT} plans",
            edits_large,
            note="after the background load; target ≤ 50 ms",
        ),
        Row(f"app CPU: page down in the list, {COUNT} plans", pages, note="the next page drawn; target ≤ 50 ms"),
        Row(
            f"app CPU: the plan pane following the cursor, {COUNT} plans",
            follows,
            note="once it rests: plan, Gantt, phases, findings",
        ),
    ]


if __name__ == "__main__":
    from common import print_table

    print_table(run())
