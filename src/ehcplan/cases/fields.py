"""The fields case events are made of, each checked by the shared validators.

Every event field is declared with one of these, so a wrong value is refused
with `InvalidInput` naming the field, in the same words for every event, and so
the case's JSON Schema (`ehcplan.cases.schema`) can be generated from the
field's type alone.

Examples:
    >>> import attrs
    >>> @attrs.frozen(kw_only=True)
    ... class Letter:
    ...     sent_by: str = text()
    >>> Letter(sent_by=" ")
    Traceback (most recent call last):
    ...
    ehcplan.errors.InvalidInput: sent_by must be non-blank text, got ' '.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan import validators
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput

__all__ = [
    "date",
    "enum_set",
    "flag",
    "member",
    "money",
    "optional_date",
    "optional_money",
    "optional_text",
    "text",
    "texts",
    "to_day",
]


def _date_named(name: str) -> Any:
    def convert(value: object) -> dt.date:
        return to_date(value, field=name)

    return convert


def date(name: str = "on") -> Any:
    """A required date (a `datetime.date`, never text or a datetime)."""
    return attrs.field(converter=_date_named(name))


def optional_date(name: str) -> Any:
    """A date that may be None (left out)."""

    def convert(value: object) -> dt.date | None:
        return None if value is None else to_date(value, field=name)

    return attrs.field(default=None, converter=convert)


def text() -> Any:
    """Required non-blank text."""
    return attrs.field(validator=validators.text)


def optional_text() -> Any:
    """Non-blank text, or None."""
    return attrs.field(default=None, validator=validators.optional(validators.text))


def flag() -> Any:
    """True or False (never 1, 0 or "yes")."""
    return attrs.field(validator=validators.flag)


def member(enum_type: type[enum.Enum], **kwargs: Any) -> Any:
    """A member of *enum_type*."""
    return attrs.field(validator=validators.member(enum_type), **kwargs)


def money(minimum: int = 0) -> Any:
    """`Money` of at least *minimum* pence."""
    return attrs.field(validator=validators.money_at_least(minimum))


def optional_money(minimum: int = 0) -> Any:
    """`Money` of at least *minimum* pence, or None."""
    return attrs.field(
        default=None,
        validator=validators.optional(validators.money_at_least(minimum)),
    )


def texts(name: str, *, required: bool = False) -> Any:
    """A tuple of non-blank texts (a list is accepted and kept in order).

    With *required*, at least one text must be given.
    """

    def convert(value: Iterable[str]) -> tuple[str, ...]:
        items = tuple(validators.collection(value, field=name))
        for item in items:
            if not isinstance(item, str) or not item.strip():
                msg = f"each entry of {name} must be non-blank text, got {item!r}."
                raise InvalidInput(msg, field=name)
        if required and not items:
            msg = f"{name} must give at least one entry."
            raise InvalidInput(msg, field=name)
        return items

    if required:
        return attrs.field(converter=convert)
    return attrs.field(default=(), converter=convert)


def enum_set(enum_type: type[enum.Enum], name: str) -> Any:
    """A frozenset of members of *enum_type* (empty by default)."""

    def convert(value: Iterable[enum.Enum]) -> frozenset[enum.Enum]:
        items = frozenset(validators.collection(value, field=name))
        for item in items:
            if not isinstance(item, enum_type):
                words = ", ".join(repr(m.value) for m in enum_type)
                msg = (
                    f"{name} must hold {enum_type.__name__} members ({words}), "
                    f"got {item!r}."
                )
                raise InvalidInput(msg, field=name)
        return items

    return attrs.field(default=frozenset(), converter=convert)


def to_day(value: object, name: str) -> dt.date:
    """*value* as a date, refusing None and anything else that is not a date."""
    return to_date(value, field=name)
