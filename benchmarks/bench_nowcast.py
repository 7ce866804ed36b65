"""Nowcast speed: 2,000 open cases, 200 replications, on 2 cores.

Builds a synthetic SEN2-shaped caseload with the example generator, large
enough to have about 2,000 cases open on its reference date, and nowcasts it
with the default scenario shaped to Kent's 2023 figures (a large authority),
without the review stock so the open cases dominate. Appends the wall time to
`benchmarks/results/nowcast.md`. Target: at most 30 s.

    .venv/bin/python benchmarks/bench_nowcast.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import platform
import tempfile
import time
from pathlib import Path

import attrs

from ehcplan.sen2 import read_sen2
from ehcplan.sim.authorities import for_authority
from ehcplan.sim.nowcast import nowcast, open_cases

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "nowcast.md"
ON = dt.date(2025, 1, 15)


def _cases(n: int):
    spec = importlib.util.spec_from_file_location(
        "make_sen2_example", ROOT / "examples" / "make_sen2_example.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sen2.csv"
        generator.write(path, generator.generate_rows(n, seed=3))
        return read_sen2(path).cases()


def main() -> None:
    cases = _cases(10_200)
    opened = len(open_cases(cases, ON))
    scenario = for_authority("Kent", 2023)
    scenario = attrs.evolve(
        scenario, reviews=attrs.evolve(scenario.reviews, plans=0, new_plans=False)
    )
    start = time.perf_counter()
    nowcast(scenario, cases, ON, replications=200, workers=2)
    seconds = time.perf_counter() - start
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {opened:,} | 200 | {seconds:.1f} "
        f"| {'meets' if seconds <= 30 else 'MISSES'} the 30 s target |"
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Nowcast speed\n\n"
            "Written by `benchmarks/bench_nowcast.py`: a synthetic caseload's open cases "
            "nowcast with the default scenario shaped to Kent (no review stock), 2 workers.\n\n"
            "| date | python | open cases | replications | wall s | verdict |\n"
            "|---|---|---|---|---|---|\n"
        )
    with RESULTS.open("a") as results:
        results.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
