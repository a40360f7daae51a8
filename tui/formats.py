"""Output formats of ``plans lint``: text (rich, compiler-style), json, github.

Every format gets the same ``LintResult``; load errors are reported beside findings.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TextIO

from model.check import Finding
from model.dates import render_month
from model.errors import Problem
from model.lint import LintResult
from model.rules import RULES, SEVERITY_JA

Formatter = Callable[[LintResult, str, TextIO], None]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def deco(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return deco


def finding_dict(f: Finding, lang: str) -> dict[str, object]:
    return {
        "kind": "finding",
        "file": f.place.file,
        "line": f.place.line,
        "column": f.place.col,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "certain": f.certain,
        "municipality": f.municipality,
        "business": f.business,
        "phase": f.phase,
        "message": f.message(lang),
        "url": None,
    }


def problem_dict(p: Problem, lang: str) -> dict[str, object]:
    return {
        "kind": "load-error",
        "file": p.place.file,
        "line": p.place.line,
        "column": p.place.col,
        "code": p.code,
        "name": None,
        "severity": "error",
        "certain": True,
        "municipality": None,
        "business": None,
        "phase": None,
        "message": p.text(lang),
    }


@formatter("json")
def to_json(res: LintResult, lang: str, out: TextIO) -> None:
    items = [problem_dict(p, lang) for p in res.problems] + [finding_dict(f, lang) for f in res.findings]
    for it in items:
        it.pop("url", None)
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


@formatter("github")
def to_github(res: LintResult, lang: str, out: TextIO) -> None:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for p in res.problems:
        out.write(f"::error file={_gh_escape(p.place.file, True)},line={p.place.line},col={p.place.col},title={p.code}::{_gh_escape(p.text(lang))}\n")
    for f in res.findings:
        title = _gh_escape(f"{f.code} {f.name}", True)
        out.write(f"::{level[f.severity]} file={_gh_escape(f.place.file, True)},line={f.place.line},col={f.place.col},title={title}::{_gh_escape(f.message(lang))}\n")


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary_text(res: LintResult, lang: str) -> str:
    c = res.counts()
    when = render_month(res.as_of) if res.as_of is not None else "-"
    if lang == "en":
        parts = [f"{c['error']} error(s)", f"{c['warning']} warning(s)", f"{c['info']} info"]
        s = f"{', '.join(parts)} in {res.files} file(s) (evaluated as of {when})"
        if res.problems:
            s += f"; {len(res.problems)} load error(s)"
        return s
    s = f"{res.files}ファイル: エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}(評価日 {when})"
    if res.problems:
        s += f"、読み込みエラー {len(res.problems)}"
    return s


@formatter("text")
def to_text(res: LintResult, lang: str, out: TextIO) -> None:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)

    def show_line(file: str, line: int, col: int) -> None:
        src = res.sources.get(file)
        if not src or not 0 < line <= len(src):
            return
        text = src[line - 1]
        num = f"{line:>4} | "
        console.print(f"[dim]{num}[/]{escape(text)}")
        if col > 0:
            start = col - 1
            end = _token_end(text, start)
            pad = cell_len(text[:start])
            width = max(1, cell_len(text[start:end]))
            console.print(f"[dim]{' ' * (len(num) - 2)}| [/]{' ' * pad}[bold]{'^' * width}[/]")

    for p in res.problems:
        console.print(f"[bold]{escape(str(p.place))}[/]: [bold red]{p.code}[/] {escape(p.text(lang))}")
        show_line(p.place.file, p.place.line, p.place.col)
    for f in res.findings:
        sev = f.severity if lang == "en" else SEVERITY_JA[f.severity]
        console.print(f"[bold]{escape(str(f.place))}[/]: [{_STYLE[f.severity]}]{f.code} {sev}[/] {escape(f.message(lang))} [dim]({RULES[f.code].name})[/]")
        show_line(f.place.file, f.place.line, f.place.col)
    style = "bold red" if res.problems or res.worst() == "error" else ("yellow" if res.findings else "green")
    if not res.findings and not res.problems:
        console.print(f"[{style}]" + ("All checks passed. " if lang == "en" else "問題はありません。") + f"[/]{summary_text(res, lang)}")
    else:
        console.print(f"[{style}]{summary_text(res, lang)}[/]")


def _token_end(text: str, start: int) -> int:
    """End of the value token at ``start``: a quoted string, or up to whitespace/comment."""
    if start >= len(text):
        return start
    q = text[start]
    if q in "\"'":
        end = text.find(q, start + 1)
        return end + 1 if end > 0 else len(text)
    end = start
    while end < len(text) and text[end] not in " \t#,":
        end += 1
    return max(end, start + 1)


def write(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    FORMATS[fmt](res, lang, out or sys.stdout)
