"""The Resource Allocation System's steps on a case, and the sign-off route taken.

Seed 001 (Gloucestershire County Council, "Understanding the SEND Resource
Allocation System", 2017): the case co-ordinator scores the RAS form once all
reports are in, the lead SEND co-ordinator verifies it, the personalisation
officer may moderate it, and an indicative resource is allocated; the team
around the child compares its costed provision with that resource, and the
plan is signed off by the lead SEND co-ordinator or taken to the SEND panel.
Before the annual review prior to a key-stage transition the form is scored
again, and the setting is told the indicative resource ahead of the review
(`ehcplan.cases.DocumentSent` with `DocumentKind.INDICATIVE_RESOURCE`).

The RAS room (`ehcplan.ras`) scores forms and routes plans; the case records
each step as an event, with who took it and the points it left.
`ras_events` turns a `ehcplan.ras.RasRecord` (and a `ehcplan.ras.Routing`)
into these events. The occasion and route words are the RAS room's
(`ehcplan.ras.Occasion`, `ehcplan.ras.Route`).

Rules of the log: a round is scored after the decision to assess (or, for a
key-stage review, while a plan is in place), verified before it is moderated
or allocated, allocated once, and signed off after its allocation, by the
route the sign-off rule gives (`ehcplan.ras.route`).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, ClassVar

import attrs

from ehcplan.cases import fields
from ehcplan.cases.events import Event
from ehcplan.cases.log import Progress, Refusal, Stage, rule
from ehcplan.money import Money
from ehcplan.validators import whole

if TYPE_CHECKING:
    from ehcplan.ras import Indicative, RasRecord, Routing

__all__ = [
    "RAS_EVENTS",
    "IndicativeResourceAllocated",
    "RasModerated",
    "RasOccasion",
    "RasScored",
    "RasSignedOff",
    "RasVerified",
    "SignOffRoute",
    "ras_events",
]


class RasOccasion(enum.Enum):
    """Why the form was scored (the words of `ehcplan.ras.Occasion`)."""

    ASSESSMENT = "assessment"
    """After the decision to assess, once all reports are received."""
    KEY_STAGE_REVIEW = "key-stage review"
    """Before the annual review prior to a key-stage transition."""


class SignOffRoute(enum.Enum):
    """Where the plan's resource went (the words of `ehcplan.ras.Route`)."""

    RECONSIDER = "team reconsiders"
    """Over the indicative resource: the team around the child reconsiders."""
    LEAD_SIGNS_OFF = "lead SEND co-ordinator signs off"
    """In line with the indicative resource and under the threshold."""
    SEND_PANEL = "SEND panel"
    """Over the threshold, or the team agrees more is needed: to the SEND panel."""


@attrs.frozen(kw_only=True)
class RasScored(Event):
    """The case co-ordinator scored the RAS form (seed 001).

    Attributes:
        scheme: The RAS scheme's id in the authority's policy.
        points: The RAS score.
        by: Who scored it (role or staff identifier).
        occasion: Why.
        evidence: References to what the scores rest on (reports, My Plan+).
    """

    kind: ClassVar[str] = "ras_scored"
    scheme: str = fields.text()
    points: int = attrs.field(validator=whole(0, unit="points"))
    by: str = fields.text()
    occasion: RasOccasion = fields.member(RasOccasion)
    evidence: tuple[str, ...] = fields.texts("evidence", required=True)


@attrs.frozen(kw_only=True)
class RasVerified(Event):
    """The lead SEND co-ordinator verified the score (and may have changed it).

    Attributes:
        points: The score as verified.
        by: Who verified it.
        note: Why answers were changed, if they were.
    """

    kind: ClassVar[str] = "ras_verified"
    points: int = attrs.field(validator=whole(0, unit="points"))
    by: str = fields.text()
    note: str | None = fields.optional_text()


@attrs.frozen(kw_only=True)
class RasModerated(Event):
    """The personalisation officer moderated the score.

    Attributes:
        points: The score as moderated.
        by: Who moderated it.
        note: Why answers were changed, if they were.
    """

    kind: ClassVar[str] = "ras_moderated"
    points: int = attrs.field(validator=whole(0, unit="points"))
    by: str = fields.text()
    note: str | None = fields.optional_text()


