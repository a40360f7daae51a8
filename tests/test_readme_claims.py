"""The README's numbers about output limits, the CSV mark and the schema stay true: each is
read from the code or the file it describes."""

from __future__ import annotations

from conftest import ROOT

from model.core.spreadsheet import FORMULA_START
from model.render.gantt.html import FINDINGS_SHOWN
from tui.cli.capped import PER_FILE

README = (ROOT / "README.md").read_text("utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}", 1)[1].split("\n## ", 1)[0]


def test_the_text_cap() -> None:
    ci = _section("CI integration")
    assert f"at most {PER_FILE} problems or findings of one file" in ci
    assert f"at most {FINDINGS_SHOWN} a municipality" in _section("Gantt pictures")


def test_the_csv_mark() -> None:
    text = _section("Import and export")
    names = {"=": "`=`", "+": "`+`", "-": "`-`", "@": "`@`", "\t": "a tab", "\r": "a CR"}
    assert set(names) == set(FORMULA_START)
    assert "a CSV cell starting with " + ", ".join(names[c] for c in "=+-@\t") + " or a CR" in " ".join(text.split())
    assert "plans table --format csv" in text and "plans stats --format csv" in text


def test_the_schema_size_and_its_messages() -> None:
    text = " ".join(_section("Editor validation (JSON Schema)").split())
    size = (ROOT / "schema" / "plan.schema.json").stat().st_size
    assert f"It is {round(size / 1024)} KB" in text  # KB of 1,024 bytes
    assert "'来年' is not valid under any of the given schemas" in text
    schema = (ROOT / "schema" / "plan.schema.json").read_text("utf-8")
    assert (
        "日付ではありません: R4.10、R5、令和4年10月、2022-10、FY2023、完了 などと書きます" in schema
        and "日付ではありません: R4.10、R5、令和4年10月、2022-10、FY2023、完了 などと書きます" in text
    )
