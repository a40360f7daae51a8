"""Writers of a lint result (findings and load problems) for machines: JSON, GitHub workflow
commands, SARIF 2.1.0 and JUnit XML, and the per-rule statistics. Each writes text to a stream
and imports no rich; the people's text report is the CLI's (``tui/cli/report.py``). The
formats are named in :mod:`model.render.registry`."""
