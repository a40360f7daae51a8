"""``plans lint`` for people: the compiler-style text report (rich), and the one entry that
writes a lint result in any format of :data:`model.render.registry.LINT`.

The machine formats (json, github, sarif, junit) are pure writers in ``model/render/findings``;
this module adds the text report to the same registry, so :data:`FORMATS` names them all.
"""

from __future__ import annotations

import sys
from typing import TextIO

from model.checks.finding import Finding
from model.core.dates import render_month
from model.core.errors import Problem
from model.core.printable import printable
from model.core.severity import OK_STYLE, Severity
from model.project.lint import LintResult
from model.render.registry import LINT, LintFormat, add_lint
from tui.cli.capped import Rest, per_file

FORMATS = LINT
"""Every lint format by name, the text report included."""


def write(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    FORMATS[fmt].load()(res, lang, out or sys.stdout)


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


def write_text(res: LintResult, lang: str, out: TextIO) -> None:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape

    from tui.cli.shown import shown

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)

    def show_line(file: str, line: int, col: int) -> None:
        src = res.sources.get(file)
        if not src or not 0 < line <= len(src):
            return
        text = src[line - 1]
        num = f"{line:>4} | "
        console.print(f"[dim]{num}[/]{escape(printable(text, keep_tab=True))}")
        if col > 0:
            start = col - 1
            end = _token_end(text, start)
            pad = cell_len(printable(text[:start], keep_tab=True))  # the caret under the escaped text
            width = max(1, cell_len(printable(text[start:end], keep_tab=True)))
            console.print(f"[dim]{' ' * (len(num) - 2)}| [/]{' ' * pad}[bold]{'^' * width}[/]")

    def show_rest(rest: Rest) -> None:
        console.print(f"[dim]{escape(rest.text(lang))}[/]")

    for p in per_file(res.problems, _file):
        if isinstance(p, Rest):
            show_rest(p)
            continue
        console.print(f"[bold]{shown(str(p.place))}[/]: [{Severity.ERROR.style}]{p.code}[/] {shown(p.text(lang))}")
        show_line(p.place.file, p.place.line, p.place.col)
    for f in per_file(res.findings, _file):
        if isinstance(f, Rest):
            show_rest(f)
            continue
        sev = Severity(f.severity)
        console.print(
            f"[bold]{shown(str(f.place))}[/]: [{sev.style}]{f.code} {sev.label(lang)}[/] {shown(f.message(lang))} [dim]({f.name})[/]"
        )
        show_line(f.place.file, f.place.line, f.place.col)
    style = (
        Severity.ERROR.style
        if res.problems or res.worst() == Severity.ERROR
        else (Severity.WARNING.style if res.findings else OK_STYLE)
    )
    if not res.findings and not res.problems:
        console.print(
            f"[{style}]"
            + ("All checks passed. " if lang == "en" else "問題はありません。")
            + f"[/]{summary_text(res, lang)}"
        )
    else:
        console.print(f"[{style}]{summary_text(res, lang)}[/]")


def _file(item: Problem | Finding) -> str:
    return item.place.file


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


add_lint(LintFormat("text", "tui.cli.report:write_text"))

__all__ = ["FORMATS", "summary_text", "write", "write_text"]
