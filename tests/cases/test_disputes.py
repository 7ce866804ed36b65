"""Mediation, agreements, orders and unopposed appeals: their deadlines, worked by hand."""

import datetime as dt

import pytest

from ehcplan import cases as c
from ehcplan.cases import clock_report
from ehcplan.cases.report import Status
from ehcplan.errors import EventRejected
from ehcplan.timeline import table

D = dt.date
RECEIVED = D(2025, 1, 6)
REFUSED = (c.AssessmentDecision(on=D(2025, 2, 10), assess=False),)
PLAN = (
    c.AssessmentDecision(on=D(2024, 10, 7), assess=True),
    c.IssueDecision(on=D(2024, 12, 12), issue=True),
    c.FinalPlanIssued(on=D(2025, 1, 17)),
)


def build(*events, received=RECEIVED):
    """A case with *events* recorded in turn."""
    case = c.Case(reference="EHC-D", received_on=received)
    for event in events:
        case = case.record(event)
    return case


def planned(*events):
    """A case with a plan issued on 17 January 2025, then *events*."""
    return build(*PLAN, *events, received=D(2024, 9, 2))


def deadline(case, name, on):
    """The one deadline called *name* in the report of *case* on *on*."""
    found = [d for d in clock_report(case, on=on).deadlines if d.clock.name == name]
    assert len(found) == 1, [d.clock.name for d in clock_report(case, on=on).deadlines]
    return found[0]


def names(case, on):
    """The names of every deadline in the report of *case* on *on*."""
    return [d.clock.name for d in clock_report(case, on=on).deadlines]


def test_reg_34_a_declined_mediation_is_certified_in_3_working_days():
    """Adviser told Thu 17 Apr 2025: certificate by Thu 24 Apr, past Easter (reg 34(1))."""
    case = build(
        *REFUSED,
        c.MediationRequested(on=D(2025, 4, 14)),
        c.MediationDeclined(on=D(2025, 4, 17)),
    )
    due = deadline(case, "mediation certificate", D(2025, 4, 22))
    certified = case.record(c.MediationCertificateIssued(on=D(2025, 4, 24)))

    assert (due.due, due.status, due.clock.cites) == (
        D(2025, 4, 24),
        Status.DUE_SOON,
        "SI 2014/1530 reg 34(1)",
    )
    assert deadline(certified, "mediation certificate", D(2025, 5, 1)).status is (
        Status.MET
    )


def test_reg_35_the_authority_arranges_mediation_and_tells_health_bodies():
    """Told Mon 3 Mar 2025: bodies told by Thu 6 Mar (35(2)); mediation by Wed 2 Apr."""
    case = build(
        *REFUSED,
        c.MediationRequested(on=D(2025, 2, 24)),
        c.MediationPursued(
            on=D(2025, 3, 3),
            issues=[c.MediationIssue.EDUCATION, c.MediationIssue.HEALTH_CARE],
        ),
        c.MediationHealthBodiesTold(on=D(2025, 3, 7), bodies=["ICB Exampleshire"]),
    )
    told = deadline(case, "mediation: health bodies told", D(2025, 3, 10))
    arranged = deadline(case, "mediation arranged", D(2025, 3, 10))

    assert (told.due, told.status, told.days_late) == (
        D(2025, 3, 6),
        Status.MET_LATE,
        1,
    )
    assert (arranged.due, arranged.status, arranged.clock.cites) == (
        D(2025, 4, 2),
        Status.DUE,
        "SI 2014/1530 regs 35(4), 36(2)",
    )


