"""Panel decisions, their written records, and emergency funding agreed by the chair.

Sources: London Safeguarding Children Procedures 8.1, "Protocol Relating to
Jointly Funded Placements" (seed 004): the panel's membership by role (3.4),
its decisions on funding and budget allocation (3.8), "a written record of the
decision ... within 7 days of the Panel meeting" (3.9), and emergency funding:
"the Chair of the Panel can agree to the temporary funding ... These cases
will be referred to the next available Panel" (3.6). A resource allocation
panel's description (seed 000): it decides "whether an EHC plan is required"
and "the level and types of funding including personal budget, and
placement"; where a plan is not agreed, a family meeting explains the
decision "within 16 weeks of the original request" (the reg 10 clock,
`ehcplan.timeline.table.NO_PLAN_NOTICE`).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeAlias

import attrs

from ehcplan.dates import add_days, to_date
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.panels.calendar import meetings, next_meeting
from ehcplan.policy import FundingTerms, PanelPolicy, PanelRemit
from ehcplan.timeline import table
from ehcplan.validators import (
    check,
    each,
    flag,
    instance_of,
    money_at_least,
    optional,
    text,
    to_tuple,
)

__all__ = [
    "ACCESS_TO_RESOURCES_ROLES",
    "AssessDecision",
    "Decision",
    "Deferral",
    "EmergencyFunding",
    "FundingDecision",
    "Member",
    "PanelDecision",
    "PersonalBudgetDecision",
    "PlacementDecision",
    "PlanDecision",
    "Status",
]

ACCESS_TO_RESOURCES_ROLES = (
    "Head of Safeguarding (Chair)",
    "Manager of the Placement Service",
    "Service Manager for the relevant social care team",
    "Service Manager for Children with Additional Needs",
    "Head of SEN Team",
    "Finance and Data Officer",
    "Manager of LACE Team",
)
"""The Access to Resources (SEN) Panel's members by role (seed 004, 3.4)."""


_text = text


def _meeting(value: object) -> dt.date:
    return to_date(value, field="meeting")


def _agreed_on(value: object) -> dt.date:
    return to_date(value, field="agreed_on")


def _confirm_by(value: object) -> dt.date:
    return to_date(value, field="confirm_by")


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else to_date(value, field="date")


@attrs.frozen(kw_only=True)
class Member:
    """A member of a panel meeting: their role (and name, if recorded).

    Examples:
        >>> Member(role=ACCESS_TO_RESOURCES_ROLES[0], chair=True).chair
        True
    """

    role: str = attrs.field(validator=_text)
    name: str | None = attrs.field(default=None, validator=optional(_text))
    chair: bool = attrs.field(default=False, validator=flag)


@attrs.frozen(kw_only=True)
class AssessDecision:
    """Whether to carry out an EHC needs assessment."""

    remit = PanelRemit.WHETHER_TO_ASSESS
    assess: bool = attrs.field(validator=flag)
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class PlanDecision:
    """Whether an EHC plan is agreed (seed 000: "whether an EHC plan is required")."""

    remit = PanelRemit.WHETHER_TO_ISSUE_PLAN
    agreed: bool = attrs.field(validator=flag)
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class FundingDecision:
    """The level and types of funding agreed (a year)."""

    remit = PanelRemit.FUNDING
    amount: Money = attrs.field(validator=money_at_least(0))
    types: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, "text")
    )
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class PersonalBudgetDecision:
    """Whether a personal budget is agreed, and how much."""

    remit = PanelRemit.PERSONAL_BUDGET
    agreed: bool = attrs.field(validator=flag)
    amount: Money | None = attrs.field(validator=optional(money_at_least(0)))
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)

    def __attrs_post_init__(self) -> None:
        """An agreed budget needs an amount; a refused one has none."""
        if self.agreed != (self.amount is not None):
            msg = (
                "an agreed personal budget needs its amount, and a refused one has none; "
                f"got agreed={self.agreed} with amount {self.amount!r}."
            )
            raise InvalidInput(msg, field="amount")


@attrs.frozen(kw_only=True)
class PlacementDecision:
    """The school, college or setting agreed."""

    remit = PanelRemit.PLACEMENT
    setting: str = attrs.field(validator=_text)
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Deferral:
    """The panel defers its decision (e.g. for more information); any panel may."""

    remit = None
    reasons: str = attrs.field(validator=_text)
    decided_by: str = attrs.field(validator=_text)


