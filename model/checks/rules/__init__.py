"""One module per rule (``plNNN_<name>.py``), each defining ``RULE``; registered in
``model.checks.registry.MODULES``."""
