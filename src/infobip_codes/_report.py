"""The parsed value type of one result of a send response, delivery report or message log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic

from infobip_codes import _parse, _pydantic
from infobip_codes._parsed import Parsed, cut, parsed_class, registered
from infobip_codes._values import E, ParsedError, ParsedStatus, S
from infobip_codes.tables import Channel

__all__ = ["ParsedReport", "classes_for"]

_set = object.__setattr__


_RESULT_KEYS = frozenset({"messageId", "message_id", "status", "error"})


class ParsedReport(Parsed, Generic[S, E]):
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
        _set(self, "_raw", {} if raw is None else dict(raw))

    @classmethod
    def _make(cls, message_id: Any, status: Any, error: Any, raw: Any = None) -> Any:
        self = object.__new__(cls)
        _set(self, "_message_id", message_id)
        _set(self, "_status", status)
        _set(self, "_error", error)
        _set(self, "_raw", {} if raw is None else dict(raw))  # a copy: the caller's may change
        return self

    def _fields(self) -> tuple[object, ...]:
        return (self._message_id, self._status, self._error)

    def __eq__(self, other: object) -> bool:
        # every field counts, as to_dict() shows them: two results of one status for
        # two recipients are two results (the hash, of the fields above, agrees)
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields() and _others(self._raw) == _others(other._raw)

    def __hash__(self) -> int:  # defining __eq__ drops the inherited one
        return super().__hash__()

    def _as_sent(self) -> Any:
        return self._raw if self._raw else self.to_dict()

    @classmethod
    def _api_schema(cls, channel: Channel | None, handler: Any) -> Any:
        status = handler.generate_schema(parsed_class(ParsedStatus, channel))
        error = handler.generate_schema(parsed_class(ParsedError, channel))
        title = parsed_class(ParsedReport, channel).__name__
        return _pydantic.report_object_schema(title, status, error)

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        return _parse.result_from(value, classes_for(channel), channel, False)

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
        """The result as received (a model or object: its JSON dump): every field it has.

        A new dict each time, of the value's own copy of the fields: changing it changes
        nothing of the value (a field's value, a list or an object, is the one received).
        """
        return dict(self._raw)

    def to_dict(self) -> dict[str, object]:
        """The result in the API's JSON shape: ``messageId``, the resolved ``status`` and
        ``error``, then every other field it was received with, as received."""
        out: dict[str, object] = {
            "messageId": self._message_id,
            "status": None if self._status is None else self._status.to_dict(),
            "error": None if self._error is None else self._error.to_dict(),
        }
        for key, value in _others(self._raw).items():
            out.setdefault(key, value)
        return out

    def __repr__(self) -> str:
        def part(value: Any) -> str:
            if value is None:
                return "None"
            code = value._code
            name = code.name if code is not None else cut(str(value._name), 30)
            return f"{value._id} {name}" + ("" if code is not None else " (unknown)")

        message = None if self._message_id is None else cut(self._message_id)
        return (
            f"{type(self).__name__}(message_id={message!r}, status={part(self._status)}, "
            f"error={part(self._error)})"
        )


def _others(raw: Mapping[str, object]) -> dict[str, object]:
    """A result's fields besides its message id, status and error."""
    return {key: value for key, value in raw.items() if key not in _RESULT_KEYS}


_CLASSES_FOR: dict[tuple[Channel | None, int], _parse.Classes] = {}


def classes_for(channel: Channel | None) -> _parse.Classes:
    """The classes a channel's report, status and error values are built as (asked once
    per channel, and again only when a channel's own classes have been registered)."""
    key = (channel, registered())
    found = _CLASSES_FOR.get(key)
    if found is None:
        found = _CLASSES_FOR[key] = _parse.Classes(
            parsed_class(ParsedReport, channel),
            parsed_class(ParsedStatus, channel),
            parsed_class(ParsedError, channel),
        )
    return found
