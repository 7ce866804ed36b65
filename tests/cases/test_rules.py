"""Every rule of the log for the seeds' and the disputes' events: one accepted, one refused."""

import datetime as dt

import pytest

from ehcplan import Money
from ehcplan import cases as c
from ehcplan.budgets import Mechanism, Part, Requester
from ehcplan.errors import EventRejected, InvalidInput
from ehcplan.funding import Agency
from ehcplan.policy import PanelRemit

D = dt.date
RECEIVED = D(2024, 9, 2)
ASSESSING = (c.AssessmentDecision(on=D(2024, 10, 7), assess=True),)
REFUSED = (c.AssessmentDecision(on=D(2024, 10, 7), assess=False),)
NO_PLAN = (*ASSESSING, c.IssueDecision(on=D(2024, 12, 12), issue=False))
PLAN = (
    *ASSESSING,
    c.IssueDecision(on=D(2024, 12, 12), issue=True),
    c.FinalPlanIssued(on=D(2025, 1, 17)),
)
REVIEWING = (*PLAN, c.ReviewMeetingHeld(on=D(2025, 2, 3)))


def day(n):
    """A date *n* days after 1 February 2025, after every prefix above."""
    return D(2025, 2, 1) + dt.timedelta(days=n)


DAY_0 = day(0)
DAY_6 = day(6)
DAY_10 = day(10)
DAY_20 = day(20)


def referred(panel="rap", on=DAY_0):
    """A referral of the case to *panel*."""
    return c.PanelReferred(
        on=on,
        panel=panel,
        remits=[PanelRemit.WHETHER_TO_ISSUE_PLAN],
        referred_by="EHC inclusion officer",
        evidence="IAM summary",
    )


def plan_decision(on=DAY_10):
    """The rap panel agreeing a plan."""
    return c.PanelPlanDecision(
        on=on,
        panel="rap",
        agreed=True,
        reasons="needs cannot be met otherwise",
        decided_by="panel chair",
        evidence="IAM summary",
    )


def scored(on=DAY_0, occasion=c.RasOccasion.ASSESSMENT):
    """The RAS form scored at 40 points."""
    return c.RasScored(
        on=on,
        scheme="exampleshire-6-16",
        points=40,
        by="case co-ordinator",
        occasion=occasion,
        evidence=["EP report"],
    )


VERIFIED = c.RasVerified(on=day(2), points=40, by="lead SEND co-ordinator")
ALLOCATED = c.IndicativeResourceAllocated(
    on=day(4), points=40, amount=Money.parse("£6,000"), basis="per point", by="officer"
)


def signed_off(route, on=DAY_6):
    """The plan's £4,000 compared with the £6,000 allocated, under a £10,363 threshold."""
    return c.RasSignedOff(
        on=on,
        route=route,
        recommended=Money.parse("£4,000"),
        indicative=Money.parse("£6,000"),
        threshold=Money.parse("£10,363"),
        more_needed=False,
        decided_by="lead SEND co-ordinator",
    )


DIRECT = Part(
    amount=Money.parse("£2,400"),
    mechanism=Mechanism.DIRECT_PAYMENT,
    agency=Agency.SOCIAL_CARE,
    provision="short breaks",
)


def budget(on=DAY_20, agreed=True):
    """A budget decided: £2,400 of direct payments, or a refusal with reasons."""
    return c.BudgetDecided(
        on=on,
        agreed=agreed,
        parts=[DIRECT] if agreed else [],
        reasons=[] if agreed else ["criterion 3 not met"],
        decided_by="panel chair",
        evidence="eligibility note",
    )


ASKED = c.BudgetRequested(on=day(10), requester=Requester.PARENT)
PAYING = (
    *REVIEWING,
    ASKED,
    budget(),
    c.DirectPaymentsStarted(on=day(30), amount=Money(20000)),
)


