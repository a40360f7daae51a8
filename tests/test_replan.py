"""The re-planner: one consistent schedule per plan, exact, with the fewest changes."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.checks.engine import lint_plan
from model.checks.graph import build
from model.core.dates import PlanDate, Precision, Style, month_of
from model.core.errors import Problems
from model.core.national import load_national
from model.core.plan_reader import parse_plan, parse_plan_bytes, read_plan
from model.render.fixes import apply_edits
from model.replan.problem import LOW, Budget, Gap, Problem, Slot, build_problem
from model.replan.proposal import Safety, replan
from model.replan.solver import solve

ROOT = Path(__file__).resolve().parents[1]
NAT = load_national(ROOT / "plans" / "national.toml")
AS_OF = NAT.evaluation_date
SCHEDULE = {"PL001", "PL002", "PL003", "PL004", "PL005", "PL006"}
SEED = sorted(p for p in (ROOT / "plans").glob("*.toml") if p.name != "national.toml")


def _fixed(text: str, file: str = "t.toml", unsafe: bool = True) -> tuple[str, object]:
    problems = Problems(file)
    plan = parse_plan(text, file, NAT, problems)
    assert plan is not None, [p.text("en") for p in problems.items]
    pr = replan(plan, NAT, AS_OF)
    return apply_edits(text, pr.edits), pr


def _schedule_findings(text: str, file: str = "t.toml") -> list:  # type: ignore[type-arg]
    res = parse_plan_bytes(text.encode(), file, NAT)
    assert res.plan is not None, [p.text("en") for p in res.problems]
    return [f for f in lint_plan(res.plan, NAT, AS_OF) if f.code in SCHEDULE]


@pytest.mark.parametrize("path", SEED, ids=lambda p: p.stem)
def test_every_seed_plan_is_fixed_and_only_date_values_change(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out, _ = _fixed(text, f"plans/{path.name}")
    assert _schedule_findings(out, f"plans/{path.name}") == []
    before, after = text.splitlines(), out.splitlines()
    assert len(before) == len(after)
    for a, b in zip(before, after, strict=True):
        if a != b:  # only the value between the quotes changed; the comment stays in its column
            assert a.split("=")[0] == b.split("=")[0]
            if "#" in a:
                assert a.index("#") == b.index("#")
    # a fixed plan needs no further fix (idempotence)
    assert _fixed(out, f"plans/{path.name}")[1].edits == ()  # type: ignore[attr-defined]


def test_the_seed_fixes_are_safe_and_keep_every_go_live() -> None:
    for path in SEED:
        plan = read_plan(path, NAT).plan
        assert plan is not None
        pr = replan(plan, NAT, AS_OF)
        assert pr.safety in (Safety.NONE, Safety.SAFE), (plan.municipality, pr)
        assert all(e.phase != "migration" for e in pr.edits)


def test_ube_moves_its_fit_gap_not_its_go_live() -> None:
    plan = read_plan(ROOT / "plans" / "ube.toml", NAT).plan
    assert plan is not None
    pr = replan(plan, NAT, AS_OF)
    got = {e.phase: (e.old, e.new) for e in pr.edits}
    assert got["fit_gap"] == ("R6.3", "R5.9") and "migration" not in got


HEAD = 'municipality = "検証町"\nsurveyed = "R3.12"\n[phases]\n'


def test_the_three_cases_of_the_issue_are_cleared() -> None:
    cases = {
        # 周南市: the plan cannot finish earlier than its fit-gap; both move
        "shunan": 'governance = "R4.4"\ncurrent_survey = "R4.9"\nfit_gap = "R7.6"\nmigration_plan = "R7.6"\nvendor_selection = "現行ベンダで標準化"\nmigration = "R8.3"\n',
        # 宇部市: an earlier fit-gap, not a later plan (which the budget cycle forbids)
        "ube": 'governance = "R4.10"\ncurrent_survey = "R4.9"\nfit_gap = "R6.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\nmigration = "R8.3"\n',
        # 下松市: R7.3 alone would be a budget-cycle finding; the plan moves too
        "kudamatsu": 'governance = "R4.10"\ncurrent_survey = "R4.12"\nfit_gap = "R5.11"\nmigration_plan = "R6.3"\nvendor_selection = "R7.4"\nmigration = "R8.3"\n',
    }
    for name, body in cases.items():
        text = HEAD + body
        assert _schedule_findings(text), name
        out, pr = _fixed(text)
        assert _schedule_findings(out) == [], (name, out)
        assert pr.safety is Safety.SAFE  # type: ignore[attr-defined]


def test_done_phases_never_move() -> None:
    text = (
        HEAD
        + 'governance = "完了"\ncurrent_survey = "R4.9"\nfit_gap = "R6.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\nmigration = "R8.3"\n[status]\nfit_gap = "done"\n'
    )
    _, pr = _fixed(text)
    assert all(e.phase not in ("governance", "fit_gap") for e in pr.edits)  # type: ignore[attr-defined]


def test_an_unsafe_fix_moves_the_go_live_and_states_the_chain() -> None:
    # 戸籍 selects its vendor R7.11: 12 months cannot fit before R8.3, and as of R7.10 the
    # selection cannot move earlier than R7.10; its extended deadline R10.3 leaves room
    text = (
        HEAD
        + 'governance = "R4.4"\ncurrent_survey = "R4.9"\nfit_gap = "R5.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\nmigration = "R8.3"\n[business.koseki]\nvendor_selection = "R7.11"\nmigration = "R8.3"\nextended_deadline = "R10.3"\n'
    )
    problems = Problems("t.toml")
    plan = parse_plan(text, "t.toml", NAT, problems)
    assert plan is not None, problems.items
    pr = replan(plan, NAT, month_of(2025, 10))
    assert pr.safety is Safety.UNSAFE
    # the least delay first: the selection moves to the evaluation month, the go-live to R8.10
    assert [(e.business, e.phase, e.old, e.new) for e in pr.edits] == [
        ("koseki", "vendor_selection", "R7.11", "R7.10"),
        ("koseki", "migration", "R8.3", "R8.10"),
    ]
    assert pr.chain is not None
    assert pr.chain("ja") == "評価日 R7.10 → 戸籍のベンダ選定 ≥ R7.10 → 戸籍の移行完了 ≥ R8.10"
    # without the extended deadline the go-live needs one (特定移行支援システム)
    plan = parse_plan(text.replace('extended_deadline = "R10.3"\n', ""), "t.toml", NAT, Problems("t.toml"))
    assert plan is not None
    assert replan(plan, NAT, month_of(2025, 10)).safety is Safety.EXTENDED


def test_no_schedule_within_the_limit_is_infeasible_with_a_chain() -> None:
    text = (
        HEAD
        + 'governance = "R4.4"\ncurrent_survey = "R4.9"\nfit_gap = "R5.3"\nmigration_plan = "R5.9"\nvendor_selection = "R12.8"\nmigration = "R13.1"\n'
    )
    plan = parse_plan(text, "t.toml", NAT, Problems("t.toml"))
    assert plan is not None
    pr = replan(plan, NAT, month_of(2030, 6))  # R12.6: R12.8 + 12 months is past the limit R13.3
    assert pr.safety is Safety.INFEASIBLE and pr.chain is not None
    assert pr.chain("ja") == "評価日 R12.6 → ベンダ選定 ≥ R12.6 → 移行完了 ≥ R13.6"
    assert pr.edits == ()


# -- exactness: the MILP against brute force on small problems ----------------------


def _slot(i: int, lo: int, hi: int) -> Slot:
    d = PlanDate(LOW + lo, LOW + hi, Precision.MONTH if lo == hi else Precision.FISCAL_YEAR, Style.ERA, "x")
    return Slot((None, f"p{i}"), d, False, False)


@st.composite
def small_problems(draw: st.DrawFn) -> Problem:
    n = draw(st.integers(2, 3))
    slots = {}
    for i in range(n):
        lo = draw(st.integers(4, 16))
        hi = lo + draw(st.sampled_from([0, 0, 0, 2]))
        s = _slot(i, lo, hi)
        slots[s.key] = s
    keys = list(slots)
    gaps: list[Gap] = []
    for a, b in itertools.pairwise(keys):
        gaps.append(Gap(a, b, draw(st.integers(0, 4)), "PL002", ("phase", None, a[1])))
    if draw(st.booleans()):
        gaps.append(Gap(LOW + draw(st.integers(4, 16)), keys[0], 0, "PL003", ("national", None, "spec.group2")))
    if draw(st.booleans()):
        gaps.append(Gap(keys[-1], LOW + draw(st.integers(10, 22)), 0, "PL001", ("national", None, "deadline")))
    budgets = [Budget(keys[-1], keys[-2])] if draw(st.booleans()) else []
    return Problem(plan=None, slots=slots, gaps=gaps, budgets=budgets, budget_month=10, as_of=None)  # type: ignore[arg-type]


def _brute(pb: Problem) -> tuple[int, int] | None:
    """(changed, moved) of the best assignment: each slot as written or one month in range."""
    keys = list(pb.slots)
    options = [
        [(s.lo0, s.hi0)] + [(m, m) for m in range(LOW, LOW + 30) if (m, m) != (s.lo0, s.hi0)] for s in pb.slots.values()
    ]
    best = None
    for choice in itertools.product(*options):
        lo = {k: c[0] for k, c in zip(keys, choice, strict=True)}
        hi = {k: c[1] for k, c in zip(keys, choice, strict=True)}
        ok = all(
            (g.dst if isinstance(g.dst, int) else lo[g.dst]) - (g.src if isinstance(g.src, int) else hi[g.src])
            >= g.months
            for g in pb.gaps
        )
        for b in pb.budgets:
            fy = (lo[b.vendor] - 3) // 12
            ok = ok and hi[b.plan] <= 12 * (fy - 1) + pb.budget_month - 1
        if not ok:
            continue
        changed = sum(1 for k, c in zip(keys, choice, strict=True) if c != (pb.slots[k].lo0, pb.slots[k].hi0))
        moved = sum(max(0, lo[k] - pb.slots[k].hi0, pb.slots[k].lo0 - hi[k]) for k in keys)
        if best is None or (changed, moved) < best:
            best = (changed, moved)
    return best


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_solver_finds_the_brute_force_optimum(pb: Problem) -> None:
    sol = solve(pb)
    best = _brute(pb)
    if best is None:
        assert sol is None
        return
    assert sol is not None
    assert (len(sol.changed), sol.moved) == best
    # and the schedule meets every constraint
    for g in pb.gaps:
        a = g.src if isinstance(g.src, int) else sol.hi[g.src]
        b = g.dst if isinstance(g.dst, int) else sol.lo[g.dst]
        assert b - a >= g.months


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["R4.4", "R4.9", "R4.12", "R5.3", "R5.9", "R6.3", "R6.6", "R6", "R5", "R7.4", "R7.10"]),
        min_size=5,
        max_size=5,
    ),
    st.sampled_from(["R8.3", "R7.12", "R8.1"]),
)
def test_a_fixed_plan_has_no_schedule_finding_and_needs_no_second_fix(dates: list[str], go_live: str) -> None:
    body = "".join(
        f'{k} = "{v}"  # note\n'
        for k, v in zip(
            ["governance", "current_survey", "fit_gap", "migration_plan", "vendor_selection"], dates, strict=True
        )
    )
    text = "# a comment line\n" + HEAD + body + f'migration = "{go_live}"\n'
    out, pr = _fixed(text)
    if pr.safety in (Safety.NONE, Safety.SAFE, Safety.UNSAFE):  # type: ignore[attr-defined]
        assert _schedule_findings(out) == []
        assert _fixed(out)[1].edits == ()  # type: ignore[attr-defined]
    assert [ln for ln in out.splitlines() if ln.lstrip().startswith("#")] == [
        ln for ln in text.splitlines() if ln.lstrip().startswith("#")
    ]
    assert [ln.split("=")[0] for ln in out.splitlines()] == [ln.split("=")[0] for ln in text.splitlines()]


def test_a_problem_is_built_from_the_graph_with_every_link() -> None:
    plan = read_plan(ROOT / "plans" / "ube.toml", NAT).plan
    assert plan is not None
    pg = build(plan, NAT)
    pb = build_problem(pg, NAT, AS_OF, move_go_lives=False)
    assert len(pb.slots) == 6 and pb.budgets and any(isinstance(g.dst, int) for g in pb.gaps)


def test_a_copy_of_the_seed_round_trips(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    for path in sorted((tmp_path / "plans").glob("*.toml")):
        if path.name == "national.toml":
            continue
        text = path.read_text(encoding="utf-8")
        out, _ = _fixed(text, path.name)
        path.write_text(out, encoding="utf-8")
        assert _schedule_findings(out, path.name) == []
