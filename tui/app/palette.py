"""Command palette entries (ctrl+p): ``plan: Save``, ``view: Zoom in``, ``view: Sort by
severity``, … and ``open: <municipality>`` for every plan, in the app's language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.i18n import t

if TYPE_CHECKING:
    from tui.app.app import PlansApp

# (i18n key, action on the app)
COMMANDS: list[tuple[str, str]] = [
    ("cmd.save", "save"),
    ("cmd.undo", "undo"),
    ("cmd.redo", "redo"),
    ("cmd.edit", "edit"),
    ("cmd.strategy", "vendor_strategy"),
    ("cmd.reload", "reload"),
    ("cmd.zoom_in", "zoom_in"),
    ("cmd.zoom_out", "zoom_out"),
    ("cmd.sort_name", "sort('name')"),
    ("cmd.sort_completion", "sort('completion')"),
    ("cmd.sort_severity", "sort('severity')"),
    ("cmd.overview", "show_tab('overview')"),
    ("cmd.plan", "show_tab('plan')"),
    ("cmd.rule", "rule_doc"),
    ("cmd.help", "help"),
]


class PlansCommands(Provider):
    def _entries(self) -> list[tuple[str, str]]:
        app: PlansApp = self.app  # type: ignore[assignment]
        out = [(t(key, app.lang), action) for key, action in COMMANDS]
        out += [(t("cmd.open", app.lang, m=e.name), f"open({e.name!r})") for e in app.ws.entries]
        return out

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for text, action in self._entries():
            if not action.startswith("open("):
                yield DiscoveryHit(text, partial(self._run, action), text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._run, action), text=text)
