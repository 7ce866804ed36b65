"""The web-service example answers with the library's clock reports, rules and errors."""

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

import ehcplan as ehc
from ehcplan.timeline import table

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "web_service.py"


@pytest.fixture(scope="module")
def client():
    """A test client for the example's app, loaded from its file."""
    spec = importlib.util.spec_from_file_location("web_service", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return TestClient(module.app)


def _case(decided_on=dt.date(2024, 10, 7)):
    case = ehc.Case(reference="EHC-2024-0042", received_on=dt.date(2024, 9, 2))
    return case.record(ehc.AssessmentDecision(on=decided_on, assess=True))


def test_the_clock_report_gives_the_worked_example(client):
    """Received 2 September 2024: the final plan is due 20 January 2025 (reg 13(2))."""
    answer = client.post(
        "/clock-report", json={"case": _case().to_dict(), "on": "2025-01-10"}
    )

    assert answer.status_code == 200
    final = answer.json()["deadlines"][-1]
    assert (final["due"], final["cites"], final["status"]) == (
        "2025-01-20",
        "SI 2014/1530 reg 13(2)",
        "due soon",
    )
    assert answer.json() == ehc.clock_report(_case(), on=dt.date(2025, 1, 10)).to_dict()


def test_the_rules_list_every_clock(client):
    """GET /rules lists each statutory clock with its provision, in the table's order."""
    answer = client.get("/rules")

    assert [r["cites"] for r in answer.json()] == [c.cites for c in table.ALL]


def test_a_case_the_library_refuses_is_a_422_with_its_message(client):
    """A decision dated before the request comes back with the library's own words."""
    case = _case().to_dict()
    case["events"][0]["on"] = "2024-08-01"

    answer = client.post("/clock-report", json={"case": case, "on": "2025-01-10"})

    assert answer.status_code == 422
    assert answer.json()["error"] == "EventRejected"
    assert answer.json()["field"] == "events"
    assert "2024-08-01" in answer.json()["detail"]


def test_a_body_not_in_the_case_form_is_refused_with_the_way_to_write_it(client):
    """A case without ehcplan's schema name is InvalidInput, saying how to write one."""
    case = {"reference": "EHC-2024-0042", "received_on": "2024-09-02"}

    answer = client.post("/clock-report", json={"case": case, "on": "2025-01-10"})

    assert answer.status_code == 422
    assert answer.json()["error"] == "InvalidInput"
    assert "Case.to_dict()" in answer.json()["detail"]


def test_a_date_that_is_not_a_date_is_a_422_naming_the_field(client):
    """A date that is not a date is refused by the request's model."""
    answer = client.post(
        "/clock-report", json={"case": _case().to_dict(), "on": "next Tuesday"}
    )

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "on"]


def test_malformed_json_is_a_422(client):
    """A body that is not JSON at all is refused before ehcplan sees it."""
    answer = client.post(
        "/clock-report",
        content=b'{"case": {',
        headers={"content-type": "application/json"},
    )

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["type"] == "json_invalid"


def test_a_deadline_past_the_calendars_end_is_a_422_not_a_500(client):
    """A case near 31 December 9999 whose 20 weeks would end after it: refused, 422."""
    case = ehc.Case(reference="EHC-9999", received_on=dt.date(9999, 9, 1))
    case = case.record(ehc.AssessmentDecision(on=dt.date(9999, 10, 1), assess=True))

    answer = client.post(
        "/clock-report", json={"case": case.to_dict(), "on": "9999-12-31"}
    )

    assert answer.status_code == 422
    assert "outside the calendar's range" in answer.json()["detail"]
