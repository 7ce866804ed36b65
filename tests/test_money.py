"""Tests for ehcplan.money: exact amounts, and apportionment to the penny."""

from __future__ import annotations

import decimal
import math
import re
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.money import MAX_PENCE, Money
from ehcplan.sharing import Weight, apportion, apportion_with_audit

# --- strategies ---------------------------------------------------------------

pence = st.integers(min_value=-(10**15), max_value=10**15)
amounts = pence.map(Money)

weights_one = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.fractions(min_value=0, max_value=10**6, max_denominator=1000),
    st.decimals(
        min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False
    ),
)


def _has_positive(weights: Mapping[str, Weight]) -> bool:
    return any(Fraction(w) > 0 for w in weights.values())


weight_maps: st.SearchStrategy[dict[str, Weight]] = st.dictionaries(
    keys=st.text(min_size=1, max_size=4),
    values=weights_one,
    min_size=1,
    max_size=8,
).filter(_has_positive)

# Small weights repeat often, which exercises the tie-breaks.
small_weights: st.SearchStrategy[Weight] = st.integers(min_value=0, max_value=3)
tied_weight_maps: st.SearchStrategy[dict[str, Weight]] = st.dictionaries(
    keys=st.text(min_size=1, max_size=4),
    values=small_weights,
    min_size=1,
    max_size=8,
).filter(_has_positive)


# --- Money: construction, parsing, formatting --------------------------------


def test_seed_threshold_parses_to_pence() -> None:
    """The seed's £10,363 threshold is 1,036,300 pence."""
    assert Money.parse("£10,363") == Money(1036300)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£10,363", 1036300),
        ("10363.00", 1036300),
        ("£10,363.50", 1036350),
        ("-£12.5", -1250),
        ("£-12.50", -1250),
        ("-12.50", -1250),
        (" 1,000 ", 100000),
        ("0.5", 50),
        ("0.05", 5),
        ("1,234,567.89", 123456789),
        ("-0", 0),
        ("007", 700),
    ],
)
def test_parse_accepts_the_documented_forms(text: str, expected: int) -> None:
    """Each documented text form reads as the right number of pence."""
    assert Money.parse(text) == Money(expected)


@pytest.mark.parametrize(
    "text",
    [
        "1,00",
        "£",
        "ten",
        "",
        "1,0000",
        "12,345,67",
        "1234,567",
        "0,123",
        ",100",
        ".5",
        "10.",
        "£ 10",
        "--10",
        "-£-10",
        "£10£",
        "+10",
        "1e3",
        "1_000",
        "١٠",
        "10 000",
    ],
)
def test_parse_refuses_other_text(text: str) -> None:
    """Text outside the documented forms is refused, naming the text and the forms."""
    expected = re.escape(f"amount: {text!r} is not an amount of money; expected pounds")
    with pytest.raises(InvalidInput, match=expected) as caught:
        Money.parse(text)
    assert caught.value.field == "amount"


def test_parse_bad_text_message_is_pinned() -> None:
    """The message for unreadable text names the field, the text and the forms."""
    with pytest.raises(InvalidInput) as caught:
        Money.parse("ten", field="Cost")
    assert str(caught.value) == (
        "Cost: 'ten' is not an amount of money; expected pounds written like "
        "'£10,363', '10363.00', '£10,363.50', '-£12.50' or '0.5' (an optional "
        "minus sign and £, commas only between groups of three digits, at most two "
        "decimal places)."
    )
    assert caught.value.field == "Cost"


def test_parse_refuses_fractions_of_a_penny() -> None:
    """A third decimal place is refused as a fraction of a penny."""
    with pytest.raises(InvalidInput) as caught:
        Money.parse("1.234")
    assert str(caught.value) == (
        "amount: '1.234' has 3 decimal places, which would be fractions of a penny; "
        "money is exact to the penny, so write at most two. Round the figure at its "
        "source, or use Money.scale() to round a calculated amount."
    )


