"""``plans lint --format sarif``: a SARIF 2.1.0 log for GitHub code scanning.

The rule descriptors come from the rule registry (:data:`model.checks.registry.RULES`, the
source of ``plans rule`` too) and the load-error codes; result ids are the codes. Artifact URIs
are relative to the repository root (the git top level: the nearest folder above the working
directory holding ``.git``, found without running git), against ``uriBaseId`` ``%SRCROOT%``;
outside a git work tree they are relative to the working directory, which
``originalUriBaseIds`` then names. Partial fingerprints are stable when other lines move, and
wherever in the repository the command was run. With fixes (``--diff``/``--fix``) a result of
PL001–PL006 carries its plan's fix as ``fixes`` (``artifactChanges`` with ``replacements``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from model.checks.registry import RULES
from model.core.errors import LOAD_CODES
from model.core.severity import Severity
from model.core.version import version
from model.render.findings.json import value_span

if TYPE_CHECKING:
    from model.project.fixing import Fixes, PlanFix
    from model.project.lint import LintResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "plansFinding/v1"
SRCROOT = "%SRCROOT%"


def git_root(start: Path) -> Path | None:
    """The git work tree ``start`` is in: the nearest folder at or above it holding ``.git``
    (a folder, or the file of a worktree or submodule); None outside any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


@dataclass(frozen=True, slots=True)
class Base:
    """What artifact URIs are relative to: the repository root (``git``), else the working
    directory. ``cwd`` is the folder the places' relative paths start from."""

    root: Path
    cwd: Path
    git: bool

    @classmethod
    def here(cls, cwd: Path | None = None) -> Base:
        cwd = Path(os.path.abspath(cwd or Path.cwd()))
        root = git_root(cwd)
        return cls(root or cwd, cwd, root is not None)

    def relative(self, file: str) -> str | None:
        """A place's file relative to the root (POSIX), or None when it lies outside."""
        path = Path(os.path.normpath(self.cwd / file))
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def artifact(self, file: str) -> dict[str, str]:
        """A place's file as a SARIF ``artifactLocation``: a relative, percent-encoded POSIX
        path against ``%SRCROOT%`` when it lies below the root (as GitHub code scanning wants),
        else a ``file://`` URI."""
        rel = self.relative(file)
        if rel is None:
            return {"uri": Path(os.path.normpath(self.cwd / file)).as_uri()}
        return {"uri": quote(rel), "uriBaseId": SRCROOT}

    def original_uri_base_ids(self) -> dict[str, object] | None:
        """``originalUriBaseIds`` outside a git work tree (inside one, the root is wherever the
        repository is checked out, which the consumer knows)."""
        if self.git:
            return None
        return {
            SRCROOT: {
                "uri": self.root.as_uri().rstrip("/") + "/",
                "description": {"text": "the working directory plans lint ran in"},
            }
        }


def artifact_uri(file: str, base: Base | None = None) -> str:
    """A place's file as a SARIF ``uri`` (see :meth:`Base.artifact`)."""
    return (base or Base.here()).artifact(file)["uri"]


def _region(line: int, col: int) -> dict[str, int] | None:
    if line < 1:
        return None
    region = {"startLine": line}
    if col >= 1:
        region["startColumn"] = col
    return region


def _location(base: Base, file: str, line: int, col: int) -> dict[str, object]:
    phys: dict[str, object] = {"artifactLocation": base.artifact(file)}
    if (region := _region(line, col)) is not None:
        phys["region"] = region
    return {"physicalLocation": phys}


def sarif_fix(base: Base, pf: PlanFix, unsafe: bool, lang: str) -> dict[str, object]:
    """A plan's fix as a SARIF ``fix``: one ``artifactChange`` of the plan file, a
    ``replacement`` per date value (the text between its quotes)."""
    replacements = []
    for e in pf.edits:
        start, end = value_span(e)
        region = {"startLine": e.line, "startColumn": start, "endLine": e.line, "endColumn": end}
        replacements.append({"deletedRegion": region, "insertedContent": {"text": e.new}})
    return {
        "description": {"text": pf.describe(lang)},
        "artifactChanges": [{"artifactLocation": base.artifact(pf.file), "replacements": replacements}],
        "properties": {"safety": str(pf.safety), "safe": pf.safety == "safe", "applies": pf.included(unsafe)},
    }


