"""Output formats of ``plans lint``: text (rich, compiler-style), json, github, sarif, junit.

Every format gets the same ``LintResult``; load errors are reported beside findings.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import TextIO

from model.checks.engine import Finding
from model.checks.registry import RULES, SEVERITY_JA
from model.core.dates import render_month
from model.core.errors import Problem
from model.project.lint import LintResult

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


# -- SARIF 2.1.0 (GitHub code scanning) and JUnit XML (CI test reports) ---------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "plansFinding/v1"


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plans")
    except PackageNotFoundError:
        return "0.0.0"


def artifact_uri(file: str) -> str:
    """A place's file as a SARIF ``uri``: a relative, percent-encoded POSIX path when the
    file is below the working directory (as GitHub wants, relative to the checkout), else
    a ``file://`` URI."""
    from pathlib import Path, PurePath
    from urllib.parse import quote

    p = PurePath(file)
    if p.is_absolute():
        return Path(p).as_uri()
    return quote(p.as_posix())


def _region(line: int, col: int) -> dict[str, int] | None:
    if line < 1:
        return None
    region = {"startLine": line}
    if col >= 1:
        region["startColumn"] = col
    return region


def _location(file: str, line: int, col: int) -> dict[str, object]:
    phys: dict[str, object] = {"artifactLocation": {"uri": artifact_uri(file)}}
    if (region := _region(line, col)) is not None:
        phys["region"] = region
    return {"physicalLocation": phys}


def fingerprint(*parts: object) -> str:
    """A fingerprint stable across runs: the rule, the file, the municipality, the phase and
    the business, not the line, so that editing other lines keeps a result's identity."""
    import hashlib

    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def sarif_rules(lang: str) -> list[dict[str, object]]:
    """Rule descriptors: the lint rules (PL…) then the load-error codes (E…), ids = codes."""
    from model.core.errors import LOAD_CODES

    en = lang == "en"
    out: list[dict[str, object]] = []
    for r in RULES.values():
        doc = r.doc(lang)
        out.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.title_en if en else r.title},
                "fullDescription": {"text": r.what_en if en else r.what},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                "properties": {"tags": ["plans", "schedule"], "severity": r.severity},
            }
        )
    for code, name in LOAD_CODES.items():
        text = f"The plan file cannot be loaded ({name})" if en else f"計画ファイルを読み込めません({name})"
        out.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "help": {"text": text, "markdown": text},
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["plans", "load-error"], "severity": "error"},
            }
        )
    return out


def sarif_log(res: LintResult, lang: str) -> dict[str, object]:
    rules = sarif_rules(lang)
    index = {str(r["id"]): i for i, r in enumerate(rules)}
    results: list[dict[str, object]] = []
    seen: dict[str, int] = {}

    def fp(*parts: object) -> dict[str, str]:
        base = fingerprint(*parts)
        n = seen.get(base, 0)  # the same rule twice on one phase: keep both distinct
        seen[base] = n + 1
        return {FINGERPRINT_KEY: base if n == 0 else fingerprint(base, n)}

    for p in res.problems:
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": "error",
                "kind": "fail",
                "message": {"text": p.text(lang)},
                "locations": [_location(p.place.file, p.place.line, p.place.col)],
                "partialFingerprints": fp(p.code, p.place.file, p.place.line, p.words.en),
            }
        )
    for f in res.findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "kind": "fail",
            "message": {"text": f.message(lang)},
            "locations": [_location(f.place.file, f.place.line, f.place.col)],
            "partialFingerprints": fp(f.code, f.place.file, f.municipality, f.phase, f.business),
            "properties": {"certain": f.certain, "municipality": f.municipality, "phase": f.phase, "business": f.business},
        }
        if f.related:
            result["relatedLocations"] = [{"id": i, **_location(r.file, r.line, r.col)} for i, r in enumerate(f.related, 1)]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plans",
                        "version": _tool_version(),
                        "semanticVersion": _tool_version(),
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not res.problems}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