@attrs.frozen(kw_only=True)
class IndicativeResourceAllocated(Event):
    """An indicative resource was allocated on the agreed score.

    Attributes:
        points: The agreed score it was worked out from.
        amount: The indicative resource, a year.
        basis: How it was worked out ("£150 a point", "band 30-44", "similar cases").
        by: Who allocated it.
    """

    kind: ClassVar[str] = "indicative_resource_allocated"
    points: int = attrs.field(validator=whole(0, unit="points"))
    amount: Money = fields.money(0)
    basis: str = fields.text()
    by: str = fields.text()


@attrs.frozen(kw_only=True)
class RasSignedOff(Event):
    """The team around the child compared the resource, and the plan took its route.

    Attributes:
        route: Where the resource went.
        recommended: The total resource the team recommends, a year.
        indicative: The indicative resource it was compared with.
        threshold: The sign-off threshold in force.
        more_needed: Whether the team agreed more resources are required.
        decided_by: Who decided (the lead SEND co-ordinator, or the team).
    """

    kind: ClassVar[str] = "ras_signed_off"
    route: SignOffRoute = fields.member(SignOffRoute)
    recommended: Money = fields.money(0)
    indicative: Money = fields.money(0)
    threshold: Money = fields.money(0)
    more_needed: bool = fields.flag()
    decided_by: str = fields.text()


@attrs.define
class _Round:
    occasion: RasOccasion
    points: int
    verified: bool = False
    moderated: bool = False
    allocated: Money | None = None


@attrs.define
class _Ras:
    rounds: list[_Round] = attrs.Factory(list)

    def current(self, what: str) -> _Round:
        if not self.rounds:
            msg = f"{what} needs a scored RAS form; record RasScored first"
            raise Refusal(msg)
        return self.rounds[-1]


_ASSESSMENT_STAGES = frozenset({Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED})


@rule(RasScored)
def _scored(p: Progress, event: RasScored) -> None:
    if event.occasion is RasOccasion.ASSESSMENT:
        p.expect(_ASSESSMENT_STAGES, "scoring the RAS for an assessment")
    else:
        p.expect(
            frozenset({Stage.PLAN_IN_PLACE}), "scoring the RAS for a key-stage review"
        )
    ras = p.state(_Ras)
    if ras.rounds and not ras.rounds[-1].verified:
        msg = "the RAS form scored before is not verified yet; verify it first"
        raise Refusal(msg)
    ras.rounds.append(_Round(occasion=event.occasion, points=event.points))


@rule(RasVerified)
def _verified(p: Progress, event: RasVerified) -> None:
    current = p.state(_Ras).current("verifying the RAS")
    if current.verified:
        msg = "this RAS form is already verified; score it again to start a new round"
        raise Refusal(msg)
    current.verified, current.points = True, event.points


@rule(RasModerated)
def _moderated(p: Progress, event: RasModerated) -> None:
    current = p.state(_Ras).current("moderating the RAS")
    if not current.verified or current.moderated or current.allocated is not None:
        msg = (
            "a RAS form is moderated once, after it is verified and before its "
            "indicative resource is allocated"
        )
        raise Refusal(msg)
    current.moderated, current.points = True, event.points


@rule(IndicativeResourceAllocated)
def _allocated(p: Progress, event: IndicativeResourceAllocated) -> None:
    current = p.state(_Ras).current("allocating an indicative resource")
    if not current.verified or current.allocated is not None:
        msg = "an indicative resource is allocated once a round, after verification"
        raise Refusal(msg)
    if event.points != current.points:
        msg = (
            f"the indicative resource must be worked out from the agreed score "
            f"({current.points} points), not {event.points}"
        )
        raise Refusal(msg)
    current.allocated = event.amount


