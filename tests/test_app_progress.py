"""Pilot tests of the app's progress (issue 13: 6): the list's 完了率 column and its sort, the
progress view (cursor, the step named, rates, months, the mouse), the overview's rate columns,
the stats' chart, the background read and what an edit recomputes.

The fixture, tests/fixtures/app_progress/, is small enough to check by hand: four plans
(下関市, 宇部市, 山口市, 萩市) and two snapshots, 2025-04 and 2025-05, with one more system
in another prefecture (北九州市, 福岡県, no plan). 下関市's plan records 2025-05 by hand: its
住民記録 (steps 1-12 done) replaces the snapshot's, its 介護保険 (1-4 done, 5-6 in
progress) is added. At 2025-05, with 40 steps a system (完了率 = (完了済み + 対象外) / 40):

- 下関市: 住民記録 12 done, 介護保険 4 done 2 in progress: 16/80 = 20.0%, 2/80 = 2.5%,
  62/80 = 77.5%;
- 宇部市: 住民記録 1-26 done, 27 in progress (65.0%, 2.5%, 32.5%); 介護保険 1-13 done, 14-20
  対象外, 21-22 done, 23 in progress (22/40 = 55.0%, 2.5%, 42.5%); 固定資産税 all 40 done:
  88/120 = 73.3%, 2/120 = 1.7%, 30/120 = 25.0%;
- 山口市: 住民記録 1-20 done: 50.0%, 0.0%, 50.0%; 萩市: no report;
- all 7 systems: 154/280 = 55.0%, 6/280 = 2.1%, 120/280 = 42.9%; 山口県 124/240 = 51.7%,
  4/240 = 1.7%, 112/240 = 46.7%; 福岡県 (1-30 done, 31-32 in progress) 75.0%, 5.0%, 20.0%.

At 2025-04: 宇部市 住民記録 1-20 done, 21 in progress (50.0%); 介護保険 1-13 done, 14-20
対象外, 21 in progress (50.0%); 固定資産税 1-36 done, 37 in progress (90.0%): 76/120 =
63.3%, 3/120 = 2.5%, 41/120 = 34.2%; all 6 systems 125/240 = 52.1%."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from app_helpers import app_on, pilot_test, screen_lines
from rich.cells import cell_len, set_cell_size
from textual.pilot import Pilot
from textual.widgets import DataTable

import tui.app.progress_load as progress_load
from model.progress.snapshot import iso_month
from tui.app.app import PlansApp
from tui.app.progress_data import ProgressState
from tui.app.widgets.progress_grid import ProgressGrid
from tui.app.widgets.progress_grid_lines import HEADER_ROWS

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "app_progress"
NO_PROGRESS = Path(__file__).resolve().parent / "fixtures" / "app"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
LIST_RATES = {"下関市": "20.0%", "宇部市": "73.3%", "山口市": "50.0%", "萩市": "—"}


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "plans"
    shutil.copytree(FIXTURE, dst)
    return dst


async def loaded(app: PlansApp, pilot: Pilot[Any], *keys: str) -> None:
    """Until the background read has every month; then press ``keys``."""
    for _ in range(400):
        if app.progress.state.done:
            await pilot.pause()
            if keys:
                await pilot.press(*keys)
                await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the progress read did not finish")


async def progress_view(app: PlansApp, pilot: Pilot[Any], municipality: str = "宇部市") -> ProgressGrid:
    await loaded(app, pilot)
    app.action_open(municipality)
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    grid = app.main.progress_view.grid
    assert app.main.progress_shown and grid.has_focus
    return grid


def text_of(app: PlansApp, selector: str) -> str:
    return str(app.main.progress_view.query_one(selector).render())  # type: ignore[attr-defined]


def right_of(line: str, cells: int) -> str:
    """``line`` from cell ``cells`` on."""
    used = 0
    for i, ch in enumerate(line):
        if used >= cells:
            return line[i:]
        used += cell_len(ch)
    return ""


def screen(app: PlansApp) -> str:
    return "\n".join(screen_lines(app))


# -- the list -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [*SIZES, pytest.param((200, 50), id="200x50")])
@pilot_test
async def test_the_list_shows_each_municipalitys_done_rate_whole(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        munis = app.main.munis
        assert munis.rates_shown and munis.has_class("-rates")
        assert {e.name: str(munis.cell(e, "progress")) for e in munis.shown} == LIST_RATES
        # never clipped: each row shows its rate whole, right after the go-live, in its column
        lines = [set_cell_size(line, munis.region.width) for line in screen_lines(app)]  # the list's part
        for name, rate in LIST_RATES.items():
            row = next(line for line in lines if f" {name} " in line)
            assert f" {rate} " in row or row.rstrip().endswith(f" {rate}"), (name, row)
        assert munis.widths[2] >= cell_len("完了率") and munis.widths[1] >= cell_len("R7.12")


@pilot_test
async def test_no_snapshot_no_column_and_the_view_says_where_to_put_one() -> None:
    app = app_on(NO_PROGRESS)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        munis = app.main.munis
        assert not munis.rates_shown and munis.widths[2] == 0 and not munis.has_class("-rates")
        e = munis.shown[0]
        assert len(munis._cells(e)) == 3
        assert "完了率" not in screen(app)
        await pilot.press("g")
        await pilot.pause()
        assert "進捗のスナップショットがありません" in text_of(app, "#progress-head")
        # s never offers an order it cannot make; asked for by name it says why
        seen = {munis.cycle_sort() for _ in range(6)}
        assert "progress" not in seen and len(seen) == 4
        app.action_sort("progress")
        await pilot.pause()
        assert munis.sort_key != "progress"
        assert any("スナップショットがありません" in n.message for n in app._notifications)


@pilot_test
async def test_sort_by_done_rate_puts_the_lowest_first(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        munis = app.main.munis
        orders = []
        for _ in range(5):  # code -> name -> go-live -> severity -> 完了率
            await pilot.press("s")
            await pilot.pause()
            orders.append(munis.sort_key)
        assert orders == ["name", "completion", "severity", "progress", "code"]
        app.action_sort("progress")
        await pilot.pause()
        assert [e.name for e in munis.shown] == ["下関市", "山口市", "宇部市", "萩市"]  # 20.0, 50.0, 73.3, none
        assert "並び: 完了率(低い順)" in screen(app)


# -- the progress view ------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_the_view_names_the_step_under_the_cursor(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        grid = await progress_view(app, pilot)
        assert grid.current == ("juki", 1)
        assert "住民記録" in text_of(app, "#progress-detail")
        assert "ステップ 1 推進体制案の作成" in text_of(app, "#progress-detail")
        await pilot.press(*["right"] * 23)
        await pilot.pause()
        assert grid.current == ("juki", 24)
        detail = text_of(app, "#progress-detail")
        assert "ステップ 24 RFPベンダー質問回答" in detail and "ベンダ選定" in detail and "完了済み" in detail
        assert "完了率 65.0% · 作業中 2.5% · 未着手 32.5%" in detail
        await pilot.press("down", "left")  # 介護保険, step 23: in progress
        await pilot.pause()
        detail = text_of(app, "#progress-detail")
        assert grid.current == ("kaigo", 23) and "◐ 作業中" in detail
        assert "完了率 55.0% · 作業中 2.5% · 未着手 42.5%" in detail
        await pilot.press(*["left"] * 5)  # step 18: 対象外 (RFI)
        await pilot.pause()
        assert grid.current == ("kaigo", 18) and "- 対象外" in text_of(app, "#progress-detail")
        await pilot.press("end")  # the last step, scrolled into view at 80 columns
        await pilot.pause()
        assert grid.current == ("kaigo", 40)
        geo = grid.geo
        assert geo is not None
        x = geo.xs[-1] - round(grid.scroll_x)
        assert 0 <= x < grid.size.width - geo.fixed
        assert ("ステップ 40 " in text_of(app, "#progress-detail")) and "移行完了" in text_of(app, "#progress-detail")
        head = text_of(app, "#progress-head")
        assert "2025-05" in head and "全体(3システム)" in head
        assert "完了率 73.3% · 作業中 1.7% · 未着手 25.0%" in head


@pilot_test
async def test_each_cell_has_its_status_glyph_and_each_row_its_rates(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(160, 50)) as pilot:
        grid = await progress_view(app, pilot)
        assert grid.geo is not None and grid.geo.cw == 2  # comfortable: steps two cells wide
        left = app.main.munis.region.width
        lines = [right_of(line, left) for line in screen_lines(app)]  # the plan pane's part
        juki = next(line for line in lines if "住民記録" in line and "65.0%" in line)
        assert juki.count("●") == 26 and juki.count("◐") == 1 and juki.count("·") == 13
        assert "2.5%" in juki and "32.5%" in juki
        kaigo = next(line for line in lines if "介護保険" in line)
        assert kaigo.count("-") >= 7 and "55.0%" in kaigo
        kotei = next(line for line in lines if "固定資産税" in line)
        assert kotei.count("●") == 40 and "100.0%" in kotei
        shogai = next(line for line in lines if "障害者福祉" in line)  # no report: no figure
        assert "報告なし" in shogai and "%" not in shogai


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_brackets_step_through_the_months(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        grid = await progress_view(app, pilot)
        await pilot.press("right")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        head = text_of(app, "#progress-head")
        assert "2025-04(1/2" in head and "完了率 63.3% · 作業中 2.5% · 未着手 34.2%" in head
        assert grid.current == ("juki", 2)  # the cursor stays on its cell
        assert "完了率 50.0% · 作業中 2.5% · 未着手 47.5%" in text_of(app, "#progress-detail")
        await pilot.press("left_square_bracket")  # the first month: it says so
        await pilot.pause()
        assert any("最初の月です" in n.message for n in app._notifications)
        app.action_open("下関市")  # the month stays while choosing another municipality
        await pilot.pause()
        assert "2025-04" in text_of(app, "#progress-head") and "全体(1システム)" in text_of(app, "#progress-head")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        head = text_of(app, "#progress-head")  # 2025-05: the plan's own [progress] counts
        assert "2025-05(2/2" in head and "全体(2システム) 完了率 20.0% · 作業中 2.5% · 未着手 77.5%" in head


@pilot_test
async def test_the_mouse_names_the_cell_it_is_over(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await progress_view(app, pilot)
        geo = grid.geo
        assert geo is not None
        at = (geo.fixed + geo.xs[26], HEADER_ROWS + 0)  # 住民記録, step 27: in progress
        await pilot.hover(ProgressGrid, offset=at)
        await pilot.pause()
        detail = text_of(app, "#progress-detail")
        assert "ステップ 27 " in detail and "◐ 作業中" in detail
        assert grid.current == ("juki", 1)  # hovering moves no cursor
        await pilot.click(ProgressGrid, offset=(geo.fixed + geo.xs[9], HEADER_ROWS + 4))  # 固定資産税, step 10
        await pilot.pause()
        assert grid.current == ("kotei", 10)
        await pilot.hover(ProgressGrid, offset=(1, HEADER_ROWS))  # the label: no cell, the cursor's words
        await pilot.pause()
        assert "固定資産税" in text_of(app, "#progress-detail") and "ステップ 10 " in text_of(app, "#progress-detail")


@pilot_test
async def test_g_goes_back_to_the_plan_and_english_names_the_steps(plans_dir: Path) -> None:
    app = app_on(plans_dir, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await progress_view(app, pilot)
        await pilot.press(*["right"] * 23)
        await pilot.pause()
        detail = text_of(app, "#progress-detail")
        assert "step 24 Answer the vendors' RFP questions" in detail and "done" in detail
        assert "Progress 2025-05" in text_of(app, "#progress-head")
        await pilot.press("g")
        await pilot.pause()
        assert not app.main.progress_shown and app.main.gantt.display and not grid.has_focus


@pilot_test
async def test_the_palette_and_help_offer_the_progress_view(plans_dir: Path) -> None:
    from tui.app.keys import key_rows
    from tui.app.palette import COMMANDS

    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert ("cmd.progress", "progress") in COMMANDS and ("cmd.sort_progress", "sort('progress')") in COMMANDS
        rows = key_rows(app)
        assert ("全体", "g", "進捗") in rows and ("全体", "[", "前の月") in rows and ("全体", "]", "次の月") in rows
        assert any(where == "進捗" and "ステップ名" in what for where, _, what in rows)
        await app.run_action("progress")
        await pilot.pause()
        assert app.main.progress_shown


# -- the overview and the stats ----------------------------------------------------------------


@pilot_test
async def test_the_overview_has_each_municipalitys_rates_and_the_totals(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot, "o", *["right"] * 8)  # whole columns: → until the rates
        table = app.query_one("#overview-table", DataTable)
        heads = [str(c.label) for c in table.columns.values()]
        assert heads[-3:] == ["完了率", "作業中率", "未着手率"]
        rows = {str(table.get_row_at(i)[1]): [str(c) for c in table.get_row_at(i)[-3:]] for i in range(table.row_count)}
        assert rows == {
            "下関市": ["20.0%", "2.5%", "77.5%"],
            "宇部市": ["73.3%", "1.7%", "25.0%"],
            "山口市": ["50.0%", "0.0%", "50.0%"],
            "萩市": ["—", "—", "—"],
        }
        facts = str(app.query_one("#facts").render())
        assert "2025-05: 7システム、完了率 55.0%(作業中 2.1%、未着手 42.9%)" in facts
        assert "山口県: 完了率 51.7% · 作業中 1.7% · 未着手 46.7%" in facts
        assert "福岡県: 完了率 75.0% · 作業中 5.0% · 未着手 20.0%" in facts


@pilot_test
async def test_the_stats_chart_the_done_rate_over_the_months(plans_dir: Path) -> None:
    from tui.app.widgets.stats_chart import StatsChart

    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot, "t")
        text = app.query_one(StatsChart).text.plain
        lines = text.splitlines()
        assert "完了率の推移(全体)" in lines[0]
        april = next(line for line in lines if line.startswith("2025-04 "))
        may = next(line for line in lines if line.startswith("2025-05 "))
        assert april.endswith(" 52.1%") and may.endswith(" 55.0%")
        cells = sum(april.count(c) for c in "█▓░")
        assert cells == sum(may.count(c) for c in "█▓░") and cells >= 10  # one width: measured in cells
        assert may.count("█") == round(55.0 * cells / 100) and april.count("█") == round(52.1 * cells / 100)
        yamaguchi = next(line for line in lines if line.startswith("山口県"))
        fukuoka = next(line for line in lines if line.startswith("福岡県"))
        assert yamaguchi.split()[1:] == ["▅▅", "51.7%", "1.7%", "46.7%"]  # 50.5% then 51.7%
        assert fukuoka.split()[1:] == ["▅▆", "75.0%", "5.0%", "20.0%"]  # 60.0% then 75.0%


# -- the background read and edits ------------------------------------------------------------


@pilot_test
async def test_the_first_frame_does_not_wait_for_the_snapshots(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = progress_load.read_snapshot

    def slow(path: Path, nat: Any, month: Any = None) -> Any:
        time.sleep(0.5)
        return real(path, nat, month)

    monkeypatch.setattr(progress_load, "read_snapshot", slow)
    app = app_on(plans_dir)
    t0 = time.monotonic()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert time.monotonic() - t0 < 0.5 + 2.0  # painted before the first read ends (1 s of reads)
        assert app.main.munis.progress is None or not app.main.munis.rates_shown  # no figure yet
        assert "宇部市" in screen(app)
        await loaded(app, pilot)
        assert str(app.main.munis.cell(app.ws.by_name("宇部市"), "progress")) == "73.3%"  # type: ignore[arg-type]


@pilot_test
async def test_an_edit_recomputes_no_progress(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await progress_view(app, pilot)
        state = app.progress.state
        latest = state.latest
        calls: list[object] = []
        real = ProgressState.at
        monkeypatch.setattr(ProgressState, "at", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
        entry = app.ws.by_name("宇部市")
        assert entry is not None
        entry.doc.edit_phase("migration_plan", date="R5.8", status=None, note=None)
        app.changed(entry, "R5.8")
        await pilot.pause()
        assert app.progress.state is state and state.latest is latest
        assert calls == []  # nothing rolled up, the progress view shown not drawn again
        assert "完了率 73.3%" in text_of(app, "#progress-head")


@pilot_test
async def test_a_plans_own_progress_changed_rolls_up_its_systems_alone(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        entry = app.ws.by_name("下関市")
        assert entry is not None
        path = plans_dir / "shimonoseki.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('"1-12" = "完了済み"', '"1-28" = "完了済み"'), "utf-8")
        entry.doc.reload()
        rolled: list[str | None] = []
        real = ProgressState.at
        with monkeypatch.context() as m:
            m.setattr(
                ProgressState,
                "at",
                lambda self, month, plans, nat, plan=None: (
                    rolled.append(plan and plan.municipality) or real(self, month, plans, nat, plan)
                ),
            )
            app.changed(entry)  # on the screen's thread: its systems alone
        assert rolled == ["下関市"]
        # 下関市: 住民記録 28 done, 介護保険 4 done 2 in progress: 32/80 = 40.0%, at once
        assert str(app.main.munis.cell(entry, "progress")) == "40.0%"
        assert str(app.main.munis.cell(app.ws.by_name("宇部市"), "progress")) == "73.3%"  # type: ignore[arg-type]
        await loaded(app, pilot)
        for _ in range(100):  # the totals follow in the background: 170/280 = 60.7%
            total = app.progress.state.totals[app.progress.state.months[-1]].total
            if total is not None and total.done == 60.7:
                break
            await pilot.pause(0.02)
        assert total is not None and total.done == 60.7


def cli_rates(cli: Any, folder: Path) -> dict[str, str]:
    """Each municipality's 完了率 as ``plans progress --format csv`` prints it."""
    out = cli("progress", str(folder), "--format", "csv").out.lstrip("\ufeff")  # not inside run_test: it takes stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    return {r["市区町村"]: f"{float(r['完了率(%)']):.1f}%" for r in rows}


