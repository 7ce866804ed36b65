"""Personal budgets: requests, eligibility, direct payments, decisions, monitoring."""

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan import cases as c
from ehcplan.budgets import (
    BudgetDecision,
    Criterion,
    DirectPaymentFacts,
    EligibilityFacts,
    Mechanism,
    Moment,
    Part,
    PersonalBudget,
    Recipient,
    Requester,
    assess_eligibility,
    check_direct_payment,
    reviews_due,
)
from ehcplan.cases.budgets import request_budget
from ehcplan.errors import InvalidInput
from ehcplan.funding import Agency
from ehcplan.money import Money
from ehcplan.policy import EligibilityRule, PersonalBudgetPolicy
from ehcplan.timeline import table

CASES = tomllib.loads((Path(__file__).parent / "eligibility_cases.toml").read_text())[
    "case"
]
NAMES = [
    "above_parental_provision",
    "additional_to_local_offer",
    "necessary_for_outcomes",
    "clearly_evidenced",
    "disabled_children_service",
    "continuing_care",
]


def facts(flags):
    """Eligibility facts from six flags, criteria 1 to 6."""
    return EligibilityFacts(**dict(zip(NAMES, flags, strict=True)))


@pytest.mark.parametrize("example", CASES, ids=[e["name"] for e in CASES])
def test_worked_cases_under_both_readings(example):
    """Each worked case is decided as its row says, strictly and leniently."""
    strict = assess_eligibility(facts(example["criteria"]))
    lenient = assess_eligibility(
        facts(example["criteria"]), EligibilityRule.ALL_CORE_OR_ONE_ASSESSED
    )
    assert (strict.eligible, lenient.eligible) == (
        example["strict"],
        example["lenient"],
    )
    assert [r.met for r in strict.results] == example["criteria"]


def test_each_criterion_states_its_reason():
    """Reasons say met or not, in the criterion's words, with the evidence noted."""
    result = assess_eligibility(
        EligibilityFacts(
            **dict.fromkeys(NAMES, True),
            evidence={Criterion.CONTINUING_CARE: "CHC decision support tool, 2 May"},
        )
    )
    assert result.results[5].reason == (
        "assessed eligible for continuing care by health (CHC decision support tool, 2 May)"
    )
    assert (
        result.explain()[-1]
        == "  rule: criteria 1-4 all hold, and 5 or 6 holds -> eligible (seed 002)"
    )
    refused = assess_eligibility(
        facts([False] * 6), EligibilityRule.ALL_CORE_OR_ONE_ASSESSED
    )
    assert refused.results[1].reason.startswith("not additional to normally available")
    assert refused.combining_rule == "criteria 1-4 all hold, or 5 holds, or 6 holds"


@given(st.lists(st.booleans(), min_size=6, max_size=6))
def test_the_strict_reading_never_agrees_what_the_lenient_refuses(flags):
    """Strict eligibility implies lenient eligibility, on any facts."""
    strict = assess_eligibility(facts(flags)).eligible
    lenient = assess_eligibility(
        facts(flags), EligibilityRule.ALL_CORE_OR_ONE_ASSESSED
    ).eligible
    assert not strict or lenient


@given(st.lists(st.booleans(), min_size=6, max_size=6), st.integers(0, 5))
def test_each_criterion_depends_only_on_its_own_fact(flags, flip):
    """Changing one fact changes that criterion's result and no other."""
    flipped = list(flags)
    flipped[flip] = not flipped[flip]
    a, b = assess_eligibility(facts(flags)), assess_eligibility(facts(flipped))
    changed = [i for i in range(6) if a.results[i].met != b.results[i].met]
    assert changed == [flip]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: facts([True, True, True, True, True, "yes"]),
            "continuing_care must be True or False",
        ),
        (lambda: assess_eligibility({"1": True}), "facts must be EligibilityFacts"),
        (
            lambda: assess_eligibility(facts([True] * 6), "strict"),
            "rule must be an EligibilityRule",
        ),
    ],
)
def test_bad_eligibility_input(make, message):
    """Facts must be booleans, and the rule the policy's enum."""
    with pytest.raises(InvalidInput, match=message):
        make()


