"""Gantt pictures for meeting handouts: SVG, HTML (the SVG with a title) and plain text.

Pure: strings from :mod:`model.render.gantt_layout` layouts, no terminal and no files (the ``plans gantt``
command writes them). One chart holds the national lanes once, then a block per municipality
(its six phases and every per-business row), on one month axis grouped by fiscal year.

The SVG is written by hand rather than with a plotting library: a handout needs exact control
of Japanese text, the uncertain-span hatching and stable element attributes for tests, and
the markup is small. Every element a reader checks carries data attributes:
``<g class="municipality" data-municipality="宇部市">``, ``<g class="lane" data-row="group.jumin">``
and ``<rect class="bar work|uncertain|done|…" data-row= data-phase= data-business=>``. Text is
escaped; the font family names CJK fonts (Noto Sans CJK JP, IPAexGothic, Hiragino Sans, …).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from model.core.dates import Month, render_month, ym
from model.render.gantt_layout import (
    GLYPH,
    Row,
    Scale,
    Timeline,
    VLine,
    Zoom,
    cells_text,
    char_width,
    fit,
    paint,
    text_width,
)

FONT_FAMILY = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', 'Meiryo', sans-serif"

COLOURS = {
    "work": "#1f6fd1",
    "done": "#2e7d32",
    "pilot": "#8aa4c8",
    "vendor": "#8aa4c8",
    "available": "#8aa4c8",
    "mark": "#e08a00",
    "ready": "#5d7fae",
    "error": "#c62828",
    "warning": "#ef8f00",
    "info": "#0288d1",
    "deadline": "#c62828",
    "extended": "#ef8f00",
    "evaluation": "#00897b",
    "grid": "#d9dde3",
    "band": "#f3f5f8",
    "text": "#1d232b",
    "muted": "#5f6b7a",
}
SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


@dataclass(frozen=True, slots=True)
class Chart:
    """What one picture shows: the national lanes (from the first timeline, or a national-only
    timeline), the municipalities' timelines, on a shared month axis."""

    national: Timeline
    plans: tuple[Timeline, ...]
    title: str
    lang: str = "ja"

    @property
    def start(self) -> Month:
        return min(t.start for t in (self.national, *self.plans))

    @property
    def end(self) -> Month:
        return max(t.end for t in (self.national, *self.plans))

    def lines(self) -> list[VLine]:
        """Every distinct vertical line of the charts (deadline, extended deadlines, evaluation)."""
        seen: dict[tuple[int, str], VLine] = {}
        for t in (self.national, *self.plans):
            for ln in t.lines:
                key = (ln.month, ln.kind)
                if key in seen and ln.kind == "extended" and ln.label != seen[key].label:
                    # several municipalities extend to the same month: one line, a general label
                    ln = VLine(ln.month, "extended", f"延長期限 {render_month(ln.month)}", f"extended deadline {render_month(ln.month)}")
                seen[key] = ln
        return sorted(seen.values(), key=lambda v: (v.month, v.kind))


def chart(national: Timeline, plans: Sequence[Timeline], lang: str = "ja", title: str | None = None) -> Chart:
    if title is None:
        names = "・".join(t.municipality or "" for t in plans) if len(plans) <= 3 else (f"{len(plans)}市町" if lang != "en" else f"{len(plans)} municipalities")
        if lang == "en":
            title = f"Migration to standard-compliant systems: {names}" if plans else "National timeline"
        else:
            title = f"標準準拠システム移行計画 — {names}" if plans else "国の標準化スケジュール"
    return Chart(national, tuple(plans), title, lang)


# -- SVG ---------------------------------------------------------------------------------------

FONT = 11  # px
ROW_H = 18
MONTH_W = {Zoom.MONTH: 12.0, Zoom.QUARTER: 6.0, Zoom.YEAR: 3.0}  # px per month
PAD = 16