@pilot_test
async def test_the_list_shows_what_plans_progress_prints(plans_dir: Path, cli: Any) -> None:
    expected = cli_rates(cli, plans_dir)
    assert expected == {"下関市": "20.0%", "宇部市": "73.3%", "山口市": "50.0%", "北九州市": "75.0%"}
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        munis = app.main.munis
        shown = {e.name: str(munis.cell(e, "progress")) for e in munis.shown}
        assert shown == {e.name: expected.get(e.name, "—") for e in munis.shown}  # 萩市: no report


@pilot_test
async def test_a_new_month_by_hand_becomes_the_latest(plans_dir: Path, cli: Any) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        entry = app.ws.by_name("下関市")
        assert entry is not None
        path = plans_dir / "shimonoseki.toml"
        path.write_text(
            path.read_text(encoding="utf-8") + '\n[progress."2025-06"]\njuki = { "1-40" = "done" }\n', "utf-8"
        )
        entry.doc.reload()
        app.changed(entry)
        await pilot.pause()
        await loaded(app, pilot)
        munis = app.main.munis
        assert iso_month(app.progress.state.months[-1]) == "2025-06"
        # June by hand lies over May: 下関市's 住民記録 all done, its 介護保険 as in May (4 done,
        # 2 in progress): 44/80 = 55.0%; the others keep May's figures, as plans progress has it
        shown = {e.name: str(munis.cell(e, "progress")) for e in munis.shown}
        assert shown == {"下関市": "55.0%", "宇部市": "73.3%", "山口市": "50.0%", "萩市": "—"}
        await pilot.press("g")
        await pilot.pause()
        head = text_of(app, "#progress-head")
        assert "2025-06(3/3" in head and "全体(2システム) 完了率 55.0%" in head
        assert app.main.progress_view.shown is not None
        assert app.main.progress_view.shown.rates["juki"].done == 100.0
        assert app.main.progress_view.shown.rates["kaigo"].done == 10.0
    expected = cli_rates(cli, plans_dir)
    assert all(expected[name] == rate for name, rate in shown.items() if rate != "—")