@formatter("sarif")
def to_sarif(res: LintResult, lang: str, out: TextIO) -> None:
    json.dump(sarif_log(res, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    """Text safe in XML 1.0: characters XML cannot carry at all (C0 controls but tab, CR
    and LF; lone surrogates; U+FFFE/U+FFFF) become U+FFFD. ElementTree escapes &, < and
    quotes but writes those characters as they are, which no XML parser reads back."""
    return _XML_BAD.sub("\ufffd", s)


@formatter("junit")
def to_junit(res: LintResult, lang: str, out: TextIO) -> None:
    """JUnit XML: a testsuite per file, a testcase per plan with a <failure> per error or
    warning finding (info findings go to <system-out>), load errors as <error>."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, dict[str, list]] = {}  # type: ignore[type-arg]

    def slot(file: str) -> dict[str, list]:  # type: ignore[type-arg]
        return by_file.setdefault(file, {"plans": [], "problems": [], "findings": []})

    for plan in res.plans:
        slot(plan.file)["plans"].append(plan.municipality)
    for p in res.problems:
        slot(p.place.file)["problems"].append(p)
    for f in res.findings:
        slot(f.place.file)["findings"].append(f)

    root = ET.Element("testsuites", name="plans lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in sorted(by_file):
        entry = by_file[file]
        suite = ET.SubElement(root, "testsuite", name=file)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        munis = entry["plans"] or sorted({f.municipality for f in entry["findings"]})
        for muni in munis:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", classname=file, name=muni, file=file)
            infos = []
            for f in entry["findings"]:
                if f.municipality != muni:
                    continue
                text = f"{f.place}: {f.code} {f.name} ({f.severity})\n{f.message(lang)}"
                if f.severity == "info":
                    infos.append(text)
                    continue
                counts["failures"] += 1
                fail = ET.SubElement(case, "failure", type=f.code, message=f"{f.place}: {f.code} {f.message(lang)}")
                fail.text = text
            if infos:
                ET.SubElement(case, "system-out").text = "\n\n".join(infos)
        for p in entry["problems"]:
            counts["tests"] += 1
            counts["errors"] += 1
            case = ET.SubElement(suite, "testcase", classname=file, name=f"{file} (load)", file=file)
            err = ET.SubElement(case, "error", type=p.code, message=f"{p.place}: {p.code} {p.text(lang)}")
            err.text = f"{p.place}: {p.code} {p.text(lang)}"
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    for el in root.iter():
        if el.text:
            el.text = xml_text(el.text)
        for k, v in el.attrib.items():
            el.set(k, xml_text(v))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def statistics(res: LintResult) -> list[tuple[int, str, str, str]]:
    """Counts per rule (and per load-error code), most frequent first, as ruff prints them."""
    from collections import Counter

    from model.core.errors import LOAD_CODES

    counts: Counter[str] = Counter(f.code for f in res.findings)
    counts.update(p.code for p in res.problems)
    rows = []
    for code, n in counts.items():
        if code in RULES:
            rows.append((n, code, RULES[code].name, RULES[code].severity))
        else:
            rows.append((n, code, LOAD_CODES.get(code, "?"), "error"))
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def write_statistics(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    rows = statistics(res)
    if fmt == "json":
        json.dump([{"code": c, "name": name, "severity": sev, "count": n} for n, c, name, sev in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(r[0])) for r in rows), default=1)
    for n, code, name, sev in rows:
        out.write(f"{n:>{width}}\t{code}\t{name}\t{sev if lang == 'en' else SEVERITY_JA[sev]}\n")
    total = sum(r[0] for r in rows)
    out.write(f"Found {total} issue(s).\n" if lang == "en" else f"合計 {total} 件\n")


def write(res: LintResult, fmt: str, lang: str, out: TextIO | None = None) -> None:
    FORMATS[fmt](res, lang, out or sys.stdout)
