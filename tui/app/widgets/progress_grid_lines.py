"""The progress grid's lines as strips: what ``ProgressGrid`` draws, apart from the widget.

A line is two strips: the fixed part on the left (the business, its 完了率) and the steps
across (a cell per step, a thin line between phases, then 作業中率 and 未着手率), which the
widget crops as it scrolls. Each step cell carries its status twice: a glyph (● ◐ · -) and
a colour (the widget's component classes, ``progress_grid.tcss``), so the grid reads without
colour too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from model.core.printable import printable
from model.core.steps import Step
from model.progress.status import Status
from tui.app.progress_data import Rates, percent
from tui.app.widgets.strip_window import Runs, window

HEADER_ROWS = 2  # the phases, the step numbers
LABEL_MIN, LABEL_MAX = 6, 12  # 12: at 160 columns the steps are two cells wide
RATE_CELLS = 6  # "100.0%"
GLYPHS = {Status.DONE: "●", Status.IN_PROGRESS: "◐", Status.NOT_STARTED: "·", Status.NA: "-"}
PART = {Status.DONE: "done", Status.IN_PROGRESS: "in-progress", Status.NOT_STARTED: "not-started", Status.NA: "na"}
WIDE_FROM = 2  # a step two cells wide when the whole grid fits so


@dataclass(frozen=True, slots=True)
class GridRow:
    """One system (a business of the municipality): its statuses by step (None: no report
    that month) and its rates."""

    business: str
    label: str
    statuses: dict[int, Status] | None
    rates: Rates | None


@dataclass(frozen=True, slots=True)
class Grid:
    """What the grid shows: the steps, the phases' names, one row per business, and the
    headers, in the UI language."""

    steps: tuple[Step, ...]
    phase_names: dict[str, str]
    rows: tuple[GridRow, ...]
    headers: tuple[str, str, str, str]  # business, 完了率, 作業中率, 未着手率
    no_report: str  # the words in a row that has no report


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where everything is: the fixed part's widths, each step's column in the scrolled part
    (``xs``), the phase lines (``seps``), the width of the scrolled part."""

    label_w: int
    rate_w: tuple[int, int, int]
    cw: int
    xs: tuple[int, ...]
    seps: tuple[int, ...]
    width: int

    @property
    def fixed(self) -> int:
        """The fixed part: a blank, the label, a blank, 完了率, a blank."""
        return 1 + self.label_w + 1 + self.rate_w[0] + 1

    @property
    def tail(self) -> int:
        """Where 作業中率 starts in the scrolled part."""
        return (self.xs[-1] + self.cw + 1) if self.xs else 0

    def step_at(self, x: int) -> int | None:
        """The index of the step drawn at column ``x`` of the scrolled part."""
        for i, sx in enumerate(self.xs):
            if sx <= x < sx + self.cw:
                return i
        return None


def geometry(grid: Grid, width: int) -> Geometry:
    """The grid's geometry for a widget ``width`` cells wide: steps two cells wide when the
    whole grid fits so, else one."""
    widest = max((cell_len(r.label) for r in grid.rows), default=LABEL_MIN)
    label_w = max(LABEL_MIN, cell_len(grid.headers[0]), min(LABEL_MAX, widest))
    rate_w = tuple(max(RATE_CELLS, cell_len(h)) for h in grid.headers[1:])
    for cw in (WIDE_FROM, 1):
        xs: list[int] = []
        seps: list[int] = []
        x = 0
        for i, s in enumerate(grid.steps):
            if i and s.phase != grid.steps[i - 1].phase:
                seps.append(x)
                x += 1
            xs.append(x)
            x += cw
        tail = x + 1 + rate_w[1] + 1 + rate_w[2] + 1
        g = Geometry(label_w, rate_w, cw, tuple(xs), tuple(seps), tail)  # type: ignore[arg-type]
        if cw == 1 or g.fixed + g.width <= width:
            return g
    raise AssertionError("unreachable")


