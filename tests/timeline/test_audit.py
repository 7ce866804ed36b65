import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.timeline import audit, table
from ehcplan.timeline.audit import AUDIT, Checked, Example, Provision
from ehcplan.timeline.clocks import Direction

EXAMPLES = [
    pytest.param(entry, example, id=f"{entry.cites} {example.clock.name}")
    for entry in AUDIT
    for example in entry.examples
]
# The properties run once per clock of the table: fewer examples each keeps the
# whole under a few seconds while still covering every clock.
per_clock = settings(max_examples=30)
some_dates = st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2040, 12, 31))
# A paragraph, as in "reg 13(2)", "r.20(1)(c)", "s44(1)", "Sch 1 para 15(2)(b)" or
# the Code of Practice's "9.83".
PARAGRAPH = re.compile(r"\d+[A-Z]?\(\w+\)|Practice \d+\.\d+")
# Regulations of a single paragraph, read at the source: nothing more to name.
SINGLE_PARAGRAPH = {"SI 2014/1530 reg 33"}


@pytest.mark.parametrize(("entry", "example"), EXAMPLES)
def test_every_worked_example_in_the_audit_holds(entry, example):
    """Each clock's worked example gives the day worked out from its provision."""
    assert example.clock.last_day(example.trigger) == example.expected, entry.cites


def test_every_clock_of_the_table_is_audited_with_a_worked_example():
    """No clock is outside the audit, and each has at least one worked example."""
    audited = {clock for entry in AUDIT for clock in entry.clocks}
    exemplified = {example.clock for entry in AUDIT for example in entry.examples}

    assert [c.name for c in table.ALL if c not in audited] == []
    assert [c.name for c in table.ALL if c not in exemplified] == []


def test_every_provision_has_a_clock_or_the_reason_it_has_none():
    """The audit's promise: nothing is left without a clock or a written reason."""
    missing = [entry.cites for entry in AUDIT if not entry.clocks and not entry.reason]

    assert missing == []


def test_a_provision_without_a_clock_has_an_example_in_words():
    """The rules page shows a worked example for every limit, clock or not."""
    assert [e.cites for e in AUDIT if not e.clocks and not e.example] == []


def test_a_provision_with_neither_a_clock_nor_a_reason_cannot_be_made():
    """The audit cannot be extended with a limit that is simply left out."""
    with pytest.raises(InvalidInput, match="neither a clock nor a reason") as caught:
        Provision(
            cites="SI 2014/1530 reg 44(2)(d)",
            limit="reconsider",
            duty_holder="the local authority",
            checked=Checked.RECALLED,
        )

    assert caught.value.field == "reason"


def test_no_clock_rests_on_a_provision_that_was_only_recalled():
    """A recalled provision gets a reason, never a clock, until its text is read."""
    with pytest.raises(InvalidInput, match="only recalled") as caught:
        Provision(
            cites="SI 2014/1530 reg 25",
            limit="decide whether to reassess",
            duty_holder="the local authority",
            clocks=(table.REASSESSMENT,),
            checked=Checked.RECALLED,
        )

    assert caught.value.field == "checked"


def test_an_example_must_be_of_the_provisions_own_clock():
    """A worked example of another provision's clock is refused."""
    stray = Example(
        clock=table.FINAL_PLAN,
        trigger=dt.date(2024, 9, 2),
        expected=dt.date(2025, 1, 20),
        says="final plan",
    )
    with pytest.raises(InvalidInput, match="not of one of this provision's clocks"):
        Provision(
            cites="SI 2014/1530 reg 5(1)",
            limit="decide",
            duty_holder="the local authority",
            clocks=(table.DECISION_TO_ASSESS,),
            checked=Checked.SOURCE,
            examples=(stray,),
        )


@pytest.mark.parametrize(
    ("field", "value"), [("cites", " "), ("limit", ""), ("reason", "  ")]
)
def test_blank_text_in_a_provision_is_refused(field, value):
    """Every word of the audit is something a reader can check."""
    arguments = {
        "cites": "SI 2014/1530 reg 48",
        "limit": "10 school days",
        "duty_holder": "the special school",
        "reason": "counted in school days",
        "checked": Checked.REFERENCE,
        field: value,
    }
    with pytest.raises(InvalidInput, match=f"{field} must be non-empty text"):
        Provision(**arguments)


