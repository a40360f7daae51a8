"""Command palette entries (ctrl+p): ``plan: Save``, ``view: Zoom in``, ``view: Sort by
severity``, … and ``open: <municipality>`` for every plan, in the app's language; and
Textual's own (theme, keys, screenshot, quit) in it too."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from model.core.printable import printable
from tui.app.i18n import t

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tui.app.app import PlansApp

# (i18n key, action on the app)
COMMANDS: list[tuple[str, str]] = [
    ("cmd.save", "save"),
    ("cmd.undo", "undo"),
    ("cmd.redo", "redo"),
    ("cmd.edit", "edit"),
    ("cmd.strategy", "vendor_strategy"),
    ("cmd.fix", "fix_preview"),
    ("cmd.reload", "reload"),
    ("cmd.zoom_in", "zoom_in"),
    ("cmd.zoom_out", "zoom_out"),
    ("cmd.sort_code", "sort('code')"),
    ("cmd.sort_name", "sort('name')"),
    ("cmd.sort_completion", "sort('completion')"),
    ("cmd.sort_severity", "sort('severity')"),
    ("cmd.sort_progress", "sort('progress')"),
    ("cmd.overview", "show_tab('overview')"),
    ("cmd.plan", "show_tab('plan')"),
    ("cmd.stats", "show_tab('stats')"),
    ("cmd.progress", "progress"),
    ("cmd.month_earlier", "progress_month(-1)"),
    ("cmd.month_later", "progress_month(1)"),
    ("cmd.whatif", "what_if"),
    ("cmd.rule", "rule_doc"),
    ("cmd.help", "help"),
]


class PlansCommands(Provider):
    def _entries(self) -> list[tuple[str, str]]:
        app: PlansApp = self.app  # type: ignore[assignment]
        out = [(t(key, app.lang), action) for key, action in COMMANDS]
        out += [(t("cmd.open", app.lang, m=printable(e.name)), f"open({e.name!r})") for e in app.ws.entries]
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


def system_commands(app: PlansApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Textual's palette commands in the app's language: the theme, the keys (the app's own
    help, F1), a screenshot, maximize / minimize and quit (which asks about unsaved edits)."""
    lang = app.lang
    yield SystemCommand(t("sys.theme", lang), t("sys.theme.help", lang), app.action_change_theme)
    yield SystemCommand(t("sys.keys", lang), t("sys.keys.help", lang), app.action_help)
    if screen.maximized is not None:
        yield SystemCommand(t("sys.minimize", lang), t("sys.minimize.help", lang), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("sys.maximize", lang), t("sys.maximize.help", lang), screen.action_maximize)
    yield SystemCommand(
        t("sys.screenshot", lang), t("sys.screenshot.help", lang), lambda: app.set_timer(0.1, app.deliver_screenshot)
    )
    yield SystemCommand(t("sys.quit", lang), t("sys.quit.help", lang), app.action_quit)