@rule(RasSignedOff)
def _signed_off(p: Progress, event: RasSignedOff) -> None:
    current = p.state(_Ras).current("signing off the plan's resource")
    if current.allocated is None:
        msg = (
            "the plan's resource is compared with an allocated indicative "
            "resource; record IndicativeResourceAllocated first"
        )
        raise Refusal(msg)
    if event.indicative != current.allocated:
        msg = (
            f"the indicative resource compared ({event.indicative}) is not the one "
            f"allocated ({current.allocated})"
        )
        raise Refusal(msg)
    from ehcplan.ras import route

    expected = route(
        recommended=event.recommended,
        indicative=event.indicative,
        threshold=event.threshold,
        more_needed=event.more_needed,
    )
    if expected.route.value != event.route.value:
        msg = (
            f"the route recorded is {event.route.value!r}, but the sign-off rule gives "
            f"{expected.route.value!r}: {expected.reasons[-1]}"
        )
        raise Refusal(msg)


def _basis(indicative: Indicative) -> str:
    """How an indicative resource was worked out, in a few words."""
    if indicative.band is not None:
        top = indicative.band.max_points
        return f"band {indicative.band.min_points}-{'' if top is None else top} points"
    if indicative.neighbours:
        return f"similar cases ({len(indicative.neighbours)} nearest)"
    return "per point"


def ras_events(
    record: RasRecord,
    *,
    scheme: str | None = None,
    evidence: tuple[str, ...] = ("RAS form",),
    routing: Routing | None = None,
    signed_off_on: dt.date | None = None,
    decided_by: str | None = None,
    more_needed: bool = False,
) -> tuple[Event, ...]:
    """The case events that record a RAS record's rounds (and a routing), in order.

    Args:
        record: The RAS room's record of the case's forms.
        scheme: The scheme's id, if not the forms' own.
        evidence: References to what the first scores rest on.
        routing: The sign-off route of the latest round, if taken.
        signed_off_on: When the routing was decided (required with *routing*).
        decided_by: Who decided the routing (required with *routing*).
        more_needed: Whether the team agreed more resources are required.

    Examples:
        >>> import datetime as dt, ehcplan.policy
        >>> from ehcplan.ras import Answer, Evidence, RasForm, RasRecord
        >>> from ehcplan.policy import Level
        >>> s = ehcplan.policy.load_policy("exampleshire").ras.scheme("exampleshire-6-16")
        >>> low = Answer(level=Level.LOW, evidence={Evidence.PROFESSIONAL_REPORT})
        >>> form = RasForm(scheme=s, answers={o.id: low for o in s.outcomes})
        >>> record = RasRecord.start("EHC-7", form, by="case co-ordinator",
        ...                          on=dt.date(2024, 11, 4))
        >>> record = record.verify(by="lead SEND co-ordinator", on=dt.date(2024, 11, 6))
        >>> [e.kind for e in ras_events(record)]
        ['ras_scored', 'ras_verified']
    """
    from ehcplan.ras import Step

    events: list[Event] = []
    for round_ in record.rounds:
        for entry in round_.entries:
            points = entry.score.total
            if entry.step is Step.SCORED:
                events.append(
                    RasScored(
                        on=entry.on,
                        scheme=scheme or entry.form.scheme.id,
                        points=points,
                        by=entry.by,
                        occasion=RasOccasion(round_.occasion.value),
                        evidence=evidence,
                    )
                )
            else:
                made = RasVerified if entry.step is Step.VERIFIED else RasModerated
                events.append(
                    made(on=entry.on, points=points, by=entry.by, note=entry.note)
                )
        if round_.allocation is not None:
            a = round_.allocation
            events.append(
                IndicativeResourceAllocated(
                    on=a.on,
                    points=a.indicative.score,
                    amount=a.indicative.amount,
                    basis=_basis(a.indicative),
                    by=a.by,
                )
            )
    if routing is not None:
        events.append(
            RasSignedOff(
                on=fields.to_day(signed_off_on, "signed_off_on"),
                route=SignOffRoute(routing.route.value),
                recommended=routing.recommended,
                indicative=routing.indicative,
                threshold=routing.threshold,
                more_needed=more_needed,
                decided_by=decided_by,  # type: ignore[arg-type]  # checked by the event
            )
        )
    return tuple(events)


RAS_EVENTS: tuple[type[Event], ...] = (
    RasScored,
    RasVerified,
    RasModerated,
    IndicativeResourceAllocated,
    RasSignedOff,
)
"""The RAS events this module adds, in the order a case meets them."""
