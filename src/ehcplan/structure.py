"""Reading TOML tables and JSON objects into ehcplan's frozen values: one strict converter.

Every file ehcplan reads (policy files, school calendars, scenarios, case JSON)
is parsed by the standard library into plain data, then structured into attrs
classes by a cattrs converter from `converter`. It converts nothing silently:

* text must be text, and not blank; ``"12"`` is not 12, ``"false"`` is not False
  and ``1`` is not True;
* dates are TOML dates (``dates="toml"``: ``2024-09-01``, unquoted) or ISO text
  (``dates="iso"``: ``"2024-09-01"``, as JSON writes them), never a date and time;
* money is text in pounds (``"£10,363"``, read by `ehcplan.money.Money.parse`),
  never a number, so pounds and pence cannot be confused;
* a choice is one of its enum's documented words (its values), ignoring case
  and surrounding spaces (``"Weekly"`` is `Cadence.WEEKLY`);
* an array must be an array (``"funding"`` is not a list of letters);
* a table may hold only its class's attributes: an unknown key is refused with
  a "did you mean" suggestion, and a missing required key is named. A key for
  an attribute that has a default, or may be None, may be left out.

`structure` turns every problem, however deep, into one error whose message
starts with the file and the dotted key path, then says what was wrong, what
was expected and what to do: a `FileFormatError` for a file, an
`InvalidInput` for data that came from elsewhere. A validator that refuses a
value (an `InvalidInput` raised by an attrs class deep inside) keeps its own
message, placed at the key of the field it names, and an error from another
file a hook reads (the policy file a scenario names) keeps its own file and
key path, after the key that named the file:

    >>> import attrs
    >>> @attrs.frozen
    ... class Meeting:
    ...     on: dt.date
    ...     places: int = attrs.field(validator=attrs.validators.gt(0))
    ...     chair: str | None = None
    >>> @attrs.frozen
    ... class Calendar:
    ...     meetings: tuple[Meeting, ...]
    >>> toml = converter(dates="toml")
    >>> structure(toml, {"meetings": [{"on": dt.date(2025, 1, 9), "places": 8}]}, Calendar)
    Calendar(meetings=(Meeting(on=datetime.date(2025, 1, 9), places=8, chair=None),))
    >>> structure(toml, {"meetings": [{"on": "2025-01-09", "places": 8}]}, Calendar,
    ...           path="panel.toml")
    Traceback (most recent call last):
    ...
    ehcplan.errors.FileFormatError: panel.toml: meetings[0].on: expected a TOML date, found
    the text '2025-01-09'; write the date without quotes, as YYYY-MM-DD, e.g. 2025-01-09.
    >>> structure(toml, {"meetings": [{"on": dt.date(2025, 1, 9), "place": 8}]}, Calendar,
    ...           path="panel.toml")
    Traceback (most recent call last):
    ...
    ehcplan.errors.FileFormatError: panel.toml: meetings[0].place: unknown key 'place'
    (did you mean 'places'?); the keys allowed here are 'on', 'places', 'chair'. ...

A reader with a format of its own (a key that is not an attribute name, a value
written differently in the file) registers hooks for it on its converter, and
raises `Problem` from them, placed with `at`; `check_table` and
`structure_table` do the key checks for tables the reader builds itself.

How each reader calls it: a policy or scenario file is
``structure(converter(dates="toml"), tomllib.loads(text), LocalPolicy, path=path)``
(see `ehcplan.policy.load`); case JSON is ``structure(converter(dates="iso", ignore_case=False),
json.loads(text), Case, key="case")``, which raises `InvalidInput` with the key
path at the start of its message.

This module sits at the bottom of the house with `ehcplan.errors`,
`ehcplan.money` and `ehcplan.dates`, and imports nothing else of ehcplan. It
runs past 600 lines because it is one concept, reading data strictly, whose
messages are API: each hook's wording is written out, and shown in its
docstring, rather than shared through clever formatting.
"""

import datetime as dt
import decimal
import difflib
import enum
import functools
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeAlias, TypeVar

