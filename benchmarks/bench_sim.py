"""The simulator's speed: beside plain-SimPy pipelines, replications in parallel, every authority.

Three measurements, appended to `benchmarks/results/sim.md`:

1. The pathway benchmark scenario (2,000 requests a year for 3 years, with each
   plan's RAS sign-off, personal budgets, jointly funded placements, appeals and
   ceasing), one replication in this process, timed side by side with the two
   plain-SimPy pipelines of `benchmarks/pipelines.py` on the same arrivals, routes
   and meetings: in each of seven rounds, the model, the idiomatic pipeline and
   the hand-tuned one run in turn (the order rotating), so the machine's drift
   and the other jobs on it fall on all three alike. Recorded: the model's
   requests a second, and its speed as a multiple of each pipeline's (the
   pipeline's time over the model's: above 1 is faster), as the median and
   range of the rounds; SimPy events a request for each. Target: at least as
   fast as the hand-tuned pipeline.
2. The default scenario, 3 years, 200 replications on 2 worker processes: wall
   time (target: at most 20 s), and parallel efficiency against the same 200
   replications on 1 worker.
3. Every English authority with 2023 requests in the DfE panel
   (`ehcplan.sim.authorities.for_authority`), 2023 only, one replication each, on
   2 workers. Target: at most 10 s.

The load average of the machine (other jobs share its 2 cores) is recorded with
each row.

    .venv/bin/python benchmarks/bench_sim.py
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from pathlib import Path

import attrs
import numpy as np
from common import record
from pipelines import Inputs, hand_tuned, idiomatic

from ehcplan.sim import load_scenario, replicate, run_each
from ehcplan.sim.authorities import authorities as all_authorities
from ehcplan.sim.authorities import for_authority
from ehcplan.sim.processes import simulate
from ehcplan.sim.results import Run
from ehcplan.sim.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sim.md"
ROUNDS = 7


def authorities() -> list[Scenario]:
    """Every authority with 2023 requests: the default scenario shaped to it, 2023 only."""
    names = [a.code for a in all_authorities() if a.year == 2023 and a.requests]
    return [
        attrs.evolve(for_authority(code, 2023), horizon_days=365, warmup_days=0)
        for code in names
    ]


def _model(scenario: Scenario, seed: int) -> tuple[int, int]:
    """One run of the whole model, as `sim.run` does it; its requests and SimPy events."""
    world = simulate(scenario, np.random.SeedSequence(seed))
    Run.from_world(world, 0)
    return len(world.journeys.received), next(world.env._eid)


def side_by_side(scenario: Scenario) -> dict[str, object]:
    """The model and the two pipelines, timed in turn over `ROUNDS` rounds."""
    inputs = Inputs.of(scenario, seed=1)
    work = {
        "model": lambda: _model(scenario, 1),
        "idiomatic": lambda: idiomatic(inputs, 1),
        "hand-tuned": lambda: hand_tuned(inputs, 1),
    }
    for job in work.values():  # warm every cache once
        job()
    times: dict[str, list[float]] = {name: [] for name in work}
    names = list(work)
    for r in range(ROUNDS):
        for name in names[r % 3 :] + names[: r % 3]:
            start = time.perf_counter()
            work[name]()
            times[name].append(time.perf_counter() - start)
    requests, events = _model(scenario, 1)
    ratios = {
        name: [p / m for p, m in zip(times[name], times["model"], strict=True)]
        for name in ("idiomatic", "hand-tuned")
    }
    return {
        "requests": requests,
        "rate": requests / statistics.median(times["model"]),
        "ratios": ratios,
        "events": events / requests,
        "pipeline_events": {
            name: _events(inputs, name) / len(inputs.arrivals)
            for name in ("idiomatic", "hand-tuned")
        },
    }


def _events(inputs: Inputs, name: str) -> int:
    """SimPy events a pipeline schedules (counted by patching its environment's counter)."""
    import simpy

    counted = []
    original = simpy.Environment.__init__

    def init(env: simpy.Environment, *args: object, **kwargs: object) -> None:
        original(env, *args, **kwargs)  # type: ignore[arg-type]
        counted.append(env)

    simpy.Environment.__init__ = init  # type: ignore[method-assign]
    try:
        (idiomatic if name == "idiomatic" else hand_tuned)(inputs, 1)
    finally:
        simpy.Environment.__init__ = original  # type: ignore[method-assign]
    return next(counted[-1]._eid)


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    load = os.getloadavg()[0]
    pathway = load_scenario("pathway-benchmark")
    side = side_by_side(pathway)
    ratios = side["ratios"]
    assert isinstance(ratios, dict)
    pipeline_events = side["pipeline_events"]
    assert isinstance(pipeline_events, dict)

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

    hand = statistics.median(ratios["hand-tuned"])
    met = hand >= 1.0 and two <= 20 and everyone <= 10
    line = (
        f"| {dt.date.today().isoformat()} | {platform.python_version()} "  # noqa: DTZ011
        f"| {load:.1f} | {side['rate']:,.0f} | {_spread(ratios['idiomatic'])} "
        f"| {_spread(ratios['hand-tuned'])} | {side['events']:.1f} / "
        f"{pipeline_events['idiomatic']:.1f} / {pipeline_events['hand-tuned']:.1f} "
        f"| {one:.1f} | {two:.1f} | {efficiency:.0%} | {len(scenarios)} | {everyone:.1f} "
        f"| {'meets' if met else 'MISSES'} the targets |"
    )
    record(
        RESULTS,
        "# The simulator's speed\n\n"
        "Written by `benchmarks/bench_sim.py` on a 2-core machine shared with other jobs.\n\n",
        line,
    )


if __name__ == "__main__":
    main()
