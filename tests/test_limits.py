"""Limits and safety: a size cap on plan files with a clear error; no path in a plan or a
scenario reaches outside the plans folder (``..``, absolute paths, symlinks); nothing in a
plan file is ever executed; no network."""

from __future__ import annotations

import builtins
import os
import pickle
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model.analysis.whatif import ScenarioError, load_scenario
from model.core import reader
from model.core.national import National
from model.project.lint import lint_paths
from model.project.loader import discover

ROOT = Path(__file__).resolve().parents[1]
UBE = (ROOT / "plans" / "ube.toml").read_bytes()


# -- size cap -------------------------------------------------------------------------


def _padded(size: int) -> bytes:
    pad = size - len(UBE) - 3
    return UBE + b"\n# " + b"x" * pad


def test_a_file_over_the_cap_is_refused_with_a_clear_error(tmp_path: Path, cli: Callable[..., object]) -> None:
    (tmp_path / "big.toml").write_bytes(_padded(reader.MAX_FILE_BYTES + 1))
    (tmp_path / "ok.toml").write_bytes(
        _padded(reader.MAX_FILE_BYTES).replace("宇部市".encode(), "萩市".encode()).ljust(reader.MAX_FILE_BYTES, b"x")
    )
    res = lint_paths([tmp_path])
    [p] = res.problems
    assert p.code == "E009" and p.place.file.endswith("big.toml")
    assert f"{reader.MAX_FILE_BYTES:,}" in p.words.en and "too large" in p.words.en
    assert [pl.municipality for pl in res.plans] == ["萩市"]  # exactly at the cap is fine
    r = cli("lint", str(tmp_path), "--lang", "en", cwd=tmp_path)
    assert r.code == 2  # type: ignore[attr-defined]
    assert "big.toml: E009 file too large" in r.out  # type: ignore[attr-defined]


def test_the_cap_is_enforced_while_reading_not_after(tmp_path: Path) -> None:
    """A plan that is a link to an endless device is refused (without a limit the whole
    read would never end); a large regular file is read only up to the cap. Explicitly
    named, so discovery does not filter it."""
    code = (
        "from pathlib import Path\n"
        "from model.core.national import load_national\n"
        "from model.project.loader import load_plans\n"
        "_, problems, _ = load_plans([Path('/dev/zero')], load_national())\n"
        "print(problems[0].code, 'too large' in problems[0].words.en or 'not a regular file' in problems[0].words.en)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.stdout.split() == ["E009", "True"], r.stderr
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (reader.MAX_FILE_BYTES + 4096))
    assert len(reader.read_capped(big)) == reader.MAX_FILE_BYTES + 1


