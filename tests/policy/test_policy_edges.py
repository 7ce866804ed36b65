"""Policy values and files at their edges: mappings of the wrong kind, tables written wrong."""

import pytest

from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.money import Money
from ehcplan.policy import FundingTerms, Split, TopUpBands, loads_policy

HEADER = 'code = "999"\nname = "X"\nsource = "Y"\n'
BANDS = (
    HEADER + '[funding.top_up_bands]\ndescription = "Bands"\nreference = "r"\n'
    "values = [{ from = 2024-04-01, bands = BANDS }]\n"
)


@pytest.mark.parametrize(
    ("bands", "key", "message"),
    [
        (
            "5",
            "bands",
            'expected a table such as { "Band 1" = "£1,600" }, found the integer',
        ),
        ('{ "Band 1" = 1600 }', "bands.Band 1", "found the integer 1600, but money is"),
        (
            "{}",
            "bands",
            'bands must name at least one band, e.g. { "Band 1" = "£1,600" }.',
        ),
        ('{ " " = "£1" }', "bands", "band names must be non-blank text, got ' '."),
    ],
    ids=["not a table", "a number", "no bands", "a blank name"],
)
def test_top_up_bands_written_wrong_are_located(bands, key, message):
    """Top-up bands that are not a table of names and money are refused at their key."""
    with pytest.raises(FileFormatError) as caught:
        loads_policy(BANDS.replace("BANDS", bands), path="la.toml")

    where = "funding.top_up_bands.values[0]" + (f".{key}" if key else "")
    assert caught.value.key == where
    assert caught.value.problem.startswith(message)


def test_dated_values_that_are_not_an_array_are_located():
    """A dated value's values must be an array of tables."""
    text = BANDS.replace(
        "values = [{ from = 2024-04-01, bands = BANDS }]", "values = 5"
    )

    with pytest.raises(FileFormatError) as caught:
        loads_policy(text, path="la.toml")

    assert str(caught.value) == (
        "la.toml: funding.top_up_bands.values: expected an array [ ... ], found the "
        "integer 5."
    )


def test_splits_keyed_by_anything_but_weeks_are_refused_in_memory_too():
    """FundingTerms built in Python with a text key gets the validator's message."""
    split = Split(education=50, social_care=50)
    with pytest.raises(
        InvalidInput, match="keyed by placement weeks per year, 1 to 52"
    ):
        FundingTerms(
            undivided_splits={52: split, "38": split},
            transport_split=split,
            health_contribution_first=True,
            education_pays_provision=True,
            placement_review_months=6,
            element2_threshold=Money(600000),
            emergency_funding_by_chair=True,
        )


def test_top_up_bands_must_be_a_mapping():
    """TopUpBands built from a list says it wants band names mapped to Money."""
    with pytest.raises(InvalidInput, match="bands must map band names to Money"):
        TopUpBands(bands=[("Band 1", Money(1))])
