"""Escape sequences in a municipality name or a file name never reach the terminal raw
(issue 10, item 17): ``table``, ``what-if``, ``gantt --format txt``, text ``lint`` and the
load-error lines show them escaped (``\\x1b``, ``\\u202e``); JSON and CSV keep the real value.
One helper does it: :func:`model.core.printable.printable`."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NATIONAL, CliResult

from model.core.printable import printable

ESC_NAME = "宇部\x1b[2J\x1b]0;pwned\x07市\u202e"  # clears the screen, retitles the window, reverses text
SHOWN_NAME = "宇部\\x1b[2J\\x1b]0;pwned\\x07市\\u202e"
FILE = "ube\x1b[31m.toml"
SHOWN_FILE = "ube\\x1b[31m.toml"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # tab and newline allowed


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # a JSON string with \\u escapes is a TOML basic string


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "national.toml").write_text(NATIONAL.read_text("utf-8"), "utf-8")
    (folder / FILE).write_text(
        f'municipality = {_toml(ESC_NAME)}\nsurveyed = "R3.12"\n[phases]\ngovernance = "R4.10"\ncurrent_survey = "R4.9"\n'
        'fit_gap = "R6.3"\nmigration_plan = "R5.9"\nvendor_selection = "R6.6"\nmigration = "R8.3"\n',
        "utf-8",
    )
    return folder


def _clean(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text))


def test_printable_escapes_controls_and_bidi_and_keeps_the_rest() -> None:
    assert printable(ESC_NAME) == SHOWN_NAME
    assert printable("宇部市 R4.10") == "宇部市 R4.10"
    assert printable("a\tb\nc") == "a\\tb\\nc"
    assert printable("a\tb", keep_tab=True) == "a\tb"
    assert printable("\x9b31m\u2066x\u2069\x7f") == "\\x9b31m\\u2066x\\u2069\\x7f"


def test_text_lint_escapes_file_names_names_and_source_lines(hostile: Path, cli: Callable[..., CliResult]) -> None:
    late = (
        (hostile / FILE).read_text("utf-8").replace('"R8.3"', '"R8.9"').replace(_toml(ESC_NAME), _toml(ESC_NAME + "2"))
    )
    (hostile / f"late\u202e{FILE}").write_text(late, "utf-8")  # PL001 on a file whose name reverses text
    (hostile / "raw.toml").write_bytes(b'municipality = "x\x1b[31m"\n')  # a raw ESC: E001 with its source line
    r = cli("lint", str(hostile))
    _clean(r.out + r.err)
    assert str(hostile / ("late\\u202e" + SHOWN_FILE)) + ":9:13: PL001" in r.out
    lines = r.out.splitlines()
    shown = '   1 | municipality = "x\\x1b[31m"'
    assert lines[lines.index(shown) + 1].index("^") == len(
        '   1 | municipality = "x'
    )  # the caret under the ESC as shown


def test_json_lint_keeps_the_real_value(hostile: Path, cli: Callable[..., CliResult]) -> None:
    (hostile / f"x{FILE}").write_text(f"municipality = {_toml(ESC_NAME + '2')}\nbogus = 1\n", "utf-8")
    items = json.loads(cli("lint", str(hostile), "--format", "json").out)
    assert (f"x{FILE}", "E002") in [(Path(i["file"]).name, i["code"]) for i in items]  # the real name


def test_load_errors_of_other_commands_are_escaped(hostile: Path, cli: Callable[..., CliResult]) -> None:
    (hostile / "bad\u202e.toml").write_text(f"municipality = {_toml(ESC_NAME + '2')}\nbogus = 1\n", "utf-8")
    r = cli("table", str(hostile))
    assert r.code == 2
    _clean(r.err)
    assert "bad\\u202e.toml:2:1: E002" in r.err


def test_table_text_escapes_and_csv_json_keep_the_value(hostile: Path, cli: Callable[..., CliResult]) -> None:
    text = cli("table", str(hostile)).out
    _clean(text)
    assert SHOWN_NAME in text
    rows = json.loads(cli("table", str(hostile), "--format", "json").out)["rows"]
    assert ESC_NAME in rows[0].values()
    cells = [
        v
        for row in csv.reader(io.StringIO(cli("table", str(hostile), "--format", "csv").out.lstrip("\ufeff")))
        for v in row
    ]
    assert ESC_NAME in cells


def test_table_text_does_not_read_names_as_markup(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    (tmp_path / "national.toml").write_text(NATIONAL.read_text("utf-8"), "utf-8")
    (tmp_path / "a.toml").write_text(
        'municipality = "[link=http://evil.invalid]萩市[/link]"\n[phases]\nmigration = "R8.3"\n', "utf-8"
    )
    out = cli("table", str(tmp_path)).out
    assert "[link=http://evil.invalid]萩市[/link]" in out


def test_what_if_text_escapes(hostile: Path, cli: Callable[..., CliResult]) -> None:
    r = cli("what-if", str(hostile), "--deadline", "R7.3")
    assert r.code == 0
    _clean(r.out)
    assert SHOWN_NAME in r.out and SHOWN_FILE in r.out
    d = json.loads(cli("what-if", str(hostile), "--deadline", "R7.3", "--format", "json").out)
    assert d["plans"][0]["municipality"] == ESC_NAME


def test_gantt_text_escapes_and_svg_is_well_formed(hostile: Path, cli: Callable[..., CliResult]) -> None:
    txt = cli("gantt", "--plans", str(hostile), "--format", "txt").out
    _clean(txt)
    assert f"■ {SHOWN_NAME}" in txt
    assert SHOWN_NAME in txt.splitlines()[0]  # the title names the municipality
    svg = cli("gantt", "--plans", str(hostile)).out
    _clean(svg)
    root = ET.fromstring(svg)  # a control character would make it invalid XML
    g = root.find(".//{http://www.w3.org/2000/svg}g[@class='municipality']")
    assert g is not None and g.get("data-municipality") == SHOWN_NAME


def test_gantt_unknown_name_message_escapes(hostile: Path, cli: Callable[..., CliResult]) -> None:
    r = cli("gantt", "--plans", str(hostile), "--format", "txt", "nowhere\x1b[5m")
    assert r.code == 2
    _clean(r.err)
    assert "nowhere\\x1b[5m" in r.err and SHOWN_NAME in r.err


def test_github_annotations_and_summary_escape(hostile: Path, cli: Callable[..., CliResult]) -> None:
    """The job log reads ANSI escapes and the pull request shows the messages: a file name or a
    message with control characters is escaped there too; line breaks stay encoded (%0A)."""
    from model.project.lint import lint_paths
    from model.render.findings.github import cell, escape, summary

    (hostile / "raw\u202e.toml").write_text(f"municipality = {_toml(ESC_NAME + '2')}\nbogus\x1b = 1\n", "utf-8")
    r = cli("lint", str(hostile), "--format", "github")
    _clean(r.out)
    lines = r.out.splitlines()
    assert any(ln.startswith("::error file=") and SHOWN_FILE in ln and "title=PL002" in ln for ln in lines)
    assert any("raw\\u202e.toml" in ln and "title=E" in ln for ln in lines)  # the load error's file
    assert escape("a\nb\x1b[2Jc%") == "a%0Ab\\x1b[2Jc%25"
    text = summary(lint_paths([hostile]), "ja")
    _clean(text)
    assert (
        cell(ESC_NAME) == "宇部\\x1b\\[2J\\x1b\\]0;pwned\\x07市\\u202e"
    )  # Markdown punctuation escaped, then the controls
    assert cell(ESC_NAME) in text and cell(FILE) in text


def test_mermaid_names_escape(hostile: Path, cli: Callable[..., CliResult]) -> None:
    r = cli("gantt", "--plans", str(hostile), "--format", "mermaid")
    assert r.code == 0, r.err
    _clean(r.out)
    shown = SHOWN_NAME.replace(";", "；")  # Mermaid's own separator made full-width, as before
    assert f"    section {shown}" in r.out.splitlines()
    assert f"    title 標準準拠システム移行計画 — {shown}" in r.out.splitlines()
