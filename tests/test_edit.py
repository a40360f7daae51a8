"""model/edit.py: round-trip editing keeps every byte but the edited value; undo/redo;
saving detects external changes and keeps the edit on a failed write."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from conftest import PLANS

from model.core.dates import parse
from model.core.national import National
from model.project import document as edit_mod
from model.project.document import PlanDocument
from model.project.edits import EditError, EditRejected, ExternalChange, interval_text
from model.project.session import Workspace


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "plans"
    shutil.copytree(PLANS, dst)
    return dst


def _changed_lines(a: str, b: str) -> list[tuple[str, str]]:
    la, lb = a.splitlines(), b.splitlines()
    assert len(la) == len(lb)
    return [(x, y) for x, y in zip(la, lb, strict=True) if x != y]


def test_load_then_save_without_edit_is_byte_identical(plans_dir: Path, national: National) -> None:
    files = sorted(p for p in plans_dir.glob("*.toml") if p.name != "national.toml")
    assert len(files) == 19
    for f in files:
        raw = f.read_bytes()
        doc = PlanDocument.load(f, national)
        assert doc.plan is not None and not doc.dirty
        assert doc.save() is False  # nothing to save
        assert doc.save(overwrite=True) is True
        assert f.read_bytes() == raw


def test_set_date_changes_only_that_value(plans_dir: Path, national: National) -> None:
    f = plans_dir / "ube.toml"
    before = f.read_text(encoding="utf-8")
    doc = PlanDocument.load(f, national)
    plan = doc.set_date("migration_plan", "R6.3")
    assert plan.phases["migration_plan"].date == parse("R6.3")
    assert doc.dirty
    assert doc.save() is True
    after = f.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert changed == [
        ('migration_plan   = "R5.9"          # 移行計画作成', 'migration_plan   = "R6.3"          # 移行計画作成'),
    ]
    assert not doc.dirty


def test_literal_quotes_and_comment_kept_in_its_column(tmp_path: Path, national: National) -> None:
    f = tmp_path / "x.toml"
    f.write_text(
        "municipality = 'テスト町'\nsurveyed = 'R3.12'\n\n[phases]\nfit_gap = 'R5.3'   # 比較\n", encoding="utf-8"
    )
    doc = PlanDocument.load(f, national)
    doc.set_date("fit_gap", "R5.10")
    assert doc.text is not None
    assert doc.text.splitlines()[-1] == "fit_gap = 'R5.10'  # 比較"  # the comment where it was
    doc.set_date("fit_gap", "R10.3")
    assert doc.text.splitlines()[-1] == "fit_gap = 'R10.3'  # 比較"  # same width: same spaces
    doc.set_date("fit_gap", "令和10年3月")
    assert doc.text.splitlines()[-1] == "fit_gap = '令和10年3月' # 比較"  # one space at least


def test_invalid_date_is_refused_and_nothing_changes(plans_dir: Path, national: National) -> None:
    doc = PlanDocument.load(plans_dir / "ube.toml", national)
    text = doc.text
    with pytest.raises(EditError) as ei:
        doc.set_date("fit_gap", "R4.13")
    assert "R4.13" in ei.value.text("ja") and "1〜12" in ei.value.text("ja")
    with pytest.raises(EditError):
        doc.set_date("fit_gap", "現行ベンダで標準化")  # only vendor_selection
    assert doc.text == text and not doc.dirty and not doc.can_undo


def test_business_date_status_note_and_strategy(plans_dir: Path, national: National) -> None:
    f = plans_dir / "ube.toml"
    doc = PlanDocument.load(f, national)
    plan = doc.set_date("migration", "R9.3", business="koseki")
    assert plan.businesses["koseki"].phases["migration"].date == parse("R9.3")
    plan = doc.set_status("governance", "done")
    assert plan.phases["governance"].status == "done"
    plan = doc.set_note("fit_gap", "第2グループは R5 に実施")
    assert plan.phases["fit_gap"].note == "第2グループは R5 に実施"
    plan = doc.set_vendor_strategy("new_vendor")
    assert plan.declared_strategy == "new_vendor"
    with pytest.raises(EditError):
        doc.set_status("governance", "finished")
    with pytest.raises(EditError):
        doc.set_vendor_strategy("cheapest")
    # removing restores the plan's values (the tables added stay, empty)
    plan = doc.set_status("governance", None)
    assert plan.phases["governance"].status is None
    plan = doc.set_date("migration", None, business="koseki")
    assert "migration" not in plan.businesses["koseki"].phases
    doc.save()
    text = f.read_text(encoding="utf-8")
    assert text.startswith("# 宇部市の標準準拠システム移行計画\n")
    assert 'vendor_strategy = "new_vendor"' in text and "[notes]" in text


def test_edit_that_breaks_loading_is_rejected(tmp_path: Path, national: National) -> None:
    f = tmp_path / "x.toml"
    f.write_text('municipality = "テスト町"\n\n[phases]\nfit_gap = "完了"\n', encoding="utf-8")
    doc = PlanDocument.load(f, national)
    assert doc.plan is None  # 完了 needs surveyed
    with pytest.raises(EditError):
        doc.set_date("fit_gap", "R5.3")
    g = tmp_path / "y.toml"
    g.write_text('municipality = "テスト町"\n\n[phases]\nfit_gap = "R5.3"\n', encoding="utf-8")
    doc = PlanDocument.load(g, national)
    with pytest.raises(EditRejected) as ei:
        doc.set_date("governance", "完了")  # no surveyed date in this file
    assert ei.value.problems and ei.value.problems[0].code == "E007"
    assert not doc.dirty


def test_undo_redo_and_dirty(plans_dir: Path, national: National) -> None:
    doc = PlanDocument.load(plans_dir / "ube.toml", national)
    original = doc.text
    doc.set_date("fit_gap", "R5.3")
    doc.set_date("migration_plan", "R5.12")
    assert doc.plan is not None and doc.plan.phases["migration_plan"].date == parse("R5.12")
    assert doc.undo() is not None
    assert doc.plan.phases["migration_plan"].date == parse("R5.9")
    assert doc.plan.phases["fit_gap"].date == parse("R5.3") and doc.dirty
    assert doc.undo() is not None
    assert doc.text == original and not doc.dirty
    assert doc.undo() is None
    assert doc.redo() is not None and doc.redo() is not None and doc.redo() is None
    assert doc.plan.phases["migration_plan"].date == parse("R5.12")
    doc.undo()
    doc.set_date("governance", "R4.4")  # a new edit clears redo
    assert not doc.can_redo


def test_edit_phase_is_one_undo_step_and_atomic(plans_dir: Path, national: National) -> None:
    doc = PlanDocument.load(plans_dir / "ube.toml", national)
    original = doc.text
    plan = doc.edit_phase("fit_gap", date="R5.3", status="in_progress", note="メモ")
    e = plan.phases["fit_gap"]
    assert (e.date, e.status, e.note) == (parse("R5.3"), "in_progress", "メモ")
    assert len(doc.undo_stack) == 1
    doc.undo()
    assert doc.text == original
    with pytest.raises(EditError):
        doc.edit_phase("fit_gap", date="R5.3", status="bogus", note=None)
    assert doc.text == original and not doc.undo_stack


def test_external_change_is_detected_then_reload_or_overwrite(plans_dir: Path, national: National) -> None:
    f = plans_dir / "ube.toml"
    doc = PlanDocument.load(f, national)
    doc.set_date("fit_gap", "R5.3")
    theirs = f.read_text(encoding="utf-8").replace('"R4.9"', '"R4.8"')
    f.write_text(theirs, encoding="utf-8")
    assert doc.changed_on_disk()
    with pytest.raises(ExternalChange):
        doc.save()
    assert f.read_text(encoding="utf-8") == theirs  # not clobbered
    # reload takes theirs; our edit stays on the undo stack
    plan = doc.reload()
    assert plan is not None and plan.phases["current_survey"].date == parse("R4.8")
    assert not doc.dirty and doc.can_undo
    doc.undo()
    assert doc.plan is not None and doc.plan.phases["fit_gap"].date == parse("R5.3")
    # now overwrite on purpose
    f.write_text(theirs + "\n", encoding="utf-8")
    with pytest.raises(ExternalChange):
        doc.save()
    assert doc.save(overwrite=True)
    assert '"R5.3"' in f.read_text(encoding="utf-8") and not doc.changed_on_disk()


def test_deleted_file_counts_as_external_change(plans_dir: Path, national: National) -> None:
    f = plans_dir / "ube.toml"
    doc = PlanDocument.load(f, national)
    doc.set_date("fit_gap", "R5.3")
    f.unlink()
    with pytest.raises(ExternalChange):
        doc.save()
    assert not f.exists()


def test_failed_write_keeps_the_edit(plans_dir: Path, national: National, monkeypatch: pytest.MonkeyPatch) -> None:
    f = plans_dir / "ube.toml"
    raw = f.read_bytes()
    doc = PlanDocument.load(f, national)
    doc.set_date("fit_gap", "R5.3")

    def full_disk(path: Path, data: bytes, *, mode: int | None = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(edit_mod, "atomic_write", full_disk)
    with pytest.raises(OSError):
        doc.save()
    assert doc.dirty and f.read_bytes() == raw
    monkeypatch.undo()
    assert doc.save()
    assert b'"R5.3"' in f.read_bytes()


def test_workspace_rechecks_the_edited_plan(plans_dir: Path) -> None:
    ws = Workspace.load([plans_dir])
    assert len(ws.entries) == 19
    ube = ws.by_name("宇部市")
    assert ube is not None
    assert any(f.code == "PL002" and f.phase == "migration_plan" for f in ube.findings)
    assert ube.worst == "error"
    ube.doc.set_date("migration_plan", "R6.3")
    found = ws.recheck(ube)
    assert not any(f.code == "PL002" and f.phase == "migration_plan" for f in found)
    ube.doc.undo()
    assert any(f.code == "PL002" and f.phase == "migration_plan" for f in ws.recheck(ube))


def test_interval_text() -> None:
    assert interval_text(parse("R5")) == "2023-04 .. 2024-03 (年度)"
    assert interval_text(parse("R5"), "en") == "2023-04 .. 2024-03 (fiscal year)"
    assert interval_text(parse("R4.10")) == "2022-10 (月)"
    assert interval_text(parse("現行ベンダで標準化"), "en") == "not applicable"


def test_preview_changes_nothing(plans_dir: Path) -> None:
    ws = Workspace.load([plans_dir])
    ube = ws.by_name("宇部市")
    assert ube is not None
    text = ube.doc.text
    plan = ube.doc.preview_phase("migration_plan", date="R6.3", status=None, note=None)
    assert plan.phases["migration_plan"].date == parse("R6.3")
    assert not any(f.code == "PL002" and f.phase == "migration_plan" for f in ws.lint(plan))
    assert ube.doc.text == text and not ube.doc.dirty and not ube.doc.can_undo
    with pytest.raises(EditError):
        ube.doc.preview_phase("migration_plan", date="R5.13", status=None, note=None)


def test_an_edit_builds_the_plans_graph_once_for_its_check_and_slack(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from model.checks import graph
    from model.project import session

    ws = Workspace.load([plans_dir])
    ube = ws.by_name("宇部市")
    assert ube is not None and ube.plan is not None
    want = graph.slack(graph.build(ube.plan, ws.nat))
    built: list[object] = []
    real = graph.build

    def counting(plan, nat):  # type: ignore[no-untyped-def]
        built.append(plan)
        return real(plan, nat)

    monkeypatch.setattr(graph, "build", counting)
    assert ws.slack(ube) == want and len(built) == 1
    assert ws.slack(ube) is ws.slack(ube) and len(built) == 1  # once per version of the plan
    ube.doc.set_date("migration_plan", "R6.3")
    ws.recheck(ube)
    got = ws.slack(ube)
    assert len(built) == 2 and built[-1] is ube.plan  # the check's graph gave the slack
    assert got == session.plan_slack(ube.plan, ws.nat, real(ube.plan, ws.nat)) and got != want


def test_a_wide_value_keeps_the_comment_in_its_cell_column(tmp_path: Path, national: National) -> None:
    f = tmp_path / "x.toml"
    f.write_text(
        'municipality = "テスト町"\nsurveyed = "R3.12"\n\n[phases]\nfit_gap = "令和5年3月"   # 比較\n', "utf-8"
    )
    doc = PlanDocument.load(f, national)
    doc.set_date("fit_gap", "R5.10")
    assert doc.text is not None
    # "令和5年3月" takes 10 cells, "R5.10" 5: the five cells go to the spaces before the comment
    assert doc.text.splitlines()[-1] == 'fit_gap = "R5.10"        # 比較'
