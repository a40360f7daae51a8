"""Import and export: real files round-trip (shipped plans -> xlsx/csv -> plans -> ...),
every bad cell is reported at its spreadsheet coordinates, nothing is half-written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from model.core.national import load_national
from model.core.plan import Plan
from model.importing import plan_import, write_import
from model.importing import write as import_write
from model.project.lint import lint_plan
from model.project.loader import discover, evaluation_month, load_plans
from model.render.export_tables import Options, build, display_width, export
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"


def _load(folder: Path) -> list[Plan]:
    nat = load_national()
    plans, problems, _ = load_plans(discover([folder]), nat)
    assert problems == []
    return plans


def _entries(t: dict) -> dict:  # type: ignore[type-arg]
    return {pid: (e.date.text if e.date else None, e.status, e.note) for pid, e in t.items()}


def summary(plans: list[Plan]) -> dict[str, tuple]:  # type: ignore[type-arg]
    """What a plan says, independent of its file's layout and comments."""
    return {
        p.municipality: (
            p.code,
            p.prefecture,
            p.surveyed.text if p.surveyed else None,
            p.note,
            _entries(p.phases),
            {b: _entries(bp.phases) for b, bp in p.businesses.items()},
        )
        for p in plans
    }


def _export(folder: Path, fmt: str, out: Path, *extra: str) -> Path:
    assert main(["export", str(folder), "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def _import(src: Path, out: Path, *extra: str) -> list[Path]:
    assert main(["import", str(src), "--out", str(out), *extra]) == 0
    return sorted(out.glob("*.toml"))


@pytest.fixture(scope="module")
def shipped() -> dict[str, tuple]:  # type: ignore[type-arg]
    return summary(_load(PLANS))


@pytest.mark.parametrize(("fmt", "extra"), [("xlsx", ()), ("csv", ()), ("csv", ("--table", "long"))])
def test_import_export_import_gives_the_same_plans(tmp_path: Path, shipped, fmt: str, extra: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    files = assert_round_trip(PLANS, shipped, tmp_path, fmt, *extra)
    assert {f.name for f in files} == {p.name for p in PLANS.glob("*.toml") if p.name != "national.toml"}


def assert_round_trip(src: Path, want: dict[str, tuple], tmp_path: Path, fmt: str, *extra: str) -> list[Path]:  # type: ignore[type-arg]
    """Export ``src``, import it, export and import again: both imports say ``want`` (a
    :func:`summary`), and a CSV is the same bytes both times. The files of the first import."""
    first = _export(src, fmt, tmp_path / f"a.{fmt}", *extra)
    files = _import(first, tmp_path / "one")
    assert summary(_load(tmp_path / "one")) == want
    second = _export(tmp_path / "one", fmt, tmp_path / f"b.{fmt}", *extra)
    _import(second, tmp_path / "two")
    assert summary(_load(tmp_path / "two")) == want
    if fmt == "csv":
        assert first.read_bytes() == second.read_bytes()
    return files


def test_imported_plan_has_the_hand_written_layout(tmp_path: Path) -> None:
    _import(_export(PLANS, "xlsx", tmp_path / "a.xlsx"), tmp_path / "out")
    for name in ("ube.toml", "hikari.toml", "abu.toml"):
        body = [x for x in (tmp_path / "out" / name).read_text("utf-8").splitlines() if not x.startswith("#")]
        hand = [
            x for x in (PLANS / name).read_text("utf-8").splitlines() if not x.startswith(("#", "kana ="))
        ]  # the reading is not in the tables
        assert body == hand


def test_wide_prefecture_table_imports_with_defaults(tmp_path: Path, shipped) -> None:  # type: ignore[no-untyped-def]
    src = _export(PLANS, "csv", tmp_path / "wide.csv", "--table", "prefecture")
    header = src.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header == [
        "団体コード",
        "市町",
        "推進体制",
        "システム概要調査",
        "標準仕様との比較分析",
        "移行計画作成",
        "ベンダ選定",
        "移行完了",
    ]
    # the wide table has no survey date: 完了 cells need one
    assert main(["import", str(src), "--out", str(tmp_path / "x")]) == 2
    assert not (tmp_path / "x").exists() or not list((tmp_path / "x").iterdir())
    _import(src, tmp_path / "out", "--surveyed", "R3.12", "--prefecture", "山口県")
    assert summary(_load(tmp_path / "out")) == shipped


def test_business_rows_status_and_notes_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "x.toml").write_text(
        'municipality = "宇部市"\ncode = "352021"\nsurveyed = "R3.12"\n'
        '[phases]\ngovernance = "完了"\nfit_gap = "令和5年度"\nmigration = "R8.3"\n'
        '[status]\ngovernance = "done"\nfit_gap = "in_progress"\n'
        '[notes]\nfit_gap = "外部委託, \\"A社\\""\n'
        '[business.koseki]\nmigration = "R10.3"\n[business.koseki.status]\nmigration = "not_started"\n',
        "utf-8",
    )
    want = summary(_load(src))
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"out-{fmt}"
        _import(_export(src, fmt, tmp_path / f"e.{fmt}"), out)
        assert [f.name for f in out.glob("*.toml")] == ["ube.toml"]  # romanized name
        assert summary(_load(out)) == want


def _xlsx(
    path: Path,
    rows: list[list[object]],
    *,
    sheet: str = "Sheet1",
    at: tuple[int, int] = (0, 0),
    title: str | None = None,
) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    r0, c0 = at
    if title:
        ws.write(r0, c0, title)
        r0 += 2
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                ws.write(r0 + i, c0 + j, v)
    wb.close()
    return path


HEAD = [
    "市町",
    "団体コード",
    "推進体制",
    "システム概要調査",
    "標準仕様との比較分析",
    "移行計画作成",
    "ベンダ選定",
    "移行完了",
]


def test_every_bad_cell_is_reported_at_its_coordinates_and_nothing_is_written(tmp_path: Path) -> None:
    # the table starts at B3 under a title in B1, so row and column offsets both matter
    src = _xlsx(
        tmp_path / "survey.xlsx",
        [
            HEAD,
            ["宇部市", "352021", "R4.10", "R4.9", "R6.3", "R5.9", "R6.6", "R8.3"],  # row 4: fine
            [
                "萩市",
                "352048",
                "R5.3",
                "R5.3",
                "R5.13",
                "R5.3",
                "現行ベンダで標準化",
                "R8.3",
            ],  # row 5: check digit C5, month F5
            ["宇部市", "352021", "R4.10", "R4.9", "R6.3", "R5.9", "R6.6", "R8.3"],  # row 6: duplicate B6
            ["防府市", "", "R4.4", "現行ベンダで標準化", "R6.3", "R5.9", "R6.6", "来年"],  # row 7: E7, I7
        ],
        at=(0, 1),
        title="山口県 標準化の進捗",
        sheet="調査",
    )
    out = tmp_path / "out"
    plan = plan_import(src, load_national(), out)
    got = sorted((p.cell.ref if p.cell else "", p.code) for p in plan.problems)
    assert got == sorted(
        [("調査!C5", "E008"), ("調査!F5", "E004"), ("調査!B6", "E006"), ("調査!E7", "E008"), ("調査!I7", "E004")]
    )
    assert plan.targets == []
    assert main(["import", str(src), "--out", str(out)]) == 2
    assert not out.exists()
    # an existing plan is reported in the same run, at the row of its municipality
    out.mkdir()
    shutil.copy(PLANS / "ube.toml", out / "ube.toml")
    plan = plan_import(src, load_national(), out)
    assert ("調査!B4", "E006") in {(p.cell.ref, p.code) for p in plan.problems if p.cell}
    assert len(plan.problems) == 6
    assert main(["import", str(src), "--out", str(out)]) == 2
    assert [p.name for p in out.iterdir()] == ["ube.toml"]
    assert (out / "ube.toml").read_bytes() == (PLANS / "ube.toml").read_bytes()


def test_long_shape_bad_ids_and_status(tmp_path: Path) -> None:
    src = tmp_path / "long.csv"
    src.write_text(
        "市町,業務,フェーズ,完了予定,状況\n"
        "宇部市,,推進体制,R4.10,完了済み\n"
        "宇部市,戸籍,移行完了,R10.3,未着手\n"
        "宇部市,こせき,移行完了,R10.3,\n"  # unknown business B4
        "宇部市,,移行完了,R8.3,終わった\n"  # bad status E5
        "宇部市,,移行完了x,R8.3,\n"  # unknown phase C6
        "宇部市,戸籍,移行完了,R10.4,\n",  # duplicate C7
        "utf-8",
    )
    plan = plan_import(src, load_national(), tmp_path / "out")
    assert sorted((p.cell.ref, p.code) for p in plan.problems if p.cell) == [
        ("long!B4", "E005"),
        ("long!C6", "E005"),
        ("long!C7", "E006"),
        ("long!E5", "E008"),
    ]
    fixed = src.read_text("utf-8").splitlines()[:3]
    src.write_text("\n".join(fixed) + "\n", "utf-8")
    plan = plan_import(src, load_national(), tmp_path / "out")
    assert plan.problems == []
    (t,) = plan.targets
    assert "koseki" in t.text and 'governance = "done"' in t.text


def test_never_overwrites_without_force_and_reuses_the_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "my-ube.toml"
    mine.write_text('municipality = "宇部市"\n[phases]\nmigration = "R8.3"  # 手書き\n', "utf-8")
    src = _xlsx(tmp_path / "s.xlsx", [HEAD, ["宇部市", "352021", "R4.10", "R4.9", "R6.3", "R5.9", "R6.6", "R7.3"]])
    assert main(["import", str(src), "--out", str(out)]) == 2
    assert "手書き" in mine.read_text("utf-8")
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["my-ube.toml"]
    assert summary(_load(out))["宇部市"][4]["migration"][0] == "R7.3"


def test_file_names_are_safe(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("市町,団体コード,移行完了\n../../etc/passwd,,R8.3\n架空町,012343,R8.3\n宇部市,,R8.3\n", "utf-8")
    plan = plan_import(src, load_national(), tmp_path / "out")
    assert plan.problems == []
    names = sorted(t.path.name for t in plan.targets)
    assert names == ["012343.toml", "etc-passwd.toml", "ube.toml"]
    assert all(t.path.resolve().parent == (tmp_path / "out").resolve() for t in plan.targets)


def test_a_failed_write_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    out = tmp_path / "out"
    shutil.copytree(PLANS, out)
    for p in out.glob("*.toml"):  # every plan differs from the table: every one is written
        if p.name != "national.toml":
            p.write_text(
                re.sub(r'(?m)^governance(\s*)= "[^"]*"', r'governance\1= "R3.4"', p.read_text("utf-8")), "utf-8"
            )
    before = {p.name: p.read_bytes() for p in out.glob("*.toml")}
    src = _export(PLANS, "csv", tmp_path / "a.csv")
    plan = plan_import(src, load_national(), out, force=True)
    assert plan.ok and len(plan.targets) == 19 and all(t.changed for t in plan.targets)
    real = import_write.atomic_write
    calls = {"n": 0}

    def flaky(path: Path, data: bytes, **kw: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(import_write, "atomic_write", flaky)
    with pytest.raises(OSError):
        write_import(plan)
    assert {p.name: p.read_bytes() for p in out.glob("*.toml")} == before


def test_xlsx_export_is_made_for_people(tmp_path: Path) -> None:
    path = _export(PLANS, "xlsx", tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["一覧", "明細", "集計"]
    pref, long = wb["一覧"], wb["明細"]
    assert [c.value for c in pref[1]] == [
        "団体コード",
        "市町",
        "推進体制",
        "システム概要調査",
        "標準仕様との比較分析",
        "移行計画作成",
        "ベンダ選定",
        "移行完了",
    ]
    assert [c.value for c in long[1]][:7] == [
        "市町",
        "団体コード",
        "都道府県",
        "調査時点",
        "業務",
        "フェーズ",
        "完了予定",
    ]
    assert pref.freeze_panes == "B2" and long.freeze_panes == "B2"
    # the column of 標準仕様との比較分析 (10 wide characters) is wider than the one of 推進体制
    assert (
        pref.column_dimensions["E"].width
        >= display_width("標準仕様との比較分析")
        > pref.column_dimensions["C"].width - 2
    )
    # conflict cells coloured by severity, as lint reports them
    nat = load_national()
    plans = _load(PLANS)
    findings = [f for p in plans for f in lint_plan(p, nat, evaluation_month(nat, None))]
    fill = {"error": "FFFFC7CE", "warning": "FFFFEB9C", "info": "FFDDEBF7"}
    head = [c.value for c in long[1]]
    col = {h: i for i, h in enumerate(head)}
    sev_ja = {"エラー": "error", "警告": "warning", "情報": "info"}
    coloured = 0
    for row in long.iter_rows(min_row=2):
        sev = row[col["重大度"]].value
        rgb = row[col["完了予定"]].fill.fgColor.rgb
        if sev:
            assert rgb == fill[sev_ja[sev]]
            assert row[col["完了予定"]].comment is not None
            coloured += 1
        else:
            assert rgb != fill["error"] and rgb != fill["warning"]
    phase_findings = {(f.municipality, f.phase, f.business) for f in findings if f.phase}
    assert coloured == len(phase_findings) > 0


def test_parquet_and_json(tmp_path: Path) -> None:
    pq = _export(PLANS, "parquet", tmp_path / "a.parquet")
    df = pl.read_parquet(pq)
    plans = _load(PLANS)
    assert df.height == sum(len(p.phases) for p in plans)
    assert df.columns[:6] == ["municipality", "code", "prefecture", "surveyed", "business", "phase"]
    js = json.loads(_export(PLANS, "json", tmp_path / "a.json").read_text("utf-8"))
    assert set(js) == {"prefecture", "long", "facts"}
    assert len(js["prefecture"]) == 19 and len(js["long"]) == df.height
    assert any("6市町が現行ベンダで標準化" in f for f in js["facts"])


def test_export_refuses_what_it_cannot_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(PLANS), "--format", "csv", "--table", "all"]) == 2
    assert main(["export", str(PLANS), "--format", "xlsx"]) == 2  # binary to a terminal
    assert main(["export", str(tmp_path / "none"), "--format", "json"]) == 2


def test_writers_are_a_registry() -> None:
    from model.render.registry import EXPORT as WRITERS

    assert {"csv", "xlsx", "parquet", "json"} <= set(WRITERS)
    nat = load_national()
    data = build(_load(PLANS), nat, [])
    assert export(data, "json", Options("long", "en")).startswith(b"{")


def test_progress_bar_only_for_large_work_on_a_terminal() -> None:
    import io

    from tui.cli.progress import progress, wanted

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not wanted(1000, io.StringIO())  # a pipe or a log: never
    assert not wanted(3, Tty())  # small work: done before a bar would be read
    assert wanted(1000, Tty())
    quiet = io.StringIO()
    with progress(1000, "import", stream=quiet) as step:
        step()
    assert quiet.getvalue() == ""
    term = Tty()
    with progress(60, "import", stream=term) as step:
        for _ in range(60):
            step()
    assert "import" in term.getvalue() and "60/60" in term.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "E009"),
        ("header.csv", "市町,推進体制\n".encode(), "E007"),
        ("quote.csv", '市町,推進体制\n"宇部市,R4.10\n'.encode(), "E009"),
        ("sjis.csv", "市町,移行完了\n宇部市,R8.3\n".encode("cp932"), None),  # Excel's Japanese CSV
    ],
)
def test_unreadable_inputs_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, code: str | None
) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    rc = main(["import", str(src), "--out", str(tmp_path / "out"), "--dry-run"])
    err = capsys.readouterr().err
    if code is None:
        assert rc == 0
        return
    assert rc == 2
    assert f" {code} " in err and "Traceback" not in err
    assert len(err.splitlines()) <= 2  # one line per problem, not a library's page of advice


