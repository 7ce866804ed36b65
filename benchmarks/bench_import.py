"""How long `import ehcplan` takes, as `python -X importtime` measures it.

Runs a fresh interpreter several times, reads the cumulative microseconds of the
`ehcplan` line, and appends the median and the spread to
`benchmarks/results/import_time.md`. Target: at most 150 ms.

    .venv/bin/python benchmarks/bench_import.py [RUNS]
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import subprocess
import sys
from pathlib import Path

TARGET_MS = 150.0
RESULTS = Path(__file__).parent / "results" / "import_time.md"


def cumulative_ms() -> float:
    """One fresh interpreter's cumulative import time of ehcplan, in milliseconds."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ehcplan"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in completed.stderr.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 3 and parts[2] == "ehcplan":
            return int(parts[1]) / 1000
    msg = "no ehcplan line in the -X importtime output"
    raise RuntimeError(msg)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    cumulative_ms()  # warm the file-system cache
    times = sorted(cumulative_ms() for _ in range(runs))
    median = statistics.median(times)
    verdict = "meets" if median <= TARGET_MS else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {platform.machine()} | {runs} | {median:.1f} | {times[0]:.1f} "
        f"| {times[-1]:.1f} | {verdict} the {TARGET_MS:.0f} ms target |"
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# `import ehcplan`: cumulative import time (`python -X importtime`)\n\n"
            "Written by `benchmarks/bench_import.py`; one row per run of it.\n\n"
            "| date | python | machine | runs | median ms | min ms | max ms | verdict |\n"
            "|---|---|---|---|---|---|---|---|\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
