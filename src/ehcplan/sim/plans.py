"""What plans are agreed with, and how they end: scenario sections for money and ceasing.

Four optional sections of a `Scenario`, each inert and checked on construction:

- `Resources` (``[resources]``): each plan's RAS form, drawn by age version
  and level, scored and converted by the authority's policy (`ehcplan.ras`);
  the team around the child's recommendation; and so who signs it off, the
  lead SEND co-ordinator or the SEND panel (seed 001), and what the element 3
  top-up is (`ehcplan.funding`);
- `PersonalBudgets` (``[personal_budgets]``): the share of families asking
  for a personal budget, the facts the six criteria of seed 002 are decided on,
  the budget's amount, the agency funding it and the mechanism delivering it;
- `Placements` (``[placements]``): the share of plans needing a jointly funded
  placement, referred to the Access to Resources panel (seed 004), its length,
  fee, transport and health contribution, and the chair's emergency route;
- `Ceasing` (``[ceasing]``): plans that cease, and why (SEN2 ``CeaseReason``).

Every rule these feed is asked of the domain when the simulator runs: the
score and indicative resource of `ehcplan.ras.batch`, the route of
`ehcplan.ras.routing`, eligibility and direct payments of `ehcplan.budgets`,
the apportionment and review of `ehcplan.funding`, the emergency funding and
meetings of `ehcplan.panels`. `check_sections` checks they fit the policy the
scenario holds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ehcplan import validators
from ehcplan.budgets import EligibilityFacts
from ehcplan.cases import CeaseReason
from ehcplan.errors import InvalidInput, NotFound, NotInForce
from ehcplan.money import Money
from ehcplan.policy import Level, PanelKind, PanelRemit, SimilarCases
from ehcplan.sim import amounts, distributions
from ehcplan.sim.amounts import Amount, FixedAmount
from ehcplan.sim.distributions import Distribution, Fixed, LogNormal
from ehcplan.sim.stages import places

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.scenario import Scenario

__all__ = [
    "AGENCIES",
    "CRITERIA",
    "MECHANISMS",
    "Ceasing",
    "Form",
    "Placements",
    "PersonalBudgets",
    "Resources",
    "check_sections",
]

CRITERIA = tuple(f.name for f in attrs.fields(EligibilityFacts) if f.name != "evidence")
"""The personal-budget criteria by their keys, 1 to 6 in order (seed 002)."""

AGENCIES = ("education", "social_care", "health", "combination")
"""Who funds a personal budget: one agency, or education and social care together."""

MECHANISMS = ("direct_payment", "arrangement", "third_party", "combination")
"""How a personal budget is delivered (seed 002); a combination is half direct payment,
half arrangement."""


def _shares_of(
    names: tuple[str, ...] | None, *, total: bool
) -> Any:  # an attrs validator
    """Shares keyed by *names* (any keys when None), each 0 to 1, adding up to 1 if *total*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        for key, share in value.items():
            if names is not None and key not in names:
                msg = (
                    f"{attribute.name} has no key {key!r}; the keys are "
                    f"{', '.join(names)}."
                )
                raise InvalidInput(msg, field=f"{attribute.name}.{key}")
            if (
                isinstance(share, bool)
                or not isinstance(share, int | float)
                or not 0 <= share <= 1
            ):
                msg = f"{attribute.name}.{key} must be a share from 0 to 1, got {share!r}."
                raise InvalidInput(msg, field=f"{attribute.name}.{key}")
        if total and not math.isclose(sum(value.values()), 1.0, abs_tol=1e-9):
            msg = (
                f"the shares of {attribute.name} must add up to 1, got "
                f"{sum(value.values())!r}."
            )
            raise InvalidInput(msg, field=attribute.name)

    return check


