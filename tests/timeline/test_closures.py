import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.policy import load_school_calendar, loads_school_calendar
from ehcplan.timeline import Closure, SchoolCalendar

# WE-07: term ends Tue 22 Jul 2025; closed Wed 23 Jul to Tue 2 Sep; reopens Wed 3 Sep.
SUMMER = Closure(
    first_closed_day=dt.date(2025, 7, 23),
    reopens_on=dt.date(2025, 9, 3),
    name="summer holiday",
)
HALF_TERM = Closure(
    first_closed_day=dt.date(2025, 10, 27), reopens_on=dt.date(2025, 11, 3)
)
CHRISTMAS = Closure(
    first_closed_day=dt.date(2025, 12, 22), reopens_on=dt.date(2026, 1, 5)
)
SCHOOL = SchoolCalendar(
    institution="URN 100001", closures=(HALF_TERM, SUMMER, CHRISTMAS)
)


def test_we_07_the_summer_closure_qualifies_with_its_window():
    """WE-07: 42 days closed qualifies; the window is Wed 16 Jul to Wed 27 Aug 2025."""
    assert SUMMER.days_closed == 42
    assert SUMMER.qualifies
    assert SUMMER.protected_window == (dt.date(2025, 7, 16), dt.date(2025, 8, 27))


@pytest.mark.parametrize(
    ("requested_on", "expected"),
    [
        (dt.date(2025, 7, 18), SUMMER),  # WE-07: available
        (dt.date(2025, 7, 9), None),  # WE-07: not available
        (dt.date(2025, 7, 15), None),  # the day before the window opens
        (dt.date(2025, 7, 16), SUMMER),  # one week before the first closed day
        (dt.date(2025, 8, 27), SUMMER),  # one week before the reopening
        (dt.date(2025, 8, 28), None),  # the day after the window closes
        (dt.date(2025, 10, 27), None),  # during half-term
        (dt.date(2025, 12, 23), None),  # during the Christmas break
    ],
)
def test_the_closure_ground_is_available_only_inside_a_qualifying_window(
    requested_on, expected
):
    """Statutory reference §3.2: both ends of the window are inclusive."""
    assert SCHOOL.closure_ground_available(requested_on) == expected


@pytest.mark.parametrize(
    ("closure", "days", "qualifies"),
    [
        (HALF_TERM, 7, False),
        (CHRISTMAS, 14, False),
        (SUMMER, 42, True),
        (
            Closure(
                first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 8, 19)
            ),
            27,
            False,
        ),
        (
            Closure(
                first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 8, 20)
            ),
            28,
            True,
        ),
    ],
)
def test_a_closure_qualifies_from_four_weeks(closure, days, qualifies):
    """Half-terms and two-week breaks never qualify; 28 days or more do."""
    assert (closure.days_closed, closure.qualifies) == (days, qualifies)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.integers(1, 120),
    st.dates(min_value=dt.date(1999, 12, 1), max_value=dt.date(2041, 6, 30)),
)
def test_the_ground_is_available_exactly_as_section_3_2_says(first, days, requested):
    """The ground is available if the closure qualifies and the request is in the window."""
    reopens_on = first + dt.timedelta(days=days)
    closure = Closure(first_closed_day=first, reopens_on=reopens_on)
    calendar = SchoolCalendar(institution="URN 100001", closures=[closure])
    week = dt.timedelta(days=7)
    in_window = first - week <= requested <= reopens_on - week

    actual = calendar.closure_ground_available(requested)

    assert actual == (closure if days >= 28 and in_window else None)


def test_a_calendar_with_no_closures_never_has_the_ground():
    """An early years provider open all year gives no closure ground."""
    provider = SchoolCalendar(institution="Ofsted EY123456")

    assert provider.closures == ()
    assert provider.closure_ground_available(dt.date(2025, 8, 1)) is None


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Closure(
                first_closed_day=dt.date(2025, 9, 3), reopens_on=dt.date(2025, 7, 23)
            ),
            r"reopens_on \(2025-07-23\) must be after first_closed_day \(2025-09-03\)",
        ),
        (
            lambda: Closure(
                first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 7, 23)
            ),
            r"reopens_on \(2025-07-23\) must be after first_closed_day",
        ),
        (
            lambda: Closure(
                first_closed_day=dt.datetime(2025, 7, 23, tzinfo=dt.UTC),
                reopens_on=dt.date(2025, 9, 3),
            ),
            "first_closed_day must be a date, not a datetime",
        ),
        (
            lambda: Closure(
                first_closed_day=dt.date(2025, 7, 23), reopens_on="2025-09-03"
            ),
            "reopens_on must be a datetime.date, got str",
        ),
        (
            lambda: attrs.evolve(SUMMER, name=" "),
            "name must be non-blank text or None",
        ),
        (
            lambda: SchoolCalendar(institution=""),
            "institution must be non-blank text naming the school or provider",
        ),
        (
            lambda: SchoolCalendar(institution="URN 100001", closures=["summer"]),
            r"closures\[0\] must be a Closure, got str 'summer'",
        ),
        (
            lambda: SchoolCalendar(
                institution="URN 100001",
                closures=(
                    SUMMER,
                    Closure(
                        first_closed_day=dt.date(2025, 9, 3),
                        reopens_on=dt.date(2025, 9, 10),
                    ),
                ),
            ),
            r"the closure \(closed 2025-09-03, reopening 2025-09-10\) starts before "
            r"summer holiday \(closed 2025-07-23, reopening 2025-09-03\) has reopened",
        ),
        (
            lambda: SCHOOL.closure_ground_available(
                dt.datetime(2025, 7, 18, tzinfo=dt.UTC)
            ),
            "advice_requested_on must be a date, not a datetime",
        ),
    ],
)
def test_impossible_closures_and_calendars_are_refused(make, message):
    """Each mistake gets a message saying what was wrong and what to do."""
    with pytest.raises(InvalidInput, match=message):
        make()


