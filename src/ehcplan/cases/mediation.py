"""Mediation on a case, from the family's contact with the adviser to the agreement.

The parent or young person can contest an appealable decision (CFA 2014 s51)
by mediation before appealing. SI 2014/1530 Part 6 sets the steps of a
mediation and the time limits of each:

* the family contacts the mediation adviser (`ehcplan.cases.MediationRequested`,
  reg 33);
* if it does not want mediation, the adviser is told and issues a certificate
  within 3 working days (`MediationDeclined`, reg 34(1));
* if it does, the authority is told, with the issues the mediation is about
  (`MediationPursued`), and arranges mediation within 30 days (regs 35(4),
  36(2)); when the issues include health care, it tells each commissioning body
  concerned within 3 working days (`MediationHealthBodiesTold`, reg 35(2)), and
  a mediation about health care alone is arranged by the commissioning body
  within 30 days of being told (reg 35(3));
* if mediation cannot take place within the 30 days, the adviser is told and
  issues a certificate within 3 working days (`MediationNotPossible`, reg 37);
* the mediation takes place (`MediationHeld`); once it concludes, the mediator
  issues a certificate within 3 working days (reg 39(1),
  `ehcplan.cases.MediationCertificateIssued`);
* an agreement reached (`MediationAgreed`) on a matter that can be appealed is
  complied with within the limits of a Tribunal order (reg 42(2), applying
  reg 44), one on a matter that cannot within 2 weeks (reg 42(3),
  `MediationAgreementCarriedOut`), and when the authority was not a party the
  commissioning body tells it of the agreement within 1 week (reg 42(4),
  `MediationAgreementNotified`).

An agreement does not move the case's stage by itself, as a Tribunal order
does: the authority then records what it does (a decision to assess, to issue
a plan, an amended plan), and the clock report counts those against the
reg 44 limits from the agreement (`ehcplan.cases.compliance`). The rules of
the log for mediation are here; those of appeals in `ehcplan.cases.appeals`.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case, MediationRequested
    >>> case = Case(reference="EHC-8", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=False))
    >>> case = case.record(MediationRequested(on=dt.date(2025, 3, 3)))
    >>> case = case.record(MediationPursued(on=dt.date(2025, 3, 10),
    ...     issues=[MediationIssue.EDUCATION]))
    >>> case = case.record(MediationHeld(on=dt.date(2025, 4, 2), concluded=True))
    >>> case = case.record(MediationAgreed(on=dt.date(2025, 4, 2), appealable=True,
    ...     authority_party=True, order=TribunalOrder.ASSESS, record="agreement MA-1"))
    >>> case.stage.value
    'refused to assess'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

import attrs

from ehcplan import validators
from ehcplan.cases import fields
from ehcplan.cases.events import (
    Event,
    MediationCertificateIssued,
    MediationRequested,
    TribunalOrder,
)
from ehcplan.cases.log import APPEALABLE_STAGES, Progress, Refusal, Stage, rule
from ehcplan.cases.plan import APPEALABLE_SECTIONS, Section
from ehcplan.errors import InvalidInput

__all__ = [
    "AGREEMENT_ORDERS",
    "MEDIATION_EVENTS",
    "MediationAgreed",
    "MediationAgreementCarriedOut",
    "MediationAgreementNotified",
    "MediationDeclined",
    "MediationHealthBodiesTold",
    "MediationHeld",
    "MediationIssue",
    "MediationNotPossible",
    "MediationPursued",
]


class MediationIssue(enum.Enum):
    """What a mediation is about (SI 2014/1530 regs 35, 36)."""

    EDUCATION = "education"
    """The decision appealed, or the plan's special educational content."""
    SOCIAL_CARE = "social care"
    """The social care provision in the plan."""
    HEALTH_CARE = "health care"
    """The health care provision in the plan, or its absence."""


AGREEMENT_ORDERS = frozenset(
    {TribunalOrder.ASSESS, TribunalOrder.MAKE_PLAN, TribunalOrder.AMEND}
)
"""What an agreement on an appealable matter can have the authority do (reg 42(2))."""


@attrs.frozen(kw_only=True)
class MediationDeclined(Event):
    """The adviser was told the family does not want mediation (SI 2014/1530 reg 34(1)).

    The adviser's certificate is due within 3 working days.

    Attributes:
        decision_on: The decision the mediation was about (None: the latest).
    """

    kind: ClassVar[str] = "mediation_declined"
    decision_on: dt.date | None = fields.optional_date("decision_on")


