"""Similar cases: nearest score profiles and exact statistics, against a plain-Python reference."""

from __future__ import annotations

import fractions
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy import STATISTICS, Level, RasScheme
from ehcplan.ras import PastCase, PastCases
from ehcplan.ras.similar import statistic_pence

ZERO = (0,) * 10


def reference_statistic(values: list[int], statistic: str) -> int:
    """The statistic worked out with fractions and rounded half to even by `round`."""
    ordered = sorted(fractions.Fraction(v) for v in values)
    if statistic == "median":
        exact = statistics.median(ordered)
    elif statistic == "mean":
        exact = sum(ordered) / len(ordered)
    else:
        q = (
            fractions.Fraction(1, 4)
            if statistic == "lower quartile"
            else fractions.Fraction(3, 4)
        )
        h = (len(ordered) - 1) * q
        below = int(h)
        above = min(below + 1, len(ordered) - 1)
        exact = ordered[below] + (h - below) * (ordered[above] - ordered[below])
    return round(fractions.Fraction(exact))


def reference_nearest(
    past: list[tuple[int, ...]], query: tuple[int, ...], k: int
) -> list[tuple[int, int]]:
    """(squared distance, index) of the k nearest, ties to the first given."""
    distances = [
        (sum((a - b) ** 2 for a, b in zip(p, query, strict=True)), i)
        for i, p in enumerate(past)
    ]
    return sorted(distances)[:k]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([100], [100, 100, 100, 100]),
        ([100, 201], [150, 150, 125, 176]),  # 150.5 -> 150 (even); 125.25; 175.75
        ([100, 200, 301, 400], [250, 250, 175, 326]),
        ([0, 0, 0, 1_036_300], [0, 259_075, 0, 259_075]),
    ],
)
def test_statistics_worked_by_hand(values: list[int], expected: list[int]) -> None:
    """Median, mean and quartiles of agreed pence, rounded half to even."""
    rows = np.array([values], dtype=np.int64)
    assert [int(statistic_pence(rows, s)[0]) for s in STATISTICS] == expected


def test_an_unknown_statistic_is_refused() -> None:
    """Only the documented statistics."""
    with pytest.raises(InvalidInput, match="statistic must be one of"):
        statistic_pence(np.array([[1]], dtype=np.int64), "mode")


@settings(max_examples=200)
@given(
    values=st.lists(st.integers(0, 10**9), min_size=1, max_size=15),
    statistic=st.sampled_from(STATISTICS),
)
def test_statistics_match_exact_fractions(values: list[int], statistic: str) -> None:
    """Every statistic equals the exact value rounded once to the penny, half to even."""
    rows = np.array([sorted(values)], dtype=np.int64)
    assert int(statistic_pence(rows, statistic)[0]) == reference_statistic(
        values, statistic
    )


PROFILES = st.lists(st.integers(0, 12), min_size=10, max_size=10).map(tuple)


@settings(max_examples=100, deadline=None)
@given(
    past=st.lists(
        st.tuples(PROFILES, st.integers(0, 5_000_000)), min_size=1, max_size=40
    ),
    queries=st.lists(PROFILES, min_size=1, max_size=5),
    data=st.data(),
)
def test_nearest_and_amounts_match_a_brute_force_search(
    scheme: RasScheme,
    past: list[tuple[tuple[int, ...], int]],
    queries: list[tuple[int, ...]],
    data: st.DataObject,
) -> None:
    """Batch neighbours and amounts equal a plain-Python search, form by form."""
    k = data.draw(st.integers(1, len(past)))
    statistic = data.draw(st.sampled_from(STATISTICS))
    cases = PastCases.from_arrays(
        scheme,
        references=[f"P{i}" for i in range(len(past))],
        profiles=[p for p, _ in past],
        agreed_pence=[a for _, a in past],
    )
    indices, distances = cases.nearest(queries, k)
    amounts = cases.indicative_pence(queries, k, statistic)
    for row, query in enumerate(queries):
        expected = reference_nearest([p for p, _ in past], query, k)
        assert (
            list(zip(distances[row].tolist(), indices[row].tolist(), strict=True))
            == expected
        )
        agreed = [past[i][1] for _, i in expected]
        assert int(amounts[row]) == reference_statistic(agreed, statistic)
        single, neighbours = cases.indicative(query, k, statistic)
        assert single.pence == int(amounts[row])
        assert [n.reference for n in neighbours] == [f"P{i}" for _, i in expected]


def test_many_queries_run_in_blocks(scheme: RasScheme) -> None:
    """More queries than one block still give each its own nearest case."""
    past = PastCases.from_arrays(
        scheme,
        references=["none", "some"],
        profiles=[ZERO, (12,) + (0,) * 9],
        agreed_pence=[0, 900_000],
    )
    queries = np.zeros((1500, 10), dtype=np.int64)
    queries[1000:, 0] = 11
    indices, _ = past.nearest(queries, 1)
    assert (indices[:1000, 0] == 0).all()
    assert (indices[1000:, 0] == 1).all()


