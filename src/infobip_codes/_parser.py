"""Parse the API's status and error objects into typed, frozen values.

The rules, in the order they apply:

* **Shape is checked, content is not trusted.** Anything that is not the
  documented shape raises :class:`PayloadError` naming the field and showing
  a short preview of what was found. Nothing else is ever raised, whatever
  the value: odd keys, huge numbers, deep nesting, objects that raise.
* **What users hold is read as it is.** A mapping (the JSON), a pydantic
  model (Infobip's SDK objects included) or any object with ``to_dict()``;
  keys in the API's camelCase or in snake_case; strings of any ``str``
  subclass, enum members included, read as their plain text.
* **The payload is the authority.** ``permanent``, ``description`` and the
  group it sends are kept as sent; the catalogue fills only what is missing.
* **Resolve by id; without an id, by name; with only a group, the group alone.**
  Among rows sharing an id, the one whose name (or alias) matches wins, then
  the one whose group matches, then the first on the page: 4102 sent under
  OPERATOR_ERRORS is the OPERATOR_ERRORS row.
* **Unknown is not an error, and not a yes.** A code the catalogue does not
  know parses with ``known=False``; ``is_final`` and ``is_retryable`` answer
  True only when the payload or the catalogue says so.
* **Disagreements are reported, not raised** (``mismatches``), unless
  ``strict=True``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Annotated, Any, Generic, Protocol, TypeVar, Union, get_args

from infobip_codes import _catalog, _index
from infobip_codes._base import ErrorCodeEnum, ErrorGroupEnum, GroupEnum, StatusCodeEnum
from infobip_codes.tables import GENERAL

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord
    from infobip_codes.sms import StatusGroup
    from infobip_codes.tables import Channel

__all__ = [
    "ParsedError",
    "ParsedReport",
    "ParsedStatus",
    "Payload",
    "PayloadError",
    "iter_report",
    "parse_error",
    "parse_report",
    "parse_status",
]

S = TypeVar("S", bound=StatusCodeEnum, covariant=True)
E = TypeVar("E", bound=ErrorCodeEnum, covariant=True)

_ID_LIMIT = 1 << 63  # no code or group id is wider than a signed 64-bit integer
_PREVIEW = 60  # characters of a value shown in a message
_KEYS_SHOWN = 8  # keys of an object listed in a message
_KEY_TEXT = 40  # characters of one key shown
_KEYS_ROOM = 160  # characters of keys listed in a message
_NAME_TEXT = 40  # characters of a type's name shown


class Model(Protocol):
    """A pydantic v2 model, such as the objects of Infobip's Python SDK."""

    def model_dump(self, *, mode: str = ..., by_alias: bool = ...) -> dict[str, Any]: ...


class HasToDict(Protocol):
    """Any object that gives its fields as a dict."""

    def to_dict(self) -> dict[str, Any]: ...


Payload = Union[Mapping[str, Any], Model, HasToDict]  # noqa: UP007 (a runtime alias on 3.10)
"""What the parsers accept: the JSON object, a pydantic model, or an object with ``to_dict()``."""


class PayloadError(ValueError):
    """A payload is not shaped like the API's objects.

    ``field`` is the path of the offending field (``"results[2].status.id"``),
    or ``"$"`` for the object itself; ``value`` is what was found there;
    ``line`` is the line of a stream it came from, or None.
    """

    def __init__(self, field: str, problem: str, value: object = None, line: int | None = None):
        self.field = field
        self.problem = problem
        self.value = value
        self.line = line
        where = field if line is None else f"line {line}: {field}"
        super().__init__(f"{where}: {problem}")


def preview(value: object) -> str:
    """A short, safe description of any value: its type and a cut ``repr``.

    Containers are shown by type and size only, so a deep or huge structure is
    never walked; integers too long to print are shown by their size. Only the
    built-in types' own methods are called, so an odd subclass cannot make it
    raise, and the result is at most about a hundred characters.
    """
    try:
        return _preview(value)
    except Exception:  # a class whose very name cannot be read
        return "an unreadable value"


def _type_name(value: object) -> str:
    try:
        name = type(value).__name__
        if type(name) is not str or not name.isidentifier():
            name = ascii(name)
    except Exception:  # a metaclass whose __name__ raises
        return "an odd type"
    return name if len(name) <= _NAME_TEXT else name[: _NAME_TEXT - 3] + "..."


