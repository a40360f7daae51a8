"""Fixes as text: the unified diff of a plan file before and after its fixes (pure).

Applying edits to a plan's text (:func:`apply_edits`) lives with the rest of fixing in
:mod:`model.project.fixing` (the layer that reads and writes plan files) and is re-exported
here: an edit names the place of a date value (its opening quote) and the text written there;
only that value changes, so comments, alignment and key order stay as the planner wrote them.
"""

from __future__ import annotations

import difflib

from model.project.fixing import StaleEdit, apply_edits, lines_of

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(file: str, before: str, after: str) -> str:
    """``--- a/FILE`` / ``+++ b/FILE`` hunks, as git and ruff print them (lines split at LF
    only, as TOML counts them; a last line without a newline is marked as git marks it, so
    that ``git apply`` and ``patch`` take the diff)."""
    out = []
    for line in difflib.unified_diff(lines_of(before), lines_of(after), f"a/{file}", f"b/{file}"):
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)


__all__ = ["StaleEdit", "apply_edits", "unified_diff"]
