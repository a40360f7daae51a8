"""A Gantt picture as an HTML page for printing: the title and the SVG inline, A3 landscape."""

from __future__ import annotations

from model.render.gantt.chart import Chart
from model.render.gantt.layout import Zoom
from model.render.gantt.svg import FONT_FAMILY, to_svg, xml_text


def to_html(ch: Chart, zoom: Zoom = Zoom.MONTH) -> str:
    lang = "en" if ch.lang == "en" else "ja"
    svg = to_svg(ch, zoom)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{xml_text(ch.title)}</title>\n"
        "<style>\n"
        f"  body {{ font-family: {FONT_FAMILY}; margin: 16px; color: #1d232b; }}\n"
        "  h1 { font-size: 18px; margin: 0 0 8px; }\n"
        "  .chart { overflow-x: auto; }\n"
        "  @page { size: A3 landscape; margin: 10mm; }\n"
        "  @media print { .chart { overflow: visible; } svg { max-width: 100%; height: auto; } }\n"
        "</style>\n</head>\n<body>\n"
        f"<h1>{xml_text(ch.title)}</h1>\n"
        f'<div class="chart">\n{svg}</div>\n'
        "</body>\n</html>\n"
    )


__all__ = ["to_html"]
