"""RAS values at absurd sizes: refused with a message, never wrapped round or overflowed."""

from __future__ import annotations

import fractions

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.money import MAX_PENCE, Money
from ehcplan.policy import MAX_POINTS, Level, PerPoint, RasOutcome, RasScheme
from ehcplan.ras.batch import indicative_pence, scores
from ehcplan.ras.similar import statistic_pence


def test_an_absurd_rate_per_point_is_refused_not_wrapped(scheme: RasScheme) -> None:
    """40 points at £5e16 a point is beyond Money: refused, where int64 once wrapped round."""
    rate = PerPoint(per_point=Money.pounds(5 * 10**16))
    levels = [[0] * 10, [2] * 10]

    with pytest.raises(InvalidInput) as caught:
        indicative_pence(scheme, levels, rate)

    assert str(caught.value).startswith(
        "levels[1] scores 40 points, which at £50,000,000,000,000,000.00 a point is more "
        "than Money holds"
    )


@settings(max_examples=100, deadline=None)
@given(pence=st.integers(1, MAX_PENCE), row=st.lists(st.integers(0, 3), min_size=10))
def test_batch_per_point_amounts_are_exact_or_refused(
    scheme: RasScheme, pence: int, row: list[int]
) -> None:
    """Any rate gives each form exactly its points times the rate, or an InvalidInput."""
    levels = [row[:10]]
    points = int(scores(scheme, levels)[0])
    try:
        amount = int(
            indicative_pence(scheme, levels, PerPoint(per_point=Money(pence)))[0]
        )
    except InvalidInput:
        assert points * pence > MAX_PENCE
    else:
        assert amount == points * pence


def test_points_beyond_the_limit_are_refused() -> None:
    """An outcome scoring more than MAX_POINTS at a level is refused, saying the limit."""
    with pytest.raises(InvalidInput, match="points for HIGH must be at most 1,000,000"):
        RasOutcome(
            id="1",
            name="n",
            description="d",
            points={Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: MAX_POINTS + 1},
        )


def test_the_mean_of_huge_agreed_resources_is_exact() -> None:
    """The mean of eight amounts near the past-case limit is worked out without wrapping."""
    big = MAX_PENCE // 4
    rows = np.array([[big - i for i in range(8)]], dtype=np.int64)

    exact = fractions.Fraction(sum(range(big - 7, big + 1)), 8)

    assert int(statistic_pence(rows, "mean")[0]) == round(exact)


def test_past_cases_beyond_the_exact_limit_are_refused(scheme: RasScheme) -> None:
    """An agreed resource over a quarter of MAX_PENCE is refused: quartiles would wrap."""
    from ehcplan.ras import PastCases

    with pytest.raises(
        InvalidInput, match="past case P-1: the agreed resource is more"
    ):
        PastCases.from_arrays(
            scheme,
            references=["P-1"],
            profiles=[[0] * len(scheme.outcomes)],
            agreed_pence=[MAX_PENCE // 4 + 1],
        )
