"""Nowcast: today's open cases started mid-way, each one's chance of breaching 20 weeks."""

import datetime as dt
import io
from pathlib import Path

import pytest

from ehcplan import cases as c
from ehcplan.cli import main
from ehcplan.errors import InvalidInput
from ehcplan.sim import default_scenario
from ehcplan.sim.nowcast import nowcast, open_cases
from ehcplan.sim.world import Resume
from ehcplan.timeline.grounds import Limit

ON = dt.date(2025, 1, 15)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sen2-example.csv"


def case(reference, received, *events):
    """A case with the given events."""
    return c.Case(reference=reference, received_on=received, events=list(events))


LATE = case(
    "LATE",
    dt.date(2024, 6, 3),
    c.AssessmentDecision(on=dt.date(2024, 7, 1), assess=True),
)
FRESH = case("FRESH", dt.date(2025, 1, 13))
GROUND = case(
    "GROUND",
    dt.date(2024, 6, 3),
    c.AssessmentDecision(on=dt.date(2024, 7, 1), assess=True),
    c.ExceptionGroundRecorded(
        on=dt.date(2024, 9, 1),
        ground=None,
        limit=Limit.FINAL_PLAN,
        evidence="e",
        decided_by="d",
    ),
)
ISSUED = case(
    "ISSUED",
    dt.date(2024, 6, 3),
    c.AssessmentDecision(on=dt.date(2024, 7, 1), assess=True),
    c.IssueDecision(on=dt.date(2024, 9, 1), issue=True),
    c.FinalPlanIssued(on=dt.date(2024, 10, 1)),
)


@pytest.fixture(scope="module")
def result():
    """Three open cases and one issued, 8 replications from 15 January 2025."""
    return nowcast(
        default_scenario(), [LATE, FRESH, GROUND, ISSUED], ON, replications=8, workers=1
    )


def test_only_open_cases_are_forecast(result):
    """The issued case is not open; the others are, at their stages."""
    assert {r.reference for r in result.cases} == {"LATE", "FRESH", "GROUND"}
    stages = {c_.reference: o.stage for c_, o in open_cases([LATE, FRESH, ISSUED], ON)}
    assert stages == {"LATE": Resume.ASSESSING, "FRESH": Resume.AWAITING_DECISION}


def test_a_case_past_week_20_breaches_unless_it_ends_without_a_plan(result):
    """Its deadline has passed: it breaches in every replication where it does not end "no plan"."""
    from ehcplan.sim.outcomes import NO_PLAN

    row = [case.reference for case, _ in open_cases([LATE, FRESH, GROUND], ON)].index(
        "LATE"
    )
    no_plan = [run.journeys["outcome"][row] == NO_PLAN for run in result.results.runs]
    late = next(r for r in result.cases if r.reference == "LATE")

    assert late.p_breach_20_weeks == 1 - sum(no_plan) / len(no_plan)
    assert result.cases[0].reference == "LATE"


def test_a_request_refused_or_ending_without_a_plan_is_never_a_breach():
    """With every request refused and every assessment ending "no plan", nothing breaches."""
    import attrs

    s = default_scenario()
    never = attrs.evolve(
        s,
        decision=attrs.evolve(s.decision, refuse_share=1.0),
        disputes=attrs.evolve(s.disputes, appeal_share=0.0, no_plan_appeal_share=0.0),
        plan_panel=attrs.evolve(s.plan_panel, no_plan_share=1.0),
    )
    forecast = nowcast(never, [LATE, FRESH, GROUND], ON, replications=4, workers=1)

    assert [r.p_breach_20_weeks for r in forecast.cases] == [0.0, 0.0, 0.0]
    assert all(e.mean == 0 for _, e in forecast.breaches_by_month)


def test_the_example_files_breaches_leave_out_refused_and_no_plan_requests():
    """On the example SEN2 file: every breach counted is a request the 20-week limit applies to."""
    from ehcplan.sen2 import read_sen2
    from ehcplan.sim.outcomes import NO_PLAN, REFUSED

    cases = read_sen2(EXAMPLE).cases()
    on = dt.date(2024, 7, 1)
    forecast = nowcast(default_scenario(), cases, on, replications=6, workers=1)
    m = len(open_cases(cases, on))
    ended_without_plan = sum(
        int(((run.journeys["outcome"][:m] == REFUSED)
             | (run.journeys["outcome"][:m] == NO_PLAN)).sum())
        for run in forecast.results.runs
    )  # fmt: skip
    expected = sum(
        r.p_breach_20_weeks for r in forecast.cases if not r.exception and r.due >= on
    )

    assert ended_without_plan > 0
    assert sum(e.mean for _, e in forecast.breaches_by_month) == pytest.approx(expected)
    by_reference = {r.reference: r.p_breach_20_weeks for r in forecast.cases}
    for row, (case, _) in enumerate(open_cases(cases, on)):
        without_plan = [
            run.journeys["outcome"][row] in (REFUSED, NO_PLAN)
            for run in forecast.results.runs
        ]
        assert by_reference[case.reference] <= 1 - sum(without_plan) / len(without_plan)


