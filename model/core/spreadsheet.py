"""Cell text that a spreadsheet must not run as a formula (CSV injection).

Excel, LibreOffice and Google Sheets read a CSV cell starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return as a formula: a plan note ``=HYPERLINK("http://…","詳細")`` would
become a live link, ``=cmd|' /C calc'!A0`` a command. As OWASP advises, the CSV export
writes such a cell with a leading ``'`` (:func:`neutralised`); the xlsx export keeps the
value and marks the cell quote-prefixed (Excel's own form of that ``'``). The import reads a
``'`` before one of these characters as that mark and drops it (:func:`restored`), so
export → import gives back the value written in the plan.

No date is affected: every date the loader reads starts with a digit, a letter or a kanji
(``-`` is no longer a date: a load error says what to write).
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""
MAY_CHANGE = ("'", *FORMULA_START)
"""First characters of the only values :func:`neutralised` may change (a quick test first)."""


def formula_like(text: str) -> bool:
    return text[:1] in FORMULA_START


def marked(text: str) -> bool:
    """Does ``text`` start with the mark, ``'`` before a formula-like rest (``'=…``, ``''=…``)?
    Such a value is marked once more on export, so every value comes back as written."""
    rest = text.lstrip("'")
    return len(rest) < len(text) and formula_like(rest)


def neutralised(text: str) -> str:
    """``text`` as a CSV cell: with a leading ``'`` when it would run as a formula or starts
    with the mark already (a value whose first character after any ``'`` starts a formula)."""
    return "'" + text if text.lstrip("'")[:1] in FORMULA_START else text


def restored(text: str) -> str:
    """The value of a cell :func:`neutralised` wrote (any other text as it is)."""
    return text[1:] if marked(text) else text


def xlsx_cell(text: str) -> tuple[str, bool]:
    """(value, quote-prefixed) of an xlsx text cell: a formula-like value as written and
    quote-prefixed; a value starting with the mark marked once more (as in CSV)."""
    if formula_like(text):
        return text, True
    return neutralised(text), False


__all__ = ["FORMULA_START", "MAY_CHANGE", "formula_like", "marked", "neutralised", "restored", "xlsx_cell"]
