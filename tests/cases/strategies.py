"""Hypothesis strategies for whole journeys through the seeds' procedures.

`journeys()` draws a valid case by walking the process step by step: the
decision to assess, the RAS form's steps and its sign-off route, panels and
their records, meetings and documents, a personal budget asked for, decided
and paid, the plan's content in its draft, final and amended versions, a
jointly funded placement with emergency funding and its review, the facts
behind an exception ground, and mediation and appeals with every branch the
regulations give (declined, pursued about any issues, not possible, held,
agreed, not opposed, decided by the Tribunal). Each step is drawn only where
the log allows it, so every drawn case can be recorded.
"""

import datetime as dt

from hypothesis import strategies as st

from ehcplan import Money, ras
from ehcplan import cases as c
from ehcplan.budgets import Mechanism, Part, Requester
from ehcplan.funding import Agency
from ehcplan.policy import PanelRemit
from ehcplan.timeline import Closure, ExceptionGround, Limit, Person, SchoolCalendar

words = st.text(alphabet="abcdefghij KLMN-0123", min_size=1, max_size=12).filter(
    str.strip
)
pence = st.integers(1, 5_000_000).map(Money)
sections = st.sampled_from(c.Section)

outcomes = st.builds(
    c.Outcome,
    text=words,
    targets=st.lists(words, max_size=3),
    by=st.none() | words,
)
provisions = st.builds(
    c.Provision,
    section=st.sampled_from([c.Section.F, c.Section.G, c.Section.H1, c.Section.H2]),
    text=words,
    quantity=st.none() | words,
    provider=st.none() | words,
)
settings = st.builds(c.Setting, name=words, kind=st.none() | words)
plan_budgets = st.builds(
    c.PlanBudget,
    amount=st.integers(100, 10**6).map(Money),
    covers=st.lists(words, min_size=1, max_size=2),
)
appendices = st.builds(c.Appendix, title=words, document=words)


@st.composite
def plans(draw, *, final=True):
    """A plan's content; a final one fills sections B, E, F and I (reg 12(1))."""
    provision = draw(st.lists(provisions, max_size=3))
    if final:
        provision.append(
            c.Provision(section=c.Section.F, text=draw(words), quantity=None)
        )
    return c.PlanContent(
        views=draw(st.none() | words),
        needs=draw(st.lists(words, min_size=1 if final else 0, max_size=3)),
        health_needs=draw(st.lists(words, max_size=2)),
        social_care_needs=draw(st.lists(words, max_size=2)),
        outcomes=draw(st.lists(outcomes, min_size=1 if final else 0, max_size=3)),
        provision=provision,
        setting=draw(settings) if final else draw(st.none() | settings),
        personal_budget=draw(st.none() | plan_budgets),
        advice=draw(st.lists(appendices, max_size=2)),
    )


class _Walk:
    """A case being built, with the date of its last event."""

    def __init__(self, draw, received):
        self.draw = draw
        self.case = c.Case(reference="EHC-H", received_on=received)
        self.today = received

    def later(self, most=40):
        """A day on or after the last event."""
        self.today += dt.timedelta(days=self.draw(st.integers(0, most)))
        return self.today

    def add(self, event):
        """Record *event* (the walk only draws what the log allows)."""
        self.case = self.case.record(event)
        return event

    def maybe(self):
        """A coin toss."""
        return self.draw(st.booleans())

    def likely(self):
        """Three times in four: for the branches that lead deeper into a journey."""
        return self.draw(st.integers(0, 3)) > 0


