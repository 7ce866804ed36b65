"""The EHC plan's content, by its statutory sections A to K.

An EHC plan must set out, in separate sections, what SI 2014/1530 reg 12(1)
lists and the SEND Code of Practice (para 9.62) letters A to K: the views,
interests and aspirations of the child and parents or of the young person (A),
the special educational needs (B), the health care needs related to them (C),
the social care needs (D), the outcomes sought, with the steps towards them (E),
the special educational provision (F), the health care provision (G), the
social care provision under the Chronically Sick and Disabled Persons Act 1970
s2 (H1) and any other social care provision (H2), the name or type of the
school or other institution (I), the personal budget (J), and the advice and
information gathered during the assessment, appended (K).

A `PlanContent` is one version of that content: a draft served
(`ehcplan.cases.DraftServed`), a final plan (`FinalPlanIssued`) or an amended
plan (`AmendedPlanIssued`, whose ``sections`` say which sections changed). The
parent or young person can appeal sections B, F and I (CFA 2014 s51(2)(c)),
so appeals and Tribunal orders name the sections they concern.

The content is the authority's own record and is never echoed in an error
message: messages name the section, not what it says.

Examples:
    >>> content = PlanContent(
    ...     needs=["Speech, language and communication needs"],
    ...     outcomes=[Outcome(text="Takes part in group work by the end of KS2",
    ...                       targets=["Joins a small group for 10 minutes"])],
    ...     provision=[Provision(section=Section.F, text="Speech and language therapy",
    ...                          quantity="1 hour a week")],
    ...     setting=Setting(name="Exampleshire Primary School", institution="URN 100001"),
    ... )
    >>> sorted(s.value for s in content.sections())
    ['B', 'E', 'F', 'I']
    >>> content.missing_for_final()
    frozenset()
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan import validators
from ehcplan.cases import fields
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.validators import collection, optional

__all__ = [
    "APPEALABLE_SECTIONS",
    "Appendix",
    "Outcome",
    "PlanBudget",
    "PlanContent",
    "Provision",
    "Section",
    "Setting",
]


class Section(enum.Enum):
    """A section of an EHC plan (SI 2014/1530 reg 12(1); SEND Code of Practice 9.62)."""

    A = "A"
    """The views, interests and aspirations of the child and parents, or young person."""
    B = "B"
    """The child's or young person's special educational needs."""
    C = "C"
    """Health care needs related to the special educational needs or disability."""
    D = "D"
    """Social care needs related to the special educational needs or disability."""
    E = "E"
    """The outcomes sought, with the steps towards them (short-term targets)."""
    F = "F"
    """The special educational provision."""
    G = "G"
    """Health care provision reasonably required by the needs."""
    H1 = "H1"
    """Social care provision under the Chronically Sick and Disabled Persons Act 1970 s2."""
    H2 = "H2"
    """Any other social care provision reasonably required."""
    I = "I"  # noqa: E741 - the Code of Practice's letter for the named setting
    """The name or type of the school or other institution."""
    J = "J"
    """The personal budget, and how it will be paid."""
    K = "K"
    """The advice and information gathered during the assessment, appended."""


APPEALABLE_SECTIONS = frozenset({Section.B, Section.F, Section.I})
"""The sections the parent or young person can appeal (CFA 2014 s51(2)(c))."""

_PROVISION_SECTIONS = frozenset({Section.F, Section.G, Section.H1, Section.H2})
_FINAL_NEEDS = (Section.B, Section.E, Section.F, Section.I)


def _provision_section(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value not in _PROVISION_SECTIONS:
        msg = (
            f"{attribute.name} must be the section the provision belongs to: F "
            f"(special educational), G (health), H1 or H2 (social care); got {value!r}."
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Outcome:
    """An outcome sought (section E), with its steps: the short-term targets.

    Attributes:
        text: The outcome, as the plan words it.
        targets: The short-term targets towards it (agreed at the implementation
            meeting, seed 002; reviewed with the setting, seed 003 stage 5).
        by: When it should be achieved, in the plan's words ("end of key stage 2").
    """

    text: str = fields.text()
    targets: tuple[str, ...] = fields.texts("targets")
    by: str | None = fields.optional_text()


@attrs.frozen(kw_only=True)
class Provision:
    """One item of provision (section F, G, H1 or H2): what, how much, and who provides it.

    Attributes:
        section: F, G, H1 or H2.
        text: The provision, specified as the plan specifies it.
        quantity: How much and how often ("1 hour a week"), if stated.
        provider: Who provides it, if stated.
    """

    section: Section = attrs.field(validator=_provision_section)
    text: str = fields.text()
    quantity: str | None = fields.optional_text()
    provider: str | None = fields.optional_text()


@attrs.frozen(kw_only=True)
class Setting:
    """Section I: the school or other institution named, or the type of one.

    A draft plan may leave it out (seed 000: "with no named placement at this
    stage"); a final plan names a school or a type.

    Attributes:
        name: The institution's name, if one is named.
        kind: The type of school or institution ("maintained special school").
        institution: Its identifier (URN, UKPRN or the authority's code), if named.
    """

    name: str | None = fields.optional_text()
    kind: str | None = fields.optional_text()
    institution: str | None = fields.optional_text()

    def __attrs_post_init__(self) -> None:
        """A setting names an institution or a type."""
        if self.name is None and self.kind is None:
            msg = (
                "section I names a school or institution (name) or a type of one "
                "(kind); give at least one, or leave the setting out of a draft."
            )
            raise InvalidInput(msg, field="setting")


@attrs.frozen(kw_only=True)
class PlanBudget:
    """Section J: the personal budget, the provision it secures, and how it is paid.

    Attributes:
        amount: The budget a year.
        covers: The provision it secures, as the plan lists it.
        direct_payments: How much of it is paid as direct payments, a year.
    """

    amount: Money = fields.money(1)
    covers: tuple[str, ...] = fields.texts("covers", required=True)
    direct_payments: Money = attrs.field(
        default=Money(0), validator=validators.money_at_least(0)
    )

    def __attrs_post_init__(self) -> None:
        """Direct payments are part of the budget."""
        if self.direct_payments > self.amount:
            msg = (
                f"the direct payments ({self.direct_payments}) cannot be more than "
                f"the personal budget ({self.amount})."
            )
            raise InvalidInput(msg, field="direct_payments")


@attrs.frozen(kw_only=True)
class Appendix:
    """Section K: one piece of advice or information appended to the plan.

    Attributes:
        title: What it is ("educational psychology advice").
        document: Its reference in the authority's records (never its content).
    """

    title: str = fields.text()
    document: str = fields.text()


def _tuple_of(kind: type, name: str) -> Any:
    def convert(value: Iterable[object]) -> tuple[Any, ...]:
        items = tuple(collection(value, field=name))
        for item in items:
            if not isinstance(item, kind):
                msg = f"{name} must hold {kind.__name__} values, got {type(item).__name__}."
                raise InvalidInput(msg, field=name)
        return items

    return attrs.field(default=(), converter=convert)


def _instance_or_none(kind: type, name: str) -> Any:
    def validate(_i: object, _a: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            msg = (
                f"{name} must be a {kind.__name__} or None, got {type(value).__name__}."
            )
            raise InvalidInput(msg, field=name)

    return attrs.field(default=None, validator=optional(validate))


@attrs.frozen(kw_only=True)
class PlanContent:
    """One version of an EHC plan's content, section by section (A to K).

    Every section may be empty in a draft; `missing_for_final` lists the ones a
    final plan cannot do without.

    Attributes:
        views: Section A, the views, interests and aspirations (or a reference to them).
        needs: Section B, the special educational needs.
        health_needs: Section C.
        social_care_needs: Section D.
        outcomes: Section E, the outcomes with their short-term targets.
        provision: Sections F, G, H1 and H2, each item naming its section.
        setting: Section I, the institution or type named.
        personal_budget: Section J, if there is a personal budget.
        advice: Section K, the advice and information appended.
    """

    views: str | None = fields.optional_text()
    needs: tuple[str, ...] = fields.texts("needs")
    health_needs: tuple[str, ...] = fields.texts("health_needs")
    social_care_needs: tuple[str, ...] = fields.texts("social_care_needs")
    outcomes: tuple[Outcome, ...] = _tuple_of(Outcome, "outcomes")
    provision: tuple[Provision, ...] = _tuple_of(Provision, "provision")
    setting: Setting | None = _instance_or_none(Setting, "setting")
    personal_budget: PlanBudget | None = _instance_or_none(
        PlanBudget, "personal_budget"
    )
    advice: tuple[Appendix, ...] = _tuple_of(Appendix, "advice")

    def section(self, section: Section) -> tuple[Any, ...]:
        """What the plan holds in *section* (empty when it holds nothing).

        Examples:
            >>> PlanContent(needs=["Autism"]).section(Section.B)
            ('Autism',)
        """
        if section in _PROVISION_SECTIONS:
            return tuple(p for p in self.provision if p.section is section)
        single = {
            Section.A: self.views,
            Section.I: self.setting,
            Section.J: self.personal_budget,
        }
        if section in single:
            value = single[section]
            return () if value is None else (value,)
        many: dict[Section, tuple[Any, ...]] = {
            Section.B: self.needs,
            Section.C: self.health_needs,
            Section.D: self.social_care_needs,
            Section.E: self.outcomes,
            Section.K: self.advice,
        }
        return many[section]

    def sections(self) -> frozenset[Section]:
        """The sections that hold something."""
        return frozenset(s for s in Section if self.section(s))

    def differs_from(self, other: PlanContent) -> frozenset[Section]:
        """The sections whose content differs between this version and *other*.

        Examples:
            >>> old = PlanContent(needs=["Autism"])
            >>> sorted(s.value for s in PlanContent(needs=["Autism", "ADHD"]).differs_from(old))
            ['B']
        """
        return frozenset(s for s in Section if self.section(s) != other.section(s))

    def missing_for_final(self) -> frozenset[Section]:
        """The sections a final plan must fill that this version leaves empty.

        A final plan specifies the needs (B), the outcomes (E), the special
        educational provision (F) and names the school or type (I): SI 2014/1530
        reg 12(1)(b), (e), (f), (i).
        """
        return frozenset(s for s in _FINAL_NEEDS if not self.section(s))
