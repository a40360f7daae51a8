"""``plans lint --format junit``: JUnit XML for CI test reports — a testsuite per file, a
testcase per plan with a ``<failure>`` per error or warning finding (info findings go to
``<system-out>``), load errors as ``<error>``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TextIO

from model.checks.finding import Finding
from model.core.errors import Problem
from model.core.severity import Severity
from model.project.lint import LintResult

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(s: str) -> str:
    """Text safe in XML 1.0: characters XML cannot carry at all (C0 controls but tab, CR
    and LF; lone surrogates; U+FFFE/U+FFFF) become U+FFFD. ElementTree escapes &, < and
    quotes but writes those characters as they are, which no XML parser reads back."""
    return _XML_BAD.sub("\ufffd", s)


@dataclass(slots=True)
class _File:
    """What one plan file contributes: its plans' municipalities, load problems, findings."""

    plans: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _by_file(res: LintResult) -> dict[str, _File]:
    by_file: dict[str, _File] = {}
    for plan in res.plans:
        by_file.setdefault(plan.file, _File()).plans.append(plan.municipality)
    for p in res.problems:
        by_file.setdefault(p.place.file, _File()).problems.append(p)
    for f in res.findings:
        by_file.setdefault(f.place.file, _File()).findings.append(f)
    return by_file


def _suite(root: ET.Element, file: str, entry: _File, lang: str) -> dict[str, int]:
    suite = ET.SubElement(root, "testsuite", name=file)
    counts = {"tests": 0, "failures": 0, "errors": 0}
    munis = entry.plans or sorted({f.municipality for f in entry.findings})
    for muni in munis:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname=file, name=muni, file=file)
        infos = []
        for f in entry.findings:
            if f.municipality != muni:
                continue
            text = f"{f.place}: {f.code} {f.name} ({f.severity})\n{f.message(lang)}"
            if f.severity == Severity.INFO:
                infos.append(text)
                continue
            counts["failures"] += 1
            fail = ET.SubElement(case, "failure", type=f.code, message=f"{f.place}: {f.code} {f.message(lang)}")
            fail.text = text
        if infos:
            ET.SubElement(case, "system-out").text = "\n\n".join(infos)
    for p in entry.problems:
        counts["tests"] += 1
        counts["errors"] += 1
        case = ET.SubElement(suite, "testcase", classname=file, name=f"{file} (load)", file=file)
        err = ET.SubElement(case, "error", type=p.code, message=f"{p.place}: {p.code} {p.text(lang)}")
        err.text = f"{p.place}: {p.code} {p.text(lang)}"
    for k, v in counts.items():
        suite.set(k, str(v))
    return counts


def write(res: LintResult, lang: str, out: TextIO) -> None:
    root = ET.Element("testsuites", name="plans lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    by_file = _by_file(res)
    for file in sorted(by_file):
        for k, v in _suite(root, file, by_file[file], lang).items():
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
