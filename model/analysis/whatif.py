"""What if the national timeline moves? Shift milestones, spec releases, vendor packages or
the deadline, re-check every plan, and say which plans gain or lose which findings.

A change names a national id as :func:`model.core.national.national_milestone_dates` does
(``spec.group2``, ``vendor.group2``, ``cloud``, ``policy.basic``, ``deadline``) or a scalar
(``vendor_months``, ``extended_deadline_limit``) and either shifts it (``+6m``, ``-1y``) or
sets it (``R7.3``). Shifting a spec moves its vendor packages with it (they follow the spec
by ``vendor_months``); shifting ``vendor.<group>`` moves only that group's packages.

A scenario file collects changes (validated with places, like a plan)::

    name = "第2グループの仕様が半年遅れ"
    deadline = "R7.3"            # set a date
    vendor_months = 18           # set a scalar
    plans = ["ube.toml"]         # optional: only these plans (inside the plans folder)
    [shift]
    "spec.group2" = "+6m"        # or 6 (months)
    [set]
    cloud = "R6.4"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from model.checks.engine import Finding
from model.checks.registry import SEVERITY_ORDER
from model.core.dates import (
    DateError,
    Month,
    PlanDate,
    Precision,
    Style,
    month_style,
    parse,
    render_month,
)
from model.core.errors import Problem, Problems, UsageError, display_path
from model.core.national import National, national_milestone_dates
from model.core.plan import Plan, dates_close
from model.core.reader import Reader, read_text
from model.project.lint import lint_plan

SCALARS = ("vendor_months",)
DATE_SCALARS = ("deadline", "extended_deadline_limit")


@dataclass(frozen=True, slots=True)
class ShiftedNational(National):
    """A national timeline whose vendor packages for some groups are shifted on their own.

    ``National`` computes a group's packages as spec + ``vendor_months`` for every group;
    ``vendor.<group>`` shifts need a per-group offset, kept here so that national.py (and
    every caller of ``vendor_ready``/``national_milestone_dates``) stays unchanged.
    """

    vendor_shift: dict[str, int] = field(default_factory=dict)

    def vendor_ready(self, g: Any) -> Month:
        return National.vendor_ready(self, g) + self.vendor_shift.get(g.id, 0)


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the national timeline: shift ``target`` by ``months`` or set it."""

    target: str
    months: int | None = None  # a relative shift
    value: PlanDate | int | None = None  # an absolute date (or a number for a scalar)
    source: str = ""  # where it was written: "--shift spec.group2=+6m" or "s.toml:7:1"

    def describe(self, lang: str = "ja") -> str:
        if self.months is not None:
            unit = "か月" if lang != "en" else " months"
            return f"{self.target} {self.months:+d}{unit}"
        return f"{self.target} = {self.value}"


@dataclass(frozen=True, slots=True)
class Applied:
    """A change as applied: the target's value before and after."""

    target: str
    before: str
    after: str
    delta: int | None  # months moved (None for a scalar set)


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    changes: tuple[Change, ...]
    plans: tuple[Path, ...] | None  # None = every plan given on the command line
    file: str = ""


class ScenarioError(UsageError):
    title = "invalid what-if scenario"


# -- parsing changes -----------------------------------------------------------

_AMOUNT = re.compile(r"^\s*([+-]?)\s*(\d{1,3})\s*(m|mo|months?|y|years?|か月|ヶ月|カ月|年)?\s*$", re.IGNORECASE)