@attrs.frozen(kw_only=True)
class MediationPursued(Event):
    """The authority was told the family wants mediation, and what about (regs 35, 36).

    `on` is the day the authority was told. It must arrange a mediation about
    education or social care within 30 days (regs 35(4), 36(2)); when the issues
    include health care, it tells the commissioning bodies within 3 working days
    (reg 35(2)).

    Attributes:
        issues: What the mediation is about.
        decision_on: The decision the mediation is about (None: the latest).
    """

    kind: ClassVar[str] = "mediation_pursued"
    issues: frozenset[MediationIssue] = fields.enum_set(MediationIssue, "issues")
    decision_on: dt.date | None = fields.optional_date("decision_on")

    def __attrs_post_init__(self) -> None:
        """A mediation is about something."""
        if not self.issues:
            words = ", ".join(repr(i.value) for i in MediationIssue)
            msg = f"issues must name at least one of {words}."
            raise InvalidInput(msg, field="issues")


@attrs.frozen(kw_only=True)
class MediationHealthBodiesTold(Event):
    """The authority told the commissioning bodies the health care issues (reg 35(2)).

    For a mediation about health care alone, each body then arranges it within
    30 days (reg 35(3)).

    Attributes:
        bodies: The commissioning bodies told (an integrated care board's name or code).
    """

    kind: ClassVar[str] = "mediation_health_bodies_told"
    bodies: tuple[str, ...] = fields.texts("bodies", required=True)


@attrs.frozen(kw_only=True)
class MediationNotPossible(Event):
    """The adviser was told mediation cannot take place within the 30 days (reg 37).

    The adviser's certificate is due within 3 working days; the 30 days stop on
    the day the adviser is told.
    """

    kind: ClassVar[str] = "mediation_not_possible"


@attrs.frozen(kw_only=True)
class MediationHeld(Event):
    """A mediation meeting took place.

    Attributes:
        concluded: Whether the mediation concluded at it; the mediator's
            certificate is due within 3 working days of the conclusion (reg 39(1)).
    """

    kind: ClassVar[str] = "mediation_held"
    concluded: bool = fields.flag()


@attrs.frozen(kw_only=True)
class MediationAgreed(Event):
    """An agreement was reached at mediation and recorded in writing (SI 2014/1530 reg 42).

    On a matter that can be appealed, the authority complies within the limits of
    the Tribunal order the agreement stands for (reg 42(2), applying reg 44):
    `order` says which (assess, make a plan, amend; with `sections` for an
    amendment). On a matter that cannot be appealed, what was agreed is done
    within 2 weeks (reg 42(3)). When the authority was not a party, the
    commissioning body tells it within 1 week (reg 42(4)).

    Attributes:
        appealable: Whether the agreement is on a matter that can be appealed.
        authority_party: Whether the local authority was a party to the mediation.
        order: For an appealable matter, what the authority agreed to do.
        sections: For an agreement to amend, the sections to amend (B, F, I).
        record: A reference to the written agreement.
    """

    kind: ClassVar[str] = "mediation_agreed"
    appealable: bool = fields.flag()
    authority_party: bool = fields.flag()
    order: TribunalOrder | None = attrs.field(
        default=None, validator=validators.optional(validators.member(TribunalOrder))
    )
    sections: frozenset[Section] = fields.enum_set(Section, "sections")
    record: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """An agreement on an appealable matter says what the authority will do."""
        if self.appealable:
            if self.order not in AGREEMENT_ORDERS:
                msg = (
                    "an agreement on a matter that can be appealed names what the "
                    "authority agreed to do as the order it stands for (reg 42(2)): "
                    f"order must be 'assess', 'make plan' or 'amend', got {self.order!r}."
                )
                raise InvalidInput(msg, field="order")
            if not self.authority_party:
                msg = (
                    "an agreement on a matter that can be appealed is about the "
                    "authority's decision, so the authority is a party to it; set "
                    "authority_party=True, or appealable=False for a health matter."
                )
                raise InvalidInput(msg, field="authority_party")
        elif self.order is not None:
            msg = (
                "an agreement on a matter that cannot be appealed is done within 2 "
                "weeks (reg 42(3)) and stands for no order; leave order out."
            )
            raise InvalidInput(msg, field="order")
        if self.sections and self.order is not TribunalOrder.AMEND:
            msg = "only an agreement to amend names sections; leave sections empty."
            raise InvalidInput(msg, field="sections")
        if not self.sections <= APPEALABLE_SECTIONS:
            other = ", ".join(
                sorted(s.value for s in self.sections - APPEALABLE_SECTIONS)
            )
            msg = (
                f"section {other} is not an appealable matter; an agreement to amend "
                "names sections B, F or I (CFA 2014 s51(2)(c))."
            )
            raise InvalidInput(msg, field="sections")


