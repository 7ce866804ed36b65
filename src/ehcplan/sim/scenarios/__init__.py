"""Scenarios shipped with ehcplan.

- ``default``: an average English authority in 2024 (the national figures
  divided by 153 authorities, with a weekly SEND resource panel), measured over
  calendar 2024; it reproduces the national outcome for 2024 (a test shows it).
- ``monthly-panel``: the same authority with a monthly panel, as in the London
  jointly funded placements protocol (seed 004).
- ``pathway-benchmark``: 2,000 requests a year for 3 years, no review stock; the
  throughput benchmark.
"""

from __future__ import annotations

import functools
import importlib.resources

from ehcplan.errors import NotFound
from ehcplan.sim.scenario import Scenario

__all__ = ["default_scenario", "load", "names", "text"]

_SUFFIX = ".toml"


def names() -> tuple[str, ...]:
    """The shipped scenarios' names, sorted.

    Examples:
        >>> names()
        ('default', 'monthly-panel', 'pathway-benchmark')
    """
    folder = importlib.resources.files("ehcplan.sim.scenarios")
    return tuple(
        sorted(
            e.name.removesuffix(_SUFFIX)
            for e in folder.iterdir()
            if e.name.endswith(_SUFFIX)
        )
    )


def text(name: str) -> str:
    """The TOML text of a shipped scenario.

    Raises:
        NotFound: If there is no shipped scenario called *name*.
    """
    if name not in names():
        what = "shipped scenario"
        raise NotFound(what, name, names())
    return (
        importlib.resources.files("ehcplan.sim.scenarios")
        .joinpath(name + _SUFFIX)
        .read_text("utf-8")
    )


@functools.cache
def load(name: str) -> Scenario:
    """A shipped scenario by name."""
    from ehcplan.sim.scenario_file import loads_scenario

    return loads_scenario(text(name), path=f"{name}{_SUFFIX}")


def default_scenario() -> Scenario:
    """An average English authority in 2024."""
    return load("default")
