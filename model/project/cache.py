"""A per-file cache of lint results, so that an unchanged tree re-lints in a fraction of the time.

One entry per plan file, in a cache folder (default ``.plans-cache/`` beside the plans, or
``$PLANS_CACHE_DIR``; ``PLANS_NO_CACHE=1`` or ``plans lint --no-cache`` turns it off). An
entry's key is a SHA-256 of everything that decides the file's result:

- the file's bytes and the path it is shown under (findings name it),
- the national timeline's content (its digest),
- the tool: the cache format, the package version (``model.core.version``: the installed
  distribution's metadata) and a fingerprint of ``model/*.py``
  (name, size, mtime), so that a changed rule never serves a stale finding,
- the lint options that change results: the evaluation month and the enabled rules.

An entry holds what ``plans lint`` prints for the file: its load problems, its findings and
the municipality (for the duplicate check); the text format reads source lines from the file
itself, so they are not stored. Entries are JSON (never pickle: a cache folder checked into a
repository must not be able to run code), written to a temporary file in the same folder and
renamed into place, so concurrent runs see either a whole entry or none. An entry that cannot
be read or does not validate is ignored and rewritten.

A cache folder this module creates gets a ``.gitignore`` of ``*`` (git never lists it as
untracked) and a ``CACHEDIR.TAG`` (backup and archiving tools skip it), as ruff's and
pytest's do; an existing ``.plans-cache`` without them (made before they were written) gets
them too, a folder of another name that already exists (``$PLANS_CACHE_DIR``) is left as it is.

Written by hand: the entries are a few small JSON records keyed by content; a general cache
library (diskcache: SQLite) would cost more to import and open than the whole warm run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.checks.finding import Finding
from model.core.errors import Place, Problem
from model.core.version import version
from model.core.words import Words

CACHE_FORMAT = 2  # 2: the plan's 団体コード (E006 by code)
DEFAULT_NAME = ".plans-cache"
ENV_DIR = "PLANS_CACHE_DIR"
ENV_OFF = "PLANS_NO_CACHE"
# https://bford.info/cachedir/: the first line is the signature tools look for
CACHEDIR_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by plans (plans lint's result cache).\n# For information about cache directory tags see https://bford.info/cachedir/\n"
GITIGNORE = b"# Created by plans automatically (plans lint's result cache).\n*\n"
MARKERS = {"CACHEDIR.TAG": CACHEDIR_TAG, ".gitignore": GITIGNORE}


@dataclass(slots=True)
class FileResult:
    """What linting one file gave: the record the cache stores and the workers return."""

    file: str  # the path as shown (display_path)
    decoded: bool  # the bytes were read as text (its lines can be shown)
    municipality: str | None  # set when the file loaded as a plan
    place: Place | None  # where the municipality is written (for E006)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    code: str | None = None  # the plan's 団体コード (for E006)


def disabled_by_env() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")


def default_dir(paths: Sequence[Path]) -> Path:
    """``$PLANS_CACHE_DIR``, else ``.plans-cache`` beside the first plan path given."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    first = paths[0] if paths else Path("plans")
    base = first if first.is_dir() else first.parent
    return base / DEFAULT_NAME


