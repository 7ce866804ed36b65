"""The strict converter: no coercion, key paths on every error, nested errors passed through."""

from __future__ import annotations

import datetime as dt
import decimal
import enum

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import EhcplanError, FileFormatError, InvalidInput
from ehcplan.money import Money
from ehcplan.policy import LocalPolicy, loads_policy
from ehcplan.structure import (
    Problem,
    at,
    check_table,
    converter,
    structure,
    structure_table,
)
from ehcplan.validators import at_least, text


class Kind(enum.Enum):
    """A small enum, as policy files write choices."""

    HOME = "home to school"
    RESIDENTIAL = "residential"


@attrs.frozen(kw_only=True)
class Leg:
    """A nested value whose validator refuses a bad field deep inside a file."""

    weeks: int = attrs.field(validator=at_least(1))
    note: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        """Refuse a leg with a note but no weeks worth noting (a constructor check)."""
        if self.note == "none":
            msg = "a note of 'none' means no note; leave it out."
            raise InvalidInput(msg, field="note")


@attrs.frozen(kw_only=True)
class Journey:
    """A value with every kind of field the converter reads."""

    name: str = attrs.field(validator=text)
    kind: Kind
    on: dt.date
    cost: Money
    hours: decimal.Decimal
    shared: bool
    legs: tuple[Leg, ...]
    tags: frozenset[Kind] = frozenset()
    share: float = 0.5


GOOD = {
    "name": "School run",
    "kind": "Home to School",
    "on": dt.date(2025, 9, 1),
    "cost": "£1,250.50",
    "hours": "2.5",
    "shared": False,
    "legs": [{"weeks": 38}, {"weeks": 14, "note": "summer"}],
    "tags": ["residential"],
}

TOML = converter(dates="toml")
ISO = converter(dates="iso")


def located(data, kind=Journey, conv=TOML):
    """The (key, message) of the FileFormatError that structuring *data* raises."""
    with pytest.raises(FileFormatError) as caught:
        structure(conv, data, kind, path="trip.toml")
    error = caught.value
    assert error.path == "trip.toml"
    return error.key, error.problem


