"""Fixes as text: a plan file with its edits applied, and the unified diff of it (pure).

An edit names the place of a date value (its opening quote) and the text written there; only
that value changes, so comments, alignment and key order stay as the planner wrote them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from model.replan.proposal import Edit


class StaleEdit(ValueError):
    """The file no longer holds the value an edit was computed for."""


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    lines = source.splitlines(keepends=True)
    # right to left within a line, so earlier columns stay valid
    for e in sorted(edits, key=lambda x: (x.line, -x.col)):
        i, j = e.line - 1, e.col - 1
        if not 0 <= i < len(lines):
            raise StaleEdit(f"{e.file}:{e.line}: no such line")
        line = lines[i]
        quote = line[j : j + 1]
        if quote not in ('"', "'") or line[j + 1 : j + 1 + len(e.old) + 1] != e.old + quote:
            raise StaleEdit(f"{e.file}:{e.line}:{e.col}: expected {e.old!r}")
        rest = line[j + 1 + len(e.old) :]  # the closing quote and what follows
        lines[i] = line[: j + 1] + e.new + _keep_column(rest, len(e.old) - len(e.new))
    return "".join(lines)


def _keep_column(rest: str, shift: int) -> str:
    """Keep a trailing comment in its column: pad or trim the spaces before it (widths in
    characters are enough here: dates are ASCII)."""
    body = rest.rstrip("\r\n")
    end = rest[len(body) :]
    quote, after = body[:1], body[1:]
    spaces = len(after) - len(after.lstrip(" "))
    if not after.lstrip(" ").startswith("#") or spaces == 0:
        return rest
    return quote + " " * max(1, spaces + shift) + after.lstrip(" ") + end


def unified_diff(file: str, before: str, after: str) -> str:
    """``--- a/FILE`` / ``+++ b/FILE`` hunks, as git and ruff print them."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{file}", f"b/{file}"))


__all__ = ["StaleEdit", "apply_edits", "unified_diff"]
