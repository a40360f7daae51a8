"""Dates as planners write them: ``R4.10``, ``R5`` (a fiscal year), ``令和4年10月``,
``令和5年度``, ``2022-10``, ``H31.4``, ``完了``, ``現行ベンダで標準化``; full-width digits too.

Written by hand: no library parses Japanese era notation with fiscal-year precision. A value is kept as an interval of calendar months, ``Month`` being ``year * 12 + (month - 1)``:
- a month (``R4.10``) is the single month 2022-10;
- a fiscal year (``R5``, 令和5年度) runs April to March: 2023-04 .. 2024-03;
- ``完了`` (done when surveyed) is "some month up to the survey date": open to the left;
- ``現行ベンダで標準化`` / ``対象外`` mean the phase does not apply.

Comparisons are three-valued: a relation between two intervals is *certain* when it
holds for every choice of months inside them, *possible* when it holds for some."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

Month = int
"""A calendar month as ``year * 12 + (month - 1)``."""

REIWA_START: Month = 2019 * 12 + 4  # 2019-05
HEISEI_START: Month = 1989 * 12 + 0  # 1989-01 (from 1989-01-08)
EARLIEST: Month = HEISEI_START
OPEN_START: Month = -(10**6)  # left end of 完了 ("some time before")

DONE_WORDS = ("完了", "完了済み", "完了済", "済", "done")
NA_CURRENT_VENDOR = "現行ベンダで標準化"
NA_WORDS = (NA_CURRENT_VENDOR,)
NOT_DATES = ("対象外", "n/a", "N/A", "na", "NA", "-", "―", "－", "ー", "なし", "無し")
"""Words a planner might write for "does not apply": refused, with what to write instead
(a phase that does not apply has status n/a; only the vendor selection has a word)."""


class Precision(enum.Enum):
    MONTH = "month"
    FISCAL_YEAR = "fiscal_year"
    DONE = "done"  # 完了: done by the survey date, month unknown
    NA = "na"  # not applicable (現行ベンダで標準化, 対象外)


class Style(enum.Enum):
    """How the planner wrote it, so that a value is rendered back the same way."""

    ERA = "era"  # R4.10, R5, H31.4
    KANJI = "kanji"  # 令和4年10月, 令和5年度
    ISO = "iso"  # 2022-10, 2023年度 (FY written with Gregorian year)
    WORD = "word"  # 完了, 現行ベンダで標準化


class DateError(ValueError):
    """A value that is not a date a planner can write; ``reason`` says what to write."""

    def __init__(self, value: str, reason: str, reason_en: str) -> None:
        super().__init__(f"{value!r}: {reason_en}")
        self.value = value
        self.reason = reason
        self.reason_en = reason_en

    def text(self, lang: str = "ja") -> str:
        # a 500 KB "date" is not echoed whole into the message (and the terminal)
        v = self.value if len(self.value) <= 60 else self.value[:59] + "…"
        if lang == "en":
            return f"invalid date {v!r}: {self.reason_en}"
        return f"日付 {v!r} を解釈できません: {self.reason}"


@dataclass(frozen=True, slots=True)
class PlanDate:
    """A planned completion as an inclusive interval of months ``lo .. hi``."""

    lo: Month
    hi: Month
    precision: Precision
    style: Style
    text: str  # exactly as written

    # -- kinds -----------------------------------------------------------
    @property
    def is_na(self) -> bool:
        return self.precision is Precision.NA

    @property
    def is_done(self) -> bool:
        return self.precision is Precision.DONE

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi

    def __str__(self) -> str:
        return self.text

    def render(self, style: Style | None = None) -> str:
        """Render in the planner's notation (or another ``style``)."""
        return render(self, style)


def month_of(year: int, month: int) -> Month:
    return year * 12 + (month - 1)


def ym(m: Month) -> tuple[int, int]:
    return m // 12, m % 12 + 1


def fiscal_year_of(m: Month) -> int:
    """Gregorian year in which the fiscal year containing month ``m`` starts."""
    y, mo = ym(m)
    return y if mo >= 4 else y - 1