def parse_amount(text: str) -> int | None:
    """``+6m`` / ``-3m`` / ``+1y`` / ``6`` / ``+6か月`` as months, or None if not an amount."""
    import unicodedata

    m = _AMOUNT.match(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    sign, n, unit = m.groups()
    months = int(n) * (12 if unit and unit.lower()[0] in "y年" else 1)
    return -months if sign == "-" else months


def targets(nat: National) -> dict[str, Month | int]:
    """Every id a change can name, with its current value (a month, or a number)."""
    out: dict[str, Month | int] = dict(national_milestone_dates(nat))
    if nat.extended_deadline_limit is not None:
        out["extended_deadline_limit"] = nat.extended_deadline_limit.hi
    out["vendor_months"] = nat.vendor_months
    return out


def _unknown(target: str, nat: National) -> tuple[str, str]:
    ja, en = dates_close(target, list(targets(nat)))
    return f"国のスケジュールに「{target}」はありません。{ja}", f"no national id {target!r}; {en}"


def parse_shift(text: str, nat: National) -> Change:
    """``ID=+6m`` (shift) or ``ID=R7.3`` (set); raises ScenarioError saying what to write."""
    target, sep, value = text.partition("=")
    target, value = target.strip(), value.strip()
    src = f"--shift {text}"
    if not sep or not target or not value:
        raise ScenarioError(
            f"{src}: write ID=+6m or ID=R7.3, e.g. spec.group2=+6m",
            [_usage(src, "ID=+6m か ID=R7.3 の形で書いてください(例: spec.group2=+6m)", "write ID=+6m or ID=R7.3, e.g. spec.group2=+6m")],
        )
    if target not in targets(nat):
        ja, en = _unknown(target, nat)
        raise ScenarioError(f"{src}: {en}", [_usage(src, ja, en)])
    months = parse_amount(value)
    if months is not None:
        return Change(target, months=months, source=src)
    if target in SCALARS:
        raise ScenarioError(f"{src}: {target} takes a number of months, e.g. {target}=+6", [_usage(src, f"{target} は月数で書いてください(例: {target}=+6)", f"{target} takes months, e.g. {target}=+6")])
    try:
        d = parse(value)
    except DateError as e:
        raise ScenarioError(f"{src}: {e.text('en')}", [_usage(src, f"+6m(ずらす)か R7.3(日付)で書いてください。{e.text('ja')}", f"write +6m (shift) or R7.3 (a date); {e.text('en')}")]) from None
    if d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
        raise ScenarioError(f"{src}: write a month", [_usage(src, "年月で書いてください(例: R7.3)", "write a month, e.g. R7.3")])
    return Change(target, value=d, source=src)


def deadline_change(text: str) -> Change:
    """``--deadline R7.3``."""
    src = f"--deadline {text}"
    try:
        d = parse(text)
    except DateError as e:
        raise ScenarioError(f"{src}: {e.text('en')}", [_usage(src, e.text("ja"), e.text("en"))]) from None
    if d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
        raise ScenarioError(f"{src}: write a month", [_usage(src, "年月で書いてください(例: R7.3)", "write a month, e.g. R7.3")])
    return Change("deadline", value=d, source=src)


def _usage(src: str, ja: str, en: str) -> Problem:
    from model.core.errors import Place
    from model.core.words import Words

    return Problem(Place(src), "E008", Words(ja, en))


_SCENARIO_KEYS = ("name", "description", "plans", "shift", "set", "deadline", "extended_deadline_limit", "vendor_months")


def load_scenario(path: Path, nat: National, plans_root: Path) -> Scenario:
    """Read a scenario file; every problem with its place (ScenarioError). Paths it names
    must stay inside ``plans_root``."""
    file = display_path(path)
    problems = Problems(file)
    got = read_text(path, file, problems)
    if got is None:
        raise ScenarioError(f"{file}: cannot read", problems.items)
    _, text = got
    r = Reader(file, text, problems)
    if r.data is None:
        raise ScenarioError(f"{file}: not valid TOML", problems.items)
    d = r.data
    r.check_keys((), d, _SCENARIO_KEYS, "シナリオ")
    known = targets(nat)
    changes: list[Change] = []

    def src(path: tuple[Any, ...]) -> str:
        line, col = r.where(path)
        return f"{file}:{line}:{col}"

    name = r.typed(("name",), d["name"], str, 'name = "..."') if "name" in d else None
    for key in DATE_SCALARS:
        if key in d and (v := r.date((key,), d[key])) is not None:
            if v.precision in (Precision.MONTH, Precision.FISCAL_YEAR):
                changes.append(Change(key, value=v, source=src((key,))))
            else:
                r.err((key,), "E008", f"「{key}」は年月で書いてください(例: R7.3)", f"write {key!r} as a month, e.g. R7.3")
    if "vendor_months" in d and (n := r.typed(("vendor_months",), d["vendor_months"], int, "vendor_months = 12")) is not None:
        if 0 <= n <= 120:
            changes.append(Change("vendor_months", value=n, source=src(("vendor_months",))))
        else:
            r.err(("vendor_months",), "E008", "vendor_months は0〜120です", "vendor_months must be 0-120")
    for table in ("shift", "set"):
        t = d.get(table, {})
        if r.typed((table,), t, dict, f'[{table}]\n"spec.group2" = ...') is None:
            continue
        for k, v in t.items():
            at = (table, k)
            if k not in known:
                ja, en = _unknown(k, nat)
                r.err(at, "E005", ja, en, value=False)
                continue
            if table == "shift":
                months = v if isinstance(v, int) and not isinstance(v, bool) else (parse_amount(v) if isinstance(v, str) else None)
                if months is None:
                    r.err(at, "E008", "ずらす量は \"+6m\"、\"-1y\" か月数(6)で書いてください", 'write a shift as "+6m", "-1y" or a number of months (6)')
                else:
                    changes.append(Change(k, months=months, source=src(at)))
            elif k in SCALARS:
                if (n := r.typed(at, v, int, f"{k} = 12")) is not None:
                    changes.append(Change(k, value=n, source=src(at)))
            elif (dv := r.date(at, v)) is not None:
                changes.append(Change(k, value=dv, source=src(at)))
    plans: list[Path] | None = None
    if "plans" in d:
        lst = r.typed(("plans",), d["plans"], list, 'plans = ["ube.toml"]')
        if lst is not None:
            plans = []
            root = plans_root.resolve()
            for i, p in enumerate(lst):
                if r.typed(("plans", i), p, str, '"ube.toml"') is None:
                    continue
                if "\x00" in p:  # Path.resolve() raises ValueError on a NUL: it was a traceback
                    r.err(("plans", i), "E008", "ファイル名にNUL文字は使えません", "a file name cannot contain a NUL character")
                    continue
                target = (root / p).resolve()
                if not target.is_relative_to(root):
                    r.err(("plans", i), "E008", f"「{p}」は計画フォルダ {display_path(root)} の外です。フォルダ内のファイル名を書いてください", f"{p!r} is outside the plans folder {display_path(root)}; name a file inside it")
                elif not target.is_file():
                    r.err(("plans", i), "E009", f"「{p}」がありません", f"{p!r} does not exist")
                else:
                    plans.append(target)
    if problems:
        raise ScenarioError(f"{file}: {len(problems.items)} problem(s)", problems.items)
    return Scenario(name or path.stem, tuple(changes), tuple(plans) if plans is not None else None, file)


# -- applying changes ------------------------------------------------------------


def _shift_date(d: PlanDate, n: int) -> PlanDate:
    if d.precision is Precision.FISCAL_YEAR and n % 12 == 0:
        from model.core.dates import render_fiscal_year

        lo, hi = d.lo + n, d.hi + n
        fy = (lo - 3) // 12  # April of the fiscal year
        return PlanDate(lo, hi, d.precision, d.style, render_fiscal_year(fy, d.style if d.style is not Style.WORD else Style.ERA))
    m = d.hi + n
    return PlanDate(m, m, Precision.MONTH, month_style(d), render_month(m, month_style(d)))


def _fmt(v: Month | int | PlanDate, target: str) -> str:
    if isinstance(v, PlanDate):
        return v.text
    return str(v) if target in SCALARS else render_month(v)


def apply_changes(nat: National, changes: Iterable[Change]) -> tuple[National, list[Applied]]:
    """The national timeline with every change applied, in order, and what moved.

    Raises ScenarioError for an id the timeline does not have.
    """
    cur: National = nat if isinstance(nat, ShiftedNational) else ShiftedNational(**{f: getattr(nat, f) for f in National.__dataclass_fields__})
    applied: list[Applied] = []
    for ch in changes:
        before_all = targets(cur)
        if ch.target not in before_all:
            ja, en = _unknown(ch.target, cur)
            raise ScenarioError(f"{ch.source}: {en}", [_usage(ch.source or ch.target, ja, en)])
        before = before_all[ch.target]
        cur = _apply_one(cur, ch)
        after = targets(cur)[ch.target]
        delta = None if ch.target in SCALARS else int(after) - int(before)
        applied.append(Applied(ch.target, _fmt(before, ch.target), _fmt(after, ch.target), delta))
    return cur, applied


def _new_date(old: PlanDate, ch: Change) -> PlanDate:
    if ch.months is not None:
        return _shift_date(old, ch.months)
    assert isinstance(ch.value, PlanDate)
    return ch.value


def _apply_one(nat: National, ch: Change) -> National:
    t = ch.target
    if t == "vendor_months":
        n = nat.vendor_months + ch.months if ch.months is not None else int(ch.value)  # type: ignore[arg-type]
        return nat.with_changes(vendor_months=max(0, n))
    if t == "deadline":
        return nat.with_changes(deadline=_new_date(nat.deadline, ch))
    if t == "extended_deadline_limit":
        assert nat.extended_deadline_limit is not None
        return nat.with_changes(extended_deadline_limit=_new_date(nat.extended_deadline_limit, ch))
    kind, _, gid = t.partition(".")
    if kind == "spec" and gid in nat.groups:
        g = nat.groups[gid]
        groups = {**nat.groups, gid: replace(g, spec=_new_date(g.spec, ch))}
        return nat.with_changes(groups=groups)
    if kind == "vendor" and gid in nat.groups:
        assert isinstance(nat, ShiftedNational)
        g = nat.groups[gid]
        ready = nat.vendor_ready(g)
        want = ready + ch.months if ch.months is not None else ch.value.hi  # type: ignore[union-attr]
        shift = {**nat.vendor_shift, gid: nat.vendor_shift.get(gid, 0) + want - ready}
        return nat.with_changes(vendor_shift=shift)
    ms = tuple(replace(m, date=_new_date(m.date, ch)) if m.id == t else m for m in nat.milestones)
    return nat.with_changes(milestones=ms)


# -- diffing findings ---------------------------------------------------------------

Key = tuple[str, str, str | None, str | None]


def key_of(f: Finding) -> Key:
    return (f.place.file, f.code, f.phase, f.business)


@dataclass(slots=True)
class PlanDiff:
    file: str
    municipality: str
    gained: list[Finding] = field(default_factory=list)
    lost: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)  # (before, after): severity moved

    def __bool__(self) -> bool:
        return bool(self.gained or self.lost or self.changed)


