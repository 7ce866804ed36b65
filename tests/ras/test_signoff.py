"""Sign-off routing: the seed's TAC rules as data, and their invariants."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.ras import Route, route

EXAMPLES = tomllib.loads((Path(__file__).parent / "signoff_examples.toml").read_text())[
    "example"
]
THRESHOLD = Money.parse("£10,363")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_worked_examples(example: dict[str, Any]) -> None:
    """Each row of signoff_examples.toml routes as the seed says."""
    routing = route(
        recommended=Money.parse(example["recommended"]),
        indicative=Money.parse(example["indicative"]),
        threshold=THRESHOLD,
        more_needed=example.get("more_needed", False),
    )
    assert routing.route.value == example["expected"]


def test_reasons_cite_the_source_and_state_the_figures() -> None:
    """Every reason ends with the source; the comparison names both amounts."""
    routing = route(
        recommended=Money.parse("£9,000"),
        indicative=Money.parse("£8,500"),
        threshold=THRESHOLD,
    )
    assert routing.reasons[0].startswith(
        "the team recommends £9,000.00 against an indicative resource of £8,500.00"
    )
    assert all(
        "Understanding the SEND Resource Allocation System" in r
        for r in routing.reasons
    )
    assert routing.to_dict()["route"] == "team reconsiders"
    assert routing.to_dict()["threshold_pence"] == 1_036_300


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"recommended": 9000}, "recommended must be Money"),
        ({"indicative": Money(-1)}, "indicative must be at least £0.00, got -£0.01"),
        ({"threshold": "£10,363"}, "threshold must be Money"),
        ({"more_needed": "yes"}, "more_needed must be True or False"),
    ],
)
def test_bad_input_is_refused(kwargs: dict[str, object], message: str) -> None:
    """Amounts must be Money of at least £0; more_needed a bool."""
    arguments: dict[str, object] = {
        "recommended": Money(0),
        "indicative": Money(0),
        "threshold": THRESHOLD,
        **kwargs,
    }
    with pytest.raises(InvalidInput, match=message):
        route(**arguments)  # type: ignore[arg-type]


PENCE = st.integers(0, 5_000_000).map(Money)


@given(recommended=PENCE, indicative=PENCE, threshold=PENCE, more=st.booleans())
def test_only_resources_in_line_and_below_threshold_are_signed_off(
    recommended: Money, indicative: Money, threshold: Money, more: bool
) -> None:
    """Signed off exactly when no more is needed, in line, and below the threshold."""
    routing = route(
        recommended=recommended,
        indicative=indicative,
        threshold=threshold,
        more_needed=more,
    )
    signed = not more and recommended <= indicative and recommended < threshold
    assert (routing.route is Route.LEAD_SIGNS_OFF) == signed
    assert (routing.route is Route.RECONSIDER) == (
        not more and recommended > indicative
    )
