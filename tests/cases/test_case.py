import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.errors import EventRejected, InvalidInput
from ehcplan.timeline import ExceptionGround, Limit

RECEIVED = dt.date(2024, 9, 2)


def day(n: int) -> dt.date:
    """The date *n* days after the request was received."""
    return RECEIVED + dt.timedelta(days=n)


def build(*events: c.Event, reference: str = "EHC-0001") -> c.Case:
    """A case received on RECEIVED with *events* recorded one by one."""
    case = c.Case(reference=reference, received_on=RECEIVED)
    for event in events:
        case = case.record(event)
    return case


ISSUED_JOURNEY = (
    c.AssessmentDecision(on=day(35), assess=True, panel="multi-agency"),
    c.AdviceRequested(on=day(36), source=c.AdviceSource.EDUCATIONAL_PSYCHOLOGY),
    c.AdviceRequested(on=day(36), source=c.AdviceSource.HEALTH),
    c.AdviceReceived(on=day(70), source=c.AdviceSource.HEALTH),
    c.AdviceReceived(on=day(80), source=c.AdviceSource.EDUCATIONAL_PSYCHOLOGY),
    c.PanelDeferred(on=day(84), panel="resource allocation"),
    c.IssueDecision(on=day(91), issue=True, panel="resource allocation"),
    c.DraftServed(on=day(98)),
    c.RepresentationsReceived(on=day(110)),
    c.SchoolConsulted(on=day(113), institution="URN 100001"),
    c.SchoolResponded(on=day(125), institution="URN 100001", agrees=True),
    c.FinalPlanIssued(on=day(140)),
)


def test_a_new_case_awaits_the_decision_to_assess():
    """A request with nothing recorded is waiting for the decision whether to assess."""
    case = c.Case(reference="EHC-0001", received_on=RECEIVED)

    assert case.stage == c.Stage.AWAITING_DECISION
    assert case.is_open_request
    assert case.events == ()


@pytest.mark.parametrize(
    ("events", "stage"),
    [
        ((), c.Stage.AWAITING_DECISION),
        (ISSUED_JOURNEY[:1], c.Stage.ASSESSING),
        (ISSUED_JOURNEY[:7], c.Stage.DRAFTING),
        (ISSUED_JOURNEY[:8], c.Stage.DRAFT_ISSUED),
        (ISSUED_JOURNEY, c.Stage.PLAN_IN_PLACE),
        ((c.AssessmentDecision(on=day(40), assess=False),), c.Stage.REFUSED),
        (
            (
                c.AssessmentDecision(on=day(40), assess=True),
                c.IssueDecision(on=day(100), issue=False),
                c.SupportPlanIssued(on=day(105)),
            ),
            c.Stage.NOT_ISSUING,
        ),
        ((c.RequestWithdrawn(on=day(3)),), c.Stage.WITHDRAWN),
        (
            (
                *ISSUED_JOURNEY,
                c.PlanCeased(on=day(400), reason=c.CeaseReason.TRANSFERRED),
            ),
            c.Stage.CEASED,
        ),
    ],
    ids=lambda value: value.value if isinstance(value, c.Stage) else None,
)
def test_stage_is_derived_from_the_log(events, stage):
    """The stage follows from the events alone."""
    assert stage == build(*events).stage


def test_the_whole_journey_of_seeds_000_and_003_can_be_recorded():
    """Request to plan, review, amendment, mediation, appeal and ceasing in one log."""
    case = build(
        *ISSUED_JOURNEY,
        c.ReviewMeetingHeld(on=day(480)),
        c.ReviewDecision(on=day(500), outcome=c.ReviewOutcome.AMEND),
        c.AmendedPlanIssued(on=day(540)),
        c.MediationRequested(on=day(545)),
        c.MediationCertificateIssued(on=day(548)),
        c.AppealRegistered(on=day(560)),
        c.TribunalDecision(on=day(700), order=c.TribunalOrder.AMEND),
        c.AmendedPlanIssued(on=day(730)),
        c.ReviewMeetingHeld(on=day(840)),
        c.ReviewDecision(on=day(850), outcome=c.ReviewOutcome.CEASE),
        c.PlanCeased(on=day(900), reason=c.CeaseReason.NEEDS_MET),
    )

    assert case.stage == c.Stage.CEASED
    assert not case.is_open_request
    assert day(140) == case.first(c.FinalPlanIssued).on
    assert day(730) == case.last(c.AmendedPlanIssued).on
    assert len(case.events_of(c.AmendedPlanIssued)) == 2


