r"""Reading local-authority policy files: the only module in ehcplan that opens one.

A policy file is TOML, read with the standard library's `tomllib`, one file per
authority. Shipped examples are loaded by name (`example_policies` lists them);
an authority's real file lives with the analysis that uses it and is loaded by
path. Everything read is checked on the way in, and every problem is a
`ehcplan.errors.FileFormatError` whose message starts with the file and the
dotted key path (``panels[0].terms.values[1].weekday``), then says what was
wrong, what was expected and what to do.

The file format, in full:

* **Keys are the attribute names** of the classes in `ehcplan.policy.schema`.
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
import difflib
import enum
import importlib.resources
import os
import tomllib
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import attrs

from ehcplan.dates import parse_date
from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy.dated import Dated
from ehcplan.policy.schema import (
    WEEKDAYS,
    AgeVersion,
    Band,
    Bands,
    BankHolidayRule,
    Cadence,
    Conversion,
    EligibilityRule,
    FundingPolicy,
    FundingTerms,
    Level,
    LocalPolicy,
    OtherWeeks,
    PanelKind,
    PanelPolicy,
    PanelRemit,
    PanelTerms,
    PerPoint,
    PersonalBudgetPolicy,
    RasOutcome,
    RasPolicy,
    RasScheme,
    SignOffThreshold,
    SimilarCases,
    Split,
    SupportHours,
    TopUpBands,
)
from ehcplan.timeline.closures import Closure, SchoolCalendar

__all__ = [
    "example_policies",
    "load_policy",
    "load_school_calendar",
    "loads_policy",
    "loads_school_calendar",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

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
    return _policy(_At(path, "", _parse(text, path)))


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
    return _school_calendar(_At(path, "", _parse(text, path)))


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


# --- The reader: a value with the file and key path it was found at. -------------------


@attrs.frozen
class _At:
    """A value read from a policy file, and where in the file it was found."""

    path: str
    key: str
    value: object

    def child(self, name: str, value: object) -> _At:
        """The value at key *name* of this table."""
        return _At(self.path, f"{self.key}.{name}" if self.key else name, value)

    def item(self, index: int, value: object) -> _At:
        """The value at *index* of this array."""
        return _At(self.path, f"{self.key}[{index}]", value)

    def fail(self, problem: str) -> NoReturn:
        """Raise a FileFormatError for this place in the file."""
        raise FileFormatError(self.path, problem, key=self.key or None)


def _found(value: object) -> str:
    """Describe a TOML value by its type and content, for messages."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the float {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
    return "a table"


def _quoted(names: tuple[str, ...] | list[str]) -> str:
    """Return *names* quoted and separated by commas."""
    return ", ".join(repr(name) for name in names)


