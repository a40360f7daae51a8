"""A Gantt picture as an HTML page for printing on A3 landscape (a meeting handout).

What a printed handout needs, and how the page does it in CSS paged media (checked by printing
with headless Chromium, ``tests/test_gantt_handout.py``):

- the title once, on page 1, above the legend (a ``<h1>``; the pictures carry no title);
- the fiscal-year axis on every page: the axis is the table's ``<thead>``, which a browser
  repeats at the top of each printed page (and keeps in view on screen, ``position: sticky``);
- each municipality's block whole: a ``<tbody class="block">`` per municipality (and one for
  the national lanes) with ``break-inside: avoid``, holding its own SVG (the same width and
  month → x as the axis, :class:`~model.render.gantt.parts.Frame`, so the columns line up)
  and, under it, the municipality's findings in the handout's language, worst first, at most
  :data:`FINDINGS_SHOWN` of them.

The page's own boxes in the top and bottom margins (an empty one, the page number) also keep
Chromium from printing its header and footer there (the date, the title a second time, the
file's URL) when its "Headers and footers" option is on.

A block taller than a page (a municipality with many business rows) cannot be kept whole;
the browser then breaks it where it must.
"""

from __future__ import annotations

from model.checks.finding import Finding
from model.core.words import Words
from model.render.gantt.chart import Chart
from model.render.gantt.layout import GanttLayout, Row, Zoom
from model.render.gantt.parts import (
    BACKGROUND,
    FONT_FAMILY,
    PAD,
    ROW_H,
    SEVERITY_FILL,
    Frame,
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
    vlines,
    xml_attr,
    xml_text,
)
from model.render.gantt.svg_row import row_svg

FINDINGS_SHOWN = 50
"""A municipality's findings listed under its block before the rest is counted (as the text
lint report caps a file's)."""

FINDINGS = Words("指摘 {count:,} 件", "Findings ({count:,})")
NO_FINDINGS = Words("指摘はありません", "No findings")
REST = Words(
    "… ほか {count:,} 件(すべて見るには plans lint --format json)",
    "… and {count:,} more (all of them: plans lint --format json)",
)

AXIS_H = 3 * ROW_H  # fiscal years, months, the vertical lines' labels
LEGEND_H = ROW_H + 8

STYLE = """\
  @page {
    size: A3 landscape; margin: 10mm;
    @top-right { content: ""; }
    @bottom-right { content: counter(page) " / " counter(pages); font-size: 9px; color: #5f6b7a; }
  }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: FONTS; margin: 16px; color: #1d232b; }
  h1 { font-size: 18px; margin: 0 0 2px; padding-left: PADpx; }
  .subtitle { font-size: 12px; color: #5f6b7a; margin: 0 0 4px; padding-left: PADpx; }
  svg { display: block; }
  table.handout { border-collapse: collapse; }
  table.handout th, table.handout td { padding: 0; text-align: left; font-weight: normal; vertical-align: top; }
  thead { display: table-header-group; background: #ffffff; }
  tbody.block, tbody.block tr { break-inside: avoid; page-break-inside: avoid; }
  .findings { font-size: 12px; margin: 2px 0 10px PADpx; }
  .findings h2 { font-size: 12px; margin: 0 0 2px; }
  .findings ul { list-style: none; margin: 0; padding: 0; }
  .findings li { margin: 0 0 1px; padding-left: 1.2em; text-indent: -1.2em; }
  .findings .code, .findings .place { color: #5f6b7a; }
  .findings .place { font-size: 11px; white-space: nowrap; }
  .severity.error { color: SEV_ERROR; } .severity.warning { color: SEV_WARNING; } .severity.info { color: SEV_INFO; }
  .none { color: #5f6b7a; }
  @media screen { thead { position: sticky; top: 0; } }
  @media print {
    body { margin: 0; }
    table.handout { width: 100%; table-layout: fixed; }
    svg { max-width: 100%; height: auto; }
  }
"""


def _style() -> str:
    out = STYLE.replace("FONTS", FONT_FAMILY).replace("PADpx", f"{PAD}px")
    for sev, colour in SEVERITY_FILL.items():
        out = out.replace(f"SEV_{sev.upper()}", colour)
    return out


