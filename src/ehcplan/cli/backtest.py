"""`ehcplan backtest`: predict each authority's next year from its past, and score it."""

from __future__ import annotations

import argparse
import csv
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
        "predict each authority's next year from its past, and score it",
        "Read a panel in the format of DfE's la_panel_2019_2023.csv, use only the rows "
        "up to --train-until (and the target year's requests), calibrate each "
        "authority's effective capacity and predict its share of plans within 20 weeks "
        "in the target year. Writes one row per authority and prints the mean absolute "
        "error against the published values next to two naive baselines.",
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
    replication_options(backtest, 6)
    backtest.add_argument(
        "--only",
        action="append",
        metavar="CODE",
        help="only this authority (repeatable)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sim.authorities import read_panel
    from ehcplan.sim.backtest import backtest, mean_absolute_errors

    target = output_file(args.out)
    text = read_text(args.data, kind="a panel in the format of la_panel_2019_2023.csv")
    rows = read_panel(text, path=args.data)
    predictions = backtest(
        rows,
        train_until=args.train_until,
        target=args.target,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        only=args.only,
    )
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "code",
                "name",
                "predicted_pc_within_20_weeks_ex",
                "lower_95",
                "upper_95",
                "predicted_new_plans",
            ]
        )
        for p in predictions:
            writer.writerow(
                [
                    p.code,
                    p.name,
                    f"{p.predicted_pc_within_20_weeks_ex:.1f}",
                    f"{p.lower_95:.1f}",
                    f"{p.upper_95:.1f}",
                    f"{p.predicted_new_plans:.0f}",
                ]
            )
    errors = mean_absolute_errors(predictions)
    print(
        f"Predicted {len(predictions)} authorities for {args.target} from data up to "
        f"{args.train_until}. Mean absolute error, percentage points, over "
        f"{errors['authorities']:.0f} with a published {args.target} value:\n"
        f"  model (calibrated capacity)      {errors['model']:.1f}\n"
        f"  persistence (last year's value)  {errors['persistence']:.1f}\n"
        f"  last year's value + national change (hindsight)  {errors['national change']:.1f}",
        file=out,
    )
    print(f"\nWritten:\n  {args.out}", file=out)
    return 0
