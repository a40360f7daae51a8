"""What a new user of ``plans import FILE --progress`` met, each fixed: one month in one format,
extra columns read past with a notice, every problem of a file in one run without errors
that follow from another, one error per duplicated wide row, names no plan has, suggestions
for Japanese names, the header help by shape, snapshot files without a month, a month that
reports far fewer systems, and formula cells without a value."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from conftest import PLANS
from test_progress import STATUS_JA, SYSTEMS

from model.core.national import load_national
from model.importing.snapshot_hints import did_you_mean
from model.importing.snapshot_layout import header_help

NAT = load_national()
SHEET = "'t_2025-05'"


def long_rows(systems=SYSTEMS) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The long shape's rows (header first): one per system × step, the table's row r + 1 in
    a spreadsheet's numbering is ``rows[r]``."""
    rows = [["団体コード", "市区町村名", "業務", "ステップ", "状況"]]
    for code, name, business, sts in systems:
        rows += [[code, name, business, str(i), STATUS_JA[s]] for i, s in enumerate(sts, 1)]
    return rows


def wide_rows(systems=SYSTEMS) -> list[list[str]]:  # type: ignore[no-untyped-def]
    rows = [["団体コード", "市区町村名", "業務", *(str(i) for i in range(1, 41))]]
    rows += [[code, name, business, *(STATUS_JA[s] for s in sts)] for code, name, business, sts in systems]
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", "utf-8")
    return path


def at(err: str) -> list[tuple[str, str]]:
    """(cell, code or お知らせ/note) of each line of stderr that is at a cell."""
    out = []
    for line in err.splitlines():
        where, sep, rest = line.partition(": ")
        if sep and "!" in where:
            out.append((where.split(":", 1)[1], rest.split()[0]))
    return out


def line_at(err: str, cell: str) -> str:
    return next(line for line in err.splitlines() if f":{cell}: " in line)


# 1. one month, one format ---------------------------------------------------------------