def test_a_good_table_is_read_exactly():
    """Every field comes out as its own type: the enum, date, Money, Decimal and tuples."""
    journey = structure(TOML, GOOD, Journey)

    assert journey == Journey(
        name="School run",
        kind=Kind.HOME,
        on=dt.date(2025, 9, 1),
        cost=Money(125050),
        hours=decimal.Decimal("2.5"),
        shared=False,
        legs=(Leg(weeks=38), Leg(weeks=14, note="summer")),
        tags=frozenset({Kind.RESIDENTIAL}),
    )


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        (
            {"shared": "false"},
            "shared",
            "expected true or false (unquoted), found the text 'false'.",
        ),
        (
            {"shared": 0},
            "shared",
            "expected true or false (unquoted), found the integer 0.",
        ),
        (
            {"legs": [{"weeks": "12"}]},
            "legs[0].weeks",
            "expected a whole number, found the text '12'.",
        ),
        (
            {"legs": [{"weeks": True}]},
            "legs[0].weeks",
            "expected a whole number, found the boolean true.",
        ),
        (
            {"name": 12},
            "name",
            'expected text, found the integer 12; write it in quotes, e.g. "12".',
        ),
        (
            {"cost": 1250},
            "cost",
            "found the integer 1250, but money is written as text in pounds",
        ),
        (
            {"cost": 12.5},
            "cost",
            "found the float 12.5, but money is never a float",
        ),
        (
            {"on": "2025-09-01"},
            "on",
            "expected a TOML date, found the text '2025-09-01'",
        ),
        (
            {"kind": "car"},
            "kind",
            "unknown kind 'car'; expected one of 'home to school', 'residential'.",
        ),
        (
            {"kind": 1},
            "kind",
            "expected the kind as text, one of 'home to school', 'residential'",
        ),
        (
            {"tags": "residential"},
            "tags",
            "expected an array [ ... ], found the text 'residential'.",
        ),
        (
            {"tags": ["residental"]},
            "tags[0]",
            "unknown kind 'residental' (did you mean 'residential'?)",
        ),
        (
            {"hours": 2.5},
            "hours",
            'expected an exact number, a whole number or text such as "2.5"',
        ),
        (
            {"hours": "1e100000000x"},
            "hours",
            "expected an exact number",
        ),
        (
            {"share": "half"},
            "share",
            "expected a number, found the text 'half'.",
        ),
        (
            {"legs": [{"weeks": 38}, {"weeks": 0}]},
            "legs[1].weeks",
            "weeks must be a whole number of at least 1, got 0.",
        ),
        (
            {"legs": [{"weeks": 3, "note": "none"}]},
            "legs[0].note",
            "a note of 'none' means no note; leave it out.",
        ),
        (
            {"legs": [{"weeks": 3, "notes": "x"}]},
            "legs[0].notes",
            "unknown key 'notes' (did you mean 'note'?); the keys "
            "allowed here are 'weeks', 'note'.",
        ),
        (
            {"legs": [{}]},
            "legs[0]",
            "missing required key 'weeks'; this table needs 'weeks'. Add 'weeks'.",
        ),
        (
            {"legs": [5]},
            "legs[0]",
            "expected a table, found the integer 5.",
        ),
        (
            {"name": "  "},
            "name",
            "expected text, found an empty string; write what it should say.",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_key(change, key, message):
    """No value is coerced; each problem is a FileFormatError at its key path, message kept."""
    actual_key, problem = located({**GOOD, **change})

    assert (actual_key, problem[: len(message)]) == (key, message)


def test_an_unknown_top_level_key_is_named_with_the_allowed_keys():
    """An unknown key is refused at its own key, listing required then optional keys."""
    key, problem = located({**GOOD, "cots": "£1"})

    assert (key, problem) == (
        "cots",
        "unknown key 'cots' (did you mean 'cost'?); the keys allowed here are 'name', "
        "'kind', 'on', 'cost', 'hours', 'shared', 'legs', 'tags', 'share'. Check the "
        "spelling, or remove the key.",
    )


def test_iso_dates_for_json():
    """With dates="iso", dates are ISO text; a TOML date or other text is refused."""
    assert structure(ISO, "2024-02-29", dt.date) == dt.date(2024, 2, 29)
    for bad, found in [
        (dt.date(2024, 2, 29), "the date 2024-02-29"),
        ("29/02/2024", "the text '29/02/2024'"),
        ("2024-02-30", "the text '2024-02-30'"),
        ("2024-W09", "the text '2024-W09'"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            structure(ISO, bad, dt.date, key="case.received_on")
        assert str(caught.value).startswith("case.received_on: expected a date as text")
        assert found in str(caught.value)
        assert caught.value.field == "case.received_on"


def test_data_from_elsewhere_gets_invalid_input_with_its_key_path():
    """Without a path, the error is InvalidInput whose message and field start at the key."""
    with pytest.raises(InvalidInput) as caught:
        structure(
            ISO,
            {**GOOD, "on": "2025-09-01", "legs": [{"weeks": 0}]},
            Journey,
            key="trip",
        )

    assert not isinstance(caught.value, FileFormatError)
    assert caught.value.field == "trip.legs[0].weeks"
    assert str(caught.value) == (
        "trip.legs[0].weeks: weeks must be a whole number of at least 1, got 0."
    )


def test_a_hook_places_its_problem_deeper_with_at():
    """A reader's own hook raises Problem, placed below its value with `at`."""
    conv = converter(dates="toml")

    def bands(value, _kind):
        table = check_table(value, required=(), optional=tuple(value))
        for name, amount in table.items():
            if not isinstance(amount, str):
                raise at(Problem(f"expected money, found {amount!r}."), name)
        return dict(table)

    conv.register_structure_hook(dict, bands)

    with pytest.raises(FileFormatError) as caught:
        structure(conv, {"Band 1": "£1", "Band 2": 2}, dict, path="la.toml")

    assert str(caught.value) == "la.toml: Band 2: expected money, found 2."


def test_structure_table_reads_keys_the_caller_owns():
    """Keys in `also` are required and listed first, and not passed to the class."""
    leg = structure_table(
        TOML, {"from": dt.date(2025, 1, 1), "weeks": 4}, Leg, also=["from"]
    )
    assert leg == Leg(weeks=4)

    with pytest.raises(Problem) as caught:
        structure_table(TOML, {"weeks": 4}, Leg, also=["from"])
    assert str(caught.value) == (
        "missing required key 'from'; this table needs 'from', 'weeks'. Add 'from'."
    )


def test_a_converter_not_made_here_is_refused():
    """structure_table needs a converter from `converter`, and says so."""
    import cattrs

    with pytest.raises(
        InvalidInput, match="was not made by ehcplan.structure.converter"
    ):
        structure_table(cattrs.Converter(), {"weeks": 1}, Leg)


def test_an_unexpected_failure_is_described_not_hidden():
    """A hook failing with a plain Python error is reported with its type, at its key."""
    conv = converter(dates="toml")

    def explode(value, _kind):
        msg = "division by zero"
        raise ZeroDivisionError(msg)

    conv.register_structure_hook(complex, explode)

    with pytest.raises(FileFormatError) as caught:
        structure(conv, 1, complex, path="x.toml")

    assert "invalid value" not in str(caught.value)
    assert str(caught.value).startswith(
        "x.toml: cannot be read (ZeroDivisionError: division by zero)"
    )


def _containers(inner):
    """Arrays and tables of *inner* values, with keys the Journey and its legs use."""
    keys = st.sampled_from([*sorted(GOOD), "weeks", "note", "x"])
    return st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6)


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.dates(),
    _containers,
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    changes=st.dictionaries(
        st.sampled_from(sorted(GOOD) + ["extra"]), values, max_size=4
    )
)
def test_any_table_either_reads_or_fails_with_one_located_error(changes):
    """Whatever the values, the result is a Journey or a FileFormatError naming the file."""
    result = _outcome({**GOOD, **changes})
    if isinstance(result, FileFormatError):
        assert str(result).startswith("trip.toml: ")
        assert isinstance(result, EhcplanError)
        assert "invalid value" not in str(result)
    else:
        assert isinstance(result, Journey)


def _outcome(data):
    """The Journey read from *data*, or the FileFormatError reading it raised."""
    try:
        return structure(TOML, data, Journey, path="trip.toml")
    except FileFormatError as error:
        return error


@attrs.frozen
class Scenario:
    """A value naming another file, as a scenario names its policy."""

    policy: LocalPolicy


def test_an_error_in_a_file_named_by_a_key_keeps_its_own_file_and_key():
    """A policy file a scenario names, if bad, is reported with both files' key paths."""
    conv = converter(dates="toml")
    conv.register_structure_hook(
        LocalPolicy, lambda text, _kind: loads_policy(text, path="la.toml")
    )
    bad_policy = (
        'code = "999"\nname = "X"\nsource = "Y"\n[personal_budgets]\nrefrence = "Z"'
    )

    with pytest.raises(FileFormatError) as caught:
        structure(conv, {"policy": bad_policy}, Scenario, path="scenario.toml")

    assert (caught.value.path, caught.value.key) == ("scenario.toml", "policy")
    assert str(caught.value).startswith(
        "scenario.toml: policy: la.toml: personal_budgets.refrence: unknown key "
        "'refrence' (did you mean 'reference'?)"
    )


def test_data_a_program_wrote_matches_enum_words_exactly_and_may_have_blank_text():
    """For JSON: ignore_case=False refuses 'Residential'; blank_text=True keeps ''."""
    exact = converter(dates="iso", ignore_case=False, blank_text=True)

    assert structure(exact, "residential", Kind) is Kind.RESIDENTIAL
    assert structure(exact, "", str) == ""
    with pytest.raises(InvalidInput, match="unknown kind 'Residential'"):
        structure(exact, "Residential", Kind)