def fiscal_year_interval(fy: int) -> tuple[Month, Month]:
    return month_of(fy, 4), month_of(fy + 1, 3)


# -- parsing ---------------------------------------------------------------

_ERA_OFFSET = {"R": 2018, "H": 1988}
_ERA_KANJI = {"令和": "R", "平成": "H"}
_ERA_NAME_EN = {"R": "Reiwa", "H": "Heisei"}

_RE_ERA = re.compile(r"^([RH])\s*(\d{1,2}|元)(?:\s*[./]\s*(\d{1,2}))?$")
_RE_ERA_FY = re.compile(r"^([RH])\s*(\d{1,2}|元)\s*年度$")
_RE_KANJI = re.compile(r"^(令和|平成)\s*(\d{1,2}|元)\s*年(?:\s*(\d{1,2})\s*月)?$")
_RE_KANJI_FY = re.compile(r"^(令和|平成)\s*(\d{1,2}|元)\s*年度$")
_RE_ISO = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_RE_ISO_JA = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")
_RE_ISO_FY = re.compile(r"^(?:(\d{4})\s*年度|FY\s*(\d{4}))$", re.IGNORECASE)


def _normalize(text: str) -> str:
    # NFKC folds full-width digits and letters (Ｒ４．１０ -> R4.10) and odd spaces.
    s = unicodedata.normalize("NFKC", text).strip()
    return s.upper() if s[:1] in ("r", "h") else s


def _era_year(era: str, y: str, value: str, month: str | None = None) -> int:
    """Gregorian year of an era year; ``month`` (if written) makes the suggestion a month."""
    n = 1 if y == "元" else int(y)
    if n < 1:
        raise DateError(value, "元号の年は1以上です", "an era year starts at 1")
    if era == "H" and n > 31:
        # the suggestion must itself be a valid date: R2.4 for a month, R2 for a fiscal year
        fix = f"R{n - 30}" + (f".{int(month)}" if month else "")
        raise DateError(
            value,
            f"平成は31年(2019年4月)までです。{fix}と書いてください",
            f"Heisei ended in year 31 (2019-04); write {fix}",
        )
    return _ERA_OFFSET[era] + n


def _check_month(mo: int, value: str) -> None:
    if not 1 <= mo <= 12:
        raise DateError(value, f"月は1〜12です({mo}月はありません)", f"month {mo} is not 1-12")


def _check_era_month(era: str, m: Month, value: str) -> None:
    if era == "R" and m < REIWA_START:
        y, mo = ym(m)
        raise DateError(
            value,
            f"令和は2019年5月からです。{y}年{mo}月は平成{y - 1988}年{mo}月(H{y - 1988}.{mo})と書いてください",
            f"Reiwa began in 2019-05; write H{y - 1988}.{mo} for {y}-{mo:02d}",
        )
    if era == "H" and m >= REIWA_START:
        y, mo = ym(m)
        raise DateError(
            value,
            f"平成は2019年4月までです。R{y - 2018}.{mo}と書いてください",
            f"Heisei ended in 2019-04; write R{y - 2018}.{mo}",
        )


def _check_range(m_lo: Month, value: str) -> None:
    if m_lo < EARLIEST:
        raise DateError(
            value,
            "平成より前(1989年より前)の日付は計画に使えません",
            "dates before Heisei (1989) are not plan dates",
        )
    if m_lo > month_of(2099, 12):
        raise DateError(value, "2099年より後の日付は計画に使えません", "dates after 2099 are not plan dates")


def _month(m: Month, style: Style, text: str) -> PlanDate:
    return PlanDate(m, m, Precision.MONTH, style, text)


def _fy(fy: int, style: Style, text: str) -> PlanDate:
    lo, hi = fiscal_year_interval(fy)
    return PlanDate(lo, hi, Precision.FISCAL_YEAR, style, text)


_PARSED: dict[tuple[str, Month], PlanDate] = {}
_PARSED_MAX = 4096


