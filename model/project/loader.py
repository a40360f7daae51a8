"""The one loader: which files are plans, how each is read, which plan of a municipality
counts, and the month they are judged at. ``plans lint`` (``model.project.lint``), every
other command and the app's workspace (``model.project.session``) load through it, so they
agree on every file:

- **discover**: the ``*.toml`` files under the paths given, each folder's in sorted path
  order, without the national timeline (``national.toml``), hidden names or symlinks that
  lead out of the folder; a path that does not exist is a :class:`PlanPathError`;
- **read**: capped (:func:`model.core.reader.read_capped`); a file that cannot be read is
  E009, worded once (:func:`model.core.errors.unreadable`);
- **E006**: a municipality belongs to the *first* of its files in discovery order, in
  whatever order the files are read (:class:`Owners`);
- **evaluation month**: ``--as-of``, else the timeline's ``evaluation_date``, else today.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from model.core.dates import Month, month_of
from model.core.errors import (
    Place,
    PlanPathError,
    Problem,
    duplicate_code,
    duplicate_municipality,
    unreadable,
)
from model.core.national import National, find_national, load_national
from model.core.plan import Plan
from model.core.plan_reader import parse_plan_bytes
from model.core.reader import read_capped

NATIONAL_NAME = "national.toml"


class PlanFile(NamedTuple):
    """A discovered plan file: its path as found and the path it is shown under (relative to
    the working directory when below it), each resolved once."""

    path: Path
    file: str


def discover(paths: Iterable[Path]) -> list[Path]:
    """Plan files under the given paths (directories are searched for ``*.toml``), sorted,
    without the national timeline. A path that does not exist raises PlanPathError.
    Inside a folder, hidden names (``.x``, an interrupted save's ``.ube.toml.*.tmp``) and
    symlinks that lead outside the folder are skipped."""
    return [p for p, _ in _discover(paths)]


def plan_files(paths: Iterable[Path]) -> list[PlanFile]:
    """``discover`` with each file's display path."""
    cwd = str(Path.cwd().resolve())
    return [PlanFile(p, _display(p, rp, cwd)) for p, rp in _discover(paths)]


def _discover(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """``discover`` with each file's resolved path, resolved once. A folder is walked with
    ``os.scandir`` (as ``Path.rglob`` walks it: symlinked folders are not entered), and a
    file that is not a link below a folder that is not one resolves to the folder's resolved
    path joined with its own: only links are resolved (on a nationwide tree resolving every
    file was the largest cost before the checking)."""
    out: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            root = str(p.resolve())
            found = []
            for rel, is_link in _walk(str(p), ""):
                x = p / rel
                if is_link:
                    rx = str(x.resolve())
                    # a link out of the folder is not ours; a dangling one is (E009 when read)
                    if not (rx == root or rx.startswith(root.rstrip(os.sep) + os.sep)) and os.path.exists(x):
                        continue
                    if not os.path.exists(x):
                        rx = os.path.join(root, rel)  # shown (and reported) under its own name
                else:
                    rx = os.path.join(root, rel)
                found.append((x, rx))
            found.sort(key=lambda t: t[0])
            out.extend(found)
        elif p.is_file():
            if p.name != NATIONAL_NAME:
                out.append((p, str(p.resolve())))
        else:
            raise PlanPathError(str(p))
    seen: set[str] = set()
    uniq = []
    for p, rp in out:
        if rp not in seen:
            seen.add(rp)
            uniq.append((p, rp))
    return uniq


def _walk(folder: str, rel: str) -> Iterator[tuple[str, bool]]:
    """``*.toml`` files below ``folder`` (paths relative to the walk's root, and whether
    each is a link), without hidden names, the national timeline or symlinked folders."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        yield rel, False  # a folder that cannot be listed: read() reports it (E009)
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            link = e.is_symlink()
            if e.is_dir() and not link:
                yield from _walk(e.path, os.path.join(rel, e.name))
            elif e.name.endswith(".toml") and e.name != NATIONAL_NAME:
                # a FIFO, socket or device named *.toml is reported when read, not skipped
                yield os.path.join(rel, e.name), link
        except OSError:
            continue


def _display(path: Path, resolved: str, cwd: str) -> str:
    """``display_path`` with the working directory and the file resolved once."""
    if resolved.startswith(cwd.rstrip(os.sep) + os.sep):
        return resolved[len(cwd.rstrip(os.sep)) + 1 :]
    if resolved == cwd:
        return "."
    return str(path)


def read(path: Path, file: str) -> tuple[bytes | None, Problem | None]:
    """A plan file's bytes (capped), or None with its E009 (a folder that cannot be listed,
    a dangling link, a FIFO: every one is reported, none skipped)."""
    try:
        return read_capped(path), None
    except OSError as e:
        if os.path.isdir(path):
            try:
                os.scandir(path).close()
            except OSError as listing:
                return None, unreadable(Place(file), f"folder: {listing.strerror}")
        return None, unreadable(Place(file), e.strerror)


def today_month() -> Month:
    t = _dt.date.today()
    return month_of(t.year, t.month)


def evaluation_month(nat: National, as_of: Month | None) -> Month:
    if as_of is not None:
        return as_of
    if nat.evaluation_date is not None:
        return nat.evaluation_date
    return today_month()


def open_national(paths: list[Path], national: Path | None = None) -> National:
    """The timeline given, else ``national.toml`` beside the plans, else the shipped one
    (NationalError when it cannot be loaded)."""
    return load_national(national or find_national(paths))


# -- E006: the first file of a municipality counts -------------------------------------


class Claim(NamedTuple):
    """What a file's claim on its municipality gave: ``owner`` is the file that keeps it
    when this one does not (this one is then an E006, ``key`` says whether by name or by
    団体コード); ``displaced`` the order of a file read earlier that this one takes it from
    (that one becomes the E006)."""

    owner: str | None = None
    displaced: int | None = None
    key: str = ""


def identity(municipality: str, code: str | None) -> tuple[str, ...]:
    """What makes two files one municipality's: its name, and its 団体コード when written."""
    return (municipality, f"code {code}") if code else (municipality,)


@dataclass(slots=True)
class Owners:
    """Which file each municipality's plan is taken from: the first in discovery order
    (``order`` is a file's index there), whatever order the claims come in."""

    first: dict[str, tuple[int, str]] = field(default_factory=dict)  # name or code -> (order, file)

    def claim(self, keys: tuple[str, ...], order: int, file: str) -> Claim:
        """Claim every key of a plan (:func:`identity`): none is taken when an earlier file
        holds one of them."""
        for key in keys:
            have = self.first.get(key)
            if have is not None and have[0] < order:
                return Claim(owner=have[1], key=key)
        displaced = None
        for key in keys:
            have = self.first.get(key)
            if have is not None and have[0] > order and displaced is None:
                displaced = have[0]
            self.first[key] = (order, file)
        return Claim(displaced=displaced)

    def owner(self, municipality: str) -> str | None:
        have = self.first.get(municipality)
        return have[1] if have else None

    def release(self, order: int) -> None:
        """Forget a file's claims (it no longer loads, or names another municipality)."""
        for key in [k for k, have in self.first.items() if have[0] == order]:
            del self.first[key]


def duplicate(municipality: str, code: str | None, place: Place, claim: Claim) -> Problem:
    """The E006 of a plan whose name or 団体コード is planned in ``claim.owner`` first."""
    assert claim.owner is not None
    if claim.key.startswith("code ") and code:
        return duplicate_code(code, municipality, place, claim.owner)
    return duplicate_municipality(municipality, place, claim.owner)


# -- loading plans without checking them ------------------------------------------------


@dataclass(slots=True)
class Loaded:
    """The plans of some paths (E006 duplicates dropped), every load problem, and each
    decoded file's source lines (for showing a place)."""

    national: National
    as_of: Month
    plans: list[Plan]
    problems: list[Problem]
    sources: dict[str, list[str]]
    files: int


def load_files(files: list[PlanFile], nat: National) -> tuple[list[Plan], list[Problem], dict[str, list[str]]]:
    """Read and parse each file, in order (the first plan of a municipality is kept)."""
    plans: list[Plan] = []
    problems: list[Problem] = []
    sources: dict[str, list[str]] = {}
    owners = Owners()
    for i, (path, file) in enumerate(files):
        raw, error = read(path, file)
        if raw is None:
            problems.append(error)  # type: ignore[arg-type]
            continue
        res = parse_plan_bytes(raw, file, nat)
        if res.source is not None:
            sources[file] = res.source.splitlines()
        problems.extend(res.problems)
        if res.plan is None:
            continue
        claim = owners.claim(identity(res.plan.municipality, res.plan.code), i, file)
        if claim.owner is not None:
            problems.append(duplicate(res.plan.municipality, res.plan.code, res.plan.place, claim))
            continue
        plans.append(res.plan)
    return plans, problems, sources


def load_plans(files: list[Path], nat: National) -> tuple[list[Plan], list[Problem], dict[str, list[str]]]:
    """``load_files`` of paths already discovered."""
    cwd = str(Path.cwd().resolve())
    return load_files([PlanFile(p, _display(p, str(p.resolve()), cwd)) for p in files], nat)


def load_paths(paths: list[Path], *, national: Path | None = None, as_of: Month | None = None) -> Loaded:
    """The plans under ``paths``, unchecked (``model.project.lint.lint_paths`` checks them
    too); NationalError / PlanPathError as ``open_national`` / ``discover`` raise them."""
    nat = open_national(paths, national)
    files = plan_files(paths)
    plans, problems, sources = load_files(files, nat)
    return Loaded(nat, evaluation_month(nat, as_of), plans, problems, sources, len(files))


__all__ = [
    "NATIONAL_NAME",
    "Claim",
    "Loaded",
    "Owners",
    "PlanFile",
    "discover",
    "duplicate",
    "evaluation_month",
    "identity",
    "load_files",
    "load_paths",
    "load_plans",
    "open_national",
    "plan_files",
    "read",
    "today_month",
]
