"""The back-tests of record: every authority, target 2023 (train to 2022) and 2022 (train to 2021).

Runs `ehcplan backtest` on the shipped DfE panel for both targets, with its
defaults (6 replications per authority, every CPU), and appends to
`benchmarks/results/backtest.md` the wall time (target: at most 5 minutes
each) and the mean absolute errors of the model and the two baselines, in
percentage points of plans within 20 weeks (excluding exceptions).

    .venv/bin/python benchmarks/bench_backtest.py
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import platform
import time
from pathlib import Path

from ehcplan.sim.authorities import read_panel
from ehcplan.sim.backtest import backtest, mean_absolute_errors

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "backtest.md"


def main() -> None:
    text = (
        importlib.resources.files("ehcplan")
        .joinpath("data/la_panel_2019_2023.csv")
        .read_text("utf-8")
    )
    rows = read_panel(text)
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Back-tests against published outcomes\n\n"
            "Written by `benchmarks/bench_backtest.py` (`ehcplan backtest` on the shipped "
            "DfE panel, 6 replications per authority, 2 cores). Mean absolute error in "
            "percentage points of plans within 20 weeks (excluding exceptions), over the "
            "authorities with a published target-year value. Baselines: persistence "
            "(last year's value), and last year's value moved by the national change "
            "(which uses the target year's national figure: hindsight).\n\n"
            "| date | python | target | train until | authorities | model MAE | persistence MAE "
            "| national-change MAE | wall s |\n|---|---|---|---|---|---|---|---|---|\n"
        )
    for target in (2023, 2022):
        start = time.perf_counter()
        predictions = backtest(rows, train_until=target - 1, target=target)
        seconds = time.perf_counter() - start
        errors = mean_absolute_errors(predictions)
        line = (
            f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
            f"| {target} | {target - 1} | {errors['authorities']:.0f} | {errors['model']:.1f} "
            f"| {errors['persistence']:.1f} | {errors['national change']:.1f} | {seconds:.0f} |"
        )
        with RESULTS.open("a") as results:
            results.write(line + "\n")
        print(line, flush=True)


if __name__ == "__main__":
    main()
