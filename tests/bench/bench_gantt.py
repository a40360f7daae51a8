"""Gantt figures: layout of every shipped plan, the handout SVG of all 19, the text chart,
and the widget's full repaint (every visible line) at 160×50 for each zoom level."""

from __future__ import annotations

import asyncio

from common import PLANS, Row, timeit


def run() -> list[Row]:
    from model.project.lint import lint_paths
    from model.render import gantt as tl
    from model.render.gantt import chart, svg, text

    res = lint_paths([PLANS])
    per_plan = {p.municipality: [f for f in res.findings if f.municipality == p.municipality] for p in res.plans}

    def layouts() -> list[tl.GanttLayout]:
        return [tl.build(p, res.national, per_plan[p.municipality], as_of=res.as_of) for p in res.plans]

    tls = layouts()
    ch = chart.chart(tl.national_layout(res.national, as_of=res.as_of), tls)
    rows = [
        Row("gantt: layout of 19 plans (with slack)", timeit(layouts, repeat=10)),
        Row(
            "gantt: SVG of 19 plans",
            timeit(lambda: svg.to_svg(ch), repeat=10),
            note=f"{len(svg.to_svg(ch)) // 1024} KiB",
        ),
        Row("gantt: text chart of 19 plans", timeit(lambda: text.to_text(ch), repeat=10)),
    ]
    rows.append(
        Row(
            "gantt: widget full repaint 160x50",
            _widget_repaint(tls[1]),
            note="every line re-rendered after a change, median over zoom levels",
        )
    )
    return rows


def _widget_repaint(t) -> list[float]:  # type: ignore[no-untyped-def]
    import time

    from textual.app import App, ComposeResult

    from model.render.gantt import Zoom
    from tui.app.widgets.gantt import GanttView

    samples: list[float] = []

    class A(App[None]):
        def compose(self) -> ComposeResult:
            yield GanttView(t)

    async def go() -> None:
        app = A()
        async with app.run_test(size=(160, 50)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            for _ in range(5):
                for z in Zoom:
                    view.zoom = z
                    start = time.perf_counter()
                    view.show(t)  # clears the line cache, as after a re-check
                    for y in range(view.size.height):
                        view.render_line(y)
                    samples.append(time.perf_counter() - start)

    asyncio.run(go())
    return samples
