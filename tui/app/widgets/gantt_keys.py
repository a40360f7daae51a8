"""The Gantt's keys: bindings, their descriptions (catalogue keys, shown in the widget's
language) and the actions they run, mixed into :class:`tui.app.widgets.gantt.GanttView`.

Keys (with footer descriptions in the widget's language): ``+``/``-`` zoom in/out
(month / quarter / year), ``0`` fit the whole span to the width, ``←``/``→`` scroll one unit, ``shift+←``/``shift+→`` scroll a page,
``↑``/``↓`` previous/next phase, ``x`` expand/collapse the phase's per-business rows,
``n`` national lanes auto → full → compact → off. Enter is left to the app (e.g. open the edit modal).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from model.render import gantt as tl

# action -> catalogue key of its description (footer, help)
DESCRIPTIONS = {
    "zoom_in": "key.zoom_in", "zoom_out": "key.zoom_out", "zoom_fit": "key.zoom_fit",
    "scroll_units(-1)": "gantt.key.left", "scroll_units(1)": "gantt.key.right",
    "scroll_page(-1)": "gantt.key.page_left", "scroll_page(1)": "gantt.key.page_right",
    "cursor(-1)": "gantt.key.previous", "cursor(1)": "gantt.key.next",
    "toggle_expand": "gantt.key.expand", "toggle_national": "gantt.key.national",
}  # fmt: skip

GANTT_BINDINGS: list[BindingType] = [
    Binding("plus,equals_sign,ctrl+up", "zoom_in", "Zoom in", key_display="+"),
    Binding("minus,ctrl+down", "zoom_out", "Zoom out", key_display="-"),
    Binding("0", "zoom_fit", "Fit", show=False),
    Binding("left", "scroll_units(-1)", "Scroll left", show=False),
    Binding("right", "scroll_units(1)", "Scroll right", show=False),
    Binding("shift+left", "scroll_page(-1)", "Page left", show=False),
    Binding("shift+right", "scroll_page(1)", "Page right", show=False),
    Binding("up", "cursor(-1)", "Previous phase", show=False),
    Binding("down", "cursor(1)", "Next phase", show=False),
    Binding("x", "toggle_expand", "Per business"),
    Binding("n", "toggle_national", "National lanes", show=False),
]


class GanttKeys:
    """The actions of :data:`GANTT_BINDINGS` (the view's state: zoom, scroll, rows, selection)."""

    def action_zoom_in(self) -> None:
        self.fit = False
        self.zoom = tl.zoom_in(self.zoom)

    def action_zoom_out(self) -> None:
        self.fit = False
        self.zoom = tl.zoom_out(self.zoom)

    def action_zoom_fit(self) -> None:
        """The whole span in the width again (after ``+``/``-``)."""
        self.fit = True
        self._relayout()
        self.scroll_to(x=0, animate=False)

    def action_scroll_units(self, n: int) -> None:
        step = self._scale.cells if self._scale else 2
        self.scroll_to(x=self.scroll_x + n * step, animate=False)

    def action_scroll_page(self, n: int) -> None:
        page = max(1, self.size.width - self._label_w - 4)
        self.scroll_to(x=self.scroll_x + n * page, animate=False)

    def action_cursor(self, step: int) -> None:
        rows = [r for r in self._rows if r.phase]
        if not rows:
            return
        cur = next((i for i, r in enumerate(rows) if self._selected == (r.phase, r.business)), None)
        i = (0 if step > 0 else len(rows) - 1) if cur is None else max(0, min(len(rows) - 1, cur + step))
        r = rows[i]
        assert r.phase
        self.select(r.phase, r.business)
        self.post_message(self.PhaseHighlighted(self, r.phase, r.business))

    def action_toggle_expand(self) -> None:
        if self._selected is None:
            self.expand_all(not self._expanded)
            return
        phase = self._selected[0]
        if phase in self._expanded:
            self._selected = (phase, None)
        self.expand_phase(phase, phase not in self._expanded)

    def action_toggle_national(self) -> None:
        modes = ("auto", "full", "compact", "off")
        self.national = modes[(modes.index(self.national) + 1) % len(modes)] if self.national in modes else "auto"
