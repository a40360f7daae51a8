"""A small chart of the plans' statistics (``plans stats``): go-lives by fiscal year and by
month, plans by vendor strategy and findings by rule, as horizontal bars; with progress
snapshots, the 完了率 over every month and each prefecture's rates (``tui/app/rate_chart.py``).
It re-reads the workspace whenever it is shown, so it follows edits made in the Plan tab, and
the progress read as it brings months."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from model.analysis.stats import Bucket, Stats, compute
from model.core.severity import SEVERITIES, Severity
from model.project.session import Workspace
from tui.app.i18n import t
from tui.app.progress_data import ProgressSource, ProgressState
from tui.app.rate_chart import by_prefecture, over_time
from tui.app.tcss import beside

BAR = "█"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def bars(title: str, items: list[tuple[str, list[tuple[int, str]]]], width: int) -> Text:
    """One block of labelled bars; each bar is segments of (count, style)."""
    out = Text(title + "\n", style="bold")
    if not items:
        return out
    label_w = max(cell_len(label) for label, _ in items)
    most = max(sum(n for n, _ in segs) for _, segs in items) or 1
    room = min(40, max(8, width - label_w - 8))  # a small chart, not a wall of bars
    for label, segs in items:
        total = sum(n for n, _ in segs)
        out.append(_pad(label, label_w) + " ")
        for n, style in segs:
            if n:
                out.append(BAR * max(1, round(n * room / most)), style=style)
        out.append(f" {total}\n")
    return out


def _buckets(items: list[Bucket], lang: str, style: str) -> list[tuple[str, list[tuple[int, str]]]]:
    return [(b.text(lang), [(b.count, style)]) for b in items]


class StatsChart(VerticalScroll):
    DEFAULT_CSS = beside(__file__)

    def __init__(
        self, ws: Workspace, progress: ProgressSource = ProgressState, *, lang: str = "ja", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.ws = ws
        self.progress = progress  # the progress read so far
        self.lang = lang
        self.stats: Stats | None = None
        self.text = Text()  # what the chart shows, for tests and copy

    def compose(self) -> ComposeResult:
        yield Static("", id="stats-body")

    def on_mount(self) -> None:
        self.rebuild()

    def on_show(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        ws = self.ws
        findings = [f for e in ws.entries for f in e.findings]
        self.stats = st = compute(ws.plans, ws.nat, findings)
        lang = self.lang
        width = max(30, (self.size.width or 80) - 4)
        rules = [
            (
                f"{r.code} {r.name}",
                [(r.error, Severity.ERROR.style), (r.warning, Severity.WARNING.style), (r.info, Severity.INFO.style)],
            )
            for r in st.by_rule
        ]
        legend = Text("  ").join(Text.assemble(("■", sev.style), f" {sev.label(lang)}") for sev in SEVERITIES)
        body = Text()
        for block in (
            *self._progress_blocks(width),
            bars(t("stats.by_fiscal_year", lang), _buckets(st.by_fiscal_year, lang, "green"), width),
            bars(t("stats.by_month", lang), _buckets(st.by_month, lang, "green"), width),
            bars(t("stats.by_strategy", lang), _buckets(st.by_strategy, lang, "blue"), width),
            bars(t("stats.by_rule", lang), rules, width),
            legend,
        ):
            body.append_text(block)
            body.append("\n")
        self.text = body
        self.query_one("#stats-body", Static).update(body)

    def _progress_blocks(self, width: int) -> list[Text]:
        """The 完了率 over the months read and the prefectures' rates (none without snapshots)."""
        state = self.progress()
        if not state.months or not state.totals:
            return []
        totals = [state.totals[m] for m in state.months if m in state.totals]
        return [over_time(totals, state.months, width, self.lang), by_prefecture(totals, self.lang)]
