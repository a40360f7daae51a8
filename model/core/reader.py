"""Reading a TOML file into records while collecting every problem with its place.

Used by the national timeline and the plan loader: unknown keys are rejected with a
"did you mean", wrong types and bad dates are reported at their line and column, and
reading goes on so that one run shows every problem in a file.
"""

from __future__ import annotations

import difflib
import errno
import os
import pathlib
import re
import stat
from collections.abc import Iterable
from os import PathLike
from typing import Any

from model.core import dates
from model.core.errors import Place, PlansError, Problems, display_path, unreadable
from model.core.os_words import toml_error_ja
from model.core.tomlpos import Path, Pos, locate

try:  # tomli's compiled (mypyc) wheels parse about 4x faster than the stdlib's pure-Python
    # tomllib (its origin: the same parser, the same messages); tomllib if it is absent.
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib  # type: ignore[no-redef]

MAX_FILE_BYTES = 1_000_000  # a plan is a few KB; refuse anything absurd before parsing

_TYPE_JA = {str: "文字列", int: "整数", bool: "真偽値", dict: "テーブル", list: "配列"}
_TYPE_EN = {str: "a string", int: "an integer", bool: "a boolean", dict: "a table", list: "an array"}
_TOML_ERR = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


SUGGESTIONS = 50  # unknown keys per table that get a did-you-mean


def _type_name(v: Any) -> tuple[str, str]:
    for t in (bool, int, str, dict, list):
        if isinstance(v, t):
            return _TYPE_JA[t], _TYPE_EN[t]
    return type(v).__name__, type(v).__name__