def _preview(value: object) -> str:
    if value is None:
        return "null"
    kind = _type_name(value)
    if isinstance(value, bool):
        return f"{kind} {value is True}"
    if isinstance(value, int):
        if int.bit_length(value) > 200:
            return f"{kind} of about {int(int.bit_length(value) * 0.30103)} digits"
        text = int.__repr__(value)
    elif isinstance(value, str):
        text = str.__repr__(str.__getitem__(value, slice(0, _PREVIEW + 1)))
    elif isinstance(value, float):
        text = float.__repr__(value)
    else:
        try:
            size = f" of {len(value)} items" if isinstance(value, Mapping | list | tuple) else ""
        except Exception:  # a Mapping whose __len__ raises
            size = ""
        return f"{kind}{size}"
    if len(text) > _PREVIEW:
        text = text[: _PREVIEW - 3] + "..."
    return f"{kind} {text}"


def _key_text(key: object) -> str:
    text = str.__repr__(str.__str__(key)) if isinstance(key, str) else preview(key)
    return text if len(text) <= _KEY_TEXT else text[: _KEY_TEXT - 3] + "..."


def _keys(data: Mapping[Any, Any]) -> str:
    """The first few keys of an object, for a message: never more than a few hundred characters."""
    shown = []
    room = _KEYS_ROOM
    try:
        for index, key in enumerate(data):
            text = _key_text(key)
            room -= len(text) + 2
            if index == _KEYS_SHOWN or room < 0:
                shown.append("...")
                break
            shown.append(text)
    except Exception:  # an odd Mapping whose __iter__ raises
        shown.append("(unreadable)")
    return ", ".join(shown) or "none"


# -- reading what users hold ------------------------------------------------------

_SNAKE = {"groupId": "group_id", "groupName": "group_name", "messageId": "message_id"}


def _as_mapping(obj: object, where: str, what: str) -> Mapping[Any, Any]:
    """The object as a mapping: the JSON itself, a model's dump, or ``to_dict()``."""
    if type(obj) is dict or isinstance(obj, Mapping):
        return obj
    if isinstance(obj, str | bytes | int | float | list | tuple) or obj is None:
        raise PayloadError(where, f"expected {what} (a JSON object), found {preview(obj)}", obj)
    dump = getattr(type(obj), "model_dump", None)
    method = "model_dump()"
    # a pydantic model: under the API's camelCase names, as JSON values (the SDK's
    # datetimes and enum members as text), so what is kept of it is JSON as sent
    options = {"mode": "json", "by_alias": True}
    if dump is None:
        dump = getattr(type(obj), "to_dict", None)
        method = "to_dict()"
        options = {}
    if not callable(dump):
        raise PayloadError(where, f"expected {what} (a JSON object), found {preview(obj)}", obj)
    try:
        data = dump(obj, **options)
    except Exception as exc:
        raise PayloadError(where, f"{method} of {preview(obj)} raised {_type_name(exc)}") from None
    if not isinstance(data, Mapping):
        raise PayloadError(where, f"{method} of {preview(obj)} gave {preview(data)}", obj)
    return data


def _get(data: Mapping[Any, Any], key: str) -> Any:
    """A field under the API's camelCase name or its snake_case twin."""
    value = data.get(key)
    if value is None and key in _SNAKE:
        value = data.get(_SNAKE[key])
    return value


def _text(data: Mapping[Any, Any], key: str, where: str) -> str | None:
    value = _get(data, key)
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)  # an enum's or subclass's plain text, not its str()
    raise PayloadError(f"{where}.{key}", f"expected a string, found {preview(value)}", value)


def _int(data: Mapping[Any, Any], key: str, where: str) -> int | None:
    value = _get(data, key)
    if value is None or (type(value) is int and -_ID_LIMIT <= value < _ID_LIMIT):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        plain = int.__int__(value)  # an int subclass's own methods are not trusted
        if -_ID_LIMIT <= plain < _ID_LIMIT:
            return plain
        raise PayloadError(
            f"{where}.{key}", f"expected a 64-bit integer id, found {preview(value)}", value
        )
    raise PayloadError(f"{where}.{key}", f"expected an integer, found {preview(value)}", value)


# -- parsed values --------------------------------------------------------------------


def _api_shape(value: ParsedStatus[Any] | ParsedError[Any]) -> dict[str, object]:
    """The fields status and error objects share, under the API's names."""
    return {
        "groupId": value.group_id,
        "groupName": value.group_name,
        "id": value.id,
        "name": value.name,
        "description": value.description,
    }


class _PydanticField:
    """What makes a parsed type a pydantic v2 field type (see ``_core_schema``).

    Validation runs the parser, serialisation is ``to_dict()``; nothing here
    imports pydantic, which calls these hooks itself.
    """

    def __class_getitem__(cls, params: Any) -> Any:
        return _with_pydantic_hook(cls, super().__class_getitem__(params))  # type: ignore[misc]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return _core_schema(cls, source)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return _json_schema(cls)