def test_a_refusal_can_be_overturned_by_a_tribunal_order_to_assess():
    """Refused, appealed, ordered to assess: the case goes back to assessing."""
    case = build(
        c.AssessmentDecision(on=day(42), assess=False),
        c.MediationRequested(on=day(50)),
        c.MediationCertificateIssued(on=day(53)),
        c.AppealRegistered(on=day(80)),
        c.TribunalDecision(on=day(250), order=c.TribunalOrder.ASSESS),
    )

    assert case.stage == c.Stage.ASSESSING


def test_an_authority_can_concede_after_refusing():
    """A decision to assess after a refusal reopens the request; the anchor is unchanged."""
    case = build(
        c.AssessmentDecision(on=day(42), assess=False),
        c.AssessmentDecision(on=day(60), assess=True),
    )

    assert case.stage == c.Stage.ASSESSING
    assert case.received_on == RECEIVED


def test_a_no_plan_decision_can_be_reversed_by_an_order_to_make_a_plan():
    """An order to make and maintain a plan sends the case to drafting (reg 44)."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.IssueDecision(on=day(100), issue=False),
        c.AppealRegistered(on=day(120)),
        c.TribunalDecision(on=day(300), order=c.TribunalOrder.MAKE_PLAN),
    )

    assert case.stage == c.Stage.DRAFTING


def test_a_final_plan_may_follow_the_decision_when_no_draft_date_was_kept():
    """Records such as SEN2 hold no draft date, so the final can follow the decision."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.IssueDecision(on=day(100), issue=True),
        c.FinalPlanIssued(on=day(130)),
    )

    assert case.stage == c.Stage.PLAN_IN_PLACE


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            (c.DraftServed(on=day(10)),),
            "draft_served on 2024-09-12: serving a draft plan .* is possible only when "
            "the case is 'draft issued' or 'drafting'; it is 'awaiting decision",
        ),
        (
            (c.AssessmentDecision(on=day(-1), assess=True),),
            "dated before the request was received \\(2024-09-02\\)",
        ),
        (
            (
                c.AssessmentDecision(on=day(40), assess=True),
                c.AdviceRequested(on=day(39), source=c.AdviceSource.HEALTH),
            ),
            "dated before the previous event \\(2024-10-12\\); events are recorded in "
            "date order",
        ),
        (
            (
                c.AssessmentDecision(on=day(40), assess=True),
                c.AdviceReceived(on=day(50), source=c.AdviceSource.HEALTH),
            ),
            "no health advice was asked for; record AdviceRequested for it first",
        ),
        (
            (
                c.AssessmentDecision(on=day(40), assess=False),
                c.AssessmentDecision(on=day(41), assess=False),
            ),
            "a decision whether to assess is possible only when the case is "
            "'awaiting decision to assess'; it is 'refused to assess'",
        ),
        (
            (
                c.RequestWithdrawn(on=day(5)),
                c.AssessmentDecision(on=day(6), assess=True),
            ),
            "the case is closed \\(withdrawn\\)",
        ),
        (
            (
                *ISSUED_JOURNEY[:8],
                c.SchoolResponded(on=day(120), institution="X", agrees=True),
            ),
            "'X' was not consulted; record SchoolConsulted for it first",
        ),
        (
            (*ISSUED_JOURNEY, c.AmendedPlanIssued(on=day(400))),
            "no decision or order to amend is outstanding",
        ),
        (
            (*ISSUED_JOURNEY, c.MediationCertificateIssued(on=day(400))),
            "the mediation adviser was not contacted",
        ),
        (
            (
                *ISSUED_JOURNEY,
                c.TribunalDecision(on=day(400), order=c.TribunalOrder.AMEND),
            ),
            "no appeal is registered; record AppealRegistered first",
        ),
        (
            (
                *ISSUED_JOURNEY,
                c.AppealRegistered(on=day(400)),
                c.AppealRegistered(on=day(401)),
            ),
            "an appeal is already registered and not yet decided",
        ),
        (
            (
                *ISSUED_JOURNEY,
                c.AppealRegistered(on=day(400)),
                c.TribunalDecision(on=day(500), order=c.TribunalOrder.MAKE_PLAN),
            ),
            "an order to 'make plan' does not apply to a case that is 'plan in place'; "
            "possible orders are 'dismissed', 'amend', 'continue'",
        ),
        (
            (
                *ISSUED_JOURNEY,
                c.AppealRegistered(on=day(400)),
                c.PlanCeased(on=day(410), reason=c.CeaseReason.OTHER),
            ),
            "an appeal is still open, and the plan continues until it is decided",
        ),
    ],
)
def test_impossible_events_are_rejected_with_the_reason(events, message):
    """Each rule of the log has its own message, naming the case, event and date."""
    with pytest.raises(EventRejected, match=message) as caught:
        build(*events)

    assert caught.value.reference == "EHC-0001"
    assert isinstance(caught.value, ValueError)


