"""The time limits of the EHC process, one constant per provision.

Each constant cites its provision, as python-holidays writes the Act above the
line it governs. Sources: SI 2014/1530 (the SEND Regulations 2014), the
Children and Families Act 2014 (CFA), the SEND Code of Practice (CoP),
SI 2014/1652 (personal budgets) and SI 2012/206 (its pilot, for the monitoring
schedule); statutory reference §1–§6. Where a limit is known only from a
reputable secondary source, or its paragraph number is uncertain, the comment
above it says so.

Limits tied to a fixed day of the year (phase transfer: before 15 February or
31 March) are not clocks: see `ehcplan.timeline.phase_transfer_deadline`. The
appeal window's later date after a mediation certificate is
`ehcplan.timeline.appeal_deadline`.

Every time limit of the provisions audited, each with its clock here or the
reason it has none, how well its text was checked and a worked example, is in
`ehcplan.timeline.audit`.
"""

from __future__ import annotations

from ehcplan.timeline.clocks import Clock, Counting, Direction, Unit
from ehcplan.timeline.grounds import Limit

__all__ = [
    "ADVICE",
    "ALL",
    "AMENDED_PLAN",
    "AMENDMENT_REPRESENTATIONS",
    "ANNUAL_REVIEW",
    "APPEAL",
    "DECISION_TO_ASSESS",
    "FINAL_PLAN",
    "MEDIATION_AGREEMENT_NOTICE",
    "MEDIATION_ARRANGED",
    "MEDIATION_CERTIFICATE",
    "MEDIATION_CONCLUDED_CERTIFICATE",
    "MEDIATION_CONTACT",
    "MEDIATION_DEEMED_CERTIFICATE",
    "MEDIATION_HEALTH_ARRANGED",
    "MEDIATION_HEALTH_NOTICE",
    "MEDIATION_NON_APPEALABLE_AGREEMENT",
    "NO_PLAN_NOTICE",
    "ORDER_AMEND_PLAN",
    "ORDER_AMEND_SCHOOL",
    "ORDER_ASSESS_FINAL_PLAN",
    "ORDER_ASSESS_NO_PLAN",
    "ORDER_ASSESS_NOTICE",
    "ORDER_MAKE_PLAN_DRAFT",
    "ORDER_MAKE_PLAN_FINAL",
    "PERSONAL_BUDGET_FIRST_REVIEW",
    "PERSONAL_BUDGET_REVIEW",
    "POST_16_MOVE",
    "REASSESSMENT",
    "REPRESENTATIONS",
    "REVIEW_ADVICE",
    "REVIEW_DECISION",
    "REVIEW_NOTICE",
    "REVIEW_REPORT",
    "SCHOOL_CONSULTATION",
    "TRANSFER_NOTICE",
    "TRANSFER_PLAN",
    "UNOPPOSED_AMEND_PLAN",
    "UNOPPOSED_ASSESS_FINAL_PLAN",
    "UNOPPOSED_ASSESS_NOTICE",
    "UNOPPOSED_ASSESS_NO_PLAN",
]

_REQUEST = "the authority receiving the request"

# --- The initial assessment (statutory reference §2) --------------------------------

# SI 2014/1530 reg 5(1): "as soon as practicable, and in any event within 6 weeks".
DECISION_TO_ASSESS = Clock(
    name="decision whether to assess",
    length=6,
    unit=Unit.WEEKS,
    trigger=_REQUEST,
    duty="decide whether to assess and notify the parent or young person",
    cites="SI 2014/1530 reg 5(1)",
    limit=Limit.DECISION_TO_ASSESS,
)

# SI 2014/1530 reg 8(1): a duty on the body asked, counted from its receipt of the
# request (quoted by SEND Advice Surrey; statutory reference §2 A2).
ADVICE = Clock(
    name="advice",
    length=6,
    unit=Unit.WEEKS,
    trigger="the body receiving the request for advice",
    duty="provide the advice or information asked for",
    duty_holder="the body asked for advice",
    cites="SI 2014/1530 reg 8(1)",
    limit=Limit.ADVICE,
)

# SI 2014/1530 reg 10(1): only a decision NOT to issue has a 16-week limit.
NO_PLAN_NOTICE = Clock(
    name="no-plan notice",
    length=16,
    unit=Unit.WEEKS,
    trigger=_REQUEST,
    duty="notify a decision not to issue a plan",
    cites="SI 2014/1530 reg 10(1)",
    limit=Limit.NO_PLAN_NOTICE,
)

