"""`ehcplan scenario new|validate`: write a commented starter scenario, or check one."""

from __future__ import annotations

import argparse
import importlib.resources
from typing import TextIO

from ehcplan.cli.options import Commands, command, debug_option
from ehcplan.files import output_file

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan scenario new my-authority.toml
  ehcplan scenario validate my-authority.toml
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    scenario = command(
        commands,
        "scenario",
        "write a commented starter scenario, or check one",
        "new: write a starter scenario file, every key commented. validate: read a "
        "scenario file and report the first problem by its key, with what to do.",
        EXAMPLES,
    )
    action = scenario.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = action.add_parser("new", help="write a commented starter scenario")
    new.add_argument("path", metavar="FILE", help="where to write it")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    debug_option(new)
    validate = action.add_parser("validate", help="check a scenario file")
    validate.add_argument("path", metavar="FILE", help="the scenario file")
    debug_option(validate)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sim import load_scenario

    if args.action == "new":
        target = output_file(args.path, overwrite=args.force)
        starter = importlib.resources.files("ehcplan.sim").joinpath("starter.toml")
        target.write_text(starter.read_text("utf-8"), encoding="utf-8")
        print(f"Wrote a starter scenario: {target}", file=out)
        print(f"Edit it, then: ehcplan scenario validate {target}", file=out)
        return 0
    scenario = load_scenario(args.path)
    last = scenario.date_at(scenario.horizon_days - 1)
    print(
        f"{args.path}: ok. {scenario.name}: {scenario.horizon_days} days from "
        f"{scenario.start.isoformat()} to {last.isoformat()}, measured after "
        f"{scenario.warmup_days} days; policy {scenario.policy.name}.",
        file=out,
    )
    return 0
