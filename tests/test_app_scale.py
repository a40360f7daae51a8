"""Pilot tests of the app on a folder above ``EAGER_MAX`` plans (generated, tests/gen_nationwide.py):
the list paints from file names, the plans load in a worker thread with the same findings as
an eager load, the selected plan is ready at once, and the virtual list filters, sorts, moves
with keys and answers clicks like the small folder's ``DataTable``. Timing is in
tests/bench/bench_app_scale.py, not here."""

from __future__ import annotations

from pathlib import Path

import gen_nationwide
import pytest
from app_helpers import app_on, pilot_test
from textual.pilot import Pilot
from textual.widgets import Input

from model.project.session import Workspace
from tui.app.app import PlansApp
from tui.app.background_load import EAGER_MAX
from tui.app.widgets.municipality_list import ANNOUNCE_DELAY
from tui.app.widgets.virtual_table import VirtualTable

pytestmark = pytest.mark.app  # a Textual test: `make test-fast` leaves it out

COUNT = EAGER_MAX + 60


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "plans"
    gen_nationwide.generate(out, count=COUNT, seed=0)
    return out


async def _loaded(app: PlansApp, pilot: Pilot[None]) -> None:
    for _ in range(600):  # the load of a few hundred plans takes a few seconds at most
        if not app.ws.pending and app.main.munis.load_progress is None:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{len(app.ws.pending)} plans still loading")


@pilot_test
async def test_background_load_gives_the_eager_findings(big_dir: Path) -> None:
    eager = Workspace.load([big_dir])
    app = app_on(big_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        munis = app.main.munis
        assert munis.large and isinstance(munis.table, VirtualTable)
        assert len(munis.shown) == len(eager.entries) > EAGER_MAX
        # the selected plan is read before the rest: its phases and findings are shown
        first = app.main.entry
        assert first is not None and first.loaded and first.plan is not None
        assert first is munis.shown[0]
        # the list is drawn while the rest load: no spinner over it, a count below it
        assert not app.query("LoadingIndicator")
        if app.ws.pending:
            line = munis.query_one("#loading")
            assert line.display and line.text.startswith("読み込み中 ")  # type: ignore[attr-defined]
        await _loaded(app, pilot)
        assert not munis.query_one("#loading").display
        got = {e.doc.file: ([f.code for f in e.findings], e.name, e.worst) for e in app.ws.entries}
        want = {e.doc.file: ([f.code for f in e.findings], e.name, e.worst) for e in eager.entries}
        assert got == want
        # code order once loaded, as the small list sorts
        codes = [e.plan.code for e in munis.shown if e.plan]
        assert codes == sorted(codes)
        # the visible lines are drawn from the entries
        line = "".join(s.text for s in munis.table.render_line(1))
        assert munis.shown[0].name in line


@pilot_test
async def test_virtual_list_filter_keys_click_and_sort(big_dir: Path) -> None:
    app = app_on(big_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _loaded(app, pilot)
        munis = app.main.munis
        target = munis.shown[7]
        assert target.plan is not None and target.plan.code
        munis.query_one("#filter", Input).value = target.plan.code
        await pilot.pause()
        assert munis.shown == [target]
        await pilot.pause(ANNOUNCE_DELAY + 0.1)  # the plan pane follows once typing pauses
        assert app.main.entry is target
        munis.query_one("#filter", Input).value = ""
        await pilot.pause()
        assert len(munis.shown) == COUNT
        # keys
        munis.table.focus()
        munis.table.move_cursor(0)
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.main.entry is munis.shown[0]  # keys move the list now, the plan pane once they rest
        await pilot.pause(ANNOUNCE_DELAY + 0.1)
        assert app.main.entry is munis.shown[2]
        await pilot.press("end")
        await pilot.pause(ANNOUNCE_DELAY + 0.1)
        assert app.main.entry is munis.shown[-1]
        # clicks: the header line, then rows 0, 1, 2 (the list is scrolled back first)
        await pilot.press("home")
        await pilot.pause()
        await pilot.click("#munis", offset=(8, 4))
        await pilot.pause()
        assert app.main.entry is munis.shown[3]
        await pilot.click("#munis", offset=(8, 4))  # on the cursor row: opens its phases
        await pilot.pause()
        assert app.focused is app.main.phases
        # sort by severity: worst first
        app.action_sort("severity")
        await pilot.pause()
        ranks = [e.worst.rank if e.worst else 0 for e in munis.shown]
        assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[-1]