# SI 2014/1530 reg 13(1)(a): "at least 15 days, beginning with the day on which the
# draft plan was served".
REPRESENTATIONS = Clock(
    name="representations on the draft",
    length=15,
    unit=Unit.DAYS,
    counting=Counting.BEGINNING_WITH,
    trigger="the day the draft plan is served",
    duty="allow the parent or young person to make representations",
    cites="SI 2014/1530 reg 13(1)(a)",
    at_least=True,
)

# SI 2014/1530 reg 13(2): "as soon as practicable, and in any event within 20 weeks".
FINAL_PLAN = Clock(
    name="final plan",
    length=20,
    unit=Unit.WEEKS,
    trigger=_REQUEST,
    duty="issue the final EHC plan",
    cites="SI 2014/1530 reg 13(2)",
    limit=Limit.FINAL_PLAN,
)

# SEND Code of Practice 9.83: guidance ("should"), not a statutory limit; the
# authority may proceed without a reply.
SCHOOL_CONSULTATION = Clock(
    name="school consultation",
    length=15,
    unit=Unit.DAYS,
    trigger="the school or college being consulted",
    duty="respond to the consultation",
    duty_holder="the school or college consulted",
    cites="SEND Code of Practice 9.83",
    binding=False,
)

# --- Transfer between authorities (statutory reference §4.4) ------------------------

# SI 2014/1530 reg 15(2): when the old authority learns of the move less than 15
# working days before it.
TRANSFER_PLAN = Clock(
    name="transfer of the plan",
    length=15,
    unit=Unit.WORKING_DAYS,
    counting=Counting.BEGINNING_WITH,
    trigger="the day the old authority became aware of the move",
    duty="transfer the plan to the new authority",
    duty_holder="the old local authority",
    cites="SI 2014/1530 reg 15(2)",
)

# SI 2014/1530 reg 15: the new authority tells the family within 6 weeks of the
# transfer (paragraph number not confirmed).
TRANSFER_NOTICE = Clock(
    name="transfer notice",
    length=6,
    unit=Unit.WEEKS,
    trigger="the plan being transferred",
    duty="tell the parent or young person that the plan has transferred, "
    "whether it will assess and when it will review",
    duty_holder="the new local authority",
    cites="SI 2014/1530 reg 15",
)

# --- Reviews, amendments and phase transfer (statutory reference §4.1-§4.3) ---------

# CFA 2014 s44(1): "in the period of 12 months starting with the date on which the
# plan was first made" or last reviewed (the strict reading; IPSEA writes "by the
# anniversary": see ehcplan.timeline.review_window for both readings).
ANNUAL_REVIEW = Clock(
    name="annual review",
    length=12,
    unit=Unit.MONTHS,
    counting=Counting.BEGINNING_WITH,
    trigger="the date the plan was first made or last reviewed",
    duty="review the plan and send the decision",
    cites="CFA 2014 s44(1)",
)

# SI 2014/1530 reg 18(2): a post-16 move at any other time.
POST_16_MOVE = Clock(
    name="post-16 move review",
    length=5,
    unit=Unit.MONTHS,
    direction=Direction.BEFORE,
    trigger="the transfer between post-16 institutions",
    duty="review and amend the plan",
    cites="SI 2014/1530 reg 18(2)",
)

# SI 2014/1530 regs 20(3), 21(3): at least two weeks' notice of the meeting.
REVIEW_NOTICE = Clock(
    name="review meeting notice",
    length=2,
    unit=Unit.WEEKS,
    direction=Direction.BEFORE,
    trigger="the review meeting",
    duty="give notice of the review meeting",
    cites="SI 2014/1530 regs 20(3), 21(3)",
)

# SI 2014/1530 regs 20(4), 21(4): advice circulated at least two weeks before.
REVIEW_ADVICE = Clock(
    name="review advice circulated",
    length=2,
    unit=Unit.WEEKS,
    direction=Direction.BEFORE,
    trigger="the review meeting",
    duty="obtain the advice and circulate it to everyone invited",
    cites="SI 2014/1530 regs 20(4), 21(4)",
)

# SI 2014/1530 regs 20(7), 21(7): the report within 2 weeks of the meeting (by the
# head or principal under reg 20, by the authority under reg 21).
REVIEW_REPORT = Clock(
    name="review report",
    length=2,
    unit=Unit.WEEKS,
    trigger="the review meeting",
    duty="prepare and send the review report",
    duty_holder="the head teacher, principal or local authority",
    cites="SI 2014/1530 regs 20(7), 21(7)",
)