def atr(on=DAY_10, total="£100.00", shares=None):
    """An Access to Resources decision: a 52-week placement, 25/75."""
    return c.AccessToResourcesDecision(
        on=on,
        panel="atr",
        setting="URN 200002",
        weeks_per_year=52,
        total=Money.parse(total),
        shares=shares
        or {
            Agency.EDUCATION: Money.parse("£25"),
            Agency.SOCIAL_CARE: Money.parse("£75"),
        },
        reasons="25/75",
        decided_by="chair",
        evidence="apportionment",
    )


EMERGENCY = c.EmergencyFundingAgreed(
    on=day(1), panel="atr", amount=Money.parse("£3,500"), chair="chair", evidence="note"
)
PLACED = (
    *PLAN,
    referred("atr"),
    atr(),
    c.PlacementStarted(on=day(20), setting="URN 200002"),
)
MEDIATING = (*REFUSED, c.MediationRequested(on=day(0)))
PURSUED = (
    *MEDIATING,
    c.MediationPursued(on=day(5), issues=[c.MediationIssue.EDUCATION]),
)
HEALTH_ONLY = (
    *MEDIATING,
    c.MediationPursued(on=day(5), issues=[c.MediationIssue.HEALTH_CARE]),
)
CONCLUDED = (*PURSUED, c.MediationHeld(on=day(20), concluded=True))


def agreed(on=DAY_20, **kwargs):
    """An agreement at mediation, on a matter that cannot be appealed by default."""
    values = {"appealable": False, "authority_party": True, **kwargs}
    return c.MediationAgreed(on=on, record="agreement MA-1", **values)


APPEALED = (*REFUSED, c.AppealRegistered(on=day(0)))