def _px(text: str) -> float:
    """Approximate rendered width of ``text`` at :data:`FONT` px: a wide (CJK) character is
    one em, a narrow one about half (the picture only needs it to size the label column)."""
    return text_width(text) * FONT * 0.6


def _t(x: float, y: float, text: str, *, cls: str = "", anchor: str = "start", size: int = FONT, weight: str = "", fill: str = "") -> str:
    attrs = [f'x="{x:.1f}"', f'y="{y:.1f}"', f'font-size="{size}"']
    if cls:
        attrs.append(f'class="{cls}"')
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if weight:
        attrs.append(f'font-weight="{weight}"')
    if fill:
        attrs.append(f'fill="{fill}"')
    return f"<text {' '.join(attrs)}>{escape(text)}</text>"


def _bar_colour(row: Row, kind: str) -> str:
    if kind in ("work", "uncertain", "done") and row.severity:
        return COLOURS[row.severity]
    if kind == "uncertain":
        return COLOURS["work"]
    return COLOURS.get(kind, COLOURS["work"])


def to_svg(ch: Chart, zoom: Zoom = Zoom.MONTH) -> str:
    """The chart as a standalone SVG document (UTF-8 text, no XML declaration needed)."""
    lang = ch.lang
    en = lang == "en"
    scale = Scale(ch.start, ch.end, zoom, margin=0)
    mw = MONTH_W[zoom]
    months = ch.end - ch.start + 1
    rows_all: list[tuple[str, Row | None, Timeline | None]] = [("section", None, None)]
    rows_all += [("row", r, ch.national) for r in ch.national.national]
    for t in ch.plans:
        rows_all.append(("muni", None, t))
        rows_all += [("row", r, t) for r in t.rows(True, national=False)]

    def label_of(r: Row) -> str:
        return ("    " if r.depth else "") + r.text(lang)

    label_w = max([_px(label_of(r)) for kind, r, _ in rows_all if r is not None] + [_px(t.municipality or "") + 20 for t in ch.plans] + [120]) + 12
    date_w = max([_px(r.date_text) for kind, r, _ in rows_all if r is not None and not r.na] + [30]) + 14
    x0 = PAD + label_w + date_w
    chart_w = months * mw
    width = max(x0 + chart_w + 60, _legend_width(en) + 2 * PAD)
    title_h = 34
    head_h = 2 * ROW_H
    top = PAD + title_h + head_h
    legend_h = 2 * ROW_H + 8
    body_h = sum(_height(r) for _, r, _ in rows_all)
    height = top + body_h + legend_h + PAD

    def mx(m: Month) -> float:
        return x0 + (m - ch.start) * mw

    out: list[str] = []
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family={quoteattr(FONT_FAMILY)} lang="{"en" if en else "ja"}" data-start="{render_month(ch.start)}" data-end="{render_month(ch.end)}">'
    )
    out.append(f"<title>{escape(ch.title)}</title>")
    # hatch patterns for uncertain spans, one per colour in use
    colours = {COLOURS["work"], *(COLOURS[s] for s in ("error", "warning", "info"))}
    out.append("<defs>")
    for c in sorted(colours):
        out.append(
            f'<pattern id="hatch-{c[1:]}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{c}" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="6" stroke="{c}" stroke-width="2.4"/></pattern>'
        )
    out.append("</defs>")
    out.append('<rect width="100%" height="100%" fill="#ffffff"/>')
    out.append(_t(PAD, PAD + 16, ch.title, size=16, weight="bold", fill=COLOURS["text"], cls="title"))
    ev = next((ln for ln in ch.lines() if ln.kind == "evaluation"), None)
    sub = []
    if ev is not None:
        sub.append(ln_text(ev, lang))
    sub.append(ln_text(next(ln for ln in ch.lines() if ln.kind == "deadline"), lang))
    out.append(_t(width - PAD, PAD + 16, "  ".join(sub), anchor="end", fill=COLOURS["muted"], cls="subtitle"))

    # fiscal-year bands and headers
    y_head = PAD + title_h
    out.append('<g class="axis">')
    for i, h in enumerate(scale.years(lang)):
        lo = ch.start + (h.col // scale.cells) * scale.unit
        fy_lo = lo
        fy_hi = min(fy_lo + 11, ch.end)
        x_a, x_b = mx(fy_lo), mx(fy_hi + 1)
        if i % 2 == 0:
            out.append(f'<rect class="band" x="{x_a:.1f}" y="{y_head:.1f}" width="{x_b - x_a:.1f}" height="{head_h + body_h:.1f}" fill="{COLOURS["band"]}"/>')
        out.append(f'<line x1="{x_a:.1f}" y1="{y_head:.1f}" x2="{x_a:.1f}" y2="{top + body_h:.1f}" stroke="{COLOURS["grid"]}"/>')
        label = h.label if not h.label.endswith("年度") or (x_b - x_a) >= _px(h.label) + 4 else h.label[:-2]
        out.append(_t((x_a + x_b) / 2, y_head + 13, label, anchor="middle", weight="bold", fill=COLOURS["text"], cls="fy"))
    if zoom is not Zoom.YEAR:
        m = ch.start
        while m <= ch.end:
            mo = ym(m)[1]
            if zoom is Zoom.MONTH or (m - ch.start) % 3 == 0:
                label = str(mo) if zoom is Zoom.MONTH else f"Q{((mo - 4) % 12) // 3 + 1}"
                span = 1 if zoom is Zoom.MONTH else 3
                out.append(_t(mx(m) + span * mw / 2, y_head + ROW_H + 12, label, anchor="middle", size=8 if zoom is Zoom.MONTH else 9, fill=COLOURS["muted"], cls="unit"))
            m += 1
    out.append("</g>")

    # rows
    y = top
    open_group = False
    for kind, r, t in rows_all:
        if kind == "section":
            out.append('<g class="section national">')
            out.append(_t(PAD, y + 13, "国の動き・標準仕様書・ガバメントクラウド" if not en else "National timeline", weight="bold", fill=COLOURS["text"]))
            out.append("</g>")
            y += ROW_H
            continue
        if kind == "muni":
            assert t is not None
            if open_group:
                out.append("</g>")
            worst = _worst_of(t)
            out.append(f'<g class="municipality" data-municipality={quoteattr(t.municipality or "")} data-file={quoteattr(t.file or "")}>')
            open_group = True
            out.append(f'<line x1="{PAD}" y1="{y:.1f}" x2="{x0 + chart_w:.1f}" y2="{y:.1f}" stroke="{COLOURS["muted"]}" stroke-width="0.8"/>')
            out.append(_t(PAD, y + 13, t.municipality or "", weight="bold", size=12, fill=COLOURS["text"], cls="muni-name"))
            if worst:
                sev_txt = worst if en else SEVERITY_JA[worst]
                out.append(_t(PAD + _px(t.municipality or "") * 12 / FONT + 10, y + 13, f"● {sev_txt}", fill=COLOURS[worst], cls="muni-worst"))
            y += ROW_H
            continue
        assert r is not None
        out.append(_row_svg(r, y, mx, x0, x0 + chart_w, mw, lang, label_of(r)))
        y += _height(r)
    if open_group:
        out.append("</g>")

    # vertical lines over everything
    out.append('<g class="lines">')
    for ln in ch.lines():
        x = mx(ln.month) + (mw if ln.edge == "end" else 0)
        dash = "" if ln.kind == "deadline" else ' stroke-dasharray="4 3"'
        width_px = 2 if ln.kind == "deadline" else 1.2
        out.append(
            f'<g class="vline {ln.kind}" data-kind="{ln.kind}" data-month="{render_month(ln.month)}">'
            f'<line x1="{x:.1f}" y1="{y_head + ROW_H:.1f}" x2="{x:.1f}" y2="{top + body_h:.1f}" stroke="{COLOURS[ln.kind]}" stroke-width="{width_px}"{dash}/>'
            + (
                _t(x + 3, top + body_h + 12, ln_text(ln, lang), fill=COLOURS[ln.kind], size=10)
                if x + 3 + _px(ln_text(ln, lang)) < width - PAD
                else _t(x - 3, top + body_h + 12, ln_text(ln, lang), anchor="end", fill=COLOURS[ln.kind], size=10)
            )
            + "</g>"
        )
    out.append("</g>")

    # legend
    ly = top + body_h + ROW_H + 8
    out.append('<g class="legend">')
    lx = PAD
    for k, text in _legend_items(en):
        fill = f"url(#hatch-{COLOURS['work'][1:]})" if k == "uncertain" else COLOURS[k]
        out.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="18" height="10" fill="{fill}"/>')
        out.append(_t(lx + 22, ly + 9, text, size=10, fill=COLOURS["text"]))
        lx += 22 + _px(text) * 10 / FONT + 18
    out.append(_t(lx, ly + 9, _slack_note(en), size=10, fill=COLOURS["muted"]))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def ln_text(ln: VLine, lang: str) -> str:
    return ln.text(lang)


def _legend_items(en: bool) -> list[tuple[str, str]]:
    return [
        ("work", "計画(完了月まで)" if not en else "planned (to the completion month)"),
        ("uncertain", "年度のみの完了予定(12か月の幅)" if not en else "year-only completion (any of 12 months)"),
        ("done", "完了" if not en else "done"),
        ("vendor", "ベンダのパッケージ開発(作業仮定)" if not en else "vendor development (assumed)"),
        ("error", "エラーのあるフェーズ" if not en else "phase with an error"),
        ("warning", "警告のあるフェーズ" if not en else "phase with a warning"),
    ]


def _slack_note(en: bool) -> str:
    return "+n / −n: 期限までの余裕(か月)" if not en else "+n / −n: slack to the deadline (months)"


def _legend_width(en: bool) -> float:
    return sum(22 + _px(text) * 10 / FONT + 18 for _, text in _legend_items(en)) + _px(_slack_note(en)) * 10 / FONT


def _height(r: Row | None) -> int:
    return 2 * ROW_H if r is not None and r.kind == "policy" else ROW_H


def _worst_of(t: Timeline) -> str | None:
    order = {"error": 3, "warning": 2, "info": 1}
    sevs = [r.severity for r in t.rows(True, national=False) if r.severity]
    return max(sevs, key=order.__getitem__) if sevs else None


def _row_svg(r: Row, y: float, mx: Callable[[Month], float], x0: float, chart_right: float, mw: float, lang: str, label: str) -> str:
    cls = "lane" if r.national else ("phase" if r.kind == "phase" else "business")
    attrs = f'class="{cls}" data-row={quoteattr(r.id)}'
    if r.phase:
        attrs += f" data-phase={quoteattr(r.phase)}"
    if r.business:
        attrs += f" data-business={quoteattr(r.business)}"
    if r.severity:
        attrs += f' data-severity="{r.severity}"'
    if r.slack is not None:
        attrs += f' data-slack="{r.slack}"'
    parts = [f"<g {attrs}>"]
    fill = COLOURS["muted"] if r.national else COLOURS["text"]
    parts.append(_t(PAD, y + 13, label, fill=fill, cls="label"))
    if not r.national:
        date = "—" if r.na else (r.date_text or "?")
        parts.append(_t(x0 - 8, y + 13, date, anchor="end", fill=COLOURS[r.severity] if r.severity else COLOURS["muted"], cls="date"))
    for s in r.spans:
        xa, xb = mx(s.lo), mx(s.hi + 1)
        c = _bar_colour(r, s.kind)
        if s.kind == "available":
            parts.append(f'<line class="bar available" x1="{xa:.1f}" y1="{y + 9:.1f}" x2="{xb:.1f}" y2="{y + 9:.1f}" stroke="{c}" stroke-width="2"/>')
            continue
        fill = f"url(#hatch-{c[1:]})" if s.kind == "uncertain" else c
        h = 8 if s.kind in ("vendor", "pilot") else 12
        extra = ' fill-opacity="0.55"' if s.kind in ("vendor", "pilot") else ""
        stroke = f' stroke="{c}" stroke-width="0.8"' if s.kind == "uncertain" else ""
        parts.append(
            f'<rect class="bar {s.kind}" data-from="{render_month(s.lo)}" data-to="{render_month(s.hi)}" x="{xa:.1f}" y="{y + (ROW_H - h) / 2:.1f}" '
            f'width="{max(xb - xa, 1):.1f}" height="{h}" rx="2" fill="{fill}"{extra}{stroke}/>'
        )
    for m in r.marks:
        cx = mx(m.month) + mw / 2
        cy = y + ROW_H / 2
        c = COLOURS["ready"] if m.kind == "ready" else COLOURS["mark"]
        parts.append(
            f'<polygon class="mark {m.kind}" data-id={quoteattr(m.id)} points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}" fill="{c}"><title>{escape(m.text(lang))}</title></polygon>'
        )
    if r.kind == "policy":
        # the lane is two lines high: labels alternate between the marks' line and the one
        # below, each shortened ("…") only where the next label on its line is near
        ms = sorted(r.marks, key=lambda mk: mk.month)
        x_end = mx(ms[-1].month) + 12 * 18 if ms else 0
        for i, m in enumerate(ms):
            # line 1 holds the diamonds: a label there stops at the next mark; line 2 is free
            # up to the next label on it
            step = 1 if i % 2 == 0 else 2
            nxt = mx(ms[i + step].month) if i + step < len(ms) else x_end
            room = nxt - mx(m.month) - 12
            name = m.text(lang).rsplit(" ", 1)[0]
            cells = int(room / (9 * 0.6)) if room > 0 else 0
            if cells >= 4:
                ly = y + 13 if i % 2 == 0 else y + ROW_H + 12
                parts.append(_t(mx(m.month) + mw / 2 + 7, ly, fit(name, cells).rstrip(), size=9, fill=COLOURS["muted"], cls="mark-label"))
    if r.kind == "group":
        spec = next((m for m in r.marks if m.id.startswith("spec.")), None)
        if spec is not None:
            parts.append(_t(mx(spec.month) - 6, y + 13, render_month(spec.month), anchor="end", size=9, fill=COLOURS["muted"], cls="mark-label"))
    if r.na and r.anchor is not None and r.date_text:
        # the planner's words where the bar would start, kept inside the chart
        x, right = mx(r.anchor), chart_right
        if x + _px(r.date_text) * 10 / FONT > right:
            parts.append(_t(right, y + 13, r.date_text, anchor="end", size=10, fill=COLOURS["muted"], cls="na"))
        else:
            parts.append(_t(x, y + 13, r.date_text, size=10, fill=COLOURS["muted"], cls="na"))
    end = r.end
    if end is not None and r.slack is not None:
        c = COLOURS["error"] if r.slack < 0 else COLOURS["muted"]
        parts.append(_t(mx(end + 1) + 4, y + 13, f"{r.slack:+d}", size=10, fill=c, cls="slack"))
    parts.append("</g>")
    return "".join(parts)


# -- HTML --------------------------------------------------------------------------------------


def to_html(ch: Chart, zoom: Zoom = Zoom.MONTH) -> str:
    """A page for printing: the title, the SVG inline, A3 landscape."""
    lang = "en" if ch.lang == "en" else "ja"
    svg = to_svg(ch, zoom)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(ch.title)}</title>\n"
        "<style>\n"
        f"  body {{ font-family: {FONT_FAMILY}; margin: 16px; color: #1d232b; }}\n"
        "  h1 { font-size: 18px; margin: 0 0 8px; }\n"
        "  .chart { overflow-x: auto; }\n"
        "  @page { size: A3 landscape; margin: 10mm; }\n"
        "  @media print { .chart { overflow: visible; } svg { max-width: 100%; height: auto; } }\n"
        "</style>\n</head>\n<body>\n"
        f"<h1>{escape(ch.title)}</h1>\n"
        f'<div class="chart">\n{svg}</div>\n'
        "</body>\n</html>\n"
    )


