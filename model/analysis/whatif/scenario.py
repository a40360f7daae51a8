"""What-if changes as written: ``--shift ID=+6m`` / ``ID=R7.3``, ``--deadline R7.3`` and a
scenario file (validated with places, like a plan); each a :class:`Change`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.analysis.whatif.targets import DATE_SCALARS, SCALARS, targets, unknown_target
from model.core.dates import DateError, PlanDate, Precision, parse
from model.core.errors import Place, Problem, Problems, UsageError, display_path
from model.core.national import National
from model.core.reader import Reader, read_text
from model.core.words import Words

MONTHS = (Precision.MONTH, Precision.FISCAL_YEAR)  # what a date change may be
_AMOUNT = re.compile(r"^\s*([+-]?)\s*(\d{1,3})\s*(m|mo|months?|y|years?|か月|ヶ月|カ月|年)?\s*$", re.IGNORECASE)
_SCENARIO_KEYS = ("name", "description", "plans", "shift", "set", "deadline", "extended_deadline_limit", "vendor_months")
_A_MONTH = Words("年月で書いてください(例: R7.3)", "write a month, e.g. R7.3")


@dataclass(frozen=True, slots=True)
class Change:
    """One change to the national timeline: shift ``target`` by ``months`` or set it."""

    target: str
    months: int | None = None  # a relative shift
    value: PlanDate | int | None = None  # an absolute date (or a number for a scalar)
    source: str = ""  # where it was written: "--shift spec.group2=+6m" or "s.toml:7:1"


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    changes: tuple[Change, ...]
    plans: tuple[Path, ...] | None  # None = every plan given on the command line
    file: str = ""


class ScenarioError(UsageError):
    title = "invalid what-if scenario"


def usage_problem(src: str, words: Words) -> Problem:
    """E008 at a command-line argument (or a change's source)."""
    return Problem(Place(src), "E008", words)


def _fail(src: str, message: str, words: Words) -> ScenarioError:
    return ScenarioError(f"{src}: {message}", [usage_problem(src, words)])


def _date_words(e: DateError) -> Words:
    return Words(e.text("ja"), e.text("en"))


def parse_amount(text: str) -> int | None:
    """``+6m`` / ``-3m`` / ``+1y`` / ``6`` / ``+6か月`` as months, or None if not an amount."""
    m = _AMOUNT.match(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    sign, n, unit = m.groups()
    months = int(n) * (12 if unit and unit.lower()[0] in "y年" else 1)
    return -months if sign == "-" else months


def parse_shift(text: str, nat: National) -> Change:
    """``ID=+6m`` (shift) or ``ID=R7.3`` (set); raises ScenarioError saying what to write."""
    target, sep, value = text.partition("=")
    target, value = target.strip(), value.strip()
    src = f"--shift {text}"
    if not sep or not target or not value:
        raise _fail(src, "write ID=+6m or ID=R7.3, e.g. spec.group2=+6m", Words("ID=+6m か ID=R7.3 の形で書いてください(例: spec.group2=+6m)", "write ID=+6m or ID=R7.3, e.g. spec.group2=+6m"))
    if target not in targets(nat):
        words = unknown_target(target, nat)
        raise _fail(src, words.en, words)
    months = parse_amount(value)
    if months is not None:
        return Change(target, months=months, source=src)
    if target in SCALARS:
        raise _fail(src, f"{target} takes a number of months, e.g. {target}=+6", Words(f"{target} は月数で書いてください(例: {target}=+6)", f"{target} takes months, e.g. {target}=+6"))
    try:
        d = parse(value)
    except DateError as e:
        raise _fail(src, e.text("en"), Words("+6m(ずらす)か R7.3(日付)で書いてください。", "write +6m (shift) or R7.3 (a date); ") + _date_words(e)) from None
    return Change(target, value=_a_month(src, d), source=src)


def deadline_change(text: str) -> Change:
    """``--deadline R7.3``."""
    src = f"--deadline {text}"
    try:
        d = parse(text)
    except DateError as e:
        raise _fail(src, e.text("en"), _date_words(e)) from None
    return Change("deadline", value=_a_month(src, d), source=src)


def _a_month(src: str, d: PlanDate) -> PlanDate:
    if d.precision not in MONTHS:
        raise _fail(src, "write a month", _A_MONTH)
    return d


# -- scenario files --------------------------------------------------------------------


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
    name = r.typed(("name",), d["name"], str, 'name = "..."') if "name" in d else None
    changes = _changes(r, d, nat)
    plans = _plans(r, d["plans"], plans_root) if "plans" in d else None
    if problems:
        raise ScenarioError(f"{file}: {len(problems.items)} problem(s)", problems.items)
    return Scenario(name or path.stem, tuple(changes), tuple(plans) if plans is not None else None, file)


def _changes(r: Reader, d: dict[str, Any], nat: National) -> list[Change]:
    """The changes a scenario's keys and its ``[shift]`` and ``[set]`` tables make, in order."""
    known = targets(nat)
    changes: list[Change] = []

    def src(path: tuple[Any, ...]) -> str:
        line, col = r.where(path)
        return f"{r.file}:{line}:{col}"

    for key in DATE_SCALARS:
        if key in d and (v := r.date((key,), d[key])) is not None:
            if v.precision in MONTHS:
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
                r.err(at, "E005", *unknown_target(k, nat), value=False)
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
    return changes


def _plans(r: Reader, value: Any, plans_root: Path) -> list[Path] | None:
    """The plan files a scenario's ``plans = [...]`` names, each inside ``plans_root``."""
    lst = r.typed(("plans",), value, list, 'plans = ["ube.toml"]')
    if lst is None:
        return None
    plans: list[Path] = []
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
    return plans
