"""Pilot tests of editing in the app: edit -> live re-check -> save round trip (bytes
asserted, comments kept), invalid input, undo/redo, the unsaved-quit prompt, external
changes (reload or overwrite), a failed save, the vendor strategy."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, pilot_test
from textual.widgets import Button, Input, Static

from model.core.dates import parse
from model.core.severity import Severity
from model.project import document as edit_mod
from tui.app.app import PlansApp
from tui.app.screens.choice import ChoiceScreen
from tui.app.screens.edit_phase import EditPhaseScreen
from tui.app.widgets.gantt import GanttView

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

UBE_LINE = 'migration_plan   = "R5.9"          # 移行計画作成'
UBE_EDITED = 'migration_plan   = "R6.3"          # 移行計画作成'


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    return copy_plans(tmp_path)


def _pl002_on_plan(app: PlansApp) -> bool:
    e = app.ws.by_name("宇部市")
    assert e is not None
    return any(f.code == "PL002" and f.phase == "migration_plan" for f in e.findings)


async def _edit_ube_migration_plan(app: PlansApp, pilot, value: str) -> EditPhaseScreen:  # type: ignore[no-untyped-def]
    """Open 宇部市, go to 移行計画作成 in the phase table, Enter, type ``value``."""
    app.action_open("宇部市")
    await pilot.pause()
    phases = app.main.phases
    phases.focus()
    phases.move_cursor(row=phases.row_ids.index(("migration_plan", None)))
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EditPhaseScreen)
    box = screen.query_one("#date", Input)
    assert box.value == "R5.9"
    await pilot.press(*["backspace"] * len(box.value))
    for ch in value:
        await pilot.press("full_stop" if ch == "." else ch)
    await pilot.pause()
    return screen


@pilot_test
async def test_edit_recheck_save_round_trip(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    original = f.read_bytes()
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _pl002_on_plan(app)
        before = list(app.ws.by_name("宇部市").findings)  # type: ignore[union-attr]
        screen = await _edit_ube_migration_plan(app, pilot, "R6.3")
        check = str(screen.query_one("#date-check", Static).render())
        assert "2024-03" in check and not screen.query_one("#ok", Button).disabled
        # re-checked while typing, nothing applied yet: the PL002 error would go, a
        # budget-cycle warning (PL006) would come on this phase
        preview = str(screen.query_one("#preview", Static).render())
        assert "✖ 1→0" in preview and "▲ 1→2" in preview and "PL006" in preview
        assert _pl002_on_plan(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditPhaseScreen)
        # live re-check: the finding is gone, the list's row follows, the title is marked
        assert not _pl002_on_plan(app)
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.dirty and entry.findings != before
        assert app.main.findings.findings == entry.findings
        icon = str(app.main.munis.cell(entry, "icon"))
        assert entry.worst is not None and icon == Severity(entry.worst).icon + str(entry.count)
        assert str(app.main.munis.cell(entry, "name")).startswith("●")
        assert "未保存" in str(app.main.query_one("#plan-title", Static).render())
        assert f.read_bytes() == original  # nothing written before ctrl+s
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not entry.doc.dirty
    text = original.decode("utf-8")
    assert text.count(UBE_LINE) == 1
    assert f.read_bytes() == text.replace(UBE_LINE, UBE_EDITED).encode("utf-8")


@pilot_test
async def test_invalid_date_is_shown_and_cannot_be_applied(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await _edit_ube_migration_plan(app, pilot, "R4.13")
        check = str(screen.query_one("#date-check", Static).render())
        assert "✖" in check and "R4.13" in check
        assert screen.query_one("#ok", Button).disabled
        await pilot.press("enter")  # refused: the dialog stays
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and not entry.doc.dirty


@pilot_test
async def test_fiscal_year_interval_shown_while_typing(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await _edit_ube_migration_plan(app, pilot, "R5")
        assert "2023-04 .. 2024-03 (年度)" in str(screen.query_one("#date-check", Static).render())


@pilot_test
async def test_undo_and_redo(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_ube_migration_plan(app, pilot, "R6.3")
        await pilot.press("enter")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.plan is not None
        assert entry.plan.phases["migration_plan"].date == parse("R6.3")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert entry.plan.phases["migration_plan"].date == parse("R5.9")
        assert _pl002_on_plan(app) and not entry.doc.dirty
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert entry.plan.phases["migration_plan"].date == parse("R6.3")
        assert not _pl002_on_plan(app) and entry.doc.dirty


@pilot_test
async def test_quit_with_unsaved_changes_asks(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    original = f.read_bytes()
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_ube_migration_plan(app, pilot, "R6.3")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "ube.toml" in app.screen.body
        await pilot.press("escape")  # back: still running, still dirty
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ChoiceScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert not app.is_running
    assert f.read_bytes() == original


@pilot_test
async def test_quit_prompt_can_save(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_ube_migration_plan(app, pilot, "R6.3")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-save")
        await pilot.pause()
    assert not app.is_running
    assert UBE_EDITED in f.read_text(encoding="utf-8")


@pilot_test
async def test_quit_without_changes_just_quits(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def _edit_while_changed_on_disk(app, pilot, f: Path) -> str:  # type: ignore[no-untyped-def]
    """Edit 宇部市 in the app, change its file on disk behind the app, then press ctrl+s;
    returns the text written on disk ("theirs")."""
    await pilot.pause()
    await _edit_ube_migration_plan(app, pilot, "R6.3")
    await pilot.press("enter")
    await pilot.pause()
    theirs = f.read_text(encoding="utf-8").replace('"R4.9"', '"R4.8"')
    f.write_text(theirs, encoding="utf-8")
    await pilot.press("ctrl+s")
    await pilot.pause()
    return theirs


@pilot_test
async def test_external_change_offers_reload_or_overwrite(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        theirs = await _edit_while_changed_on_disk(app, pilot, f)
        assert isinstance(app.screen, ChoiceScreen)
        assert f.read_text(encoding="utf-8") == theirs  # never clobbered silently
        await pilot.click("#choice-overwrite")
        await pilot.pause()
        text = f.read_text(encoding="utf-8")
        assert UBE_EDITED in text and '"R4.9"' in text  # ours, deliberately


@pilot_test
async def test_external_change_reload_keeps_our_edit_undoable(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        theirs = await _edit_while_changed_on_disk(app, pilot, f)
        await pilot.click("#choice-reload")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.plan is not None
        assert entry.plan.phases["current_survey"].date == parse("R4.8")
        assert entry.plan.phases["migration_plan"].date == parse("R5.9")
        assert _pl002_on_plan(app)  # re-checked after the reload
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert entry.plan.phases["migration_plan"].date == parse("R6.3")
    assert f.read_text(encoding="utf-8") == theirs


@pilot_test
async def test_failed_save_keeps_the_edit(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = plans_dir / "ube.toml"
    original = f.read_bytes()

    def read_only(path: Path, data: bytes, *, mode: int | None = None) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(edit_mod, "atomic_write", read_only)
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_ube_migration_plan(app, pilot, "R6.3")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.dirty
        messages = [n.message for n in app._notifications]
        assert any("保存できませんでした" in m and "Read-only file system" in m for m in messages)
        assert f.read_bytes() == original


@pilot_test
async def test_vendor_strategy(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    app = app_on(plans_dir, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-current_vendor")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.plan is not None
        assert entry.plan.declared_strategy == "current_vendor"
        # ube selects a vendor (R6.6): the declared strategy contradicts it (PL009)
        assert any(x.code == "PL009" for x in entry.findings)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert 'vendor_strategy = "current_vendor"' in f.read_text(encoding="utf-8")


KOSEKI_PLAN = """# テスト町: 戸籍だけ延長
municipality = "テスト町"
surveyed = "R3.12"

