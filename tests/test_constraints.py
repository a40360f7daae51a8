"""Constraints are data: ``[[constraint]]`` in national.toml drives the checker, with no code
change for a new constraint of an existing kind; bad constraints are load errors with places."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.checks.engine import lint_plan
from model.checks.graph import build, slack
from model.checks.registry import constraint_problems
from model.core.errors import NationalError, Problems
from model.core.national import load_national, parse_national
from model.core.plan_reader import read_plan

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = (ROOT / "plans" / "national.toml").read_text(encoding="utf-8")
UBE = ROOT / "plans" / "ube.toml"

FIT_GAP_BY_PILOTS = """
[[constraint]]
phase = "fit_gap"
by = "cloud.pilot"
rule = "PL002"
"""


def _findings(national_text: str, tmp_path: Path, plan: Path = UBE) -> list:  # type: ignore[type-arg]
    path = tmp_path / "national.toml"
    path.write_text(national_text, encoding="utf-8")
    nat = load_national(path)
    assert constraint_problems(nat) == []
    res = read_plan(plan, nat)
    assert res.plan is not None, res.problems
    assert nat.evaluation_date is not None
    return lint_plan(res.plan, nat, nat.evaluation_date)


def test_a_new_constraint_is_one_table_of_data(tmp_path: Path) -> None:
    before = _findings(NATIONAL, tmp_path)
    after = _findings(NATIONAL + FIT_GAP_BY_PILOTS, tmp_path)
    new = [f for f in after if f not in before]
    assert len(new) == 1, new
    f = new[0]
    assert (f.code, f.phase, f.business, f.severity, f.certain) == ("PL002", "fit_gap", None, "error", True)
    # 宇部市 plans its fit-gap analysis for R6.3; the pilots end R5.3
    assert "R6.3" in f.message("ja") and "ガバメントクラウド 先行事業" in f.message("ja")
    assert "R5.3までに" in f.message("ja")
    assert "Government Cloud pilots" in f.message("en") and "finish" in f.message("en")
    line = UBE.read_text(encoding="utf-8").splitlines()[f.place.line - 1]
    assert line.startswith("fit_gap")


def test_a_by_constraint_bounds_slack(tmp_path: Path) -> None:
    path = tmp_path / "national.toml"
    path.write_text(NATIONAL + FIT_GAP_BY_PILOTS, encoding="utf-8")
    nat = load_national(path)
    res = read_plan(UBE, nat)
    assert res.plan is not None
    s = slack(build(res.plan, nat))
    fit_gap = s[("phase", None, "fit_gap")]
    assert fit_gap.slack < 0  # R6.3 is 12 months past R5.3


def test_min_months_of_a_by_constraint_is_honoured(tmp_path: Path) -> None:
    text = NATIONAL + '\n[[constraint]]\nphase = "fit_gap"\nby = "deadline"\nmin_months = 30\nrule = "PL002"\n'
    got = [f for f in _findings(text, tmp_path) if f.code == "PL002" and f.phase == "fit_gap"]
    # R8.3 - 30 months = R5.9; 宇部市's R6.3 is after it
    assert len(got) == 1 and "R5.9までに" in got[0].message("ja")


def test_the_shipped_timeline_names_its_constraints() -> None:
    nat = load_national(ROOT / "plans" / "national.toml")
    assert constraint_problems(nat) == []
    rules = {c.rule for c in nat.constraints}
    assert rules == {"PL001", "PL002", "PL003", "PL004", "PL005"}
    assert nat.constrained_by() == ["cloud"]


@pytest.mark.parametrize(
    ("table", "code", "words"),
    [
        ('phase = "fitgap"\nafter = "survey"\nrule = "PL002"', "E005", "fitgap"),
        ('phase = "fit_gap"\nrule = "PL002"', "E008", "exactly one of after"),
        ('phase = "fit_gap"\nafter = "governance"\nby = "deadline"\nrule = "PL002"', "E008", "exactly one of after"),
        ('phase = "fit_gap"\nby = "nowhere"\nrule = "PL002"', "E005", "nowhere"),
        ('phase = "fit_gap"\nafter = "fit_gap"\nrule = "PL002"', "E008", "cannot follow itself"),
        ('phase = "fit_gap"\nafter = "governance"\nrule = "P2"', "E008", "rule code"),
        ('phase = "fit_gap"\nafter = "governance"\nmin_months = -1\nrule = "PL005"', "E008", "0-600"),
        ('phase = "fit_gap"\nafter = "governance"\nrule = "PL002"\nseverity = "fatal"', "E008", "severity"),
        ('phase = "governance"\nafter = "migration"\nrule = "PL002"', "E008", "cycle"),
        ('phase = "fit_gap"\nafter = "governance"\nrule = "PL002"\nlag = 3', "E002", "lag"),
    ],
)
def test_a_bad_constraint_is_a_load_error_with_its_place(table: str, code: str, words: str) -> None:
    text = NATIONAL + "\n[[constraint]]\n" + table + "\n"
    problems = Problems("national.toml")
    assert parse_national(text, "national.toml", problems) is None
    hits = [p for p in problems.items if p.code == code and words in p.text("en")]
    assert hits, [(p.code, p.text("en")) for p in problems.items]
    first_new_line = len(NATIONAL.splitlines()) + 2
    assert hits[0].place.line >= first_new_line - 1


def test_a_rule_that_cannot_report_a_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "national.toml"
    path.write_text(
        NATIONAL + '\n[[constraint]]\nphase = "fit_gap"\nby = "deadline"\nrule = "PL010"\n', encoding="utf-8"
    )
    nat = load_national(path)
    problems = constraint_problems(nat)
    assert [p.code for p in problems] == ["E008"] and "PL010" in problems[0].text("en")
    path.write_text(
        NATIONAL + '\n[[constraint]]\nphase = "fit_gap"\nby = "deadline"\nrule = "PL099"\n', encoding="utf-8"
    )
    assert [p.code for p in constraint_problems(load_national(path))] == ["E005"]


def test_the_old_edge_tables_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "national.toml"
    path.write_text(NATIONAL + '\n[[edge]]\nfrom = "governance"\nto = "current_survey"\n', encoding="utf-8")
    with pytest.raises(NationalError) as e:
        load_national(path)
    assert any(p.code == "E002" and "edge" in p.text("en") for p in e.value.problems)
