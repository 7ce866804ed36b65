"""The audit: every time limit of the law, each with its clock or the reason it has none.

A SEND caseworker or a Tribunal officer reading `ehcplan.timeline.table` can ask
"and the limit in reg 42(4)?". This module is the answer, as data: one
`Provision` per time limit in the SEND Regulations 2014 (SI 2014/1530, with
reg 45 as substituted by SI 2015/359), the Children and Families Act 2014, the
Tribunal's rules (SI 2008/2699), the personal budgets regulations (SI 2014/1652)
and the Code of Practice limit authorities work to. Each names

* its provision, to the paragraph, linked to legislation.gov.uk (`legislation_url`);
* who must act, and the limit in words;
* the clocks of `ehcplan.timeline.table` that implement it, with a worked
  example for each, or the written reason there is none (a fixed day of the
  year, "immediately", a limit counted in a setting's own days, or text not yet
  read);
* how well its text was checked (`Checked`), and what is still unconfirmed.

The rules page of the documentation is generated from `AUDIT`, and the tests
check every worked example, that every clock of the table is audited, and that
no provision has neither a clock nor a reason (a `Provision` without either
cannot be made). The module runs past 600 lines because it is the audit itself:
53 entries of the law, each with its words, its reasons and its worked examples,
kept together so a reader can check them against the statute in one place.

    >>> from ehcplan.timeline import table
    >>> entry = next(p for p in AUDIT if table.MEDIATION_AGREEMENT_NOTICE in p.clocks)
    >>> entry.cites, entry.checked.value
    ('SI 2014/1530 reg 42(4)', 'read at the source')
    >>> legislation_url(entry.cites)
    'https://www.legislation.gov.uk/uksi/2014/1530/regulation/42'
    >>> example = entry.examples[0]
    >>> example.clock.last_day(example.trigger) == example.expected
    True
    >>> [p.cites for p in AUDIT if p.cites.startswith("SI 2014/1530 reg 44(2)(a)")]
    ['SI 2014/1530 reg 44(2)(a)']
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock

__all__ = ["AUDIT", "Checked", "Example", "Provision", "legislation_url"]


class Checked(enum.Enum):
    """How well a provision's text was checked before it became a clock or a reason."""

    SOURCE = "read at the source"
    """Its text was read on legislation.gov.uk."""
    SECONDARY = "quoted by a secondary source"
    """Quoted or stated by a reputable secondary source (IPSEA, a SENDIASS, a law
    firm); the text itself was not seen."""
    REFERENCE = "verified in ehcplan's statutory reference"
    """Read at the source for ehcplan's statutory reference, and not re-read since."""
    RECALLED = "recalled, not yet read"
    """Known only from memory of the text: no clock rests on it."""


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be non-empty text, got {value!r}"
        raise InvalidInput(msg, field=attribute.name)


def _optional_text(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _text(_instance, attribute, value)


@attrs.frozen(kw_only=True)
class Example:
    """A worked example of one clock: a trigger date and the last day it gives.

    Attributes:
        clock: The clock of `ehcplan.timeline.table`.
        trigger: The date of its trigger (of the event, for a limit counted back).
        expected: The last day, worked out by hand from the provision's words.
        says: The example in a caseworker's words, weekdays included.

    Examples:
        >>> example = Example(
        ...     clock=table.ORDER_AMEND_SCHOOL,
        ...     trigger=dt.date(2025, 5, 12),
        ...     expected=dt.date(2025, 5, 26),
        ...     says="order made Mon 12 May 2025: amended plan by Mon 26 May 2025",
        ... )
        >>> example.clock.last_day(example.trigger) == example.expected
        True
    """

    clock: Clock = attrs.field(validator=attrs.validators.instance_of(Clock))
    trigger: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    expected: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    says: str = attrs.field(validator=_text)


def _clocks(value: Iterable[Clock]) -> tuple[Clock, ...]:
    return tuple(value)


def _examples(value: Iterable[Example]) -> tuple[Example, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Provision:
    """One time limit of the law: its provision, and its clocks or the reason it has none.

    Attributes:
        cites: The provision, to the paragraph where it is known
            ("SI 2014/1530 reg 42(4)").
        limit: The limit in words.
        duty_holder: Who must act.
        clocks: The clocks of `ehcplan.timeline.table` that implement it; a set of
            clocks when one provision sets several limits, or borrows another's.
        reason: Why there is no clock; for a provision with clocks, a note on how
            they apply (which event starts them, what they leave out).
        checked: How well the text was checked.
        unconfirmed: What is still unconfirmed (the paragraph number, the
            length), if anything.
        examples: Worked examples of its clocks.
        example: A worked example in words, for a provision without a clock.

    Examples:
        >>> Provision(
        ...     cites="SI 2014/1530 reg 44(2)(a)",
        ...     limit="cease to maintain the plan immediately",
        ...     duty_holder="the local authority",
        ...     checked=Checked.SECONDARY,
        ... )
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: SI 2014/1530 reg 44(2)(a) has neither a clock nor a reason; ...
    """

    cites: str = attrs.field(validator=_text)
    limit: str = attrs.field(validator=_text)
    duty_holder: str = attrs.field(validator=_text)
    clocks: tuple[Clock, ...] = attrs.field(
        default=(),
        converter=_clocks,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Clock)),
    )
    reason: str | None = attrs.field(default=None, validator=_optional_text)
    checked: Checked = attrs.field(validator=attrs.validators.instance_of(Checked))
    unconfirmed: str | None = attrs.field(default=None, validator=_optional_text)
    examples: tuple[Example, ...] = attrs.field(
        default=(),
        converter=_examples,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Example)),
    )
    example: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        """Refuse a provision with neither a clock nor a reason, or a stray example."""
        if not self.clocks and self.reason is None:
            msg = (
                f"{self.cites} has neither a clock nor a reason; give the clocks of "
                "ehcplan.timeline.table that implement it, or say why there is none"
            )
            raise InvalidInput(msg, field="reason")
        for example in self.examples:
            if example.clock not in self.clocks:
                msg = (
                    f"{self.cites}: the example of {example.clock.name!r} is not of "
                    "one of this provision's clocks"
                )
                raise InvalidInput(msg, field="examples")
        if self.clocks and self.checked is Checked.RECALLED:
            msg = (
                f"{self.cites}: a clock may not rest on a provision that was only "
                "recalled; read its text first"
            )
            raise InvalidInput(msg, field="checked")


