"""The command line's words (issue 10, item 18): ``plans rule --all`` in columns by display
width, ``lint --statistics`` with the severities the findings have, ``plans table --format
csv`` with a BOM, a missing default folder named as a path, ``--help`` without reST backticks,
an unknown rule in Japanese in Japanese mode."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from rich.cells import cell_len

from model.checks.registry import RULES
from model.core.load_codes import LOAD_DOCS
from model.progress.registry import PG_RULES


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rule_all_aligns_its_columns_by_display_width(cli, lang) -> None:  # type: ignore[no-untyped-def]
    lines = cli("rule", "--all", "--lang", lang).out.splitlines()
    titles = [r.title(lang) for r in (*RULES.values(), *PG_RULES.values())] + [
        c.title(lang) for c in LOAD_DOCS.values()
    ]
    assert len(lines) == len(titles)
    starts = {cell_len(ln[: ln.rindex(t)]) for ln, t in zip(lines, titles, strict=True)}
    assert len(starts) == 1, "every title starts in the same terminal column"
    names = {
        cell_len(ln[: ln.index(code.name)])
        for ln, code in zip(lines, [*RULES.values(), *PG_RULES.values(), *LOAD_DOCS.values()], strict=True)
    }
    assert len(names) == 1, "PL001 and E001 rows: names in one column"


def test_statistics_give_the_severities_the_findings_have(cli) -> None:  # type: ignore[no-untyped-def]
    items = json.loads(cli("lint", "plans", "--format", "json").out)
    split = Counter((i["code"], i["severity"]) for i in items)
    assert split[("PL002", "error")] and split[("PL002", "warning")], "PL002 has both in the seed"
    r = cli("lint", "plans", "--statistics", "--lang", "en")
    rows = {ln.split("\t")[1]: ln.split("\t")[3] for ln in r.out.splitlines()[:-1]}
    assert rows["PL002"] == f"error {split[('PL002', 'error')]}, warning {split[('PL002', 'warning')]}"
    assert rows["PL006"] == f"info {split[('PL006', 'info')]}"  # the rule's default is warning
    ja = {ln.split("\t")[1]: ln.split("\t")[3] for ln in cli("lint", "plans", "--statistics").out.splitlines()[:-1]}
    assert ja["PL002"] == f"エラー {split[('PL002', 'error')]}、警告 {split[('PL002', 'warning')]}"
    as_json = {x["code"]: x for x in json.loads(cli("lint", "plans", "--statistics", "--format", "json").out)}
    assert as_json["PL002"]["severities"] == {
        "error": split[("PL002", "error")],
        "warning": split[("PL002", "warning")],
    }
    assert as_json["PL006"]["severity"] == "info"


def test_table_csv_has_a_bom_like_export(cli) -> None:  # type: ignore[no-untyped-def]
    table = cli("table", "plans", "--format", "csv")
    export = cli("export", "plans", "--format", "csv", "--table", "prefecture")
    assert table.code == 0 and table.out.startswith("\ufeff")
    assert export.out.startswith("\ufeff")


def test_a_missing_default_folder_is_named_as_a_path(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for cmd in ("lint", "table"):
        r = cli(cmd, cwd=tmp_path)
        assert (r.code, r.out, r.err) == (2, "", "./plans: ファイルまたはフォルダがありません\n"), cmd
    r = cli("lint", "nowhere/plans", "--lang", "en", cwd=tmp_path)
    assert r.err == "./nowhere/plans: no such file or folder\n"


@pytest.mark.parametrize("command", ["lint", "rule", "table"])
def test_help_has_no_rest_backticks(cli, command) -> None:  # type: ignore[no-untyped-def]
    r = cli(command, "--help")
    assert r.code == 0 and f"plans {command}" in r.out
    assert "``" not in r.out


def test_an_unknown_rule_is_said_in_the_chosen_language(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--select", "PL099")
    assert (r.code, r.err) == (2, "未知のルール 'PL099' です(一覧: plans rule --all)\n")
    r = cli("lint", "plans", "--ignore", "PL099", "--lang", "en")
    assert (r.code, r.err) == (2, "unknown rule 'PL099' (see: plans rule --all)\n")
    r = cli("rule", "PL099")
    assert r.code == 2 and r.err.startswith("未知のルール 'PL099' です。ルール: PL001, ")
    assert cli("rule", "PL099", "--lang", "en").err.startswith("unknown rule 'PL099'; known: PL001, ")


def test_a_bad_month_on_the_command_line_is_told_in_the_ui_language(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("progress", "--month", "2025-13")
    assert r.code == 2 and "日付 '2025-13' を解釈できません: 月は1〜12です" in r.err
    r = cli("lint", "plans", "--as-of", "R7.13", "--lang", "en")
    assert r.code == 2 and "month 13 is not 1-12" in r.err
    r = cli("progress", "--lang=en", "--since", "2025-00")
    assert r.code == 2 and "invalid date '2025-00'" in r.err
    r = cli("progress", "--lan", "en", "--month", "2025-13")  # an abbreviation, as argparse takes it
    assert r.code == 2 and "month 13 is not 1-12" in r.err
    r = cli("progress", "--lang", "en", "--lang", "ja", "--month", "2025-13")  # the last one wins
    assert r.code == 2 and "月は1〜12です" in r.err
    r = cli("progress", "--lang", "xx")
    assert r.code == 2 and r.err.count("invalid choice") == 1
