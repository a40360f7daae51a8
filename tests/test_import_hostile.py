"""Import against careless and hostile input (issue 11: 1, 9): it never writes
``national.toml`` or a file that is not the plan it made for that municipality, and a zip
bomb or a megabyte cell is refused before it costs memory, with short messages."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from model.core.national import load_national
from model.importing import ImportFailure, plan_import, read_sheets
from model.importing import sheets as import_sheets
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
HEAD = "市町,団体コード,推進体制,システム概要調査,標準仕様との比較分析,移行計画作成,ベンダ選定,移行完了\n"
ROW = ",,R4.10,R4.12,R5.3,R5.9,R6.6,R8.3\n"


def _folder(tmp_path: Path) -> Path:
    out = tmp_path / "plans"
    out.mkdir()
    for f in PLANS.glob("*.toml"):
        shutil.copy(f, out / f.name)
    return out


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _csv(tmp_path: Path, *names: str) -> Path:
    src = tmp_path / "s.csv"
    src.write_text(HEAD + "".join(n + ROW for n in names), "utf-8")
    return src


# -- issue 11 item 1: national.toml and files that are not this municipality's plan ------------


@pytest.mark.parametrize("name", ["national", "National", "NATIONAL"])
def test_a_name_that_maps_to_national_toml_is_refused_even_with_force(
    tmp_path: Path, capsys, monkeypatch, name: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    out = _folder(tmp_path)
    before = _files(out)
    src = _csv(tmp_path, "架空町", name)
    for extra in ([], ["--force"], ["--dry-run", "--force"]):
        assert main(["import", str(src), "--out", str(out), *extra]) == 2
        err = capsys.readouterr().err
        assert f"s.csv:s!A3: E008 「{name}」のファイル名が national.toml(国のスケジュール)と重なります" in err
        assert "何も書き込んでいません" in err
    assert _files(out) == before
    assert main(["lint", str(out), "--exit-zero"]) == 0  # the timeline still loads


def test_never_overwrites_a_file_that_is_not_the_plan_of_that_municipality(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    out = _folder(tmp_path)
    (out / "notes.toml").write_text("# 会議メモ: 計画ではない\n[memo]\ntext = '...'\n", "utf-8")
    (out / "broken.toml").write_text("municipality = \n", "utf-8")  # no TOML: whose is it?
    (out / "link.toml").symlink_to(out / "ube.toml")
    before = _files(out)
    # "ube" is a slug onto 宇部市's ube.toml; "notes", "broken", "link" name other files
    src = _csv(tmp_path, "ube", "notes", "broken", "link")
    assert main(["import", str(src), "--out", str(out), "--force", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert (
        "s.csv:s!A2: E006 plans/ube.toml is the plan of 宇部市; it is never overwritten (not even with --force)" in err
    )
    assert "s.csv:s!A5: E006 plans/link.toml is a file that is not the plan of link" in err
    for cell in ("A3", "A4", "A5"):
        assert f"s.csv:s!{cell}: E006" in err
    assert err.count("a file that is not the plan of") == 3
    assert _files(out) == before
    assert (out / "link.toml").is_symlink()


def test_force_still_updates_the_municipality_own_plan(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    src = _csv(tmp_path, "宇部市")
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    assert 'migration        = "R8.3"' in (out / "ube.toml").read_text("utf-8")
    assert (out / "national.toml").read_bytes() == (PLANS / "national.toml").read_bytes()


def test_write_import_itself_refuses_national_toml(tmp_path: Path) -> None:
    from model.importing import write_import
    from model.importing.sheets import Cell
    from model.importing.write import ImportPlan, Target

    plan = ImportPlan("s.csv", [Target(tmp_path / "national.toml", "x", "", False, Cell("s", 1, 0))])
    with pytest.raises(ValueError, match=r"national\.toml"):
        write_import(plan)
    assert not (tmp_path / "national.toml").exists()


# -- issue 11 item 9: zip bombs, megabyte cells, short messages ------------------------------

_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="調査" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def xlsx_bomb(path: Path, chars: int) -> Path:
    """A workbook of one sheet whose header row has a cell of ``chars`` letters x: a few
    hundred KB on disk (the sheet XML is one letter repeated), ``chars`` bytes unpacked."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>市町</t></is></c><c r="B1" t="inlineStr"><is><t>'
    )
    block = b"x" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            for left in range(chars, 0, -len(block)):
                f.write(block[: min(left, len(block))])
            f.write(b"</t></is></c></row></sheetData></worksheet>")
    return path


