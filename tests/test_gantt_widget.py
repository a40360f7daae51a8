"""GanttView in a tiny test App: zoom, scroll, click → PhaseClicked, keyboard highlight,
selection drawn, per-business rows, language; and a snapshot of the widget alone."""

from __future__ import annotations

import asyncio

import pytest
from app_helpers import APP_NATIONAL, APP_PLANS
from textual.app import App, ComposeResult
from textual.message import Message

from model.core.national import National, load_national
from model.core.plan_reader import parse_plan_bytes
from model.project.lint import lint_paths, lint_plan
from model.render import gantt as tl
from model.render.gantt import Zoom
from tui.app.widgets.gantt import HEADER_ROWS, GanttView

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out


@pytest.fixture(scope="module")
def national() -> National:
    """The app tests' own national timeline (tests/fixtures/app/national.toml), not the shipped one."""
    return load_national(APP_NATIONAL)


PLAN = """
municipality = "試験町"
surveyed = "R3.12"
[phases]
governance = "完了"
current_survey = "R4.9"
fit_gap = "R5.3"
migration_plan = "R5.9"
vendor_selection = "R6"
migration = "R8.9"
[business.koseki]
migration = "R10.3"
extended_deadline = "R13.3"
"""


def make_chart(nat: National, text: str = PLAN) -> tl.GanttLayout:
    res = parse_plan_bytes(text.encode(), "shiken.toml", nat)
    assert res.plan is not None
    assert nat.evaluation_date is not None
    return tl.build(res.plan, nat, lint_plan(res.plan, nat, nat.evaluation_date), as_of=nat.evaluation_date)


class GanttApp(App[None]):
    def __init__(self, chart: tl.GanttLayout, lang: str = "ja") -> None:
        super().__init__()
        self.chart = chart
        self.lang = lang
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield GanttView(self.chart, lang=self.lang, id="gantt")

    def on_gantt_view_phase_clicked(self, m: GanttView.PhaseClicked) -> None:
        self.messages.append(m)

    def on_gantt_view_phase_highlighted(self, m: GanttView.PhaseHighlighted) -> None:
        self.messages.append(m)


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


def line_text(view: GanttView, y: int) -> str:
    return view.render_line(y).text


def cells_text(view: GanttView, y: int, a: int, b: int) -> str:
    """The text of cells ``a .. b-1`` of line ``y`` (cells, not characters: labels are wide)."""
    return view.render_line(y).crop(a, b).text