@attrs.frozen(kw_only=True)
class MediationAgreementNotified(Event):
    """The commissioning body told the authority of an agreement it was not party to (reg 42(4)).

    Attributes:
        agreement_on: The date of the agreement.
    """

    kind: ClassVar[str] = "mediation_agreement_notified"
    agreement_on: dt.date = fields.date("agreement_on")


@attrs.frozen(kw_only=True)
class MediationAgreementCarriedOut(Event):
    """What was agreed on a matter that cannot be appealed was done (reg 42(3)).

    Attributes:
        agreement_on: The date of the agreement.
        by: Who did it (the authority or the commissioning body).
    """

    kind: ClassVar[str] = "mediation_agreement_carried_out"
    agreement_on: dt.date = fields.date("agreement_on")
    by: str = fields.text()


# --- The rules of the log -----------------------------------------------------------


@attrs.define
class Mediations:
    """What the replay knows about a case's mediation (kept with `Progress.state`).

    Attributes:
        declined: Whether the family declined mediation (this mediation).
        issues: The issues of the mediation pursued, if it is.
        bodies_told: Whether the commissioning bodies were told.
        not_possible: Whether the adviser was told it cannot take place in time.
        held: Whether a mediation meeting took place.
        concluded: Whether the mediation concluded.
        agreed: Whether an agreement was recorded for this mediation.
        to_notify: Agreements the authority was not party to, not yet notified.
        to_carry_out: Agreements on matters that cannot be appealed, not yet done.
    """

    declined: bool = False
    issues: frozenset[MediationIssue] | None = None
    bodies_told: bool = False
    not_possible: bool = False
    held: bool = False
    concluded: bool = False
    agreed: bool = False
    to_notify: set[dt.date] = attrs.Factory(set)
    to_carry_out: set[dt.date] = attrs.Factory(set)

    def start(self) -> None:
        """A new mediation: forget the last one's steps (but not what it still owes)."""
        self.declined, self.issues, self.bodies_told = False, None, False
        self.not_possible = self.held = self.concluded = self.agreed = False


@rule(MediationRequested)
def _mediation(p: Progress, event: MediationRequested) -> None:
    p.expect(APPEALABLE_STAGES, "mediation")
    p.decision(event.decision_on, "mediation")
    p.mediation_open = True
    p.state(Mediations).start()


@rule(MediationCertificateIssued)
def _certificate(p: Progress, event: MediationCertificateIssued) -> None:
    p.expect(APPEALABLE_STAGES, "a mediation certificate")
    p.decision(event.decision_on, "a mediation certificate")
    if not p.mediation_open:
        msg = "the mediation adviser was not contacted; record MediationRequested first"
        raise Refusal(msg)
    p.mediation_open = False


def _contacted(p: Progress, what: str) -> Mediations:
    if not p.mediation_open:
        msg = (
            f"{what} follows the family's contact with the mediation adviser; record "
            "MediationRequested first"
        )
        raise Refusal(msg)
    return p.state(Mediations)


def _pursued(p: Progress, what: str) -> frozenset[MediationIssue]:
    issues = _contacted(p, what).issues
    if issues is None:
        msg = (
            f"{what} needs the family to want mediation; record MediationPursued first"
        )
        raise Refusal(msg)
    return issues


@rule(MediationDeclined)
def _declined(p: Progress, event: MediationDeclined) -> None:
    state = _contacted(p, "declining mediation")
    p.decision(event.decision_on, "declining mediation")
    if state.declined or state.issues is not None:
        msg = "the family already told the adviser whether it wants mediation"
        raise Refusal(msg)
    state.declined = True


