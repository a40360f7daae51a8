"""``plans lint --exit-zero`` and ``--statistics`` (as ruff's): for CI that reports without
failing, and for a summary of findings per rule."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from model.checks.registry import RULES


def test_exit_zero_turns_findings_into_success(cli: Callable[..., object]) -> None:
    plain = cli("lint", "plans", "--as-of", "R4.2", "--format", "json")
    assert plain.code == 1  # type: ignore[attr-defined]
    zero = cli("lint", "plans", "--as-of", "R4.2", "--format", "json", "--exit-zero")
    assert zero.code == 0  # type: ignore[attr-defined]
    assert zero.out == plain.out  # type: ignore[attr-defined]
    strict = cli("lint", "plans", "--as-of", "R4.2", "--strict", "--exit-zero")
    assert strict.code == 0  # type: ignore[attr-defined]


def test_exit_zero_keeps_load_errors_at_2(cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("municipality = \n", encoding="utf-8")
    assert cli("lint", str(tmp_path), "--exit-zero").code == 2  # type: ignore[attr-defined]


def test_statistics_counts_per_rule(cli: Callable[..., object]) -> None:
    items = json.loads(cli("lint", "plans", "--as-of", "R4.2", "--format", "json").out)  # type: ignore[attr-defined]
    want = Counter(i["code"] for i in items)
    r = cli("lint", "plans", "--as-of", "R4.2", "--statistics", "--lang", "en")
    assert r.code == 1  # type: ignore[attr-defined]
    lines = r.out.splitlines()  # type: ignore[attr-defined]
    rows = [ln.split("\t") for ln in lines[:-1]]
    got = {code: int(n) for n, code, *_ in rows}
    assert got == dict(want)
    counts = [int(n) for n, *_ in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(name == RULES[code].name for _, code, name, _ in rows)
    assert lines[-1] == f"Found {sum(want.values())} issue(s)."
    assert "-->" not in r.out and ":13:20:" not in r.out  # no per-finding output  # type: ignore[attr-defined]


def test_statistics_as_json_and_with_load_errors(cli: Callable[..., object], tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('municipality = "a"\nbogus = 1\nother = 2\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text("municipality = \n", encoding="utf-8")
    r = cli("lint", str(tmp_path), "--statistics", "--format", "json")
    assert r.code == 2  # type: ignore[attr-defined]
    rows = json.loads(r.out)  # type: ignore[attr-defined]
    assert {(x["code"], x["count"]) for x in rows} >= {("E002", 2), ("E001", 1)}


# -- pre-commit hook and the README's CI examples ----------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hook_definition() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "plans-lint"]
    assert hook["language"] == "python" and hook["entry"] == "plans lint"
    rx = re.compile(hook["files"])
    assert rx.search("plans/ube.toml") and rx.search("plans/sub/x.toml")
    assert not rx.search("README.md") and not rx.search("tests/fixtures/rules/PL001.toml")
    # pyproject's console script is what `entry` runs
    assert 'plans = "tui.main:entry"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_pre_commit_hook_runs_on_the_files_it_selects() -> None:
    """What pre-commit runs: the entry with the matching files (national.toml among them)."""
    import re
    import shlex
    import subprocess
    import sys

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    rx = re.compile(hook["files"])
    files = sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "plans").rglob("*") if rx.search(p.relative_to(ROOT).as_posix())
    )
    assert "plans/national.toml" in files and "plans/ube.toml" in files
    argv = shlex.split(hook["entry"])
    assert argv[0] == "plans"
    run = subprocess.run(
        [sys.executable, "-m", "tui.main", *argv[1:], "--as-of", "R4.2", "--format", "json", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    whole = subprocess.run(
        [sys.executable, "-m", "tui.main", "lint", "plans", "--as-of", "R4.2", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == whole.returncode == 1, run.stderr
    assert json.loads(run.stdout) == json.loads(whole.stdout)


def _yaml_blocks(text: str) -> list[str]:
    import re

    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_readme_ci_integration_examples() -> None:
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CI integration", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(b) for b in _yaml_blocks(section)]
    workflow = next(b for b in blocks if "jobs" in b)
    steps = workflow["jobs"]["lint"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any(r.startswith("plans lint plans --format github") for r in runs)
    sarif_run = next(r for r in runs if "--format sarif" in r)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert sarif_run.endswith("> " + upload["with"]["sarif_file"])
    assert workflow["permissions"]["security-events"] == "write"
    precommit = next(b for b in blocks if "repos" in b)
    hook_ids = {h["id"] for r in precommit["repos"] for h in r["hooks"]}
    assert hook_ids == {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


# -- errors and exit codes: one PlansError, printed by tui.cli.main -------------------------


def test_exit_codes_are_an_enum() -> None:
    from tui.cli.main import ExitCode

    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]
    assert ExitCode.FINDINGS == 1 and ExitCode.ERROR.name == "ERROR"


def test_a_missing_path_is_the_same_error_for_every_command(cli: Callable[..., object], tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    for args in (
        ["lint", missing],
        ["table", missing],
        ["stats", missing],
        ["export", missing, "--format", "csv"],
        ["what-if", missing, "--deadline", "R7.3"],
        ["gantt", "--plans", missing],
    ):
        r = cli(*args)
        assert (r.code, r.out, r.err) == (2, "", f"{missing}: ファイルまたはフォルダがありません\n"), args  # type: ignore[attr-defined]
    r = cli("lint", missing, "--lang", "en")
    assert r.err == f"{missing}: no such file or folder\n"  # type: ignore[attr-defined]


def test_a_broken_national_timeline_is_reported_with_its_places(cli: Callable[..., object], tmp_path: Path) -> None:
    bad = tmp_path / "national.toml"
    bad.write_text("deadline = \n", encoding="utf-8")
    for args in (["lint", "plans"], ["table", "plans"], ["schema"], ["import", "x.csv", "--out", "plans"]):
        r = cli(*args, "--national", str(bad), "--lang", "en")
        assert r.code == 2 and r.out == "", args  # type: ignore[attr-defined]
        lines = r.err.splitlines()  # type: ignore[attr-defined]
        assert lines[0].startswith(f"{bad}:1:") and " E001 " in lines[0], args
        assert lines[-1] == "national timeline cannot be loaded"


def test_usage_errors_exit_2_with_their_words(cli: Callable[..., object]) -> None:
    r = cli("lint", "plans", "--select", "PL999")
    assert (r.code, r.out, r.err) == (2, "", "未知のルール 'PL999' です(一覧: plans rule --all)\n")  # type: ignore[attr-defined]
    r = cli("lint", "plans", "--select", "PL999", "--lang", "en")
    assert (r.code, r.out, r.err) == (2, "", "unknown rule 'PL999' (see: plans rule --all)\n")  # type: ignore[attr-defined]
    r = cli("what-if", "plans", "--lang", "en")
    assert r.code == 2 and r.err.startswith("nothing to change: give --shift") and r.err.count("\n") == 1  # type: ignore[attr-defined]


def test_load_codes_are_documented_like_rules(cli: Callable[..., object]) -> None:
    from model.core.errors import LOAD_CODES
    from model.core.load_codes import LOAD_DOCS

    assert list(LOAD_DOCS) == list(LOAD_CODES)
    for code, page in LOAD_DOCS.items():
        assert page.name == LOAD_CODES[code]
        for words in (page.title, page.what, page.why, page.fix):
            assert words.ja.strip() and words.en.strip(), code
        assert page.bad.strip() and page.good.strip() and page.bad != page.good
    r = cli("rule", "E004")
    assert r.code == 0 and r.out == LOAD_DOCS["E004"].doc("ja")  # type: ignore[attr-defined]
    assert r.out.startswith("E004 invalid-date (読み込みエラー)\n") and "## 直し方" in r.out  # type: ignore[attr-defined]
    r = cli("rule", "invalid-date", "--lang", "en")
    assert r.out.startswith("E004 invalid-date (load error)\n") and "## Fix" in r.out and 'fit_gap = "R4.13"' in r.out  # type: ignore[attr-defined]
    listed = cli("rule", "--all", "--lang", "en").out.splitlines()  # type: ignore[attr-defined]
    assert [ln.split()[0] for ln in listed][-len(LOAD_CODES) :] == list(LOAD_CODES)
    assert listed[-1].split(None, 2)[1] == "suppression-without-reason"


def test_each_load_codes_bad_example_gives_it_and_the_good_one_does_not(national) -> None:  # type: ignore[no-untyped-def]
    from model.core.load_codes import LOAD_DOCS
    from model.core.plan_reader import parse_plan_bytes

    def codes(text: str) -> set[str]:
        if "municipality" not in text:
            text = 'municipality = "例市"\n' + text
        return {p.code for p in parse_plan_bytes(text.encode(), "x.toml", national).problems}

    for code, page in LOAD_DOCS.items():
        if code in ("E006", "E009"):  # two files; bytes that are not UTF-8
            continue
        assert codes(page.bad) == {code}, code
        assert codes(page.good) == set(), code
