"""Saving under faults: a writer killed with SIGKILL at every point of
``model.core.fileio.atomic_write`` (and at random times) leaves the plan either old or new, never
partial, and any temp file it leaves is ignored by discovery and removed by the next save or
load; a full disk or a read-only file or folder gives a clear error with the plan untouched,
and in the app the edit stays in memory (dirty, not lost); an external change reloaded, then
undone (or redone, or changed again) is never overwritten without asking."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, open_phase_editor, pilot_test

from model.core import fileio
from model.core.national import National
from model.project.document import PlanDocument
from model.project.edits import ExternalChange
from model.project.lint import lint_paths
from model.project.loader import discover

OLD = b"# old\n" + b'note = "' + b"o" * 2_000_000 + b'"\n'
NEW = b"# new\n" + b'note = "' + b"n" * 3_000_000 + b'"\n'

# A child that saves NEW over the plan with the real atomic_write, and stops at ``point``
# (prints READY and sleeps) so that the parent can SIGKILL it exactly there.
CHILD = r"""
import os, sys, tempfile, time
from pathlib import Path
from model.core import fileio

path, point = Path(sys.argv[1]), sys.argv[2]
new = Path(sys.argv[3]).read_bytes()

def stop():
    sys.stdout.write("READY\n"); sys.stdout.flush()
    time.sleep(60)

real_mkstemp, real_fdopen, real_fsync, real_replace, real_open = tempfile.mkstemp, os.fdopen, os.fsync, os.replace, os.open

def mkstemp(*a, **k):
    fd, name = real_mkstemp(*a, **k)
    if point == "temp-created":
        stop()
    return fd, name

class HalfWriter:
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *exc): return self.fh.__exit__(*exc)
    def write(self, data):
        half = len(data) // 2
        self.fh.write(data[:half]); self.fh.flush()
        if point == "mid-write":
            stop()
        return half + self.fh.write(data[half:])
    def __getattr__(self, name): return getattr(self.fh, name)

def fdopen(fd, *a, **k):
    return HalfWriter(real_fdopen(fd, *a, **k))

def fsync(fd):
    if point == "written-not-synced":
        stop()
    real_fsync(fd)

def replace(src, dst):
    if point == "before-rename":
        stop()
    real_replace(src, dst)
    if point == "after-rename":
        stop()

tempfile.mkstemp, os.fdopen, os.fsync, os.replace = mkstemp, fdopen, fsync, replace
if point == "loop":
    other = path.read_bytes()
    sys.stdout.write("READY\n"); sys.stdout.flush()
    while True:
        fileio.atomic_write(path, new)
        fileio.atomic_write(path, other)
fileio.atomic_write(path, new)
sys.stdout.write("DONE\n"); sys.stdout.flush()
"""

POINTS = ["temp-created", "mid-write", "written-not-synced", "before-rename", "after-rename"]


def _start(plan: Path, point: str, new_file: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(plan), point, str(new_file)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _assert_old_or_new_and_no_plan_like_leftovers(folder: Path, plan: Path, national: National) -> bytes:
    data = plan.read_bytes()
    assert data in (OLD, NEW), f"partial plan: {len(data)} bytes"
    leftovers = [p.name for p in folder.iterdir() if p != plan]
    assert all(n.startswith(f".{plan.name}.") and n.endswith(".tmp") for n in leftovers), leftovers
    assert discover([folder]) == [plan]  # a killed writer's temp file is never taken for a plan
    res = lint_paths([folder])
    assert res.files == 1
    return data


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_at_each_point_of_a_save_leaves_old_or_new(point: str, tmp_path: Path, national: National) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "ube.toml"
    plan.write_bytes(OLD)
    (tmp_path / "new.bin").write_bytes(NEW)
    child = _start(plan, point, tmp_path / "new.bin")
    assert child.stdout is not None
    assert child.stdout.readline() == "READY\n"
    _kill(child)
    data = _assert_old_or_new_and_no_plan_like_leftovers(folder, plan, national)
    assert data == (NEW if point == "after-rename" else OLD)
    if point in ("temp-created", "mid-write", "written-not-synced", "before-rename"):
        # the kill left the temp file: hidden, *.tmp, and ignored (checked above)
        assert any(p.name.endswith(".tmp") for p in folder.iterdir())


def test_sigkill_at_random_times_never_leaves_a_partial_plan(tmp_path: Path, national: National) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "ube.toml"
    (tmp_path / "new.bin").write_bytes(NEW)
    rnd = random.Random(6)
    seen: set[bytes] = set()
    for _ in range(12):
        plan.write_bytes(OLD)
        child = _start(plan, "loop", tmp_path / "new.bin")
        assert child.stdout is not None
        assert child.stdout.readline() == "READY\n"
        time.sleep(rnd.uniform(0.0, 0.25))
        _kill(child)
        seen.add(_assert_old_or_new_and_no_plan_like_leftovers(folder, plan, national))
        for p in folder.glob(".*.tmp"):
            p.unlink()
    assert seen <= {OLD, NEW}


# -- a full disk, a read-only file or folder ------------------------------------------


def _enospc(*_a: object, **_k: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_on_fsync_leaves_the_plan_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "ube.toml"
    plan.write_bytes(OLD)
    monkeypatch.setattr(fileio.os, "fsync", _enospc)
    with pytest.raises(OSError) as e:
        fileio.atomic_write(plan, NEW)
    assert e.value.errno == errno.ENOSPC
    assert plan.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["ube.toml"]


def test_full_disk_on_write_leaves_the_plan_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "ube.toml"
    plan.write_bytes(OLD)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.fh.write(data[:4096])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError, match="No space left"):
        fileio.atomic_write(plan, NEW)
    assert plan.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["ube.toml"]


def _without_dac_override(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` so that file permissions apply: as root (as CI runs) drop the
    capabilities that bypass them with setpriv; otherwise run as we are."""
    cmd = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        caps = "-dac_override,-dac_read_search"
        cmd = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1])


