"""The national timeline as data (``plans/national.toml``): milestones, spec groups, the 20
businesses, the phase template and its dependencies, the deadline and budget month."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from model.core import dates
from model.core.constraints import DEADLINE, FAMILIES, Constraint, parse_constraints
from model.core.dates import Month, PlanDate
from model.core.errors import NationalError, Problems
from model.core.reader import Reader, read_or_raise
from model.core.steps import Step, parse_steps
from model.core.words import Words

MAX_MONTHS = 600  # a lag or allowance beyond 50 years is a typing error
LANES = ("policy", "cloud", "spec", "vendor")


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    lane: str
    name: Words
    date: PlanDate
    start: PlanDate | None = None


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: Words
    spec: PlanDate
    common: bool = False


@dataclass(frozen=True, slots=True)
class Business:
    id: str
    name: Words
    group: str


@dataclass(frozen=True, slots=True)
class PhaseDef:
    id: str
    name: Words
    column: str


@dataclass(frozen=True, slots=True)
class National:
    file: str
    digest: str
    deadline: PlanDate
    extended_deadline_limit: PlanDate | None
    budget_request_month: int
    lease_overlap_months: int
    evaluation_date: Month | None
    vendor_months: int
    milestones: tuple[Milestone, ...]
    groups: dict[str, Group]
    businesses: dict[str, Business]
    phases: tuple[PhaseDef, ...]
    constraints: tuple[Constraint, ...]
    phase_index: dict[str, int] = field(default_factory=dict)
    steps: tuple[Step, ...] = ()  # the procedure's 40 steps ([[step]], model/core/steps.py)

    def phase(self, pid: str) -> PhaseDef:
        return self.phases[self.phase_index[pid]]

    def phase_name(self, pid: str, lang: str = "ja") -> str:
        return self.phase(pid).name(lang)

    def business_name(self, bid: str | None, lang: str = "ja") -> str:
        if bid is None:
            return "全業務" if lang != "en" else "all businesses"
        return self.businesses[bid].name(lang)

    def spec_groups_for(self, bids: list[str]) -> list[Group]:
        """The spec groups a set of businesses depends on (including common ones)."""
        ids = {self.businesses[b].group for b in bids}
        return [g for g in self.groups.values() if g.id in ids or g.common]

    def constrained_by(self) -> list[str]:
        """Milestone ids some constraint names (``after`` or ``by``), in milestone order:
        the national dates that gate a phase."""
        named = {c.after for c in self.constraints} | {c.by for c in self.constraints}
        return [m.id for m in self.milestones if m.id in named]

    def vendor_ready(self, g: Group) -> Month:
        return g.spec.hi + self.vendor_months

    def with_changes(self, **kw: Any) -> National:
        """A copy with some fields replaced (used by what-if scenarios)."""
        return replace(self, **kw)


_TOP = (
    "deadline",
    "extended_deadline_limit",
    "budget_request_month",
    "lease_overlap_months",
    "evaluation_date",
    "vendor_months",
    "milestone",
    "group",
    "business",
    "phase",
    "constraint",
    "step",
)


def default_path() -> Path:
    """``plans/national.toml`` of a source checkout, else the copy shipped in the wheel."""
    model = Path(__file__).resolve().parents[1]
    for cand in (model.parent / "plans" / "national.toml", model / "data" / "national.toml"):
        if cand.is_file():
            return cand
    return model.parent / "plans" / "national.toml"


def find_national(paths: list[Path]) -> Path:
    """``national.toml`` beside the plans given, else the default. Anything named so that is
    there (a folder, a FIFO, a dangling link or a loop) is returned too, for
    :func:`load_national` to refuse with its place: only a missing file falls back."""
    for p in paths:
        d = p if p.is_dir() else p.parent
        cand = d / "national.toml"
        if os.path.lexists(cand):
            return cand
    return default_path()


def load_national(path: Path | None = None) -> National:
    file, raw, text, problems = read_or_raise(path or default_path(), NationalError)
    nat = parse_national(text, file, problems, hashlib.sha256(raw).hexdigest())
    if problems or nat is None:
        raise NationalError(f"{file}: {len(problems.items)} problem(s)", problems.items)
    return nat


def parse_national(text: str, file: str, problems: Problems, digest: str = "") -> National | None:
    r = Reader(file, text, problems)
    if r.data is None:
        return None
    d = r.data
    r.check_keys((), d, _TOP, "national.toml")

    def date(key: str, required: bool = True) -> PlanDate | None:
        if key not in d:
            if required:
                r.err((), "E007", f"「{key}」がありません", f"missing {key!r}")
            return None
        return r.date((key,), d[key])

    deadline = date("deadline")
    limit = date("extended_deadline_limit", required=False)
    ev = date("evaluation_date", required=False)
    budget = r.typed(("budget_request_month",), d.get("budget_request_month", 10), int, "10")
    if isinstance(budget, int) and not 1 <= budget <= 12:
        r.err(("budget_request_month",), "E008", "1〜12の月で書いてください", "write a month number 1-12")
    lease = r.bounded(("lease_overlap_months",), d.get("lease_overlap_months", 3), "3", 0, MAX_MONTHS)
    vmonths = r.bounded(("vendor_months",), d.get("vendor_months", 12), "12", 0, MAX_MONTHS)

    seen: dict[tuple[str, str], Any] = {}
    phases: list[PhaseDef] = []
    for i, t in enumerate(_tables(r, d, "phase")):
        r.check_keys(("phase", i), t, ("id", "name", "column", "name_en"), "[[phase]]")
        pid, name = _str(r, ("phase", i, "id"), t), _str(r, ("phase", i, "name"), t)
        if pid and name and _unique(r, seen, ("phase", i, "id"), pid):
            phases.append(PhaseDef(pid, Words(name, str(t.get("name_en", pid))), str(t.get("column", name))))
    index = {p.id: i for i, p in enumerate(phases)}

    groups: dict[str, Group] = {}
    for i, t in enumerate(_tables(r, d, "group")):
        r.check_keys(("group", i), t, ("id", "name", "name_en", "spec", "common"), "[[group]]")
        gid, name = _str(r, ("group", i, "id"), t), _str(r, ("group", i, "name"), t)
        spec = r.date(("group", i, "spec"), t["spec"]) if "spec" in t else None
        if "spec" not in t:
            r.err(
                ("group", i),
                "E007",
                "「spec」(仕様書の公表月)がありません",
                "missing 'spec' (the spec's release month)",
            )
        if gid and name and spec and _unique(r, seen, ("group", i, "id"), gid):
            groups[gid] = Group(gid, Words(name, str(t.get("name_en", gid))), spec, bool(t.get("common", False)))

    businesses: dict[str, Business] = {}
    for i, t in enumerate(_tables(r, d, "business")):
        r.check_keys(("business", i), t, ("id", "name", "name_en", "group"), "[[business]]")
        bid, name, grp = (_str(r, ("business", i, k), t) for k in ("id", "name", "group"))
        if grp and grp not in groups:
            r.err(("business", i, "group"), "E005", f"未知のグループ「{grp}」", f"unknown group {grp!r}")
        if bid and name and grp and _unique(r, seen, ("business", i, "id"), bid):
            businesses[bid] = Business(bid, Words(name, str(t.get("name_en", bid))), grp)

    milestones: list[Milestone] = []
    for i, t in enumerate(_tables(r, d, "milestone")):
        r.check_keys(("milestone", i), t, ("id", "lane", "name", "name_en", "date", "start"), "[[milestone]]")
        mid, name, lane = (_str(r, ("milestone", i, k), t) for k in ("id", "name", "lane"))
        if lane and lane not in LANES:
            r.err(
                ("milestone", i, "lane"),
                "E008",
                f"lane は {', '.join(LANES)} のいずれかです",
                f"lane must be one of {', '.join(LANES)}",
            )
        md = r.date(("milestone", i, "date"), t["date"]) if "date" in t else None
        start = r.date(("milestone", i, "start"), t["start"]) if "start" in t else None
        if mid and name and lane and md and _unique(r, seen, ("milestone", i, "id"), mid):
            milestones.append(Milestone(mid, lane, Words(name, str(t.get("name_en", mid))), md, start))

    national_ids = {m.id for m in milestones} | {DEADLINE, *FAMILIES} | {f"{f}.{g}" for f in FAMILIES for g in groups}
    constraints = parse_constraints(r, d, index, national_ids)
    steps = parse_steps(r, d, index)

    if problems or deadline is None:
        return None
    return National(
        file=file,
        digest=digest,
        deadline=deadline,
        extended_deadline_limit=limit,
        budget_request_month=budget if isinstance(budget, int) else 10,
        lease_overlap_months=lease if isinstance(lease, int) else 3,
        evaluation_date=ev.hi if ev is not None else None,
        vendor_months=vmonths if isinstance(vmonths, int) else 12,
        milestones=tuple(milestones),
        groups=groups,
        businesses=businesses,
        phases=tuple(phases),
        constraints=tuple(constraints),
        phase_index=index,
        steps=steps,
    )


def _unique(r: Reader, seen: dict[tuple[str, str], Any], path: tuple[Any, ...], ident: str) -> bool:
    """An id used once per kind (a phase, group, business or milestone); a second one is E008."""
    key = (str(path[0]), ident)
    if key in seen:
        line, _ = r.where(seen[key])
        r.err(
            path,
            "E008",
            f"id「{ident}」が重複しています({line}行目にもあります)。別の id にしてください",
            f"the id {ident!r} is used twice (also on line {line}); give it another id",
        )
        return False
    seen[key] = path
    return True


def _tables(r: Reader, d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    v = d.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        r.err((key,), "E003", f"[[{key}]] の表の並びで書いてください", f"write {key} as [[{key}]] tables")
        return []
    return v


def _str(r: Reader, path: tuple[Any, ...], t: dict[str, Any]) -> str | None:
    key = path[-1]
    if key not in t:
        r.err(path[:-1], "E007", f"「{key}」がありません", f"missing {key!r}")
        return None
    return r.typed(path, t[key], str, f'{key} = "..."')


def national_milestone_dates(nat: National) -> dict[str, Month]:
    """Every national node's month: milestones, specs (``spec.<group>``) and vendor packages
    (``vendor.<group>``) and the deadline; used by the graph and by what-if shifts."""
    out: dict[str, Month] = {m.id: m.date.hi for m in nat.milestones}
    for g in nat.groups.values():
        out[f"spec.{g.id}"] = g.spec.hi
        out[f"vendor.{g.id}"] = nat.vendor_ready(g)
    out["deadline"] = nat.deadline.hi
    return out


__all__ = [
    "Business",
    "Constraint",
    "Group",
    "Milestone",
    "National",
    "PhaseDef",
    "dates",
    "find_national",
    "load_national",
    "national_milestone_dates",
]
