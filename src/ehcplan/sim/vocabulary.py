"""A planner's words in a scenario file: people and their caseloads, places per meeting.

A scenario holds one value for each capacity (`ehcplan.sim.stages`): how many
assessments educational psychologists can have in progress at once
(``staff``), how many drafts caseworkers can (``caseworkers``), how many cases
a panel meeting hears (``slots_per_meeting``). A planner counts them another
way, and a scenario file may say it that way instead (`PLANNER_TERMS`):

| table | a planner's keys | the scenario's key |
|---|---|---|
| ``[advice.educational_psychology]`` | ``psychologists``, ``assessments_each`` | ``staff`` |
| ``[drafting]`` | ``coordinators``, ``drafts_each`` | ``caseworkers`` |
| ``[decision]``, ``[plan_panel]`` | ``places_per_meeting`` | ``slots_per_meeting`` |

(``staff`` and ``caseworkers`` are the products of their pair.)

``coordinators`` are the EHC plan coordinators (caseworkers) in post; each
pair is given together, as whole numbers. `to_model_keys` turns a file's
planner keys into the scenario's when the file is read, so the value holds
one way each; a file is written back (`ehcplan.sim.dumps_scenario`) in the
scenario's keys. A key given both ways, half a pair, or a key close to a
planner's word (``psychologist``) is refused with what to write instead.

Examples:
    >>> to_model_keys({"advice": {"educational_psychology": {
    ...     "psychologists": 6, "assessments_each": 12, "days": {}}}})
    {'advice': {'educational_psychology': {'days': {}, 'staff': 72}}}
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import attrs

from ehcplan.errors import FileFormatError
from ehcplan.structure import suggest

__all__ = ["PLANNER_TERMS", "PlannerTerm", "to_model_keys"]


@attrs.frozen(kw_only=True)
class PlannerTerm:
    """A scenario key said in a planner's words: a count of people times work each, or a rename.

    Examples:
        >>> PLANNER_TERMS[0].model
        'staff'
    """

    table: tuple[str, ...]
    """The key path of the table, e.g. ``("advice", "educational_psychology")``."""
    model: str
    """The scenario's key it gives."""
    people: str
    """The planner's key: how many people (or, with no *each*, the value itself)."""
    each: str | None = None
    """The planner's key for the work each person has in progress at once."""
    meaning: str = ""
    """What the planner's keys mean, in a sentence."""


PLANNER_TERMS = (
    PlannerTerm(
        table=("advice", "educational_psychology"),
        model="staff",
        people="psychologists",
        each="assessments_each",
        meaning=(
            "educational psychologists in post, and the assessments each can have in "
            "progress at once"
        ),
    ),
    PlannerTerm(
        table=("drafting",),
        model="caseworkers",
        people="coordinators",
        each="drafts_each",
        meaning=(
            "EHC plan coordinators (caseworkers) in post, and the drafts each can have "
            "in progress at once"
        ),
    ),
    PlannerTerm(
        table=("decision",),
        model="slots_per_meeting",
        people="places_per_meeting",
        meaning="requests the panel can decide at one meeting",
    ),
    PlannerTerm(
        table=("plan_panel",),
        model="slots_per_meeting",
        people="places_per_meeting",
        meaning="cases the panel can hear at one meeting",
    ),
)
"""Every planner's key a scenario file may use, by table."""


def _whole(value: object, key: str, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{key} must be a whole number of at least 1, got {value!r}."
        raise FileFormatError(path, msg, key=key)
    return value


def _convert(table: dict[str, Any], term: PlannerTerm, where: str, path: str) -> None:
    words = [term.people] + ([term.each] if term.each else [])
    given = [w for w in words if w in table]
    if not given:
        for key in list(table):
            if key not in words and key != term.model and suggest(key, words):
                msg = (
                    f"unknown key {key!r}{suggest(key, words)}; {', '.join(words)}: "
                    f"{term.meaning}."
                )
                raise FileFormatError(path, msg, key=f"{where}.{key}")
        return
    if term.model in table:
        msg = (
            f"{term.model} and {', '.join(given)} say the same thing; give one: "
            f"{term.model}, or {' and '.join(words)} ({term.meaning})."
        )
        raise FileFormatError(path, msg, key=f"{where}.{term.model}")
    if len(given) < len(words):
        missing = next(w for w in words if w not in table)
        msg = (
            f"{given[0]} needs {missing} too: {term.meaning}; the scenario uses their "
            f"product as {term.model}."
        )
        raise FileFormatError(path, msg, key=f"{where}.{missing}")
    product = 1
    for word in words:
        product *= _whole(table.pop(word), f"{where}.{word}", path)
    table[term.model] = product


def to_model_keys(
    data: Mapping[str, Any], *, path: str = "<scenario>"
) -> dict[str, Any]:
    """A scenario file's tables with each planner's key (`PLANNER_TERMS`) made the scenario's.

    The input is left unchanged; a file without planner's keys comes back equal.

    Raises:
        FileFormatError: For a key given both ways, half a pair, a count that is
            not a whole number of at least 1, or a key that looks like a
            misspelt planner's key; each names its key path.

    Examples:
        >>> to_model_keys({"drafting": {"coordinators": 20, "drafts_each": 8}})
        {'drafting': {'caseworkers': 160}}
        >>> to_model_keys({"plan_panel": {"places_per_meeting": 30}})
        {'plan_panel': {'slots_per_meeting': 30}}
    """
    out = copy.deepcopy(dict(data))
    for term in PLANNER_TERMS:
        table: Any = out
        for name in term.table:
            table = table.get(name) if isinstance(table, dict) else None
        if isinstance(table, dict):
            _convert(table, term, ".".join(term.table), path)
    return out
