"""The display width of text in terminal cells: a wide (East Asian W/F) character takes two,
a combining mark none, anything else one. Written with ``unicodedata`` because model/ stays
free of rich (whose ``cell_len`` the terminal output uses); the app and the rich report
measure with rich and textual themselves."""

from __future__ import annotations

import functools
import unicodedata


def char_width(ch: str) -> int:
    """Terminal cells of one character: 2 for East Asian wide/full-width, 0 for combining
    marks, else 1."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@functools.lru_cache(maxsize=65536)
def _cells(text: str) -> int:
    return sum(char_width(c) for c in text)


def cell_width(text: str) -> int:
    """Cells ``text`` takes (ASCII: its length; other text measured once, cached: names and
    dates repeat)."""
    return len(text) if text.isascii() else _cells(text)


__all__ = ["cell_width", "char_width"]