[phases]
governance       = "R4.4"    # 推進体制
current_survey   = "R4.9"
fit_gap          = "R5.3"
migration_plan   = "R5.9"
vendor_selection = "R6.6"
migration        = "R8.3"

[business.koseki]  # 戸籍
migration = "R9.3"
extended_deadline = "R13.3"
"""


@pilot_test
async def test_edit_a_business_row(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "national.toml").write_bytes((copy_plans(tmp_path / "src") / "national.toml").read_bytes())
    f = folder / "test.toml"
    f.write_text(KOSEKI_PLAN, encoding="utf-8")
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        phases = app.main.phases
        assert ("migration", "koseki") in phases.row_ids
        phases.focus()
        phases.move_cursor(row=phases.row_ids.index(("migration", "koseki")))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditPhaseScreen) and screen.query_one("#date", Input).value == "R9.3"
        screen.query_one("#date", Input).value = "R10.3"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert f.read_text(encoding="utf-8") == KOSEKI_PLAN.replace('migration = "R9.3"', 'migration = "R10.3"')


@pilot_test
async def test_unedited_plan_changed_on_disk_is_reloaded_before_editing(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        f.write_text(f.read_text(encoding="utf-8").replace('"R5.9"', '"R6.3"'), encoding="utf-8")
        app.main.phases.focus()
        await pilot.press("e")  # nothing of ours to lose: the app takes the file as it is now
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.plan is not None
        assert entry.plan.phases["migration_plan"].date == parse("R6.3") and not entry.doc.dirty
        assert not _pl002_on_plan(app)
        assert isinstance(app.screen, EditPhaseScreen)


@pilot_test
async def test_click_a_gantt_bar_selects_then_edits(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        gantt = app.main.gantt
        assert isinstance(gantt, GanttView)
        y = next(
            y for y in range(gantt.content_region.height)
            if (r := gantt.row_at(y)) is not None and r.phase == "fit_gap" and r.business is None
        )  # fmt: skip
        await pilot.click(gantt, offset=(gantt.label_width + 3, y))
        await pilot.pause()
        assert app.main.phases.current == ("fit_gap", None) and app.main.selected == ("fit_gap", None)
        assert not isinstance(app.screen, EditPhaseScreen)
        await pilot.click(gantt, offset=(gantt.label_width + 3, y))  # again: edit it
        await pilot.pause()
        assert isinstance(app.screen, EditPhaseScreen) and app.screen.phase == "fit_gap"


@pilot_test
async def test_editing_a_plan_deleted_on_disk_asks_before_saving(plans_dir: Path) -> None:
    f = plans_dir / "ube.toml"
    original = f.read_bytes()
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        f.unlink()
        await _edit_ube_migration_plan(app, pilot, "R6.3")  # still editable from memory
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and not f.exists()
        await pilot.click("#choice-overwrite")
        await pilot.pause()
    assert f.read_bytes() == original.replace(UBE_LINE.encode(), UBE_EDITED.encode())


@pilot_test
async def test_undo_inside_the_dialog_leaves_the_plan_alone(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_ube_migration_plan(app, pilot, "R6.3")
        await pilot.press("enter")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.can_undo
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditPhaseScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert entry.plan is not None and entry.plan.phases["migration_plan"].date == parse("R6.3")