import attrs

from ehcplan.dates import parse_date
from ehcplan.errors import EhcplanError, FileFormatError, InvalidInput
from ehcplan.money import Money

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "DateStyle",
    "Problem",
    "at",
    "check_table",
    "converter",
    "describe",
    "quoted",
    "structure",
    "structure_table",
    "suggest",
]

T = TypeVar("T")

DateStyle: TypeAlias = Literal["toml", "iso"]
"""How dates are written: ``"toml"`` for TOML dates, ``"iso"`` for ISO text in JSON."""

Step: TypeAlias = str | int
"""One step of a key path: a table's key, or an array's index."""

Hook: TypeAlias = Callable[[Any, Any], Any]
"""A cattrs structure hook: called with the value and the type wanted."""


class Problem(InvalidInput):
    """What is wrong with one value of a file, said so that a person can fix it.

    Raise it from a structure hook; `structure` puts the file and key path in
    front of the message. Wrap it with `at` to place it deeper than the value
    the hook was given.

    Examples:
        >>> str(Problem("expected a whole number, found the text '12'."))
        "expected a whole number, found the text '12'."
    """


class _Located(Exception):  # noqa: N818 - an internal carrier, never raised to a caller
    """An error raised at *steps* below the value a hook was given."""

    def __init__(self, steps: tuple[Step, ...], error: BaseException) -> None:
        self.steps = steps
        self.error = error
        super().__init__(steps, error)


def at(error: BaseException, *steps: Step) -> Exception:
    """Place *error* at the key path *steps* below the value being structured.

    Examples:
        A hook reading a table of amounts by band name reports a bad amount at
        its band:

        >>> def bands(value, _kind):
        ...     amounts = {}
        ...     for name, amount in check_table(value, required=[], optional=value).items():
        ...         try:
        ...             amounts[name] = Money.parse(amount)
        ...         except InvalidInput as error:
        ...             raise at(Problem(str(error)), name) from None
        ...     return amounts
        >>> toml = converter(dates="toml")
        >>> toml.register_structure_hook(dict, bands)
        >>> structure(toml, {"Band 1": "£1,600", "Band 2": "lots"}, dict, path="la.toml")
        Traceback (most recent call last):
        ...
        ehcplan.errors.FileFormatError: la.toml: Band 2: amount: 'lots' is not an amount of
        money; ...
    """
    if isinstance(error, _Located):
        return _Located((*steps, *error.steps), error.error)
    return _Located(steps, error)


# --- Words for messages. ----------------------------------------------------------------


def describe(value: object) -> str:
    """Describe a value read from a file by its type and content, for messages.

    Examples:
        >>> describe(999), describe("999"), describe([1, 2]), describe({})
        ('the integer 999', "the text '999'", 'an array of 2 items', 'a table')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the float {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def quoted(names: Iterable[str]) -> str:
    """Return *names* quoted and separated by commas.

    Examples:
        >>> quoted(["low", "high"])
        "'low', 'high'"
    """
    return ", ".join(repr(name) for name in names)


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` when *word* looks like a misspelling of a choice.

    Examples:
        >>> suggest("cadance", ["cadence", "weekday"])
        " (did you mean 'cadence'?)"
        >>> suggest("budget_holder", ["reference"])
        ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _words(enum_type: type[enum.Enum]) -> str:
    """An enum's name in words: ``BankHolidayRule`` is "bank holiday rule"."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", enum_type.__name__).lower()


# --- Tables. ----------------------------------------------------------------------------