def test_a_new_request_gets_a_six_week_chance_and_an_issue_date(result):
    """A request awaiting its decision has both chances, and an expected issue date ahead."""
    fresh = next(r for r in result.cases if r.reference == "FRESH")
    assert fresh.p_breach_6_weeks is not None
    assert 0 <= fresh.p_breach_20_weeks <= 1
    assert fresh.expected_issue is None or fresh.expected_issue > ON
    assert fresh.next_step == "ask for advice"


def test_a_recorded_ground_leaves_the_monthly_breach_count(result):
    """A case with a ground disapplying the limit is flagged and not counted by month."""
    ground = next(r for r in result.cases if r.reference == "GROUND")
    assert ground.exception is True
    # LATE's deadline is past and GROUND's limit disapplied: only FRESH's month is counted.
    assert [m for m, _ in result.breaches_by_month] == [dt.date(2025, 6, 1)]


def test_nothing_open_is_an_error():
    """A caseload with no open case has nothing to forecast."""
    with pytest.raises(InvalidInput, match="no case is open on 2025-01-15"):
        nowcast(default_scenario(), [ISSUED], ON, replications=2, workers=1)


def test_the_nowcast_command_writes_the_ranked_list(tmp_path):
    """The command writes the at-risk list, the monthly counts and the plot."""
    out = io.StringIO()
    code = main(
        [
            "nowcast",
            str(EXAMPLE),
            "--on",
            "2025-01-15",
            "-n",
            "3",
            "--workers",
            "1",
            "--out",
            str(tmp_path),
        ],
        out=out,
    )
    assert code == 0
    lines = (tmp_path / "at-risk.csv").read_text().splitlines()
    assert lines[0].startswith(
        "reference,stage,received,due,exception,p_breach_20_weeks"
    )
    assert (tmp_path / "breaches-by-month.png").read_bytes()[:4] == b"\x89PNG"
    assert "P(breach)" in out.getvalue()


def _open_at(run, day):
    """The requests of a run still open on *day*, as open cases, with their rows."""
    import numpy as np

    from ehcplan.sim.world import OpenCase

    j = run.journeys
    cases, rows = [], []
    for i in range(len(j["received"])):
        received = j["received"][i]
        ends = [
            j["issued"][i],
            j["no_plan"][i],
            j["decided"][i] if j["outcome"][i] == 1 else np.nan,
        ]
        if (
            received >= day
            or min((e for e in ends if not np.isnan(e)), default=np.inf) <= day
        ):
            continue
        if np.isnan(j["decided"][i]) or j["decided"][i] > day:
            stage, since = Resume.AWAITING_DECISION, received
        elif np.isnan(j["panel"][i]) or j["panel"][i] > day:
            stage, since = Resume.ASSESSING, j["decided"][i]
        elif np.isnan(j["draft"][i]) or j["draft"][i] > day:
            stage, since = Resume.DRAFTING, j["panel"][i]
        else:
            stage, since = Resume.DRAFT_ISSUED, j["draft"][i]
        cases.append(
            OpenCase(
                received=received - day,
                stage=stage,
                since=since - day,
                exception=bool(j["exception"][i]),
            )
        )
        rows.append(i)
    return cases, rows


def test_a_warm_start_continues_a_run_in_distribution():
    """Cases open on day 600 of a run finish, warm-started, about when the run finished them."""
    import attrs
    import numpy as np

    from ehcplan.sim import run as run_once
    from ehcplan.sim.processes import simulate
    from ehcplan.sim.results import Run

    base = default_scenario()
    scenario = attrs.evolve(
        base,
        reviews=attrs.evolve(base.reviews, plans=0, new_plans=False),
        disputes=attrs.evolve(base.disputes, appeal_share=0.0),
    )
    day = 600
    warm = attrs.evolve(
        scenario,
        start=scenario.date_at(day),
        warmup_days=0,
        horizon_days=scenario.horizon_days - day,
    )
    original, continued, open_original, open_continued = [], [], [], []
    for seed in range(6):
        run = run_once(scenario, seed=seed)
        cases, rows = _open_at(run, day)
        issued = run.journeys["issued"][rows] - day
        again = Run.from_world(
            simulate(warm, np.random.SeedSequence(100 + seed), cases), 0
        ).journeys["issued"][: len(cases)]
        original.append(np.nanmean(issued))
        continued.append(np.nanmean(again))
        open_original.append(np.mean(np.isnan(issued)))
        open_continued.append(np.mean(np.isnan(again)))
    assert abs(np.mean(continued) / np.mean(original) - 1) < 0.10
    assert abs(np.mean(open_continued) - np.mean(open_original)) < 0.05
