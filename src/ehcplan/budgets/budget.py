"""A personal budget: its parts, how each is delivered, who funds it, and the decision.

Source: seed 002, "Mechanisms for delivery of a personal budget": direct
payments; an arrangement, where the authority, school or college holds the
funds ("sometimes called notional budgets"); third-party arrangements; or a
combination. A refusal is given "in writing" with reasons, with "their right to
request a review of the decision"; "if requested, the LA will review the
decision ... and inform the young person or family of the outcome in writing
giving reasons" (seed 002; SI 2014/1652 reg 7). There is no appeal to the
Tribunal against a refusal (statutory reference §6).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.funding.joint import Agency
from ehcplan.money import Money
from ehcplan.validators import (
    each,
    flag,
    instance_of,
    member,
    money_at_least,
    optional,
    text,
    to_tuple,
)

__all__ = ["BudgetDecision", "Mechanism", "Part", "PersonalBudget"]

REVIEW_RIGHT = (
    "You may ask the authority to review this decision; it will consider what you say "
    "and tell you the outcome in writing with its reasons (SI 2014/1652 reg 7). "
    "There is no appeal to the Tribunal against this decision."
)
"""The right to a review, as the refusal letter states it."""


class Mechanism(enum.Enum):
    """How a part of a personal budget is delivered (seed 002)."""

    DIRECT_PAYMENT = "direct payment"
    """The family or young person receives the money and buys the support."""
    ARRANGEMENT = "arrangement"
    """The authority, school or college holds the money (a notional budget)."""
    THIRD_PARTY = "third-party arrangement"
    """Direct payments paid to and managed by someone on the family's behalf."""


@attrs.frozen(kw_only=True)
class Part:
    """One part of a personal budget: an amount, its mechanism and the agency funding it."""

    amount: Money = attrs.field(validator=money_at_least(1))
    """More than £0: a part worth nothing is not part of a budget."""
    mechanism: Mechanism = attrs.field(validator=member(Mechanism))
    agency: Agency = attrs.field(validator=member(Agency))
    provision: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True)
class PersonalBudget:
    """A personal budget made of parts, each delivered and funded its own way.

    Examples:
        >>> budget = PersonalBudget(parts=[
        ...     Part(amount=Money.parse("£2,400"), mechanism=Mechanism.DIRECT_PAYMENT,
        ...          agency=Agency.SOCIAL_CARE, provision="short breaks"),
        ...     Part(amount=Money.parse("£1,800.50"), mechanism=Mechanism.ARRANGEMENT,
        ...          agency=Agency.EDUCATION, provision="speech and language therapy"),
        ... ])
        >>> str(budget.total), budget.mechanism
        ('£4,200.50', 'combination')
    """

    parts: tuple[Part, ...] = attrs.field(
        converter=to_tuple, validator=each(Part, "a Part")
    )

    def __attrs_post_init__(self) -> None:
        """Refuse a budget with no parts."""
        if not self.parts:
            msg = "a personal budget needs at least one Part."
            raise InvalidInput(msg, field="parts")

    @property
    def total(self) -> Money:
        """The whole budget: the sum of its parts, to the penny."""
        return sum((p.amount for p in self.parts), Money(0))

    @property
    def mechanism(self) -> str:
        """The mechanism, or ``"combination"`` when the parts use more than one."""
        used = {p.mechanism for p in self.parts}
        return next(iter(used)).value if len(used) == 1 else "combination"

    def by_agency(self) -> dict[Agency, Money]:
        """What each agency funds."""
        return {
            agency: sum((p.amount for p in self.parts if p.agency is agency), Money(0))
            for agency in Agency
        }

    @property
    def direct_payments(self) -> Money:
        """The amount paid as direct payments (directly or through a third party)."""
        return sum(
            (p.amount for p in self.parts if p.mechanism is not Mechanism.ARRANGEMENT),
            Money(0),
        )


def _decided_on(value: object) -> dt.date:
    return to_date(value, field="decided_on")


