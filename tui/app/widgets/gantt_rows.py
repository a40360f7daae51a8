"""Which rows the Gantt draws and at which zoom: the national lanes that fit, the zoom that
fits the whole span (:func:`fit_zoom`), and a proposal's bars as ghost rows under the phases
they move (:func:`ghost_rows`, the re-plan preview)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from model.core.words import Words
from model.render.gantt import GanttLayout, Row, Zoom
from tui.app.widgets.gantt_strips import HEADER_ROWS, LABEL_MAX, LABEL_MIN

LABEL_FIT_MIN = 26  # a finer zoom fits when it leaves the labels this many cells (or all they need)
FIT_ORDER = (Zoom.MONTH, Zoom.QUARTER, Zoom.YEAR)
GHOST = Words("→ 修正案", "→ proposed")


def fit_zoom(chart: GanttLayout, widest: int, width: int) -> tuple[Zoom, int]:
    """(zoom, label cells) showing ``chart``'s whole span in ``width`` cells: the finest zoom
    that leaves the labels what they need (at least ``LABEL_FIT_MIN``), else the coarsest
    with the labels in the rest."""
    label = max(LABEL_MIN, min(LABEL_MAX, widest))
    for z in FIT_ORDER:
        room = width - chart.scale(z).width
        if room >= min(label, LABEL_FIT_MIN):
            return z, min(label, room)
    return Zoom.YEAR, max(LABEL_MIN, min(label, width - chart.scale(Zoom.YEAR).width))


def national_mode(chart: GanttLayout, expanded: set[str], height: int, *, extra: int = 0) -> str:
    """The ``auto`` national lanes for a view ``height`` lines high (0: not laid out yet):
    every lane when they fit with the phases (and ``extra`` rows), else the spec groups merged
    into one row, else none: the phases come first."""
    if not height:
        return "full"
    fits = [m for m in ("full", "compact") if len(chart.rows(expanded, national=m)) + extra + HEADER_ROWS <= height]
    return fits[0] if fits else "off"


def ghost_rows(rows: Iterable[Row], ghost: GanttLayout | None) -> list[Row]:
    """``rows`` with, under each phase or business row whose bar ``ghost`` draws elsewhere,
    that bar as a ghost row (kind ``ghost``, no phase: it is not selected or clicked)."""
    rows = list(rows)
    if ghost is None:
        return rows
    proposed = {r.id: r for r in ghost.rows(True, national=False)}
    out: list[Row] = []
    for r in rows:
        out.append(r)
        g = proposed.get(r.id)
        if r.phase is not None and g is not None and (g.spans, g.date_text) != (r.spans, r.date_text):
            out.append(
                replace(
                    g,
                    id=f"ghost.{r.id}",
                    kind="ghost",
                    label=GHOST,
                    phase=None,
                    business=None,
                    children=0,
                    depth=r.depth,
                )
            )
    return out
