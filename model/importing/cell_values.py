"""Reading the values of cells: dates as ``plans lint`` reads them (with what a survey
workbook holds instead: Excel serial numbers, a number meant as a date, ``未定``), survey
dates, codes with their check digit, statuses, cell comments; every bad cell a
:class:`~model.importing.cell_problems.CellProblem` and everything done on the planner's behalf a
:class:`~model.importing.cell_problems.Notice`, each at its cell."""

from __future__ import annotations

from model.core import dates
from model.core.dates import DateError, Precision, month_of
from model.core.plan import STATUS_JA, STATUSES
from model.core.reader import shorten
from model.core.words import Words
from model.importing.cell_problems import Cell, CellProblem, Notice
from model.importing.layout import check_code, norm
from model.importing.sheets import MAX_CELL_CHARS, Sheet
from model.importing.survey_values import (
    UNDECIDED,
    comment_note,
    join_note,
    number_hint,
    serial_date,
    serial_words,
    survey_month,
    undecided,
)

UNDECIDED_FIRST = {w[0] for w in UNDECIDED}  # a cheap test before the word's
STATUS_WORDS = {**{v: k for k, v in STATUS_JA.items()}, **{s: s for s in STATUSES}, "完了": "done"}


class CellReader:
    """Validates cell values of one input; collects every problem and notice."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[CellProblem] = []
        self.notices: list[Notice] = []
        self._surveyed: dict[str, int | None] = {}
        self._read_comments: set[tuple[str, int, int]] = set()

    def bad(self, cell: Cell | None, code: str, words: Words) -> None:
        self.problems.append(CellProblem(self.file, cell, code, words))

    def notice(self, cell: Cell | None, words: Words) -> None:
        self.notices.append(Notice(self.file, cell, words))

    # -- dates -------------------------------------------------------------------------

    def phase_cell(
        self, sheet: Sheet, r: int, c: int, text: str, phase: str, surveyed: str | None
    ) -> tuple[str | None, str | None]:
        """A phase's cell as (date, note): the date as the plan writes it, or None when the
        cell is empty, bad (reported) or undecided (``未定``: the word is the note); the note
        is the undecided word and the cell's comment."""
        note = self.comment(sheet, r, c) if r in sheet.comment_rows else None
        if not text:
            return None, note
        if text[:1] in UNDECIDED_FIRST and (word := undecided(text)) is not None:
            return None, join_note(word, note) if note else word
        return self.date(sheet, r, c, text, phase, surveyed), note

    def date(self, sheet: Sheet, r: int, c: int, text: str, phase: str, surveyed: str | None) -> str | None:
        cell = sheet.cell(r, c)
        if text[:1].isdigit():
            text = self.serial(sheet, cell, text)
        try:
            d = dates.parse(text, surveyed=self._surveyed_month(surveyed))
        except DateError as e:
            self.bad(cell, "E004", date_words(e))
            return None
        if d.is_done and not surveyed:
            self.bad(
                cell,
                "E007",
                Words(
                    "「完了」を使うには調査時点が必要です。「調査時点」の列を加えるか --surveyed R3.12 を指定してください",
                    "using 完了 needs the survey date: add a 調査時点 column or give --surveyed R3.12",
                ),
            )
            return None
        if d.is_na and text.strip() == dates.NA_CURRENT_VENDOR and phase != "vendor_selection":
            self.bad(
                cell,
                "E008",
                Words(
                    "「現行ベンダで標準化」はベンダ選定の列にだけ書けます",
                    "現行ベンダで標準化 is only valid for vendor selection",
                ),
            )
            return None
        return text

    def serial(self, sheet: Sheet, cell: Cell, text: str) -> str:
        """An Excel serial number (``44835``) as its month (``R4.10``), with a notice; any
        other text as it is."""
        if (day := serial_date(text, sheet.date1904)) is not None:
            written = survey_month(month_of(day.year, day.month))
            self.notice(cell, serial_words(text, day, written))
            return written
        return text

    def _surveyed_month(self, surveyed: str | None) -> int | None:
        if not surveyed:
            return None
        if surveyed not in self._surveyed:
            try:
                self._surveyed[surveyed] = dates.parse(surveyed).hi
            except DateError:
                self._surveyed[surveyed] = None
        return self._surveyed[surveyed]

    def surveyed_ok(self, cell: Cell | None, text: str) -> str | None:
        try:
            d = dates.parse(text)
        except DateError as e:
            self.bad(cell, "E004", Words("調査時点: ", "survey date: ") + date_words(e))
            return None
        if d.precision not in (Precision.MONTH, Precision.FISCAL_YEAR):
            self.bad(
                cell,
                "E008",
                Words("調査時点は年月で書いてください(例: R3.12)", "write the survey date as a month, e.g. R3.12"),
            )
            return None
        return text

    # -- other values ------------------------------------------------------------------

    def code_ok(self, cell: Cell, text: str) -> str | None:
        c, why = check_code(text)
        if why is not None:
            self.bad(cell, "E008", why)
        return c

    def status_ok(self, cell: Cell, text: str) -> str | None:
        s = STATUS_WORDS.get(norm(text))
        if s is None:
            self.bad(
                cell,
                "E008",
                Words(
                    f"状況は {', '.join(STATUS_JA.values())} のいずれかです",
                    f"status must be one of {', '.join(STATUSES)}",
                ),
            )
        return s

    # -- comments ----------------------------------------------------------------------

    def comment(self, sheet: Sheet, r: int, c: int | None) -> str | None:
        """The comment of a cell as a note (None without one, or for the findings that
        ``plans export`` puts in comments); counted as read."""
        if c is None or r not in sheet.comment_rows or (text := sheet.comments.get((r, c))) is None:
            return None
        self._read_comments.add((sheet.name, r, c))
        if len(text) > MAX_CELL_CHARS:
            self.bad(
                sheet.cell(r, c),
                "E008",
                Words(
                    f"コメントが長すぎます({len(text):,}文字、上限 {MAX_CELL_CHARS:,}文字)。短くしてください",
                    f"the comment is too long ({len(text):,} characters; at most {MAX_CELL_CHARS:,}): shorten it",
                ),
            )
            return None
        return comment_note(text)

    def comments(self, sheet: Sheet, r: int, cols: list[int]) -> str | None:
        """The notes of the comments of several cells of a row, joined."""
        if r not in sheet.comment_rows:
            return None
        out: str | None = None
        for c in cols:
            if (note := self.comment(sheet, r, c)) is not None:
                out = join_note(out, note)
        return out

    def unread_comments(self, sheet: Sheet) -> None:
        """A notice for each comment of ``sheet`` that no value took (in the header, a title
        or footnote row, a column that is not read)."""
        for (r, c), text in sorted(sheet.comments.items()):
            if (sheet.name, r, c) not in self._read_comments and (note := comment_note(text)) is not None:
                self.notice(
                    sheet.cell(r, c),
                    Words(
                        f"このセルのコメントは計画のどの値にも当たらないため読み込みませんでした: {shorten(note)}",
                        f"this cell's comment belongs to no value of a plan and was not imported: {shorten(note)}",
                    ),
                )


def date_words(e: DateError) -> Words:
    """The date reader's message; for a number that was meant as a date, what it became and
    what to write."""
    if (hint := number_hint(e.value)) is not None:
        return Words(f"日付 {shorten(e.value)!r} を解釈できません: ", f"invalid date {shorten(e.value)!r}: ") + hint
    return Words(e.text("ja"), e.text("en"))