def _levels(
    _instance: object, attribute: attrs.Attribute[Any], value: Mapping[Any, Any]
) -> None:
    if set(value) != set(Level):
        given = ", ".join(sorted(getattr(k, "value", str(k)) for k in value)) or "none"
        msg = (
            "levels must give the share of outcomes at each of none, low, medium and "
            f"high, got {given}."
        )
        raise InvalidInput(msg, field=attribute.name)
    _shares_of(None, total=True)(_instance, attribute, value)


@attrs.frozen(kw_only=True)
class Form:
    """The RAS form of one age version: how many plans use it, and the levels they record.

    Attributes:
        share: The share of plans scored on this form (the forms' shares add up to 1).
        levels: The share of a form's outcomes recorded at each level (``none``,
            ``low``, ``medium``, ``high``; together 1), as defined on the form:
            low less than daily, medium daily, high throughout each day.

    Examples:
        >>> form = Form(share=1.0, levels={Level.NONE: 0.4, Level.LOW: 0.3,
        ...                                Level.MEDIUM: 0.2, Level.HIGH: 0.1})
        >>> form.levels[Level.HIGH]
        0.1
        >>> Form(share=1.0, levels={Level.NONE: 1.0})
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: levels must give the share of outcomes at each of none, ...
    """

    share: float = attrs.field(validator=validators.share)
    levels: Mapping[Level, float] = attrs.field(
        converter=validators.frozen_mapping, validator=_levels, hash=False
    )


def _forms(
    _instance: object, attribute: attrs.Attribute[Any], value: Mapping[Any, Any]
) -> None:
    if not value:
        msg = (
            "forms must name at least one of the policy's RAS schemes, with its share."
        )
        raise InvalidInput(msg, field=attribute.name)
    for key, form in value.items():
        if not isinstance(form, Form):
            msg = f"forms.{key} must be a Form, got {type(form).__name__}."
            raise InvalidInput(msg, field=f"forms.{key}")
    total = sum(form.share for form in value.values())
    if not math.isclose(total, 1.0, abs_tol=1e-9):
        msg = f"the forms' shares must add up to 1, got {total!r}."
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Resources:
    """Each plan's RAS form, the team's recommendation, and who signs off its resource.

    Once the advice is in, the plan's RAS form is scored and converted to an
    indicative resource by the policy's scheme and conversion in force that day
    (`ehcplan.ras.batch`); the team around the child compares its costed
    recommendation with it, and `ehcplan.ras.routing` decides the route (seed
    001): a recommendation over the indicative goes back to the team, which
    either brings it within the indicative or agrees more is needed; one in line
    with the indicative and less than the policy's sign-off threshold is signed
    off by the lead SEND co-ordinator; any other goes to the SEND panel, which
    decides the level and types of funding (seed 000). A plan's element 3 top-up
    is its agreed resource above the element 2 threshold of the policy's funding
    terms (`ehcplan.funding.batch.costed_top_ups`).

    Attributes:
        forms: The policy's RAS schemes in use, by scheme id (one per age version:
            0-5, 6-16, 16+), each with its share of plans and its levels.
        correlation: How alike one child's levels are across the outcomes of a
            form, from 0 (independent) to 1 (the same level on every outcome): the
            correlation of the normal scores behind the levels.
        over_indicative_share: The share of plans whose team first recommends more
            than the indicative resource.
        over_by: How much more, a year.
        more_needed_share: Of those, the share whose team, having reconsidered,
            still agrees more is needed, so the case goes to the SEND panel; the
            rest bring the provision within the indicative resource.
        signoff_days: Time from the papers being ready to the lead SEND
            co-ordinator's sign-off, for plans the panel does not hear.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> resources = default_scenario().resources
        >>> list(resources.forms), resources.more_needed_share
        (['england-average-0-5', 'england-average-6-16', 'england-average-16-plus'], 0.35)
    """

    forms: Mapping[str, Form] = attrs.field(
        converter=validators.frozen_mapping, validator=_forms, hash=False
    )
    correlation: float = attrs.field(default=0.6, validator=validators.share)
    over_indicative_share: float = attrs.field(default=0.0, validator=validators.share)
    over_by: Amount = attrs.field(
        default=FixedAmount(amount=Money(0)), validator=amounts.amount
    )
    more_needed_share: float = attrs.field(default=0.0, validator=validators.share)
    signoff_days: Distribution = attrs.field(
        default=Fixed(days=0), validator=distributions.distribution
    )


