import datetime as dt

import pytest

import ehcplan
from ehcplan import errors


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (errors.InvalidInput("x"), ValueError),
        (errors.EventRejected("EHC-1", "draft_served", "too early"), ValueError),
        (errors.NotInForce("x", dt.date(2024, 1, 1), dt.date(2025, 1, 1)), LookupError),
        (errors.NotFound("policy", "x", ()), LookupError),
        (errors.FileFormatError("f.csv", "bad"), ValueError),
    ],
)
def test_every_error_is_an_ehcplan_error_and_the_builtin_a_caller_expects(
    error, builtin
):
    """Callers can catch EhcplanError, or the built-in they would naturally catch."""
    assert isinstance(error, ehcplan.EhcplanError)
    assert isinstance(error, builtin)


def test_not_in_force_says_what_when_and_what_to_do():
    """NotInForce keeps its facts as attributes and says how to fix the call."""
    error = errors.NotInForce("Band B top-up", dt.date(2023, 9, 1), dt.date(2024, 4, 1))

    assert (error.what, error.on, error.earliest) == (
        "Band B top-up",
        dt.date(2023, 9, 1),
        dt.date(2024, 4, 1),
    )
    assert str(error) == (
        "Band B top-up is not in force on 2023-09-01; its first value applies from "
        "2024-04-01. Use a later date, or add an earlier value with its source."
    )


def test_not_found_lists_the_known_names():
    """NotFound names what was asked for and what exists."""
    error = errors.NotFound("example policy", "exampelshire", ("exampleshire",))

    assert str(error) == (
        "no example policy is called 'exampelshire'; the known ones are "
        "'exampleshire'. Check the spelling, or pass the path of your own file."
    )
    assert "none" in str(errors.NotFound("panel", "weekly", ()))


def test_file_format_error_puts_the_location_first():
    """The message starts with the file, then the key or row and column."""
    error = errors.FileFormatError("cases.csv", "not a date", row=7, field="StartDate")

    assert str(error) == "cases.csv: row 7: column StartDate: not a date"
    assert (error.path, error.row, error.field, error.key) == (
        "cases.csv",
        7,
        "StartDate",
        None,
    )


def test_event_rejected_keeps_its_facts():
    """EventRejected names the case, the event and the reason."""
    error = errors.EventRejected("EHC-1", "draft_served", "too early")

    assert str(error) == "case EHC-1: cannot record draft_served: too early."
    assert error.field == "events"
