"""``plans gantt --format html``: the A3 handout (issue 14, item 5). The page's structure (one
title, the axis as the table's repeated header, a block per municipality that may not be
split, the findings under each block in the handout's language), and the page printed to PDF
by headless Chromium, read back page by page with ``pdftotext`` (skipped without them)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PLANS, CliResult

from model.analysis.table import ordered
from model.checks.finding import Finding
from model.core.errors import Place
from model.core.plan import Plan
from model.core.words import Words
from model.project.lint import LintResult, lint_paths
from model.render import gantt as tl
from model.render.gantt.chart import chart
from model.render.gantt.html import FINDINGS_SHOWN, to_html

SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = Path("/usr/bin/chromium")
MONTHS_ROW = "4 5 6 7 8 9 10 11 12 1 2 3"  # the month axis of one fiscal year, as pdftotext reads it


@pytest.fixture(scope="module")
def shipped() -> LintResult:
    return lint_paths([PLANS])


def _page(
    res: LintResult,
    lang: str = "ja",
    zoom: tl.Zoom = tl.Zoom.MONTH,
    title: str | None = None,
    findings: Callable[[Plan], list[Finding]] | None = None,
) -> str:
    findings_of = findings or res.findings_of
    layouts = [tl.build(p, res.national, findings_of(p), as_of=res.as_of) for p in ordered(res.plans)]
    return to_html(chart(tl.national_layout(res.national, as_of=res.as_of), layouts, lang, title), zoom)


def _many(res: LintResult, copies: int) -> Callable[[Plan], list[Finding]]:
    """Each plan's findings ``copies`` times (at lines of their own): blocks of half a page
    and more, which a page break would split if it could."""

    def findings_of(p: Plan) -> list[Finding]:
        fs = res.findings_of(p)
        return [replace(f, place=Place(f.place.file, 1000 * k + f.place.line)) for k in range(copies) for f in fs]

    return findings_of


def _blocks(root: ET.Element) -> list[ET.Element]:
    table = root.find("body/table[@class='handout']")
    assert table is not None
    return table.findall("tbody")


def _text(e: ET.Element) -> str:
    return "".join(e.itertext())


def test_one_title_the_axis_as_the_repeated_header_and_a_block_per_municipality(shipped: LintResult) -> None:
    html = _page(shipped, title="連携会議 資料")
    root = ET.fromstring(html)  # the page is well-formed XML (inline SVG included)
    body = root.find("body")
    assert body is not None
    # the title once: the <h1> on page 1; no picture repeats it
    assert [_text(h) for h in body.iter("h1")] == ["連携会議 資料"]
    assert _text(body).count("連携会議 資料") == 1
    assert root.findtext("head/title") == "連携会議 資料"
    # A3 landscape, a block may not be split, the header repeated
    style = root.findtext("head/style") or ""
    assert "size: A3 landscape" in style
    assert re.search(r"tbody\.block[^{]*\{[^}]*break-inside: avoid", style)
    assert "display: table-header-group" in style
    # the axis is the table's header: fiscal years, months and the vertical lines' labels
    thead = body.find("table/thead")
    assert thead is not None
    (axis,) = thead.iter(f"{SVG}svg")
    fys = [t.text for t in axis.iter(f"{SVG}text") if t.get("class") == "fy"]
    assert fys[:2] == ["R2年度", "R3年度"]
    assert {g.get("data-kind") for g in axis.iter(f"{SVG}g") if g.get("data-kind")} == {"deadline", "evaluation"}
    assert "評価日 R4.2" in _text(axis)
    # the national lanes, then a block per municipality in 団体コード order
    blocks = _blocks(root)
    assert blocks[0].get("class") == "block national"
    munis = blocks[1:]
    assert [b.get("data-municipality") for b in munis] == [p.municipality for p in ordered(shipped.plans)]
    assert all(b.get("class") == "block municipality" for b in munis)
    # every picture on the axis's month → x: the same size across and the same months
    pictures = [axis, *(s for b in blocks for s in b.iter(f"{SVG}svg"))]
    assert len(pictures) == len(blocks) + 1
    assert {(s.get("width"), s.get("data-start"), s.get("data-end")) for s in pictures} == {
        (axis.get("width"), "R2.4", "R8.3")
    }
    # the deadline line runs through every block; no block carries the title or its own labels
    for b in blocks:
        (pic,) = b.iter(f"{SVG}svg")
        assert pic.find(f"{SVG}g[@class='lines']/{SVG}g[@data-kind='deadline']") is not None
        assert not [t for t in pic.iter(f"{SVG}text") if t.get("class") in ("title", "fy", "unit")]
    # a municipality's rows are in its block, and only there
    ube = next(b for b in munis if b.get("data-municipality") == "宇部市")
    phases = [g.get("data-phase") for g in ube.iter(f"{SVG}g") if g.get("class") == "phase"]
    assert phases == [p.id for p in shipped.national.phases]


@pytest.mark.parametrize(
    ("lang", "heading", "none", "severity"),
    [
        ("ja", "指摘 {n} 件", "指摘はありません", {"error": "✖ エラー", "warning": "▲ 警告", "info": "● 情報"}),
        ("en", "Findings ({n})", "No findings", {"error": "✖ error", "warning": "▲ warning", "info": "● info"}),
    ],
)
def test_the_findings_of_each_municipality_under_its_block(
    shipped: LintResult, lang: str, heading: str, none: str, severity: dict[str, str]
) -> None:
    root = ET.fromstring(_page(shipped, lang))
    by_name = {p.municipality: p for p in shipped.plans}
    seen_none = 0
    for block in _blocks(root)[1:]:
        plan = by_name[block.get("data-municipality") or ""]
        findings = shipped.findings_of(plan)
        (td,) = block.iter("td")
        children = list(td)
        assert children[0].tag == f"{SVG}svg"  # the picture, then its findings
        (div,) = children[1:]
        assert div.get("class") == "findings"
        if not findings:
            assert _text(div) == none
            seen_none += 1
            continue
        assert div.findtext("h2") == heading.format(n=len(findings))
        items = div.findall("ul/li")
        # worst first, every one of them with its words in the handout's language and its place
        assert sorted((li.get("data-code"), _text(li)) for li in items) == sorted(
            (f.code, f"{severity[f.severity]} {f.code} {f.message(lang)} {f.place.file}:{f.place.line}")
            for f in findings
        )
        ranks = [-{"error": 3, "warning": 2, "info": 1}[li.get("data-severity") or ""] for li in items]
        assert ranks == sorted(ranks)
    assert seen_none == sum(not shipped.findings_of(p) for p in shipped.plans) > 0


def test_findings_are_escaped_and_capped(shipped: LintResult) -> None:
    plan = next(p for p in shipped.plans if shipped.findings_of(p))
    first = shipped.findings_of(plan)[0]
    hostile = replace(first, words=Words("<script>alert(1)</script> & \x1b[31m", "<b>bold</b>"))
    many = [replace(first, place=Place(first.place.file, n)) for n in range(1, FINDINGS_SHOWN + 8)]
    layout = tl.build(plan, shipped.national, [hostile, *many], as_of=shipped.as_of)
    html = to_html(chart(tl.national_layout(shipped.national), [layout]))
    root = ET.fromstring(html)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x1b[31m" in html
    items = root.findall(".//div[@class='findings']/ul/li")
    assert len(items) == FINDINGS_SHOWN + 1
    assert items[-1].get("class") == "rest"
    assert _text(items[-1]).startswith(f"… ほか {FINDINGS_SHOWN + 8 - FINDINGS_SHOWN} 件")
    assert root.findtext(".//div[@class='findings']/h2") == f"指摘 {FINDINGS_SHOWN + 8} 件"


def test_the_command_writes_the_handout(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    r = cli("gantt", "ube", "hofu", "--format", "html", "-o", str(out), "--lang", "en")
    assert r.code == 0, r.err
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.get("lang") == "en"
    assert [b.get("data-municipality") for b in _blocks(root)[1:]] == ["宇部市", "防府市"]
    assert [_text(h) for h in root.iter("h1")] == ["Migration to standard-compliant systems: 宇部市・防府市"]


# -- printed ---------------------------------------------------------------------------------

needs_printing = pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("pdftotext") is None,
    reason="needs /usr/bin/chromium and pdftotext (poppler-utils)",
)


def print_pdf(html: Path, tmp_path: Path) -> list[str]:
    """``html`` printed by headless Chromium as a user would (its headers and footers left on),
    the text of each page."""
    pdf = tmp_path / "out.pdf"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
    ]
    subprocess.run(
        [str(CHROMIUM), *flags, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@needs_printing
@pytest.mark.parametrize(
    ("lang", "zoom", "copies", "axis", "none"),
    [
        ("ja", tl.Zoom.MONTH, 1, MONTHS_ROW, "指摘はありません"),
        ("en", tl.Zoom.QUARTER, 1, "FY2022", "No findings"),
        ("ja", tl.Zoom.QUARTER, 6, "Q1 Q2 Q3 Q4", "指摘はありません"),
    ],
)
def test_printed_on_a3_every_page_has_the_axis_and_whole_blocks(
    shipped: LintResult, tmp_path: Path, lang: str, zoom: tl.Zoom, copies: int, axis: str, none: str
) -> None:
    page = tmp_path / "handout.html"
    findings_of = _many(shipped, copies)
    page.write_text(_page(shipped, lang, zoom, findings=findings_of), encoding="utf-8")
    pages = print_pdf(page, tmp_path)
    plans = ordered(shipped.plans)
    title = (
        "標準準拠システム移行計画 — 19市町"
        if lang == "ja"
        else "Migration to standard-compliant systems: 19 municipalities"
    )
    assert 2 <= len(pages) <= len(plans) + 1
    # the title once, on page 1 (no browser header repeating it); the page number at the foot
    assert [p.count(title) for p in pages] == [1] + [0] * (len(pages) - 1)
    for n, text in enumerate(pages, 1):
        assert axis in text, f"page {n} has no axis"
        assert f"{n}/{len(pages)}" in text.replace(" ", "")
        assert "file://" not in text
    # each municipality on one page, in order; its block whole: the name at its top and its
    # findings (each at its place) or "no findings" at its foot on the same page
    on_page = [[p for p in plans if p.municipality in text] for text in pages]
    assert [p for ps in on_page for p in ps] == plans
    for n, (text, ps) in enumerate(zip(pages, on_page, strict=True), 1):
        places = sorted(re.findall(r"plans/[a-z_-]+\.toml:\d+", text))
        assert places == sorted(f"{f.place.file}:{f.place.line}" for p in ps for f in findings_of(p)), f"page {n}"
        assert text.count(none) == sum(not findings_of(p) for p in ps), f"page {n}"
    assert "ガバメントクラウド" in pages[0] or "Government Cloud" in pages[0]