# The authority's decision within 4 weeks of the meeting (IPSEA; R (L, M and P) v
# Devon CC [2022] EWHC 493 (Admin)); paragraph number reg 20(10) not confirmed.
REVIEW_DECISION = Clock(
    name="review decision",
    length=4,
    unit=Unit.WEEKS,
    trigger="the review meeting",
    duty="decide to maintain, amend or cease the plan and notify, sending any "
    "proposed amendments with the decision",
    cites="SI 2014/1530 reg 20(10)",
)

# SI 2014/1530 reg 22(2)(c): at least 15 days for representations on amendments.
AMENDMENT_REPRESENTATIONS = Clock(
    name="representations on amendments",
    length=15,
    unit=Unit.DAYS,
    counting=Counting.BEGINNING_WITH,
    trigger="the day the amendment notice is served",
    duty="allow the parent or young person to make representations",
    cites="SI 2014/1530 reg 22(2)(c)",
    at_least=True,
)

# SI 2014/1530 reg 22(3): the amended plan within 8 weeks of the amendment notice.
AMENDED_PLAN = Clock(
    name="amended plan",
    length=8,
    unit=Unit.WEEKS,
    trigger="the amendment notice being sent",
    duty="issue the amended final plan",
    cites="SI 2014/1530 reg 22(3)",
)

# SI 2014/1530 reg 27(2): 14 weeks from the notice or decision to reassess.
REASSESSMENT = Clock(
    name="reassessment",
    length=14,
    unit=Unit.WEEKS,
    trigger="the notice or decision to reassess",
    duty="issue the finalised amended or replacement plan",
    cites="SI 2014/1530 reg 27(2)",
    limit=Limit.REASSESSMENT,
)

# --- Mediation (statutory reference §5.1) -------------------------------------------

# SI 2014/1530 reg 33: the parent's window to contact the mediation adviser.
MEDIATION_CONTACT = Clock(
    name="contact the mediation adviser",
    length=2,
    unit=Unit.MONTHS,
    trigger="written notice of the decision being sent",
    duty="contact the mediation adviser before appealing",
    duty_holder="the parent or young person",
    cites="SI 2014/1530 reg 33",
)

# SI 2014/1530 reg 34(1) (IPSEA, Surrey SENDIAS): certificate within 3 working days.
MEDIATION_CERTIFICATE = Clock(
    name="mediation certificate",
    length=3,
    unit=Unit.WORKING_DAYS,
    trigger="the adviser being told the parent or young person does not want mediation",
    duty="issue the mediation certificate",
    duty_holder="the mediation adviser",
    cites="SI 2014/1530 reg 34(1)",
)

# SI 2014/1530 regs 35(4), 36(2): education or social care issues, with or without
# health care ones; the 30 days are as IPSEA states them; the paragraphs were not
# read at the source (ehcplan.timeline.audit).
MEDIATION_ARRANGED = Clock(
    name="mediation arranged",
    length=30,
    unit=Unit.DAYS,
    trigger="the authority being told the parent or young person wants mediation",
    duty="arrange for the mediation to take place",
    cites="SI 2014/1530 regs 35(4), 36(2)",
)

# SI 2014/1530 reg 35(2) (IPSEA): when the mediation issues are or include health
# care provision, the authority tells each commissioning body concerned.
MEDIATION_HEALTH_NOTICE = Clock(
    name="mediation: health bodies told",
    length=3,
    unit=Unit.WORKING_DAYS,
    trigger="the authority being told the mediation issues include health care",
    duty="tell each relevant commissioning body the mediation issues and the health "
    "care provision the family wants",
    cites="SI 2014/1530 reg 35(2)",
)

# SI 2014/1530 reg 35(3) (IPSEA): health care issues only.
MEDIATION_HEALTH_ARRANGED = Clock(
    name="mediation arranged by health",
    length=30,
    unit=Unit.DAYS,
    trigger="the commissioning body being told the mediation issues",
    duty="arrange mediation about health care provision only",
    duty_holder="the responsible commissioning body",
    cites="SI 2014/1530 reg 35(3)",
)

