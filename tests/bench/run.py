"""``make bench``: every benchmark module ``tests/bench/bench_*.py`` exposes
``run() -> list[Row]``; this prints one table of figures (median of several runs, min, max).

Timing lives here, never in tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Row, print_table  # noqa: E402


def main() -> int:
    rows: list[Row] = []
    only = sys.argv[1:]
    for mod_path in sorted(HERE.glob("bench_*.py")):
        if only and not any(o in mod_path.stem for o in only):
            continue
        spec = importlib.util.spec_from_file_location(mod_path.stem, mod_path)
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        print(f"running {mod_path.stem} …", file=sys.stderr, flush=True)
        rows.extend(mod.run())
    print_table(rows)
    return 1 if any(r.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