@dataclass(slots=True)
class WhatIf:
    applied: list[Applied]
    diffs: list[PlanDiff]  # plans with any change, in file order
    plans: int
    before: int  # findings before
    after: int  # findings after
    name: str = ""

    def counts(self) -> dict[str, int]:
        return {
            "plans": self.plans,
            "plans_changed": len(self.diffs),
            "plans_gaining": sum(1 for d in self.diffs if d.gained),
            "plans_losing": sum(1 for d in self.diffs if d.lost),
            "gained": sum(len(d.gained) for d in self.diffs),
            "lost": sum(len(d.lost) for d in self.diffs),
            "changed": sum(len(d.changed) for d in self.diffs),
            "findings_before": self.before,
            "findings_after": self.after,
        }

    def files_gaining(self, code: str | None = None) -> set[str]:
        return {d.file for d in self.diffs if any(code is None or f.code == code for f in d.gained)}


def findings_of(plan: Plan, nat: National, as_of: Month, enabled: set[str] | None = None) -> list[Finding]:
    """``lint_plan`` for one timeline; resets the suppressions' used-marks first so that the
    same loaded plan can be checked against several timelines."""
    for s in plan.ignores:
        s.used = False
    return lint_plan(plan, nat, as_of, enabled)


def _worst(fs: list[Finding]) -> Finding:
    return max(fs, key=lambda f: (SEVERITY_ORDER[f.severity], f.certain))


