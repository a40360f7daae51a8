"""Reading a plan file: every problem in one run, each with its file, line and column.

The format is described in :mod:`model.core.plan` (the records) and the README.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.core.dates import PlanDate, Precision
from model.core.errors import Place, Problems, display_path, unreadable
from model.core.hand_progress import parse_progress
from model.core.national import National
from model.core.phase_reader import read_phase_table
from model.core.plan import (
    STRATEGIES,
    BusinessPlan,
    Dependency,
    Plan,
    Ref,
    Suppression,
)
from model.core.reader import Reader, decode, read_capped

_TOP = (
    "municipality",
    "kana",
    "code",
    "prefecture",
    "surveyed",
    "vendor_strategy",
    "contract_end",
    "note",
    "phases",
    "status",
    "notes",
    "business",
    "depends",
    "ignore",
    "progress",
)
_BUSINESS_EXTRA = ("extended_deadline", "contract_end", "note", "status", "notes")


@dataclass(slots=True)
class LoadResult:
    plan: Plan | None
    problems: list[Any]
    source: str | None = None


def read_plan(path: Path, nat: National, *, file: str | None = None) -> LoadResult:
    file = file or display_path(path)
    problems = Problems(file)
    try:
        raw = read_capped(path)
    except OSError as e:
        problems.items.append(unreadable(Place(problems.file), e.strerror))
        return LoadResult(None, problems.items)
    return parse_plan_bytes(raw, file, nat)


def parse_plan_bytes(raw: bytes, file: str, nat: National) -> LoadResult:
    problems = Problems(file)
    text = decode(raw, file, problems)
    if text is None:
        return LoadResult(None, problems.items)
    plan = parse_plan(text, file, nat, problems)
    return LoadResult(plan if not problems else None, problems.items, text)


def _check_digit(code5: str) -> int:
    s = sum(int(c) * w for c, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return (11 - s % 11) % 10


def _is_kana(text: str) -> bool:
    """Hiragana or katakana (half-width too), with ー・ and spaces."""
    t = unicodedata.normalize("NFKC", text).strip()
    return bool(t) and all("\u3041" <= c <= "\u309f" or "\u30a0" <= c <= "\u30ff" or c in " \u3000" for c in t)


def parse_plan(text: str, file: str, nat: National, problems: Problems) -> Plan | None:
    r = Reader(file, text, problems)
    if r.data is None:
        return None
    d = r.data
    r.check_keys((), d, _TOP, ("計画ファイル", "the plan file"))
    phase_ids = [p.id for p in nat.phases]

    def place(path: tuple[Any, ...], value: bool = True) -> Place:
        line, col = r.where(path, value=value)
        return Place(file, line, col)

    muni = d.get("municipality")
    if muni is None:
        r.err(
            (),
            "E007",
            '「municipality」(市町村名)がありません。例: municipality = "宇部市"',
            "missing 'municipality', e.g. municipality = \"宇部市\"",
        )
    else:
        muni = r.typed(("municipality",), muni, str, 'municipality = "宇部市"')
        if muni is not None and not muni.strip():
            r.err(("municipality",), "E008", "市町村名が空です", "the municipality name is empty")

    code = d.get("code")
    if code is not None:
        code = r.typed(("code",), code, str, 'code = "352021"')
        if code is not None:
            c = unicodedata.normalize("NFKC", code)
            if not (c.isascii() and c.isdigit() and len(c) in (5, 6)):
                r.err(
                    ("code",),
                    "E008",
                    '団体コードは5桁か6桁の数字です(例: "352021")',
                    'a municipality code is 5 or 6 digits, e.g. "352021"',
                )
            elif len(c) == 6 and _check_digit(c[:5]) != int(c[5]):
                r.err(
                    ("code",),
                    "E008",
                    f'団体コードの検査数字が違います。"{c[:5]}{_check_digit(c[:5])}" ではありませんか',
                    f'wrong check digit; did you mean "{c[:5]}{_check_digit(c[:5])}"?',
                )
            code = c

    prefecture = d.get("prefecture")
    if prefecture is not None:
        prefecture = r.typed(("prefecture",), prefecture, str, 'prefecture = "山口県"')

    kana = d.get("kana")
    if kana is not None:
        kana = r.typed(("kana",), kana, str, 'kana = "うべし"')
        if kana is not None and not _is_kana(kana):
            r.err(
                ("kana",),
                "E008",
                '読み(kana)はひらがなかカタカナで書いてください(例: kana = "うべし")',
                'write the reading (kana) in hiragana or katakana, e.g. kana = "うべし"',
            )
            kana = None

    surveyed = r.date(("surveyed",), d["surveyed"]) if "surveyed" in d else None
    if surveyed is not None and surveyed.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
        r.err(
            ("surveyed",),
            "E008",
            "調査時点は年月で書いてください(例: R3.12)",
            "write the survey date as a month, e.g. R3.12",
        )
        surveyed = None
    surveyed_m = surveyed.hi if surveyed else None

    strategy = d.get("vendor_strategy")
    if strategy is not None:
        strategy = r.typed(("vendor_strategy",), strategy, str, 'vendor_strategy = "current_vendor"')
        if strategy is not None and strategy not in STRATEGIES:
            r.err(
                ("vendor_strategy",),
                "E008",
                f"vendor_strategy は {', '.join(STRATEGIES)} のいずれかです",
                f"vendor_strategy must be one of {', '.join(STRATEGIES)}",
            )
            strategy = None

    contract_end = _plain_date(r, ("contract_end",), d)
    note = r.typed(("note",), d["note"], str, 'note = "..."') if "note" in d else None

    phases = read_phase_table(r, (), d, phase_ids, surveyed_m, place, need_surveyed=surveyed is None)

    businesses: dict[str, BusinessPlan] = {}
    btab = d.get("business", {})
    if r.typed(("business",), btab, dict, "[business.koseki]") is not None:
        for bid, bt in btab.items():
            if bid not in nat.businesses:
                close = dates_close(bid, list(nat.businesses))
                r.err(
                    ("business", bid),
                    "E005",
                    f"未知の業務「{bid}」です。{close[0]}",
                    f"unknown business {bid!r}; {close[1]}",
                    value=False,
                )
                continue
            if r.typed(("business", bid), bt, dict, f"[business.{bid}]") is None:
                continue
            r.check_keys(("business", bid), bt, (*phase_ids, *_BUSINESS_EXTRA), f"[business.{bid}]")
            bphases = read_phase_table(
                r, ("business", bid), bt, phase_ids, surveyed_m, place, need_surveyed=surveyed is None
            )
            ext = _plain_date(r, ("business", bid, "extended_deadline"), bt)
            if ext is not None and nat.extended_deadline_limit and ext.hi > nat.extended_deadline_limit.hi:
                pass  # reported as a finding (PL001 uses it; PL014 flags going past the limit)
            bnote = r.typed(("business", bid, "note"), bt["note"], str, 'note = "..."') if "note" in bt else None
            businesses[bid] = BusinessPlan(
                bid,
                bphases,
                ext,
                _plain_date(r, ("business", bid, "contract_end"), bt),
                bnote,
                place(("business", bid), value=False),
            )

    depends: list[Dependency] = []
    for i, t in enumerate(
        _array_of_tables(r, d, "depends", '[[depends]]\nphase = "migration"\nafter = "koseki.migration"')
    ):
        r.check_keys(("depends", i), t, ("phase", "after", "min_months", "reason"), "[[depends]]")
        dst = _ref(r, ("depends", i, "phase"), t.get("phase"), nat, allow_national=False)
        src = _ref(r, ("depends", i, "after"), t.get("after"), nat, allow_national=True)
        mm = r.typed(("depends", i, "min_months"), t.get("min_months", 0), int, "min_months = 0")
        if isinstance(mm, int) and not 0 <= mm <= 120:
            r.err(("depends", i, "min_months"), "E008", "min_months は0〜120です", "min_months must be 0-120")
            mm = None
        if dst and src and isinstance(mm, int):
            depends.append(Dependency(dst, src, mm, place(("depends", i, "phase"))))

    ignores: list[Suppression] = []
    for i, t in enumerate(_array_of_tables(r, d, "ignore", '[[ignore]]\nrule = "PL006"\nreason = "..."')):
        r.check_keys(("ignore", i), t, ("rule", "phase", "business", "reason"), "[[ignore]]")
        rule = t.get("rule")
        if rule is None:
            r.err(("ignore", i), "E007", "[[ignore]] に rule がありません", "[[ignore]] needs a rule", value=False)
        else:
            rule = r.typed(("ignore", i, "rule"), rule, str, 'rule = "PL006"')
        reason = t.get("reason")
        if reason is None or (isinstance(reason, str) and not reason.strip()):
            r.err(
                ("ignore", i, "reason") if reason is not None else ("ignore", i),
                "E010",
                '抑制には理由が必要です。reason = "..." を書いてください',
                'a suppression needs a reason; add reason = "..."',
                value=reason is not None,
            )
        else:
            reason = r.typed(("ignore", i, "reason"), reason, str, 'reason = "..."')
        ph = t.get("phase")
        if ph is not None and ph not in phase_ids:
            hint = dates_close(str(ph), phase_ids)
            r.err(
                ("ignore", i, "phase"),
                "E005",
                f"未知のフェーズ「{ph}」です。{hint[0]}",
                f"unknown phase {ph!r}; {hint[1]}",
            )
        bz = t.get("business")
        if bz is not None and bz not in nat.businesses:
            hint = dates_close(str(bz), list(nat.businesses))
            r.err(
                ("ignore", i, "business"),
                "E005",
                f"未知の業務「{bz}」です。{hint[0]}",
                f"unknown business {bz!r}; {hint[1]}",
            )
        if isinstance(rule, str) and isinstance(reason, str):
            ignores.append(Suppression(rule, ph, bz, reason, place(("ignore", i), value=False)))

    progress = parse_progress(r, d, nat, place)

    if problems or not isinstance(muni, str):
        return None
    return Plan(
        file=file,
        municipality=muni.strip(),
        code=code,
        prefecture=prefecture,
        surveyed=surveyed,
        declared_strategy=strategy,
        contract_end=contract_end,
        note=note,
        phases=phases,
        businesses=businesses,
        depends=depends,
        ignores=ignores,
        lines=r.lines,
        place=place(("municipality",)),
        strategy_place=place(("vendor_strategy",)) if "vendor_strategy" in d else None,
        progress=progress,
        kana=kana.strip() if kana else None,
    )


def dates_close(word: str, options: list[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(word, options, n=1)
    if close:
        return f"「{close[0]}」の誤りではありませんか", f"did you mean {close[0]!r}?"
    return f"使えるID: {', '.join(options)}", f"known ids: {', '.join(options)}"


def _plain_date(r: Reader, path: tuple[Any, ...], t: dict[str, Any]) -> PlanDate | None:
    key = path[-1]
    if key not in t:
        return None
    d = r.date(path, t[key])
    if d is not None and d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
        r.err(path, "E008", f"「{key}」は年月か年度で書いてください", f"write {key!r} as a month or fiscal year")
        return None
    return d


def _array_of_tables(r: Reader, d: dict[str, Any], key: str, example: str) -> list[dict[str, Any]]:
    v = d.get(key)
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        r.err(
            (key,),
            "E003",
            f"{key} は [[{key}]] の表で書いてください。例:\n{example}",
            f"write {key} as [[{key}]] tables, e.g.\n{example}",
        )
        return []
    return v


def _ref(r: Reader, path: tuple[Any, ...], v: Any, nat: National, *, allow_national: bool) -> Ref | None:
    if v is None:
        r.err(path[:-1], "E007", f"「{path[-1]}」がありません", f"missing {path[-1]!r}", value=False)
        return None
    if r.typed(path, v, str, '"fit_gap" / "koseki.migration"') is None:
        return None
    from model.core.national import national_milestone_dates

    if allow_national and v in national_milestone_dates(nat):
        return Ref(None, None, v)
    if v in nat.phase_index:
        return Ref(v)
    if "." in v:
        b, _, p = v.partition(".")
        if b in nat.businesses and p in nat.phase_index:
            return Ref(p, b)
    r.err(
        path,
        "E005",
        f"「{v}」はフェーズ(例: fit_gap)、業務.フェーズ(例: koseki.migration)、国のマイルストーン(例: spec.group2)のいずれでもありません",
        f"{v!r} is not a phase (fit_gap), business.phase (koseki.migration) or national milestone (spec.group2)",
    )
    return None
