"""``plans gantt``: SVG parsed and checked for every municipality and every lane, HTML holds the
SVG, the text chart's rows, selection by name or file stem, unknown names, escaping."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NATIONAL, PLANS, CliResult

from model.analysis.table import ordered
from model.core.national import National
from model.project.lint import lint_paths
from model.render import gantt as tl
from model.render.gantt import chart, svg

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def shipped() -> tuple[National, list[tl.GanttLayout]]:
    res = lint_paths([PLANS])
    tls = [
        tl.build(p, res.national, [f for f in res.findings if f.municipality == p.municipality], as_of=res.as_of)
        for p in res.plans
    ]
    return res.national, tls


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def test_svg_of_all_municipalities_has_every_municipality_and_lane(
    cli: Callable[..., CliResult], tmp_path: Path, shipped: tuple[National, list[tl.GanttLayout]]
) -> None:
    nat, tls = shipped
    out = tmp_path / "all.svg"
    r = cli("gantt", "--format", "svg", "-o", str(out))
    assert r.code == 0, r.err
    assert r.out == ""
    root = parse_svg(out.read_text(encoding="utf-8"))
    # a CJK font family is named
    assert "Noto Sans CJK JP" in root.get("font-family", "")
    assert root.get("font-family", "").rstrip().endswith("sans-serif")
    # every national lane once
    lanes = [g.get("data-row") for g in root.iterfind(".//s:g[@class='lane']", NS)]
    assert lanes.count("policy") == 1 and lanes.count("cloud") == 1
    for gid in nat.groups:
        assert lanes.count(f"group.{gid}") == 1
        lane = root.find(f".//s:g[@data-row='group.{gid}']", NS)
        assert lane is not None
        assert lane.find("s:rect[@class='bar vendor']", NS) is not None  # vendor development
        assert lane.find(f"s:polygon[@data-id='spec.{gid}']", NS) is not None  # the spec release
    # every municipality, with its six phases, as in the layout
    munis = {g.get("data-municipality"): g for g in root.iterfind(".//s:g[@class='municipality']", NS)}
    assert set(munis) == {t.municipality for t in tls}
    assert len(munis) == 19
    for t in tls:
        g = munis[t.municipality]
        phases = [x.get("data-phase") for x in g.iterfind("s:g[@class='phase']", NS)]
        assert phases == [p.id for p in nat.phases]
        for row in t.phases:
            rg = g.find(f"s:g[@data-row='{row.id}']", NS)
            assert rg is not None
            bars = rg.findall("s:rect", NS)
            assert [b.get("class") for b in bars] == [f"bar {s.kind}" for s in row.spans]
            if row.severity:
                assert rg.get("data-severity") == row.severity
            texts = [x.text for x in rg.iterfind("s:text", NS)]
            assert row.text("ja") in texts
            if row.slack is not None:
                assert f"{row.slack:+d}" in texts
    # the deadline and the evaluation date
    kinds = {g.get("data-kind"): g.get("data-month") for g in root.iterfind(".//s:g[@data-kind]", NS)}
    assert kinds["deadline"] == nat.deadline.text
    assert kinds["evaluation"] == "R4.2"


def test_svg_draws_year_only_dates_as_hatched_spans(
    cli: Callable[..., CliResult], shipped: tuple[National, list[tl.GanttLayout]]
) -> None:
    _, tls = shipped
    # the shipped plans that wrote a year-only completion (e.g. vendor_selection = "R5")
    with_fy = [t for t in tls if any(s.kind == "uncertain" for r in t.phases for s in r.spans)]
    assert with_fy
    t = with_fy[0]
    r = cli("gantt", Path(t.file or "").stem)
    assert r.code == 0, r.err
    root = parse_svg(r.out)
    unc = root.findall(".//s:rect[@class='bar uncertain']", NS)
    assert unc and all(b.get("fill", "").startswith("url(#hatch-") for b in unc)
    for b in unc:
        pid = b.get("fill", "")[len("url(#") : -1]
        assert root.find(f".//s:pattern[@id='{pid}']", NS) is not None
    # twelve months wide: the same width as a fiscal year band
    month_w = svg.MONTH_W[tl.Zoom.MONTH]
    assert {float(b.get("width", "0")) for b in unc} == {12 * month_w}
    work = root.findall(".//s:rect[@class='bar work']", NS)
    assert all(not b.get("fill", "").startswith("url(") for b in work)


def test_select_by_name_and_stem_in_the_given_order(cli: Callable[..., CliResult]) -> None:
    r = cli("gantt", "萩市", "ube", "hagi", "--format", "svg")
    assert r.code == 0, r.err
    root = parse_svg(r.out)
    names = [g.get("data-municipality") for g in root.iterfind(".//s:g[@class='municipality']", NS)]
    assert names == ["萩市", "宇部市"]
    assert root.find("s:title", NS) is not None and "萩市" in (root.find("s:title", NS).text or "")  # type: ignore[union-attr]


def test_unknown_municipality_exits_2_with_the_known_names(cli: Callable[..., CliResult]) -> None:
    r = cli("gantt", "ube", "東京都")
    assert r.code == 2
    assert r.out == ""
    assert "東京都" in r.err
    for name in ("宇部市 (ube)", "萩市 (hagi)", "阿武町 (abu)"):
        assert name in r.err
    r_en = cli("gantt", "nowhere", "--lang", "en")
    assert r_en.code == 2 and "unknown municipality: nowhere" in r_en.err


def test_html_embeds_the_svg_with_a_title(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    r = cli("gantt", "ube", "hofu", "--format", "html", "-o", str(out), "--title", "連携会議 資料")
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>連携会議 資料</title>" in html and "<h1>連携会議 資料</h1>" in html
    assert 'charset="utf-8"' in html
    # a picture per block (the handout: tests/test_gantt_handout.py), each a municipality's
    page = ET.fromstring(html)
    names = [g.get("data-municipality") for g in page.iterfind(".//s:g[@class='municipality']", NS)]
    assert names == ["宇部市", "防府市"]


def test_text_chart_rows(cli: Callable[..., CliResult], shipped: tuple[National, list[tl.GanttLayout]]) -> None:
    nat, tls = shipped
    r = cli("gantt", "--format", "txt")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    heads = [ln for ln in lines if ln.startswith("■ ")]
    # in 団体コード order, as the prefecture table
    assert [h[2:].split(" [")[0] for h in heads] == [p.municipality for p in ordered(lint_paths([PLANS]).plans)]
    # each block: six phase rows right after the heading, the date as written on each
    for t in tls:
        i = lines.index(next(h for h in heads if h[2:].split(" [")[0] == t.municipality))
        block = lines[i + 1 : i + 7]
        for row, line in zip(t.phases, block, strict=True):
            assert (row.date_text if not row.na else "—") in line
        mig = next(x for x in t.phases if x.phase == "migration")
        assert tl.GLYPH["work"] in block[-1] or tl.GLYPH["uncertain"] in block[-1]
        if mig.slack is not None:
            assert f"{mig.slack:+d}" in block[-1]
    assert any(tl.GLYPH["uncertain"] in ln for ln in lines)  # a year-only date somewhere
    assert any(tl.GLYPH["deadline"] in ln for ln in lines)
    assert "R3年度" in r.out
    # the national lanes come first, once
    assert sum(ln.startswith("ガバメントクラウド") for ln in lines) == 1
    assert sum(ln.startswith(f"仕様 {g.name.ja} ") for g in nat.groups.values() for ln in lines) == len(nat.groups)


def test_text_chart_in_english(cli: Callable[..., CliResult]) -> None:
    r = cli("gantt", "hagi", "--format", "txt", "--lang", "en", "--zoom", "year")
    assert r.code == 0, r.err
    assert "Go-live" in r.out and "Government Cloud" in r.out and "FY21" in r.out
    assert "移行完了" not in r.out
    r = cli("gantt", "hagi", "--format", "txt", "--lang", "en")
    assert "現行ベンダで標準化" in r.out  # the planner's words stay as written


def test_text_is_escaped(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(NATIONAL, plans / "national.toml")
    (plans / "odd.toml").write_text(
        'municipality = "A&B<町>"\nsurveyed = "R3.12"\n[phases]\ngovernance = "R4.4"\ncurrent_survey = "R4.9"\n'
        'fit_gap = "R5.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6"\nmigration = "R8.3"\n',
        encoding="utf-8",
    )
    for fmt in ("svg", "html"):
        r = cli("gantt", "--plans", str(plans), "--format", fmt)
        assert r.code == 0, r.err
        assert "A&amp;B&lt;町&gt;" in r.out
        root = parse_svg(r.out) if fmt == "svg" else ET.fromstring(r.out)
        assert [g.get("data-municipality") for g in root.iterfind(".//s:g[@class='municipality']", NS)] == ["A&B<町>"]


def test_bad_plan_is_reported_and_the_rest_drawn(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    (plans / "broken.toml").write_text('municipality = "壊れ町"\n[phases]\nmigration = "R8.13"\n', encoding="utf-8")
    r = cli("gantt", "--plans", str(plans), "--format", "txt")
    assert r.code == 2
    assert "broken.toml:3" in r.err
    assert "■ 宇部市" in r.out and "壊れ町" not in r.out


def test_chart_lines_merge_shared_months(national: National) -> None:
    t = tl.national_layout(national)
    ch = chart.chart(t, [t, t])
    kinds = [(ln.kind, ln.month) for ln in ch.lines()]
    assert len(kinds) == len(set(kinds))


def test_business_rows_and_extended_deadline_in_every_format(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(NATIONAL, plans / "national.toml")
    (plans / "ext.toml").write_text(
        'municipality = "延長町"\nsurveyed = "R3.12"\n[phases]\ngovernance = "完了"\ncurrent_survey = "R4.9"\n'
        'fit_gap = "R5.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\nmigration = "R8.3"\n'
        '[business.koseki]\nmigration = "R10.3"\nextended_deadline = "R13.3"\n',
        encoding="utf-8",
    )
    r = cli("gantt", "--plans", str(plans))
    assert r.code == 0, r.err
    root = parse_svg(r.out)
    (g,) = root.iterfind(".//s:g[@class='municipality']", NS)
    biz = g.find("s:g[@class='business']", NS)
    assert biz is not None
    assert (biz.get("data-phase"), biz.get("data-business")) == ("migration", "koseki")
    assert [b.get("data-to") for b in biz.iterfind("s:rect", NS)][-1] == "R10.3"
    # the business row follows its phase row
    rows = [x.get("data-row") for x in g.iterfind("s:g", NS)]
    assert rows.index("phase.migration.koseki") == rows.index("phase.migration") + 1
    kinds = {x.get("data-kind"): x.get("data-month") for x in root.iterfind(".//s:g[@data-kind]", NS)}
    assert kinds["extended"] == "R13.3"
    # the chart runs to the end of fiscal R12 (March R13) and done is drawn as done
    assert root.get("data-end") == "R13.3"
    assert g.find("s:g[@data-row='phase.governance']/s:rect[@class='bar done']", NS) is not None
    txt = cli("gantt", "--plans", str(plans), "--format", "txt")
    lines = txt.out.splitlines()
    i = next(n for n, ln in enumerate(lines) if ln.startswith("移行完了"))
    assert lines[i + 1].startswith("  戸籍") and "R10.3" in lines[i + 1]
    assert tl.GLYPH["extended"] in txt.out and tl.GLYPH["done"] in txt.out


def test_missing_folder_and_unwritable_output_exit_2(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    r = cli("gantt", "--plans", str(tmp_path / "nowhere"))
    assert r.code == 2 and "nowhere" in r.err and "Traceback" not in r.err
    r = cli("gantt", "ube", "-o", str(tmp_path / "no" / "such" / "x.svg"))
    assert r.code == 2 and "x.svg" in r.err and "Traceback" not in r.err
    # a plan file path works as a name
    r = cli("gantt", "plans/ube.toml", "--format", "txt")
    assert r.code == 0 and "■ 宇部市" in r.out