def dp(**changes):
    """Direct-payment facts with every condition met, changed as given."""
    base = {
        "recipient": Recipient.PARENT, "capable": True, "appropriate_use": True,
        "no_adverse_impact": True, "efficient_use": True,
    }  # fmt: skip
    return DirectPaymentFacts(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "allowed", "reason"),
    [
        ({}, True, None),
        (
            {"recipient": None},
            False,
            "no recipient is named for the payments (SI 2014/1652 reg 5)",
        ),
        (
            {"capable": False},
            False,
            "the recipient is not capable of managing the payments",
        ),
        ({"excluded": True}, False, "the recipient is excluded under the Schedule"),
        (
            {"efficient_use": False},
            False,
            "not an efficient use of the authority's resources",
        ),
        ({"no_adverse_impact": False}, False, "an adverse impact on services"),
        ({"appropriate_use": False}, False, "not satisfied the payments will secure"),
        (
            {"on_premises": True, "institution_agrees": False},
            False,
            "needs its agreement, refused",
        ),
        ({"on_premises": True, "institution_agrees": True}, True, None),
    ],
)
def test_direct_payment_conditions(changes, allowed, reason):
    """Each unmet condition refuses direct payments with its reason and provision."""
    check = check_direct_payment(dp(**changes))
    assert check.allowed is allowed
    if reason:
        assert any(reason in r for r in check.reasons_refused)
    else:
        assert check.reasons_refused == ()


def test_bad_direct_payment_input():
    """Facts of the wrong type are errors, not refusals."""
    with pytest.raises(InvalidInput, match="capable must be True or False"):
        dp(capable="yes")
    with pytest.raises(InvalidInput, match="recipient must be one of Recipient.PARENT"):
        check_direct_payment(dp(recipient="mum"))
    with pytest.raises(InvalidInput, match="facts must be DirectPaymentFacts"):
        check_direct_payment({})


def test_a_combination_budget_adds_up_by_agency():
    """Direct payments from social care and an arrangement from education: a combination."""
    budget = PersonalBudget(
        parts=[
            Part(
                amount=Money.parse("£2,400"),
                mechanism=Mechanism.DIRECT_PAYMENT,
                agency=Agency.SOCIAL_CARE,
                provision="short breaks",
            ),
            Part(
                amount=Money.parse("£600"),
                mechanism=Mechanism.THIRD_PARTY,
                agency=Agency.HEALTH,
                provision="equipment",
            ),
            Part(
                amount=Money.parse("£1,800.50"),
                mechanism=Mechanism.ARRANGEMENT,
                agency=Agency.EDUCATION,
                provision="therapy",
            ),
        ]
    )
    assert budget.mechanism == "combination"
    assert budget.total == Money.parse("£4,800.50")
    assert budget.direct_payments == Money.parse("£3,000")
    assert budget.by_agency()[Agency.EDUCATION] == Money.parse("£1,800.50")
    single = PersonalBudget(parts=budget.parts[:1])
    assert single.mechanism == "direct payment"


