"""``plans lint --format sarif``: a SARIF 2.1.0 log for GitHub code scanning.

The rule descriptors come from the rule registry (:data:`model.checks.registry.RULES`, the
source of ``plans rule`` too) and the load-error codes; result ids are the codes. Artifact URIs
are relative to the checkout; partial fingerprints are stable when other lines move.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePath
from typing import TextIO
from urllib.parse import quote

from model.checks.registry import RULES
from model.core.errors import LOAD_CODES
from model.core.severity import Severity
from model.project.lint import LintResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "plansFinding/v1"


def _tool_version() -> str:
    try:
        return version("plans")
    except PackageNotFoundError:
        return "0.0.0"


def artifact_uri(file: str) -> str:
    """A place's file as a SARIF ``uri``: a relative, percent-encoded POSIX path when the
    file is below the working directory (as GitHub wants, relative to the checkout), else
    a ``file://`` URI."""
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
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def _descriptor(code: str, name: str, short: str, full: str, doc: str, severity: Severity, tag: str) -> dict[str, object]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["plans", tag], "severity": severity},
    }


def sarif_rules(lang: str) -> list[dict[str, object]]:
    """Rule descriptors: the lint rules (PL…) then the load-error codes (E…), ids = codes."""
    out = [
        _descriptor(r.code, r.name, r.title(lang), r.what(lang), r.doc(lang), Severity(r.severity), "schedule")
        for r in RULES.values()
    ]
    for code, name in LOAD_CODES.items():
        text = f"The plan file cannot be loaded ({name})" if lang == "en" else f"計画ファイルを読み込めません({name})"
        out.append(_descriptor(code, name, text, text, text, Severity.ERROR, "load-error"))
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
                "level": LEVEL[Severity.ERROR],
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
            "level": LEVEL[Severity(f.severity)],
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


def write(res: LintResult, lang: str, out: TextIO) -> None:
    json.dump(sarif_log(res, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
