"""Errors raised by ehcplan.

    EhcplanError
    ├── InvalidInput        (also a ValueError)   a value the law or the model does not allow
    │   └── EventRejected                         an event that cannot be recorded on a case
    ├── NotInForce          (also a LookupError)  a dated value asked for before it applied
    ├── NotFound            (also a LookupError)  no policy, scheme or item of that name
    ├── FileFormatError     (also a ValueError)   a file that cannot be read as expected
    └── MissingExtra        (also an ImportError) an optional package is not installed

Catch `EhcplanError` to handle anything ehcplan raises on purpose:

    >>> import ehcplan
    >>> try:
    ...     ehcplan.Money.parse("ten pounds")
    ... except ehcplan.EhcplanError as error:
    ...     print(type(error).__name__)
    InvalidInput

Every message says what was wrong, what was expected, and what to do next.
Structured facts (the field, the file, the row) are kept as attributes, so a
caller can act on them without parsing the message.

The law's "exceptions" to a time limit are a different thing: they are
`ehcplan.timeline.ExceptionGround` values, never Python errors.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "EhcplanError",
    "EventRejected",
    "FileFormatError",
    "InvalidInput",
    "MissingExtra",
    "NotFound",
    "NotInForce",
]


def _rebuild(
    kind: type[EhcplanError], args: tuple[object, ...], state: dict[str, object]
) -> EhcplanError:
    """Recreate an error from its message and attributes (see `EhcplanError.__reduce__`)."""
    error = kind.__new__(kind, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class EhcplanError(Exception):
    """Base class for every error ehcplan raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        """Copy and send errors between processes with their message and attributes.

        The subclasses' constructors take structured facts rather than a
        message, so the default, which calls the constructor with the message,
        would fail when an error raised in a worker process reaches the caller.

        Examples:
            >>> import copy
            >>> error = NotFound("panel", "rpa", ("rap",))
            >>> copy.deepcopy(error).known, str(copy.deepcopy(error)) == str(error)
            (('rap',), True)
        """
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class InvalidInput(EhcplanError, ValueError):
    """A value is outside what the law or the model allows.

    Attributes:
        field: The name of the argument or field that was wrong, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class EventRejected(InvalidInput):
    """An event cannot be recorded on a case: out of order, too early, or in the wrong stage.

    Attributes:
        reference: The case's reference.
        event: The name of the event that was rejected (e.g. ``"final_plan_issued"``).
        reason: Why it was rejected, in plain words.

    Examples:
        >>> error = EventRejected("EHC-0001", "final_plan_issued", "no draft was served")
        >>> error.reason
        'no draft was served'
    """

    def __init__(self, reference: str, event: str, reason: str) -> None:
        self.reference = reference
        self.event = event
        self.reason = reason
        super().__init__(
            f"case {reference}: cannot record {event}: {reason}.", field="events"
        )


class NotInForce(EhcplanError, LookupError):
    """A rule or parameter is asked for on a date when it did not apply.

    Attributes:
        what: The name of the parameter.
        on: The date asked for.
        earliest: The first date from which the parameter has a value.
    """

    def __init__(self, what: str, on: dt.date, earliest: dt.date) -> None:
        self.what = what
        self.on = on
        self.earliest = earliest
        super().__init__(
            f"{what} is not in force on {on.isoformat()}; "
            f"its first value applies from {earliest.isoformat()}. "
            "Use a later date, or add an earlier value with its source."
        )

    def __str__(self) -> str:
        """The message, without the quotes LookupError would add."""
        return str(self.args[0])


class NotFound(EhcplanError, LookupError):
    """No policy, scheme or other named item is known by the name asked for.

    Attributes:
        what: What kind of thing was looked up (e.g. ``"example policy"``).
        name: The name asked for.
        known: The names that do exist.
    """

    def __init__(self, what: str, name: str, known: tuple[str, ...]) -> None:
        self.what = what
        self.name = name
        self.known = known
        choices = ", ".join(repr(k) for k in known) or "none"
        super().__init__(
            f"no {what} is called {name!r}; the known ones are {choices}. "
            "Check the spelling, or pass the path of your own file."
        )

    def __str__(self) -> str:
        """The message, without the quotes LookupError would add."""
        return str(self.args[0])


class FileFormatError(EhcplanError, ValueError):
    """A file could not be read into what it should describe.

    The message starts with where the problem is (the path, then the key path
    for TOML and JSON, or the row and field for CSV), then says what was wrong
    and what to do.

    Attributes:
        path: The file's path as given.
        key: The dotted key path inside a TOML or JSON file, if any.
        row: The row of a CSV file as a spreadsheet numbers it (the header is row 1,
            the first data row is row 2), if any.
        field: The CSV column, if any.
        problem: What was wrong and what to do, without the location.

    Examples:
        >>> str(FileFormatError("la.toml", "unknown band 'D'", key="bands[1]"))
        "la.toml: bands[1]: unknown band 'D'"
        >>> str(FileFormatError("cases.csv", "missing column", field="ReceivedDate"))
        'cases.csv: column ReceivedDate: missing column'
    """

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        key: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.key = key
        self.row = row
        self.field = field
        self.problem = problem
        where = [str(path)]
        if key:
            where.append(key)
        if row is not None:
            where.append(f"row {row}")
        if field:
            where.append(f"column {field}")
        super().__init__(": ".join([*where, problem]))


class MissingExtra(EhcplanError, ImportError):
    """A feature needs an optional package that is not installed.

    Attributes:
        module: The package that is missing (e.g. ``"matplotlib"``).
        extra: The ehcplan extra that installs it (e.g. ``"planners"``).
        purpose: What needs it, in a few words.

    Examples:
        >>> error = MissingExtra("matplotlib", "planners", "plots")
        >>> str(error).split("; ")[1]
        'install it with: pip install "ehcplan[planners]"'

    """

    def __init__(self, module: str, extra: str, purpose: str) -> None:
        self.module = module
        self.extra = extra
        self.purpose = purpose
        super().__init__(
            f"{purpose} need {module}, which is not installed; install it with: "
            f'pip install "ehcplan[{extra}]"'
        )

    def __str__(self) -> str:
        """The message alone."""
        return str(self.args[0])
