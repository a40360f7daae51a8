"""Findings a planner can trust: advice that can be followed, no report on history, the
constraints a plan writes honoured, and words that say what to do (issue 10, the checker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.checks.engine import lint_plan
from model.checks.finding import Finding
from model.core.dates import month_of
from model.core.errors import Problems
from model.core.national import load_national
from model.core.plan_reader import parse_plan

ROOT = Path(__file__).resolve().parents[1]
NAT = load_national(ROOT / "plans" / "national.toml")
AS_OF = month_of(2022, 2)  # R4.2, the shipped evaluation date

HEAD = 'municipality = "検証町"\nsurveyed = "R3.12"\n'
PHASES = {
    "governance": "R4.4",
    "current_survey": "R4.9",
    "fit_gap": "R5.3",
    "migration_plan": "R5.9",
    "vendor_selection": "R6.6",
    "migration": "R8.3",
}


def plan_text(extra: str = "", **phases: str) -> str:
    merged = {**PHASES, **phases}
    body = "".join(f'{k} = "{v}"\n' for k, v in merged.items() if v)
    return HEAD + "[phases]\n" + body + extra


def findings(text: str, as_of: int = AS_OF) -> list[Finding]:
    problems = Problems("t.toml")
    plan = parse_plan(text, "t.toml", NAT, problems)
    assert plan is not None and not problems, [p.text("en") for p in problems.items]
    return lint_plan(plan, NAT, as_of)


def codes(fs: list[Finding]) -> list[str]:
    return [f.code for f in fs]


def test_the_plan_of_the_fixture_itself_is_clean() -> None:
    assert findings(plan_text()) == []


# -- 1: 完了 in an order finding ----------------------------------------------------


def test_an_order_conflict_between_two_done_phases_is_not_reported() -> None:
    text = plan_text(
        '[status]\ngovernance = "done"\ncurrent_survey = "done"\n', governance="R4.1", current_survey="R3.12"
    )
    assert "PL002" not in codes(findings(text, month_of(2022, 6)))
    done_word = plan_text(governance="完了", current_survey="完了")
    assert "PL002" not in codes(findings(done_word))


def test_a_done_phase_after_a_planned_one_gives_sensible_advice() -> None:
    fs = [f for f in findings(plan_text(current_survey="R4.9", fit_gap="完了")) if f.code == "PL002"]
    assert len(fs) == 1
    for lang in ("ja", "en"):
        m = fs[0].message(lang)
        assert "H-" not in m and "-85" not in m, m
    assert "完了" in fs[0].message("ja") and "status done" in fs[0].message("en")


# -- 2: [[depends]] with min_months after a national id ---------------------------------


def test_depends_lag_after_a_national_date_is_honoured() -> None:
    dep = '\n[[depends]]\nphase = "migration"\nafter = "cloud"\nmin_months = 40\n'
    fs = [f for f in findings(plan_text(dep)) if f.phase == "migration"]
    # the cloud from R5.4 + 40 months = R8.8: R8.3 is too early
    assert [f.code for f in fs] == ["PL002"]
    assert "R8.8以降" in fs[0].message("ja")
    assert findings(plan_text(dep.replace("40", "20"))) == []


# -- 5: PL005 advice within the national timeline -------------------------------------


def test_lead_time_advice_never_breaks_the_order() -> None:
    # current vendor: 12 months from the migration plan; the plan cannot finish before the
    # fit-gap analysis (R7.6), and the go-live cannot pass the deadline: the fit-gap must move
    text = plan_text(fit_gap="R7.6", migration_plan="R7.6", vendor_selection="現行ベンダで標準化")
    fs = [f for f in findings(text) if f.code == "PL005"]
    assert len(fs) == 1
    m = fs[0].message("ja")
    assert "標準仕様との比較分析をR7.3までに、移行計画作成をR7.3までに終えてください" in m
    # following the advice (fit-gap and plan by R7.3) leaves no finding
    assert findings(plan_text(fit_gap="R7.3", migration_plan="R7.3", vendor_selection="現行ベンダで標準化")) == []


def test_lead_time_advice_moves_the_go_live_when_only_that_is_possible() -> None:
    ext = '\n[business.koseki]\nfit_gap = "R7.6"\nmigration_plan = "R7.6"\nvendor_selection = "現行ベンダで標準化"\nmigration = "R8.3"\nextended_deadline = "R13.3"\n'
    fs = [f for f in findings(plan_text(ext)) if f.code == "PL005"]
    assert len(fs) == 1 and "戸籍の移行完了をR8.6以降にしてください" in fs[0].message("ja")


# -- 6, 7, 8: PL009 per business, PL008 per go-live, PL006 on done --------------------


def test_a_business_vendor_selection_contradicts_a_current_vendor_strategy() -> None:
    text = plan_text('\n[business.koseki]\nvendor_selection = "R6.6"\n', vendor_selection="現行ベンダで標準化").replace(
        'surveyed = "R3.12"\n', 'surveyed = "R3.12"\nvendor_strategy = "current_vendor"\n'
    )
    fs = [f for f in findings(text) if f.code == "PL009"]
    assert [(f.business, f.phase) for f in fs] == [("koseki", "vendor_selection")]
    assert "戸籍" in fs[0].message("ja")


def test_the_plan_contract_is_checked_against_an_early_business_go_live() -> None:
    text = plan_text('\n[business.juki]\nmigration = "R6.6"\n').replace(
        'surveyed = "R3.12"\n', 'surveyed = "R3.12"\ncontract_end = "R8.3"\n'
    )
    fs = [f for f in findings(text) if f.code == "PL008"]
    assert [f.business for f in fs] == ["juki"] and "住民記録の移行完了(R6.6)" in fs[0].message("ja")


def test_no_budget_finding_on_a_done_migration_plan() -> None:
    late = plan_text(migration_plan="R5.11", vendor_selection="R6.6")
    assert "PL006" in codes(findings(late))
    done = late + '[status]\nmigration_plan = "done"\n'
    assert "PL006" not in codes(findings(done, month_of(2023, 12)))


def test_budget_advice_offers_the_next_fiscal_year_when_it_fits() -> None:
    early = {"fit_gap": "R4.10", "migration_plan": "R4.12", "vendor_selection": "R5.6"}
    fs = [f for f in findings(plan_text(**early, migration="R8.3")) if f.code == "PL006"]
    assert "ベンダ選定をR6年度(R6.4以降)の契約にしてください" in fs[0].message("ja")
    # the next year would leave too little time before the go-live (R6.4 + 12 > R7.3): not offered
    fs = [f for f in findings(plan_text(**early, migration="R7.3")) if f.code == "PL006"]
    assert "契約にして" not in fs[0].message("ja")


# -- 9: words ---------------------------------------------------------------------------


def test_pl014_says_what_to_do() -> None:
    ext = '\n[business.koseki]\nmigration = "R10.3"\nextended_deadline = "R15.3"\n'
    fs = [f for f in findings(plan_text(ext)) if f.code == "PL014"]
    assert "R13.3までに" in fs[0].message("ja") and "set it to R13.3" in fs[0].message("en")


def test_pl010_suggests_a_month_that_fits_its_neighbours() -> None:
    fs = [f for f in findings(plan_text(migration="")) if f.code == "PL010"]
    # vendor selection R6.6 + 12 months
    assert 'migration = "R7.6"' in fs[0].message("ja")
    squeezed = [
        f for f in findings(plan_text(fit_gap="", current_survey="R5.9", migration_plan="R5.3")) if f.code == "PL010"
    ]
    assert 'fit_gap = "' not in squeezed[0].message("ja")


def test_pl007_with_a_status_is_a_whole_sentence() -> None:
    text = plan_text('[status]\ngovernance = "in_progress"\n', governance="R4.1")
    fs = [f for f in findings(text) if f.code == "PL007"]
    assert "状況が作業中です。" in fs[0].message("ja")


def test_a_year_only_gap_gives_the_range() -> None:
    fs = [f for f in findings(plan_text(vendor_selection="R6", migration="R7.3")) if f.code == "PL005"]
    assert "0〜11か月" in fs[0].message("ja") and "Only 0-11 months" in fs[0].message("en")


def test_one_month_is_singular_and_sentences_start_with_a_capital() -> None:
    fs = findings(plan_text(vendor_selection="R6", migration="R6.4"))
    for f in fs:
        assert f.message("en")[0].isupper(), f.message("en")
        assert " 1 months" not in f.message("en")


def test_pl001_on_a_business_names_the_business() -> None:
    fs = [f for f in findings(plan_text('\n[business.koseki]\nmigration = "R9.3"\n')) if f.code == "PL001"]
    assert "[business.koseki]" in fs[0].message("ja") and "<id>" not in fs[0].message("ja")


def test_pl003_names_each_spec_the_fit_gap_is_before() -> None:
    fs = [
        f
        for f in findings(
            plan_text(
                '\n[business.juki]\nfit_gap = "R2.6"\nmigration_plan = "R5.9"\n',
                governance="R2.1",
                current_survey="R2.3",
            ),
            month_of(2020, 1),
        )
        if f.code == "PL003"
    ]
    m = fs[0].message("ja")
    assert "住民記録(R2.9)" in m and "データ要件・連携要件(R4.8)" in m and "R4.8以降" in m


def test_two_platform_findings_on_one_go_live_give_one_month() -> None:
    fs = [
        f
        for f in findings(
            plan_text(
                vendor_selection="R4.1",
                migration="R5.3",
                migration_plan="R4.1",
                fit_gap="R4.1",
                current_survey="R4.1",
                governance="R4.1",
            ),
            month_of(2021, 1),
        )
        if f.code == "PL004"
    ]
    assert len(fs) == 2
    months = {f.message("ja").rsplit("を", 1)[1] for f in fs}
    assert months == {"R5.8以降にしてください"}, months


@pytest.mark.parametrize("word", ["-", "－", "対象外", "n/a"])
def test_a_word_for_not_applicable_is_a_load_error(word: str) -> None:
    problems = Problems("t.toml")
    assert parse_plan(plan_text(migration_plan=word), "t.toml", NAT, problems) is None
    assert [p.code for p in problems.items] == ["E004"]
    assert "status n/a" in problems.items[0].text("en")


# -- issue 12 item 4: following a finding's advice alone creates no new finding ----------------


@pytest.mark.parametrize(
    ("name", "phases", "follow"),
    [
        # 宇部市: the plan cannot move past R5.10 (the budget for R6.6): the fit-gap moves
        (
            "ube",
            {"governance": "R4.10", "current_survey": "R4.9", "fit_gap": "R6.3", "migration_plan": "R5.9"},
            {"fit_gap": "R5.9"},
        ),
        # 周南市: the fit-gap moves, the plan with it (the advice names both)
        (
            "shunan",
            {"fit_gap": "R7.6", "migration_plan": "R7.6", "vendor_selection": "現行ベンダで標準化"},
            {"fit_gap": "R7.3", "migration_plan": "R7.3"},
        ),
    ],
)
def test_following_the_advice_creates_no_new_finding(name: str, phases: dict[str, str], follow: dict[str, str]) -> None:
    before = findings(plan_text(**phases))
    advised = " ".join(f.message("ja") for f in before)
    for pid, month in follow.items():
        assert month in advised, (pid, month, advised)
    after = findings(plan_text(**{**phases, **follow}))
    new = {(f.code, f.phase) for f in after} - {(f.code, f.phase) for f in before}
    assert new == set(), [f.message("ja") for f in after]


def test_advice_that_would_move_the_budget_says_so() -> None:
    # 下松市: R7.3 is a contract of FY R6, budgeted R5.10, before the plan can be done
    fs = findings(
        plan_text(
            governance="R4.10", current_survey="R4.12", fit_gap="R5.11", migration_plan="R6.3", vendor_selection="R7.4"
        )
    )
    pl005 = next(f for f in fs if f.code == "PL005")
    assert "R5.10" in pl005.message("ja") and "plans lint --diff" in pl005.message("ja")


def test_pl010_suggests_a_month_after_every_earlier_phase_even_through_missing_ones() -> None:
    fs = [
        f
        for f in findings(plan_text(fit_gap="R7.6", migration_plan="", vendor_selection=""))
        if f.code == "PL010" and f.phase == "vendor_selection"
    ]
    m = fs[0].message("ja")
    assert 'vendor_selection = "R4.2"' not in m
    assert 'vendor_selection = "R7.6"' in m or 'vendor_selection = "' not in m
