"""Cell values as a survey workbook holds them, turned into what a plan says: an Excel date
cell or serial number as the month in the survey's notation (``R4.10``); a number that was
meant as a date (``4.10`` typed as a number is 4.1) with what to write instead; the words
for "not decided yet" (``未定``, ``検討中``); a cell comment as a note."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from model.core.dates import HEISEI_START, Month, month_of, render_month
from model.core.words import Words

UNDECIDED = ("未定", "検討中")
"""A phase whose date is not decided: imported as no date, the word kept as the phase's note
(so ``plans lint`` reports the phase as PL010 missing-date)."""

_DATE_CELL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?)?$")
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_ERA_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})$")  # 4.1, 4.10, 5.3
_EPOCH = {False: dt.date(1899, 12, 30), True: dt.date(1904, 1, 1)}
_FIRST, _LAST = dt.date(1989, 1, 1), dt.date(2099, 12, 31)  # the years a plan date may name
# a comment ``plans export`` wrote: the findings of the cell, one "PL005 エラー: …" a line
_FINDING_LINE = re.compile(r"^[A-Z]{2}\d{3} (エラー|警告|情報|error|warning|info): ")


def survey_month(m: Month) -> str:
    """A month in the survey's notation: ``R4.10``, ``H31.4``; before Heisei ``1985-10``
    (which the date reader then reports)."""
    return render_month(m) if m >= HEISEI_START else f"{m // 12:04d}-{m % 12 + 1:02d}"


def date_cell_text(s: str) -> str | None:
    """An Excel date cell as fastexcel gives it (``2022-10-01 00:00:00``) as its month in the
    survey's notation (``R4.10``); None for any other text."""
    if not (m := _DATE_CELL.match(s)):
        return None
    return survey_month(month_of(int(m.group(1)), int(m.group(2))))


def serial_date(text: str, date1904: bool = False) -> dt.date | None:
    """The day an Excel serial number (``44835``: a date cell that lost its format, or a CSV
    saved from one) stands for, if it falls in the years a plan may name."""
    if not (m := _SERIAL.match(text)):
        return None
    day = _EPOCH[date1904] + dt.timedelta(days=int(m.group(1)))
    return day if _FIRST <= day <= _LAST else None


def serial_words(text: str, day: dt.date, written: str) -> Words:
    return Words(
        f"Excel のシリアル値 {text} を {day.isoformat()} の月 {written} として読みました",
        f"read the Excel serial number {text} as {day.isoformat()}, the month {written}",
    )


def number_hint(text: str) -> Words | None:
    """What to write for a number that was meant as a date, saying what it became: ``4.1``
    (Excel turns ``4.10`` typed as a number into 4.1), ``5`` (a fiscal year), ``2023``."""
    s = unicodedata.normalize("NFKC", text).strip()
    if m := _ERA_NUMBER.match(s):
        y, mo = int(m.group(1)), m.group(2)
        era, kanji = ("R", "令和") if y < 20 else ("H", "平成")  # 平成20–31 is 2008–2019
        months = [int(mo + "0")] if len(mo) == 1 and 1 <= int(mo + "0") <= 12 else []  # 4.1 typed as 4.10
        months += [int(mo)] if 1 <= int(mo) <= 12 else []
        if not months or y < 1:
            return None
        ja = "、".join(f"{kanji}{y}年{n}月なら {era}{y}.{n}" for n in months)
        en = " or ".join(f"{era}{y}.{n}" for n in months)
        if len(months) == 2:
            became = Words(
                f"数値 {s} になっています(Excel は {y}.{mo}0 と入力すると数値 {s} にします)",
                f"the cell holds the number {s} (Excel turns {y}.{mo}0 typed as a number into {s})",
            )
        else:
            became = Words(
                f"「{s}」は元号のない数値で、日付として読めません", f"{s!r} is a number without an era, not a date"
            )
        return became + Words(
            f"。{ja} のように元号を付けて、文字列で書いてください(セルの書式を文字列にするか、先頭に ' を付けます)",
            f": write {en} with the era, as text (format the cell as text, or type a leading ')",
        )
    if s.isascii() and s.isdigit():
        n = int(s)
        if 1 <= n < 20:
            return Words(
                f"数値 {s} になっています。令和{n}年度なら R{n}、月まで決まっていれば R{n}.10 のように書いてください",
                f"the cell holds the number {s}: write R{n} for fiscal 令和{n}, or a month such as R{n}.10",
            )
        if 1989 <= n <= 2099:
            return Words(
                f"数値 {s} になっています。{n}年度なら {n}年度、月まで決まっていれば {n}-10 のように書いてください",
                f"the cell holds the number {s}: write {n}年度 for the fiscal year, or a month such as {n}-10",
            )
    return None


def undecided(text: str) -> str | None:
    """The word, if ``text`` says the date is not decided yet (``未定``, ``検討中``)."""
    s = unicodedata.normalize("NFKC", text).strip().rstrip("。")
    return s if s in UNDECIDED else None


def comment_note(text: str) -> str | None:
    """A cell comment as a note: its lines joined into one; None for an empty comment or one
    that ``plans export`` wrote (the cell's findings, made again by ``plans lint``)."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    if not lines or all(_FINDING_LINE.match(x) for x in lines):
        return None
    return " ".join(lines)


def join_note(first: str | None, more: str) -> str:
    """Two notes of one place as one (a cell's word or text and the cell's comment)."""
    if not first or first == more:
        return more
    return f"{first} / {more}"