def test_reg_35_3_a_health_only_mediation_is_arranged_by_the_bodies_told():
    """Bodies told Thu 6 Mar 2025: mediation by Sat 5 Apr 2025, owned by the body."""
    case = build(
        *REFUSED,
        c.MediationRequested(on=D(2025, 2, 24)),
        c.MediationPursued(on=D(2025, 3, 3), issues=[c.MediationIssue.HEALTH_CARE]),
        c.MediationHealthBodiesTold(on=D(2025, 3, 6), bodies=["ICB Exampleshire"]),
        c.MediationHeld(on=D(2025, 4, 1), concluded=True),
    )
    arranged = deadline(case, "mediation arranged by health", D(2025, 4, 1))

    assert (arranged.due, arranged.status, arranged.owner) == (
        D(2025, 4, 5),
        Status.MET,
        "ICB Exampleshire",
    )
    assert "mediation arranged" not in names(case, D(2025, 4, 1))


def test_reg_37_mediation_not_possible_in_30_days_is_certified():
    """Adviser told Wed 2 Apr 2025: certificate by Mon 7 Apr; the 30 days stop (reg 37)."""
    case = build(
        *REFUSED,
        c.MediationRequested(on=D(2025, 2, 24)),
        c.MediationPursued(on=D(2025, 3, 3), issues=[c.MediationIssue.EDUCATION]),
        c.MediationNotPossible(on=D(2025, 4, 2)),
    )
    certificate = deadline(
        case, "mediation certificate: not arranged in time", D(2025, 4, 3)
    )
    arranged = deadline(case, "mediation arranged", D(2025, 4, 3))

    assert (certificate.due, certificate.clock.cites) == (
        D(2025, 4, 7),
        "SI 2014/1530 reg 37",
    )
    assert (arranged.done_on, arranged.status) == (D(2025, 4, 2), Status.MET)


def test_reg_39_a_concluded_mediation_is_certified_past_christmas():
    """Concluded Tue 23 Dec 2025: certificate by Tue 30 Dec 2025 (reg 39(1))."""
    case = build(
        c.AssessmentDecision(on=D(2025, 11, 3), assess=False),
        c.MediationRequested(on=D(2025, 11, 10)),
        c.MediationPursued(on=D(2025, 11, 24), issues=[c.MediationIssue.EDUCATION]),
        c.MediationHeld(on=D(2025, 12, 16), concluded=False),
        c.MediationHeld(on=D(2025, 12, 23), concluded=True),
        received=D(2025, 9, 22),
    )
    report = clock_report(case, on=D(2025, 12, 24))
    certificates = [
        d for d in report.deadlines if d.clock is table.MEDIATION_CONCLUDED_CERTIFICATE
    ]

    assert [(d.trigger, d.due) for d in certificates] == [
        (D(2025, 12, 23), D(2025, 12, 30))
    ]
    assert deadline(case, "mediation arranged", D(2025, 12, 24)).status is Status.MET


def _agreed(**kwargs):
    return planned(
        c.MediationRequested(on=D(2025, 2, 3)),
        c.MediationPursued(on=D(2025, 2, 10), issues=[c.MediationIssue.EDUCATION]),
        c.MediationHeld(on=D(2025, 6, 10), concluded=True),
        c.MediationAgreed(on=D(2025, 6, 10), record="agreement MA-2", **kwargs),
    )


def test_reg_42_2_an_agreement_to_amend_runs_the_order_limits_from_the_agreement():
    """Agreement to amend F on Tue 10 Jun 2025: amended plan by Tue 15 Jul 2025."""
    case = _agreed(
        appealable=True,
        authority_party=True,
        order=c.TribunalOrder.AMEND,
        sections=[c.Section.F],
    )
    due = deadline(case, "order to amend the plan", D(2025, 6, 20))
    amended = case.record(
        c.AmendedPlanIssued(on=D(2025, 7, 14), sections=[c.Section.F])
    )

    assert (due.due, due.clock.cites, due.clock.trigger) == (
        D(2025, 7, 15),
        "SI 2014/1530 reg 42(2), applying reg 44(2)(e)",
        "the mediation agreement",
    )
    assert deadline(amended, "order to amend the plan", D(2025, 7, 20)).status is (
        Status.MET
    )


