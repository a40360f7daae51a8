"""Saving under faults: a writer killed with SIGKILL at every point of
``model.core.fileio.atomic_write`` (and at random times) leaves the plan either old or new, never
partial, and any temp file it leaves is ignored by discovery; a full disk or a read-only
file or folder gives a clear error with the plan untouched, and in the app the edit stays
in memory (dirty, not lost)."""

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
from pathlib import Path

import pytest
from app_helpers import app_on, copy_plans, pilot_test

from model.core import fileio
from model.core.national import National
from model.project.document import PlanDocument
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
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (Path(__file__).resolve().parents[1] / "plans").iterdir())
    finally:
        for p in (root, *root.rglob("*")):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(root)


def test_edit_save_after_a_full_disk_succeeds_once_space_is_back(tmp_path: Path, national: National, monkeypatch: pytest.MonkeyPatch) -> None:
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


async def _edit_and_save(app, pilot) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from tui.app.screens.edit_phase import EditPhaseScreen

    app.action_open("宇部市")
    await pilot.pause()
    phases = app.main.phases
    phases.focus()
    phases.move_cursor(row=phases.row_ids.index(("migration_plan", None)))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EditPhaseScreen)
    box = app.screen.query_one("#date", Input)
    await pilot.press(*["backspace"] * len(box.value), "R", "6", "full_stop", "3")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
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
async def test_app_save_failure_says_why_and_keeps_the_edit(fault: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        assert any("Could not save" in m and words in m and "ube.toml" in m and "kept in memory" in m for m in messages), messages
        assert plan.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == names
        monkeypatch.undo()
        plan.chmod(0o644)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not entry.doc.dirty
        assert b'migration_plan   = "R6.3"' in plan.read_bytes()