def test_a_month_is_stored_in_one_format_and_force_replaces_the_other(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_csv(tmp_path / "progress.csv", long_rows())
    args = ("import", "progress.csv", "--progress", "--out", "pq", "--month", "2025-09")
    assert cli(*args, "--parquet", cwd=tmp_path).code == 0
    r = cli(*args, cwd=tmp_path)
    assert r.code == 2 and "E006" in r.err and "pq/progress/2025-09.parquet" in r.err and "--force" in r.err, r.err
    assert sorted(p.name for p in (tmp_path / "pq" / "progress").iterdir()) == ["2025-09.parquet"]
    r = cli(*args, "--lang", "en", cwd=tmp_path)
    assert "2025-09.parquet exists" in r.err and "give --force" in r.err
    r = cli(*args, "--force", cwd=tmp_path)
    assert r.code == 0 and "pq/progress/2025-09.parquet" in r.out, r.out
    assert sorted(p.name for p in (tmp_path / "pq" / "progress").iterdir()) == ["2025-09.csv"]
    assert src.exists()
    assert cli(*args, "--parquet", cwd=tmp_path).code == 2  # and the other way round


# 2. columns the import does not take ----------------------------------------------------


def test_extra_columns_are_skipped_with_a_notice_and_the_cells_checked_in_the_same_run(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [[*r, "備考" if i == 0 else "", "担当者" if i == 0 else "山田"] for i, r in enumerate(long_rows())]
    rows[3][4] = "完了したい"  # E4
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert r.code == 2
    assert at(r.err) == [(f"{SHEET}!F1", "お知らせ"), (f"{SHEET}!G1", "お知らせ"), (f"{SHEET}!E4", "E008")], r.err
    assert "「備考」" in line_at(r.err, f"{SHEET}!F1") and "E002" not in r.err
    rows[3][4] = "完了済み"
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", "--lang", "en", cwd=tmp_path)
    assert r.code == 0 and "note the column '担当者' is not a progress column: not read" in r.err, r.err
    wide = [[*r, "備考" if i == 0 else "x"] for i, r in enumerate(wide_rows())]
    wide[2][5] = "?"  # F3: 宇部市 戸籍 step 3
    write_csv(tmp_path / "w_2025-05.csv", wide)
    r = cli("import", "w_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [("'w_2025-05'!AR1", "お知らせ"), ("'w_2025-05'!F3", "E008")], r.err


def test_a_step_header_out_of_range_and_a_step_column_twice(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wide = [[*r, "41" if i == 0 else "完了済み"] for i, r in enumerate(wide_rows())]
    wide[1][3] = "?"  # D2: a bad cell, still checked
    write_csv(tmp_path / "w_2025-05.csv", wide)
    r = cli("import", "w_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [("'w_2025-05'!AR1", "E002"), ("'w_2025-05'!D2", "E008")], r.err
    assert "ステップは 1〜40 です" in line_at(r.err, "'w_2025-05'!AR1")
    r = cli("import", "w_2025-05.csv", "--progress", "--out", "plans", "--lang", "en", cwd=tmp_path)
    assert "steps run 1-40" in line_at(r.err, "'w_2025-05'!AR1")
    wide = [[*r, "ステップ5" if i == 0 else "完了済み"] for i, r in enumerate(wide_rows())]
    write_csv(tmp_path / "w_2025-05.csv", wide)
    r = cli("import", "w_2025-05.csv", "--progress", "--out", "plans", "--lang", "en", cwd=tmp_path)
    assert at(r.err) == [("'w_2025-05'!AR1", "E006")] and "(H1 is step 5 too)" in r.err, r.err


# 3. cell and structure errors in one run, none following from another ------------------


def test_one_run_reports_the_cells_and_the_structure_without_a_cascade(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = long_rows()
    rows[3][4] = "完了したい"  # E4: 宇部市 住民記録 step 3
    rows.append(list(rows[7]))  # 宇部市 住民記録 step 7 twice (a system with a bad cell)
    rows[30][3] = "7"  # D31: and once more, in place of its step 30 (now missing)
    rows[45][0] = "352022"  # A46: 宇部市 戸籍 step 5, a wrong check digit: not also a missing step 5
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert r.code == 2
    assert at(r.err) == [
        (f"{SHEET}!C2", "E007"),
        (f"{SHEET}!E4", "E008"),
        (f"{SHEET}!D31", "E006"),
        (f"{SHEET}!A46", "E008"),
        (f"{SHEET}!D122", "E006"),
    ], r.err
    assert "宇部市 住民記録 にステップ 30 がありません" in line_at(r.err, f"{SHEET}!C2")
    assert "ステップ7は 't_2025-05'!D8 にもあります" in line_at(r.err, f"{SHEET}!D31")
    assert "戸籍 にステップ" not in r.err
    assert r.err.splitlines()[-1] == "5件の問題があるため、何も書き込んでいません"


def test_a_bad_business_or_step_between_a_systems_rows_is_not_a_missing_step(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = long_rows()
    rows[10][2] = "住基"  # C11: 宇部市 住民記録 step 10, its business misspelt (the rows around it tell)
    rows[50][3] = "首長への報告"  # D51: 宇部市 戸籍 step 10, a step no one can tell
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [(f"{SHEET}!C11", "E005"), (f"{SHEET}!D51", "E005")], r.err


# 4. a wide row twice ------------------------------------------------------------------


def test_a_duplicated_wide_row_is_one_error_naming_the_first(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wide = wide_rows()
    wide.append(list(wide[3]))  # 萩市 住民記録 again at row 5
    write_csv(tmp_path / "w_2025-05.csv", wide)
    r = cli("import", "w_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [("'w_2025-05'!C5", "E006")], r.err
    assert "萩市 住民記録 の行は 'w_2025-05'!C4 にもあります" in r.err
    assert r.err.splitlines()[-1] == "1件の問題があるため、何も書き込んでいません"


# 5. names no plan has -------------------------------------------------------------------


def test_a_name_no_plan_has_is_a_notice_with_the_closest_plan(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plans").mkdir()
    for f in ("ube.toml", "hagi.toml"):
        shutil.copy(PLANS / f, tmp_path / "plans" / f)
    systems = [(c, n, b, s) for c, n, b, s in SYSTEMS] + [("", "架空町", "住民記録", SYSTEMS[0][3])]
    rows = [r[1:] for r in long_rows(systems)]  # no code column
    for r in rows[81:121]:
        r[0] = "宇部"  # 萩市's rows named 宇部
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert r.code == 0, r.err
    assert at(r.err) == [(f"{SHEET}!A82", "お知らせ"), (f"{SHEET}!A122", "お知らせ")], r.err
    assert "「宇部市」のことなら" in line_at(r.err, f"{SHEET}!A82")
    assert "「架空町」の計画がこのフォルダにありません" in line_at(r.err, f"{SHEET}!A122")
    assert "団体コード" in line_at(r.err, f"{SHEET}!A122")


# 6. suggestions for Japanese names ------------------------------------------------------


def test_unknown_japanese_businesses_and_steps_get_a_suggestion(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = long_rows()
    rows[2][2] = "住基"
    rows[3][3] = "首長への報告"
    rows[4][2] = "Resident registy"
    write_csv(tmp_path / "t_2025-05.csv", rows)
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert "未知の業務「住基」です。「住民記録」の誤りではありませんか" in r.err, r.err
    assert "「首長等への報告」(ステップ3)の誤りではありませんか" in r.err
    assert "「Resident registry」の誤りではありませんか" in r.err
    assert did_you_mean("jyuki", list(NAT.businesses)) == "juki" and did_you_mean("介護", ["介護保険"]) == "介護保険"
    assert did_you_mean("あいう", [b.name.ja for b in NAT.businesses.values()]) is None


# 7. the header help ---------------------------------------------------------------------


def test_the_header_help_says_each_shapes_headers(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_csv(
        tmp_path / "t_2025-05.csv", [["団体コード", "業務", "ステップ", "xyz"], ["352021", "住民記録", "1", "完了済み"]]
    )
    r = cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [(f"{SHEET}!A1", "E007"), (f"{SHEET}!D1", "E002")], r.err
    help_ = header_help(40)
    assert help_.ja in line_at(r.err, f"{SHEET}!D1")
    assert "明細形式" in help_.ja and "1行1システム" in help_.ja and "," not in help_.ja
    assert "long shape" in help_.en and "wide shape" in help_.en and "、" not in help_.en
    for header in ("code", "municipality", "business", "step", "status", "planned", "1-40"):
        assert header in help_.en


# 8. snapshot files without a month ------------------------------------------------------


def test_a_snapshot_file_without_a_month_is_named_on_stderr(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plans").mkdir()
    for f in ("ube.toml", "hagi.toml"):
        shutil.copy(PLANS / f, tmp_path / "plans" / f)
    write_csv(tmp_path / "t_2025-05.csv", long_rows())
    assert cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path).code == 0
    for name in ("2025-5.csv", "may.csv"):
        shutil.copy(tmp_path / "plans" / "progress" / "2025-05.csv", tmp_path / "plans" / "progress" / name)
    r = cli("progress", "plans", cwd=tmp_path)
    assert r.code == 0
    for name in ("2025-5.csv", "may.csv"):
        assert f"plans/progress/{name}: お知らせ ファイル名に月がないため読みませんでした。YYYY-MM.csv" in r.err, r.err
    r = cli("progress", "plans", "--lang", "en", cwd=tmp_path)
    assert "plans/progress/may.csv: note not read: the file name has no month; name it YYYY-MM.csv" in r.err


# 9. a month that reports far fewer systems ------------------------------------------------


def test_a_partial_month_says_how_many_systems_it_reports(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_csv(tmp_path / "t_2025-05.csv", long_rows())
    assert cli("import", "t_2025-05.csv", "--progress", "--out", "plans", cwd=tmp_path).code == 0
    write_csv(tmp_path / "t_2025-06.csv", long_rows(SYSTEMS[:1]))
    r = cli("import", "t_2025-06.csv", "--progress", "--out", "plans", cwd=tmp_path)
    assert r.code == 0
    assert (
        "t_2025-06.csv: お知らせ 2025-06 の報告は 1 システムです(2025-05 は 3)。報告のないシステムはこの月の集計に入りません"
        in r.err
    ), r.err
    write_csv(tmp_path / "t_2025-07.csv", long_rows(SYSTEMS[:2]))  # 2 of 1: no notice
    assert "お知らせ" not in cli("import", "t_2025-07.csv", "--progress", "--out", "plans", cwd=tmp_path).err


# 10. formula cells without a value ------------------------------------------------------


def test_a_formula_cell_without_a_value_is_said_at_its_cell(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "進捗"
    for row in long_rows():
        ws.append(row)
    ws["D3"] = "=1+1"  # 宇部市 住民記録 step 2, a formula openpyxl stores without its value
    ws["E5"] = "=3+4"
    wb.save(tmp_path / "t_2025-05.xlsx")
    r = cli("import", "t_2025-05.xlsx", "--progress", "--out", "plans", cwd=tmp_path)
    assert at(r.err) == [("進捗!D3", "E008"), ("進捗!E5", "E008")], r.err
    assert "数式「=3+4」の計算結果がファイルに保存されていません" in line_at(r.err, "進捗!E5")
    assert "ステップ 2 がありません" not in r.err


def test_a_system_on_two_sheets_is_found_in_the_run_that_finds_a_bad_cell(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "A"
    for row in long_rows(SYSTEMS[:1]):
        a.append(row)
    a["E4"] = "完了したい"
    b = wb.create_sheet("B")
    for row in long_rows(SYSTEMS[1:]):
        b.append(row)
    b.append(["352021", "宇部市", "住民記録", "1", "完了済み"])  # B!A82: 宇部市 住民記録 step 1 again
    wb.save(tmp_path / "t_2025-05.xlsx")
    r = cli("import", "t_2025-05.xlsx", "--progress", "--out", "plans", cwd=tmp_path)
    assert "A!E4: E008" in r.err and "宇部市 住民記録 のステップ1が複数のシートにあります" in r.err, r.err