def test_parse_refuses_non_text() -> None:
    """Parse reads only text, and says what to use for numbers."""
    with pytest.raises(
        InvalidInput,
        match=re.escape(
            "amount: Money.parse() reads text, got float 10.5; use Money()"
        ),
    ):
        Money.parse(10.5)  # type: ignore[arg-type]


def test_float_pence_message_is_pinned() -> None:
    """A float number of pence is refused, pointing at pence or Money.parse."""
    with pytest.raises(InvalidInput) as caught:
        Money(10.5)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "Money takes whole pence as an int, got the float 10.5; a float cannot hold "
        "pence exactly. Use pence, e.g. Money(1050) for £10.50, or text, e.g. "
        "Money.parse('£10.50')."
    )
    assert caught.value.field == "pence"


def test_text_pence_points_at_parse() -> None:
    """Text given as pence is refused with the parse call to use instead."""
    with pytest.raises(InvalidInput, match=re.escape("use Money.parse('£10.50')")):
        Money("£10.50")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [True, decimal.Decimal(1), Fraction(1), None])
def test_other_pence_types_are_refused(value: object) -> None:
    """Bools, decimals, fractions and None are not a number of pence."""
    with pytest.raises(InvalidInput, match="Money takes whole pence as an int, got "):
        Money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10363, 1036300),
        (-3, -300),
        (decimal.Decimal("10363.5"), 1036350),
        (decimal.Decimal("1.500"), 150),
        (decimal.Decimal("-0.01"), -1),
        (decimal.Decimal("1E+3"), 100000),
        ("£1,000.01", 100001),
    ],
)
def test_pounds_is_exact(value: int | str | decimal.Decimal, expected: int) -> None:
    """Pounds given as an int, Decimal or text become exact pence."""
    assert Money.pounds(value) == Money(expected)


def test_pounds_is_exact_up_to_the_largest_amount() -> None:
    """The largest amount converts exactly; a penny more is refused, not rounded or wrapped."""
    assert Money.pounds(decimal.Decimal("92233720368547758.07")) == Money(MAX_PENCE)
    with pytest.raises(InvalidInput, match="has 19 digits, more than Money holds"):
        Money.pounds(decimal.Decimal("92233720368547758.08"))


@pytest.mark.parametrize(
    "make",
    [
        lambda: Money(MAX_PENCE + 1),
        lambda: -Money(MAX_PENCE) - Money(1),
        lambda: Money(MAX_PENCE) * 2,
        lambda: Money(10**5000),
        lambda: Money.parse("1" * 5000),
        lambda: Money.pounds(decimal.Decimal("1e100000000")),
        lambda: Money(100).scale(decimal.Decimal("1e-100000000")),
        lambda: apportion(Money(100), {"a": decimal.Decimal("1e100000000")}),
    ],
    ids=[
        "a penny too many",
        "a penny too few",
        "doubled",
        "5,001 digits",
        "5,000 digits of text",
        "Decimal 1e100000000",
        "scaled by 1e-100000000",
        "weighted by 1e100000000",
    ],
)
def test_absurd_amounts_are_refused_at_once(make) -> None:
    """Amounts beyond MAX_PENCE and Decimals of huge exponents raise InvalidInput, never hang."""
    with pytest.raises(InvalidInput, match="Check the figure at its source"):
        make()


def test_pounds_refuses_fractions_of_a_penny() -> None:
    """A Decimal with a fraction of a penny is refused."""
    with pytest.raises(InvalidInput) as caught:
        Money.pounds(decimal.Decimal("1.234"))
    assert str(caught.value) == (
        "£1.234 is not a whole number of pence; money is exact to the penny. Check "
        "the figure at its source, or use Money.scale() to round a calculated amount."
    )
    assert caught.value.field == "value"


