"""Personal budgets given awkward input: month ends, unreasoned reviews, unnamed recipients."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan.budgets import (
    BudgetDecision,
    Criterion,
    DirectPaymentFacts,
    EligibilityFacts,
    Mechanism,
    Part,
    PersonalBudget,
    check_direct_payment,
    reviews_due,
)
from ehcplan.dates import add_months
from ehcplan.errors import InvalidInput
from ehcplan.funding import Agency
from ehcplan.money import Money
from ehcplan.policy import PersonalBudgetPolicy

POLICY = ehcplan.policy.load_policy("exampleshire").personal_budgets
BUDGET = PersonalBudget(
    parts=[
        Part(
            amount=Money.parse("£2,400"),
            mechanism=Mechanism.DIRECT_PAYMENT,
            agency=Agency.SOCIAL_CARE,
            provision="short breaks",
        )
    ]
)


def scheduled(first, until, policy=POLICY):
    """The due dates of the first and yearly reviews, without changes of services."""
    return [r.due for r in reviews_due(first, until, policy)]


def test_a_first_payment_on_29_february_is_reviewed_on_29_february_in_leap_years():
    """Yearly reviews count from the first payment: back to the 29th in 2028, not the 28th."""
    assert scheduled(dt.date(2024, 2, 29), dt.date(2028, 12, 31)) == [
        dt.date(2024, 5, 29),
        dt.date(2025, 2, 28),
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    ]


def test_six_monthly_reviews_from_31_august_stay_at_the_month_end():
    """A local six-month interval from 31 August keeps to 31 August, never drifting to the 28th."""
    local = PersonalBudgetPolicy(
        first_monitoring_months=1, monitoring_interval_months=6, reference="LA policy"
    )
    assert scheduled(dt.date(2024, 8, 31), dt.date(2026, 3, 1), local) == [
        dt.date(2024, 9, 30),
        dt.date(2025, 2, 28),
        dt.date(2025, 8, 31),
        dt.date(2026, 2, 28),
    ]


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    years=st.integers(1, 12),
)
def test_every_yearly_review_is_a_whole_number_of_years_after_the_first_payment(
    first, years
):
    """The n-th yearly review is n years after the first payment (clamped), whatever the date."""
    until = add_months(first, 12 * years)
    yearly = [
        r.due for r in reviews_due(first, until, POLICY) if r.reason == "yearly review"
    ]
    assert yearly == [add_months(first, 12 * n) for n in range(1, years + 1)]


def test_reviews_stop_at_the_end_of_the_calendar():
    """A period running to 31 December 9999 lists the reviews that fit, without overflowing."""
    reviews = reviews_due(dt.date(9997, 11, 30), dt.date.max, POLICY)
    assert [r.due for r in reviews] == [
        dt.date(9998, 2, 28),
        dt.date(9998, 11, 30),
        dt.date(9999, 11, 30),
    ]


def test_a_policy_of_the_wrong_kind_is_refused():
    """reviews_due takes the policy's PersonalBudgetPolicy, and says so."""
    with pytest.raises(InvalidInput, match="policy must be a PersonalBudgetPolicy"):
        reviews_due(dt.date(2025, 1, 1), dt.date(2026, 1, 1), "exampleshire")


@pytest.mark.parametrize("agreed", [True, False], ids=["agreed", "upheld"])
@pytest.mark.parametrize("reasons", [[], ["  "]], ids=["none", "blank"])
def test_a_review_needs_written_reasons_whichever_way_it_goes(agreed, reasons):
    """Seed 002: the outcome of a review is given 'in writing giving reasons', either way."""
    refused = BudgetDecision.refuse(
        "EHC-4", on=dt.date(2025, 5, 1), reasons=["part of the Local Offer"]
    )
    with pytest.raises(InvalidInput, match="giving reasons") as caught:
        refused.review(
            on=dt.date(2025, 6, 2),
            agreed=agreed,
            reasons=reasons,
            budget=BUDGET if agreed else None,
        )
    assert caught.value.field == "reasons"


def test_a_review_with_reasons_that_agrees_a_budget_is_accepted():
    """An agreed review with its reasons keeps the refusal it overturned as history."""
    refused = BudgetDecision.refuse(
        "EHC-4", on=dt.date(2025, 5, 1), reasons=["part of the Local Offer"]
    )
    agreed = refused.review(
        on=dt.date(2025, 6, 2),
        agreed=True,
        reasons=["the short breaks asked for are not in the Local Offer"],
        budget=BUDGET,
    )
    assert [d.agreed for d in agreed.history()] == [False, True]


def test_an_unnamed_recipient_is_not_said_to_manage_the_payments():
    """With nobody named, the capacity condition says so and what to do, not 'can manage'."""
    facts = DirectPaymentFacts(
        recipient=None,
        capable=True,
        appropriate_use=True,
        no_adverse_impact=True,
        efficient_use=True,
    )
    reasons = check_direct_payment(facts).reasons_refused
    assert reasons == (
        "no recipient is named for the payments (SI 2014/1652 reg 5)",
        "no recipient is named, so nobody's capacity to manage the payments can be "
        "assessed; name the parent, the young person or a nominee "
        "(SI 2014/1652 reg 5 and Schedule)",
    )
    assert not any("can manage" in reason for reason in reasons)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reference": 4}, "reference"),
        ({"decided_on": "2025-05-01"}, "decided_on"),
        ({"agreed": 1}, "agreed"),
        ({"reasons": "one reason"}, None),
        ({"reasons": [4]}, "reasons"),
        ({"budget": "£2,400"}, "budget"),
        ({"reviewed": "the last one"}, "reviewed"),
    ],
)
def test_decisions_of_the_wrong_types_are_refused(changes, field):
    """Each field of a decision refuses a value of the wrong type with InvalidInput."""
    values = {
        "reference": "EHC-4",
        "decided_on": dt.date(2025, 5, 1),
        "agreed": False,
        "reasons": ["r"],
        **changes,
    }
    with pytest.raises(InvalidInput) as caught:
        BudgetDecision(**values)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (["OT report"], "evidence must be a dict of notes by Criterion"),
        ({"4": "OT report"}, "evidence is keyed by Criterion"),
        (
            {Criterion.CLEARLY_EVIDENCED: " "},
            "CLEARLY_EVIDENCED must be non-blank text",
        ),
    ],
    ids=["a list", "keyed by text", "a blank note"],
)
def test_evidence_is_a_note_by_criterion(evidence, message):
    """The evidence behind eligibility facts is non-blank text keyed by Criterion."""
    with pytest.raises(InvalidInput, match=message):
        EligibilityFacts(
            above_parental_provision=True,
            additional_to_local_offer=True,
            necessary_for_outcomes=True,
            clearly_evidenced=True,
            disabled_children_service=False,
            continuing_care=False,
            evidence=evidence,
        )
