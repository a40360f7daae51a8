"""``plans lint --diff`` / ``--fix`` / ``--unsafe-fixes`` (issue 12, item 3): the diff and its
exit code, fixes that change only date values and are idempotent, the seed left without a
finding of PL001–PL006, the fixes in JSON and SARIF, unsafe and infeasible plans, and a file
changed on disk between read and write left as it is."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import PLANS, ROOT

from model.core.dates import parse
from model.project import fixing
from model.project.fixing import FIXABLE, STALE, apply_edits, lines_of
from model.render.fixes import NO_NEWLINE, unified_diff
from model.replan.proposal import Edit

SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
)
VALUE_LINE = re.compile(r'^(?P<key>\s*[\w.]+\s*=\s*)"(?P<value>[^"]*)"(?P<rest>.*)$')

LATE = """\
municipality = "遅町"
surveyed = "R3.12"

[phases]
governance       = "R7.7"    # 推進体制
current_survey   = "R7.8"    # 調査
fit_gap          = "R7.9"
migration_plan   = "R7.10"
vendor_selection = "R7.11"
migration        = "R8.3"    # 移行完了
"""
"""As of R7.6 no schedule keeps the go-live R8.3: the only fix moves it (unsafe)."""


def copy_plans(tmp_path: Path) -> Path:
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path / "plans"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.toml"))}


def one_plan(tmp_path: Path, text: str, name: str = "late.toml") -> Path:
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(PLANS / "national.toml", folder / "national.toml")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def findings(cli, *args: str, cwd: Path) -> list[dict]:  # type: ignore[no-untyped-def]
    r = cli("lint", *args, "--format", "json", cwd=cwd)
    assert r.code in (0, 1), r.err
    return [i for i in json.loads(r.out) if i["kind"] == "finding"]


# -- --diff --------------------------------------------------------------------------------

UBE_DIFF = """\
--- a/plans/ube.toml
+++ b/plans/ube.toml
@@ -7,9 +7,9 @@
 surveyed = "R3.12"
\x20
 [phases]  # 各フェーズの完了予定
-governance       = "R4.10"         # 推進体制
+governance       = "R4.9"          # 推進体制
 current_survey   = "R4.9"          # システム概要調査
-fit_gap          = "R6.3"          # 標準仕様との比較分析
+fit_gap          = "R5.9"          # 標準仕様との比較分析
 migration_plan   = "R5.9"          # 移行計画作成
 vendor_selection = "R6.6"          # ベンダ選定
 migration        = "R8.3"          # 移行完了
