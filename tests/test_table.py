"""``plans table``: the seed's table (資料1, 移行スケジュールのとりまとめ) rebuilt from the plan
files cell for cell, with the three facts the seed states beneath it."""

from __future__ import annotations

import csv
import io
import json

import pytest

# Copied from /work/shared/seed (資料1, the table under 標準準拠システムへの移行スケジュールの
# とりまとめ), tab-separated as it is there: the truth the shipped plans must reproduce.
SEED_TABLE = """\
下関市	完了	R5.3	R5.3	R5.3	R6	R7
宇部市	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
山口市	R4.1	R4.3	R5.1	R5.3	R6.8	R7.12
萩市	R5.3	R5.3	R5.3	R5.3	現行ベンダで標準化	R8.3
防府市	R4.4	R4.9	R6.3	R5.9	R6.6	R8.3
下松市	R5.5	R5.9	R5.11	R6.3	R7.4	R8.3
岩国市	R4.2	R5.3	R6.3	R6.3	現行ベンダで標準化	R8.3
光市	完了	R4.9	R4.10	R7.10	現行ベンダで標準化	R8.3
長門市	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
柳井市	R4.12	R5.9	R5.9	R5.9	現行ベンダで標準化	R8.3
美祢市	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
周南市	R4.10	R5.10	R7.6	R7.6	現行ベンダで標準化	R8.3
山陽小野田市	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
周防大島町	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
和木町	R4.10	R4.9	R6.3	R5.9	R6.6	R8.3
上関町	R4.10	R4.12	R5.2	R5.4	R6.8	R8.3
田布施町	R4	R5	R5	R4	R5	R6.12
平生町	R4.6	R4.7	R4	R4	R5	R7.12
阿武町	R4.12	R5.9	R5.9	R5.9	現行ベンダで標準化	R8.3
"""
SEED_ROWS = [line.split("\t") for line in SEED_TABLE.splitlines()]
# The seed's column heads (its two-level header flattened) and its stated observations.
SEED_COLUMNS = [
    "市町",
    "推進体制",
    "システム概要調査",
    "標準仕様との比較分析",
    "移行計画作成",
    "ベンダ選定",
    "移行完了",
]
SEED_FACTS = ["6市町が現行ベンダで標準化を予定", "15市町がR8.3を予定", "令和6年度から順次移行完了予定"]


def test_the_embedded_seed_agrees_with_its_own_facts() -> None:
    # guards the copy above: the seed's three statements hold for its 19 rows
    assert len(SEED_ROWS) == 19 and all(len(r) == 7 for r in SEED_ROWS)
    assert sum(r[5] == "現行ベンダで標準化" for r in SEED_ROWS) == 6
    assert sum(r[6] == "R8.3" for r in SEED_ROWS) == 15
    assert min(r[6] for r in SEED_ROWS if r[6] != "R8.3") == "R6.12"  # in 令和6年度


def test_csv_reproduces_the_seed_cell_for_cell(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("table", "plans", "--format", "csv")
    assert r.code == 0 and r.err == ""
    assert r.out.startswith("\ufeff")  # a BOM, as plans export writes (Excel reads UTF-8 then)
    rows = list(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))
    assert rows[0] == SEED_COLUMNS
    assert rows[1:] == SEED_ROWS


def test_json_rows_and_facts(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("table", "plans", "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    assert [list(row.values()) for row in data["rows"]] == SEED_ROWS
    assert all(list(row) == SEED_COLUMNS for row in data["rows"])
    assert len(data["facts"]) == 3
    for fact, seed in zip(data["facts"], SEED_FACTS, strict=True):
        assert fact.startswith(seed), (fact, seed)


def test_facts_in_english(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("table", "plans", "--format", "json", "--lang", "en").out)
    assert list(data["rows"][0]) == [
        "Municipality",
        "Governance set up",
        "Current-system survey",
        "Fit-gap analysis",
        "Migration plan",
        "Vendor selection",
        "Go-live",
    ]
    assert data["facts"][0].startswith("6 of 19 municipalities standardize with their current vendor")
    assert data["facts"][1] == "15 municipalities plan to finish in R8.3."
    assert "FY2024" in data["facts"][2]


def test_rollup_from_the_model(national) -> None:  # type: ignore[no-untyped-def]
    from conftest import PLANS

    from model.analysis.table import rollup, rows
    from model.project.loader import discover, load_plans

    plans, problems, _ = load_plans(discover([PLANS]), national)
    assert problems == []
    assert [list(r.values()) for r in rows(plans, national)] == SEED_ROWS
    ru = rollup(plans, national)
    assert (ru.municipalities, ru.current_vendor, ru.at_deadline, ru.first_fiscal_year) == (19, 6, 15, 2024)


def test_text_table_shows_every_cell_and_the_facts(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")  # piped output: rich's default width
    r = cli("table", "plans")
    assert r.code == 0
    for f in SEED_FACTS:
        assert f in r.out
    lines = r.out.splitlines()
    for row in SEED_ROWS:
        line = next(ln for ln in lines if f" {row[0]} " in ln)
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        assert cells[:6] == row[:6]


def test_text_table_keeps_the_last_column_when_piped(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("table", "plans")
    lines = r.out.splitlines()
    for row in SEED_ROWS:
        line = next(ln for ln in lines if f" {row[0]} " in ln)
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        assert cells == row