def parse(text: str, *, surveyed: Month | None = None) -> PlanDate:
    """Parse a planner's date. ``surveyed`` bounds ``完了`` (done by the survey month).

    Raises :class:`DateError` naming the value and what to write instead.

    Phase dates (parsed with ``surveyed``) repeat across a nationwide tree, so their values
    (immutable) are memoised; others are not, so that a plan's date is never the very object
    of a national date (``check`` tells an extended deadline from the national one by
    identity).
    """
    if surveyed is not None and type(text) is str:
        hit = _PARSED.get((text, surveyed))
        if hit is not None:
            return hit
        d = _parse(text, surveyed)
        if len(_PARSED) < _PARSED_MAX:
            _PARSED[(text, surveyed)] = d
        return d
    return _parse(text, surveyed)


def _parse(text: str, surveyed: Month | None) -> PlanDate:
    if not isinstance(text, str):
        raise DateError(repr(text), '日付は文字列で書いてください(例: "R4.10")', 'write dates as strings, e.g. "R4.10"')
    s = _normalize(text)
    if not s:
        raise DateError(text, '空です。"R4.10" のように書いてください', 'empty; write e.g. "R4.10"')
    if s in DONE_WORDS:
        hi = surveyed if surveyed is not None else OPEN_START
        return PlanDate(OPEN_START, hi, Precision.DONE, Style.WORD, text)
    if s in NA_WORDS:
        return PlanDate(0, 0, Precision.NA, Style.WORD, text)
    if s in NOT_DATES or text.strip() in NOT_DATES:
        raise DateError(
            text,
            "日付ではありません。対象外のフェーズなら日付を消して [status] に n/a と書き、現行ベンダで標準化するならベンダ選定に「現行ベンダで標準化」と書いてください",
            "not a date; for a phase that does not apply delete the date and write status n/a, or write 現行ベンダで標準化 as the vendor selection",
        )

    if mt := _RE_ERA.match(s):
        era, y, mo = mt.groups()
        year = _era_year(era, y, text, mo)
        if mo is None:
            # R5 = 令和5年度 (fiscal year). R1 = 令和元年度 = FY2019 (begun under Heisei).
            fy = _fy(year, Style.ERA, text)
            _check_range(fy.lo, text)
            return fy
        _check_month(int(mo), text)
        m = month_of(year, int(mo))
        _check_era_month(era, m, text)
        _check_range(m, text)
        return _month(m, Style.ERA, text)
    if mt := _RE_ERA_FY.match(s):
        era, y = mt.groups()
        fy = _fy(_era_year(era, y, text), Style.ERA, text)
        _check_range(fy.lo, text)
        return fy
    if mt := _RE_KANJI_FY.match(s):
        kanji, y = mt.groups()
        fy = _fy(_era_year(_ERA_KANJI[kanji], y, text), Style.KANJI, text)
        _check_range(fy.lo, text)
        return fy
    if mt := _RE_KANJI.match(s):
        kanji, y, mo = mt.groups()
        era = _ERA_KANJI[kanji]
        year = _era_year(era, y, text, mo)
        if mo is None:
            raise DateError(
                text,
                f"月がありません。{kanji}{y}年度(年度)か {kanji}{y}年10月 のように書いてください",
                f"no month; write {kanji}{y}年度 for the fiscal year or add a month",
            )
        _check_month(int(mo), text)
        m = month_of(year, int(mo))
        _check_era_month(era, m, text)
        _check_range(m, text)
        return _month(m, Style.KANJI, text)
    if mt := (_RE_ISO.match(s) or _RE_ISO_JA.match(s)):
        y, mo = int(mt.group(1)), int(mt.group(2))
        _check_month(mo, text)
        m = month_of(y, mo)
        _check_range(m, text)
        return _month(m, Style.ISO, text)
    if mt := _RE_ISO_FY.match(s):
        fy = _fy(int(mt.group(1) or mt.group(2)), Style.ISO, text)
        _check_range(fy.lo, text)
        return fy
    if (s[:1] in ("S", "T", "M") and s[1:2].isdigit()) or s.startswith(("昭和", "大正", "明治")):
        raise DateError(
            text,
            "昭和以前の元号は使えません(令和と平成だけです)。西暦で 1989-01 のように書くか、R4.10 のように書いてください",
            "Shōwa and earlier eras are not supported (only Reiwa and Heisei); write the Gregorian 1989-01 or e.g. R4.10",
        )
    if s in ("R", "H", "令和", "平成"):
        raise DateError(
            text, '年がありません。"R4.10" や "R5" のように書いてください', 'no year; write e.g. "R4.10" or "R5"'
        )
    raise DateError(
        text,
        "R4.10(年月)、R5(年度)、令和4年10月、2022-10、H31.4、完了 のいずれかで書いてください",
        "write R4.10 (month), R5 (fiscal year), 令和4年10月, 2022-10, H31.4 or 完了",
    )


