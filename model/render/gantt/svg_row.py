"""One row of a Gantt SVG (a national lane, a phase or a business line): its label and date,
its bars (planned, uncertain, done, vendor, baseline), its marks and their labels, its slack;
drawn in the frame of :mod:`.parts`."""

from __future__ import annotations

from collections.abc import Callable

from model.core.dates import Month, render_month
from model.core.severity import Severity
from model.render.gantt.cells import fit
from model.render.gantt.layout import Row
from model.render.gantt.parts import (
    COLOURS,
    FONT,
    PAD,
    ROW_H,
    SEVERITY_FILL,
    Frame,
    hatch,
    label_of,
    px_width,
    text_el,
    xml_attr,
    xml_text,
)


def row_svg(fr: Frame, r: Row, y: float) -> str:
    """One row's group at ``y``."""
    return _row_svg(r, y, fr.mx, fr.x0, fr.x0 + fr.chart_w, fr.mw, fr.lang, label_of(r, fr.lang))


def _bar_colour(row: Row, kind: str) -> str:
    if kind in ("work", "uncertain", "done") and row.severity:
        return SEVERITY_FILL[row.severity]
    if kind == "uncertain":
        return COLOURS["work"]
    return COLOURS.get(kind, COLOURS["work"])


def _row_svg(
    r: Row, y: float, mx: Callable[[Month], float], x0: float, chart_right: float, mw: float, lang: str, label: str
) -> str:
    cls = "lane" if r.national else ("phase" if r.kind == "phase" else "business")
    attrs = f'class="{cls}" data-row={xml_attr(r.id)}'
    if r.phase:
        attrs += f" data-phase={xml_attr(r.phase)}"
    if r.business:
        attrs += f" data-business={xml_attr(r.business)}"
    if r.severity:
        attrs += f' data-severity="{r.severity}"'
    if r.slack is not None:
        attrs += f' data-slack="{r.slack}"'
    parts = [f"<g {attrs}>"]
    fill = COLOURS["muted"] if r.national else COLOURS["text"]
    parts.append(text_el(PAD, y + 13, label, fill=fill, cls="label"))
    if not r.national:
        date = "—" if r.na else (r.date_text or "?")
        parts.append(
            text_el(
                x0 - 8,
                y + 13,
                date,
                anchor="end",
                fill=SEVERITY_FILL[r.severity] if r.severity else COLOURS["muted"],
                cls="date",
            )
        )
    for s in r.spans:
        xa, xb = mx(s.lo), mx(s.hi + 1)
        c = _bar_colour(r, s.kind)
        if s.kind == "baseline":  # an older plan's phase (plans gantt --baseline): a thin bar under the bar
            parts.append(
                f'<rect class="bar baseline" data-from="{render_month(s.lo)}" data-to="{render_month(s.hi)}" x="{xa:.1f}" y="{y + ROW_H - 3:.1f}" width="{max(xb - xa, 1):.1f}" height="2" fill="{COLOURS["muted"]}"/>'
            )
            continue
        if s.kind == "available":
            parts.append(
                f'<line class="bar available" x1="{xa:.1f}" y1="{y + 9:.1f}" x2="{xb:.1f}" y2="{y + 9:.1f}" stroke="{c}" stroke-width="2"/>'
            )
            continue
        fill = hatch(c) if s.kind == "uncertain" else c
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
            f'<polygon class="mark {m.kind}" data-id={xml_attr(m.id)} points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}" fill="{c}"><title>{xml_text(m.text(lang))}</title></polygon>'
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
                parts.append(
                    text_el(
                        mx(m.month) + mw / 2 + 7,
                        ly,
                        fit(name, cells).rstrip(),
                        size=9,
                        fill=COLOURS["muted"],
                        cls="mark-label",
                    )
                )
    if r.kind == "group":
        spec = next((m for m in r.marks if m.id.startswith("spec.")), None)
        if spec is not None:
            parts.append(
                text_el(
                    mx(spec.month) - 6,
                    y + 13,
                    render_month(spec.month),
                    anchor="end",
                    size=9,
                    fill=COLOURS["muted"],
                    cls="mark-label",
                )
            )
    if r.na and r.anchor is not None and r.date_text:
        # the planner's words where the bar would start, kept inside the chart
        x, right = mx(r.anchor), chart_right
        if x + px_width(r.date_text) * 10 / FONT > right:
            parts.append(text_el(right, y + 13, r.date_text, anchor="end", size=10, fill=COLOURS["muted"], cls="na"))
        else:
            parts.append(text_el(x, y + 13, r.date_text, size=10, fill=COLOURS["muted"], cls="na"))
    end = r.end
    if end is not None and r.slack is not None:
        c = SEVERITY_FILL[Severity.ERROR] if r.slack < 0 else COLOURS["muted"]
        parts.append(text_el(mx(end + 1) + 4, y + 13, f"{r.slack:+d}", size=10, fill=c, cls="slack"))
    parts.append("</g>")
    return "".join(parts)
