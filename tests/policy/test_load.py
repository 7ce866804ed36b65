import datetime as dt
import importlib.resources
import pathlib

import attrs
import pytest

from ehcplan.errors import FileFormatError, NotFound, NotInForce
from ehcplan.money import Money
from ehcplan.policy import (
    AgeVersion,
    Bands,
    BankHolidayRule,
    Cadence,
    EligibilityRule,
    LocalPolicy,
    OtherWeeks,
    PanelRemit,
    PerPoint,
    SignOffThreshold,
    SimilarCases,
    Split,
    example_policies,
    load_policy,
    loads_policy,
)

EXAMPLES = importlib.resources.files("ehcplan.policy").joinpath("examples")


@pytest.mark.parametrize("name", example_policies())
def test_every_shipped_example_loads(name):
    """Each example file loads into a LocalPolicy, by name and by path alike."""
    by_name = load_policy(name)
    by_path = load_policy(pathlib.Path(str(EXAMPLES.joinpath(f"{name}.toml"))))

    assert isinstance(by_name, LocalPolicy)
    assert by_name == by_path


@pytest.mark.parametrize("name", example_policies())
def test_every_example_opens_by_naming_its_source(name):
    """Each example file starts with comments saying where its figures come from."""
    text = EXAMPLES.joinpath(f"{name}.toml").read_text(encoding="utf-8")

    assert text.startswith("# ")
    assert "illustrative" in text.lower()


def test_the_examples_are_the_shipped_files():
    """example_policies() lists the shipped files, sorted."""
    assert example_policies() == (
        "devon-mainstream-top-ups",
        "england-average",
        "exampleshire",
        "gloucestershire-ras-2017",
        "london-jointly-funded-placements",
    )


EXAMPLESHIRE = load_policy("exampleshire")
GLOUCESTERSHIRE = load_policy("gloucestershire-ras-2017")
LONDON = load_policy("london-jointly-funded-placements")
DAY = dt.date(2025, 1, 6)


def terms(policy, panel_id, on=DAY):
    """The terms of one panel of *policy* in force on *on*."""
    return policy.panel(panel_id).terms.at(on)


def funding(policy, on=DAY):
    """The joint-funding terms of *policy* in force on *on*."""
    return policy.funding.terms.at(on)


def conversion(policy, on=DAY):
    """The RAS conversion of *policy* in force on *on*."""
    return policy.ras.conversion.at(on)


