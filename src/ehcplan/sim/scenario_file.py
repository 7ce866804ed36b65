"""Scenarios to and from TOML, with errors that name the key.

The file mirrors `Scenario` key for key: top-level ``name``, ``start``,
``horizon_days``, ``warmup_days`` and ``policy`` (a shipped policy's name or a
policy file's path, relative to the scenario file), then one table per part:
``[demand]``, ``[decision]``, ``[advice.educational_psychology]``,
``[advice.health]``, ``[advice.social_care]``, ``[plan_panel]``,
``[drafting]``, ``[consultation]``, ``[exceptions.shares]``, ``[reviews]``,
``[disputes]``. Durations are tables with a ``kind`` (see
`ehcplan.sim.distributions`). Request sources are keyed by their names in
lower case (``parent_or_young_person``, ``school``, ``health``,
``social_care``, ``other``); exception grounds by their words
(``"exceptional personal circumstances"``).

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

from ehcplan.cases import RequestSource
from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.policy import LocalPolicy, example_policies, load_policy
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
    "loads_scenario",
    "read_scenario_file",
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


def _policy_value(value: object, _: type) -> LocalPolicy:
    if not isinstance(value, LocalPolicy):  # pragma: no cover - _read_policy reads it
        msg = f"expected a policy, found {value!r}"
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
    converter.register_structure_hook(
        Distribution, lambda value, _: distribution_from_dict(value)
    )
    converter.register_structure_hook(LocalPolicy, _policy_value)
    converter.register_unstructure_hook(LocalPolicy, lambda policy: policy)
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


def _read_policy(data: dict[str, Any], path: str) -> None:
    """Replace the policy the file names by the policy itself, remembering the name."""
    if "policy_ref" in data:
        msg = "unknown key 'policy_ref'; name the policy with `policy = ...`."
        raise FileFormatError(path, msg, key="policy_ref")
    ref = data.get("policy")
    if ref is None:
        return
    if not isinstance(ref, str) or not ref.strip():
        msg = (
            f"policy must name a shipped policy ({', '.join(example_policies())}) or "
            f"a policy file's path, found {ref!r}."
        )
        raise FileFormatError(path, msg, key="policy")
    try:
        data["policy"] = load_policy(ref)
    except NotFound as error:
        raise FileFormatError(path, str(error), key="policy") from None
    except FileFormatError as error:
        msg = f"the policy it names cannot be read: {error}"
        raise FileFormatError(path, msg, key="policy") from None
    data["policy_ref"] = ref


def scenario_from_dict(
    data: Mapping[str, Any], *, path: str = "<scenario>"
) -> Scenario:
    """Build a scenario from the tables of a scenario file.

    ``policy`` names a shipped policy or a policy file's path; it is read here,
    and a problem in that file is reported with the policy file's own key path.

    Raises:
        FileFormatError: Naming the key path and the problem.
    """
    data = dict(data)
    _read_policy(data, path)
    try:
        return _CONVERTER.structure(data, Scenario)
    except cattrs.BaseValidationError as error:
        problem = cattrs.transform_error(error, path="$", format_exception=_describe)[0]
        message, _, where = problem.rpartition(" @ ")
        field, _, message = message.partition(_SEPARATOR)
        key = f"{where}.{field}" if field else where
        raise FileFormatError(
            path, message, key=key.removeprefix("$").lstrip(".") or None
        ) from None


def _policy_name(scenario: Scenario) -> str:
    """A name the scenario's policy can be read back by: its file's, or a shipped one's."""
    names = [scenario.policy_ref] if scenario.policy_ref else []
    for name in [*names, *example_policies()]:
        try:
            if load_policy(name) == scenario.policy:
                return name
        except (NotFound, FileFormatError):
            continue
    msg = (
        f"the scenario's policy ({scenario.policy.name}) is not a shipped policy, and "
        "no file holding it is known: save the policy as a TOML file and load the "
        'scenario naming it (`policy = "path/to/policy.toml"`).'
    )
    raise InvalidInput(msg, field="policy")


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The tables that `scenario_from_dict` reads back.

    The policy is written as the name it can be read back by (see `_policy_name`).

    Raises:
        InvalidInput: If the policy is neither shipped nor read from a file.
    """
    data: dict[str, Any] = _CONVERTER.unstructure(scenario)
    data["policy"] = _policy_name(scenario)
    data.pop("policy_ref", None)
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


def read_scenario_file(path: str | Path) -> Scenario:
    """Read a scenario file (`ehcplan.sim.load_scenario` also takes shipped names).

    A relative policy path in the file is taken relative to the file.

    Raises:
        FileFormatError: If the file is missing, is not TOML, or does not
            describe a scenario, naming the key path of the problem.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = "no such scenario file; write one with `ehcplan scenario new`."
        raise FileFormatError(str(path), msg) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"not valid TOML: {error}. Fix the syntax there."
        raise FileFormatError(str(path), msg) from None
    policy = data.get("policy")
    if (
        isinstance(policy, str)
        and policy.endswith(".toml")
        and not Path(policy).is_absolute()
    ):
        data["policy"] = str(file.parent / policy)
    return scenario_from_dict(data, path=str(path))


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
