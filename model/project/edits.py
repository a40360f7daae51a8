"""What an edit of a plan document records and raises: an accepted edit (an undo entry) and the
file as last known on disk, the errors an edit or a save raises, and the months a date
stands for in words (shown beside an edit)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from model.core import dates
from model.core.errors import PlansError, Problem
from model.core.words import Words


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class EditError(PlansError):
    """An edit that cannot be made; ``words`` say why and what to write instead."""

    title = "cannot make this edit"
    words: Words

    def __init__(self, words: Words, problems: list[Problem] | None = None) -> None:
        super().__init__(words.en, problems, words)

    def text(self, lang: str = "ja") -> str:
        return self.words(lang)


class EditRejected(EditError):
    """The edited file would not load as a plan; ``problems`` name each place."""


class ExternalChange(Exception):
    """The file changed (or vanished) on disk since it was loaded; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: changed on disk since it was loaded")
        self.path = path


@dataclass(frozen=True, slots=True)
class DiskState:
    """The file as last read or written: what a save compares the disk with."""

    raw: bytes
    digest: str
    text: str | None  # its text (None: it did not decode)


@dataclass(frozen=True, slots=True)
class Edit:
    """One accepted edit: its label and the text before and after; a reload also the file
    as known before and after it (``disk``), which undo and redo restore with the text."""

    label: str
    before: str
    after: str
    disk: tuple[DiskState, DiskState] | None = None


def interval_text(d: dates.PlanDate, lang: str = "ja") -> str:
    """The months a date stands for, e.g. ``2023-04 .. 2024-03 (年度)``."""

    def iso(m: dates.Month) -> str:
        y, mo = dates.ym(m)
        return f"{y:04d}-{mo:02d}"

    en = lang == "en"
    if d.is_na:
        return "not applicable" if en else "対象外(該当なし)"
    if d.is_done:
        bound = f" (by {iso(d.hi)})" if d.hi != dates.OPEN_START else ""
        bound_ja = f"({iso(d.hi)}までに)" if d.hi != dates.OPEN_START else ""
        return f"done{bound}" if en else f"完了済み{bound_ja}"
    if d.precision is dates.Precision.FISCAL_YEAR:
        return f"{iso(d.lo)} .. {iso(d.hi)} ({'fiscal year' if en else '年度'})"
    return f"{iso(d.lo)} ({'month' if en else '月'})"


__all__ = ["DiskState", "Edit", "EditError", "EditRejected", "ExternalChange", "digest_of", "interval_text"]
