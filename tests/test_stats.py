"""`plans stats` on the shipped plans: the numbers the seed itself states, worked out from
its table, and findings by rule agreeing with `plans lint`."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from model.analysis.stats import compute
from model.core.dates import fiscal_year_of, parse
from model.project.lint import lint_paths
from tui.main import main

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
# 移行完了 and ベンダ選定 of each municipality as the seed table states them
SEED = {
    "下関市": ("R7", "R6"), "宇部市": ("R8.3", "R6.6"), "山口市": ("R7.12", "R6.8"), "萩市": ("R8.3", "現行ベンダで標準化"),
    "防府市": ("R8.3", "R6.6"), "下松市": ("R8.3", "R7.4"), "岩国市": ("R8.3", "現行ベンダで標準化"), "光市": ("R8.3", "現行ベンダで標準化"),
    "長門市": ("R8.3", "R6.6"), "柳井市": ("R8.3", "現行ベンダで標準化"), "美祢市": ("R8.3", "R6.6"), "周南市": ("R8.3", "現行ベンダで標準化"),
    "山陽小野田市": ("R8.3", "R6.6"), "周防大島町": ("R8.3", "R6.6"), "和木町": ("R8.3", "R6.6"), "上関町": ("R8.3", "R6.8"),
    "田布施町": ("R6.12", "R5"), "平生町": ("R7.12", "R5"), "阿武町": ("R8.3", "現行ベンダで標準化"),
}  # fmt: skip


@pytest.fixture(scope="module")
def stats():  # type: ignore[no-untyped-def]
    res = lint_paths([PLANS])
    return res, compute(res.plans, res.national, res.findings)


def test_seed_facts(stats) -> None:  # type: ignore[no-untyped-def]
    _, st = stats
    strategy = {b.key: b.count for b in st.by_strategy}
    assert strategy == {"current_vendor": 6, "new_vendor": 13}  # the seed: 6 with the current vendor
    month = {b.key: b.count for b in st.by_month}
    assert month["2026-03"] == 15  # the seed: 15 finish in R8.3
    assert st.by_fiscal_year[0].key == "2024"  # the seed: completions start in FY2024 (R6年度)


def test_go_lives_by_fiscal_year_and_month_from_the_seed_table(stats) -> None:  # type: ignore[no-untyped-def]
    _, st = stats
    fy = Counter(str(fiscal_year_of(parse(g).lo)) for g, _ in SEED.values())
    assert {b.key: b.count for b in st.by_fiscal_year} == dict(fy)
    months = Counter(
        f"{parse(g).lo // 12}-{parse(g).lo % 12 + 1:02d}" if parse(g).is_exact else f"FY{fiscal_year_of(parse(g).lo)}"
        for g, _ in SEED.values()
    )
    assert {b.key: b.count for b in st.by_month} == dict(months)
    # chronological: a year-only bucket after the months of that year that precede its March
    assert [b.key for b in st.by_month] == ["2024-12", "2025-12", "2026-03", "FY2025"]
    assert set(next(b for b in st.by_month if b.key == "FY2025").plans) == {"下関市"}


def test_findings_by_rule_agree_with_lint(stats) -> None:  # type: ignore[no-untyped-def]
    res, st = stats
    want = Counter((f.code, f.severity) for f in res.findings)
    got = Counter()
    for r in st.by_rule:
        got.update({(r.code, "error"): r.error, (r.code, "warning"): r.warning, (r.code, "info"): r.info})
    assert +got == want
    assert st.findings == len(res.findings)
    for r in st.by_rule:
        assert r.plans == len({f.municipality for f in res.findings if f.code == r.code})


def test_cli_formats(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["stats", "--format", "json"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert js["plans"] == 19
    assert sum(b["count"] for b in js["go_lives_by_fiscal_year"]) == 19
    assert main(["stats", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["section"] for r in rows} == {
        "go_lives_by_fiscal_year",
        "go_lives_by_month",
        "plans_by_vendor_strategy",
        "findings_by_rule",
    }
    assert next(r for r in rows if r["key"] == "current_vendor")["count"] == "6"
    assert main(["stats", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Go-lives by fiscal year" in out and "FY2025" in out
    assert main(["stats", "nowhere"]) == 2


# -- the app's stats chart (Pilot) ---------------------------------------------------------


@pytest.mark.app
def test_app_stats_chart(tmp_path: Path) -> None:
    import asyncio

    from app_helpers import app_on, copy_plans

    from tui.app.widgets.stats_chart import StatsChart

    folder = copy_plans(tmp_path)

    async def run() -> None:
        app = app_on(folder)
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            charts = list(app.query(StatsChart))
            if not charts:  # before the app's hook: mount it like the tab does
                await app.mount(StatsChart(app.ws, lang=app.lang, id="stats-chart"))
                await pilot.pause()
            else:
                from textual.widgets import TabbedContent

                app.query_one(TabbedContent).active = "stats"
                await pilot.pause()
            chart = app.query_one(StatsChart)
            st = chart.stats
            assert st is not None and st.plans == 19
            text = chart.text.plain
            assert "移行完了(年度別)" in text and "ルール別の指摘" in text
            # the bars: R7年度 (18 go-lives) is the longest, R6年度 (1) the shortest
            lines = {ln.split()[0]: ln for ln in text.splitlines() if ln.startswith(("R6年度", "R7年度"))}
            assert lines["R7年度"].count("█") > lines["R6年度"].count("█") >= 1
            assert lines["R7年度"].rstrip().endswith("18")
            # an edit in the workspace shows after a rebuild (the tab rebuilds when shown)
            ube = app.ws.by_name("宇部市")
            assert ube is not None
            ube.doc.edit_phase("migration", date="R6.3", status=None, note=None, business=None)
            app.ws.recheck(ube)
            chart.rebuild()
            assert {b.key: b.count for b in chart.stats.by_fiscal_year} == {"2023": 1, "2024": 1, "2025": 17}

    asyncio.run(run())