def _suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """Return " (did you mean 'x'?)" when *word* looks like a misspelling of a choice."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _table(
    at: _At, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, _At]:
    """Check that *at* is a table with the *required* keys and no unknown ones."""
    if not isinstance(at.value, dict):
        at.fail(f"expected a table, found {_found(at.value)}.")
    allowed = (*required, *optional)
    for name in at.value:
        if name not in allowed:
            at.child(name, None).fail(
                f"unknown key {name!r}{_suggest(name, allowed)}; "
                f"the keys allowed here are {_quoted(allowed)}. "
                "Check the spelling, or remove the key."
            )
    for name in required:
        if name not in at.value:
            at.fail(
                f"missing required key {name!r}; this table needs {_quoted(required)}. "
                f"Add {name!r}."
            )
    return {name: at.child(name, value) for name, value in at.value.items()}


def _text(at: _At) -> str:
    """Read non-blank text."""
    if not isinstance(at.value, str):
        hint = ""
        if isinstance(at.value, int | float) and not isinstance(at.value, bool):
            hint = f'; write it in quotes, e.g. "{at.value}"'
        at.fail(f"expected text, found {_found(at.value)}{hint}.")
    if not at.value.strip():
        at.fail("expected text, found an empty string; write what it should say.")
    return at.value


def _int(at: _At) -> int:
    """Read a whole number."""
    if not isinstance(at.value, int) or isinstance(at.value, bool):
        at.fail(f"expected a whole number, found {_found(at.value)}.")
    return at.value


def _bool(at: _At) -> bool:
    """Read true or false."""
    if not isinstance(at.value, bool):
        at.fail(f"expected true or false (unquoted), found {_found(at.value)}.")
    return at.value


def _date(at: _At) -> dt.date:
    """Read a TOML date, explaining how to write one when it is something else."""
    value = at.value
    if isinstance(value, dt.datetime):
        at.fail(
            f"expected a date, found {_found(value)}; a time of day has no meaning "
            f"here. Write the date only, e.g. {value.date().isoformat()}."
        )
    if isinstance(value, str):
        try:
            meant = parse_date(value).isoformat()
        except InvalidInput:
            meant = "2024-09-01"
        at.fail(
            f"expected a TOML date, found {_found(value)}; write the date "
            f"without quotes, as YYYY-MM-DD, e.g. {meant}."
        )
    if not isinstance(value, dt.date):
        at.fail(f"expected a TOML date such as 2024-09-01, found {_found(value)}.")
    return value


def _money(at: _At) -> Money:
    """Read an amount of money written as text in pounds."""
    value = at.value
    if isinstance(value, float):
        at.fail(
            f"found the float {value}, but money is never a float: floats cannot "
            "hold pence exactly. Write it as text in pounds, "
            'e.g. "£10,363" or "£10,363.50".'
        )
    if isinstance(value, int) and not isinstance(value, bool):
        at.fail(
            f"found the integer {value}, but money is written as text in pounds so "
            f'that pounds and pence cannot be confused; write "£{value:,}" if you '
            "meant pounds."
        )
    if not isinstance(value, str):
        at.fail(
            f'expected money as text in pounds, e.g. "£10,363", found {_found(value)}.'
        )
    try:
        money = Money.parse(value, field="money")
    except InvalidInput as error:
        at.fail(str(error).removeprefix("money: "))
    return money


def _choice(at: _At, choices: type[E], what: str) -> E:
    """Read one of an enum's documented words, ignoring case."""
    words = tuple(str(member.value) for member in choices)
    if not isinstance(at.value, str):
        at.fail(
            f"expected the {what} as text, one of {_quoted(words)}; found {_found(at.value)}."
        )
    word = at.value.strip().casefold()
    matches = [member for member in choices if str(member.value).casefold() == word]
    if not matches:
        at.fail(
            f"unknown {what} {at.value!r}{_suggest(word, words)}; "
            f"expected one of {_quoted(words)}."
        )
    return matches[0]


def _weekday(at: _At) -> int:
    """Read a weekday's English name as its number, 0 for Monday."""
    if not isinstance(at.value, str):
        at.fail(
            f'expected a weekday name such as "Thursday", found {_found(at.value)}.'
        )
    names = [name.casefold() for name in WEEKDAYS]
    word = at.value.strip().casefold()
    if word not in names:
        at.fail(
            f"unknown weekday {at.value!r}{_suggest(word.title(), WEEKDAYS)}; "
            f"expected one of {_quoted(WEEKDAYS)}."
        )
    return names.index(word)


def _array(at: _At) -> list[_At]:
    """Read an array, as its items with their places."""
    if not isinstance(at.value, list):
        at.fail(f"expected an array [ ... ], found {_found(at.value)}.")
    return [at.item(i, value) for i, value in enumerate(at.value)]


def _build(at: _At, make: Callable[..., T], **fields: Any) -> T:
    """Construct a schema value, reporting a validator's complaint at its key."""
    try:
        return make(**fields)
    except InvalidInput as error:
        place = at
        if error.field and isinstance(at.value, dict) and error.field in at.value:
            place = at.child(error.field, at.value[error.field])
        place.fail(str(error))


