"""`ehcplan forecast` with its defaults, as a planner runs it, timed end to end.

Runs the installed command (the default scenario, 100 replications, workers one
per CPU, the report with CSVs and plots) into a temporary folder, and appends the
wall time to `benchmarks/results/forecast.md`. Target: at most 30 s.

    .venv/bin/python benchmarks/bench_forecast.py
"""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "forecast.md"
COMMAND = Path(sys.executable).parent / "ehcplan"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [str(COMMAND), "forecast", "--out", folder, "--quiet"],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
    verdict = "meets" if seconds <= 30 else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {seconds:.1f} | {verdict} the 30 s target |"
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# `ehcplan forecast` with its defaults\n\n"
            "Written by `benchmarks/bench_forecast.py`: the installed command, the default "
            "scenario, 100 replications on every CPU (2 here), the whole report.\n\n"
            "| date | python | wall s | verdict |\n|---|---|---|---|\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