SAVE_EDIT = r"""
import sys
from pathlib import Path
from model.project.document import PlanDocument
from model.project.edits import ExternalChange
from model.core.national import load_national
doc = PlanDocument.load(Path(sys.argv[1]), load_national())
doc.set_date("migration_plan", "R6.3")
try:
    doc.save()
except OSError as e:
    print("OSError", e.errno, e.strerror)
    print("dirty", doc.dirty, "R6.3" in doc.text)
else:
    print("saved")
"""


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_folder_or_file_gives_a_clear_error_and_keeps_the_edit(what: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="plans-ro-"))
    try:
        folder = root / "plans"
        shutil.copytree(Path(__file__).resolve().parents[1] / "plans", folder)
        plan = folder / "ube.toml"
        before = plan.read_bytes()
        if what == "file":
            plan.chmod(0o444)
        else:
            folder.chmod(0o555)
        r = _without_dac_override(SAVE_EDIT, str(plan))
        lines = r.stdout.splitlines()
        # a read-only file in a writable folder would be replaced by the atomic rename:
        # atomic_write refuses it by its mode; a read-only folder refuses the temp file
        reason = "Permission denied: the file is read-only" if what == "file" else "Permission denied"
        assert lines[0] == f"OSError {errno.EACCES} {reason}", (r.stdout, r.stderr)
        assert lines[1] == "dirty True True"
        assert plan.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            p.name for p in (Path(__file__).resolve().parents[1] / "plans").iterdir()
        )
    finally:
        for p in (root, *root.rglob("*")):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(root)


