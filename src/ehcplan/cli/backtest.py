"""`ehcplan backtest`: forecast each authority's next year four ways, and score them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ehcplan.cli.options import Commands, command, replication_options, whole
from ehcplan.files import output_file, read_text

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan backtest --data la_panel_2019_2023.csv --train-until 2022 --target 2023
  ehcplan backtest --data panel.csv --train-until 2021 --target 2022 --out backtest-2022.csv
  ehcplan backtest --data panel.csv --train-until 2022 --target 2023 --only E06000001
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    backtest = command(
        commands,
        "backtest",
        "forecast each authority's next year from its past, four ways, and score it",
        "Read a panel in the format of DfE's la_panel_2019_2023.csv, set its faults "
        "aside, use only the rows up to --train-until (and the target year's requests) "
        "and forecast each authority's target year four ways: persistence, the pooled "
        "reference model, the simulator calibrated per authority, and the hybrid "
        "ehcplan ships. Prints each model's mean absolute error, CRPS and 80% interval "
        "coverage against the published values; writes one row per authority and "
        "measure, the panel's faults, and a plot of forecast against published.",
        EXAMPLES,
    )
    backtest.add_argument(
        "--data", required=True, metavar="PANEL.csv", help="the panel"
    )
    backtest.add_argument(
        "--train-until", type=whole(2000, 2100), required=True, metavar="YEAR"
    )
    backtest.add_argument(
        "--target", type=whole(2000, 2100), required=True, metavar="YEAR"
    )
    backtest.add_argument(
        "--out", default="backtest.csv", metavar="FILE", help="where to write the rows"
    )
    backtest.add_argument(
        "--plot", metavar="FILE.png",
        help="where to draw forecast against published (default: --out as .png)",
    )  # fmt: skip
    replication_options(backtest, 1)
    backtest.add_argument(
        "--only",
        action="append",
        metavar="CODE",
        help="only this authority (repeatable)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.extras import require
    from ehcplan.sim.authorities import read_panel
    from ehcplan.sim.backtest import backtest

    target = output_file(args.out)
    picture = output_file(args.plot or Path(args.out).with_suffix(".png"))
    require("matplotlib", extra="planners", purpose="the back-test's plot")
    text = read_text(args.data, kind="a panel in the format of la_panel_2019_2023.csv")
    result = backtest(
        read_panel(text, path=args.data),
        train_until=args.train_until,
        target=args.target,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        only=args.only,
    )
    written = result.to_csv(target)
    result.plot().savefig(picture)
    print(result.table(), file=out)
    print("\nWritten:", *(f"  {p}" for p in [*written, picture]), sep="\n", file=out)
    return 0
