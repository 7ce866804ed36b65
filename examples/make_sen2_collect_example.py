"""Write the synthetic COLLECT export, `examples/sen2-collect-example/`.

The return is made up: a fictional authority's SEN2 person-level return for
the January 2025 census (calendar year 2024), as COLLECT's Blade CSV export,
nine files. Every module is populated: about 260 persons, their requests
(some persons have two), assessments, named plans with the settings they name,
and the plans active at the census with their placements and ranked needs,
with shapes like the national 2024 figures. Names, dates of birth, postcodes
and UPNs are placeholders ("Example", "Child0001", "ZZ99 9ZZ"); no real person
is described.

Then eight deliberately bad rows are added, one of each kind, so the
validation report has something to show (`BAD_ROWS` lists them):

    .venv/bin/python examples/make_sen2_collect_example.py [FOLDER]

The generator is importable: `make_return(persons, seed=...)` builds a return
of any size (the benchmark reads a 50,000-person one).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from ehcplan import cases as c
from ehcplan.sen2 import AssessmentOutcome, RequestOutcome
from ehcplan.sen2 import tree as t
from ehcplan.sen2.collect_write import write_collect

REFERENCE_DATE = dt.date(2025, 1, 16)
EXPORT_DATE = dt.date(2025, 1, 20)
STAMP = EXPORT_DATE.strftime("%d-%m-%Y")

BAD_ROWS = {
    "requests": [
        # (what is wrong, the row's cells after the id columns)
        "a date that does not exist (2024-Feb-30)",
        "a decision dated before the request",
        "a quote that is never closed",
    ],
    "person": ["a Sex code ehcplan does not know (a warning: the row is kept)"],
    "assessment": ["a parent id that names no request"],
    "namedplan": ["a CeaseReason code that does not exist (12)"],
    "placementdetail": ["a placement that ends before it starts"],
    "senneed": ["a SENtype code that does not exist (XYZ)"],
}
"""The deliberately bad rows, by module: eight rows, eight kinds."""

_NEEDS = list(t.SenType)
_SETTINGS = [t.SenSetting.OLA, t.SenSetting.EHE, t.SenSetting.EYP, t.SenSetting.OTH]


def _place(module: str, ident: str) -> t.Place:
    return t.Place(module=module, table_id=ident)


def _days(n: float) -> dt.timedelta:
    return dt.timedelta(days=round(n))


def make_request(  # noqa: C901 - one journey, step by step
    rng: random.Random, ident: str, received: dt.date, on: dt.date
) -> t.Request:
    """One request received on *received*, as far as it has gone by *on*."""
    decided = received + _days(max(7, rng.gauss(36, 9)))
    source = c.RequestSource(rng.choice([1, 1, 2, 2, 2, 3, 4, 5]))
    if decided > on:
        return t.Request(
            place=_place("requests", ident),
            received_date=received,
            request_source=source,
        )
    draw = rng.random()
    outcome = (
        RequestOutcome.WITHDRAWN
        if draw < 0.02
        else RequestOutcome.NOT_ASSESS
        if draw < 0.27
        else RequestOutcome.ASSESS
    )
    request = dict(
        place=_place("requests", ident),
        received_date=received,
        request_source=source,
        outcome=outcome,
        outcome_date=decided,
        mediation=rng.random() < 0.1 if outcome is RequestOutcome.NOT_ASSESS else None,
    )
    if outcome is not RequestOutcome.ASSESS:
        return t.Request(**request)
    draw = rng.random()
    weeks = (
        rng.uniform(14, 20)
        if draw < 0.5
        else rng.uniform(20, 52)
        if draw < 0.93
        else rng.uniform(52, 70)
    )
    issued = received + _days(weeks * 7)
    decision = max(decided, issued - _days(rng.randrange(20, 45)))
    if decision > on:
        return t.Request(**request)
    if rng.random() < 0.06:
        assessment = t.Assessment(
            place=_place("assessment", f"{ident}1"),
            outcome=AssessmentOutcome.NO_PLAN,
            outcome_date=decision,
            week20=False,
        )
        return t.Request(**request, assessment=assessment)
    plans: tuple[t.NamedPlan, ...] = ()
    active = None
    week20 = None
    if issued <= on:
        week20 = rng.random() < 0.06
        ceased = None
        reason = None
        if rng.random() < 0.03:
            ceased = issued + _days(rng.randrange(30, 300))
            if ceased > on:
                ceased = None
            else:
                reason = c.CeaseReason(rng.choice([2, 5, 5, 6, 7]))
        urn = str(rng.randrange(100000, 150000)) if rng.random() < 0.85 else None
        setting = None if urn else rng.choice(_SETTINGS)
        plans = (
            t.NamedPlan(
                place=_place("namedplan", f"{ident}1"),
                start_date=issued,
                plan_res="B" if rng.random() < 0.02 else None,
                pb=rng.random() < 0.04,
                oa=False,
                dp=rng.random() < 0.03,
                cease_date=ceased,
                cease_reason=reason,
                details=(
                    t.PlanDetail(
                        place=_place("plandetail", f"{ident}1"),
                        urn=urn,
                        sen_setting=setting,
                        placement_rank=1,
                        sen_unit_indicator=False,
                        resourced_provision_indicator=False,
                    ),
                ),
            ),
        )
        if ceased is None:
            meeting = issued + _days(rng.uniform(300, 360))
            last = meeting + _days(rng.uniform(5, 30))
            needs = rng.sample(_NEEDS, rng.choice([1, 1, 2]))
            active = t.ActivePlan(
                place=_place("activeplans", f"{ident}1"),
                review_meeting=meeting if meeting <= on else None,
                last_review=last if meeting <= on and last <= on else None,
                placements=(
                    t.Placement(
                        place=_place("placementdetail", f"{ident}1"),
                        urn=urn,
                        sen_setting=setting,
                        placement_rank=1,
                        entry_date=issued,
                        sen_unit_indicator=False,
                        resourced_provision_indicator=False,
                    ),
                ),
                needs=tuple(
                    t.Need(
                        place=_place("senneed", f"{ident}{n}"), sen_type=need, rank=n
                    )
                    for n, need in enumerate(needs, start=1)
                ),
            )
    assessment = t.Assessment(
        place=_place("assessment", f"{ident}1"),
        outcome=AssessmentOutcome.PLAN,
        outcome_date=decision,
        week20=week20,
        plans=plans,
    )
    return t.Request(**request, assessment=assessment, active_plan=active)


def make_return(
    persons: int, *, seed: int = 2025, on: dt.date = REFERENCE_DATE
) -> t.Sen2Return:
    """A synthetic return of *persons* persons, the same for the same seed."""
    rng = random.Random(seed)
    first, last = dt.date(2022, 1, 1), dt.date(2024, 12, 31)
    span = (last - first).days
    built = []
    for i in range(1, persons + 1):
        received = first + _days(rng.randrange(span + 1))
        born = received - _days(rng.randrange(2 * 365, 17 * 365))
        requests = [make_request(rng, f"{i}1", received, on)]
        if rng.random() < 0.08:
            again = received + _days(rng.randrange(200, 500))
            if again <= on:
                requests.append(make_request(rng, f"{i}2", again, on))
        built.append(
            t.Person(
                place=_place("person", str(i)),
                surname="Example",
                forename=f"Child{i:04d}",
                birth_date=f"{born:%Y-%b-%d} 00:00:00",
                sex=rng.choice("FM"),
                ethnicity=rng.choice(["WBRI", "ASIA", "BLAF", "MWBC", "REFU"]),
                postcode="ZZ99 9ZZ",
                upn=f"X{i:012d}",
                requests=tuple(requests),
            )
        )
    header = t.ReturnHeader(
        place=_place("sen2", "1"),
        collection="SEN2",
        year=on.year,
        reference_date=on,
        source_level="L",
        software_code="ehcplan example",
        lea="999",
    )
    return t.Sen2Return(header=header, persons=tuple(built))


_BAD_LINES = {
    "requests": [
        "90001,90001,90001,,1,2024-Feb-30 00:00:00,2,0,,,,,",
        "90002,90002,90002,,2,2024-May-13 00:00:00,1,0,2024-May-01 00:00:00,A,,,",
        '90003,90003,90003,,3,"2024-Jun-03 00:00:00,1,0,,,,,',
    ],
    "person": [
        "90004,90004,90004,,1,Example,Child9004,2014-Mar-01 00:00:00,Q,WBRI,ZZ99 9ZZ,"
        "X000000090004,,",
    ],
    "assessment": ["90005,90005,90005,,99999,Y,2024-Jul-01 00:00:00,,,,,0"],
    "namedplan": [],
    "placementdetail": [],
    "senneed": ["90008,90008,90008,,{active},XYZ,3"],
}


def _append(folder: Path, module: str, lines: list[str]) -> None:
    path = folder / f"Blade-Export_{STAMP}_{module}.csv"
    with path.open("a", encoding="utf-8", newline="") as stream:
        for line in lines:
            stream.write(line + "\n")


def _first_row(folder: Path, module: str) -> list[str]:
    path = folder / f"Blade-Export_{STAMP}_{module}.csv"
    return path.read_text(encoding="utf-8").splitlines()[1].split(",")


def main() -> None:
    """Write the example export (or into the folder given)."""
    default = Path(__file__).with_name("sen2-collect-example")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("Blade-Export_*.csv"):
        old.unlink()
    write_collect(make_return(260), target, export_date=EXPORT_DATE)
    # A named plan whose CeaseReason does not exist, under the first assessment.
    plan = _first_row(target, "namedplan")
    assessment_id = plan[4]
    _append(target, "namedplan", [f"90006,90006,90006,,{assessment_id}"
             f",2024-Jan-10 00:00:00,,,0,0,0,2024-Mar-01 00:00:00,12"])  # fmt: skip
    placement = _first_row(target, "placementdetail")
    active_id = placement[4]
    _append(target, "placementdetail", [
        f"90007,90007,90007,,{active_id},,,123456,,,,2,2024-Sep-02 00:00:00,"
        "2024-Aug-01 00:00:00,0,0"])  # fmt: skip
    for module, lines in _BAD_LINES.items():
        _append(target, module, [line.format(active=active_id) for line in lines])
    print(f"wrote the export to {target}")


if __name__ == "__main__":
    main()
