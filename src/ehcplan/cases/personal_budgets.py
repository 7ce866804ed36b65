"""Personal budgets on a case: the request, the decision, its review, and monitoring.

Seed 002 (a local authority's "criteria for agreeing a statutory Personal
Budget"); the Children and Families Act 2014 s49 and the SEND (Personal
Budgets) Regulations 2014 (SI 2014/1652). The parent or young person may ask
for a budget during the assessment, while the plan is prepared, or during a
review (seed 002; reg 4); the authority decides, and a refusal is given in
writing with its reasons and the right to ask for a review (reg 7); direct
payments are monitored within 3 months of the first payment and then yearly,
and whenever the services change (seed 002; reg 11).

The budgets room (`ehcplan.budgets`) checks who may ask, the criteria, the
direct-payment conditions and the parts of a budget; these events record what
was asked and decided, and the clock report lists the monitoring reviews due
(`ehcplan.cases.clock_report`).

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case
    >>> from ehcplan.budgets import Requester
    >>> case = Case(reference="EHC-4", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=True))
    >>> case = case.record(BudgetRequested(on=dt.date(2025, 3, 1), requester=Requester.PARENT))
    >>> case.record(BudgetDecided(on=dt.date(2025, 4, 24), agreed=False,
    ...     decided_by="panel chair", evidence="panel minutes 2025-04-24"))
    Traceback (most recent call last):
    ...
    ehcplan.errors.InvalidInput: a refusal must give its reasons in writing ...
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from ehcplan.budgets import (
    BudgetDecision,
    Mechanism,
    Part,
    PersonalBudget,
    Requester,
    check_requester,
)
from ehcplan.cases import fields
from ehcplan.cases.events import Event
from ehcplan.cases.log import Progress, Refusal, Stage, rule
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.validators import collection, optional, whole

__all__ = [
    "BUDGET_EVENTS",
    "BudgetDecided",
    "BudgetRequested",
    "BudgetReviewDecided",
    "BudgetReviewRequested",
    "BudgetServicesChanged",
    "DirectPaymentsReviewed",
    "DirectPaymentsStarted",
]


def _parts(value: object) -> tuple[Part, ...]:
    items = tuple(collection(value, field="parts"))
    for item in items:
        if not isinstance(item, Part):
            msg = f"parts must hold ehcplan.budgets.Part values, got {type(item).__name__}."
            raise InvalidInput(msg, field="parts")
    return items


def _check_decision(event: BudgetDecided | BudgetReviewDecided, review: bool) -> None:
    """Apply the budgets room's rules: a budget agreed has parts; a refusal has reasons."""
    budget = PersonalBudget(parts=event.parts) if event.parts else None
    earlier = None
    if review:
        earlier = BudgetDecision.refuse("case", on=event.on, reasons=["earlier"])
    BudgetDecision(
        reference="case",
        decided_on=event.on,
        agreed=event.agreed,
        budget=budget,
        reasons=event.reasons,
        reviewed=earlier,
    )


@attrs.frozen(kw_only=True)
class BudgetRequested(Event):
    """The parent or young person asked for a personal budget (seed 002; SI 2014/1652 reg 4).

    Attributes:
        requester: Who asked.
        age: The young person's age when they asked (a young person only).
    """

    kind: ClassVar[str] = "budget_requested"
    requester: Requester = fields.member(Requester)
    age: int | None = attrs.field(
        default=None, validator=optional(whole(0, 30, unit="years"))
    )

    def __attrs_post_init__(self) -> None:
        """Check who may ask (the budgets room's rule)."""
        check_requester(self.requester, self.age)


@attrs.frozen(kw_only=True)
class BudgetDecided(Event):
    """The authority (or its panel) decided on a personal budget.

    A budget agreed lists its parts (amount, mechanism, agency, provision); a
    refusal gives its reasons in writing (seed 002; SI 2014/1652 reg 7).

    Attributes:
        agreed: Whether a budget was agreed.
        parts: The budget's parts, when agreed.
        reasons: The written reasons (required for a refusal).
        decided_by: Who decided.
        evidence: A reference to what it rests on (the eligibility assessment).
        panel: The panel that decided, if one did.
    """

    kind: ClassVar[str] = "budget_decided"
    agreed: bool = fields.flag()
    parts: tuple[Part, ...] = attrs.field(default=(), converter=_parts)
    reasons: tuple[str, ...] = fields.texts("reasons")
    decided_by: str = fields.text()
    evidence: str = fields.text()
    panel: str | None = fields.optional_text()

    def __attrs_post_init__(self) -> None:
        """A budget agreed has its parts; a refusal has written reasons."""
        _check_decision(self, review=False)

    @property
    def total(self) -> Money:
        """The budget agreed, a year (£0 when refused)."""
        return sum((p.amount for p in self.parts), Money(0))


@attrs.frozen(kw_only=True)
class BudgetReviewRequested(Event):
    """The family asked the authority to review its refusal of a personal budget (seed 002)."""

    kind: ClassVar[str] = "budget_review_requested"