_SI = re.compile(r"SI (\d{4})/(\d+) (?:regs? |r\.)(\d+[A-Z]?)")
_SCHEDULE = re.compile(r"SI (\d{4})/(\d+) Sch (\d+) para (\d+)")
_CFA = re.compile(r"CFA 2014 ss? ?(\d+[A-Z]?)")
_CODE = "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25"
_RULES = frozenset({("2008", "2699")})  # the Tribunal's procedure rules


def legislation_url(cites: str) -> str | None:
    """The address of the first provision named in *cites*, or None if it names none.

    Regulations and rules link to their own page on legislation.gov.uk, sections of
    the Children and Families Act 2014 to theirs, and the Code of Practice to its
    page on gov.uk.

    Examples:
        >>> legislation_url("SI 2014/1530 regs 20(3), 21(3)")
        'https://www.legislation.gov.uk/uksi/2014/1530/regulation/20'
        >>> legislation_url("SI 2008/2699 r.20(1)(c), r.12")
        'https://www.legislation.gov.uk/uksi/2008/2699/rule/20'
        >>> legislation_url("CFA 2014 s44(1)")
        'https://www.legislation.gov.uk/ukpga/2014/6/section/44'
        >>> legislation_url("SI 2012/206 Sch 1 para 15(2)(a)")
        'https://www.legislation.gov.uk/uksi/2012/206/schedule/1/paragraph/15'
        >>> legislation_url("SEND Code of Practice 9.83")
        'https://www.gov.uk/government/publications/send-code-of-practice-0-to-25'
        >>> legislation_url("local practice") is None
        True
    """
    found = [
        (match.start(), url)
        for pattern, make in (
            (_SI, _si_url),
            (_SCHEDULE, _schedule_url),
            (_CFA, _cfa_url),
        )
        if (match := pattern.search(cites)) is not None
        for url in (make(match),)
    ]
    if found:
        return min(found)[1]
    return _CODE if cites.startswith("SEND Code of Practice") else None


def _si_url(match: re.Match[str]) -> str:
    year, number, part = match.groups()
    kind = "rule" if (year, number) in _RULES else "regulation"
    return f"https://www.legislation.gov.uk/uksi/{year}/{number}/{kind}/{part}"


def _schedule_url(match: re.Match[str]) -> str:
    year, number, schedule, paragraph = match.groups()
    return (
        f"https://www.legislation.gov.uk/uksi/{year}/{number}/schedule/{schedule}"
        f"/paragraph/{paragraph}"
    )


def _cfa_url(match: re.Match[str]) -> str:
    return f"https://www.legislation.gov.uk/ukpga/2014/6/section/{match.group(1)}"


def _ex(clock: Clock, trigger: dt.date, expected: dt.date, says: str) -> Example:
    return Example(clock=clock, trigger=trigger, expected=expected, says=says)


_D = dt.date
_LA = "the local authority"
_ORDER = "the date of the Tribunal's order"

