"""The progress rules (PG001…), one module each: its ``RULE`` (code, name, severity and doc,
read by ``plans rule``) and its ``check(cx) -> list[ProgressFinding]`` over a
:class:`model.progress.frames.ProgressContext`. Registered in :mod:`model.progress.registry`."""