FACTS = [
    # (id, what to look up, expected)
    ("exampleshire code", lambda: EXAMPLESHIRE.code, "999"),
    ("exampleshire rap weekday", lambda: terms(EXAMPLESHIRE, "rap").weekday, 3),
    (
        "exampleshire rap 2024/25",
        lambda: terms(EXAMPLESHIRE, "rap").cases_per_meeting,
        12,
    ),
    (
        "exampleshire rap 2025/26",
        lambda: terms(EXAMPLESHIRE, "rap", dt.date(2025, 9, 1)).cases_per_meeting,
        15,
    ),
    ("exampleshire atr week", lambda: terms(EXAMPLESHIRE, "atr").week_of_month, 2),
    (
        "exampleshire atr calendar",
        lambda: EXAMPLESHIRE.panel("atr").published_meetings[3::8],
        (dt.date(2024, 12, 10),),
    ),
    (
        "exampleshire age versions",
        lambda: [scheme.age_version for scheme in EXAMPLESHIRE.ras.schemes],
        list(AgeVersion),
    ),
    (
        "exampleshire ten outcomes",
        lambda: [len(scheme.outcomes) for scheme in EXAMPLESHIRE.ras.schemes],
        [10, 10, 10],
    ),
    (
        "exampleshire outcome 1",
        lambda: {scheme.outcomes[0].name for scheme in EXAMPLESHIRE.ras.schemes},
        {"Behaviours enable them and others to learn"},
    ),
    (
        "exampleshire per point",
        lambda: conversion(EXAMPLESHIRE, dt.date(2025, 3, 31)),
        PerPoint(per_point=Money.parse("£150")),
    ),
    (
        "exampleshire bands",
        lambda: type(conversion(EXAMPLESHIRE, dt.date(2025, 4, 1))),
        Bands,
    ),
    (
        "exampleshire threshold",
        lambda: EXAMPLESHIRE.ras.sign_off_threshold.at(DAY).amount,
        Money.parse("£10,363"),
    ),
    (
        "exampleshire budgets",
        lambda: attrs.astuple(EXAMPLESHIRE.personal_budgets)[:3],
        (EligibilityRule.ALL_CORE_AND_ONE_ASSESSED, 3, 12),
    ),
    ("gloucestershire code", lambda: GLOUCESTERSHIRE.code, "916"),
    (
        "gloucestershire no other sections",
        lambda: (GLOUCESTERSHIRE.funding, GLOUCESTERSHIRE.personal_budgets),
        (None, None),
    ),
    (
        "gloucestershire weekly panel",
        lambda: terms(GLOUCESTERSHIRE, "send-resource-panel").cadence,
        Cadence.WEEKLY,
    ),
    (
        "gloucestershire threshold",
        lambda: GLOUCESTERSHIRE.ras.sign_off_threshold.history,
        ((dt.date(2017, 9, 1), SignOffThreshold(amount=Money.parse("£10,363"))),),
    ),
    (
        "gloucestershire similar cases",
        lambda: conversion(GLOUCESTERSHIRE),
        SimilarCases(k=5, statistic="median"),
    ),
    (
        "gloucestershire outcomes",
        lambda: len(GLOUCESTERSHIRE.ras.schemes[0].outcomes),
        10,
    ),
    (
        "london no other sections",
        lambda: (LONDON.ras, LONDON.personal_budgets),
        (None, None),
    ),
    (
        "london panel",
        lambda: attrs.astuple(terms(LONDON, "atr-sen"), recurse=False)[:7],
        (Cadence.MONTHLY, 1, 2, None, 10, 7, 7),
    ),
    (
        "london remit",
        lambda: terms(LONDON, "atr-sen").decides,
        {PanelRemit.JOINT_FUNDING, PanelRemit.PLACEMENT, PanelRemit.FUNDING},
    ),
    (
        "london splits",
        lambda: dict(funding(LONDON).undivided_splits),
        {
            38: Split(education=50, social_care=50),
            52: Split(education=25, social_care=75),
        },
    ),
    (
        "london other terms",
        lambda: attrs.astuple(funding(LONDON), recurse=False)[1:],
        (
            OtherWeeks.REFUSE,
            Split(education=50, social_care=50),
            True,
            True,
            6,
            Money.parse("£6,000"),
            True,
        ),
    ),
]


@pytest.mark.parametrize(
    ("actual", "expected"),
    [case[1:] for case in FACTS],
    ids=[case[0] for case in FACTS],
)
def test_examples_hold_the_figures_of_their_sources(actual, expected):
    """The examples carry the seed figures (and the illustrations) they document."""
    assert actual() == expected


def test_the_gloucestershire_threshold_starts_in_september_2017():
    """Before the RAS took effect its threshold is not in force."""
    with pytest.raises(
        NotInForce,
        match="Gloucestershire RAS sign-off threshold .* is not in force on 2017-08-31",
    ):
        GLOUCESTERSHIRE.ras.sign_off_threshold.at(dt.date(2017, 8, 31))


EXAMPLESHIRE_THRESHOLD = Money.parse("£10,363")


def test_a_what_if_leaves_the_loaded_policy_unchanged():
    """attrs.evolve builds a changed policy (a higher threshold); the original keeps its value."""
    april = dt.date(2025, 4, 1)
    higher = SignOffThreshold(amount=Money.parse("£12,000"))
    threshold = EXAMPLESHIRE.ras.sign_off_threshold.changed(april, higher)

    generous = attrs.evolve(
        EXAMPLESHIRE, ras=attrs.evolve(EXAMPLESHIRE.ras, sign_off_threshold=threshold)
    )

    assert generous.ras.sign_off_threshold.at(april) == higher
    assert (
        generous.ras.sign_off_threshold.at(april - dt.timedelta(1)).amount
        == EXAMPLESHIRE_THRESHOLD
    )
    assert (
        EXAMPLESHIRE.ras.sign_off_threshold.at(april).amount == EXAMPLESHIRE_THRESHOLD
    )
    assert load_policy("exampleshire") == EXAMPLESHIRE


def test_a_what_if_on_panel_capacity():
    """A what-if can change one panel's terms from a date, leaving the other panel alone."""
    rap = EXAMPLESHIRE.panel("rap")
    january = dt.date(2025, 1, 6)
    busier = rap.terms.changed(
        january, attrs.evolve(rap.terms.at(january), cases_per_meeting=20)
    )

    changed = attrs.evolve(
        EXAMPLESHIRE,
        panels=[attrs.evolve(rap, terms=busier), EXAMPLESHIRE.panel("atr")],
    )

    assert changed.panel("rap").terms.at(dt.date(2025, 2, 1)).cases_per_meeting == 20
    assert rap.terms.at(dt.date(2025, 2, 1)).cases_per_meeting == 12
    assert changed.panel("rap").terms.at(dt.date(2025, 9, 1)).cases_per_meeting == 15
    assert changed.panel("atr") == EXAMPLESHIRE.panel("atr")


