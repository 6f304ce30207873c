"""What one JSON value of the input holds: its results, each with every field it came with.

A value is a report, send response, message log or webhook body (``results``
or ``messages``), a single result, a bare status or error object, or a JSON
array of any of these. Fields of an envelope besides its list (the
``bulkId`` of a send response) go with each of its results that lacks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from infobip_codes import PayloadError, parse_error, parse_report, parse_status

if TYPE_CHECKING:
    from infobip_codes import Channel, ParsedError, ParsedStatus

_LISTS = ("results", "messages")
_RESULT_KEYS = frozenset({*_LISTS, "messageId", "message_id", "status", "error"})
SHOWN = frozenset({"messageId", "status", "error"})
"""A result's fields that decode shows as what the catalogue makes of them."""


class Result(Protocol):
    """A parsed result: a ParsedReport, or a bare status or error read as one."""

    @property
    def message_id(self) -> str | None: ...
    @property
    def status(self) -> ParsedStatus[Any] | None: ...
    @property
    def error(self) -> ParsedError[Any] | None: ...
    @property
    def raw(self) -> Mapping[str, object]: ...


Found = tuple["tuple[Result, ...]", "Mapping[str, object] | None"]
"""Results, and the fields of the envelope they came in (None when there are none)."""


class Bare:
    """A bare status or error object, as a result without a message."""

    __slots__ = ("error", "raw", "status")
    message_id = None

    def __init__(
        self, status: ParsedStatus[Any] | None, error: ParsedError[Any] | None, raw: object
    ) -> None:
        self.status = status
        self.error = error
        self.raw: Mapping[str, object] = {"status" if error is None else "error": raw}


class Unreadable(ValueError):
    """A value that is no result: ``field`` says where, ``problem`` what."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class Ambiguous(Unreadable):
    """A bare object that reads as both a status and an error, or as neither."""


def results_in(value: object, bare: str | None, channel: Channel | None) -> list[Found]:
    """Every result in one JSON value, by envelope; Unreadable names the first
    field that is wrong.

    ``bare`` ("status" or "error") reads a bare object as that; without it, a
    bare object is read both ways, and the reading the catalogue knows without
    disagreement wins.
    """
    try:
        if type(value) is dict and bare is None:  # the common case first: a log's line
            if "results" in value or "messages" in value:
                envelope = {k: v for k, v in value.items() if k not in _LISTS} or None
                return [(parse_report(value, channel), envelope)]
            if not _RESULT_KEYS.isdisjoint(value):
                return [(parse_report(value, channel), None)]
        if type(value) is not list:
            return [_results(value, bare, channel)]
        found: list[Found] = []
        for index, item in enumerate(value):
            try:  # an array in an array goes to parse_report, which refuses it
                nested = type(item) is list
                found += (
                    [_results(item, bare, channel)] if nested else results_in(item, bare, channel)
                )
            except (PayloadError, Unreadable) as exc:
                inner = exc.field.removeprefix("$")  # "$.messageId", or "results[0]..."
                joined = f"[{index}]{'' if inner[:1] in ('', '.', '[') else '.'}{inner}"
                raise Unreadable(joined, exc.problem) from None
        return found
    except PayloadError as exc:
        raise Unreadable(exc.field, exc.problem) from None


def _results(value: Any, bare: str | None, channel: Channel | None) -> Found:
    """A value that is not a log's usual line: a bare object, or what parse_report refuses."""
    is_dict = isinstance(value, dict)
    if bare is None and not (is_dict and _RESULT_KEYS.isdisjoint(value)):
        return (parse_report(value, channel), None)
    if bare == "error" or (bare is None and is_dict and "permanent" in value):
        return ((Bare(None, parse_error(value, channel), value),), None)
    status = parse_status(value, channel)
    if bare == "status":
        return ((Bare(status, None, value),), None)
    error = parse_error(value, channel)
    status_fits = status.known and not status.mismatches
    error_fits = error.known and not error.mismatches
    if status_fits and not error_fits:
        return ((Bare(status, None, value),), None)
    if error_fits and not status_fits:
        return ((Bare(None, error, value),), None)
    both = "both a status and an error" if status_fits else "neither a known status nor error"
    raise Ambiguous(
        "$", f"the object reads as {both}; say which with --bare-status or --bare-error"
    )


def other_fields(result: Result, envelope: Mapping[str, object] | None) -> list[tuple[str, object]]:
    """The fields of a result besides its message id, status and error, as sent;
    then those of its envelope that it lacks (a send response's bulkId)."""
    raw = result.raw
    fields = [(k, v) for k, v in raw.items() if k not in SHOWN]
    if envelope:
        fields += [(k, v) for k, v in envelope.items() if k not in raw]
    return fields


_API_KEYS: dict[type, frozenset[str]] = {}
"""Each parsed type's fields in the API's shape (its ``to_dict()`` keys), found once."""


def extra_fields(value: ParsedStatus[Any] | ParsedError[Any], sent: object) -> dict[str, object]:
    """The fields of a status or error object that the API's shape does not name."""
    if type(sent) is not dict and not isinstance(sent, Mapping):
        return {}
    known = _API_KEYS.get(type(value))
    if known is None:
        known = _API_KEYS[type(value)] = frozenset(value.to_dict())
    if known.issuperset(sent):  # as a log sends them: nothing more
        return {}
    return {k: v for k, v in sent.items() if k not in known}


def _value_json(
    value: ParsedStatus[Any] | ParsedError[Any], sent: object, **facts: object
) -> dict[str, Any]:
    data = value.to_dict()
    data["known"] = value.known
    data["member"] = None if value.code is None else value.code.name
    data["mismatches"] = list(value.mismatches)
    data.update(facts)
    for key, item in extra_fields(value, sent).items():
        data.setdefault(key, item)
    return data


def result_json(result: Result, envelope: Mapping[str, object] | None) -> dict[str, Any]:
    """A result as data: what the catalogue makes of its status and error, then
    every other field as sent."""
    status, error, raw = result.status, result.error, result.raw
    data: dict[str, Any] = {
        "messageId": result.message_id,
        "status": None
        if status is None
        else _value_json(status, raw.get("status"), final=status.is_final),
        "error": None
        if error is None
        else _value_json(error, raw.get("error"), retryable=error.is_retryable),
    }
    for key, value in other_fields(result, envelope):
        data.setdefault(key, value)
    return data