def cut(text: str, cells: int) -> str:
    """``text`` in exactly ``cells`` cells: padded, or its first characters and "…" (a wide
    character is never split); "…" alone when not even one character and "…" fit (a label
    there, too narrow to read), blank in no cell."""
    text = printable(text)
    if cell_len(text) <= cells:
        return text + " " * (cells - cell_len(text))
    head = ""
    for ch in text:
        if cell_len(head + ch) > cells - 1:
            break
        head += ch
    if cells < 1:
        return ""
    return head + "…" + " " * (cells - cell_len(head) - 1)


def right(text: str, cells: int) -> str:
    return " " * max(cells - cell_len(text), 0) + text


Styles = Callable[[str], Style]


class GridLine(NamedTuple):
    """A line's fixed part and its scrolled part, with the columns ``[a, b)`` of each figure
    on the scrolled part (a step number, a rate): one the window's edge would cut is left
    out, not shown in part (a cut "24" would read "2", a cut "32.5%" "2.5%")."""

    fixed: Strip
    moving: Strip
    runs: Runs = ()

    def visible(self, scroll_x: int, room: int, base: Style) -> Strip:
        """The scrolled part from column ``scroll_x``, ``room`` cells, cut figures blank."""
        return window(self.moving, self.runs, scroll_x, room, base)


