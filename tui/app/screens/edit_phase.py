"""The edit dialog of one phase: planned completion (every notation the model parses,
validated as you type, with the months it stands for), status and note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from model.checks.finding import Finding
from model.core import dates
from model.core.plan import STATUSES
from model.core.severity import OK_ICON, OK_STYLE, SEVERITIES, Severity, counts
from model.project.edits import interval_text
from tui.app.i18n import t
from tui.app.tcss import path_beside
from tui.app.widgets.in_order_input import InOrderInput


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
        return False, t("edit.vendor_only", lang)
    return True, interval_text(d, lang)


def findings_summary(now: list[Finding], after: list[Finding], phase: str, business: str | None, lang: str) -> Text:
    """What the edit would do, re-checked while typing: counts by severity now → after, and
    the findings that would remain on this phase."""
    out = Text(t("edit.preview", lang) + " ")
    before, later = counts(f.severity for f in now), counts(f.severity for f in after)
    for sev in SEVERITIES:
        a, b = before[sev], later[sev]
        out.append(f"{sev.icon} {a}", style=sev.style)
        if a != b:
            out.append(f"→{b}", style="bold " + sev.style)
        out.append("  ")
    here = [f for f in after if f.phase == phase and f.business == business]
    if here:
        out.append("\n" + t("edit.preview.here", lang) + " ")
        for f in here:
            sev = Severity(f.severity)
            out.append(f"{sev.icon} {f.code} ", style=sev.style)
    else:
        out.append("\n" + t("edit.preview.clean", lang), style=OK_STYLE)
    return out


class EditPhaseScreen(ModalScreen[PhaseValues | None]):
    CSS_PATH: ClassVar[list[str]] = [path_beside(__file__, "dialog.tcss"), path_beside(__file__)]
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
        preview: Callable[[PhaseValues], Text] | None = None,
    ) -> None:
        """``preview`` re-checks the plan with the values as typed (nothing is changed)."""
        super().__init__()
        self.preview = preview
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
            # no placeholder: an empty box must look empty (Apply then removes the date)
            yield InOrderInput(self.values.date or "", id="date", select_on_focus=False)
            yield Static("", id="date-check")
            yield Static(Text(t("edit.date.help", lang), style="dim"), id="date-help")
            yield Label(t("edit.status", lang))
            options = [(t(f"status.{s}", lang), s) for s in STATUSES]
            yield Select(
                options,
                value=self.values.status or Select.NULL,
                prompt=t("status.none", lang),
                allow_blank=True,
                id="status",
            )
            yield Label(t("edit.note", lang))
            yield InOrderInput(self.values.note or "", id="note")
            yield Static("", id="preview")
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
        mark, style = (OK_ICON, OK_STYLE) if ok else (Severity.ERROR.icon, Severity.ERROR.style)
        check.update(Text(f"{mark} {msg}", style=style))
        check.set_class(not ok, "-invalid")
        self.query_one("#date", Input).set_class(not ok, "-invalid")
        self.query_one("#ok", Button).disabled = not ok
        self._preview()

    def _preview(self) -> None:
        box = self.query_one("#preview", Static)
        box.display = self.preview is not None and self.valid
        if self.preview is not None and self.valid:
            box.update(self.preview(self.result()))

    @on(Input.Changed, "#date")
    def _date_changed(self, event: Input.Changed) -> None:
        self._validate(event.value)

    @on(Input.Changed, "#note")
    @on(Select.Changed, "#status")
    def _other_changed(self) -> None:
        if self.is_mounted:
            self._preview()

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
