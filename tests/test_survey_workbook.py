"""The survey workbook as prefectures send it (issue 14 item 1): a workbook laid out like the
seed's own table (資料1: title rows, a two-row header with 計画立案フェーズ merged over four
phase columns, the 19 municipalities of Yamaguchi, a footnote under the table), with what
people type into it: Excel date cells, serial numbers, 4.10 typed as a number, 未定 and
検討中, cell comments. It imports to the shipped plans' dates (survey workbook → plan); a
workbook in the layout ``plans export --format xlsx`` writes, with a planner's comment
added, imports to the plans it came from (plan → xlsx → plan)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from test_table import SEED_ROWS  # the seed's table (資料1), as printed

from model.core.national import load_national
from model.core.plan import Plan
from model.importing import plan_import, read_sheets
from model.importing import xlsx_structure as structure
from model.importing.survey_values import serial_date
from model.project.lint import lint_plan
from model.project.loader import discover, evaluation_month, load_plans
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"

LEAVES = ("推進体制", "システム概要調査", "標準仕様との比較分析", "移行計画作成")
FOOTNOTE = "※20業務毎にスケジュールが異なる場合は、最も遅い業務を基準に記載。"
BULLET = "・6市町が現行ベンダで標準化を予定(他市町は検討中)。"
FIRST = 6  # the sheet row of 下関市; 宇部市 is row 7, 山口市 8, … 阿武町 24
ROW = {row[0]: FIRST + i for i, row in enumerate(SEED_ROWS)}
SHEET = "移行スケジュール"


def survey_book(
    path: Path, *, name_header: str = "市町", merged: bool = True, leaves: bool = True
) -> openpyxl.Workbook:
    """The seed's table as a prefecture's workbook: two title rows, the header in rows 4-5
    (市町, ベンダ選定 and 移行完了 merged over both rows, 計画立案フェーズ merged over B4:E4,
    the four phases under it), the 19 rows from row 6, the footnote merged over A26:G26 and
    one of the seed's bullets in A27. Saved at ``path`` by the caller (after its edits)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "(2) 標準準拠システムへの移行スケジュールのとりまとめ"
    ws["A2"] = "昨年12月の総務省調査における市町の標準準拠システムへの移行に向けた作業の完了予定時期等は次表のとおり。"
    ws["A4"], ws["B4"], ws["F4"], ws["G4"] = name_header, "計画立案フェーズ", "ベンダ選定", "移行完了"
    if leaves:
        for col, leaf in zip("BCDE", LEAVES, strict=True):
            ws[f"{col}5"] = leaf
    if merged:
        for rng in ("A4:A5", "B4:E4", "F4:F5", "G4:G5"):
            ws.merge_cells(rng)
    for i, row in enumerate(SEED_ROWS):
        for j, v in enumerate(row):
            ws.cell(FIRST + i, 1 + j, v)
    ws["A26"] = FOOTNOTE
    if merged:
        ws.merge_cells("A26:G26")
    ws["A27"] = BULLET
    return wb


def serial(year: int, month: int, day: int = 1) -> int:
    return (dt.date(year, month, day) - dt.date(1899, 12, 30)).days


def as_sent(path: Path, **kw: object) -> Path:
    """The workbook as people fill it in: 宇部市's 推進体制 an Excel date cell (shown as
    令和4年10月), 山口市's 移行完了 a serial number (a date cell whose format was lost),
    comments on 宇部市's name and on its 移行計画作成 (with the author line Excel writes)."""
    wb = survey_book(path, **kw)  # type: ignore[arg-type]
    ws = wb[SHEET]
    ube, yamaguchi = ROW["宇部市"], ROW["山口市"]
    ws[f"B{ube}"] = dt.datetime(2022, 10, 1)
    ws[f"B{ube}"].number_format = '[$-ja-JP-x-gannen]ggge"年"m"月"'
    ws[f"G{yamaguchi}"] = serial(2025, 12)
    ws[f"A{ube}"].comment = Comment("情報政策課の回答(R3.12)", "山口県")
    ws[f"E{ube}"].comment = Comment("山口県:\n第2グループの仕様公開後に見直す", "山口県")
    wb.save(path)
    return path