def test_a_rejected_event_leaves_the_case_unchanged():
    """Recording returns a new case; the old one is untouched whatever happens."""
    case = build(*ISSUED_JOURNEY[:1])

    with pytest.raises(EventRejected):
        case.record(c.FinalPlanIssued(on=day(10)))

    assert ISSUED_JOURNEY[:1] == case.events


def test_constructing_a_case_with_a_bad_log_is_rejected_too():
    """The constructor checks the whole log, so no invalid case can exist."""
    with pytest.raises(EventRejected, match="final_plan_issued"):
        c.Case(
            reference="EHC-9",
            received_on=RECEIVED,
            events=[c.FinalPlanIssued(on=day(100))],
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reference": ""}, "reference must be 1 to 64 letters"),
        ({"reference": "Jane Smith"}, "never a name"),
        ({"received_on": "2024-09-02"}, "received_on must be a datetime.date, got str"),
        ({"received_on": dt.datetime(2024, 9, 2, 10)}, "not a datetime"),  # noqa: DTZ001
        ({"events": ["draft"]}, "events must be ehcplan case events, got str"),
    ],
)
def test_bad_case_values_are_refused(kwargs, message):
    """Bad constructor arguments raise InvalidInput saying what was expected."""
    arguments = {"reference": "EHC-1", "received_on": RECEIVED, **kwargs}

    with pytest.raises(InvalidInput, match=message):
        c.Case(**arguments)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: c.PanelDeferred(on=RECEIVED, panel=" "),
            "panel must be non-blank text",
        ),
        (
            lambda: c.IssueDecision(on=RECEIVED, issue="yes"),
            "issue must be True or False",
        ),
        (
            lambda: c.ExceptionGroundRecorded(
                on=RECEIVED,
                ground=ExceptionGround.MISSED_APPOINTMENT,
                limit=Limit.FINAL_PLAN,
                evidence="note 17",
                decided_by="team manager",
            ),
            "the ground 'missed appointment' cannot disapply the final plan limit",
        ),
    ],
)
def test_bad_event_values_are_refused(make, message):
    """Events validate their own fields."""
    with pytest.raises((InvalidInput, TypeError), match=message):
        make()


def test_grounds_are_listed_per_limit():
    """A case answers which grounds were recorded against a limit."""
    ground = c.ExceptionGroundRecorded(
        on=day(60),
        ground=ExceptionGround.ABSENT_FROM_AREA,
        limit=Limit.FINAL_PLAN,
        evidence="letter 2024-11-01",
        decided_by="SEN team manager",
    )
    case = build(*ISSUED_JOURNEY[:3], ground)

    assert (ground,) == case.grounds_for(Limit.FINAL_PLAN)
    assert case.grounds_for(Limit.ADVICE) == ()


def test_json_round_trip_of_a_full_journey_is_lossless():
    """to_json then from_json gives back an equal case."""
    case = attrs.evolve(build(*ISSUED_JOURNEY), source=c.RequestSource.SCHOOL)

    assert case == c.Case.from_json(case.to_json(indent=2))


