"""`costed_top_ups` gives `costed_top_up`'s split for every pupil at once."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.funding import costed_top_up
from ehcplan.funding.batch import costed_top_ups
from ehcplan.money import Money


@settings(max_examples=200, deadline=None)
@given(
    provision=st.lists(st.integers(0, 10**9), min_size=1, max_size=40),
    threshold=st.integers(0, 10**7),
)
def test_costed_top_ups_agree_with_costed_top_up(provision, threshold):
    """School and top-up are the one-by-one answer's, and add up to the provision."""
    school, top_up = costed_top_ups(np.array(provision), Money(threshold))
    one_by_one = [costed_top_up(Money(p), Money(threshold)) for p in provision]

    assert school.tolist() == [t.school.pence for t in one_by_one]
    assert top_up.tolist() == [t.top_up.pence for t in one_by_one]
    assert (school + top_up).tolist() == provision


@pytest.mark.parametrize(
    ("provision", "threshold", "message"),
    [
        ([100.5], Money(600_000), "whole numbers of pence"),
        ([-1], Money(600_000), "whole numbers of pence"),
        ([100], 600_000, "threshold must be Money"),
    ],
)
def test_bad_amounts_are_refused(provision, threshold, message):
    """Fractions or negatives of pence, or a threshold that is not Money."""
    with pytest.raises(InvalidInput, match=message):
        costed_top_ups(provision, threshold)