# SI 2014/1530 reg 37 (IPSEA, Surrey SENDIAS): mediation cannot be arranged in the
# 30 days, so the adviser certifies it (a "deemed" certificate).
MEDIATION_DEEMED_CERTIFICATE = Clock(
    name="mediation certificate: not arranged in time",
    length=3,
    unit=Unit.WORKING_DAYS,
    trigger="the adviser being told mediation cannot take place within 30 days",
    duty="issue the mediation certificate",
    duty_holder="the mediation adviser",
    cites="SI 2014/1530 reg 37",
)

# SI 2014/1530 reg 39(1) (Surrey SENDIAS, IPSEA): after the mediation.
MEDIATION_CONCLUDED_CERTIFICATE = Clock(
    name="mediation certificate: after mediation",
    length=3,
    unit=Unit.WORKING_DAYS,
    trigger="the conclusion of the mediation",
    duty="issue the mediation certificate",
    duty_holder="the mediator",
    cites="SI 2014/1530 reg 39(1)",
)

# SI 2014/1530 reg 42(3): agreements on matters that cannot be appealed.
MEDIATION_NON_APPEALABLE_AGREEMENT = Clock(
    name="non-appealable mediation agreement",
    length=2,
    unit=Unit.WEEKS,
    trigger="the mediation agreement",
    duty="do what was agreed",
    duty_holder="the local authority or responsible commissioning body",
    cites="SI 2014/1530 reg 42(3)",
)

# SI 2014/1530 reg 42(4): a mediation the authority was not a party to.
MEDIATION_AGREEMENT_NOTICE = Clock(
    name="mediation agreement: authority told",
    length=1,
    unit=Unit.WEEKS,
    trigger="the mediation agreement",
    duty="notify the local authority of the mediation agreement",
    duty_holder="the responsible commissioning body",
    cites="SI 2014/1530 reg 42(4)",
)

# SI 2008/2699 r.20(1)(c): 2 months after the decision notice was sent (or 1 month
# from a mediation certificate, if later: ehcplan.timeline.appeal_deadline), moved
# by r.12 out of August and 25 December-1 January and onto a working day.
APPEAL = Clock(
    name="appeal to the Tribunal",
    length=2,
    unit=Unit.MONTHS,
    trigger="written notice of the decision being sent",
    duty="register an appeal with the First-tier Tribunal (SEND)",
    duty_holder="the parent or young person",
    cites="SI 2008/2699 r.20(1)(c), r.12",
    tribunal_rules=True,
)

# --- Tribunal orders (statutory reference §5.3) -------------------------------------
# SI 2014/1530 reg 44(2)(a)-(c) as quoted in full by an advice site; (e) and (f) as
# IPSEA states them; the rest of reg 44 is in ehcplan.timeline.audit with the
# reason it has no clock. A mediation agreement on an appealable matter runs the
# same clocks from the agreement (reg 42(2)).

ORDER_ASSESS_NOTICE = Clock(
    name="order to assess: notice",
    length=2,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to assess",
    duty="notify the parent or young person that it will assess",
    cites="SI 2014/1530 reg 44(2)(b)",
)

ORDER_ASSESS_NO_PLAN = Clock(
    name="order to assess: no-plan notice",
    length=10,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to assess",
    duty="notify, with reasons, a decision not to issue a plan",
    cites="SI 2014/1530 reg 44(2)(b)(i)",
)

ORDER_ASSESS_FINAL_PLAN = Clock(
    name="order to assess: final plan",
    length=14,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to assess",
    duty="send the finalised plan",
    cites="SI 2014/1530 reg 44(2)(b)(ii)",
)

ORDER_MAKE_PLAN_DRAFT = Clock(
    name="order to make a plan: draft",
    length=5,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to make and maintain a plan",
    duty="issue a draft plan",
    cites="SI 2014/1530 reg 44(2)(c)(i)",
)

ORDER_MAKE_PLAN_FINAL = Clock(
    name="order to make a plan: final",
    length=11,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to make and maintain a plan",
    duty="issue the final plan",
    cites="SI 2014/1530 reg 44(2)(c)(ii)",
)

ORDER_AMEND_PLAN = Clock(
    name="order to amend the plan",
    length=5,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to amend the special educational provision",
    duty="issue the amended plan",
    cites="SI 2014/1530 reg 44(2)(e)",
)

ORDER_AMEND_SCHOOL = Clock(
    name="order to amend the school named",
    length=2,
    unit=Unit.WEEKS,
    trigger="the Tribunal's order to amend the school or type of school named",
    duty="issue the amended plan",
    cites="SI 2014/1530 reg 44(2)(f)",
)

