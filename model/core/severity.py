"""Severity: one ordered type for findings, with its words, icon and style names.

A ``StrEnum`` whose values are the words written in JSON, SARIF, the cache and plan files
(``"error"``), ordered by rank (``Severity.ERROR > Severity.WARNING``), so ``max`` and
``worst`` give the most serious one. Style names are plain strings that rich and Textual
understand; nothing here imports either.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from model.core.words import Lang, Words


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def lower(self) -> Severity:
        """One level lower, for a conflict that is only possible (a year-only date)."""
        return _LOWER[self]

    @property
    def words(self) -> Words:
        return _WORDS[self]

    def label(self, lang: Lang = "ja") -> str:
        """エラー / error."""
        return _WORDS[self](lang)

    @property
    def icon(self) -> str:
        return _ICON[self]

    @property
    def style(self) -> str:
        return _STYLE[self]

    def __lt__(self, other: object) -> bool:
        return _RANK[self] < _RANK[Severity(other)]  # type: ignore[arg-type]

    def __le__(self, other: object) -> bool:
        return _RANK[self] <= _RANK[Severity(other)]  # type: ignore[arg-type]

    def __gt__(self, other: object) -> bool:
        return _RANK[self] > _RANK[Severity(other)]  # type: ignore[arg-type]

    def __ge__(self, other: object) -> bool:
        return _RANK[self] >= _RANK[Severity(other)]  # type: ignore[arg-type]

    __hash__ = StrEnum.__hash__


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
_LOWER = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}
_WORDS = {
    Severity.ERROR: Words("エラー", "error"),
    Severity.WARNING: Words("警告", "warning"),
    Severity.INFO: Words("情報", "info"),
}
_ICON = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

OK_ICON = "✔"  # no finding
OK_STYLE = "green"

SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Most serious first: the order of counts and legends."""


def worst(severities: Iterable[str | Severity]) -> Severity | None:
    """The most serious of ``severities`` (findings' ``.severity``), None when empty."""
    best: Severity | None = None
    for s in severities:
        sv = Severity(s)
        if best is None or _RANK[sv] > _RANK[best]:
            best = sv
    return best


def counts(severities: Iterable[str | Severity]) -> dict[Severity, int]:
    """How many of each severity, every severity present (most serious first)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for s in severities:
        out[Severity(s)] += 1
    return out


__all__ = ["OK_ICON", "OK_STYLE", "SEVERITIES", "Severity", "counts", "worst"]
