"""The re-plan preview in the app (issue 12 item 5): ``f`` shows each phase before → after,
the proposal's bars as ghost rows, the findings it clears and leaves, safe and unsafe marked;
Enter applies it as one undoable edit that saves as ``plans lint --fix`` writes; the solver is
imported only when ``f`` is pressed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, pilot_test, screen_lines
from conftest import ROOT
from textual.pilot import Pilot

from model.project.fixing import propose
from model.project.lint import lint_paths
from tui.app.app import PlansApp, make_app
from tui.app.i18n import t
from tui.app.palette import COMMANDS
from tui.app.screens.help import HelpScreen
from tui.app.screens.replan import ReplanScreen
from tui.app.widgets.gantt import GanttView

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

# a go-live too early for anything to fit before it: only an unsafe fix (the go-live moves)
EARLY = """municipality = "試験町"
kana = "しけんちょう"
surveyed = "R3.12"

[phases]
governance       = "R4.4"
current_survey   = "R4.5"
fit_gap          = "R4.6"
migration_plan   = "R4.8"
vendor_selection = "R4.9"
migration        = "R4.12"
"""


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    return copy_plans(tmp_path)


async def _preview(app: PlansApp, pilot: Pilot[None], name: str) -> ReplanScreen:
    await pilot.pause()
    app.action_open(name)
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, ReplanScreen)
    return app.screen


def _fixed_as_lint_writes(folder: Path, name: str, unsafe: bool = False) -> bytes:
    fixes = propose(lint_paths([folder]), unsafe=unsafe)
    (fix,) = [p for p in fixes.plans if Path(p.file).name == name]
    return fix.after_bytes()


@pytest.mark.parametrize("size", SIZES)
@pilot_test
async def test_f_previews_a_safe_re_plan(plans_dir: Path, size: tuple[int, int]) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=size) as pilot:
        screen = await _preview(app, pilot, "宇部市")
        pv = screen.preview
        assert pv.safe and pv.applicable
        moved = [(r.phase, r.before, r.after) for r in pv.rows if r.changed]
        assert moved == [("governance", "R4.10", "R4.9"), ("fit_gap", "R6.3", "R5.9")]  # the go-live stays
        shown = "\n".join(screen_lines(app))
        assert "安全な修正" in shown and "→ R4.9" in shown and "→ R5.9" in shown and "✔ 安全" in shown
        assert "移行完了が動きます" not in shown
        # ghost rows under the bars it moves, and only those
        gantt = screen.query_one(GanttView)
        ghosts = [r.id for r in gantt.rows if r.kind == "ghost"]
        assert ghosts == ["ghost.phase.governance", "ghost.phase.fit_gap"]
        assert all(
            gantt.rows[gantt.rows.index(next(r for r in gantt.rows if r.id == g)) - 1].id == g.removeprefix("ghost.")
            for g in ghosts
        )
        # its two PL002 go, nothing remains, nothing comes
        entry = app.ws.by_name("宇部市")
        assert entry is not None
        assert sorted(f.code for f in pv.gone) == ["PL002", "PL002"] and pv.remain == [] and pv.new == []
        assert t("replan.gone", "ja", n=2) in shown
        assert not entry.doc.dirty  # a preview changes nothing
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReplanScreen) and not entry.doc.dirty


@pilot_test
async def test_applying_is_one_undoable_edit_that_saves_as_lint_fix_writes(plans_dir: Path, tmp_path: Path) -> None:
    ube = plans_dir / "ube.toml"
    original = ube.read_bytes()
    want = _fixed_as_lint_writes(copy_plans(tmp_path / "other"), "ube.toml")
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _preview(app, pilot, "宇部市")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReplanScreen)
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.dirty and entry.findings == []
        assert len(entry.doc.undo_stack) == 1  # one edit for every date the fix changes
        assert any("再計画を反映 (2か所)" in n.message for n in app._notifications)
        app.main.munis.table.focus()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert entry.doc.text == original.decode("utf-8") and len(entry.findings) == 2
        assert any(n.message.startswith("元に戻しました: 再計画を反映") for n in app._notifications)
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert ube.read_bytes() == want  # the comments keep their column, as plans lint --fix writes


@pilot_test
async def test_an_unsafe_re_plan_is_marked_and_applies_too(tmp_path: Path) -> None:
    folder, other = copy_plans(tmp_path), copy_plans(tmp_path / "other")
    for f in (folder, other):
        (f / "shiken.toml").write_text(EARLY, encoding="utf-8")
    want = _fixed_as_lint_writes(other, "shiken.toml", unsafe=True)
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _preview(app, pilot, "試験町")
        pv = screen.preview
        assert not pv.safe and pv.applicable and pv.proposal.safety.value == "unsafe"
        go_live = next(r for r in pv.rows if r.phase == "migration")
        assert (go_live.before, go_live.after) == ("R4.12", "R6.4")
        shown = "\n".join(screen_lines(app))
        assert "安全でない修正" in shown and "▲ 移行完了が動きます" in shown and "ベンダ選定 ≥ R5.4" in shown
        assert "✔ 安全" in shown  # the moves before the go-live are safe ones
        await pilot.press("enter")
        await pilot.pause()
        entry = app.ws.by_name("試験町")
        assert entry is not None and entry.plan is not None
        assert entry.plan.phases["migration"].date.text == "R6.4"  # type: ignore[union-attr]
        assert not [f for f in entry.findings if f.code in ("PL001", "PL002", "PL003", "PL004", "PL005", "PL006")]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert (folder / "shiken.toml").read_bytes() == want  # as plans lint --fix --unsafe-fixes writes it


@pilot_test
async def test_a_plan_with_nothing_to_re_plan_says_so(plans_dir: Path) -> None:
    app = app_on(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_open("萩市")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert not isinstance(app.screen, ReplanScreen)
        assert any("直す日付はありません" in n.message for n in app._notifications)


@pilot_test
async def test_the_re_plan_has_a_palette_entry_and_a_help_row(plans_dir: Path) -> None:
    assert ("cmd.fix", "fix_preview") in COMMANDS
    app = app_on(plans_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("全体", "f", t("key.fix", "ja")) in app.screen.keys
        assert ("修正案", "Enterキー", t("replan.key.apply", "ja")) in app.screen.keys


@pilot_test
async def test_read_only_previews_but_never_applies(plans_dir: Path) -> None:
    before = (plans_dir / "ube.toml").read_bytes()
    app = make_app(plans_dir, cursor_blink=False, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _preview(app, pilot, "宇部市")
        await pilot.press("enter")
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and not entry.doc.dirty and len(entry.findings) == 2
        assert any("読み取り専用" in n.message for n in app._notifications)
    assert (plans_dir / "ube.toml").read_bytes() == before


SOLVER_IMPORT = """
import asyncio, sys
sys.path.insert(0, "tests")
from app_helpers import APP_PLANS, app_on

async def main():
    app = app_on(APP_PLANS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_open("宇部市")
        await pilot.pause()
        print("started", "highspy" in sys.modules, "numpy" in sys.modules)
        await pilot.press("f")
        await pilot.pause()
        print("previewed", "highspy" in sys.modules, type(app.screen).__name__)
        await pilot.press("escape")

asyncio.run(main())
"""


def test_the_solver_is_imported_only_when_f_is_pressed() -> None:
    r = subprocess.run([sys.executable, "-c", SOLVER_IMPORT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-2:] == ["started False False", "previewed True ReplanScreen"]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_the_preview(snap_compare, plans_dir: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot: Pilot[None]) -> None:
        await _preview(pilot.app, pilot, "宇部市")  # type: ignore[arg-type]

    assert snap_compare(app_on(plans_dir), terminal_size=size, run_before=before)