Decision: TypeAlias = (
    AssessDecision
    | PlanDecision
    | FundingDecision
    | PersonalBudgetDecision
    | PlacementDecision
    | Deferral
)
"""Any decision a panel records."""

_DECISIONS = (
    AssessDecision,
    PlanDecision,
    FundingDecision,
    PersonalBudgetDecision,
    PlacementDecision,
    Deferral,
)


@attrs.frozen(kw_only=True)
class PanelDecision:
    """What a panel meeting decided about one case, who decided it, and its written record.

    Examples:
        >>> import ehcplan.policy
        >>> atr = ehcplan.policy.load_policy("exampleshire").panel("atr")
        >>> chair = Member(role=ACCESS_TO_RESOURCES_ROLES[0], chair=True)
        >>> funding = FundingDecision(amount=Money.parse("£182,000"), types=["joint funding"],
        ...                           reasons="52-week residential placement",
        ...                           decided_by=chair.role)
        >>> record = PanelDecision(panel=atr, meeting=dt.date(2024, 10, 9), reference="EHC-9",
        ...                        members=[chair], decisions=[funding])
        >>> record.record_due
        datetime.date(2024, 10, 16)
        >>> record.sent(dt.date(2024, 10, 17)).record_on_time
        False
        >>> PanelDecision(panel=atr, meeting=dt.date(2024, 10, 9), reference="EHC-9",
        ...               members=[chair], decisions=[PlanDecision(
        ...                   agreed=True, reasons="r", decided_by=chair.role)])
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: panel atr does not decide 'whether to issue a plan'; ...
    """

    panel: PanelPolicy
    meeting: dt.date = attrs.field(converter=_meeting)
    reference: str = attrs.field(validator=_text)
    members: tuple[Member, ...] = attrs.field(converter=to_tuple)
    decisions: tuple[Decision, ...] = attrs.field(converter=to_tuple)
    record_sent_on: dt.date | None = attrs.field(default=None, converter=_optional_date)

    def __attrs_post_init__(self) -> None:
        """Check the meeting is the panel's, the members and the remit."""
        if not isinstance(self.panel, PanelPolicy):
            msg = f"panel must be a PanelPolicy, got {type(self.panel).__name__}."
            raise InvalidInput(msg, field="panel")
        if not meetings(self.panel, self.meeting, self.meeting):
            msg = (
                f"panel {self.panel.id} does not meet on {self.meeting.isoformat()}; "
                "record the decision at one of its meetings (see panels.meetings), or "
                "record emergency funding agreed by the chair with EmergencyFunding."
            )
            raise InvalidInput(msg, field="meeting")
        if not self.members or not all(isinstance(m, Member) for m in self.members):
            msg = "members must list at least one Member who was at the meeting."
            raise InvalidInput(msg, field="members")
        if not self.decisions:
            msg = "decisions must list at least one decision (or a Deferral)."
            raise InvalidInput(msg, field="decisions")
        decides = self.panel.terms.at(self.meeting).decides
        for decision in self.decisions:
            if not isinstance(decision, _DECISIONS):
                msg = f"decisions must hold panel decisions, got {decision!r}."
                raise InvalidInput(msg, field="decisions")
            if decision.remit is not None and decision.remit not in decides:
                remit = ", ".join(sorted(repr(r.value) for r in decides))
                msg = (
                    f"panel {self.panel.id} does not decide {decision.remit.value!r}; "
                    f"its remit is {remit}. Refer the case to a panel that does."
                )
                raise InvalidInput(msg, field="decisions")
        if self.record_sent_on is not None and self.record_sent_on < self.meeting:
            msg = (
                f"the written record cannot be sent on {self.record_sent_on.isoformat()}, "
                f"before the meeting on {self.meeting.isoformat()}."
            )
            raise InvalidInput(msg, field="record_sent_on")

    @property
    def record_due(self) -> dt.date:
        """The last day for the written record of the decision (seed 004, 3.9)."""
        return add_days(
            self.meeting, self.panel.terms.at(self.meeting).decision_record_days
        )

    @property
    def record_on_time(self) -> bool | None:
        """Whether the written record was sent by its due date (None until sent)."""
        if self.record_sent_on is None:
            return None
        return self.record_sent_on <= self.record_due

    def sent(self, on: dt.date) -> PanelDecision:
        """This decision with its written record sent on *on*."""
        return attrs.evolve(self, record_sent_on=to_date(on, field="on"))

    @property
    def deferred(self) -> bool:
        """Whether the panel deferred its decision."""
        return any(isinstance(d, Deferral) for d in self.decisions)

    def family_meeting_due(self, received_on: dt.date) -> dt.date | None:
        """The last day for the family meeting and written decision, if a plan was refused.

        16 weeks from the request (seed 000; SI 2014/1530 reg 10); None when no
        plan decision refused one.
        """
        refused = any(
            isinstance(d, PlanDecision) and not d.agreed for d in self.decisions
        )
        return table.NO_PLAN_NOTICE.last_day(received_on) if refused else None


