"""What-if changes as written: ``--shift ID=+6m`` / ``ID=R7.3``, ``--deadline R7.3`` and a
scenario file (validated with places, like a plan); each a :class:`Change`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.analysis.whatif.targets import DATE_SCALARS, SCALARS, targets, unknown_target
from model.core.dates import DateError, PlanDate, Precision, parse, render_month
from model.core.errors import Place, Problem, UsageError, display_path
from model.core.national import National
from model.core.reader import Reader, read_or_raise, shorten
from model.core.words import Words

MONTHS = (Precision.MONTH, Precision.FISCAL_YEAR)  # what a date change may be
_AMOUNT = re.compile(r"^\s*([+-]?)\s*(\d{1,3})\s*(m|mo|months?|y|years?|か月|ヶ月|カ月|年)?\s*$", re.IGNORECASE)
_SCENARIO_KEYS = (
    "name",
    "description",
    "plans",
    "shift",
    "set",
    "deadline",
    "extended_deadline_limit",
    "vendor_months",
)
_BARE_NUMBER = re.compile(r"^\s*\d+\s*$")  # "18": a shift by 18 or a value of 18? (refused in --shift)
MAX_SHIFT_MONTHS = 240  # twenty years: any shift of the national timeline a planner considers
SCALAR_RANGE = (0, 120)  # vendor_months in a change: ten years of vendor development at most
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


def _refuse(src: str, words: Words) -> ScenarioError:
    return _fail(src, words.en, words)


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
    """``--shift ID=+6m`` (a relative shift; ``ID=R7.3`` sets a date, as documented before
    ``--set``); raises ScenarioError saying what to write. A bare number (``ID=18``) is
    refused: it could mean "by 18 months" or "to 18", so the error shows both forms."""
    target, value, src = _split("--shift", text, nat)
    if _BARE_NUMBER.match(unicodedata.normalize("NFKC", value)):
        raise _refuse(src, _both_forms(target, value, nat))
    months = parse_amount(value)
    if months is not None:
        return Change(target, months=_bounded_shift(src, months), source=src)
    if target in SCALARS:
        words = Words(
            f"{target} は --shift {target}=+6(ずらす)か --set {target}=18(値)で書いてください",
            f"write --shift {target}=+6 (shift) or --set {target}=18 (a value)",
        )
        raise _refuse(src, words)
    return Change(target, value=_a_date(src, value), source=src)


def parse_set(text: str, nat: National) -> Change:
    """``--set ID=VALUE``: a date for a date id (``deadline=R9.3``, ``spec.group2=R5.2``), a
    number for ``vendor_months`` (``vendor_months=18``, 0-120); raises ScenarioError."""
    target, value, src = _split("--set", text, nat)
    if target in SCALARS:
        plain = unicodedata.normalize("NFKC", value)
        if not _BARE_NUMBER.match(plain):
            words = Words(
                f"{target} には月数を書いてください(例: --set {target}=18。ずらすなら --shift {target}=+6)",
                f"{target} takes a number of months, e.g. --set {target}=18 (to shift: --shift {target}=+6)",
            )
            raise _refuse(src, words)
        lo, hi = SCALAR_RANGE
        n = int(plain) if len(plain.strip()) <= 4 else hi + 1
        if not lo <= n <= hi:
            words = Words(
                f"{target} は {lo}〜{hi} です(今は {shorten(plain, 24)})",
                f"{target} must be {lo}-{hi} (found {shorten(plain, 24)})",
            )
            raise _refuse(src, words)
        return Change(target, value=n, source=src)
    if parse_amount(value) is not None:
        words = Words(
            f"--set には日付を書いてください(例: --set {target}=R7.3)。ずらすなら --shift {target}={value}",
            f"--set takes a date, e.g. --set {target}=R7.3; to shift, write --shift {target}={value}",
        )
        raise _refuse(src, words)
    return Change(target, value=_a_date(src, value), source=src)


def _split(option: str, text: str, nat: National) -> tuple[str, str, str]:
    """``ID=VALUE`` of ``option``: the id (known to the timeline), the value, the source."""
    target, sep, value = text.partition("=")
    target, value = target.strip(), value.strip()
    src = f"{option} {shorten(text)}"
    if not sep or not target or not value:
        words = Words(
            "ID=値 の形で書いてください(例: --shift spec.group2=+6m、--set deadline=R9.3)",
            "write ID=VALUE, e.g. --shift spec.group2=+6m or --set deadline=R9.3",
        )
        raise _refuse(src, words)
    if target not in targets(nat):
        words = unknown_target(shorten(target), nat)
        raise _refuse(src, words)
    return target, value, src


def _both_forms(target: str, value: str, nat: National) -> Words:
    """The words for a bare number in ``--shift``: the shift and the set it could mean."""
    n = unicodedata.normalize("NFKC", value)
    shown = shorten(n, 24)
    if target in SCALARS:
        ja = f"「{target}={shown}」はずらす量か値か分かりません。{shown}か月ずらすなら --shift {target}=+{shown}、{shown} にするなら --set {target}={shown} と書いてください"
        en = f"{target}={shown} is ambiguous: to shift by {shown} months write --shift {target}=+{shown}; to set it to {shown} write --set {target}={shown}"
    else:
        now = targets(nat)[target]
        example = render_month(int(now) + int(n)) if len(n.strip()) <= 3 and int(n) <= MAX_SHIFT_MONTHS else "R7.3"
        ja = f"「{target}={shown}」はずらす量か日付か分かりません。{shown}か月ずらすなら --shift {target}=+{shown}m、日付にするなら --set {target}={example} と書いてください"
        en = f"{target}={shown} is ambiguous: to shift by {shown} months write --shift {target}=+{shown}m; to set a date write --set {target}={example}"
    return Words(ja, en)


def _too_far(months: int) -> Words:
    return Words(
        f"ずらす量は±{MAX_SHIFT_MONTHS}か月までです(今は {months:+d}か月)",
        f"a shift is at most ±{MAX_SHIFT_MONTHS} months (found {months:+d})",
    )


def _bounded_shift(src: str, months: int) -> int:
    if abs(months) > MAX_SHIFT_MONTHS:
        raise _refuse(src, _too_far(months))
    return months


def _a_date(src: str, value: str) -> PlanDate:
    try:
        d = parse(value)
    except DateError as e:
        raise _fail(
            src,
            e.text("en"),
            Words("+6m(ずらす)か R7.3(日付)で書いてください。", "write +6m (shift) or R7.3 (a date); ")
            + _date_words(e),
        ) from None
    return _a_month(src, d)


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
    file, _, text, problems = read_or_raise(path, ScenarioError)
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
                r.err(
                    (key,), "E008", f"「{key}」は年月で書いてください(例: R7.3)", f"write {key!r} as a month, e.g. R7.3"
                )
    if (
        "vendor_months" in d
        and (n := r.bounded(("vendor_months",), d["vendor_months"], "vendor_months = 12", *SCALAR_RANGE)) is not None
    ):
        changes.append(Change("vendor_months", value=n, source=src(("vendor_months",))))
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
                months = _shift_amount(r, at, v)
                if months is not None:
                    changes.append(Change(k, months=months, source=src(at)))
            elif k in SCALARS:
                if (n := r.bounded(at, v, f"{k} = 12", *SCALAR_RANGE)) is not None:
                    changes.append(Change(k, value=n, source=src(at)))
            elif (dv := r.date(at, v)) is not None:
                changes.append(Change(k, value=dv, source=src(at)))
    return changes


def _shift_amount(r: Reader, at: tuple[Any, ...], v: Any) -> int | None:
    """A ``[shift]`` value in months: an integer (6) or an amount ("+6m", "-1y"), bounded
    to ±MAX_SHIFT_MONTHS (an integer of 21 digits was a date in the year 8e19)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return r.bounded(at, v, '"+6m"', -MAX_SHIFT_MONTHS, MAX_SHIFT_MONTHS)
    months = parse_amount(v) if isinstance(v, str) else None
    if months is None:
        r.err(
            at,
            "E008",
            'ずらす量は "+6m"、"-1y" か月数(6)で書いてください',
            'write a shift as "+6m", "-1y" or a number of months (6)',
        )
        return None
    if abs(months) > MAX_SHIFT_MONTHS:
        r.err(at, "E008", *_too_far(months))
        return None
    return months


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
            r.err(
                ("plans", i),
                "E008",
                f"「{p}」は計画フォルダ {display_path(root)} の外です。フォルダ内のファイル名を書いてください",
                f"{p!r} is outside the plans folder {display_path(root)}; name a file inside it",
            )
        elif not target.is_file():
            r.err(("plans", i), "E009", f"「{p}」がありません", f"{p!r} does not exist")
        else:
            plans.append(target)
    return plans
