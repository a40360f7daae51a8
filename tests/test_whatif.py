"""What-if on the shipped plans: the expected sets are worked out from the seed table
(the plans' dates) and the national timeline, not copied from output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.analysis.whatif import (
    Change,
    ScenarioError,
    apply_changes,
    deadline_change,
    findings_of,
    load_scenario,
    parse_amount,
    parse_set,
    parse_shift,
    what_if,
)
from model.core.dates import parse
from model.core.national import load_national, national_milestone_dates
from model.project.loader import discover, evaluation_month, load_plans
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"

# Go-live (移行完了) of each shipped plan, as the seed table states it.
GO_LIVE = {
    "abu": "R8.3",
    "hagi": "R8.3",
    "hikari": "R8.3",
    "hirao": "R7.12",
    "hofu": "R8.3",
    "iwakuni": "R8.3",
    "kaminoseki": "R8.3",
    "kudamatsu": "R8.3",
    "mine": "R8.3",
    "nagato": "R8.3",
    "sanyo-onoda": "R8.3",
    "shimonoseki": "R7",
    "shunan": "R8.3",
    "suo-oshima": "R8.3",
    "tabuse": "R6.12",
    "ube": "R8.3",
    "waki": "R8.3",
    "yamaguchi": "R7.12",
    "yanai": "R8.3",
}
# 標準仕様との比較分析 (fit-gap) of each plan.
FIT_GAP = {
    "abu": "R5.9",
    "hagi": "R5.3",
    "hikari": "R4.10",
    "hirao": "R4",
    "hofu": "R6.3",
    "iwakuni": "R6.3",
    "kaminoseki": "R5.2",
    "kudamatsu": "R5.11",
    "mine": "R6.3",
    "nagato": "R6.3",
    "sanyo-onoda": "R6.3",
    "shimonoseki": "R5.3",
    "shunan": "R7.6",
    "suo-oshima": "R6.3",
    "tabuse": "R5",
    "ube": "R6.3",
    "waki": "R6.3",
    "yamaguchi": "R5.1",
    "yanai": "R5.9",
}


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    nat = load_national()
    plans, problems, _ = load_plans(discover([PLANS]), nat)
    assert not problems
    return nat, plans, evaluation_month(nat, None)


def _files(stems: list[str]) -> set[str]:
    return {f"plans/{s}.toml" for s in stems}


def test_the_table_above_is_the_shipped_plans(shipped) -> None:  # type: ignore[no-untyped-def]
    _, plans, _ = shipped
    got = {Path(p.file).stem: (p.summary("migration").text, p.summary("fit_gap").text) for p in plans}
    assert got == {k: (GO_LIVE[k], FIT_GAP[k]) for k in GO_LIVE}


def test_earlier_deadline_breaks_every_plan_that_goes_live_after_it(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    res = what_if(plans, nat, [deadline_change("R7.3")], as_of)
    # R7.3 = 2025-03: every go-live after it breaks; R7 (FY2025 = 2025-04..2026-03) is after
    # it for certain; only tabuse (R6.12) stays within.
    expected = _files([k for k, v in GO_LIVE.items() if parse(v).lo > parse("R7.3").hi])
    assert expected == _files([k for k in GO_LIVE if k != "tabuse"])
    assert res.files_gaining() == expected
    assert res.files_gaining("PL001") == expected
    assert all(
        f.code == "PL001" and f.phase == "migration" and f.severity == "error" for d in res.diffs for f in d.gained
    )
    assert res.counts()["lost"] == 0
    assert res.counts()["findings_after"] - res.counts()["findings_before"] == len(expected)


def test_deadline_inside_a_fiscal_year_makes_a_year_only_go_live_possible_only(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    res = what_if(plans, nat, [deadline_change("R7.12")], as_of)
    # after R7.12 for sure: the R8.3 plans; shimonoseki's R7 (to 2026-03) only possibly
    certain = _files([k for k, v in GO_LIVE.items() if v == "R8.3"])
    assert res.files_gaining("PL001") == certain | {"plans/shimonoseki.toml"}
    shimo = next(d for d in res.diffs if d.file == "plans/shimonoseki.toml")
    assert [(f.severity, f.certain) for f in shimo.gained] == [("warning", False)]


def test_spec_delay_gains_pl003_for_fit_gaps_before_the_new_release(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    res = what_if(plans, nat, [parse_shift("spec.group2=+6m", nat)], as_of)
    assert [(a.target, a.before, a.after, a.delta) for a in res.applied] == [("spec.group2", "R4.8", "R5.2", 6)]
    new_spec = parse("R5.2").lo
    old_spec = parse("R4.8").lo
    # a fit-gap completing (certainly) before the new release, but not already before the old one
    expected = _files([k for k, v in FIT_GAP.items() if parse(v).hi < new_spec and not parse(v).lo < old_spec])
    assert expected == _files(["hikari", "yamaguchi"])
    assert res.files_gaining("PL003") == expected
    assert res.files_gaining() == expected  # a 6-month spec delay moves vendors to R6.2: no go-live before it
    assert res.counts()["lost"] == 0


def test_vendor_delay_gains_pl004_only_for_the_early_go_live(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    before = national_milestone_dates(nat)["vendor.group2"]
    res = what_if(plans, nat, [parse_shift("vendor.group2=+18m", nat)], as_of)
    ready = before + 18
    expected = _files([k for k, v in GO_LIVE.items() if parse(v).hi < ready])
    assert expected == _files(["tabuse"])
    assert res.files_gaining("PL004") == expected == res.files_gaining()
    # the spec itself did not move: no PL003 change
    assert not res.files_gaining("PL003")


def test_moving_the_deadline_back_loses_nothing_and_shifting_back_is_identity(shipped) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    res = what_if(plans, nat, [Change("cloud", months=6), Change("cloud", months=-6)], as_of)
    assert res.diffs == []
    assert res.counts()["findings_before"] == res.counts()["findings_after"]


def test_findings_lost_when_the_spec_comes_earlier(shipped) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    # hirao's fit-gap is the fiscal year R4 (2022-04..2023-03): possibly before the R4.8
    # specs today; with every R4.8 spec out by R4.3 the conflict is gone.
    early = [parse_shift(f"spec.{g}=R4.3", nat) for g in ("group2", "fuhyo", "inkan", "koseki", "data")]
    res = what_if(plans, nat, early, as_of)
    lost = {d.file for d in res.diffs if any(f.code == "PL003" for f in d.lost)}
    assert lost == {next(p.file for p in plans if p.municipality == "平生町")}


def test_amounts_and_bad_shifts() -> None:
    assert parse_amount("+6m") == 6
    assert parse_amount("-3m") == -3
    assert parse_amount("+1y") == 12
    assert parse_amount("６か月") == 6
    assert parse_amount("R7.3") is None
    nat = load_national()
    with pytest.raises(ScenarioError, match=r"spec\.group2"):
        parse_shift("spec.grup2=+6m", nat)
    with pytest.raises(ScenarioError):
        parse_shift("cloud", nat)
    with pytest.raises(ScenarioError):
        parse_shift("cloud=someday", nat)
    shifted, applied = apply_changes(nat, [parse_shift("vendor_months=+6", nat)])
    assert shifted.vendor_months == 18 and applied[0].after == "18"
    assert national_milestone_dates(shifted)["vendor.group1"] == national_milestone_dates(nat)["vendor.group1"] + 6


def test_scenario_file(tmp_path: Path, shipped) -> None:  # type: ignore[no-untyped-def]
    nat = shipped[0]
    sc = tmp_path / "s.toml"
    sc.write_text('name = "仕様遅延"\ndeadline = "R7.3"\n[shift]\n"spec.group2" = "+6m"\ncloud = 3\n', "utf-8")
    s = load_scenario(sc, nat, PLANS)
    assert s.name == "仕様遅延"
    assert [(c.target, c.months, str(c.value) if c.value else None) for c in s.changes] == [
        ("deadline", None, "R7.3"),
        ("spec.group2", 6, None),
        ("cloud", 3, None),
    ]
    assert s.plans is None


def test_bad_scenario_reports_every_problem_with_its_place(tmp_path: Path) -> None:
    nat = load_national()
    sc = tmp_path / "bad.toml"
    sc.write_text(
        'deadline = "R7.13"\nplans = ["../national.toml", "ube.toml"]\n[shift]\n"spec.grp2" = "+6m"\ncloud = "soon"\n',
        "utf-8",
    )
    with pytest.raises(ScenarioError) as ei:
        load_scenario(sc, nat, PLANS)
    got = {(p.place.line, p.code) for p in ei.value.problems}
    assert got == {(1, "E004"), (2, "E008"), (4, "E005"), (5, "E008")}
    outside = next(p for p in ei.value.problems if p.place.line == 2)
    assert "outside" in outside.words.en and outside.place.col > 1


def test_cli_json_and_exit_codes(shipped, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    assert main(["what-if", "--deadline", "R7.3", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["plans_gaining"] == 18
    assert {p["file"] for p in out["plans"]} == _files([k for k in GO_LIVE if k != "tabuse"])
    assert main(["what-if", "--shift", "spec.grup2=+6m"]) == 2
    assert "spec.group2" in capsys.readouterr().err
    assert main(["what-if"]) == 2
    sc = tmp_path / "s.toml"
    sc.write_text('plans = ["hikari.toml", "ube.toml"]\n[shift]\n"spec.group2" = 6\n', "utf-8")
    assert main(["what-if", "--scenario", str(sc), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "plans/hikari.toml" in text and "1 of 2 plans gain findings" in text


# -- the app's what-if mode (Pilot) ------------------------------------------------------


def _open_whatif(app):  # type: ignore[no-untyped-def]
    from tui.app.screens.whatif import WhatIfScreen

    if "what_if" in {b.action for bs in app._bindings.key_to_bindings.values() for b in bs}:
        return "w"  # the app's own key
    app.push_screen(WhatIfScreen(app.ws, lang=app.lang))
    return None


@pytest.mark.app
def test_app_what_if_mode_shifts_the_selected_milestone_live(tmp_path: Path) -> None:
    import asyncio

    from app_helpers import app_on, copy_plans
    from textual.widgets import DataTable

    from tui.app.screens.whatif import WhatIfScreen

    folder = copy_plans(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml")}

    async def run() -> None:
        app = app_on(folder)
        async with app.run_test(size=(140, 44)) as pilot:
            await pilot.pause()
            key = _open_whatif(app)
            if key:
                await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WhatIfScreen)
            targets_table = screen.query_one("#wi-targets", DataTable)
            plans_table = screen.query_one("#wi-plans", DataTable)
            assert plans_table.row_count == 0  # nothing moved yet
            # select the deadline and move it 12 months earlier, a month at a time
            targets_table.move_cursor(row=screen.ids.index("deadline"))
            await pilot.pause()
            for _ in range(12):
                await pilot.press("left")
            await pilot.pause()
            assert screen.shifts == {"deadline": -12}
            assert str(targets_table.get_cell("deadline", "after")) == "R7.3"
            affected = {str(plans_table.get_row_at(i)[0]) for i in range(plans_table.row_count)}
            # as the command line: every go-live after R7.3 breaks, all but 田布施町 (R6.12)
            assert len(affected) == 18 and "田布施町" not in affected
            assert "PL001" in str(screen.query_one("#wi-detail").render())
            # a year later again (shift+right) and every finding is gone
            await pilot.press("shift+right")
            await pilot.pause()
            assert screen.shifts == {} and plans_table.row_count == 0
            # the group-2 spec six months late: 光市 and 山口市 gain PL003
            targets_table.move_cursor(row=screen.ids.index("spec.group2"))
            await pilot.pause()
            for _ in range(6):
                await pilot.press("right")
            await pilot.pause()
            assert {str(plans_table.get_row_at(i)[0]) for i in range(plans_table.row_count)} == {"光市", "山口市"}
            await pilot.press("0")
            await pilot.pause()
            assert plans_table.row_count == 0
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, WhatIfScreen)

    asyncio.run(run())
    assert {p.name: p.read_bytes() for p in folder.glob("*.toml")} == before  # nothing saved


# -- issue 10 item 3: --set, and a bare number in --shift is refused ----------------------


def test_a_bare_number_in_shift_is_a_usage_error_showing_both_forms(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    # it turned vendor_months 12 into 30 (read as a shift by 18)
    assert main(["what-if", "--shift", "vendor_months=18"]) == 2
    err = capsys.readouterr().err
    assert "--shift vendor_months=+18" in err and "--set vendor_months=18" in err
    assert main(["what-if", "--shift", "spec.group2=6", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "--shift spec.group2=+6m" in err and "--set spec.group2=R5.2" in err
    nat = load_national()
    with pytest.raises(ScenarioError):
        parse_shift("vendor_months=18", nat)
    assert parse_shift("vendor_months=+6", nat).months == 6


def test_set_sets_a_scalar_or_a_date(shipped, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    nat = shipped[0]
    shifted, applied = apply_changes(nat, [parse_set("vendor_months=18", nat)])
    assert shifted.vendor_months == 18 and (applied[0].before, applied[0].after) == ("12", "18")
    shifted, applied = apply_changes(nat, [parse_set("deadline=R9.3", nat), parse_set("spec.group2=R5.2", nat)])
    assert str(shifted.deadline) == "R9.3" and [(a.target, a.after, a.delta) for a in applied] == [
        ("deadline", "R9.3", 12),
        ("spec.group2", "R5.2", 6),
    ]
    for bad in (
        "vendor_months=+6",
        "vendor_months=121",
        "vendor_months=999999999999999999999",
        "deadline=+6m",
        "deadline=R99",
        "deadline",
        "nothing=R5.1",
    ):
        with pytest.raises(ScenarioError):
            parse_set(bad, nat)
    monkeypatch.chdir(ROOT)
    # --shift and --set apply in command-line order: set 18, then +6 = 24
    assert main(["what-if", "--set", "vendor_months=18", "--shift", "vendor_months=+6", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["before"], c["after"]) for c in out["changes"]] == [
        ("vendor_months", "12", "18"),
        ("vendor_months", "18", "24"),
    ]
    assert main(["what-if", "--set", "spec.group2=R5.2", "--format", "json"]) == 0
    assert {p["file"] for p in json.loads(capsys.readouterr().out)["plans"]} == _files(["hikari", "yamaguchi"])


def test_shift_amounts_are_bounded(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    nat = load_national()
    assert parse_shift("cloud=+240m", nat).months == 240
    with pytest.raises(ScenarioError, match="240"):
        parse_shift("cloud=+999y", nat)


# -- issue 11 item 11: every number of a scenario file is bounded ---------------------------


def test_scenario_numbers_are_bounded_with_their_place(tmp_path: Path) -> None:
    nat = load_national()
    sc = tmp_path / "big.toml"
    sc.write_text(
        'vendor_months = 121\n[shift]\n"spec.group2" = 999999999999999999999\ncloud = "+999y"\n[set]\nvendor_months = -1\n',
        "utf-8",
    )
    with pytest.raises(ScenarioError) as ei:
        load_scenario(sc, nat, PLANS)
    got = sorted((p.place.line, p.code) for p in ei.value.problems)
    assert got == [(1, "E008"), (3, "E008"), (4, "E008"), (6, "E008")]
    big = next(p for p in ei.value.problems if p.place.line == 3)
    assert big.place.col == 17 and "-240" in big.words.en
    ok = tmp_path / "ok.toml"
    ok.write_text('[shift]\n"spec.group2" = -240\ncloud = "+20y"\n[set]\nvendor_months = 120\n', "utf-8")
    assert [(c.target, c.months, c.value) for c in load_scenario(ok, nat, PLANS).changes] == [
        ("spec.group2", -240, None),
        ("cloud", 240, None),
        ("vendor_months", None, 120),
    ]


# -- issue 10 item 4: two findings of one rule, phase and business are two ------------------


def _go_live_plan(tmp_path: Path, migration: str):  # type: ignore[no-untyped-def]
    f = tmp_path / "town.toml"
    f.write_text(
        'municipality = "試験町"\nsurveyed = "R3.12"\n[phases]\ngovernance = "R4.4"\ncurrent_survey = "R4.6"\n'
        f'fit_gap = "R4.9"\nmigration_plan = "R4.10"\nvendor_selection = "R4.11"\nmigration = "{migration}"\n',
        "utf-8",
    )
    plans, problems, _ = load_plans(discover([f]), load_national())
    assert not problems
    return plans


def test_two_findings_of_one_key_are_counted_as_two(tmp_path: Path) -> None:
    nat = load_national()
    as_of = evaluation_month(nat, None)
    plans = _go_live_plan(tmp_path, "R5.6")  # after the cloud (R5.4), before group-2 packages (R5.8)
    res = what_if(plans, nat, [Change("cloud", months=3)], as_of)  # the cloud at R5.7: a second PL004
    (d,) = res.diffs
    assert [f.code for f in d.gained] == ["PL004"] and "R5.7" in d.gained[0].words.en and not d.lost
    c = res.counts()
    assert c["findings_after"] - c["findings_before"] == c["gained"] - c["lost"] == 1


@pytest.mark.parametrize(
    "changes",
    [
        ["cloud=+3m"],
        ["cloud=-3m"],
        ["spec.group2=+6m", "cloud=+12m"],
        ["vendor.group2=+18m", "cloud=+21m"],
        ["deadline=-1y"],
        ["spec.group2=-6m", "vendor.group2=-6m"],
        ["deadline=-2y", "cloud=+24m"],
    ],
)
def test_per_plan_counts_add_up_to_the_totals(shipped, tmp_path: Path, changes: list[str]) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    plans = plans + _go_live_plan(tmp_path, "R5.6")
    res = what_if(plans, nat, [parse_shift(s, nat) for s in changes], as_of)
    c = res.counts()
    assert sum(len(d.gained) - len(d.lost) for d in res.diffs) == c["findings_after"] - c["findings_before"]
    for plan in plans:  # and plan by plan
        before, after = (
            findings_of(plan, nat, as_of),
            findings_of(plan, apply_changes(nat, [parse_shift(s, nat) for s in changes])[0], as_of),
        )
        d = next((d for d in res.diffs if d.file == plan.file), None)
        assert (len(d.gained) - len(d.lost) if d else 0) == len(after) - len(before)


# -- issue 12 item 6: how many broken plans can be re-planned, safely or not ----------------


def _fixed(plan, shifted, as_of, proposal):  # type: ignore[no-untyped-def]
    """The plan with its proposal's edits applied to its text (by line and column), re-read,
    and its findings against the shifted timeline."""
    from model.core.plan_reader import parse_plan_bytes

    lines = (ROOT / plan.file).read_text("utf-8").splitlines(keepends=True)
    for e in sorted(proposal.edits, key=lambda e: (e.line, -e.col)):
        text = lines[e.line - 1]
        start = e.col  # the value's column is its opening quote
        assert text[start : start + len(e.old)] == e.old, (text, e)
        lines[e.line - 1] = text[:start] + e.new + text[start + len(e.old) :]
    parsed = parse_plan_bytes("".join(lines).encode("utf-8"), plan.file, shifted)
    assert not parsed.problems
    return findings_of(parsed.plan, shifted, as_of)


def test_what_if_says_how_the_broken_plans_can_be_replanned(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from model.analysis.whatif import SCHEDULE_RULES

    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    change = [parse_shift("spec.group2=+6m", nat)]
    res = what_if(plans, nat, change, as_of, replan=True)
    rp = res.replans
    assert set(rp.proposals) == _files(["hikari", "yamaguchi"])  # the two that gain PL003
    assert rp.counts() == {
        "broken": 2,
        "safe": 2,
        "unsafe": 0,
        "moves_go_live": 0,
        "extended": 0,
        "infeasible": 0,
        "unchanged": 0,
    }
    assert (
        rp.summary()("ja") == "第2グループ 標準仕様書 6か月遅れ: 2計画が破綻、2計画とも移行完了を動かさずに再計画可能"
    )
    assert (
        rp.summary()("en")
        == "Group 2 spec 6 months later: 2 plans break; both can be re-planned without moving a go-live"
    )
    shifted = apply_changes(nat, change)[0]
    by_file = {p.file: p for p in plans}
    for file, proposal in rp.proposals.items():  # safe: the go-live stays, no schedule finding is left
        assert all(e.phase != "migration" for e in proposal.edits)
        left = _fixed(by_file[file], shifted, as_of, proposal)
        assert not [f for f in left if f.code in SCHEDULE_RULES]
    assert what_if(plans, nat, change, as_of).replans is None  # only when asked


def test_an_earlier_deadline_can_be_replanned_only_unsafely(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nat, plans, as_of = shipped
    monkeypatch.chdir(ROOT)
    res = what_if(plans, nat, [deadline_change("R7.3")], as_of, replan=True)
    rp = res.replans
    assert set(rp.proposals) == _files([k for k in GO_LIVE if k != "tabuse"])
    assert rp.counts()["moves_go_live"] == 18 == rp.counts()["unsafe"]
    deadline = parse("R7.3").hi
    assert all(new <= deadline for p in rp.proposals.values() for _, _, new in p.go_lives)
    assert (
        rp.summary()("ja")
        == "移行期限 12か月早まる: 18計画が破綻、18計画すべて安全でない再計画のみ可能(移行完了を動かす)"
    )
    # two years earlier: 6 can move their go-live, the rest need an extended deadline (上関町
    # and 山口市 among them: their dates fit, only the deadline does not)
    rp = what_if(plans, nat, [parse_set("deadline=R6.3", nat)], as_of, replan=True).replans
    c = rp.counts()
    assert (c["broken"], c["moves_go_live"], c["extended"], c["unchanged"]) == (19, 6, 13, 0)
    assert rp.proposals["plans/kaminoseki.toml"].safety == "extended"
    assert (
        rp.summary()("en")
        == "Deadline 24 months earlier: 19 plans break; all 19 can be re-planned only unsafely (6 moving a go-live, 13 needing an extended deadline)"
    )


def test_only_plans_gaining_schedule_findings_are_replanned() -> None:
    from model.analysis.whatif import PlanDiff, broken_files
    from model.checks.finding import Finding
    from model.core.errors import Place
    from model.core.severity import Severity
    from model.core.words import Words

    def f(code: str) -> Finding:
        return Finding(code, Severity.WARNING, True, Place("a.toml", 1, 1), "町", "migration", None, Words("", ""))

    diffs = [
        PlanDiff("a.toml", "町", gained=[f("PL007"), f("PL008")]),
        PlanDiff("b.toml", "町", gained=[f("PL005")]),
        PlanDiff("c.toml", "町", lost=[f("PL001")]),
    ]
    assert broken_files(diffs) == ["b.toml"]


def test_cli_prints_the_replan_line_and_json_carries_it(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    assert main(["what-if", "--shift", "spec.group2=+12m"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(
        "第2グループ 標準仕様書 12か月遅れ: 6計画が破綻、うち5計画は移行完了を動かさずに再計画可能、1計画は安全でない再計画のみ可能(移行完了を動かす)"
    )
    assert "plans/tabuse.toml 田布施町  +1 −0  再計画: 移行完了が動く" in out
    assert main(["what-if", "--shift", "spec.group2=+12m", "--format", "json", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["replan"]["broken"] == 6 and out["replan"]["summary"].startswith(
        "Group 2 spec 12 months later: 6 plans break"
    )
    tabuse = next(p for p in out["plans"] if p["file"] == "plans/tabuse.toml")
    assert tabuse["replan"]["safety"] == "unsafe" and tabuse["replan"]["chain"]
    hirao = next(p for p in out["plans"] if p["file"] == "plans/hirao.toml")
    assert hirao["replan"] is None  # only a severity change (~1), no schedule finding gained
