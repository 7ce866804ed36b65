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
from pathlib import Path

from ehcplan.errors import FileFormatError, NotFound
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenario_file import loads_scenario, read_scenario_file

__all__ = ["default_scenario", "load", "load_scenario", "names", "text"]

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
    return loads_scenario(text(name), path=f"{name}{_SUFFIX}")


def load_scenario(source: str | Path) -> Scenario:
    """A shipped scenario by name, or a scenario file by path.

    A relative policy path in a file is taken relative to the file.

    Examples:
        >>> load_scenario("monthly-panel").plan_panel.panel
        'monthly-panel'

    Raises:
        FileFormatError: If there is no such shipped scenario or file, or the file
            does not describe a scenario, naming the key path of the problem.
    """
    if isinstance(source, str) and source in names():
        return load(source)
    if not Path(source).exists():
        msg = (
            f"no such scenario file; shipped scenarios are {', '.join(names())}, "
            "or write one with `ehcplan scenario new`."
        )
        raise FileFormatError(str(source), msg)
    return read_scenario_file(source)


def default_scenario() -> Scenario:
    """An average English authority in 2024."""
    return load("default")
