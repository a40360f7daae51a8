"""What a planner sees (issue 10, items 11-17), with Pilot at 80x24 and 120x40: no date cut so
that it reads as another, the edit box showing what Apply writes, type-to-filter keeping the
first letter, the Gantt fitted to the width with the town's phases in view, focus, footer,
help and palette in the UI language, undo in words, the Gantt's legend and scrolled labels,
names sorted by reading, escapes shown escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, open_phase_editor, pilot_test, screen_lines
from rich.cells import cell_len
from textual import events
from textual.command import CommandInput
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from model.core.errors import Problems
from model.core.national import load_national
from model.core.plan_reader import parse_plan
from model.render.gantt import Zoom
from tui.app.i18n import WORDS, t
from tui.app.palette import COMMANDS
from tui.app.screens.edit_phase import EditPhaseScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.whatif import WhatIfScreen
from tui.app.widgets.gantt import HEADER_ROWS
from tui.app.widgets.municipality_rows import go_live_text, reading_key

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
BY_READING = [
    "阿武町", "岩国市", "宇部市", "上関町", "下松市", "山陽小野田市", "下関市", "周南市", "周防大島町", "田布施町",
    "長門市", "萩市", "光市", "平生町", "防府市", "美祢市", "柳井市", "山口市", "和木町",
]  # fmt: skip


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    return copy_plans(tmp_path)


def _line_of(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in screen_lines(app) if f" {name} " in line)


# -- 11: a date is never cut ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_the_list_never_cuts_a_go_live(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        munis = app.main.munis
        table = munis.table
        for e in app.ws.entries:
            assert str(munis.cell(e, "completion")) == go_live_text(e) == e.plan.summary("migration").text  # type: ignore[union-attr]
        # on screen: 山口市, 田布施町 and 平生町 end in December (R7.12, R6.12), not R7.1
        for name, date in (("山口市", "R7.12"), ("田布施町", "R6.12"), ("平生町", "R7.12")):
            assert re.search(rf" {name}\s+{re.escape(date)}\s", _line_of(app, name)), _line_of(app, name)
        # the columns fit the list: no horizontal scrolling
        assert table.virtual_size.width <= table.size.width


@pilot_test
async def test_a_long_go_live_is_shown_in_its_short_form_and_a_long_name_with_an_ellipsis(plans_dir: Path) -> None:
    ube = plans_dir / "ube.toml"
    text = ube.read_text(encoding="utf-8").replace(
        'municipality = "宇部市"', 'municipality = "宇部市役所情報政策課標準化推進室"'
    )
    ube.write_text(text.replace('migration        = "R8.3"', 'migration        = "令和7年12月"'), encoding="utf-8")
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        e = app.ws.by_name("宇部市役所情報政策課標準化推進室")
        assert e is not None
        assert str(app.main.munis.cell(e, "completion")) == "R7.12"
        name = str(app.main.munis.cell(e, "name"))
        assert name.endswith("…") and name.startswith("宇部市") and cell_len(name) <= app.main.munis.widths[0]


# -- 12: the edit box shows what Apply writes ---------------------------------------------------


async def _open_governance(app, pilot) -> EditPhaseScreen:  # type: ignore[no-untyped-def]
    return await open_phase_editor(app, pilot, "宇部市", "governance")


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_home_then_ctrl_k_shows_an_empty_box(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        screen = await _open_governance(app, pilot)
        box = screen.query_one("#date", Input)
        assert box.value == "R4.10"
        await pilot.press("home", "ctrl+k")
        await pilot.pause()
        assert box.value == ""
        # the box on screen is empty: no placeholder that looks like the old date
        assert "R4.10" not in box.render_line(0).text
        assert "空欄" in str(screen.query_one("#date-check").render())
        await pilot.press("enter")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert (
            entry is not None and entry.plan is not None and entry.plan.phases.get("governance") is None
        )  # what the box showed


@pilot_test
async def test_typing_right_after_ctrl_a_ctrl_k_is_kept(plans_dir: Path) -> None:
    """Keys as a terminal delivers them when typed quickly: all queued before any is handled
    (Pilot's press waits after each key, which hides the bug)."""
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_governance(app, pilot)
        for key, char in (
            ("ctrl+a", "\x01"),
            ("ctrl+k", "\x0b"),
            ("R", "R"),
            ("5", "5"),
            ("full_stop", "."),
            ("3", "3"),
        ):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#date", Input).value == "R5.3"


# -- 13: type-to-filter keeps the first letter ----------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_type_to_filter_keeps_every_letter(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("h", "a", "g", "i")
        await pilot.pause()
        assert app.main.munis.query_one("#filter", Input).value == "hagi"
        assert [e.name for e in app.main.munis.shown] == ["萩市"]


# -- 14: the Gantt fits the width and shows the town's phases ------------------------------


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_the_gantt_fits_the_whole_span_and_shows_the_phases(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        app.action_open("宇部市")
        await pilot.pause()
        gantt = app.main.gantt
        assert gantt.chart is not None and gantt.scale is not None
        # the whole span, national lanes included, without scrolling: R8.3 is on screen
        assert gantt.virtual_size.width <= gantt.size.width
        assert gantt.scale.start == gantt.chart.start and gantt.scale.end == gantt.chart.end
        assert gantt.zoom is (Zoom.YEAR if size[0] == 80 else Zoom.QUARTER)
        # every phase of the town is in view (at 80x24 the national lanes make way)
        visible = [gantt.row_at(y) for y in range(HEADER_ROWS, gantt.size.height)]
        phases = [r.phase for r in visible if r is not None and r.kind == "phase"]
        assert phases == [p.id for p in app.ws.nat.phases]
        if size[0] == 120:  # and at 120 columns the labels are whole, the national lanes shown
            for r in gantt.rows:
                assert r.text("ja") in gantt.render_line(HEADER_ROWS + gantt.rows.index(r)).text
            assert any(r.national for r in gantt.rows)


@pilot_test
async def test_zooming_by_hand_then_0_fits_again(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        gantt = app.main.gantt
        gantt.focus()
        await pilot.press("plus")
        await pilot.pause()
        assert gantt.zoom is Zoom.MONTH and not gantt.fit and gantt.virtual_size.width > gantt.size.width
        await pilot.press("0")
        await pilot.pause()
        assert gantt.fit and gantt.zoom is Zoom.QUARTER and gantt.virtual_size.width <= gantt.size.width


# -- 15: focus, the stats tab, footer, help, palette, undo, what-if, legend, scrolling ------------


@pilot_test
async def test_the_focused_pane_is_marked(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        munis, phases = app.main.munis.table, app.main.phases

        def header_bg(table) -> object:  # type: ignore[no-untyped-def]
            return table.get_component_rich_style("vtable--header").bgcolor

        assert app.focused is munis
        focused, blurred = header_bg(munis), header_bg(phases)
        assert focused != blurred
        phases.focus()
        await pilot.pause()
        assert header_bg(phases) == focused and header_bg(munis) == blurred
        gantt = app.main.gantt
        unfocused = {s.style.bgcolor for s in gantt.render_line(0).crop(0, gantt.label_width) if s.style}
        gantt.focus()
        await pilot.pause()
        assert {s.style.bgcolor for s in gantt.render_line(0).crop(0, gantt.label_width) if s.style} != unfocused


@pilot_test
async def test_the_stats_tab_has_a_key_and_a_palette_entry(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.query_one("#tabs").active == "stats"  # type: ignore[attr-defined]
        assert ("cmd.stats", "show_tab('stats')") in COMMANDS
        await pilot.press("p")
        await pilot.pause()
        assert app.query_one("#tabs").active == "plan"  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [*SIZES, pytest.param((200, 50), id="200x50")])
@pytest.mark.parametrize("focus", ["#munis", "#gantt", "#phases"])
@pilot_test
async def test_the_footer_is_never_clipped(plans_dir: Path, size: tuple[int, int], focus: str) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.query_one(focus).focus()
        await pilot.pause()
        await pilot.pause()
        footer = screen_lines(app)[-1]
        keys = list(app.screen.query(FooterKey))
        assert keys and sum(cell_len(k.key_display) + cell_len(k.description) + 3 for k in keys) + 2 <= size[0]
        for k in keys:
            assert f"{k.key_display} {k.description}" in footer, (footer, k.description)
        assert "^p コマンド" in footer and "^s 保存" in footer and "F1 ヘルプ" in footer


@pytest.mark.parametrize("lang", ["ja", "en"])
@pilot_test
async def test_help_is_in_the_ui_language_with_each_key_once(plans_dir: Path, lang: str) -> None:
    app = app_on(plans_dir, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.keys
        ours = {w(lang) for w in WORDS.values()}
        for where, _key, what in rows:
            assert where in ours, where
            assert what in ours or what.count(" / ") == 1, what  # "反映 / 閉じる"
        for english in ("Scroll Home", "Scroll End", "Page Up", "Page Down", "Scroll Up", "Scroll Left"):
            assert all(english not in what for _, _, what in rows)
        whats = [what for _, _, what in rows]
        assert whats.count(t("key.zoom_in", lang)) == 1 and whats.count(t("key.zoom_out", lang)) == 1
        assert t("key.stats", lang) in whats and t("legend.deadline", lang) in whats


@pilot_test
async def test_the_palette_speaks_japanese(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        box = app.screen.query_one(CommandInput)
        assert box.placeholder == t("palette.placeholder", "ja") and "コマンド" in box.placeholder
        titles = [c.title for c in app.get_system_commands(app.screen_stack[0])]
        assert "テーマ" in titles and "Theme" not in titles and "Quit" not in titles


@pilot_test
async def test_undo_and_redo_say_what_in_words(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_governance(app, pilot)
        screen.query_one("#date", Input).value = "R4.9"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.main.munis.table.focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("元に戻しました: 推進体制の立ち上げ R4.9 → R4.10") for m in messages), messages
        assert any(m.startswith("やり直しました: 推進体制の立ち上げ R4.10 → R4.9") for m in messages), messages
        assert not any("edit governance" in m for m in messages)


@pilot_test
async def test_what_if_offers_no_save(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)
        footer = screen_lines(app)[-1]
        assert "保存" not in footer and "元に戻す" in footer  # its own reset, not the plan's undo
        assert app.check_action("save", ()) is False
        await pilot.press("escape")
        await pilot.pause()
        assert app.check_action("save", ()) is True


@pilot_test
async def test_year_zoom_names_its_lines(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open("宇部市")
        await pilot.pause()
        gantt = app.main.gantt
        assert gantt.zoom is Zoom.YEAR
        units = gantt.render_line(1).text
        assert units.count("▼") == 2 and "▼評価日" in units and "▼期限" in units


@pilot_test
async def test_scrolled_gantt_keeps_labels_apart(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_open("宇部市")
        await pilot.pause()
        gantt = app.main.gantt
        gantt.focus()
        await pilot.press("plus")  # month zoom: the chart scrolls
        await pilot.pause()
        lw = gantt.label_width
        for step in range(40):
            gantt.scroll_to(x=step, animate=False, immediate=True)
            await pilot.pause()
            for y in range(HEADER_ROWS, HEADER_ROWS + len(gantt.rows)):
                line = gantt.render_line(y)
                assert line.crop(lw - 1, lw).text == " "  # a blank after the date, always
                first = line.crop(lw, lw + 3).text
                assert not re.match(r"\d", first), (step, y, line.text)  # never the tail of a "+13"
            header = gantt.render_line(0).crop(lw, gantt.size.width).text
            assert not re.search(r"[^ ]R\d+年", header), (step, header)  # every year label stands apart


# -- 16: sorted by reading -------------------------------------------------------------------


def test_reading_order_ignores_voicing_and_small_kana() -> None:
    assert sorted(["ぎふ", "きょうと", "かがわ", "キョウト", "ｶｶﾞﾜ"], key=reading_key) == [
        "かがわ",
        "ｶｶﾞﾜ",
        "ぎふ",
        "きょうと",
        "キョウト",
    ]


@pilot_test
async def test_sort_by_name_is_by_reading_then_code(plans_dir: Path) -> None:
    (plans_dir / "x.toml").write_text(
        'municipality = "無読町"\ncode = "35998"\n[phases]\nmigration = "R8.3"\n', encoding="utf-8"
    )
    (plans_dir / "y.toml").write_text(
        'municipality = "亜無読町"\ncode = "35997"\n[phases]\nmigration = "R8.3"\n', encoding="utf-8"
    )
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_sort("name")
        await pilot.pause()
        assert [e.name for e in app.main.munis.shown] == [*BY_READING, "亜無読町", "無読町"]  # no reading: by code


def test_kana_is_read_and_checked() -> None:
    nat = load_national()
    problems = Problems("k.toml")
    plan = parse_plan('municipality = "宇部市"\nkana = "ウベシ"\n', "k.toml", nat, problems)
    assert plan is not None and plan.kana == "ウベシ" and not problems
    problems = Problems("k.toml")
    assert parse_plan('municipality = "宇部市"\nkana = "Ube"\n', "k.toml", nat, problems) is None
    (p,) = problems.items
    assert p.code == "E008" and p.place.line == 2 and "ひらがな" in p.text("ja")


def test_every_shipped_plan_has_its_reading() -> None:
    from conftest import PLANS

    from model.project.lint import lint_paths

    for folder in (PLANS, copy_plans.__globals__["APP_PLANS"]):
        plans = lint_paths([folder]).plans
        assert len(plans) == 19 and all(p.kana for p in plans)
        assert [p.municipality for p in sorted(plans, key=lambda p: reading_key(p.kana or ""))] == BY_READING


# -- 17: escapes shown escaped ---------------------------------------------------------------


@pilot_test
async def test_escape_sequences_in_a_name_are_shown_escaped(plans_dir: Path) -> None:
    (plans_dir / "evil.toml").write_text(
        'municipality = "悪\\u001b[2J\\u001b]0;x\\u0007町"\n[phases]\nmigration = "R8.3"\n', encoding="utf-8"
    )
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.main.munis.query_one("#filter", Input).value = "evil"
        await pilot.pause()
        e = app.main.entry
        assert e is not None and "\x1b" in e.name
        cell = str(app.main.munis.cell(e, "name"))
        assert "\x1b" not in cell and cell.startswith("悪\\x1b[2J")
        assert not any("\x1b" in line or "\x07" in line for line in screen_lines(app))
        assert "悪\\x1b[2J" in str(app.main.query_one("#plan-title").render())
