"""Whether a personal budget may be agreed: the six criteria, each with its reason.

Source: a local authority's "criteria for agreeing a statutory Personal Budget"
(seed 002): "a personal budget will only be agreed where it is clear that it
represents a resource that is:

1. Above that which could reasonably be expected to be provided by all parents
2. Additional to normally available services and resources (ie, Local Offer)
3. Necessary to support the child/young person to achieve their outcomes
4. Clearly evidenced in terms of need
5. And/or assessed by the Disabled Children Service as eligible for additional
   and individual support at home, short breaks and/or specialist and
   occupational therapy services from the Disabled Children's Service
6. And/or assessed by the Health Service as eligible for continuing care"

How 5 and 6 combine with 1-4 is the authority's `EligibilityRule` (policy):
strictly, criteria 1-4 all hold and 5 or 6 holds; leniently, criteria 1-4 all
hold, or 5 holds, or 6 holds.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.policy import EligibilityRule
from ehcplan.validators import flag

__all__ = [
    "Criterion",
    "CriterionResult",
    "Eligibility",
    "EligibilityFacts",
    "assess_eligibility",
]


class Criterion(enum.Enum):
    """The seed's six criteria, by number."""

    ABOVE_PARENTAL_PROVISION = 1
    """Above that which could reasonably be expected to be provided by all parents."""
    ADDITIONAL_TO_LOCAL_OFFER = 2
    """Additional to normally available services and resources (the Local Offer)."""
    NECESSARY_FOR_OUTCOMES = 3
    """Necessary to support the child or young person to achieve their outcomes."""
    CLEARLY_EVIDENCED = 4
    """Clearly evidenced in terms of need."""
    DISABLED_CHILDREN_SERVICE = 5
    """Assessed by the Disabled Children Service as eligible for additional support."""
    CONTINUING_CARE = 6
    """Assessed by the Health Service as eligible for continuing care."""


CORE = (
    Criterion.ABOVE_PARENTAL_PROVISION,
    Criterion.ADDITIONAL_TO_LOCAL_OFFER,
    Criterion.NECESSARY_FOR_OUTCOMES,
    Criterion.CLEARLY_EVIDENCED,
)
ASSESSED = (Criterion.DISABLED_CHILDREN_SERVICE, Criterion.CONTINUING_CARE)

WORDING = {
    Criterion.ABOVE_PARENTAL_PROVISION: (
        "above what all parents could reasonably be expected to provide"
    ),
    Criterion.ADDITIONAL_TO_LOCAL_OFFER: (
        "additional to normally available services and resources (the Local Offer)"
    ),
    Criterion.NECESSARY_FOR_OUTCOMES: "necessary to achieve the outcomes",
    Criterion.CLEARLY_EVIDENCED: "clearly evidenced in terms of need",
    Criterion.DISABLED_CHILDREN_SERVICE: (
        "assessed eligible by the Disabled Children Service"
    ),
    Criterion.CONTINUING_CARE: "assessed eligible for continuing care by health",
}
"""Each criterion in a few words, for reasons."""


def _check_evidence(
    _instance: object, attribute: attrs.Attribute[Any], evidence: object
) -> None:
    """Require notes keyed by `Criterion`, each non-blank text."""
    if not isinstance(evidence, dict):
        msg = (
            f"evidence must be a dict of notes by Criterion, "
            f"got {type(evidence).__name__} {evidence!r}."
        )
        raise InvalidInput(msg, field=attribute.name)
    for criterion, note in evidence.items():
        if not isinstance(criterion, Criterion):
            msg = (
                f"evidence is keyed by Criterion (e.g. Criterion.CLEARLY_EVIDENCED), "
                f"got {criterion!r}."
            )
            raise InvalidInput(msg, field=attribute.name)
        if not isinstance(note, str) or not note.strip():
            msg = f"the evidence note for {criterion.name} must be non-blank text, got {note!r}."
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class EligibilityFacts:
    """What the panel found for each criterion, and the evidence it rests on.

    Attributes:
        above_parental_provision: Criterion 1.
        additional_to_local_offer: Criterion 2.
        necessary_for_outcomes: Criterion 3.
        clearly_evidenced: Criterion 4.
        disabled_children_service: Criterion 5 (the Disabled Children Service's assessment).
        continuing_care: Criterion 6 (health's continuing care assessment).
        evidence: Notes by criterion: the report or finding each answer rests on.
    """

    above_parental_provision: bool = attrs.field(validator=flag)
    additional_to_local_offer: bool = attrs.field(validator=flag)
    necessary_for_outcomes: bool = attrs.field(validator=flag)
    clearly_evidenced: bool = attrs.field(validator=flag)
    disabled_children_service: bool = attrs.field(validator=flag)
    continuing_care: bool = attrs.field(validator=flag)
    evidence: dict[Criterion, str] = attrs.field(
        factory=dict, hash=False, validator=_check_evidence
    )

    def holds(self, criterion: Criterion) -> bool:
        """Whether *criterion* holds on these facts."""
        return bool(getattr(self, criterion.name.lower()))


