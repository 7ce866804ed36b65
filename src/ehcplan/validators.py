"""Validators shared by every frozen value in ehcplan, each refusing with `InvalidInput`.

An attrs class checks its fields with these, so a value that exists is a value
that makes sense, and the same mistake gets the same words wherever it is made:

    >>> import attrs
    >>> @attrs.frozen
    ... class Meeting:
    ...     room: str = attrs.field(validator=text)
    ...     places: int = attrs.field(validator=at_least(1))
    >>> Meeting(room="Shire Hall", places=0)
    Traceback (most recent call last):
    ...
    ehcplan.errors.InvalidInput: places must be a whole number of at least 1, got 0.

None of them converts: ``"12"`` is not 12, ``1`` is not True, a float is not
money. `check` runs one on a function's argument, so functions refuse bad
arguments in the same words:

    >>> check("more_needed", "yes", flag)
    Traceback (most recent call last):
    ...
    ehcplan.errors.InvalidInput: more_needed must be True or False, got 'yes'.

Each error's ``field`` is the name of the field or argument, so a reader of a
file (`ehcplan.structure`) can point at the key it came from. This module sits
at the bottom of the house with `ehcplan.errors`, `ehcplan.money` and
`ehcplan.dates`, and imports nothing else of ehcplan.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias, TypeVar, cast

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.money import Money

__all__ = [
    "Validator",
    "at_least",
    "check",
    "collection",
    "each",
    "flag",
    "frozen_mapping",
    "instance_of",
    "is_whole",
    "mapping",
    "member",
    "money_at_least",
    "number_at_least",
    "optional",
    "share",
    "text",
    "to_frozenset",
    "to_tuple",
    "unique_ids",
    "whole",
]

T = TypeVar("T")


Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs validator: called with the instance, the field and the value; raises or returns."""


@attrs.frozen
class _Argument:
    """A function argument's name, standing in for an attrs field in `check`."""

    name: str


def check(name: str, value: T, *validators: Validator) -> T:
    """Run *validators* on a function's argument called *name*, and return it unchanged.

    Examples:
        >>> check("amount", Money(500), money_at_least(0))
        Money('£5.00')
        >>> check("amount", 500, money_at_least(0))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: amount must be Money, got int 500; ...

    Raises:
        InvalidInput: From the first validator that refuses *value*.
    """
    argument = cast("attrs.Attribute[Any]", _Argument(name))
    for validator in validators:
        validator(None, argument, value)
    return value


def is_whole(value: object) -> bool:
    """Whether *value* is a whole number: an `int` and not a `bool`.

    Examples:
        >>> is_whole(3), is_whole(True), is_whole(3.0)
        (True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool)


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but text with something other than spaces in it.

    Examples:
        >>> check("reasons", " ", text)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: reasons must be non-blank text, got ' '.
    """
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be non-blank text, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but True or False (1, 0 and "yes" are not flags).

    Examples:
        >>> check("capable", 1, flag)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: capable must be True or False, got 1.
    """
    if not isinstance(value, bool):
        msg = f"{attribute.name} must be True or False, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def share(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but a number from 0 to 1 (a share; 25 is not 25%).

    Examples:
        >>> check("refuse_share", 25, share)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: refuse_share must be a share from 0 to 1, got 25.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= 1
    ):
        msg = f"{attribute.name} must be a share from 0 to 1, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def number_at_least(minimum: float) -> Validator:
    """A validator refusing anything but a finite number (whole or not) of at least *minimum*.

    Examples:
        >>> check("per_week", float("inf"), number_at_least(0))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: per_week must be a number of at least 0, got inf.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < minimum
        ):
            msg = f"{attribute.name} must be a number of at least {minimum:g}, got {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return validate


def whole(minimum: int, maximum: int | None = None, *, unit: str = "") -> Validator:
    """A validator refusing anything but a whole number from *minimum* to *maximum*.

    Args:
        minimum: The smallest number allowed.
        maximum: The largest allowed, or None for no limit.
        unit: What the number counts, for the message (``"weeks"``).

    Examples:
        >>> check("weeks_per_year", 53, whole(1, 52, unit="weeks"))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: weeks_per_year must be a whole number of weeks from 1
        to 52, got 53.
    """
    of = f" of {unit}" if unit else ""
    wanted = (
        f"a whole number{of} of at least {minimum}"
        if maximum is None
        else f"a whole number{of} from {minimum} to {maximum}"
    )

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if (
            not is_whole(value)
            or value < minimum  # type: ignore[operator]
            or (maximum is not None and value > maximum)  # type: ignore[operator]
        ):
            msg = f"{attribute.name} must be {wanted}, got {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return validate


def at_least(minimum: int) -> Validator:
    """A validator refusing anything but a whole number of at least *minimum*.

    Examples:
        >>> check("k", "5", at_least(1))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: k must be a whole number of at least 1, got '5'.
    """
    return whole(minimum)


