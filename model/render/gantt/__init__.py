"""The Gantt chart of a plan against the national timeline: one layout, several pictures.

Pure (no terminal, no rich, no textual): the terminal widget (``tui/app/widgets/gantt.py``),
the handout pictures and the tests all draw from the same layout.

- :mod:`.layout` — what a layout is: :class:`GanttLayout` (rows, spans, marks, vertical
  lines) and :class:`Scale` (months → columns at a :class:`Zoom`);
- :mod:`.build` — a plan's layout (:func:`build`) or the national lanes alone
  (:func:`national_layout`);
- :mod:`.cells` — one row painted into terminal cells (:func:`paint`);
- :mod:`.chart`, :mod:`.svg`, :mod:`.html`, :mod:`.text` — the pictures of ``plans gantt``
  (named in :data:`model.render.registry.GANTT`).

The names below are the layout's API, importable from the package.
"""

from model.render.gantt.build import build, national_layout, national_rows, phase_spans
from model.render.gantt.cells import Cell, cells_text, char_width, fit, paint, text_width
from model.render.gantt.layout import (
    GLYPH,
    GanttLayout,
    Header,
    Mark,
    Row,
    Scale,
    Span,
    VLine,
    Zoom,
    compact_national,
    zoom_in,
    zoom_out,
)

__all__ = [
    "GLYPH",
    "Cell",
    "GanttLayout",
    "Header",
    "Mark",
    "Row",
    "Scale",
    "Span",
    "VLine",
    "Zoom",
    "build",
    "cells_text",
    "char_width",
    "compact_national",
    "fit",
    "national_layout",
    "national_rows",
    "paint",
    "phase_spans",
    "text_width",
    "zoom_in",
    "zoom_out",
]
