"""The simulator's SEN2 records and a case's are written by one mapping, and agree."""

import datetime as dt
import math

import attrs

from ehcplan import cases as c
from ehcplan.sen2 import case_to_record, record_to_case
from ehcplan.sim import run
from ehcplan.sim.outcomes import NO_PLAN, REFUSED
from ehcplan.timeline import ExceptionGround, Limit


def _case_of(r, i):
    """The case a caseworker would have recorded for journey *i* of run *r*."""
    j = r.journeys

    def on(column):
        value = j[column][i]
        return None if math.isnan(value) else r.start + dt.timedelta(days=int(value))

    case = c.Case(
        reference=f"R{r.replication}-{i}",
        received_on=on("received"),
        source=c.RequestSource(int(j["source"][i])),
    )
    decided, order = on("decided"), on("order")
    if decided is not None:
        refused_first = bool(j["outcome"][i] == REFUSED) or order is not None
        case = case.record(c.AssessmentDecision(on=decided, assess=not refused_first))
        if j["appealed"][i]:
            case = case.record(c.AppealRegistered(on=decided))
        if order is not None:
            case = case.record(
                c.TribunalDecision(on=order, order=c.TribunalOrder.ASSESS)
            )
    panel = on("panel")
    if panel is not None:
        issue = bool(j["outcome"][i] != NO_PLAN)
        case = case.record(c.IssueDecision(on=panel, issue=issue))
    issued = on("issued")
    if issued is not None:
        if j["exception"][i]:
            ground = list(ExceptionGround)[int(j["exception"][i]) - 1]
            case = case.record(
                c.ExceptionGroundRecorded(
                    on=issued,
                    ground=ground,
                    limit=Limit.FINAL_PLAN,
                    evidence="note 1",
                    decided_by="officer",
                )
            )
        case = case.record(c.FinalPlanIssued(on=issued))
    return case


def test_the_two_sen2_paths_agree_on_every_field(small):
    """For every journey of a run: its SEN2 record equals the record of its case."""
    r = run(small, seed=12)
    records = r.sen2_records()
    kinds = {
        (rec.request_outcome, rec.assessment_outcome, rec.week20) for rec in records
    }

    for i, record in enumerate(records):
        assert case_to_record(_case_of(r, i)) == record, i
    # Every path a journey takes is covered: refused, assessed, no plan, plans with
    # and without an exception, open.
    assert len(kinds) >= 5
    assert any(rec.request_tribunal for rec in records)


def test_a_no_plan_decision_writes_week20_0_on_both_paths(small):
    """A "no plan" assessment outcome has Week20 = 0 however the request was kept."""
    r = run(small, seed=12)
    no_plan = [
        (i, rec)
        for i, rec in enumerate(r.sen2_records())
        if r.journeys["outcome"][i] == NO_PLAN
    ]

    assert no_plan
    assert {rec.week20 for _, rec in no_plan} == {False}
    assert {case_to_record(_case_of(r, i)).week20 for i, _ in no_plan} == {False}


def test_simulated_records_read_back_as_the_same_records(small):
    """A simulated record read as a case and written again is unchanged.

    SEN2 gives no date for an appeal, so a case read from a record cannot carry
    ``RequestTribunal``; every other field survives.
    """
    for record in run(small, seed=12).sen2_records():
        again = case_to_record(record_to_case(record))
        assert attrs.evolve(again, request_tribunal=record.request_tribunal) == record