def _ras(walk):
    points = walk.draw(st.integers(0, 120))
    walk.add(
        c.RasScored(
            on=walk.later(),
            scheme="exampleshire-6-16",
            points=points,
            by=walk.draw(words),
            occasion=c.RasOccasion.ASSESSMENT,
            evidence=walk.draw(st.lists(words, min_size=1, max_size=2)),
        )
    )
    walk.add(c.RasVerified(on=walk.later(), points=points, by=walk.draw(words)))
    if walk.maybe():
        points = walk.draw(st.integers(0, 120))
        walk.add(c.RasModerated(on=walk.later(), points=points, by=walk.draw(words)))
    indicative = walk.draw(pence)
    walk.add(
        c.IndicativeResourceAllocated(
            on=walk.later(),
            points=points,
            amount=indicative,
            basis=walk.draw(words),
            by=walk.draw(words),
        )
    )
    recommended, threshold = walk.draw(pence), walk.draw(pence)
    more = walk.maybe()
    routing = ras.route(
        recommended=recommended,
        indicative=indicative,
        threshold=threshold,
        more_needed=more,
    )
    walk.add(
        c.RasSignedOff(
            on=walk.later(),
            route=c.SignOffRoute(routing.route.value),
            recommended=recommended,
            indicative=indicative,
            threshold=threshold,
            more_needed=more,
            decided_by=walk.draw(words),
        )
    )


def _panel(walk, agreed):
    walk.add(
        c.PanelReferred(
            on=walk.later(),
            panel="rap",
            remits=walk.draw(st.sets(st.sampled_from(PanelRemit), max_size=2)),
            referred_by=walk.draw(words),
            evidence=walk.draw(words),
        )
    )
    if walk.maybe():
        walk.add(c.PanelDeferred(on=walk.later(), panel="rap"))
    meeting = walk.later()
    walk.add(
        c.PanelPlanDecision(
            on=meeting,
            panel="rap",
            agreed=agreed,
            reasons=walk.draw(words),
            decided_by=walk.draw(words),
            evidence=walk.draw(words),
        )
    )
    if agreed and walk.maybe():
        walk.add(
            c.PanelFundingDecision(
                on=meeting,
                panel="rap",
                amount=walk.draw(pence),
                types=walk.draw(st.lists(words, min_size=1, max_size=2)),
                reasons=walk.draw(words),
                decided_by=walk.draw(words),
                evidence=walk.draw(words),
            )
        )
    if agreed and walk.maybe():
        walk.add(
            c.PanelPlacementDecision(
                on=meeting,
                panel="rap",
                setting=walk.draw(words),
                reasons=walk.draw(words),
                decided_by=walk.draw(words),
                evidence=walk.draw(words),
            )
        )
    if walk.maybe():
        walk.add(c.PanelRecordSent(on=walk.later(7), panel="rap", meeting_on=meeting))


_DIRECT = Part(
    amount=Money(240000),
    mechanism=Mechanism.DIRECT_PAYMENT,
    agency=Agency.SOCIAL_CARE,
    provision="short breaks",
)


def _budget(walk):
    walk.add(c.BudgetRequested(on=walk.later(), requester=Requester.PARENT))
    parts = walk.draw(
        st.lists(
            st.builds(
                Part,
                amount=pence,
                mechanism=st.sampled_from(Mechanism),
                agency=st.sampled_from(Agency),
                provision=words,
            ),
            max_size=2,
        )
    )
    agreed = bool(parts)
    if not agreed and walk.maybe():
        reasons = walk.draw(st.lists(words, min_size=1, max_size=2))
        walk.add(
            c.BudgetDecided(
                on=walk.later(),
                agreed=False,
                reasons=reasons,
                decided_by=walk.draw(words),
                evidence=walk.draw(words),
            )
        )
        walk.add(c.BudgetReviewRequested(on=walk.later()))
        parts = walk.draw(st.lists(st.just(_DIRECT), max_size=1))
        walk.add(
            c.BudgetReviewDecided(
                on=walk.later(),
                agreed=bool(parts),
                parts=parts,
                reasons=reasons,
                decided_by=walk.draw(words),
            )
        )
        return bool(parts)
    walk.add(
        c.BudgetDecided(
            on=walk.later(),
            agreed=agreed,
            parts=parts,
            reasons=[]
            if agreed
            else walk.draw(st.lists(words, min_size=1, max_size=2)),
            decided_by=walk.draw(words),
            evidence=walk.draw(words),
        )
    )
    return any(p.mechanism is not Mechanism.ARRANGEMENT for p in parts)


