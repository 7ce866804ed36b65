"""The batch path agrees with the clock report on the new deadlines, over a caseload."""

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.timeline import batch, table

from .strategies import journeys

NEW = frozenset(
    clock.name
    for clock in (
        table.MEDIATION_CERTIFICATE,
        table.MEDIATION_ARRANGED,
        table.MEDIATION_HEALTH_NOTICE,
        table.MEDIATION_HEALTH_ARRANGED,
        table.MEDIATION_DEEMED_CERTIFICATE,
        table.MEDIATION_CONCLUDED_CERTIFICATE,
        table.MEDIATION_NON_APPEALABLE_AGREEMENT,
        table.MEDIATION_AGREEMENT_NOTICE,
        table.ORDER_ASSESS_NOTICE,
        table.ORDER_ASSESS_NO_PLAN,
        table.ORDER_ASSESS_FINAL_PLAN,
        table.ORDER_MAKE_PLAN_DRAFT,
        table.ORDER_MAKE_PLAN_FINAL,
        table.ORDER_AMEND_PLAN,
        table.ORDER_AMEND_SCHOOL,
        table.UNOPPOSED_ASSESS_NOTICE,
        table.UNOPPOSED_ASSESS_NO_PLAN,
        table.UNOPPOSED_ASSESS_FINAL_PLAN,
        table.UNOPPOSED_AMEND_PLAN,
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(journeys(), min_size=1, max_size=8), st.integers(0, 400))
def test_batch_statuses_and_last_days_agree_with_the_report_on_a_caseload(
    caseload, later
):
    """Every deadline of a caseload, as columns, gets the report's status and due date."""
    on = max(
        case.events[-1].on if case.events else case.received_on for case in caseload
    )
    on += dt.timedelta(days=later)
    rows = [d for case in caseload for d in c.clock_report(case, on=on).deadlines]

    got = batch.statuses(
        [d.due for d in rows],
        [d.done_on for d in rows],
        on=on,
        disapplied=[d.ground is not None for d in rows],
    )

    assert list(got) == [d.status.value for d in rows]
    for d in rows:
        if d.clock.name in NEW:
            (due,) = batch.last_days(d.clock, [d.trigger])
            assert due == np.datetime64(d.due, "D")


def test_a_caseload_of_the_new_deadlines_is_statused_as_the_report_does():
    """Worked caseload: a mediation certificate met, an order to amend I overdue."""
    received = dt.date(2024, 9, 2)
    certified = c.Case(
        reference="EHC-1",
        received_on=received,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=False),
            c.MediationRequested(on=dt.date(2025, 4, 14)),
            c.MediationDeclined(on=dt.date(2025, 4, 17)),
            c.MediationCertificateIssued(on=dt.date(2025, 4, 23)),
        ],
    )
    ordered = c.Case(
        reference="EHC-2",
        received_on=received,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
            c.IssueDecision(on=dt.date(2024, 12, 12), issue=True),
            c.FinalPlanIssued(on=dt.date(2025, 1, 17)),
            c.AppealRegistered(on=dt.date(2025, 2, 3), sections=[c.Section.I]),
            c.TribunalDecision(
                on=dt.date(2025, 5, 12),
                order=c.TribunalOrder.AMEND,
                sections=[c.Section.I],
            ),
        ],
    )
    on = dt.date(2025, 6, 2)
    rows = [
        d
        for case in (certified, ordered)
        for d in c.clock_report(case, on=on).deadlines
        if d.clock.name in NEW
    ]

    assert [(d.clock.name, d.status.value) for d in rows] == [
        ("mediation certificate", "met"),
        ("order to amend the school named", "overdue"),
    ]
    assert list(
        batch.statuses([d.due for d in rows], [d.done_on for d in rows], on=on)
    ) == ["met", "overdue"]
