"""Pilot tests of the problems a new user's trial of the app found: no value cut so that it
reads as another (``R7.12`` as ``R7.1``, ``79.8%`` as ``79.``, ベンダ選定 as ダ選定), every
column reachable, the sort's and filter's cursor, the month the list's rates are of, the undo
toast's before and after, and the words of the UI language.

The fixture is tests/fixtures/app_progress/ (see tests/test_app_progress.py for its figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, pilot_test, screen_lines
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


# -- 2. the progress view at 80×24: the rates after the steps reachable, no phase name cut --


def phase_tokens(app: PlansApp) -> list[str]:
    """The phase header's words on screen, right of the fixed part."""
    line = next(line for line in screen_lines(app) if "業務" in line and "完了率" in line)
    return line.split("完了率", 1)[1].replace("│", " ").split()


@pilot_test
async def test_the_progress_views_rates_are_reachable_and_no_phase_name_is_cut(plans_dir: Path) -> None:
    from test_app_progress import progress_view

    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await progress_view(app, pilot)
        assert grid.grid is not None
        names = set(grid.grid.phase_names.values())
        assert "…" in phase_tokens(app)  # the 2-step phase: too narrow for a name, yet marked
        for _ in range(len(grid.grid.steps)):
            for tok in phase_tokens(app):
                whole = tok in names or tok in {"作業中", "未着手"}
                assert whole or (tok.endswith("…") and any(n.startswith(tok[:-1]) for n in names)), tok
            await pilot.press("right")
            await pilot.pause()
        row = next(line for line in screen_lines(app) if "住民記録" in line and "65.0%" in line)
        assert row.rstrip().endswith("2.5%  32.5%"), row  # → at the last step: 作業中率, 未着手率
        await pilot.press("home", "end")
        await pilot.pause()
        row = next(line for line in screen_lines(app) if "住民記録" in line and "65.0%" in line)
        assert row.rstrip().endswith("2.5%  32.5%"), row


# -- 3. the Gantt's slack: whole at either edge or not shown ---------------------------------


@pilot_test
async def test_the_gantts_slack_is_never_cut_at_an_edge(plans_dir: Path) -> None:
    import re

    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.action_open("宇部市")
        await pilot.pause()
        gantt = app.main.gantt
        await pilot.press("+", "+")  # zoomed in: the chart scrolls
        await pilot.pause()
        rows = gantt.rows
        slacks = {f"{r.slack:+d}" for r in rows if r.slack is not None}
        assert slacks
        seen: set[str] = set()
        label_w = gantt.label_width
        for sx in range(0, int(gantt.max_scroll_x) + 1):
            gantt.scroll_to(x=sx, animate=False, immediate=True)
            for y in range(2, min(gantt.size.height, 2 + len(rows))):
                chart = gantt.render_line(y).text[label_w:]
                for tok in re.findall(r"[+-]\d*", chart):
                    assert tok in slacks, (sx, y, tok, chart)
                    seen.add(tok)
        assert seen  # the slack was on screen somewhere


# -- 4. a new sort order starts at the top -------------------------------------------------