"""


def test_diff_prints_a_unified_diff_touches_no_file_and_exits_1(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    before = snapshot(folder)
    r = cli("lint", "plans", "--diff", cwd=tmp_path)
    assert r.code == 1
    assert snapshot(folder) == before, "--diff changes no file"
    assert UBE_DIFF in r.out  # the README's example: 宇部市's go-live R8.3 stays
    files = re.findall(r"^--- a/(\S+)$", r.out, flags=re.M)
    fixable = list(dict.fromkeys(i["file"] for i in findings(cli, "plans", cwd=tmp_path) if i["code"] in FIXABLE))
    assert files == fixable and len(files) == 13
    assert r.err.splitlines()[-1] == "13ファイルを修正できます(--fix で書き込みます)"
    assert cli("lint", "plans", "--diff", "--exit-zero", cwd=tmp_path).code == 0
    en = cli("lint", "plans", "--diff", "--lang", "en", cwd=tmp_path)
    assert en.out == r.out and en.err.splitlines()[-1] == "13 file(s) would be fixed (--fix writes them)"


def test_the_diff_is_what_fix_writes(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    before = {name: data.decode("utf-8") for name, data in snapshot(folder).items()}
    shown = cli("lint", "plans", "--diff", cwd=tmp_path).out
    assert cli("lint", "plans", "--fix", cwd=tmp_path).code == 0
    after = {name: data.decode("utf-8") for name, data in snapshot(folder).items()}
    expected = "".join(unified_diff(f"plans/{n}", before[n], after[n]) for n in sorted(before))
    assert shown == expected


def test_a_clean_set_has_no_diff_and_exits_0(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy_plans(tmp_path)
    cli("lint", "plans", "--fix", cwd=tmp_path)
    r = cli("lint", "plans", "--diff", cwd=tmp_path)
    assert (r.code, r.out, r.err) == (0, "", "修正するものはありません\n")


def test_a_load_error_exits_2_with_diff(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    (folder / "bad.toml").write_text('municipality = "x"\n[phases]\nmigration = R8.3\n', encoding="utf-8")
    r = cli("lint", "plans", "--diff", cwd=tmp_path)
    assert r.code == 2 and "plans/bad.toml:3:" in r.err and UBE_DIFF in r.out


def test_the_readme_example_is_the_real_diff(cli) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fixing plans", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```console\n$ plans lint plans/ube.toml --diff\n", 1)[1].split("```", 1)[0]
    r = cli("lint", "plans/ube.toml", "--diff")
    assert shown == r.out + r.err
    assert shown.startswith(UBE_DIFF)


# -- --fix ---------------------------------------------------------------------------------


def test_fix_changes_only_date_values_and_keeps_comments_in_their_column(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    before = snapshot(folder)
    r = cli("lint", "plans", "--fix", cwd=tmp_path)
    assert r.code == 0  # what remains: 山口市's PL007 warning only
    assert "plans/ube.toml: 日付を2か所修正しました" in r.err.splitlines()
    after = snapshot(folder)
    changed = 0
    for name in before:
        old, new = before[name].decode("utf-8").split("\n"), after[name].decode("utf-8").split("\n")
        assert len(old) == len(new), name
        for a, b in zip(old, new, strict=True):
            if a == b:
                continue
            changed += 1
            ma, mb = VALUE_LINE.match(a), VALUE_LINE.match(b)
            assert ma and mb, (a, b)
            assert ma["key"] == mb["key"] and ma["rest"].lstrip() == mb["rest"].lstrip(), (a, b)
            assert a.find("#") == b.find("#"), "the comment keeps its column"
            parse(mb["value"])  # a date
    assert changed == 27
    assert after["national.toml"] == before["national.toml"]


def test_fix_keeps_a_bom_and_crlf_line_ends(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = one_plan(tmp_path, "", name="ube.toml")
    original = (PLANS / "ube.toml").read_text(encoding="utf-8")
    (folder / "ube.toml").write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    cli("lint", "p", "--fix", cwd=tmp_path)
    got = (folder / "ube.toml").read_bytes()
    want = original.replace('"R4.10"         #', '"R4.9"          #').replace('"R6.3"          #', '"R5.9"          #')
    assert got == b"\xef\xbb\xbf" + want.replace("\n", "\r\n").encode("utf-8")


def test_fix_is_idempotent(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    cli("lint", "plans", "--fix", "--unsafe-fixes", cwd=tmp_path)
    once = snapshot(folder)
    again = cli("lint", "plans", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert snapshot(folder) == once
    assert "修正しました" not in again.err


def test_seed_fixed_with_unsafe_fixes_leaves_no_finding_of_pl001_to_pl006(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy_plans(tmp_path)
    r = cli("lint", "plans", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert r.code == 0, r.err
    left = findings(cli, "plans", cwd=tmp_path)
    assert not [i for i in left if i["code"] in FIXABLE]
    assert [(i["file"], i["code"]) for i in left] == [("plans/yamaguchi.toml", "PL007")]
    # the report after --fix is the lint of what remains
    assert r.out == cli("lint", "plans", cwd=tmp_path).out


def test_a_file_changed_on_disk_between_read_and_write_is_not_overwritten(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = copy_plans(tmp_path)
    propose = fixing.propose
    theirs = (folder / "ube.toml").read_text(encoding="utf-8").replace('"R4.10"', '"R4.8"')

    def propose_then_someone_saves(*args, **kw):  # type: ignore[no-untyped-def]
        fixes = propose(*args, **kw)
        (folder / "ube.toml").write_text(theirs, encoding="utf-8")
        return fixes

    monkeypatch.setattr(fixing, "propose", propose_then_someone_saves)
    r = cli("lint", "plans", "--fix", cwd=tmp_path)
    assert (folder / "ube.toml").read_text(encoding="utf-8") == theirs, "their save is kept"
    assert f"plans/ube.toml: {STALE.ja}" in r.err.splitlines()
    assert r.code == 2
    assert '"R5.9"          # 標準仕様との比較分析' in (folder / "mine.toml").read_text(encoding="utf-8"), (
        "the other files are fixed"
    )


def test_write_fixes_compares_bytes(tmp_path, monkeypatch, national) -> None:  # type: ignore[no-untyped-def]
    from model.project.lint import lint_paths

    folder = copy_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    fixes = fixing.propose(lint_paths([Path("plans")]))
    hofu = folder / "hofu.toml"
    hofu.write_bytes(hofu.read_bytes() + b"\n")  # one byte more: not the file the fix was made for
    written = {w.fix.file: w.problem for w in fixing.write_fixes(fixes)}
    assert written["plans/hofu.toml"] is not None and written["plans/hofu.toml"].words == STALE
    assert all(p is None for f, p in written.items() if f != "plans/hofu.toml")
    assert hofu.read_bytes().endswith(b"\n\n")


# -- unsafe and infeasible plans ------------------------------------------------------------


def test_an_unsafe_fix_is_only_mentioned_without_unsafe_fixes(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = one_plan(tmp_path, LATE)
    r = cli("lint", "p", "--as-of", "R7.6", "--diff", cwd=tmp_path)
    assert (r.code, r.out) == (0, "")
    assert "安全でない修正が1件あります(--unsafe-fixes で適用できます)" in r.err.splitlines()
    assert "p/late.toml: 安全でない修正" in r.err and "移行完了 ≥" in r.err  # what moves, and why
    en = cli("lint", "p", "--as-of", "R7.6", "--diff", "--lang", "en", cwd=tmp_path)
    assert "1 unsafe fix available with --unsafe-fixes" in en.err.splitlines()
    assert cli("lint", "p", "--as-of", "R7.6", "--fix", cwd=tmp_path).code == 1
    assert (folder / "late.toml").read_text(encoding="utf-8") == LATE
    unsafe = cli("lint", "p", "--as-of", "R7.6", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert unsafe.code == 1 and '-migration        = "R8.3"    # 移行完了' in unsafe.out
    cli("lint", "p", "--as-of", "R7.6", "--fix", "--unsafe-fixes", cwd=tmp_path)
    fixed = (folder / "late.toml").read_text(encoding="utf-8")
    assert '"R8.3"' not in fixed
    # the dates now fit, but only an extended deadline: said, with no date to change
    again = cli("lint", "p", "--as-of", "R7.6", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert (again.code, again.out) == (0, "")
    assert (
        "p/late.toml: 日付の修正はありません: この日程には特定移行支援システムの延長期限(extended_deadline)が必要です"
        in again.err
    )
    assert (folder / "late.toml").read_text(encoding="utf-8") == fixed


def test_an_infeasible_plan_says_so_with_its_chain(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one_plan(tmp_path, LATE)
    r = cli("lint", "p", "--as-of", "R13.2", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert r.out == ""
    line = next(ln for ln in r.err.splitlines() if ln.startswith("p/late.toml: "))
    assert line.startswith("p/late.toml: 修正できません: 延長期限の上限(R13.3)までに成り立つ日程がありません(制約: ")
    assert " → " in line and "移行完了 ≥" in line
    items = findings(cli, "p", "--as-of", "R13.2", "--diff", cwd=tmp_path)
    fix = next(i["fix"] for i in items if i["code"] in FIXABLE)
    assert fix["safety"] == "infeasible" and fix["edits"] == [] and not fix["applies"]


def test_fix_options_that_do_not_go_together_are_usage_errors(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--unsafe-fixes")
    assert (r.code, r.out, r.err) == (2, "", "--unsafe-fixes は --diff か --fix と一緒に指定してください\n")
    assert cli("lint", "plans", "--diff", "--statistics").code == 2
    assert cli("lint", "plans", "--diff", "--fix").code == 2


# -- fixes in JSON and SARIF --------------------------------------------------------------


def test_json_gives_each_finding_its_plans_fix(cli) -> None:  # type: ignore[no-untyped-def]
    items = findings(cli, "plans", "--diff", cwd=ROOT)
    assert all("fix" in i for i in items)
    for it in items:
        fix = it["fix"]
        if it["code"] not in FIXABLE:
            assert fix is None
            continue
        assert fix["safety"] == "safe" and fix["safe"] and fix["applies"] and fix["edits"]
        assert fix["message"].startswith("安全な修正(移行完了は動かしません): ")
        for e in fix["edits"]:
            assert e["file"] == it["file"]
            src = (ROOT / e["file"]).read_text(encoding="utf-8").split("\n")[e["line"] - 1]
            assert src[e["column"] - 1 : e["end_column"] - 1] == e["old"]
            assert src[e["column"] - 2] == src[e["end_column"] - 1] == '"'
            parse(e["new"])
    ube = [i["fix"] for i in items if i["file"] == "plans/ube.toml"]
    assert len(ube) == 2 and ube[0] == ube[1], "every finding of a plan carries the plan's whole fix"
    assert [(e["phase"], e["old"], e["new"]) for e in ube[0]["edits"]] == [
        ("governance", "R4.10", "R4.9"),
        ("fit_gap", "R6.3", "R5.9"),
    ]


def test_sarif_carries_fixes_as_artifact_changes_and_validates(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("lint", "plans", "--diff", "--format", "sarif")
    assert r.code == 1
    log = json.loads(r.out)
    errors = list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    assert not errors, errors[:3]
    results = log["runs"][0]["results"]
    with_fix = [x for x in results if "fixes" in x]
    assert {x["ruleId"] for x in with_fix} <= FIXABLE and len(with_fix) == sum(x["ruleId"] in FIXABLE for x in results)
    for res in with_fix:
        [fx] = res["fixes"]
        assert fx["properties"] == {"safety": "safe", "safe": True, "applies": True}
        [change] = fx["artifactChanges"]
        assert change["artifactLocation"] == res["locations"][0]["physicalLocation"]["artifactLocation"]
        src = (ROOT / change["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
        for rep in change["replacements"]:
            reg = rep["deletedRegion"]
            assert reg["startLine"] == reg["endLine"]
            old = src[reg["startLine"] - 1][reg["startColumn"] - 1 : reg["endColumn"] - 1]
            parse(old), parse(rep["insertedContent"]["text"])
    plain = json.loads(cli("lint", "plans", "--format", "sarif").out)
    assert not any("fixes" in x for x in plain["runs"][0]["results"]), "fixes only when asked for"


def test_json_after_fix_lists_what_remains_with_the_unsafe_fixes_left(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one_plan(tmp_path, LATE)
    items = findings(cli, "p", "--as-of", "R7.6", "--fix", cwd=tmp_path)
    fix = next(i["fix"] for i in items if i["code"] in FIXABLE)
    assert fix["safety"] in ("unsafe", "extended") and not fix["safe"] and not fix["applies"]
    assert any(e["phase"] == "migration" for e in fix["edits"])


# -- the text edits -----------------------------------------------------------------------


def test_lines_are_split_at_lf_only_as_toml_counts_them() -> None:
    src = 'a = "R4.10"  # 注\u2028記\nb = "R5"\r\nc = "R6"'
    assert lines_of(src) == ['a = "R4.10"  # 注\u2028記\n', 'b = "R5"\r\n', 'c = "R6"']
    edits = [Edit("x.toml", 2, 5, None, "b", "R5", "R5.4"), Edit("x.toml", 3, 5, None, "c", "R6", "R6.10")]
    assert apply_edits(src, edits) == 'a = "R4.10"  # 注\u2028記\nb = "R5.4"\r\nc = "R6.10"'


def test_a_diff_of_a_file_without_a_final_newline_says_so() -> None:
    d = unified_diff("x.toml", 'a = "R5"', 'a = "R5.4"')
    assert d.endswith('-a = "R5"\n' + NO_NEWLINE + '+a = "R5.4"\n' + NO_NEWLINE)


@pytest.mark.parametrize("jobs", [1, 2])
def test_proposals_are_the_same_serial_and_in_workers(tmp_path, monkeypatch, jobs) -> None:  # type: ignore[no-untyped-def]
    from model.project.lint import lint_paths

    copy_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    res = lint_paths([Path("plans")])
    serial = fixing.propose(res, jobs=1)
    other = fixing.propose(res, jobs=jobs)
    assert [(p.file, p.proposal, p.after) for p in other.plans] == [(p.file, p.proposal, p.after) for p in serial.plans]


def test_fix_removes_a_killed_saves_temp_file_of_the_plan_it_writes(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import time

    from model.project.stale_temps import STALE_TEMP_SECONDS

    folder = copy_plans(tmp_path)
    old = time.time() - STALE_TEMP_SECONDS - 5
    stale = folder / ".ube.toml.k2j3h4g5.tmp"  # left by a save killed over a minute ago
    other = folder / ".abu.toml.k2j3h4g5.tmp"  # abu.toml has nothing to fix: not written, left
    for temp in (stale, other):
        temp.write_bytes(b'municipality = "half a plan')
        os.utime(temp, (old, old))
    r = cli("lint", "plans", "--fix", cwd=tmp_path)
    assert "plans/ube.toml: 日付を2か所修正しました" in r.err.splitlines()
    assert not stale.exists()
    assert other.exists()
