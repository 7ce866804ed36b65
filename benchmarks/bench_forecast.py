"""`ehcplan forecast` with its defaults, as a planner runs it, timed end to end.

Runs the installed command (the default scenario, 100 replications, workers one
per CPU, the whole report with CSVs and plots) into a temporary folder three
times, and appends the fastest and slowest wall times, with the machine's load
average (other jobs share its 2 cores), to `benchmarks/results/forecast.md`.
Target: at most 15 s.

    .venv/bin/python benchmarks/bench_forecast.py
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "forecast.md"
COMMAND = Path(sys.executable).parent / "ehcplan"
REPEATS = 3
TARGET = 15.0


def once() -> float:
    """One forecast with the defaults, in seconds of wall time."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [str(COMMAND), "forecast", "--out", folder, "--quiet"],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def main() -> None:
    load = os.getloadavg()[0]
    times = sorted(once() for _ in range(REPEATS))
    verdict = "meets" if times[0] <= TARGET else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {load:.1f} | {times[0]:.1f} | {times[-1]:.1f} "
        f"| {verdict} the {TARGET:.0f} s target |"
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# `ehcplan forecast` with its defaults\n\n"
            "Written by `benchmarks/bench_forecast.py`: the installed command, the default "
            "scenario, 100 replications on every CPU (2 here), the whole report.\n\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
