"""The simulator's speed: throughput, replications in parallel, and every authority.

Three measurements, appended to `benchmarks/results/sim.md`:

1. Throughput on the pathway benchmark scenario (2,000 requests a year, 3 years,
   no review stock), one replication in this process, best of three:
   simulated requests per second per core. Target: at least 25,000.
2. The default scenario, 3 years, 200 replications on 2 worker processes: wall
   time (target: at most 20 s), and parallel efficiency against the same 200
   replications on 1 worker (target: at least 85%).
3. Every English authority with 2023 requests in the DfE panel
   (`ehcplan.sim.authorities.for_authority`: the default scenario shaped to each
   one's requests, shares, staff and plans in place), 2023 only, one replication
   each, on 2 workers. Target: at most 10 s.

    .venv/bin/python benchmarks/bench_sim.py
"""

from __future__ import annotations

import datetime as dt
import platform
import time
from pathlib import Path

import attrs
from common import best_of, record

from ehcplan.sim import load_scenario, replicate, run, run_each
from ehcplan.sim.authorities import authorities as all_authorities
from ehcplan.sim.authorities import for_authority
from ehcplan.sim.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sim.md"


def authorities() -> list[Scenario]:
    """Every authority with 2023 requests: the default scenario shaped to it, 2023 only."""
    names = [a.code for a in all_authorities() if a.year == 2023 and a.requests]
    return [
        attrs.evolve(for_authority(code, 2023), horizon_days=365, warmup_days=0)
        for code in names
    ]


def main() -> None:
    pathway = load_scenario("pathway-benchmark")
    run(pathway, seed=0)  # warm the caches
    requests = len(run(pathway, seed=1).journeys["received"])
    rate = requests / best_of(3, lambda: run(pathway, seed=1))

    default = load_scenario("default")
    start = time.perf_counter()
    replicate(default, 200, seed=1, workers=1)
    one = time.perf_counter() - start
    start = time.perf_counter()
    replicate(default, 200, seed=1, workers=2)
    two = time.perf_counter() - start
    efficiency = one / (2 * two)

    scenarios = authorities()
    start = time.perf_counter()
    run_each(scenarios, seed=1, workers=2)
    everyone = time.perf_counter() - start

    met = rate >= 25_000 and two <= 20 and efficiency >= 0.85 and everyone <= 10
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {rate:,.0f} | {one:.1f} | {two:.1f} | {efficiency:.0%} "
        f"| {len(scenarios)} | {everyone:.1f} | {'meets' if met else 'MISSES'} the targets |"
    )
    record(
        RESULTS,
        "# The simulator's speed\n\n"
        "Written by `benchmarks/bench_sim.py` on a 2-core machine. Throughput: the "
        "pathway benchmark scenario, one replication, best of three. Default: 200 "
        "replications of the default scenario (3 years) on 1 and on 2 worker "
        "processes. Authorities: the default scenario scaled to each authority's "
        "2023 requests, one year, one replication each, on 2 workers. Targets: "
        "25,000 requests/s; 200 replications in 20 s on 2 cores at 85% parallel "
        "efficiency; every authority in 10 s.\n\n"
        "| date | python | requests/s | 200 reps, 1 worker s | 200 reps, 2 workers s "
        "| efficiency | authorities | authorities s | verdict |\n"
        "|---|---|---|---|---|---|---|---|---|\n",
        line,
    )


if __name__ == "__main__":
    main()
