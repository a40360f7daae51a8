"""The version is written once (model/core/version.py, which hatchling reads for the metadata):
``plans --version``, SARIF's ``tool.driver.version``, the lint cache's key; the distribution
has a name of its own (``plans`` on PyPI is another project); the README's install, CI and
pre-commit instructions name it and a ``rev`` that is this version's tag (issue 11 item 19)."""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml
from conftest import ROOT

from model.core.version import DISTRIBUTION, __version__, version
from model.project import cache

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
VERSION = __version__
README = (ROOT / "README.md").read_text("utf-8")


def test_pyproject_names_the_distribution_and_keeps_the_command() -> None:
    assert PYPROJECT["name"] == DISTRIBUTION and DISTRIBUTION != "plans"
    assert PYPROJECT["scripts"] == {"plans": "tui.main:entry"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)


def test_the_version_is_dynamic_and_read_from_one_file() -> None:
    assert PYPROJECT["dynamic"] == ["version"] and "version" not in PYPROJECT
    hatch = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]["version"]
    assert hatch == {"path": "model/core/version.py"}
    assert version() == VERSION


def test_the_installed_metadata_is_read_when_there_is_some() -> None:
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{DISTRIBUTION} is not installed (a source checkout)")
    assert dist.version == VERSION  # a stale install would say another version: make reinstalls on a pyproject change
    assert {(e.name, e.value) for e in dist.entry_points if e.group == "console_scripts"} == {
        ("plans", "tui.main:entry")
    }


def test_plans_version(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--version")
    assert (r.code, r.out, r.err) == (0, f"plans {VERSION}\n", "")


def test_sarif_driver_version(cli) -> None:  # type: ignore[no-untyped-def]
    driver = json.loads(cli("lint", "plans", "--format", "sarif").out)["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == VERSION


def test_the_cache_key_changes_with_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.options_salt("digest", 202202, None)
    monkeypatch.setattr(cache, "version", lambda: "99.0.0")
    assert cache.options_salt("digest", 202202, None) != before


def test_no_module_writes_the_version() -> None:
    literal = re.compile(re.escape(VERSION).join([r"(?<![\d.])", r"(?![\d.])"]))
    places = [
        p for folder in ("model", "tui") for p in (ROOT / folder).rglob("*.py") if literal.search(p.read_text("utf-8"))
    ]
    assert places == [ROOT / "model" / "core" / "version.py"]


def _yaml_blocks(section: str) -> list[dict]:  # type: ignore[type-arg]
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, flags=re.S)]


def test_readme_install_ci_and_pre_commit_name_this_release() -> None:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert DISTRIBUTION in install and f"@v{VERSION}" in install and f"plans {VERSION}" in install
    ci = README.split("## CI integration", 1)[1].split("\n## ", 1)[0]
    blocks = _yaml_blocks(ci)
    [precommit] = [b for b in blocks if "repos" in b]
    [repo] = precommit["repos"]
    assert repo["rev"] == f"v{VERSION}"
    [workflow] = [b for b in blocks if "jobs" in b]
    [install_step] = [s["run"] for s in workflow["jobs"]["lint"]["steps"] if "pip install" in s.get("run", "")]
    assert f"{repo['repo']}@v{VERSION}" in install_step.replace("git+", "")  # the same repository and release


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_the_release_tag_is_annotated_on_its_version() -> None:
    """Where the tag ``vX.Y.Z`` exists (a clone may come without tags), it is annotated and
    points at a commit that has that version, so pre-commit's ``rev`` runs it."""
    tags = subprocess.run(
        ["git", "tag", "--list", "v*"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    if not tags:
        pytest.skip("no release tags in this clone")
    for tag in tags:
        kind = subprocess.run(
            ["git", "cat-file", "-t", tag], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        at = subprocess.run(
            ["git", "show", f"{tag}^{{commit}}:pyproject.toml"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        assert kind == "tag", f"{tag} is a lightweight tag"
        written = tomllib.loads(at)["project"].get("version")
        if written is None:  # dynamic: written once in model/core/version.py
            source = subprocess.run(
                ["git", "show", f"{tag}^{{commit}}:model/core/version.py"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            written = re.search(r'__version__ = "([^"]+)"', source).group(1)  # type: ignore[union-attr]
        assert f"v{written}" == tag
