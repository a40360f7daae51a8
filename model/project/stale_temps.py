"""What a killed save leaves: :func:`model.core.fileio.atomic_write` writes a plan through a
hidden temp file beside it, ``.<name>.<pid>.<random>.tmp``, renamed over the plan once written
and synced. A ``kill -9`` before the rename leaves that file behind; discovery ignores it (a
hidden name), and :func:`remove_stale_temps` removes it on the next save (``PlanDocument.save``, ``plans lint --fix``)
or load of the folder (``Workspace.load``): when its writer is no longer running, or when it
is older than a minute (a temp file of the older naming, without the pid)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

STALE_TEMP_SECONDS = 60
_TEMP = re.compile(r"^\.(?P<name>.+?\.toml)\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]+\.tmp$")  # atomic_write's


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # someone else's process (EPERM): alive
        return False
    return False


def remove_stale_temps(folder: Path, name: str | None = None, *, now: float | None = None) -> list[Path]:
    """Remove the temp files a killed save left in ``folder`` (of ``name`` only, when given):
    atomic_write's ``.<name>.<pid>.<random>.tmp`` whose writer is no longer running, and any
    ``.<name>.*.tmp`` older than ``STALE_TEMP_SECONDS``. Returns those removed; a file that
    cannot be read or removed is left alone (a save or load goes on)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or (name is not None and m["name"] != name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            stale = (m["pid"] is not None and _gone(int(m["pid"]))) or now - entry.stat(
                follow_symlinks=False
            ).st_mtime > STALE_TEMP_SECONDS
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


__all__ = ["STALE_TEMP_SECONDS", "remove_stale_temps"]
