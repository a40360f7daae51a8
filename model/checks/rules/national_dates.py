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
        groups = [cx.nat.groups[(lk.src[2] if lk.src[0] == "national" else lk.dst[2] or "").partition(".")[2]] for lk in links]
        gja, gen = "・".join(x.name.ja for x in groups), ", ".join(x.name.en for x in groups)
        if kind == "spec":
            return Words(f"{gja}の標準仕様書の公表", f"the spec release of {gen}")
        n = cx.nat.vendor_months
        return Words(f"{gja}の標準準拠パッケージ(仕様公表+{n}か月の作業仮定)", f"vendor packages for {gen} (spec + {n} months, assumed)")
    if mid.startswith("deadline"):
        return Words("移行期限", "the deadline")
    m = next(x for x in cx.nat.milestones if x.id == mid)
    return m.name


def report_not_ready(cx: Context, rule: Rule, links: list[Link], national: Node, dst: Node, t: Truth) -> None:
    """``dst`` completes before the national date of ``links`` (the binding ones)."""
    assert dst.date is not None and national.date is not None
    dp, db = links[0].dst[2], links[0].dst[1]
    assert dp
    ready = national.date.hi + links[0].min_months
    dj, de = cx.names(dp, db)
    r_txt = render_month(ready, month_style(dst.date))
    what = national_words(cx, links[0].src[2] or "", links)
    cx.add(
        rule,
        t,
        dst.place,
        dp,
        db,
        Words(
            f"{dj}({dst.date})が{what.ja}({r_txt})より前です。{dj}を{r_txt}以降にしてください",
            f"{de} ({dst.date}) is before {what.en} ({r_txt}); move {de} to {r_txt} or later",
        ),
        dates=(dst.date,),
    )


__all__ = ["national_words", "report_not_ready"]
