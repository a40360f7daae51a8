"""Checking one plan: every rule, each finding with its place and words saying what to change.

A conflict that holds for every month inside the written intervals is *certain* and takes
the rule's severity; one that holds only for some (a year-only date) is *possible*, is
reported one level lower and says it is uncertain.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from model.checks import graph as g
from model.checks.registry import RULES, lower
from model.core.dates import (
    Month,
    PlanDate,
    Precision,
    Style,
    Truth,
    after_month,
    before_month,
    fiscal_year_of,
    month_of,
    month_style,
    render_fiscal_year,
    render_month,
)
from model.core.errors import Place
from model.core.national import National
from model.core.plan import STATUS_JA, Plan
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: str
    certain: bool
    place: Place
    municipality: str
    phase: str | None
    business: str | None
    words: Words
    related: tuple[Place, ...] = field(default=())

    @property
    def name(self) -> str:
        return RULES[self.code].name

    def message(self, lang: str = "ja") -> str:
        return self.words(lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.place.file, self.place.line, self.place.col, self.code)


UNCERTAIN_JA = "(年度のみの日付のため可能性のある矛盾)"
UNCERTAIN_EN = " (possible only: a year-only date)"
UNCERTAIN_DONE_JA = "(「完了」の月が不明なため可能性のある矛盾)"
UNCERTAIN_DONE_EN = " (possible only: the month of 完了 is unknown)"


def _why_uncertain(dates: tuple[PlanDate | None, ...]) -> tuple[str, str]:
    """Words for a possible-only conflict: a year-only date, or 完了 whose month is unknown."""
    if any(d is not None and d.precision is Precision.FISCAL_YEAR for d in dates):
        return UNCERTAIN_JA, UNCERTAIN_EN
    if any(d is not None and d.is_done for d in dates):
        return UNCERTAIN_DONE_JA, UNCERTAIN_DONE_EN
    return UNCERTAIN_JA, UNCERTAIN_EN


class _Ctx:
    def __init__(self, plan: Plan, nat: National, as_of: Month | None) -> None:
        self.plan = plan
        self.nat = nat
        self.as_of = as_of
        self.out: list[Finding] = []

    def name(self, phase: str, business: str | None, lang: str) -> str:
        n = self.nat.phase_name(phase, lang)
        if business:
            return f"{self.nat.business_name(business, lang)}の{n}" if lang != "en" else f"{n} ({self.nat.business_name(business, 'en')})"
        return n

    def add(self, code: str, truth: Truth, place: Place | None, phase: str | None, business: str | None, ja: str, en: str, severity: str | None = None, related: tuple[Place, ...] = (), dates: tuple[PlanDate | None, ...] = ()) -> None:
        sev = severity or RULES[code].severity
        certain = truth is Truth.CERTAIN
        if not certain:
            sev = lower(sev)
            why_ja, why_en = _why_uncertain(dates)
            ja += why_ja
            en += why_en
        self.out.append(
            Finding(code, sev, certain, place or self.plan.place, self.plan.municipality, phase, business, Words(ja, en), related)
        )


def _m(month: Month, like: PlanDate | None) -> str:
    return render_month(month, month_style(like))


def check_plan(plan: Plan, nat: National, as_of: Month | None = None, graph: g.PlanGraph | None = None) -> list[Finding]:
    """All findings for one plan (suppressions are applied by the caller)."""
    cx = _Ctx(plan, nat, as_of)
    pg = graph or g.build(plan, nat)
    _check_links(cx, pg)
    _check_budget(cx)
    _check_overdue_and_status(cx)
    _check_lease(cx)
    _check_strategy(cx)
    _check_missing(cx)
    _check_extended(cx)
    if plan.depends:
        _check_cycles(cx, pg)
    return cx.out


# -- edge rules: PL001-PL005 --------------------------------------------------


def _check_links(cx: _Ctx, pg: g.PlanGraph) -> None:
    # The hot loop of ``plans lint`` (about 200 links per plan): the interval tests of
    # ``short_gap`` are written out inline and names are rendered only for a finding.
    # national constraints on one phase: only the binding (latest) one of each kind is
    # reported, naming every group that shares its month (spec groups often share R4.8).
    binding: dict[tuple[g.NodeKey, str, str], list[tuple[g.Link, g.Node]]] = {}
    # the earliest month each phase can complete given the national timeline, so that a fix
    # never suggests finishing a phase before its spec or platform exists (computed at the
    # first order conflict: most plans have none)
    earliest: dict[g.NodeKey, Month] | None = None
    get = pg.nodes.get
    na = Precision.NA
    certain, possible = Truth.CERTAIN, Truth.POSSIBLE
    kinds = _KINDS
    for link in pg.links:
        ls = link.src
        src, dst = get(ls), get(link.dst)
        if src is None or dst is None:
            continue
        a, b = src.date, dst.date
        if a is None or b is None or a.precision is na or b.precision is na:
            continue
        rule = link.rule
        if rule == "PL001":
            _deadline(cx, link, b, src)
            continue
        if ls[0] == "national":
            # only a constraint later than the phase's earliest month can bind (and the
            # latest ones, which _national reports, are among those)
            if b.lo < a.hi:
                bkey = (link.dst, rule, kinds.get(ls[2]) or _kind(ls[2]))
                items = binding.get(bkey)
                if items is None:
                    binding[bkey] = [(link, src)]
                else:
                    items.append((link, src))
            continue
        # short_gap(a, b, 0): b before a
        if b.hi < a.lo or b.lo < a.hi:
            if earliest is None:
                earliest = _earliest(pg)
            _order(cx, link, src, dst, certain if b.hi < a.lo else possible, earliest.get(ls))
            continue
        mm = link.min_months
        if mm > 0 and b.lo - a.hi < mm:  # short_gap(a, b, mm)
            _lead(cx, link, src, dst, certain if b.hi - a.lo < mm else possible)
    nodes = pg.nodes
    groups = list(binding.items())
    if len(groups) > 1:
        # report in the order each group's first link (binding or not) comes in the graph
        first: dict[tuple[g.NodeKey, str, str], int] = {}
        for i, link in enumerate(pg.links):
            if link.src[0] == "national":
                first.setdefault((link.dst, link.rule, _kind(link.src[2])), i)
        groups.sort(key=lambda kv: first[kv[0]])
    for (dkey, _, _), items in groups:
        dnode = nodes[dkey]
        ready = max(n.date.hi for _, n in items if n.date)
        top = [(lk, n) for lk, n in items if n.date and n.date.hi == ready]
        _national(cx, top[0][0], [lk for lk, _ in top], top[0][1], dnode)


_KINDS: dict[str | None, str] = {}


def _kind(mid: str | None) -> str:
    """``spec`` for ``spec.group2``: the kind of a national milestone (memoised)."""
    k = _KINDS.get(mid)
    if k is None:
        k = _KINDS[mid] = (mid or "").split(".")[0]
    return k


def _earliest(pg: g.PlanGraph) -> dict[g.NodeKey, Month]:
    earliest: dict[g.NodeKey, Month] = {}
    for link in pg.links:
        if link.src[0] == "national" and link.rule != "PL001" and (n := pg.nodes.get(link.src)) and n.date:
            earliest[link.dst] = max(earliest.get(link.dst, n.date.hi), n.date.hi)
    return earliest


def _order(cx: _Ctx, link: g.Link, src: g.Node, dst: g.Node, t: Truth, src_earliest: Month | None) -> None:
    sp, sb, dp, db = link.src[2], link.src[1], link.dst[2], link.dst[1]
    assert sp and dp and src.date and dst.date
    sj, se = cx.name(sp, sb, "ja"), cx.name(sp, sb, "en")
    dj, de = cx.name(dp, db, "ja"), cx.name(dp, db, "en")
    a, b = src.date, dst.date
    # the second remedy (finish the earlier phase sooner) only where the national
    # timeline allows it, e.g. not a fit-gap analysis before its spec is out
    alt = src_earliest is None or b.lo >= src_earliest
    alt_ja = f"か、{sj}を{_by(b)}までに終えて" if alt else ""
    alt_en = f", or finish {se} by {_by(b)}" if alt else ""
    cx.add(
        "PL002",
        t,
        dst.place,
        dp,
        db,
        f"{dj}({b})が、前提の{sj}({a})より前に完了する計画です。{dj}を{_after(a)}以降にする{alt_ja}ください" if alt else f"{dj}({b})が、前提の{sj}({a})より前に完了する計画です。{dj}を{_after(a)}以降にしてください",
        f"{de} ({b}) completes before {se} ({a}) it depends on; move {de} to {_after(a)} or later{alt_en}",
        link.severity,
        (src.place,) if src.place else (),
        (a, b),
    )


def _after(d: PlanDate) -> str:
    """The earliest month that is certainly not before ``d``."""
    if d.precision is Precision.MONTH:
        return d.text
    return render_month(d.hi, month_style(d))


def _by(d: PlanDate) -> str:
    if d.precision is Precision.MONTH:
        return d.text
    return render_month(d.lo, month_style(d))


def _lead(cx: _Ctx, link: g.Link, src: g.Node, dst: g.Node, t: Truth) -> None:
    sp, sb, dp, db = link.src[2], link.src[1], link.dst[2], link.dst[1]
    assert sp and dp and src.date and dst.date
    a, b = src.date, dst.date
    need = link.min_months
    fix = b.lo - need  # finish src by this month to leave `need` months before dst
    gap_lo, gap_hi = b.lo - a.hi, b.hi - a.lo
    gap_ja = f"{gap_hi}か月しかありません" if t is Truth.CERTAIN else f"最短で{max(gap_lo, 0)}か月しかありません"
    gap_en = f"only {gap_hi} months" if t is Truth.CERTAIN else f"as little as {max(gap_lo, 0)} months"
    sj, se = cx.name(sp, sb, "ja"), cx.name(sp, sb, "en")
    dj, de = cx.name(dp, db, "ja"), cx.name(dp, db, "en")
    cx.add(
        "PL005",
        t,
        src.place,
        sp,
        sb,
        f"{sj}({a})から{dj}({b})まで{gap_ja}({need}か月必要)。{sj}を{_m(fix, a)}までに終えて{need}か月を確保してください",
        f"{gap_en} from {se} ({a}) to {de} ({b}), {need} needed; finish {se} by {_m(fix, a)} to leave {need} months",
        link.severity,
        (dst.place,) if dst.place else (),
        (a, b),
    )


def _deadline(cx: _Ctx, link: g.Link, deadline: PlanDate, mig: g.Node) -> None:
    assert mig.date
    t = after_month(mig.date, deadline.hi)
    if not t:
        return
    b = link.src[1]
    extended = deadline is not cx.nat.deadline
    nj, ne = cx.name("migration", b, "ja"), cx.name("migration", b, "en")
    hint_ja = "延長期限までに完了する計画にしてください" if extended else "期限までに完了する計画にするか、特定移行支援システムの業務は [business.<id>] に extended_deadline を記載してください"
    hint_en = "plan it within the extended deadline" if extended else "plan it by the deadline, or give a declared business its extended_deadline under [business.<id>]"
    cx.add(
        "PL001",
        t,
        mig.place,
        "migration",
        b,
        f"{nj}({mig.date})が{'延長' if extended else ''}期限 {deadline} を過ぎています。{hint_ja}",
        f"{ne} ({mig.date}) is after the {'extended ' if extended else ''}deadline {deadline}; {hint_en}",
        dates=(mig.date, deadline),
    )


def _national(cx: _Ctx, link: g.Link, links: list[g.Link], nat_node: g.Node, dst: g.Node) -> None:
    if dst.date is None or nat_node.date is None or dst.date.is_na:
        return
    ready = nat_node.date.hi
    t = before_month(dst.date, ready)
    if not t:
        return
    dp, db = link.dst[2], link.dst[1]
    assert dp
    mid = link.src[2] or ""
    dj, de = cx.name(dp, db, "ja"), cx.name(dp, db, "en")
    r_ja = render_month(ready, month_style(dst.date))
    kind, _, _ = mid.partition(".")
    groups = [cx.nat.groups[(lk.src[2] or "").partition(".")[2]] for lk in links] if kind in ("spec", "vendor") else []
    gja, gen = "・".join(x.name.ja for x in groups), ", ".join(x.name.en for x in groups)
    if mid.startswith("spec."):
        what_ja, what_en = f"{gja}の標準仕様書の公表", f"the spec release of {gen}"
    elif mid.startswith("vendor."):
        what_ja = f"{gja}の標準準拠パッケージ(仕様公表+{cx.nat.vendor_months}か月の作業仮定)"
        what_en = f"vendor packages for {gen} (spec + {cx.nat.vendor_months} months, assumed)"
    else:
        m = next(x for x in cx.nat.milestones if x.id == mid)
        what_ja, what_en = m.name
    cx.add(
        link.rule,
        t,
        dst.place,
        dp,
        db,
        f"{dj}({dst.date})が{what_ja}({r_ja})より前です。{dj}を{r_ja}以降にしてください",
        f"{de} ({dst.date}) is before {what_en} ({r_ja}); move {de} to {r_ja} or later",
        dates=(dst.date,),
    )


# -- PL006 budget cycle --------------------------------------------------------


def _check_budget(cx: _Ctx) -> None:
    plan = cx.plan
    for lane in g.lanes(plan):
        vs = plan.entry("vendor_selection", lane)
        mp = plan.entry("migration_plan", lane)
        if not vs or not mp or not vs.date or not mp.date:
            continue
        if lane is not None and vs.inherited and mp.inherited:
            continue
        if vs.date.precision not in (Precision.MONTH, Precision.FISCAL_YEAR) or mp.date.is_na or mp.date.is_done:
            continue
        fy = fiscal_year_of(vs.date.lo)
        budget = month_of(fy - 1, cx.nat.budget_request_month)
        t = after_month(mp.date, budget)
        if not t:
            continue
        fy_txt = render_fiscal_year(fy, month_style(vs.date))
        b_txt = render_month(budget, month_style(mp.date))
        pj, pe = cx.name("migration_plan", lane, "ja"), cx.name("migration_plan", lane, "en")
        cx.add(
            "PL006",
            t,
            mp.place,
            "migration_plan",
            lane,
            f"ベンダ選定({vs.date})は{fy_txt}年度の契約で、その予算要求は{b_txt}です。{pj}({mp.date})を{b_txt}までに終えてください",
            f"vendor selection ({vs.date}) is a contract in FY {fy_txt}, whose budget is requested in {b_txt}; finish {pe} ({mp.date}) by {b_txt}",
            related=(vs.place,),
            dates=(vs.date, mp.date),
        )


# -- PL007 overdue, PL011 status vs date ----------------------------------------


def _entries(plan: Plan):  # type: ignore[no-untyped-def]
    for pid, e in plan.phases.items():
        yield pid, None, e
    for bid, bp in plan.businesses.items():
        for pid, e in bp.phases.items():
            yield pid, bid, e


def _check_overdue_and_status(cx: _Ctx) -> None:
    # this visits every date of a plan; a date without a status that is not past the
    # evaluation month (most of them) can give no finding and is passed over here
    plan, as_of = cx.plan, cx.as_of
    na, done = Precision.NA, Precision.DONE
    for pid, bid, e in _entries(plan):
        d = e.date
        if d is None:
            continue
        st = e.status
        if st is None and (as_of is None or d.precision is na or d.precision is done or d.lo >= as_of):
            continue
        # names and the month are rendered only for a finding (this loop visits every date)
        if d.is_done and st in ("not_started", "in_progress"):
            nj, ne = cx.name(pid, bid, "ja"), cx.name(pid, bid, "en")
            cx.add("PL011", Truth.CERTAIN, e.place, pid, bid, f"{nj}は「完了」ですが状況が{STATUS_JA[st]}です。どちらかを直してください", f"{ne} is 完了 but its status is {st}; correct one of them")
        if not d.is_na and not d.is_done and st == "n/a":
            nj, ne = cx.name(pid, bid, "ja"), cx.name(pid, bid, "en")
            cx.add("PL011", Truth.CERTAIN, e.place, pid, bid, f"{nj}は対象外(n/a)ですが日付 {d} があります。日付を消すか状況を直してください", f"{ne} is n/a but has the date {d}; remove the date or fix the status")
        if cx.as_of is None or d.is_na or d.is_done:
            continue
        if st == "done":
            if t := after_month(d, cx.as_of):
                nj, ne = cx.name(pid, bid, "ja"), cx.name(pid, bid, "en")
                asof = render_month(cx.as_of, month_style(d))
                cx.add("PL011", t, e.place, pid, bid, f"{nj}は完了済み(done)ですが、完了予定 {d} は評価日 {asof} より後です。実際の完了月を書いてください", f"{ne} is done but planned for {d}, after the evaluation date {asof}; write the month it was done", dates=(d,))
            continue
        if st == "n/a":
            continue
        if t := before_month(d, cx.as_of):
            nj, ne = cx.name(pid, bid, "ja"), cx.name(pid, bid, "en")
            asof = render_month(cx.as_of, month_style(d))
            state = f"状況が{STATUS_JA[st]}" if st else "状況の記録がありません"
            cx.add(
                "PL007",
                t,
                e.place,
                pid,
                bid,
                f"{nj}の完了予定 {d} を評価日 {asof} の時点で過ぎていますが、{state}。完了していれば [status] に done を、未完了なら予定を見直してください",
                f"{ne} was planned for {d} and is past at the evaluation date {asof}, but {'its status is ' + st if st else 'no status is recorded'}; record done, or re-plan it",
                dates=(d,),
            )


# -- PL008 lease remainder -----------------------------------------------------


def _check_lease(cx: _Ctx) -> None:
    plan = cx.plan
    n = cx.nat.lease_overlap_months
    for lane in g.lanes(plan):
        ce = plan.businesses[lane].contract_end if lane else plan.contract_end
        if lane and ce is None:
            continue
        mig = plan.entry("migration", lane)
        if ce is None or mig is None or mig.date is None or mig.date.is_na:
            continue
        if lane and mig.inherited and ce is plan.contract_end:
            continue
        m = mig.date
        if ce.lo - m.hi > n:
            t = Truth.CERTAIN
        elif ce.hi - m.lo > n:
            t = Truth.POSSIBLE
        else:
            continue
        over = ce.hi - m.hi
        nj, ne = cx.name("migration", lane, "ja"), cx.name("migration", lane, "en")
        cx.add(
            "PL008",
            t,
            mig.place,
            "migration",
            lane,
            f"現行契約の終了({ce})が{nj}({m})の約{over}か月後です。リース残債の二重払いになります。契約終了と移行時期を合わせるか、残債の財源を確保してください",
            f"the current contract ends {ce}, about {over} months after {ne} ({m}): the lease remainder is paid twice; align them or fund the remainder",
            dates=(ce, m),
        )


# -- PL009 strategy, PL010 missing, PL014 extended -----------------------------


def _check_strategy(cx: _Ctx) -> None:
    plan = cx.plan
    vs = plan.phases.get("vendor_selection")
    declared = plan.declared_strategy
    if not declared or not vs or not vs.date:
        return
    if declared == "current_vendor" and not vs.date.is_na:
        cx.add("PL009", Truth.CERTAIN, vs.place, "vendor_selection", None, f"vendor_strategy は current_vendor(現行ベンダで標準化)ですが、ベンダ選定に日付 {vs.date} があります。どちらかに揃えてください", f"vendor_strategy is current_vendor but vendor selection has the date {vs.date}; make them agree", related=(plan.strategy_place,) if plan.strategy_place else ())
    if declared == "new_vendor" and vs.date.is_na:
        cx.add("PL009", Truth.CERTAIN, vs.place, "vendor_selection", None, f"vendor_strategy は new_vendor ですが、ベンダ選定は「{vs.date}」です。どちらかに揃えてください", f"vendor_strategy is new_vendor but vendor selection says {vs.date}; make them agree", related=(plan.strategy_place,) if plan.strategy_place else ())


def _check_missing(cx: _Ctx) -> None:
    plan = cx.plan
    for p in cx.nat.phases:
        e = plan.phases.get(p.id)
        if e is not None and (e.date is not None or e.status in ("n/a", "done")):
            continue
        place = e.place if e else None
        cx.add("PL010", Truth.CERTAIN, place, p.id, None, f"{p.name.ja}の完了予定がありません。[phases] に {p.id} = \"R5\" のように書くか、対象外なら [status] に n/a と書いてください", f"{p.name.en} has no planned completion; add {p.id} = \"R5\" under [phases], or status n/a")


def _check_extended(cx: _Ctx) -> None:
    limit = cx.nat.extended_deadline_limit
    if limit is None:
        return
    for bid, bp in cx.plan.businesses.items():
        ext = bp.extended_deadline
        if ext is None:
            continue
        if t := after_month(ext, limit.hi):
            line = cx.plan.entry("migration", bid)
            cx.add("PL014", t, line.place if line else bp.place, "migration", bid, f"{cx.nat.business_name(bid)}の延長期限 {ext} が国の目安 {limit} を超えています", f"the extended deadline {ext} of {cx.nat.business_name(bid, 'en')} is beyond the national limit {limit}", dates=(ext,))


def _check_cycles(cx: _Ctx, pg: g.PlanGraph) -> None:
    path = g.find_cycle(pg)
    if not path:
        return
    on_cycle = set(itertools.pairwise(path))
    names_ja = " → ".join(cx.name(k[2], k[1], "ja") if k[0] == "phase" and k[2] else str(k[2]) for k in path)
    names_en = " → ".join(cx.name(k[2], k[1], "en") if k[0] == "phase" and k[2] else str(k[2]) for k in path)
    declared = {(lk.src, lk.dst): lk.place for lk in pg.links if lk.declared}
    place = next((declared[e] for e in on_cycle if e in declared), None)
    cx.add("PL012", Truth.CERTAIN, place, None, None, f"依存関係が循環しています: {names_ja}。[[depends]] のどれかを削除するか向きを直してください", f"dependencies form a cycle: {names_en}; remove or reverse one [[depends]]")


__all__ = ["Finding", "Style", "check_plan"]