class LinePainter:
    """Draws the grid's lines with the widget's component styles (``styles(part)``)."""

    def __init__(self, grid: Grid, geo: Geometry, styles: Styles, base: Style) -> None:
        self.grid = grid
        self.geo = geo
        self.style = styles
        self.base = base

    # -- the header -----------------------------------------------------------------
    def header(self, y: int, cursor: int | None, window: tuple[int, int] = (0, 0)) -> GridLine:
        """Line ``y`` of the header: the phases (0) or the step numbers (1), with the step
        of the cursor's column marked. ``window``: the columns ``[a, b)`` of the scrolled part
        on screen (each phase's name starts where its part on screen does; (0, 0): all)."""
        g, head = self.geo, self.base + self.style("header")
        if y == 0:
            fixed = Strip(
                [
                    Segment(
                        " "
                        + cut(self.grid.headers[0], g.label_w)
                        + " "
                        + right(self.grid.headers[1], g.rate_w[0])
                        + " ",
                        head,
                    )
                ]
            )
            return GridLine(fixed, self._phases(head, window), self._tail_runs())
        fixed = Strip([Segment(" " * g.fixed, head)])
        return GridLine(fixed, *self._numbers(head, cursor))

    def _tail_runs(self) -> Runs:
        """Where 作業中率 and 未着手率 stand on the scrolled part."""
        g = self.geo
        a = g.tail
        return ((a, a + g.rate_w[1]), (a + g.rate_w[1] + 1, a + g.rate_w[1] + 1 + g.rate_w[2]))

    def _phases(self, head: Style, window: tuple[int, int]) -> Strip:
        """Each phase's name over its steps, from the first of them on screen (never its
        tail alone: "ダ選定" would read as another word), cut with "…" to fit."""
        g, steps = self.geo, self.grid.steps
        lo, hi = window if window[1] > window[0] else (0, g.width)
        line = [" "] * g.width
        segs: list[Segment] = []
        starts = [0] + [i for i in range(1, len(steps)) if steps[i].phase != steps[i - 1].phase]
        for k, a in enumerate(starts):
            b = starts[k + 1] if k + 1 < len(starts) else len(steps)
            x0, x1 = max(g.xs[a], lo), min(g.xs[b - 1] + g.cw, hi)
            if x1 <= x0:
                continue
            name = self.grid.phase_names.get(steps[a].phase, steps[a].phase)
            text = cut(name, x1 - x0)
            line[x0:x1] = [text] + [""] * (x1 - x0 - 1)
        for x in g.seps:
            line[x] = "│"
        tail = g.tail
        rates = right(self.grid.headers[2], g.rate_w[1]) + " " + right(self.grid.headers[3], g.rate_w[2]) + " "
        line[tail : tail + cell_len(rates)] = [rates] + [""] * (cell_len(rates) - 1)
        segs.append(Segment("".join(line), head))
        return Strip(segs).crop_extend(0, g.width, head)

    def _numbers(self, head: Style, cursor: int | None) -> tuple[Strip, Runs]:
        """Each phase's first step and every fifth, where it fits; the cursor's step always
        (in the cursor's colour, the numbers it would run into left out)."""
        g, steps = self.geo, self.grid.steps
        placed: list[tuple[int, str]] = []
        free = 0
        for i, s in enumerate(steps):
            first = i == 0 or s.phase != steps[i - 1].phase
            if (first or s.number % 5 == 0) and g.xs[i] >= free:
                placed.append((g.xs[i], str(s.number)))
                free = g.xs[i] + len(str(s.number)) + 1
        mark: tuple[int, str] | None = None
        if cursor is not None:
            mark = (g.xs[cursor], str(steps[cursor].number))
            lo, hi = mark[0] - 1, mark[0] + len(mark[1]) + 1
            placed = [(x, n) for x, n in placed if x + len(n) <= lo or x >= hi]
        cells = [" "] * g.width
        for x in g.seps:
            cells[x] = "│"
        for x, n in placed:
            cells[x : x + len(n)] = list(n)
        runs = tuple((x, x + len(n)) for x, n in placed)
        if mark is None:
            return Strip([Segment("".join(cells), head)]), runs
        x, n = mark
        strip = Strip(
            [
                Segment("".join(cells[:x]), head),
                Segment(n, head + self.style("cursor")),
                Segment("".join(cells[x + len(n) :]), head),
            ]
        )
        return strip.crop_extend(0, g.width, head), (*runs, (x, x + len(n)))

    # -- a business row -----------------------------------------------------------------
    def row(self, r: GridRow, cursor: int | None, focused: bool) -> GridLine:
        """A business's line: its label and 完了率 (fixed), its steps and the other rates."""
        g = self.geo
        label_style = self.base + self.style("label" if r.statuses is not None else "none")
        if cursor is not None:
            label_style += self.style("row")
        rates = r.rates
        done = right(percent(rates.done), g.rate_w[0]) if rates else right("—", g.rate_w[0])
        fixed = Strip(
            [
                Segment(" " + cut(r.label, g.label_w) + " ", label_style),
                Segment(done, self.base + self.style("rate")),
                Segment(" ", self.base),
            ]
        )
        runs = self._tail_runs() if r.statuses is not None else ((self.geo.tail, self.geo.width),)
        return GridLine(fixed, self._cells(r, cursor, focused), runs)

    def _cells(self, r: GridRow, cursor: int | None, focused: bool) -> Strip:
        g, steps = self.geo, self.grid.steps
        segs: list[Segment] = []
        sep = Segment("│", self.base + self.style("phase-line"))
        seps = set(g.seps)
        x = 0
        for i, s in enumerate(steps):
            while x < g.xs[i]:
                segs.append(sep if x in seps else Segment(" ", self.base))
                x += 1
            segs.append(self._cell(r, s, i == cursor, focused))
            x += g.cw
        if r.statuses is None:
            segs.append(Segment(cut(" " + self.grid.no_report, g.width - x), self.base + self.style("none")))
        else:
            rates = r.rates
            ip = right(percent(rates.in_progress), g.rate_w[1]) if rates else right("—", g.rate_w[1])
            ns = right(percent(rates.not_started), g.rate_w[2]) if rates else right("—", g.rate_w[2])
            segs.append(Segment(" " + ip + " " + ns + " ", self.base + self.style("rate")))
        return Strip(segs).crop_extend(0, g.width, self.base)

    def _cell(self, r: GridRow, s: Step, on_cursor: bool, focused: bool) -> Segment:
        cw = self.geo.cw
        status = r.statuses.get(s.number) if r.statuses is not None else None
        if status is None:
            style = self.base + self.style("none")
            glyph = " "
        else:
            style = self.base + self.style(PART[status])
            glyph = GLYPHS[status]
        if on_cursor:
            style += self.style("cursor" if focused else "cursor-blurred")
            if status is None:
                glyph = "□"
        return Segment(glyph + " " * (cw - 1), style)


__all__ = ["GLYPHS", "HEADER_ROWS", "Geometry", "Grid", "GridLine", "GridRow", "LinePainter", "geometry"]
