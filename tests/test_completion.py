"""``plans completion bash|zsh`` (shtab, from the argparse parser of every command, the app's
``plans tui`` included): the scripts name the sub-commands and options, and a real bash and
zsh complete with them (issue 11 item 20)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

import tui.main
from model.checks.registry import RULES
from tui.cli.main import build_parser

BASH = shutil.which("bash")
ZSH = shutil.which("zsh")


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every sub-command's parser, as the ``plans`` console script composes them (tui.main
    hands the CLI the app's commands)."""
    seen = {}

    def capture(argv: object, extra: tuple[tuple[str, object], ...] = ()) -> int:
        seen["extra"] = extra
        return 0

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tui.main.cli, "main", capture)
        tui.main.main([])
    parser = build_parser(seen["extra"])  # type: ignore[arg-type]
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two scripts as ``plans`` prints them (in-process, through tui.main)."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("completion")
    paths = {}
    for shell in ("bash", "zsh"):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert tui.main.main(["completion", shell]) == 0
        paths[shell] = out / ("plans.bash" if shell == "bash" else "_plans")
        paths[shell].write_text(buf.getvalue(), "utf-8")
    return paths


def test_bash_script_names_every_sub_command_and_option(scripts: dict[str, Path]) -> None:
    text = scripts["bash"].read_text("utf-8")
    names = commands()
    assert {"lint", "tui", "completion", "rule", "what-if", "import"} <= set(names)
    [listed] = re.findall(r"^_shtab_plans_subparsers=\((.*)\)$", text, flags=re.M)
    assert set(listed.split()) == set(names)
    for name, parser in names.items():
        [opts] = re.findall(
            rf"^_shtab_plans_{re.escape(name.replace('-', '_'))}_option_strings=\((.*)\)$", text, flags=re.M
        )
        assert set(opts.split()) == {o for a in parser._actions for o in a.option_strings}, name
    assert "--version" in re.findall(r"^_shtab_plans_option_strings=\((.*)\)$", text, flags=re.M)[0].split()
    assert text.endswith("complete -o bashdefault -F _shtab_plans plans\n")


def test_zsh_script_is_a_compdef_of_plans(scripts: dict[str, Path]) -> None:
    text = scripts["zsh"].read_text("utf-8")
    assert text.startswith("#compdef plans\n")
    for name in commands():
        assert re.search(rf"^\s+{re.escape(name)}\) _arguments", text, flags=re.M), name
    assert "(*.toml)" not in text  # shtab.glob's zsh form breaks a positional's spec (see completion.py)
    if ZSH:
        subprocess.run([ZSH, "-n", str(scripts["zsh"])], check=True)


def test_completion_is_a_usage_error_without_a_known_shell(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("completion", "fish")
    assert r.code == 2 and "bash" in r.err and r.out == ""


BASH_DRIVER = """
source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
COMPREPLY=(); _shtab_plans
printf '%s\\n' "${COMPREPLY[@]}"
"""


def bash_complete(script: Path, *words: str) -> list[str]:
    r = subprocess.run(
        [BASH, "-c", BASH_DRIVER, "bash", str(script), "plans", *words],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )  # type: ignore[list-item]
    return sorted(r.stdout.split())


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_bash_completes_commands_options_choices_rules_and_plans(scripts: dict[str, Path]) -> None:
    script = scripts["bash"]
    assert bash_complete(script, "") == sorted(commands())
    assert bash_complete(script, "t") == ["table", "tui"]
    assert bash_complete(script, "lint", "--st") == ["--statistics", "--strict"]
    assert bash_complete(script, "lint", "--format", "") == ["github", "json", "junit", "sarif", "text"]
    assert bash_complete(script, "lint", "--select", "PL01") == sorted(c for c in RULES if c.startswith("PL01"))
    assert bash_complete(script, "lint", "--ignore", "phase") == ["phase-order"]
    assert bash_complete(script, "tui", "--") == sorted(
        o for a in commands()["tui"]._actions for o in a.option_strings if o.startswith("--")
    )
    assert bash_complete(script, "completion", "") == ["bash", "zsh"]
    assert bash_complete(script, "lint", "plans/ub") == ["plans/ube.toml"]
    assert bash_complete(script, "lint", "--national", "plans/nati") == ["plans/national.toml"]


ZSH_DRIVER = r"""
setopt extendedglob
zmodload zsh/zpty
zpty -b z zsh -f -i
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; zstyle ':completion:*' list-prompt ''; LISTMAX=1000; PROMPT='READY> '"
zpty -w -n z "$2"$'\t'
out=''; deadline=$(( SECONDS + 20 ))
while (( SECONDS < deadline )); do
  zpty -r -t z chunk && out+=$chunk
  clean=${${out//$'\e'\[[0-9;?]#[A-Za-z]/}//[$'\r\a\b']/}  # the screen's text, without escapes
  [[ $clean == *"$3"* ]] && break
  sleep 0.1
done
print -r -- $clean
zpty -d z
"""


def zsh_complete(script: Path, typed: str, expect: str) -> str:
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    r = subprocess.run(
        [ZSH, "-f", "-c", ZSH_DRIVER, "zsh", str(script.parent), typed, expect],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )  # type: ignore[list-item]
    return r.stdout


@pytest.mark.skipif(ZSH is None, reason="needs zsh")
def test_zsh_completes_options_rules_and_plans(scripts: dict[str, Path]) -> None:
    script = scripts["zsh"]
    shown = zsh_complete(script, "plans lint --st", "--strict")
    assert "--statistics" in shown and "--strict" in shown  # the options of a command with a plan-path positional
    assert "PL014" in zsh_complete(script, "plans lint --select PL01", "PL014")
    assert "plans lint plans/" in zsh_complete(script, "plans lint pl", "plans/")
    assert "--theme" in zsh_complete(script, "plans tui --th", "--theme")
