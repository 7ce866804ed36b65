"""Indicative resources: per point, bands and similar cases, with their workings."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy import (
    Band,
    Bands,
    Level,
    PerPoint,
    RasPolicy,
    RasScheme,
    SimilarCases,
)
from ehcplan.ras import PastCases, explain, indicative_resource, route

PER_POINT_DAY = dt.date(2024, 9, 2)  # Exampleshire: £150 a point
BANDS_DAY = dt.date(2025, 9, 1)  # Exampleshire: bands


def test_per_point(ras: RasPolicy, scheme: RasScheme, form_of: object) -> None:
    """21 points at £150 a point is £3,150."""
    score = form_of(  # type: ignore[operator]
        scheme, {"1": Level.HIGH, "2": Level.MEDIUM, "4": Level.MEDIUM, "8": Level.LOW}
    ).score()
    result = indicative_resource(score, ras.conversion.at(PER_POINT_DAY))
    assert str(result.amount) == "£3,150.00"
    assert result.explain() == [
        "indicative resource £3,150.00: 21 points at £150.00 a point"
    ]
    assert result.to_dict()["conversion"] == {
        "kind": "per point",
        "per_point_pence": 15_000,
    }


@pytest.mark.parametrize(
    ("levels", "points", "amount"),
    [
        ({}, 0, "£0.00"),
        ({"1": Level.HIGH, "2": Level.LOW}, 14, "£0.00"),  # top of the first band
        ({"1": Level.HIGH, "2": Level.MEDIUM}, 16, "£2,000.00"),
        ({o: Level.HIGH for o in "12345"}, 44, "£4,500.00"),
        (
            {
                o: Level.HIGH
                for o in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
            },
            80,
            "£11,000.00",
        ),
    ],
)
def test_bands(
    ras: RasPolicy,
    scheme: RasScheme,
    form_of: object,
    levels: dict[str, Level],
    points: int,
    amount: str,
) -> None:
    """Exampleshire's 2025 bands: 0-14 £0, 15-29 £2,000, 30-44 £4,500, 45-59 £7,500, 60+ £11,000."""
    score = form_of(scheme, levels).score()  # type: ignore[operator]
    result = indicative_resource(score, ras.conversion.at(BANDS_DAY))
    assert (score.total, str(result.amount)) == (points, amount)
    assert result.band is not None
    assert result.to_dict()["conversion"]["band"]["amount_pence"] == result.amount.pence


def test_a_score_above_a_closed_top_band_is_refused(
    scheme: RasScheme, form_of: object
) -> None:
    """Closed bands that stop short of a score give a clear error."""
    bands = Bands(bands=[Band(min_points=0, max_points=9, amount=Money(0))])
    score = form_of(scheme, {"1": Level.HIGH}).score()  # type: ignore[operator]
    with pytest.raises(InvalidInput, match="a RAS score of 12 is above the top band"):
        indicative_resource(score, bands)


def test_similar_cases_show_their_neighbours(
    scheme: RasScheme, form_of: object
) -> None:
    """The median of the 3 nearest agreed resources, with the neighbours listed."""
    past = PastCases.from_arrays(
        scheme,
        references=["A", "B", "C", "D"],
        profiles=[
            (12, 8, 0, 0, 0, 0, 0, 0, 0, 0),
            (12, 4, 0, 0, 0, 0, 0, 0, 0, 0),
            (6, 4, 0, 0, 0, 0, 0, 0, 0, 0),
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        ],
        agreed_pence=[900_000, 700_000, 400_000, 0],
    )
    score = form_of(scheme, {"1": Level.HIGH, "2": Level.MEDIUM}).score()  # type: ignore[operator]
    result = indicative_resource(score, SimilarCases(k=3), past=past)
    # distances squared to (12, 4, ...): A 16, B 0, C 36, D 160
    assert [(n.reference, n.distance_squared) for n in result.neighbours] == [
        ("B", 0),
        ("A", 16),
        ("C", 36),
    ]
    assert str(result.amount) == "£7,000.00"
    lines = result.explain()
    assert lines[0].startswith(
        "indicative resource £7,000.00: the median agreed resource of the 3"
    )
    assert (
        lines[1]
        == "  B: agreed £7,000.00, distance 0.00, points [12, 4, 0, 0, 0, 0, 0, 0, 0, 0]"
    )
    routing = route(
        recommended=Money.parse("£6,000"),
        indicative=result.amount,
        threshold=Money.parse("£10,363"),
    )
    trace = json.loads(explain(score, result, routing).to_json())
    assert trace["indicative"]["conversion"]["neighbours"][0]["reference"] == "B"
    assert trace["routing"]["route"] == "lead SEND co-ordinator signs off"


def test_similar_cases_need_past_cases_on_the_same_scheme(
    ras: RasPolicy, scheme: RasScheme, form_of: object
) -> None:
    """No past cases, or past cases on another scheme, is a clear error."""
    score = form_of(scheme, {}).score()  # type: ignore[operator]
    with pytest.raises(InvalidInput, match="pass past=PastCases"):
        indicative_resource(score, SimilarCases(k=1))
    other = PastCases.from_arrays(
        ras.scheme("exampleshire-0-5"),
        references=["A"],
        profiles=[[0] * 10],
        agreed_pence=[0],
    )
    with pytest.raises(InvalidInput, match="compare like with like"):
        indicative_resource(score, SimilarCases(k=1), past=other)


def test_bad_arguments_are_refused(scheme: RasScheme, form_of: object) -> None:
    """A score must be a Score and a conversion one of the three kinds."""
    score = form_of(scheme, {}).score()  # type: ignore[operator]
    with pytest.raises(InvalidInput, match="score must be a Score"):
        indicative_resource(12, PerPoint(per_point=Money(100)))  # type: ignore[arg-type]
    with pytest.raises(
        InvalidInput, match="conversion must be PerPoint, Bands or SimilarCases"
    ):
        indicative_resource(score, "bands")  # type: ignore[arg-type]
