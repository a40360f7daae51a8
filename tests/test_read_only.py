"""The app's read-only mode (``plans tui --read-only``, what ``plans serve --read-only`` runs
per browser session), with Pilot: every edit key and save says read-only and changes nothing
on disk; the footer and the palette offer no edit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from app_helpers import copy_plans, pilot_test

from tui.app.app import make_app
from tui.app.palette import PlansCommands
from tui.app.read_only import EDITS, ReadOnlyCommands
from tui.app.screens.choice import ChoiceScreen
from tui.app.screens.edit_phase import EditPhaseScreen

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out


def contents(folder: Path) -> dict[str, str]:
    """Each file of ``folder`` by name, as a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pilot_test
async def test_read_only_app_refuses_every_edit(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    before = contents(plans)
    app = make_app(plans, read_only=True, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        for keys in (["e"], ["v"], ["ctrl+s"], ["ctrl+z"], ["ctrl+y"], ["tab", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert not isinstance(app.screen, EditPhaseScreen | ChoiceScreen), keys
        messages = [n.message for n in app._notifications]
        assert len(messages) == 6 and all(m.startswith("読み取り専用です") for m in messages), messages
        app.edit_phase("migration_plan", None)  # as the phase table's enter and click ask
        app.action_vendor_strategy()
        assert not isinstance(app.screen, EditPhaseScreen | ChoiceScreen)
        app.action_save()
        assert app.save(app.ws.by_name("宇部市")) is None  # type: ignore[arg-type]
        assert not app.ws.dirty
        # the footer and the palette offer no edit; the keys stay bound (they say why)
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert shown and not shown & EDITS
        assert ReadOnlyCommands in app.COMMANDS and PlansCommands not in app.COMMANDS
        palette = {action for _, action in ReadOnlyCommands(app.screen)._entries()}
        assert "zoom_in" in palette and not palette & EDITS
    assert contents(plans) == before


@pilot_test
async def test_not_read_only_by_default(tmp_path: Path) -> None:
    app = make_app(copy_plans(tmp_path), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.read_only and PlansCommands in app.COMMANDS
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"save", "edit"} <= shown
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditPhaseScreen)
