"""``plans diff OLD NEW``: drift between two surveys — which planned months moved, by how
many months and in which direction, and whose go-live slipped.

OLD and NEW are plan folders (or files), or git revisions: ``HEAD~3`` (its ``plans/``
folder) or ``v1.0:plans/yamaguchi`` (a revision and a folder in it).

    plans diff 2021-12/ plans/
    plans diff HEAD~1 .                  # the last commit's plans against the working tree's
    plans diff v0.1:plans plans --format json

Exit 0, 2 for a side that cannot be read.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from tui.cli.commands.common import add_command, add_lang


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "diff", "調査間の計画の変化 / drift between two sets of plans", __doc__)
    p.add_argument("old", metavar="OLD", help="plans folder or file, or a git revision (REV or REV:PATH)")
    p.add_argument("new", metavar="NEW", help="plans folder or file, or a git revision")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--national", type=Path, default=None, help="national timeline (default: national.toml beside NEW)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from model.analysis.drift import drift
    from model.project.loader import load_files, open_national, plan_files
    from tui.cli.commands.common import report_problems

    lang = args.lang
    with _side(args.old) as old_side, _side(args.new) as new_side:
        nat = open_national([new_side[0]], args.national)
        sides = []
        for path, named in (old_side, new_side):
            plans, problems, _ = load_files(plan_files([path]), nat)
            if problems:
                report_problems([renamed(p, named) for p in problems], lang)
                return 2
            sides.append([replace(p, file=named(p.file)) for p in plans])
        res = drift(sides[0], sides[1], nat)
    if args.format == "json":
        import json

        out = {
            "counts": res.counts(),
            "plans": [
                {
                    "municipality": p.municipality, "code": p.code, "old_file": p.old_file, "new_file": p.new_file,
                    "go_live": {"old": p.go_live[0], "new": p.go_live[1], "months": p.go_live[2]} if p.go_live != (None, None, None) else None,
                    "moves": [{"business": m.business, "phase": m.phase, "old": m.old, "new": m.new, "months": m.months} for m in p.moves],
                }
                for p in res.plans
            ],
        }  # fmt: skip
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        write_text(res, nat, lang)
    return 0


def renamed(p, named: Callable[[str], str]):  # type: ignore[no-untyped-def]
    """A load problem of a side with its files named as the reader knows them: at its place,
    and a path in its words (E006 names the other file)."""
    from model.core.words import Words

    words = Words(*(re.sub(r"/\S*plans-diff-[^/\s]+/\S+", lambda m: named(m.group(0)), t) for t in p.words))
    return replace(p, place=replace(p.place, file=named(p.place.file)), words=words)


Side = tuple[Path, Callable[[str], str]]
"""A side's folder, and how to name one of its files to the reader."""


@contextlib.contextmanager
def _side(spec: str) -> Iterator[Side]:
    """A side as a folder: the path itself, or a git revision's tree unpacked into a
    temporary folder (``git archive``: one process whatever the number of plans), its files
    named as git names them (``HEAD~1:plans/ube.toml``), never by the temporary folder."""
    p = Path(spec)
    if p.exists():
        yield p, str
        return
    import io
    import subprocess
    import tarfile
    import tempfile

    from model.core.errors import UsageError
    from model.core.words import Words

    rev, _, sub = spec.partition(":")
    sub = sub or "plans"
    try:
        got = subprocess.run(
            ["git", "archive", "--format=tar", rev, "--", sub], capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UsageError(
            f"{spec}: {e}", words=Words(f"{spec}: git を実行できません({e})", f"{spec}: cannot run git ({e})")
        ) from None
    if got.returncode != 0:
        why = got.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise UsageError(
            f"{spec}: not a path or revision",
            words=Words(
                f"「{spec}」はフォルダでも git のリビジョンでもありません({''.join(why)})",
                f"{spec!r} is neither a folder nor a git revision ({''.join(why)})",
            ),
        )
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], capture_output=True, text=True, check=False)
    here = "./" if prefix.stdout.strip() else ""  # below the top: git's paths relative to here
    with tempfile.TemporaryDirectory(prefix="plans-diff-") as tmp, tarfile.open(fileobj=io.BytesIO(got.stdout)) as tar:
        tar.extractall(tmp, filter="data")
        root = Path(tmp)

        def named(file: str) -> str:
            with contextlib.suppress(ValueError):
                return f"{rev}:{here}{Path(file).resolve().relative_to(root.resolve()).as_posix()}"
            return file

        yield root / sub, named


def write_text(res, nat, lang: str) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console

    from tui.cli.shown import shown

    en = lang == "en"
    con = Console(highlight=False, soft_wrap=True, emoji=False)

    def months(n: int | None) -> str:
        if n is None:
            return ""
        style = "red" if n > 0 else "green" if n < 0 else "dim"
        unit = (" month" if abs(n) == 1 else " months") if en else "か月"
        return f" [{style}]{n:+d}{unit}[/]"

    for p in res.plans:
        head = f"[bold]{shown(p.new_file or p.old_file or '')}[/] {shown(p.municipality)}"
        if p.old_file is None:
            con.print(head + (" [green]added[/]" if en else " [green]追加[/]"))
            continue
        if p.new_file is None:
            con.print(head + (" [red]removed[/]" if en else " [red]削除[/]"))
            continue
        old, new, n = p.go_live
        if new is not None or old is not None:
            label = nat.phase_name("migration", lang)
            tag = (" [red]slipped[/]" if en else " [red]遅れ[/]") if p.slipped else ""
            head += f"  {label} {shown(old or '—')} → {shown(new or '—')}{months(n)}{tag}"
        con.print(head)
        for m in p.moves:
            where = f"[{nat.business_name(m.business, lang)}] " if m.business else ""
            con.print(
                f"  {where}{nat.phase_name(m.phase, lang)}  {shown(m.old or '—')} → {shown(m.new or '—')}{months(m.months)}"
            )
    con.print(res.summary()(lang))
