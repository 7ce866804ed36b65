import datetime as dt
import inspect
import re

import attrs
import pytest

import ehcplan.policy
from ehcplan.errors import InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy import (
    AgeVersion,
    Band,
    Bands,
    Cadence,
    Dated,
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
)

SEPT_2024 = dt.date(2024, 9, 1)

TERMS = PanelTerms(
    cadence=Cadence.WEEKLY,
    weekday=3,
    first_meeting=dt.date(2024, 9, 5),
    cases_per_meeting=12,
    referral_cutoff_days=5,
    decision_record_days=5,
    decides={PanelRemit.FUNDING},
)
MONTHLY = attrs.evolve(
    TERMS, cadence=Cadence.MONTHLY, week_of_month=2, first_meeting=None
)
PANEL = PanelPolicy(
    id="rap",
    kind=PanelKind.RESOURCE_ALLOCATION,
    name="Resource Allocation Panel",
    terms=Dated.constant("RAP terms", TERMS, reference="r", since=SEPT_2024),
)
OUTCOME = RasOutcome(
    id="1",
    name="Behaviours enable them and others to learn",
    description="d",
    points={Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3},
)
SCHEME = RasScheme(
    id="s", age_version=AgeVersion.SCHOOL_AGE, version="1.0", outcomes=[OUTCOME]
)
BAND_0 = Band(min_points=0, max_points=9, amount=Money.parse("£0"))
BAND_1 = Band(min_points=10, max_points=None, amount=Money.parse("£1,000"))
BANDS = Bands(bands=[BAND_0, BAND_1])
RAS = RasPolicy(
    schemes=[SCHEME],
    conversion=Dated.constant("Conversion", BANDS, reference="r", since=SEPT_2024),
    sign_off_threshold=Dated.constant(
        "Threshold",
        SignOffThreshold(amount=Money.parse("£10,363")),
        reference="r",
        since=SEPT_2024,
    ),
)
SPLIT = Split(education=50, social_care=50)
FUNDING_TERMS = FundingTerms(
    undivided_splits={52: Split(education=25, social_care=75), 38: SPLIT},
    transport_split=SPLIT,
    health_contribution_first=True,
    education_pays_provision=True,
    placement_review_months=6,
    element2_threshold=Money.parse("£6,000"),
    emergency_funding_by_chair=True,
)
BUDGETS = PersonalBudgetPolicy(
    first_monitoring_months=3, monitoring_interval_months=12, reference="r"
)
POLICY = LocalPolicy(
    code="999",
    name="Testshire",
    source="Tests.",
    panels=[PANEL],
    ras=RAS,
    funding=FundingPolicy(
        terms=Dated.constant("Funding", FUNDING_TERMS, reference="r", since=SEPT_2024)
    ),
    personal_budgets=BUDGETS,
)


def test_valid_values_construct():
    """A policy with every section filled in is accepted and keeps what it was given."""
    assert (POLICY.panel("rap"), POLICY.ras.scheme("s")) == (PANEL, SCHEME)


def test_defaults_are_the_strict_readings():
    """Unlisted placement lengths are refused and personal budgets use the strict rule."""
    assert (FUNDING_TERMS.other_weeks, BUDGETS.eligibility_rule) == (
        OtherWeeks.REFUSE,
        EligibilityRule.ALL_CORE_AND_ONE_ASSESSED,
    )


def test_policies_are_hashable_and_compare_by_value():
    """Two equal policies are equal and hash alike, mappings inside them included."""
    copy = attrs.evolve(POLICY)

    assert (copy == POLICY, hash(copy) == hash(POLICY)) == (True, True)


def test_mappings_are_read_only_copies():
    """Points and splits cannot be changed after construction, nor by changing the input."""
    points = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}
    outcome = attrs.evolve(OUTCOME, points=points)
    points[Level.HIGH] = 99

    with pytest.raises(TypeError):
        outcome.points[Level.HIGH] = 99  # type: ignore[index]
    assert outcome.points[Level.HIGH] == 3


def test_splits_are_ordered_by_weeks():
    """undivided_splits lists placement lengths in increasing order."""
    assert list(FUNDING_TERMS.undivided_splits) == [38, 52]