# --- Files that cannot be read. -------------------------------------------------------


def test_an_unknown_example_name_is_not_found():
    """A bare name that is neither an example nor a file names the examples."""
    with pytest.raises(NotFound) as caught:
        load_policy("examplshire")

    assert str(caught.value) == (
        "no example policy is called 'examplshire'; the known ones are 'devon-mainstream-top-ups', "
        "'england-average', "
        "'exampleshire', 'gloucestershire-ras-2017', 'london-jointly-funded-placements'. "
        "Check the "
        "spelling, or pass the path of your own file."
    )


@pytest.mark.parametrize(
    "source", ["missing.toml", "data/missing", "data/missing.toml"]
)
def test_a_missing_file_is_a_file_format_error(source, tmp_path, monkeypatch):
    """A path (with a folder or .toml) that does not exist says so and lists the examples."""
    monkeypatch.chdir(tmp_path)

    with pytest.raises(FileFormatError) as caught:
        load_policy(source)

    assert str(caught.value) == (
        f"{source}: no such file; check the path and the current folder, or load a "
        "shipped example by name ('devon-mainstream-top-ups', 'england-average', 'exampleshire', "
        "'gloucestershire-ras-2017', 'london-jointly-funded-placements')."
    )


def test_a_bare_name_that_is_a_file_is_read(tmp_path, monkeypatch):
    """A name without folder or suffix is still a path when the file exists."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").write_text(
        'code = "1"\nname = "Mine"\nsource = "Me."\n', encoding="utf-8"
    )

    assert load_policy("mine").name == "Mine"


def test_a_folder_cannot_be_read(tmp_path):
    """A folder given as a policy file is reported with the system's reason."""
    with pytest.raises(
        FileFormatError, match="cannot be read .*; pass the path of a TOML file"
    ):
        load_policy(tmp_path)


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    """Bytes that are not UTF-8 are reported with where they are and what to do."""
    path = tmp_path / "latin1.toml"
    path.write_bytes('code = "999"\nname = "Caf\u00e9"\n'.encode("latin-1"))

    with pytest.raises(FileFormatError) as caught:
        load_policy(path)

    assert str(caught.value) == (
        f"{path}: is not UTF-8 text (byte 24 cannot be decoded); "
        "save the file as UTF-8, as TOML requires."
    )


def test_a_path_object_is_read(tmp_path):
    """load_policy takes any os.PathLike, and names the file in its errors."""
    path = tmp_path / "la.toml"
    path.write_text('code = "999"\nname = "X"\n', encoding="utf-8")

    with pytest.raises(FileFormatError) as caught:
        load_policy(path)

    assert (caught.value.path, caught.value.key) == (str(path), None)


# --- Every problem inside a file, with its key path and message. ----------------------

BASE = """\
code = "999"
name = "Testshire"
source = "Tests."
personal_budgets = { first_monitoring_months = 3, monitoring_interval_months = 12, reference = "t" }

[[panels]]
id = "rap"
kind = "resource allocation"
name = "Resource Allocation Panel"
published_meetings = [2024-09-12]

[panels.terms]
description = "RAP terms"
reference = "test"

[[panels.terms.values]]
from = 2024-09-01
cadence = "weekly"
weekday = "Thursday"
first_meeting = 2024-09-05
cases_per_meeting = 12
referral_cutoff_days = 5
decision_record_days = 5
decides = ["funding"]

[ras]

[[ras.schemes]]
id = "s"
age_version = "6-16"
version = "1.0"
outcomes = [
  { id = "1", name = "Behaviours", description = "d", points = { low = 1, medium = 2, high = 3 } },
]

[ras.conversion]
description = "Conversion"
reference = "test"

[[ras.conversion.values]]
from = 2024-04-01
kind = "bands"
bands = [{ min_points = 0, max_points = 9, amount = "£0" }, { min_points = 10, amount = "£1,000" }]

[ras.sign_off_threshold]
description = "Threshold"
reference = "test"
values = [{ from = 2024-04-01, value = "£10,363" }]

[funding.terms]
description = "Funding"
reference = "test"

[[funding.terms.values]]
from = 2024-04-01
undivided_splits = { 52 = { education = 25, social_care = 75 } }
transport_split = { education = 50, social_care = 50 }
health_contribution_first = true
education_pays_provision = true
placement_review_months = 6
element2_threshold = "£6,000"
emergency_funding_by_chair = true
"""

