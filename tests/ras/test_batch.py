"""Batch scoring: arrays of level codes give the same scores and amounts as forms one by one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy import Band, Bands, Level, RasPolicy, RasScheme, SimilarCases
from ehcplan.ras import PastCases, RasForm, indicative_resource
from ehcplan.ras.batch import LEVEL_CODES, indicative_pence, profiles, scores

FormOf = Callable[[RasScheme, Mapping[str, Level]], RasForm]
LEVELS = hnp.arrays(
    np.int8, st.tuples(st.integers(1, 30), st.just(10)), elements=st.integers(0, 3)
)


def _forms(scheme: RasScheme, form_of: FormOf, levels: np.ndarray) -> list[RasForm]:
    return [
        form_of(
            scheme,
            {o.id: LEVEL_CODES[c] for o, c in zip(scheme.outcomes, row, strict=True)},
        )
        for row in levels
    ]


@settings(max_examples=60, deadline=None)
@given(levels=LEVELS, day=st.sampled_from([dt.date(2024, 9, 2), dt.date(2025, 9, 1)]))
def test_batch_equals_forms_one_by_one(
    ras: RasPolicy, scheme: RasScheme, form_of: FormOf, levels: np.ndarray, day: dt.date
) -> None:
    """Scores, profiles and amounts (per point and bands) equal the per-form path."""
    forms = _forms(scheme, form_of, levels)
    conversion = ras.conversion.at(day)
    assert scores(scheme, levels).tolist() == [f.score().total for f in forms]
    assert profiles(scheme, levels).tolist() == [list(f.score().profile) for f in forms]
    assert indicative_pence(scheme, levels, conversion).tolist() == [
        indicative_resource(f.score(), conversion).amount.pence for f in forms
    ]


@settings(max_examples=40, deadline=None)
@given(levels=LEVELS, past_levels=LEVELS, k=st.integers(1, 5), data=st.data())
def test_batch_similar_cases_equal_forms_one_by_one(
    scheme: RasScheme,
    form_of: FormOf,
    levels: np.ndarray,
    past_levels: np.ndarray,
    k: int,
    data: st.DataObject,
) -> None:
    """Similar-case amounts in batch equal indicative_resource form by form."""
    k = min(k, len(past_levels))
    agreed = data.draw(
        st.lists(
            st.integers(0, 3_000_000),
            min_size=len(past_levels),
            max_size=len(past_levels),
        )
    )
    past = PastCases.from_arrays(
        scheme,
        references=[f"P{i}" for i in range(len(past_levels))],
        profiles=profiles(scheme, past_levels),
        agreed_pence=agreed,
    )
    conversion = SimilarCases(
        k=k, statistic=data.draw(st.sampled_from(["median", "mean", "upper quartile"]))
    )
    expected = [
        indicative_resource(f.score(), conversion, past=past).amount.pence
        for f in _forms(scheme, form_of, levels)
    ]
    assert indicative_pence(scheme, levels, conversion, past=past).tolist() == expected


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([[0] * 9], r"one column per outcome of scheme exampleshire-6-16 \(10\)"),
        ([[0.5] * 10], "whole-number level codes"),
        ([[0] * 10, [0] * 9 + [4]], r"levels\[1, 9\] \(outcome 10\) is 4"),
        ([0] * 10, "a 2-D array"),
    ],
)
def test_bad_level_codes_are_refused(
    scheme: RasScheme, levels: object, message: str
) -> None:
    """The message names the first bad row and column."""
    with pytest.raises(InvalidInput, match=message):
        scores(scheme, levels)  # type: ignore[arg-type]


def test_batch_errors_match_the_per_form_path(scheme: RasScheme) -> None:
    """Closed bands, a missing PastCases and a wrong conversion are refused as per form."""
    levels = [[3] * 10]
    with pytest.raises(InvalidInput, match="a RAS score of 80 is above the top band"):
        indicative_pence(
            scheme,
            levels,
            Bands(bands=[Band(min_points=0, max_points=9, amount=Money(0))]),
        )
    with pytest.raises(InvalidInput, match="pass past=PastCases"):
        indicative_pence(scheme, levels, SimilarCases(k=1))
    with pytest.raises(
        InvalidInput, match="conversion must be PerPoint, Bands or SimilarCases"
    ):
        indicative_pence(scheme, levels, "bands")  # type: ignore[arg-type]


def test_an_empty_batch_is_empty(ras: RasPolicy, scheme: RasScheme) -> None:
    """No forms, no amounts."""
    empty = np.zeros((0, 10), dtype=np.int8)
    assert (
        indicative_pence(scheme, empty, ras.conversion.at(dt.date(2025, 9, 1))).tolist()
        == []
    )