@given(st.lists(st.integers(1, 10_000_000), min_size=1, max_size=8))
def test_parts_always_sum_to_the_total(amounts):
    """The total is the exact sum of the parts, and of the agencies' shares."""
    parts = [
        Part(
            amount=Money(a),
            mechanism=Mechanism.ARRANGEMENT,
            agency=list(Agency)[i % 3],
            provision="p",
        )
        for i, a in enumerate(amounts)
    ]
    budget = PersonalBudget(parts=parts)
    assert (
        budget.total
        == Money(sum(amounts))
        == sum(budget.by_agency().values(), Money(0))
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Part(
                amount=Money(0),
                mechanism=Mechanism.ARRANGEMENT,
                agency=Agency.HEALTH,
                provision="p",
            ),
            "amount must be at least £0.01, got £0.00",
        ),
        (
            lambda: Part(
                amount=Money(5), mechanism="cash", agency=Agency.HEALTH, provision="p"
            ),
            "mechanism must be one of Mechanism.DIRECT_PAYMENT",
        ),
        (lambda: PersonalBudget(parts=[]), "needs at least one Part"),
        (
            lambda: BudgetDecision.refuse("E", on=dt.date(2025, 1, 1), reasons=[" "]),
            "must give its reasons in writing",
        ),
        (
            lambda: BudgetDecision(
                reference="E", decided_on=dt.date(2025, 1, 1), agreed=True
            ),
            "needs its PersonalBudget",
        ),
        (
            lambda: BudgetDecision(
                reference="E",
                decided_on=dt.date(2025, 1, 1),
                agreed=False,
                reasons=["r"],
                budget=PersonalBudget(
                    parts=[
                        Part(
                            amount=Money(5),
                            mechanism=Mechanism.ARRANGEMENT,
                            agency=Agency.HEALTH,
                            provision="p",
                        )
                    ]
                ),
            ),
            "a refused personal budget has no budget",
        ),
        (
            lambda: BudgetDecision.refuse(
                "E", on=dt.date(2025, 2, 1), reasons=["r"]
            ).review(on=dt.date(2025, 1, 1), agreed=False, reasons=["r"]),
            "before the decision it reviews",
        ),
    ],
)
def test_bad_budgets_and_decisions(make, message):
    """Empty parts, unreasoned refusals, and reviews before decisions are refused."""
    with pytest.raises(InvalidInput, match=message):
        make()


def test_a_refusal_reviewed_and_agreed_keeps_its_history():
    """The review agrees a budget; both decisions stay in the record."""
    budget = PersonalBudget(
        parts=[
            Part(
                amount=Money.parse("£1,200"),
                mechanism=Mechanism.DIRECT_PAYMENT,
                agency=Agency.SOCIAL_CARE,
                provision="short breaks",
            )
        ]
    )
    refused = BudgetDecision.refuse(
        "EHC-4", on=dt.date(2025, 5, 1), reasons=["not evidenced"]
    )
    agreed = refused.review(
        on=dt.date(2025, 6, 2),
        agreed=True,
        reasons=["OT report received"],
        budget=budget,
    )
    assert agreed.right_to_review is None
    assert refused.right_to_review.endswith(
        "no appeal to the Tribunal against this decision."
    )
    history = agreed.to_dict()["history"]
    assert [(h["agreed"], h["total_pence"]) for h in history] == [
        (False, None),
        (True, 120_000),
    ]
    assert BudgetDecision.agree("E", on=dt.date(2025, 1, 1), budget=budget).agreed


POLICY = ehcplan.policy.load_policy("exampleshire").personal_budgets


def test_monitoring_uses_the_timeline_clocks():
    """The first review is the timeline's first-review clock; yearly reviews follow the clock."""
    first = dt.date(2024, 11, 30)
    reviews = reviews_due(first, dt.date(2026, 12, 31), POLICY)
    assert (
        reviews[0].due
        == table.PERSONAL_BUDGET_FIRST_REVIEW.last_day(first)
        == dt.date(2025, 2, 28)
    )
    assert [r.due for r in reviews[1:]] == [
        dt.date(2025, 11, 30),
        dt.date(2026, 11, 30),
    ]
    assert "SI 2014/1652 reg 11" in reviews[0].cites


def test_local_intervals_are_counted_in_months():
    """An authority reviewing first at 2 months and then every 6 cites its own policy."""
    local = PersonalBudgetPolicy(
        first_monitoring_months=2, monitoring_interval_months=6, reference="LA policy"
    )
    reviews = reviews_due(dt.date(2025, 1, 15), dt.date(2025, 12, 31), local)
    assert [r.due for r in reviews] == [dt.date(2025, 3, 15), dt.date(2025, 7, 15)]
    assert reviews[0].cites == "LA policy (local intervals)"


@pytest.mark.parametrize(("first", "then"), [(6, 12), (3, 18)])
def test_a_policy_may_not_review_later_than_the_law(first, then):
    """3 months, then yearly, are the law's latest (SI 2014/1652 reg 11): later is refused."""
    late = PersonalBudgetPolicy(
        first_monitoring_months=first, monitoring_interval_months=then, reference="r"
    )

    with pytest.raises(InvalidInput, match="may review sooner, never later"):
        reviews_due(dt.date(2025, 1, 15), dt.date(2026, 12, 31), late)


