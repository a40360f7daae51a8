"""Shared by the rules that report a phase against a national date (PL002's ``by``, PL003,
PL004): the words for a national id and the "not ready yet" finding. Not a rule itself."""

from __future__ import annotations

from model.checks.context import Context
from model.checks.graph import Link, Node
from model.checks.rule import Rule
from model.core.dates import Truth, month_style, render_month
from model.core.words import Words


def national_words(cx: Context, mid: str, links: list[Link]) -> Words:
    """What a national id stands for: a spec release or vendor packages of the groups of
    ``links`` (which share one month), a milestone's name, or the deadline."""
    kind, _, _ = mid.partition(".")
    if kind in ("spec", "vendor"):
        gja, gen = _group_names(cx, links)
        if kind == "spec":
            return Words(f"{gja}の標準仕様書の公表", f"the spec release of {gen}")
        n = cx.nat.vendor_months
        return Words(
            f"{gja}の標準準拠パッケージ(仕様公表+{n}か月の作業仮定)",
            f"vendor packages for {gen} (spec + {n} months, assumed)",
        )
    if mid.startswith("deadline"):
        return Words("移行期限", "the deadline")
    m = next(x for x in cx.nat.milestones if x.id == mid)
    return m.name


def _group_names(cx: Context, links: list[Link]) -> tuple[str, str]:
    """The spec groups of ``links`` (national → phase), each month named when they differ."""
    months: dict[int, list[str]] = {}
    for lk in links:
        gid = (lk.src[2] if lk.src[0] == "national" else lk.dst[2] or "").partition(".")[2]
        g = cx.nat.groups[gid]
        month = (g.spec.hi if lk.src[2] and lk.src[2].startswith("spec") else cx.nat.vendor_ready(g)) + lk.min_months
        months.setdefault(month, []).append(gid)
    if len(months) == 1:
        gids = next(iter(months.values()))
        return "・".join(cx.nat.groups[x].name.ja for x in gids), ", ".join(cx.nat.groups[x].name.en for x in gids)
    ja = "・".join(
        f"{'・'.join(cx.nat.groups[x].name.ja for x in gids)}({render_month(m)})" for m, gids in months.items()
    )
    en = ", ".join(
        f"{', '.join(cx.nat.groups[x].name.en for x in gids)} ({render_month(m)})" for m, gids in months.items()
    )
    return ja, en


def report_not_ready(
    cx: Context, rule: Rule, links: list[Link], national: Node, dst: Node, t: Truth, move_to: int
) -> None:
    """``dst`` completes before the national dates of ``links`` (earliest first; ``national``
    is the latest of them); ``move_to`` is the month the phase must move to."""
    assert dst.date is not None and national.date is not None
    dp, db = links[0].dst[2], links[0].dst[1]
    assert dp
    ready = national.date.hi + links[-1].min_months
    dj, de = cx.names(dp, db)
    r_txt = render_month(ready, month_style(dst.date))
    m_txt = render_month(move_to, month_style(dst.date))
    what = national_words(cx, links[-1].src[2] or "", links)
    ja = f"{dj}({dst.date})が{what.ja}({r_txt})より前です。{dj}を{m_txt}以降にしてください"
    en = f"{de} ({dst.date}) is before {what.en} ({r_txt}); move {de} to {m_txt} or later"
    cx.add(rule, t, dst.place, dp, db, Words(ja, en), dates=(dst.date,))


__all__ = ["national_words", "report_not_ready"]
