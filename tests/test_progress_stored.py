"""Reading a stored snapshot (issue 13, bench): a file as ``plans`` writes it is read straight
into its types (model/importing/snapshot_stored.py); any other file, hand-edited or another
tool's, goes through the import's careful read. The straight read never accepts what the
careful read would refuse, and where it accepts a file it gives the careful read's rows:
checked on the stored file and on a few hundred hand edits of it, CSV and Parquet."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from model.core.national import load_national
from model.importing.sheets import read_tables
from model.importing.snapshot_import import _parquet_table, read_snapshot_tables
from model.importing.snapshot_stored import stored_as_written

ROOT = Path(__file__).resolve().parents[1]
NAT = load_national()
STORED = ROOT / "plans" / "progress" / "2025-05.csv"  # the shipped illustration, as plans writes it

CELLS = [
    "",
    " ",
    "+1",
    "01",
    " 1",
    "41",
    "0",
    "1.0",
    "done ",
    "完了済み",
    "DONE",
    "住民記録",
    "JUKI",
    "352022",
    "35202",
    " 352021",
    "宇部市 ",
    "萩市",
    "山口県",
    "R7.5",
    "2025-13",
    "x" * 4100,
    '"a,b"',
]


def careful(path: Path) -> tuple[pl.DataFrame | None, int]:
    tables = [_parquet_table(path, path.name)] if path.suffix == ".parquet" else read_tables(path)
    frame, problems, _ = read_snapshot_tables(tables, path.name, NAT)
    return frame, len(problems)


def small_stored(tmp_path: Path) -> list[str]:
    """The first three municipalities of the shipped snapshot (2,400 lines)."""
    lines = STORED.read_text("utf-8").splitlines()
    codes = sorted({line.split(",", 1)[0] for line in lines[1:]})[:3]
    return [lines[0], *(line for line in lines[1:] if line.split(",", 1)[0] in codes)]


def hand_edit(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.choice([1, 1, 2, 3])):
        i = rng.randrange(1, len(out))
        kind = rng.random()
        if kind < 0.2:  # what plans writes: another status, a planned month
            cells = out[i].split(",")
            cells[5 if rng.random() < 0.7 else 6] = rng.choice(["done", "na", "in_progress", "not_started", "R7.5"])
            out[i] = ",".join(cells)
        elif kind < 0.55:
            cells = out[i].split(",")
            cells[rng.randrange(len(cells))] = rng.choice(CELLS)
            out[i] = ",".join(cells)
        elif kind < 0.65:
            j = rng.randrange(1, len(out))
            out[i], out[j] = out[j], out[i]
        elif kind < 0.75:
            out.insert(i, out[i])
        elif kind < 0.85:
            del out[i]
        elif kind < 0.9:
            out[0] = out[0].replace("code", "団体コード")
        elif kind < 0.95:
            out.append("")
        else:  # a whole system's block moved: the rows are out of order, all still there
            block = out[1:41]
            out = [out[0], *out[41:], *block]
    return out


def test_the_stored_file_reads_straight_and_as_the_careful_read(tmp_path: Path) -> None:
    fast = stored_as_written(STORED, NAT)
    frame, problems = careful(STORED)
    assert fast is not None and frame is not None and not problems
    assert_frame_equal(fast, frame, categorical_as_str=True)
    assert fast.schema == frame.schema
    crlf = tmp_path / "2025-05.csv"  # as git may check it out on Windows
    crlf.write_bytes(STORED.read_bytes().replace(b"\n", b"\r\n"))
    again = stored_as_written(crlf, NAT)
    assert again is not None
    assert_frame_equal(again, fast)


@pytest.mark.parametrize("parquet", [False, True], ids=["csv", "parquet"])
def test_hand_edits_fall_back_to_the_careful_read(tmp_path: Path, parquet: bool) -> None:
    base = small_stored(tmp_path)
    straight = fell_back = 0
    for seed in range(150):
        rng = random.Random(seed)
        lines = hand_edit(base, rng)
        path = tmp_path / f"{seed}.csv"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        if parquet:
            frame, problems = careful(path)
            if frame is None:
                continue
            path = path.with_suffix(".parquet")
            frame.write_parquet(path)
        fast = stored_as_written(path, NAT)
        frame, problems = careful(path)
        if fast is None:
            fell_back += 1
            continue
        straight += 1
        assert frame is not None and not problems, (seed, problems)
        assert_frame_equal(fast, frame, categorical_as_str=True)
    assert fell_back > (10 if parquet else 50) and straight > 10, (straight, fell_back)