def _dated(at: _At, read_value: Callable[[_At], T]) -> Dated[T]:
    """Read a value that changes by date: description, reference, and dated values."""
    fields = _table(at, required=("description", "reference", "values"))
    name = _text(fields["description"])
    reference = _text(fields["reference"])
    entries = _array(fields["values"])
    if not entries:
        fields["values"].fail(
            "needs at least one value, e.g. values = [{ from = 2024-04-01, ... }]; "
            "add the value in force with the date it applies from."
        )
    history = []
    for entry in entries:
        if not isinstance(entry.value, dict):
            entry.fail(
                f"expected a table with 'from' and the value, found {_found(entry.value)}."
            )
        if "from" not in entry.value:
            entry.fail(
                "missing required key 'from', the date this value applies from; "
                "add e.g. from = 2024-04-01."
            )
        history.append(
            (_date(entry.child("from", entry.value["from"])), read_value(entry))
        )
    try:
        return Dated(name, reference=reference, history=history)
    except InvalidInput as error:
        fields["values"].fail(str(error))


# --- The policy, section by section. ----------------------------------------------------


def _policy(at: _At) -> LocalPolicy:
    """Read a whole policy file."""
    fields = _table(
        at,
        required=("code", "name", "source"),
        optional=("panels", "ras", "funding", "personal_budgets"),
    )
    return _build(
        at,
        LocalPolicy,
        code=_text(fields["code"]),
        name=_text(fields["name"]),
        source=_text(fields["source"]),
        panels=[_panel(item) for item in _array(fields["panels"])]
        if "panels" in fields
        else (),
        ras=_ras(fields["ras"]) if "ras" in fields else None,
        funding=_funding(fields["funding"]) if "funding" in fields else None,
        personal_budgets=(
            _personal_budgets(fields["personal_budgets"])
            if "personal_budgets" in fields
            else None
        ),
    )


def _panel(at: _At) -> PanelPolicy:
    """Read one panel."""
    fields = _table(
        at, required=("id", "kind", "name", "terms"), optional=("published_meetings",)
    )
    meetings = fields.get("published_meetings")
    return _build(
        at,
        PanelPolicy,
        id=_text(fields["id"]),
        kind=_choice(fields["kind"], PanelKind, "panel kind"),
        name=_text(fields["name"]),
        terms=_dated(fields["terms"], _panel_terms),
        published_meetings=(
            [_date(item) for item in _array(meetings)] if meetings is not None else ()
        ),
    )


def _panel_terms(at: _At) -> PanelTerms:
    """Read one dated entry of a panel's terms."""
    fields = _table(
        at,
        required=(
            "from",
            "cadence",
            "weekday",
            "cases_per_meeting",
            "referral_cutoff_days",
            "decision_record_days",
            "decides",
        ),
        optional=("week_of_month", "first_meeting", "on_bank_holiday"),
    )
    week = fields.get("week_of_month")
    first = fields.get("first_meeting")
    holiday = fields.get("on_bank_holiday")
    return _build(
        at,
        PanelTerms,
        cadence=_choice(fields["cadence"], Cadence, "cadence"),
        weekday=_weekday(fields["weekday"]),
        week_of_month=_int(week) if week is not None else None,
        first_meeting=_date(first) if first is not None else None,
        cases_per_meeting=_int(fields["cases_per_meeting"]),
        referral_cutoff_days=_int(fields["referral_cutoff_days"]),
        decision_record_days=_int(fields["decision_record_days"]),
        decides=[
            _choice(item, PanelRemit, "remit") for item in _array(fields["decides"])
        ],
        on_bank_holiday=(
            _choice(holiday, BankHolidayRule, "bank holiday rule")
            if holiday is not None
            else BankHolidayRule.NEXT_WORKING_DAY
        ),
    )


def _ras(at: _At) -> RasPolicy:
    """Read the Resource Allocation System section."""
    fields = _table(at, required=("schemes", "conversion", "sign_off_threshold"))
    return _build(
        at,
        RasPolicy,
        schemes=[_scheme(item) for item in _array(fields["schemes"])],
        conversion=_dated(fields["conversion"], _conversion),
        sign_off_threshold=_dated(fields["sign_off_threshold"], _threshold),
    )


def _scheme(at: _At) -> RasScheme:
    """Read one RAS form."""
    fields = _table(at, required=("id", "age_version", "version", "outcomes"))
    return _build(
        at,
        RasScheme,
        id=_text(fields["id"]),
        age_version=_choice(fields["age_version"], AgeVersion, "age version"),
        version=_text(fields["version"]),
        outcomes=[_outcome(item) for item in _array(fields["outcomes"])],
    )


