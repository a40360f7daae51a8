"""A line-drawn view's virtual size, set without a layout of the screen where none is needed.

Textual lays the whole screen out again (10-30 ms at 160x50) whenever a widget's
``virtual_size`` changes, as the widget's box may follow its content. For the app's line-drawn
views (the tables, the Gantt) it often does not: another plan's rows beyond a capped height,
another chart's width in a box that scrolls. Then only the scrollbars need to follow."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def box_kept(widget: Widget, size: Size) -> bool:
    """Whether ``size`` as ``widget``'s virtual size leaves its box and scrollbars as they
    are: wider than the box before and after, or narrower; and as tall as before, or taller
    than the box before and after (capped by max-height, or scrolling), or lower before and
    after when the height does not follow the content."""
    w, h = widget.container_size
    old = widget.virtual_size
    if not h or not w or (old.width > w) != (size.width > w):  # a horizontal scrollbar comes or goes
        return False
    auto = widget.styles.height is not None and widget.styles.height.is_auto
    if old.height == size.height:
        return True
    return (old.height > h and size.height > h) or (not auto and old.height <= h and size.height <= h)


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Set ``widget``'s virtual size: without a layout when its box stays (:func:`box_kept`),
    only its scrollbars following; else as Textual does, with a layout."""
    if size == widget.virtual_size:
        return
    if box_kept(widget, size):
        widget.set_reactive(Widget.virtual_size, size)
        widget._scroll_update(size)
    else:
        widget.virtual_size = size
