"""A window on a wide line of strips, whole figures only: what the Gantt and the progress grid
show of their scrolled part."""

from __future__ import annotations

from rich.style import Style
from textual.strip import Strip

Runs = tuple[tuple[int, int], ...]


def window(strip: Strip, runs: Runs, scroll_x: int, room: int, base: Style) -> Strip:
    """``strip`` from column ``scroll_x``, ``room`` cells, with each run ``[a, b)`` (a figure,
    a word) that either edge would cut left blank: a cut "+13" would read "3" or "+1", a cut
    "32.5%" "2.5%"."""
    out = strip.crop_extend(scroll_x, scroll_x + room, base)
    end = scroll_x + room
    for a, b in runs:
        if a < scroll_x < b or a < end < b:
            lo, hi = max(a, scroll_x) - scroll_x, min(b, end) - scroll_x
            out = Strip.join([out.crop(0, lo), Strip.blank(hi - lo, base), out.crop(hi, room)])
    return out
