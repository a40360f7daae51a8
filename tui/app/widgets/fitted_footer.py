"""The footer, cut to the keys that fit on one line of the terminal.

Why not ``Footer`` as it is: it lays every shown key out in a row and docks the command
palette's key on the right over them; when the keys are wider than the screen (80 columns,
or a focused Gantt adding its own keys) the palette key is drawn over the last ones and both
come out clipped (``^p コ  ンド``). This footer keeps the keys that fit, the most used ones
first (``FIRST``), in their usual order; F1 lists them all."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# kept before any other key, in this order (g before the less used keys)
FIRST = ("quit", "apply", "close", "save", "undo", "help", "edit", "fix_preview", "progress", "what_if")
PALETTE_EXTRA = 2  # the palette key's border and right padding


def key_cells(key: FooterKey) -> int:
    """The cells a (non-compact) key takes: " ^s 保存 "."""
    if not key.description:
        return cell_len(key.key_display)
    return cell_len(key.key_display) + cell_len(key.description) + 3


class FittedFooter(Footer):
    def compose(self) -> ComposeResult:
        parts = list(super().compose())
        keys = [w for w in parts if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        palette = [w for w in parts if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        room = self.app.size.width - sum(key_cells(p) + PALETTE_EXTRA for p in palette)
        ranked = sorted(keys, key=lambda k: (k.action not in FIRST, FIRST.index(k.action) if k.action in FIRST else 0))
        kept: set[int] = set()
        for k in ranked:
            if key_cells(k) <= room:
                kept.add(id(k))
                room -= key_cells(k)
        shown: list[Widget] = [w for w in parts if not isinstance(w, FooterKey) or id(w) in kept or w in palette]
        yield from shown

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)
