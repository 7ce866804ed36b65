"""The Resource Allocation System (RAS): score a form, convert it, route the plan.

Source: Gloucestershire County Council, "Understanding the SEND Resource
Allocation System" (2017), and its form "Special Educational Needs RAS (16-25
yrs)", Version 3.0 (31 August 2017). The RAS "focuses on ten generic outcomes
to be achieved and then identifies the levels of difficulties that
children/young people have in achieving these outcomes"; points become an
indicative resource; the team around the child compares its costed provision
with it; an officer signs off or the case goes to panel.

The scheme (outcomes, points per level) and the conversion (per point, bands,
or similar cases) are the authority's policy: `ehcplan.policy.RasPolicy`.
This package applies them:

- `RasForm` / `Score` (`form`): answers with their evidence, and the front
  cover: totals by level, highest and second-highest outcomes, outcomes not
  scored, the RAS score.
- `RasRecord` (`workflow`): scored, verified, moderated, each with who and when;
  rounds kept when a form is scored again before a key-stage transition.
- `indicative_resource` / `Indicative` (`convert`) and `PastCases` (`similar`):
  the conversion, with the band or the neighbours it used.
- `route` / `Routing` (`signoff`): who signs off the resource, with reasons.
- `explain` / `Trace` (`explain`): the whole reasoning as text or JSON.
- `ehcplan.ras.batch`: scores and indicative amounts for arrays of forms.

For example:

    >>> import datetime as dt, ehcplan.policy
    >>> from ehcplan.ras import Answer, Evidence, RasForm, indicative_resource, route
    >>> from ehcplan.policy import Level
    >>> ras = ehcplan.policy.load_policy("exampleshire").ras
    >>> scheme = ras.scheme("exampleshire-6-16")
    >>> evidence = {Evidence.PROFESSIONAL_REPORT, Evidence.FAMILY_CONTRIBUTION}
    >>> form = RasForm(scheme=scheme, answers={
    ...     o.id: Answer(level=Level.MEDIUM, evidence=evidence) if int(o.id) <= 6 else Level.NONE
    ...     for o in scheme.outcomes})
    >>> score = form.score()
    >>> on = dt.date(2025, 9, 1)
    >>> amount = indicative_resource(score, ras.conversion.at(on)).amount
    >>> score.total, str(amount)
    (26, '£2,000.00')
    >>> route(recommended=amount, indicative=amount, threshold=ras.sign_off_threshold.at(on)).route
    <Route.LEAD_SIGNS_OFF: 'lead SEND co-ordinator signs off'>
"""

from ehcplan.ras.convert import Indicative, band_for, indicative_resource
from ehcplan.ras.explain import Trace, explain
from ehcplan.ras.form import Answer, Evidence, OutcomeScore, RasForm, Score
from ehcplan.ras.signoff import Route, Routing, route
from ehcplan.ras.similar import Neighbour, PastCase, PastCases
from ehcplan.ras.workflow import Change, Entry, Occasion, RasRecord, Role, Round, Step

__all__ = [
    "Answer",
    "Change",
    "Entry",
    "Evidence",
    "Indicative",
    "Neighbour",
    "Occasion",
    "OutcomeScore",
    "PastCase",
    "PastCases",
    "RasForm",
    "RasRecord",
    "Role",
    "Round",
    "Route",
    "Routing",
    "Score",
    "Step",
    "Trace",
    "band_for",
    "explain",
    "indicative_resource",
    "route",
]
