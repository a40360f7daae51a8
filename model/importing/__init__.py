"""Import plans from a spreadsheet (xlsx) or CSV: one TOML plan per municipality.

Two shapes are read, recognised by their header row (which may sit below a title):

* wide — the survey's and the seed's shape: one row per municipality, the columns
  ``市町`` and the phases' columns (``推進体制``, ``システム概要調査``, ``標準仕様との比較分析``,
  ``移行計画作成``, ``ベンダ選定``, ``移行完了``), optionally ``団体コード``, ``都道府県``,
  ``調査時点`` and ``備考``;
* long — one row per municipality × business × phase: ``市町``, ``業務`` (empty for the
  municipal line), ``フェーズ``, ``完了予定``, ``状況`` (and what ``plans export`` adds).

Every cell is validated first; every bad cell is reported with its sheet, row and column
(``Sheet1!C7``) and then nothing is written. Plans are rendered with tomli-w in the layout of
the hand-written ``plans/*.toml``, re-read with the plan loader, and written all or nothing.

A survey workbook is read as prefectures send it: title rows, a header over two rows with
merged group headers (each column named by its leaf), Excel date cells and serial numbers as
months in the survey's notation (``R4.10``), ``未定``/``検討中`` as a missing date with the word
as the phase's note, cell comments as notes, footnote rows skipped. What is done on the
planner's behalf (a row skipped, a serial number read) is a :class:`Notice` at its cell.

The path: :mod:`.sheets` (file → cells with coordinates; an xlsx's merged ranges and comments
from :mod:`.xlsx_structure`) → :mod:`.layout` (the header) → :mod:`.drafts` (rows → one draft
per municipality; cell values by :mod:`.cell_values` and :mod:`.survey_values`) →
:mod:`.write` (file names, --force, the plan texts, writing).
"""

from model.importing.cell_problems import CellProblem, ImportFailure, Notice
from model.importing.sheets import Sheet, read_sheets, row_count
from model.importing.write import ImportPlan, Target, plan_import, write_import

__all__ = [
    "CellProblem",
    "ImportFailure",
    "ImportPlan",
    "Notice",
    "Sheet",
    "Target",
    "plan_import",
    "read_sheets",
    "row_count",
    "write_import",
]