RULES = [
    # --- panels (seeds 000, 003, 004) ---------------------------------------------
    pytest.param(
        ASSESSING,
        referred(),
        (referred(), referred(on=day(1))),
        "already referred to panel 'rap'",
        id="PanelReferred",
    ),
    pytest.param(
        (*ASSESSING, referred()),
        plan_decision(),
        (plan_decision(), plan_decision(on=day(11))),
        "needs a referral to panel 'rap'",
        id="PanelPlanDecision",
    ),
    pytest.param(
        (*ASSESSING, referred()),
        c.PanelFundingDecision(
            on=day(10),
            panel="rap",
            amount=Money.parse("£6,000"),
            types=["element 3 top-up"],
            reasons="r",
            decided_by="chair",
            evidence="e",
        ),
        (
            c.PanelFundingDecision(
                on=day(10),
                panel="other",
                amount=Money.parse("£6,000"),
                types=["element 3 top-up"],
                reasons="r",
                decided_by="chair",
                evidence="e",
            ),
        ),
        "needs a referral to panel 'other'",
        id="PanelFundingDecision",
    ),
    pytest.param(
        (*ASSESSING, referred()),
        c.PanelPlacementDecision(
            on=day(10),
            panel="rap",
            setting="URN 1",
            reasons="r",
            decided_by="chair",
            evidence="e",
        ),
        (
            c.PanelPlacementDecision(
                on=day(10),
                panel="resource",
                setting="URN 1",
                reasons="r",
                decided_by="chair",
                evidence="e",
            ),
        ),
        "needs a referral to panel 'resource'",
        id="PanelPlacementDecision",
    ),
    pytest.param(
        (*ASSESSING, referred(), plan_decision()),
        c.PanelRecordSent(on=day(15), panel="rap", meeting_on=day(10)),
        (c.PanelRecordSent(on=day(15), panel="rap", meeting_on=day(11)),),
        "panel 'rap' recorded no decision on 2025-02-12",
        id="PanelRecordSent",
    ),
    pytest.param(
        (*ASSESSING, referred(), plan_decision()),
        c.PanelRecordSent(on=day(15), panel="rap", meeting_on=day(10)),
        (
            c.PanelRecordSent(on=day(15), panel="rap", meeting_on=day(10)),
            c.PanelRecordSent(on=day(16), panel="rap", meeting_on=day(10)),
        ),
        "the written record of that meeting was already sent",
        id="PanelRecordSent twice",
    ),
    pytest.param(
        ASSESSING,
        c.PanelDeferred(on=day(0), panel="rap"),
        (c.PlanCeased(on=day(0), reason=c.CeaseReason.OTHER),),
        "ceasing the plan is possible only when the case is 'plan in place'",
        id="PanelDeferred",
    ),
    # --- the RAS (seed 001) -------------------------------------------------------
    pytest.param(
        ASSESSING,
        scored(),
        (scored(occasion=c.RasOccasion.KEY_STAGE_REVIEW),),
        "scoring the RAS for a key-stage review is possible only when the case is "
        "'plan in place'",
        id="RasScored",
    ),
    pytest.param(
        ASSESSING,
        scored(),
        (scored(), scored(on=day(1))),
        "the RAS form scored before is not verified yet",
        id="RasScored unverified",
    ),
    pytest.param(
        (*ASSESSING, scored()),
        VERIFIED,
        (VERIFIED, c.RasVerified(on=day(3), points=40, by="lead")),
        "this RAS form is already verified",
        id="RasVerified",
    ),
    pytest.param(
        ASSESSING,
        scored(),
        (c.RasVerified(on=day(3), points=40, by="lead"),),
        "verifying the RAS needs a scored RAS form; record RasScored first",
        id="RasVerified unscored",
    ),
    pytest.param(
        (*ASSESSING, scored(), VERIFIED),
        c.RasModerated(on=day(3), points=38, by="personalisation officer"),
        (ALLOCATED, c.RasModerated(on=day(5), points=38, by="officer")),
        "a RAS form is moderated once, after it is verified and before its "
        "indicative resource is allocated",
        id="RasModerated",
    ),
    pytest.param(
        (*ASSESSING, scored(), VERIFIED),
        ALLOCATED,
        (
            c.IndicativeResourceAllocated(
                on=day(4), points=41, amount=Money(1), basis="per point", by="officer"
            ),
        ),
        r"worked out from the agreed score \(40 points\), not 41",
        id="IndicativeResourceAllocated",
    ),
    pytest.param(
        (*ASSESSING, scored(), VERIFIED, ALLOCATED),
        signed_off(c.SignOffRoute.LEAD_SIGNS_OFF),
        (signed_off(c.SignOffRoute.SEND_PANEL),),
        "the route recorded is 'SEND panel', but the sign-off rule gives "
        "'lead SEND co-ordinator signs off'",
        id="RasSignedOff",
    ),
    pytest.param(
        (*ASSESSING, scored(), VERIFIED),
        ALLOCATED,
        (signed_off(c.SignOffRoute.LEAD_SIGNS_OFF),),
        "record IndicativeResourceAllocated first",
        id="RasSignedOff unallocated",
    ),
    # --- personal budgets (seed 002) ----------------------------------------------
    pytest.param(
        REVIEWING,
        ASKED,
        (ASKED, c.BudgetRequested(on=day(11), requester=Requester.PARENT)),
        "a personal budget was already asked for and not yet decided",
        id="BudgetRequested",
    ),
    pytest.param(
        REVIEWING,
        ASKED,
        (c.ReviewDecision(on=day(5), outcome=c.ReviewOutcome.MAINTAIN), ASKED),
        "with a plan in place, a personal budget is asked for during a review",
        id="BudgetRequested outside a review",
    ),
    pytest.param(
        (*REVIEWING, ASKED),
        budget(),
        (budget(), budget(on=day(21))),
        "no personal budget was asked for; record BudgetRequested first",
        id="BudgetDecided",
    ),
    pytest.param(
        (*REVIEWING, ASKED, budget(agreed=False)),
        c.BudgetReviewRequested(on=day(25)),
        (c.BudgetReviewRequested(on=day(25)), c.BudgetReviewRequested(on=day(26))),
        "a review can be asked for once, of a refusal of a personal budget",
        id="BudgetReviewRequested",
    ),
    pytest.param(
        (*REVIEWING, ASKED, budget(agreed=False), c.BudgetReviewRequested(on=day(25))),
        c.BudgetReviewDecided(
            on=day(30), agreed=False, reasons=["still not met"], decided_by="head"
        ),
        (
            c.BudgetReviewDecided(
                on=day(30), agreed=False, reasons=["still not met"], decided_by="head"
            ),
            c.BudgetReviewDecided(
                on=day(31), agreed=False, reasons=["again"], decided_by="head"
            ),
        ),
        "no review of a refusal was asked for",
        id="BudgetReviewDecided",
    ),
    pytest.param(
        (*REVIEWING, ASKED, budget()),
        c.DirectPaymentsStarted(on=day(30), amount=Money(20000)),
        (
            c.DirectPaymentsStarted(on=day(30), amount=Money(20000)),
            c.DirectPaymentsStarted(on=day(31), amount=Money(20000)),
        ),
        "direct payments have already started",
        id="DirectPaymentsStarted",
    ),
    pytest.param(
        (*REVIEWING, ASKED, budget(agreed=False)),
        c.BudgetReviewRequested(on=day(25)),
        (c.DirectPaymentsStarted(on=day(30), amount=Money(20000)),),
        "no personal budget with direct payments is agreed",
        id="DirectPaymentsStarted refused budget",
    ),
    pytest.param(
        PAYING,
        c.DirectPaymentsReviewed(on=day(90), by="officer", evidence="review 1"),
        (
            c.PlanCeased(on=day(40), reason=c.CeaseReason.NEEDS_MET),
            c.DirectPaymentsReviewed(on=day(90), by="officer", evidence="review 1"),
        ),
        r"the case is closed \(ceased\)",
        id="DirectPaymentsReviewed",
    ),
    pytest.param(
        PAYING,
        c.BudgetServicesChanged(on=day(40), note="new provider"),
        (),
        None,
        id="BudgetServicesChanged",
    ),
    pytest.param(
        REVIEWING,
        ASKED,
        (c.BudgetServicesChanged(on=day(40), note="new provider"),),
        "a change of services needs direct payments",
        id="BudgetServicesChanged unpaid",
    ),
    # --- jointly funded placements (seed 004) -------------------------------------
    pytest.param(
        (*PLAN, referred("atr")),
        atr(),
        (atr(on=day(10)), atr(on=day(11))),
        "an Access to Resources decision needs a referral to panel 'atr'",
        id="AccessToResourcesDecision",
    ),
    pytest.param(
        PLAN,
        EMERGENCY,
        (EMERGENCY, EMERGENCY),
        "emergency funding for panel 'atr' is already waiting for it",
        id="EmergencyFundingAgreed",
    ),
    pytest.param(
        (*PLAN, EMERGENCY),
        c.EmergencyFundingDecided(
            on=day(9), panel="atr", confirmed=True, decided_by="p"
        ),
        (
            c.EmergencyFundingDecided(
                on=day(9), panel="rap", confirmed=True, decided_by="p"
            ),
        ),
        "no emergency funding is waiting for panel 'rap'",
        id="EmergencyFundingDecided",
    ),
    pytest.param(
        (*PLAN, EMERGENCY),
        c.PlacementStarted(on=day(2), setting="URN 200002"),
        (
            c.EmergencyFundingDecided(
                on=day(9), panel="atr", confirmed=False, decided_by="p"
            ),
            c.PlacementStarted(on=day(10), setting="URN 200002"),
        ),
        "a jointly funded placement is agreed by the Access to Resources panel",
        id="PlacementStarted",
    ),
    pytest.param(
        PLACED,
        c.PlacementDisruptionReported(on=day(30), evidence="report"),
        (
            c.PlacementReviewed(
                on=day(25), panel="atr", continues=False, decided_by="p"
            ),
            c.PlacementDisruptionReported(on=day(30), evidence="report"),
        ),
        "reporting disruption needs a placement; record PlacementStarted first",
        id="PlacementDisruptionReported",
    ),
    pytest.param(
        PLACED,
        c.PlacementReviewed(on=day(30), panel="atr", continues=True, decided_by="p"),
        (
            c.PlacementReviewed(
                on=day(30), panel="atr", continues=False, decided_by="p"
            ),
            c.PlacementReviewed(
                on=day(31), panel="atr", continues=True, decided_by="p"
            ),
        ),
        "a placement review needs a placement",
        id="PlacementReviewed",
    ),
    # --- meetings and documents (seeds 000-003) -----------------------------------
    pytest.param(
        PLAN,
        c.MeetingArranged(
            on=day(0), meeting=c.MeetingKind.ANNUAL_REVIEW, meeting_on=day(20)
        ),
        (
            c.MeetingArranged(
                on=day(0), meeting=c.MeetingKind.PLAN_MEETING, meeting_on=day(20)
            ),
        ),
        "arranging the plan meeting is possible only when the case is 'assessing', "
        "'draft issued' or 'drafting'; it is",
        id="MeetingArranged",
    ),
    pytest.param(
        NO_PLAN,
        c.MeetingHeld(
            on=day(0), meeting=c.MeetingKind.FAMILY_MEETING, attended_by=["parent"]
        ),
        (
            c.MeetingHeld(
                on=day(0), meeting=c.MeetingKind.ANNUAL_REVIEW, attended_by=["parent"]
            ),
        ),
        "an annual review meeting is recorded as ReviewMeetingHeld",
        id="MeetingHeld",
    ),
    pytest.param(
        (
            *REFUSED,
            c.AppealRegistered(on=day(0)),
            c.TribunalDecision(on=day(60), order=c.TribunalOrder.ASSESS),
        ),
        c.DocumentSent(
            on=day(62),
            document=c.DocumentKind.NOTICE_TO_ASSESS,
            to=["parent"],
            reference="letter L-1",
        ),
        (
            c.DocumentSent(
                on=day(62),
                document=c.DocumentKind.REVIEW_REPORT,
                to=["parent"],
                reference="letter L-1",
            ),
        ),
        "sending the review report is possible only when the case is 'plan in place'",
        id="DocumentSent",
    ),
    # --- mediation (SI 2014/1530 Part 6) ------------------------------------------
    pytest.param(
        MEDIATING,
        c.MediationDeclined(on=day(3)),
        (c.MediationCertificateIssued(on=day(1)), c.MediationDeclined(on=day(3))),
        "declining mediation follows the family's contact with the mediation adviser",
        id="MediationDeclined",
    ),
    pytest.param(
        MEDIATING,
        c.MediationPursued(on=day(5), issues=[c.MediationIssue.SOCIAL_CARE]),
        (
            c.MediationDeclined(on=day(3)),
            c.MediationPursued(on=day(5), issues=[c.MediationIssue.SOCIAL_CARE]),
        ),
        "the family already told the adviser whether it wants mediation",
        id="MediationPursued",
    ),
    pytest.param(
        MEDIATING,
        c.MediationPursued(on=day(5), issues=[c.MediationIssue.EDUCATION]),
        (
            c.MediationPursued(
                on=day(5), issues=[c.MediationIssue.EDUCATION], decision_on=day(4)
            ),
        ),
        "pursuing mediation concerns a decision of 2025-02-05, and no appealable "
        "decision was recorded that day",
        id="MediationPursued decision",
    ),
    pytest.param(
        HEALTH_ONLY,
        c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),
        (
            *PURSUED[-1:],
            c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),
        ),
        "the family already told the adviser",
        id="MediationHealthBodiesTold twice pursued",
    ),
    pytest.param(
        HEALTH_ONLY,
        c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),
        (
            c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),
            c.MediationHealthBodiesTold(on=day(8), bodies=["ICB 2"]),
        ),
        "the commissioning bodies were already told",
        id="MediationHealthBodiesTold",
    ),
    pytest.param(
        PURSUED,
        c.MediationHeld(on=day(20), concluded=True),
        (c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),),
        r"the mediation issues do not include health care, so no commissioning body "
        r"is told \(reg 35\(2\)\)",
        id="MediationHealthBodiesTold education",
    ),
    pytest.param(
        PURSUED,
        c.MediationNotPossible(on=day(34)),
        (
            c.MediationHeld(on=day(20), concluded=False),
            c.MediationNotPossible(on=day(34)),
        ),
        "the mediation has already taken place, or the adviser was already told",
        id="MediationNotPossible",
    ),
    pytest.param(
        MEDIATING,
        c.MediationDeclined(on=day(3)),
        (c.MediationNotPossible(on=day(34)),),
        "needs the family to want mediation; record MediationPursued first",
        id="MediationNotPossible unpursued",
    ),
    pytest.param(
        (*HEALTH_ONLY, c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"])),
        c.MediationHeld(on=day(20), concluded=True),
        (
            c.MediationHeld(on=day(20), concluded=True),
            c.MediationHeld(on=day(21), concluded=True),
        ),
        "the mediation has concluded; a new one starts with MediationRequested",
        id="MediationHeld",
    ),
    pytest.param(
        HEALTH_ONLY,
        c.MediationHealthBodiesTold(on=day(7), bodies=["ICB 1"]),
        (c.MediationHeld(on=day(20), concluded=True),),
        r"a mediation about health care alone is arranged by the commissioning body "
        r"once it is told \(reg 35\(3\)\)",
        id="MediationHeld health",
    ),
    pytest.param(
        CONCLUDED,
        agreed(),
        (agreed(), agreed(on=day(21))),
        "this mediation's agreement is already recorded",
        id="MediationAgreed",
    ),
    pytest.param(
        PURSUED,
        c.MediationHeld(on=day(20), concluded=False),
        (c.MediationHeld(on=day(20), concluded=False), agreed()),
        "an agreement is reached at a mediation that has concluded",
        id="MediationAgreed unconcluded",
    ),
    pytest.param(
        CONCLUDED,
        agreed(appealable=True, order=c.TribunalOrder.ASSESS),
        (agreed(appealable=True, order=c.TribunalOrder.MAKE_PLAN),),
        "an agreement to 'make plan' applies to a case that is 'not issuing a plan', "
        "and this one is 'refused to assess'",
        id="MediationAgreed stage",
    ),
    pytest.param(
        (*CONCLUDED, agreed(authority_party=False)),
        c.MediationAgreementNotified(on=day(24), agreement_on=day(20)),
        (c.MediationAgreementNotified(on=day(24), agreement_on=day(19)),),
        "no agreement of 2025-02-20 that the authority was not party to",
        id="MediationAgreementNotified",
    ),
    pytest.param(
        (*CONCLUDED, agreed()),
        c.MediationAgreementCarriedOut(on=day(30), agreement_on=day(20), by="LA"),
        (
            c.MediationAgreementCarriedOut(on=day(30), agreement_on=day(20), by="LA"),
            c.MediationAgreementCarriedOut(on=day(31), agreement_on=day(20), by="LA"),
        ),
        "no agreement of 2025-02-21 on a matter that cannot be appealed is waiting",
        id="MediationAgreementCarriedOut",
    ),
    pytest.param(
        MEDIATING,
        c.MediationDeclined(on=day(3)),
        (c.MediationDeclined(on=day(3)), c.MediationDeclined(on=day(4))),
        "the family already told the adviser whether it wants mediation",
        id="MediationDeclined twice",
    ),
    # --- appeals and orders (CFA 2014 s51; SI 2014/1530 reg 44) -------------------
    pytest.param(
        REFUSED,
        c.AppealRegistered(on=day(0)),
        (c.AppealRegistered(on=day(0), sections=[c.Section.F]),),
        "an appeal against assessment_decision of 2024-10-07 is not about a plan's "
        "sections; leave sections empty",
        id="AppealRegistered sections",
    ),
    pytest.param(
        PLAN,
        c.AppealRegistered(on=day(0), sections=[c.Section.B, c.Section.I]),
        (c.AppealRegistered(on=day(0), sections=[c.Section.G]),),
        r"section G cannot be appealed; the Tribunal hears appeals about sections B, "
        r"F and I \(CFA 2014 s51\(2\)\(c\)\)",
        id="AppealRegistered section G",
    ),
    pytest.param(
        (*PLAN, c.AppealRegistered(on=day(0), sections=[c.Section.F])),
        c.TribunalDecision(
            on=day(90), order=c.TribunalOrder.AMEND, sections=[c.Section.F]
        ),
        (
            c.TribunalDecision(
                on=day(90), order=c.TribunalOrder.AMEND, sections=[c.Section.I]
            ),
        ),
        "section I was not appealed, so the Tribunal cannot order it amended",
        id="TribunalDecision sections",
    ),
    pytest.param(
        (*PLAN, c.AppealRegistered(on=day(0), sections=[c.Section.F])),
        c.TribunalDecision(on=day(90), order=c.TribunalOrder.DISMISSED),
        (
            c.TribunalDecision(
                on=day(90), order=c.TribunalOrder.CONTINUE, sections=[c.Section.F]
            ),
        ),
        "only an order to amend names sections; leave sections empty",
        id="TribunalDecision order sections",
    ),
    # --- unopposed appeals (SI 2014/1530 reg 45) ----------------------------------
    pytest.param(
        APPEALED,
        c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.REFUSAL_TO_ASSESS),
        (c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.PROVISION),),
        "the appeal is against assessment_decision of 2024-10-07, not about sections "
        "B or F or a refusal to amend",
        id="AppealNotOpposed",
    ),
    pytest.param(
        (*PLAN, c.AppealRegistered(on=day(0), sections=[c.Section.F])),
        c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.PROVISION),
        (c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.REFUSAL_TO_ASSESS),),
        "the appeal is against final_plan_issued of 2025-01-17, not a refusal to assess",
        id="AppealNotOpposed refusal",
    ),
    pytest.param(
        (*PLAN, c.AppealRegistered(on=day(0), sections=[c.Section.I])),
        c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.OTHER),
        (c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.PROVISION),),
        "not about sections B or F",
        id="AppealNotOpposed section I",
    ),
    pytest.param(
        REFUSED,
        c.AppealRegistered(on=day(0)),
        (c.AppealNotOpposed(on=day(30), appeal=c.AppealKind.OTHER),),
        "no appeal is registered; record AppealRegistered first",
        id="AppealNotOpposed unregistered",
    ),
]