def test_json_shape_names_the_schema_and_each_event():
    """The JSON carries a schema name and version, and tags each event by kind."""
    data = json.loads(build(*ISSUED_JOURNEY[:2]).to_json())

    assert (data["schema"], data["version"]) == ("ehcplan.case", 2)
    assert [e["event"] for e in data["events"]] == [
        "assessment_decision",
        "advice_requested",
    ]
    assert data["events"][1] == {
        "event": "advice_requested",
        "on": "2024-10-08",
        "source": "educational psychology",
    }


def _valid_dict():
    return build(*ISSUED_JOURNEY[:2]).to_dict()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("schema"), "not an ehcplan case"),
        (lambda d: d.update(version=3), "unsupported case schema version 3"),
        (
            lambda d: d.update(colour="red"),
            "the case has unknown 'colour'; a case has exactly",
        ),
        (lambda d: d.update(events={}), "case.events must be a list of events"),
        (lambda d: d.update(received_on="02/09/2024"), "case.received_on"),
        (lambda d: d.update(source=9), "case.source"),
        (
            lambda d: d["events"][0].update(event="teleported"),
            "unknown event 'teleported'",
        ),
        (
            lambda d: d["events"][1].update(source="astrology"),
            "case.events\\[1\\].source",
        ),
        (lambda d: d["events"][1].update(on=20240902), "case.events\\[1\\].on"),
        (lambda d: d["events"][1].update(mood="happy"), "mood"),
        (
            lambda d: d["events"][0].pop("event"),
            'case.events\\[0\\]: the event has no "event" key naming its kind',
        ),
        (
            lambda d: d["events"][0].update(event="asessment_decision"),
            "unknown event 'asessment_decision' \\(did you mean 'assessment_decision'\\?\\)",
        ),
    ],
)
def test_malformed_json_data_is_refused_with_its_path(change, message):
    """from_dict names the path of what is wrong."""
    data = _valid_dict()
    change(data)

    with pytest.raises(InvalidInput, match=message):
        c.Case.from_dict(data)


@pytest.mark.parametrize("word", ["false", "no", "0", 0, 1, None])
def test_a_yes_or_no_must_be_true_or_false_not_a_word(word):
    """A refusal sent as "false" is refused, never read as a decision to assess."""
    data = c.Case(reference="EHC-1", received_on=dt.date(2024, 9, 2)).to_dict()
    data["events"] = [
        {
            "event": "assessment_decision",
            "on": "2024-10-07",
            "assess": word,
            "panel": None,
        }
    ]

    with pytest.raises(
        InvalidInput, match=r"case.events\[0\].assess: expected true or false"
    ):
        c.Case.from_dict(data)


def test_text_that_is_not_json_is_refused():
    """from_json says the text is not JSON."""
    with pytest.raises(InvalidInput, match="not JSON"):
        c.Case.from_json("{")


def test_from_dict_still_applies_the_rules_of_the_log():
    """A well-formed document with an impossible log raises EventRejected."""
    data = _valid_dict()
    data["events"].reverse()

    with pytest.raises(EventRejected):
        c.Case.from_dict(data)


# --- Properties ----------------------------------------------------------------------

sources = st.sampled_from(c.AdviceSource)
institutions = st.sampled_from(["URN 1", "URN 2"])