def _outcome(at: _At) -> RasOutcome:
    """Read one outcome of a RAS form, with its points per level."""
    fields = _table(at, required=("id", "name", "description", "points"))
    points = _table(fields["points"], required=("low", "medium", "high"))
    return _build(
        at,
        RasOutcome,
        id=_text(fields["id"]),
        name=_text(fields["name"]),
        description=_text(fields["description"]),
        points={level: _int(points[level.value]) for level in _LEVELS},
    )


_CONVERSION_KEYS = ("per_point", "bands", "k", "statistic")
_LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)


def _conversion(at: _At) -> Conversion:
    """Read one dated entry of the points-to-money conversion, by its kind."""
    fields = _table(at, required=("from", "kind"), optional=_CONVERSION_KEYS)
    kind = fields["kind"]
    word = _text(kind).strip().casefold()
    if word not in _CONVERSIONS:
        kind.fail(
            f"unknown kind {kind.value!r}{_suggest(word, tuple(_CONVERSIONS))}; "
            f"expected one of {_quoted(tuple(_CONVERSIONS))}, each with its own keys "
            "(see ehcplan.policy.load)."
        )
    return _CONVERSIONS[word](at)


def _per_point(at: _At) -> PerPoint:
    """Read a per-point conversion."""
    fields = _table(at, required=("from", "kind", "per_point"))
    return _build(at, PerPoint, per_point=_money(fields["per_point"]))


def _bands(at: _At) -> Bands:
    """Read a banded conversion."""
    fields = _table(at, required=("from", "kind", "bands"))
    return _build(at, Bands, bands=[_band(item) for item in _array(fields["bands"])])


def _similar_cases(at: _At) -> SimilarCases:
    """Read a similar-cases conversion."""
    fields = _table(at, required=("from", "kind", "k"), optional=("statistic",))
    statistic = fields.get("statistic")
    return _build(
        at,
        SimilarCases,
        k=_int(fields["k"]),
        statistic=_text(statistic) if statistic is not None else "median",
    )


_CONVERSIONS: dict[str, Callable[[_At], Conversion]] = {
    "per point": _per_point,
    "bands": _bands,
    "similar cases": _similar_cases,
}


def _band(at: _At) -> Band:
    """Read one band of a banded conversion."""
    fields = _table(at, required=("min_points", "amount"), optional=("max_points",))
    top = fields.get("max_points")
    return _build(
        at,
        Band,
        min_points=_int(fields["min_points"]),
        max_points=_int(top) if top is not None else None,
        amount=_money(fields["amount"]),
    )


def _threshold(at: _At) -> SignOffThreshold:
    """Read one dated sign-off threshold: an amount, the hours it equals, or both."""
    fields = _table(at, required=("from",), optional=("value", "hours"))
    if "value" not in fields and "hours" not in fields:
        at.fail(
            'needs value (e.g. value = "£10,363") or hours (e.g. hours = [{ role = '
            '"teaching assistant", hours_per_week = 15, cost_per_weekly_hour = "£610" }]).'
        )
    hours = (
        [_support_hours(item) for item in _array(fields["hours"])]
        if "hours" in fields
        else []
    )
    if "value" not in fields:
        return _build(at, SignOffThreshold.from_hours, hours=hours)
    return _build(at, SignOffThreshold, amount=_money(fields["value"]), hours=hours)


def _support_hours(at: _At) -> SupportHours:
    """Read hours a week of one kind of support and the annual cost of a weekly hour."""
    fields = _table(at, required=("role", "hours_per_week", "cost_per_weekly_hour"))
    return _build(
        at,
        SupportHours,
        role=_text(fields["role"]),
        hours_per_week=fields["hours_per_week"].value,
        cost_per_weekly_hour=_money(fields["cost_per_weekly_hour"]),
    )


def _funding(at: _At) -> FundingPolicy:
    """Read the joint-funding section."""
    fields = _table(at, required=(), optional=("terms", "top_up_bands"))
    terms = fields.get("terms")
    bands = fields.get("top_up_bands")
    return _build(
        at,
        FundingPolicy,
        terms=None if terms is None else _dated(terms, _funding_terms),
        top_up_bands=None if bands is None else _dated(bands, _top_up_bands),
    )


