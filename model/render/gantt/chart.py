"""What one Gantt picture shows (SVG, HTML or text): the national lanes once, then a block
per municipality, on one month axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.core.dates import Month, render_month
from model.core.words import Words
from model.render.gantt.layout import GanttLayout, VLine


@dataclass(frozen=True, slots=True)
class Chart:
    """The national lanes (from the first layout, or a national-only layout) and the
    municipalities' layouts, on a shared month axis."""

    national: GanttLayout
    plans: tuple[GanttLayout, ...]
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
                    ln = VLine(ln.month, "extended", Words(f"延長期限 {render_month(ln.month)}", f"extended deadline {render_month(ln.month)}"))
                seen[key] = ln
        return sorted(seen.values(), key=lambda v: (v.month, v.kind))


def chart(national: GanttLayout, plans: Sequence[GanttLayout], lang: str = "ja", title: str | None = None) -> Chart:
    if title is None:
        names = "・".join(t.municipality or "" for t in plans) if len(plans) <= 3 else (f"{len(plans)}市町" if lang != "en" else f"{len(plans)} municipalities")
        if lang == "en":
            title = f"Migration to standard-compliant systems: {names}" if plans else "National timeline"
        else:
            title = f"標準準拠システム移行計画 — {names}" if plans else "国の標準化スケジュール"
    return Chart(national, tuple(plans), title, lang)


__all__ = ["Chart", "chart"]
