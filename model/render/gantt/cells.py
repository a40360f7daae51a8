"""Painting a Gantt row into terminal cells: one :class:`Cell` (character + kind) per column,
for any scale. The terminal widget styles the kinds; the text picture prints the characters.

Character widths are measured by hand (:func:`char_width`) because model/ may not import
rich; the terminal code passes ``rich.cells.cell_len`` instead where it can.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from model.core.cells import char_width
from model.core.printable import printable
from model.render.gantt.layout import GLYPH, Row, Scale, VLine


def text_width(text: str, width: Callable[[str], int] = char_width) -> int:
    """Cells ``text`` takes, measured character by character with ``width``: printable ASCII
    is one cell a character for any measure; other text is measured once (labels repeat)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return _measured(text, width)


@functools.lru_cache(maxsize=65536)
def _measured(text: str, width: Callable[[str], int]) -> int:
    return sum(width(c) for c in text)


def fit(text: str, cells: int, width: Callable[[str], int] = char_width) -> str:
    """``text`` cut (with "…") or padded with spaces to exactly ``cells`` cells."""
    used = text_width(text, width)
    if used <= cells:
        return text + " " * (cells - used)
    out, used = "", 0
    for c in text:
        w = width(c)
        if used + w > cells - 1:
            break
        out += c
        used += w
    return out + "…" + " " * (cells - used - 1)


@dataclass(frozen=True, slots=True)
class Cell:
    """One terminal cell. A wide character is a cell with ``char`` followed by a cell with
    ``char == ""`` (its right half). ``kind``: ``blank``, a span kind, ``mark``, ``ready``,
    a line kind, ``slack``, ``note`` (text)."""

    char: str
    kind: str


BLANK = Cell(" ", "blank")


def _put_text(
    cells: list[Cell],
    col: int,
    text: str,
    kind: str,
    width: Callable[[str], int],
    *,
    over: tuple[str, ...] = ("blank",),
) -> bool:
    """Write ``text`` from ``col`` if every cell it needs is free (of a kind in ``over``)."""
    need = text_width(text, width)
    if col < 0 or col + need > len(cells) or any(cells[i].kind not in over for i in range(col, col + need)):
        return False
    i = col
    for ch in text:
        w = width(ch)
        if w == 0:
            continue
        cells[i] = Cell(ch, kind)
        for j in range(1, w):
            cells[i + j] = Cell("", kind)
        i += w
    return True


def slack_text(row: Row) -> str:
    if row.slack is None or row.na:
        return ""
    return f"{row.slack:+d}"


def paint(
    row: Row,
    scale: Scale,
    lines: Sequence[VLine] = (),
    *,
    lang: str = "ja",
    labels: bool = True,
    width: Callable[[str], int] = char_width,
) -> list[Cell]:
    """The chart cells of one row (``scale.width`` of them): spans, marks, slack after the bar
    ("+7"), "現行ベンダで標準化" written where a not-applicable phase would be, the vertical
    lines in the free cells, and (``labels``) a national mark's label after it where it fits."""
    cells = [BLANK] * scale.width
    for s in row.spans:
        a, b = scale.cols(s.lo, s.hi)
        for i in range(a, b):
            # a later, more certain span wins over "available" background; uncertain never
            # hides work in a shared unit at coarse zoom
            if cells[i].kind in ("blank", "available") or (cells[i].kind == "uncertain" and s.kind == "work"):
                cells[i] = Cell(GLYPH[s.kind], s.kind)
    for m in row.marks:
        c = scale.month_col(m.month)
        if c is not None:
            cells[c] = Cell(GLYPH["mark"], m.kind)
    for ln in lines:
        c = scale.line_col(ln)
        if c is not None and cells[c].kind in ("blank", "available"):
            cells[c] = Cell(GLYPH[ln.kind], ln.kind)
    if row.marks and labels and row.kind in ("policy", "lane"):
        for m in row.marks:
            c = scale.month_col(m.month)
            if c is not None:
                _put_text(cells, c + 1, printable(m.text(lang).rsplit(" ", 1)[0]), "note", width)
    end = row.end
    if end is not None and (t := slack_text(row)):
        _, b = scale.cols(end, end)
        _put_text(cells, b, t, "slack", width) or _put_text(
            cells, b, t, "slack", width, over=("blank", "deadline", "extended", "evaluation")
        )
    if row.na and row.date_text and row.anchor is not None:
        # 現行ベンダで標準化: the words stand where the bar would have started
        a, _ = scale.cols(row.anchor, row.anchor)
        _put_text(cells, a, printable(row.date_text), "note", width)
    return cells


def cells_text(cells: Sequence[Cell]) -> str:
    return "".join(c.char for c in cells)


__all__ = ["BLANK", "Cell", "cells_text", "char_width", "fit", "paint", "slack_text", "text_width"]