def test_pounds_refuses_floats() -> None:
    """A float number of pounds is refused, pointing at Decimal or text."""
    with pytest.raises(
        InvalidInput,
        match=re.escape(
            "Money.pounds() does not take floats (got 0.1): a float cannot hold "
            "pence exactly. Write Decimal('12.50') or the text '12.50'"
        ),
    ):
        Money.pounds(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [decimal.Decimal("NaN"), decimal.Decimal("-Inf")])
def test_pounds_refuses_non_finite_decimals(value: decimal.Decimal) -> None:
    """NaN and infinite Decimals are not amounts."""
    with pytest.raises(InvalidInput, match=r"Money.pounds\(\) needs a finite amount"):
        Money.pounds(value)


@pytest.mark.parametrize("value", [True, Fraction(1, 2), None])
def test_pounds_refuses_other_types(value: object) -> None:
    """Bools, fractions and None are refused with the types that are accepted."""
    with pytest.raises(
        InvalidInput, match=r"Money.pounds\(\) takes an int, str or Decimal, got "
    ):
        Money.pounds(value)  # type: ignore[arg-type]


def test_pounds_text_errors_name_the_value_field() -> None:
    """Text given to pounds() is read by parse(), and errors name the argument."""
    with pytest.raises(InvalidInput, match=r"^value: 'ten' is not an amount") as caught:
        Money.pounds("ten")
    assert caught.value.field == "value"


@pytest.mark.parametrize(
    ("pence_", "shown", "plain"),
    [
        (1036300, "£10,363.00", "10363.00"),
        (-1250, "-£12.50", "-12.50"),
        (0, "£0.00", "0.00"),
        (5, "£0.05", "0.05"),
        (-5, "-£0.05", "-0.05"),
        (123456789, "£1,234,567.89", "1234567.89"),
    ],
)
def test_formatting(pence_: int, shown: str, plain: str) -> None:
    """str() writes £ and commas, to_decimal_str() plain pounds, repr() is readable."""
    money = Money(pence_)
    assert str(money) == shown
    assert f"{money}" == shown
    assert money.to_decimal_str() == plain
    assert repr(money) == f"Money({shown!r})"
    assert money.to_decimal() == decimal.Decimal(plain)
    assert str(money.to_decimal()) == plain


def test_zero() -> None:
    """Money.zero() is £0.00 and is false."""
    assert Money.zero() == Money(0)
    assert not Money.zero()
    assert Money(-1)
    assert Money(1)


@given(pence)
def test_parse_reads_back_what_str_writes(value: int) -> None:
    """Money.parse(str(m)) == m for any amount."""
    assert Money.parse(str(Money(value))) == Money(value)


@given(pence)
def test_parse_reads_back_what_to_decimal_str_writes(value: int) -> None:
    """Money.parse(m.to_decimal_str()) == m, and to_decimal() is exact."""
    money = Money(value)
    assert Money.parse(money.to_decimal_str()) == money
    assert Money.pounds(money.to_decimal()) == money


# --- Money: arithmetic and comparison ----------------------------------------


@given(st.lists(pence, max_size=20))
def test_sum_of_amounts_is_the_sum_of_pence(values: list[int]) -> None:
    """sum() of amounts equals Money(sum of pence)."""
    amounts_ = [Money(v) for v in values]
    assert sum(amounts_, Money.zero()) == Money(sum(values))
    if amounts_:
        assert sum(amounts_) == Money(sum(values))


@given(amounts, amounts, amounts)
def test_addition_laws(a: Money, b: Money, c: Money) -> None:
    """Addition is associative and commutative, and a - b + b == a."""
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a - b + b == a
    assert a + Money.zero() == a
    assert a + -a == Money.zero()


@given(amounts, st.integers(min_value=-(10**3), max_value=10**3))
def test_multiplying_by_an_int(a: Money, n: int) -> None:
    """Money * int and int * Money multiply the pence exactly (within MAX_PENCE)."""
    assert a * n == n * a == Money(a.pence * n)