# -- paths stay inside the plans folder ---------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """plans/ with two plans, and outside it a plan, reached by symlinks from plans/."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ube.toml").write_bytes(UBE)
    (plans / "sub").mkdir()
    (plans / "sub" / "hagi.toml").write_bytes((ROOT / "plans" / "hagi.toml").read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.toml").write_bytes(UBE.replace("宇部市".encode(), "秘密市".encode()))
    (plans / "link.toml").symlink_to(outside / "secret.toml")
    (plans / "linkdir").symlink_to(outside, target_is_directory=True)
    (plans / "abs.toml").symlink_to("/etc/hostname")
    (plans / "alias.toml").symlink_to(plans / "ube.toml")  # inside: the same plan, once
    return plans


def test_discovery_does_not_follow_symlinks_out_of_the_folder(tree: Path) -> None:
    found = discover([tree])
    assert [p.relative_to(tree).as_posix() for p in found] == ["alias.toml", "sub/hagi.toml"] or [
        p.relative_to(tree).as_posix() for p in found
    ] == ["sub/hagi.toml", "ube.toml"]
    assert all(p.resolve().is_relative_to(tree.resolve()) for p in found)
    res = lint_paths([tree])
    assert "秘密市" not in {p.municipality for p in res.plans}
    assert not res.problems  # nothing outside was read (abs.toml -> /etc/hostname is not TOML)


def test_discovery_skips_hidden_files_and_interrupted_saves(tree: Path) -> None:
    (tree / ".ube.toml.k3j2.tmp").write_bytes(UBE[:100])
    (tree / ".draft.toml").write_bytes(b"garbage")
    (tree / ".git").mkdir()
    (tree / ".git" / "x.toml").write_bytes(b"garbage")
    assert not lint_paths([tree]).problems


def _scenario(tmp_path: Path, plans_value: str) -> Path:
    f = tmp_path / "scenario.toml"
    f.write_text(f'name = "t"\ndeadline = "R7.3"\nplans = [{plans_value}]\n', encoding="utf-8")
    return f


@pytest.mark.parametrize(
    "value",
    [
        '"../outside/secret.toml"',
        '"sub/../../outside/secret.toml"',
        '"/etc/hostname"',
        '"link.toml"',
        '"linkdir/secret.toml"',
        '"a\\u0000b.toml"',
    ],
)
def test_a_scenario_cannot_name_a_plan_outside_the_folder(
    value: str, tree: Path, national: National, cli: Callable[..., object]
) -> None:
    sc = _scenario(tree.parent, value)
    with pytest.raises(ScenarioError) as e:
        load_scenario(sc, national, tree)
    [p] = e.value.problems
    assert p.code in ("E008", "E009") and p.place.line == 3
    r = cli("what-if", "--scenario", str(sc), str(tree), "--lang", "en", cwd=tree.parent)
    assert r.code == 2  # type: ignore[attr-defined]
    assert "scenario.toml:3:" in r.err + r.out  # type: ignore[attr-defined]


def test_a_scenario_may_name_plans_inside_the_folder(tree: Path, national: National) -> None:
    sc = load_scenario(_scenario(tree.parent, '"ube.toml", "sub/hagi.toml", "./sub/../ube.toml"'), national, tree)
    assert sc.plans is not None and {p.name for p in sc.plans} == {"ube.toml", "hagi.toml"}


# -- nothing executed, no network ------------------------------------------------------

HOSTILE = b"""municipality = "__import__('os').system('touch PWNED')"
surveyed = "R3.12"
note = "$(touch PWNED) `touch PWNED` {{7*7}} ${HOME} !!python/object/apply:os.system ['touch PWNED']"
prefecture = "https://example.invalid/x"
[phases]
governance = "R4.10"
migration = "eval('1')"
[[ignore]]
rule = "PL006; touch PWNED"
reason = "<script>alert(1)</script>"
"""


def _forbid(monkeypatch: pytest.MonkeyPatch, calls: list[str]) -> None:
    def refuse(name: str) -> Callable[..., object]:
        real = getattr(builtins, name.split(".")[-1], None) if name.startswith("builtins.") else None

        def f(*a: object, **k: object) -> object:
            if real is not None and a and not isinstance(a[0], str | bytes):
                return real(*a, **k)  # importing a module execs its code object: not plan text
            calls.append(name)
            raise AssertionError(f"{name} called while linting")

        return f

    for mod, names in (
        (os, ["system", "popen", "execv", "execve", "execvp", "execvpe", "posix_spawn", "posix_spawnp", "fork"]),
        (subprocess, ["Popen", "run", "call", "check_output"]),
        (builtins, ["eval", "exec"]),
        (pickle, ["loads", "load"]),
        (socket, ["socket", "create_connection", "getaddrinfo", "gethostbyname"]),
    ):
        for n in names:
            if hasattr(mod, n):
                monkeypatch.setattr(mod, n, refuse(f"{mod.__name__}.{n}"))


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_lint_executes_nothing_and_opens_no_socket(
    fmt: str, tmp_path: Path, cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    (tmp_path / "plans" / "hostile.toml").write_bytes(HOSTILE)
    from tui.cli.report import FORMATS

    FORMATS[fmt].load()  # the writer's module is imported before the patches (code, not plan text)

    calls: list[str] = []
    _forbid(monkeypatch, calls)
    r = cli("lint", "plans", "--format", fmt, "--no-cache", cwd=tmp_path)
    monkeypatch.undo()
    assert calls == []
    assert r.code in (1, 2)  # type: ignore[attr-defined]
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "plans" / "PWNED").exists()


def test_the_socket_patch_would_catch_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The net test can fail: a connection attempt under the patch is refused and recorded."""
    calls: list[str] = []
    _forbid(monkeypatch, calls)
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(AssertionError):
        builtins.eval("1 + 1")
    with pytest.raises(AssertionError):
        subprocess.run(["true"])
    monkeypatch.undo()
    assert calls == ["socket.create_connection", "builtins.eval", "subprocess.run"]


def test_hostile_strings_are_data(national: National) -> None:
    from model.core.plan_reader import parse_plan_bytes

    res = parse_plan_bytes(HOSTILE, "hostile.toml", national)
    codes = {(p.code, p.place.line) for p in res.problems}
    assert ("E004", 7) in codes  # "eval('1')" is only a date that cannot be read
    assert ("E008", 7) not in codes
