"""The national timeline and plan files refused with their place rather than silently
replaced or hung on (issue 11: 4, 8, 11, 12)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.core.errors import NationalError, Problems
from model.core.national import default_path, find_national, load_national, parse_national
from model.core.plan_reader import parse_plan
from model.core.reader import NotRegularFile, read_capped

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = (ROOT / "plans" / "national.toml").read_text(encoding="utf-8")


def _odd_national(kind: str, folder: Path) -> Path:
    target = folder / "national.toml"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling":
        target.symlink_to(folder / "gone.toml")
    elif kind == "loop":
        target.symlink_to(target)
    return target


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling", "loop"])
def test_a_national_toml_that_is_not_a_file_is_refused_not_replaced(kind: str, tmp_path: Path) -> None:
    target = _odd_national(kind, tmp_path)
    (tmp_path / "ube.toml").write_bytes((ROOT / "plans" / "ube.toml").read_bytes())
    found = find_national([tmp_path])
    assert found == target  # not the packaged timeline
    with pytest.raises(NationalError) as e:
        load_national(found)  # returns at once: a FIFO is never opened
    assert [p.code for p in e.value.problems] == ["E009"]


def test_only_a_missing_national_toml_falls_back(tmp_path: Path) -> None:
    assert find_national([tmp_path]) == default_path()


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile) as e:
        read_capped(fifo)
    assert "not a regular file" in str(e.value.strerror)


@pytest.mark.parametrize("kind", ["milestone", "group", "business", "phase"])
def test_a_duplicate_id_in_the_timeline_is_refused_with_its_place(kind: str) -> None:
    first = NATIONAL.index(f"[[{kind}]]")
    block_end = NATIONAL.index("\n\n", first)
    block = NATIONAL[first:block_end]
    text = NATIONAL + "\n" + block + "\n"
    problems = Problems("national.toml")
    assert parse_national(text, "national.toml", problems) is None
    dup = [p for p in problems.items if p.code == "E008" and "used twice" in p.text("en")]
    assert len(dup) == 1
    assert dup[0].place.line > len(NATIONAL.splitlines())  # the second one is placed
    first_line = NATIONAL[:first].count("\n") + 1
    assert f"line {first_line + 1}" in dup[0].text("en")  # and names where the first one is


@pytest.mark.parametrize("key", ["vendor_months", "lease_overlap_months"])
def test_numbers_in_the_timeline_are_bounded(key: str) -> None:
    text = NATIONAL.replace(f"{key} = ", f"{key} = 999999999999999999999  # ", 1)
    problems = Problems("national.toml")
    assert parse_national(text, "national.toml", problems) is None
    hit = [p for p in problems.items if p.code == "E008"]
    assert hit and key in hit[0].text("en") and hit[0].place.line > 1


PLAN_HEAD = 'municipality = "検証町"\nsurveyed = "R3.12"\n'


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('\n[[phases]]\ngovernance = "R4.4"\n', 4),
        ("\n[[business]]\nx = 1\n", 4),
        ("\n[a.b]\nc = 1\n", 4),
    ],
)
def test_errors_in_tables_written_oddly_have_their_real_line(body: str, line: int) -> None:
    nat = load_national(ROOT / "plans" / "national.toml")
    problems = Problems("t.toml")
    parse_plan(PLAN_HEAD + body, "t.toml", nat, problems)
    assert problems.items and all(p.place.line == line for p in problems.items), [
        (str(p.place), p.text("en")) for p in problems.items
    ]


@pytest.mark.parametrize("option", ["--national", "--scenario"])
def test_a_fifo_given_on_the_command_line_is_refused_at_once(option: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "ube.toml").write_bytes((ROOT / "plans" / "ube.toml").read_bytes())
    fifo = folder / "x.toml"
    os.mkfifo(fifo)
    cmd = (
        ["what-if", str(folder / "ube.toml"), "--scenario", str(fifo)]
        if option == "--scenario"
        else ["lint", str(folder / "ube.toml"), "--national", str(fifo)]
    )
    r = subprocess.run([sys.executable, "-m", "tui", *cmd], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2 and "E009" in r.stderr and "通常のファイルではありません" in r.stderr, r.stderr


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_lint_beside_a_national_toml_that_is_not_a_file_exits_2(kind: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "plans"
    folder.mkdir()
    _odd_national(kind, folder)
    (folder / "ube.toml").write_bytes((ROOT / "plans" / "ube.toml").read_bytes())
    r = subprocess.run(
        [sys.executable, "-m", "tui", "lint", str(folder)], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert r.returncode == 2 and "national.toml" in r.stderr and "E009" in r.stderr, r.stderr
