"""The `ehcplan` command: its parser, and the dispatch to each command's module.

    ehcplan forecast [SCENARIO.toml]         forecast an authority's caseload, with a report
    ehcplan compare A.toml B.toml            two scenarios on the same seeds, paired differences
    ehcplan scenario new|validate FILE       write a starter scenario, or check one
    ehcplan clock CASES.csv --on DATE        every case's statutory deadlines, overdue first
    ehcplan nowcast CASES.csv --on DATE      which open cases will breach, and when
    ehcplan backtest --data PANEL.csv --train-until YEAR --target YEAR
    ehcplan calibrate --authority NAME --out FILE.toml   a scenario from published figures
    ehcplan summary PATH [--json]            read a SEN2 file or COLLECT export and summarise it
    ehcplan --version

Exit codes: 0 on success; 2 when the input is bad, with a one-paragraph message
and no traceback (add `--debug` to see it); 130 when interrupted with Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata
from types import ModuleType
from typing import TextIO

from ehcplan.cli import (
    backtest,
    calibrate,
    clock,
    compare,
    forecast,
    nowcast,
    scenario,
    summary,
)
from ehcplan.errors import EhcplanError

__all__ = ["COMMANDS", "main"]

COMMANDS: dict[str, ModuleType] = {
    "forecast": forecast,
    "compare": compare,
    "scenario": scenario,
    "clock": clock,
    "nowcast": nowcast,
    "backtest": backtest,
    "calibrate": calibrate,
    "summary": summary,
}
"""Each command's module, in the order `ehcplan --help` lists them: each has
``add_parser(commands)`` and ``run(args, out)``."""

_EXAMPLES = """\
examples:
  ehcplan forecast
  ehcplan forecast my-authority.toml --replications 200 --out forecast-2025
  ehcplan compare default monthly-panel
  ehcplan scenario new my-authority.toml
  ehcplan clock cases.csv --on 2025-01-16 --format csv --out deadlines.csv
  ehcplan summary examples/sen2-example.csv
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ehcplan",
        description="Statutory clocks, local policy and caseload simulation for EHC plans.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of any error"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS.values():
        module.add_parser(commands)
    return parser


def _version() -> str:
    try:
        return metadata.version("ehcplan")
    except metadata.PackageNotFoundError:  # pragma: no cover - only when not installed
        return "unknown"


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the `ehcplan` command with *argv* and return its exit code.

    Args:
        argv: The arguments, without the program name (default: the command line).
        out: Where results go (default: standard output).
        err: Where error messages go (default: standard error).

    Examples:
        >>> import sys
        >>> main(["summary", "no-such-file.csv"], err=sys.stdout)
        ehcplan: no-such-file.csv: ...
        2
    """
    args = _parser().parse_args(argv)
    try:
        code: int = COMMANDS[args.command].run(args, sys.stdout if out is None else out)
        return code
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(
            "ehcplan: interrupted (Ctrl-C); what was written so far may be incomplete.",
            file=sys.stderr if err is None else err,
        )
        return 130
    except EhcplanError as error:
        if args.debug:
            raise
        print(f"ehcplan: {error}", file=sys.stderr if err is None else err)
        return 2
