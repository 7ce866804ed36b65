"""Whether a personal budget may be paid as direct payments: each condition with its reason.

Source: The SEND (Personal Budgets) Regulations 2014, SI 2014/1652 (statutory
reference §6): direct payments may be made to the parent, the young person or a
nominee, who must be capable of managing them and have capacity, and not be an
excluded person (reg 5 and the Schedule); the authority must be satisfied that
the recipient will use them to secure the agreed provision appropriately, that
they will not have an adverse impact on other services the authority provides
or arranges for children and young people with EHC plans, and that they are an
efficient use of its resources (reg 6; the last two are recalled, and verified
in the 2012 pilot's wording, SI 2012/206 Sch 1 para 17); direct payments for
special educational provision on the premises of a school, post-16 institution
or early-years setting need that institution's agreement (reg 9 as numbered in
the reference, which marks the number as recalled).
"""

from __future__ import annotations

import enum

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.validators import flag, member, optional

__all__ = [
    "Condition",
    "DirectPaymentCheck",
    "DirectPaymentFacts",
    "Recipient",
    "check_direct_payment",
]


class Recipient(enum.Enum):
    """Who receives direct payments (SI 2014/1652 reg 5)."""

    PARENT = "parent"
    YOUNG_PERSON = "young person"
    NOMINEE = "nominee"


@attrs.frozen(kw_only=True)
class DirectPaymentFacts:
    """What the authority found about a proposed direct payment.

    Attributes:
        recipient: Who would receive the payments; None if nobody is named.
        capable: The recipient is capable of managing the payments and has capacity.
        excluded: The recipient is an excluded person under the Schedule.
        appropriate_use: The recipient will use them to secure the agreed provision.
        no_adverse_impact: No adverse impact on services for other plan holders.
        efficient_use: An efficient use of the authority's resources.
        on_premises: Some of the provision is delivered on a school's or setting's premises.
        institution_agrees: That institution's agreement (None when not asked).
    """

    recipient: Recipient | None = attrs.field(validator=optional(member(Recipient)))
    capable: bool = attrs.field(validator=flag)
    excluded: bool = attrs.field(default=False, validator=flag)
    appropriate_use: bool = attrs.field(validator=flag)
    no_adverse_impact: bool = attrs.field(validator=flag)
    efficient_use: bool = attrs.field(validator=flag)
    on_premises: bool = attrs.field(default=False, validator=flag)
    institution_agrees: bool | None = attrs.field(
        default=None, validator=optional(flag)
    )


@attrs.frozen(kw_only=True)
class Condition:
    """One condition: met or not, why, and its provision."""

    name: str
    met: bool
    reason: str
    cites: str


@attrs.frozen(kw_only=True)
class DirectPaymentCheck:
    """Every condition and whether direct payments may be made."""

    conditions: tuple[Condition, ...]

    @property
    def allowed(self) -> bool:
        """Whether every condition is met."""
        return all(c.met for c in self.conditions)

    @property
    def reasons_refused(self) -> tuple[str, ...]:
        """The reasons of the conditions not met, with their provisions."""
        return tuple(f"{c.reason} ({c.cites})" for c in self.conditions if not c.met)


def check_direct_payment(facts: DirectPaymentFacts) -> DirectPaymentCheck:
    """Check the conditions for direct payments.

    A proposal without a recipient, or for provision on a school's premises
    without the school's agreement, is not an error: it is refused, with the
    reasons the family is given in writing.

    Examples:
        >>> facts = DirectPaymentFacts(recipient=Recipient.PARENT, capable=True,
        ...     appropriate_use=True, no_adverse_impact=True, efficient_use=True,
        ...     on_premises=True, institution_agrees=None)
        >>> check = check_direct_payment(facts)
        >>> check.allowed
        False
        >>> print(*check.reasons_refused)  # doctest: +NORMALIZE_WHITESPACE
        provision on a school's or setting's premises needs its agreement, not given
        (SI 2014/1652 reg 9 (number recalled))
    """
    if not isinstance(facts, DirectPaymentFacts):
        msg = f"facts must be DirectPaymentFacts, got {type(facts).__name__}."
        raise InvalidInput(msg, field="facts")
    named = facts.recipient is not None
    who = facts.recipient.value if facts.recipient is not None else "no recipient"
    conditions = [
        Condition(
            name="recipient",
            met=named,
            reason=f"paid to the {who}"
            if named
            else "no recipient is named for the payments",
            cites="SI 2014/1652 reg 5",
        ),
        Condition(
            name="capacity",
            met=named and facts.capable and not facts.excluded,
            reason=(
                "no recipient is named, so nobody's capacity to manage the payments "
                "can be assessed; name the parent, the young person or a nominee"
                if not named
                else "the recipient can manage the payments and has capacity"
                if facts.capable and not facts.excluded
                else "the recipient is excluded under the Schedule"
                if facts.excluded
                else "the recipient is not capable of managing the payments"
            ),
            cites="SI 2014/1652 reg 5 and Schedule",
        ),
        Condition(
            name="appropriate use",
            met=facts.appropriate_use,
            reason="the payments will secure the agreed provision"
            if facts.appropriate_use
            else "the authority is not satisfied the payments will secure the agreed provision",
            cites="SI 2014/1652 reg 6(a)",
        ),
        Condition(
            name="no adverse impact",
            met=facts.no_adverse_impact,
            reason="no adverse impact on services for other plan holders"
            if facts.no_adverse_impact
            else "an adverse impact on services for other children and young people with plans",
            cites="SI 2014/1652 reg 6 (recalled; SI 2012/206 Sch 1 para 17)",
        ),
        Condition(
            name="efficient use",
            met=facts.efficient_use,
            reason="an efficient use of the authority's resources"
            if facts.efficient_use
            else "not an efficient use of the authority's resources",
            cites="SI 2014/1652 reg 6 (recalled; SI 2012/206 Sch 1 para 17)",
        ),
    ]
    if facts.on_premises:
        agreed = facts.institution_agrees is True
        conditions.append(
            Condition(
                name="institution's agreement",
                met=agreed,
                reason="the school or setting agrees to provision on its premises"
                if agreed
                else "provision on a school's or setting's premises needs its agreement, "
                + ("refused" if facts.institution_agrees is False else "not given"),
                cites="SI 2014/1652 reg 9 (number recalled)",
            )
        )
    return DirectPaymentCheck(conditions=tuple(conditions))