class Status(enum.Enum):
    """Where emergency funding stands."""

    PENDING = "pending"
    """Agreed by the chair; the next available panel has not yet met."""

    CONFIRMED = "confirmed"
    """Confirmed by the panel."""

    LAPSED = "lapsed"
    """Not confirmed by the panel: the temporary funding ends."""

    OVERDUE = "overdue"
    """The meeting it should have gone to has passed without a decision."""


@attrs.frozen(kw_only=True)
class EmergencyFunding:
    """Temporary funding agreed by the panel's chair between meetings (seed 004, 3.6).

    Examples:
        >>> import ehcplan.policy
        >>> policy = ehcplan.policy.load_policy("exampleshire")
        >>> terms = policy.funding.terms.at(dt.date(2024, 10, 1))
        >>> e = EmergencyFunding.agree(policy.panel("atr"), terms, reference="EHC-9",
        ...     on=dt.date(2024, 10, 20), amount=Money.parse("£3,500"), chair="Chair")
        >>> e.confirm_by, e.status(dt.date(2024, 11, 1)).value
        (datetime.date(2024, 11, 13), 'pending')
        >>> e.status(dt.date(2024, 11, 14)).value
        'overdue'
        >>> e.confirm(dt.date(2024, 11, 13)).status(dt.date(2024, 12, 1)).value
        'confirmed'
    """

    panel: str = attrs.field(validator=_text)
    reference: str = attrs.field(validator=_text)
    agreed_on: dt.date = attrs.field(converter=_agreed_on)
    amount: Money = attrs.field(validator=money_at_least(1))
    chair: str = attrs.field(validator=_text)
    confirm_by: dt.date = attrs.field(converter=_confirm_by)
    decided_on: dt.date | None = attrs.field(default=None, converter=_optional_date)
    confirmed: bool | None = attrs.field(default=None, validator=optional(flag))

    @classmethod
    def agree(
        cls,
        panel: PanelPolicy,
        terms: FundingTerms,
        *,
        reference: str,
        on: dt.date,
        amount: Money,
        chair: str,
    ) -> EmergencyFunding:
        """Record temporary funding agreed by *chair*, due for the next available panel.

        Raises:
            InvalidInput: If the authority's terms do not let the chair agree funding,
                or the amount is not Money of more than £0.
        """
        if not isinstance(terms, FundingTerms) or not terms.emergency_funding_by_chair:
            msg = (
                "the authority's funding terms do not let the chair agree emergency "
                "funding (emergency_funding_by_chair is false); refer the case to the panel."
            )
            raise InvalidInput(msg, field="terms")
        check("panel", panel, instance_of(PanelPolicy, "a PanelPolicy"))
        check("amount", amount, money_at_least(1))
        on = to_date(on, field="on")
        return cls(
            panel=panel.id,
            reference=reference,
            agreed_on=on,
            amount=amount,
            chair=chair,
            confirm_by=next_meeting(panel, on).meeting,
        )

    def _decide(self, on: dt.date, confirmed: bool) -> EmergencyFunding:
        on = to_date(on, field="on")
        if self.decided_on is not None:
            msg = (
                f"the emergency funding for {self.reference} was already decided "
                f"on {self.decided_on}."
            )
            raise InvalidInput(msg, field="on")
        if on < self.agreed_on:
            msg = (
                f"the panel cannot decide on {on.isoformat()}, before the chair "
                "agreed the funding."
            )
            raise InvalidInput(msg, field="on")
        return attrs.evolve(self, decided_on=on, confirmed=confirmed)

    def confirm(self, on: dt.date) -> EmergencyFunding:
        """The panel confirmed the funding on *on*."""
        return self._decide(on, True)

    def lapse(self, on: dt.date) -> EmergencyFunding:
        """The panel did not confirm the funding on *on*."""
        return self._decide(on, False)

    def status(self, on: dt.date) -> Status:
        """Where the funding stands on *on*."""
        if self.decided_on is not None and self.decided_on <= on:
            return Status.CONFIRMED if self.confirmed else Status.LAPSED
        return Status.OVERDUE if on > self.confirm_by else Status.PENDING
