"""Split a jointly funded placement's costs between agencies, to the penny.

Seed 004 (a London jointly funded placements protocol): the ICB's contribution
comes off first; a 52-week residential placement whose costs are not broken
down is split 25% to SEN and 75% to children's social care; transport is
shared equally. Every line says why, and the parts always add up.

    .venv/bin/python examples/split_a_placement.py
"""

import datetime as dt

import ehcplan as ehc
from ehcplan.funding import Agency, Placement, apportion_placement, placement_review

policy = ehc.load_policy("london-jointly-funded-placements")
placed_on = dt.date(2025, 4, 7)
terms = policy.funding.terms.at(placed_on)

placement = Placement(
    reference="EHC-2025-0031",
    placed_on=placed_on,
    weeks_per_year=52,
    fee=ehc.Money.parse("£3,500") * 52,
    transport=ehc.Money.parse("£9,000"),
    health_contribution=ehc.Money.parse("£40,000"),
)
funding = apportion_placement(placement, terms)
print(funding.explain())
print(f"review at the panel by {placement_review(placement, terms).due}")
assert sum(funding.totals.values(), ehc.Money(0)) == placement.total
assert funding.totals[Agency.EDUCATION] == ehc.Money.parse("£40,000")
