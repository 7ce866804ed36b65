"""`ehcplan compare`: two scenarios on the same seeds, with the paired differences."""

from __future__ import annotations

import argparse
from typing import TextIO

from ehcplan.cli.options import Commands, command, run_options, scenario_for
from ehcplan.extras import require
from ehcplan.files import output_folder

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan compare default monthly-panel
  ehcplan compare now.toml two-more-psychologists.toml -n 100 --out compare
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    compare = command(
        commands,
        "compare",
        "run two scenarios on the same seeds and show the paired differences",
        "Run scenarios A and B with common random numbers (the same seeds), print each "
        "KPI for both with the paired difference B - A and its 95% interval, and write "
        "the table and both scenarios' plots side by side into a folder.",
        EXAMPLES,
    )
    compare.add_argument(
        "a", metavar="A", help="the first scenario (file or shipped name)"
    )
    compare.add_argument("b", metavar="B", help="the second scenario")
    run_options(compare, "compare")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sim import compare
    from ehcplan.sim.report import write_comparison

    require("matplotlib", extra="planners", purpose="the comparison's plots")
    a, b = (
        scenario_for(args.a, args.horizon_days),
        scenario_for(args.b, args.horizon_days),
    )
    output_folder(args.out)
    comparison = compare(
        a,
        b,
        args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    table, written = write_comparison(comparison, args.out)
    if not args.quiet:
        print(f"A: {a.name}\nB: {b.name}\n", file=out)
        print(table, file=out)
        print("\nWritten:", file=out)
    for path in written:
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0
