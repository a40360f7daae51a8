"""The formula cells of a workbook sheet that hold no value. A workbook saved by Excel keeps
each formula's result, which fastexcel reads; one written by a program that does not
calculate (openpyxl, a script) has the formula alone, and fastexcel reads the cell as empty.
A progress import then says so at the cell, not that the cell is missing. Read only when a
cell of a workbook is found empty where a value is needed: the sheet's XML is searched for
formula cells without a value, nothing else of it is parsed."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

Formulas = dict[tuple[int, int], str]
"""(row, column), 0-based as a :class:`~model.importing.cell_problems.Cell`, -> the formula."""

_NS = rb"(?:\w{1,32}:)?"
_FORMULA_CELL = re.compile(
    rb"<" + _NS + rb"c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>/]*>\s*"
    rb"<" + _NS + rb"f\b[^>]*?(?:/>|>([^<]*)</" + _NS + rb"f>)\s*"
    rb"(?:<" + _NS + rb"v\s*/>\s*|<" + _NS + rb"v>\s*</" + _NS + rb"v>\s*)?"
    rb"</" + _NS + rb"c>"
)


def formula_cells(path: Path, sheet: str) -> Formulas:
    """The cells of ``sheet`` (its name) in the workbook at ``path`` that hold a formula but
    no value; {} when there are none or the workbook cannot be read so (its size was checked
    when its values were read)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.cell import column_index_from_string

    try:
        reader = ExcelReader(str(path), read_only=True)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError):
        return {}
    try:
        reader.read_manifest()
        reader.read_workbook()
        part = next((rel.target for ws, rel in reader.parser.find_sheets() if ws.name == sheet), None)
        if part is None or part not in reader.valid_files:
            return {}
        data = reader.archive.read(part)
    except (OSError, zipfile.BadZipFile, ParseError, ValueError, TypeError, KeyError):
        return {}
    finally:
        reader.archive.close()
    if b"<f" not in data:
        return {}
    return {
        (int(m.group(2)) - 1, column_index_from_string(m.group(1).decode()) - 1): html.unescape(
            (m.group(3) or b"").decode("utf-8", "replace")
        )
        for m in _FORMULA_CELL.finditer(data)
    }


__all__ = ["Formulas", "formula_cells"]