def check_table(
    value: object, *, required: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, Any]:
    """Return *value* if it is a table with the *required* keys and no unknown ones.

    Unknown keys are reported first (they are usually typos of required ones),
    each at its own key, with a suggestion; then the first missing key.

    Examples:
        >>> check_table({"lo": 1}, required=["low"])
        Traceback (most recent call last):
        ...
        ehcplan.structure._Located: (('lo',), Problem("unknown key 'lo' (did you mean ...

    Raises:
        Problem: If *value* is not a table, or a required key is missing.
        Exception: An unknown key's `Problem`, placed at that key.
    """
    required = tuple(required)
    allowed = (*required, *optional)
    if not isinstance(value, dict):
        msg = f"expected a table, found {describe(value)}."
        raise Problem(msg)
    for name in value:
        if name not in allowed:
            problem = Problem(
                f"unknown key {name!r}{suggest(str(name), allowed)}; "
                f"the keys allowed here are {quoted(allowed)}. "
                "Check the spelling, or remove the key."
            )
            raise at(problem, name)
    for name in required:
        if name not in value:
            msg = (
                f"missing required key {name!r}; this table needs {quoted(required)}. "
                f"Add {name!r}."
            )
            raise Problem(msg)
    return value


@attrs.frozen
class _Table:
    """How one attrs class is read from a table: its keys, and cattrs' reader of them."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    maybe_none: tuple[str, ...]
    """Keys of attributes with no default that may be None: None when left out."""
    read: Callable[[Mapping[str, Any], Any], Any]


def _optional_type(kind: object) -> bool:
    """Whether *kind* admits None (``int | None``, ``Optional[int]``)."""
    return type(None) in typing.get_args(kind)


@attrs.frozen
class _State:
    """What a converter from `converter` knows besides its hooks."""

    field_hooks: Mapping[type, Mapping[str, Hook]]
    tables: dict[type, _Table] = attrs.Factory(dict)


@functools.cache
def _converter_class() -> type["cattrs.Converter"]:
    """A cattrs Converter that can carry a `_State` (cattrs' own has slots)."""
    import cattrs

    class StrictConverter(cattrs.Converter):
        """A cattrs converter made by `ehcplan.structure.converter`."""

    return StrictConverter


def _state(conv: "cattrs.Converter") -> _State:
    """The `_State` of a converter made by `converter`."""
    state = getattr(conv, "__dict__", {}).get("_ehcplan")
    if not isinstance(state, _State):
        msg = (
            "this converter was not made by ehcplan.structure.converter(); "
            "make one with it, so that tables are read strictly."
        )
        raise InvalidInput(msg, field="conv")
    return state


def _table_of(conv: "cattrs.Converter", cls: type) -> _Table:
    """The `_Table` of *cls*, made once per converter and class."""
    state = _state(conv)
    if cls not in state.tables:
        from cattrs.gen import make_dict_structure_fn, override

        hooks = state.field_hooks.get(cls, {})
        overrides: Any = {
            name: override(struct_hook=hook) for name, hook in hooks.items()
        }
        read: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=False, **overrides
        )
        hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        required = tuple(
            f.name
            for f in fields
            if f.default is attrs.NOTHING and not _optional_type(hints[f.name])
        )
        maybe_none = tuple(
            f.name
            for f in fields
            if f.default is attrs.NOTHING and _optional_type(hints[f.name])
        )
        optional = tuple(f.name for f in fields if f.name not in required)
        state.tables[cls] = _Table(required, optional, maybe_none, read)
    return state.tables[cls]


def structure_table(
    conv: "cattrs.Converter", value: object, cls: type[T], *, also: Iterable[str] = ()
) -> T:
    """Read a table into the attrs class *cls*, checking its keys first.

    Args:
        conv: A converter from `converter`.
        value: The table.
        cls: The attrs class.
        also: Keys the caller reads itself (such as a dated entry's ``from``):
            required in the table, listed first in messages, and not passed on.

    Examples:
        >>> @attrs.frozen
        ... class Split:
        ...     education: int
        ...     health: int = 0
        >>> toml = converter(dates="toml")
        >>> structure_table(toml, {"from": None, "education": 25}, Split, also=["from"])
        Split(education=25, health=0)
    """
    also = tuple(also)
    table = _table_of(conv, cls)
    data = check_table(
        value, required=(*also, *table.required), optional=table.optional
    )
    given = {name: item for name, item in data.items() if name not in also}
    for name in table.maybe_none:
        given.setdefault(name, None)
    result: T = table.read(given, cls)
    return result


