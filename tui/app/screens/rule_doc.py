"""A rule's documentation (as ``plans rule CODE``) in a modal: what it checks, why, an
example and the fix."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from model.checks.registry import RULES
from tui.app.i18n import t
from tui.app.tcss import path_beside


class RuleDocScreen(ModalScreen[None]):
    CSS_PATH: ClassVar[list[str]] = [path_beside(__file__, "dialog.tcss"), path_beside(__file__)]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,r", "close", "Close"),
    ]

    def __init__(self, code: str, *, lang: str = "ja") -> None:
        super().__init__()
        self.code = code
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            with VerticalScroll(id="rule-scroll"):
                yield Markdown(self.doc(), id="rule-doc")
            yield Static(t("rule.close", self.lang), classes="dialog-hint")

    def doc(self) -> str:
        """``plans rule CODE``'s text, its heading's severity in the UI's language (エラー, not
        error: the command's text names it as its JSON does)."""
        rule = RULES[self.code]
        head, _, rest = rule.doc(self.lang).partition("\n")
        return head.replace(f"({rule.severity})", f"({rule.severity.label(self.lang)})", 1) + "\n" + rest

    def action_close(self) -> None:
        self.dismiss(None)