def code_fingerprint() -> str:
    """Name, size and modification time of every module of ``model`` (cheap: stats only)."""
    model = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{CACHE_FORMAT}|{version()}".encode())
    for p in sorted(model.rglob("*.py")):
        with contextlib.suppress(OSError):
            st = p.stat()
            h.update(f"|{p.relative_to(model)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def options_salt(national_digest: str, as_of: int, enabled: Iterable[str] | None) -> str:
    rules = "*" if enabled is None else ",".join(sorted(enabled))
    text = f"{code_fingerprint()}|{national_digest}|{as_of}|{rules}"
    return hashlib.sha256(text.encode()).hexdigest()


# -- (de)serialising: plain JSON lists -------------------------------------------------


def _place(p: Place) -> list[Any]:
    return [p.file, p.line, p.col]


def _unplace(v: Any) -> Place:
    file, line, col = v
    if not (isinstance(file, str) and isinstance(line, int) and isinstance(col, int)):
        raise TypeError("place")
    return Place(file, line, col)


def _str_or_none(v: Any) -> str | None:
    if v is not None and not isinstance(v, str):
        raise TypeError("string")
    return v


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("string")
    return v


def encode(r: FileResult) -> dict[str, Any]:
    return {
        "file": r.file,
        "decoded": r.decoded,
        "municipality": r.municipality,
        "code": r.code,
        "place": _place(r.place) if r.place else None,
        "problems": [[_place(p.place), p.code, p.words.ja, p.words.en] for p in r.problems],
        "findings": [
            [
                f.code,
                f.severity,
                f.certain,
                _place(f.place),
                f.municipality,
                f.phase,
                f.business,
                f.words.ja,
                f.words.en,
                [_place(x) for x in f.related],
            ]
            for f in r.findings
        ],
    }


def decode(d: Any) -> FileResult:
    """A FileResult from an entry's JSON; raises TypeError/ValueError/KeyError if malformed."""
    if not isinstance(d, dict):
        raise TypeError("entry")
    problems = [Problem(_unplace(pl), _str(code), Words(_str(ja), _str(en))) for pl, code, ja, en in d["problems"]]
    findings = []
    for code, sev, certain, pl, muni, phase, business, ja, en, related in d["findings"]:
        if not isinstance(certain, bool) or sev not in ("error", "warning", "info"):
            raise ValueError("finding")
        findings.append(
            Finding(
                _str(code),
                sev,
                certain,
                _unplace(pl),
                _str(muni),
                _str_or_none(phase),
                _str_or_none(business),
                Words(_str(ja), _str(en)),
                tuple(_unplace(x) for x in related),
            )
        )
    decoded = d["decoded"]
    if not isinstance(decoded, bool):
        raise TypeError("decoded")
    place = _unplace(d["place"]) if d["place"] is not None else None
    return FileResult(
        _str(d["file"]),
        decoded,
        _str_or_none(d["municipality"]),
        place,
        problems,
        findings,
        _str_or_none(d.get("code")),
    )


class Cache:
    """The cache folder; ``salt`` carries the national timeline, tool and options."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = Path(folder)
        self.salt = salt
        self.writable = True
        self.marked = False  # the folder exists with its .gitignore and CACHEDIR.TAG
        self.hits = 0
        self.misses = 0

    def key(self, file: str, raw: bytes) -> str:
        h = hashlib.sha256(self.salt.encode())
        h.update(b"\0" + file.encode("utf-8", "surrogateescape") + b"\0")
        h.update(raw)
        return h.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"

    def get(self, key: str, file: str) -> FileResult | None:
        """The entry for ``key``, or None when absent or unreadable (it is then rewritten)."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        import json

        try:
            d = json.loads(data)
            if not isinstance(d, dict) or d.get("format") != CACHE_FORMAT or d.get("key") != key:
                raise ValueError("not an entry of this key")
            r = decode(d)
            if r.file != file:
                raise ValueError("another file")
        except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return r

    def put(self, key: str, r: FileResult) -> None:
        """Write an entry atomically; a folder that cannot be written turns writing off."""
        if not self.writable:
            return
        import json

        d = encode(r)
        d["format"] = CACHE_FORMAT
        d["key"] = key
        data = json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode()
        target = self.path(key)
        try:
            if not self.marked:
                make_folder(self.folder)
                self.marked = True
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_replace(target, data)
        except OSError:
            self.writable = False


def make_folder(folder: Path) -> None:
    """Create the cache folder with its ``.gitignore`` and ``CACHEDIR.TAG``. An existing
    folder named ``.plans-cache`` gets the ones it lacks; one of another name is not ours to
    mark (``$PLANS_CACHE_DIR`` may name any folder). Raises OSError when it cannot."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if folder.name != DEFAULT_NAME or not folder.is_dir():
            return
    for name, data in MARKERS.items():
        if not (folder / name).exists():
            _atomic_replace(folder / name, data)


def _atomic_replace(path: Path, data: bytes) -> None:
    """Temp file in the same folder, then ``os.replace``: atomic, but no fsync (a cache entry
    lost in a crash is only recomputed; ``model.core.fileio.atomic_write`` is for plans)."""
    import tempfile  # only when an entry is written: not on a warm or cache-less run's path

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


__all__ = ["Cache", "FileResult", "default_dir", "disabled_by_env", "options_salt"]