def test_past_cases_from_scored_forms(scheme: RasScheme, form_of: object) -> None:
    """PastCases.of takes PastCase values and keeps their references and amounts."""
    make = form_of
    high = make(scheme, {"1": Level.HIGH}).score()  # type: ignore[operator]
    low = make(scheme, {"1": Level.LOW}).score()  # type: ignore[operator]
    past = PastCases.of(
        scheme,
        [
            PastCase(reference="H", score=high, agreed=Money.parse("£9,000")),
            PastCase(reference="L", score=low, agreed=Money.parse("£1,000")),
        ],
    )
    amount, neighbours = past.indicative(high.profile, k=1)
    assert (str(amount), neighbours[0].reference, neighbours[0].distance) == (
        "£9,000.00",
        "H",
        0.0,
    )
    assert len(past) == 2


def test_past_cases_on_another_scheme_are_refused(
    scheme: RasScheme, form_of: object, ras: object
) -> None:
    """Profiles are compared only within one scheme."""
    other = ras.scheme("exampleshire-0-5")  # type: ignore[attr-defined]
    score = form_of(other, {}).score()  # type: ignore[operator]
    with pytest.raises(
        InvalidInput, match="scored on scheme exampleshire-0-5, not exampleshire-6-16"
    ):
        PastCases.of(scheme, [PastCase(reference="X", score=score, agreed=Money(0))])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {
                "references": [],
                "profiles": np.zeros((0, 10), dtype=int),
                "agreed_pence": [],
            },
            "at least one past case",
        ),
        (
            {"references": ["A"], "profiles": [[0] * 9], "agreed_pence": [0]},
            r"one column per outcome .* \(10\)",
        ),
        (
            {"references": ["A", "B"], "profiles": [ZERO], "agreed_pence": [0]},
            "must have one entry per past case",
        ),
        (
            {"references": ["A"], "profiles": [(-1,) + ZERO[1:]], "agreed_pence": [0]},
            "past case A: points cannot be negative",
        ),
        (
            {"references": ["A"], "profiles": [ZERO], "agreed_pence": [-5]},
            "past case A: the agreed resource cannot be negative",
        ),
        (
            {"references": ["A"], "profiles": [ZERO], "agreed_pence": [1.5]},
            "must be whole numbers",
        ),
        (
            {"references": ["A"], "profiles": [ZERO], "agreed_pence": ["£5"]},
            "must be whole numbers",
        ),
    ],
)
def test_bad_columns_are_refused(
    scheme: RasScheme, kwargs: dict[str, object], message: str
) -> None:
    """Each problem with the columns has its own message."""
    with pytest.raises(InvalidInput, match=message):
        PastCases.from_arrays(scheme, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", [0, 3, True, 1.0])
def test_k_must_fit_the_past_cases(scheme: RasScheme, k: object) -> None:
    """K from 1 to the number of past cases, a whole number."""
    past = PastCases.from_arrays(
        scheme, references=["A", "B"], profiles=[ZERO, ZERO], agreed_pence=[0, 1]
    )
    with pytest.raises(
        InvalidInput,
        match="k must be a whole number from 1 to the number of past cases",
    ):
        past.nearest([ZERO], k)  # type: ignore[arg-type]


def test_query_profiles_must_fit_the_scheme(scheme: RasScheme) -> None:
    """A profile with the wrong number of outcomes is refused."""
    past = PastCases.from_arrays(
        scheme, references=["A"], profiles=[ZERO], agreed_pence=[0]
    )
    with pytest.raises(InvalidInput, match="each profile needs one number per outcome"):
        past.nearest([[0, 0]], 1)


def test_past_case_values_are_checked(scheme: RasScheme, form_of: object) -> None:
    """A PastCase needs a Score and a non-negative agreed amount."""
    score = form_of(scheme, {}).score()  # type: ignore[operator]
    with pytest.raises(
        InvalidInput, match="the agreed resource must be Money of at least £0"
    ):
        PastCase(reference="A", score=score, agreed=Money(-1))
    with pytest.raises(InvalidInput, match="score must be a Score"):
        PastCase(reference="A", score=12, agreed=Money(0))  # type: ignore[arg-type]


@settings(max_examples=50, deadline=None)
@given(
    past=st.lists(
        st.tuples(st.lists(st.integers(0, 5_000), min_size=10, max_size=10).map(tuple)),
        min_size=1,
        max_size=20,
    ),
    query=st.lists(st.integers(0, 5_000), min_size=10, max_size=10).map(tuple),
    data=st.data(),
)
def test_large_points_take_the_wide_path_and_stay_exact(
    scheme: RasScheme,
    past: list[tuple[tuple[int, ...]]],
    query: tuple[int, ...],
    data: st.DataObject,
) -> None:
    """Points too large for 32-bit exactness are searched in 64 bits, still exactly."""
    profiles = [p for (p,) in past]
    k = data.draw(st.integers(1, len(profiles)))
    cases = PastCases.from_arrays(
        scheme,
        references=[str(i) for i in range(len(profiles))],
        profiles=profiles,
        agreed_pence=[0] * len(profiles),
    )
    indices, distances = cases.nearest([query], k)
    expected = reference_nearest(profiles, query, k)
    assert (
        list(zip(distances[0].tolist(), indices[0].tolist(), strict=True)) == expected
    )
