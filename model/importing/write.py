"""What an import writes, and writing it: each draft's file name (its existing plan, its
romanized name, its 団体コード), the refusal to overwrite without ``--force``, the plan's text
in the layout of the hand-written ``plans/*.toml`` (re-read with the plan loader) or, over an
existing plan, that plan with the table's values set in place (:mod:`.update`), and the
files written all or nothing."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from model.core.errors import display_path
from model.core.fileio import atomic_write
from model.core.national import National
from model.core.os_words import strerror_ja
from model.core.plan_reader import parse_plan_bytes
from model.core.reader import shorten
from model.core.words import Words
from model.importing.cell_problems import Cell, CellProblem, Notice
from model.importing.drafts import Draft, DraftReader
from model.importing.sheets import Sheet, read_sheets
from model.importing.update import NotUpdatable, updated_text
from model.project.loader import NATIONAL_NAME

# The 19 municipalities of Yamaguchi and the file names of their shipped plans.
ROMAJI = {
    "下関市": "shimonoseki", "宇部市": "ube", "山口市": "yamaguchi", "萩市": "hagi", "防府市": "hofu",
    "下松市": "kudamatsu", "岩国市": "iwakuni", "光市": "hikari", "長門市": "nagato", "柳井市": "yanai",
    "美祢市": "mine", "周南市": "shunan", "山陽小野田市": "sanyo-onoda", "周防大島町": "suo-oshima",
    "和木町": "waki", "上関町": "kaminoseki", "田布施町": "tabuse", "平生町": "hirao", "阿武町": "abu",
}  # fmt: skip
_SAFE = re.compile(r"[^\w\-]+")


@dataclass(slots=True)
class Target:
    path: Path
    municipality: str
    text: str
    exists: bool
    origin: Cell
    changed: bool = True  # False: the file already holds these values (nothing is written)


@dataclass(slots=True)
class ImportPlan:
    """What an import would write, or why it cannot."""

    file: str
    targets: list[Target] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # rows skipped, values converted: no problem
    sheets: dict[str, str] = field(default_factory=dict)  # sheet -> shape used ("wide"/"long"/"skipped")

    @property
    def ok(self) -> bool:
        return not self.problems


def plan_import(
    path: Path,
    nat: National,
    out_dir: Path,
    *,
    force: bool = False,
    surveyed: str | None = None,
    prefecture: str | None = None,
    sheet: str | None = None,
    on_step: Callable[[], None] | None = None,
    sheets: list[Sheet] | None = None,
) -> ImportPlan:
    """Read and validate ``path``; the files an import would write, or every problem.

    Raises ImportFailure when the file cannot be read as a table at all. ``sheets`` are the
    file's sheets if already read (:func:`read_sheets`); ``on_step`` is called once per input
    row while validating and once per row again as its plan is rendered and re-read, so a
    progress bar of ``2 * row_count(sheets)`` steps ends when the import plan is ready.
    """
    file = display_path(path)
    reader = DraftReader(file, nat, surveyed, prefecture)
    res = ImportPlan(file, problems=reader.problems, notices=reader.notices)
    if surveyed is not None and reader.surveyed_ok(None, surveyed) is None:
        return res
    shapes = reader.read(read_sheets(path) if sheets is None else sheets, sheet, on_step)
    if shapes is None:
        return res
    res.sheets = shapes
    res.targets = _targets(reader, out_dir, force=force, on_step=on_step)
    if res.problems:
        res.targets = []
    return res


def _targets(reader: DraftReader, out_dir: Path, *, force: bool, on_step: Callable[[], None] | None) -> list[Target]:
    """A target per draft; a draft whose file is outside ``out_dir``, shared with another
    draft, or exists (without ``force``) is a problem. Existing files are looked for even
    when cells are bad, to report everything at once; texts only when every cell is good."""
    cells_bad = bool(reader.problems)
    nat = reader.nat
    existing = existing_plans(out_dir)
    owner = {p.name: m for m, p in existing.items()}
    root = out_dir.resolve()
    names: dict[str, Draft] = {}
    out: list[Target] = []
    for d in reader.drafts.values():
        name = file_name(d, existing)
        target = out_dir / name
        who = shorten(d.municipality)
        if target.resolve().parent != root or not name.endswith(".toml"):
            reader.bad(
                d.origin,
                "E008",
                Words(
                    f"ファイル名「{shorten(name)}」は出力フォルダの外を指します",
                    f"the file name {shorten(name)!r} points outside the output folder",
                ),
            )
            continue
        if _is_national(target):
            reader.bad(
                d.origin,
                "E008",
                Words(
                    f"「{who}」のファイル名が {NATIONAL_NAME}(国のスケジュール)と重なります。国のスケジュールには書き込みません。市町名を確かめるか、団体コードの列を加えてください",
                    f"{who!r} maps to {NATIONAL_NAME} (the national timeline), which import never writes; check the name or add a 団体コード column",
                ),
            )
            continue
        if name in names:
            other = names[name]
            reader.bad(
                d.origin,
                "E006",
                Words(
                    f"{who}と{shorten(other.municipality)}({other.origin.ref})が同じファイル {name} になります。団体コードを加えてください",
                    f"{who} and {shorten(other.municipality)} ({other.origin.ref}) map to the same file {name}; add 団体コード",
                ),
            )
            continue
        names[name] = d
        exists = target.exists() or target.is_symlink()
        shown = str(Path(display_path(out_dir)) / name)  # not resolved: a link is named as written
        if exists and (owner.get(name) != d.municipality or not _plain_file(target)):
            # not this municipality's plan (another's, a file that is no plan, a link):
            # never replaced, --force or not
            whose = (
                Words(f"{shorten(owner[name])}の計画", f"the plan of {shorten(owner[name])}")
                if name in owner and _plain_file(target)
                else Words(f"{who}の計画ではないファイル", f"a file that is not the plan of {who}")
            )
            reader.bad(
                d.origin,
                "E006",
                Words(f"{shown} は", f"{shown} is ")
                + whose
                + Words(
                    "です。上書きしません(--force でも)。団体コードの列を加えてファイル名を変えてください",
                    "; it is never overwritten (not even with --force): add a 団体コード column for another file name",
                ),
            )
            continue
        if exists and not force:
            reader.bad(
                d.origin,
                "E006",
                Words(
                    f"{shown} が既にあります。上書きするには --force を指定してください",
                    f"{shown} exists; give --force to overwrite it",
                ),
            )
            continue
        if cells_bad:
            continue
        old: bytes | None = None
        try:
            old = target.read_bytes() if exists else None
            text = updated_text(old, d, nat) if old is not None else plan_text(d, nat, f"{reader.file} {d.origin.ref}")
        except (OSError, UnicodeDecodeError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
            reader.bad(
                d.origin, "E009", Words(f"{shown} を読めません: {strerror_ja(why)}", f"cannot read {shown}: {why}")
            )
            continue
        except NotUpdatable as e:
            reader.bad(d.origin, "E008", Words(f"{shown}: ", f"{shown}: ") + e.words)
            continue
        check = parse_plan_bytes(text.encode("utf-8"), display_path(target), nat)
        for p in check.problems:  # named at the plan's line: the value may be the file's own
            reader.bad(d.origin, p.code, Words(f"{who}: {p.place}: ", f"{who}: {p.place}: ") + p.words)
        out.append(Target(target, d.municipality, text, exists, d.origin, old != text.encode("utf-8")))
        if on_step:
            for _ in range(d.rows):
                on_step()
    return out


def _is_national(target: Path) -> bool:
    """Whether ``target`` is (or would be taken for) the national timeline: its name in any
    case (a case-insensitive file system), or a link to it."""
    return target.name.lower() == NATIONAL_NAME or target.resolve().name.lower() == NATIONAL_NAME


def _plain_file(target: Path) -> bool:
    """A regular file, not a link (writing would replace the link, not what it names)."""
    return target.is_file() and not target.is_symlink()


def plan_text(d: Draft, nat: National, source: str) -> str:
    """The plan file's text: tomli-w, then the hand-written layout of ``[phases]`` (aligned
    values, each phase's survey column as a comment) and a comment header."""
    import tomli_w

    body = tomli_w.dumps(d.to_dict(nat))
    out: list[str] = [f"# {d.municipality}の標準準拠システム移行計画", f"# plans import: {source}"]
    section = ""
    width = max(len(p.id) for p in nat.phases)
    for line in body.splitlines():
        if line.startswith("["):
            section = line
            if line == "[phases]":
                line = "[phases]  # 各フェーズの完了予定"
        elif section == "[phases]" and (m := re.match(r"^(\w+) = (\".*\")$", line)) and m.group(1) in nat.phase_index:
            pid, val = m.groups()
            line = f"{pid.ljust(width)} = {val.ljust(15)} # {nat.phase(pid).column}"
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def file_name(d: Draft, existing: dict[str, Path]) -> str:
    """The plan's file name: the existing plan of this municipality, its romanized name,
    its 団体コード, or a slug of the name; never a path."""
    if d.municipality in existing:
        return existing[d.municipality].name
    if d.municipality in ROMAJI:
        return f"{ROMAJI[d.municipality]}.toml"
    if d.code:
        return f"{d.code}.toml"
    slug = _SAFE.sub("-", unicodedata.normalize("NFKC", d.municipality)).strip("-_.")[:60]
    return f"{slug or 'plan'}.toml"


