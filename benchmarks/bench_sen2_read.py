"""Reading and validating a 100,000-row SEN2-shaped CSV: time and memory.

Generates the file with the example generator (`examples/make_sen2_example.py`),
then, in a fresh interpreter each time, reads it with `ehcplan.sen2.read_sen2`
and records the wall time and the peak resident memory of that interpreter.
Appends the best of the runs to `benchmarks/results/sen2_read.md`.
Targets: at most 3 s and 500 MB on the project's machine (2 cores).

    .venv/bin/python benchmarks/bench_sen2_read.py [ROWS] [RUNS]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sen2_read.md"
CHILD = """
import json, resource, sys, time
from ehcplan.sen2 import read_sen2
start = time.perf_counter()
imported = read_sen2(sys.argv[1])
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb,
                  "records": len(imported.records), "rejected": len(imported.rejected)}))
"""


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_sen2_example", ROOT / "examples" / "make_sen2_example.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    generator = _generator()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sen2.csv"
        generator.write(path, generator.generate_rows(rows, seed=1))
        measured = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(runs)
        ]
    best = min(measured, key=lambda m: m["seconds"])
    peak = max(m["peak_mb"] for m in measured)
    verdict = "meets" if best["seconds"] <= 3 and peak <= 500 else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {platform.machine()} | {rows:,} | {runs} | {best['seconds']:.2f} "
        f"| {peak:.0f} | {best['records']:,} | {verdict} the 3 s / 500 MB targets |"
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Reading and validating a SEN2-shaped CSV (`read_sen2`)\n\n"
            "Written by `benchmarks/bench_sen2_read.py`: best wall time of the runs, "
            "each in a fresh interpreter, and the largest peak resident memory.\n\n"
            "| date | python | machine | rows | runs | best s | peak MB | accepted "
            "| verdict |\n|---|---|---|---|---|---|---|---|---|\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
