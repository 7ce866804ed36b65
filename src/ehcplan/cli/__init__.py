"""The `ehcplan` command: one module per command, and `main`, which runs them.

Each command's module (`forecast`, `compare`, `scenario`, `clock`, `nowcast`,
`backtest`, `calibrate`, `summary`) adds its own parser and runs it; `ehcplan.cli.app` holds
the parser and the error handling every command shares (exit 2 with a
one-paragraph message, never a traceback unless ``--debug``).
"""

from ehcplan.cli.app import main

__all__ = ["main"]
