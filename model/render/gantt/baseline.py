"""Baseline bars, as MS Project shows a baseline: an older plan's phases drawn as thin bars
under the current plan's (``plans gantt --baseline OLD``, svg and html). Each phase and
business row of the current layout gets one ``baseline`` span, the older layout's row of the
same id from its first to its last month; a row the older plan lacks gets none."""

from __future__ import annotations

from dataclasses import replace

from model.render.gantt.layout import GanttLayout, Row, Span

KIND = "baseline"


def _old_span(old: Row | None) -> Span | None:
    spans = [s for s in old.spans if s.kind != "available"] if old is not None else []
    return Span(min(s.lo for s in spans), max(s.hi for s in spans), KIND) if spans else None


def with_baseline(now: GanttLayout, old: GanttLayout) -> GanttLayout:
    """``now`` with the baseline span of each row that ``old`` has (same row id)."""
    rows = {r.id: r for r in (*old.phases, *(b for bs in old.businesses.values() for b in bs))}

    def one(r: Row) -> Row:
        s = _old_span(rows.get(r.id))
        return replace(r, spans=(*r.spans, s)) if s is not None else r

    return replace(
        now,
        phases=tuple(one(r) for r in now.phases),
        businesses={k: tuple(one(r) for r in v) for k, v in now.businesses.items()},
    )


__all__ = ["KIND", "with_baseline"]
