"""Reading a spreadsheet (xlsx) or a CSV file into sheets of cell strings (each cell at its
spreadsheet coordinates, :mod:`.cell_problems`), or into polars frames of them; a file that
cannot be read as a table at all fails with its problem (E009)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from model.core.errors import Place, display_path, unreadable
from model.core.reader import NotRegularFile, shorten
from model.core.spreadsheet import restored
from model.core.words import Words
from model.importing.cell_problems import Cell, CellProblem, ImportFailure
from model.importing.survey_values import date_cell_text
from model.importing.xlsx_structure import SheetStructure, Span, read_structure

MAX_UNCOMPRESSED = 128 * 1024 * 1024  # twice the nationwide export (1,741 plans: 64 MB of sheet XML)
MAX_MEMBERS = 10_000  # parts of an xlsx (a workbook of 20 sheets has about 50)
MAX_TABLE_BYTES = MAX_UNCOMPRESSED  # a CSV (or an uncompressed .xls) on disk
MAX_CELL_CHARS = 4_000  # a note of a page; Excel's own limit is 32,767
_EXCEL_INT = re.compile(r"^(\d+)\.0+$")


def _unreadable(file: str, message: str, words: Words) -> ImportFailure:
    """E009 for the whole file."""
    return ImportFailure(f"{file}: {message}", [CellProblem(file, None, "E009", words)])


Row = list[str | None]


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list[Row]
    row0: int = 0  # absolute row of rows[0]
    col0: int = 0  # absolute column of rows[r][0]
    too_long: list[tuple[int, int, int]] = field(default_factory=list)  # (row, col, length) cut to a stub
    merged: list[Span] = field(default_factory=list)  # merged ranges (xlsx), in this sheet's (row, col)
    filled: dict[tuple[int, int], tuple[int, int]] = field(
        default_factory=dict
    )  # a merged cell -> the range's first cell
    comments: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> comment text
    comment_rows: set[int] = field(default_factory=set)  # the rows with a comment
    date1904: bool = False  # the workbook counts serial dates from 1904 (Excel for Mac's old default)
    structure_unread: str | None = None  # why merged ranges and comments could not be read

    def __post_init__(self) -> None:
        self.too_long = self.too_long or _cut_long_cells(self.rows)

    def cell(self, r: int, c: int) -> Cell:
        return Cell(self.name, self.row0 + r, self.col0 + c)

    def own(self, r: int, c: int) -> bool:
        """Whether the cell holds its own value (not a copy of a merged range's first cell)."""
        return (r, c) not in self.filled

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """The cell whose value (r, c) shows: itself, or its merged range's first cell."""
        return self.filled.get((r, c), (r, c))

    def span_of(self, r: int, c: int) -> Span | None:
        """The merged range whose first cell is (r, c)."""
        return next((s for s in self.merged if s[:2] == (r, c)), None)

    def add_structure(self, st: SheetStructure, date1904: bool) -> None:
        """Merged ranges and comments read from the workbook (absolute, 0-based) in this
        sheet's coordinates; every cell of a merged range shows its first cell's value, as
        Excel shows it (a two-row header, a name over several columns)."""
        self.date1904 = date1904
        width = max((len(r) for r in self.rows), default=0)
        for r0, c0, r1, c1 in st.merged:
            r0, r1, c0, c1 = (
                r0 - self.row0,
                min(r1 - self.row0, len(self.rows) - 1),
                c0 - self.col0,
                min(c1 - self.col0, width - 1),
            )
            if r0 < 0 or c0 < 0 or r0 > r1 or c0 > c1:
                continue  # outside the cells read: its first cell is empty
            self.merged.append((r0, c0, r1, c1))
            if (v := self.rows[r0][c0]) is None:
                continue
            for r in range(r0, r1 + 1):
                row = self.rows[r]
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        row[c] = v
                        self.filled[r, c] = (r0, c0)
        self.comments = {(r - self.row0, c - self.col0): text for (r, c), text in st.comments.items()}
        self.comment_rows = {r for r, _ in self.comments}

    def long_cell_problems(self, file: str) -> list[CellProblem]:
        """E008 at every cell over MAX_CELL_CHARS (read as a stub, so nothing is written)."""
        return [
            CellProblem(
                file,
                self.cell(r, c),
                "E008",
                Words(
                    f"セルが長すぎます({n:,}文字、上限 {MAX_CELL_CHARS:,}文字)。値を短くしてください",
                    f"the cell is too long ({n:,} characters; at most {MAX_CELL_CHARS:,}): shorten it",
                ),
            )
            for r, c, n in self.too_long
        ]


def _cut_long_cells(rows: list[Row]) -> list[tuple[int, int, int]]:
    """Replace every cell over MAX_CELL_CHARS by its shortened text (so that no message
    echoes a megabyte); where they were."""
    out: list[tuple[int, int, int]] = []
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None and len(v) > MAX_CELL_CHARS:
                out.append((r, c, len(v)))
                row[c] = shorten(v)
    return out


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet as a polars frame of strings (columns ``c0``, ``c1``, …; categoricals from a
    Parquet snapshot), for readers that work column-wise (progress snapshots: a million
    rows); ``col0`` as in :class:`Sheet`."""

    name: str
    frame: pl.DataFrame
    col0: int = 0
    excel: bool = False  # from a workbook: numbers and dates may come as 1.0, 2022-10-01 00:00:00

    def cell(self, r: int, c: int) -> Cell:
        return Cell(self.name, r, self.col0 + c)


def read_tables(path: Path) -> list[Table]:
    """Every sheet of an xlsx file, or the one table of a CSV file, as frames of strings
    (the same size caps as :func:`read_sheets`)."""
    file = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        return _read_excel(path, file)
    if suffix in (".csv", ".txt", ".tsv"):
        return [_read_csv(path, file, "\t" if suffix == ".tsv" else ",")]
    raise _unreadable(
        file, "not a spreadsheet", Words("xlsx か csv のファイルを指定してください", "give an xlsx or csv file")
    )


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an xlsx file, or the one table of a CSV file, as strings; from an xlsx
    with its merged ranges and comments (:mod:`.xlsx_structure`)."""
    sheets = [Sheet(t.name, [list(r) for r in t.frame.iter_rows()], 0, t.col0) for t in read_tables(path)]
    if path.suffix.lower() in (".xlsx", ".xlsm") and sheets:
        wb = read_structure(path)
        for s in sheets:
            if wb.unread is not None:
                s.structure_unread = wb.unread
            elif (st := wb.sheets.get(s.name)) is not None:
                s.add_structure(st, wb.date1904)
    return sheets


def row_count(sheets: list[Sheet]) -> int:
    """Rows of every sheet (a progress bar's unit)."""
    return sum(len(s.rows) for s in sheets)


def _read_excel(path: Path, file: str) -> list[Table]:
    """Read with fastexcel (the engine under ``polars.read_excel``) directly: polars drops
    the sheet's column offset (calamine starts a range at its first used column), which
    the spreadsheet coordinates in error messages need (``available_columns().absolute_index``)."""
    import fastexcel

    _check_unpacked_size(path, file)
    try:
        reader = fastexcel.read_excel(str(path))
        out = []
        for name in reader.sheet_names:
            sh = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            cols = sh.available_columns()
            if not cols:
                continue
            df = sh.to_polars()
            col0 = cols[0].absolute_index - cols[0].index
            out.append(Table(name, df.rename({c: f"c{i}" for i, c in enumerate(df.columns)}), col0, excel=True))
        return out
    except (fastexcel.FastExcelError, OSError) as e:
        why = _first_line(e)
        raise _unreadable(
            file,
            f"cannot read: {why}",
            Words(f"表計算ファイル(xlsx)として読めません: {why}", f"cannot read the spreadsheet (xlsx): {why}"),
        ) from None


def _check_unpacked_size(path: Path, file: str) -> None:
    """Refuse a workbook that would unpack to more than MAX_UNCOMPRESSED (a zip bomb: 820 KB
    on disk, gigabytes of sheet XML) before any reader opens it, from the sizes its zip
    directory declares; a workbook that is no zip (.xls) by its size on disk."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _unreadable(
                file,
                "not a regular file",
                unreadable(Place(file), "not a regular file (a folder, FIFO or device)").words,
            )
        if not zipfile.is_zipfile(path):
            total, members = st.st_size, 1
        else:
            with zipfile.ZipFile(path) as z:
                infos = z.infolist()
                total, members = sum(i.file_size for i in infos), len(infos)
    except (OSError, zipfile.BadZipFile, ValueError) as e:
        why = _first_line(e)
        raise _unreadable(
            file,
            f"cannot read: {why}",
            Words(f"表計算ファイル(xlsx)として読めません: {why}", f"cannot read the spreadsheet (xlsx): {why}"),
        ) from None
    if members > MAX_MEMBERS:
        raise _unreadable(
            file,
            f"{members} parts",
            Words(
                f"xlsx の部品が多すぎます({members:,}個、上限 {MAX_MEMBERS:,}個)。表計算ファイルか確かめてください",
                f"too many parts in the xlsx ({members:,}; at most {MAX_MEMBERS:,}): check that this is a spreadsheet",
            ),
        )
    if total > MAX_UNCOMPRESSED:
        raise _unreadable(
            file, f"unpacks to {total} bytes", _too_big(total, Words("展開後の大きさが", "It unpacks to"))
        )


def _too_big(size: int, what: Words) -> Words:
    mb, cap = size / 2**20, MAX_UNCOMPRESSED / 2**20
    return what + Words(
        f" {mb:,.0f} MB で、上限 {cap:,.0f} MB を超えます。読み込みません(圧縮爆弾か、分割が必要な大きさです)",
        f" {mb:,.0f} MB, over the limit of {cap:,.0f} MB; not read (a zip bomb, or a table to split)",
    )


def _read_csv(path: Path, file: str, sep: str) -> Table:
    """Read a CSV with polars, every cell a string. UTF-8 (with or without a BOM) is handed
    to polars as it is (a large file by its path: polars maps it, no copy is read here);
    Shift_JIS/cp932 (as Excel saves it in Japan) is decoded here because polars reads UTF-8
    only. Ragged rows are kept, not cut: when a row has more fields than the first, the
    column count is given."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path)
        with open(path, "rb") as fh:
            raw = fh.read(_READ_BY_PATH if st.st_size <= MAX_TABLE_BYTES else MAX_TABLE_BYTES + 1)
            if len(raw) == _READ_BY_PATH and not raw.isspace():
                with contextlib.suppress(pl.exceptions.PolarsError):  # then as bytes, as a small file
                    df = pl.read_csv(path, has_header=False, separator=sep, infer_schema=False)  # skips a BOM
                    return Table(path.stem, df.rename({c: f"c{i}" for i, c in enumerate(df.columns)}))
            raw += fh.read(MAX_TABLE_BYTES + 1 - len(raw))
    except OSError as e:
        raise _unreadable(file, str(e.strerror), unreadable(Place(file), e.strerror).words) from None
    if len(raw) > MAX_TABLE_BYTES:
        raise _unreadable(file, "too large", _too_big(st.st_size, Words("ファイルの大きさが", "The file is")))
    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    name = path.stem
    if not data or data.isspace():
        return Table(name, pl.DataFrame())
    try:
        return _read_csv_bytes(data, name, file, sep)  # polars checks the UTF-8 as it reads
    except _NotUtf8:
        pass
    try:
        data = raw.decode("cp932").encode("utf-8")
    except UnicodeDecodeError:
        raise _unreadable(
            file,
            "not UTF-8 or Shift_JIS",
            Words("UTF-8 か Shift_JIS で保存してください", "save the file as UTF-8 or Shift_JIS"),
        ) from None
    return _read_csv_bytes(data, name, file, sep)


_READ_BY_PATH = 1 << 20  # a CSV over this is read by polars from its path


class _NotUtf8(Exception):
    pass


def _read_csv_bytes(data: bytes, name: str, file: str, sep: str) -> Table:
    """UTF-8 bytes as a table of strings; the column count given when a row has more
    fields than the first. Raises _NotUtf8 for bytes that are not UTF-8."""
    try:
        try:
            df = pl.read_csv(data, has_header=False, separator=sep, infer_schema=False)
        except pl.exceptions.ComputeError as e:
            if "utf-8" in str(e):
                raise _NotUtf8 from None
            n = max(line.count(sep.encode()) for line in data.splitlines()) + 1
            df = pl.read_csv(
                io.BytesIO(data),
                has_header=False,
                separator=sep,
                schema={f"c{i}": pl.String for i in range(n)},
                missing_columns="insert",
            )
    except pl.exceptions.PolarsError as e:
        why = _first_line(e)
        raise _unreadable(
            file,
            why,
            Words(f"CSVとして読めません(閉じていない引用符など): {why}", f"not valid CSV (an unclosed quote?): {why}"),
        ) from None
    return Table(name, df.rename({c: f"c{i}" for i, c in enumerate(df.columns)}))


def _first_line(e: BaseException) -> str:
    """A library's error in one line (polars and calamine add pages of advice)."""
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else type(e).__name__


def clean(v: str | None) -> str:
    """A cell as text: trimmed; an Excel date cell (2022-10-01 00:00:00) as its month in the
    survey's notation (R4.10); an Excel whole number (352021.0) without the ``.0``; the ``'`` the export puts
    before a formula-like value dropped (``model.core.spreadsheet.restored``)."""
    if v is None:
        return ""
    s = restored(str(v).strip())
    if not s[:1].isdigit():
        return s
    if len(s) >= 10 and s[4] == "-" and (month := date_cell_text(s)) is not None:
        return month
    if m := _EXCEL_INT.match(s):
        return m.group(1)
    return s


def cell_text(row: Row, c: int | None) -> str:
    """The cleaned text of column ``c`` of a row ("" past its end or for no column)."""
    if c is None or c >= len(row):
        return ""
    return clean(row[c])


def row_empty(row: Row) -> bool:
    return not any(clean(v) for v in row)
