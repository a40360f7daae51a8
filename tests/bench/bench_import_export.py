"""Import, export and what-if at national scale: the 1,741 generated plans (tests/gen_nationwide.py,
20 businesses each, about 220,000 long-table rows)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from common import ROOT, Row, timeit

sys.path.insert(0, str(ROOT / "tests"))


def run() -> list[Row]:
    from gen_nationwide import generate

    from model.analysis.whatif import deadline_change, parse_shift, what_if
    from model.core.national import load_national
    from model.importing import plan_import
    from model.project.lint import lint_plan
    from model.project.loader import discover, evaluation_month, load_plans
    from model.render.export_tables import Options, build, export

    tmp = Path(tempfile.mkdtemp(prefix="plans-bench-io-"))
    try:
        src = tmp / "nationwide"
        generate(src, 1741)
        nat = load_national()
        plans, problems, _ = load_plans(discover([src]), nat)
        assert not problems
        as_of = evaluation_month(nat, None)
        findings = [f for p in plans for f in lint_plan(p, nat, as_of)]
        data = build(plans, nat, findings)
        rows = len(data.long_rows)
        note = f"{len(plans)} plans, {rows:,} rows"
        out: list[Row] = []
        out.append(
            Row("export: build tables (lint done)", timeit(lambda: build(plans, nat, findings), repeat=3), note=note)
        )
        blobs: dict[str, bytes] = {}
        for fmt in ("csv", "parquet", "json", "xlsx"):
            table = "long" if fmt in ("csv", "parquet") else "all"

            def once(fmt: str = fmt, table: str = table) -> None:
                blobs[fmt] = export(data, fmt, Options(table, "ja"))

            out.append(Row(f"export {fmt}", timeit(once, repeat=3), note=note))
        for fmt in ("csv", "xlsx"):
            f = tmp / f"all.{fmt}"
            f.write_bytes(blobs[fmt])

            def imp(f: Path = f) -> None:
                res = plan_import(f, nat, tmp / "out")
                assert res.ok and len(res.targets) == len(plans), res.problems[:3]

            out.append(
                Row(
                    f"import {fmt}: read, validate, render, re-parse",
                    timeit(imp, repeat=3),
                    note=f"{len(blobs[fmt]) / 1e6:.1f} MB",
                )
            )
        out.append(
            Row(
                "what-if --deadline R7.3",
                timeit(lambda: what_if(plans, nat, [deadline_change("R7.3")], as_of), repeat=3),
                note=f"{len(plans)} plans x 2 checks",
            )
        )
        out.append(
            Row(
                "what-if --shift spec.group2=+6m",
                timeit(lambda: what_if(plans, nat, [parse_shift("spec.group2=+6m", nat)], as_of), repeat=3),
                note=f"{len(plans)} plans x 2 checks",
            )
        )
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
