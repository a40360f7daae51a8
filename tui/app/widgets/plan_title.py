"""One line above the plan: municipality, file, vendor strategy and the unsaved marker."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from model.core.printable import printable
from model.project.session import Entry
from tui.app.i18n import t
from tui.app.tcss import beside


class PlanTitle(Static):
    DEFAULT_CSS = beside(__file__)

    def __init__(self, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__("", id=id)
        self.lang = lang

    def show(self, entry: Entry | None) -> None:
        if entry is None:
            self.update("", layout=False)
            return
        line = Text()
        line.append(printable(entry.name), style="bold")
        line.append(f"  {printable(entry.doc.path.name)}", style="dim")
        if entry.plan is not None:
            line.append("  " + t("strategy", self.lang, s=t(f"strategy.{entry.plan.vendor_strategy}", self.lang)))
        if entry.doc.dirty:
            line.append("  " + t("unsaved", self.lang), style="bold yellow")
        self.update(line, layout=False)  # one line, its size fixed by the CSS: no layout