@pilot_test
async def test_a_bad_snapshot_is_reported_at_its_cell_and_shows_no_figure(plans_dir: Path) -> None:
    bad = (
        (plans_dir / "progress" / "2025-05.csv")
        .read_text(encoding="utf-8")
        .replace("352021,宇部市,山口県,juki,3,done", "352021,宇部市,山口県,juki,3,完了したい", 1)
    )
    (plans_dir / "progress" / "2025-06.csv").write_text(bad, encoding="utf-8")
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert not app.main.munis.rates_shown  # the latest month cannot be read: no made-up figure
        message = next(n.message for n in app._notifications)
        assert "2025-06.csv" in message and "E008" in message and "完了したい" in message
        await pilot.press("g")
        await pilot.pause()
        assert "E008" in text_of(app, "#progress-head")
        await pilot.press("left_square_bracket")  # the months before are read and shown
        await pilot.pause()
        head = text_of(app, "#progress-head")  # 下関市, the first in the list
        assert "2025-05(2/3" in head and "全体(2システム) 完了率 20.0%" in head


# -- screenshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_the_progress_view(snap_compare: Any, plans_dir: Path, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        app: PlansApp = pilot.app  # type: ignore[assignment]
        await progress_view(app, pilot)
        await pilot.press(*["right"] * 23, "down")  # 介護保険, step 24
        await pilot.pause()

    assert snap_compare(app_on(plans_dir), terminal_size=size, run_before=before)