@pytest.mark.parametrize(
    ("level", "expected"),
    [(Level.NONE, 0), (Level.LOW, 1), (Level.MEDIUM, 2), (Level.HIGH, 3)],
)
def test_points_for_each_level(level, expected):
    """NONE always scores 0; the other levels score what the outcome says."""
    assert OUTCOME.points_for(level) == expected


@pytest.mark.parametrize(
    ("lookup", "message"),
    [
        (
            lambda: POLICY.panel("atr"),
            "no panel is called 'atr'; the known ones are 'rap'. Check the spelling, "
            "or pass the path of your own file.",
        ),
        (
            lambda: RAS.scheme("t"),
            "no RAS scheme is called 't'; the known ones are 's'. Check the spelling, "
            "or pass the path of your own file.",
        ),
    ],
    ids=["panel", "scheme"],
)
def test_unknown_ids_are_not_found(lookup, message):
    """Looking up an id that does not exist names the ids that do."""
    with pytest.raises(NotFound) as caught:
        lookup()

    assert str(caught.value) == message


def test_panel_validators_see_the_first_meeting_weekday():
    """A first meeting on the wrong weekday says which day it is and which day is expected."""
    with pytest.raises(InvalidInput) as caught:
        attrs.evolve(TERMS, first_meeting=dt.date(2024, 9, 4))

    assert (caught.value.field, str(caught.value)) == (
        "first_meeting",
        "first_meeting 2024-09-04 is a Wednesday, but the panel meets on Thursdays; "
        "correct the date or the weekday.",
    )


