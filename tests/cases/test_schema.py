import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan as ehc
from ehcplan import cases as c

from .test_case import _fold, events

VALIDATOR = jsonschema.Draft202012Validator(
    ehc.Case.json_schema(), format_checker=jsonschema.FormatChecker()
)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    """The published schema is itself valid JSON Schema (draft 2020-12)."""
    jsonschema.Draft202012Validator.check_schema(ehc.Case.json_schema())


def test_the_schema_lists_every_kind_of_event():
    """Each event kind is one of the schema's alternatives, with its fields."""
    schema = ehc.Case.json_schema()
    kinds = [
        ref["$ref"].rsplit("/", 1)[1]
        for ref in schema["properties"]["events"]["items"]["oneOf"]
    ]

    assert [t.kind for t in c.EVENT_TYPES] == kinds
    assert schema["$defs"]["appeal_registered"]["properties"]["sections"]["items"] == {
        "enum": ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]
    }


@settings(max_examples=200)
@given(st.lists(events, max_size=25))
def test_every_case_the_suite_builds_validates_against_the_schema(candidates):
    """Any case that can exist writes JSON the published schema accepts."""
    case, _ = _fold(candidates)

    VALIDATOR.validate(json.loads(case.to_json()))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["events"][0].update(assess="yes"),
        lambda d: d["events"][0].update(colour="red"),
        lambda d: d.update(version=1.5),
        lambda d: d["events"][0].update(event="teleported"),
    ],
)
def test_the_schema_refuses_what_the_reader_refuses(change):
    """Wrong types, unknown keys and unknown events fail the schema as they fail from_dict."""
    case = c.Case(reference="EHC-1", received_on=dt.date(2024, 9, 2)).record(
        c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True)
    )
    data = case.to_dict()
    change(data)

    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)
    with pytest.raises(ehc.InvalidInput):
        c.Case.from_dict(data)


def test_a_version_1_file_still_reads():
    """A case written by ehcplan before version 2 (tests/cases/case-v1.json) reads."""
    from pathlib import Path

    text = (Path(__file__).parent / "case-v1.json").read_text()
    case = c.Case.from_json(text)

    assert json.loads(text)["version"] == 1
    assert case.stage is c.Stage.PLAN_IN_PLACE
    assert json.loads(case.to_json())["version"] == 2


def test_a_version_1_file_cannot_hold_the_new_events():
    """Version 1 had no meetings: a v1 document with one is refused, naming version 2."""
    data = c.Case(reference="EHC-1", received_on=dt.date(2024, 9, 2)).to_dict()
    data["version"] = 1
    data["events"] = [
        {"event": "request_withdrawn", "on": "2024-09-03"},
        {
            "event": "meeting_held",
            "on": "2024-09-04",
            "meeting": "planning meeting",
            "attended_by": ["parent"],
            "record": None,
        },
    ]

    with pytest.raises(ehc.InvalidInput, match="not in version 1"):
        c.Case.from_dict(data)


def test_the_schema_file_shipped_in_the_package_is_the_schema():
    """src/ehcplan/cases/case.schema.json equals Case.json_schema(): it cannot drift.

    After changing an event, run ``python3 tasks.py schema`` and commit the file.
    """
    from importlib import resources

    shipped = resources.files("ehcplan.cases").joinpath("case.schema.json")
    text = shipped.read_text(encoding="utf-8")

    assert json.loads(text) == ehc.Case.json_schema()
    assert (
        text == json.dumps(ehc.Case.json_schema(), indent=2, ensure_ascii=False) + "\n"
    )
