"""The edit dialog of one phase: planned completion (every notation the model parses,
validated as you type, with the months it stands for), status and note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from model import dates
from model.edit import interval_text
from model.plan import STATUSES
from tui.i18n import t


@dataclass(frozen=True, slots=True)
class PhaseValues:
    date: str | None
    status: str | None
    note: str | None


def check_date(text: str, phase: str, surveyed: dates.Month | None, lang: str) -> tuple[bool, str]:
    """(valid, what to show) for a date as typed: the interval, or what is wrong."""
    if not text.strip():
        return True, t("edit.empty", lang)
    try:
        d = dates.parse(text, surveyed=surveyed)
    except dates.DateError as e:
        return False, e.text(lang)
    if d.is_na and d.text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
        msg = "現行ベンダで標準化 is only valid for vendor selection" if lang == "en" else "「現行ベンダで標準化」はベンダ選定にだけ書けます"
        return False, msg
    return True, interval_text(d, lang)


class EditPhaseScreen(ModalScreen[PhaseValues | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+enter", "apply", "Apply", show=False),
    ]

    def __init__(
        self,
        title: str,
        phase: str,
        values: PhaseValues,
        *,
        surveyed: dates.Month | None,
        lang: str = "ja",
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.phase = phase
        self.values = values
        self.surveyed = surveyed
        self.lang = lang
        self.cursor_blink = cursor_blink
        self.valid = True

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="dialog-title")
            yield Label(t("edit.date", lang))
            yield Input(self.values.date or "", id="date", placeholder="R4.10", select_on_focus=False)
            yield Static("", id="date-check")
            yield Static(Text(t("edit.date.help", lang), style="dim"), id="date-help")
            yield Label(t("edit.status", lang))
            options = [(t(f"status.{s}", lang), s) for s in STATUSES]
            yield Select(options, value=self.values.status or Select.NULL, prompt=t("status.none", lang), allow_blank=True, id="status")
            yield Label(t("edit.note", lang))
            yield Input(self.values.note or "", id="note")
            with Horizontal(id="dialog-buttons"):
                yield Button(t("edit.ok", lang), variant="primary", id="ok")
                yield Button(t("edit.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = self.cursor_blink
        date = self.query_one("#date", Input)
        date.cursor_position = len(date.value)
        date.focus()
        self._validate(date.value)

    def _validate(self, text: str) -> None:
        ok, msg = check_date(text, self.phase, self.surveyed, self.lang)
        self.valid = ok
        check = self.query_one("#date-check", Static)
        check.update(Text(("✔ " if ok else "✖ ") + msg, style="green" if ok else "bold red"))
        check.set_class(not ok, "-invalid")
        self.query_one("#date", Input).set_class(not ok, "-invalid")
        self.query_one("#ok", Button).disabled = not ok

    @on(Input.Changed, "#date")
    def _date_changed(self, event: Input.Changed) -> None:
        self._validate(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def result(self) -> PhaseValues:
        status = self.query_one("#status", Select).value
        return PhaseValues(
            self.query_one("#date", Input).value.strip() or None,
            status if isinstance(status, str) else None,
            self.query_one("#note", Input).value or None,
        )

    def action_apply(self) -> None:
        if self.valid:
            self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)