def test_a_zip_bomb_is_refused_from_its_zip_directory_without_unpacking(tmp_path: Path) -> None:
    bomb = xlsx_bomb(tmp_path / "bomb.xlsx", import_sheets.MAX_UNCOMPRESSED + (8 << 20))
    assert bomb.stat().st_size < 1_000_000  # small on disk: the sizes are in its directory
    limit = 1_500_000_000  # unpacked, the cell alone needs more memory than this

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    cmd = [sys.executable, "-m", "tui", "import", str(bomb), "--dry-run", "--out", str(tmp_path / "out")]
    r = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert r.returncode == 2, r.stderr[-2000:]
    assert "bomb.xlsx: E009 展開後の大きさが 136 MB で、上限 128 MB を超えます" in r.stderr
    assert len(r.stderr) < 1000 and r.stdout == ""
    with pytest.raises(ImportFailure) as ei:
        read_sheets(bomb)
    assert ei.value.cell_problems[0].code == "E009"


def test_too_many_parts_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_sheets, "MAX_MEMBERS", 10)
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(11):
            z.writestr(f"p{i}.xml", "<a/>")
    with pytest.raises(ImportFailure) as ei:
        read_sheets(path)
    assert "11" in ei.value.cell_problems[0].text("en")


def test_a_big_csv_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_sheets, "MAX_TABLE_BYTES", 1000)
    src = tmp_path / "big.csv"
    src.write_text(HEAD + "宇部市" + ROW * 50, "utf-8")
    with pytest.raises(ImportFailure) as ei:
        read_sheets(src)
    assert "over the limit" in ei.value.cell_problems[0].text("en")


def test_a_long_cell_is_reported_at_its_cell_and_never_echoed_whole(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    big = "長" * (import_sheets.MAX_CELL_CHARS + 1)
    mid = "名" * 3000  # under the cap, but still not echoed whole
    src = tmp_path / "s.csv"
    src.write_text(
        "市町,団体コード,推進体制,システム概要調査,標準仕様との比較分析,移行計画作成,ベンダ選定,移行完了,"
        + mid
        + "\n"
        + big
        + ROW
        + mid
        + ROW
        + mid
        + ROW
        + "宇部市,,R4.10,R4.12,R5.3,R5.9,R6.6,R"
        + "9" * 3000
        + "\n",
        "utf-8",
    )
    assert main(["import", str(src), "--out", str(tmp_path / "out"), "--dry-run"]) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert f"s.csv:s!A2: E008 セルが長すぎます({len(big):,}文字、上限 4,000文字)" in err
    assert any(line.startswith("s.csv:s!I1: E002 未知の列見出し「名名") for line in lines)  # the header
    assert any(line.startswith("s.csv:s!A4: E006 名名") for line in lines)  # a name given twice
    assert any(line.startswith("s.csv:s!H5: E004") for line in lines)  # a date
    assert max(len(line) for line in lines) < 400
    assert not (tmp_path / "out").exists()


def test_legit_large_cells_and_sheets_still_import(tmp_path: Path) -> None:
    note = "備考" * 1000  # 2,000 characters
    src = tmp_path / "s.csv"
    src.write_text("市町,移行完了,備考\n宇部市,R8.3," + note + "\n", "utf-8")
    plan = plan_import(src, load_national(), tmp_path / "out")
    assert plan.ok and note in plan.targets[0].text