def test_force_over_the_shipped_plans_from_their_own_export_changes_no_byte(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    shutil.copytree(PLANS, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.toml")}
    src = _export(out, "xlsx", tmp_path / "plans.xlsx")
    _import(src, out, "--force")
    assert {p.name: p.read_bytes() for p in out.glob("*.toml")} == before


RICH_PLAN = """\
# 宇部市の計画(手書き)
municipality = "宇部市"
kana = "うべし"
code = "352021"
surveyed = "R3.12"
vendor_strategy = "new_vendor"
contract_end = "R8.9"

[phases]
governance       = "R4.10"   # 推進体制
fit_gap          = "R6.3"    # 比較分析: 第2グループは R5
migration        = "R8.3"    # 移行完了

[business.koseki]
migration = "R10.3"
extended_deadline = "R13.3"          # 特定移行支援システム

[[depends]]
phase = "migration"
after = "koseki.migration"

[[ignore]]
rule = "PL010"
reason = "調査票に欄がない"

[progress."2025-05"]
juki = { "1-12" = "完了済み" }
"""


def test_force_sets_the_tables_values_in_place_and_keeps_everything_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    plan = out / "ube.toml"
    plan.write_text(RICH_PLAN, "utf-8")
    src = _xlsx(tmp_path / "s.xlsx", [HEAD, ["宇部市", "352021", "R4.10", "R4.9", "R5.11", "R5.9", "R6.6", "R8.3"]])
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    text = plan.read_text("utf-8")
    lines = text.splitlines()
    # the table's values set, each comment in its column; the phases it adds appended
    assert 'fit_gap          = "R5.11"   # 比較分析: 第2グループは R5' in lines
    assert lines[lines.index("[phases]") + 1] == 'governance       = "R4.10"   # 推進体制'
    assert 'current_survey = "R4.9"' in lines and 'vendor_selection = "R6.6"' in lines
    # what the table does not hold stays as written
    rest = RICH_PLAN.split("[business.koseki]")[1]
    assert text.endswith("[business.koseki]" + rest)
    for kept in (
        "# 宇部市の計画(手書き)",
        'kana = "うべし"',
        'vendor_strategy = "new_vendor"',
        'contract_end = "R8.9"',
    ):
        assert kept in lines
    (loaded,) = _load(out)
    assert len(loaded.depends) == 1 and len(loaded.ignores) == 1 and loaded.progress


def test_force_keeps_a_bom_and_crlf_and_writes_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    plan, other = out / "ube.toml", out / "hagi.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + RICH_PLAN.replace("\n", "\r\n").encode("utf-8"))
    shutil.copy(PLANS / "hagi.toml", other)
    before = other.stat().st_mtime_ns
    hagi = next(r for r in _summary_rows(PLANS / "hagi.toml"))
    src = _xlsx(
        tmp_path / "s.xlsx",
        [HEAD, ["宇部市", "352021", "R4.10", "R4.9", "R5.11", "R5.9", "R6.6", "R8.3"], hagi],
    )
    assert main(["import", str(src), "--out", str(out), "--force"]) == 0
    raw = plan.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert 'fit_gap          = "R5.11"   # 比較分析: 第2グループは R5\r\n' in raw.decode("utf-8")
    assert other.stat().st_mtime_ns == before  # its values already there: not written


def _summary_rows(path: Path) -> list[list[object]]:
    """The wide row of a shipped plan, as the survey table has it."""
    import tomllib

    d = tomllib.loads(path.read_text("utf-8"))
    ph = d["phases"]
    ids = ["governance", "current_survey", "fit_gap", "migration_plan", "vendor_selection", "migration"]
    return [[d["municipality"], d["code"], *(ph[i] for i in ids)]]


def test_force_refuses_a_layout_it_cannot_edit_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    plan = out / "ube.toml"
    text = 'municipality = "宇部市"\ncode = "352021"\n\n[phases]\nmigration = "R8.3"\n\n[business]\nkoseki = { migration = "R9.3" }\n'
    plan.write_text(text, "utf-8")
    src = tmp_path / "long.csv"
    src.write_text("市町,業務,フェーズ,完了予定,状況\n宇部市,戸籍,移行完了,R9.3,作業中\n", "utf-8")
    assert main(["import", str(src), "--out", str(out), "--force"]) == 2
    err = capsys.readouterr().err
    assert "この計画はその場で更新できません" in err and "[business.<業務>] を表の見出しで書き直す" in err
    assert plan.read_text("utf-8") == text  # nothing written
