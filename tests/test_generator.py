"""The nationwide generator: deterministic, plausible, and lint finds exactly what it planted."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_nationwide as gen

from model.core.plan_reader import _check_digit
from model.project.lint import lint_paths
from model.project.loader import discover


def _found(out: Path) -> list[tuple[str, str, str | None, str | None]]:
    res = lint_paths([out])
    assert res.problems == []
    root = out.resolve()
    return sorted(
        (Path(f.place.file).resolve().relative_to(root).as_posix(), f.code, f.phase, f.business) for f in res.findings
    )


def _expected(manifest: list[dict[str, str | None]]) -> list[tuple[str, str, str | None, str | None]]:
    return sorted((str(d["file"]), str(d["code"]), d["phase"], d["business"]) for d in manifest)


@pytest.mark.parametrize("seed", [0, 7])
def test_lint_finds_exactly_the_planted_conflicts(tmp_path: Path, seed: int) -> None:
    out = tmp_path / "nw"
    manifest = gen.generate(out, count=60, seed=seed)
    assert len(discover([out])) == 60
    assert _found(out) == _expected(manifest)
    # every kind of plant is present in a set of 60
    assert {d["code"] for d in manifest} >= set(gen.RATES)


def test_clean_plans_are_clean(tmp_path: Path) -> None:
    out = tmp_path / "nw"
    manifest = gen.generate(out, count=120, seed=3)
    dirty = {str(d["file"]) for d in manifest}
    found_files = {f for f, *_ in _found(out)}
    assert found_files == dirty
    assert len(discover([out])) - len(dirty) > 60  # most of the set is clean


def test_deterministic_and_manifest_written(tmp_path: Path) -> None:
    a = gen.generate(tmp_path / "a", count=40, seed=5)
    b = gen.generate(tmp_path / "b", count=40, seed=5)
    c = gen.generate(tmp_path / "c", count=40, seed=6)
    assert a == b and a != c
    for rel in (p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.toml")):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    meta = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert meta["findings"] == a and meta["count"] == 40


def test_nationwide_names_codes_and_shares() -> None:
    rows = gen.municipalities()
    assert len(rows) == 1741
    assert len({r[1] for r in rows}) == 47
    assert len({r[3] for r in rows}) == 1741  # unique names
    assert len({r[4] for r in rows}) == 1741  # unique codes
    for pcode, _, _, name, code in rows:
        assert code[:2] == f"{pcode:02d}" and _check_digit(code[:5]) == int(code[5])
        assert name[-1] in "市町村区"
    assert Counter(r[1] for r in rows)["山口県"] == 19
    munis, _manifest = gen.build(count=1741, seed=0)
    extended = sum(1 for m in munis if any(b.extended for b in m.biz.values()))
    assert 0.07 * 1741 < extended < 0.14 * 1741  # about a tenth
    planted = Counter(m.plant for m in munis if m.plant)
    for code, rate in gen.RATES.items():
        assert planted[code] == max(1, round(rate * 1741))


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main([str(tmp_path / "o"), "--count", "20", "--seed", "1"]) == 0
    assert "20 plans" in capsys.readouterr().out
    assert len(list((tmp_path / "o").rglob("*.toml"))) == 21  # + national.toml
