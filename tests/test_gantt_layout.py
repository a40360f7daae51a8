"""The Gantt layout (model/render/gantt/): rows, bars, uncertain spans, lanes, lines, zoom maths."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.core.dates import fiscal_year_interval, month_of, parse
from model.core.national import National
from model.core.plan import Plan
from model.core.plan_reader import parse_plan_bytes
from model.project.lint import lint_paths, lint_plan
from model.render import gantt as tl
from model.render.gantt import Zoom

ROOT = Path(__file__).resolve().parents[1]


def plan_of(text: str, nat: National, file: str = "t.toml") -> Plan:
    res = parse_plan_bytes(text.encode(), file, nat)
    assert res.plan is not None, [p.words.en for p in res.problems]
    return res.plan


def layout_of(text: str, nat: National) -> tl.GanttLayout:
    plan = plan_of(text, nat)
    as_of = nat.evaluation_date
    assert as_of is not None
    return tl.build(plan, nat, lint_plan(plan, nat, as_of), as_of=as_of)


BASE = """
municipality = "試験町"
surveyed = "R3.12"
[phases]
governance = "{gov}"
current_survey = "R4.9"
fit_gap = "R5.3"
migration_plan = "R5.9"
vendor_selection = "{vs}"
migration = "{mig}"
"""


def m(text: str) -> int:
    return parse(text).lo


@pytest.fixture(scope="module")
def shipped() -> tuple[National, list[tl.GanttLayout]]:
    res = lint_paths([ROOT / "plans"])
    tls = [
        tl.build(p, res.national, [f for f in res.findings if f.municipality == p.municipality], as_of=res.as_of)
        for p in res.plans
    ]
    return res.national, tls


def test_every_shipped_plan_has_every_national_lane_and_six_phases(
    shipped: tuple[National, list[tl.GanttLayout]],
) -> None:
    nat, tls = shipped
    assert len(tls) == 19
    for t in tls:
        ids = [r.id for r in t.rows()]
        assert ids[:2] == ["policy", "cloud"]
        assert {f"group.{g}" for g in nat.groups} <= set(ids)
        assert [r.phase for r in t.phases] == [p.id for p in nat.phases]
        # the chart covers the national timeline and the deadline
        assert t.start <= min(g.spec.lo for g in nat.groups.values())
        assert t.end >= nat.deadline.hi
        assert t.start % 12 == 3 and t.end % 12 == 2  # April .. March


def test_group_lane_is_spec_then_vendor_development(national: National) -> None:
    rows = {r.id: r for r in tl.national_rows(national)}
    for g in national.groups.values():
        r = rows[f"group.{g.id}"]
        spec = next(mk for mk in r.marks if mk.id == f"spec.{g.id}")
        assert spec.month == g.spec.hi
        (dev,) = r.spans
        assert dev.kind == "vendor"
        assert dev.lo == g.spec.hi + 1
        assert dev.hi == g.spec.hi + national.vendor_months
    cloud = rows["cloud"]
    assert any(s.kind == "pilot" for s in cloud.spans)
    assert any(mk.id == "cloud" and mk.month == m("R5.4") for mk in cloud.marks)
    policy = rows["policy"]
    assert {mk.id for mk in policy.marks} == {x.id for x in national.milestones if x.lane == "policy"}


def test_month_bars_run_from_the_previous_completion(national: National) -> None:
    t = layout_of(BASE.format(gov="R4.6", vs="R6.6", mig="R8.3"), national)
    rows = {r.phase: r for r in t.phases}
    # the first phase starts at the survey
    assert rows["governance"].spans == (tl.Span(m("R3.12"), m("R4.6"), "work"),)
    assert rows["current_survey"].spans == (tl.Span(m("R4.7"), m("R4.9"), "work"),)
    assert rows["migration"].spans == (tl.Span(m("R6.7"), m("R8.3"), "work"),)
    assert rows["migration"].date_text == "R8.3"


def test_a_phase_before_its_predecessor_is_one_month_and_in_conflict(national: National) -> None:
    t = layout_of(BASE.format(gov="R4.10", vs="R6.6", mig="R8.3"), national)  # survey R4.9 < R4.10
    r = next(r for r in t.phases if r.phase == "current_survey")
    assert r.spans == (tl.Span(m("R4.9"), m("R4.9"), "work"),)
    assert r.severity is not None
    assert "PL002" in r.codes


def test_year_only_completion_is_an_uncertain_twelve_months(national: National) -> None:
    t = layout_of(BASE.format(gov="R4.6", vs="R6", mig="R8.3"), national)
    r = next(r for r in t.phases if r.phase == "vendor_selection")
    lo, hi = fiscal_year_interval(2024)
    assert r.spans == (tl.Span(m("R5.10"), lo - 1, "work"), tl.Span(lo, hi, "uncertain"))
    assert hi - lo + 1 == 12
    # the next phase starts after the earliest possible completion
    mig = next(r for r in t.phases if r.phase == "migration")
    assert mig.spans[0].lo == lo + 1
    # painted: 24 light cells at month zoom, distinct from the solid glyph
    cells = tl.paint(r, t.scale(Zoom.MONTH), t.lines)
    kinds = [c.kind for c in cells]
    assert kinds.count("uncertain") == 24
    assert tl.GLYPH["uncertain"] != tl.GLYPH["work"]
    assert tl.cells_text(cells).count(tl.GLYPH["uncertain"]) == 24


def test_done_phases_are_distinct(national: National) -> None:
    text = BASE.format(gov="完了", vs="R6.6", mig="R8.3") + '[status]\ncurrent_survey = "done"\n'
    t = layout_of(text, national)
    rows = {r.phase: r for r in t.phases}
    assert rows["governance"].done and rows["governance"].spans[-1].kind == "done"
    assert rows["governance"].spans[-1].hi == m("R3.12")  # done by the survey
    assert rows["current_survey"].done and rows["current_survey"].spans == (tl.Span(m("R4.1"), m("R4.9"), "done"),)
    assert not rows["fit_gap"].done and rows["fit_gap"].spans[0].kind == "work"


def test_not_applicable_vendor_selection_has_no_bar_but_its_words(national: National) -> None:
    t = layout_of(BASE.format(gov="R4.6", vs="現行ベンダで標準化", mig="R8.3"), national)
    r = next(r for r in t.phases if r.phase == "vendor_selection")
    assert r.na and r.spans == ()
    assert r.anchor == m("R5.10")
    sc = t.scale(Zoom.MONTH)
    text = tl.cells_text(tl.paint(r, sc, t.lines))
    assert "現行ベンダで標準化" in text
    assert text.index("現") == sc.col(m("R5.10"))


def test_conflict_severity_and_slack(national: National) -> None:
    t = layout_of(BASE.format(gov="R4.6", vs="R7.6", mig="R8.9"), national)
    mig = next(r for r in t.phases if r.phase == "migration")
    assert mig.severity == "error" and mig.certain
    assert mig.codes[0] == "PL001"
    assert mig.slack == m("R8.3") - m("R8.9")  # six months late
    ok = layout_of(BASE.format(gov="R4.6", vs="R6.6", mig="R7.9"), national)
    mig_ok = next(r for r in ok.phases if r.phase == "migration")
    assert mig_ok.severity is None
    assert mig_ok.slack == 6
    cells = tl.paint(mig_ok, ok.scale(Zoom.MONTH), ok.lines)
    text = tl.cells_text(cells)
    end = ok.scale(Zoom.MONTH).cols(m("R7.9"), m("R7.9"))[1]
    assert text[end : end + 2] == "+6"


def test_per_business_rows_and_extended_deadline(national: National) -> None:
    text = (
        BASE.format(gov="R4.6", vs="R6.6", mig="R8.3")
        + '[business.koseki]\nmigration = "R10.3"\nextended_deadline = "R13.3"\n'
    )
    t = layout_of(text, national)
    mig = next(r for r in t.phases if r.phase == "migration")
    assert mig.children == 1
    assert [r.id for r in t.businesses["migration"]] == ["phase.migration.koseki"]
    assert "phase.migration.koseki" not in [r.id for r in t.rows()]
    assert "phase.migration.koseki" in [r.id for r in t.rows(["migration"])]
    assert "phase.migration.koseki" in [r.id for r in t.rows(True)]
    k = t.row("migration", "koseki")
    assert k is not None and k.depth == 1 and k.business == "koseki"
    assert k.spans[-1].hi == m("R10.3")
    kinds = {ln.kind: ln for ln in t.lines}
    assert kinds["extended"].month == m("R13.3")
    assert kinds["deadline"].month == m("R8.3")
    assert kinds["evaluation"].month == national.evaluation_date
    assert t.end >= m("R13.3")


def test_zoom_maths(national: National) -> None:
    t = tl.national_layout(national)
    months = t.end - t.start + 1
    assert months % 12 == 0
    widths = {z: t.scale(z).width - t.scale(z).margin for z in Zoom}
    assert widths[Zoom.MONTH] == months * 2
    assert widths[Zoom.QUARTER] == months // 3 * 2
    assert widths[Zoom.YEAR] == months // 12 * 4
    for z in Zoom:
        sc = t.scale(z)
        cols = [sc.col(x) for x in range(t.start, t.end + 1)]
        assert cols == sorted(cols) and cols[0] == 0
        for x in range(t.start, t.end + 1):
            first = sc.month_at(sc.col(x))
            assert first is not None and first <= x < first + sc.unit
        assert sc.month_at(sc.width - 1) is None  # the margin
    assert tl.zoom_in(Zoom.YEAR) is Zoom.QUARTER and tl.zoom_in(Zoom.MONTH) is Zoom.MONTH
    assert tl.zoom_out(Zoom.MONTH) is Zoom.QUARTER and tl.zoom_out(Zoom.YEAR) is Zoom.YEAR


def test_deadline_column_is_the_end_of_march(national: National) -> None:
    t = tl.national_layout(national)
    deadline = next(ln for ln in t.lines if ln.kind == "deadline")
    assert deadline.month == month_of(2026, 3)
    m_sc, q_sc, y_sc = (t.scale(z) for z in (Zoom.MONTH, Zoom.QUARTER, Zoom.YEAR))
    assert m_sc.line_col(deadline) == m_sc.col(deadline.month) + 1
    assert q_sc.line_col(deadline) == q_sc.col(deadline.month) + 1  # the quarter's last cell
    assert y_sc.line_col(deadline) == y_sc.col(deadline.month) + 3  # the year's last cell
    ev = next(ln for ln in t.lines if ln.kind == "evaluation")
    assert m_sc.line_col(ev) == m_sc.col(ev.month)
    # drawn in every row where the row is free
    for r in t.rows():
        cells = tl.paint(r, m_sc, t.lines)
        assert cells[m_sc.line_col(deadline)].kind in ("deadline", "available", "vendor", "mark", "ready", "pilot")


def test_fiscal_year_headers(national: National) -> None:
    t = tl.national_layout(national)
    years = t.scale(Zoom.MONTH).years("ja")
    assert years[0].label == f"R{(t.start // 12) - 2018}年度"
    assert all(h.width == 24 for h in years)
    assert [h.col for h in years] == [24 * i for i in range(len(years))]
    assert t.scale(Zoom.YEAR).years("ja")[0].label == f"R{(t.start // 12) - 2018}"
    assert t.scale(Zoom.MONTH).years("en")[0].label == f"FY{t.start // 12}"
    units = t.scale(Zoom.MONTH).units()
    assert [u.label for u in units[:6]] == ["4", "6", "8", "10", "12", "2"]
    assert [u.col for u in units[:3]] == [0, 4, 8]
    assert [u.label for u in t.scale(Zoom.QUARTER).units()[:4]] == ["Q1", "Q2", "Q3", "Q4"]
    assert t.scale(Zoom.YEAR).units() == []


def test_fit_counts_wide_characters() -> None:
    assert tl.fit("移行完了", 10) == "移行完了  "
    assert tl.text_width(tl.fit("標準仕様との比較分析", 9)) == 9
    assert tl.fit("標準仕様との比較分析", 9).endswith("…")


def test_compact_national_merges_the_spec_groups(national: National) -> None:
    t = tl.national_layout(national)
    full = t.rows(national="full")
    compact = t.rows(national="compact")
    assert [r.id for r in compact] == ["policy", "cloud", "specs"]
    specs = compact[-1]
    groups = [r for r in full if r.kind == "group"]
    assert len(groups) == len(national.groups)
    assert sorted((s.lo, s.hi) for s in specs.spans) == sorted((s.lo, s.hi) for r in groups for s in r.spans)
    assert {m.id for m in specs.marks} == {m.id for r in groups for m in r.marks}
    assert t.rows(national=False) == [] and t.rows(national="off") == []


def test_a_dependency_cycle_has_no_slack_but_a_layout(national: National) -> None:
    text = BASE.format(gov="R4.6", vs="R6.6", mig="R8.3") + '[[depends]]\nphase = "fit_gap"\nafter = "migration"\n'
    t = layout_of(text, national)
    assert [r.phase for r in t.phases] == [p.id for p in national.phases]
    assert all(r.slack is None for r in t.phases)
    assert all(r.spans for r in t.phases)