def test_reg_42_3_and_4_a_health_agreement_without_the_authority():
    """Agreement Tue 10 Jun 2025: done by Tue 24 Jun (42(3)), authority told by 17 Jun."""
    case = _agreed(appealable=False, authority_party=False)
    case = case.record(
        c.MediationAgreementNotified(on=D(2025, 6, 16), agreement_on=D(2025, 6, 10))
    )
    done = deadline(case, "non-appealable mediation agreement", D(2025, 6, 25))
    told = deadline(case, "mediation agreement: authority told", D(2025, 6, 25))

    assert (done.due, done.status, done.clock.cites) == (
        D(2025, 6, 24),
        Status.OVERDUE,
        "SI 2014/1530 reg 42(3)",
    )
    assert (told.due, told.status) == (D(2025, 6, 17), Status.MET)


def test_reg_42_2_an_agreement_to_assess_replaces_the_20_weeks():
    """Agreed Tue 10 Jun 2025 after a refusal: notice by 24 Jun, plan by 16 Sep 2025."""
    case = build(
        *REFUSED,
        c.MediationRequested(on=D(2025, 3, 3)),
        c.MediationPursued(on=D(2025, 3, 10), issues=[c.MediationIssue.EDUCATION]),
        c.MediationHeld(on=D(2025, 6, 10), concluded=True),
        c.MediationAgreed(
            on=D(2025, 6, 10),
            appealable=True,
            authority_party=True,
            order=c.TribunalOrder.ASSESS,
            record="agreement MA-3",
        ),
        c.AssessmentDecision(on=D(2025, 6, 20), assess=True),
    )
    shown = names(case, D(2025, 6, 30))

    assert deadline(case, "order to assess: notice", D(2025, 6, 30)).status is (
        Status.MET
    )
    assert deadline(case, "order to assess: final plan", D(2025, 6, 30)).due == D(
        2025, 9, 16
    )
    assert "final plan" not in shown


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ([c.Section.F], [("order to amend the plan", D(2025, 6, 16))]),
        ([c.Section.I], [("order to amend the school named", D(2025, 5, 26))]),
        (
            [c.Section.B, c.Section.I],
            [
                ("order to amend the school named", D(2025, 5, 26)),
                ("order to amend the plan", D(2025, 6, 16)),
            ],
        ),
        ([], [("order to amend the plan", D(2025, 6, 16))]),
    ],
    ids=["F", "I", "B and I", "none named"],
)
def test_reg_44_2_an_order_to_amend_has_5_weeks_for_b_and_f_and_2_for_i(
    sections, expected
):
    """Order Mon 12 May 2025: B/F by Mon 16 Jun (44(2)(e)); I by Mon 26 May (44(2)(f))."""
    case = planned(
        c.AppealRegistered(on=D(2025, 2, 3), sections=sections),
        c.TribunalDecision(
            on=D(2025, 5, 12), order=c.TribunalOrder.AMEND, sections=sections
        ),
    )
    report = clock_report(case, on=D(2025, 5, 13))
    orders = [
        (d.clock.name, d.due) for d in report.deadlines if "order" in d.clock.name
    ]

    assert orders == expected
    assert "amended plan" not in names(case, D(2025, 5, 13))


def test_reg_44_2_b_an_order_to_assess_is_noticed_in_2_weeks():
    """Order Mon 12 May 2025: notice by Mon 26 May (a bank holiday: weeks run through)."""
    case = build(
        *REFUSED,
        c.AppealRegistered(on=D(2025, 3, 3)),
        c.TribunalDecision(on=D(2025, 5, 12), order=c.TribunalOrder.ASSESS),
        c.DocumentSent(
            on=D(2025, 5, 27),
            document=c.DocumentKind.NOTICE_TO_ASSESS,
            to=["parent"],
            reference="letter L-9",
        ),
    )
    notice = deadline(case, "order to assess: notice", D(2025, 5, 28))

    assert (notice.due, notice.status, notice.days_late) == (
        D(2025, 5, 26),
        Status.MET_LATE,
        1,
    )


