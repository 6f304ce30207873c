"""The parsed value types: a status, an error, one result of a report.

Immutable, hashable, and generic in their code types at run time
(``typing.get_origin(ParsedError[SmsErrorCode]) is ParsedError``): plain
classes with slots, which cost a few slot writes to build. Each channel has
its own subclass of each (``SmsStatus``, ``VoiceError``, ``EmailReport``...,
generated in ``infobip_codes.parsing``), typed with exactly the codes and
groups that channel's reports resolve to; a parametrisation that no channel
produces is a ``TypeError`` naming the ones that exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, Literal, TypeVar, Union, get_args, get_origin

from infobip_codes import _catalog, _parse, _pydantic, _rules
from infobip_codes._base import ErrorCodeEnum, ErrorGroupEnum, StatusCodeEnum
from infobip_codes._catalog import StatusGroup
from infobip_codes._record import CodeRecord
from infobip_codes.tables import CHANNELS, Channel, Kind

__all__ = ["ParsedError", "ParsedReport", "ParsedStatus", "classes_for", "parsed_class"]

S = TypeVar("S", bound=StatusCodeEnum, covariant=True)
E = TypeVar("E", bound=ErrorCodeEnum, covariant=True)

_set = object.__setattr__
_CLASSES: dict[tuple[str, Channel], type[Any]] = {}


def parsed_class(base: type[Any], channel: Channel | None) -> type[Any]:
    """The class a channel's values of ``base`` are built as (``base`` itself without one)."""
    return base if channel is None else _CLASSES.get((base.__name__, channel), base)


def classes_for(channel: Channel | None) -> _parse.Classes:
    """The classes a channel's report, status and error values are built as."""
    return _parse.Classes(
        parsed_class(ParsedReport, channel),
        parsed_class(ParsedStatus, channel),
        parsed_class(ParsedError, channel),
    )


def _cut(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


# -- which parametrisations exist -----------------------------------------------------------


def _atoms(arg: object) -> frozenset[object] | None:
    """A type argument as the classes and members it admits; None for a TypeVar or Any."""
    if isinstance(arg, TypeVar) or arg is Any:
        return None
    origin = get_origin(arg)
    if origin is Literal:
        return frozenset(get_args(arg))
    if origin is Union or type(arg).__name__ == "UnionType":
        found: frozenset[object] = frozenset()
        for each in get_args(arg):
            atoms = _atoms(each)
            if atoms is None:
                return None
            found |= atoms
        return found
    return frozenset({arg})


def _shown(atoms: frozenset[object]) -> str:
    names = sorted(
        a.__name__ if isinstance(a, type) else f"Literal[{type(a).__name__}.{a.name}]"  # type: ignore[attr-defined]
        for a in atoms
    )
    return " | ".join(names)


def _check(cls: type[_Parsed], args: tuple[object, ...]) -> None:
    """TypeError unless some channel's values (or the any-channel base's) take ``args``."""
    given = tuple(_atoms(a) for a in args)
    if any(atoms is None for atoms in given):  # generic use: nothing to check yet
        return
    kinds = cls._kinds
    bases = {"status": StatusCodeEnum, "error": ErrorCodeEnum}
    valid: list[tuple[frozenset[object], ...]] = [tuple(frozenset({bases[k]}) for k in kinds)]
    valid += [tuple(frozenset(_catalog.CODE_TYPES[c, k]) for k in kinds) for c in CHANNELS]
    if given in valid:
        return
    name = cls.__name__
    options = "; ".join(f"{name}[{', '.join(_shown(a) for a in each)}]" for each in valid)
    asked = ", ".join(_shown(a) for a in given if a is not None)
    raise TypeError(f"no channel's values are {name}[{asked}]; these are: {options}")


# -- the values -----------------------------------------------------------------------------


class _Parsed:
    """What every parsed value shares: immutable, hashable, compared by class and fields."""

    __slots__ = ()
    _for: ClassVar[Channel | None] = None
    """The channel a generated subclass is for; None on the three bases."""
    _kinds: ClassVar[tuple[Kind, ...]] = ()

    def __init_subclass__(cls, *, channel: Channel | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if channel is not None:  # a channel's own class (infobip_codes.parsing)
            cls._for = channel
            base = next(b for b in cls.__mro__ if b in (ParsedStatus, ParsedError, ParsedReport))
            _CLASSES[base.__name__, channel] = cls

    def __class_getitem__(cls, params: Any) -> Any:
        alias = super().__class_getitem__(params)  # type: ignore[misc]
        _check(cls, get_args(alias))
        return alias

    def _fields(self) -> tuple[object, ...]:
        """What equality, hashing and pickling see."""
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self._state()))

    def _state(self) -> tuple[object, ...]:
        return self._fields()

    @classmethod
    def _base(cls) -> type[Any]:
        return next(b for b in cls.__mro__ if b in (ParsedStatus, ParsedError, ParsedReport))

    @classmethod
    def _channel_of(cls, source: Any) -> Channel | None:
        """The channel a field type names: its class's, or its parameters' (the first
        channel whose values they type), or None for the any-channel base."""
        if cls._for is not None:
            return cls._for
        given = tuple(_atoms(a) for a in get_args(source))
        for channel in CHANNELS if given else ():
            if given == tuple(frozenset(_catalog.CODE_TYPES[channel, k]) for k in cls._kinds):
                return channel
        return None

    @classmethod
    def _coerce(cls, value: object, channel: Channel | None) -> Any:
        """``value`` as a value of this type for ``channel``: kept when it already is one,
        read again from its API shape when it was parsed for another, else parsed."""
        base = cls._base()
        if type(value) is parsed_class(base, channel) or (
            channel is None and isinstance(value, base)
        ):
            return value
        if isinstance(value, _Parsed):
            value = value.to_dict()  # type: ignore[attr-defined]
        return _parse.safely("$", cls._from_payload, value, channel)

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """A pydantic field of this type runs the parser (see ``infobip_codes._pydantic``)."""
        return _pydantic.parsed_core_schema(cls, source, handler)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        """The API's object this type reads and writes."""
        return _pydantic.parsed_json_schema(cls, schema, handler)