def _event(kind_and_offset):
    kind, offset, draw_bool, source, institution, ground, order, outcome, reason = (
        kind_and_offset
    )
    on = day(offset)
    return {
        c.AssessmentDecision: lambda: c.AssessmentDecision(on=on, assess=draw_bool),
        c.RequestWithdrawn: lambda: c.RequestWithdrawn(on=on),
        c.AdviceRequested: lambda: c.AdviceRequested(on=on, source=source),
        c.AdviceReceived: lambda: c.AdviceReceived(on=on, source=source),
        c.PanelDeferred: lambda: c.PanelDeferred(on=on, panel="panel"),
        c.IssueDecision: lambda: c.IssueDecision(on=on, issue=draw_bool),
        c.SupportPlanIssued: lambda: c.SupportPlanIssued(on=on),
        c.DraftServed: lambda: c.DraftServed(on=on),
        c.RepresentationsReceived: lambda: c.RepresentationsReceived(on=on),
        c.SchoolConsulted: lambda: c.SchoolConsulted(on=on, institution=institution),
        c.SchoolResponded: lambda: c.SchoolResponded(
            on=on, institution=institution, agrees=draw_bool
        ),
        c.FinalPlanIssued: lambda: c.FinalPlanIssued(on=on),
        c.ExceptionGroundRecorded: lambda: c.ExceptionGroundRecorded(
            on=on,
            ground=ground,
            limit=Limit.ADVICE
            if ground is ExceptionGround.MISSED_APPOINTMENT
            else Limit.FINAL_PLAN,
            evidence="doc 1",
            decided_by="officer",
        ),
        c.ReviewMeetingHeld: lambda: c.ReviewMeetingHeld(on=on),
        c.ReviewDecision: lambda: c.ReviewDecision(on=on, outcome=outcome),
        c.AmendedPlanIssued: lambda: c.AmendedPlanIssued(on=on),
        c.MediationRequested: lambda: c.MediationRequested(on=on),
        c.MediationCertificateIssued: lambda: c.MediationCertificateIssued(on=on),
        c.AppealRegistered: lambda: c.AppealRegistered(on=on),
        c.TribunalDecision: lambda: c.TribunalDecision(on=on, order=order),
        c.PlanCeased: lambda: c.PlanCeased(on=on, reason=reason),
    }[kind]()


events = st.tuples(
    st.sampled_from(c.events.EVENT_TYPES),
    st.integers(-5, 900),
    st.booleans(),
    sources,
    institutions,
    st.sampled_from(ExceptionGround) | st.none(),
    st.sampled_from(c.TribunalOrder),
    st.sampled_from(c.ReviewOutcome),
    st.sampled_from(c.CeaseReason),
).map(_event)


def _fold(candidates):
    """Record each candidate in turn, skipping the rejected ones."""
    case = c.Case(reference="EHC-P", received_on=RECEIVED)
    rejected = 0
    for event in sorted(candidates, key=lambda e: e.on):
        try:
            case = case.record(event)
        except EventRejected:
            rejected += 1
    return case, rejected


@settings(max_examples=300)
@given(st.lists(events, max_size=25))
def test_random_logs_build_a_case_or_raise_the_typed_error(candidates):
    """Any sequence of events either builds a valid case or raises EventRejected."""
    try:
        case = c.Case(reference="EHC-P", received_on=RECEIVED, events=candidates)
    except EventRejected as error:
        reason = error.reason
    else:
        reason = ""
        assert isinstance(case.stage, c.Stage)
    assert reason or case.events == tuple(candidates)


@settings(max_examples=300)
@given(st.lists(events, max_size=25))
def test_json_round_trip_is_lossless_for_any_valid_case(candidates):
    """Every case that can exist survives to_json/from_json unchanged."""
    case, _ = _fold(candidates)

    assert case == c.Case.from_json(case.to_json())
    assert case.stage == c.Case.from_json(case.to_json()).stage


@settings(max_examples=200)
@given(st.lists(events, max_size=25))
def test_recording_never_reorders_or_loses_events(candidates):
    """The log of a folded case is the accepted events in date order."""
    case, rejected = _fold(candidates)

    assert len(candidates) == len(case.events) + rejected
    assert [e.on for e in case.events] == sorted(e.on for e in case.events)


@pytest.mark.parametrize(
    ("received", "accepted"),
    [
        (dt.date(2020, 3, 2), True),
        (dt.date(2020, 9, 25), True),
        (dt.date(2019, 12, 1), False),
        (dt.date(2020, 9, 28), False),
    ],
)
def test_the_coronavirus_ground_needs_a_limit_running_in_2020(received, accepted):
    """SI 2020/471 covered 1 May to 25 Sep 2020 only."""
    ground = c.ExceptionGroundRecorded(
        on=received + dt.timedelta(days=30),
        ground=ExceptionGround.CORONAVIRUS_2020,
        limit=Limit.FINAL_PLAN,
        evidence="closure notice",
        decided_by="officer",
    )
    case = c.Case(reference="EHC-C", received_on=received)

    if accepted:
        assert case.record(ground).grounds_for(Limit.FINAL_PLAN) == (ground,)
    else:
        with pytest.raises(
            EventRejected, match="covers limits running between 2020-05-01"
        ):
            case.record(ground)
