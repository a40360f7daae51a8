"""Pilot tests of the app's main screen: list, filter, sort, selection, findings, rule doc,
overview, help, command palette and the words in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest
from app_helpers import APP_PLANS, app_on, copy_plans, pilot_test
from textual.widgets import DataTable, Input

import tui.app
from model.core.plan import STATUSES, STRATEGIES
from model.core.words import Words
from tui.app.app import PlansApp
from tui.app.i18n import WORDS
from tui.app.keys import DESCRIPTIONS, LEGEND, PANE_KEYS
from tui.app.palette import COMMANDS
from tui.app.screens import whatif
from tui.app.screens.help import HelpScreen
from tui.app.screens.rule_doc import RuleDocScreen
from tui.app.widgets import gantt, gantt_strips
from tui.app.widgets.municipality_list import SORTS
from tui.app.widgets.virtual_table import VirtualTable

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

APP_SOURCE = Path(tui.app.__file__).parent


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    return copy_plans(tmp_path)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_catalogue_entry_has_both_languages_with_the_same_fields() -> None:
    for key, words in WORDS.items():
        assert isinstance(words, Words), key
        assert words.ja.strip() and words.en.strip(), key
        assert _fields(words.ja) == _fields(words.en), key


def test_every_key_the_app_asks_for_is_in_the_catalogue_and_every_entry_is_used() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in APP_SOURCE.rglob("*.py") if p.name != "i18n.py")
    # keys written out: t("…"), and the action -> key tables (bindings, help rows, palette)
    asked = set(re.findall(r"""\bt\(\s*["']([^"'{}]+)["']""", source))
    for table in (DESCRIPTIONS, gantt.DESCRIPTIONS, whatif.DESCRIPTIONS):
        asked |= set(table.values())
    asked |= {k for where, _, what in PANE_KEYS for k in (where, what)} | {k for k, _ in COMMANDS}
    # keys built at run time: t(f"status.{s}") …
    asked |= {f"status.{s}" for s in (*STATUSES, "none")} | {f"strategy.{s}" for s in (*STRATEGIES, "clear")}
    asked |= {f"sort.{s}" for s in SORTS} | {f"phases.{c}" for c in ("phase", "date", "slack", "status", "interval")}
    asked |= {w for which in ("undo", "redo") for w in (which, f"{which}.none")}
    asked |= (
        set(gantt_strips.ZOOM_WORDS.values()) | set(gantt_strips.LINE_WORDS.values()) | {what for _, what in LEGEND}
    )
    assert asked - set(WORDS) == set()
    assert set(WORDS) - asked == set()


@pilot_test
async def test_list_shows_every_plan_with_worst_finding(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        munis = app.main.munis
        assert len(munis.shown) == 19
        # 団体コード order: 下関市 (352012) first, as in the seed's table
        assert munis.shown[0].name == "下関市"
        assert app.main.entry is not None and app.main.entry.name == "下関市"
        ube = app.ws.by_name("宇部市")
        assert ube is not None and ube.worst == "error"
        icon = munis.cell(ube, "icon")
        assert str(icon).startswith("✖") and str(len(ube.findings)) in str(icon)


@pilot_test
async def test_filter_by_typing(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "u", "b", "e")
        await pilot.pause()
        assert [e.name for e in app.main.munis.shown] == ["宇部市"]
        assert app.main.entry is not None and app.main.entry.name == "宇部市"
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, VirtualTable)
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert len(app.main.munis.shown) == 19
        # type-to-filter on the table itself: an unbound letter goes to the filter box
        await pilot.press("h")
        await pilot.pause()
        box = app.main.munis.query_one("#filter", Input)
        assert box.value == "h" and app.focused is box
        shown = app.main.munis.shown
        assert 0 < len(shown) < 19 and all("h" in e.doc.path.stem for e in shown)


@pilot_test
async def test_filter_by_japanese_name(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.main.munis.query_one("#filter", Input).value = "周"
        await pilot.pause()
        assert sorted(e.name for e in app.main.munis.shown) == ["周南市", "周防大島町"]


@pilot_test
async def test_sort_by_severity_and_completion(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_sort("severity")
        await pilot.pause()
        ranks = [e.worst.rank if e.worst else 0 for e in app.main.munis.shown]
        assert ranks == sorted(ranks, reverse=True) and ranks[0] == 3 and ranks[-1] == 0
        app.action_sort("completion")
        ends = [e.plan.summary("migration").hi for e in app.main.munis.shown if e.plan]
        assert ends == sorted(ends)
        await pilot.press("s")  # cycles on: completion -> severity
        assert app.main.munis.sort_key == "severity"


@pilot_test
async def test_click_a_municipality_selects_it(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        third = app.main.munis.shown[2].name
        await pilot.click("#munis", offset=(8, 3))  # header row, then rows 0, 1, 2
        await pilot.pause()
        assert app.main.entry is not None and app.main.entry.name == third


@pilot_test
async def test_choosing_a_finding_highlights_its_phase_and_opens_its_rule(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        entry = app.main.entry
        assert entry is not None and entry.name == "宇部市"
        findings = app.main.findings
        assert findings.findings == entry.findings and len(entry.findings) == 2
        findings.focus()
        await pilot.press("down")  # the second finding
        await pilot.pause()
        f = findings.current
        assert f is not None and f.phase is not None
        assert app.main.phases.current == (f.phase, f.business)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RuleDocScreen) and app.screen.code == f.code
        await pilot.press("escape")
        assert not isinstance(app.screen, RuleDocScreen)


@pilot_test
async def test_overview_row_opens_the_municipality(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        overview = app.query_one("#overview-table", DataTable)
        assert overview.row_count == 19
        facts = str(app.query_one("#facts").render())
        assert "6市町が現行ベンダで標準化を予定(19市町中)" in facts
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.query_one("#tabs").active == "plan"  # type: ignore[attr-defined]
        assert app.main.entry is not None and app.main.entry.name == app.query_one("Overview").names[2]  # type: ignore[attr-defined]


@pilot_test
async def test_help_lists_every_key(plans_dir: Path) -> None:
    app = app_on(plans_dir, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {(k, w) for _, k, w in app.screen.keys}
        for bindings in app._bindings.key_to_bindings.values():
            for b in bindings:
                if b.action in DESCRIPTIONS:
                    assert (app.get_key_display(b), b.description) in listed
        whats = {w for _, _, w in app.screen.keys}
        assert {"Save", "Undo", "Redo", "Edit", "Filter", "Clear filter"} <= whats
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_command_palette_sorts_by_severity(plans_dir: Path) -> None:
    app = app_on(plans_dir, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "Sort by severity":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.main.munis.sort_key == "severity"


@pilot_test
async def test_english_interface(plans_dir: Path) -> None:
    app = app_on(plans_dir, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app, PlansApp)
        labels = [header for header, _ in app.main.phases.columns]
        assert "Planned" in labels and "Slack" in labels
        footer_descriptions = {b.description for bs in app._bindings.key_to_bindings.values() for b in bs}
        assert "Save" in footer_descriptions and "保存" not in footer_descriptions


@pilot_test
async def test_enter_on_the_list_goes_to_the_phases_and_a_click_on_a_finding_selects_its_phase(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.main.phases
        findings = app.main.findings
        first = findings.findings[0]
        assert first.phase == "current_survey" and app.main.phases.current == ("governance", None)
        await pilot.click(findings, offset=(4, 1))  # the first line inside the border
        await pilot.pause()
        assert findings.current == first
        assert app.main.phases.current == ("current_survey", None)


def test_tui_command_reports_a_missing_folder(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("tui", "no-such-folder")
    assert r.code == 2 and "no-such-folder" in r.err


def test_tui_command_help(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("tui", "--help")
    assert r.code == 0 and "--lang" in r.out and "DIR" in r.out


def test_tui_command_rejects_an_unknown_theme(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("tui", str(APP_PLANS), "--theme", "no-such-theme")
    assert r.code == 2 and "textual-light" in r.err


@pilot_test
async def test_a_plan_that_does_not_load_is_listed_with_its_problems(plans_dir: Path) -> None:
    (plans_dir / "broken.toml").write_text('municipality = "壊町"\n[phases]\nfit_gap = "R4.13"\n', encoding="utf-8")
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(app.main.munis.shown) == 20
        app.main.munis.query_one("#filter", Input).value = "broken"
        await pilot.pause()
        entry = app.main.entry
        assert entry is not None and entry.plan is None and entry.worst == "error"
        assert str(app.main.munis.cell(entry, "completion")) == "読込エラー"
        shown = [str(o.prompt) for o in app.main.findings.options]
        assert any("broken.toml:3:" in s and "E004" in s and "R4.13" in s for s in shown)
        app.main.phases.focus()
        await pilot.press("e")
        await pilot.pause()
        assert any("編集できません" in n.message for n in app._notifications)


@pilot_test
async def test_an_empty_folder_opens(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.main.entry is None and app.main.munis.shown == []
        await pilot.press("e", "v", "r", "ctrl+s", "ctrl+z", "o", "p", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