@dataclass(frozen=True)
class ParsedStatus(_PydanticField, Generic[S]):
    """A status object, resolved against the catalogue."""

    id: int | None
    name: str | None
    """The name as sent (or the catalogue's, where none was sent)."""
    group_id: int | None
    group_name: str | None
    description: str | None
    code: S | None
    """The catalogue's member, or None for a status it does not know."""
    group: StatusGroup | None
    """The status group, when the catalogue knows it."""
    channel: Channel | None = None
    """The channel whose tables resolved the status, or the one asked for."""
    record: CodeRecord | None = None
    """The catalogue row the payload resolved to."""
    mismatches: tuple[str, ...] = ()
    """Where the payload and the catalogue disagree, in words."""
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)
    """The object as received (a model or object: its dict)."""

    @property
    def known(self) -> bool:
        """Whether the catalogue knows the status."""
        return self.code is not None

    @property
    def is_final(self) -> bool:
        """True when the status's group is known to be final; False while pending or unknown."""
        return self.group is not None and self.group.is_final

    def to_dict(self) -> dict[str, object]:
        """The status in the API's JSON shape, with what the catalogue filled in."""
        return _api_shape(self)


@dataclass(frozen=True)
class ParsedError(_PydanticField, Generic[E]):
    """An error object, resolved against the catalogue."""

    id: int | None
    name: str | None
    group_id: int | None
    group_name: str | None
    description: str | None
    permanent: bool | None
    """As sent; else the catalogue's; None where neither says."""
    code: E | None
    """The catalogue's member, or None for an error it does not know."""
    group: ErrorGroupEnum | None
    """The error group, when the channel's tables know it."""
    channel: Channel | None = None
    """The channel whose tables resolved the code (or the group), or the one asked for."""
    record: CodeRecord | None = None
    mismatches: tuple[str, ...] = ()
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def known(self) -> bool:
        """Whether the catalogue knows the error."""
        return self.code is not None

    @property
    def is_ok(self) -> bool:
        """True when the group is known to report success (OK), not a failure."""
        return self.group is not None and self.group.is_ok

    @property
    def is_retryable(self) -> bool:
        """True only when the error is known not to be permanent and not a success."""
        return self.permanent is False and not self.is_ok

    def to_dict(self) -> dict[str, object]:
        """The error in the API's JSON shape, with what the catalogue filled in."""
        return {**_api_shape(self), "permanent": self.permanent}


@dataclass(frozen=True)
class ParsedReport(_PydanticField, Generic[S, E]):
    """One result of a send response, delivery report or message log."""

    message_id: str | None
    status: ParsedStatus[S] | None
    error: ParsedError[E] | None
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        """The result in the API's JSON shape."""
        return {
            "messageId": self.message_id,
            "status": None if self.status is None else self.status.to_dict(),
            "error": None if self.error is None else self.error.to_dict(),
        }


# -- pydantic v2: the parsed values as field types ------------------------------------
#
# Nothing here imports pydantic: pydantic calls the hooks above, and by then
# pydantic_core is loaded. A parametrised ``ParsedReport[SmsStatusCode, SmsErrorCode]``
# is a generic alias of a dataclass, which pydantic would build field by field,
# never asking the class; so ``__class_getitem__`` returns it as
# ``Annotated[ParsedReport[...], hook]``, which pydantic asks. Type checkers see
# the plain generic class; ``typing.get_args`` sees the Annotated form.


class _PydanticHook:
    """The marker a parametrised parsed type carries, pointing pydantic at its class."""

    __slots__ = ("owner",)

    def __init__(self, owner: Any) -> None:
        self.owner = owner

    def __repr__(self) -> str:
        return f"<pydantic hook of {self.owner.__name__}>"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return self.owner.__get_pydantic_core_schema__(source, handler)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return self.owner.__get_pydantic_json_schema__(schema, handler)


_HOOKS: dict[type, _PydanticHook] = {}


def _with_pydantic_hook(cls: type, alias: Any) -> Any:
    hook = _HOOKS.get(cls)
    if hook is None:
        hook = _HOOKS[cls] = _PydanticHook(cls)
    return Annotated[alias, hook]


