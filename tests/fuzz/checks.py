"""What must hold for every input, shared by tests/test_fuzz.py and tests/fuzz/campaign.py.

Each ``check_*`` runs one input through the real code and raises AssertionError when an
invariant breaks; any other exception is a crash (a traceback a user would have seen).
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from model.checks.registry import RULES
from model.core import dates
from model.core.errors import LOAD_CODES, Problem
from model.core.national import National
from model.core.plan_reader import parse_plan_bytes
from model.project.lint import LintResult, lint_paths, lint_plan
from tui.main import main

AS_OF = dates.month_of(2022, 2)
NAME = "fuzz.toml"


def check_problem(p: Problem, file: str) -> None:
    """A load error names the file, a line (0 only for a whole-file problem) and says what to do."""
    assert p.place.file == file, p
    assert p.code in LOAD_CODES, p
    assert p.words.ja.strip() and p.words.en.strip(), p
    if p.code != "E009":
        assert p.place.line >= 1 and p.place.col >= 1, p
    else:
        assert p.place.line >= 0, p


def check_model(raw: bytes, nat: National) -> str:
    """Parse and lint one file's bytes in memory; return "plan" or "load-error"."""
    res = parse_plan_bytes(raw, NAME, nat)
    if res.plan is None:
        assert res.problems, "no plan and no problem"
        for p in res.problems:
            check_problem(p, NAME)
        return "load-error"
    assert not res.problems
    for f in lint_plan(res.plan, nat, AS_OF):
        assert f.code in RULES, f
        assert f.place.file == NAME and f.place.line >= 1, f
        assert f.words.ja.strip() and f.words.en.strip(), f
    return "plan"


def check_date(text: str) -> str:
    """A date parses to an interval that renders back in every style, or is a DateError."""
    try:
        d = dates.parse(text)
    except dates.DateError as e:
        assert e.text("ja").strip() and e.text("en").strip()
        return "date-error"
    assert d.lo <= d.hi
    if d.precision in (dates.Precision.MONTH, dates.Precision.FISCAL_YEAR):
        for style in (None, dates.Style.ERA, dates.Style.KANJI, dates.Style.ISO):
            shown = dates.render(d, style)
            again = dates.parse(shown)
            assert (again.lo, again.hi, again.precision) == (d.lo, d.hi, d.precision), (text, shown)
    return "date"


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``plans ...`` in-process, with its stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def check_cli(
    raw: bytes, fmt: str, folder: Path | None = None, run: Callable[[list[str]], tuple[int, str, str]] = run_cli
) -> str:
    """``plans lint FOLDER --format FMT`` on one file: exit 0/1 with findings, or exit 2 with
    every load error's place (file:line) printed, never a traceback."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        path = folder / NAME
        path.write_bytes(raw)
        model = lint_paths([folder], as_of=AS_OF)
        code, out, err = run(["lint", str(folder), "--format", fmt, "--as-of", "R4.2", "--lang", "en"])
        assert "Traceback" not in out + err
        if model.problems:
            assert code == 2, (code, out, err)
            for p in model.problems:
                check_problem(p, p.place.file)
                if fmt == "text":
                    assert str(p.place) in out, (str(p.place), out)
                elif fmt == "json":
                    items = json.loads(out)
                    assert any(
                        i["kind"] == "load-error" and i["line"] == p.place.line and i["file"] == p.place.file
                        for i in items
                    )
                elif fmt == "github":
                    assert f",line={p.place.line}," in out, out
            check_machine_formats(fmt, out, model)
            return "load-error"
        assert code in (0, 1), (code, out, err)
        assert code == (1 if model.worst() == "error" else 0)
        check_machine_formats(fmt, out, model)
        return "plan"


def check_machine_formats(fmt: str, out: str, model: LintResult) -> None:
    """SARIF is JSON with a result per finding and load error; JUnit is XML that parses."""
    if fmt == "sarif":
        log = json.loads(out)
        assert len(log["runs"][0]["results"]) == len(model.problems) + len(model.findings)
    elif fmt == "junit":
        root = ET.fromstring(out)
        assert int(root.get("errors", "-1")) == len(model.problems)


def check_edit(name: str, raw: bytes, ops: list[tuple[str, str, str | None, str | None]], nat: National) -> str:
    """Edits as the app makes them (any text typed into the dialog): each is applied or
    refused with an EditError, and after every applied edit the bytes a save would write
    load to a plan holding the value typed."""
    from model.project.document import PlanDocument
    from model.project.edits import EditError

    doc = PlanDocument(Path(name), raw, nat, file=name)
    applied = 0
    for op, phase, business, value in ops:
        try:
            if op == "date":
                doc.set_date(phase, value, business)
            elif op == "status":
                doc.set_status(phase, value, business)
            elif op == "note":
                doc.set_note(phase, value, business)
            elif op == "phase":
                doc.edit_phase(phase, date=value, status=None, note=value, business=business)
            elif op == "strategy":
                doc.set_vendor_strategy(value)
            elif op == "undo":
                doc.undo()
            else:
                doc.redo()
        except EditError as e:
            assert e.text("ja").strip() and e.text("en").strip()
            continue
        applied += 1
        res = parse_plan_bytes(doc.to_bytes(), name, nat)
        assert res.plan is not None, res.problems[:1]
        if op == "note" and value and value.strip():
            entry = res.plan.entry(phase, business)
            assert entry is not None and entry.note == value, (entry, value)
        if op == "date" and value and value.strip():
            entry = res.plan.entry(phase, business)
            assert entry is not None and entry.date is not None and entry.date.text == value.strip(), (entry, value)
    return "edited" if applied else "refused"
