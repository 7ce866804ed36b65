"""Policy files changed at random: each loads, or fails with one FileFormatError at its key."""

import datetime as dt
import decimal
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehcplan.errors import FileFormatError
from ehcplan.policy import LocalPolicy, loads_policy

EXAMPLESHIRE = (
    Path(__file__).parents[2]
    / "src"
    / "ehcplan"
    / "policy"
    / "examples"
    / "exampleshire.toml"
)
BASE = tomllib.loads(EXAMPLESHIRE.read_text(encoding="utf-8"))


def _places(value, path=()):
    """Every key path in a parsed TOML document, tables and arrays included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _places(item, (*path, i))


PLACES = [place for place in _places(BASE) if place]


def _containers(inner):
    """Arrays and tables of *inner* values."""
    return st.lists(inner, max_size=3) | st.dictionaries(
        st.text(min_size=1, max_size=8), inner, max_size=3
    )


toml_values = st.recursive(
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "",
            "1e100000000",
            "£99999999999999999999999",
            "Thursday",
            "weekly",
            "monthly",
            "£10,363",
            "2024-09-01",
            "-£5",
        ]
    )
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _replaced(document, place, value):
    """A deep copy of *document* with the value at *place* replaced by *value*."""
    if not place:
        return value
    head, *rest = place
    if not isinstance(document, dict | list):
        return document  # an earlier change replaced the table or array
    if isinstance(document, dict):
        return {
            k: (_replaced(v, tuple(rest), value) if k == head else v)
            for k, v in document.items()
        }
    return [
        _replaced(v, tuple(rest), value) if i == head else v
        for i, v in enumerate(document)
    ]


def _outcome(text):
    """The policy *text* loads as, or the FileFormatError it raises."""
    try:
        return loads_policy(text, path="la.toml")
    except FileFormatError as error:
        return error


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(PLACES), toml_values), min_size=1, max_size=3
    )
)
def test_a_changed_policy_file_loads_or_says_where_it_is_wrong(changes):
    """Random values anywhere in Exampleshire's file: a policy, or one located error."""
    document = BASE
    for place, value in changes:
        document = _replaced(document, place, value)
    result = _outcome(tomli_w.dumps(document))

    if isinstance(result, FileFormatError):
        assert str(result).startswith("la.toml: ")
        assert "invalid value" not in str(result)
        assert result.problem.strip()
    else:
        assert isinstance(result, LocalPolicy)


def test_absurd_numbers_in_a_policy_file_are_refused_at_once():
    """Huge hours, money and whole numbers are refused with their key, never hang."""
    absurd = [
        (
            ("ras", "sign_off_threshold", "values", 0, "hours", 0, "hours_per_week"),
            "1e100000000",
            "hours_per_week must be at most 168, the hours in a week",
        ),
        (
            ("ras", "sign_off_threshold", "values", 0, "hours", 0, "hours_per_week"),
            "1e-100000000",
            "hours_per_week may have at most 4 decimal places",
        ),
        (
            ("funding", "terms", "values", 0, "element2_threshold"),
            "£" + "9" * 5000,
            "the amount in pounds has 5000 digits, more than Money holds",
        ),
    ]
    for place, value, message in absurd:
        result = _outcome(tomli_w.dumps(_replaced(BASE, place, value)))
        assert isinstance(result, FileFormatError), place
        assert message in str(result)


def test_a_number_too_long_for_python_is_a_file_error():
    """A whole number of 5,000 digits in the file is reported, not a stray ValueError."""
    text = EXAMPLESHIRE.read_text(encoding="utf-8") + "\nextra = " + "9" * 5000 + "\n"

    result = _outcome(text)

    assert isinstance(result, FileFormatError)
    assert str(result).startswith("la.toml: not valid TOML here:")


def test_values_that_toml_cannot_write_are_refused_too():
    """Data from elsewhere (None, Decimals) gets the same located errors as TOML's own."""
    from ehcplan.policy.load import _converter
    from ehcplan.structure import structure

    for value in (None, decimal.Decimal("1e100000000"), dt.time(10, 0), object()):
        document = _replaced(BASE, ("personal_budgets", "reference"), value)
        with pytest.raises(FileFormatError) as caught:
            structure(_converter(), document, LocalPolicy, path="la.toml")
        assert caught.value.key == "personal_budgets.reference"
