"""Progress snapshots (issue 13): import of the tracker's long and wide shapes with every bad
cell at its sheet and cell and nothing written on error, the stored format, and the roll-ups
checked against values computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from model.core.dates import parse_month
from model.core.national import load_national
from model.importing import snapshot_problems
from model.importing.snapshot_import import (
    plan_snapshot_import,
    read_snapshot,
    write_snapshot_import,
)
from model.progress.report import ProgressReport
from model.progress.rollup import rollup
from model.progress.snapshot import Snapshot, find_snapshots, month_in_name, to_csv_bytes
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
NAT = load_national()
STATUS_JA = {"done": "完了済み", "in_progress": "作業中", "not_started": "未着手", "na": "対象外"}

# Hand-made systems: (code, name, business, statuses of steps 1..40)
UBE_JUKI = ["done"] * 10 + ["na"] * 2 + ["in_progress"] * 3 + ["not_started"] * 25  # 完了率 12/40 = 30%
UBE_KOSEKI = ["done"] * 40  # 100%
HAGI_JUKI = ["done"] * 20 + ["in_progress"] * 4 + ["na"] * 4 + ["not_started"] * 12  # (20+4)/40 = 60%
SYSTEMS = [
    ("352021", "宇部市", "住民記録", UBE_JUKI),
    ("352021", "宇部市", "戸籍", UBE_KOSEKI),
    ("352047", "萩市", "住民記録", HAGI_JUKI),
]


def long_csv(path: Path, systems=SYSTEMS, *, words: dict[str, str] = STATUS_JA, extra: str = "") -> Path:  # type: ignore[no-untyped-def]
    lines = ["団体コード,市区町村名,業務,ステップ,状況"]
    for code, name, business, sts in systems:
        lines += [f"{code},{name},{business},{i},{words[s]}" for i, s in enumerate(sts, 1)]
    path.write_text("\n".join(lines) + "\n" + extra, "utf-8")
    return path


def wide_xlsx(path: Path, systems=SYSTEMS) -> Path:  # type: ignore[no-untyped-def]
    """The wide shape as a workbook: a title row, the table from column B, headers
    ``ステップ1`` … and English ids for the statuses."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("進捗")
    ws.write(0, 1, "標準化進捗 2025年5月")
    head = ["団体コード", "市区町村名", "業務", *(f"ステップ{i}" for i in range(1, 41))]
    for c, h in enumerate(head):
        ws.write(2, 1 + c, h)
    for r, (code, name, business, sts) in enumerate(systems, 3):
        ws.write_number(r, 1, int(code))  # a number cell: read back as 352021, not 352021.0
        ws.write(r, 2, name)
        ws.write(r, 3, business)
        for i, s in enumerate(sts):
            ws.write(r, 4 + i, s)
    wb.close()
    return path


def _import(src: Path, out: Path, **kw):  # type: ignore[no-untyped-def]
    return plan_snapshot_import(src, NAT, out, **kw)


# -- import ------------------------------------------------------------------------------


def test_long_and_wide_shapes_import_to_the_same_rows(tmp_path: Path) -> None:
    a = _import(long_csv(tmp_path / "tracker_2025-05.csv"), tmp_path / "plans")
    b = _import(wide_xlsx(tmp_path / "wide.xlsx"), tmp_path / "plans", month=parse_month("2025-05"))
    assert a.ok and b.ok, (a.problems.items, b.problems.items)
    assert a.shapes == {"tracker_2025-05": "long"} and b.shapes == {"進捗": "wide"}
    assert a.snapshot and b.snapshot
    assert to_csv_bytes(a.snapshot, NAT) == to_csv_bytes(b.snapshot, NAT)
    assert a.snapshot.month == parse_month("2025-05") and a.target == tmp_path / "plans" / "progress" / "2025-05.csv"
    assert a.snapshot.systems() == 3 and a.snapshot.frame.height == 120
    prefs = set(a.snapshot.frame.get_column("prefecture").cast(pl.String).to_list())
    assert prefs == {"山口県"}  # from the code's first two digits


