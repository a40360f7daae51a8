"""``plans progress`` options that would otherwise be ignored or read nothing: ``-o`` with
``--check`` and ``--forecast``, formats they cannot write, ``--since`` with the checks or
after ``--month``, and checks over paths that hold no snapshot (exit 2, never "clean")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PLANS


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    return folder


def test_check_and_forecast_write_to_o(cli, plans_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "checks.json"
    r = cli("progress", str(plans_copy), "--check", "--format", "json", "-o", str(out))
    assert r.code == 1 and r.out == ""  # PG002 errors in the shipped illustration
    rows = json.loads(out.read_text("utf-8"))
    assert {row["code"] for row in rows} >= {"PG001", "PG002"}
    fc = tmp_path / "forecast.csv"
    r = cli("progress", str(plans_copy), "--forecast", "--format", "csv", "-o", str(fc))
    assert r.code == 0 and r.out == "" and "に書き出しました" in r.err
    assert fc.read_text("utf-8-sig").splitlines()[0].startswith("団体コード,市区町村,業務")
    text = tmp_path / "checks.txt"
    assert cli("progress", str(plans_copy), "--check", "-o", str(text)).code == 1
    assert text.read_text("utf-8").splitlines()[-1].startswith("PG001 ")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--forecast", "--format", "xlsx", "-o", "f.xlsx"), "--forecast の出力は text、csv、json です"),
        (("--check", "--format", "csv"), "--check の出力は text、json です"),
        (("--check", "--since", "2025-04"), "--since は集計表の増減の基準です"),
        (("--forecast", "--by", "prefecture"), "--by は集計表の切り口です"),
        (("--month", "2025-04", "--since", "2025-05"), "--since 2025-05 は --month 2025-04 より前の月にしてください"),
    ],
)
def test_an_option_that_would_be_ignored_is_refused(cli, plans_copy: Path, args: tuple[str, ...], words: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", str(plans_copy), *args, cwd=plans_copy.parent)
    assert r.code == 2
    assert words in r.err
    assert not (plans_copy.parent / "f.xlsx").exists()


def test_checks_over_no_snapshot_exit_2_and_say_where_to_put_one(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(plans_copy / "progress")
    for what in ("--check", "--forecast"):
        r = cli("progress", str(plans_copy), what)
        assert r.code == 2
        assert "進捗のスナップショットがありません" in r.err and "progress/ に YYYY-MM.csv を置く" in r.err


def test_checks_before_the_first_snapshot_exit_2(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", str(plans_copy), "--check", "--month", "2025-03", "--lang", "en")
    assert r.code == 2
    assert "no progress snapshot up to 2025-03" in r.err


def test_text_tables_have_no_trailing_spaces(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    for args in ((), ("--forecast",)):
        r = cli("progress", str(plans_copy), *args)
        assert r.code == 0
        assert all(line == line.rstrip() for line in r.out.splitlines())
        assert "子ども・子育て支援" in r.out or not args  # not folded across lines when piped


def test_a_month_recorded_by_hand_keeps_the_others_progress(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    before = cli("progress", str(plans_copy), "--by", "prefecture", "--format", "json")
    checks_before = cli("progress", str(plans_copy), "--check", "--format", "json")
    ube = plans_copy / "ube.toml"
    ube.write_text(ube.read_text("utf-8") + '\n[progress."2025-06"]\njuki = { "1-40" = "完了済み" }\n', "utf-8")
    after = cli("progress", str(plans_copy), "--by", "prefecture", "--format", "json")
    (was,), (now,) = json.loads(before.out)["rows"], json.loads(after.out)["rows"]
    assert now["systems"] == was["systems"] == 380  # not the one system the plan records
    juki = next(
        r
        for r in json.loads(cli("progress", str(plans_copy), "--by", "system", "--format", "json").out)["rows"]
        if r["municipality"] == "宇部市" and r["business"] == "juki"
    )
    assert juki["done_rate"] == 1.0
    # the checks read the others at their latest report: only 宇部市 住民記録's findings change
    checks_after = cli("progress", str(plans_copy), "--check", "--format", "json")

    def others(r) -> list:  # type: ignore[no-untyped-def]
        return [
            (f["code"], f["municipality"], f["business"])
            for f in json.loads(r.out)
            if (f["municipality"], f["business"]) != ("宇部市", "juki")
        ]

    assert others(checks_after) == others(checks_before)


def test_a_plan_file_reads_its_folders_snapshots_for_its_systems_only(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", "plans/ube.toml", "--by", "system", "--format", "json")
    rows = json.loads(r.out)["rows"]
    assert r.code == 0 and len(rows) == 20 and {row["municipality"] for row in rows} == {"宇部市"}
    r = cli("progress", "plans/ube.toml", "--check", "--format", "json")
    assert {f["municipality"] for f in json.loads(r.out)} == {"宇部市"}  # PG004 read from the snapshot too


def test_the_forecast_for_tools_has_ids_and_follows_the_timelines_order(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from model.core.national import load_national

    rows = json.loads(cli("progress", str(plans_copy), "--forecast", "--format", "json").out)
    assert set(rows[0]) == {"code", "municipality", "business", "done", "pace", "projected", "deadline", "verdict"}
    assert {r["verdict"] for r in rows} <= {"done", "no_plan", "stalled", "late", "on_time"}
    ube = [r["business"] for r in rows if r["municipality"] == "宇部市"]
    assert ube == list(load_national(plans_copy / "national.toml").businesses)  # 住民記録 first, as every view
    assert rows == json.loads(cli("progress", str(plans_copy), "--forecast", "--format", "json", "--lang", "en").out)


def test_a_forecast_from_one_snapshot_says_it_needs_two(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", str(plans_copy), "--forecast", "--month", "2025-04")
    assert r.code == 2 and "2回以上のスナップショットが要ります(2025-04 の1回だけです)" in r.err


@pytest.mark.parametrize("what", [(), ("--check",), ("--forecast",), ("--format", "xlsx")])
def test_an_output_that_cannot_be_written_is_a_usage_error(cli, plans_copy: Path, tmp_path: Path, what) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", str(plans_copy), *what, "-o", str(tmp_path / "no-such-folder" / "out"))
    assert r.code == 2 and "に書き込めません: ファイルまたはフォルダがありません" in r.err


def _add_hand(plan: Path, text: str) -> None:
    plan.write_text(plan.read_text("utf-8") + "\n" + text, "utf-8")


def test_findings_about_hand_recorded_systems_are_at_their_plan_entry(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    entry = '[progress."2025-06"]\njuki = { "1-3" = "完了済み", 20 = "完了済み" }\n'
    for name in ("ube.toml", "hofu.toml"):  # two plans record the same month by hand
        _add_hand(plans_copy / name, entry)
    found = json.loads(cli("progress", str(plans_copy), "--check", "--format", "json").out)
    pg4 = {f["municipality"]: f for f in found if f["code"] == "PG004" and f["business"] == "juki"}
    for muni, name in (("宇部市", "ube.toml"), ("防府市", "hofu.toml")):
        f = pg4[muni]
        lines = (plans_copy / name).read_text("utf-8").splitlines()
        assert Path(f["file"]).name == name and lines[f["line"] - 2] == '[progress."2025-06"]'
    assert all(f["file"] for f in found)  # every finding names its file


def test_a_went_back_across_a_month_recorded_by_hand_is_found(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    may = (plans_copy / "progress" / "2025-05.csv").read_text("utf-8").splitlines()
    i = next(n for n, line in enumerate(may) if line.startswith("352063,防府市,山口県,juki,") and ",done," in line)
    july = [*may]
    july[i] = july[i].replace(",done,", ",not_started,")
    (plans_copy / "progress" / "2025-07.csv").write_text("\n".join(july) + "\n", "utf-8")
    _add_hand(plans_copy / "ube.toml", '[progress."2025-06"]\njuki = { "1-40" = "完了済み" }\n')
    found = json.loads(cli("progress", str(plans_copy), "--check", "--format", "json").out)
    (back,) = [f for f in found if f["code"] == "PG003" and f["municipality"] == "防府市"]
    assert "2025-06 時点で完了済み、2025-07 に未着手" in back["message"]
    assert Path(back["file"]).name == "2025-07.csv" and back["line"] == i + 1


def test_a_plan_file_without_a_code_reads_its_systems_by_name(cli, plans_copy: Path) -> None:  # type: ignore[no-untyped-def]
    ube = plans_copy / "ube.toml"
    ube.write_text(ube.read_text("utf-8").replace('code = "352021"\n', ""), "utf-8")
    rows = json.loads(cli("progress", str(ube), "--by", "system", "--format", "json").out)["rows"]
    assert len(rows) == 20 and {r["municipality"] for r in rows} == {"宇部市"}


def test_plan_files_and_folders_together_read_every_folder(cli, plans_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(plans_copy / "national.toml", other / "national.toml")
    r = cli("progress", str(plans_copy / "ube.toml"), str(other), "--by", "prefecture", "--format", "json")
    assert r.code == 0 and json.loads(r.out)["rows"][0]["systems"] == 380  # a folder: every system