# --- The converter. ---------------------------------------------------------------------


def _text_hook(*, blank: bool) -> Hook:
    def hook(value: object, _kind: object) -> str:
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, int | float) and not isinstance(value, bool):
                hint = f'; write it in quotes, e.g. "{value}"'
            msg = f"expected text, found {describe(value)}{hint}."
            raise Problem(msg)
        if not blank and not value.strip():
            msg = "expected text, found an empty string; write what it should say."
            raise Problem(msg)
        return value

    return hook


def _whole(value: object, _kind: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"expected a whole number, found {describe(value)}."
        raise Problem(msg)
    return value


def _number(value: object, _kind: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        msg = f"expected a number, found {describe(value)}."
        raise Problem(msg)
    return float(value)


def _flag(value: object, _kind: object) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false (unquoted), found {describe(value)}."
        raise Problem(msg)
    return value


def _toml_date(value: object, _kind: object) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = (
            f"expected a date, found {describe(value)}; a time of day has no meaning "
            f"here. Write the date only, e.g. {value.date().isoformat()}."
        )
        raise Problem(msg)
    if isinstance(value, str):
        try:
            meant = parse_date(value).isoformat()
        except InvalidInput:
            meant = "2024-09-01"
        msg = (
            f"expected a TOML date, found {describe(value)}; write the date "
            f"without quotes, as YYYY-MM-DD, e.g. {meant}."
        )
        raise Problem(msg)
    if not isinstance(value, dt.date):
        msg = f"expected a TOML date such as 2024-09-01, found {describe(value)}."
        raise Problem(msg)
    return value


def _iso_date(value: object, _kind: object) -> dt.date:
    if not isinstance(value, str):
        msg = f"expected a date as text such as '2024-09-02', found {describe(value)}."
        raise Problem(msg)
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _no_date(value)
    except ValueError:
        return _no_date(value)


def _no_date(value: str) -> NoReturn:
    msg = (
        f"expected a date as text YYYY-MM-DD such as '2024-09-02', "
        f"found {describe(value)}."
    )
    raise Problem(msg)


def _money(value: object, _kind: object) -> Money:
    if isinstance(value, float):
        msg = (
            f"found the float {value}, but money is never a float: floats cannot "
            "hold pence exactly. Write it as text in pounds, "
            'e.g. "£10,363" or "£10,363.50".'
        )
        raise Problem(msg)
    if isinstance(value, int) and not isinstance(value, bool):
        shown = f"{value:,}" if abs(value) < 10**30 else str(value)[:30] + "..."
        msg = (
            f"found the integer {value if abs(value) < 10**30 else shown}, but money "
            "is written as text in pounds so that pounds and pence cannot be confused; "
            f'write "£{shown}" if you meant pounds.'
        )
        raise Problem(msg)
    if not isinstance(value, str):
        msg = f'expected money as text in pounds, e.g. "£10,363", found {describe(value)}.'
        raise Problem(msg)
    try:
        return Money.parse(value, field="money")
    except InvalidInput as error:
        raise Problem(str(error).removeprefix("money: ")) from None


def _decimal(value: object, _kind: object) -> decimal.Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return decimal.Decimal(value)
    if isinstance(value, str):
        try:
            number = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            number = decimal.Decimal("NaN")
        if number.is_finite():
            return number
    msg = (
        f'expected an exact number, a whole number or text such as "2.5", '
        f"found {describe(value)}."
    )
    raise Problem(msg)


def _enum_hook(
    words_for: Mapping[type[enum.Enum], str], *, ignore_case: bool
) -> Callable[[type], Hook]:
    def factory(enum_type: type) -> Hook:
        assert issubclass(enum_type, enum.Enum)  # noqa: S101 - the predicate says so
        what = words_for.get(enum_type) or _words(enum_type)
        words = tuple(str(member.value) for member in enum_type)

        def hook(value: object, _kind: object) -> enum.Enum:
            if not isinstance(value, str):
                msg = (
                    f"expected the {what} as text, one of {quoted(words)}; "
                    f"found {describe(value)}."
                )
                raise Problem(msg)
            word = value.strip().casefold() if ignore_case else value
            for member in enum_type:
                given = str(member.value)
                if (given.casefold() if ignore_case else given) == word:
                    return member
            msg = (
                f"unknown {what} {value!r}{suggest(word, words)}; "
                f"expected one of {quoted(words)}."
            )
            raise Problem(msg)

        return hook

    return factory


def _array_hook(conv: "cattrs.Converter") -> Callable[[type], Hook]:
    def factory(kind: type) -> Hook:
        origin = typing.get_origin(kind)
        args = typing.get_args(kind)
        item = args[0] if args else Any

        def hook(value: object, _kind: object) -> Any:
            if not isinstance(value, list | tuple):
                msg = f"expected an array [ ... ], found {describe(value)}."
                raise Problem(msg)
            items = []
            for i, element in enumerate(value):
                try:
                    items.append(
                        element if item is Any else conv.structure(element, item)
                    )
                except Exception as error:
                    raise at(error, i) from None
            if origin in (frozenset, set):
                return frozenset(items) if origin is frozenset else set(items)
            return tuple(items) if origin is tuple else items

        return hook

    return factory


def _is_array(kind: object) -> bool:
    origin = typing.get_origin(kind)
    if origin is tuple:
        args = typing.get_args(kind)
        return len(args) == 2 and args[1] is Ellipsis
    return origin in (list, frozenset, set)


def converter(
    *,
    dates: DateStyle,
    enum_words: Mapping[type[enum.Enum], str] | None = None,
    field_hooks: Mapping[type, Mapping[str, Hook]] | None = None,
    ignore_case: bool = True,
    blank_text: bool = False,
) -> "cattrs.Converter":
    """A strict cattrs converter for ehcplan's files, as described at the top of this module.

    Args:
        dates: ``"toml"`` for TOML dates, ``"iso"`` for ISO text (JSON).
        enum_words: What to call an enum in messages, where its class name in
            words will not do (``{PanelRemit: "remit"}``).
        field_hooks: For a class, hooks reading particular fields, by field name,
            where the file writes them its own way (a weekday by name).
        ignore_case: Whether an enum's word may be written in any case, with
            spaces around it (as people write files); False for data that a
            program wrote, such as case JSON, which must match exactly.
        blank_text: Whether text may be empty or only spaces.

    Examples:
        >>> iso = converter(dates="iso")
        >>> structure(iso, "2024-09-02", dt.date)
        datetime.date(2024, 9, 2)
        >>> structure(iso, True, int, key="case.events[0].panel")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: case.events[0].panel: expected a whole number, found
        the boolean true.
    """
    conv = _converter_class()(forbid_extra_keys=True)
    conv.__dict__["_ehcplan"] = _State(dict(field_hooks or {}))
    conv.register_structure_hook(str, _text_hook(blank=blank_text))
    conv.register_structure_hook(int, _whole)
    conv.register_structure_hook(float, _number)
    conv.register_structure_hook(bool, _flag)
    conv.register_structure_hook(decimal.Decimal, _decimal)
    conv.register_structure_hook(Money, _money)
    conv.register_structure_hook(dt.date, _toml_date if dates == "toml" else _iso_date)
    conv.register_structure_hook_factory(
        lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum),
        _enum_hook(dict(enum_words or {}), ignore_case=ignore_case),
    )
    conv.register_structure_hook_factory(_is_array, _array_hook(conv))
    conv.register_structure_hook_factory(
        lambda kind: isinstance(kind, type) and attrs.has(kind) and kind is not Money,
        lambda cls: lambda value, _kind: structure_table(conv, value, cls),
    )
    return conv


# --- Errors at key paths. ---------------------------------------------------------------


class _Entry(str):
    """A step that is a key of a table of entries (a mapping), written ``['key']``."""

    __slots__ = ()


def _key(steps: Iterable[Step]) -> str:
    """Join steps into a dotted key path: ``panels[0].terms``, ``shares['school closure']``."""
    key = ""
    for step in steps:
        if isinstance(step, int):
            key += f"[{step}]"
        elif isinstance(step, _Entry):
            key += f"[{str(step)!r}]"
        else:
            key += f".{step}" if key else str(step)
    return key


def _child(data: object, step: Step) -> object:
    """The value at *step* of *data*, or None where there is none."""
    if isinstance(step, int):
        return (
            data[step] if isinstance(data, list | tuple) and step < len(data) else None
        )
    return data.get(step) if isinstance(data, dict) else None


def _field_steps(field: str, data: object) -> list[Step]:
    """The key path of the field an error names, below *data* (``a.b.c`` too).

    A field of the table itself is its key, present or missing; a dotted path is
    followed only as far as the tables hold it all.
    """
    if not isinstance(data, dict):
        return []
    if "." not in field:
        return [field]
    steps: list[Step] = []
    for name in field.split("."):
        if not isinstance(data, dict) or name not in data:
            return []
        steps.append(name)
        data = data[name]
    return steps


def _locate(error: BaseException, data: object) -> tuple[list[Step], str]:
    """The key path below *data* where *error* happened, and what was wrong there."""
    import cattrs
    from cattrs.errors import AttributeValidationNote, IterableValidationNote

    steps: list[Step] = []
    while True:
        if isinstance(error, _Located):
            for step in error.steps:
                steps.append(step)
                data = _child(data, step)
            error = error.error
            continue
        if isinstance(error, cattrs.BaseValidationError) and error.exceptions:
            inner = error.exceptions[0]
            notes = getattr(inner, "__notes__", ())
            for note in notes:
                if isinstance(note, AttributeValidationNote):
                    steps.append(note.name)
                    data = _child(data, note.name)
                elif isinstance(note, IterableValidationNote) and isinstance(
                    note.index, int
                ):
                    steps.append(note.index)
                    data = _child(data, note.index)
                elif isinstance(note, IterableValidationNote) and isinstance(
                    note.index, str
                ):  # a mapping's key, or the value at it
                    steps.append(_Entry(note.index))
                    data = _child(data, note.index)
            error = inner
            continue
        break
    if isinstance(error, InvalidInput):
        if not isinstance(error, Problem) and error.field:
            steps += _field_steps(error.field, data)
        return steps, str(error)
    if isinstance(error, EhcplanError):
        # Another file's error (a policy file a scenario names), or a lookup that
        # failed: its message already says where and what, so it is kept whole.
        return steps, str(error)
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        names = quoted(sorted(error.extra_fields))
        return steps, f"unknown keys {names}; check the spelling, or remove them."
    if isinstance(error, KeyError):
        return steps, f"missing required key {error.args[0]!r}; add it."
    return steps, (
        f"cannot be read ({type(error).__name__}: {error}); check this value "
        "against the format described in the documentation."
    )


def structure(
    conv: "cattrs.Converter",
    data: object,
    kind: type[T] | Any,
    *,
    path: str | None = None,
    key: str = "",
) -> T:
    """Structure *data* as *kind*, or raise one error saying where and what was wrong.

    Args:
        conv: A converter from `converter`, with any hooks of the reader.
        data: Plain data, as `tomllib` or `json` returns it.
        kind: The type to make.
        path: The file the data came from; None when it came from elsewhere.
        key: The key path of *data* itself, when it is part of something larger
            (``"case.events[3]"``).

    Raises:
        FileFormatError: If *path* is given: its message is the path, the key
            path (when there is one) and the problem.
        InvalidInput: If *path* is None: its message starts with the key path
            (when there is one), and its ``field`` is that key path.
    """
    try:
        result: T = conv.structure(data, kind)
    except Exception as error:  # every failure becomes one located error
        steps, problem = _locate(error, data)
        where = _key([key, *steps] if key else steps) or None
        if path is not None:
            raise FileFormatError(path, problem, key=where) from None
        message = f"{where}: {problem}" if where else problem
        raise InvalidInput(message, field=where) from None
    return result
