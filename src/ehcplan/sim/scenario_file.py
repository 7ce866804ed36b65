"""Scenarios to and from TOML, with errors that name the key.

The file mirrors `Scenario` key for key: top-level ``name``, ``start``,
``horizon_days``, ``warmup_days`` and ``policy`` (a shipped policy's name or a
policy file's path, relative to the scenario file), then one table per part:
``[demand]``, ``[decision]``, ``[advice.educational_psychology]``,
``[advice.health]``, ``[advice.social_care]``, ``[plan_panel]``,
``[drafting]``, ``[consultation]``, ``[exceptions.shares]``, ``[reviews]``,
``[disputes]``, and the optional ``[resources]`` (with
``[resources.forms.<scheme id>]``), ``[personal_budgets]``, ``[placements]``,
``[ceasing]`` (`ehcplan.sim.plans`) and ``[surge]`` (`ehcplan.sim.surge`).
Durations are tables with a ``kind`` (see `ehcplan.sim.distributions`),
amounts of money likewise, their figures as text in pounds
(`ehcplan.sim.amounts`); a single sum of money is its text (``"£450"``).
Request sources and cease reasons are keyed by their names in lower case
(``parent_or_young_person``, ``school``, ``health``, ``social_care``,
``other``; ``transferred``, ``no_engagement``, ...); exception grounds and RAS
levels by their words (``"exceptional personal circumstances"``; ``none``,
``low``, ``medium``, ``high``); placement lengths by their weeks a year
(``52 = 0.37``).

Numbers must be numbers: ``"12"`` in quotes is refused, not converted.

A planner's words may stand for three of the keys (`ehcplan.sim.vocabulary`):
``psychologists`` and ``assessments_each`` for ``staff``, ``coordinators`` and
``drafts_each`` for ``caseworkers``, ``places_per_meeting`` for
``slots_per_meeting``; they are turned into the scenario's keys when read.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cattrs

from ehcplan.cases import CeaseReason, RequestSource
from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.files import read_text
from ehcplan.money import Money
from ehcplan.policy import Level, LocalPolicy, example_policies, load_policy
from ehcplan.sim.amounts import AMOUNTS, Amount, amount_from_dict, amount_to_dict
from ehcplan.sim.distributions import (
    DISTRIBUTIONS,
    Distribution,
    distribution_from_dict,
    distribution_to_dict,
)
from ehcplan.sim.panel_terms import apply, overrides
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.vocabulary import to_model_keys
from ehcplan.structure import Problem, converter, quoted, structure, suggest
from ehcplan.timeline.grounds import ExceptionGround

__all__ = [
    "dumps_scenario",
    "loads_scenario",
    "read_scenario_file",
    "scenario_from_dict",
    "scenario_to_dict",
]


def _source(value: object, _: type) -> RequestSource:
    names = [s.name.lower() for s in RequestSource]
    if not isinstance(value, str) or value.lower() not in names:
        msg = (
            f"unknown request source {value!r}{suggest(str(value), names)}; "
            f"expected one of {quoted(names)}."
        )
        raise Problem(msg)
    return RequestSource[value.upper()]


def _cease_reason(value: object, _: type) -> CeaseReason:
    names = [r.name.lower() for r in CeaseReason]
    if not isinstance(value, str) or value.lower() not in names:
        msg = (
            f"unknown cease reason {value!r}{suggest(str(value), names)}; "
            f"expected one of {quoted(names)}."
        )
        raise Problem(msg)
    return CeaseReason[value.upper()]


def _weeks(value: object, _: type) -> Mapping[int, float]:
    """Placement lengths: a table of shares keyed by weeks a year (``52 = 0.37``)."""
    if not isinstance(value, Mapping):
        msg = (
            "expected a table of shares keyed by weeks a year, e.g. { 52 = 0.37 }, "
            f"found {value!r}."
        )
        raise Problem(msg)
    weeks: dict[int, float] = {}
    for key, share in value.items():
        if not isinstance(key, str) or not key.isdigit():
            msg = f"placement lengths are weeks a year, e.g. 52 = 0.37; found the key {key!r}."
            raise Problem(msg)
        if isinstance(share, bool) or not isinstance(share, int | float):
            msg = f"the share for {key} weeks must be a number, found {share!r}."
            raise Problem(msg)
        weeks[int(key)] = float(share)
    return weeks


def _policy_value(value: object, _: type) -> LocalPolicy:
    if not isinstance(value, LocalPolicy):  # pragma: no cover - _read_policy reads it
        msg = f"expected a policy, found {value!r}"
        raise Problem(msg)
    return value


@functools.cache
def _reader() -> cattrs.Converter:
    """The strict converter every ehcplan file is read with, and the scenario's own hooks."""
    conv = converter(
        dates="toml",
        enum_words={ExceptionGround: "exception ground", Level: "RAS level"},
    )
    conv.register_structure_hook(RequestSource, _source)
    conv.register_structure_hook(CeaseReason, _cease_reason)
    conv.register_structure_hook_func(lambda kind: kind == Mapping[int, float], _weeks)
    conv.register_structure_hook(
        Distribution, lambda value, _: distribution_from_dict(value)
    )
    conv.register_structure_hook(Amount, lambda value, _: amount_from_dict(value))
    conv.register_structure_hook(LocalPolicy, _policy_value)
    return conv