PERSONAL_BUDGETS = (
    "personal_budgets = { first_monitoring_months = 3, monitoring_interval_months = 12, "
    'reference = "t" }'
)
TERMS = "panels[0].terms.values[0]"
CONVERSION = "ras.conversion.values[0]"
THRESHOLD = "ras.sign_off_threshold.values[0]"
FUNDING = "funding.terms.values[0]"
OUTCOME = "ras.schemes[0].outcomes[0]"

PROBLEMS = [
    # (id, text to replace, replacement, key path, message after the key path)
    (
        "syntax",
        'code = "999"',
        'code = "999',
        None,
        "not valid TOML: Illegal character '\\n' (at line 1, column 12). Fix the syntax "
        "there; the format is described at https://toml.io/en/v1.0.0.",
    ),
    (
        "inline table over lines",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ from = 2024-04-01,\n value = "£10,363" }]',
        None,
        "not valid TOML: Invalid initial character for a key part (at line 48, column 31)",
    ),
    (
        "threshold with neither value nor hours",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        "values = [{ from = 2024-04-01 }]",
        THRESHOLD,
        'needs value (e.g. value = "£10,363") or hours',
    ),
    (
        "threshold hours that do not add up",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ from = 2024-04-01, value = "£10,363", hours = [{ role = "TA", '
        'hours_per_week = 15, cost_per_weekly_hour = "£600" }] }]',
        THRESHOLD,
        "the threshold £10,363.00 does not equal the hours it is given as "
        "(15 h a week TA (£9,000.00) = £9,000.00)",
    ),
    (
        "threshold hours not a number",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ from = 2024-04-01, hours = [{ role = "TA", '
        'hours_per_week = "lots", cost_per_weekly_hour = "£600" }] }]',
        THRESHOLD + ".hours[0].hours_per_week",
        'hours_per_week must be a number of hours such as 15 or "2.5"',
    ),
    (
        "threshold hours missing a cost",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ from = 2024-04-01, hours = [{ role = "TA", hours_per_week = 15 }] }]',
        THRESHOLD + ".hours[0]",
        "missing required key 'cost_per_weekly_hour'",
    ),
    (
        "unknown bank holiday rule",
        "first_meeting = 2024-09-05",
        'first_meeting = 2024-09-05\non_bank_holiday = "move"',
        TERMS + ".on_bank_holiday",
        "unknown bank holiday rule 'move'",
    ),
    (
        "missing key",
        'source = "Tests."\n',
        "",
        None,
        "missing required key 'source'; this table needs 'code', 'name', 'source'. "
        "Add 'source'.",
    ),
    (
        "unknown key",
        'source = "Tests."',
        'sorce = "Tests."',
        "sorce",
        "unknown key 'sorce' (did you mean 'source'?); the keys allowed here are 'code', "
        "'name', 'source', 'panels', 'ras', 'funding', 'personal_budgets'. Check the "
        "spelling, or remove the key.",
    ),
    (
        "unknown key without a near match",
        "monitoring_interval_months = 12",
        'monitoring_interval_months = 12, budget_holder = "school"',
        "personal_budgets.budget_holder",
        "unknown key 'budget_holder'; the keys allowed here are "
        "'first_monitoring_months', 'monitoring_interval_months', 'reference', "
        "'eligibility_rule'. Check the spelling, or remove the key.",
    ),
    (
        "nested unknown key",
        'cadence = "weekly"',
        'cadance = "weekly"',
        f"{TERMS}.cadance",
        "unknown key 'cadance' (did you mean 'cadence'?)",
    ),
    (
        "points for none",
        "points = { low = 1,",
        "points = { none = 0, low = 1,",
        f"{OUTCOME}.points.none",
        "unknown key 'none'; the keys allowed here are 'low', 'medium', 'high'.",
    ),
    (
        "key of another kind",
        'kind = "bands"',
        'kind = "bands"\nk = 5',
        f"{CONVERSION}.k",
        "unknown key 'k'; the keys allowed here are 'from', 'kind', 'bands'.",
    ),
    (
        "code as a number",
        'code = "999"',
        "code = 999",
        "code",
        'expected text, found the integer 999; write it in quotes, e.g. "999".',
    ),
    (
        "version as a float",
        'version = "1.0"',
        "version = 1.0",
        "ras.schemes[0].version",
        'expected text, found the float 1.0; write it in quotes, e.g. "1.0".',
    ),
    (
        "text as a date",
        'name = "Testshire"',
        "name = 2024-09-01",
        "name",
        "expected text, found the date 2024-09-01.",
    ),
    (
        "text as a table",
        'code = "999"',
        "code = { number = 999 }",
        "code",
        "expected text, found a table.",
    ),
    (
        "text as a boolean",
        'version = "1.0"',
        "version = true",
        "ras.schemes[0].version",
        "expected text, found the boolean true.",
    ),
    (
        "text as an array",
        'id = "rap"',
        'id = ["rap"]',
        "panels[0].id",
        "expected text, found an array of 1 item.",
    ),
    (
        "blank text",
        'name = "Testshire"',
        'name = "  "',
        "name",
        "expected text, found an empty string; write what it should say.",
    ),
    (
        "whole number as text",
        "cases_per_meeting = 12",
        'cases_per_meeting = "12"',
        f"{TERMS}.cases_per_meeting",
        "expected a whole number, found the text '12'.",
    ),
    (
        "boolean as text",
        "health_contribution_first = true",
        'health_contribution_first = "yes"',
        f"{FUNDING}.health_contribution_first",
        "expected true or false (unquoted), found the text 'yes'.",
    ),
    (
        "section as a number",
        PERSONAL_BUDGETS,
        "personal_budgets = 5",
        "personal_budgets",
        "expected a table, found the integer 5.",
    ),
    (
        "section as an array",
        PERSONAL_BUDGETS,
        "personal_budgets = [1, 2]",
        "personal_budgets",
        "expected a table, found an array of 2 items.",
    ),
    (
        "array as text",
        'decides = ["funding"]',
        'decides = "funding"',
        f"{TERMS}.decides",
        "expected an array [ ... ], found the text 'funding'.",
    ),
    (
        "bad choice",
        'cadence = "weekly"',
        'cadence = "weakly"',
        f"{TERMS}.cadence",
        "unknown cadence 'weakly' (did you mean 'weekly'?); expected one of 'weekly', "
        "'fortnightly', 'monthly'.",
    ),
    (
        "choice ignores case",
        'kind = "resource allocation"',
        'kind = "Resource Allocation"\nbad = 1',
        "panels[0].bad",
        "unknown key 'bad'",
    ),
    (
        "choice not text",
        'kind = "resource allocation"',
        "kind = 3",
        "panels[0].kind",
        "expected the panel kind as text, one of 'resource allocation', 'multi-agency', "
        "'access to resources'; found the integer 3.",
    ),
    (
        "bad remit",
        'decides = ["funding"]',
        'decides = ["funding", "plan"]',
        f"{TERMS}.decides[1]",
        "unknown remit 'plan' (did you mean 'placement'?); expected one of 'whether to "
        "assess', 'whether to issue a plan', 'funding', 'placement', 'personal budget', "
        "'joint funding'.",
    ),
    (
        "bad weekday",
        'weekday = "Thursday"',
        'weekday = "thursdy"',
        f"{TERMS}.weekday",
        "unknown weekday 'thursdy' (did you mean 'Thursday'?); expected one of 'Monday', "
        "'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'.",
    ),
    (
        "weekday as number",
        'weekday = "Thursday"',
        "weekday = 3",
        f"{TERMS}.weekday",
        'expected a weekday name such as "Thursday", found the integer 3.',
    ),
    (
        "bad conversion kind",
        'kind = "bands"',
        'kind = "bandz"',
        f"{CONVERSION}.kind",
        "unknown kind 'bandz' (did you mean 'bands'?); expected one of 'per point', "
        "'bands', 'similar cases', each with its own keys (see ehcplan.policy.load).",
    ),
    (
        "conversion kind not text",
        'kind = "bands"',
        "kind = 2",
        f"{CONVERSION}.kind",
        'expected text, found the integer 2; write it in quotes, e.g. "2".',
    ),
    (
        "money as float",
        'value = "£10,363"',
        "value = 10363.0",
        f"{THRESHOLD}.value",
        "found the float 10363.0, but money is never a float: floats cannot hold pence "
        'exactly. Write it as text in pounds, e.g. "£10,363" or "£10,363.50".',
    ),
    (
        "money as integer",
        'value = "£10,363"',
        "value = 10363",
        f"{THRESHOLD}.value",
        "found the integer 10363, but money is written as text in pounds so that pounds "
        'and pence cannot be confused; write "£10,363" if you meant pounds.',
    ),
    (
        "money as boolean",
        'value = "£10,363"',
        "value = true",
        f"{THRESHOLD}.value",
        'expected money as text in pounds, e.g. "£10,363", found the boolean true.',
    ),
    (
        "money not an amount",
        'value = "£10,363"',
        'value = "ten thousand"',
        f"{THRESHOLD}.value",
        "'ten thousand' is not an amount of money; expected pounds written like",
    ),
    (
        "money in fractions of a penny",
        'element2_threshold = "£6,000"',
        'element2_threshold = "£6,000.005"',
        f"{FUNDING}.element2_threshold",
        "'£6,000.005' has 3 decimal places, which would be fractions of a penny",
    ),
    (
        "negative money",
        'amount = "£0" }',
        'amount = "-£5" }',
        f"{CONVERSION}.bands[0].amount",
        "amount must be at least £0.00, got -£5.00.",
    ),
    (
        "date in quotes",
        "from = 2024-09-01",
        'from = "2024-09-01"',
        f"{TERMS}.from",
        "expected a TOML date, found the text '2024-09-01'; write the date without "
        "quotes, as YYYY-MM-DD, e.g. 2024-09-01.",
    ),
    (
        "UK date in quotes",
        "first_meeting = 2024-09-05",
        'first_meeting = "05/09/2024"',
        f"{TERMS}.first_meeting",
        "expected a TOML date, found the text '05/09/2024'; write the date without quotes, "
        "as YYYY-MM-DD, e.g. 2024-09-05.",
    ),
    (
        "not a date at all",
        "published_meetings = [2024-09-12]",
        'published_meetings = ["soon"]',
        "panels[0].published_meetings[0]",
        "expected a TOML date, found the text 'soon'; write the date without quotes, "
        "as YYYY-MM-DD, "
        "e.g. 2024-09-01.",
    ),
    (
        "date and time",
        "first_meeting = 2024-09-05",
        "first_meeting = 2024-09-05T10:00:00",
        f"{TERMS}.first_meeting",
        "expected a date, found the date and time 2024-09-05T10:00:00; a time of day has "
        "no meaning here. Write the date only, e.g. 2024-09-05.",
    ),
    (
        "time",
        "first_meeting = 2024-09-05",
        "first_meeting = 10:00:00",
        f"{TERMS}.first_meeting",
        "expected a TOML date such as 2024-09-01, found the time 10:00:00.",
    ),
    (
        "dated value without from",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ value = "£10,363" }]',
        THRESHOLD,
        "missing required key 'from', the date this value applies from; add e.g. "
        "from = 2024-04-01.",
    ),
    (
        "dated value with no values",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        "values = []",
        "ras.sign_off_threshold.values",
        "needs at least one value, e.g. values = [{ from = 2024-04-01, ... }]; add the "
        "value in force with the date it applies from.",
    ),
    (
        "dated value not a table",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = ["£10,363"]',
        THRESHOLD,
        "expected a table with 'from' and the value, found the text '£10,363'.",
    ),
    (
        "two values from one date",
        'values = [{ from = 2024-04-01, value = "£10,363" }]',
        'values = [{ from = 2024-04-01, value = "£10,363" }, { from = 2024-04-01, value = "£9" }]',
        "ras.sign_off_threshold.values",
        "Threshold has two values starting on 2024-04-01; each date may start only one "
        "value. Remove one, or change its date.",
    ),
    (
        "dated value without description",
        'description = "Threshold"\n',
        "",
        "ras.sign_off_threshold",
        "missing required key 'description'; this table needs 'description', "
        "'reference', 'values'. Add 'description'.",
    ),
    (
        "duplicate panel ids",
        "[ras]\n",
        '[[panels]]\nid = "rap"\nkind = "multi-agency"\nname = "Other"\n'
        '[panels.terms]\ndescription = "t"\nreference = "r"\n'
        'values = [{ from = 2024-09-01, cadence = "weekly", weekday = "Monday", '
        "cases_per_meeting = 1, referral_cutoff_days = 0, decision_record_days = 0, "
        'decides = ["placement"] }]\n[ras]\n',
        "panels",
        "two panels have the id 'rap'; each panel needs its own id. Rename one of them.",
    ),
    (
        "duplicate outcome ids",
        "points = { low = 1, medium = 2, high = 3 } },",
        "points = { low = 1, medium = 2, high = 3 } },\n"
        '  { id = "1", name = "Again", description = "d", '
        "points = { low = 1, medium = 2, high = 3 } },",
        "ras.schemes[0].outcomes",
        "two outcomes have the id '1'; each outcome needs its own id.",
    ),
    (
        "meeting before the terms",
        "published_meetings = [2024-09-12]",
        "published_meetings = [2024-08-29, 2024-09-12]",
        "panels[0].published_meetings",
        "the published meeting on 2024-08-29 is before the panel's terms apply (from "
        "2024-09-01), so nothing says how many cases it can hear; add earlier terms, or "
        "remove the meeting.",
    ),
    (
        "meetings out of order",
        "published_meetings = [2024-09-12]",
        "published_meetings = [2024-09-12, 2024-01-09]",
        "panels[0].published_meetings",
        "published_meetings must be in date order, each date once; 2024-01-09 comes after "
        "2024-09-12. Check the year, or reorder the list.",
    ),
    (
        "first meeting on the wrong day",
        "first_meeting = 2024-09-05",
        "first_meeting = 2024-09-04",
        f"{TERMS}.first_meeting",
        "first_meeting 2024-09-04 is a Wednesday, but the panel meets on Thursdays; "
        "correct the date or the weekday.",
    ),
    (
        "monthly without a week",
        'cadence = "weekly"\nweekday = "Thursday"\nfirst_meeting = 2024-09-05',
        'cadence = "monthly"\nweekday = "Thursday"',
        f"{TERMS}.week_of_month",
        "a monthly panel needs week_of_month: 1 to 4 for the first to fourth such "
        "weekday of the month, or -1 for the last.",
    ),
    (
        "week of month not a number",
        'weekday = "Thursday"\nfirst_meeting = 2024-09-05',
        'weekday = "Thursday"\nweek_of_month = "last"',
        f"{TERMS}.week_of_month",
        "expected a whole number, found the text 'last'.",
    ),
    (
        "no cases per meeting",
        "cases_per_meeting = 12",
        "cases_per_meeting = 0",
        f"{TERMS}.cases_per_meeting",
        "cases_per_meeting must be a whole number of at least 1, got 0.",
    ),
    (
        "falling points",
        "points = { low = 1, medium = 2, high = 3 }",
        "points = { low = 3, medium = 2, high = 1 }",
        f"{OUTCOME}.points",
        "points must not fall as the level rises, got LOW 3, MEDIUM 2, HIGH 1; a more "
        "frequent difficulty never scores less.",
    ),
    (
        "bands with a gap",
        "{ min_points = 10,",
        "{ min_points = 12,",
        f"{CONVERSION}.bands",
        "band 1 must start at 10 points, straight after band 0 ends at 9; got 12. Bands "
        "may not leave gaps or overlap.",
    ),
    (
        "band top below bottom",
        "max_points = 9,",
        "max_points = -3,",
        f"{CONVERSION}.bands[0].max_points",
        "max_points must be a whole number of at least min_points (0), or left out for an "
        "open-ended top band; got -3.",
    ),
    (
        "per point of nothing",
        'kind = "bands"\nbands = [{ min_points = 0, max_points = 9, amount = "£0" }, '
        '{ min_points = 10, amount = "£1,000" }]',
        'kind = "per point"\nper_point = "£0"',
        f"{CONVERSION}.per_point",
        "per_point must be at least £0.01, got £0.00.",
    ),
    (
        "similar cases statistic",
        'kind = "bands"\nbands = [{ min_points = 0, max_points = 9, amount = "£0" }, '
        '{ min_points = 10, amount = "£1,000" }]',
        'kind = "Similar Cases"\nk = 5\nstatistic = "mode"',
        f"{CONVERSION}.statistic",
        "statistic must be one of 'median', 'mean', 'lower quartile', 'upper quartile', "
        "got 'mode'.",
    ),
    (
        "similar cases of none",
        'kind = "bands"\nbands = [{ min_points = 0, max_points = 9, amount = "£0" }, '
        '{ min_points = 10, amount = "£1,000" }]',
        'kind = "similar cases"\nk = 0',
        f"{CONVERSION}.k",
        "k must be a whole number of at least 1, got 0.",
    ),
    (
        "split of nothing",
        "transport_split = { education = 50, social_care = 50 }",
        "transport_split = { education = 0, social_care = 0 }",
        f"{FUNDING}.transport_split",
        "a split needs at least one positive share, got all zero; who pays?",
    ),
    (
        "placement weeks not a number",
        "undivided_splits = { 52 =",
        "undivided_splits = { fifty-two =",
        f"{FUNDING}.undivided_splits.fifty-two",
        "placement weeks must be a whole number such as 52 or 38, found 'fifty-two'; "
        "write e.g. 52 = { education = 25, social_care = 75 }.",
    ),
    (
        "placement weeks out of range",
        "undivided_splits = { 52 =",
        "undivided_splits = { 60 =",
        f"{FUNDING}.undivided_splits",
        "undivided_splits is keyed by placement weeks per year, 1 to 52; got 60.",
    ),
    (
        "splits not a table",
        "undivided_splits = { 52 = { education = 25, social_care = 75 } }",
        "undivided_splits = [25, 75]",
        f"{FUNDING}.undivided_splits",
        "expected a table of splits by placement weeks, found an array of 2 items.",
    ),
    (
        "bad other weeks",
        "health_contribution_first = true",
        'health_contribution_first = true\nother_weeks = "ask"',
        f"{FUNDING}.other_weeks",
        "unknown rule for other weeks 'ask'; expected one of 'nearest', 'refuse'.",
    ),
    (
        "bad eligibility rule",
        "first_monitoring_months = 3",
        'first_monitoring_months = 3, eligibility_rule = "strict"',
        "personal_budgets.eligibility_rule",
        "unknown eligibility rule 'strict'; expected one of 'all core and one assessed', "
        "'all core or one assessed'.",
    ),
    (
        "no monitoring",
        "monitoring_interval_months = 12",
        "monitoring_interval_months = 0",
        "personal_budgets.monitoring_interval_months",
        "monitoring_interval_months must be a whole number of at least 1, got 0.",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [case[1:] for case in PROBLEMS],
    ids=[case[0] for case in PROBLEMS],
)
def test_every_problem_names_its_key_and_says_what_to_do(old, new, key, message):
    """Each problem raises FileFormatError at its key path, with its message pinned."""
    assert BASE.count(old) == 1, "the test's text to replace must occur exactly once"

    with pytest.raises(FileFormatError) as caught:
        loads_policy(BASE.replace(old, new), path="la.toml")

    where = f"la.toml: {key}: " if key else "la.toml: "
    assert (caught.value.path, caught.value.key) == ("la.toml", key)
    assert str(caught.value).startswith(where + message)


