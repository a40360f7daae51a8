"""Writing files safely: a temporary file in the same folder, fsync, then an atomic rename,
so a crash mid-save leaves either the old or the new content, never a truncated plan."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp file, fsync, rename).

    Raises OSError (e.g. a full disk or a read-only folder) with ``path`` untouched, and
    PermissionError for a file marked read-only (no write bit): the rename would replace
    it even so (and root may write anything), so the mark is honoured here.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        current = path.stat().st_mode & 0o777
    except FileNotFoundError:
        current = None
    if current is not None and not current & 0o222:
        raise PermissionError(errno.EACCES, "Permission denied: the file is read-only", str(path))
    if mode is None:
        mode = current if current is not None else 0o644
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
    )  # the writer's pid: a killed one's file can be told stale
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    # make the rename itself durable
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
