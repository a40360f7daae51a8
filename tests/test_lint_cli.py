"""``plans lint``: text with the offending line and a caret, github annotations, rule
selection, --strict, --as-of and --lang, with the exit codes CI relies on."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from conftest import PLANS

from model.checks.registry import RULES
from model.core.dates import parse, parse_month

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def findings(cli, *args: str) -> tuple[int, list[dict]]:  # type: ignore[no-untyped-def]
    r = cli("lint", *args, "--format", "json")
    assert r.err == ""
    return r.code, json.loads(r.out)


def test_text_shows_place_code_line_and_caret(cli) -> None:  # type: ignore[no-untyped-def]
    _, items = findings(cli, "plans")
    r = cli("lint", "plans")
    assert r.code == 1
    lines = r.out.splitlines()
    for it in items:
        head = f"{it['file']}:{it['line']}:{it['column']}: {it['code']} "
        i = next(i for i, ln in enumerate(lines) if ln.startswith(head) and it["message"] in ln)
        src = (PLANS.parent / it["file"]).read_text("utf-8").splitlines()[it["line"] - 1]
        assert lines[i + 1] == f"{it['line']:>4} | {src}"
        caret = lines[i + 2]
        offset = len(f"{it['line']:>4} | ")
        value = re.match(r'"[^"]*"', src[it["column"] - 1 :])
        assert value is not None
        assert caret.index("^") == offset + it["column"] - 1  # ASCII before the value
        assert caret.count("^") == len(value[0])
    # the summary line counts what was printed
    c = {s: sum(1 for it in items if it["severity"] == s) for s in ("error", "warning", "info")}
    assert lines[-1] == f"19ファイル: エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}(評価日 R4.2)"


def test_caret_is_aligned_by_display_width(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "wide.toml"
    f.write_text(
        'municipality = "幅市"\nsurveyed = "R3.12"\n[phases]\ngovernance = "R4.4"\ncurrent_survey = "R4.9"\n'
        'fit_gap = "R5.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\n'
        'migration = "令和8年9月"  # 期限後\n'
        '[business]\nkoseki = { note = "戸籍", migration = "R14.9" }\n',
        "utf-8",
    )
    r = cli("lint", str(f), "--national", str(PLANS / "national.toml"), cwd=tmp_path)
    lines = r.out.splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith("wide.toml:9:13: PL001 "))
    # a wide value: "令和8年9月" is 10 cells, 12 with its quotes
    assert lines[i + 2] == "     |" + " " * 13 + "^" * 12
    i = next(i for i, ln in enumerate(lines) if ln.startswith("wide.toml:11:37: PL001 "))
    # wide text before the value: 36 characters but 38 cells
    assert lines[i + 2] == "     |" + " " * 39 + "^" * 7


def test_github_annotations(cli) -> None:  # type: ignore[no-untyped-def]
    _, items = findings(cli, "plans")
    r = cli("lint", "plans", "--format", "github")
    assert r.code == 1
    level = {"error": "error", "warning": "warning", "info": "notice"}
    got = r.out.splitlines()
    assert len(got) == len(items)
    for ln, it in zip(got, items, strict=True):
        assert ln == (
            f"::{level[it['severity']]} file={it['file']},line={it['line']},col={it['column']},"
            f"title={it['code']} {it['name']}::{it['message']}"
        )


@pytest.mark.parametrize(
    ("option", "value", "keep"),
    [
        ("--select", "PL002", lambda c: c == "PL002"),
        ("--select", "phase-order", lambda c: c == "PL002"),
        ("--select", "PL005,PL007", lambda c: c in ("PL005", "PL007")),
        ("--select", "PL00", lambda c: c.startswith("PL00")),
        ("--select", "pl002", lambda c: c == "PL002"),
        ("--ignore", "PL002", lambda c: c != "PL002"),
        ("--ignore", "PL002,lead-time-too-short", lambda c: c not in ("PL002", "PL005")),
        ("--ignore", "budget-cycle,overdue", lambda c: c not in ("PL006", "PL007")),
    ],
)
def test_select_and_ignore(cli, option: str, value: str, keep) -> None:  # type: ignore[no-untyped-def]
    _, every = findings(cli, "plans")
    code, got = findings(cli, "plans", option, value)
    want = [it for it in every if keep(it["code"])]
    assert want and got == want
    assert code == (1 if any(it["severity"] == "error" for it in want) else 0)


def test_select_and_ignore_together(cli) -> None:  # type: ignore[no-untyped-def]
    _, every = findings(cli, "plans")
    _, got = findings(cli, "plans", "--select", "PL00", "--ignore", "PL002")
    assert got == [it for it in every if it["code"] != "PL002"]


def test_ignoring_everything_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    # a lint checking no rule would pass in silence (issue 11 item 6; tests/test_select_empty.py)
    r = cli("lint", "plans", "--ignore", "PL0")
    assert r.code == 2
    assert r.out == "" and "--ignore" in r.err


@pytest.mark.parametrize("args", [("--select", "PL999"), ("--ignore", "no-such-rule"), ("--select", "PL002,bogus")])
def test_unknown_rule_is_a_usage_error(cli, args: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", *args)
    assert r.code == 2
    assert r.out == ""
    assert args[1].split(",")[-1] in r.err and "Traceback" not in r.err


def test_strict_fails_on_warnings(cli) -> None:  # type: ignore[no-untyped-def]
    # 山口市 has one warning (PL007) and no error
    code, items = findings(cli, "plans/yamaguchi.toml")
    assert code == 0 and {it["severity"] for it in items} == {"warning"}
    assert cli("lint", "plans/yamaguchi.toml", "--strict").code == 1
    # 萩市 is clean: --strict passes
    code, items = findings(cli, "plans/hagi.toml", "--strict")
    assert (code, items) == (0, [])
    # info only does not fail --strict
    code, items = findings(cli, "plans/tabuse.toml", "--select", "PL006", "--strict")
    assert code == 0 and {it["severity"] for it in items} == {"info"}


def overdue_by_hand(file: str, as_of: str) -> set[tuple[str, bool]]:
    """Phases of a plan without status whose planned month is before ``as_of``."""
    data = tomllib.loads((PLANS.parent / file).read_text("utf-8"))
    m = parse_month(as_of)
    out = set()
    for phase, text in data["phases"].items():
        d = parse(text, surveyed=parse_month(data["surveyed"]))
        if d.is_na or d.is_done:
            continue
        if d.hi < m:
            out.add((phase, True))
        elif d.lo < m:
            out.add((phase, False))
    return out


@pytest.mark.parametrize("as_of", ["R4.1", "R4.2", "R5.4", "R6.1", "令和5年10月", "2024-06"])
@pytest.mark.parametrize("file", ["plans/yamaguchi.toml", "plans/tabuse.toml", "plans/shimonoseki.toml"])
def test_as_of_moves_the_evaluation_date(cli, file: str, as_of: str) -> None:  # type: ignore[no-untyped-def]
    _, items = findings(cli, file, "--as-of", as_of, "--select", "PL007")
    assert {(it["phase"], it["certain"]) for it in items} == overdue_by_hand(file, as_of)
    r = cli("lint", file, "--as-of", as_of, "--select", "PL007")
    assert r.out.splitlines()[-1].endswith(f"(評価日 {parse(as_of).render(parse('R4.2').style)})")


@pytest.mark.parametrize("bad", ["R4.13", "R5", "tomorrow", ""])
def test_bad_as_of_is_a_usage_error(cli, bad: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--as-of", bad)
    assert r.code == 2
    assert "--as-of" in r.err and "Traceback" not in r.err


def test_lang_en(cli) -> None:  # type: ignore[no-untyped-def]
    _, ja = findings(cli, "plans")
    code, en = findings(cli, "plans", "--lang", "en")
    assert code == 1
    assert [(i["file"], i["line"], i["code"]) for i in en] == [(i["file"], i["line"], i["code"]) for i in ja]
    for it in en:
        assert not JAPANESE.search(it["message"]), it["message"]
    assert any("completes before" in it["message"] for it in en)
    r = cli("lint", "plans", "--lang", "en")
    assert " error " in r.out and "エラー" not in r.out.split("\n")[0]
    assert re.search(
        r"^\d+ error\(s\), \d+ warning\(s\), \d+ info in 19 file\(s\) \(evaluated as of R4\.2\)$", r.out, re.M
    )


def test_missing_path_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans/no-such-town.toml")
    assert r.code == 2 and "plans/no-such-town.toml" in r.err and "Traceback" not in r.err


def test_exit_codes_per_worst_severity(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("lint", "plans/hagi.toml").code == 0
    assert cli("lint", "plans/ube.toml").code == 1
    assert cli("lint", "plans/shimonoseki.toml").code == 0  # a possible-only conflict is a warning


def test_every_code_in_output_is_registered(cli) -> None:  # type: ignore[no-untyped-def]
    _, items = findings(cli, "plans")
    assert {it["code"] for it in items} <= set(RULES)


def test_a_broken_national_timeline_is_a_load_error(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nat = tmp_path / "national.toml"
    nat.write_text(
        (PLANS / "national.toml").read_text("utf-8").replace('deadline = "R8.3"', 'deadline = "R8.13"'), "utf-8"
    )
    line = next(i for i, ln in enumerate(nat.read_text("utf-8").splitlines(), 1) if ln.startswith("deadline ="))
    r = cli("lint", "plans", "--national", str(nat))
    assert r.code == 2 and r.out == ""
    assert f"national.toml:{line}:12: E004" in r.err and "R8.13" in r.err
    assert "Traceback" not in r.err