# --- Unopposed appeals: SI 2014/1530 reg 45(3)-(4) as substituted by SI 2015/359
# reg 8, counted from the day the authority tells the Tribunal it will not oppose.

_UNOPPOSED = "the authority telling the Tribunal it will not oppose the appeal"

UNOPPOSED_ASSESS_NOTICE = Clock(
    name="unopposed appeal: notice to assess",
    length=2,
    unit=Unit.WEEKS,
    trigger=_UNOPPOSED,
    duty="notify the parent or young person that it must assess or reassess",
    cites="SI 2014/1530 reg 45(3)",
)

UNOPPOSED_ASSESS_NO_PLAN = Clock(
    name="unopposed appeal: no-plan notice",
    length=10,
    unit=Unit.WEEKS,
    trigger=_UNOPPOSED,
    duty="notify, with reasons, a decision not to issue a plan",
    cites="SI 2014/1530 reg 45(3A)(a)",
)

UNOPPOSED_ASSESS_FINAL_PLAN = Clock(
    name="unopposed appeal: final plan",
    length=14,
    unit=Unit.WEEKS,
    trigger=_UNOPPOSED,
    duty="send the finalised plan",
    cites="SI 2014/1530 reg 45(3A)(b)",
)

UNOPPOSED_AMEND_PLAN = Clock(
    name="unopposed appeal: amended plan",
    length=5,
    unit=Unit.WEEKS,
    trigger=_UNOPPOSED,
    duty="issue the amended plan",
    cites="SI 2014/1530 reg 45(4)",
)

# --- Personal budgets (statutory reference §6) --------------------------------------

# SI 2014/1652 reg 11 (review within the first 3 months); the pilot's wording
# SI 2012/206 Sch 1 para 15 is the one verified.
PERSONAL_BUDGET_FIRST_REVIEW = Clock(
    name="first direct-payment review",
    length=3,
    unit=Unit.MONTHS,
    trigger="the first direct payment",
    duty="review the making and use of direct payments",
    cites="SI 2014/1652 reg 11; SI 2012/206 Sch 1 para 15",
)

# SI 2012/206 Sch 1 para 15(b)-(c): then at the end of each year (the seed's
# practice: "then yearly"); the 2014 regulation's own wording was not seen.
PERSONAL_BUDGET_REVIEW = Clock(
    name="yearly direct-payment review",
    length=12,
    unit=Unit.MONTHS,
    trigger="the previous direct-payment review",
    duty="review the making and use of direct payments",
    cites="SI 2014/1652 reg 11; SI 2012/206 Sch 1 para 15",
)

ALL: tuple[Clock, ...] = (
    DECISION_TO_ASSESS,
    ADVICE,
    NO_PLAN_NOTICE,
    REPRESENTATIONS,
    FINAL_PLAN,
    SCHOOL_CONSULTATION,
    TRANSFER_PLAN,
    TRANSFER_NOTICE,
    ANNUAL_REVIEW,
    POST_16_MOVE,
    REVIEW_NOTICE,
    REVIEW_ADVICE,
    REVIEW_REPORT,
    REVIEW_DECISION,
    AMENDMENT_REPRESENTATIONS,
    AMENDED_PLAN,
    REASSESSMENT,
    MEDIATION_CONTACT,
    MEDIATION_CERTIFICATE,
    MEDIATION_ARRANGED,
    MEDIATION_HEALTH_NOTICE,
    MEDIATION_HEALTH_ARRANGED,
    MEDIATION_DEEMED_CERTIFICATE,
    MEDIATION_CONCLUDED_CERTIFICATE,
    MEDIATION_NON_APPEALABLE_AGREEMENT,
    MEDIATION_AGREEMENT_NOTICE,
    APPEAL,
    ORDER_ASSESS_NOTICE,
    ORDER_ASSESS_NO_PLAN,
    ORDER_ASSESS_FINAL_PLAN,
    ORDER_MAKE_PLAN_DRAFT,
    ORDER_MAKE_PLAN_FINAL,
    ORDER_AMEND_PLAN,
    ORDER_AMEND_SCHOOL,
    UNOPPOSED_ASSESS_NOTICE,
    UNOPPOSED_ASSESS_NO_PLAN,
    UNOPPOSED_ASSESS_FINAL_PLAN,
    UNOPPOSED_AMEND_PLAN,
    PERSONAL_BUDGET_FIRST_REVIEW,
    PERSONAL_BUDGET_REVIEW,
)
"""Every clock above, in the order a case meets them."""