def _rebuild(cls: type[Any], state: tuple[object, ...]) -> Any:
    return cls._make(*state)


class _Code(_Parsed):
    """The fields status and error objects share, as sent, with what the catalogue filled."""

    __slots__ = (
        "_channel",
        "_code",
        "_description",
        "_group",
        "_group_id",
        "_group_name",
        "_id",
        "_mismatches",
        "_name",
        "_record",
    )
    _id: int | None
    _name: str | None
    _group_id: int | None
    _group_name: str | None
    _description: str | None
    _code: Any
    _group: Any
    _channel: Channel | None
    _record: CodeRecord | None
    _mismatches: tuple[str, ...]

    @property
    def id(self) -> int | None:
        """The code's id: as sent, else the catalogue's (where only a name was sent)."""
        return self._id

    @property
    def name(self) -> str | None:
        """The name: as sent, else the catalogue's."""
        return self._name

    @property
    def group_id(self) -> int | None:
        """The group's id: as sent, else that of the group name sent, else the catalogue's."""
        return self._group_id

    @property
    def group_name(self) -> str | None:
        """The group's name: as sent, else the catalogue's."""
        return self._group_name

    @property
    def description(self) -> str | None:
        """The description: as sent, else the catalogue's."""
        return self._description

    @property
    def channel(self) -> Channel | None:
        """The channel whose tables resolved the code, else the one asked for."""
        return self._channel

    @property
    def record(self) -> CodeRecord | None:
        """The catalogue row the object resolved to, or None."""
        return self._record

    @property
    def mismatches(self) -> tuple[str, ...]:
        """Where the object and the catalogue disagree, in words."""
        return self._mismatches

    @property
    def known(self) -> bool:
        """Whether the catalogue knows the code."""
        return self._code is not None

    def _api(self) -> dict[str, object]:
        return {
            "groupId": self._group_id,
            "groupName": self._group_name,
            "id": self._id,
            "name": self._name,
            "description": self._description,
        }

    def __repr__(self) -> str:
        code = self._code
        parts = [f"id={self._id}", f"name={None if self._name is None else _cut(self._name)!r}"]
        parts.append("known=False" if code is None else f"code={type(code).__name__}.{code.name}")
        parts += self._repr_more()
        if self._mismatches:
            parts.append(f"mismatches={_cut(' / '.join(self._mismatches), 80)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_more(self) -> list[str]:
        return []


class ParsedStatus(_Code, Generic[S]):
    """A status object, resolved against the catalogue."""

    __slots__ = ()
    _kinds = ("status",)

    def __init__(
        self,
        id: int | None,
        name: str | None,
        group_id: int | None,
        group_name: str | None,
        description: str | None,
        code: S | None,
        group: StatusGroup | None,
        channel: Channel | None = None,
        record: CodeRecord | None = None,
        mismatches: tuple[str, ...] = (),
    ) -> None:
        _fill_code(
            self,
            id,
            name,
            group_id,
            group_name,
            description,
            code,
            group,
            channel,
            record,
            mismatches,
        )

    @classmethod
    def _make(cls, *state: Any) -> Any:
        self = object.__new__(cls)
        _fill_code(self, *state)
        return self

    def _fields(self) -> tuple[object, ...]:
        return (
            self._id,
            self._name,
            self._group_id,
            self._group_name,
            self._description,
            self._code,
            self._group,
            self._channel,
            self._record,
            self._mismatches,
        )

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        target = parsed_class(ParsedStatus, channel)
        return _parse.status_from(value, "$", target, channel, False)

    @property
    def code(self) -> S | None:
        """The catalogue's member, or None for a status it does not know."""
        code: S | None = self._code
        return code

    @property
    def group(self) -> StatusGroup | None:
        """The status group, where the group sent (or the catalogue's) is known."""
        group: StatusGroup | None = self._group
        return group

    @property
    def is_final(self) -> bool:
        """True when the status's group is known to be final; False while pending or unknown."""
        group = self._group
        return _rules.is_final(None if group is None else group.record)

    def to_dict(self) -> dict[str, object]:
        """The status in the API's JSON shape, with what the catalogue filled in."""
        return self._api()


def _fill_code(self: Any, *state: Any) -> None:
    (id_, name, group_id, group_name, description, code, group, channel, record, mismatches) = (
        state[:10]
    )
    _set(self, "_id", id_)
    _set(self, "_name", name)
    _set(self, "_group_id", group_id)
    _set(self, "_group_name", group_name)
    _set(self, "_description", description)
    _set(self, "_code", code)
    _set(self, "_group", group)
    _set(self, "_channel", channel)
    _set(self, "_record", record)
    _set(self, "_mismatches", tuple(mismatches))


class ParsedError(_Code, Generic[E]):
    """An error object, resolved against the catalogue."""

    __slots__ = ("_permanent",)
    _kinds = ("error",)
    _permanent: bool | None

    def __init__(
        self,
        id: int | None,
        name: str | None,
        group_id: int | None,
        group_name: str | None,
        description: str | None,
        permanent: bool | None,
        code: E | None,
        group: ErrorGroupEnum | None,
        channel: Channel | None = None,
        record: CodeRecord | None = None,
        mismatches: tuple[str, ...] = (),
    ) -> None:
        _fill_code(
            self,
            id,
            name,
            group_id,
            group_name,
            description,
            code,
            group,
            channel,
            record,
            mismatches,
        )
        _set(self, "_permanent", permanent)

    @classmethod
    def _make(cls, *state: Any) -> Any:
        self = object.__new__(cls)
        _fill_code(self, *state[:5], *state[6:])
        _set(self, "_permanent", state[5])
        return self

    def _fields(self) -> tuple[object, ...]:
        return (
            self._id,
            self._name,
            self._group_id,
            self._group_name,
            self._description,
            self._permanent,
            self._code,
            self._group,
            self._channel,
            self._record,
            self._mismatches,
        )

    @property
    def permanent(self) -> bool | None:
        """As sent; else the catalogue's; None where neither says."""
        return self._permanent

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        return _parse.error_from(value, "$", parsed_class(ParsedError, channel), channel, False)

    @property
    def code(self) -> E | None:
        """The catalogue's member, or None for an error it does not know."""
        code: E | None = self._code
        return code

    @property
    def group(self) -> ErrorGroupEnum | None:
        """The error group sent (else the catalogue's), resolved through the channel's groups."""
        group: ErrorGroupEnum | None = self._group
        return group

    @property
    def is_ok(self) -> bool:
        """True when the group is known to report success (OK), not a failure."""
        group = self._group
        return _rules.is_ok(None if group is None else group.record)

    @property
    def is_retryable(self) -> bool:
        """True only when the error is known not to be permanent and not a success."""
        group = self._group
        return _rules.is_retryable(self._permanent, None if group is None else group.record)

    def to_dict(self) -> dict[str, object]:
        """The error in the API's JSON shape, with what the catalogue filled in."""
        return {**self._api(), "permanent": self._permanent}

    def _repr_more(self) -> list[str]:
        return [] if self._permanent is None else [f"permanent={self._permanent}"]


_RESULT_KEYS = frozenset({"messageId", "message_id", "status", "error"})


class ParsedReport(_Parsed, Generic[S, E]):
    """One result of a send response, delivery report or message log."""

    __slots__ = ("_error", "_message_id", "_raw", "_status")
    _kinds = ("status", "error")
    _message_id: str | None
    _status: Any
    _error: Any
    _raw: Mapping[str, object]

    def __init__(
        self,
        message_id: str | None,
        status: ParsedStatus[S] | None,
        error: ParsedError[E] | None,
        raw: Mapping[str, object] | None = None,
    ) -> None:
        _set(self, "_message_id", message_id)
        _set(self, "_status", status)
        _set(self, "_error", error)
        _set(self, "_raw", {} if raw is None else raw)

    @classmethod
    def _make(cls, message_id: Any, status: Any, error: Any, raw: Any = None) -> Any:
        self = object.__new__(cls)
        _set(self, "_message_id", message_id)
        _set(self, "_status", status)
        _set(self, "_error", error)
        _set(self, "_raw", {} if raw is None else raw)
        return self

    def _fields(self) -> tuple[object, ...]:
        return (self._message_id, self._status, self._error)

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        return _parse.result_from(value, "$", classes_for(channel), channel, False)

    def _state(self) -> tuple[object, ...]:
        return (self._message_id, self._status, self._error, self._raw)

    @property
    def message_id(self) -> str | None:
        """The message's id."""
        return self._message_id

    @property
    def status(self) -> ParsedStatus[S] | None:
        """The result's status, or None where it has none."""
        status: ParsedStatus[S] | None = self._status
        return status

    @property
    def error(self) -> ParsedError[E] | None:
        """The result's error, or None where it has none."""
        error: ParsedError[E] | None = self._error
        return error

    @property
    def raw(self) -> Mapping[str, object]:
        """The result as received (a model or object: its JSON dump): every field it has."""
        return self._raw

    def to_dict(self) -> dict[str, object]:
        """The result in the API's JSON shape: ``messageId``, the resolved ``status`` and
        ``error``, then every other field it was received with, as received."""
        out: dict[str, object] = {
            "messageId": self._message_id,
            "status": None if self._status is None else self._status.to_dict(),
            "error": None if self._error is None else self._error.to_dict(),
        }
        for key, value in self._raw.items():
            if key not in _RESULT_KEYS:
                out.setdefault(key, value)
        return out

    def __repr__(self) -> str:
        def part(value: Any) -> str:
            if value is None:
                return "None"
            code = value._code
            name = code.name if code is not None else _cut(str(value._name), 30)
            return f"{value._id} {name}" + ("" if code is not None else " (unknown)")

        message = None if self._message_id is None else _cut(self._message_id)
        return (
            f"{type(self).__name__}(message_id={message!r}, status={part(self._status)}, "
            f"error={part(self._error)})"
        )
