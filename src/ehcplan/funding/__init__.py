"""Funding: jointly funded placements, element 2 and 3 top-ups, and placement reviews.

- `apportion_placement` (`joint`): a residential placement's costs shared
  between SEN (education), children's social care and health (ICB) by the
  authority's dated joint-funding terms (seed 004), line by line with reasons,
  the parts always adding up to the cost;
- `placement_review`: when the placement returns to the panel;
- `costed_top_up` and `banded_top_up` (`topups`): what a mainstream school
  meets (element 2) and what the authority tops up (element 3).

For example:

    >>> import datetime as dt, ehcplan.policy
    >>> from ehcplan.money import Money
    >>> from ehcplan.funding import Placement, apportion_placement
    >>> terms = ehcplan.policy.load_policy("exampleshire").funding.terms.at(dt.date(2025, 1, 6))
    >>> p = Placement(reference="EHC-3", placed_on=dt.date(2025, 1, 6), weeks_per_year=38,
    ...               fee=Money.parse("£75,000.01"))
    >>> print(apportion_placement(p, terms).explain())  # doctest: +NORMALIZE_WHITESPACE
    Placement EHC-3: £75,000.01 a year
      placement fee  SEN (education)            £37,500.01  38-week placement, ...
      placement fee  children's social care     £37,500.00  38-week placement, ...
      total          SEN (education)            £37,500.01
      total          children's social care     £37,500.00
      total          health (ICB)                    £0.00
      placement fee: 1p left after rounding down went to SEN (education) (largest remainder)
"""

from ehcplan.funding.joint import (
    Agency,
    JointFunding,
    Line,
    Placement,
    PlacementReview,
    apportion_placement,
    placement_review,
)
from ehcplan.funding.topups import TopUp, banded_top_up, costed_top_up

__all__ = [
    "Agency",
    "JointFunding",
    "Line",
    "Placement",
    "PlacementReview",
    "TopUp",
    "apportion_placement",
    "banded_top_up",
    "costed_top_up",
    "placement_review",
]