BAD = [
    # (id, valid value, changes, field, message fragment)
    (
        "weekday 7",
        TERMS,
        {"weekday": 7},
        "weekday",
        "weekday must be 0 (Monday) to 6 (Sunday)",
    ),
    (
        "weekday -1",
        TERMS,
        {"weekday": -1},
        "weekday",
        "weekday must be a whole number of at",
    ),
    ("weekday bool", TERMS, {"weekday": True}, "weekday", "got True"),
    (
        "cadence text",
        TERMS,
        {"cadence": "weekly"},
        "cadence",
        "cadence must be one of Cadence",
    ),
    (
        "no cases",
        TERMS,
        {"cases_per_meeting": 0},
        "cases_per_meeting",
        "at least 1, got 0",
    ),
    (
        "cutoff",
        TERMS,
        {"referral_cutoff_days": -1},
        "referral_cutoff_days",
        "a whole number of days from 0 to 365, got -1",
    ),
    ("record", TERMS, {"decision_record_days": 1.5}, "decision_record_days", "got 1.5"),
    ("decides none", TERMS, {"decides": set()}, "decides", "at least one PanelRemit"),
    (
        "decides text",
        TERMS,
        {"decides": {"funding"}},
        "decides",
        "PanelRemit members only",
    ),
    (
        "monthly no week",
        MONTHLY,
        {"week_of_month": None},
        "week_of_month",
        "a monthly panel needs week_of_month",
    ),
    (
        "week 5",
        MONTHLY,
        {"week_of_month": 5},
        "week_of_month",
        "must be 1, 2, 3, 4 or -1",
    ),
    (
        "weekly with week",
        TERMS,
        {"week_of_month": 1},
        "week_of_month",
        "only used by monthly panels, and this panel meets weekly",
    ),
    (
        "fortnightly no anchor",
        TERMS,
        {"cadence": Cadence.FORTNIGHTLY, "first_meeting": None},
        "first_meeting",
        "a fortnightly panel needs first_meeting",
    ),
    (
        "monthly anchor",
        MONTHLY,
        {"first_meeting": dt.date(2024, 9, 11)},
        "first_meeting",
        "first_meeting is only used by weekly and fortnightly panels",
    ),
    (
        "anchor datetime",
        TERMS,
        {"first_meeting": dt.datetime(2024, 9, 5, 10, tzinfo=dt.UTC)},
        "first_meeting",
        "must be a date, not a datetime",
    ),
    ("panel id", PANEL, {"id": " "}, "id", "id must be non-blank text"),
    (
        "panel kind",
        PANEL,
        {"kind": "resource allocation"},
        "kind",
        "PanelKind.RESOURCE",
    ),
    (
        "panel terms",
        PANEL,
        {"terms": TERMS},
        "terms",
        "must be a Dated value of PanelTerms",
    ),
    (
        "panel terms content",
        PANEL,
        {"terms": Dated.constant("t", 1, reference="r", since=SEPT_2024)},
        "terms",
        "the value from 2024-09-01 must be PanelTerms, got int 1",
    ),
    (
        "meetings unsorted",
        PANEL,
        {"published_meetings": [dt.date(2024, 10, 1), dt.date(2024, 9, 5)]},
        "published_meetings",
        "2024-09-05 comes after 2024-10-01. Check the year, or reorder the list.",
    ),
    (
        "meetings repeated",
        PANEL,
        {"published_meetings": [dt.date(2024, 10, 1), dt.date(2024, 10, 1)]},
        "published_meetings",
        "2024-10-01 is listed twice",
    ),
    (
        "meeting before terms",
        PANEL,
        {"published_meetings": [dt.date(2024, 8, 1)]},
        "published_meetings",
        "the published meeting on 2024-08-01 is before the panel's terms apply "
        "(from 2024-09-01)",
    ),
    (
        "points missing high",
        OUTCOME,
        {"points": {Level.LOW: 1, Level.MEDIUM: 2}},
        "points",
        "exactly LOW, MEDIUM and HIGH (NONE always scores 0), got LOW, MEDIUM",
    ),
    (
        "points with none",
        OUTCOME,
        {"points": {Level.NONE: 0, Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}},
        "points",
        "got LOW, MEDIUM, HIGH, NONE",
    ),
    (
        "points negative",
        OUTCOME,
        {"points": {Level.LOW: -1, Level.MEDIUM: 2, Level.HIGH: 3}},
        "points",
        "points for LOW must be a whole number of at least 0, got -1",
    ),
    (
        "points falling",
        OUTCOME,
        {"points": {Level.LOW: 3, Level.MEDIUM: 2, Level.HIGH: 3}},
        "points",
        "must not fall as the level rises, got LOW 3, MEDIUM 2, HIGH 3",
    ),
    ("outcome name", OUTCOME, {"name": ""}, "name", "name must be non-blank text"),
    ("no outcomes", SCHEME, {"outcomes": []}, "outcomes", "needs at least one outcome"),
    (
        "outcome ids",
        SCHEME,
        {"outcomes": [OUTCOME, OUTCOME]},
        "outcomes",
        "two outcomes have the id '1'; each outcome needs its own id",
    ),
    (
        "outcome type",
        SCHEME,
        {"outcomes": ["1"]},
        "outcomes",
        "outcomes[0] must be a RasOutcome",
    ),
    (
        "age text",
        SCHEME,
        {"age_version": "6-16"},
        "age_version",
        "AgeVersion.SCHOOL_AGE",
    ),
    (
        "per point zero",
        PerPoint(per_point=Money(1)),
        {"per_point": Money(0)},
        "per_point",
        "must be at least £0.01, got £0.00",
    ),
    (
        "per point int",
        PerPoint(per_point=Money(1)),
        {"per_point": 150},
        "per_point",
        "must be Money, got int 150; use Money.parse('£10,363')",
    ),
    ("band top", BAND_0, {"max_points": -1}, "max_points", "at least min_points (0)"),
    ("band bottom", BAND_0, {"min_points": -1}, "min_points", "at least 0, got -1"),
    (
        "band amount",
        BAND_0,
        {"amount": Money(-1)},
        "amount",
        "at least £0.00, got -£0.01",
    ),
    ("no bands", BANDS, {"bands": []}, "bands", "at least one Band"),
    ("band type", BANDS, {"bands": [1]}, "bands", "bands[0] must be a Band"),
    (
        "bands from 10",
        BANDS,
        {"bands": [BAND_1]},
        "bands",
        "the first band must start at 0 points, got 10",
    ),
    (
        "bands gap",
        BANDS,
        {"bands": [BAND_0, attrs.evolve(BAND_1, min_points=11)]},
        "bands",
        "band 1 must start at 10 points, straight after band 0 ends at 9; got 11",
    ),
    (
        "bands overlap",
        BANDS,
        {"bands": [BAND_0, attrs.evolve(BAND_1, min_points=9)]},
        "bands",
        "got 9. Bands may not leave gaps or overlap.",
    ),
    (
        "open band not last",
        BANDS,
        {"bands": [attrs.evolve(BAND_0, max_points=None), BAND_1]},
        "bands",
        "only the last band may be open-ended, but band 0 (from 0 points)",
    ),
    (
        "k zero",
        SimilarCases(k=5),
        {"k": 0},
        "k",
        "k must be a whole number of at least 1",
    ),
    ("statistic", SimilarCases(k=5), {"statistic": "mode"}, "statistic", "got 'mode'"),
    (
        "scheme ids",
        RAS,
        {"schemes": [SCHEME, SCHEME]},
        "schemes",
        "two RAS schemes have the id 's'",
    ),
    (
        "conversion content",
        RAS,
        {"conversion": Dated.constant("c", Money(1), reference="r", since=SEPT_2024)},
        "conversion",
        "must be PerPoint, Bands or SimilarCases, got Money",
    ),
    (
        "threshold type",
        RAS,
        {"sign_off_threshold": Money(1)},
        "sign_off_threshold",
        "must be a Dated value of SignOffThreshold",
    ),
    (
        "split zero",
        SPLIT,
        {"education": 0, "social_care": 0},
        None,
        "at least one positive",
    ),
    ("split negative", SPLIT, {"health": -10}, "health", "at least 0, got -10"),
    (
        "no splits",
        FUNDING_TERMS,
        {"undivided_splits": {}},
        "undivided_splits",
        "at least one",
    ),
    (
        "53 weeks",
        FUNDING_TERMS,
        {"undivided_splits": {53: SPLIT}},
        "undivided_splits",
        "keyed by placement weeks per year, 1 to 52; got 53",
    ),
    (
        "split type",
        FUNDING_TERMS,
        {"undivided_splits": {52: (25, 75)}},
        "undivided_splits",
        "undivided_splits[52] must be a Split, got tuple",
    ),
    (
        "other weeks",
        FUNDING_TERMS,
        {"other_weeks": "refuse"},
        "other_weeks",
        "OtherWeeks.REFUSE",
    ),
    (
        "transport",
        FUNDING_TERMS,
        {"transport_split": None},
        "transport_split",
        "must be a Split",
    ),
    (
        "flag",
        FUNDING_TERMS,
        {"health_contribution_first": "yes"},
        "health_contribution_first",
        "must be True or False, got 'yes'",
    ),
    (
        "review",
        FUNDING_TERMS,
        {"placement_review_months": 0},
        "placement_review_months",
        "at least 1",
    ),
    (
        "element 2",
        FUNDING_TERMS,
        {"element2_threshold": Money(-100)},
        "element2_threshold",
        "at least £0.00",
    ),
    (
        "funding terms",
        POLICY.funding,
        {"terms": FUNDING_TERMS},
        "terms",
        "must be a Dated value of FundingTerms",
    ),
    (
        "months",
        BUDGETS,
        {"first_monitoring_months": 0},
        "first_monitoring_months",
        "at least 1",
    ),
    (
        "rule",
        BUDGETS,
        {"eligibility_rule": "strict"},
        "eligibility_rule",
        "EligibilityRule.",
    ),
    ("reference", BUDGETS, {"reference": ""}, "reference", "non-blank text"),
    ("code", POLICY, {"code": 916}, "code", "code must be non-blank text, got 916"),
    (
        "panel ids",
        POLICY,
        {"panels": [PANEL, PANEL]},
        "panels",
        "two panels have the id 'rap'",
    ),
    (
        "panel type",
        POLICY,
        {"panels": [TERMS]},
        "panels",
        "panels[0] must be a PanelPolicy",
    ),
    (
        "ras type",
        POLICY,
        {"ras": SCHEME},
        "ras",
        "must be a RasPolicy or None, got RasScheme",
    ),
]


@pytest.mark.parametrize(
    ("valid", "changes", "field", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_validators_reject_bad_values(valid, changes, field, message):
    """Each bad value raises InvalidInput naming the field and saying what was expected."""
    with pytest.raises(InvalidInput, match=re.escape(message)) as caught:
        attrs.evolve(valid, **changes)

    assert caught.value.field == field


def test_all_is_sorted_and_complete():
    """ehcplan.policy.__all__ is sorted, names only real things, and misses nothing public."""
    public = {
        name
        for name, value in vars(ehcplan.policy).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }

    assert sorted(ehcplan.policy.__all__) == ehcplan.policy.__all__
    assert all(hasattr(ehcplan.policy, name) for name in ehcplan.policy.__all__)
    assert public <= set(ehcplan.policy.__all__)
