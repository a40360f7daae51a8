"""Where an import speaks: a cell of the input with its spreadsheet coordinates
(``Sheet1!C7``), a problem or a notice at it, and the failure of a file that cannot be read
as a table at all."""

from __future__ import annotations

from dataclasses import dataclass

from model.core.errors import PlansError
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of the input with its spreadsheet coordinates (0-based here, shown 1-based)."""

    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        """The cell's reference without its sheet: ``C7``."""
        from xlsxwriter.utility import xl_rowcol_to_cell

        return xl_rowcol_to_cell(self.row, self.col)

    @property
    def ref(self) -> str:
        from xlsxwriter.utility import quote_sheetname

        return f"{quote_sheetname(self.sheet)}!{self.a1}"


class _AtCell:
    """Words about a cell of an input file (or the whole file): where, and what."""

    __slots__ = ()
    file: str
    cell: Cell | None
    words: Words

    @property
    def where(self) -> str:
        return f"{self.file}:{self.cell.ref}" if self.cell else self.file

    def text(self, lang: str = "ja") -> str:
        return self.words(lang)


@dataclass(frozen=True, slots=True)
class CellProblem(_AtCell):
    """A cell that cannot be imported as written, and what to write instead."""

    file: str
    cell: Cell | None
    code: str
    words: Words


@dataclass(frozen=True, slots=True)
class Notice(_AtCell):
    """Something an import did that the planner should know of but that is no problem: a
    footnote row skipped, a serial number read as a date, a comment outside the table."""

    file: str
    cell: Cell | None
    words: Words


class ImportFailure(PlansError):
    """The input cannot be read at all (not a spreadsheet, unreadable)."""

    title = "cannot import"

    def __init__(self, message: str, problems: list[CellProblem]) -> None:
        super().__init__(message)
        self.cell_problems = problems


__all__ = ["Cell", "CellProblem", "ImportFailure", "Notice"]