# -- text --------------------------------------------------------------------------------------


def to_text(ch: Chart, zoom: Zoom = Zoom.QUARTER, width: Callable[[str], int] = char_width, label_cells: int = 30) -> str:
    """A plain-text chart: the glyphs of the terminal view (█ planned, ░ year-only, ▓ done,
    ┃ deadline, ┊ evaluation), a label column with the date as written and the worst finding,
    one block per municipality. ``width`` measures characters (pass ``rich.cells.cell_len``
    where rich is available)."""
    lang = ch.lang
    scale = Scale(ch.start, ch.end, zoom)
    lines = ch.lines()
    out = [ch.title, ""]
    pad = " " * label_cells

    def header() -> list[str]:
        years = [" "] * scale.width
        for h in scale.years(lang):
            _write(years, h.col, fit(h.label, h.width, width).rstrip(), width)
        units = [" "] * scale.width
        for u in scale.units():
            _write(units, u.col, u.label.rjust(u.width), width)
        for ln in lines:
            c = scale.line_col(ln)
            if c is not None and units[c] == " ":
                units[c] = "▼"
        return [pad + "".join(years).rstrip(), pad + "".join(units).rstrip()]

    def row_line(r: Row) -> str:
        sev = {"error": "✖", "warning": "▲", "info": "●"}.get(r.severity or "", " ")
        date = "" if r.national else ("—" if r.na else (r.date_text or "?"))
        name_cells = label_cells - text_width(date, width) - 4
        name = fit(("  " if r.depth else "") + r.text(lang), max(name_cells, 4), width)
        label = f"{name} {sev} {date} " if not r.national else fit(r.text(lang), label_cells, width)
        label = fit(label, label_cells, width)
        return (label + cells_text(paint(r, scale, lines, lang=lang, width=width))).rstrip()

    out += header()
    out += [row_line(r) for r in ch.national.national]
    for t in ch.plans:
        out.append("")
        worst = _worst_of(t)
        tag = f" [{worst if lang == 'en' else SEVERITY_JA[worst]}]" if worst else ""
        out.append(f"■ {t.municipality}{tag}")
        out += [row_line(r) for r in t.rows(True, national=False)]
    out.append("")
    legend = (
        f"{GLYPH['work']} planned  {GLYPH['uncertain']} year-only (12 months)  {GLYPH['done']} done  {GLYPH['vendor']} vendor development  "
        f"{GLYPH['mark']} milestone  {GLYPH['deadline']} deadline  {GLYPH['evaluation']} evaluation  ✖ error ▲ warning ● info  +n slack (months)"
        if lang == "en"
        else f"{GLYPH['work']} 計画  {GLYPH['uncertain']} 年度のみ(12か月の幅)  {GLYPH['done']} 完了  {GLYPH['vendor']} ベンダ開発  "
        f"{GLYPH['mark']} 国の節目  {GLYPH['deadline']} 期限  {GLYPH['evaluation']} 評価日  ✖エラー ▲警告 ●情報  +n 余裕(か月)"
    )
    out.append(legend)
    return "\n".join(out) + "\n"


def _write(buf: list[str], col: int, text: str, width: Callable[[str], int]) -> None:
    """Write ``text`` into a list of cells (a wide character takes its cell and an empty one)."""
    i = col
    for ch in text:
        w = width(ch)
        if w == 0 or i + w > len(buf):
            continue
        buf[i] = ch
        for j in range(1, w):
            buf[i + j] = ""
        i += w


__all__ = ["FONT_FAMILY", "Chart", "chart", "to_html", "to_svg", "to_text"]