@pilot_test
async def test_a_new_sort_order_moves_the_cursor_to_the_top(plans_dir: Path, tmp_path: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.action_open("萩市")
        await pilot.pause()
        app.action_sort("progress")
        await pilot.pause()
        munis = app.main.munis
        assert munis.shown[0].name == "下関市" and munis.table.cursor_row == 0  # the lowest 完了率
        assert app.main.entry is not None and app.main.entry.name == "下関市"
    app = app_on(copy_plans(tmp_path / "all"))  # 19 plans: the list scrolls at 80×16
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        munis = app.main.munis
        munis.table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert munis.table.scroll_offset.y > 0
        await pilot.press("s")
        await pilot.pause()
        assert munis.table.cursor_row == 0 and munis.table.scroll_offset.y == 0


# -- 5. the filter: / again types no slash; no match says so and selects no plan -------------


@pilot_test
async def test_the_filter_takes_no_slash_and_no_match_selects_no_plan(plans_dir: Path) -> None:
    from textual.widgets import Input

    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        munis = app.main.munis
        box = munis.query_one("#filter", Input)
        await pilot.press("/", "u", "b", "e", "/")
        await pilot.pause()
        assert box.value == "ube" and [e.name for e in munis.shown] == ["宇部市"]
        await pilot.press("z", "z")  # the second / selected the text: typing replaces it
        await pilot.pause()
        assert box.value == "zz" and munis.shown == []
        text = "\n".join(screen_lines(app))
        assert "該当なし" in text and "該当する市区町村がありません" in text
        assert app.main.entry is None and "ube.toml" not in text  # the plan pane shows no plan
        await pilot.press("enter", "f")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # no fix preview, no edit dialog of a stale plan
        assert any("市区町村が選ばれていません" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert box.value == "" and app.main.entry is not None and "該当なし" not in "\n".join(screen_lines(app))


# -- 6. the list names the month of its 完了率 ----------------------------------------------


@pilot_test
async def test_the_list_names_the_month_of_its_rates(plans_dir: Path) -> None:
    from test_app_progress import progress_view

    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await progress_view(app, pilot)
        await pilot.press("[")  # the progress view at 2025-04; the list stays at the latest
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "進捗 2025-04" in text and "完了率は 2025-05 時点" in text
        assert str(app.main.munis.cell(app.main.entry, "progress")) == "73.3%"


# -- 7. undo says the value before and after ------------------------------------------------


@pilot_test
async def test_undo_says_the_value_before_and_after(tmp_path: Path) -> None:
    from app_helpers import open_phase_editor
    from textual.widgets import Input

    app = app_on(copy_plans(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_phase_editor(app, pilot, "宇部市", "vendor_selection")
        screen.query_one("#date", Input).value = "R6"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.main.munis.table.focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("元に戻しました: ベンダ選定 R6 → R6.6") for m in messages), messages
        assert not any("= R6" in m for m in messages), messages


# -- 8. 市区町村, not 市町: a nationwide set has villages and wards --------------------------


@pilot_test
async def test_the_headers_say_shikuchoson(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        for tab in ("p", "o"):
            await pilot.press(tab)
            await pilot.pause()
            tokens = "\n".join(screen_lines(app)).split()
            assert "市区町村" in tokens and "市町" not in tokens, tab


# -- 9. the footer's g, w, [ and ]; the palette's what-if and 団体コード order -----------------


@pytest.mark.parametrize(
    ("lang", "width", "shown"),
    [
        ("ja", 120, ["g 進捗", "w "]),
        ("en", 80, ["g Progress"]),
        ("ja", 160, ["g 進捗", "w ", "[ 前の月", "] 次の月"]),
    ],
)
@pilot_test
async def test_the_footer_shows_g_w_and_the_month_keys(
    plans_dir: Path, lang: str, width: int, shown: list[str]
) -> None:
    app = app_on(plans_dir, lang=lang)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert all(words in footer for words in shown), footer


@pilot_test
async def test_the_palette_has_what_if_and_the_code_order(plans_dir: Path) -> None:
    from tui.app.i18n import t
    from tui.app.palette import COMMANDS

    assert ("cmd.whatif", "what_if") in COMMANDS and ("cmd.sort_code", "sort('code')") in COMMANDS
    assert "団体コード" in t("cmd.sort_code", "ja")
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_sort("name")
        await pilot.pause()
        await app.run_action("sort('code')")
        await pilot.pause()
        assert app.main.munis.sort_key == "code"


# -- 10. Japanese in the Japanese UI: 試算, F1's keys, the rule's severity --------------------


@pilot_test
async def test_the_japanese_ui_says_what_if_keys_and_severity_in_japanese(plans_dir: Path) -> None:
    from model.checks.registry import RULES

    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "試算: 国の日程を動かす" in text and "What-if" not in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        from tui.app.keys import key_rows

        cells = " ".join(f"{k} {w}" for _, k, w in key_rows(app))
        for english in ("click", "hover", "enter", "What-if"):
            assert english not in cells, english
        assert "クリック" in cells and "w 試算" in cells
        await pilot.press("escape")
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        finding = app.main.entry.findings[0]
        await pilot.press("r")
        await pilot.pause()
        doc = app.screen.doc()  # type: ignore[attr-defined]
        sev = RULES[finding.code].severity
        assert doc.splitlines()[0].endswith(f"({sev.label('ja')})") and f"({sev})" not in doc.splitlines()[0]
        assert f"({sev.label('ja')})" in "\n".join(screen_lines(app))