def _channel_of(cls: type, source: Any) -> Channel | None:
    """The channel a parametrised type names (``ParsedError[VoiceErrorCode]``: voice), or None."""
    if cls is ParsedStatus:
        tables: tuple[Mapping[Channel, type], ...] = (_catalog.STATUS_ENUMS,)
    elif cls is ParsedError:
        tables = (_catalog.ERROR_ENUMS,)
    else:
        tables = (_catalog.STATUS_ENUMS, _catalog.ERROR_ENUMS)
    named = {
        channel
        for arg, enums in zip(get_args(source), tables, strict=False)
        for channel, enum_class in enums.items()
        if arg is enum_class
    }
    if len(named) > 1:  # the general statuses are every channel's: they name none then
        named.discard(GENERAL)
    if len(named) > 1:
        raise TypeError(f"{source} names two channels: {', '.join(sorted(named))}")
    return named.pop() if named else None


def _parsed_for(value: Any) -> Channel | None:
    """The channel a parsed value was resolved for (a report: its error's, else its status's)."""
    if isinstance(value, ParsedReport):
        part = value.error if value.error is not None else value.status
        return None if part is None else _parsed_for(part)
    channel: Channel | None = value.channel
    # a status of the general tables belongs to every channel
    return None if isinstance(value, ParsedStatus) and channel == GENERAL else channel


def _to_dict(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    return value if to_dict is None else to_dict()


def _core_schema(cls: type, source: Any) -> Any:
    from pydantic_core import PydanticCustomError, core_schema

    channel = _channel_of(cls, source)
    parse: Callable[..., object] = (
        status_from if cls is ParsedStatus else error_from if cls is ParsedError else result_from
    )

    def validate(value: object) -> object:
        if isinstance(value, cls) and (channel is None or _parsed_for(value) in (None, channel)):
            return value
        if isinstance(value, ParsedStatus | ParsedError | ParsedReport):
            value = value.raw  # parsed for another channel: read again, for this one
        try:
            return _safely("$", parse, value, "$", channel, False)
        except PayloadError as exc:
            raise PydanticCustomError(
                "infobip_payload", "{problem}", {"problem": str(exc), "field": exc.field}
            ) from None

    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(_to_dict),
    )


def _nullable(kind: str, description: str) -> dict[str, Any]:
    return {"anyOf": [{"type": kind}, {"type": "null"}], "description": description}


def _json_schema(cls: type) -> dict[str, Any]:
    """The API's object a parsed type reads and writes (a new dict: pydantic may edit it)."""
    if cls is ParsedReport:
        return {
            "type": "object",
            "title": "ParsedReport",
            "description": "One result of a report, response or log: its messageId, status, error.",
            "properties": {
                "messageId": _nullable("string", "The message's id."),
                "status": {"anyOf": [_json_schema(ParsedStatus), {"type": "null"}]},
                "error": {"anyOf": [_json_schema(ParsedError), {"type": "null"}]},
            },
        }
    properties = {
        "groupId": _nullable("integer", "The group's id."),
        "groupName": _nullable("string", "The group's name, in any case."),
        "id": _nullable("integer", "The code's id; one the catalogue does not know is valid too."),
        "name": _nullable("string", "The code's name."),
        "description": _nullable("string", "What the code means."),
    }
    if cls is ParsedError:
        properties["permanent"] = _nullable(
            "boolean", "Whether a retry cannot help; null where nobody says."
        )
    kind = "status" if cls is ParsedStatus else "error"
    return {
        "type": "object",
        "title": cls.__name__,
        "description": f"A{'n' if kind == 'error' else ''} {kind} object: at least one of "
        "id, name, groupId, groupName.",
        "properties": properties,
        "anyOf": [{"required": [name]} for name in ("id", "name", "groupId", "groupName")],
    }


# -- resolution -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fields:
    """What a status or error object sent, checked for type."""

    id: int | None
    name: str | None
    group_id: int | None
    group_name: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class _Resolved:
    """The catalogue's answer for a status or error object."""

    fields: _Fields
    code: Any
    group: Any
    channel: Channel | None
    record: CodeRecord | None
    mismatches: tuple[str, ...]


def _group_enum(kind: str, channel: Channel | None) -> type[GroupEnum] | None:
    if kind == "status":
        return _catalog.STATUS_GROUP
    return _catalog.ERROR_GROUP_ENUMS.get(channel or GENERAL)


def _names_agree(name: str, row: CodeRecord) -> bool:
    folded = name.casefold()
    return any(folded == known.casefold() for known in _index.names_of(row))


