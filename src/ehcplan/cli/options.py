"""The options and helpers every command of `ehcplan` shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ehcplan.sim.run import MAX_REPLICATIONS
from ehcplan.sim.scenario import MAX_HORIZON_DAYS

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim import Scenario

__all__ = [
    "Commands",
    "whole",
    "command",
    "debug_option",
    "replication_options",
    "run_options",
    "scenario_for",
]

if TYPE_CHECKING:  # pragma: no cover
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
    """The sub-command table of the `ehcplan` parser, which each command adds itself to."""
else:
    Commands = argparse._SubParsersAction


def whole(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from *minimum* (to *maximum*), or a clear refusal.

    Examples:
        >>> whole(1)("3")
        3
        >>> whole(1)("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a whole number of at least 1, got '-1'
    """

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if (
            value is None
            or value < minimum
            or (maximum is not None and value > maximum)
        ):
            bound = (
                f"from {minimum:,} to {maximum:,}"
                if maximum is not None
                else f"of at least {minimum:,}"
            )
            msg = f"expected a whole number {bound}, got {text!r}"
            raise argparse.ArgumentTypeError(msg)
        return value

    read.__name__ = "whole number"
    return read


def debug_option(command: argparse.ArgumentParser) -> None:
    """Accept --debug after the command's name too."""
    command.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )


def command(
    commands: Commands,
    name: str,
    help_text: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    """Add a command with its help, description and examples, accepting --debug."""
    command: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=examples,
    )
    debug_option(command)
    return command


def replication_options(command: argparse.ArgumentParser, replications: int) -> None:
    """The options every simulating command takes: replications, seed, workers."""
    command.add_argument(
        "-n", "--replications", type=whole(1, MAX_REPLICATIONS), default=replications,
        metavar="N",
        help=f"how many replications (default {replications})",
    )  # fmt: skip
    command.add_argument(
        "--seed", type=whole(0), default=2024, help="the root seed (default 2024)"
    )
    command.add_argument(
        "--workers", type=whole(1, 1024), default=None, metavar="N",
        help="worker processes (default: one per CPU; 1 runs in this process)",
    )  # fmt: skip


def run_options(command: argparse.ArgumentParser, out: str) -> None:
    """The options of the commands that write a report: replications, horizon, folder."""
    replication_options(command, 100)
    command.add_argument(
        "--horizon-days", type=whole(1, MAX_HORIZON_DAYS), default=None, metavar="DAYS",
        help="simulate this many days instead of the scenario's horizon",
    )  # fmt: skip
    command.add_argument(
        "--out",
        default=out,
        metavar="FOLDER",
        help=f"the report folder (default {out})",
    )
    command.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar; print only the paths",
    )


def scenario_for(source: str, horizon_days: int | None) -> Scenario:
    """The scenario a command names (a file or a shipped name), with its horizon changed."""
    from ehcplan.sim import load_scenario

    scenario = load_scenario(source)
    if horizon_days is not None:
        scenario = attrs.evolve(scenario, horizon_days=horizon_days)
    return scenario