@attrs.frozen(kw_only=True)
class BudgetReviewDecided(Event):
    """The outcome of the review, in writing with reasons either way (seed 002; reg 7).

    Attributes:
        agreed: Whether a budget is now agreed.
        parts: The budget's parts, when agreed.
        reasons: The written reasons.
        decided_by: Who decided.
    """

    kind: ClassVar[str] = "budget_review_decided"
    agreed: bool = fields.flag()
    parts: tuple[Part, ...] = attrs.field(default=(), converter=_parts)
    reasons: tuple[str, ...] = fields.texts("reasons", required=True)
    decided_by: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """A budget agreed has its parts."""
        _check_decision(self, review=True)


@attrs.frozen(kw_only=True)
class DirectPaymentsStarted(Event):
    """The first direct payment was made: monitoring starts (seed 002; SI 2014/1652 reg 11).

    Attributes:
        amount: The first payment.
    """

    kind: ClassVar[str] = "direct_payments_started"
    amount: Money = fields.money(1)


@attrs.frozen(kw_only=True)
class DirectPaymentsReviewed(Event):
    """The authority reviewed how the direct payments are used.

    Attributes:
        by: Who reviewed them.
        evidence: A reference to the review's record.
    """

    kind: ClassVar[str] = "direct_payments_reviewed"
    by: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class BudgetServicesChanged(Event):
    """The services the direct payments buy changed: a review is due (seed 002).

    Attributes:
        note: What changed, as a reference or a few words (nothing personal).
    """

    kind: ClassVar[str] = "budget_services_changed"
    note: str = fields.text()


@attrs.define
class Budgets:
    """What the replay knows about a case's personal budget (kept with `Progress.state`)."""

    requested: bool = False
    refused: bool = False
    review_asked: bool = False
    direct: Money = attrs.Factory(lambda: Money(0))
    paying: bool = False


_ASKING = {
    Stage.AWAITING_DECISION,
    Stage.ASSESSING,
    Stage.DRAFTING,
    Stage.DRAFT_ISSUED,
    Stage.PLAN_IN_PLACE,
}


@rule(BudgetRequested)
def _requested(p: Progress, _event: BudgetRequested) -> None:
    p.expect(
        frozenset(_ASKING),
        "asking for a personal budget (during the assessment, while the plan is "
        "prepared, or at a review)",
    )
    if p.stage is Stage.PLAN_IN_PLACE and not p.in_review:
        msg = (
            "with a plan in place, a personal budget is asked for during a review: "
            "record the ReviewMeetingHeld first"
        )
        raise Refusal(msg)
    budgets = p.state(Budgets)
    if budgets.requested:
        msg = "a personal budget was already asked for and not yet decided"
        raise Refusal(msg)
    budgets.requested = True


def _decided(p: Progress, agreed: bool, parts: tuple[Part, ...]) -> None:
    budgets = p.state(Budgets)
    budgets.refused = not agreed
    budgets.direct = sum(
        (x.amount for x in parts if x.mechanism is not Mechanism.ARRANGEMENT),
        Money(0),
    )


@rule(BudgetDecided)
def _budget_decided(p: Progress, event: BudgetDecided) -> None:
    p.expect(frozenset(_ASKING), "a personal budget decision")
    budgets = p.state(Budgets)
    if not budgets.requested:
        msg = "no personal budget was asked for; record BudgetRequested first"
        raise Refusal(msg)
    budgets.requested = False
    _decided(p, event.agreed, event.parts)


@rule(BudgetReviewRequested)
def _review_requested(p: Progress, _event: BudgetReviewRequested) -> None:
    budgets = p.state(Budgets)
    if not budgets.refused or budgets.review_asked:
        msg = "a review can be asked for once, of a refusal of a personal budget"
        raise Refusal(msg)
    budgets.review_asked = True


@rule(BudgetReviewDecided)
def _review_decided(p: Progress, event: BudgetReviewDecided) -> None:
    budgets = p.state(Budgets)
    if not budgets.review_asked:
        msg = "no review of a refusal was asked for; record BudgetReviewRequested first"
        raise Refusal(msg)
    budgets.review_asked = False
    _decided(p, event.agreed, event.parts)


@rule(DirectPaymentsStarted)
def _started(p: Progress, _event: DirectPaymentsStarted) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "direct payments")
    budgets = p.state(Budgets)
    if budgets.direct == Money(0):
        msg = (
            "no personal budget with direct payments is agreed; record the "
            "BudgetDecided that agrees one first"
        )
        raise Refusal(msg)
    if budgets.paying:
        msg = "direct payments have already started"
        raise Refusal(msg)
    budgets.paying = True


def _paying(p: Progress, what: str) -> None:
    if not p.state(Budgets).paying:
        msg = f"{what} needs direct payments; record DirectPaymentsStarted first"
        raise Refusal(msg)


@rule(DirectPaymentsReviewed)
def _reviewed(p: Progress, _event: DirectPaymentsReviewed) -> None:
    _paying(p, "a direct-payment review")


@rule(BudgetServicesChanged)
def _changed(p: Progress, _event: BudgetServicesChanged) -> None:
    _paying(p, "a change of services")


BUDGET_EVENTS: tuple[type[Event], ...] = (
    BudgetRequested,
    BudgetDecided,
    BudgetReviewRequested,
    BudgetReviewDecided,
    DirectPaymentsStarted,
    DirectPaymentsReviewed,
    BudgetServicesChanged,
)
"""The personal-budget events this module adds, in the order a case meets them."""
