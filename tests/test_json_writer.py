"""``plans lint --format json`` writes its document as one string (issue 11 follow-up): the
``json.dump`` it replaced wrote every token separately — two million ``write`` calls for a
plan with 40,000 unknown keys. The document is the same, byte for byte."""

from __future__ import annotations

import io
import json
from pathlib import Path

from conftest import NATIONAL, PLANS

from model.project.fixing import propose
from model.project.lint import lint_paths
from model.render.findings import json as json_writer


class CountingWrites(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


def test_one_write_for_the_whole_document(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "national.toml").write_text(NATIONAL.read_text("utf-8"), "utf-8")
    (folder / "big.toml").write_text(
        'municipality = "大町"\n[phases]\nmigration = "R8.3"\n' + "".join(f"k{i} = 1\n" for i in range(2000)), "utf-8"
    )
    res = lint_paths([folder, PLANS])
    assert len(res.problems) == 2000 and res.findings
    for fixes in (None, propose(res)):
        out = CountingWrites()
        json_writer.write(res, "ja", out, fixes=fixes)
        assert out.writes == 1
        # the same document json.dump wrote
        items = json.loads(out.getvalue())
        want = io.StringIO()
        json.dump(items, want, ensure_ascii=False, indent=2)
        assert out.getvalue() == want.getvalue() + "\n"
        assert ("fix" in items[-1]) is (fixes is not None)