def parse_month(text: str) -> Month:
    """Parse a value that must name one month (e.g. an evaluation date)."""
    d = parse(text)
    if d.precision is not Precision.MONTH:
        raise DateError(text, "年月で書いてください(例: R4.2)", "write a month, e.g. R4.2")
    return d.lo


# -- rendering -------------------------------------------------------------


def _era_of_month(m: Month) -> tuple[str, int]:
    y, _ = ym(m)
    if m >= REIWA_START:
        return "R", y - 2018
    return "H", y - 1988


def render_month(m: Month, style: Style = Style.ERA) -> str:
    y, mo = ym(m)
    if style is Style.ISO:
        return f"{y:04d}-{mo:02d}"
    era, n = _era_of_month(m)
    if style is Style.KANJI:
        kanji = "令和" if era == "R" else "平成"
        return f"{kanji}{'元' if n == 1 else n}年{mo}月"
    return f"{era}{n}.{mo}"


def render_fiscal_year(fy: int, style: Style = Style.ERA) -> str:
    if style is Style.ISO:
        return f"{fy}年度"
    # a fiscal year is named by the era of its April, except FY2019 = 令和元年度.
    era, n = ("R", fy - 2018) if fy >= 2019 else ("H", fy - 1988)
    if style is Style.KANJI:
        kanji = "令和" if era == "R" else "平成"
        return f"{kanji}{'元' if n == 1 else n}年度"
    return f"{era}{n}"


def render(d: PlanDate, style: Style | None = None) -> str:
    st = style or d.style
    if d.precision is Precision.DONE:
        return "完了"
    if d.precision is Precision.NA:
        return d.text if style is None else NA_CURRENT_VENDOR
    if st is Style.WORD:
        st = Style.ERA
    if d.precision is Precision.FISCAL_YEAR:
        return render_fiscal_year(fiscal_year_of(d.lo), st)
    return render_month(d.lo, st)


def month_style(d: PlanDate | None) -> Style:
    """The style to use when suggesting a month to a planner who wrote ``d``."""
    if d is None or d.style is Style.WORD:
        return Style.ERA
    return d.style


# -- comparisons -----------------------------------------------------------


class Truth(enum.IntEnum):
    """Three-valued answer for a relation between intervals."""

    NO = 0
    POSSIBLE = 1
    CERTAIN = 2


def after_month(d: PlanDate, m: Month) -> Truth:
    """Does ``d`` complete after month ``m``?"""
    if d.lo > m:
        return Truth.CERTAIN
    if d.hi > m:
        return Truth.POSSIBLE
    return Truth.NO


def before_month(d: PlanDate, m: Month) -> Truth:
    """Does ``d`` complete before month ``m``?"""
    if d.hi < m:
        return Truth.CERTAIN
    if d.lo < m:
        return Truth.POSSIBLE
    return Truth.NO


def latest(dates: list[PlanDate]) -> PlanDate | None:
    """The latest of several values (the seed's rule: the municipal line is the max)."""
    real = [d for d in dates if not d.is_na]
    if not real:
        return dates[0] if dates else None
    return max(real, key=lambda d: (d.hi, d.lo))
