"""Panel decisions, written records and emergency funding."""

import datetime as dt

import attrs
import pytest

import ehcplan.policy
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.panels import (
    ACCESS_TO_RESOURCES_ROLES,
    AssessDecision,
    Deferral,
    EmergencyFunding,
    FundingDecision,
    Member,
    PanelDecision,
    PersonalBudgetDecision,
    PlacementDecision,
    PlanDecision,
    Status,
)

POLICY = ehcplan.policy.load_policy("exampleshire")
RAP = POLICY.panel("rap")
ATR = POLICY.panel("atr")
CHAIR = Member(role="Head of SEN (Chair)", name="A. Chair", chair=True)
THURSDAY = dt.date(2024, 10, 3)


def decision(panel=RAP, meeting=THURSDAY, *decisions):
    """A decision record with the chair present."""
    return PanelDecision(
        panel=panel,
        meeting=meeting,
        reference="EHC-1",
        members=[CHAIR],
        decisions=decisions
        or [PlanDecision(agreed=True, reasons="needs met", decided_by="chair")],
    )


def test_a_plan_not_agreed_sets_the_family_meeting_due():
    """Seed 000: a family meeting and written decision within 16 weeks of the request."""
    record = decision(
        RAP,
        THURSDAY,
        PlanDecision(
            agreed=False, reasons="needs met at SEN support", decided_by="panel"
        ),
    )
    assert record.family_meeting_due(dt.date(2024, 7, 1)) == dt.date(2024, 10, 21)
    assert decision().family_meeting_due(dt.date(2024, 7, 1)) is None


def test_the_written_record_is_due_within_the_terms_days():
    """The RAP's record is due 5 days after the meeting; on time if sent by then."""
    record = decision()
    assert record.record_due == dt.date(2024, 10, 8)
    assert record.record_on_time is None
    assert record.sent(dt.date(2024, 10, 8)).record_on_time is True
    assert record.sent(dt.date(2024, 10, 9)).record_on_time is False


def test_every_kind_of_decision_in_remit_is_kept():
    """A resource allocation panel decides assessment, plan, funding, budget and placement."""
    decisions = [
        AssessDecision(assess=True, reasons="r", decided_by="chair"),
        PlanDecision(agreed=True, reasons="r", decided_by="chair"),
        FundingDecision(
            amount=Money.parse("£8,000"),
            types=["element 3 top-up"],
            reasons="r",
            decided_by="chair",
        ),
        PersonalBudgetDecision(
            agreed=True, amount=Money.parse("£1,200"), reasons="r", decided_by="chair"
        ),
        PlacementDecision(setting="Example Primary", reasons="r", decided_by="chair"),
    ]
    record = decision(RAP, THURSDAY, *decisions)
    assert record.decisions == tuple(decisions)
    assert not record.deferred
    assert decision(
        RAP, THURSDAY, Deferral(reasons="awaiting EP advice", decided_by="chair")
    ).deferred


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: decision(
                ATR,
                dt.date(2024, 10, 9),
                PlanDecision(agreed=True, reasons="r", decided_by="c"),
            ),
            "panel atr does not decide 'whether to issue a plan'",
        ),
        (
            lambda: decision(RAP, dt.date(2024, 10, 4)),
            "panel rap does not meet on 2024-10-04",
        ),
        (
            lambda: decision().sent(dt.date(2024, 10, 2)),
            "before the meeting on 2024-10-03",
        ),
        (
            lambda: attrs.evolve(decision(), members=[]),
            "members must list at least one Member",
        ),
        (
            lambda: attrs.evolve(decision(), decisions=[]),
            "decisions must list at least one decision",
        ),
        (
            lambda: attrs.evolve(decision(), decisions=["agreed"]),
            "decisions must hold panel decisions",
        ),
        (lambda: attrs.evolve(decision(), panel="rap"), "panel must be a PanelPolicy"),
        (
            lambda: PersonalBudgetDecision(
                agreed=True, amount=None, reasons="r", decided_by="c"
            ),
            "an agreed personal budget needs its amount",
        ),
        (
            lambda: FundingDecision(
                amount=Money(-1), types=[], reasons="r", decided_by="c"
            ),
            "amount must be at least £0.00, got -£0.01",
        ),
        (
            lambda: PlanDecision(agreed=True, reasons=" ", decided_by="c"),
            "reasons must be non-blank text",
        ),
    ],
)
def test_bad_decisions_are_refused(make, message):
    """Outside the remit, not at a meeting, records before meetings, empty or wrong values."""
    with pytest.raises(InvalidInput, match=message):
        make()


def test_the_access_to_resources_roles_are_the_protocols():
    """Seven roles, the Head of Safeguarding chairing (seed 004, 3.4)."""
    assert len(ACCESS_TO_RESOURCES_ROLES) == 7
    assert ACCESS_TO_RESOURCES_ROLES[0] == "Head of Safeguarding (Chair)"


TERMS = POLICY.funding.terms.at(dt.date(2024, 10, 1))


def emergency(on=dt.date(2024, 10, 20)):
    """Emergency funding agreed by the chair on *on*."""
    return EmergencyFunding.agree(
        ATR,
        TERMS,
        reference="EHC-2",
        on=on,
        amount=Money.parse("£2,000"),
        chair="Head of Safeguarding",
    )


def test_emergency_funding_goes_to_the_next_available_panel():
    """Agreed 20 October 2024: the next ATR meeting it can reach is 13 November."""
    funding = emergency()
    assert funding.confirm_by == dt.date(2024, 11, 13)
    assert funding.status(dt.date(2024, 11, 13)) is Status.PENDING
    assert funding.status(dt.date(2024, 11, 14)) is Status.OVERDUE
    lapsed = funding.lapse(dt.date(2024, 11, 13))
    assert lapsed.status(dt.date(2024, 11, 12)) is Status.PENDING
    assert lapsed.status(dt.date(2024, 11, 13)) is Status.LAPSED


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: EmergencyFunding.agree(
                ATR,
                attrs.evolve(TERMS, emergency_funding_by_chair=False),
                reference="E",
                on=dt.date(2024, 10, 20),
                amount=Money(100),
                chair="c",
            ),
            "do not let the chair agree emergency funding",
        ),
        (
            lambda: EmergencyFunding.agree(
                ATR,
                TERMS,
                reference="E",
                on=dt.date(2024, 10, 20),
                amount=Money(0),
                chair="c",
            ),
            "amount must be at least £0.01",
        ),
        (
            lambda: emergency().confirm(dt.date(2024, 10, 1)),
            "before the chair agreed the funding",
        ),
        (
            lambda: (
                emergency().confirm(dt.date(2024, 11, 13)).lapse(dt.date(2024, 12, 11))
            ),
            "already decided",
        ),
    ],
)
def test_bad_emergency_funding_is_refused(make, message):
    """Not allowed by the terms, no amount, decided before agreed, or decided twice."""
    with pytest.raises(InvalidInput, match=message):
        make()
