"""What the adapters share, and no library of theirs: the values' JSON form, and
how an id or an API object becomes a value again.

Every adapter reads the package through its public names only: ``from_id`` for
ids, ``to_dict()`` for the JSON form, the parse functions for the way back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, cast, get_args, get_origin

import infobip_codes

if TYPE_CHECKING:
    from infobip_codes import (
        CodeEnum,
        CodeRecord,
        GroupEnum,
        GroupRecord,
        HttpErrorIdRecord,
        ParsedError,
        ParsedHttpError,
        ParsedReport,
        ParsedStatus,
    )

    Plain = (
        ParsedStatus[Any]
        | ParsedError[Any]
        | ParsedReport[Any, Any]
        | ParsedHttpError
        | CodeRecord
        | GroupRecord
        | HttpErrorIdRecord
    )

E = TypeVar("E", bound=Union["CodeEnum", "GroupEnum"])

_DIGITS = 40  # an id this long is shown by its size, not its digits


def shown(value: object) -> str:
    """A value in an error message: short, and never the digits of a huge integer."""
    if isinstance(value, int) and not isinstance(value, bool):
        if int.bit_length(value) > _DIGITS * 3:
            return f"an integer of about {int(int.bit_length(value) * 0.30103)} digits"
        return int.__repr__(value)
    return f"a value of type {type(value).__name__}"


def member(enum: type[E], value: object) -> E:
    """The member of ``enum`` with this id; ValueError for anything else."""
    found: E | None = cast(Any, enum).from_id(value)
    if found is None:
        raise ValueError(f"expected an id of {enum.__name__}, found {shown(value)}")
    return found


def member_or_int(enum: type[E], value: object) -> E | int:
    """The member of ``enum`` with this id, a plain ``int`` for an id it does not know.

    ``True`` and ``27.0`` are not ids (``from_id``'s rule): TypeError.
    """
    found: E | None = cast(Any, enum).from_id(value)
    if found is not None:
        return found
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__int__(value)
    raise TypeError(f"expected an integer id of {enum.__name__}, found {shown(value)}")


@cache
def _with_to_dict() -> tuple[type, ...]:
    # read from the package root the first time a value is asked about, so that
    # importing an adapter does not import the parser
    return (
        *_parsed(),
        infobip_codes.CodeRecord,
        infobip_codes.GroupRecord,
        infobip_codes.HttpErrorIdRecord,
    )


def _parsed() -> tuple[type, ...]:
    """The parsed types: each reads the API's JSON object, and writes it (``to_dict()``)."""
    return (
        infobip_codes.ParsedStatus,
        infobip_codes.ParsedError,
        infobip_codes.ParsedReport,
        infobip_codes.ParsedHttpError,
    )


def has_plain_form(annotation: object) -> bool:
    """Whether an annotation names a parsed type or a record (a subclass included)."""
    cls = origin_of(annotation)
    return isinstance(cls, type) and issubclass(cls, _with_to_dict())


def plain(value: object) -> dict[str, object] | None:
    """The JSON form of a parsed value or a record (its ``to_dict()``), else None.

    Enum members need none: they are ints, and every library writes them as their id.
    """
    if isinstance(value, _with_to_dict()):
        return cast("Plain", value).to_dict()  # the classes the isinstance names
    return None


def origin_of(annotation: object) -> object:
    """The class an annotation names: ``ParsedReport[S, E]`` and ``Annotated[X, ...]``
    are their classes."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return get_origin(annotation) or annotation


def reader(annotation: object) -> Callable[[object], object] | None:
    """How a parsed type is read from the API's JSON object, as ``to_dict()`` wrote
    it: for the channel the type names (``SmsReport``, or a parametrisation of a
    base), as a pydantic field of that type reads it. None for any other annotation."""
    found = origin_of(annotation)
    if not (isinstance(found, type) and issubclass(found, _parsed())):
        return None
    cls: Any = found  # a parsed type: its class methods read the channel and the value
    channel = cls._channel_of(annotation)

    def read(obj: object) -> object:
        return cls._coerce(obj, channel)

    return read


def code_enum(enum: type[E]) -> type[E]:
    """``enum`` when it is one of the package's code or group enums (their ids are
    ints); TypeError otherwise, at once, not at the first value stored."""
    if not is_enum(enum):
        found = enum.__name__ if isinstance(enum, type) else shown(enum)
        raise TypeError(
            f"expected a code or group enum of infobip_codes (SmsErrorCode, StatusGroup, ...), "
            f"found {found}"
        )
    return enum


def is_enum(annotation: object) -> bool:
    """Whether an annotation is one of the package's code or group enums."""
    return isinstance(annotation, type) and issubclass(
        annotation, (infobip_codes.CodeEnum, infobip_codes.GroupEnum)
    )
