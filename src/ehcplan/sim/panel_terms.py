"""A scenario file's ``[panels.<id>]`` tables: when a panel meets, for this scenario only.

A panel's calendar is the authority's policy (`ehcplan.policy.PanelTerms`). A
planner asking "what if the panel met fortnightly?" writes it in the scenario
file instead of copying the policy file:

```toml
policy = "england-average"

[panels.send-panel]
cadence = "fortnightly"
first_meeting = 2024-01-04   # a fortnightly panel counts from a first meeting
weekday = "Thursday"
```

| key | what it sets | values |
|---|---|---|
| ``cadence`` | how often the panel meets | ``"weekly"``, ``"fortnightly"``, ``"monthly"`` |
| ``weekday`` | the day it meets | ``"Monday"`` to ``"Sunday"`` |
| ``week_of_month`` | which week, for a monthly panel | 1 to 5 |
| ``first_meeting`` | the first meeting, for a fortnightly panel | a date |

The places per meeting are the stages' own keys (``places_per_meeting`` in
``[decision]`` and ``[plan_panel]``, `ehcplan.sim.vocabulary`). The keys apply
to every dated set of the panel's terms, and the panel checks the result as it
checks its policy file (a fortnightly panel needs its first meeting). The
scenario holds the policy with them applied; a scenario written back
(`ehcplan.sim.dumps_scenario`) names the policy and writes the same tables.

Examples:
    >>> from ehcplan.policy import load_policy
    >>> base = load_policy("england-average")
    >>> policy = apply(base, {"send-panel": {"cadence": "fortnightly",
    ...     "first_meeting": dt.date(2024, 1, 4)}}, path="my.toml")
    >>> policy.panel("send-panel").terms.at(dt.date(2024, 6, 1)).cadence.value
    'fortnightly'
    >>> overrides(base, policy)
    {'send-panel': {'cadence': 'fortnightly', 'first_meeting': datetime.date(2024, 1, 4)}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.policy import WEEKDAYS, Cadence, LocalPolicy, PanelPolicy
from ehcplan.structure import suggest

__all__ = ["KEYS", "apply", "overrides"]

KEYS = ("cadence", "weekday", "week_of_month", "first_meeting")
"""The keys a ``[panels.<id>]`` table may hold, each a field of `PanelTerms`."""


def _value(key: str, value: object, where: str, path: str) -> Any:
    """The term a file's *value* for *key* stands for, or a FileFormatError at *where*."""
    if key == "cadence":
        words = [c.value for c in Cadence]
        if isinstance(value, str) and value in words:
            return Cadence(value)
        problem = f"expected one of {', '.join(map(repr, words))}, found {value!r}"
    elif key == "weekday":
        if isinstance(value, str) and value.strip().title() in WEEKDAYS:
            return WEEKDAYS.index(value.strip().title())
        hint = suggest(str(value).title(), WEEKDAYS)
        problem = f"expected a weekday such as 'Thursday', found {value!r}{hint}"
    elif key == "week_of_month":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        problem = f"expected a whole number from 1 to 5, found {value!r}"
    else:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        problem = f"expected a date such as 2024-01-04, found {value!r}"
    raise FileFormatError(path, f"{problem}.", key=where)


def _panel(policy: LocalPolicy, panel_id: str, path: str) -> PanelPolicy:
    try:
        return policy.panel(panel_id)
    except NotFound:
        ids = [p.id for p in policy.panels]
        msg = (
            f"the policy {policy.name!r} has no panel {panel_id!r}"
            f"{suggest(panel_id, ids)}; its panels are {', '.join(map(repr, ids))}."
        )
        raise FileFormatError(path, msg, key=f"panels.{panel_id}") from None


def apply(policy: LocalPolicy, tables: Mapping[str, Any], *, path: str) -> LocalPolicy:
    """*policy* with each panel's terms changed as the file's ``[panels.<id>]`` tables say.

    Raises:
        FileFormatError: Naming the key path: a panel the policy does not have, a
            key that is not one of `KEYS`, a value of the wrong kind, or terms the
            panel refuses (a fortnightly panel with no first meeting).
    """
    if not isinstance(tables, Mapping):
        msg = "panels must be a table of panels by id, e.g. [panels.send-panel]."
        raise FileFormatError(path, msg, key="panels")
    changed = {}
    for panel_id, table in tables.items():
        panel = _panel(policy, panel_id, path)
        where = f"panels.{panel_id}"
        if not isinstance(table, Mapping):
            msg = f"expected a table of {', '.join(KEYS)}, found {table!r}."
            raise FileFormatError(path, msg, key=where)
        for key in table:
            if key not in KEYS:
                msg = (
                    f"unknown key {key!r}{suggest(key, KEYS)}; a panel's table takes "
                    f"{', '.join(KEYS)} (its places are [plan_panel] "
                    "places_per_meeting)."
                )
                raise FileFormatError(path, msg, key=f"{where}.{key}")
        terms = {k: _value(k, v, f"{where}.{k}", path) for k, v in table.items()}
        try:
            history = tuple(
                (start, attrs.evolve(old, **terms))
                for start, old in panel.terms.history
            )
        except InvalidInput as error:
            key = f"{where}.{error.field}" if error.field else where
            raise FileFormatError(path, str(error), key=key) from None
        changed[panel_id] = attrs.evolve(
            panel, terms=attrs.evolve(panel.terms, history=history)
        )
    panels = tuple(changed.get(p.id, p) for p in policy.panels)
    return attrs.evolve(policy, panels=panels)


def _words(key: str, value: Any) -> Any:
    if key == "cadence":
        return value.value
    if key == "weekday":
        return WEEKDAYS[value]
    return value


def overrides(
    base: LocalPolicy, policy: LocalPolicy
) -> dict[str, dict[str, Any]] | None:
    """The ``[panels.<id>]`` tables that turn *base* into *policy*, or None if none can.

    None when *policy* differs from *base* in anything but these keys of its
    panels, or differently in different dated sets of a panel's terms.
    """
    if attrs.evolve(base, panels=policy.panels) != policy or len(base.panels) != len(
        policy.panels
    ):
        return None
    tables: dict[str, dict[str, Any]] = {}
    for old, new in zip(base.panels, policy.panels, strict=True):
        if old == new:
            continue
        if attrs.evolve(old, terms=new.terms) != new or len(old.terms.history) != len(
            new.terms.history
        ):
            return None
        found: dict[str, Any] | None = None
        for (start, was), (since, now) in zip(
            old.terms.history, new.terms.history, strict=True
        ):
            keys = {
                k: getattr(now, k) for k in KEYS if getattr(now, k) != getattr(was, k)
            }
            if start != since or attrs.evolve(was, **keys) != now:
                return None
            if found is not None and keys != found:
                return None
            found = keys
        tables[new.id] = {k: _words(k, v) for k, v in (found or {}).items()}
    return tables