def test_zoom_changes_the_rendered_width(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(GanttView)
            widths = {}
            for z in (Zoom.MONTH, Zoom.QUARTER, Zoom.YEAR):
                widths[z] = view.virtual_size.width
                assert view.zoom is z
                header = line_text(view, 0)
                if z is Zoom.MONTH:
                    assert "R4年度" in header
                await pilot.press("minus")
                await pilot.pause()
            assert widths[Zoom.MONTH] > widths[Zoom.QUARTER] > widths[Zoom.YEAR]
            assert widths[Zoom.MONTH] - view.label_width == view.chart.scale(Zoom.MONTH).width  # type: ignore[union-attr]
            assert view.zoom is Zoom.YEAR  # zoom out stops at year
            # at year zoom the whole chart fits in 120 columns: no horizontal scrolling
            assert view.virtual_size.width <= 120
            await pilot.press("plus")
            await pilot.pause()
            assert view.zoom is Zoom.QUARTER

    run(go())


def test_scroll_keeps_the_label_column(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            lw = view.label_width
            x0 = view.scroll_x
            # opened scrolled to the plan: its first bar starts on screen
            sc = view.scale
            assert sc is not None
            first = min(s.lo for r in view.rows if r.phase for s in r.spans)
            assert x0 <= sc.col(first) < x0 + 80 - lw
            y = HEADER_ROWS + 1  # the Government Cloud lane
            before = view.render_line(y)
            label, chart = cells_text(view, y, 0, lw), cells_text(view, y, lw, 80)
            view.focus()
            for _ in range(5):
                await pilot.press("right")
            await pilot.pause()
            assert view.scroll_x == x0 + 5 * 2  # one month = 2 cells at month zoom
            assert cells_text(view, y, 0, lw) == label  # labels stay
            assert cells_text(view, y, lw, 80) != chart  # the months moved
            assert cells_text(view, y, lw, 80 - 10) == before.crop(lw + 10, 80).text
            # the fiscal year at the left edge stays named
            assert "年度" in cells_text(view, 0, lw, lw + 8)

    run(go())


def test_click_on_a_bar_posts_phase_clicked_and_highlights_it(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(160, 50)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            rows = view.rows
            y = next(i for i, r in enumerate(rows) if r.phase == "fit_gap") + HEADER_ROWS
            row = rows[y - HEADER_ROWS]
            sc = view.scale
            assert sc is not None
            a, b = sc.cols(row.spans[0].lo, row.end or 0)
            x = view.label_width + (a + b) // 2 - round(view.scroll_x)
            assert cells_text(view, y, x, x + 1) == tl.GLYPH["work"]  # we click on the bar itself
            unselected = view.render_line(y)
            await pilot.click(GanttView, offset=(x, y))
            await pilot.pause()
            clicked = [m for m in app.messages if isinstance(m, GanttView.PhaseClicked)]
            assert [(m.phase, m.business) for m in clicked] == [("fit_gap", None)]
            assert view.selected == ("fit_gap", None)
            selected = view.render_line(y)
            assert selected.text == unselected.text
            bg_before = {s.style.bgcolor for s in unselected if s.style}
            bg_after = {s.style.bgcolor for s in selected if s.style}
            assert bg_after != bg_before  # highlighted
            # another row is not highlighted
            other = view.render_line(y + 1)
            assert {s.style.bgcolor for s in other if s.style} == {
                s.style.bgcolor for s in view.render_line(y + 2) if s.style
            }
            # a click on a national lane posts nothing
            await pilot.click(GanttView, offset=(x, HEADER_ROWS))
            await pilot.pause()
            assert len([m for m in app.messages if isinstance(m, GanttView.PhaseClicked)]) == 1

    run(go())


def test_keyboard_moves_the_highlight_and_expands_businesses(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(GanttView)
            view.focus()
            await pilot.press("down")
            await pilot.pause()
            assert view.selected == ("governance", None)
            hl = [m for m in app.messages if isinstance(m, GanttView.PhaseHighlighted)]
            assert [(m.phase, m.business) for m in hl] == [("governance", None)]
            for _ in range(10):
                await pilot.press("down")
            await pilot.pause()
            assert view.selected == ("migration", None)  # stops at the last phase
            assert "phase.migration.koseki" not in [r.id for r in view.rows]
            await pilot.press("x")
            await pilot.pause()
            assert "phase.migration.koseki" in [r.id for r in view.rows]
            await pilot.press("down")
            await pilot.pause()
            assert view.selected == ("migration", "koseki")
            # the business row is drawn indented under its phase, with its own date
            y = next(i for i, r in enumerate(view.rows) if r.id == "phase.migration.koseki") + HEADER_ROWS
            assert "戸籍" in line_text(view, y)
            assert "R10.3" in line_text(view, y)
            assert view.national == "auto" and "group.jumin" in [r.id for r in view.rows]  # they fit
            await pilot.press("n", "n")  # auto -> full -> compact
            await pilot.pause()
            assert view.national == "compact"
            assert [r.id for r in view.rows][:3] == ["policy", "cloud", "specs"]
            await pilot.press("n")  # -> off
            await pilot.pause()
            assert view.rows[0].phase == "governance"

    run(go())


def test_click_on_the_expander_shows_the_business_rows(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            y = next(i for i, r in enumerate(view.rows) if r.id == "phase.migration") + HEADER_ROWS
            assert cells_text(view, y, 0, 2) == "▸ "
            await pilot.click(GanttView, offset=(0, y))
            await pilot.pause()
            assert "phase.migration.koseki" in [r.id for r in view.rows]
            assert cells_text(view, y, 0, 2) == "▾ "
            clicked = [(m.phase, m.business) for m in app.messages if isinstance(m, GanttView.PhaseClicked)]
            assert clicked == [("migration", None)]
            # the tooltip of a phase names its date, slack and rules
            tip = view.tooltip_at(view.label_width + 1, y) or ""
            assert "R8.9" in tip and "-6" in tip and "PL001" in tip
            # hovering sets it; over a national mark it names the milestone
            await pilot.hover(GanttView, offset=(view.label_width + 1, y))
            await pilot.pause()
            assert view.tooltip == tip
            sc = view.scale
            assert sc is not None
            cloud = next(r for r in view.rows if r.id == "cloud")
            mark = next(m for m in cloud.marks if m.id == "cloud")
            x = view.label_width + sc.cols(mark.month, mark.month)[0] - round(view.scroll_x)
            yc = view.rows.index(cloud) + HEADER_ROWS
            assert "ガバメントクラウド 利用開始" in (view.tooltip_at(x, yc) or "")

    run(go())


def test_select_from_the_app_scrolls_and_expands(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(80, 12)) as pilot:
            view = app.query_one(GanttView)
            view.select("migration", "koseki")
            await pilot.pause()
            assert view.selected == ("migration", "koseki")
            idx = next(i for i, r in enumerate(view.rows) if r.id == "phase.migration.koseki")
            top = round(view.scroll_y)
            assert top <= idx < top + view.size.height - HEADER_ROWS
            assert not app.messages  # select() posts nothing

    run(go())


def test_a_short_view_merges_the_spec_groups(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(80, 14)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            ids = [r.id for r in view.rows]
            assert "specs" in ids and not any(i.startswith("group.") for i in ids)
            specs = next(r for r in view.rows if r.id == "specs")
            assert {m.id for m in specs.marks} >= {f"spec.{g}" for g in national.groups}
            # every phase is on screen without scrolling
            assert len(view.rows) + HEADER_ROWS <= view.size.height
            view.national = "full"
            await pilot.pause()
            assert sum(i.startswith("group.") for i in [r.id for r in view.rows]) == len(national.groups)

    run(go())


def test_a_theme_change_recolours_the_bars(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national))
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(GanttView)
            await pilot.pause()
            y = next(i for i, r in enumerate(view.rows) if r.id == "phase.fit_gap") + HEADER_ROWS

            def bar_colour() -> object:
                return next(
                    s.style.color for s in view.render_line(y) if s.text.startswith(tl.GLYPH["work"]) and s.style
                )

            before = bar_colour()
            app.theme = "nord" if app.theme != "nord" else "gruvbox"
            await pilot.pause()
            assert bar_colour() != before

    run(go())


def test_english_labels_and_lines(national: National) -> None:
    async def go() -> None:
        app = GanttApp(make_chart(national), lang="en")
        async with app.run_test(size=(160, 50)) as pilot:
            view = app.query_one(GanttView)
            view.zoom = Zoom.QUARTER  # the whole chart (to R13.3) in 160 columns
            await pilot.pause()
            screen = "\n".join(line_text(view, y) for y in range(view.size.height))
            assert "FY2022" in screen
            assert "Go-live" in screen and "Government Cloud" in screen
            assert "移行完了" not in screen
            # uncertain (R6 vendor selection), done (完了 governance), deadline and evaluation
            assert tl.GLYPH["uncertain"] in screen and tl.GLYPH["done"] in screen
            assert tl.GLYPH["deadline"] in screen and tl.GLYPH["evaluation"] in screen
            # slack: migration R8.9 is 6 months late
            mig_y = next(i for i, r in enumerate(view.rows) if r.id == "phase.migration") + HEADER_ROWS
            assert "-6" in line_text(view, mig_y)

    run(go())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_the_widget(snap_compare, national: National, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    res = lint_paths([APP_PLANS])
    plan = next(p for p in res.plans if p.municipality == "宇部市")
    t = tl.build(plan, res.national, [f for f in res.findings if f.municipality == plan.municipality], as_of=res.as_of)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.query_one(GanttView).select("fit_gap")
        await pilot.pause()

    assert snap_compare(GanttApp(t), terminal_size=size, run_before=before)