@rule(MediationPursued)
def _wanted(p: Progress, event: MediationPursued) -> None:
    state = _contacted(p, "pursuing mediation")
    p.decision(event.decision_on, "pursuing mediation")
    if state.declined or state.issues is not None:
        msg = "the family already told the adviser whether it wants mediation"
        raise Refusal(msg)
    state.issues = event.issues


@rule(MediationHealthBodiesTold)
def _bodies(p: Progress, _event: MediationHealthBodiesTold) -> None:
    issues = _pursued(p, "telling the commissioning bodies")
    state = p.state(Mediations)
    if MediationIssue.HEALTH_CARE not in issues:
        msg = (
            "the mediation issues do not include health care, so no commissioning "
            "body is told (reg 35(2))"
        )
        raise Refusal(msg)
    if state.bodies_told:
        msg = "the commissioning bodies were already told"
        raise Refusal(msg)
    state.bodies_told = True


@rule(MediationNotPossible)
def _not_possible(p: Progress, _event: MediationNotPossible) -> None:
    _pursued(p, "telling the adviser mediation cannot take place")
    state = p.state(Mediations)
    if state.held or state.not_possible:
        msg = "the mediation has already taken place, or the adviser was already told"
        raise Refusal(msg)
    state.not_possible = True


@rule(MediationHeld)
def _held(p: Progress, event: MediationHeld) -> None:
    issues = _pursued(p, "a mediation meeting")
    state = p.state(Mediations)
    if state.concluded:
        msg = "the mediation has concluded; a new one starts with MediationRequested"
        raise Refusal(msg)
    if issues == {MediationIssue.HEALTH_CARE} and not state.bodies_told:
        msg = (
            "a mediation about health care alone is arranged by the commissioning "
            "body once it is told (reg 35(3)); record MediationHealthBodiesTold first"
        )
        raise Refusal(msg)
    state.held = True
    state.concluded = event.concluded


_AGREEMENT_STAGES = {
    TribunalOrder.ASSESS: Stage.REFUSED,
    TribunalOrder.MAKE_PLAN: Stage.NOT_ISSUING,
    TribunalOrder.AMEND: Stage.PLAN_IN_PLACE,
}


@rule(MediationAgreed)
def _agreed(p: Progress, event: MediationAgreed) -> None:
    state = p.state(Mediations)
    if not state.concluded:
        msg = (
            "an agreement is reached at a mediation that has concluded; record "
            "MediationHeld with concluded=True first"
        )
        raise Refusal(msg)
    if state.agreed:
        msg = "this mediation's agreement is already recorded"
        raise Refusal(msg)
    if event.order is not None:
        needed = _AGREEMENT_STAGES[event.order]
        if p.stage is not needed:
            msg = (
                f"an agreement to {event.order.value!r} applies to a case that is "
                f"{needed.value!r}, and this one is {p.stage.value!r}"
            )
            raise Refusal(msg)
    state.agreed = True
    if event.order is TribunalOrder.AMEND:
        p.amendment_due = True
        p.ordered_sections = event.sections
    if not event.appealable:
        state.to_carry_out.add(event.on)
    if not event.authority_party:
        state.to_notify.add(event.on)


@rule(MediationAgreementNotified)
def _notified(p: Progress, event: MediationAgreementNotified) -> None:
    pending = p.state(Mediations).to_notify
    if event.agreement_on not in pending:
        msg = (
            f"no agreement of {event.agreement_on.isoformat()} that the authority was "
            "not party to is waiting to be notified; record MediationAgreed with "
            "authority_party=False first"
        )
        raise Refusal(msg)
    pending.remove(event.agreement_on)


@rule(MediationAgreementCarriedOut)
def _carried_out(p: Progress, event: MediationAgreementCarriedOut) -> None:
    pending = p.state(Mediations).to_carry_out
    if event.agreement_on not in pending:
        msg = (
            f"no agreement of {event.agreement_on.isoformat()} on a matter that cannot "
            "be appealed is waiting to be carried out; record MediationAgreed with "
            "appealable=False first"
        )
        raise Refusal(msg)
    pending.remove(event.agreement_on)


MEDIATION_EVENTS: tuple[type[Event], ...] = (
    MediationDeclined,
    MediationPursued,
    MediationHealthBodiesTold,
    MediationNotPossible,
    MediationHeld,
    MediationAgreed,
    MediationAgreementNotified,
    MediationAgreementCarriedOut,
)
"""The mediation events this module adds, in the order a case meets them."""
