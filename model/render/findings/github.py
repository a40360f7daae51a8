"""``plans lint --format github``: GitHub Actions workflow commands (``::error file=…::…``),
which annotate the lines of a pull request, and the job summary (a Markdown table).

Both are shown to people (the job log, the pull request, the summary page), so control
characters and bidi overrides in a file name or a message are escaped as in every text
output (``\\x1b``, ``\\u202e``: :func:`model.core.printable.printable`): the job log reads
ANSI escapes, and an override would reverse what a reviewer reads."""

from __future__ import annotations

from typing import TextIO

from model.core.printable import printable
from model.core.severity import Severity
from model.project.lint import LintResult

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape(s: str, prop: bool = False) -> str:
    """A message (or, ``prop``, a property value) as a workflow command carries it: line
    breaks encoded as the runner decodes them, other control characters escaped."""
    s = printable(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def write(res: LintResult, lang: str, out: TextIO) -> None:
    for p in res.problems:
        out.write(
            f"::error file={escape(p.place.file, True)},line={p.place.line},col={p.place.col},title={p.code}::{escape(p.text(lang))}\n"
        )
    for f in res.findings:
        title = escape(f"{f.code} {f.name}", True)
        out.write(
            f"::{LEVEL[Severity(f.severity)]} file={escape(f.place.file, True)},line={f.place.line},col={f.place.col},title={title}::{escape(f.message(lang))}\n"
        )


# -- the job summary ($GITHUB_STEP_SUMMARY) ------------------------------------------------

SUMMARY_LIMIT = 1024 * 1024  # GitHub drops a step's summary above 1 MiB


def cell(s: str) -> str:
    """Text safe in a Markdown table cell: HTML and Markdown punctuation escaped, a pipe
    escaped, line breaks as ``<br>``, other control characters as ``\\x1b``."""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for c in "\\`*_[]|":
        s = s.replace(c, "\\" + c)
    return printable(s.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>"))


def summary(res: LintResult, lang: str, limit: int = SUMMARY_LIMIT) -> str:
    """Every load problem and finding as one Markdown table (GitHub shows only 10
    annotations of each level per step); rows beyond ``limit`` bytes are counted instead."""
    en = lang == "en"
    c = res.counts()
    head = [
        "## plans lint\n\n",
        (
            f"{res.files} file(s): {c[Severity.ERROR]} error(s), {c[Severity.WARNING]} warning(s), {c[Severity.INFO]} info, {len(res.problems)} load error(s)\n\n"
            if en
            else f"{res.files}ファイル: エラー {c[Severity.ERROR]}、警告 {c[Severity.WARNING]}、情報 {c[Severity.INFO]}、読み込みエラー {len(res.problems)}\n\n"
        ),
    ]
    if not res.findings and not res.problems:
        return "".join(head)
    head.append(
        "| place | code | severity | municipality | message |\n" if en else "| 場所 | コード | 重大度 | 団体 | 内容 |\n"
    )
    head.append("|---|---|---|---|---|\n")
    rows = [
        f"| {cell(str(p.place))} | {p.code} | {Severity.ERROR.label(lang)} | | {cell(p.text(lang))} |\n"
        for p in res.problems
    ]
    for f in res.findings:
        sev = Severity(f.severity)
        rows.append(
            f"| {cell(str(f.place))} | {f.code} {cell(f.name)} | {sev.icon} {sev.label(lang)} | {cell(f.municipality)} | {cell(f.message(lang))} |\n"
        )
    out = head
    room = limit - len("".join(head).encode("utf-8")) - 200  # 200: the closing line
    for i, row in enumerate(rows):
        n = len(row.encode("utf-8"))
        if n > room:
            rest = len(rows) - i
            out.append(
                f"\n{rest} more row(s) left out (over GitHub's summary size)\n"
                if en
                else f"\nほか {rest} 行は GitHub の要約の上限を超えるため省略しました\n"
            )
            break
        out.append(row)
        room -= n
    return "".join(out) + "\n"