def test_the_base_text_is_a_valid_policy():
    """The text the problem table edits is itself valid, so each problem is the edit's."""
    policy = loads_policy(BASE)

    assert ("rap", Money.parse("£10,363")) == (
        policy.panels[0].id,
        policy.ras.sign_off_threshold.at(dt.date(2024, 4, 1)).amount,
    )


@pytest.mark.parametrize(
    ("old", "new", "check"),
    [
        (
            'cadence = "weekly"',
            'cadence = "WEEKLY"',
            lambda p: (
                p.panels[0].terms.at(dt.date(2024, 9, 1)).cadence == Cadence.WEEKLY
            ),
        ),
        (
            'weekday = "Thursday"',
            'weekday = " thursday "',
            lambda p: p.panels[0].terms.at(dt.date(2024, 9, 1)).weekday == 3,
        ),
        (
            "health_contribution_first = true",
            'health_contribution_first = true\nother_weeks = "Nearest"',
            lambda p: (
                p.funding.terms.at(dt.date(2024, 4, 1)).other_weeks
                == OtherWeeks.NEAREST
            ),
        ),
        (
            'value = "£10,363"',
            'value = "10363.00"',
            lambda p: (
                p.ras.sign_off_threshold.at(dt.date(2024, 4, 1)).amount
                == Money.parse("£10,363")
            ),
        ),
        (
            "{ education = 25, social_care = 75 }",
            "{ education = 25, social_care = 50, health = 25 }",
            lambda p: (
                p.funding.terms.at(dt.date(2024, 4, 1)).undivided_splits[52].health
                == 25
            ),
        ),
        (
            "first_monitoring_months = 3",
            'first_monitoring_months = 3, eligibility_rule = "all core or one assessed"',
            lambda p: (
                p.personal_budgets.eligibility_rule
                == EligibilityRule.ALL_CORE_OR_ONE_ASSESSED
            ),
        ),
        (
            "first_meeting = 2024-09-05",
            'first_meeting = 2024-09-05\non_bank_holiday = "Skip"',
            lambda p: (
                p.panels[0].terms.at(dt.date(2024, 9, 1)).on_bank_holiday
                == BankHolidayRule.SKIP
            ),
        ),
    ],
    ids=[
        "cadence case",
        "weekday case and spaces",
        "nearest",
        "plain pounds",
        "health share",
        "lenient rule",
        "bank holiday rule",
    ],
)
def test_accepted_spellings(old, new, check):
    """Choices ignore case and spaces, money may omit £ and commas, and options are read."""
    assert check(loads_policy(BASE.replace(old, new)))