class Reader:
    """One file's parsed data plus its key positions and its problems."""

    def __init__(self, file: str, source: str, problems: Problems) -> None:
        self.file = file
        self.source = source
        self.problems = problems
        self.data: dict[str, Any] | None = None
        self.pos: dict[Path, Pos] = {}
        self.lines = source.splitlines()
        if where := _long_dotted_key(self.lines):
            problems.add(
                *where,
                "E001",
                f"キーの「.」区切りが多すぎます({MAX_KEY_PARTS}個まで)。キーを短くしてください",
                f"a dotted key with too many parts (at most {MAX_KEY_PARTS}); shorten the key",
            )
            return
        try:
            self.data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as e:
            line, col, msg = _toml_error_place(str(e), self.lines)
            problems.add(
                line,
                col,
                "E001",
                f"TOMLとして読めません: {toml_error_ja(msg)}。この行の書き方を直してください",
                f"not valid TOML: {msg}; fix the syntax on this line",
            )
            return
        except RecursionError:
            line, col = _deep_place(self.lines)
            problems.add(
                line,
                col,
                "E001",
                "配列や表の入れ子が深すぎて読めません。入れ子を浅くしてください",
                "arrays or tables nested too deeply to read; nest less",
            )
            return
        except ValueError:
            # tomllib refuses an integer literal of more than sys.get_int_max_str_digits()
            # digits with a bare ValueError (no place): find the literal ourselves.
            line, col = _long_number_place(self.lines)
            problems.add(
                line,
                col,
                "E001",
                "数値が長すぎて読めません。桁数を減らしてください",
                "a number too long to read; write fewer digits",
            )
            return
        self.pos = locate(source)

    # -- places ------------------------------------------------------------
    def where(self, path: Path, *, value: bool = True) -> tuple[int, int]:
        """Line and column of ``path`` (its value, or its key), or of the nearest parent."""
        p = path
        while p:
            if p in self.pos:
                pos = self.pos[p]
                return pos.line, (pos.value_col if value else pos.key_col)
            # a table written only through its children ([a.b]) or as an array of tables
            # ([[phases]]): its first descendant, not the top of the file
            n = len(p)
            below = [q for q in self.pos if len(q) > n and q[:n] == p]
            if below:
                pos = self.pos[min(below, key=lambda q: (self.pos[q].line, self.pos[q].key_col))]
                return pos.line, pos.key_col
            p = p[:-1]
        return 1, 1

    def err(self, path: Path, code: str, ja: str, en: str, *, value: bool = True) -> None:
        line, col = self.where(path, value=value)
        self.problems.add(line, col, code, ja, en)

    # -- checks ------------------------------------------------------------
    def check_keys(
        self, path: Path, table: dict[str, Any], allowed: Iterable[str], what: str | tuple[str, str]
    ) -> None:
        """Report every key of ``table`` not in ``allowed``; ``what`` names the table (ja, en)."""
        what_ja, what_en = (what, what) if isinstance(what, str) else what
        allowed = list(allowed)
        unknown = 0
        for key in table:
            if key in allowed:
                continue
            unknown += 1
            # a did-you-mean for the first few; past them (a file of 40,000 stray keys) the
            # allowed list alone, so that the check stays linear
            close = difflib.get_close_matches(key, allowed, n=1) if unknown <= SUGGESTIONS else []
            hint_ja = f"「{close[0]}」の誤りではありませんか" if close else f"使えるキー: {', '.join(allowed)}"
            hint_en = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            shown = shorten(key)
            self.err(
                (*path, key),
                "E002",
                f"{what_ja}に未知のキー「{shown}」があります。{hint_ja}",
                f"unknown key {shown!r} in {what_en}; {hint_en}",
                value=False,
            )

    def typed(self, path: Path, v: Any, t: type, example: str) -> Any | None:
        if isinstance(v, t) and not (t is int and isinstance(v, bool)):
            return v
        got_ja, got_en = _type_name(v)
        self.err(
            path,
            "E003",
            f"「{_dotted(path)}」は{_TYPE_JA[t]}で書いてください(今は{got_ja})。例: {example}",
            f"{_dotted(path)!r} must be {_TYPE_EN[t]} (found {got_en}); e.g. {example}",
        )
        return None

    def bounded(self, path: Path, v: Any, example: str, lo: int, hi: int) -> int | None:
        """An integer from ``lo`` to ``hi`` (every number read from a file is bounded, so a
        value such as 999999999999999999999 months is refused with its place)."""
        n = self.typed(path, v, int, example)
        if n is None:
            return None
        if not lo <= n <= hi:
            shown = shorten(str(n), 24)
            self.err(
                path,
                "E008",
                f"「{_dotted(path)}」は {lo}〜{hi} の範囲で書いてください(今は {shown})",
                f"{_dotted(path)!r} must be {lo}-{hi} (found {shown})",
            )
            return None
        return n

    def date(self, path: Path, v: Any, *, surveyed: dates.Month | None = None) -> dates.PlanDate | None:
        if not isinstance(v, str):
            self.typed(path, v, str, '"R4.10"')
            return None
        try:
            return dates.parse(v, surveyed=surveyed)
        except dates.DateError as e:
            self.err(path, "E004", f"「{_dotted(path)}」: {e.text('ja')}", f"{_dotted(path)!r}: {e.text('en')}")
            return None

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def shorten(text: str, limit: int = 60) -> str:
    """A user's text cut for a message, so that a 500 KB key does not fill the terminal."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dotted(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


_LONG_NUMBER = re.compile(r"[0-9_]{1000,}")
MAX_KEY_PARTS = 32  # a plan's keys have at most 4 parts (business.koseki.status.x)
_KEY_PART = re.compile(r"[ \t]*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')[ \t]*")


def _long_dotted_key(lines: list[str]) -> tuple[int, int] | None:
    """Where a key has more than MAX_KEY_PARTS dotted parts, if anywhere.

    tomllib (and tomlpos) take time quadratic in a dotted key's parts: a 200 KB line
    ``[a.a.a....]`` took two minutes. This linear scan (split on dots, count a run of
    key-like parts) refuses such a file before parsing; a value that merely contains
    32 dotted words in a row would be refused too, which no plan does.
    """
    for i, text in enumerate(lines, 1):
        if text.count(".") < MAX_KEY_PARTS:
            continue
        run, start, col = 0, 0, 0
        for seg in text.split("."):
            if _KEY_PART.fullmatch(seg):
                if run == 0:
                    start = col
                run += 1
                if run > MAX_KEY_PARTS:
                    return i, start + 1
            else:
                run = 0
            col += len(seg) + 1
    return None


_DEEP = 100  # brackets open on one line beyond which we point at that line


def _deep_place(lines: list[str]) -> tuple[int, int]:
    """Where nesting first gets deep (tomllib's RecursionError carries no place)."""
    depth = 0
    for i, text in enumerate(lines, 1):
        for j, c in enumerate(text):
            if c in "[{":
                depth += 1
                if depth > _DEEP:
                    return i, j + 1
            elif c in "]}":
                depth = max(0, depth - 1)
    return 1, 1


def _long_number_place(lines: list[str]) -> tuple[int, int]:
    for i, text in enumerate(lines, 1):
        if m := _LONG_NUMBER.search(text):
            return i, m.start() + 1
    return 1, 1


def _toml_error_place(msg: str, lines: list[str]) -> tuple[int, int, str]:
    if m := _TOML_ERR.match(msg):
        return int(m["line"]), int(m["col"]), m["msg"]
    if m := _TOML_EOF.match(msg):
        return max(1, len(lines)), len(lines[-1]) + 1 if lines else 1, m["msg"]
    return 1, 1, msg


def read_capped(path: PathLike) -> bytes:
    """A file's bytes, but never more than ``MAX_FILE_BYTES + 1`` (enough for :func:`decode`
    to refuse it): a 10 GB file or a link to /dev/zero is not read into memory. Anything but
    a regular file (a folder, a FIFO that would block forever, a device) is refused before it
    is opened, as an OSError whose ``strerror`` says so."""
    st = os.stat(path)  # follows links: a dangling link or a loop raises here
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(path)
    with open(path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


class NotRegularFile(OSError):
    """A path that is not a regular file (a folder, FIFO, socket or device)."""

    def __init__(self, path: PathLike) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a folder, FIFO or device)", str(path))


def read_text(path: PathLike, file: str, problems: Problems) -> tuple[bytes, str] | None:
    """A file's bytes and text (read capped, then decoded), or None with the problem added."""
    try:
        raw = read_capped(path)
    except OSError as e:
        problems.items.append(unreadable(Place(problems.file), e.strerror))
        return None
    text = decode(raw, file, problems)
    return None if text is None else (raw, text)


def read_or_raise(path: PathLike, error: type[PlansError]) -> tuple[str, bytes, str, Problems]:
    """A file that must be read (the national timeline, a scenario): its display name,
    bytes, text and the problems collected for it; ``error`` with the problem when it cannot
    be read or decoded."""
    file = display_path(pathlib.Path(path))
    problems = Problems(file)
    got = read_text(path, file, problems)
    if got is None:
        raise error(f"{file}: cannot read", problems.items)
    return file, got[0], got[1], problems


def decode(raw: bytes, file: str, problems: Problems) -> str | None:
    """Bytes to text: UTF-8 (a BOM is accepted), size capped, NUL refused; with a place."""
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            0,
            0,
            "E009",
            f"ファイルが大きすぎます(上限 {MAX_FILE_BYTES:,} バイトを超えています)。計画ファイルは数KBです。別のファイルを指定していないか確かめてください",
            f"file too large (over the limit of {MAX_FILE_BYTES:,} bytes; a plan is a few KB): check that this is a plan file",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        problems.add(
            line,
            col,
            "E009",
            "UTF-8として読めないバイトがあります。UTF-8で保存し直してください",
            "bytes that are not UTF-8; save the file as UTF-8",
        )
        return None
    if "\x00" in text:
        idx = text.index("\x00")
        line = text.count("\n", 0, idx) + 1
        problems.add(
            line,
            idx - (text.rfind("\n", 0, idx) + 1) + 1,
            "E009",
            "NUL文字が含まれています",
            "the file contains a NUL character",
        )
        return None
    return text