def _unopposed(appeal, *after, sections=(), decision=REFUSED):
    return build(
        *decision,
        c.AppealRegistered(on=D(2025, 4, 7), sections=sections),
        c.AppealNotOpposed(on=D(2025, 10, 1), appeal=appeal),
        *after,
        received=RECEIVED if decision is REFUSED else D(2024, 9, 2),
    )


def test_reg_45_3_an_unopposed_appeal_against_a_refusal_to_assess():
    """Tribunal told Wed 1 Oct 2025: notice by 15 Oct (45(3)), plan by 7 Jan 2026."""
    case = _unopposed(
        c.AppealKind.REFUSAL_TO_ASSESS,
        c.AssessmentDecision(on=D(2025, 10, 10), assess=True),
    )
    shown = clock_report(case, on=D(2025, 10, 20)).deadlines

    assert [(d.clock.cites, d.due, d.status) for d in shown[-2:]] == [
        ("SI 2014/1530 reg 45(3)", D(2025, 10, 15), Status.MET),
        ("SI 2014/1530 reg 45(3A)(b)", D(2026, 1, 7), Status.DUE),
    ]
    assert "final plan" not in {d.clock.name for d in shown}


def test_reg_45_3a_a_no_plan_decision_after_an_unopposed_appeal_has_10_weeks():
    """Tribunal told Wed 1 Oct 2025: a no-plan notice by Wed 10 Dec 2025 (45(3A)(a))."""
    case = _unopposed(
        c.AppealKind.REFUSAL_TO_ASSESS,
        c.AssessmentDecision(on=D(2025, 10, 10), assess=True),
        c.IssueDecision(on=D(2025, 12, 5), issue=False),
    )
    notice = deadline(case, "unopposed appeal: no-plan notice", D(2025, 12, 5))

    assert (notice.due, notice.status) == (D(2025, 12, 10), Status.MET)


def test_reg_45_4_an_unopposed_appeal_about_section_f():
    """Tribunal told Wed 1 Oct 2025: the amended plan by Wed 5 Nov 2025 (reg 45(4))."""
    case = _unopposed(
        c.AppealKind.PROVISION,
        c.AmendedPlanIssued(on=D(2025, 11, 4), sections=[c.Section.F]),
        sections=[c.Section.F],
        decision=PLAN,
    )
    amended = deadline(case, "unopposed appeal: amended plan", D(2025, 11, 10))

    assert (amended.due, amended.status) == (D(2025, 11, 5), Status.MET)


def test_an_unopposed_appeal_of_another_kind_sets_no_clock_and_ends_the_appeal():
    """Reg 45(5)-(6) were not read: no clock; the Tribunal can no longer decide it."""
    case = _unopposed(c.AppealKind.OTHER, sections=[c.Section.I], decision=PLAN)

    assert not [n for n in names(case, D(2025, 10, 2)) if "unopposed" in n]
    with pytest.raises(EventRejected, match="no appeal is registered"):
        case.record(
            c.TribunalDecision(on=D(2025, 11, 1), order=c.TribunalOrder.DISMISSED)
        )


def test_an_order_to_amend_naming_no_section_is_met_by_any_amended_plan():
    """With no section named, the amended plan amending F meets the 5 weeks."""
    case = planned(
        c.AppealRegistered(on=D(2025, 2, 3)),
        c.TribunalDecision(on=D(2025, 5, 12), order=c.TribunalOrder.AMEND),
        c.AmendedPlanIssued(on=D(2025, 6, 2), sections=[c.Section.F]),
    )
    amended = deadline(case, "order to amend the plan", D(2025, 6, 3))

    assert (amended.done_on, amended.status) == (D(2025, 6, 2), Status.MET)