def _facts_and_ground(walk):
    kind = walk.draw(
        st.sampled_from(["absence", "circumstances", "coronavirus", "none"])
    )
    if kind == "coronavirus":
        walk.add(
            c.CoronavirusImpactRecorded(
                on=walk.later(5), impact_on=walk.today, evidence=walk.draw(words)
            )
        )
    elif kind != "none":
        first = walk.later(20)
        last = walk.later(40)
        made = (
            c.AbsenceRecorded if kind == "absence" else c.PersonalCircumstancesRecorded
        )
        walk.add(
            made(
                on=walk.later(5),
                person=walk.draw(st.sampled_from(Person)),
                first_day=first,
                last_day=last,
                evidence=walk.draw(words),
            )
        )
    ground = walk.draw(
        st.sampled_from(
            [
                ExceptionGround.ABSENT_FROM_AREA,
                ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
            ]
        )
    )
    walk.add(
        c.ExceptionGroundRecorded(
            on=walk.later(5),
            ground=ground,
            limit=walk.draw(
                st.sampled_from([Limit.DECISION_TO_ASSESS, Limit.FINAL_PLAN])
            ),
            evidence=walk.draw(words),
            decided_by=walk.draw(words),
        )
    )


def _advice(walk):
    sources = walk.draw(
        st.sets(st.sampled_from(c.AdviceSource), min_size=1, max_size=3)
    )
    asked_on = walk.later(10)
    for source in sorted(sources, key=lambda s: s.value):
        walk.add(c.AdviceRequested(on=asked_on, source=source))
    if c.AdviceSource.EDUCATION in sources and walk.maybe():
        first = asked_on + dt.timedelta(days=walk.draw(st.integers(-10, 30)))
        calendar = SchoolCalendar(
            institution=walk.draw(words),
            closures=(
                Closure(
                    first_closed_day=first,
                    reopens_on=first + dt.timedelta(days=walk.draw(st.integers(1, 50))),
                    name=walk.draw(st.none() | words),
                ),
            ),
        )
        walk.add(
            c.InstitutionAdviceRequestRecorded(
                on=walk.later(3),
                asked_on=asked_on,
                calendar=calendar,
                early_years=walk.maybe(),
                evidence=walk.draw(words),
            )
        )
    if c.AdviceSource.EDUCATIONAL_PSYCHOLOGY in sources and walk.maybe():
        missed = walk.later(20)
        walk.add(
            c.MissedAppointmentRecorded(
                on=walk.later(3),
                appointment_on=missed,
                made_by=c.AdviceSource.EDUCATIONAL_PSYCHOLOGY,
                evidence=walk.draw(words),
            )
        )
    for source in sorted(sources, key=lambda s: s.value):
        if walk.maybe():
            walk.add(c.AdviceReceived(on=walk.later(), source=source))


def _mediation(walk, stage_order):
    """A mediation after the latest decision, down one of the regulations' branches."""
    walk.add(c.MediationRequested(on=walk.later()))
    branch = walk.draw(st.sampled_from(["declined", "pursued", "pursued", "stop"]))
    if branch == "stop":
        return
    if branch == "declined":
        walk.add(c.MediationDeclined(on=walk.later(10)))
        walk.add(c.MediationCertificateIssued(on=walk.later(5)))
        return
    issues = walk.draw(st.sets(st.sampled_from(c.MediationIssue), min_size=1))
    walk.add(c.MediationPursued(on=walk.later(10), issues=issues))
    if c.MediationIssue.HEALTH_CARE in issues:
        bodies = walk.draw(st.lists(words, min_size=1, max_size=2))
        walk.add(c.MediationHealthBodiesTold(on=walk.later(5), bodies=bodies))
    if not walk.likely():
        walk.add(c.MediationNotPossible(on=walk.later(40)))
        walk.add(c.MediationCertificateIssued(on=walk.later(5)))
        return
    walk.add(c.MediationHeld(on=walk.later(30), concluded=True))
    if walk.likely():
        appealable = stage_order is not None and walk.maybe()
        party = appealable or walk.maybe()
        agreed_on = walk.today
        walk.add(
            c.MediationAgreed(
                on=agreed_on,
                appealable=appealable,
                authority_party=party,
                order=stage_order if appealable else None,
                record=walk.draw(words),
            )
        )
        if not party and walk.maybe():
            walk.add(
                c.MediationAgreementNotified(on=walk.later(7), agreement_on=agreed_on)
            )
    walk.add(c.MediationCertificateIssued(on=walk.later(5)))