@attrs.frozen(kw_only=True)
class PersonalBudgets:
    """Families asking for a personal budget, and the facts each request is decided on.

    A family may ask during the assessment (seed 002); the request is decided
    with the plan, by the SEND panel, which then hears the case whatever its
    sign-off route (seed 000: the panel decides "the level and types of funding
    including personal budget"). Eligibility is the policy's rule over the six
    criteria (`ehcplan.budgets.assess_eligibility`); a part to be paid as direct
    payments that fails their conditions (`ehcplan.budgets.check_direct_payment`)
    is delivered as an arrangement instead. A budget is the agreed agency's
    money a year, on top of the plan's top-up; its education part is high-needs
    money. Direct payments are monitored within 3 months and then yearly
    (`ehcplan.budgets.reviews_due`).

    Attributes:
        request_share: The share of assessed requests whose family asks for one.
        criteria: For each criterion, the share of requests where it holds:
            ``above_parental_provision`` (1), ``additional_to_local_offer`` (2),
            ``necessary_for_outcomes`` (3), ``clearly_evidenced`` (4),
            ``disabled_children_service`` (5), ``continuing_care`` (6).
        amount: The budget a year.
        agencies: The shares of budgets funded by ``education``, ``social_care``,
            ``health``, or a ``combination`` (half education, half social care).
        mechanisms: The shares delivered as a ``direct_payment``, an
            ``arrangement`` (a notional budget), a ``third_party`` arrangement, or a
            ``combination`` (half direct payment, half arrangement).
        capable_share: Of direct payments, the share whose recipient can manage them.
        on_premises_share: Of direct payments, the share for provision on a school's
            or setting's premises, which needs its agreement.
        school_agrees_share: Of those, the share where the setting agrees.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> budgets = default_scenario().personal_budgets
        >>> budgets.request_share, budgets.agencies["social_care"]
        (0.07, 0.739)
    """

    request_share: float = attrs.field(validator=validators.share)
    criteria: Mapping[str, float] = attrs.field(
        converter=validators.frozen_mapping,
        validator=_shares_of(CRITERIA, total=False),
        hash=False,
    )
    amount: Amount = attrs.field(validator=amounts.amount)
    agencies: Mapping[str, float] = attrs.field(
        factory=lambda: {"social_care": 1.0},
        converter=validators.frozen_mapping,
        validator=_shares_of(AGENCIES, total=True),
        hash=False,
    )
    mechanisms: Mapping[str, float] = attrs.field(
        factory=lambda: {"direct_payment": 1.0},
        converter=validators.frozen_mapping,
        validator=_shares_of(MECHANISMS, total=True),
        hash=False,
    )
    capable_share: float = attrs.field(default=1.0, validator=validators.share)
    on_premises_share: float = attrs.field(default=0.0, validator=validators.share)
    school_agrees_share: float = attrs.field(default=1.0, validator=validators.share)

    @criteria.validator
    def _every_criterion(
        self, attribute: attrs.Attribute[Any], value: Mapping[str, float]
    ) -> None:
        missing = [c for c in CRITERIA if c not in value]
        if missing:
            msg = (
                f"criteria must give a share for each of the six criteria; missing "
                f"{', '.join(missing)}."
            )
            raise InvalidInput(msg, field=f"{attribute.name}.{missing[0]}")