def fingerprint(*parts: object) -> str:
    """A fingerprint stable across runs: the rule, the file, the municipality, the phase and
    the business, not the line, so that editing other lines keeps a result's identity."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def _descriptor(
    code: str, name: str, short: str, full: str, doc: str, severity: Severity, tag: str
) -> dict[str, object]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["plans", tag], "severity": severity},
    }


def sarif_rules(lang: str, *, progress: bool = False) -> list[dict[str, object]]:
    """Rule descriptors: the lint rules (PL…), the progress rules (PG…) when ``progress``
    (``plans lint --progress``), then the load-error codes (E…), ids = codes."""
    rules = list(RULES.values())
    if progress:  # polars and the progress rules are loaded only then: lint starts faster
        from model.progress.registry import PG_RULES

        rules += PG_RULES.values()
    out = [
        _descriptor(r.code, r.name, r.title(lang), r.what(lang), r.doc(lang), Severity(r.severity), "schedule")
        for r in rules
    ]
    for code, name in LOAD_CODES.items():
        text = f"The plan file cannot be loaded ({name})" if lang == "en" else f"計画ファイルを読み込めません({name})"
        out.append(_descriptor(code, name, text, text, text, Severity.ERROR, "load-error"))
    return out


def sarif_log(res: LintResult, lang: str, *, fixes: Fixes | None = None, base: Base | None = None) -> dict[str, object]:
    base = base or Base.here()
    rules = sarif_rules(lang, progress=any(f.rule_name is not None for f in res.findings))
    index = {str(r["id"]): i for i, r in enumerate(rules)}
    results: list[dict[str, object]] = []
    seen: dict[str, int] = {}

    def fp(*parts: object) -> dict[str, str]:
        first = fingerprint(*parts)
        n = seen.get(first, 0)  # the same rule twice on one phase: keep both distinct
        seen[first] = n + 1
        return {FINGERPRINT_KEY: first if n == 0 else fingerprint(first, n)}

    for p in res.problems:
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": LEVEL[Severity.ERROR],
                "kind": "fail",
                "message": {"text": p.text(lang)},
                "locations": [_location(base, p.place.file, p.place.line, p.place.col)],
                "partialFingerprints": fp(p.code, _fp_file(base, p.place.file), p.place.line, p.words.en),
            }
        )
    for f in res.findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[Severity(f.severity)],
            "kind": "fail",
            "message": {"text": f.message(lang)},
            "locations": [_location(base, f.place.file, f.place.line, f.place.col)],
            "partialFingerprints": fp(f.code, _fp_file(base, f.place.file), f.municipality, f.phase, f.business),
            "properties": {
                "certain": f.certain,
                "municipality": f.municipality,
                "phase": f.phase,
                "business": f.business,
            },
        }
        if f.related:
            result["relatedLocations"] = [
                {"id": i, **_location(base, r.file, r.line, r.col)} for i, r in enumerate(f.related, 1)
            ]
        if fixes is not None and (pf := fixes.of(f)) is not None and pf.edits:
            result["fixes"] = [sarif_fix(base, pf, fixes.unsafe, lang)]
        results.append(result)
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "plans",
                "version": version(),
                "semanticVersion": version(),
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": not res.problems}],
    }
    if (ids := base.original_uri_base_ids()) is not None:
        run["originalUriBaseIds"] = ids
    run.update(columnKind="unicodeCodePoints", results=results)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _fp_file(base: Base, file: str) -> str:
    """The file as the fingerprint names it: relative to the root (so that a run from a
    subfolder gives the same fingerprints), else as the place names it."""
    return base.relative(file) or file


def write(res: LintResult, lang: str, out: TextIO, *, fixes: Fixes | None = None) -> None:
    json.dump(sarif_log(res, lang, fixes=fixes), out, ensure_ascii=False, indent=2)
    out.write("\n")