@given(amounts, amounts)
def test_order_follows_pence(a: Money, b: Money) -> None:
    """Amounts order as their pence do."""
    assert (a < b) == (a.pence < b.pence)
    assert (a <= b) == (a.pence <= b.pence)
    assert (a == b) == (a.pence == b.pence)


def test_sign_operators() -> None:
    """Unary minus, plus and abs work on the pence."""
    assert -Money(5) == Money(-5)
    assert +Money(-5) == Money(-5)
    assert abs(Money(-5)) == Money(5)


@pytest.mark.parametrize("other", [1, 5, 1.0, True, decimal.Decimal(0)])
def test_adding_plain_numbers_is_refused(other: object) -> None:
    """Money + number and number - Money raise TypeError, whatever the number."""
    with pytest.raises(TypeError):
        Money(5) + other  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(5) - other  # type: ignore[operator]
    with pytest.raises(TypeError):
        other - Money(5)  # type: ignore[operator]


def test_only_int_zero_adds_on_the_left() -> None:
    """0 + Money works (for sum); other ints, floats and False do not."""
    assert 0 + Money(5) == Money(5)
    others: list[Any] = [1, -1, 0.0, False]
    for other in others:
        with pytest.raises(TypeError):
            other + Money(5)
    with pytest.raises(TypeError):
        sum([Money(1)], 1)


@pytest.mark.parametrize(
    "other", [0.5, 2.0, True, decimal.Decimal(2), Fraction(2), Money(2)]
)
def test_multiplying_by_other_than_int_is_refused(other: Any) -> None:
    """Money * float, Decimal, Fraction, bool or Money raises TypeError."""
    with pytest.raises(TypeError):
        Money(5) * other
    with pytest.raises(TypeError):
        other * Money(5)


def test_comparisons_with_numbers_are_refused() -> None:
    """Amounts compare only with amounts."""
    with pytest.raises(TypeError):
        Money(0) < 1  # type: ignore[operator]  # noqa: B015
    assert Money(0) != 0  # type: ignore[comparison-overlap]


def test_money_is_hashable_and_frozen() -> None:
    """Equal amounts hash alike, and an amount cannot be changed."""
    assert len({Money(5), Money(5), Money(6)}) == 2
    money = Money(5)
    with pytest.raises(AttributeError):
        money.pence = 6  # type: ignore[misc]


# --- Money.scale ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "results"),
    [
        # Each row: 2.5p, 3.5p, -2.5p, 2.25p, 2.75p, -2.75p, 4p.
        ("ROUND_HALF_EVEN", [2, 4, -2, 2, 3, -3, 4]),
        ("ROUND_HALF_UP", [3, 4, -3, 2, 3, -3, 4]),
        ("ROUND_HALF_DOWN", [2, 3, -2, 2, 3, -3, 4]),
        ("ROUND_UP", [3, 4, -3, 3, 3, -3, 4]),
        ("ROUND_DOWN", [2, 3, -2, 2, 2, -2, 4]),
        ("ROUND_CEILING", [3, 4, -2, 3, 3, -2, 4]),
        ("ROUND_FLOOR", [2, 3, -3, 2, 2, -3, 4]),
    ],
)
def test_scale_rounds_as_decimal_does(rounding: str, results: list[int]) -> None:
    """Each rounding rule rounds halves and non-halves as the decimal module does."""
    cases = [
        (Money(5), Fraction(1, 2)),
        (Money(7), Fraction(1, 2)),
        (Money(-5), Fraction(1, 2)),
        (Money(9), Fraction(1, 4)),
        (Money(11), Fraction(1, 4)),
        (Money(-11), Fraction(1, 4)),
        (Money(8), Fraction(1, 2)),
    ]
    scaled = [m.scale(r, rounding=rounding).pence for m, r in cases]  # type: ignore[arg-type]
    assert scaled == results
    by_decimal = [
        int(
            (
                decimal.Decimal(m.pence) * decimal.Decimal(r.numerator) / r.denominator
            ).quantize(decimal.Decimal(1), rounding=rounding)
        )
        for m, r in cases
    ]
    assert scaled == by_decimal


