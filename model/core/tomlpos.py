"""Where each key of a TOML document was written (line and column).

``tomllib`` parses but keeps no positions, and ``tomlkit`` keeps layout but no line numbers,
so this small scanner (written by hand for that reason) walks the source once after
``tomllib`` has accepted it and records, for every key path, the line, the key's column and
the value's column. Paths use ints for arrays of tables: ``("ignore", 0, "rule")``.
Columns are 1-based character columns, as compilers print them.
"""

from __future__ import annotations

import re
import tomllib
from typing import NamedTuple

Path = tuple[str | int, ...]


class Pos(NamedTuple):
    """A named tuple rather than a dataclass: a nationwide lint records about 300,000 of them,
    and a tuple is the cheapest immutable record to build."""

    line: int
    key_col: int
    value_col: int


_BARE = re.compile(r"[A-Za-z0-9_-]+")
# Fast paths for the lines nearly every plan consists of: ``key = <one-line value>`` with a
# bare key (a basic or literal string that is not triple-quoted, a number, a boolean) and
# ``[a.b]`` headers of bare keys; anything else takes the general scanner below.
_FAST_KV = re.compile(r"([ \t]*)([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?=\"(?!\"\")|'(?!'')|[0-9A-Za-z+-])")
_FAST_TABLE = re.compile(r"([ \t]*)\[([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\]")


def _read_key(s: str, i: int) -> tuple[list[str], int]:
    """Read a (dotted) key starting at ``s[i]``; return its parts and the index after it."""
    parts: list[str] = []
    n = len(s)
    while True:
        while i < n and s[i] in " \t":
            i += 1
        if i < n and s[i] in "\"'":
            q = s[i]
            j = i + 1
            buf = []
            escaped = False
            while j < n and s[j] != q:
                if q == '"' and s[j] == "\\" and j + 1 < n:
                    escaped = True
                    buf.append(s[j + 1])
                    j += 2
                    continue
                buf.append(s[j])
                j += 1
            # an escape (\u0001, \t, \\) means what tomllib says it means
            parts.append(_unescape(s[i : j + 1]) if escaped else "".join(buf))
            i = j + 1
        else:
            m = _BARE.match(s, i)
            if not m:
                return parts, i
            parts.append(m.group(0))
            i = m.end()
        while i < n and s[i] in " \t":
            i += 1
        if i < n and s[i] == ".":
            i += 1
            continue
        return parts, i


def _unescape(quoted: str) -> str:
    """The key a double-quoted TOML key with escapes names (tomllib has accepted the file)."""
    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):
        return quoted.strip('"')


def _skip_value(lines: list[str], li: int, ci: int) -> int:
    """Return the index of the last line of a value starting at ``lines[li][ci]``."""
    s = lines[li][ci:]
    for q in ('"""', "'''"):
        if s.startswith(q):
            if s.count(q) >= 2:
                return li
            j = li + 1
            while j < len(lines) and q not in lines[j]:
                j += 1
            return min(j, len(lines) - 1)
    if s.startswith("["):
        depth = 0
        j = li
        col = ci
        in_str: str | None = None
        while j < len(lines):
            text = lines[j]
            k = col
            while k < len(text):
                c = text[k]
                if in_str:
                    if c == "\\" and in_str == '"':
                        k += 2
                        continue
                    if c == in_str:
                        in_str = None
                elif c in "\"'":
                    in_str = c
                elif c == "#":
                    break
                elif c in "[{":
                    depth += 1
                elif c in "]}":
                    depth -= 1
                    if depth == 0:
                        return j
                k += 1
            j += 1
            col = 0
        return len(lines) - 1
    return li


def _inline_table(path: Path, text: str, ci: int, line_no: int, out: dict[Path, Pos]) -> None:
    """Record keys of a one-line inline table ``{ a = 1, b = "x" }`` starting at ``ci``."""
    i = ci + 1
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t,":
            i += 1
        if i >= n or text[i] == "}":
            return
        key_start = i
        parts, i = _read_key(text, i)
        if not parts or i >= n or text[i] != "=":
            return
        i += 1
        while i < n and text[i] in " \t":
            i += 1
        out[path + tuple(parts)] = Pos(line_no, key_start + 1, i + 1)
        # skip the value to the next top-level comma
        depth = 0
        in_str: str | None = None
        while i < n:
            c = text[i]
            if in_str:
                if c == "\\" and in_str == '"':
                    i += 2
                    continue
                if c == in_str:
                    in_str = None
            elif c in "\"'":
                in_str = c
            elif c in "[{":
                depth += 1
            elif c in "]}":
                if depth == 0:
                    return
                depth -= 1
            elif c == "," and depth == 0:
                break
            i += 1


def locate(source: str) -> dict[Path, Pos]:
    """Map every key path in ``source`` to where it was written."""
    out: dict[Path, Pos] = {}
    lines = source.splitlines()
    table: Path = ()
    counters: dict[Path, int] = {}
    fast_kv, fast_table = _FAST_KV.match, _FAST_TABLE.match
    new = tuple.__new__  # Pos(...) without the Python-level __new__ of a named tuple
    n = len(lines)
    li = 0
    while li < n:
        raw = lines[li]
        li += 1  # now the 1-based number of ``raw``
        if not raw:
            continue
        m = fast_kv(raw)
        if m is not None:
            out[(*table, m[2])] = new(Pos, (li, m.end(1) + 1, m.end() + 1))
            continue
        m = fast_table(raw)
        if m is not None:
            table = _resolve(tuple(m[2].split(".")), counters)
            if table not in out:
                out[table] = Pos(li, m.end(1) + 2, m.end(1) + 2)
            continue
        stripped = raw.lstrip(" \t\ufeff")
        indent = len(raw) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            parts, _ = _read_key(stripped, 2)
            base = tuple(parts)
            idx = counters.get(base, -1) + 1
            counters[base] = idx
            # nested counters restart under a new element
            for k in [k for k in counters if len(k) > len(base) and k[: len(base)] == base]:
                del counters[k]
            table = (*base, idx)
            out.setdefault(table, Pos(li, indent + 3, indent + 3))
            continue
        if stripped.startswith("["):
            parts, _ = _read_key(stripped, 1)
            table = _resolve(tuple(parts), counters)
            out.setdefault(table, Pos(li, indent + 2, indent + 2))
            continue
        parts, i = _read_key(stripped, 0)
        if parts and i < len(stripped) and stripped[i] == "=":
            j = i + 1
            while j < len(stripped) and stripped[j] in " \t":
                j += 1
            path = (*table, *parts)
            out[path] = Pos(li, indent + 1, indent + j + 1)
            if stripped[j : j + 1] == "{":
                _inline_table(path, raw, indent + j, li, out)
            li = _skip_value(lines, li - 1, indent + j) + 1
    return out


def _resolve(parts: Path, counters: dict[Path, int]) -> Path:
    """``[ignore.x]`` under the last ``[[ignore]]`` element refers to that element."""
    for cut in range(len(parts), 0, -1):
        base = parts[:cut]
        if base in counters:
            return (*base, counters[base], *parts[cut:])
    return parts
