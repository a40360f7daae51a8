"""plans completion bash|zsh: print the shell completion script (shtab, from the argparse parser).

Sub-commands, options and their choices come from the parser of every command (the app's
``plans tui`` included: ``tui.main`` hands it in); plan paths complete to *.toml files and
folders, other paths to files (folders for DIR), --select/--ignore to rule codes and names.

  bash: plans completion bash > ~/.local/share/bash-completion/completions/plans
  zsh:  plans completion zsh > ~/.zfunc/_plans   (with fpath+=(~/.zfunc) before compinit)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.cli.commands.common import add_command

SHELLS = ("bash", "zsh")
TOML_DESTS = ("paths", "national", "scenario")  # plan files or folders, timelines, scenarios
RULE_DESTS = ("select", "ignore")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "completion", "シェル補完スクリプトを出力する / print a shell completion script", __doc__)
    p.add_argument("shell", choices=SHELLS, help="the shell the script is for")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import shtab

    from tui.cli.main import build_parser

    parser = build_parser(getattr(args, "extra_commands", ()))
    rules = rule_words()
    rule_complete = {
        "bash": "_shtab_plans_rules",
        "zsh": f"({' '.join(rules)})",
        "preamble": {"bash": f'_shtab_plans_rules() {{\n  compgen -W "{" ".join(rules)}" -- "$1"\n}}\n'},
    }
    # shtab.glob's zsh form, _files -g '(*.toml)', stops a positional's spec (and with it
    # every option of the command) from completing in zsh; the pattern needs no group
    toml = {**shtab.glob("*.toml"), "zsh": "_files -g '*.toml'"}
    for action in actions(parser):
        if action.dest in RULE_DESTS:
            action.complete = rule_complete  # type: ignore[attr-defined]
        elif action.type is Path:
            action.complete = (
                toml if action.dest in TOML_DESTS else shtab.DIRECTORY if action.metavar == "DIR" else shtab.FILE
            )  # type: ignore[attr-defined]
    script = shtab.complete(parser, shell=args.shell)
    sys.stdout.write(script if script.endswith("\n") else script + "\n")
    return 0


def rule_words() -> list[str]:
    """What --select and --ignore take: each rule's code and name, and ALL."""
    from model.checks.registry import RULES

    return [*RULES, *(r.name for r in RULES.values()), "ALL"]


def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every action of the parser and of its sub-commands' parsers."""
    out: list[argparse.Action] = []
    for action in parser._actions:
        out.append(action)
        if isinstance(action, argparse._SubParsersAction):
            choices: dict[str, Any] = action.choices  # type: ignore[assignment]
            for sub in dict.fromkeys(choices.values()):  # aliases share a parser
                out.extend(actions(sub))
    return out
