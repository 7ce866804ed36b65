import datetime as dt
import re

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.policy import Dated

BAND_B = Dated(
    "Band B top-up",
    reference="https://example.gov.uk/send/banding",
    history=(
        (dt.date(2025, 4, 1), 3200_00),
        (dt.date(2024, 4, 1), 3100_00),
        (dt.date(2026, 4, 1), 3300_00),
    ),
)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2024, 4, 1), 3100_00),
        (dt.date(2025, 3, 31), 3100_00),
        (dt.date(2025, 4, 1), 3200_00),
        (dt.date(2026, 3, 31), 3200_00),
        (dt.date(2026, 4, 1), 3300_00),
        (dt.date(2099, 1, 1), 3300_00),
        (pendulum.date(2025, 4, 1), 3200_00),
    ],
)
def test_at_returns_the_value_in_force(on, expected):
    """Each value applies from its start date up to the day before the next start."""
    assert BAND_B.at(on) == expected


def test_history_is_sorted_on_construction():
    """Values given out of order are kept in date order."""
    assert BAND_B.starts == (
        dt.date(2024, 4, 1),
        dt.date(2025, 4, 1),
        dt.date(2026, 4, 1),
    )


def test_before_the_first_value_is_not_in_force():
    """Asking before the first start raises NotInForce with a message that says what to do."""
    with pytest.raises(NotInForce) as caught:
        BAND_B.at(dt.date(2023, 9, 1))

    assert str(caught.value) == (
        "Band B top-up is not in force on 2023-09-01; its first value applies from "
        "2024-04-01. Use a later date, or add an earlier value with its source."
    )
    assert (caught.value.what, caught.value.on, caught.value.earliest) == (
        "Band B top-up",
        dt.date(2023, 9, 1),
        dt.date(2024, 4, 1),
    )


def test_at_refuses_a_datetime():
    """A time of day has no meaning for a dated value, so a datetime is refused."""
    with pytest.raises(InvalidInput, match="on must be a date, not a datetime"):
        BAND_B.at(dt.datetime(2025, 1, 1, 9, 30, tzinfo=dt.UTC))


def test_start_dates_become_plain_dates():
    """A pendulum date as a start is stored as a plain datetime.date."""
    dated = Dated.constant("x", 1, reference="r", since=pendulum.date(2024, 4, 1))

    assert type(dated.starts[0]) is dt.date


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ((), "Threshold has no values; give at least one (start date, value) pair"),
        (
            ((dt.date(2024, 4, 1), 1), (dt.date(2024, 4, 1), 2)),
            "Threshold has two values starting on 2024-04-01; each date may start only "
            "one value. Remove one, or change its date.",
        ),
        (
            ((dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC), 1),),
            "history start date must be a date, not a datetime",
        ),
    ],
    ids=["empty", "repeated start", "datetime start"],
)
def test_bad_histories_are_refused(history, message):
    """An empty history, a repeated start date or a datetime start is refused."""
    with pytest.raises(InvalidInput, match=re.escape(message)) as caught:
        Dated("Threshold", reference="r", history=history)

    assert caught.value.field in {"history", "history start date"}


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_dated_value_needs_a_name(name):
    """The name is used in messages, so it cannot be blank."""
    with pytest.raises(InvalidInput, match="a dated value needs a name"):
        Dated(name, reference="r", history=((dt.date(2024, 4, 1), 1),))


def test_constant_applies_from_its_start_onwards():
    """A constant has one value, from *since* onwards."""
    dated = Dated.constant(
        "Review months", 6, reference="8.1 para 4.4", since=dt.date(2014, 9, 1)
    )

    assert (6, ((dt.date(2014, 9, 1), 6),)) == (
        dated.at(dt.date(2030, 1, 1)),
        dated.history,
    )


@pytest.mark.parametrize(
    ("from_", "value", "expected_history"),
    [
        (
            dt.date(2025, 9, 1),
            1,
            (
                (dt.date(2024, 4, 1), 3100_00),
                (dt.date(2025, 4, 1), 3200_00),
                (dt.date(2025, 9, 1), 1),
                (dt.date(2026, 4, 1), 3300_00),
            ),
        ),
        (
            dt.date(2025, 4, 1),
            1,
            (
                (dt.date(2024, 4, 1), 3100_00),
                (dt.date(2025, 4, 1), 1),
                (dt.date(2026, 4, 1), 3300_00),
            ),
        ),
        (
            dt.date(2020, 1, 1),
            1,
            (
                (dt.date(2020, 1, 1), 1),
                (dt.date(2024, 4, 1), 3100_00),
                (dt.date(2025, 4, 1), 3200_00),
                (dt.date(2026, 4, 1), 3300_00),
            ),
        ),
    ],
)
def test_changed_adds_or_replaces_a_value(from_, value, expected_history):
    """changed() inserts a value from a date, replacing one that starts the same day."""
    assert BAND_B.changed(from_, value).history == expected_history


def test_changed_leaves_the_original_alone():
    """A what-if never edits the value it started from."""
    before = BAND_B.history

    BAND_B.changed(dt.date(2025, 4, 1), 0)

    assert BAND_B.history == before


def test_evolve_keeps_validation():
    """attrs.evolve on a Dated runs the same checks as construction."""
    with pytest.raises(InvalidInput, match="has no values"):
        attrs.evolve(BAND_B, history=())


@given(
    history=st.dictionaries(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
        st.integers(),
        min_size=1,
        max_size=20,
    ),
    data=st.data(),
)
def test_at_is_the_latest_start_on_or_before_the_date(history, data):
    """For any history and any date from the first start, at() is the latest start's value."""
    dated = Dated("Any", reference="r", history=list(history.items()))
    on = data.draw(st.dates(min_value=min(history), max_value=dt.date(2101, 1, 1)))

    latest = max(start for start in history if start <= on)

    assert dated.at(on) == history[latest]
