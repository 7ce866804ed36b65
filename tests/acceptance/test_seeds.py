"""The seeds' procedures walked on a case, step by step, as data (tests/acceptance/seeds/)."""

import datetime as dt
import tomllib
from pathlib import Path

import jsonschema
import pytest

import ehcplan as ehc

SEEDS = sorted((Path(__file__).parent / "seeds").glob("*.toml"))


def as_json(value):
    """TOML values as the case JSON writes them: dates become ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def walk(path):
    """Each step of a seed's file with the case as it stands after it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    policy = ehc.load_policy(data["policy"]) if "policy" in data else None
    events = []
    for step in data["step"]:
        events += as_json(step["events"])
        document = {
            "schema": "ehcplan.case",
            "version": 2,
            "reference": data["reference"],
            "received_on": data["received_on"].isoformat(),
            "source": None,
            "events": list(events),
        }
        yield step, document, policy


STEPS = [
    pytest.param(step, document, policy, id=f"{path.stem}: {step['name']}")
    for path in SEEDS
    for step, document, policy in walk(path)
]


@pytest.mark.parametrize(("step", "document", "policy"), STEPS)
def test_each_step_of_each_seed_gives_its_stage_and_deadlines(step, document, policy):
    """After each step the case has the expected stage and deadlines, with their status."""
    jsonschema.validate(document, ehc.Case.json_schema())
    case = ehc.Case.from_dict(document)
    report = ehc.clock_report(case, on=step["on"], policy=policy)
    shown = [(d.clock.name, d.due, d.status.value) for d in report.deadlines]

    assert step["stage"] == report.stage.value
    for expected in step["deadlines"]:
        assert (expected["clock"], expected["due"], expected["status"]) in shown
    assert case == ehc.Case.from_json(case.to_json())


def test_every_seed_has_its_acceptance_file():
    """Seeds 000 to 004 each have a file of steps."""
    assert [p.name[:3] for p in SEEDS] == ["000", "001", "002", "003", "004"]
