"""``plans export --format xlsx`` polish (issue 14, item 6), read back with openpyxl: print
set-up (A3 landscape, one page wide, the header row repeated), a Japanese font, the status
drop-down, and ``--with-fixes``: a column of the values ``plans lint --fix`` writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import NATIONAL, PLANS, ROOT, CliResult
from openpyxl.worksheet.worksheet import Worksheet

from model.project.fixing import propose
from model.project.lint import lint_paths

STATUSES_JA = ["完了済み", "作業中", "未着手", "対象外"]


STATUS_PLAN = (
    'municipality = "宇部市"\ncode = "352021"\nsurveyed = "R3.12"\n'
    '[phases]\ngovernance = "完了"\ncurrent_survey = "R4.9"\nfit_gap = "R5"\nmigration_plan = "R5.9"\nmigration = "R8.3"\n'
    '[status]\ngovernance = "done"\ncurrent_survey = "in_progress"\nfit_gap = "not_started"\nvendor_selection = "n/a"\n'
)
"""A plan holding each of the four statuses (the shipped plans hold none)."""


def _export(cli: Callable[..., CliResult], out: Path, *extra: str, plans: Path = PLANS) -> openpyxl.Workbook:
    r = cli("export", str(plans), "--format", "xlsx", "-o", str(out), *extra)
    assert r.code == 0, r.err
    return openpyxl.load_workbook(out)


def _header(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[1]]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tui.main import main

    out = tmp_path_factory.mktemp("xlsx") / "plans.xlsx"
    assert main(["export", str(PLANS), "--format", "xlsx", "-o", str(out)]) == 0
    return out


def test_every_sheet_prints_on_a3_landscape_one_page_wide_with_its_header(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["一覧", "明細", "集計"]
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert (ps.paperSize, ps.orientation) == (8, "landscape"), ws.title  # 8: A3
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ps.fitToWidth or 1, ps.fitToHeight) == (1, 0)  # one page across, as many down as needed
        assert ws.oddFooter.center.text == "&P / &N"
    assert wb["一覧"].print_title_rows == "$1:$1" and wb["明細"].print_title_rows == "$1:$1"
    assert wb["集計"].print_title_rows is None


def test_the_font_renders_japanese(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    fonts = {
        (c.font.name, c.font.sz, c.font.charset, c.font.scheme)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    assert fonts == {("游ゴシック", 11, 128, None)}  # the name itself, not the theme's font
    assert wb["明細"]["A1"].font.b  # the header stays bold
    assert wb["明細"].sheet_format.defaultRowHeight == 18.75
    # the workbook's default style (empty cells, new cells) and the findings' comments too
    with zipfile.ZipFile(workbook) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
        assert 'name val="Calibri"' not in styles and 'name val="游ゴシック"' in styles
        comments = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/comments")]
    assert comments and all('rFont val="游ゴシック"' in c and "Tahoma" not in c for c in comments)


@pytest.mark.parametrize(
    ("lang", "statuses"), [("ja", STATUSES_JA), ("en", ["done", "in_progress", "not_started", "n/a"])]
)
def test_status_is_a_drop_down_of_the_four_statuses(
    cli: Callable[..., CliResult], tmp_path: Path, lang: str, statuses: list[str]
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(NATIONAL, folder / "national.toml")
    (folder / "ube.toml").write_text(STATUS_PLAN, encoding="utf-8")
    wb = _export(cli, tmp_path / "a.xlsx", "--lang", lang, plans=folder)
    ws = wb.worksheets[1]
    col = _header(ws).index("状況" if lang == "ja" else "status")
    letter = openpyxl.utils.get_column_letter(col + 1)
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"' + ",".join(statuses) + '"'
    assert str(dv.sqref) == f"{letter}2:{letter}{ws.max_row}"
    assert dv.allowBlank and dv.showErrorMessage and all(s in (dv.error or "") for s in statuses)
    written = {row[col] for row in ws.iter_rows(min_row=2, values_only=True)} - {None}
    assert written == set(statuses)  # every status the plan holds is one of them
    assert not wb.worksheets[0].data_validations.dataValidation  # the summary has no status


def test_with_fixes_a_column_of_the_values_lint_fix_writes(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    plain = _export(cli, tmp_path / "plain.xlsx")
    assert "修正案" not in _header(plain["明細"])
    wb = _export(cli, tmp_path / "fix.xlsx", "--with-fixes")
    ws = wb["明細"]
    head = _header(ws)
    assert head == [*_header(plain["明細"])[:7], "修正案", *_header(plain["明細"])[7:]]  # beside 完了予定
    res = lint_paths([PLANS])
    nat = res.national
    want = {
        (
            pf.proposal.municipality,
            nat.businesses[e.business].name.ja if e.business else None,
            nat.phase(e.phase).column,
        ): (e.old, e.new)
        for pf in propose(res).included()
        for e in pf.edits
    }
    got = {}
    col = {h: i for i, h in enumerate(head)}
    for row in ws.iter_rows(min_row=2):
        v = row[col["修正案"]]
        if v.value is not None:
            got[(row[col["市町"]].value, row[col["業務"]].value, row[col["フェーズ"]].value)] = (
                row[col["完了予定"]].value,
                v.value,
            )
            assert v.fill.fgColor.rgb == "FFE2EFDA"
    assert got == want and len(got) > 10
    assert got[("宇部市", None, "推進体制")] == ("R4.10", "R4.9")  # as README's --diff of ube.toml
    # the status drop-down moved with its column
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref).startswith(openpyxl.utils.get_column_letter(col["状況"] + 1))
    # in English the header is "proposed"
    en = _export(cli, tmp_path / "en.xlsx", "--with-fixes", "--lang", "en")
    assert _header(en["Details"])[7] == "proposed"


def test_fixes_only_for_xlsx_and_unsafe_only_with_them(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    r = cli("export", str(PLANS), "--format", "csv", "--with-fixes")
    assert r.code == 2 and "--with-fixes" in r.err and r.out == ""
    r = cli("export", str(PLANS), "--format", "xlsx", "--unsafe-fixes", "-o", str(tmp_path / "x.xlsx"))
    assert r.code == 2 and "--unsafe-fixes" in r.err and not (tmp_path / "x.xlsx").exists()
    r = cli(
        "export",
        str(PLANS),
        "--format",
        "xlsx",
        "--with-fixes",
        "--unsafe-fixes",
        "-o",
        str(tmp_path / "u.xlsx"),
        "--lang",
        "en",
    )
    assert r.code == 0, r.err
    res = lint_paths([PLANS])
    fixes = propose(res, unsafe=True)
    ws = openpyxl.load_workbook(tmp_path / "u.xlsx")["Details"]
    column = next(ws.iter_cols(min_col=8, max_col=8, min_row=2, values_only=True))
    proposed = [v for v in column if v is not None]
    assert len(proposed) == sum(len(pf.edits) for pf in fixes.included())


def test_the_re_planner_is_imported_only_with_fixes(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.main import main; "
        f"main(['export', {str(PLANS)!r}, '--format', 'xlsx', '-o', {str(tmp_path / 'a.xlsx')!r}]); "
        "print(sorted(m for m in sys.modules if m.startswith(('model.replan', 'model.project.fixing', 'highspy'))))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PLANS_NO_CACHE": "1", "PATH": ""},
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_plan_to_xlsx_with_fixes_to_plan(tmp_path: Path) -> None:
    """The proposed values are read as derived (ignored): import gives the plans as written."""
    from test_import_export import _load as load
    from test_import_export import assert_round_trip, summary

    assert_round_trip(PLANS, summary(load(PLANS)), tmp_path, "xlsx", "--with-fixes")