def test_every_citation_names_its_paragraph_or_says_it_is_unconfirmed():
    """Each provision cites its paragraph, unless the audit says it is not yet known."""
    unnamed = [
        entry.cites
        for entry in AUDIT
        if not PARAGRAPH.search(entry.cites)
        and entry.cites not in SINGLE_PARAGRAPH
        and "paragraph" not in (entry.unconfirmed or "")
        and "text" not in (entry.unconfirmed or "")
    ]
    clocks = {clock.cites for entry in AUDIT for clock in entry.clocks}
    unnamed_clocks = [
        cites
        for cites in clocks
        if not PARAGRAPH.search(cites)
        and cites not in SINGLE_PARAGRAPH
        and not any(
            "paragraph" in (entry.unconfirmed or "")
            for entry in AUDIT
            if any(clock.cites == cites for clock in entry.clocks)
        )
    ]

    assert unnamed == []
    assert unnamed_clocks == []


def test_every_provision_links_to_its_text():
    """The rules page links each provision to legislation.gov.uk (or the Code on gov.uk)."""
    links = {entry.cites: audit.legislation_url(entry.cites) for entry in AUDIT}

    assert [cites for cites, url in links.items() if url is None] == []
    assert links["SI 2014/1530 reg 42(4)"] == (
        "https://www.legislation.gov.uk/uksi/2014/1530/regulation/42"
    )
    assert links["SI 2008/2699 r.21(1)"] == (
        "https://www.legislation.gov.uk/uksi/2008/2699/rule/21"
    )


def test_the_audit_covers_the_notices_after_each_kind_of_tribunal_order():
    """Reg 44(2)(a)-(h), 44(3) and reg 45 each have an entry, clock or not."""
    cited = {entry.cites for entry in AUDIT}

    assert {
        "SI 2014/1530 reg 44(2)(a)",
        "SI 2014/1530 reg 44(2)(b)",
        "SI 2014/1530 reg 44(2)(c)",
        "SI 2014/1530 reg 44(2)(d)",
        "SI 2014/1530 reg 44(2)(e)",
        "SI 2014/1530 reg 44(2)(f)",
        "SI 2014/1530 reg 44(2)(g)",
        "SI 2014/1530 reg 44(3)",
        "SI 2014/1530 reg 45(3)",
        "SI 2014/1530 reg 45(4)",
        "SI 2014/1530 reg 45(5)",
    } <= cited


def test_the_audit_covers_duties_on_bodies_other_than_the_authority():
    """Commissioning bodies, settings, mediators and families have their limits too."""
    holders = {clock.duty_holder for entry in AUDIT for clock in entry.clocks}

    assert {
        "the body asked for advice",
        "the responsible commissioning body",
        "the school or college consulted",
        "the head teacher, principal or local authority",
        "the mediation adviser",
        "the mediator",
        "the parent or young person",
    } <= holders


def test_a_mediation_agreement_runs_the_tribunal_order_clocks():
    """SI 2014/1530 reg 42(2): the reg 44 clocks, as if the agreement were an order."""
    entry = next(e for e in AUDIT if e.cites == "SI 2014/1530 reg 42(2)")
    orders = {c for c in table.ALL if c.cites.startswith("SI 2014/1530 reg 44(2)")}

    assert set(entry.clocks) == orders


@pytest.mark.parametrize("clock", table.ALL, ids=lambda c: c.name)
@given(first=some_dates, days=st.integers(0, 400))
@per_clock
def test_a_later_trigger_never_gives_an_earlier_last_day(clock, first, days):
    """Every clock's last day is monotone in its trigger (in either direction)."""
    later = first + dt.timedelta(days=days)

    assert clock.last_day(first) <= clock.last_day(later)


@pytest.mark.parametrize(
    "clock",
    [c for c in table.ALL if c.direction is Direction.AFTER],
    ids=lambda c: c.name,
)
@given(due=some_dates)
@per_clock
def test_latest_trigger_inverts_last_day(clock, due):
    """latest_trigger is the last trigger whose last day is still on or before due."""
    start = clock.latest_trigger(due)

    assert clock.last_day(start) <= due
    assert clock.last_day(start + dt.timedelta(days=1)) > due


@pytest.mark.parametrize("clock", table.ALL, ids=lambda c: c.name)
@given(trigger=some_dates)
@per_clock
def test_a_clock_runs_the_way_its_direction_says(clock, trigger):
    """Forward clocks end on or after their trigger; notice clocks on or before it."""
    last = clock.last_day(trigger)

    if clock.direction is Direction.AFTER:
        assert last >= trigger
    else:
        assert last <= trigger