def _appeal(walk, refused):
    walk.add(c.AppealRegistered(on=walk.later()))
    if walk.maybe():
        kind = c.AppealKind.REFUSAL_TO_ASSESS if refused else c.AppealKind.OTHER
        walk.add(c.AppealNotOpposed(on=walk.later(60), appeal=kind))
        return
    orders = [c.TribunalOrder.DISMISSED] + (
        [c.TribunalOrder.ASSESS] if refused else [c.TribunalOrder.CONTINUE]
    )
    walk.add(
        c.TribunalDecision(on=walk.later(200), order=walk.draw(st.sampled_from(orders)))
    )


def _placement(walk):
    total = walk.draw(st.integers(100, 10**7))
    education = walk.draw(st.integers(0, total))
    shares = {
        Agency.EDUCATION: Money(education),
        Agency.SOCIAL_CARE: Money(total - education),
    }
    if walk.maybe():
        walk.add(
            c.EmergencyFundingAgreed(
                on=walk.later(),
                panel="atr",
                amount=walk.draw(pence),
                chair=walk.draw(words),
                evidence=walk.draw(words),
            )
        )
        walk.add(
            c.EmergencyFundingDecided(
                on=walk.later(30),
                panel="atr",
                confirmed=True,
                decided_by=walk.draw(words),
            )
        )
    walk.add(
        c.MeetingHeld(
            on=walk.later(),
            meeting=c.MeetingKind.MULTI_AGENCY,
            attended_by=walk.draw(st.lists(words, min_size=1, max_size=3)),
        )
    )
    walk.add(
        c.PanelReferred(
            on=walk.later(),
            panel="atr",
            remits=[PanelRemit.JOINT_FUNDING],
            referred_by=walk.draw(words),
            evidence=walk.draw(words),
        )
    )
    walk.add(
        c.AccessToResourcesDecision(
            on=walk.later(30),
            panel="atr",
            setting=walk.draw(words),
            weeks_per_year=walk.draw(st.sampled_from([38, 52])),
            total=Money(total),
            shares=shares,
            reasons=walk.draw(words),
            decided_by=walk.draw(words),
            evidence=walk.draw(words),
        )
    )
    walk.add(c.PlacementStarted(on=walk.later(), setting=walk.draw(words)))
    if walk.maybe():
        walk.add(
            c.PlacementDisruptionReported(on=walk.later(), evidence=walk.draw(words))
        )
    walk.add(
        c.PlacementReviewed(
            on=walk.later(200),
            panel="atr",
            continues=walk.maybe(),
            decided_by=walk.draw(words),
        )
    )


