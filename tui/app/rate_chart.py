"""The Stats tab's progress over time, as text a terminal draws: one stacked bar per snapshot
month of the whole set (完了率 █, 作業中率 ▓, 未着手率 ░, its width measured in cells), and
per prefecture a line of its rates at the latest month with a sparkline of its 完了率 over
every month (▁ … █, one cell a month)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from model.core.dates import Month
from model.core.printable import printable
from model.progress.snapshot import iso_month
from tui.app.i18n import t
from tui.app.progress_data import MonthTotals, Rates, percent

DONE, IN_PROGRESS, NOT_STARTED = "█", "▓", "░"
SPARKS = "▁▂▃▄▅▆▇█"
BAR_MAX = 40  # cells: a chart, not a wall
STYLES = ("green", "yellow", "dim")


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def stacked(rates: Rates, cells: int) -> Text:
    """A bar ``cells`` wide: 完了率, then 作業中率, then the rest (未着手率)."""
    done = round(rates.done * cells / 100)
    started = max(done, round((rates.done + rates.in_progress) * cells / 100))
    return Text.assemble(
        (DONE * done, STYLES[0]),
        (IN_PROGRESS * (started - done), STYLES[1]),
        (NOT_STARTED * (cells - started), STYLES[2]),
    )


def spark(values: list[float | None]) -> str:
    """One cell per value (a percentage): ▁ at 0 … █ at 100; a blank where there is none."""
    top = len(SPARKS) - 1
    return "".join(" " if v is None else SPARKS[max(0, min(top, round(v * top / 100)))] for v in values)


def rate_words(lang: str) -> tuple[str, str, str]:
    """完了率, 作業中率, 未着手率."""
    return t("rate.done", lang), t("rate.in_progress", lang), t("rate.not_started", lang)


def legend(lang: str) -> Text:
    marks = zip((DONE, IN_PROGRESS, NOT_STARTED), STYLES, rate_words(lang), strict=True)
    return Text("  ").join(Text.assemble((m, style), f" {words}") for m, style, words in marks)


def over_time(totals: list[MonthTotals], months: tuple[Month, ...], width: int, lang: str) -> Text:
    """The whole set's bar per month read so far (the months not read yet: a count)."""
    out = Text(t("stats.progress_total", lang), style="bold")
    if len(totals) < len(months):
        out.append(" " + t("stats.progress_loading", lang, n=len(totals), total=len(months)), style="dim")
    out.append("\n")
    label_w = 7  # 2025-05
    cells = max(10, min(BAR_MAX, width - label_w - 9))
    for mt in totals:
        out.append(iso_month(mt.month) + " ")
        if mt.total is None:
            out.append("—\n", style="dim")
            continue
        out.append_text(stacked(mt.total, cells))
        out.append(" " + _pad(percent(mt.total.done), 6, right=True) + "\n")
    out.append_text(legend(lang))
    out.append("\n")
    return out


def by_prefecture(totals: list[MonthTotals], lang: str) -> Text:
    """Each prefecture at the latest month read: 完了率, 作業中率, 未着手率 and its 完了率 over
    the months (a sparkline, oldest first)."""
    if not totals:
        return Text()
    latest = totals[-1]
    out = Text(
        t(
            "stats.progress_prefecture",
            lang,
            month=iso_month(latest.month),
            first=iso_month(totals[0].month),
            last=iso_month(latest.month),
        ),
        style="bold",
    )
    out.append("\n")
    names = [printable(n) for n, _ in latest.prefectures]
    name_w = max([cell_len(n) for n in names] + [4])
    heads = rate_words(lang)
    widths = [max(6, cell_len(h)) for h in heads]
    out.append(_pad("", name_w) + " " + _pad("", len(totals)) + " ", style="dim")
    out.append(" ".join(_pad(h, w, right=True) for h, w in zip(heads, widths, strict=True)) + "\n", style="dim")
    series = {n: [dict(mt.prefectures).get(n) for mt in totals] for n, _ in latest.prefectures}
    for (name, rates), shown in zip(latest.prefectures, names, strict=True):
        line = spark([r.done if r is not None else None for r in series[name]])
        values = (rates.done, rates.in_progress, rates.not_started)
        out.append(_pad(shown, name_w) + " ")
        out.append(line, style=STYLES[0])
        out.append(" " + " ".join(_pad(percent(v), w, right=True) for v, w in zip(values, widths, strict=True)) + "\n")
    return out


__all__ = ["by_prefecture", "over_time", "spark", "stacked"]