def test_scale_accepts_exact_ratios() -> None:
    """Ints, Fractions and Decimals are all exact ratios."""
    assert Money(1036300).scale(2) == Money(2072600)
    assert Money(1036300).scale(Fraction(1, 3)) == Money(345433)
    assert Money(1036300).scale(decimal.Decimal("1.035")) == Money(1072570)


@given(amounts, st.fractions(min_value=-100, max_value=100, max_denominator=1000))
def test_scale_is_within_half_a_penny(a: Money, ratio: Fraction) -> None:
    """The default rounding is never more than half a penny from the exact product."""
    assert abs(a.scale(ratio).pence - a.pence * ratio) <= Fraction(1, 2)


def test_scale_refuses_floats() -> None:
    """A float ratio is refused, pointing at Fraction or Decimal."""
    with pytest.raises(InvalidInput) as caught:
        Money(100).scale(0.5)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "Money.scale() does not take floats (got 0.5): a float is not exact. "
        "Write Fraction(1, 4) or Decimal('0.25') (or an int)."
    )
    assert caught.value.field == "ratio"


@pytest.mark.parametrize("ratio", [True, "0.5", None])
def test_scale_refuses_other_ratios(ratio: object) -> None:
    """Bools, text and None are not ratios."""
    with pytest.raises(
        InvalidInput,
        match=r"Money.scale\(\): ratio must be an int, Fraction or Decimal",
    ):
        Money(100).scale(ratio)  # type: ignore[arg-type]


def test_scale_refuses_non_finite_decimals() -> None:
    """An infinite Decimal ratio is refused."""
    with pytest.raises(InvalidInput, match=r"ratio is Decimal\('Infinity'\); it must"):
        Money(100).scale(decimal.Decimal("Infinity"))


def test_scale_refuses_unknown_rounding() -> None:
    """A rounding rule outside the documented ones is refused, listing them."""
    with pytest.raises(
        InvalidInput,
        match=re.escape(
            "Money.scale() does not know the rounding 'ROUND_05UP'; use one of "
            "ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, "
            "ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP"
        ),
    ):
        Money(100).scale(2, rounding=decimal.ROUND_05UP)  # type: ignore[arg-type]


# --- apportion: examples ------------------------------------------------------


def test_three_equal_parties_tie_break_by_listing_order() -> None:
    """£100 three ways gives the odd penny to the party listed first."""
    audit = apportion_with_audit(
        Money(10000), {"education": 1, "social care": 1, "health": 1}
    )
    assert audit.parts == {
        "education": Money(3334),
        "social care": Money(3333),
        "health": Money(3333),
    }
    assert list(audit.parts) == ["education", "social care", "health"]
    assert audit.remainder_pence == 1
    assert audit.received_extra_penny == ("education",)
    assert audit.exact_shares == dict.fromkeys(audit.parts, Fraction(10000, 3))
    assert audit.total == Money(10000)
    reordered = apportion(Money(10000), {"health": 1, "education": 1, "social care": 1})
    assert reordered["health"] == Money(3334)


def test_quarter_split_of_one_thousand_pounds_and_a_penny() -> None:
    """A 25/75 split of £1,000.01 gives the odd penny to the larger remainder."""
    total = Money.parse("£1,000.01")
    for weights in (
        {"education": 25, "health": 75},
        {"education": Fraction(1, 4), "health": Fraction(3, 4)},
        {"education": decimal.Decimal("0.25"), "health": decimal.Decimal("0.75")},
    ):
        audit = apportion_with_audit(total, weights)
        assert audit.parts == {"education": Money(25000), "health": Money(75001)}
        assert audit.exact_shares == {
            "education": Fraction(100001, 4),
            "health": Fraction(300003, 4),
        }
        assert audit.received_extra_penny == ("health",)


