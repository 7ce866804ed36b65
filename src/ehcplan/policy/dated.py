"""Dated values: a local-policy parameter whose value changes on known dates.

A local authority's figures change by decision: a new threshold from April, a
new panel timetable from September. Each such figure is kept as a `Dated`
value, its whole history with the document it came from, so the question
"what applied on this date?" always has one answer, and a date before the
first known value is an error rather than a guess. This follows OpenFisca's
parameters (description, reference, dated values); the policy file format is
described in `ehcplan.policy.load`.

A what-if scenario never edits a value in place: `Dated.changed` returns a new
history, to be put into a policy with `attrs.evolve`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.validators import Validator, collection

__all__ = ["Dated", "dated_of"]

T = TypeVar("T")


def _sorted_history(
    history: Iterable[tuple[dt.date, T]],
) -> tuple[tuple[dt.date, T], ...]:
    """Return *history* as a tuple of (start, value) pairs sorted by start date."""
    pairs = []
    for entry in collection(history, field="history"):
        if not isinstance(entry, tuple | list) or len(entry) != 2:
            msg = (
                "history must hold (start date, value) pairs, "
                f"got {type(entry).__name__} {entry!r}."
            )
            raise InvalidInput(msg, field="history")
        start, value = entry
        pairs.append((to_date(start, field="history start date"), value))
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


def _check_history(
    instance: Dated[Any], _attribute: attrs.Attribute[Any], history: tuple[Any, ...]
) -> None:
    """Refuse an empty history, or two values starting on the same date."""
    if not history:
        msg = (
            f"{instance.name} has no values; "
            "give at least one (start date, value) pair with its source."
        )
        raise InvalidInput(msg, field="history")
    for (earlier, _), (later, _) in zip(history, history[1:], strict=False):
        if earlier == later:
            msg = (
                f"{instance.name} has two values starting on {later.isoformat()}; "
                "each date may start only one value. Remove one, or change its date."
            )
            raise InvalidInput(msg, field="history")


def _check_name(_instance: object, _attribute: attrs.Attribute[Any], name: str) -> None:
    """Refuse a name that is not text, or is blank."""
    if not isinstance(name, str) or not name.strip():
        msg = (
            f"a dated value needs a name to use in messages, got {name!r}; "
            "use a short noun phrase such as 'RAS sign-off threshold'."
        )
        raise InvalidInput(msg, field="name")


@attrs.frozen
class Dated(Generic[T]):
    """A parameter whose value changes on known dates.

    Each value applies from its start date until the next value's start date;
    the last one applies from its start date onwards. The history is sorted by
    date on construction.

    Attributes:
        name: What the value is, in words (used in messages).
        reference: Where the values come from: a URL or a document citation.
        history: (start date, value) pairs.

    Examples:
        >>> band_b = Dated(
        ...     "Band B top-up",
        ...     reference="https://example.gov.uk/send/banding",
        ...     history=((dt.date(2024, 4, 1), 3100_00), (dt.date(2025, 4, 1), 3200_00)),
        ... )
        >>> band_b.at(dt.date(2025, 3, 31))
        310000
        >>> band_b.at(dt.date(2023, 9, 1))
        Traceback (most recent call last):
        ...
        ehcplan.errors.NotInForce: Band B top-up is not in force on 2023-09-01;
        its first value applies from 2024-04-01. Use a later date, or add an earlier value
        with its source.

        A what-if is a new value from a date, leaving the original alone:

        >>> higher = band_b.changed(dt.date(2025, 4, 1), 3500_00)
        >>> higher.at(dt.date(2025, 9, 1)), band_b.at(dt.date(2025, 9, 1))
        (350000, 320000)
    """

    name: str = attrs.field(validator=_check_name)
    reference: str = attrs.field(kw_only=True)
    history: tuple[tuple[dt.date, T], ...] = attrs.field(
        kw_only=True, converter=_sorted_history, validator=_check_history
    )

    @classmethod
    def constant(
        cls, name: str, value: T, *, reference: str, since: dt.date
    ) -> Dated[T]:
        """A value that has applied unchanged since *since*.

        Examples:
            >>> review = Dated.constant(
            ...     "Placement review interval in months",
            ...     6,
            ...     reference="London Safeguarding Children Procedures 8.1, para 4.4",
            ...     since=dt.date(2014, 9, 1),
            ... )
            >>> review.at(dt.date(2030, 1, 1))
            6
        """
        return cls(name, reference=reference, history=((since, value),))

    @property
    def starts(self) -> tuple[dt.date, ...]:
        """The dates on which a value starts to apply, earliest first.

        Examples:
            >>> Dated.constant("x", 1, reference="r", since=dt.date(2024, 4, 1)).starts
            (datetime.date(2024, 4, 1),)
        """
        return tuple(start for start, _ in self.history)

    def at(self, on: dt.date) -> T:
        """Return the value in force on *on*.

        Raises:
            NotInForce: If *on* is before the first value's start date.
            InvalidInput: If *on* is not a date (a datetime is refused).
        """
        on = to_date(on, field="on")
        i = bisect.bisect_right(self.history, on, key=lambda pair: pair[0])
        if i == 0:
            raise NotInForce(self.name, on, self.history[0][0])
        return self.history[i - 1][1]

    def changed(self, from_: dt.date, value: T) -> Dated[T]:
        """Return a copy in which *value* applies from *from_* until the next start.

        A value already starting on *from_* is replaced; later values are kept.
        Use it for what-if scenarios, together with `attrs.evolve`.

        Examples:
            >>> april_2024 = dt.date(2024, 4, 1)
            >>> threshold = Dated.constant("Threshold", 100, reference="r", since=april_2024)
            >>> threshold.changed(dt.date(2025, 4, 1), 120).history
            ((datetime.date(2024, 4, 1), 100), (datetime.date(2025, 4, 1), 120))
            >>> threshold.changed(dt.date(2024, 4, 1), 90).history
            ((datetime.date(2024, 4, 1), 90),)
        """
        from_ = to_date(from_, field="from_")
        kept = tuple(pair for pair in self.history if pair[0] != from_)
        return attrs.evolve(self, history=(*kept, (from_, value)))


def dated_of(expected: type | tuple[type, ...], described: str) -> Validator:
    """A validator refusing anything but a `Dated` whose every value is an *expected*.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Panel:
        ...     capacity: Dated[int] = attrs.field(validator=dated_of(int, "a whole number"))
        >>> Panel(Dated.constant("capacity", "12", reference="r", since=dt.date(2024, 9, 1)))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: capacity: the value from 2024-09-01 must be a whole
        number, got str '12'.
    """

    def validate(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, Dated):
            msg = (
                f"{attribute.name} must be a Dated value of {described}, "
                f"got {type(value).__name__} {value!r}."
            )
            raise InvalidInput(msg, field=attribute.name)
        for start, item in value.history:
            if not isinstance(item, expected):
                msg = (
                    f"{attribute.name}: the value from {start.isoformat()} must be "
                    f"{described}, got {type(item).__name__} {item!r}."
                )
                raise InvalidInput(msg, field=attribute.name)

    return validate
