"""Running a scenario: once, many times in parallel, and two scenarios side by side.

Replication *i* of a run seeded with *seed* uses the *i*-th child of
``numpy.random.SeedSequence(seed)``, so the same scenario and seed give the
same results whatever the number of workers or the executor: local processes
by default, any `concurrent.futures.Executor` passed in, including a Dask
cluster's (``dask.distributed.Client(...).get_executor()``).

Scenarios travel to workers as values (the policy with them), so a worker runs
exactly the scenario the caller had, what-ifs made in memory included.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import copyreg
import importlib.metadata
import os
import platform
import signal
import types
from collections.abc import Iterator
from typing import Any

import attrs
import numpy as np

from ehcplan.errors import InvalidInput
from ehcplan.sim.estimates import Estimate, interval
from ehcplan.sim.processes import paused_collection, simulate
from ehcplan.sim.results import KPIS, Results, Run
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenario_file import dumps_scenario
from ehcplan.sim.world import OpenCase

__all__ = [
    "MAX_REPLICATIONS",
    "Comparison",
    "compare",
    "replicate",
    "run",
    "run_each",
]

MAX_REPLICATIONS = 100_000
"""The most replications one call runs (each is one simulated stretch of time)."""


def _mapping_proxy(items: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(items)


def _reduce_mapping_proxy(
    proxy: types.MappingProxyType[Any, Any],
) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _mapping_proxy, (dict(proxy),)


# Scenarios and policies hold their tables as read-only mappings; this lets the
# standard library's pickle send them to worker processes (Dask's cloudpickle
# already can).
copyreg.pickle(types.MappingProxyType, _reduce_mapping_proxy)


def run(
    scenario: Scenario, seed: int | np.random.SeedSequence = 0, *, replication: int = 0
) -> Run:
    """Simulate *scenario* once. The same scenario and seed give the same run.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> a = run(default_scenario(), seed=1)
        >>> b = run(default_scenario(), seed=1)
        >>> bool(np.array_equal(a.journeys["issued"], b.journeys["issued"], equal_nan=True))
        True
    """
    sequence = (
        seed
        if isinstance(seed, np.random.SeedSequence)
        else np.random.SeedSequence(seed)
    )
    with paused_collection():
        return Run.from_world(simulate(scenario, sequence), replication)


def _one(
    scenario: Scenario,
    seed: int,
    replication: int,
    open_cases: tuple[OpenCase, ...] = (),
) -> Run:
    """Run replication *replication* of *scenario* (in a worker)."""
    child = np.random.SeedSequence(seed).spawn(replication + 1)[replication]
    with paused_collection():
        return Run.from_world(simulate(scenario, child, open_cases), replication)


def _manifest(scenario: Scenario, seed: int, replications: int) -> dict[str, Any]:
    versions = {}
    for package in (
        "ehcplan",
        "numpy",
        "simpy",
        "attrs",
        "cattrs",
        "holidays",
        "pendulum",
    ):
        try:
            versions[package] = importlib.metadata.version(package)
        except (
            importlib.metadata.PackageNotFoundError
        ):  # pragma: no cover - always installed
            versions[package] = "not installed"
    try:
        text: str | None = dumps_scenario(scenario)
    except InvalidInput:  # a policy made in memory has no file to name
        text = None
    policy = scenario.policy
    return {
        "scenario": text,
        "policy": {"code": policy.code, "name": policy.name, "source": policy.source},
        "seed": seed,
        "replications": replications,
        "python": platform.python_version(),
        "versions": versions,
    }


def _check(seed: int, replications: int, workers: int | None = None) -> None:
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        msg = (
            f"workers must be a whole number of at least 1 (1 runs in this process), "
            f"or None for one per CPU; got {workers!r}."
        )
        raise InvalidInput(msg, field="workers")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        msg = f"seed must be a whole number of at least 0, got {seed!r}."
        raise InvalidInput(msg, field="seed")
    if (
        isinstance(replications, bool)
        or not isinstance(replications, int)
        or replications < 1
    ):
        msg = (
            f"replications must be a whole number of at least 1, got {replications!r}."
        )
        raise InvalidInput(msg, field="replications")
    if replications > MAX_REPLICATIONS:
        msg = (
            f"replications must be at most {MAX_REPLICATIONS:,}, got {replications:,}; "
            "a few hundred already give intervals to a tenth of a point."
        )
        raise InvalidInput(msg, field="replications")


def replicate(
    scenario: Scenario,
    replications: int,
    *,
    seed: int = 0,
    workers: int | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
    open_cases: tuple[OpenCase, ...] = (),
) -> Results:
    """Run *replications* independent replications of *scenario*.

    Args:
        scenario: What to simulate.
        replications: How many runs.
        seed: The root seed; replication *i* uses its *i*-th child stream.
        workers: Local processes to use when no executor is given (default: one
            per CPU; 1 runs in this process).
        executor: Any `concurrent.futures.Executor`, e.g. a Dask client's.
        progress: Show a progress bar (needs tqdm).
        open_cases: Requests already in progress at the start (a warm start); in
            every run they are the first rows of the journeys.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> results = replicate(default_scenario(), 2, seed=1, workers=1)
        >>> [r.replication for r in results.runs]
        [0, 1]
    """
    _check(seed, replications, workers)
    tasks = [(scenario, seed, i, tuple(open_cases)) for i in range(replications)]
    bar = _bar(replications, progress, scenario.name)
    runs = _map(tasks, workers, executor, bar)
    return Results(
        scenario_name=scenario.name,
        seed=seed,
        runs=tuple(runs),
        manifest=_manifest(scenario, seed, replications),
    )


def _map(
    tasks: list[tuple[Scenario, int, int, tuple[OpenCase, ...]]],
    workers: int | None,
    executor: concurrent.futures.Executor | None,
    bar: Any,
) -> list[Run]:
    """Run each (scenario, seed, replication) task, in this process or a pool, in order."""
    runs: list[Run | None] = [None] * len(tasks)
    if executor is None and (workers == 1 or len(tasks) == 1):
        for i, task in enumerate(tasks):
            runs[i] = _one(*task)
            bar.update(1)
    else:
        own = executor is None
        pool = executor or concurrent.futures.ProcessPoolExecutor(
            max_workers=workers or os.cpu_count(), initializer=_ignore_interrupts
        )
        try:
            futures = {pool.submit(_one, *task): i for i, task in enumerate(tasks)}
            for future in concurrent.futures.as_completed(futures):
                runs[futures[future]] = future.result()
                bar.update(1)
        except BaseException:
            # Ctrl-C, or a replication's error: stop the rest at once.
            if own:
                _stop(pool)
            else:
                for future in futures:
                    future.cancel()
            bar.close()
            raise
        if own:
            pool.shutdown()
    bar.close()
    return [run for run in runs if run is not None]


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the process that started it, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: concurrent.futures.Executor) -> None:
    """Stop a pool of our own now, ending replications still running."""
    # The pool's own processes are ended first, so it fails its waiting work
    # itself (cancelling that work first trips the standard library up).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    # A worker ended while sending its result leaves half a message in the results
    # pipe, and the pool's manager thread waits for the rest for ever (and this
    # process, waiting for that thread as it exits, with it) while this process
    # holds the pipe's other end: closing that end lets the thread read the end of
    # the pipe and stop. Waking it can find the pipe closed; neither may replace
    # the interrupt being raised.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    with contextlib.suppress(OSError):
        if writer is not None:
            writer.close()
        pool.shutdown(wait=False)


def run_each(
    scenarios: list[Scenario],
    *,
    seed: int = 0,
    workers: int | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
) -> list[Run]:
    """Run each scenario once (e.g. every authority), in parallel, in the order given.

    Each scenario runs the first replication of *seed*, as `replicate` would.

    Examples:
        >>> from ehcplan.sim.scenarios import load
        >>> runs = run_each([load("default"), load("monthly-panel")], seed=1, workers=1)
        >>> len(runs)
        2
    """
    _check(seed, 1, workers)
    none: tuple[OpenCase, ...] = ()
    tasks = [(s, seed, 0, none) for s in scenarios]
    return _map(tasks, workers, executor, _bar(len(tasks), progress, "scenarios"))


class _NoBar:
    def update(self, _: int) -> None:
        return None

    def close(self) -> None:
        return None


def _bar(total: int, progress: bool, name: str) -> Any:
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=name, unit="run")


@attrs.frozen(kw_only=True, eq=False)
class Comparison:
    """Two scenarios run on the same seeds, and the paired differences of their KPIs."""

    a: Results
    b: Results

    def differences(self) -> dict[str, Estimate]:
        """For each KPI, the mean of (B - A) over paired replications, with its 95% interval."""
        a, b = self.a.kpi_values(), self.b.kpi_values()
        return {name: interval(b[name] - a[name]) for name in KPIS}

    def rows(self) -> Iterator[tuple[str, Estimate, Estimate, Estimate]]:
        """(KPI, A, B, B - A) for each KPI."""
        ka, kb, diff = self.a.kpis(), self.b.kpis(), self.differences()
        for name in KPIS:
            yield name, ka[name], kb[name], diff[name]

    def plot(self, *, warmup: bool = False) -> Any:
        """A against B on shared axes (`ehcplan.sim.plots.plot_comparison`)."""
        from ehcplan.sim import plots

        return plots.plot_comparison(self, warmup=warmup)

    def to_pandas(self) -> Any:
        """The comparison's table in words (`ehcplan.sim.frames.comparison_frame`)."""
        from ehcplan.sim.frames import comparison_frame

        return comparison_frame(self)


def compare(
    a: Scenario,
    b: Scenario,
    replications: int,
    *,
    seed: int = 0,
    workers: int | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
) -> Comparison:
    """Run *a* and *b* with common random numbers (the same seeds), for paired differences."""
    options: dict[str, Any] = {
        "seed": seed,
        "workers": workers,
        "executor": executor,
        "progress": progress,
    }
    return Comparison(
        a=replicate(a, replications, **options), b=replicate(b, replications, **options)
    )