@attrs.frozen(kw_only=True)
class CriterionResult:
    """One criterion: met or not, and why."""

    criterion: Criterion
    met: bool
    reason: str


@attrs.frozen(kw_only=True)
class Eligibility:
    """Every criterion's result, how they combine, and the outcome."""

    results: tuple[CriterionResult, ...]
    rule: EligibilityRule
    eligible: bool

    @property
    def combining_rule(self) -> str:
        """The combining rule in words."""
        if self.rule is EligibilityRule.ALL_CORE_AND_ONE_ASSESSED:
            return "criteria 1-4 all hold, and 5 or 6 holds"
        return "criteria 1-4 all hold, or 5 holds, or 6 holds"

    def explain(self) -> list[str]:
        """One line per criterion, then the rule and the outcome."""
        lines = [
            f"  {r.criterion.value}. {'met' if r.met else 'not met'}: {r.reason}"
            for r in self.results
        ]
        verdict = "eligible" if self.eligible else "not eligible"
        return [*lines, f"  rule: {self.combining_rule} -> {verdict} (seed 002)"]


def assess_eligibility(
    facts: EligibilityFacts,
    rule: EligibilityRule = EligibilityRule.ALL_CORE_AND_ONE_ASSESSED,
) -> Eligibility:
    """Evaluate the six criteria on *facts* and combine them by *rule*.

    Examples:
        >>> facts = EligibilityFacts(
        ...     above_parental_provision=True, additional_to_local_offer=True,
        ...     necessary_for_outcomes=True, clearly_evidenced=True,
        ...     disabled_children_service=False, continuing_care=False,
        ...     evidence={Criterion.CLEARLY_EVIDENCED: "OT report, 3 March"})
        >>> assess_eligibility(facts).eligible
        False
        >>> assess_eligibility(facts, EligibilityRule.ALL_CORE_OR_ONE_ASSESSED).eligible
        True
        >>> print(assess_eligibility(facts).explain()[3])
          4. met: clearly evidenced in terms of need (OT report, 3 March)
    """
    if not isinstance(facts, EligibilityFacts):
        msg = f"facts must be EligibilityFacts, got {type(facts).__name__}."
        raise InvalidInput(msg, field="facts")
    if not isinstance(rule, EligibilityRule):
        msg = f"rule must be an EligibilityRule (the policy's), got {rule!r}."
        raise InvalidInput(msg, field="rule")
    results = []
    for criterion in Criterion:
        met = facts.holds(criterion)
        words = WORDING[criterion] if met else "not " + WORDING[criterion]
        note = facts.evidence.get(criterion)
        reason = f"{words} ({note})" if note else words
        results.append(CriterionResult(criterion=criterion, met=met, reason=reason))
    core = all(facts.holds(c) for c in CORE)
    assessed = any(facts.holds(c) for c in ASSESSED)
    eligible = (
        core and assessed
        if rule is EligibilityRule.ALL_CORE_AND_ONE_ASSESSED
        else core or assessed
    )
    return Eligibility(results=tuple(results), rule=rule, eligible=eligible)
