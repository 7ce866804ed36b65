"""Split a jointly funded placement's cost between agencies, to the penny.

Seed 004 (a London jointly funded placements protocol) splits a 52-week
residential placement whose costs are not broken down 25% to SEN and 75% to
children's social care. The split uses the policy's own weights, and the parts
always add up to the whole.

    .venv/bin/python examples/split_a_placement.py
"""

import datetime as dt

import ehcplan as ehc

policy = ehc.load_policy("london-jointly-funded-placements")
terms = policy.funding.terms.at(dt.date(2025, 4, 1))
split = terms.undivided_splits[52]
annual_cost = ehc.Money.parse("£187,432.17")

parts = ehc.apportion(
    annual_cost,
    {"SEN": split.education, "social care": split.social_care, "health": split.health},
)
for agency, amount in parts.items():
    print(f"{agency:<12} {amount}")
assert sum(parts.values()) == annual_cost
print(f"{'total':<12} {sum(parts.values())}  (source: {policy.source})")