def test_the_stored_file_is_plain_sorted_csv_and_reads_back(tmp_path: Path) -> None:
    res = _import(long_csv(tmp_path / "t_2025-05.csv", systems=list(reversed(SYSTEMS))), tmp_path / "plans")
    path = write_snapshot_import(res, NAT)
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "code,municipality,prefecture,business,step,status,planned"
    assert lines[1] == "352021,宇部市,山口県,juki,1,done,"  # 団体コード, business, step order
    assert lines[-1] == "352047,萩市,山口県,juki,40,not_started,"
    assert len(lines) == 121
    back = read_snapshot(path, NAT)
    assert to_csv_bytes(back, NAT) == path.read_bytes()
    # the careful read (a hand-edited file goes through it) gives the same rows
    path.write_text(path.read_text("utf-8").replace("code,", "団体コード,", 1), "utf-8")
    assert to_csv_bytes(read_snapshot(path, NAT), NAT).splitlines()[1:] == to_csv_bytes(back, NAT).splitlines()[1:]


def test_an_existing_snapshot_needs_force_and_a_month_is_needed(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    write_snapshot_import(_import(long_csv(tmp_path / "t_2025-05.csv"), out), NAT)
    again = _import(tmp_path / "t_2025-05.csv", out)
    assert (
        not again.ok
        and [p.code for p in again.problems.items] == ["E006"]
        and "--force" in again.problems.items[0].text("en")
    )
    assert _import(tmp_path / "t_2025-05.csv", out, force=True).ok
    nameless = _import(long_csv(tmp_path / "tracker.csv"), out)
    assert not nameless.ok and "--month" in nameless.problems.items[0].text("en")
    assert month_in_name("進捗_202505.xlsx") == parse_month("2025-05") and month_in_name("a_2025-13.csv") is None


def test_every_bad_cell_is_reported_at_its_cell_and_nothing_is_written(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    src = long_csv(tmp_path / "t_2025-05.csv")
    lines = src.read_text("utf-8").splitlines()
    lines[3] = "352021,宇部市,住民記録,3,完了したい"  # E4: a status no tracker writes
    lines[5] = "352022,宇部市,住民記録,5,完了済み"  # A6: wrong check digit
    lines[6] = "352021,宇部市,住民基本台帳,6,完了済み"  # C7: unknown business
    lines[7] = "352021,宇部市,住民記録,41,完了済み"  # D8: no step 41
    lines[8] = "352021,宇部市,住民記録,8,"  # E9: no status
    lines.append("352021,宇部市,戸籍,40,完了済み")  # D122: step 40 of 戸籍 twice
    lines.append("352047,萩,戸籍,1,未着手")  # B123: another name for 352047; 萩市 戸籍 lacks 2-40
    src.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["import", str(src), "--progress", "--out", "plans"]) == 2
    err = capsys.readouterr().err.splitlines()
    sheet = "'t_2025-05'"
    got = [[line.split(": ", 1)[0], line.split(": ", 1)[1].split()[0]] for line in err[:-1]]
    assert got == [
        [f"t_2025-05.csv:{sheet}!E4", "E008"],
        [f"t_2025-05.csv:{sheet}!A6", "E008"],
        [f"t_2025-05.csv:{sheet}!C7", "E005"],
        [f"t_2025-05.csv:{sheet}!D8", "E005"],
        [f"t_2025-05.csv:{sheet}!E9", "E007"],
        [f"t_2025-05.csv:{sheet}!D122", "E006"],
        [f"t_2025-05.csv:{sheet}!B123", "E008"],
        [f"t_2025-05.csv:{sheet}!C123", "E007"],
    ], err
    assert (
        "352021 ではありませんか" in err[1] and "D81 にもあります" in err[5] and "ステップ 2–40 がありません" in err[7]
    )
    assert err[-1] == "8件の問題があるため、何も書き込んでいません"
    assert not (tmp_path / "plans").exists()


def test_bad_headers_are_reported_and_the_rows_not_read(tmp_path: Path) -> None:
    src = tmp_path / "t_2025-05.csv"
    src.write_text("団体コード,業務,ステップ,状態,備考\n352021,住民記録,1,完了済み,x\n", "utf-8")
    res = _import(src, tmp_path / "plans")
    got = [(p.cell.ref if p.cell else None, p.code) for p in res.problems.items]
    assert got == [("'t_2025-05'!A1", "E007"), ("'t_2025-05'!D1", "E002"), ("'t_2025-05'!E1", "E002")]
    wide = tmp_path / "w_2025-05.csv"
    wide.write_text("団体コード,業務," + ",".join(str(i) for i in range(1, 40)) + "\n", "utf-8")  # no step 40
    res = _import(wide, tmp_path / "plans")
    assert [p.code for p in res.problems.items] == ["E007"] and "40" in res.problems.items[0].text("en")
    other = tmp_path / "plans_2025-05.csv"
    other.write_text("市町,移行完了\n宇部市,R8.3\n", "utf-8")  # a plan table, not progress
    res = _import(other, tmp_path / "plans")
    assert res.shapes == {"plans_2025-05": "skipped"} and res.problems.items[0].code == "E007"


def test_english_ids_full_width_and_step_names_are_accepted(tmp_path: Path) -> None:
    words = {"done": "ＤＯＮＥ", "in_progress": "in progress", "not_started": "not_started", "na": "n/a"}
    src = long_csv(tmp_path / "t_2025-05.csv", words=words)
    text = src.read_text("utf-8").replace("352021,宇部市,住民記録,24,", "352021,宇部市,juki,RFPベンダー質問回答,")
    src.write_text(text, "utf-8")
    res = _import(src, tmp_path / "plans")
    assert res.ok, res.problems.items
    assert to_csv_bytes(res.snapshot, NAT) == to_csv_bytes(
        _import(long_csv(tmp_path / "u_2025-05.csv"), tmp_path / "plans").snapshot, NAT
    )


def test_problems_are_capped_with_a_count_of_the_rest(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(snapshot_problems, "MAX_PROBLEMS", 5)
    src = long_csv(tmp_path / "t_2025-05.csv", words={k: "?" for k in STATUS_JA})
    res = _import(src, tmp_path / "plans")
    assert len(res.problems.items) == 5 and len(res.problems) == 120
    rest = res.problems.rest()
    assert rest is not None and "115 more problems (E008 115)" in rest("en")


def test_parquet_storage(tmp_path: Path) -> None:
    res = _import(long_csv(tmp_path / "t_2025-05.csv"), tmp_path / "plans", parquet=True)
    path = write_snapshot_import(res, NAT)
    assert path.name == "2025-05.parquet"
    assert to_csv_bytes(read_snapshot(path, NAT), NAT) == to_csv_bytes(res.snapshot, NAT)
    assert find_snapshots([tmp_path / "plans"]) == [(parse_month("2025-05"), path)]


# -- roll-ups -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        res = _import(long_csv(Path(d) / "t_2025-05.csv"), Path(d) / "plans")
        assert res.snapshot is not None
        return res.snapshot


def _rates(df: pl.DataFrame) -> list[tuple[float, float, float]]:
    return [pytest.approx(r) for r in df.select("done_rate", "in_progress_rate", "not_started_rate").rows()]


def test_rollups_against_hand_computed_values(snap: Snapshot) -> None:
    # per system: (done + na) / 40, in progress / 40, not started / 40
    assert _rates(rollup(snap, "system", NAT)) == [
        (12 / 40, 3 / 40, 25 / 40),
        (1.0, 0.0, 0.0),
        (24 / 40, 4 / 40, 12 / 40),
    ]
    muni = rollup(snap, "municipality", NAT)
    assert muni.get_column("municipality").cast(pl.String).to_list() == ["宇部市", "萩市"]
    assert muni.get_column("systems").to_list() == [2, 1]
    assert _rates(muni) == [((12 + 40) / 80, 3 / 80, 25 / 80), (24 / 40, 4 / 40, 12 / 40)]
    assert _rates(rollup(snap, "prefecture", NAT)) == [((12 + 40 + 24) / 120, 7 / 120, 37 / 120)]
    biz = rollup(snap, "business", NAT)
    assert biz.get_column("business").cast(pl.String).to_list() == ["juki", "koseki"]  # the timeline's order
    assert _rates(biz) == [((12 + 24) / 80, 7 / 80, 37 / 80), (1.0, 0.0, 0.0)]
    step = rollup(snap, "step", NAT)
    assert step.height == 40 and step.get_column("systems").to_list() == [3] * 40
    by_step = dict(zip(step.get_column("step").to_list(), _rates(step), strict=True))
    assert by_step[1] == (1.0, 0.0, 0.0)  # done in all three
    assert by_step[13] == (2 / 3, 1 / 3, 0.0)  # 宇部 住民記録 in progress; 萩 done
    assert by_step[40] == (1 / 3, 0.0, 2 / 3)
    total = rollup(snap, "total", NAT).row(0, named=True)
    assert (total["systems"], total["done"], total["na"], total["in_progress"], total["not_started"]) == (
        3,
        70,
        6,
        7,
        37,
    )


def test_the_change_since_an_earlier_snapshot(tmp_path: Path, snap: Snapshot) -> None:
    older = [(c, n, b, ["done"] * 4 + ["not_started"] * 36) for c, n, b, _ in SYSTEMS[:2]]  # 萩市 not yet reported
    res = _import(long_csv(tmp_path / "t_2025-04.csv", systems=older), tmp_path / "plans")
    rep = ProgressReport(snap, NAT, res.snapshot)
    muni = rep.rollup("municipality")
    assert muni.get_column("done_rate_change").to_list() == [pytest.approx(52 / 80 - 8 / 80), None]
    assert rep.summary(rep.total())("en").endswith("points since 2025-04")


# -- the command line ----------------------------------------------------------------------


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "plans"
    assert main(["import", str(long_csv(tmp_path / "t_2025-05.csv")), "--progress", "--out", str(out)]) == 0
    older = [(c, n, b, ["done"] * 4 + ["not_started"] * 36) for c, n, b, _ in SYSTEMS]
    assert (
        main(["import", str(long_csv(tmp_path / "t_2025-04.csv", systems=older)), "--progress", "--out", str(out)]) == 0
    )
    return out


def test_cli_text_csv_json_xlsx(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["progress", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "進捗 2025-05 — 市区町村別" in out and "65.0%" in out and "60.0%" in out
    assert out.rstrip().endswith("2025-05: 3システム、完了率 63.3%(作業中 5.8%、未着手 30.8%)")
    assert main(["progress", str(folder), "--by", "business", "--since", "2025-04", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Family register" in out and "+90.0pt" in out and "points since 2025-04" in out
    assert main(["progress", str(folder), "--by", "prefecture", "--format", "csv"]) == 0
    csv = capsys.readouterr().out
    assert csv.startswith("\ufeff都道府県,システム数,完了済み,対象外,作業中,未着手,完了率(%),作業中率(%),未着手率(%)")
    assert "山口県,3,70,6,7,37,63.3,5.8,30.8" in csv
    assert main(["progress", str(folder), "--by", "step", "--format", "json", "--month", "2025-04"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == "2025-04" and data["steps"] == 40 and len(data["rows"]) == 40
    assert data["rows"][0]["done_rate"] == 1.0 and data["rows"][4]["done_rate"] == 0.0
    xlsx = folder.parent / "p.xlsx"
    assert main(["progress", str(folder), "--format", "xlsx", "-o", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["市区町村別", "都道府県別", "業務別", "ステップ別", "システム別", "全体"]
    assert [c.value for c in wb["全体"][2]][-3:] == [63.3, 5.8, 30.8]


def test_cli_errors(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["progress", str(folder), "--month", "2024-01"]) == 2
    assert "2025-04, 2025-05" in capsys.readouterr().err
    assert main(["progress", str(folder.parent / "none")]) == 2
    stored = folder / "progress" / "2025-05.csv"
    stored.write_text(stored.read_text("utf-8").replace(",done,", ",finished,", 1), "utf-8")
    assert main(["progress", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "2025-05.csv:'2025-05'!F2: E008" in err


# -- the shipped example -------------------------------------------------------------------


def test_the_shipped_example_is_marked_illustrative_and_rolls_up() -> None:
    folder = ROOT / "plans" / "progress"
    assert "illustration, not survey data" in (folder / "README.md").read_text("utf-8")
    found = find_snapshots([ROOT / "plans"])
    assert [m for m, _ in found] == [parse_month("2025-04"), parse_month("2025-05")]
    now = read_snapshot(found[-1][1], NAT)
    assert now.systems() == 19 * 20
    total = rollup(now, "total", NAT).row(0, named=True)
    assert 0.55 < total["done_rate"] < 0.75  # as the published averages (61-64%)
    then = rollup(read_snapshot(found[0][1], NAT), "system", NAT)
    # a status never goes back: every system's rate grows or stays
    joined = rollup(now, "system", NAT).join(then, on=["code", "business"], suffix="_then")
    assert (joined.get_column("done_rate") >= joined.get_column("done_rate_then")).all()
    assert to_csv_bytes(now, NAT) == found[-1][1].read_bytes()  # the stored format, canonical