def _weeks(
    _instance: object, attribute: attrs.Attribute[Any], value: Mapping[Any, Any]
) -> None:
    if not value:
        msg = "weeks must give at least one placement length, e.g. { 52 = 1.0 }."
        raise InvalidInput(msg, field=attribute.name)
    for weeks in value:
        if (
            isinstance(weeks, bool)
            or not isinstance(weeks, int)
            or not 1 <= weeks <= 52
        ):
            msg = f"weeks is keyed by weeks a year, 1 to 52; got {weeks!r}."
            raise InvalidInput(msg, field=attribute.name)
    _shares_of(None, total=True)(_instance, attribute, value)


@attrs.frozen(kw_only=True)
class Placements:
    """Plans needing a jointly funded placement, and the Access to Resources panel that agrees them.

    Seed 004: a child whose needs cannot be met locally is referred, after a
    multi-agency meeting, to the monthly Access to Resources panel (papers a week
    before; its meeting is `ehcplan.panels`' answer, the cut-off included). The
    plan names the placement only once the panel has agreed it, so the final plan
    waits for that meeting, unless the case is an emergency: the chair then agrees
    temporary funding at once (`ehcplan.panels.EmergencyFunding`), and the next
    available meeting confirms it. The placement's costs are apportioned between
    education (high-needs money), social care and health by the policy's terms
    (`ehcplan.funding.apportion_placement`; a placement's education share takes
    the place of a top-up), and the placement is reviewed at the panel 6 months
    from the date of placement (`ehcplan.funding.placement_review`).

    Attributes:
        panel: The id of the policy's Access to Resources panel.
        share: The share of plans that need a jointly funded placement.
        weeks: The shares of placements by weeks a year (38 and 52 in the protocol;
            the policy's terms refuse other lengths unless they say otherwise).
        weekly_fee: The provider's fee a week (education costs not broken down).
        transport: Educationally related transport costs a year.
        health_share: The share of placements the ICB part-funds under the
            continuing care protocol.
        health_contribution: The ICB's contribution a year (at most the fee).
        emergency_share: The share referred as emergencies, funded at once by the chair.
        referral_days: Time from the decision to issue a plan to the referral.
        deferred_share: The share of hearings the panel defers to its next meeting.
        slots_per_meeting: Cases heard per meeting; left out, the policy's figure.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> placements = default_scenario().placements
        >>> placements.panel, dict(placements.weeks)
        ('atr', {38: 0.63, 52: 0.37})
    """

    panel: str
    share: float = attrs.field(validator=validators.share)
    weeks: Mapping[int, float] = attrs.field(
        converter=validators.frozen_mapping, validator=_weeks, hash=False
    )
    weekly_fee: Amount = attrs.field(validator=amounts.amount)
    transport: Amount = attrs.field(
        default=FixedAmount(amount=Money(0)), validator=amounts.amount
    )
    health_share: float = attrs.field(default=0.0, validator=validators.share)
    health_contribution: Amount = attrs.field(
        default=FixedAmount(amount=Money(0)), validator=amounts.amount
    )
    emergency_share: float = attrs.field(default=0.0, validator=validators.share)
    referral_days: Distribution = attrs.field(
        default=LogNormal(mean=14, sd=7), validator=distributions.distribution
    )
    deferred_share: float = attrs.field(default=0.0, validator=validators.share)
    slots_per_meeting: int | None = attrs.field(default=None, validator=places)


@attrs.frozen(kw_only=True)
class Ceasing:
    """Plans that cease, so the plans in place flow out as well as in.

    Each plan in place, whether at the start or issued during the run, ceases
    after a time drawn at a constant rate (*annual_share* a year), for a reason
    drawn by its share; a ceased plan has no more reviews, and its funding stops.

    Attributes:
        annual_share: The share of plans in place that cease in a year.
        reasons: The shares of ceased plans by SEN2 ``CeaseReason``, keyed by the
            reason's name in lower case (``transferred``, ``no_engagement``, ...).

    Examples:
        >>> Ceasing(annual_share=0.054).reasons
        mappingproxy({<CeaseReason.OTHER: 9>: 1.0})
    """

    annual_share: float = attrs.field(validator=validators.share)
    reasons: Mapping[CeaseReason, float] = attrs.field(
        factory=lambda: {CeaseReason.OTHER: 1.0},
        converter=validators.frozen_mapping,
        validator=_shares_of(tuple(CeaseReason), total=True),
        hash=False,
    )


