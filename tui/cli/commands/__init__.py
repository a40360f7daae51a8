"""Sub-commands of ``plans``; each module has ``register(subparsers)``."""