def _load(folder: Path) -> list[Plan]:
    plans, problems, _ = load_plans(discover([folder]), load_national())
    assert problems == []
    return plans


def dates(plans: list[Plan]) -> dict[str, tuple[str | None, str | None, dict[str, str | None]]]:
    return {
        p.municipality: (
            p.prefecture,
            p.surveyed.text if p.surveyed else None,
            {pid: e.date.text if e.date else None for pid, e in p.phases.items()},
        )
        for p in plans
    }


@pytest.mark.parametrize("name_header", ["市町", "市町名", "市区町村名", "自治体名", "団体名"])
def test_the_survey_workbook_imports_to_the_shipped_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name_header: str
) -> None:
    src = as_sent(tmp_path / "調査結果.xlsx", name_header=name_header)
    out = tmp_path / "plans"
    assert main(["import", str(src), "--out", str(out), "--surveyed", "R3.12", "--prefecture", "山口県"]) == 0
    err = capsys.readouterr().err
    assert dates(_load(out)) == dates(_load(PLANS))
    assert sorted(p.name for p in out.glob("*.toml")) == sorted(
        p.name for p in PLANS.glob("*.toml") if p.name != "national.toml"
    )
    ube = (out / "ube.toml").read_text("utf-8")
    assert 'governance       = "R4.10"' in ube  # the date cell, in the survey's notation
    assert 'note = "情報政策課の回答(R3.12)"' in ube  # the name's comment: the plan's note
    assert 'migration_plan = "第2グループの仕様公開後に見直す"' in ube.split("[notes]")[1]  # without "山口県:"
    assert 'migration        = "R7.12"' in (out / "yamaguchi.toml").read_text("utf-8")
    # what was done on the planner's behalf is said, at its cell: never silently
    lines = err.splitlines()
    assert (
        f"{src}:{SHEET}!G{ROW['山口市']}: お知らせ Excel のシリアル値 {serial(2025, 12)} を 2025-12-01 の月 R7.12 として読みました"
        in lines
    )
    assert f"{src}:{SHEET}!A26: お知らせ 表の注記として読み飛ばしました: {FOOTNOTE}" in lines
    assert f"{src}:{SHEET}!A27: お知らせ 表の注記として読み飛ばしました: {BULLET}" in lines
    assert "19件の計画を書き込みました" in err


def test_a_two_row_header_without_merged_cells_reads_the_same(tmp_path: Path) -> None:
    """計画立案フェーズ typed over the first leaf, 市町 only in the upper row: each column is
    still named by its lowest header."""
    src = tmp_path / "s.xlsx"
    survey_book(src, merged=False).save(src)
    plan = plan_import(src, load_national(), tmp_path / "out", surveyed="R3.12", prefecture="山口県")
    assert plan.problems == []
    assert len(plan.targets) == 19


