"""The app's read-only mode (``plans tui --read-only``, ``plans serve --read-only``): for
colleagues who should only look.

Every edit and save of the app goes through :func:`refused` first (the phase editor, the
vendor strategy, undo and redo, save: nothing can make a plan dirty, so nothing is ever
written). In read-only mode it says so (「読み取り専用です」) and the action does nothing;
:func:`restrict` takes those actions out of the footer and the command palette. Their keys
stay bound, so pressing one says why nothing happens instead of, say, typing the letter
into the list's filter."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from model.core.words import Words
from tui.app.palette import PlansCommands

if TYPE_CHECKING:
    from tui.app.app import PlansApp

# the app's actions that change a plan or write a file (the palette's entries included)
EDITS = frozenset({"edit", "vendor_strategy", "save", "undo", "redo"})

READ_ONLY = Words("読み取り専用です(編集・保存はできません)", "read-only: nothing can be edited or saved")


def refused(app: PlansApp) -> bool:
    """True, after saying so, when the app is read-only: each edit and save asks this first."""
    if not app.read_only:
        return False
    app.notify(READ_ONLY(app.lang), severity="warning", timeout=4)
    return True


class ReadOnlyCommands(PlansCommands):
    """The palette without its edits (save, undo, redo, edit, vendor strategy)."""

    def _entries(self) -> list[tuple[str, str]]:
        return [(text, action) for text, action in super()._entries() if action not in EDITS]


def restrict(app: PlansApp) -> None:
    """Hide the edits from the footer and the palette (call after the bindings are localized:
    this edits the app's own copy of them)."""
    table = app._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [replace(b, show=False) if b.action in EDITS else b for b in bindings]
    app.COMMANDS = (app.COMMANDS - {PlansCommands}) | {ReadOnlyCommands}  # type: ignore[misc]
