"""Properties of whole journeys through the seeds' procedures (tests/cases/strategies.py)."""

import datetime as dt
import json

import jsonschema
from hypothesis import HealthCheck, given, settings

import ehcplan as ehc
from ehcplan import cases as c
from ehcplan.cases.report import Status

from .strategies import journeys

VALIDATOR = jsonschema.Draft202012Validator(
    ehc.Case.json_schema(), format_checker=jsonschema.FormatChecker()
)
SLOW = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SLOW
@given(journeys())
def test_every_journey_survives_json_unchanged(case):
    """Decisions, RAS steps, budgets, placements, plans, meetings and disputes round-trip."""
    again = c.Case.from_json(case.to_json())

    assert again == case
    assert again.stage == case.stage
    assert again.plan == case.plan


@SLOW
@given(journeys())
def test_every_journey_writes_json_the_published_schema_accepts(case):
    """The JSON of any journey validates against Case.json_schema()."""
    VALIDATOR.validate(json.loads(case.to_json()))


@SLOW
@given(journeys())
def test_the_clock_report_of_every_journey_is_consistent(case):
    """Each deadline's status agrees with its dates; each ground recorded is checked."""
    on = (case.events[-1].on if case.events else case.received_on) + dt.timedelta(30)
    report = c.clock_report(case, on=on)

    for d in report.deadlines:
        assert d.clock.cites
        if d.status is Status.MET:
            assert d.done_on is not None
            assert d.done_on <= d.due
        if d.status is Status.OVERDUE:
            assert d.done_on is None
            assert d.due < on
    assert len(report.grounds) == len(case.events_of(c.ExceptionGroundRecorded))
    assert json.loads(report.to_json())["reference"] == case.reference