def member(enum_type: type[enum.Enum]) -> Validator:
    """A validator refusing anything but a member of *enum_type* (its word is not enough).

    Examples:
        >>> class Cadence(enum.Enum):
        ...     WEEKLY = "weekly"
        >>> check("cadence", "weekly", member(Cadence))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: cadence must be one of Cadence.WEEKLY; got 'weekly'.
    """
    choices = ", ".join(f"{enum_type.__name__}.{m.name}" for m in enum_type)

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, enum_type):
            msg = f"{attribute.name} must be one of {choices}; got {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return validate


def instance_of(expected: type | tuple[type, ...], described: str) -> Validator:
    """A validator refusing anything but an instance of *expected*, described in words.

    Examples:
        >>> check("panel", "rap", instance_of(Money, "Money"))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: panel must be Money, got str 'rap'.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, expected):
            msg = (
                f"{attribute.name} must be {described}, "
                f"got {type(value).__name__} {value!r}."
            )
            raise InvalidInput(msg, field=attribute.name)

    return validate


def money_at_least(minimum_pence: int) -> Validator:
    """A validator refusing anything but `Money` of at least *minimum_pence*.

    Examples:
        >>> check("fee", Money(-1), money_at_least(0))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: fee must be at least £0.00, got -£0.01.
        >>> check("fee", 10_000, money_at_least(0))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: fee must be Money, got int 10000; use
        Money.parse('£10,363') or Money.pounds(10363).
    """
    minimum = Money(minimum_pence)

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, Money):
            msg = (
                f"{attribute.name} must be Money, got {type(value).__name__} "
                f"{value!r}; use Money.parse('£10,363') or Money.pounds(10363)."
            )
            raise InvalidInput(msg, field=attribute.name)
        if value < minimum:
            msg = f"{attribute.name} must be at least {minimum}, got {value}."
            raise InvalidInput(msg, field=attribute.name)

    return validate


def optional(validator: Validator) -> Validator:
    """A validator accepting None, or whatever *validator* accepts.

    Examples:
        >>> check("amount", None, optional(money_at_least(0))) is None
        True
    """

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return validate


def each(expected: type | tuple[type, ...], described: str) -> Validator:
    """A validator refusing a collection holding an item that is not an *expected*.

    Examples:
        >>> check("members", ("Chair", 3), each(str, "text"))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: members[1] must be text, got int 3.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], items: Iterable[Any]
    ) -> None:
        for i, item in enumerate(items):
            if not isinstance(item, expected):
                msg = (
                    f"{attribute.name}[{i}] must be {described}, "
                    f"got {type(item).__name__} {item!r}."
                )
                raise InvalidInput(msg, field=attribute.name)

    return validate


def unique_ids(what: str) -> Validator:
    """A validator refusing a collection of items two of which share an ``id``.

    Examples:
        >>> @attrs.frozen
        ... class Panel:
        ...     id: str
        >>> check("panels", (Panel("rap"), Panel("rap")), unique_ids("panel"))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: two panels have the id 'rap'; each panel needs its own
        id. Rename one of them.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], items: Iterable[Any]
    ) -> None:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                msg = (
                    f"two {what}s have the id {item.id!r}; "
                    f"each {what} needs its own id. Rename one of them."
                )
                raise InvalidInput(msg, field=attribute.name)
            seen.add(item.id)

    return validate


def collection(items: object, *, field: str | None = None) -> Iterable[Any]:
    """Return *items* if it is a collection of items; refuse text, tables and single values.

    For attrs converters, which are not told their field's name: pass it as *field*.

    Examples:
        >>> list(collection((1, 2)))
        [1, 2]
        >>> collection(5, field="decides")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: decides must be a list or other collection of items,
        got int 5.
    """
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        name = field or "the value"
        msg = (
            f"{name} must be a list or other collection of items, "
            f"got {type(items).__name__} {items!r}."
        )
        raise InvalidInput(msg, field=field)
    return items


def mapping(items: object, *, field: str, of: str) -> Mapping[Any, Any]:
    """Return *items* if it is a mapping (a dict); refuse anything else, naming *field*.

    Examples:
        >>> mapping([1], field="bands", of="band names to Money")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: bands must map band names to Money, got list [1].
    """
    if not isinstance(items, Mapping):
        msg = f"{field} must map {of}, got {type(items).__name__} {items!r}."
        raise InvalidInput(msg, field=field)
    return items


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Convert a list (from a file) or any other collection to a tuple; text is refused.

    Examples:
        >>> to_tuple([1, 2])
        (1, 2)
        >>> to_tuple("ab")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the value must be a list or other collection of items,
        got str 'ab'.
    """
    return tuple(collection(items))


def to_frozenset(items: Iterable[Any]) -> frozenset[Any]:
    """Convert a list or any other collection to a frozenset; text is refused.

    Examples:
        >>> sorted(to_frozenset([2, 1, 2]))
        [1, 2]
    """
    return frozenset(collection(items))


def frozen_mapping(items: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """Convert a mapping to a read-only copy, so a frozen value's table cannot change.

    Examples:
        >>> shares = frozen_mapping({"ep": 0.5})
        >>> shares["ep"] = 1.0
        Traceback (most recent call last):
        ...
        TypeError: 'mappingproxy' object does not support item assignment
    """
    return MappingProxyType(dict(items))
