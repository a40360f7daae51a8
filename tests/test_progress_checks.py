"""Progress checks (issue 13, 4) on hand-made snapshots whose expected findings are worked
out by hand: behind plan, forecast past the deadline (pace and projected month), a step that
went back, a plan status that the steps contradict, steps out of order."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from model.core.dates import parse_month, render_month
from model.core.national import load_national
from model.importing.snapshot_import import plan_snapshot_import, write_snapshot_import
from model.progress.checks import check_progress, forecast
from model.project.loader import discover, load_plans
from tui.main import main

NAT = load_national()
PLAN = """municipality = "宇部市"
code = "352021"
prefecture = "山口県"
[phases]
governance       = "R4.10"
current_survey   = "R5.3"
fit_gap          = "R6.3"
migration_plan   = "R6.9"
vendor_selection = "R7.3"
migration        = "R8.3"
[status]
fit_gap = "done"
[business.koseki]
extended_deadline = "R10.3"
"""


def _statuses(done: int, *, back: int | None = None, order: bool = False) -> list[str]:
    """``done`` steps done in order, then the rest not started (step ``back`` not started,
    step 30 done while 8 is not if ``order``)."""
    out = ["done"] * done + ["not_started"] * (40 - done)
    if back is not None:
        out[back - 1] = "not_started"
    if order:
        out[7], out[29] = "not_started", "done"
    return out


def _write(folder: Path, month: str, systems: dict[str, list[str]]) -> None:
    src = folder.parent / f"t_{month}.csv"
    lines = ["団体コード,業務,ステップ,状況"]
    for business, sts in systems.items():
        lines += [f"352021,{business},{i},{s}" for i, s in enumerate(sts, 1)]
    src.write_text("\n".join(lines) + "\n", "utf-8")
    res = plan_snapshot_import(src, NAT, folder)
    assert res.ok, res.problems.items
    write_snapshot_import(res, NAT)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "plans"
    out.mkdir()
    (out / "ube.toml").write_text(PLAN, "utf-8")
    # juki: 10 -> 11 steps in a month (1 a month, 29 left: R9.10 > R8.3)
    # kaigo: 20 -> 20 (stalled); shogai: 36 -> 40 (done); koseki: 30 -> 34 (4 a month, 6 left:
    # 2025-07, within its extended deadline R10.3); kotei: step 5 went back; kojin: out of order
    _write(
        out,
        "2025-04",
        {
            "juki": _statuses(10),
            "kaigo": _statuses(20),
            "shogai": _statuses(36),
            "koseki": _statuses(30),
            "kotei": _statuses(12),
            "kojin": _statuses(12),
        },
    )
    _write(
        out,
        "2025-05",
        {
            "juki": _statuses(11),
            "kaigo": _statuses(20),
            "shogai": _statuses(40),
            "koseki": _statuses(34),
            "kotei": _statuses(13, back=5),
            "kojin": _statuses(13, order=True),
        },
    )
    return out


def _load(folder: Path):  # type: ignore[no-untyped-def]
    from model.importing.snapshot_import import read_snapshot
    from model.progress.snapshot import find_snapshots

    plans, problems, _ = load_plans(discover([folder]), NAT)
    assert not problems
    return [read_snapshot(p, NAT, m) for m, p in find_snapshots([folder])], plans


def test_the_forecast_is_the_pace_over_the_snapshots(folder: Path) -> None:
    snaps, _ = _load(folder)
    fc = {r["business"]: r for r in forecast(snaps, NAT).iter_rows(named=True)}
    may = parse_month("2025-05")
    assert fc["juki"]["pace"] == pytest.approx(1.0) and fc["juki"]["projected"] == may + 29
    assert fc["kaigo"]["pace"] == 0 and fc["kaigo"]["projected"] is None
    assert fc["shogai"]["done"] == 40 and fc["shogai"]["projected"] == may
    assert fc["koseki"]["pace"] == pytest.approx(4.0) and fc["koseki"]["projected"] == may + 2  # ceil(6/4)


def test_each_check_finds_its_case(folder: Path) -> None:
    snaps, plans = _load(folder)
    got = {(f.code, f.business) for f in check_progress(snaps, plans, NAT)}
    # PG002: juki (R9.10 > R8.3), kaigo and kotei (stalled), kojin (13 of 40 at 1 a month);
    # not shogai (done) nor koseki (2025-07, before its extended deadline R10.3)
    assert {b for c, b in got if c == "PG002"} == {"juki", "kaigo", "kotei", "kojin"}
    # PG001: every phase up to vendor selection (R7.3) has passed at 2025-05; juki (steps 1-11
    # done) is behind in the migration plan (12-13) and vendor selection (14-29), shogai is not
    pg1 = {(f.business, f.phase) for f in check_progress(snaps, plans, NAT) if f.code == "PG001"}
    assert {p for b, p in pg1 if b == "juki"} == {"migration_plan", "vendor_selection"}
    assert not {p for b, p in pg1 if b == "shogai"}
    assert ("kotei", "current_survey") in pg1  # its step 5 went back
    # PG003: kotei's step 5 went back; the plan says fit_gap done while kojin's step 8 is open
    pg3 = [f for f in check_progress(snaps, plans, NAT) if f.code == "PG003"]
    assert any(f.business == "kotei" and "step 5 was reported done at 2025-04" in f.message("en") for f in pg3)
    assert [f.business for f in pg3 if f.phase == "fit_gap"] == ["kojin"]
    # PG004: kojin's step 30 done while step 8 is not started; kotei's steps 6-13 done while
    # step 5 (the survey) went back to not started
    pg4 = [f for f in check_progress(snaps, plans, NAT) if f.code == "PG004"]
    assert [(f.business, f.phase) for f in pg4] == [("kotei", "current_survey"), ("kojin", "fit_gap")]
    juki = next(f for f in check_progress(snaps, plans, NAT) if f.code == "PG002" and f.business == "juki")
    assert (
        juki.message("ja")
        == f"宇部市 住民記録: 現在のペース(月1.0ステップ、2025-04〜2025-05)では {render_month(parse_month('2025-05') + 29)} に完了見込みで、期限 R8.3 を過ぎます(残り29ステップ)"
    )
    assert juki.plan_file and juki.plan_file.endswith("ube.toml")


def test_one_snapshot_gives_no_forecast(folder: Path) -> None:
    snaps, plans = _load(folder)
    assert not [f for f in check_progress(snaps[:1], plans, NAT) if f.code == "PG002"]


def test_cli_check_and_forecast(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["progress", str(folder), "--check", "--lang", "en"]) == 1  # PG002 is an error
    out = capsys.readouterr().out
    assert (
        "PG002 error 宇部市 Resident registry: at its pace (1.0 steps a month" in out
        and "(forecast-past-deadline)" in out
    )
    assert main(["progress", str(folder), "--check", "--month", "2025-04"]) == 0  # one snapshot: no forecast
    capsys.readouterr()
    assert main(["progress", str(folder), "--check", "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert {r["code"] for r in rows} == {"PG001", "PG002", "PG003", "PG004"} and all(r["file"] for r in rows)
    assert main(["progress", str(folder), "--forecast", "--format", "csv", "--lang", "en"]) == 0
    df = pl.read_csv(capsys.readouterr().out.lstrip("\ufeff").encode())
    verdict = dict(zip(df.get_column("business").to_list(), df.get_column("verdict").to_list(), strict=True))
    assert verdict == {
        "Resident registry": "late",
        "Long-term care insurance": "stalled",
        "Disability welfare": "done",
        "Family register": "on time",
        "Fixed asset tax": "stalled",
        "Individual inhabitant tax": "late",
    }  # kotei: 12 done, then 13 with one gone back