def _pick(
    rows: tuple[CodeRecord, ...], by_id: bool, sent: _Fields, channel: str | None
) -> CodeRecord | None:
    """Among rows sharing an id (or a name), the one the payload means."""
    if channel is not None:
        rows = tuple(row for row in rows if row.channel == channel)
        if not rows:
            return None
    if len(rows) == 1:
        return rows[0]
    if not by_id:
        # A name printed in several channels (EC_INTERNAL_ERROR): the earliest
        # channel in precedence order is the one meant.
        rows = tuple(row for row in rows if row.channel == rows[0].channel)
    if by_id and sent.name is not None:
        named = tuple(row for row in rows if _names_agree(sent.name, row))
        rows = named or rows
    if sent.group_id is not None:
        grouped = tuple(row for row in rows if row.group_id == sent.group_id)
        rows = grouped or rows
    elif sent.group_name is not None:
        folded = sent.group_name.casefold()
        grouped = tuple(row for row in rows if (row.group_name or "").casefold() == folded)
        rows = grouped or rows
    return rows[0]


def _number(value: int | None) -> str:
    return "?" if value is None else int.__repr__(value)


def _mismatches(
    kind: str, row: CodeRecord | None, sent: _Fields, groups: type[GroupEnum] | None
) -> tuple[str, ...]:
    found: list[str] = []
    if sent.id is not None:
        label = f"{kind} {_number(sent.id)}"
    else:
        label = kind if sent.name is None else f"{kind} {_key_text(sent.name)}"
    if row is not None:
        if sent.name is not None and sent.id is not None and not _names_agree(sent.name, row):
            found.append(
                f"{label}: name {_key_text(sent.name)} differs from the catalogue's {row.name!r}"
            )
        if sent.group_id is not None and row.group_id is not None and sent.group_id != row.group_id:
            found.append(
                f"{label}: groupId {_number(sent.group_id)} contradicts the catalogue's group "
                f"{row.group_id} ({row.group_name})"
            )
        elif (
            sent.group_id is None
            and sent.group_name is not None
            and row.group_name is not None
            and sent.group_name.casefold() != row.group_name.casefold()
        ):
            found.append(
                f"{label}: groupName {_key_text(sent.group_name)} contradicts the catalogue's "
                f"{row.group_name!r}"
            )
    if sent.group_id is not None and sent.group_name is not None and groups is not None:
        named = groups.from_name(sent.group_name)
        if named is not None and named.value != sent.group_id:
            found.append(
                f"{label}: groupName {_key_text(sent.group_name)} is group {named.value}, "
                f"not groupId {_number(sent.group_id)}"
            )
    return tuple(found)


def _fields(kind: str, data: Mapping[Any, Any], where: str) -> _Fields:
    sent = _Fields(
        _int(data, "id", where),
        _text(data, "name", where),
        _int(data, "groupId", where),
        _text(data, "groupName", where),
        _text(data, "description", where),
    )
    if sent.id is None and sent.name is None and sent.group_id is None and sent.group_name is None:
        raise PayloadError(
            where,
            f"{'an' if kind == 'error' else 'a'} {kind} object needs at least one of id, name, "
            "groupId, groupName "
            f"(found keys: {_keys(data)})",
        )
    return sent


def _resolve(
    kind: str, data: Mapping[Any, Any], where: str, channel: Channel | None, strict: bool
) -> _Resolved:
    """The shared part of parse_status and parse_error: check, find, fill in."""
    sent = _fields(kind, data, where)
    if sent.id is not None:
        rows = _index.ROWS_BY_ID.get((kind, sent.id))
    elif sent.name is not None:
        rows = _index.ROWS_BY_NAME.get((kind, sent.name.casefold()))
    else:
        rows = None
    row = None if rows is None else _pick(rows, sent.id is not None, sent, channel)
    if row is None and rows is not None and kind == "status" and channel is not None:
        # Every channel reports the general statuses, its own ones besides.
        row = _pick(rows, sent.id is not None, sent, GENERAL)
    resolved_channel = channel if row is None else row.channel
    groups = _group_enum(kind, resolved_channel)
    mismatches = _mismatches(kind, row, sent, groups)
    if strict and mismatches:
        raise PayloadError(where, "; ".join(mismatches), data)
    group_id = sent.group_id
    if group_id is None and sent.group_name is not None and groups is not None:
        named = groups.from_name(sent.group_name)
        group_id = None if named is None else named.value
    if group_id is None and sent.group_name is None and row is not None:
        group_id = row.group_id
    group = None if groups is None else groups.from_id(group_id)
    if group is None and kind == "error" and resolved_channel != GENERAL:
        # A group the channel's tables lack (OK, the success every report
        # may carry) is the general tables' group of that id.
        general = _catalog.ERROR_GROUP_ENUMS.get(GENERAL)
        group = None if general is None else general.from_id(group_id)
    group_name = sent.group_name
    if group_name is None:
        group_name = group.api_name if group is not None else None
    filled = _Fields(
        sent.id if sent.id is not None or row is None else row.id,
        sent.name if sent.name is not None or row is None else row.name,
        group_id,
        group_name,
        sent.description if sent.description is not None or row is None else row.description,
    )
    code = None if row is None else _index.MEMBER[id(row)]
    return _Resolved(filled, code, group, resolved_channel, row, mismatches)


