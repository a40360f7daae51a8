"""``plans gantt --format mermaid``: the diagram's text, and (where headless Chromium and the
npm ``mermaid`` package are at hand) that Mermaid renders it with every section."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import PLANS
from export_fixtures import business_plans

from model.analysis.table import ordered
from model.core.severity import Severity
from model.project.lint import LintResult, lint_paths
from model.render import gantt as tl
from model.render.gantt.chart import chart
from model.render.mermaid import text, to_mermaid

TASK = re.compile(
    r"^    (?P<name>[^:;#\n]+?) :(?P<tags>(?:(?:crit|done|milestone), )*)(?P<id>[A-Za-z][A-Za-z0-9_]*), (?P<start>\d{4}-\d\d-\d\d), (?P<end>\d{4}-\d\d-\d\d|0d)$"
)
CHROMIUM = Path("/usr/bin/chromium")
MERMAID_JS = Path(
    os.environ.get("MERMAID_JS", Path.home() / ".cache/plans-test/mermaid/node_modules/mermaid/dist/mermaid.min.js")
)


def _diagram(res: LintResult, lang: str = "ja", zoom: tl.Zoom = tl.Zoom.YEAR, title: str | None = None) -> str:
    layouts = [tl.build(p, res.national, res.findings_of(p), as_of=res.as_of) for p in ordered(res.plans)]
    return to_mermaid(chart(tl.national_layout(res.national, as_of=res.as_of), layouts, lang, title), zoom)


@pytest.fixture(scope="module")
def shipped() -> LintResult:
    return lint_paths([PLANS])


def _tasks(diagram: str) -> list[tuple[str, re.Match[str]]]:
    """(section, task line) for every task, each line checked against Mermaid's task syntax."""
    section, out = "", []
    for line in diagram.splitlines()[6:]:
        if line.startswith("    section "):
            section = line.removeprefix("    section ")
            continue
        m = TASK.match(line)
        assert m, line
        out.append((section, m))
    return out


def test_the_header_and_one_section_per_lane_and_municipality(shipped: LintResult) -> None:
    d = _diagram(shipped)
    assert d.splitlines()[:6] == [
        "gantt",
        "    title 標準準拠システム移行計画 — 19市町",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    inclusiveEndDates",
        "    todayMarker off",
    ]
    sections = re.findall(r"^    section (.+)$", d, re.M)
    groups = [f"仕様 {g.name.ja}" for g in shipped.national.groups.values()]
    assert sections == [
        "国の動き",
        "ガバメントクラウド",
        *groups,
        "期限・評価日",
        *(p.municipality for p in ordered(shipped.plans)),
    ]


def test_every_task_is_valid_with_unique_ids_and_month_end_dates(shipped: LintResult) -> None:
    tasks = _tasks(_diagram(shipped))
    ids = [m["id"] for _, m in tasks]
    assert len(ids) == len(set(ids))
    for _, m in tasks:
        start = dt.date.fromisoformat(m["start"])
        if m["end"] == "0d":
            assert "milestone" in m["tags"]
            continue
        end = dt.date.fromisoformat(m["end"])
        assert start.day == 1 and start <= end
        assert (end + dt.timedelta(days=1)).day == 1, m.group(0)  # a month's last day
    by_name = {(s, m["name"]): m for s, m in tasks}
    ube = by_name[("宇部市", "標準仕様との比較分析 R6.3")]
    assert (ube["start"], ube["end"]) == ("2022-10-01", "2024-03-31")  # after the survey (R4.9) to R6.3
    assert by_name[("期限・評価日", "期限 R8.3")]["start"] == "2026-03-31"
    assert by_name[("国の動き", "基本方針 R4.10")]["start"] == "2022-10-31"


