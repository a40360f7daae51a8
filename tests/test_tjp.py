"""The TaskJuggler export: its structure, and (when tj3 is installed) that tj3 accepts it and
flags the same phases lint does."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PLANS

from model.core.dates import month_of
from model.project.lint import lint_paths
from model.render.tjp import TaskRef, gap_days, month_end, too_late, write_tjp

LEAD_DST = {"vendor_selection": "migration", "migration_plan": "migration"}  # PL005 is placed on the earlier phase


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_gap_days_separate_n_from_n_minus_1_months() -> None:
    for n in (1, 2, 6, 11, 12, 13, 24):
        g = gap_days(n)
        for m in range(month_of(2019, 1), month_of(2033, 1)):
            assert (_day(month_end(m + n)) - _day(month_end(m))).days >= g
            assert (_day(month_end(m + n - 1)) - _day(month_end(m))).days < g
    assert gap_days(12) == 365 and gap_days(0) == 0


def test_structure_of_the_shipped_plans() -> None:
    res = lint_paths([PLANS])
    refs: dict[str, TaskRef] = {}
    text = write_tjp(res.plans, res.national, refs=refs)
    assert text.count("{") == text.count("}")
    assert re.search(r'^project plans ".+" \d{4}-\d\d-01 - \d{4}-\d\d-01 \{', text, re.M)
    # national milestones: every spec group and its vendor packages, the cloud
    for gid in res.national.groups:
        assert re.search(rf"^  task spec_{gid} .*milestone start \d{{4}}", text, re.M)
        assert f"task vendor_{gid} " in text
    assert "task cloud " in text
    # one task per municipality, named by its 団体コード
    for p in res.plans:
        assert f'task m{p.code} "{p.municipality}"' in text
    # every dependency names a declared task
    declared = {f"nat.{m}" for m in re.findall(r"^  task (\w+) ", text, re.M)} | set(refs)
    for deps in re.findall(r"depends (.+?) maxend", text):
        for ref in re.findall(r"([\w.]+)(?: \{ gapduration \d+d \})?(?:, |$)", deps):
            assert ref in declared, ref
    # the go-live carries the deadline; a check's maxend is its planned completion
    assert re.search(r"task plan \"計画\" \{ milestone start 2026-04-01 maxend 2026-04-01 \}", text)
    ube = text[text.index('task m352021 "宇部市"') :]
    assert 'task fit_gap "標準仕様との比較分析 R6.3"' in ube
    fg = ube[ube.index("task fit_gap") :]
    assert "milestone start 2024-04-01" in fg.split("\n")[1]
    assert "maxend 2024-04-01" in fg.split("\n")[2]
    # 12 months from vendor selection to go-live
    assert "m352021.all.vendor_selection.plan { gapduration 365d }" in ube


def test_english_names() -> None:
    res = lint_paths([PLANS])
    text = write_tjp(res.plans, res.national, "en")
    assert "Group 2 spec" in text and '"Fit-gap analysis R6.3"' in text


def test_export_command_writes_tjp(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plans.tjp"
    r = cli("export", "plans", "--format", "tjp", "-o", str(out))
    assert r.code == 0
    assert out.read_text("utf-8").startswith("/* plans export --format tjp")


@pytest.mark.skipif(shutil.which("tj3") is None, reason="tj3 not installed")
def test_tj3_accepts_it_and_flags_what_lint_finds(tmp_path: Path) -> None:
    res = lint_paths([PLANS])
    refs: dict[str, TaskRef] = {}
    path = tmp_path / "plans.tjp"
    path.write_text(write_tjp(res.plans, res.national, refs=refs), encoding="utf-8")
    r = subprocess.run(
        ["tj3", "--silent", "--no-color", "--no-reports", str(path)], capture_output=True, text=True, timeout=300
    )
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "Error" not in out, out
    flagged = {(refs[t].file, refs[t].business, refs[t].phase) for t in too_late(out)}
    assert flagged
    lint_sched = {}
    for f in res.findings:
        if f.code in ("PL001", "PL002", "PL003", "PL004", "PL005"):
            phase = LEAD_DST.get(str(f.phase), f.phase) if f.code == "PL005" else f.phase
            lint_sched.setdefault((f.place.file, f.business, phase), []).append(f.certain)
    # tj3 flags nothing lint does not, and every certain scheduling conflict lint finds
    assert flagged <= set(lint_sched)
    assert {k for k, c in lint_sched.items() if any(c)} <= flagged


def _shipped_tjp(lang: str = "ja") -> str:
    res = lint_paths([PLANS])
    return write_tjp(res.plans, res.national, lang, findings=res.findings)


def test_the_project_ends_with_a_task_report() -> None:
    text = _shipped_tjp()
    report = text[text.index("taskreport plans_report") :]
    assert report.startswith('taskreport plans_report "plans-report" {')
    assert "  formats html, csv\n" in report
    assert '  columns name, start, end, note { title "指摘" }\n' in report
    assert 'timeformat "%Y-%m-%d"' in report and "headline " in report and "caption " in report
    assert report.rstrip().endswith("}") and report.count("{") == report.count("}")
    assert '{ title "Findings" }' in _shipped_tjp("en")


def test_findings_are_the_notes_of_their_phases() -> None:
    text = _shipped_tjp()
    hikari = text[text.index('task m352101 "光市"') :]
    hikari = hikari[: hikari.index("\ntask ", 1)]
    plan_task = hikari[hikari.index("task migration_plan ") :]
    note = plan_task.split("\n")[1].strip()
    # one literal paragraph per finding: code, severity, the message as lint words it
    assert note.startswith('note "<nowiki>PL005 エラー: 移行計画作成(R7.10)から移行完了(R8.3)まで5か月')
    assert note.endswith('</nowiki>"')
    # a phase without a finding has no note; every note is a single TaskJuggler string
    assert "note" not in hikari[hikari.index("task governance ") : hikari.index("task current_survey ")]
    for line in text.splitlines():
        if line.strip().startswith("note "):
            assert line.strip().count('"') == 2, line
    # 山口市's overdue 推進体制 (PL007) sits on its phase's task
    yamaguchi = text[text.index('task m352039 "山口市"') :]
    assert (
        "<nowiki>PL007 警告: 推進体制の立ち上げの完了予定 R4.1" in yamaguchi[: yamaguchi.index("task current_survey")]
    )


def test_a_finding_without_a_phase_task_goes_on_the_municipality(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "national.toml").write_text((PLANS / "national.toml").read_text("utf-8"), encoding="utf-8")
    (plans / "x.toml").write_text(
        'municipality = "テスト町"\ncode = "352021"\n[phases]\ngovernance = "R4.4"\ncurrent_survey = "R4.9"\nmigration = "R8.3"\n',
        encoding="utf-8",
    )
    res = lint_paths([plans])
    assert any(f.code == "PL010" for f in res.findings)  # missing dates: no task of their own
    text = write_tjp(res.plans, res.national, findings=res.findings)
    muni = text[text.index('task m352021 "テスト町" {') :].split("\n")
    assert muni[1].startswith('  note "<nowiki>PL010 警告: ')


@pytest.mark.skipif(shutil.which("tj3") is None, reason="tj3 not installed")
def test_tj3_writes_the_report(tmp_path: Path) -> None:
    path = tmp_path / "plans.tjp"
    path.write_text(_shipped_tjp(), encoding="utf-8")
    r = subprocess.run(
        ["tj3", "--silent", "--no-color", "-o", str(tmp_path), str(path)], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr
    csv = (tmp_path / "plans-report.csv").read_text("utf-8")
    assert csv.splitlines()[0] == '"Name";"Start";"End";"指摘"'
    row = next(line for line in csv.splitlines() if "移行計画作成 R7.10" in line)
    assert '"PL005 エラー: 移行計画作成(R7.10)から移行完了(R8.3)まで5か月' in row
    assert "第2グループ 標準仕様書 R4.8" in csv
    html = (tmp_path / "plans-report.html").read_text("utf-8")
    assert "PL005 エラー" in html and "光市" in html