# -- the common case, straight through ------------------------------------------------
#
# A webhook parses every message, so the common case takes a short path: a
# JSON object (a plain dict) of exact types whose id has one row in the
# catalogue, with a name and group that agree with it. Whatever else comes
# (another shape, an odd type, a disagreement, an id two rows share) takes
# the careful path above, which gives the same answer for these.


def _fast_facts() -> dict[tuple[str, int], tuple[tuple[Any, ...], ...]]:
    """Per (kind, id), in precedence order: each row, its member, its group, and the
    names it is sent under, as they are and casefolded."""
    facts: dict[tuple[str, int], tuple[tuple[Any, ...], ...]] = {}
    for (kind, code_id), rows in _index.ROWS_BY_ID.items():
        found = []
        for row in rows:
            groups = _group_enum(kind, row.channel)
            group = None if groups is None else groups.from_id(row.group_id)
            names = frozenset((row.name, *row.aliases))
            folded = frozenset(n.casefold() for n in _index.names_of(row))
            found.append((row, _index.MEMBER[id(row)], group, names, folded))
        facts[kind, code_id] = tuple(found)
    return facts


_FAST = _fast_facts()


def _fast(kind: str, obj: dict[Any, Any], channel: object) -> Any:
    """``(row, member, group, fields...)`` when ``obj`` is the common case, else None.

    The row is the one ``_pick`` chooses; it is taken only when the payload
    agrees with it to the letter, so nothing remains to report.
    """
    code_id = obj.get("id")
    if type(code_id) is not int:
        return None
    candidates = _FAST.get((kind, code_id))
    if candidates is None:
        return None
    name = obj.get("name")
    group_id = obj.get("groupId")
    group_name = obj.get("groupName")
    if group_name is None and obj.get("group_name") is not None:
        return None  # the snake_case twin: the careful path reads it
    description = obj.get("description")
    if (
        type(group_id) is not int
        or (name is not None and type(name) is not str)
        or (group_name is not None and type(group_name) is not str)
        or (description is not None and type(description) is not str)
    ):
        return None
    if len(candidates) == 1:
        chosen = candidates[0]
        if channel is not None and channel != chosen[0].channel:
            return None
    else:  # as _pick chooses: by channel, then by name, then by group
        folded = None if name is None else name.casefold()
        for chosen in candidates:
            row = chosen[0]
            if (
                (channel is None or row.channel == channel)
                and (folded is None or folded in chosen[4])
                and row.group_id == group_id
            ):
                break
        else:
            return None
    row, member, group, names, _ = chosen
    if (
        group_id != row.group_id
        or (name is not None and name not in names)
        or (group_name is not None and group_name != row.group_name)
    ):
        return None
    return (
        row,
        member,
        group,
        row.name if name is None else name,
        (None if group is None else group.api_name) if group_name is None else group_name,
        row.description if description is None else description,
    )


def _fast_status(obj: dict[Any, Any], channel: object) -> ParsedStatus[Any] | None:
    found = _fast("status", obj, channel)
    if found is None:
        return None
    row, member, group, name, group_name, description = found
    return ParsedStatus(
        row.id,
        name,
        row.group_id,
        group_name,
        description,
        member,
        group,
        row.channel,
        row,
        (),
        obj,
    )


def _fast_error(obj: dict[Any, Any], channel: object) -> ParsedError[Any] | None:
    permanent = obj.get("permanent")
    if permanent is not None and type(permanent) is not bool:
        return None
    found = _fast("error", obj, channel)
    if found is None:
        return None
    row, member, group, name, group_name, description = found
    return ParsedError(
        row.id,
        name,
        row.group_id,
        group_name,
        description,
        row.permanent if permanent is None else permanent,
        member,
        group,
        row.channel,
        row,
        (),
        obj,
    )


def _fast_result(item: object, channel: object) -> ParsedReport[Any, Any] | None:
    if type(item) is not dict:
        return None
    message_id = item.get("messageId")
    if type(message_id) is not str:
        return None
    status_obj = item.get("status")
    error_obj = item.get("error")
    status = error = None
    if status_obj is not None:
        if type(status_obj) is not dict:
            return None
        status = _fast_status(status_obj, channel)
        if status is None:
            return None
    if error_obj is not None:
        if type(error_obj) is not dict:
            return None
        error = _fast_error(error_obj, channel)
        if error is None:
            return None
    return ParsedReport(message_id, status, error, item)


_T = TypeVar("_T")


