"""Scenarios to and from TOML, with errors that name the key.

The file mirrors `Scenario` key for key: top-level ``name``, ``start``,
``horizon_days``, ``warmup_days`` and ``policy`` (a shipped policy's name or a
policy file's path, relative to the scenario file), then one table per part:
``[demand]``, ``[decision]``, ``[advice.educational_psychology]``,
``[advice.health]``, ``[advice.social_care]``, ``[plan_panel]``,
``[drafting]``, ``[consultation]``, ``[exceptions.shares]``, ``[reviews]``,
``[disputes]``, optionally ``[surge]``. Durations are tables with a ``kind`` (see
`ehcplan.sim.distributions`). Request sources are keyed by their names in
lower case (``parent_or_young_person``, ``school``, ``health``,
``social_care``, ``other``); exception grounds by their words
(``"exceptional personal circumstances"``); money by its text (``"£450"``).

Numbers must be numbers: ``"12"`` in quotes is refused, not converted.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cattrs
import cattrs.v

from ehcplan.case import RequestSource
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.money import Money
from ehcplan.sim.distributions import (
    DISTRIBUTIONS,
    Distribution,
    distribution_from_dict,
    distribution_to_dict,
)
from ehcplan.sim.scenario import Scenario
from ehcplan.timeline.grounds import ExceptionGround

__all__ = [
    "dumps_scenario",
    "load_scenario",
    "loads_scenario",
    "scenario_from_dict",
    "scenario_to_dict",
]

_SEPARATOR = "\x1f"


def _strict(kind: type, described: str) -> Any:
    def structure(value: object, _: type) -> Any:
        ok = isinstance(value, kind) and not (
            kind is not bool and isinstance(value, bool)
        )
        if kind is float:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok:
            msg = f"expected {described}, found {type(value).__name__} {value!r}"
            raise InvalidInput(msg)
        return float(value) if kind is float else value  # type: ignore[arg-type]

    return structure


def _source(value: object, _: type) -> RequestSource:
    names = [s.name.lower() for s in RequestSource]
    if not isinstance(value, str) or value.lower() not in names:
        msg = f"unknown request source {value!r}; expected one of {', '.join(names)}"
        raise InvalidInput(msg)
    return RequestSource[value.upper()]


def _ground(value: object, _: type) -> ExceptionGround:
    words = [g.value for g in ExceptionGround]
    if value not in words:
        choices = ", ".join(repr(w) for w in words)
        msg = f"unknown exception ground {value!r}; expected one of {choices}"
        raise InvalidInput(msg)
    return ExceptionGround(value)


def _date(value: object, _: type) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        msg = f"expected a TOML date such as 2024-01-01 (no quotes), found {value!r}"
        raise InvalidInput(msg)
    return value


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(float, _strict(float, "a number"))
    converter.register_structure_hook(str, _strict(str, "text"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(RequestSource, _source)
    converter.register_structure_hook(ExceptionGround, _ground)
    # Money is read from text by the class holding it (a surge's cost_per_day).
    converter.register_structure_hook(Money, lambda value, _: value)
    converter.register_unstructure_hook(Money, str)
    converter.register_structure_hook(
        Distribution, lambda value, _: distribution_from_dict(value)
    )
    converter.register_unstructure_hook(RequestSource, lambda s: s.name.lower())
    converter.register_unstructure_hook(ExceptionGround, lambda g: g.value)
    converter.register_unstructure_hook(dt.date, lambda d: d)
    for kind in DISTRIBUTIONS:
        converter.register_unstructure_hook(kind, distribution_to_dict)
    return converter


_CONVERTER = _converter()


def _describe(error: BaseException, kind: Any) -> str:
    if isinstance(error, InvalidInput):
        return f"{error.field or ''}{_SEPARATOR}{error}"
    return f"{_SEPARATOR}{cattrs.v.format_exception(error, kind)}"


def scenario_from_dict(
    data: Mapping[str, Any], *, path: str = "<scenario>"
) -> Scenario:
    """Build a scenario from the tables of a scenario file.

    Raises:
        FileFormatError: Naming the key path and the problem.
    """
    try:
        return _CONVERTER.structure(dict(data), Scenario)
    except cattrs.BaseValidationError as error:
        problem = cattrs.transform_error(error, path="$", format_exception=_describe)[0]
        message, _, where = problem.rpartition(" @ ")
        field, _, message = message.partition(_SEPARATOR)
        key = f"{where}.{field}" if field else where
        raise FileFormatError(
            path, message, key=key.removeprefix("$").lstrip(".") or None
        ) from None


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The tables that `scenario_from_dict` reads back."""
    data: dict[str, Any] = _CONVERTER.unstructure(scenario)
    data.pop("local_policy", None)
    return data


def loads_scenario(text: str, *, path: str = "<scenario>") -> Scenario:
    """Read a scenario from TOML text.

    Raises:
        FileFormatError: If the text is not TOML or does not describe a scenario.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"not valid TOML: {error}. Fix the syntax there."
        raise FileFormatError(path, msg) from None
    return scenario_from_dict(data, path=path)


def load_scenario(source: str | Path) -> Scenario:
    """Read a scenario file, or a shipped scenario by name (see `ehcplan.sim.scenarios`).

    A relative policy path in the file is taken relative to the file.
    """
    from ehcplan.sim import scenarios

    if isinstance(source, str) and source in scenarios.names():
        return scenarios.load(source)
    file = Path(source)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = (
            f"no such scenario file; shipped scenarios are {', '.join(scenarios.names())}, "
            "or write one with `ehcplan scenario new`."
        )
        raise FileFormatError(str(source), msg) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"not valid TOML: {error}. Fix the syntax there."
        raise FileFormatError(str(source), msg) from None
    policy = data.get("policy")
    if (
        isinstance(policy, str)
        and policy.endswith(".toml")
        and not Path(policy).is_absolute()
    ):
        data["policy"] = str(file.parent / policy)
    return scenario_from_dict(data, path=str(source))


def dumps_scenario(scenario: Scenario) -> str:
    """The scenario as TOML text, which `loads_scenario` reads back equal.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = default_scenario()
        >>> loads_scenario(dumps_scenario(s)) == s
        True
    """
    import tomli_w

    return tomli_w.dumps(_drop_none(scenario_to_dict(scenario)))


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_drop_none(v) for v in value]
    return value
