"""From what users hold to parsed values: read, resolve, build.

The value classes are handed in (``infobip_codes._values`` passes its own),
so one path builds every value, whichever entry point or pydantic field asks.

A status or error object's value is a pure function of what it sends and the
channel asked for, so each distinct one is resolved once and the value
shared: a log repeats a few codes, and after the first of each, reading one
costs a few type checks and a dict look-up. The memo is bounded, and values
with long texts are never kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from infobip_codes._errors import PayloadError, keys, type_name
from infobip_codes._reading import as_mapping, flag, items, sent_fields, text
from infobip_codes._resolve import resolve

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from infobip_codes.tables import Channel

__all__ = ["Classes", "error_from", "result_from", "results", "safely", "status_from"]

_T = TypeVar("_T")

_MEMO: dict[tuple[object, ...], Any] = {}
_MEMO_SIZE = 4096  # distinct status and error objects kept; then the memo starts over
_MEMO_TEXT = 512  # a value whose texts are longer than this is not kept


class Classes(NamedTuple):
    """The classes one channel's values are built as."""

    report: Any
    status: Any
    error: Any


def _strictly(value: Any, where: str, strict: bool, data: object) -> Any:
    if strict and value.mismatches:
        raise PayloadError(where, "; ".join(value.mismatches), data)
    return value


def _keep(key: tuple[object, ...], value: Any) -> None:
    if sum(len(part) for part in key if type(part) is str) > _MEMO_TEXT:
        return
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = value


def status_from(obj: object, where: str, cls: Any, channel: Channel | None, strict: bool) -> Any:
    """A status object as a value of ``cls``."""
    data = obj if type(obj) is dict else as_mapping(obj, where, "a status object")
    sent = sent_fields(data, where)
    key = (cls, channel, *sent)
    value = _MEMO.get(key)
    if value is None:
        found = resolve("status", _needs_one(sent, "status", data, where), channel)
        value = cls._make(
            *found.fields, found.code, found.group, found.channel, found.row, found.mismatches
        )
        _keep(key, value)
    return _strictly(value, where, strict, data)


def error_from(obj: object, where: str, cls: Any, channel: Channel | None, strict: bool) -> Any:
    """An error object as a value of ``cls``; ``permanent`` as sent, else the catalogue's."""
    data = obj if type(obj) is dict else as_mapping(obj, where, "an error object")
    sent = sent_fields(data, where)
    permanent = flag(data, "permanent", where)
    key = (cls, channel, permanent, *sent)
    value = _MEMO.get(key)
    if value is None:
        found = resolve("error", _needs_one(sent, "error", data, where), channel)
        if permanent is None and found.row is not None:
            permanent = found.row.permanent
        value = cls._make(
            *found.fields,
            permanent,
            found.code,
            found.group,
            found.channel,
            found.row,
            found.mismatches,
        )
        _keep(key, value)
    return _strictly(value, where, strict, data)


def _needs_one(sent: Any, kind: str, data: Mapping[Any, Any], where: str) -> Any:
    if sent[0] is None and sent[1] is None and sent[2] is None and sent[3] is None:
        article = "an" if kind == "error" else "a"
        raise PayloadError(
            where,
            f"{article} {kind} object needs at least one of id, name, groupId, groupName "
            f"(found keys: {keys(data)})",
        )
    return sent


def result_from(
    obj: object, where: str, classes: Classes, channel: Channel | None, strict: bool
) -> Any:
    """One result (``messageId``, ``status``, ``error`` and whatever else it has)."""
    data = obj if type(obj) is dict else as_mapping(obj, where, "a result")
    message_id = text(data, "messageId", where)
    status_obj = data.get("status")
    error_obj = data.get("error")
    if message_id is None and status_obj is None and error_obj is None:
        raise PayloadError(
            where, f"expected a result with messageId, status or error (found keys: {keys(data)})"
        )
    status = (
        None
        if status_obj is None
        else status_from(status_obj, f"{where}.status", classes.status, channel, strict)
    )
    error = (
        None
        if error_obj is None
        else error_from(error_obj, f"{where}.error", classes.error, channel, strict)
    )
    return classes.report._make(message_id, status, error, data)


def results(obj: object, classes: Classes, channel: Channel | None, strict: bool) -> Iterator[Any]:
    """The results of a report, response or single result, parsed one by one."""
    data = as_mapping(obj, "$", "a report, response or result")
    for envelope in ("results", "messages"):
        if envelope in data:
            for where, item in items(data[envelope], envelope):
                yield safely(where, result_from, item, where, classes, channel, strict)
            return
    yield result_from(data, "$", classes, channel, strict)


def safely(where: str, parse: Callable[..., _T], *args: Any) -> _T:
    """``parse(*args)``, letting only PayloadError out, whatever the input does."""
    try:
        return parse(*args)
    except PayloadError:
        raise
    except RecursionError:
        raise PayloadError(where, "nested too deeply to read") from None
    except Exception as exc:  # an odd Mapping's own methods raised, say
        raise PayloadError(where, f"could not be read ({type_name(exc)})") from None