# --- Reading a school calendar file ------------------------------------------------------

WE_07_TOML = """
institution = "URN 100001"

[[closures]]
name = "October half-term"
first_closed_day = 2025-10-27
reopens_on = 2025-11-03

[[closures]]
name = "summer holiday"
first_closed_day = 2025-07-23
reopens_on = 2025-09-03
"""


def test_a_school_calendar_is_read_from_toml():
    """The file's closures become Closures, in the file's order."""
    actual = loads_school_calendar(WE_07_TOML)

    assert actual == SchoolCalendar(
        institution="URN 100001",
        closures=(attrs.evolve(HALF_TERM, name="October half-term"), SUMMER),
    )
    assert actual.closure_ground_available(dt.date(2025, 7, 18)) == SUMMER


def test_a_school_calendar_is_loaded_from_a_file(tmp_path):
    """load_school_calendar reads the file at a path, str or Path."""
    path = tmp_path / "urn-100001.toml"
    path.write_text(WE_07_TOML, encoding="utf-8")

    assert load_school_calendar(path) == loads_school_calendar(WE_07_TOML)
    assert load_school_calendar(str(path)) == loads_school_calendar(WE_07_TOML)


def test_closures_may_be_left_out():
    """A calendar with no [[closures]] has none."""
    actual = loads_school_calendar('institution = "Ofsted EY123456"')

    assert actual.closures == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'institution = "URN 1"\n[[closures]]\nfirst_closed_day = 2025-09-03\n'
            "reopens_on = 2025-07-23",
            r"^cal.toml: closures\[0\].reopens_on: reopens_on \(2025-07-23\) must be after",
        ),
        (
            'institution = "URN 1"\n[[closures]]\nfirst_closed_day = "2025-07-23"\n'
            "reopens_on = 2025-09-03",
            r"^cal.toml: closures\[0\].first_closed_day: expected a TOML date, found the "
            r"text '2025-07-23'; write the date without quotes",
        ),
        (
            'institution = "URN 1"\n[[closures]]\nfirst_closed_day = 2025-07-23\n'
            "reopen_on = 2025-09-03",
            r"^cal.toml: closures\[0\].reopen_on: unknown key 'reopen_on' "
            r"\(did you mean 'reopens_on'\?\)",
        ),
        (
            'institution = "URN 1"\n[[closures]]\nfirst_closed_day = 2025-07-23',
            r"^cal.toml: closures\[0\]: missing required key 'reopens_on'",
        ),
        (
            'institution = "URN 1"\n[[closures]]\nfirst_closed_day = 2025-07-23\n'
            'reopens_on = 2025-09-03\nname = ""',
            r"^cal.toml: closures\[0\].name: expected text, found an empty string",
        ),
        (
            "institution = 100001",
            r"^cal.toml: institution: expected text, found the integer 100001; write it "
            r'in quotes, e.g. "100001"',
        ),
        (
            "closures = []",
            r"^cal.toml: missing required key 'institution'",
        ),
        (
            'institution = "URN 1"\nclosures = "summer"',
            r"^cal.toml: closures: expected an array \[ ... \], found the text 'summer'",
        ),
        (
            'institution = "URN 1"\n'
            "[[closures]]\nfirst_closed_day = 2025-07-23\nreopens_on = 2025-09-03\n"
            "[[closures]]\nfirst_closed_day = 2025-08-01\nreopens_on = 2025-08-04",
            r"^cal.toml: closures: the closure \(closed 2025-08-01, reopening 2025-08-04\) "
            r"starts before the closure \(closed 2025-07-23, reopening 2025-09-03\)",
        ),
        (
            'institution = "URN 1"\n[[closures]\n',
            r"^cal.toml: not valid TOML: .* Fix the syntax there",
        ),
    ],
)
def test_every_problem_in_a_calendar_file_names_its_key(text, message):
    """Errors start with the file and the key path, then say what to do."""
    with pytest.raises(FileFormatError, match=message):
        loads_school_calendar(text, path="cal.toml")


def test_a_missing_calendar_file_says_to_check_the_path(tmp_path):
    """A path that does not exist is a FileFormatError naming it."""
    path = tmp_path / "nowhere.toml"

    with pytest.raises(
        FileFormatError, match=r"nowhere.toml: no such file; check the path"
    ):
        load_school_calendar(path)


def test_a_folder_is_not_a_calendar_file(tmp_path):
    """A path that cannot be read as a file says so."""
    with pytest.raises(
        FileFormatError, match=r"cannot be read \(.*\); pass the path of a TOML"
    ):
        load_school_calendar(tmp_path)


def test_a_calendar_file_must_be_utf_8(tmp_path):
    """A file in another encoding is refused with the byte that failed."""
    path = tmp_path / "latin-1.toml"
    path.write_bytes('institution = "École"'.encode("latin-1"))

    with pytest.raises(
        FileFormatError, match=r"is not UTF-8 text \(byte 15 cannot be decoded\)"
    ):
        load_school_calendar(path)
