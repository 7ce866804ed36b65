r"""Reading local-authority policy files: the only module in ehcplan that opens one.

A policy file is TOML, read with the standard library's `tomllib`, one file per
authority. Shipped examples are loaded by name (`example_policies` lists them);
an authority's real file lives with the analysis that uses it and is loaded by
path. Everything read is checked on the way in, by ehcplan's one strict converter
(`ehcplan.structure`) with the hooks below for the ways this format writes
some values, and every problem is a
`ehcplan.errors.FileFormatError` whose message starts with the file and the
dotted key path (``panels[0].terms.values[1].weekday``), then says what was
wrong, what was expected and what to do.

The file format, in full:

* **Keys are the attribute names** of the classes in `ehcplan.policy` (by
  concept: `ehcplan.policy.panels`, `.ras`, `.funding`, `.budgets`, `.local`).
  An unknown key is an error (it is usually a typo); a key for an optional
  attribute may be left out.
* **Money is text in pounds**: ``"£10,363"``, ``"£10,363.50"`` or ``"10363.00"``,
  read by `ehcplan.money.Money.parse`. A number is refused, so pounds and pence
  cannot be confused and no float ever holds money.
* **Dates are TOML dates**, unquoted: ``2024-09-01``.
* **Choices are their documented words**, matched ignoring case:
  ``cadence = "monthly"``, ``kind = "access to resources"``,
  ``age_version = "6-16"``, ``decides = ["funding", "placement"]``. A weekday is
  its English name (``weekday = "Thursday"``).
* **A value that changes by date** is a table in OpenFisca's shape: a
  ``description`` (a short noun phrase that names the value in messages), a
  ``reference`` (a URL or document citation) and ``values``, an array of tables
  each with ``from`` (the date it applies from) and either the value's own keys
  or, for a single amount, ``value``. TOML's inline tables ``{ ... }`` must fit
  on one line; write a long entry as an array of tables, ``[[...values]]``.

The keys, section by section (optional ones in brackets; "dated" marks a value
that changes by date, whose entries hold the keys listed after it):

    code, name, source
    [panels]            array of: id, kind, name, [published_meetings],
                        terms (dated: cadence, weekday, [week_of_month],
                        [first_meeting], cases_per_meeting, referral_cutoff_days,
                        decision_record_days, decides, [on_bank_holiday]: "next
                        working day" (default), "skip" or "keep")
    [ras]               schemes (array of: id, age_version, version,
                        outcomes (array of: id, name, description,
                        points = { low, medium, high })),
                        conversion (dated: kind = "per point" with per_point
                        (money), or "bands" with bands (array of: min_points,
                        [max_points], amount), or "similar cases" with k, [statistic]),
                        sign_off_threshold (dated: value, or hours (array of:
                        role, hours_per_week, cost_per_weekly_hour), or both)
    [funding]           [top_up_bands] (dated: bands = { "Band 1" = money, ... }),
                        [terms] (dated: undivided_splits = { 52 = split, ... },
                        [other_weeks], transport_split, health_contribution_first,
                        education_pays_provision, placement_review_months,
                        element2_threshold, emergency_funding_by_chair),
                        where a split is { education, social_care, [health] }
    [personal_budgets]  [eligibility_rule], first_monitoring_months,
                        monitoring_interval_months, reference

`src/ehcplan/policy/examples/exampleshire.toml` uses every key. A minimal file:

    >>> policy = loads_policy('''
    ... code = "999"
    ... name = "Exampleshire County Council"
    ... source = "A fictional authority for tests."
    ...
    ... [ras]
    ... schemes = []
    ...
    ... [ras.conversion]
    ... description = "Exampleshire RAS conversion"
    ... reference = "https://example.gov.uk/send/ras"
    ... values = [{ from = 2024-04-01, kind = "per point", per_point = "£150" }]
    ...
    ... [ras.sign_off_threshold]
    ... description = "Exampleshire RAS sign-off threshold"
    ... reference = "https://example.gov.uk/send/ras"
    ... values = [{ from = 2024-04-01, value = "£10,363" }]
    ... ''')
    >>> str(policy.ras.sign_off_threshold.at(dt.date(2024, 9, 2)))
    '£10,363.00'

and a problem in one:

    >>> bad = 'code = "999"\nname = "X"\nsource = "Y"\n[personal_budgets]\nrefrence = "Z"'
    >>> loads_policy(bad)
    Traceback (most recent call last):
    ...
    ehcplan.errors.FileFormatError: <string>: personal_budgets.refrence: unknown key 'refrence'
    (did you mean 'reference'?); ...

**School calendars** are read here too, one TOML file per school, post-16
institution or early years provider, by `load_school_calendar`. They hold the
closures the closure ground is tested against (`ehcplan.timeline.closures`),
with the same conventions: ``institution`` (text) and any number of
``[[closures]]`` tables, each with ``first_closed_day`` (the first day the
institution is closed), ``reopens_on`` (the first day it is open again) and,
optionally, ``name``. Closures may not overlap.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import os
import tomllib
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy.dated import Dated
from ehcplan.policy.funding import FundingTerms, OtherWeeks, Split, TopUpBands
from ehcplan.policy.local import LocalPolicy
from ehcplan.policy.panels import WEEKDAYS, PanelRemit, PanelTerms
from ehcplan.policy.ras import (
    Bands,
    Conversion,
    Level,
    PerPoint,
    RasOutcome,
    SignOffThreshold,
    SimilarCases,
    SupportHours,
)
from ehcplan.structure import (
    Problem,
    at,
    check_table,
    converter,
    describe,
    quoted,
    structure,
    structure_table,
    suggest,
)
from ehcplan.timeline.closures import SchoolCalendar

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "example_policies",
    "load_policy",
    "load_school_calendar",
    "loads_policy",
    "loads_school_calendar",
]

_SUFFIX = ".toml"


def example_policies() -> tuple[str, ...]:
    """Return the names of the policy files shipped with ehcplan, sorted.

    Examples:
        >>> example_policies()  # doctest: +NORMALIZE_WHITESPACE
        ('devon-mainstream-top-ups', 'england-average', 'exampleshire',
         'gloucestershire-ras-2017', 'london-jointly-funded-placements')
    """
    folder = importlib.resources.files("ehcplan.policy").joinpath("examples")
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def load_policy(source: str | os.PathLike[str]) -> LocalPolicy:
    """Load a local-authority policy: a shipped example by name, or a TOML file by path.

    A name in `example_policies` always means the shipped example. Anything
    else is a path; the file format is described at the top of this module.

    Args:
        source: An example's name (``"exampleshire"``) or the path of a TOML file.

    Examples:
        >>> load_policy("gloucestershire-ras-2017").code
        '916'
        >>> load_policy("examplshire")
        Traceback (most recent call last):
        ...
        ehcplan.errors.NotFound: no example policy is called 'examplshire'; ...

    Raises:
        NotFound: If *source* looks like a name (no folder, no ``.toml``) and is
            neither an example nor an existing file.
        FileFormatError: If the file is missing or cannot be read as a policy.
    """
    if isinstance(source, str) and source in example_policies():
        name = source + _SUFFIX
        example = (
            importlib.resources.files("ehcplan.policy")
            .joinpath("examples")
            .joinpath(name)
        )
        return loads_policy(example.read_text(encoding="utf-8"), path=name)
    path = os.fspath(source)
    if not os.path.exists(path):
        if os.sep not in path and "/" not in path and not path.endswith(_SUFFIX):
            what = "example policy"
            raise NotFound(what, path, example_policies()) from None
        names = ", ".join(repr(name) for name in example_policies())
        problem = (
            "no such file; check the path and the current folder, "
            f"or load a shipped example by name ({names})."
        )
        raise FileFormatError(path, problem)
    text = _read_text(path)
    return loads_policy(text, path=path)


def loads_policy(text: str, *, path: str = "<string>") -> LocalPolicy:
    r"""Read a local-authority policy from TOML text.

    Args:
        text: The policy, in the format described at the top of this module.
        path: What to call the text in error messages (usually its file's path).

    Examples:
        >>> loads_policy('code = "999"\nname = "Nowhere"\nsource = "Made up."').panels
        ()
        >>> loads_policy('code = 999\nname = "X"\nsource = "Y"', path="la.toml")
        Traceback (most recent call last):
        ...
        ehcplan.errors.FileFormatError: la.toml: code: expected text, found the integer 999;
        write it in quotes, e.g. "999".

    Raises:
        FileFormatError: If the text is not TOML, or not a valid policy.
    """
    policy: LocalPolicy = structure(
        _converter(), _parse(text, path), LocalPolicy, path=path
    )
    return policy


def load_school_calendar(path: str | os.PathLike[str]) -> SchoolCalendar:
    """Load an institution's closures from a TOML file.

    The format is described at the top of this module: ``institution`` and
    ``[[closures]]`` tables with ``first_closed_day``, ``reopens_on`` and an
    optional ``name``.

    Args:
        path: The path of the TOML file.

    Raises:
        FileFormatError: If the file is missing, unreadable, or not a valid calendar.
    """
    where = os.fspath(path)
    return loads_school_calendar(_read_text(where), path=where)


def loads_school_calendar(text: str, *, path: str = "<string>") -> SchoolCalendar:
    """Read an institution's closures from TOML text.

    Args:
        text: The calendar, in the format described at the top of this module.
        path: What to call the text in error messages (usually its file's path).

    Examples:
        The school of WE-07, closed for the summer from Wednesday 23 July 2025:

        >>> school = loads_school_calendar('''
        ... institution = "URN 100001"
        ...
        ... [[closures]]
        ... name = "summer holiday"
        ... first_closed_day = 2025-07-23
        ... reopens_on = 2025-09-03
        ... ''')
        >>> school.closure_ground_available(dt.date(2025, 7, 18)).name
        'summer holiday'

        >>> loads_school_calendar('''
        ... institution = "URN 100001"
        ... [[closures]]
        ... first_closed_day = 2025-09-03
        ... reopens_on = 2025-07-23
        ... ''', path="school.toml")
        Traceback (most recent call last):
        ...
        ehcplan.errors.FileFormatError: school.toml: closures[0].reopens_on: reopens_on
        (2025-07-23) must be after first_closed_day (2025-09-03): ...

    Raises:
        FileFormatError: If the text is not TOML, or not a valid calendar.
    """
    calendar: SchoolCalendar = structure(
        _converter(), _parse(text, path), SchoolCalendar, path=path
    )
    return calendar


def _read_text(path: str) -> str:
    """Read a UTF-8 file, with a FileFormatError saying what to do if it cannot be."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        problem = "no such file; check the path and the current folder."
        raise FileFormatError(path, problem) from None
    except OSError as error:
        problem = f"cannot be read ({error.strerror}); pass the path of a TOML file."
        raise FileFormatError(path, problem) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = (
            f"is not UTF-8 text (byte {error.start} cannot be decoded); "
            "save the file as UTF-8, as TOML requires."
        )
        raise FileFormatError(path, problem) from None


def _parse(text: str, path: str) -> dict[str, Any]:
    """Parse TOML text, with a FileFormatError pointing at the syntax error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problem = (
            f"not valid TOML: {error}. Fix the syntax there; "
            "the format is described at https://toml.io/en/v1.0.0."
        )
        raise FileFormatError(path, problem) from None
    except ValueError as error:  # a whole number of more than 4,300 digits
        problem = (
            f"not valid TOML here: {error}. No number in a policy file is that long: "
            "correct it."
        )
        raise FileFormatError(path, problem) from None


# --- The reader: the strict converter, with the policy file's own ways of writing. ---


def _read(value: object, kind: Any, *steps: str | int) -> Any:
    """Structure *value* as *kind*, placing any problem at *steps* below the caller's value."""
    try:
        return _converter().structure(value, kind)
    except Exception as error:  # placed, then reported by `structure`
        raise at(error, *steps) from None


def _weekday(value: object, _kind: object) -> int:
    """Read a weekday's English name as its number, 0 for Monday."""
    if not isinstance(value, str):
        msg = f'expected a weekday name such as "Thursday", found {describe(value)}.'
        raise Problem(msg)
    names = [name.casefold() for name in WEEKDAYS]
    word = value.strip().casefold()
    if word not in names:
        msg = (
            f"unknown weekday {value!r}{suggest(word.title(), WEEKDAYS)}; "
            f"expected one of {quoted(WEEKDAYS)}."
        )
        raise Problem(msg)
    return names.index(word)


_LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)


def _level_points(value: object, _kind: object) -> dict[Level, int]:
    """Read ``points = { low, medium, high }``: NONE always scores 0 and is not written."""
    table = check_table(value, required=[level.value for level in _LEVELS])
    return {level: _read(table[level.value], int, level.value) for level in _LEVELS}


def _as_written(value: object, _kind: object) -> object:
    """Pass a value on as the file wrote it, for the class's own converter to read."""
    return value


def _splits(value: object, _kind: object) -> dict[int, Split]:
    """Read splits keyed by placement weeks per year (TOML keys are text: "52")."""
    if not isinstance(value, dict):
        msg = f"expected a table of splits by placement weeks, found {describe(value)}."
        raise Problem(msg)
    splits = {}
    for name, item in value.items():
        if not (name.isascii() and name.isdigit() and len(name) <= 6):
            msg = (
                f"placement weeks must be a whole number such as 52 or 38, found {name!r}; "
                "write e.g. 52 = { education = 25, social_care = 75 }."
            )
            raise at(Problem(msg), name)
        splits[int(name)] = _read(item, Split, name)
    return splits


def _top_up_bands(value: object, _kind: object) -> dict[str, Money]:
    """Read a table of band names and amounts of money."""
    if not isinstance(value, dict):
        msg = (
            'expected a table such as { "Band 1" = "£1,600" }, '
            f"found {describe(value)}."
        )
        raise Problem(msg)
    return {name: _read(amount, Money, name) for name, amount in value.items()}


_CONVERSION_KEYS = ("per_point", "bands", "k", "statistic")
_CONVERSIONS: dict[str, type[PerPoint | Bands | SimilarCases]] = {
    "per point": PerPoint,
    "bands": Bands,
    "similar cases": SimilarCases,
}


def _conversion(entry: dict[str, Any]) -> Conversion:
    """Read one dated entry of the points-to-money conversion, by its kind."""
    check_table(entry, required=("from", "kind"), optional=_CONVERSION_KEYS)
    kind = entry["kind"]
    word = _read(kind, str, "kind").strip().casefold()
    if word not in _CONVERSIONS:
        msg = (
            f"unknown kind {kind!r}{suggest(word, _CONVERSIONS)}; "
            f"expected one of {quoted(_CONVERSIONS)}, each with its own keys "
            "(see ehcplan.policy.load)."
        )
        raise at(Problem(msg), "kind")
    conversion: Conversion = structure_table(
        _converter(), entry, _CONVERSIONS[word], also=("from", "kind")
    )
    return conversion


def _threshold(entry: dict[str, Any]) -> SignOffThreshold:
    """Read one dated sign-off threshold: an amount, the hours it equals, or both."""
    check_table(entry, required=("from",), optional=("value", "hours"))
    if "value" not in entry and "hours" not in entry:
        msg = (
            'needs value (e.g. value = "£10,363") or hours (e.g. hours = [{ role = '
            '"teaching assistant", hours_per_week = 15, cost_per_weekly_hour = "£610" }]).'
        )
        raise Problem(msg)
    hours = (
        _read(entry["hours"], tuple[SupportHours, ...], "hours")
        if "hours" in entry
        else ()
    )
    amount = _read(entry["value"], Money, "value") if "value" in entry else None
    try:
        if amount is None:
            return SignOffThreshold.from_hours(hours)
        return SignOffThreshold(amount=amount, hours=hours)
    except InvalidInput as error:
        raise Problem(str(error)) from None


_ENTRIES: dict[object, Callable[[dict[str, Any]], Any]] = {
    Conversion: _conversion,
    SignOffThreshold: _threshold,
}
"""Readers of the dated entries that are not written as their class's own keys."""


def _dated(kind: Any) -> Callable[[object, object], Dated[Any]]:
    """A hook reading a value that changes by date: description, reference and values."""
    (item,) = typing.get_args(kind)

    def entry_of(entry: dict[str, Any]) -> Any:
        read = _ENTRIES.get(item)
        if read is not None:
            return read(entry)
        return structure_table(_converter(), entry, item, also=("from",))

    def hook(value: object, _kind: object) -> Dated[Any]:
        table = check_table(value, required=("description", "reference", "values"))
        name = _read(table["description"], str, "description")
        reference = _read(table["reference"], str, "reference")
        entries = table["values"]
        if not isinstance(entries, list):
            problem = Problem(f"expected an array [ ... ], found {describe(entries)}.")
            raise at(problem, "values")
        if not entries:
            problem = Problem(
                "needs at least one value, e.g. values = [{ from = 2024-04-01, ... }]; "
                "add the value in force with the date it applies from."
            )
            raise at(problem, "values")
        history = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problem = Problem(
                    "expected a table with 'from' and the value, "
                    f"found {describe(entry)}."
                )
                raise at(problem, "values", i)
            if "from" not in entry:
                problem = Problem(
                    "missing required key 'from', the date this value applies from; "
                    "add e.g. from = 2024-04-01."
                )
                raise at(problem, "values", i)
            start = _read(entry["from"], dt.date, "values", i, "from")
            try:
                history.append((start, entry_of(entry)))
            except Exception as error:  # placed at the entry, reported by `structure`
                raise at(error, "values", i) from None
        try:
            return Dated(name, reference=reference, history=history)
        except InvalidInput as error:
            raise at(Problem(str(error)), "values") from None

    return hook


def _is_dated(kind: object) -> bool:
    return typing.get_origin(kind) is Dated


@functools.cache
def _converter() -> cattrs.Converter:
    """The strict converter for policy files and school calendars, with their ways."""
    conv = converter(
        dates="toml",
        enum_words={PanelRemit: "remit", OtherWeeks: "rule for other weeks"},
        field_hooks={
            PanelTerms: {"weekday": _weekday},
            RasOutcome: {"points": _level_points},
            SupportHours: {"hours_per_week": _as_written},
            FundingTerms: {"undivided_splits": _splits},
            TopUpBands: {"bands": _top_up_bands},
        },
    )
    conv.register_structure_hook_factory(_is_dated, _dated)
    return conv