def test_edit_save_after_a_full_disk_succeeds_once_space_is_back(
    tmp_path: Path, national: National, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_plans(tmp_path)
    plan = folder / "ube.toml"
    before = plan.read_bytes()
    doc = PlanDocument.load(plan, national)
    doc.set_date("migration_plan", "R6.3")
    with monkeypatch.context() as m:
        m.setattr(fileio.os, "fsync", _enospc)
        with pytest.raises(OSError):
            doc.save()
    assert plan.read_bytes() == before and doc.dirty and 'migration_plan   = "R6.3"' in (doc.text or "")
    assert doc.save() is True
    assert not doc.dirty and b'migration_plan   = "R6.3"' in plan.read_bytes()


# -- in the app -----------------------------------------------------------------------


async def _edit_and_save(app, pilot, before_save: Callable[[], object] | None = None) -> None:  # type: ignore[no-untyped-def]
    """宇部市's 移行計画作成 edited to R6.3 in the dialog, then ctrl+s (``before_save`` runs
    just before it: e.g. a change on disk)."""
    from textual.widgets import Input

    screen = await open_phase_editor(app, pilot, "宇部市", "migration_plan")
    box = screen.query_one("#date", Input)
    await pilot.press(*["backspace"] * len(box.value), "R", "6", "full_stop", "3")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    if before_save is not None:
        before_save()
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("enospc", "No space left on device"),
        ("read-only-folder", "Permission denied"),
        ("read-only-file", "the file is read-only"),
    ],
)
@pytest.mark.app
@pilot_test
async def test_app_save_failure_says_why_and_keeps_the_edit(
    fault: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real atomic_write fails inside (fsync: full disk; creating the temp file: what a
    read-only folder answers): a clear message, the plan on disk untouched, no temp file,
    and the edit still in memory, dirty, saved once the fault is gone."""
    folder = copy_plans(tmp_path)
    plan = folder / "ube.toml"
    before = plan.read_bytes()
    names = sorted(p.name for p in folder.iterdir())
    if fault == "enospc":
        monkeypatch.setattr(fileio.os, "fsync", _enospc)
    elif fault == "read-only-file":
        plan.chmod(0o444)  # in-process, as root too: atomic_write checks the mode bits
    else:

        def denied(*_a: object, **_k: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))

        monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    app = app_on(folder, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_and_save(app, pilot)
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.dirty
        assert 'migration_plan   = "R6.3"' in (entry.doc.text or "")
        messages = [n.message for n in app._notifications]
        assert any(
            "Could not save" in m and words in m and "ube.toml" in m and "kept in memory" in m for m in messages
        ), messages
        assert plan.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == names
        monkeypatch.undo()
        plan.chmod(0o644)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not entry.doc.dirty
        assert b'migration_plan   = "R6.3"' in plan.read_bytes()


# -- a reload, then undo: the save asks again (issue 11: 2) ------------------------------------

THEIRS = ('"R4.9"', '"R4.8"')  # the external change: 宇部市's current_survey one month earlier


def _reloaded(tmp_path: Path, national: National) -> tuple[PlanDocument, Path, str]:
    """宇部市 edited (移行計画作成 R6.3), changed on disk meanwhile, the save refused, the
    file reloaded: (document, plan file, the text on disk)."""
    plan = copy_plans(tmp_path) / "ube.toml"
    doc = PlanDocument.load(plan, national)
    doc.set_date("migration_plan", "R6.3")
    theirs = plan.read_text(encoding="utf-8").replace(*THEIRS)
    plan.write_text(theirs, encoding="utf-8")
    with pytest.raises(ExternalChange):
        doc.save()
    doc.reload()
    assert doc.text == theirs and not doc.dirty
    return doc, plan, theirs


def test_undo_after_a_reload_asks_again_before_saving(tmp_path: Path, national: National) -> None:
    doc, plan, theirs = _reloaded(tmp_path, national)
    assert doc.undo() is not None
    assert doc.dirty and 'migration_plan   = "R6.3"' in (doc.text or "") and '"R4.8"' not in (doc.text or "")
    with pytest.raises(ExternalChange):  # was: saved with no prompt, the external change gone
        doc.save()
    assert plan.read_text(encoding="utf-8") == theirs
    assert doc.save(overwrite=True) is True  # only when the planner says so
    assert 'migration_plan   = "R6.3"' in plan.read_text(encoding="utf-8")


def test_redo_of_the_reload_takes_the_disk_again(tmp_path: Path, national: National) -> None:
    doc, plan, theirs = _reloaded(tmp_path, national)
    doc.undo()
    doc.redo()
    assert doc.text == theirs and not doc.dirty
    assert doc.save() is False  # nothing to save, nothing asked
    assert plan.read_text(encoding="utf-8") == theirs
    doc.set_date("migration_plan", "R6.3")  # an edit on top of the reloaded text saves at once
    assert doc.save() is True
    assert plan.read_text(encoding="utf-8") == theirs.replace('migration_plan   = "R5.9"', 'migration_plan   = "R6.3"')


def test_a_second_external_change_after_undo_or_redo_asks(tmp_path: Path, national: National) -> None:
    doc, plan, theirs = _reloaded(tmp_path, national)
    second = theirs.replace('"R6.6"', '"R6.5"')
    plan.write_text(second, encoding="utf-8")
    doc.undo()
    with pytest.raises(ExternalChange):
        doc.save()
    doc.redo()
    doc.set_date("fit_gap", "R5.9")
    with pytest.raises(ExternalChange):  # the reloaded text is not what is on disk either
        doc.save()
    assert plan.read_text(encoding="utf-8") == second
    doc.reload()  # the planner's choice: the second change, with the edit undoable on top
    assert doc.text == second
    doc.undo()
    with pytest.raises(ExternalChange):
        doc.save()
    assert plan.read_text(encoding="utf-8") == second


def test_undo_past_a_reload_to_an_older_edit_asks_too(tmp_path: Path, national: National) -> None:
    plan = copy_plans(tmp_path) / "ube.toml"
    doc = PlanDocument.load(plan, national)
    doc.set_date("fit_gap", "R5.9")
    assert doc.save() is True
    doc.set_date("migration_plan", "R6.3")
    theirs = plan.read_text(encoding="utf-8").replace(*THEIRS)
    plan.write_text(theirs, encoding="utf-8")
    doc.reload()
    doc.undo()  # the reload
    doc.undo()  # migration_plan: back to the text saved before the external change
    assert doc.text is not None and 'fit_gap          = "R5.9"' in doc.text and '"R4.8"' not in doc.text
    with pytest.raises(ExternalChange):
        doc.save()
    assert plan.read_text(encoding="utf-8") == theirs


def test_undo_after_a_save_without_a_reload_saves_without_asking(tmp_path: Path, national: National) -> None:
    plan = copy_plans(tmp_path) / "ube.toml"
    before = plan.read_bytes()
    doc = PlanDocument.load(plan, national)
    doc.set_date("migration_plan", "R6.3")
    assert doc.save() is True
    doc.undo()
    assert doc.save() is True and plan.read_bytes() == before


@pytest.mark.app
@pilot_test
async def test_app_reload_undo_save_asks_again_then_redo_and_a_second_change(tmp_path: Path) -> None:
    """The sequence of issue 11 item 2 in the app, and its variants: redo, a second external
    change."""
    from tui.app.screens.choice import ChoiceScreen

    folder = copy_plans(tmp_path)
    plan = folder / "ube.toml"
    app = app_on(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _edit_and_save(
            app,
            pilot,
            before_save=lambda: plan.write_text(plan.read_text(encoding="utf-8").replace(*THEIRS), encoding="utf-8"),
        )
        theirs = plan.read_text(encoding="utf-8")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-reload")
        await pilot.pause()
        await pilot.press("ctrl+z")  # the planner's edit back
        await pilot.pause()
        entry = app.ws.by_name("宇部市")
        assert entry is not None and entry.doc.dirty and 'migration_plan   = "R6.3"' in (entry.doc.text or "")
        assert any("もう一度確認" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # asked again, nothing written
        assert plan.read_text(encoding="utf-8") == theirs
        await pilot.click("#choice-cancel")
        await pilot.pause()
        await pilot.press("ctrl+y")  # redo the reload: the disk's text, nothing to save
        await pilot.pause()
        assert entry.doc.text == theirs and not entry.doc.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and plan.read_text(encoding="utf-8") == theirs
        second = theirs.replace('"R6.6"', '"R6.5"')
        plan.write_text(second, encoding="utf-8")  # a second external change
        await pilot.press("ctrl+z")  # the planner's edit again, over the first change's base
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert plan.read_text(encoding="utf-8") == second


# -- what a kill -9 during a save leaves is removed on the next save or load (issue 11: 3) --------


def _killed_at_temp_created(folder: Path, tmp_path: Path) -> Path:
    """A save of ``folder/ube.toml`` killed right after its temp file was made: that file."""
    plan = folder / "ube.toml"
    (tmp_path / "new.bin").write_bytes(NEW)
    child = _start(plan, "temp-created", tmp_path / "new.bin")
    assert child.stdout is not None and child.stdout.readline() == "READY\n"
    _kill(child)
    (temp,) = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert temp.name.startswith(f".ube.toml.{child.pid}.")  # the writer's pid in its name
    return temp


def test_a_killed_saves_temp_file_is_removed_by_the_next_save(tmp_path: Path, national: National) -> None:
    folder = copy_plans(tmp_path)
    temp = _killed_at_temp_created(folder, tmp_path)
    doc = PlanDocument.load(folder / "ube.toml", national)
    doc.set_date("migration_plan", "R6.3")
    assert doc.save() is True
    assert not temp.exists() and not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_killed_saves_temp_file_is_removed_when_the_folder_is_loaded(tmp_path: Path) -> None:
    from model.project.session import Workspace

    folder = copy_plans(tmp_path)
    temp = _killed_at_temp_created(folder, tmp_path)
    Workspace.load([folder])
    assert not temp.exists()


def test_only_stale_temp_files_of_our_naming_are_removed(tmp_path: Path) -> None:
    from model.project.stale_temps import STALE_TEMP_SECONDS, remove_stale_temps

    folder = copy_plans(tmp_path)
    old = time.time() - STALE_TEMP_SECONDS - 5
    names = {
        f".ube.toml.{os.getpid()}.abc123de.tmp": False,  # a live writer (this process), fresh: kept
        f".hagi.toml.{os.getpid()}.abc123de.tmp": True,  # a live writer, but over a minute old
        ".ube.toml.k2j3h4g5.tmp": False,  # the older naming (no pid), fresh: kept
        ".hofu.toml.k2j3h4g5.tmp": True,  # the older naming, over a minute old
        ".notes.txt.1.abc.tmp": False,  # not a plan's
        ".ube.toml.swp": False,  # an editor's, not ours
        "ube.toml.1.abc.tmp": False,  # not hidden: not ours
    }
    for name, is_old in names.items():
        (folder / name).write_bytes(b"x")
        if is_old:
            os.utime(folder / name, (old, old))
    removed = {p.name for p in remove_stale_temps(folder)}
    assert removed == {".hagi.toml." + str(os.getpid()) + ".abc123de.tmp", ".hofu.toml.k2j3h4g5.tmp"}
    assert {p.name for p in folder.iterdir()} >= {n for n in names if n not in removed}
