"""Clock reports for 100,000 cases, and batch deadlines for 1,000,000.

Builds the cases from a generated SEN2-shaped file (the example generator), then
times `clock_report` over every case, and `batch.last_days` plus
`batch.statuses` for the 20-week limit over a million trigger dates. Appends the
best of three runs to `benchmarks/results/timeline.md`.
Targets: clock reports for 100,000 cases at most 2 s; batch for 1,000,000 at
most 1 s.

    .venv/bin/python benchmarks/bench_timeline.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import platform
import tempfile
from pathlib import Path

import numpy as np
from common import best_of, record

from ehcplan.cases.report import clock_report
from ehcplan.sen2 import read_sen2
from ehcplan.timeline import table
from ehcplan.timeline.batch import last_days, statuses

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "timeline.md"
ON = dt.date(2025, 1, 15)


def _cases(n: int):
    spec = importlib.util.spec_from_file_location(
        "make_sen2_example", ROOT / "examples" / "make_sen2_example.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sen2.csv"
        generator.write(path, generator.generate_rows(n, seed=1))
        return read_sen2(path).cases()


def main() -> None:
    cases = _cases(100_000)
    reports = best_of(3, lambda: [clock_report(case, on=ON) for case in cases])
    rng = np.random.default_rng(1)
    triggers = np.datetime64("2023-01-01") + rng.integers(0, 730, 1_000_000).astype(
        "timedelta64[D]"
    )
    done = np.where(
        rng.random(1_000_000) < 0.5,
        triggers + rng.integers(60, 400, 1_000_000).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    done = np.where(done > np.datetime64(ON), np.datetime64("NaT"), done)
    flags = rng.random(1_000_000) < 0.06
    batch = best_of(
        3,
        lambda: statuses(
            last_days(table.FINAL_PLAN, triggers), done, on=ON, disapplied=flags
        ),
    )
    verdict = "meets" if reports <= 2 and batch <= 1 else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {platform.machine()} | {len(cases):,} | {reports:.2f} | 1,000,000 "
        f"| {batch:.2f} | {verdict} the 2 s / 1 s targets |"
    )
    record(
        RESULTS,
        "# Statutory clocks at scale\n\n"
        "Written by `benchmarks/bench_timeline.py`: best of three runs.\n\n"
        "| date | python | machine | cases | clock reports s | batch rows "
        "| batch s | verdict |\n|---|---|---|---|---|---|---|---|\n",
        line,
    )


if __name__ == "__main__":
    main()
