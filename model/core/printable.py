"""Text from files (a municipality name, a file name, a source line) made safe to print on a
terminal: control characters and bidirectional overrides are shown as escapes (``\\x1b``,
``\\u202e``) instead of reaching the terminal raw, where an ESC sequence could recolour,
retitle or clear the screen and a right-to-left override could reverse what is read.

Every text output for people goes through :func:`printable` (``plans lint``, ``table``,
``what-if``, ``gantt --format txt``, the load-error lines, the app's lists); JSON, CSV and
the other machine formats keep the real value (JSON escapes it anyway).
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0a-\x1f\x7f-\x9f"  # C0 but tab, DEL, C1
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides, isolates
_LINES = "\u2028\u2029"  # line and paragraph separators
_UNSAFE = re.compile(f"[\t{_CONTROLS}{_BIDI}{_LINES}]")
_UNSAFE_BUT_TAB = re.compile(f"[{_CONTROLS}{_BIDI}{_LINES}]")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    c = ord(ch)
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str, *, keep_tab: bool = False) -> str:
    """``text`` with every control character (C0 — newline and, unless ``keep_tab``, tab
    included —, DEL, C1), bidi control and line separator written as ``\\t``, ``\\n``,
    ``\\r``, ``\\xNN`` or ``\\uNNNN``.
    Text without any is returned as it is (the same object)."""
    unsafe = _UNSAFE_BUT_TAB if keep_tab else _UNSAFE
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(_escape, text)


__all__ = ["printable"]
