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

The path: :mod:`.sheets` (file → cells with coordinates) → :mod:`.layout` (the header row) →
:mod:`.drafts` (rows → one draft per municipality) → :mod:`.write` (file names, --force,
the plan texts, writing).
"""

from model.importing.sheets import CellProblem, ImportFailure, Notice, Sheet, read_sheets, row_count
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