def test_a_number_meant_as_a_date_says_what_it_became(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "s.xlsx"
    wb = survey_book(src)
    ws = wb[SHEET]
    nagato, hofu, tabuse = ROW["長門市"], ROW["防府市"], ROW["田布施町"]
    ws[f"B{nagato}"] = 4.1  # 4.10 typed into a General cell: Excel keeps the number 4.1
    ws[f"C{hofu}"] = 4.9  # R4.9 without its era
    ws[f"C{tabuse}"] = 5  # R5, a fiscal year
    wb.save(src)
    out = tmp_path / "out"
    assert main(["import", str(src), "--out", str(out), "--surveyed", "R3.12"]) == 2
    err = capsys.readouterr().err
    assert not out.exists()  # nothing written
    by_cell = {line.split(": ")[0].rsplit("!", 1)[1]: line for line in err.splitlines() if " E004 " in line}
    assert set(by_cell) == {f"B{nagato}", f"C{hofu}", f"C{tabuse}"}
    assert (
        "数値 4.1 になっています(Excel は 4.10 と入力すると数値 4.1 にします)。令和4年10月なら R4.10、令和4年1月なら R4.1"
        in by_cell[f"B{nagato}"]
    )
    assert "令和4年9月なら R4.9" in by_cell[f"C{hofu}"]
    assert "令和5年度なら R5" in by_cell[f"C{tabuse}"]
    assert "3件の問題があるため、何も書き込んでいません" in err
    assert main(["import", str(src), "--out", str(out), "--surveyed", "R3.12", "--lang", "en"]) == 2
    assert (
        "the cell holds the number 4.1 (Excel turns 4.10 typed as a number into 4.1): write R4.10 or R4.1"
        in capsys.readouterr().err
    )


def test_undecided_is_a_missing_date_with_its_word_kept_for_lint(tmp_path: Path) -> None:
    src = tmp_path / "s.xlsx"
    wb = survey_book(src)
    ws = wb[SHEET]
    shunan = ROW["周南市"]
    ws[f"E{shunan}"] = "未定"
    ws[f"F{shunan}"] = "検討中"
    ws[f"F{shunan}"].comment = Comment("R4年度中に方針決定", "周南市")
    wb.save(src)
    out = tmp_path / "out"
    assert main(["import", str(src), "--out", str(out), "--surveyed", "R3.12", "--prefecture", "山口県"]) == 0
    (plan,) = [p for p in _load(out) if p.municipality == "周南市"]
    assert plan.phases["migration_plan"].date is None and plan.phases["migration_plan"].note == "未定"
    assert (
        plan.phases["vendor_selection"].date is None
        and plan.phases["vendor_selection"].note == "検討中 / R4年度中に方針決定"
    )
    assert plan.phases["fit_gap"].date is not None and plan.phases["fit_gap"].date.text == "R7.6"
    nat = load_national()
    missing = {f.phase for f in lint_plan(plan, nat, evaluation_month(nat, None)) if f.code == "PL010"}
    assert missing == {"migration_plan", "vendor_selection"}


def test_every_bad_cell_is_reported_at_its_sheet_and_cell_under_a_merged_header(tmp_path: Path) -> None:
    src = tmp_path / "s.xlsx"
    wb = survey_book(src)
    ws = wb[SHEET]
    ws[f"D{ROW['萩市']}"] = "R5.13"
    ws[f"C{ROW['光市']}"] = "現行ベンダで標準化"
    ws["A25"] = "宇部市"  # a second row of 宇部市, between the table and its footnote
    ws["G25"] = "R8.3"
    wb.save(src)
    out = tmp_path / "out"
    plan = plan_import(src, load_national(), out, surveyed="R3.12")
    got = sorted((p.cell.ref if p.cell else "", p.code) for p in plan.problems)
    assert got == sorted(
        [(f"{SHEET}!D{ROW['萩市']}", "E004"), (f"{SHEET}!C{ROW['光市']}", "E008"), (f"{SHEET}!A25", "E006")]
    )
    assert plan.targets == []
    assert main(["import", str(src), "--out", str(out), "--surveyed", "R3.12"]) == 2
    assert not out.exists()


def test_a_merged_group_header_alone_names_its_leaves_not_the_long_shape(tmp_path: Path) -> None:
    """Without the leaf row, 計画立案フェーズ over B4:E4 is one unknown header (not four
    problems), and the hint is never the long shape's フェーズ."""
    src = tmp_path / "s.xlsx"
    survey_book(src, leaves=False).save(src)
    plan = plan_import(src, load_national(), tmp_path / "out", surveyed="R3.12")
    (p,) = plan.problems
    assert (p.cell.ref if p.cell else "", p.code) == (f"{SHEET}!B4", "E002")
    assert "B4:E4" in p.text("ja") and "推進体制" in p.text("ja") and "「フェーズ」" not in p.text("ja")
    # an unknown header in a wide table is matched against wide headers only
    src2 = tmp_path / "t.csv"
    src2.write_text("市町,計画立案フェーズ,移行完了\n宇部市,R5.9,R8.3\n", "utf-8")
    (p,) = plan_import(src2, load_national(), tmp_path / "out").problems
    assert p.code == "E002" and "フェーズ」の誤り" not in p.text("ja")


def test_a_planners_comment_in_the_exported_workbook_comes_back_as_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan → xlsx (the layout ``plans export`` writes) → plan: the same plans, the findings
    the export put in comments are not notes, and a comment a planner adds is one."""
    exported = tmp_path / "計画一覧.xlsx"
    assert main(["export", str(PLANS), "--format", "xlsx", "-o", str(exported)]) == 0
    wb = openpyxl.load_workbook(exported)
    ws = wb["明細"]
    head = [c.value for c in ws[1]]
    name, phase, date = head.index("市町"), head.index("フェーズ"), head.index("完了予定")
    (row,) = [
        r
        for r in ws.iter_rows(min_row=2)
        if r[name].value == "宇部市" and r[phase].value == "ベンダ選定" and not r[head.index("業務")].value
    ]
    assert row[date].comment is None
    row[date].comment = Comment("R5.10 の予算要求に間に合わせる", "宇部市")
    findings = [
        r[date].comment.text
        for r in ws.iter_rows(min_row=2)
        if r[date].comment is not None and r[name].value != "宇部市"
    ]
    assert findings and all(t.startswith("PL0") for t in findings)  # the export's findings
    wb.save(exported)
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["import", str(exported), "--out", str(out)]) == 0
    assert "お知らせ" not in capsys.readouterr().err
    back = {p.municipality: p for p in _load(out)}
    for p in _load(PLANS):
        q = back[p.municipality]
        assert (q.code, q.prefecture, q.surveyed.text if q.surveyed else None) == (
            p.code,
            p.prefecture,
            p.surveyed.text if p.surveyed else None,
        )
        assert {k: e.date.text if e.date else None for k, e in q.phases.items()} == {
            k: e.date.text if e.date else None for k, e in p.phases.items()
        }
        want = {"vendor_selection": "R5.10 の予算要求に間に合わせる"} if p.municipality == "宇部市" else {}
        assert {k: e.note for k, e in q.phases.items() if e.note} == want


def _with_threaded_comment(src: Path, ref: str, texts: list[str]) -> None:
    """Add an Excel 365 threaded comment (コメント) on ``ref`` of the first sheet: a thread
    part and the legacy placeholder Excel keeps beside it."""
    wb = openpyxl.load_workbook(src)
    wb.worksheets[0][ref].comment = Comment(
        "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel.\n\nComment:\n    "
        + texts[0],
        "tc=1",
    )
    wb.save(src)
    ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    items = "".join(
        f'<threadedComment ref="{ref}" dT="2022-01-20T10:00:00.00" personId="{{P}}" id="{{T{i}}}"'
        + ("" if i == 0 else ' parentId="{T0}"')
        + f"><text>{t}</text></threadedComment>"
        for i, t in enumerate(texts)
    )
    part = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="{ns}">{items}</ThreadedComments>'
    rel = f'<Relationship Id="rIdTc" Type="{structure.THREADED_REL}" Target="/xl/threadedComments/threadedComment1.xml"/></Relationships>'
    _edit_parts(
        src,
        {"xl/worksheets/_rels/sheet1.xml.rels": (b"</Relationships>", rel.encode())},
        {"xl/threadedComments/threadedComment1.xml": part.encode()},
    )


def _edit_parts(src: Path, replace: dict[str, tuple[bytes, bytes]], add: dict[str, bytes] | None = None) -> None:
    """Rewrite the xlsx ``src`` with ``old`` replaced by ``new`` in the parts named in
    ``replace`` and the parts ``add`` added: what openpyxl cannot write."""
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in replace:
                data = data.replace(*replace[item.filename])
            zout.writestr(item, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    src.write_bytes(buf.getvalue())


def test_a_threaded_comment_is_read_from_its_thread(tmp_path: Path) -> None:
    src = tmp_path / "s.xlsx"
    wb = survey_book(src)
    wb[SHEET]["B4"].comment = Comment("a comment on the header", "x")  # makes the sheet's comment parts
    wb.save(src)
    ube = ROW["宇部市"]
    _with_threaded_comment(src, f"D{ube}", ["比較分析は外部委託", "R5.4 契約予定"])
    plan = plan_import(src, load_national(), tmp_path / "out", surveyed="R3.12")
    assert plan.problems == []
    (t,) = [t for t in plan.targets if t.municipality == "宇部市"]
    assert 'fit_gap = "比較分析は外部委託 R5.4 契約予定"' in t.text
    assert "Threaded comment" not in t.text
    (header,) = [n for n in plan.notices if n.cell and n.cell.a1 == "B4"]
    assert "a comment on the header" in header.text("en") and "not imported" in header.text("en")


def test_merged_ranges_are_found_past_a_chunk_boundary_and_with_a_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(structure, "_CHUNK", 7)  # every tag cut between two reads
    zpath = tmp_path / "x.zip"
    sheets = {
        "plain.xml": b'<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCells</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A4:A5"/><mergeCell ref="B4:E4"/></mergeCells></worksheet>',
        "prefixed.xml": b'<x:worksheet xmlns:x="m"><x:sheetData/><x:mergeCells count="1"><x:mergeCell ref="F4:F5"/></x:mergeCells></x:worksheet>',
        "empty.xml": b'<worksheet xmlns="m"><sheetData/><mergeCells count="0"/></worksheet>',
        "none.xml": b'<worksheet xmlns="m"><sheetData/></worksheet>',
    }
    with zipfile.ZipFile(zpath, "w") as z:
        for name, data in sheets.items():
            z.writestr(name, data)
    with zipfile.ZipFile(zpath) as z:
        got = {name: structure.merged_ranges(z, name) for name in sheets}
    assert got == {
        "plain.xml": [(3, 0, 4, 0), (3, 1, 3, 4)],
        "prefixed.xml": [(3, 5, 4, 5)],
        "empty.xml": [],
        "none.xml": [],
    }


def test_serial_numbers_of_both_date_systems_and_only_plausible_ones() -> None:
    assert serial_date(str(serial(2022, 10))) == dt.date(2022, 10, 1)
    assert serial_date("43373", date1904=True) == dt.date(2022, 10, 1)  # Excel for Mac's old epoch
    assert serial_date("12345") is None  # 1933: no plan's date
    assert serial_date("352021") is None  # a 団体コード, not a date


def test_a_merged_range_over_the_whole_sheet_costs_only_the_cells_read(tmp_path: Path) -> None:
    """A merge of A1:XFD1048576 (17 billion cells) written into a small sheet is cut to the
    cells fastexcel read. As in Excel, every cell then shows the merge's first one (the
    title): no table, one error, at once."""
    src = tmp_path / "s.xlsx"
    survey_book(src, merged=False).save(src)
    _edit_parts(
        src,
        {
            "xl/worksheets/sheet1.xml": (
                b"</sheetData>",
                b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
            )
        },
    )
    (sheet,) = read_sheets(src)
    assert sheet.merged == [(0, 0, len(sheet.rows) - 1, len(sheet.rows[0]) - 1)]
    assert len(sheet.filled) < 30 * 7  # the cells read, not the range
    (p,) = plan_import(src, load_national(), tmp_path / "out").problems
    assert p.code == "E007" and "市町" in p.text("ja")
