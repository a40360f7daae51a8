"""The selected plan's findings: icon, code and the words saying what to change. Choosing
one highlights its phase; ``r`` opens its rule's documentation."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from model.checks.finding import Finding
from model.core.severity import OK_STYLE, Severity
from tui.app.i18n import t
from tui.app.tcss import beside


class FindingsList(OptionList):
    DEFAULT_CSS = beside(__file__)
    # its box is set by the CSS, not by its lines: another number of lines (another plan, an
    # edit) is no layout of the screen (10-20 ms); a scrollbar coming or going still is one
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class Chosen(Message):
        """A finding was highlighted or clicked."""

        def __init__(self, finding: Finding, opened: bool) -> None:
            super().__init__()
            self.finding = finding
            self.opened = opened  # Enter / click (True) or cursor move (False)

    def __init__(self, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.findings: list[Finding] = []
        self._shown: tuple[tuple[str, str | None], ...] | None = None  # the options' words and ids

    def show(self, findings: list[Finding], problems: list[str] | None = None) -> None:
        keep = self.current
        self.findings = list(findings)
        options = [Option(Text(p, style=Severity.ERROR.style), disabled=True) for p in problems or ()]
        for i, f in enumerate(self.findings):
            line = Text()
            sev = Severity(f.severity)
            line.append(sev.icon + " ", style=sev.style)
            line.append(f"{f.code} ", style="bold")
            line.append(f.message(self.lang))
            if f.place.line:
                line.append(t("findings.line", self.lang, n=f.place.line), style="dim")
            options.append(Option(line, id=str(i)))
        if not options:
            options.append(Option(Text(t("findings.none", self.lang), style=OK_STYLE), disabled=True))
        # all at once: the list's size changes (a layout) only when its number of lines does;
        # the same words again (an edit that leaves the findings as they were): nothing to draw
        shown = tuple((o.prompt.plain if isinstance(o.prompt, Text) else str(o.prompt), o.id) for o in options)
        if shown != self._shown:
            self._shown = shown
            self.set_options(options)
        if keep is not None and keep in self.findings:
            self.highlighted = self._index_of(keep)
        title = t("findings.title", self.lang, n=len(self.findings))
        if title != self.border_title:  # setting it draws the list again, even when the same
            self.border_title = title

    def _index_of(self, f: Finding) -> int | None:
        i = self.findings.index(f)
        try:
            return self.get_option_index(str(i))
        except OptionDoesNotExist:
            return None

    @property
    def current(self) -> Finding | None:
        if self.highlighted is None:
            return None
        opt = self.get_option_at_index(self.highlighted)
        if opt.id is None:
            return None
        return self.findings[int(opt.id)]

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self.findings[int(event.option.id)], opened=False))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self.findings[int(event.option.id)], opened=True))
