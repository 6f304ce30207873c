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


def _keep(key: tuple[object, ...], value: Any) -> None:
    if sum(len(part) for part in key if type(part) is str) > _MEMO_TEXT:
        return
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = value


def status_from(obj: object, cls: Any, channel: Channel | None, strict: bool) -> Any:
    """A status object as a value of ``cls`` (problems named relative to it: ``$``)."""
    data = obj if type(obj) is dict else as_mapping(obj, "$", "a status object")
    sent = sent_fields(data, "$")
    key = (cls, channel, *sent)
    value = _MEMO.get(key)
    if value is None:
        found = resolve("status", _needs_one(sent, "status", data), channel)
        value = cls._make(
            *found.fields, found.code, found.group, found.channel, found.row, found.mismatches, sent
        )
        _keep(key, value)
    if strict and value.mismatches:
        raise PayloadError("$", "; ".join(value.mismatches), data)
    return value


def error_from(obj: object, cls: Any, channel: Channel | None, strict: bool) -> Any:
    """An error object as a value of ``cls``; ``permanent`` as sent, else the catalogue's."""
    data = obj if type(obj) is dict else as_mapping(obj, "$", "an error object")
    sent = sent_fields(data, "$")
    permanent = data.get("permanent")
    if permanent is not None and permanent is not True and permanent is not False:
        permanent = flag(data, "permanent", "$")  # says what is wrong with it
    key = (cls, channel, permanent, *sent)
    value = _MEMO.get(key)
    if value is None:
        found = resolve("error", _needs_one(sent, "error", data), channel)
        filled = permanent
        if filled is None and found.row is not None:
            filled = found.row.permanent
        value = cls._make(
            *found.fields,
            filled,
            found.code,
            found.group,
            found.channel,
            found.row,
            found.mismatches,
            (*sent, permanent),
        )
        _keep(key, value)
    if strict and value.mismatches:
        raise PayloadError("$", "; ".join(value.mismatches), data)
    return value


def _needs_one(sent: Any, kind: str, data: Mapping[Any, Any]) -> Any:
    if sent[0] is None and sent[1] is None and sent[2] is None and sent[3] is None:
        article = "an" if kind == "error" else "a"
        fields = ("id", "name", "groupId", "groupName", "group_id", "group_name")
        raise PayloadError(
            "$",
            f"{article} {kind} object needs at least one of id, name, groupId, groupName "
            f"({_nulls_or_keys(data, fields)})",
        )
    return sent


def _nulls_or_keys(data: Mapping[Any, Any], fields: tuple[str, ...]) -> str:
    """What a message says of an object that lacks every field it needs: which of
    them it sends as null, else which keys it has."""
    nulls = [field for field in fields if field in data]
    if not nulls:
        return f"found keys: {keys(data)}"
    if len(nulls) == 1:
        return f"{nulls[0]} is null"
    return f"{', '.join(nulls[:-1])} and {nulls[-1]} are null"


def result_from(obj: object, classes: Classes, channel: Channel | None, strict: bool) -> Any:
    """One result (``messageId``, ``status``, ``error`` and whatever else it has)."""
    data = obj if type(obj) is dict else as_mapping(obj, "$", "a result")
    message_id = data.get("messageId")
    if type(message_id) is not str:
        message_id = text(data, "messageId", "$")
    status_obj = data.get("status")
    error_obj = data.get("error")
    if message_id is None and status_obj is None and error_obj is None:
        said = _nulls_or_keys(data, ("messageId", "status", "error"))
        raise PayloadError("$", f"expected a result with messageId, status or error ({said})")
    status = error = None
    try:
        if status_obj is not None:
            status = status_from(status_obj, classes.status, channel, strict)
    except PayloadError as exc:
        raise exc.under("$.status") from None
    try:
        if error_obj is not None:
            error = error_from(error_obj, classes.error, channel, strict)
    except PayloadError as exc:
        raise exc.under("$.error") from None
    return classes.report._make(message_id, status, error, data)


def results(obj: object, classes: Classes, channel: Channel | None, strict: bool) -> Iterator[Any]:
    """The results of a report, response or single result, parsed one by one."""
    data = as_mapping(obj, "$", "a report, response or result")
    for envelope in ("results", "messages"):
        if envelope in data:
            for index, item in items(data[envelope], f"$.{envelope}"):
                try:
                    found = result_from(item, classes, channel, strict)
                except PayloadError as exc:
                    raise exc.under(f"$.{envelope}[{index}]") from None
                except Exception as exc:  # an odd Mapping's own methods raised, say
                    raise _unreadable(f"$.{envelope}[{index}]", exc) from None
                yield found
            return
    yield result_from(data, classes, channel, strict)


def _unreadable(where: str, exc: BaseException) -> PayloadError:
    if isinstance(exc, RecursionError):
        return PayloadError(where, "nested too deeply to read")
    return PayloadError(where, f"could not be read ({type_name(exc)})")


def safely(parse: Callable[..., _T], *args: Any) -> _T:
    """``parse(*args)``, letting only PayloadError out, whatever the input does."""
    try:
        return parse(*args)
    except PayloadError:
        raise
    except Exception as exc:
        raise _unreadable("$", exc) from None