def diff_findings(plan: Plan, before: list[Finding], after: list[Finding]) -> PlanDiff:
    """Findings gained, lost and changed (same key, other severity or certainty), keyed by
    (file, code, phase, business)."""
    b: dict[Key, list[Finding]] = {}
    a: dict[Key, list[Finding]] = {}
    for f in before:
        b.setdefault(key_of(f), []).append(f)
    for f in after:
        a.setdefault(key_of(f), []).append(f)
    out = PlanDiff(plan.file, plan.municipality)
    for k in sorted(a.keys() | b.keys(), key=lambda k: tuple("" if x is None else x for x in k)):
        if k not in b:
            out.gained.extend(a[k])
        elif k not in a:
            out.lost.extend(b[k])
        else:
            wb, wa = _worst(b[k]), _worst(a[k])
            if (wb.severity, wb.certain) != (wa.severity, wa.certain):
                out.changed.append((wb, wa))
    return out


def what_if(
    plans: list[Plan],
    nat: National,
    changes: Iterable[Change],
    as_of: Month,
    *,
    enabled: set[str] | None = None,
    name: str = "",
    on_step: Callable[[], None] | None = None,
) -> WhatIf:
    """Check every plan against the timeline and against the changed one; the differences."""
    shifted, applied = apply_changes(nat, changes)
    return compare(plans, nat, shifted, applied, as_of, enabled=enabled, name=name, on_step=on_step)


