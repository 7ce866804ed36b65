"""A JSON API over ehcplan with FastAPI: a case's clock report, and the statutory rules.

The case travels in ehcplan's own JSON form (`Case.to_dict`), so the service
restates nothing: the library checks the case, applies the law and cites it.
Anything ehcplan refuses comes back as HTTP 422 with the library's message.

Serve it from the repository's folder, with uvicorn (``pip install uvicorn``):

    uvicorn examples.web_service:app --reload

or with FastAPI's own command (``pip install "fastapi[standard]"``):

    fastapi dev examples/web_service.py

Run as a script, it answers one request in-process and prints the JSON:

    python examples/web_service.py
"""

import datetime as dt
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

import ehcplan as ehc
from ehcplan.timeline import table

app = FastAPI(
    title="ehcplan", summary="Statutory clocks for EHC cases, with citations."
)

CASE_SCHEMA = ehc.Case.json_schema()
"""The case JSON's own JSON Schema, with every kind of event, for the API description."""


class ClockReportRequest(BaseModel):
    """A case in ehcplan's JSON form, and the date to report on."""

    case: dict[str, Any]
    on: dt.date
    policy: str | None = None


def _openapi() -> dict[str, Any]:
    """The API description, with the request's case described by the case JSON Schema."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version="1", routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        case = {k: v for k, v in CASE_SCHEMA.items() if k not in ("$schema", "$defs")}
        text = json.dumps(case).replace("#/$defs/", "#/components/schemas/")
        components["Case"] = json.loads(text)
        for name, definition in CASE_SCHEMA["$defs"].items():
            text = json.dumps(definition).replace("#/$defs/", "#/components/schemas/")
            components[name] = json.loads(text)
        request = components["ClockReportRequest"]["properties"]
        request["case"] = {"$ref": "#/components/schemas/Case"}
        app.openapi_schema = schema
    return app.openapi_schema


app.openapi = _openapi  # type: ignore[method-assign]


@app.exception_handler(ehc.EhcplanError)
async def refused(_: Request, error: ehc.EhcplanError) -> JSONResponse:
    """Anything ehcplan refuses: 422 with the error's name, message and field."""
    content = {
        "error": type(error).__name__,
        "detail": str(error),
        "field": getattr(error, "field", None),
    }
    return JSONResponse(status_code=422, content=content)


@app.post("/clock-report")
def clock_report(body: ClockReportRequest) -> dict[str, Any]:
    """Every deadline of the case as it stood on the date, with its provision."""
    case = ehc.Case.from_dict(body.case)
    policy = None if body.policy is None else ehc.load_policy(body.policy)
    return ehc.clock_report(case, on=body.on, policy=policy).to_dict()


@app.get("/case-schema")
def case_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a case in ehcplan's JSON form."""
    return CASE_SCHEMA


@app.get("/rules")
def rules() -> list[dict[str, str]]:
    """The statutory clocks ehcplan applies, each with its rule and provision."""
    return [
        {"clock": clock.name, "rule": clock.describe(), "cites": clock.cites}
        for clock in table.ALL
    ]


if __name__ == "__main__":
    from fastapi.testclient import TestClient

    case = ehc.Case(reference="EHC-2024-0042", received_on=dt.date(2024, 9, 2))
    case = case.record(ehc.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True))
    answer = TestClient(app).post(
        "/clock-report", json={"case": case.to_dict(), "on": "2025-01-10"}
    )
    print(json.dumps(answer.json(), indent=2))
