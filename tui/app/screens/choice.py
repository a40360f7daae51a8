"""A small modal question with a few answers as buttons (unsaved changes on quit, a file
changed on disk, the vendor strategy). Dismisses with the chosen id, or None on Esc."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.app.tcss import path_beside


class ChoiceScreen(ModalScreen[str | None]):
    CSS_PATH: ClassVar[list[str]] = [path_beside(__file__, "dialog.tcss"), path_beside(__file__)]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str,
        choices: list[tuple[str, str]],
        *,
        default: str | None = None,
        vertical: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = choices
        self.default = default
        self.vertical = vertical

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="choice"):
            yield Static(Text(self.title_text, style="bold"), id="dialog-title")
            if self.body:
                yield Static(self.body, id="dialog-body", markup=False)
            container = Vertical if self.vertical else Horizontal
            with container(id="dialog-buttons"):
                for i, (cid, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{cid}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        target = self.default or self.choices[0][0]
        self.query_one(f"#choice-{target}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("choice-"):
            self.dismiss(event.button.id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