def test_crit_on_exactly_the_phases_with_an_error(shipped: LintResult) -> None:
    tasks = _tasks(_diagram(shipped))
    crit = {(s, m["name"].rsplit(" ", 1)[0]) for s, m in tasks if "crit" in m["tags"]}
    names = {ph.id: ph.name.ja for ph in shipped.national.phases}
    errors = {
        (f.municipality, names[str(f.phase)])
        for f in shipped.findings
        if f.severity is Severity.ERROR and f.phase and f.business is None
    }
    assert crit == errors
    assert ("宇部市", "移行計画作成") in crit and ("光市", "移行計画作成") in crit


def test_business_lines_done_and_a_year_only_date(tmp_path: Path) -> None:
    res = lint_paths([business_plans(tmp_path)])
    tasks = {m["name"]: m for s, m in _tasks(_diagram(res)) if s == "延長市"}
    assert tasks["移行完了 R8.9"]["tags"] == "crit, "  # PL001: after R8.3
    assert tasks["移行完了 (戸籍) R10.3"]["end"] == "2028-03-31"  # its own bar after the phase
    assert tasks["推進体制の立ち上げ 完了"]["tags"] == "done, "
    assert tasks["標準仕様との比較分析 R5"]["end"] == "2024-03-31"  # the fiscal year's last day
    assert tasks["移行完了 (戸籍) R10.3"]["id"] == "m_encho_migration_koseki"
    d = _diagram(res)
    assert "    延長期限 R13.3 (戸籍) :milestone, v_extended_2031_03, 2031-03-31, 0d" in d


def test_names_ids_and_zoom() -> None:
    assert text("Spec: Resident #1; x:y\nz") == "Spec – Resident ＃1； x：y z"
    res = lint_paths([PLANS])
    d = _diagram(res, "en", tl.Zoom.QUARTER, title="Plans: #1; all")
    assert "    title Plans – ＃1； all" in d and "    tickInterval 3month" in d
    assert "    section Spec – Resident registry" in d
    assert "tickInterval 1month" in _diagram(res, zoom=tl.Zoom.MONTH)


def test_the_command_writes_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "計画.mmd"
    r = cli("gantt", "宇部市", "hikari", "--format", "mermaid", "-o", str(out))
    assert r.code == 0, r.err
    d = out.read_text("utf-8")
    assert d.startswith("gantt\n") and re.findall(r"^    section (宇部市|光市)$", d, re.M) == ["宇部市", "光市"]


@pytest.mark.skipif(
    not CHROMIUM.exists() or not MERMAID_JS.exists(),
    reason="needs /usr/bin/chromium and the npm mermaid package (MERMAID_JS)",
)
def test_mermaid_renders_every_section(shipped: LintResult, tmp_path: Path) -> None:
    d = _diagram(shipped)
    page = tmp_path / "page.html"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><script src="{MERMAID_JS.as_uri()}"></script></head>
<body><div id="out"></div><pre id="err"></pre><script>
mermaid.initialize({{startOnLoad: false}});
mermaid.render("chart", {json.dumps(d)})
  .then(r => {{ document.getElementById("out").innerHTML = r.svg; }})
  .catch(e => {{ document.getElementById("err").textContent = "MERMAID-ERROR " + e; }});
</script></body></html>""",
        encoding="utf-8",
    )
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
    ]
    r = subprocess.run(
        [
            str(CHROMIUM),
            *flags,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    dom = r.stdout
    assert "MERMAID-ERROR" not in dom.replace('"MERMAID-ERROR "', ""), dom[dom.find("MERMAID-ERROR") :][:500]
    svg = dom[dom.index("<svg") : dom.index("</svg>")]
    titles = re.findall(r'class="sectionTitle[^"]*"[^>]*>(?:<tspan[^>]*>)?([^<]+)<', svg)
    assert titles == re.findall(r"^    section (.+)$", d, re.M)
    assert len(re.findall(r'<rect [^>]*class="task crit', svg)) == sum(1 for _, m in _tasks(d) if "crit" in m["tags"])
    assert svg.count("<rect") > len(_tasks(d))
