"""Errors are values with a place.

One base error with a title (as harlequin's ``exception.py``) and the words to print; a
``Problem`` record for every load error: file, line, column, code and words saying what to
write instead. The load codes' documentation is in ``model.core.load_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from model.core.os_words import strerror_ja
from model.core.words import Words


@dataclass(frozen=True, slots=True)
class Place:
    file: str
    line: int = 0  # 1-based; 0 = unknown / whole file
    col: int = 0  # 1-based; 0 = unknown

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.file}:{self.line}:{self.col}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True, slots=True)
class Problem:
    """A load error: the file cannot be read as a plan as written."""

    place: Place
    code: str  # E001 syntax, E002 unknown key, ...
    words: Words

    def text(self, lang: str = "ja") -> str:
        return self.words(lang)


# Load-error codes (distinct from rule codes: these stop a file from being checked).
LOAD_CODES: dict[str, str] = {
    "E001": "toml-syntax",
    "E002": "unknown-key",
    "E003": "wrong-type",
    "E004": "invalid-date",
    "E005": "unknown-id",
    "E006": "duplicate-municipality",
    "E007": "missing-key",
    "E008": "invalid-value",
    "E009": "unreadable-file",
    "E010": "suppression-without-reason",
}


def unreadable(place: Place, strerror: str | None) -> Problem:
    """E009: a file that cannot be read (the one wording for every reader)."""
    return Problem(place, "E009", Words(f"読めません: {strerror_ja(strerror)}", f"cannot read: {strerror}"))


def duplicate_municipality(municipality: str, place: Place, first_file: str) -> Problem:
    """E006: a second plan of one municipality (the first in sorted path order is kept)."""
    return Problem(
        place,
        "E006",
        Words(
            f"{municipality}の計画は {first_file} にもあります。1市町村1ファイルにしてください",
            f"{municipality} is already planned in {first_file}; keep one file per municipality",
        ),
    )


def duplicate_code(code: str, municipality: str, place: Place, first_file: str) -> Problem:
    """E006: a second plan with one 団体コード (under another name, or the same)."""
    return Problem(
        place,
        "E006",
        Words(
            f"団体コード {code}({municipality})の計画は {first_file} にもあります。1団体1ファイルにし、コードか市町村名の誤りを直してください",
            f"the local government code {code} ({municipality}) is already planned in {first_file}; keep one file per municipality and correct the code or the name",
        ),
    )


class PlansError(Exception):
    """Base of every error this tool raises on purpose: the problems (each with its place)
    and the words the command line prints after them (none: the problems say it all).

    The command line catches it in one place (``tui.cli.main``) and exits 2."""

    title = "plans error"
    words: Words | None = None

    def __init__(self, message: str, problems: list[Problem] | None = None, words: Words | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = problems or []
        if words is not None:
            self.words = words


class NationalError(PlansError):
    """The national timeline cannot be loaded (its problems name the places)."""

    title = "cannot load the national timeline"
    words = Words("国のスケジュール(national.toml)を読み込めません", "national timeline cannot be loaded")


class PlanPathError(PlansError):
    """A plan file or folder given on the command line does not exist."""

    title = "no such plan file or folder"

    def __init__(self, path: str) -> None:
        # a bare relative path as ./plans: "plans: …" would read as the program's own prefix
        shown = path if Path(path).is_absolute() or path.startswith(".") else f"./{path}"
        super().__init__(
            path, words=Words(f"{shown}: ファイルまたはフォルダがありません", f"{shown}: no such file or folder")
        )
        self.path = path


class UsageError(PlansError):
    """The call's options cannot be used (an unknown rule, a bad scenario, …)."""

    title = "usage error"


@dataclass(slots=True)
class Problems:
    """Collects problems for one file so that every one is reported in one run."""

    file: str
    items: list[Problem] = field(default_factory=list)

    def add(self, line: int, col: int, code: str, ja: str, en: str) -> None:
        self.items.append(Problem(Place(self.file, line, col), code, Words(ja, en)))

    def __bool__(self) -> bool:
        return bool(self.items)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder; a link loop (3.11 raises RuntimeError)
        return str(path)
