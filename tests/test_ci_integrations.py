"""CI integrations as their platforms use them (issue 11, items 16 and 17): ``--format github``
also writes every finding to the job summary when ``GITHUB_STEP_SUMMARY`` is set (GitHub shows
only 10 annotations of each level per step), and SARIF artifact URIs are relative to the
repository root wherever in the repository ``plans lint`` runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import PLANS, ROOT

from model.core.errors import Place
from model.render.findings.github import cell, summary
from model.render.findings.sarif import SRCROOT, git_root

SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
)


def json_findings(cli) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(cli("lint", "plans", "--format", "json").out)


# -- GITHUB_STEP_SUMMARY ---------------------------------------------------------------------


def test_github_format_appends_every_finding_to_the_step_summary(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    items = json_findings(cli)
    plain = cli("lint", "plans", "--format", "github")
    step = tmp_path / "step_summary.md"
    step.write_text("# earlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    r = cli("lint", "plans", "--format", "github")
    assert (r.code, r.out, r.err) == (plain.code, plain.out, plain.err), "the annotations are as before"
    text = step.read_text(encoding="utf-8")
    assert text.startswith("# earlier step output\n## plans lint\n"), "appended, not replaced"
    rows = [ln for ln in text.splitlines() if ln.startswith("| plans/")]
    assert len(rows) == len(items) == 26  # more than GitHub's 10 annotations per level
    for row, it in zip(rows, items, strict=True):
        assert row.startswith(f"| {it['file']}:{it['line']}:{it['column']} | {it['code']} ")
        assert cell(it["message"]) in row
    c = {s: sum(i["severity"] == s for i in items) for s in ("error", "warning", "info")}
    assert f"19ファイル: エラー {c['error']}、警告 {c['warning']}、情報 {c['info']}、読み込みエラー 0" in text


def test_no_summary_without_the_variable_or_in_other_formats(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    step = tmp_path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    cli("lint", "plans", "--format", "json")
    cli("lint", "plans")
    assert not step.exists()


def test_summary_cells_are_escaped_and_the_size_is_capped(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert cell("a|b\nc <x> `y` *z*") == "a\\|b<br>c &lt;x&gt; \\`y\\` \\*z\\*"
    from model.project.lint import lint_paths

    monkeypatch.chdir(ROOT)
    res = lint_paths([Path("plans")])
    full = summary(res, "en")
    assert full.count("\n| plans/") == 26
    capped = summary(res, "en", limit=len(full.encode("utf-8")) // 2)
    assert len(capped.encode("utf-8")) <= len(full.encode("utf-8")) // 2
    kept = capped.count("\n| plans/")
    assert 0 < kept < 26 and f"{26 - kept} more row(s) left out" in capped


def test_the_readme_ci_section_documents_the_job_summary() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CI integration", 1)[1].split("\n## ", 1)[0]
    assert "GITHUB_STEP_SUMMARY" in section


def test_load_errors_are_in_the_summary_too(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.toml").write_text('municipality = "x|y"\n[phases]\nmigration = R8.3\n', encoding="utf-8")
    step = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    r = cli("lint", "plans", "--format", "github", "--lang", "en", cwd=tmp_path)
    assert r.code == 2
    assert f"| {cell(str(Place('plans/bad.toml', 3, 13)))} | E001 |" in step.read_text(encoding="utf-8")


# -- SARIF URIs relative to the repository root ------------------------------------------------


def sarif(cli, *args: str, cwd: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("lint", *args, "--format", "sarif", cwd=cwd)
    log = json.loads(r.out)
    assert not list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    return log  # type: ignore[no-any-return]


def uris(log: dict) -> set[str]:  # type: ignore[type-arg]
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}


def fingerprints(log: dict) -> list[dict]:  # type: ignore[type-arg]
    return [r["partialFingerprints"] for r in log["runs"][0]["results"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (a ``.git`` folder: no git needed) holding two plans in ``sub/plans``."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    plans = root / "sub" / "plans"
    plans.mkdir(parents=True)
    for name in ("national.toml", "ube.toml", "hofu.toml"):
        shutil.copy(PLANS / name, plans / name)
    return root


def test_sarif_from_a_subfolder_is_relative_to_the_git_top_level(cli, repo) -> None:  # type: ignore[no-untyped-def]
    below = sarif(cli, "plans", cwd=repo / "sub")
    assert uris(below) == {"sub/plans/ube.toml", "sub/plans/hofu.toml"}
    loc = below["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uriBaseId"] == SRCROOT
    assert "originalUriBaseIds" not in below["runs"][0], "the checkout is wherever the consumer has it"
    at_top = sarif(cli, "sub/plans", cwd=repo)
    assert uris(at_top) == uris(below)
    assert fingerprints(at_top) == fingerprints(below), "the same alerts wherever lint ran"
    deeper = sarif(cli, ".", cwd=repo / "sub" / "plans")
    assert uris(deeper) == uris(below)


def test_a_git_file_marks_a_work_tree_too(cli, repo) -> None:  # type: ignore[no-untyped-def]
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n", encoding="utf-8")  # a worktree
    assert git_root(repo / "sub" / "plans") == repo
    assert uris(sarif(cli, "plans", cwd=repo / "sub")) == {"sub/plans/ube.toml", "sub/plans/hofu.toml"}


def test_outside_a_work_tree_the_base_is_named_in_original_uri_base_ids(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "nogit"
    (folder / "plans").mkdir(parents=True)
    for name in ("national.toml", "ube.toml"):
        shutil.copy(PLANS / name, folder / "plans" / name)
    if git_root(folder) is not None:
        pytest.skip("the temporary folder is inside a git work tree here")
    log = sarif(cli, "plans", cwd=folder)
    assert uris(log) == {"plans/ube.toml"}
    base = log["runs"][0]["originalUriBaseIds"][SRCROOT]
    assert base["uri"] == folder.resolve().as_uri() + "/"
