"""Every progress rule (``model.progress.registry``) has a fixture folder,
``tests/fixtures/progress/<CODE>/``: a plan and its ``progress/`` snapshots, the plan carrying
the expected findings of ``plans progress --check`` as comments::

    # expect: PG003 warning juki current_survey      (code severity business [phase])
    # expect-message: <substring of the Japanese message of the expect above>
    # expect-message-en: <substring of the English message>
    # expect-at: progress/2025-05.csv:6:1                (file:line:col, from the folder)

Checking the folder must give exactly those findings; ``plans rule`` prints each rule's doc."""

from __future__ import annotations

import pkgutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES

import model.progress.rules
from model.core.national import load_national
from model.importing.snapshot_import import read_snapshot
from model.progress.checks import check_progress
from model.progress.registry import MODULES, PG_RULES
from model.progress.snapshot import find_snapshots
from model.project.loader import discover, load_plans
from tui.main import main

NAT = load_national()
ROOT = FIXTURES / "progress"


def expectations(folder: Path) -> list[tuple[tuple[str, ...], list[str], list[str], list[str]]]:
    """(code, severity, business[, phase]) with the ja and en substrings of each message and
    its place (``file:line:col`` from the folder)."""
    out: list[tuple[tuple[str, ...], list[str], list[str], list[str]]] = []
    for plan in sorted(folder.glob("*.toml")):
        for line in plan.read_text("utf-8").splitlines():
            if line.startswith("# expect: "):
                out.append((tuple(line.removeprefix("# expect: ").split()), [], [], []))
            elif line.startswith("# expect-message: "):
                out[-1][1].append(line.removeprefix("# expect-message: "))
            elif line.startswith("# expect-message-en: "):
                out[-1][2].append(line.removeprefix("# expect-message-en: "))
            elif line.startswith("# expect-at: "):
                file, row, col = line.removeprefix("# expect-at: ").rsplit(":", 2)
                out[-1][3].append(f"{(folder / file).resolve()}:{row}:{col}")
    return out


def test_every_rule_module_is_registered_with_a_fixture() -> None:
    found = {m.name for m in pkgutil.iter_modules(model.progress.rules.__path__)}
    assert found == set(MODULES)
    assert sorted(p.name for p in ROOT.iterdir() if p.is_dir()) == sorted(PG_RULES)


@pytest.mark.parametrize("code", sorted(PG_RULES))
def test_fixture_gives_exactly_its_findings(code: str) -> None:
    folder = ROOT / code
    plans, problems, _ = load_plans(discover([folder]), NAT)
    assert not problems
    snaps = [read_snapshot(p, NAT, m) for m, p in find_snapshots([folder])]
    findings = check_progress(snaps, plans, NAT)
    expected = expectations(folder)
    assert expected and all(e[0][0] == code for e in expected)
    key = lambda f: (f.code, str(f.severity), f.business, *([f.phase] if f.phase else []))  # noqa: E731
    assert Counter(key(f) for f in findings) == Counter(e[0] for e in expected)
    assert all(at for *_, at in expected), "every expected finding names its place"
    for want, ja, en, at in expected:
        got = [f for f in findings if key(f) == want]
        assert any(
            all(s in f.message("ja") for s in ja)
            and all(s in f.message("en") for s in en)
            and f"{Path(f.place.file).resolve()}:{f.line}:{f.col}" == at[0]
            for f in got
        ), (want, at, [(str(f.place), f.message("ja")) for f in got])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_plans_rule_prints_each_progress_rule(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    for code, rule in PG_RULES.items():
        assert main(["rule", code, "--lang", lang]) == 0
        doc = capsys.readouterr().out
        assert (
            doc.startswith(f"{code} {rule.name} ({rule.severity})")
            and rule.title(lang) in doc
            and rule.fix(lang) in doc
        )
        assert ("## Fix" in doc) == (lang == "en")
    assert main(["rule", "behind-plan"]) == 0 and capsys.readouterr().out.startswith("PG001 behind-plan")
    assert main(["rule", "--all", "--lang", lang]) == 0
    listing = capsys.readouterr().out.splitlines()
    codes = [line.split()[0] for line in listing]
    assert codes.index("PL001") < codes.index("PG001") < codes.index("PG004") < codes.index("E001")
