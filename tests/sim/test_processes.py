"""The simulator's processes: a journey started on its decision day, SimPy's contract pinned."""

from collections.abc import Generator
from typing import Any

import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.sim.processes import _StartsLater


def _steps(
    env: simpy.Environment, seen: list[tuple[str, float]]
) -> Generator[Any, Any, str]:
    first = yield env.timeout(0)
    seen.append(("started", env.now))
    assert first is None
    yield env.timeout(2.5)
    seen.append(("then", env.now))
    return "done"


def test_simpy_process_keeps_what_a_later_start_sets():
    """SimPy 4's Process keeps its generator in _generator and waits on _target."""
    env = simpy.Environment()
    process = env.process(_steps(env, []))
    assert hasattr(process, "_generator")
    assert isinstance(process._target, simpy.events.Initialize)


@settings(max_examples=50, deadline=None)
@given(delay=st.floats(min_value=0, max_value=1_000, allow_nan=False))
def test_a_later_start_runs_as_a_process_started_then(delay):
    """A process started later begins at its delay, runs to its end and returns its value."""
    env = simpy.Environment()
    seen: list[tuple[str, float]] = []
    process = _StartsLater(env, _steps(env, seen), delay)
    env.run()
    assert seen == [("started", delay), ("then", delay + 2.5)]
    assert process.value == "done"
    assert not process.is_alive
