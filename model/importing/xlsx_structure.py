"""What fastexcel does not expose of an xlsx, read with openpyxl: each sheet's merged ranges
and cell comments, and the workbook's date system (1900 or 1904).

openpyxl is used for the package (content types, workbook, relationships), the comments
parts and cell references, but not for the cells themselves: fastexcel has read those, and
openpyxl parsing every cell of a nationwide workbook would take minutes. A sheet's merged
ranges sit after its cells (``<mergeCells>`` follows ``<sheetData>``), so the sheet's XML is
streamed until that element and only the element itself is parsed.

Comments are the legacy ones (Excel's メモ, openpyxl's ``Comment``) and Excel 365's threaded
comments (コメント), whose text is read from their own part: the legacy copy Excel keeps of
a thread is a placeholder ("[Threaded comment] Your version of Excel …").
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

Span = tuple[int, int, int, int]
"""A merged range as (first row, first column, last row, last column), 0-based, inclusive."""

THREADED_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
_THREADED_NS = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
_MERGE_START = re.compile(rb"<(?:(\w{1,32}):)?mergeCells[\s>/]")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")
_CHUNK = 1 << 20


@dataclass(slots=True)
class SheetStructure:
    merged: list[Span] = field(default_factory=list)
    comments: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based -> text


@dataclass(slots=True)
class WorkbookStructure:
    sheets: dict[str, SheetStructure] = field(default_factory=dict)
    date1904: bool = False
    unread: str | None = None  # why the structure could not be read (the values still were)


def read_structure(path: Path) -> WorkbookStructure:
    """The merged ranges and comments of every worksheet of the xlsx at ``path`` (already
    read by fastexcel and checked for its size); what could not be read, as ``unread``."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    try:
        reader = ExcelReader(str(path), read_only=True)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError) as e:
        return WorkbookStructure(unread=_why(e))
    try:
        reader.read_manifest()
        reader.read_workbook()
        out = WorkbookStructure(date1904=reader.wb.epoch == CALENDAR_MAC_1904)
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                out.sheets[sheet.name] = _sheet(reader.archive, rel.target, reader.valid_files)
        return out
    except (OSError, zipfile.BadZipFile, ParseError, ValueError, TypeError, KeyError) as e:
        # openpyxl's descriptors raise TypeError/ValueError for values they do not model
        return WorkbookStructure(unread=_why(e))
    finally:
        reader.archive.close()


def _why(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return (text[0] if text else type(e).__name__)[:200]


def _sheet(archive: zipfile.ZipFile, part: str, valid: list[str]) -> SheetStructure:
    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.constants import COMMENTS_NS
    from openpyxl.xml.functions import fromstring

    out = SheetStructure(merged=merged_ranges(archive, part))
    rels_path = get_rels_path(part)
    if rels_path not in valid:
        return out
    rels = get_dependents(archive, rels_path)
    for r in rels.find(COMMENTS_NS):
        if r.target in valid:
            for ref, comment in CommentSheet.from_tree(fromstring(archive.read(r.target))).comments:
                row, col = coordinate_to_tuple(ref)
                out.comments[row - 1, col - 1] = without_author(comment.text or "", comment.author or "")
    for r in rels.find(THREADED_REL):
        if r.target in valid:
            for ref, text in _threads(fromstring(archive.read(r.target))).items():
                row, col = coordinate_to_tuple(ref)
                out.comments[row - 1, col - 1] = text  # the thread, not the legacy placeholder
    return out


def merged_ranges(archive: zipfile.ZipFile, part: str) -> list[Span]:
    """The merged ranges of the sheet XML ``part``: the XML is streamed to its
    ``<mergeCells>`` element, which alone is parsed."""
    from openpyxl.utils.cell import range_boundaries

    fragment = _merge_cells_element(archive, part)
    spans: list[Span] = []
    for m in _MERGE_REF.finditer(fragment):
        try:
            c0, r0, c1, r1 = range_boundaries(m.group(1).decode("ascii"))
        except (ValueError, TypeError, UnicodeDecodeError):
            continue  # not a range: Excel would not open the file either; the cells still read
        if None not in (c0, r0, c1, r1):
            spans.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))  # type: ignore[operator]
    return spans


def _merge_cells_element(archive: zipfile.ZipFile, part: str) -> bytes:
    """The bytes of the sheet's ``<mergeCells>…</mergeCells>`` (b"" when it has none)."""
    with archive.open(part) as fh:
        data = b""
        m = None
        while m is None:
            chunk = fh.read(_CHUNK)
            data = data[-64:] + chunk  # a tag cut between two chunks is found in the next
            m = _find_merge_start(data)
            if m is None and not chunk:
                return b""
        prefix = m.group(1)
        end_tag = b"</" + (prefix + b":" if prefix else b"") + b"mergeCells>"
        element = bytearray(data[m.start() :])
        if (gt := element.find(b">")) >= 0 and element[gt - 1 : gt] == b"/":
            return b""  # <mergeCells count="0"/>
        seen = 0
        while (end := element.find(end_tag, seen)) < 0:
            seen = max(0, len(element) - len(end_tag))
            if not (chunk := fh.read(_CHUNK)):
                return bytes(element)  # cut short: the ranges read so far
            element += chunk
        return bytes(element[:end])


def _find_merge_start(data: bytes) -> re.Match[bytes] | None:
    """The ``<mergeCells`` start tag in ``data`` (found with bytes.find: a regex over 64 MB of
    cells costs seconds)."""
    pos = data.find(b"mergeCells")
    while pos >= 0:
        m = _MERGE_START.search(data, max(0, pos - 34), pos + 11)
        if m is not None:
            return m
        pos = data.find(b"mergeCells", pos + 1)
    return None


def without_author(text: str, author: str) -> str:
    """A legacy comment's text without the ``Author:`` line Excel puts before it."""
    if author and text.startswith(author + ":"):
        return text[len(author) + 1 :].lstrip("\r\n")
    return text


def _threads(root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """ref -> the text of a threaded comment and its replies, in order."""
    out: dict[str, list[str]] = {}
    for tc in root.iter(f"{_THREADED_NS}threadedComment"):
        ref = tc.get("ref")
        text = tc.findtext(f"{_THREADED_NS}text") or ""
        if ref and text.strip():
            out.setdefault(ref, []).append(text.strip())
    return {ref: "\n".join(parts) for ref, parts in out.items()}