def test_equal_remainders_tie_break_by_larger_weight() -> None:
    """When fractional remainders tie, the larger weight gets the penny first."""
    # Exact shares 0.5p, 2.5p and 1p: one penny left, a and b tie on 0.5.
    for order in (["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"]):
        weights = {k: {"a": 1, "b": 5, "c": 2}[k] for k in order}
        audit = apportion_with_audit(Money(4), weights)
        assert audit.parts == {"a": Money(0), "b": Money(3), "c": Money(1)}
        assert audit.received_extra_penny == ("b",)


def test_negative_total_example() -> None:
    """A credit is shared as its size, each part negated."""
    audit = apportion_with_audit(Money(-100), {"a": 1, "b": 2})
    assert audit.parts == {"a": Money(-33), "b": Money(-67)}
    assert audit.exact_shares == {"a": Fraction(-100, 3), "b": Fraction(-200, 3)}
    assert audit.remainder_pence == 1
    assert audit.received_extra_penny == ("b",)


def test_zero_total_and_single_party() -> None:
    """Nothing to share gives zeros; one party gets everything."""
    assert apportion(Money(0), {"a": 1, "b": 1}) == {"a": Money(0), "b": Money(0)}
    assert apportion(Money(12345), {"a": 7}) == {"a": Money(12345)}


def test_apportion_returns_a_fresh_dict() -> None:
    """apportion() returns the parts, in the order given, as a plain dict."""
    parts = apportion(Money(100), {2: 1, 1: 1})
    assert parts == {2: Money(50), 1: Money(50)}
    assert list(parts) == [2, 1]


# --- apportion: errors --------------------------------------------------------


def test_negative_weight_message_is_pinned() -> None:
    """A negative weight is refused, saying to use 0 instead."""
    with pytest.raises(InvalidInput) as caught:
        apportion(Money(100), {"health": 1, "education": -1})
    assert str(caught.value) == (
        "apportion(): the weight of 'education' is -1, below zero; weights are "
        "shares and must be zero or more. Use 0 for a party that pays nothing."
    )
    assert caught.value.field == "weights"


def test_all_zero_weights_message_is_pinned() -> None:
    """All-zero weights are refused: there is no way to share."""
    with pytest.raises(InvalidInput) as caught:
        apportion(Money(100), {"a": 0, "b": Fraction(0), "c": decimal.Decimal("-0")})
    assert str(caught.value) == (
        "apportion(): every weight is zero, so there is no way to share £1.00; "
        "give at least one party a positive weight."
    )


def test_no_parties_message_is_pinned() -> None:
    """An empty mapping of parties is refused."""
    with pytest.raises(InvalidInput) as caught:
        apportion(Money(100), {})
    assert str(caught.value) == (
        "apportion(): there are no parties to share £1.00 between; pass a mapping "
        "of each party to its weight, e.g. {'education': 1, 'health': 1}."
    )


def test_float_weight_message_is_pinned() -> None:
    """A float weight is refused, saying how to write it exactly."""
    with pytest.raises(InvalidInput) as caught:
        apportion(Money(100), {"a": 0.25, "b": 1})  # type: ignore[dict-item]
    assert str(caught.value) == (
        "apportion(): the weight of 'a' must be exact, got float 0.25; write "
        "Fraction(1, 4) or Decimal('0.25') (or an int) instead."
    )


@pytest.mark.parametrize("weight", [True, False, "1", None])
def test_other_weight_types_are_refused(weight: object) -> None:
    """Bools, text and None are not weights."""
    with pytest.raises(
        InvalidInput,
        match=re.escape("write Fraction(1, 4) or Decimal('0.25') (or an int)"),
    ):
        apportion(Money(100), {"a": weight, "b": 1})  # type: ignore[dict-item]