def _safely(where: str, parse: Callable[..., _T], *args: Any) -> _T:
    """``parse(*args)``, letting only PayloadError out, whatever the input does."""
    try:
        return parse(*args)
    except PayloadError:
        raise
    except Exception as exc:  # an odd Mapping's own methods raised, say
        raise PayloadError(where, f"could not be read ({_type_name(exc)})") from None


def status_from(
    obj: object, where: str, channel: Channel | None, strict: bool
) -> ParsedStatus[Any]:
    data = _as_mapping(obj, where, "a status object")
    found = _resolve("status", data, where, channel, strict)
    sent = found.fields
    return ParsedStatus(
        sent.id,
        sent.name,
        sent.group_id,
        sent.group_name,
        sent.description,
        found.code,
        found.group,
        found.channel,
        found.record,
        found.mismatches,
        data,
    )


def error_from(obj: object, where: str, channel: Channel | None, strict: bool) -> ParsedError[Any]:
    data = _as_mapping(obj, where, "an error object")
    found = _resolve("error", data, where, channel, strict)
    permanent = data.get("permanent")
    if permanent is None:
        permanent = None if found.record is None else found.record.permanent
    elif not isinstance(permanent, bool):
        raise PayloadError(
            f"{where}.permanent", f"expected true or false, found {preview(permanent)}", permanent
        )
    sent = found.fields
    return ParsedError(
        sent.id,
        sent.name,
        sent.group_id,
        sent.group_name,
        sent.description,
        permanent,
        found.code,
        found.group,
        found.channel,
        found.record,
        found.mismatches,
        data,
    )


def result_from(
    obj: object, where: str, channel: Channel | None, strict: bool
) -> ParsedReport[Any, Any]:
    data = _as_mapping(obj, where, "a result")
    message_id = _text(data, "messageId", where)
    status_obj = data.get("status")
    error_obj = data.get("error")
    if message_id is None and status_obj is None and error_obj is None:
        raise PayloadError(
            where, f"expected a result with messageId, status or error (found keys: {_keys(data)})"
        )
    status = (
        None if status_obj is None else status_from(status_obj, f"{where}.status", channel, strict)
    )
    error = None if error_obj is None else error_from(error_obj, f"{where}.error", channel, strict)
    return ParsedReport(message_id, status, error, data)


def _results(
    obj: object, channel: Channel | None, strict: bool
) -> tuple[ParsedReport[Any, Any], ...]:
    return tuple(results_of(obj, channel, strict))


def results_of(
    obj: object, channel: Channel | None, strict: bool
) -> Iterator[ParsedReport[Any, Any]]:
    """The results of a report, response or single result, parsed one by one."""
    data = _as_mapping(obj, "$", "a report, response or result")
    for key in ("results", "messages"):
        if key in data:
            for index, item in enumerate(_items(data[key], key)):
                fast = _short(_fast_result, item, channel)
                if fast is None:
                    where = f"{key}[{index}]"
                    fast = _safely(where, result_from, item, where, channel, strict)
                yield fast
            return
    yield _short(_fast_result, data, channel) or result_from(data, "$", channel, strict)


def _items(items: object, key: str) -> Sequence[Any]:
    """The list under ``results`` or ``messages``: a list, a tuple or any other Sequence."""
    if type(items) is list or isinstance(items, tuple):
        return items
    if not isinstance(items, Sequence) or isinstance(items, str | bytes | bytearray):
        raise PayloadError(key, f"expected a list, found {preview(items)}", items)
    try:  # a Sequence of the user's own: read once, through its own methods
        return [items[index] for index in range(len(items))]
    except Exception as exc:
        raise PayloadError(key, f"could not be read ({_type_name(exc)})", items) from None


# -- the public functions (typed per channel in infobip_codes.parsing) ------------------


def parse_status(obj: object, channel: object = None, *, strict: bool = False) -> ParsedStatus[Any]:
    checked = (
        channel if channel is None or type(channel) is str else _index.channel_or_none(channel)
    )
    if type(obj) is dict:  # an unknown channel name matches no row, and goes the careful way
        try:  # whatever the short path meets, the careful path decides
            fast = _fast_status(obj, checked)
        except Exception:  # a key whose __eq__ raises, say
            fast = None
        if fast is not None:
            return fast
    return _safely("$", status_from, obj, "$", _index.channel_or_none(checked), strict)


def parse_error(obj: object, channel: object = None, *, strict: bool = False) -> ParsedError[Any]:
    checked = (
        channel if channel is None or type(channel) is str else _index.channel_or_none(channel)
    )
    if type(obj) is dict:
        try:  # whatever the short path meets, the careful path decides
            fast = _fast_error(obj, checked)
        except Exception:  # a key whose __eq__ raises, say
            fast = None
        if fast is not None:
            return fast
    return _safely("$", error_from, obj, "$", _index.channel_or_none(checked), strict)