def _review(walk, paying):
    if walk.maybe():
        notice = walk.later(300)
        meeting = notice + dt.timedelta(days=walk.draw(st.integers(0, 30)))
        walk.add(
            c.MeetingArranged(
                on=notice, meeting=c.MeetingKind.ANNUAL_REVIEW, meeting_on=meeting
            )
        )
        walk.today = meeting
    walk.add(c.ReviewMeetingHeld(on=walk.later(365)))
    if not paying and walk.maybe():
        paying = _budget(walk)
    outcome = walk.draw(st.sampled_from(c.ReviewOutcome))
    amend = outcome is c.ReviewOutcome.AMEND
    walk.add(c.ReviewDecision(on=walk.later(28), outcome=outcome))
    if amend:
        before = walk.case.plan
        after = walk.draw(plans())
        changed = after.differs_from(before) if before is not None else frozenset()
        walk.add(c.AmendedPlanIssued(on=walk.later(56), sections=changed, plan=after))
    if paying:
        walk.add(c.DirectPaymentsStarted(on=walk.later(), amount=walk.draw(pence)))
        if walk.maybe():
            walk.add(c.BudgetServicesChanged(on=walk.later(), note=walk.draw(words)))
        walk.add(
            c.DirectPaymentsReviewed(
                on=walk.later(90), by=walk.draw(words), evidence=walk.draw(words)
            )
        )
    if outcome is c.ReviewOutcome.MAINTAIN and walk.maybe():
        _mediation(walk, None)
    if outcome is c.ReviewOutcome.CEASE and walk.maybe():
        walk.add(
            c.PlanCeased(
                on=walk.later(60), reason=walk.draw(st.sampled_from(c.CeaseReason))
            )
        )


@st.composite
def journeys(draw):
    """A case walked through the seeds' procedures down drawn branches: always valid."""
    received = draw(st.dates(dt.date(2021, 1, 4), dt.date(2030, 12, 31)))
    walk = _Walk(draw, received)
    if draw(st.booleans()):
        _facts_and_ground(walk)
    if not draw(st.integers(0, 9)):
        walk.add(c.RequestWithdrawn(on=walk.later()))
        return walk.case
    if not walk.likely():
        walk.add(c.AssessmentDecision(on=walk.later(42), assess=False))
        if walk.likely():
            _mediation(walk, c.TribunalOrder.ASSESS)
        if draw(st.booleans()):
            _appeal(walk, refused=True)
        return walk.case
    walk.add(c.AssessmentDecision(on=walk.later(42), assess=True))
    walk.add(
        c.MeetingHeld(
            on=walk.later(),
            meeting=c.MeetingKind.INTEGRATED_ASSESSMENT,
            attended_by=draw(st.lists(words, min_size=1, max_size=3)),
        )
    )
    _advice(walk)
    if draw(st.booleans()):
        _ras(walk)
    paying = _budget(walk) if draw(st.booleans()) else False
    agreed = walk.likely()
    if draw(st.booleans()):
        _panel(walk, agreed)
    walk.add(c.IssueDecision(on=walk.later(), issue=agreed))
    if not agreed:
        walk.add(
            c.DocumentSent(
                on=walk.later(),
                document=c.DocumentKind.WRITTEN_DECISION,
                to=["parent"],
                reference=draw(words),
            )
        )
        if draw(st.booleans()):
            walk.add(c.SupportPlanIssued(on=walk.later()))
        if draw(st.booleans()):
            _mediation(walk, c.TribunalOrder.MAKE_PLAN)
        return walk.case
    walk.add(c.DraftServed(on=walk.later(), plan=draw(st.none() | plans(final=False))))
    if draw(st.booleans()):
        walk.add(c.RepresentationsReceived(on=walk.later(15)))
    if draw(st.booleans()):
        school = draw(words)
        walk.add(c.SchoolConsulted(on=walk.later(), institution=school))
        if draw(st.booleans()):
            walk.add(
                c.SchoolResponded(
                    on=walk.later(), institution=school, agrees=walk.maybe()
                )
            )
    walk.add(c.FinalPlanIssued(on=walk.later(), plan=draw(st.none() | plans())))
    if draw(st.booleans()):
        _placement(walk)
    if walk.likely():
        _review(walk, paying)
    if walk.case.stage is c.Stage.PLAN_IN_PLACE and draw(st.booleans()):
        _appeal(walk, refused=False)
    return walk.case
