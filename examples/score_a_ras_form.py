"""Score a RAS form, convert it to an indicative resource, and route the plan for sign-off.

Uses the fictional Exampleshire policy (its outcomes 2-10 and every points and
money figure are illustrative; the workflow and the sign-off rule follow
Gloucestershire's 2017 RAS guide, seed 001).

    .venv/bin/python examples/score_a_ras_form.py
"""

import datetime as dt

import ehcplan as ehc
from ehcplan import ras
from ehcplan.policy import Level

policy = ehc.load_policy("exampleshire")
on = dt.date(2025, 10, 6)
scheme = policy.ras.scheme("exampleshire-6-16")
report = {ras.Evidence.PROFESSIONAL_REPORT}
family = {ras.Evidence.FAMILY_CONTRIBUTION, ras.Evidence.PROFESSIONAL_REPORT}

answers = {outcome.id: Level.NONE for outcome in scheme.outcomes}
answers["1"] = ras.Answer(level=Level.MEDIUM, evidence=report)
answers["2"] = ras.Answer(level=Level.MEDIUM, evidence=family)
answers["6"] = ras.Answer(level=Level.HIGH, evidence=family)
form = ras.RasForm(scheme=scheme, answers=answers)

# Scored by the case co-ordinator; the lead SEND co-ordinator raises outcome 1.
record = ras.RasRecord.start("EHC-2025-0107", form, by="case co-ordinator 14", on=on)
verified = form.with_answer("1", ras.Answer(level=Level.HIGH, evidence=report))
record = record.verify(
    by="lead SEND co-ordinator 2", on=on + dt.timedelta(days=2), form=verified,
    note="the EP report describes difficulty throughout each day",
)  # fmt: skip
score = record.current.agreed.score
indicative = ras.indicative_resource(score, policy.ras.conversion.at(on))
record = record.allocate(
    indicative, by="lead SEND co-ordinator 2", on=on + dt.timedelta(days=2)
)

# The team around the child costs its provision and compares: over the indicative
# resource, it reconsiders; having fitted the provision within it, the lead signs off.
threshold = policy.ras.sign_off_threshold.at(on)
first = ras.route(
    recommended=ehc.Money.parse("£4,250"),
    indicative=indicative.amount,
    threshold=threshold,
)
second = ras.route(
    recommended=ehc.Money.parse("£1,950"),
    indicative=indicative.amount,
    threshold=threshold,
)
print("\n".join(record.explain()))
print()
print(ras.explain(score, indicative, first))
print()
print("\n".join(second.reasons))
assert (first.route, second.route) == (ras.Route.RECONSIDER, ras.Route.LEAD_SIGNS_OFF)
