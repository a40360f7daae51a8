"""A plan's ``[progress]`` table: the steps a planner records by hand, per month and
business, merged into the roll-ups and checks over that month's snapshot::

    [progress."2025-05"]                              # the month: 2025-05, R7.5, 令和7年5月
    juki = { "1-12" = "完了済み", 13 = "作業中" }      # steps by number or range a-b
    koseki = { "1-40" = "done" }                       # the tracker's words or the ids

A business listed for a month is that system's whole report for the month: the steps not
named are 未着手, and it replaces the system's rows of the month's snapshot (or makes the
month's snapshot when there is none). Every problem is at its key or value: E003 a value of
the wrong type, E004 a month that cannot be read, E005 an unknown business, E008 a step
outside the timeline's numbers, named twice, or a status that is not one of the four.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from model.core.dates import DateError, Month, parse_month
from model.core.errors import Place
from model.core.national import National
from model.core.reader import Reader
from model.core.step_status import ACCEPTED, parse_status

KEY = "progress"
EXAMPLE = '[progress."2025-05"]\njuki = { "1-12" = "完了済み", 13 = "作業中" }'


@dataclass(frozen=True, slots=True)
class HandSteps:
    """One system's report at a month, as a plan records it: (step, status id) for each
    step named, in step order."""

    month: Month
    business: str
    steps: tuple[tuple[int, str], ...]
    place: Place


def parse_progress(r: Reader, d: dict[str, Any], nat: National, place: Callable[..., Place]) -> tuple[HandSteps, ...]:
    """The ``[progress]`` table of plan data ``d``; problems go to the reader at their places."""
    table = d.get(KEY)
    if table is None or r.typed((KEY,), table, dict, EXAMPLE) is None:
        return ()
    numbers = {s.number for s in nat.steps}
    if table and not numbers:
        r.err(
            (KEY,),
            "E008",
            f"{nat.file} に [[step]] がないため、[progress] を読めません",
            f"{nat.file} has no [[step]] tables, so [progress] cannot be read",
            value=False,
        )
        return ()
    out: list[HandSteps] = []
    for mkey, systems in table.items():
        path = (KEY, mkey)
        try:
            month = parse_month(mkey)
        except DateError as e:
            r.err(
                path,
                "E004",
                f'[progress] の「{mkey}」は月として読めません({e.reason})。例: "2025-05"',
                f'[progress] key {mkey!r} is not a month ({e.reason_en}); e.g. "2025-05"',
                value=False,
            )
            continue
        if r.typed(path, systems, dict, EXAMPLE) is None:
            continue
        for bid, steps in systems.items():
            if bid not in nat.businesses:
                hint = _business_hint(bid, nat)
                r.err(
                    (*path, bid),
                    "E005",
                    f"未知の業務「{bid}」です。{hint[0]}",
                    f"unknown business {bid!r}; {hint[1]}",
                    value=False,
                )
                continue
            if r.typed((*path, bid), steps, dict, f'{bid} = {{ "1-12" = "完了済み", 13 = "作業中" }}') is not None:
                got = _steps(r, (*path, bid), steps, numbers)
                if got is not None:
                    out.append(HandSteps(month, bid, got, place((*path, bid), value=False)))
    return tuple(out)


def _steps(
    r: Reader, path: tuple[Any, ...], steps: dict[str, Any], numbers: set[int]
) -> tuple[tuple[int, str], ...] | None:
    """(step, status id) for each key of one business's table; None after a problem."""
    seen: dict[int, str] = {}
    got: list[tuple[int, str]] = []
    ok = True
    lo_n, hi_n = min(numbers), max(numbers)
    for key, value in steps.items():
        span = _span(key)
        if span is None or span[0] < lo_n or span[1] > hi_n or span[0] > span[1]:
            r.err(
                (*path, key),
                "E008",
                f'ステップ「{key}」は {lo_n}〜{hi_n} の番号か範囲(例: "1-12")で書いてください',
                f'step {key!r} must be a number or a range a-b within {lo_n}-{hi_n}, e.g. "1-12"',
                value=False,
            )
            ok = False
            continue
        twice = [n for n in range(span[0], span[1] + 1) if n in seen]
        if twice:
            r.err(
                (*path, key),
                "E008",
                f"ステップ {twice[0]} が2回書かれています({seen[twice[0]]} と {key})",
                f"step {twice[0]} is given twice ({seen[twice[0]]} and {key})",
                value=False,
            )
            ok = False
            continue
        text = r.typed((*path, key), value, str, f'{key} = "完了済み"')
        status = parse_status(text) if text is not None else None
        if text is not None and status is None:
            r.err(
                (*path, key),
                "E008",
                f"状況「{text}」は使えません。{ACCEPTED.ja} のいずれかです",
                f"status {text!r} is not one of {ACCEPTED.en}",
            )
        if status is None:
            ok = False
            continue
        for n in range(span[0], span[1] + 1):
            seen[n] = key
            got.append((n, status.value))
    return tuple(sorted(got)) if ok else None


def _span(key: str) -> tuple[int, int] | None:
    """``"12"`` → (12, 12), ``"1-12"`` (or 1〜12, full width) → (1, 12); None otherwise."""
    k = unicodedata.normalize("NFKC", key).strip().replace("〜", "-").replace("~", "-").replace("–", "-")
    a, sep, b = k.partition("-")
    if not a.strip().isdigit() or (sep and not b.strip().isdigit()):
        return None
    return int(a), int(b) if sep else int(a)


__all__ = ["EXAMPLE", "KEY", "HandSteps", "parse_progress"]


def _business_hint(word: str, nat: National) -> tuple[str, str]:
    """What to write for a business key that is no id: the id of the business so named (住民記録
    → juki), else the closest id or name, else where the ids are listed."""
    names = {b.name.ja: b.id for b in nat.businesses.values()} | {b.name.en: b.id for b in nat.businesses.values()}
    if word in names:
        bid = names[word]
        return f"{word}の識別子 {bid} で書いてください", f"write the id {bid} for {word}"
    close = difflib.get_close_matches(word, [*nat.businesses, *names], n=1)
    if close:
        bid = names.get(close[0], close[0])
        return (
            f"「{bid}」({nat.businesses[bid].name.ja})ではありませんか",
            f"did you mean {bid!r} ({nat.businesses[bid].name.en})?",
        )
    listed = ", ".join(nat.businesses)
    return (
        f"業務の識別子は national.toml の [[business]] の id です({listed})",
        f"the business ids are national.toml's [[business]] ids ({listed})",
    )
