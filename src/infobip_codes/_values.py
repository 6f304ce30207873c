"""The parsed value types of a status object and an error object.

Immutable, hashable, and generic in their code types at run time
(``typing.get_origin(ParsedError[SmsErrorCode]) is ParsedError``): plain
classes with slots, which cost a few slot writes to build. Each channel has
its own subclass of each (``SmsStatus``, ``VoiceError``, ``EmailReport``...,
generated in ``infobip_codes.parsing``), typed with exactly the codes and
groups that channel's reports resolve to; a parametrisation that no channel
produces is a ``TypeError`` naming the ones that exist.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from infobip_codes import _generics, _parse, _pydantic, _rules
from infobip_codes._base import ErrorCodeEnum, ErrorGroupEnum, StatusCodeEnum
from infobip_codes._catalog import StatusGroup
from infobip_codes._parsed import Parsed, cut, parsed_class
from infobip_codes._record import CodeRecord
from infobip_codes.tables import Channel

__all__ = ["E", "ParsedError", "ParsedStatus", "S"]

S = TypeVar("S", bound=StatusCodeEnum, covariant=True)
E = TypeVar("E", bound=ErrorCodeEnum, covariant=True)

_set = object.__setattr__
_SENT_KEYS = ("id", "name", "groupId", "groupName", "description", "permanent")


class _Code(Parsed):
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
        "_sent",
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
    _sent: tuple[object, ...] | None
    """The fields as the payload sent them, in ``_SENT_KEYS``' order (None for a value
    built by hand): what the object is read again from, for another channel."""

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

    @classmethod
    def _api_schema(cls, channel: Channel | None, handler: Any) -> Any:
        kind = cls._kinds[0]
        atoms = () if channel is None else _generics.code_types(channel, kind)
        ids = [
            handler.generate_schema(a) if isinstance(a, type) else _pydantic.member_schema(a)
            for a in atoms
        ]
        title = parsed_class(cls._base(), channel).__name__
        return _pydantic.code_object_schema(kind, title, ids)

    def _as_sent(self) -> dict[str, object]:
        """The object as the payload sent it, without what the catalogue filled in."""
        if self._sent is None:
            return self.to_dict()  # type: ignore[attr-defined, no-any-return]
        return {k: v for k, v in zip(_SENT_KEYS, self._sent, strict=False) if v is not None}

    def _state(self) -> tuple[object, ...]:
        return (*self._fields(), self._sent)

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
        parts = [f"id={self._id}", f"name={None if self._name is None else cut(self._name)!r}"]
        parts.append("known=False" if code is None else f"code={type(code).__name__}.{code.name}")
        parts += self._repr_more()
        if self._mismatches:
            parts.append(f"mismatches={cut(' / '.join(self._mismatches), 80)!r}")
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
        return _parse.status_from(value, target, channel, False)

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

    @property
    def advice(self) -> _rules.Advice:
        """``"final"`` when the status's group is known to be final, else ``"wait"``."""
        group = self._group
        return _rules.advice("status", None if group is None else group.record, None)

    def to_dict(self) -> dict[str, object]:
        """The status in the API's JSON shape, with what the catalogue filled in."""
        return self._api()


def _fill_code(self: Any, *state: Any) -> None:
    (id_, name, group_id, group_name, description, code, group, channel, record, mismatches) = (
        state[:10]
    )
    _set(self, "_sent", state[10] if len(state) > 10 else None)
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
        return _parse.error_from(value, parsed_class(ParsedError, channel), channel, False)

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

    @property
    def advice(self) -> _rules.Advice:
        """What a sender does about it: ``"none"`` (a success), ``"retry"``, ``"fix"``
        the cause first, or ``"unknown"`` where nobody says whether a retry helps."""
        group = self._group
        return _rules.advice("error", None if group is None else group.record, self._permanent)

    def to_dict(self) -> dict[str, object]:
        """The error in the API's JSON shape, with what the catalogue filled in."""
        return {**self._api(), "permanent": self._permanent}

    def _repr_more(self) -> list[str]:
        return [] if self._permanent is None else [f"permanent={self._permanent}"]