def existing_plans(out_dir: Path) -> dict[str, Path]:
    """Municipality -> file of the plans already in ``out_dir`` (links, unreadable files and
    files that are no plan skipped: an import never overwrites them)."""
    found: dict[str, Path] = {}
    if not out_dir.is_dir():
        return found
    for p in sorted(out_dir.glob("*.toml")):
        if p.name.lower() == NATIONAL_NAME or not _plain_file(p):
            continue
        try:
            name = tomllib.loads(p.read_text("utf-8-sig")).get("municipality")  # a BOM, as lint accepts
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if isinstance(name, str):
            found.setdefault(name.strip(), p)
    return found


def write_import(plan: ImportPlan, *, on_step: Callable[[], None] | None = None) -> list[Path]:
    """Write every target, all or nothing: each file atomically; if one write fails, the
    files already written are put back as they were (removed, or their old bytes restored)
    and the OSError is raised."""
    if not plan.ok:
        raise ValueError("an import with problems is never written")
    if any(_is_national(t.path) for t in plan.targets):
        raise ValueError(f"an import never writes {NATIONAL_NAME}")
    done: list[tuple[Path, bytes | None]] = []
    try:
        for t in plan.targets:
            if not t.changed:
                continue
            old = t.path.read_bytes() if t.path.exists() else None
            t.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(t.path, t.text.encode("utf-8"))
            done.append((t.path, old))
            if on_step:
                on_step()
    except OSError:
        for p, old in reversed(done):
            if old is None:
                p.unlink(missing_ok=True)
            else:
                atomic_write(p, old)
        raise
    return [p for p, _ in done]