def _short(
    fast: Callable[[dict[Any, Any], object], _T | None], obj: Any, channel: object
) -> _T | None:
    """The short path's answer, or None: whatever it meets, the careful path decides."""
    try:
        return fast(obj, channel)
    except Exception:  # a key whose __eq__ raises, say
        return None


def parse_report(
    obj: object, channel: object = None, *, strict: bool = False
) -> tuple[ParsedReport[Any, Any], ...]:
    checked = _index.channel_or_none(channel)
    return _safely("$", _results, obj, checked, strict)


# json's C scanner recurses on the C stack. From 3.12 it stops at a fixed depth
# with RecursionError; before, only at sys.getrecursionlimit(), so an application
# that raised the limit crashes on a line nested a hundred thousand deep. There,
# a line with many brackets has its depth measured before json.loads sees it.
_MEASURE_DEPTH = sys.version_info < (3, 12)
_MAX_DEPTH = 500  # the API's objects are a few levels deep
# A string runs to its closing quote, or to the end of an unterminated line: a
# match from every quote, so the scan is linear whatever the line holds.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)
_STRING_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_NOT_BRACKET_BYTES = re.compile(rb"[^\[\]{}]+")
_STEP: dict[object, int] = {"[": 1, "{": 1, "]": -1, "}": -1, 91: 1, 123: 1, 93: -1, 125: -1}


def _too_deep(line: str | bytes) -> bool:
    """Whether a JSON text nests arrays and objects deeper than ``_MAX_DEPTH``."""
    if isinstance(line, str):
        if line.count("[") + line.count("{") <= _MAX_DEPTH:
            return False
        brackets: str | bytes = _NOT_BRACKET.sub("", _STRING.sub("", line))
    else:
        if line.count(b"[") + line.count(b"{") <= _MAX_DEPTH:
            return False
        brackets = _NOT_BRACKET_BYTES.sub(b"", _STRING_BYTES.sub(b"", line))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > _MAX_DEPTH


def _load(line: object) -> object:
    """One NDJSON line as JSON, or PayloadError."""
    if isinstance(line, str):
        text: str | bytes = str.__str__(line).removeprefix("\ufeff")  # as json does for bytes
    elif isinstance(line, bytes | bytearray):
        text = bytes(line)
    else:
        raise PayloadError("$", f"expected a line of text, found {preview(line)}", line)
    if _MEASURE_DEPTH and len(text) > _MAX_DEPTH and _too_deep(text):
        raise PayloadError("$", f"invalid JSON: nested deeper than {_MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except RecursionError:
        raise PayloadError("$", "invalid JSON: nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise PayloadError(
            "$", f"not UTF-8 text ({exc.reason} at byte {exc.start})", line
        ) from None
    except ValueError as exc:  # JSONDecodeError, the int digit limit
        problem = (
            exc.msg if isinstance(exc, json.JSONDecodeError) else "a number with too many digits"
        )
        raise PayloadError("$", f"invalid JSON: {problem}") from None


def _blank(line: object) -> bool:
    if isinstance(line, str):
        return not line or str.isspace(line)
    return isinstance(line, bytes | bytearray) and (not line or bytes.isspace(bytes(line)))


def iter_report(
    lines: Iterable[str | bytes],
    channel: object = None,
    *,
    strict: bool = False,
    on_error: Callable[[PayloadError], object] | None = None,
) -> Iterator[ParsedReport[Any, Any]]:
    checked = _index.channel_or_none(channel)
    if isinstance(lines, str | bytes | bytearray):  # the whole text rather than its lines
        lines = lines.split("\n" if isinstance(lines, str) else b"\n")
    try:
        numbered = enumerate(lines, 1)
    except TypeError:
        raise PayloadError("$", f"expected lines of text, found {preview(lines)}") from None
    for number, line in numbered:
        if _blank(line):
            continue
        try:
            obj = _load(line)
            fast = None
            if type(obj) is dict and "results" not in obj and "messages" not in obj:
                try:  # whatever the short path meets, the careful path decides
                    fast = _fast_result(obj, checked)
                except Exception:
                    fast = None
            parsed = (fast,) if fast is not None else _safely("$", _results, obj, checked, strict)
        except PayloadError as exc:
            located = PayloadError(exc.field, exc.problem, exc.value, line=number)
            if on_error is None:
                raise located from None
            on_error(located)
            continue
        yield from parsed
