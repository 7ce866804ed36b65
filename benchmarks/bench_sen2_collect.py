"""Reading and checking a 50,000-person COLLECT export: time, against a side-by-side floor.

Generates the return with the example generator
(`examples/make_sen2_collect_example.py`), writes it as the nine Blade CSV
files, then, in a fresh interpreter each run, times `read_collect` on it and,
in the same interpreter straight after, the floor: the standard library's
`csv.reader` reading the same nine files into lists, with no checks. The
machine's speed drifts, so the ratio to the floor measured in the same run is
the figure to compare across days. Appends a row to
`benchmarks/results/sen2_collect.md`. Target (issue 21): a few seconds.

    .venv/bin/python benchmarks/bench_sen2_collect.py [PERSONS] [RUNS]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import record

from ehcplan.sen2 import write_collect

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sen2_collect.md"
CHILD = """
import csv, json, resource, sys, time
from pathlib import Path
from ehcplan.sen2 import read_collect
start = time.perf_counter()
imported = read_collect(sys.argv[1])
seconds = time.perf_counter() - start
start = time.perf_counter()
rows = 0
for path in sorted(Path(sys.argv[1]).glob("*.csv")):
    with path.open(newline="", encoding="utf-8") as stream:
        rows += len(list(csv.reader(stream)))
floor = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "floor": floor, "rows": rows, "peak_mb": peak_mb,
                  "requests": len(imported.records()),
                  "errors": len(imported.report.errors)}))
"""
HEADER = (
    "# Reading and checking a COLLECT export (`read_collect`)\n\n"
    "Written by `benchmarks/bench_sen2_collect.py`: a generated return of PERSONS "
    "persons as the nine Blade CSV files; each run in a fresh interpreter times "
    "`read_collect`, then the floor (`csv.reader` on the same files, no checks) in "
    "the same interpreter. Best and spread (min to max) of the runs; the ratio is "
    "best read over best floor.\n\n"
    "| date | python | persons | rows | runs | best s | spread s | floor s | ratio "
    "| peak MB | requests | verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
)


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_sen2_collect_example",
        ROOT / "examples" / "make_sen2_collect_example.py",
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    ret = _generator().make_return(persons, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        write_collect(ret, folder, export_date=dt.date(2025, 1, 20))
        measured = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD, folder],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(runs)
        ]
    times = [m["seconds"] for m in measured]
    best, floor = min(times), min(m["floor"] for m in measured)
    first = measured[0]
    verdict = "meets" if best <= 5 else "MISSES"
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {persons:,} | {first['rows']:,} | {runs} | {best:.2f} "
        f"| {min(times):.2f} to {max(times):.2f} | {floor:.2f} | {best / floor:.0f}x "
        f"| {max(m['peak_mb'] for m in measured):.0f} | {first['requests']:,} "
        f"| {verdict} a few seconds (5 s); median {statistics.median(times):.2f} s |"
    )
    record(RESULTS, HEADER, line)


if __name__ == "__main__":
    main()
