"""A Gantt picture for meeting handouts as one SVG: the title, the fiscal-year axis, the
national lanes, a block per municipality, the vertical lines and the legend (the pieces:
:mod:`.parts`; the printable A3 page with one SVG per block: :mod:`.html`)."""

from __future__ import annotations

from model.render.gantt.chart import Chart
from model.render.gantt.layout import Zoom
from model.render.gantt.parts import (
    BACKGROUND,
    COLOURS,
    FONT_FAMILY,
    MONTH_W,
    PAD,
    ROW_H,
    SEVERITY_FILL,
    axis,
    defs,
    entries,
    frame,
    legend,
    municipality_heading,
    national_heading,
    row_height,
    subtitle,
    svg_open,
    text_el,
    vlines,
    xml_attr,
    xml_text,
)
from model.render.gantt.svg_row import row_svg


def to_svg(ch: Chart, zoom: Zoom = Zoom.MONTH) -> str:
    """The chart as a standalone SVG document (UTF-8 text, no XML declaration needed)."""
    rows_all = entries(ch)
    fr = frame(ch, zoom, rows_all)
    width = fr.width
    title_h = 34
    head_h = 2 * ROW_H
    top = PAD + title_h + head_h
    legend_h = 2 * ROW_H + 8
    body_h = sum(row_height(r) for _, r, _ in rows_all)
    height = top + body_h + legend_h + PAD

    out: list[str] = [svg_open(fr, height)]
    out.append(f"<title>{xml_text(ch.title)}</title>")
    out += defs()
    out.append(BACKGROUND)
    out.append(text_el(PAD, PAD + 16, ch.title, size=16, weight="bold", fill=COLOURS["text"], cls="title"))
    out.append(text_el(width - PAD, PAD + 16, subtitle(ch), anchor="end", fill=COLOURS["muted"], cls="subtitle"))

    # fiscal-year bands and headers
    y_head = PAD + title_h
    out += axis(fr, y_head, head_h + body_h)

    # rows
    y = float(top)
    open_group = False
    for kind, r, t in rows_all:
        if kind == "section":
            out += national_heading(fr, y)
            y += ROW_H
            continue
        if kind == "muni":
            assert t is not None
            if open_group:
                out.append("</g>")
                ch.step()
            out += municipality_heading(fr, t, y)
            open_group = True
            y += ROW_H
            continue
        assert r is not None
        out.append(row_svg(fr, r, y))
        y += row_height(r)
    if open_group:
        out.append("</g>")
        ch.step()

    # vertical lines over everything
    out += vlines(fr, y_head + ROW_H, top + body_h, top + body_h + 12)
    out += legend(fr, top + body_h + ROW_H + 8)
    out.append("</svg>")
    return "\n".join(out) + "\n"


__all__ = ["COLOURS", "FONT_FAMILY", "MONTH_W", "SEVERITY_FILL", "to_svg", "xml_attr", "xml_text"]
