"""A small chart of the plans' statistics (``plans stats``): go-lives by fiscal year and by
month, plans by vendor strategy and findings by rule, as horizontal bars. It re-reads the
workspace whenever it is shown, so it follows edits made in the Plan tab."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from model.analysis.stats import Bucket, Stats, compute
from model.project.session import Workspace

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
    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def __init__(self, ws: Workspace, *, lang: str = "ja", id: str | None = None) -> None:
        super().__init__(id=id)
        self.ws = ws
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
        en = self.lang == "en"
        width = max(30, (self.size.width or 80) - 4)
        rules = [(f"{r.code} {r.name}", [(r.error, "red"), (r.warning, "yellow"), (r.info, "cyan")]) for r in st.by_rule]
        legend = Text.assemble(("■", "red"), " error  " if en else " エラー  ", ("■", "yellow"), " warning  " if en else " 警告  ", ("■", "cyan"), " info" if en else " 情報")
        body = Text()
        for block in (
            bars("Go-lives by fiscal year" if en else "移行完了(年度別)", _buckets(st.by_fiscal_year, self.lang, "green"), width),
            bars("Go-lives by month" if en else "移行完了(月別)", _buckets(st.by_month, self.lang, "green"), width),
            bars("Plans by vendor strategy" if en else "ベンダ方針別", _buckets(st.by_strategy, self.lang, "blue"), width),
            bars("Findings by rule" if en else "ルール別の指摘", rules, width),
            legend,
        ):
            body.append_text(block)
            body.append("\n")
        self.text = body
        self.query_one("#stats-body", Static).update(body)