@attrs.frozen(kw_only=True)
class BudgetDecision:
    """The decision on a request for a personal budget, and any review of it.

    Attributes:
        reference: The case's reference.
        decided_on: When it was decided.
        agreed: Whether a budget was agreed.
        budget: The budget agreed (None when refused).
        reasons: The reasons, given in writing. A refusal needs them, and so does the
            outcome of a review, either way: "the LA will review the decision ... and
            inform the young person or family of the outcome in writing giving
            reasons" (seed 002).
        reviewed: The earlier decision this one reviewed, if it is a review.

    Examples:
        >>> refused = BudgetDecision.refuse("EHC-4", on=dt.date(2025, 5, 1),
        ...     reasons=["criterion 2: the support is part of the Local Offer"])
        >>> refused.right_to_review[:44]
        'You may ask the authority to review this dec'
        >>> upheld = refused.review(on=dt.date(2025, 6, 2), agreed=False,
        ...     reasons=["the Local Offer provides the short breaks asked for"])
        >>> [d.decided_on.isoformat() for d in upheld.history()]
        ['2025-05-01', '2025-06-02']
    """

    reference: str = attrs.field(validator=text)
    decided_on: dt.date = attrs.field(converter=_decided_on)
    agreed: bool = attrs.field(validator=flag)
    budget: PersonalBudget | None = attrs.field(
        default=None,
        validator=optional(instance_of(PersonalBudget, "a PersonalBudget or None")),
    )
    reasons: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(str, "text")
    )
    reviewed: BudgetDecision | None = None

    def __attrs_post_init__(self) -> None:
        """An agreed budget has its budget; a refusal and a review have written reasons."""
        if self.reviewed is not None and not isinstance(self.reviewed, BudgetDecision):
            msg = (
                "reviewed must be the BudgetDecision this one reviews, or None, "
                f"got {type(self.reviewed).__name__} {self.reviewed!r}."
            )
            raise InvalidInput(msg, field="reviewed")
        if self.agreed and not isinstance(self.budget, PersonalBudget):
            msg = "an agreed personal budget needs its PersonalBudget (its parts and amounts)."
            raise InvalidInput(msg, field="budget")
        if not self.agreed and self.budget is not None:
            msg = "a refused personal budget has no budget; give the reasons instead."
            raise InvalidInput(msg, field="budget")
        if self.reviewed is not None and not any(r.strip() for r in self.reasons):
            outcome = "agrees a budget" if self.agreed else "upholds the refusal"
            msg = (
                f"a review that {outcome} must tell the family the outcome in writing "
                "giving reasons (seed 002; SI 2014/1652 reg 7); give at least one reason."
            )
            raise InvalidInput(msg, field="reasons")
        if not self.agreed and not any(r.strip() for r in self.reasons):
            msg = (
                "a refusal must give its reasons in writing (seed 002; SI 2014/1652 reg 7); "
                "give at least one reason."
            )
            raise InvalidInput(msg, field="reasons")
        if self.reviewed is not None and self.decided_on < self.reviewed.decided_on:
            msg = "a review cannot be decided before the decision it reviews."
            raise InvalidInput(msg, field="decided_on")

    @classmethod
    def agree(
        cls,
        reference: str,
        *,
        on: dt.date,
        budget: PersonalBudget,
        reasons: Iterable[str] = (),
    ) -> BudgetDecision:
        """Record an agreed budget."""
        return cls(
            reference=reference,
            decided_on=to_date(on, field="on"),
            agreed=True,
            budget=budget,
            reasons=tuple(reasons),
        )

    @classmethod
    def refuse(
        cls, reference: str, *, on: dt.date, reasons: Iterable[str]
    ) -> BudgetDecision:
        """Record a refusal with its written reasons."""
        return cls(
            reference=reference,
            decided_on=to_date(on, field="on"),
            agreed=False,
            reasons=tuple(reasons),
        )

    @property
    def right_to_review(self) -> str | None:
        """For a refusal, the family's right to ask for a review; None when agreed."""
        return None if self.agreed else REVIEW_RIGHT

    def review(
        self,
        *,
        on: dt.date,
        agreed: bool,
        reasons: Iterable[str],
        budget: PersonalBudget | None = None,
    ) -> BudgetDecision:
        """The outcome of a review of this decision, keeping this one as its history."""
        return BudgetDecision(
            reference=self.reference,
            decided_on=to_date(on, field="on"),
            agreed=agreed,
            budget=budget,
            reasons=tuple(reasons),
            reviewed=self,
        )

    def history(self) -> list[BudgetDecision]:
        """This decision and every one it reviewed, earliest first."""
        chain: list[BudgetDecision] = []
        decision: BudgetDecision | None = self
        while decision is not None:
            chain.append(decision)
            decision = decision.reviewed
        return chain[::-1]

    def to_dict(self) -> dict[str, Any]:
        """The decision and its history as JSON-ready values (money in pence)."""
        return {
            "reference": self.reference,
            "history": [
                {
                    "decided_on": d.decided_on.isoformat(),
                    "agreed": d.agreed,
                    "reasons": list(d.reasons),
                    "total_pence": None if d.budget is None else d.budget.total.pence,
                    "mechanism": None if d.budget is None else d.budget.mechanism,
                }
                for d in self.history()
            ],
        }
