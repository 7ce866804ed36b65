"""`routes` gives `route`'s answer for every plan at once."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.ras import route
from ehcplan.ras.routing import ROUTES, routes

PENCE = st.integers(0, 3_000_000)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(PENCE, PENCE, st.booleans()), min_size=1, max_size=30),
    threshold=PENCE,
)
def test_routes_agree_with_route_plan_by_plan(rows, threshold):
    """For any amounts (at, above and below the threshold and the indicative), the same route."""
    recommended, indicative, more = (list(column) for column in zip(*rows, strict=True))
    codes = routes(
        recommended_pence=np.array(recommended),
        indicative_pence=np.array(indicative),
        threshold_pence=threshold,
        more_needed=np.array(more),
    )
    expected = [
        route(
            recommended=Money(r),
            indicative=Money(i),
            threshold=Money(threshold),
            more_needed=m,
        ).route
        for r, i, m in rows
    ]
    assert [ROUTES[c] for c in codes] == expected


def test_the_edges_of_the_seeds_rule():
    """Exactly at the threshold goes to panel; exactly the indicative is in line."""
    codes = routes(
        recommended_pence=[1_036_300, 1_036_299, 500_000],
        indicative_pence=[1_036_300, 1_036_299, 499_999],
        threshold_pence=1_036_300,
    )
    assert [ROUTES[c].name for c in codes] == [
        "SEND_PANEL",
        "LEAD_SIGNS_OFF",
        "RECONSIDER",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"recommended_pence": [1.5]}, "whole numbers of pence"),
        ({"recommended_pence": [-1]}, "whole numbers of pence"),
        ({"more_needed": [1]}, "True or False"),
        ({"recommended_pence": [1, 2]}, "one value per plan"),
    ],
)
def test_bad_arrays_are_refused(kwargs, message):
    """Fractions or negatives of pence, flags that are not flags, mismatched lengths."""
    arguments = {
        "recommended_pence": [100],
        "indicative_pence": [100, 200, 300],
        "threshold_pence": 1000,
        "more_needed": np.array([False, False, False]),
    } | kwargs
    with pytest.raises(InvalidInput, match=message):
        routes(**arguments)