def build(*events):
    """A case received on 2 September 2024 with *events* recorded in turn."""
    case = c.Case(reference="EHC-R", received_on=RECEIVED)
    for event in events:
        case = case.record(event)
    return case


@pytest.mark.parametrize(("prefix", "accepted", "refused", "message"), RULES)
def test_each_rule_accepts_its_event_and_refuses_with_its_message(
    prefix, accepted, refused, message
):
    """The event is accepted where the rule allows it, and refused with the reason."""
    case = build(*prefix).record(accepted)

    assert case.events[-1] == accepted
    if message is not None:
        with pytest.raises(EventRejected, match=message):
            build(*prefix, *refused)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: c.MediationPursued(on=day(0), issues=[]),
            "issues must name at least one of",
        ),
        (
            lambda: agreed(appealable=True),
            "order must be 'assess', 'make plan' or 'amend', got None",
        ),
        (
            lambda: agreed(appealable=True, order=c.TribunalOrder.DISMISSED),
            "order must be 'assess', 'make plan' or 'amend'",
        ),
        (
            lambda: agreed(
                appealable=True, authority_party=False, order=c.TribunalOrder.ASSESS
            ),
            "set authority_party=True, or appealable=False for a health matter",
        ),
        (
            lambda: agreed(order=c.TribunalOrder.ASSESS),
            "stands for no order; leave order out",
        ),
        (
            lambda: agreed(
                appealable=True, order=c.TribunalOrder.ASSESS, sections=[c.Section.F]
            ),
            "only an agreement to amend names sections",
        ),
        (
            lambda: agreed(
                appealable=True, order=c.TribunalOrder.AMEND, sections=[c.Section.C]
            ),
            "section C is not an appealable matter",
        ),
        (
            lambda: c.MediationHealthBodiesTold(on=day(0), bodies=[]),
            "bodies must give at least one entry",
        ),
        (
            lambda: c.AppealNotOpposed(on=day(0), appeal="refusal to assess"),
            "appeal must be",
        ),
        (lambda: atr(total="£99.00"), "the shares add up to £100.00, not the total"),
    ],
)
def test_events_refuse_bad_values_when_made(make, message):
    """An event's own values are checked when it is made, naming the field."""
    with pytest.raises(InvalidInput, match=message):
        make()