def _fail(key: str, problem: str) -> None:
    msg = f"{key}: {problem}"
    raise InvalidInput(msg, field=key)


def check_sections(scenario: Scenario) -> None:
    """Check the scenario's resources, budgets and placements fit the policy it holds.

    Raises:
        InvalidInput: Naming the key, if the policy lacks what a section needs (a
            RAS, funding terms, personal-budget rules, the panel), or they are not
            in force when the scenario starts.
    """
    policy, start = scenario.policy, scenario.start
    resources = scenario.resources
    if resources is not None:
        if policy.ras is None:
            _fail("resources", f"the policy ({policy.name}) has no RAS; give it one.")
        assert policy.ras is not None  # noqa: S101 - refused just above
        for scheme_id in resources.forms:
            try:
                policy.ras.scheme(scheme_id)
            except NotFound as error:
                _fail(f"resources.forms.{scheme_id}", str(error))
        for dated in (policy.ras.conversion, policy.ras.sign_off_threshold):
            try:
                dated.at(start)
            except NotInForce as error:
                _fail("resources", f"{error} (the scenario's start)")
        if any(isinstance(c, SimilarCases) for _, c in policy.ras.conversion.history):
            _fail(
                "resources",
                "the policy converts by similar cases, which need the authority's past "
                "cases; the simulator converts by points or bands only. Give the "
                "policy a per-point or banded conversion for the scenario.",
            )
    if resources is not None or scenario.placements is not None:
        if policy.funding is None or policy.funding.terms is None:
            _fail(
                "resources" if resources is not None else "placements",
                f"the policy ({policy.name}) has no funding terms (the element 2 "
                "threshold, the joint-funding splits); give it [funding.terms].",
            )
        assert policy.funding is not None  # noqa: S101 - refused just above
        assert policy.funding.terms is not None  # noqa: S101 - refused just above
        try:
            policy.funding.terms.at(start)
        except NotInForce as error:
            _fail("placements", f"{error} (the scenario's start)")
    if scenario.personal_budgets is not None and policy.personal_budgets is None:
        _fail(
            "personal_budgets",
            f"the policy ({policy.name}) has no personal-budget rules; give it "
            "[personal_budgets].",
        )
    placements = scenario.placements
    if placements is not None:
        try:
            panel = policy.panel(placements.panel)
        except NotFound as error:
            _fail("placements.panel", str(error))
        if panel.kind is not PanelKind.ACCESS_TO_RESOURCES:
            _fail(
                "placements.panel",
                f"panel {panel.id} is a {panel.kind.value} panel; jointly funded "
                "placements go to an access to resources panel (seed 004).",
            )
        decides = panel.terms.at(max(start, panel.terms.starts[0])).decides
        if PanelRemit.JOINT_FUNDING not in decides:
            _fail(
                "placements.panel",
                f"panel {panel.id} does not decide joint funding; add "
                '"joint funding" to its remit.',
            )
        if panel.terms.starts[0] > start:
            _fail(
                "start",
                f"the scenario starts on {start.isoformat()}, before panel {panel.id}'s "
                f"terms apply ({panel.terms.starts[0].isoformat()}).",
            )
        terms = (
            policy.funding.terms.at(start)
            if policy.funding and policy.funding.terms
            else None
        )
        if terms is not None:
            for weeks in placements.weeks:
                if (
                    weeks not in terms.undivided_splits
                    and terms.other_weeks.value == "refuse"
                ):
                    _fail(
                        f"placements.weeks.{weeks}",
                        f"the policy's funding terms have no split for {weeks}-week "
                        f"placements (only {', '.join(map(str, terms.undivided_splits))}) "
                        "and refuse other lengths.",
                    )
