"""Record an EHC case from request to final plan, and save it as JSON.

A request arrives on Monday 2 September 2024. The authority decides to assess,
asks for advice, agrees a plan at its resource panel, serves the draft and issues
the final plan. Each step returns a new case; an impossible step raises
`ehcplan.EventRejected` saying why.

    .venv/bin/python examples/record_a_case.py
"""

import datetime as dt

import ehcplan as ehc

case = ehc.Case(reference="EHC-2024-0042", received_on=dt.date(2024, 9, 2))
for event in [
    ehc.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
    ehc.AdviceRequested(on=dt.date(2024, 10, 8), source=ehc.AdviceSource.HEALTH),
    ehc.AdviceReceived(on=dt.date(2024, 11, 15), source=ehc.AdviceSource.HEALTH),
    ehc.IssueDecision(on=dt.date(2024, 11, 28), issue=True, panel="send-resource"),
    ehc.DraftServed(on=dt.date(2024, 12, 2)),
    ehc.FinalPlanIssued(on=dt.date(2025, 1, 17)),
]:
    case = case.record(event)
print(f"{case.reference}: {case.stage.value} after {len(case.events)} events")

try:
    case.record(ehc.DraftServed(on=dt.date(2025, 1, 10)))
except ehc.EventRejected as error:
    print(f"Refused, as it should be: {error.reason}")

text = case.to_json(indent=2)
assert ehc.Case.from_json(text) == case
print(f"JSON round trip: {len(text)} characters, equal after reading back")
