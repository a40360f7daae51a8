"""Progress at the national tracker's grain: per system (one municipality × one business)
the status of each of the procedure's 40 steps (``national.toml``'s ``[[step]]``), as
monthly snapshots stored in ``plans/progress/YYYY-MM.csv``, and their roll-ups.

Pure: polars and the core records, no terminal. The path: :mod:`.status` (the four
statuses and the words for them) → :mod:`.snapshot` (a month's rows, storage) →
:mod:`.rollup` (完了率, 作業中率, 未着手率 per system, municipality, prefecture, business and
step). Reading spreadsheets into snapshots is ``model.importing.snapshot_import``.
"""
