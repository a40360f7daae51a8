"""``plans lint --format github``: GitHub Actions workflow commands (``::error file=…::…``),
which annotate the lines of a pull request."""

from __future__ import annotations

from typing import TextIO

from model.core.severity import Severity
from model.project.lint import LintResult

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape(s: str, prop: bool = False) -> str:
    """A message (or, ``prop``, a property value) as a workflow command carries it."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def write(res: LintResult, lang: str, out: TextIO) -> None:
    for p in res.problems:
        out.write(f"::error file={escape(p.place.file, True)},line={p.place.line},col={p.place.col},title={p.code}::{escape(p.text(lang))}\n")
    for f in res.findings:
        title = escape(f"{f.code} {f.name}", True)
        out.write(f"::{LEVEL[Severity(f.severity)]} file={escape(f.place.file, True)},line={f.place.line},col={f.place.col},title={title}::{escape(f.message(lang))}\n")