@pytest.mark.parametrize("weight", [decimal.Decimal("NaN"), decimal.Decimal("Inf")])
def test_non_finite_weights_are_refused(weight: decimal.Decimal) -> None:
    """NaN and infinite weights are refused."""
    with pytest.raises(InvalidInput, match="weights must be finite numbers"):
        apportion(Money(100), {"a": weight})


def test_total_must_be_money() -> None:
    """A plain number as the total is refused, pointing at Money."""
    with pytest.raises(
        InvalidInput,
        match=re.escape("apportion(): the total must be Money, got int 100"),
    ):
        apportion(100, {"a": 1})  # type: ignore[arg-type]


# --- apportion: properties ----------------------------------------------------


def _exact(total: Money, weights: dict[str, Weight]) -> dict[str, Fraction]:
    """Return each party's exact share in pence, worked out independently."""
    weight_sum = sum(Fraction(w) for w in weights.values())
    return {k: total.pence * Fraction(w) / weight_sum for k, w in weights.items()}


@given(amounts, weight_maps | tied_weight_maps)
def test_parts_sum_to_the_total(total: Money, weights: dict[str, Weight]) -> None:
    """The parts always add up to the total exactly."""
    parts = apportion(total, weights)
    assert sum(parts.values(), Money.zero()) == total
    assert list(parts) == list(weights)


@given(amounts, weight_maps | tied_weight_maps)
def test_each_part_within_a_penny(total: Money, weights: dict[str, Weight]) -> None:
    """Each part is less than one penny from its exact share."""
    audit = apportion_with_audit(total, weights)
    exact = _exact(total, weights)
    assert audit.exact_shares == exact
    for party, part in audit.parts.items():
        assert abs(part.pence - exact[party]) < 1
        assert math.floor(abs(exact[party])) <= abs(part.pence)
    assert audit.remainder_pence == len(audit.received_extra_penny)
    assert audit.remainder_pence < len(weights)


@given(amounts, weight_maps | tied_weight_maps)
def test_sign_symmetry(total: Money, weights: dict[str, Weight]) -> None:
    """Apportioning -T gives every party minus what it gets from T."""
    positive = apportion_with_audit(total, weights)
    negative = apportion_with_audit(-total, weights)
    assert negative.parts == {k: -v for k, v in positive.parts.items()}
    assert negative.received_extra_penny == positive.received_extra_penny


@given(amounts, weight_maps | tied_weight_maps, st.data())
def test_order_independence(
    total: Money, weights: dict[str, Weight], data: st.DataObject
) -> None:
    """Permuting parties changes nothing for unique weights, nor the multiset."""
    items = data.draw(st.permutations(list(weights.items())))
    original = apportion(total, weights)
    permuted = apportion(total, dict(items))
    counts = Counter(Fraction(w) for w in weights.values())
    for party, weight in weights.items():
        if counts[Fraction(weight)] == 1:
            assert permuted[party] == original[party]
    assert Counter(permuted.values()) == Counter(original.values())


@given(amounts, weight_maps | tied_weight_maps)
def test_zero_weight_parties_get_zero(total: Money, weights: dict[str, Weight]) -> None:
    """A party with zero weight gets exactly nothing."""
    audit = apportion_with_audit(total, weights)
    for party, weight in weights.items():
        if weight == 0:
            assert audit.parts[party] == Money(0)
            assert party not in audit.received_extra_penny


@given(
    amounts, weight_maps | tied_weight_maps, st.integers(min_value=1, max_value=1000)
)
def test_scaling_weights_changes_nothing(
    total: Money, weights: dict[str, Weight], factor: int
) -> None:
    """Multiplying every weight by the same positive integer gives the same parts."""
    scaled: dict[str, Weight] = {k: w * factor for k, w in weights.items()}
    assert all(Fraction(scaled[k]) == Fraction(w) * factor for k, w in weights.items())
    assert apportion_with_audit(total, scaled) == apportion_with_audit(total, weights)