@settings(max_examples=100, deadline=None)
@given(
    first=st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
    years=st.integers(0, 6),
    changes=st.lists(st.integers(0, 2000), max_size=4),
)
def test_monitoring_dates_increase_and_start_within_the_first_clock(
    first, years, changes
):
    """Reviews are in date order within the period; the first is the 3-month clock."""
    until = first + dt.timedelta(days=365 * years + 120)
    reviews = reviews_due(
        first, until, POLICY, changes=[first + dt.timedelta(days=d) for d in changes]
    )
    days = [r.due for r in reviews]
    assert days == sorted(days)
    assert all(first <= d <= until for d in days)
    scheduled = [r.due for r in reviews if r.reason != "services changed"]
    assert scheduled[0] == table.PERSONAL_BUDGET_FIRST_REVIEW.last_day(first)


def test_monitoring_errors():
    """The period cannot end before the first payment; changes cannot precede it."""
    with pytest.raises(InvalidInput, match="is before the first payment"):
        reviews_due(dt.date(2025, 1, 1), dt.date(2024, 1, 1), POLICY)
    with pytest.raises(
        InvalidInput, match="a change of services on 2024-12-01 is before"
    ):
        reviews_due(
            dt.date(2025, 1, 1),
            dt.date(2026, 1, 1),
            POLICY,
            changes=[dt.date(2024, 12, 1)],
        )


RECEIVED = dt.date(2025, 1, 6)


def case_at(*events):
    """A case received on 6 January 2025 with the given events."""
    return c.Case(reference="EHC-5", received_on=RECEIVED, events=list(events))


ASSESS = c.AssessmentDecision(on=dt.date(2025, 2, 10), assess=True)
ISSUE = c.IssueDecision(on=dt.date(2025, 4, 1), issue=True)
FINAL = c.FinalPlanIssued(on=dt.date(2025, 5, 20))


@pytest.mark.parametrize(
    ("events", "moment"),
    [
        ((), Moment.DURING_ASSESSMENT),
        ((ASSESS,), Moment.DURING_ASSESSMENT),
        ((ASSESS, ISSUE), Moment.PLAN_BEING_PREPARED),
        (
            (ASSESS, ISSUE, FINAL, c.ReviewMeetingHeld(on=dt.date(2026, 4, 1))),
            Moment.REVIEW,
        ),
    ],
)
def test_requests_at_each_moment(events, moment):
    """During the assessment, while the plan is prepared, and during a review."""
    request = request_budget(
        case_at(*events), on=dt.date(2026, 4, 2), requester=Requester.PARENT
    )
    assert request.moment is moment


@pytest.mark.parametrize(
    ("events", "kwargs", "message"),
    [
        ((ASSESS, ISSUE, FINAL), {}, "at the stage 'plan in place'"),
        (
            (c.AssessmentDecision(on=dt.date(2025, 2, 10), assess=False),),
            {},
            "at the stage 'refused to assess'",
        ),
        ((), {"requester": Requester.YOUNG_PERSON, "age": 15}, "from 16"),
        ((), {"requester": Requester.YOUNG_PERSON}, "got age None"),
        ((), {"requester": "mum"}, "requester must be"),
        ((), {"on": dt.date(2024, 12, 1)}, "before the case's request"),
    ],
)
def test_requests_that_cannot_be_made(events, kwargs, message):
    """Outside the moments, by a young person under 16, or before the request, is refused."""
    arguments = {"on": dt.date(2026, 4, 2), "requester": Requester.PARENT, **kwargs}
    with pytest.raises(InvalidInput, match=message):
        request_budget(case_at(*events), **arguments)


def test_a_young_person_may_ask_from_16():
    """A 17-year-old asks for themself."""
    request = request_budget(
        case_at(ASSESS),
        on=dt.date(2025, 3, 1),
        requester=Requester.YOUNG_PERSON,
        age=17,
    )
    assert (request.requester, request.reference) == (Requester.YOUNG_PERSON, "EHC-5")