@functools.cache
def _writer() -> cattrs.Converter:
    """Scenario values as the plain tables a scenario file holds."""
    conv = cattrs.Converter()
    conv.register_unstructure_hook(LocalPolicy, lambda policy: policy)
    conv.register_unstructure_hook(RequestSource, lambda s: s.name.lower())
    conv.register_unstructure_hook(ExceptionGround, lambda g: g.value)
    conv.register_unstructure_hook(CeaseReason, lambda r: r.name.lower())
    conv.register_unstructure_hook(Level, lambda level: level.value)
    conv.register_unstructure_hook_func(
        lambda kind: kind == Mapping[int, float],
        lambda weeks: {str(k): v for k, v in weeks.items()},
    )
    for made in AMOUNTS:
        conv.register_unstructure_hook(made, amount_to_dict)
    conv.register_unstructure_hook(dt.date, lambda d: d)
    conv.register_unstructure_hook(Money, str)  # a surge's cost_per_day, as text
    for kind in DISTRIBUTIONS:
        conv.register_unstructure_hook(kind, distribution_to_dict)
    return conv


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
    data = to_model_keys(data, path=path)
    _read_policy(data, path)
    if "panels" in data:
        data["policy"] = apply(data["policy"], data.pop("panels"), path=path)
    scenario: Scenario = structure(_reader(), data, Scenario, path=path)
    return scenario


def _policy_source(scenario: Scenario) -> tuple[str, dict[str, Any] | None]:
    """A name the scenario's policy can be read back by, and the panel tables over it.

    The name is its file's or a shipped policy's; the tables (`ehcplan.sim.panel_terms`)
    are None when the policy is that file's as it stands.
    """
    names = [scenario.policy_ref] if scenario.policy_ref else []
    for name in [*names, *example_policies()]:
        try:
            base = load_policy(name)
        except (NotFound, FileFormatError):
            continue
        if base == scenario.policy:
            return name, None
        tables = overrides(base, scenario.policy)
        if tables:
            return name, tables
    msg = (
        f"the scenario's policy ({scenario.policy.name}) is not a shipped policy, and "
        "no file holding it is known: save the policy as a TOML file and load the "
        'scenario naming it (`policy = "path/to/policy.toml"`).'
    )
    raise InvalidInput(msg, field="policy")


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The tables that `scenario_from_dict` reads back.

    The policy is written as the name it can be read back by, with any panel tables
    over it (see `_policy_source`).

    Raises:
        InvalidInput: If the policy is neither shipped nor read from a file.
    """
    data: dict[str, Any] = _writer().unstructure(scenario)
    data["policy"], panels = _policy_source(scenario)
    if panels:
        data["panels"] = panels
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
    text = read_text(
        file, kind="a scenario file (TOML; `ehcplan scenario new` writes one)"
    )
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
