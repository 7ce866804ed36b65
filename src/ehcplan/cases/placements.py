"""Jointly funded placements on a case: the panel's decision, emergency funding, the review.

The Access to Resources decision, emergency funding agreed by the chair, the
placement and its review.

Source: London Safeguarding Children Procedures 8.1, "Protocol Relating to
Jointly Funded Placements" (seed 004). Every jointly funded placement is
referred to the Access to Resources (SEN) Panel (2.1) after a multi-agency
meeting has explored the options (2.3-2.5; `ehcplan.cases.MeetingHeld` with
`MeetingKind.MULTI_AGENCY`); the panel decides the funding and the budget
allocation (3.8); in an emergency its chair may agree temporary funding, and
the case goes to the next available panel (3.6); the placement and its funding
are reviewed at the panel 6 months from the date of placement, or earlier where
the placement may break down (4.4).

The funding room (`ehcplan.funding`) apportions the costs and dates the
review; these events record what was decided. A referral to the panel is a
`ehcplan.cases.PanelReferred`.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ehcplan.cases import fields
from ehcplan.cases.decisions import Panels
from ehcplan.cases.events import Event
from ehcplan.cases.log import OPEN_REQUEST, Progress, Refusal, Stage, rule
from ehcplan.errors import InvalidInput
from ehcplan.funding import Agency
from ehcplan.money import Money
from ehcplan.validators import whole

__all__ = [
    "PLACEMENT_EVENTS",
    "AccessToResourcesDecision",
    "EmergencyFundingAgreed",
    "EmergencyFundingDecided",
    "PlacementDisruptionReported",
    "PlacementReviewed",
    "PlacementStarted",
]

_STAGES = frozenset(OPEN_REQUEST - {Stage.AWAITING_DECISION} | {Stage.PLAN_IN_PLACE})


def _shares(value: object) -> dict[Agency, Money]:
    if not isinstance(value, dict) or not value:
        msg = (
            "shares must map each paying agency (Agency.EDUCATION, SOCIAL_CARE, "
            f"HEALTH) to its Money, got {value!r}."
        )
        raise InvalidInput(msg, field="shares")
    for agency, amount in value.items():
        if not isinstance(agency, Agency) or not isinstance(amount, Money):
            msg = f"shares must map an Agency to Money, got {agency!r}: {amount!r}."
            raise InvalidInput(msg, field="shares")
        if amount < Money(0):
            msg = f"the share of {agency.value} cannot be negative, got {amount}."
            raise InvalidInput(msg, field="shares")
    return dict(value)


@attrs.frozen(kw_only=True)
class AccessToResourcesDecision(Event):
    """The Access to Resources panel decided a jointly funded placement (seed 004, 3.8).

    Attributes:
        panel: The panel's id.
        setting: The placement (institution or its identifier).
        weeks_per_year: 38 or 52 in the protocol (4.2).
        total: The placement's whole cost a year.
        shares: What each agency pays a year; they add up to the total, to the penny.
        reasons: The panel's reasons and any further action recommended.
        decided_by: Who decided (the chair's role).
        evidence: A reference to the papers (the apportionment, the multi-agency minutes).
    """

    kind: ClassVar[str] = "access_to_resources_decision"
    panel: str = fields.text()
    setting: str = fields.text()
    weeks_per_year: int = attrs.field(validator=whole(1, 52, unit="weeks"))
    total: Money = fields.money(1)
    shares: dict[Agency, Money] = attrs.field(converter=_shares, hash=False)
    reasons: str = fields.text()
    decided_by: str = fields.text()
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The shares add up to the total."""
        added = sum(self.shares.values(), Money(0))
        if added != self.total:
            msg = (
                f"the shares add up to {added}, not the total {self.total}; "
                "apportion it with ehcplan.funding.apportion_placement"
            )
            raise InvalidInput(msg, field="shares")


@attrs.frozen(kw_only=True)
class EmergencyFundingAgreed(Event):
    """The panel's chair agreed temporary funding in an emergency (seed 004, 3.6).

    Attributes:
        panel: The panel the case goes to next.
        amount: The temporary funding.
        chair: The chair's role.
        evidence: A reference to the emergency's record.
    """

    kind: ClassVar[str] = "emergency_funding_agreed"
    panel: str = fields.text()
    amount: Money = fields.money(1)
    chair: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class EmergencyFundingDecided(Event):
    """The next available panel confirmed, or did not confirm, the chair's funding.

    Attributes:
        panel: The panel's id.
        confirmed: Whether the funding was confirmed.
        decided_by: Who decided.
    """

    kind: ClassVar[str] = "emergency_funding_decided"
    panel: str = fields.text()
    confirmed: bool = fields.flag()
    decided_by: str = fields.text()


@attrs.frozen(kw_only=True)
class PlacementStarted(Event):
    """The child was placed: the date of placement the review counts from (seed 004, 4.4).

    Attributes:
        setting: The placement.
    """

    kind: ClassVar[str] = "placement_started"
    setting: str = fields.text()


@attrs.frozen(kw_only=True)
class PlacementDisruptionReported(Event):
    """Potential disruption to the placement was reported: refer it earlier (seed 004, 4.4).

    Attributes:
        evidence: A reference to the report.
    """

    kind: ClassVar[str] = "placement_disruption_reported"
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class PlacementReviewed(Event):
    """The panel reviewed the placement and its funding (seed 004, 4.4).

    Attributes:
        panel: The panel's id.
        continues: Whether the placement and its funding continue.
        decided_by: Who decided.
    """

    kind: ClassVar[str] = "placement_reviewed"
    panel: str = fields.text()
    continues: bool = fields.flag()
    decided_by: str = fields.text()


@attrs.define
class _Placement:
    agreed: AccessToResourcesDecision | None = None
    emergency: dict[str, dt.date] = attrs.Factory(dict)
    confirmed: bool = False
    placed: str | None = None


def _needs_placement(p: Progress, what: str) -> None:
    if p.state(_Placement).placed is None:
        msg = f"{what} needs a placement; record PlacementStarted first"
        raise Refusal(msg)


@rule(AccessToResourcesDecision)
def _atr(p: Progress, event: AccessToResourcesDecision) -> None:
    p.expect(_STAGES, "an Access to Resources decision")
    p.state(Panels).decide(event.panel, event.on, "an Access to Resources decision")
    p.state(_Placement).agreed = event


@rule(EmergencyFundingAgreed)
def _emergency(p: Progress, event: EmergencyFundingAgreed) -> None:
    p.expect(_STAGES, "emergency funding")
    pending = p.state(_Placement).emergency
    if event.panel in pending:
        msg = f"emergency funding for panel {event.panel!r} is already waiting for it"
        raise Refusal(msg)
    pending[event.panel] = event.on


@rule(EmergencyFundingDecided)
def _emergency_decided(p: Progress, event: EmergencyFundingDecided) -> None:
    placement = p.state(_Placement)
    if placement.emergency.pop(event.panel, None) is None:
        msg = (
            f"no emergency funding is waiting for panel {event.panel!r}; record "
            "EmergencyFundingAgreed first"
        )
        raise Refusal(msg)
    p.state(Panels).meetings.add((event.panel, event.on))
    placement.confirmed = placement.confirmed or event.confirmed


@rule(PlacementStarted)
def _started(p: Progress, event: PlacementStarted) -> None:
    p.expect(_STAGES, "a placement")
    placement = p.state(_Placement)
    if placement.agreed is None and not placement.confirmed and not placement.emergency:
        msg = (
            "a jointly funded placement is agreed by the Access to Resources panel "
            "or by its chair in an emergency; record that decision first"
        )
        raise Refusal(msg)
    placement.placed = event.setting


@rule(PlacementDisruptionReported)
def _disruption(p: Progress, _event: PlacementDisruptionReported) -> None:
    _needs_placement(p, "reporting disruption")


@rule(PlacementReviewed)
def _reviewed(p: Progress, event: PlacementReviewed) -> None:
    _needs_placement(p, "a placement review")
    p.state(Panels).meetings.add((event.panel, event.on))
    if not event.continues:
        p.state(_Placement).placed = None


PLACEMENT_EVENTS: tuple[type[Event], ...] = (
    AccessToResourcesDecision,
    EmergencyFundingAgreed,
    EmergencyFundingDecided,
    PlacementStarted,
    PlacementDisruptionReported,
    PlacementReviewed,
)
"""The jointly funded placement events this module adds, in the order a case meets them."""