def to_html(ch: Chart, zoom: Zoom = Zoom.MONTH) -> str:
    """The handout page: title, legend, then a table whose header is the axis and whose
    bodies are the national lanes and one block per municipality."""
    lang = "en" if ch.lang == "en" else "ja"
    rows_all = entries(ch)
    fr = frame(ch, zoom, rows_all)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head>\n<meta charset="utf-8" />',
        f"<title>{xml_text(ch.title)}</title>",
        f"<style>\n{_style()}</style>\n</head>",
        "<body>",
        # the hatch patterns once for every picture of the page (ids are the document's)
        '<svg width="0" height="0" style="position: absolute" aria-hidden="true">',
        *defs(),
        "</svg>",
        '<header class="title">',
        f"<h1>{xml_text(ch.title)}</h1>",
        f'<p class="subtitle">{xml_text(subtitle(ch))}</p>',
        svg_open(fr, LEGEND_H, "legend"),
        *legend(fr, 4),
        "</svg>",
        "</header>",
        '<table class="handout">',
        '<thead><tr><th class="axis">',
        svg_open(fr, AXIS_H, "axis"),
        BACKGROUND,
        *axis(fr, 0, AXIS_H),
        *vlines(fr, ROW_H, AXIS_H, 2 * ROW_H + 13),
        "</svg>",
        "</th></tr></thead>",
        '<tbody class="block national"><tr><td>',
        *_national_block(fr, [r for _, r, t in rows_all if r is not None and t is ch.national]),
        "</td></tr></tbody>",
    ]
    for t in ch.plans:
        out.append(
            f'<tbody class="block municipality" data-municipality={xml_attr(t.municipality or "")} data-file={xml_attr(t.file or "")}><tr><td>'
        )
        out += _municipality_block(fr, t)
        out += _findings(t.findings, lang)
        out.append("</td></tr></tbody>")
        ch.step()
    out += ["</table>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _picture(fr: Frame, h: float, body: list[str]) -> list[str]:
    """One block's SVG: the year bands and the vertical lines around ``body``, no labels
    (they are in the axis)."""
    return [
        svg_open(fr, h, "block"),
        BACKGROUND,
        *axis(fr, 0, h, labels=False, cls="bands"),
        *body,
        *vlines(fr, 0, h, None),
        "</svg>",
    ]


def _national_block(fr: Frame, rows: list[Row]) -> list[str]:
    body = national_heading(fr, 0)
    y = float(ROW_H)
    for r in rows:
        body.append(row_svg(fr, r, y))
        y += row_height(r)
    return _picture(fr, y, body)


def _municipality_block(fr: Frame, t: GanttLayout) -> list[str]:
    body = municipality_heading(fr, t, 0)
    y = float(ROW_H)
    for r in t.rows(True, national=False):
        body.append(row_svg(fr, r, y))
        y += row_height(r)
    body.append("</g>")
    return _picture(fr, y + 2, body)


def _findings(findings: tuple[Finding, ...], lang: str) -> list[str]:
    """The findings under a block, worst first (then certain before possible, then by place)."""
    if not findings:
        return [f'<div class="findings"><p class="none">{NO_FINDINGS(lang)}</p></div>']
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, not f.certain, f.sort_key()))
    out = ['<div class="findings">', f"<h2>{FINDINGS.format(count=len(findings))(lang)}</h2>", "<ul>"]
    for f in ordered[:FINDINGS_SHOWN]:
        attrs = f'class="finding" data-code={xml_attr(f.code)} data-severity="{f.severity}"'
        if f.phase:
            attrs += f" data-phase={xml_attr(f.phase)}"
        if f.business:
            attrs += f" data-business={xml_attr(f.business)}"
        out.append(
            f'<li {attrs}><span class="severity {f.severity}">{f.severity.icon} {f.severity.label(lang)}</span> '
            f'<span class="code">{xml_text(f.code)}</span> {xml_text(f.message(lang))} '
            f'<span class="place">{xml_text(f.place.file if not f.place.line else f"{f.place.file}:{f.place.line}")}</span></li>'
        )
    if len(ordered) > FINDINGS_SHOWN:
        out.append(f'<li class="rest">{REST.format(count=len(ordered) - FINDINGS_SHOWN)(lang)}</li>')
    out += ["</ul>", "</div>"]
    return out


__all__ = ["FINDINGS_SHOWN", "to_html"]
