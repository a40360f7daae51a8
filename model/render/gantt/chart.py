"""What one Gantt picture shows (SVG, HTML or text): the national lanes once, then a block
per municipality, on one month axis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from model.core.dates import Month, render_month
from model.core.words import Words
from model.render.gantt.layout import GanttLayout, VLine


@dataclass(frozen=True, slots=True)
class Chart:
    """The national lanes (from the first layout, or a national-only layout) and the
    municipalities' layouts, on a shared month axis.

    The axis (:attr:`start`, :attr:`end`) and the vertical lines are worked out once when
    the chart is made: a picture reads them for every row, and recomputing them over every
    municipality made a 2,000-plan picture quadratic."""

    national: GanttLayout
    plans: tuple[GanttLayout, ...]
    title: str
    lang: str = "ja"
    on_plan: Callable[[], None] | None = field(
        default=None, compare=False, repr=False
    )  # per municipality drawn (a progress bar)
    start: Month = field(init=False)
    end: Month = field(init=False)
    _lines: tuple[VLine, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        layouts = (self.national, *self.plans)
        object.__setattr__(self, "start", min(t.start for t in layouts))
        object.__setattr__(self, "end", max(t.end for t in layouts))
        object.__setattr__(self, "_lines", _distinct_lines(layouts))

    def step(self) -> None:
        """A picture has drawn one more municipality (writers call it for a progress bar)."""
        if self.on_plan is not None:
            self.on_plan()

    def lines(self) -> list[VLine]:
        """Every distinct vertical line of the charts (deadline, extended deadlines, evaluation)."""
        return list(self._lines)


def _distinct_lines(layouts: Sequence[GanttLayout]) -> tuple[VLine, ...]:
    seen: dict[tuple[int, str], VLine] = {}
    for t in layouts:
        for ln in t.lines:
            key = (ln.month, ln.kind)
            if key in seen and ln.kind == "extended" and ln.label != seen[key].label:
                # several municipalities extend to the same month: one line, a general label
                ln = VLine(
                    ln.month,
                    "extended",
                    Words(f"延長期限 {render_month(ln.month)}", f"extended deadline {render_month(ln.month)}"),
                )
            seen[key] = ln
    return tuple(sorted(seen.values(), key=lambda v: (v.month, v.kind)))


def chart(
    national: GanttLayout,
    plans: Sequence[GanttLayout],
    lang: str = "ja",
    title: str | None = None,
    *,
    on_plan: Callable[[], None] | None = None,
) -> Chart:
    if title is None:
        names = (
            "・".join(t.municipality or "" for t in plans)
            if len(plans) <= 3
            else (f"{len(plans)}市町" if lang != "en" else f"{len(plans)} municipalities")
        )
        if lang == "en":
            title = f"Migration to standard-compliant systems: {names}" if plans else "National timeline"
        else:
            title = f"標準準拠システム移行計画 — {names}" if plans else "国の標準化スケジュール"
    return Chart(national, tuple(plans), title, lang, on_plan)


__all__ = ["Chart", "chart"]