AUDIT: tuple[Provision, ...] = (
    # --- The initial assessment ------------------------------------------------------
    Provision(
        cites="SI 2014/1530 reg 5(1)",
        limit="decide whether to assess, and notify the parent or young person, within "
        "6 weeks of receiving the request (or of becoming responsible under s24)",
        duty_holder=_LA,
        clocks=(table.DECISION_TO_ASSESS,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.DECISION_TO_ASSESS,
                _D(2024, 9, 2),
                _D(2024, 10, 14),
                "request received Mon 2 Sep 2024: decision by Mon 14 Oct 2024 (WE-01)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 8(1)",
        limit="a body asked for advice or information for an assessment provides it "
        "within 6 weeks of receiving the request",
        duty_holder="the body asked: health, social care, the educational psychology "
        "service, the school or setting",
        clocks=(table.ADVICE,),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ADVICE,
                _D(2024, 10, 8),
                _D(2024, 11, 19),
                "the psychology service receives the request Tue 8 Oct 2024: advice by "
                "Tue 19 Nov 2024",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 10(1)",
        limit="notify a decision not to issue a plan within 16 weeks of receiving the "
        "request",
        duty_holder=_LA,
        clocks=(table.NO_PLAN_NOTICE,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.NO_PLAN_NOTICE,
                _D(2024, 9, 2),
                _D(2024, 12, 23),
                "request received Mon 2 Sep 2024: no-plan notice by Mon 23 Dec 2024",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 13(1)(a)",
        limit="give at least 15 days, beginning with the day the draft plan is served, "
        "for representations, a request for a school and a meeting",
        duty_holder=_LA,
        clocks=(table.REPRESENTATIONS,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.REPRESENTATIONS,
                _D(2025, 1, 6),
                _D(2025, 1, 20),
                "draft served Mon 6 Jan 2025: the family has until Mon 20 Jan 2025 "
                "(WE-06)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 13(1)",
        limit="serve the draft plan: no time limit of its own",
        duty_holder=_LA,
        reason="The law sets no date for the draft: only the 15 days that follow it "
        "(reg 13(1)(a)) and the 20 weeks for the final plan (reg 13(2)). IPSEA's 14 "
        "weeks is advice; the reverse schedule (ehcplan.cases.schedule) gives the "
        "latest safe date.",
        checked=Checked.REFERENCE,
        example="request received Mon 2 Sep 2024: the final plan is due Mon 20 Jan "
        "2025, so a draft served after Mon 6 Jan 2025 leaves less than the family's "
        "15 days",
    ),
    Provision(
        cites="SI 2014/1530 reg 13(2)",
        limit="send the finalised plan within 20 weeks of receiving the request",
        duty_holder=_LA,
        clocks=(table.FINAL_PLAN,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.FINAL_PLAN,
                _D(2024, 9, 2),
                _D(2025, 1, 20),
                "request received Mon 2 Sep 2024: final plan by Mon 20 Jan 2025; Tue 21 "
                "Jan is late (WE-03)",
            ),
        ),
    ),
    Provision(
        cites="SEND Code of Practice 9.83",
        limit="a school or college consulted about being named should reply within "
        "15 days",
        duty_holder="the school or college consulted",
        clocks=(table.SCHOOL_CONSULTATION,),
        reason='Guidance ("should"), not law: the duty to consult is CFA 2014 '
        "s39(2), s40(3), with no limit; the authority may proceed without a reply.",
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.SCHOOL_CONSULTATION,
                _D(2025, 1, 6),
                _D(2025, 1, 21),
                "school consulted Mon 6 Jan 2025: reply expected by Tue 21 Jan 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 48",
        limit="a child admitted to a special school for assessment stays 10 school "
        "days after a no-plan notice (or until the plan is finalised)",
        duty_holder="the special school",
        reason="Counted in days the school is open, not calendar or working days: it "
        "needs the school's own calendar, and is the school's admission rule rather "
        "than a duty with a deadline.",
        checked=Checked.REFERENCE,
        unconfirmed="the paragraph number",
        example="no-plan notice Mon 3 Mar 2025 at a school open every weekday: the "
        "placement lasts to Mon 17 Mar 2025",
    ),
    # --- Transfer between authorities ------------------------------------------------
    Provision(
        cites="SI 2014/1530 reg 15(2)",
        limit="transfer the plan within 15 working days beginning with the day the old "
        "authority became aware of the move, when that was less than 15 working days "
        "before it",
        duty_holder="the old local authority",
        clocks=(table.TRANSFER_PLAN,),
        reason="Otherwise the plan transfers on the day of the move itself: a date, "
        "not a period.",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.TRANSFER_PLAN,
                _D(2025, 6, 2),
                _D(2025, 6, 20),
                "old authority learns of the move Mon 2 Jun 2025: plan transferred by "
                "Fri 20 Jun 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 15",
        limit="tell the parent or young person within 6 weeks of the transfer that the "
        "plan has transferred, whether the new authority will assess, and when it "
        "will review",
        duty_holder="the new local authority",
        clocks=(table.TRANSFER_NOTICE,),
        checked=Checked.REFERENCE,
        unconfirmed="the paragraph number",
        examples=(
            _ex(
                table.TRANSFER_NOTICE,
                _D(2025, 6, 2),
                _D(2025, 7, 14),
                "plan transferred Mon 2 Jun 2025: family told by Mon 14 Jul 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 15",
        limit="the new authority reviews the plan before the later of 12 months from "
        "when it was made or last reviewed and a period after the transfer",
        duty_holder="the new local authority",
        reason="The second limb was cut off where the text was read (believed to be "
        "3 months from the transfer): no clock until it is read. The first limb is "
        "the annual review (CFA 2014 s44(1)).",
        checked=Checked.REFERENCE,
        unconfirmed="the paragraph number and the second limb's length",
        example="plan last reviewed 1 Jul 2024, transferred 2 Jun 2025: the 12 months "
        "end 30 Jun 2025; if the second limb is 3 months, the review is due by "
        "2 Sep 2025",
    ),
    # --- Reviews, amendments and phase transfer ----------------------------------------
    Provision(
        cites="CFA 2014 s44(1)",
        limit="review the plan in the 12 months starting with the date it was first "
        "made, then in each 12 months starting with the date it was last reviewed",
        duty_holder=_LA,
        clocks=(table.ANNUAL_REVIEW,),
        reason="The strict reading is the clock; review_window gives IPSEA's 'by the "
        "anniversary' reading as an option.",
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ANNUAL_REVIEW,
                _D(2024, 3, 15),
                _D(2025, 3, 14),
                "plan first made Fri 15 Mar 2024: reviewed by Fri 14 Mar 2025 (WE-13)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 18(1)(a)",
        limit="on a transfer from secondary school to a post-16 institution, review "
        "and amend the plan before 31 March of the year of transfer (before 15 "
        "February for any other phase transfer, reg 18(1)(b))",
        duty_holder=_LA,
        reason="A fixed day of the year, not a period from a trigger: "
        "ehcplan.timeline.phase_transfer_deadline, strict ('before') by default.",
        checked=Checked.SOURCE,
        example="Year 6 pupil moving to secondary school in September 2026: reviewed "
        "and amended by Sat 14 Feb 2026; Year 11 moving to college: by Mon 30 Mar "
        "2026",
    ),
    Provision(
        cites="SI 2014/1530 reg 18(2)",
        limit="a move between post-16 institutions at any other time: review and "
        "amend the plan at least 5 months before it",
        duty_holder=_LA,
        clocks=(table.POST_16_MOVE,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.POST_16_MOVE,
                _D(2026, 1, 5),
                _D(2025, 8, 5),
                "move on Mon 5 Jan 2026: reviewed and amended by Tue 5 Aug 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 18(3)",
        limit="transfers on 1 September 2015: review before 31 May 2015",
        duty_holder=_LA,
        reason="Spent: it applied only to transfers on 1 September 2015. Reg 18A (a "
        "2020 coronavirus insertion) has expired too.",
        checked=Checked.SOURCE,
        example="none can arise after 31 May 2015",
    ),
    Provision(
        cites="SI 2014/1530 regs 20(3), 21(3)",
        limit="give at least 2 weeks' notice of the review meeting",
        duty_holder="the head teacher or principal (reg 20), or the authority (reg 21)",
        clocks=(table.REVIEW_NOTICE,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.REVIEW_NOTICE,
                _D(2024, 11, 1),
                _D(2024, 10, 18),
                "meeting Fri 1 Nov 2024: notice given by Fri 18 Oct 2024 (WE-14)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 regs 20(4), 21(4)",
        limit="obtain advice and circulate it at least 2 weeks before the review "
        "meeting",
        duty_holder="the head teacher or principal (reg 20), or the authority (reg 21)",
        clocks=(table.REVIEW_ADVICE,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.REVIEW_ADVICE,
                _D(2024, 11, 1),
                _D(2024, 10, 18),
                "meeting Fri 1 Nov 2024: advice circulated by Fri 18 Oct 2024 (WE-14)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 regs 20(7), 21(7)",
        limit="prepare and send the review report within 2 weeks of the meeting",
        duty_holder="the head teacher or principal (reg 20), or the authority (reg 21)",
        clocks=(table.REVIEW_REPORT,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.REVIEW_REPORT,
                _D(2024, 11, 1),
                _D(2024, 11, 15),
                "meeting Fri 1 Nov 2024: report by Fri 15 Nov 2024 (WE-14)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 20(10)",
        limit="decide to maintain, amend or cease the plan, and notify, within 4 weeks "
        "of the review meeting, with any proposed amendments",
        duty_holder=_LA,
        clocks=(table.REVIEW_DECISION,),
        reason="Amendments go with the decision: R (L, M and P) v Devon CC [2022] EWHC "
        "493 (Admin).",
        checked=Checked.SECONDARY,
        unconfirmed="the paragraph number",
        examples=(
            _ex(
                table.REVIEW_DECISION,
                _D(2024, 11, 1),
                _D(2024, 11, 29),
                "meeting Fri 1 Nov 2024: decision by Fri 29 Nov 2024 (WE-14)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 22(2)(c)",
        limit="give at least 15 days, beginning with the day the amendment notice is "
        "served, for representations, a school request and a meeting",
        duty_holder=_LA,
        clocks=(table.AMENDMENT_REPRESENTATIONS,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.AMENDMENT_REPRESENTATIONS,
                _D(2024, 11, 29),
                _D(2024, 12, 13),
                "notice served Fri 29 Nov 2024: the family has until Fri 13 Dec 2024",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 22(3)",
        limit="send the amended plan within 8 weeks of sending the plan with the "
        "notice of proposed amendments",
        duty_holder=_LA,
        clocks=(table.AMENDED_PLAN,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.AMENDED_PLAN,
                _D(2024, 11, 29),
                _D(2025, 1, 24),
                "notice sent Fri 29 Nov 2024: amended plan by Fri 24 Jan 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 22(4)",
        limit="after proposing amendments, notify a decision not to amend, with "
        "reasons",
        duty_holder=_LA,
        reason="The text was cut off at its limit where it was read (believed to be 8 "
        "weeks from the notice, as in reg 22(3)): no clock until it is read.",
        checked=Checked.SOURCE,
        unconfirmed="the length",
        example="notice sent Fri 29 Nov 2024: if the limit is 8 weeks, a decision not "
        "to amend is due by Fri 24 Jan 2025",
    ),
    Provision(
        cites="SI 2014/1530 reg 25",
        limit="notify a decision whether to reassess after a request",
        duty_holder=_LA,
        reason="Not read (believed to be 15 days of the request): no clock until it "
        "is read.",
        checked=Checked.RECALLED,
        unconfirmed="the paragraph number and the length",
        example="request to reassess Mon 3 Mar 2025: if the limit is 15 days, the "
        "decision is due by Tue 18 Mar 2025",
    ),
    Provision(
        cites="SI 2014/1530 reg 27(2)",
        limit="send the amended or replacement plan within 14 weeks of the notice or "
        "decision to reassess",
        duty_holder=_LA,
        clocks=(table.REASSESSMENT,),
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.REASSESSMENT,
                _D(2025, 3, 3),
                _D(2025, 6, 9),
                "decision to reassess Mon 3 Mar 2025: plan by Mon 9 Jun 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 31(2)",
        limit="notify a decision to cease to maintain the plan",
        duty_holder=_LA,
        reason="No time limit: reg 31 sets a procedure (inform, consult, notify with "
        "appeal rights) and no period. The plan stays in force until the appeal "
        "window closes or an appeal is decided.",
        checked=Checked.SOURCE,
        example="decision to cease sent Mon 10 Mar 2025: the plan is maintained at "
        "least until the appeal window closes on Mon 12 May 2025",
    ),
    # --- Mediation ------------------------------------------------------------------
    Provision(
        cites="SI 2014/1530 reg 33",
        limit="contact the mediation adviser within 2 months after written notice of "
        "the decision was sent",
        duty_holder="the parent or young person",
        clocks=(table.MEDIATION_CONTACT,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.MEDIATION_CONTACT,
                _D(2024, 12, 31),
                _D(2025, 2, 28),
                "notice sent Tue 31 Dec 2024: adviser contacted by Fri 28 Feb 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 34(1)",
        limit="issue the mediation certificate within 3 working days of being told "
        "the parent or young person does not want mediation",
        duty_holder="the mediation adviser",
        clocks=(table.MEDIATION_CERTIFICATE,),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.MEDIATION_CERTIFICATE,
                _D(2025, 4, 17),
                _D(2025, 4, 24),
                "told Thu 17 Apr 2025: certificate by Thu 24 Apr 2025, past Good "
                "Friday and Easter Monday (WE-20)",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 35(2)",
        limit="when the mediation issues are or include health care provision, tell "
        "each relevant commissioning body within 3 working days",
        duty_holder=_LA,
        clocks=(table.MEDIATION_HEALTH_NOTICE,),
        checked=Checked.SECONDARY,
        unconfirmed="the paragraph number",
        examples=(
            _ex(
                table.MEDIATION_HEALTH_NOTICE,
                _D(2025, 3, 3),
                _D(2025, 3, 6),
                "told Mon 3 Mar 2025: commissioning bodies told by Thu 6 Mar 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 35(3)",
        limit="health care issues only: arrange mediation within 30 days of being told "
        "the mediation issues",
        duty_holder="the responsible commissioning body",
        clocks=(table.MEDIATION_HEALTH_ARRANGED,),
        checked=Checked.SECONDARY,
        unconfirmed="the paragraph number",
        examples=(
            _ex(
                table.MEDIATION_HEALTH_ARRANGED,
                _D(2025, 3, 6),
                _D(2025, 4, 5),
                "commissioning body told Thu 6 Mar 2025: mediation by Sat 5 Apr 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 regs 35(4), 36(2)",
        limit="education or social care issues (with or without health care ones): "
        "arrange mediation within 30 days of being told the family wants it",
        duty_holder=_LA,
        clocks=(table.MEDIATION_ARRANGED,),
        checked=Checked.SECONDARY,
        unconfirmed="the regulation and paragraph numbers",
        examples=(
            _ex(
                table.MEDIATION_ARRANGED,
                _D(2025, 3, 3),
                _D(2025, 4, 2),
                "told Mon 3 Mar 2025: mediation by Wed 2 Apr 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 37",
        limit="mediation cannot take place within the 30 days: issue a certificate "
        "within 3 working days of being told",
        duty_holder="the mediation adviser",
        clocks=(table.MEDIATION_DEEMED_CERTIFICATE,),
        checked=Checked.SECONDARY,
        unconfirmed="the regulation and paragraph numbers",
        examples=(
            _ex(
                table.MEDIATION_DEEMED_CERTIFICATE,
                _D(2025, 4, 2),
                _D(2025, 4, 7),
                "told Wed 2 Apr 2025: certificate by Mon 7 Apr 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 39(1)",
        limit="issue the certificate within 3 working days of the conclusion of the "
        "mediation",
        duty_holder="the mediator",
        clocks=(table.MEDIATION_CONCLUDED_CERTIFICATE,),
        checked=Checked.SECONDARY,
        unconfirmed="the regulation and paragraph numbers",
        examples=(
            _ex(
                table.MEDIATION_CONCLUDED_CERTIFICATE,
                _D(2025, 12, 23),
                _D(2025, 12, 30),
                "mediation concluded Tue 23 Dec 2025: certificate by Tue 30 Dec 2025, "
                "past Christmas and Boxing Day",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 42(2)",
        limit="a mediation agreement on a matter that can be appealed: comply within "
        "the reg 44 limits, as if the agreement were a Tribunal order",
        duty_holder=_LA,
        clocks=(
            table.ORDER_ASSESS_NOTICE,
            table.ORDER_ASSESS_NO_PLAN,
            table.ORDER_ASSESS_FINAL_PLAN,
            table.ORDER_MAKE_PLAN_DRAFT,
            table.ORDER_MAKE_PLAN_FINAL,
            table.ORDER_AMEND_PLAN,
            table.ORDER_AMEND_SCHOOL,
        ),
        reason="The reg 44 clocks, each started by the date of the mediation "
        "agreement instead of the order. The parties may agree a different timescale "
        "in writing (reg 42(5)).",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.ORDER_AMEND_PLAN,
                _D(2025, 6, 10),
                _D(2025, 7, 15),
                "agreement to amend Section F on Tue 10 Jun 2025: amended plan by Tue "
                "15 Jul 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 42(3)",
        limit="a mediation agreement on a matter that cannot be appealed: do what was "
        "agreed within 2 weeks of the agreement",
        duty_holder="the local authority or responsible commissioning body",
        clocks=(table.MEDIATION_NON_APPEALABLE_AGREEMENT,),
        reason="The parties may agree a different timescale in writing (reg 42(5)).",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.MEDIATION_NON_APPEALABLE_AGREEMENT,
                _D(2025, 6, 10),
                _D(2025, 6, 24),
                "agreement Tue 10 Jun 2025: done by Tue 24 Jun 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 42(4)",
        limit="a mediation the authority was not a party to: notify the authority of "
        "the agreement within 1 week",
        duty_holder="the responsible commissioning body",
        clocks=(table.MEDIATION_AGREEMENT_NOTICE,),
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.MEDIATION_AGREEMENT_NOTICE,
                _D(2025, 6, 10),
                _D(2025, 6, 17),
                "agreement Tue 10 Jun 2025: authority told by Tue 17 Jun 2025",
            ),
        ),
    ),
    # --- The Tribunal ---------------------------------------------------------------
    Provision(
        cites="SI 2008/2699 r.20(1)(c)",
        limit="send the notice of appeal within 2 months after written notice of the "
        "decision was sent, or 1 month from the mediation certificate if later",
        duty_holder="the parent or young person",
        clocks=(table.APPEAL,),
        reason="The clock is the 2 months, moved by r.12 out of August and 25 "
        "December to 1 January and onto a working day; the later date after a "
        "certificate is ehcplan.timeline.appeal_deadline.",
        checked=Checked.REFERENCE,
        examples=(
            _ex(
                table.APPEAL,
                _D(2025, 3, 10),
                _D(2025, 5, 12),
                "decision sent Mon 10 Mar 2025: 2 months end Sat 10 May, so appeal by "
                "5pm Mon 12 May 2025 (WE-18)",
            ),
            _ex(
                table.APPEAL,
                _D(2025, 6, 15),
                _D(2025, 9, 1),
                "decision sent Sun 15 Jun 2025: 2 months end in August, so appeal by "
                "Mon 1 Sep 2025 (r.12(3)(a))",
            ),
        ),
    ),
    Provision(
        cites="SI 2008/2699 r.21(1)",
        limit="the authority's response to the appeal, within the time the Schedule "
        "to the rules sets (30 working days in special educational needs cases)",
        duty_holder=_LA,
        reason="The Tribunal's registration letter states the date, counted with "
        "r.12(3)(b) (August and 25 December to 1 January not counted); record the "
        "date it gives rather than recompute it.",
        checked=Checked.SOURCE,
        unconfirmed="the Schedule's 30 working days (IPSEA)",
        example="appeal sent to the authority Mon 14 Jul 2025: 30 working days, not "
        "counting August, end Tue 23 Sep 2025",
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(a)",
        limit="an order dismissing an appeal against ceasing: cease to maintain the "
        "plan immediately",
        duty_holder=_LA,
        reason='"Immediately": the order\'s own date, with no period to count.',
        checked=Checked.SECONDARY,
        example="order made Mon 12 May 2025: the plan ceases on Mon 12 May 2025",
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(b)",
        limit="an order to assess or reassess: notify within 2 weeks that it will; "
        "notify a no-plan decision within 10 weeks, or send the final plan within 14 "
        "weeks, of the order",
        duty_holder=_LA,
        clocks=(
            table.ORDER_ASSESS_NOTICE,
            table.ORDER_ASSESS_NO_PLAN,
            table.ORDER_ASSESS_FINAL_PLAN,
        ),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ORDER_ASSESS_NOTICE,
                _D(2025, 5, 12),
                _D(2025, 5, 26),
                "order Mon 12 May 2025: notice by Mon 26 May 2025 (a bank holiday: "
                "weeks run through it)",
            ),
            _ex(
                table.ORDER_ASSESS_NO_PLAN,
                _D(2025, 5, 12),
                _D(2025, 7, 21),
                "order Mon 12 May 2025: no-plan notice by Mon 21 Jul 2025",
            ),
            _ex(
                table.ORDER_ASSESS_FINAL_PLAN,
                _D(2025, 5, 12),
                _D(2025, 8, 18),
                "order Mon 12 May 2025: final plan by Mon 18 Aug 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(c)",
        limit="an order to make and maintain a plan: draft within 5 weeks, final plan "
        "within 11 weeks of the order",
        duty_holder=_LA,
        clocks=(table.ORDER_MAKE_PLAN_DRAFT, table.ORDER_MAKE_PLAN_FINAL),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ORDER_MAKE_PLAN_DRAFT,
                _D(2025, 5, 12),
                _D(2025, 6, 16),
                "order Mon 12 May 2025: draft by Mon 16 Jun 2025",
            ),
            _ex(
                table.ORDER_MAKE_PLAN_FINAL,
                _D(2025, 5, 12),
                _D(2025, 7, 28),
                "order Mon 12 May 2025: final plan by Mon 28 Jul 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(d)",
        limit="an order referring the case back to the authority to reconsider",
        duty_holder=_LA,
        reason="Not read (believed to be 2 weeks of the order): no clock until it is "
        "read.",
        checked=Checked.RECALLED,
        unconfirmed="the length",
        example="order Mon 12 May 2025: if the limit is 2 weeks, by Mon 26 May 2025",
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(e)",
        limit="an order to amend the special educational provision (Sections B and "
        "F): issue the amended plan within 5 weeks of the order",
        duty_holder=_LA,
        clocks=(table.ORDER_AMEND_PLAN,),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ORDER_AMEND_PLAN,
                _D(2025, 5, 12),
                _D(2025, 6, 16),
                "order Mon 12 May 2025: amended plan by Mon 16 Jun 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(f)",
        limit="an order to amend the school or type of school named (Section I): "
        "issue the amended plan within 2 weeks of the order",
        duty_holder=_LA,
        clocks=(table.ORDER_AMEND_SCHOOL,),
        checked=Checked.SECONDARY,
        examples=(
            _ex(
                table.ORDER_AMEND_SCHOOL,
                _D(2025, 5, 12),
                _D(2025, 5, 26),
                "order Mon 12 May 2025: amended plan by Mon 26 May 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 44(2)(g)",
        limit="orders to continue to maintain the plan (immediately), or to maintain "
        "and amend it (reg 44(2)(h))",
        duty_holder=_LA,
        reason="Not read (believed: immediately, and 5 weeks for the amendment): no "
        "clock until it is read; continuing to maintain has no period to count.",
        checked=Checked.RECALLED,
        unconfirmed="the text of (g) and (h)",
        example="order Mon 12 May 2025 to continue to maintain: in force that day",
    ),
    Provision(
        cites="SI 2014/1530 reg 44(3)",
        limit="exceptions to the limits for complying with an order",
        duty_holder=_LA,
        reason="Not a limit: the text of the order limits' own exceptions was not "
        "read, so no exception ground is attached to the order clocks.",
        checked=Checked.RECALLED,
        unconfirmed="the text",
        example="none: every order clock is applied as written",
    ),
    Provision(
        cites="SI 2014/1530 reg 45(3)",
        limit="an appeal against a refusal to assess or reassess that the authority "
        "will not oppose: notify within 2 weeks that it must assess; a no-plan "
        "decision within 10 weeks (45(3A)(a)) or the final plan within 14 weeks "
        "(45(3A)(b)) of telling the Tribunal",
        duty_holder=_LA,
        clocks=(
            table.UNOPPOSED_ASSESS_NOTICE,
            table.UNOPPOSED_ASSESS_NO_PLAN,
            table.UNOPPOSED_ASSESS_FINAL_PLAN,
        ),
        reason="As substituted by SI 2015/359 reg 8; started by the day the "
        "authority tells the Tribunal it will not oppose (reg 45(1)).",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.UNOPPOSED_ASSESS_NOTICE,
                _D(2025, 10, 1),
                _D(2025, 10, 15),
                "Tribunal told Wed 1 Oct 2025: notice by Wed 15 Oct 2025",
            ),
            _ex(
                table.UNOPPOSED_ASSESS_NO_PLAN,
                _D(2025, 10, 1),
                _D(2025, 12, 10),
                "Tribunal told Wed 1 Oct 2025: no-plan notice by Wed 10 Dec 2025",
            ),
            _ex(
                table.UNOPPOSED_ASSESS_FINAL_PLAN,
                _D(2025, 10, 1),
                _D(2026, 1, 7),
                "Tribunal told Wed 1 Oct 2025: final plan by Wed 7 Jan 2026",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 45(4)",
        limit="an unopposed appeal about Sections B or F, or a refusal to amend: issue "
        "the amended plan within 5 weeks of telling the Tribunal",
        duty_holder=_LA,
        clocks=(table.UNOPPOSED_AMEND_PLAN,),
        reason="As substituted by SI 2015/359 reg 8.",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.UNOPPOSED_AMEND_PLAN,
                _D(2025, 10, 1),
                _D(2025, 11, 5),
                "Tribunal told Wed 1 Oct 2025: amended plan by Wed 5 Nov 2025",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1530 reg 45(5)",
        limit="the other unopposed appeals (the school named; ceasing)",
        duty_holder=_LA,
        reason="The substituted text was cut off after reg 45(4) where it was read: "
        "no clock until it is read.",
        checked=Checked.SOURCE,
        unconfirmed="the text of reg 45(5) and (6)",
        example="none until the text is read",
    ),
    # --- Personal budgets ------------------------------------------------------------
    Provision(
        cites="SI 2014/1652 reg 11",
        limit="review the making and use of direct payments at least once within the "
        "first 3 months",
        duty_holder=_LA,
        clocks=(table.PERSONAL_BUDGET_FIRST_REVIEW,),
        reason="The pilot's wording, SI 2012/206 Sch 1 para 15(2)(a), was read at the "
        "source; the 2014 regulation's is as a law firm states it.",
        checked=Checked.SECONDARY,
        unconfirmed="the paragraph number",
        examples=(
            _ex(
                table.PERSONAL_BUDGET_FIRST_REVIEW,
                _D(2025, 11, 30),
                _D(2026, 2, 28),
                "first payment Sun 30 Nov 2025: reviewed by Sat 28 Feb 2026",
            ),
        ),
    ),
    Provision(
        cites="SI 2012/206 Sch 1 para 15(2)(b)",
        limit="then at the end of a year of direct payments, and at appropriate "
        "intervals after that",
        duty_holder=_LA,
        clocks=(table.PERSONAL_BUDGET_REVIEW,),
        reason="The pilot's wording; the clock follows the source authority's "
        "practice of a yearly review from the last one (the 2014 regulation adds "
        "reviews at each annual review and reassessment).",
        checked=Checked.SOURCE,
        examples=(
            _ex(
                table.PERSONAL_BUDGET_REVIEW,
                _D(2026, 2, 27),
                _D(2027, 2, 27),
                "reviewed Fri 27 Feb 2026: next by Sat 27 Feb 2027",
            ),
        ),
    ),
    Provision(
        cites="SI 2014/1652 reg 12",
        limit="reducing direct payments (reg 12) or stopping them (reg 14): "
        "reasonable notice, with reasons, and one reconsideration",
        duty_holder=_LA,
        reason='"Reasonable notice" is not a number of days; reg 7 (refusal, with '
        "a review on request) sets no period either.",
        checked=Checked.SECONDARY,
        unconfirmed="the paragraph numbers",
        example="none: the notice must be reasonable on the facts",
    ),
    # --- Duties outside a single case ------------------------------------------------
    Provision(
        cites="SI 2014/1530 reg 50",
        limit="a newly appointed SENCO gains the prescribed qualification within 3 "
        "years of appointment",
        duty_holder="the school",
        reason="About a school's staff, not a case: outside the EHC process.",
        checked=Checked.RECALLED,
        unconfirmed="the paragraph number and the text",
        example="SENCO appointed Mon 1 Sep 2025: qualified by Fri 1 Sep 2028",
    ),
    Provision(
        cites="SI 2014/1530 reg 56",
        limit="publish comments on the local offer, with the authority's response, "
        "at least once a year",
        duty_holder=_LA,
        reason="A duty of the authority as a whole, not of a case.",
        checked=Checked.RECALLED,
        unconfirmed="the paragraph number and the text",
        example="comments published Tue 1 Apr 2025: the next within a year of it",
    ),
)
"""Every time limit audited, in the order a case meets them."""