def _top_up_bands(at: _At) -> TopUpBands:
    """Read one dated entry of top-up bands: a table of band names and amounts."""
    fields = _table(at, required=("from", "bands"))
    table = fields["bands"]
    if not isinstance(table.value, dict):
        table.fail(
            f'expected a table such as {{ "Band 1" = "£1,600" }}, found {_found(table.value)}.'
        )
    return _build(
        at,
        TopUpBands,
        bands={
            name: _money(table.child(name, value))
            for name, value in table.value.items()
        },
    )


def _funding_terms(at: _At) -> FundingTerms:
    """Read one dated entry of the joint-funding terms."""
    fields = _table(
        at,
        required=(
            "from",
            "undivided_splits",
            "transport_split",
            "health_contribution_first",
            "education_pays_provision",
            "placement_review_months",
            "element2_threshold",
            "emergency_funding_by_chair",
        ),
        optional=("other_weeks",),
    )
    other = fields.get("other_weeks")
    return _build(
        at,
        FundingTerms,
        undivided_splits=_splits(fields["undivided_splits"]),
        other_weeks=(
            _choice(other, OtherWeeks, "rule for other weeks")
            if other is not None
            else OtherWeeks.REFUSE
        ),
        transport_split=_split(fields["transport_split"]),
        health_contribution_first=_bool(fields["health_contribution_first"]),
        education_pays_provision=_bool(fields["education_pays_provision"]),
        placement_review_months=_int(fields["placement_review_months"]),
        element2_threshold=_money(fields["element2_threshold"]),
        emergency_funding_by_chair=_bool(fields["emergency_funding_by_chair"]),
    )


def _splits(at: _At) -> dict[int, Split]:
    """Read splits keyed by placement weeks per year (TOML keys are text: "52")."""
    if not isinstance(at.value, dict):
        at.fail(
            f"expected a table of splits by placement weeks, found {_found(at.value)}."
        )
    splits = {}
    for name, value in at.value.items():
        item = at.child(name, value)
        if not name.isdigit():
            item.fail(
                f"placement weeks must be a whole number such as 52 or 38, found {name!r}; "
                "write e.g. 52 = { education = 25, social_care = 75 }."
            )
        splits[int(name)] = _split(item)
    return splits


def _split(at: _At) -> Split:
    """Read one split of a cost between education, social care and health."""
    fields = _table(at, required=("education", "social_care"), optional=("health",))
    health = fields.get("health")
    return _build(
        at,
        Split,
        education=_int(fields["education"]),
        social_care=_int(fields["social_care"]),
        health=_int(health) if health is not None else 0,
    )


def _personal_budgets(at: _At) -> PersonalBudgetPolicy:
    """Read the personal-budgets section."""
    fields = _table(
        at,
        required=("first_monitoring_months", "monitoring_interval_months", "reference"),
        optional=("eligibility_rule",),
    )
    rule = fields.get("eligibility_rule")
    return _build(
        at,
        PersonalBudgetPolicy,
        eligibility_rule=(
            _choice(rule, EligibilityRule, "eligibility rule")
            if rule is not None
            else EligibilityRule.ALL_CORE_AND_ONE_ASSESSED
        ),
        first_monitoring_months=_int(fields["first_monitoring_months"]),
        monitoring_interval_months=_int(fields["monitoring_interval_months"]),
        reference=_text(fields["reference"]),
    )


# --- School calendars. ------------------------------------------------------------------


def _school_calendar(at: _At) -> SchoolCalendar:
    """Read a whole school calendar file."""
    fields = _table(at, required=("institution",), optional=("closures",))
    closures = fields.get("closures")
    return _build(
        at,
        SchoolCalendar,
        institution=_text(fields["institution"]),
        closures=(
            [_closure(item) for item in _array(closures)]
            if closures is not None
            else ()
        ),
    )


def _closure(at: _At) -> Closure:
    """Read one closure."""
    fields = _table(at, required=("first_closed_day", "reopens_on"), optional=("name",))
    name = fields.get("name")
    return _build(
        at,
        Closure,
        first_closed_day=_date(fields["first_closed_day"]),
        reopens_on=_date(fields["reopens_on"]),
        name=_text(name) if name is not None else None,
    )