def compare(
    plans: list[Plan],
    nat: National,
    shifted: National,
    applied: list[Applied],
    as_of: Month,
    *,
    enabled: set[str] | None = None,
    name: str = "",
    on_step: Callable[[], None] | None = None,
) -> WhatIf:
    diffs: list[PlanDiff] = []
    nb = na = 0
    for plan in plans:
        before = findings_of(plan, nat, as_of, enabled)
        after = findings_of(plan, shifted, as_of, enabled)
        nb, na = nb + len(before), na + len(after)
        d = diff_findings(plan, before, after)
        if d:
            diffs.append(d)
        if on_step is not None:
            on_step()
    diffs.sort(key=lambda d: d.file)
    return WhatIf(applied, diffs, len(plans), nb, na, name)


def shift_one(nat: National, target: str, months: int) -> tuple[National, list[Applied]]:
    """One relative shift (the app's what-if mode moves the selected milestone by keys)."""
    if months == 0:
        return apply_changes(nat, [])
    return apply_changes(nat, [Change(target, months=months, source=f"{target}{months:+d}m")])


__all__ = [
    "Applied",
    "Change",
    "PlanDiff",
    "Scenario",
    "ScenarioError",
    "ShiftedNational",
    "WhatIf",
    "apply_changes",
    "deadline_change",
    "load_scenario",
    "parse_amount",
    "parse_shift",
    "shift_one",
    "targets",
    "what_if",
]


def target_label(nat: National, target: str, lang: str = "ja") -> str:
    """A national id in words: ``spec.group2`` -> 第2グループ 標準仕様書."""
    en = lang == "en"
    kind, _, gid = target.partition(".")
    if kind in ("spec", "vendor") and gid in nat.groups:
        g = nat.groups[gid]
        if kind == "spec":
            return f"{g.name.en} spec" if en else f"{g.name.ja} 標準仕様書"
        return f"{g.name.en} vendor packages" if en else f"{g.name.ja} 標準準拠パッケージ"
    fixed = {
        "deadline": ("移行期限", "deadline"),
        "extended_deadline_limit": ("延長期限の目安", "extended deadline limit"),
        "vendor_months": ("パッケージ開発期間(月)", "vendor months"),
    }
    if target in fixed:
        return fixed[target][1 if en else 0]
    m = next((x for x in nat.milestones if x.id == target), None)
    if m is not None:
        return m.name.en if en else m.name.ja
    return target


def effective_targets(nat: National) -> list[str]:
    """The ids whose move can change a finding: gating milestones, specs, vendor packages,
    the deadlines and vendor_months (policy milestones gate nothing)."""
    out = [m.id for m in nat.milestones if m.gates]
    out += [f"spec.{g}" for g in nat.groups] + [f"vendor.{g}" for g in nat.groups]
    out += ["deadline"]
    if nat.extended_deadline_limit is not None:
        out.append("extended_deadline_limit")
    out.append("vendor_months")
    return out
