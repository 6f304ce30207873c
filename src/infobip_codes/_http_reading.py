"""Reading an HTTP error: the SDK's exception, a body in any form, a status, headers.

The value class is handed in (``infobip_codes._http`` passes its own), so
this module builds values without importing their module.

``parse_http_error`` takes the body as a mapping, JSON text or bytes, a
pydantic model or an object with ``to_dict()`` (read by
``infobip_codes._reading``, JSON text by ``infobip_codes._stream.load_json``),
or an exception carrying the whole answer, as Infobip's SDK raises
``ApiException`` with ``status``, ``body`` and ``headers``.

A body alone must be one of the two shapes, or it is a :class:`PayloadError`.
Where the answer is known to be an HTTP failure (an exception, or a status
given), a body that is not an error body at all (empty, an HTML page from a
proxy, JSON of another kind) still gives a value, with ``shape`` None: the
status says what to do. A body that is an error body is read field by field
either way, and a malformed field is a :class:`PayloadError` naming it.

``Retry-After`` is read as RFC 9110 has it: delay-seconds, or an HTTP-date
measured from the answer's ``Date`` (both the server's clock), else from now.
One that is neither, or longer than :data:`MAX_HEADER` characters, is
ignored, as a recipient may ignore an invalid header field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple, Protocol, Union

from infobip_codes._errors import PayloadError, key_text, keys, plain_int, plain_str, preview
from infobip_codes._identifiers import HttpErrorShape
from infobip_codes._parse import safely
from infobip_codes._reading import HasToDict, Model, as_mapping, items, text
from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

__all__ = [
    "MAX_HEADER",
    "ApiExceptionLike",
    "HasItems",
    "HttpErrorPayload",
    "HttpHeaders",
    "HttpResource",
    "HttpViolation",
    "read_http_error",
    "shape_of",
]

MAX_HEADER = 64
"""Characters of a ``Retry-After`` or ``Date`` value read; a longer one is ignored."""
_DIGITS = re.compile(r"[0-9]{1,10}")  # delay-seconds up to ten digits (over 300 years)


class ApiExceptionLike(Protocol):
    """An exception carrying an HTTP answer, as Infobip's SDK raises ``ApiException``
    (``infobip_api_client.exceptions.ApiException``): status, body and headers."""

    @property
    def status(self) -> object: ...

    @property
    def body(self) -> object: ...

    @property
    def headers(self) -> object: ...


class HasItems(Protocol):
    """Headers that give their ``(name, value)`` pairs: a mapping, urllib3's and
    httpx's header classes, ``http.client.HTTPMessage``."""

    def items(self) -> Iterable[tuple[Any, Any]]: ...


HttpHeaders = Union[HasItems, Iterable[tuple[str, str]]]  # noqa: UP007 (a runtime alias on 3.10)
"""An answer's headers: anything with ``items()``, or ``(name, value)`` pairs."""

HttpErrorPayload = Union[  # noqa: UP007 (a runtime alias on 3.10)
    Mapping[str, Any], str, bytes, bytearray, Model, HasToDict, ApiExceptionLike
]
"""What :func:`parse_http_error` reads: a body (a mapping, JSON text or bytes, a model,
an object with ``to_dict()``) or an exception carrying the whole answer."""

_MISSING = object()


class HttpViolation(NamedTuple):
    """One thing wrong with the request: the property at fault and what is wrong with it."""

    property: str | None
    """The path of the offending property (``messages[0].destinations``), or None."""
    violation: str | None
    """What is wrong with it (``must not be empty``), or None."""


class HttpResource(NamedTuple):
    """A page that helps recover from an API error."""

    name: str | None
    """What the page is (``API endpoint documentation``), or None."""
    url: str | None
    """Where it is, as sent (absolute or a path on infobip.com), or None."""


def read_http_error(obj: object, status: object, headers: object, cls: Any) -> Any:
    """What ``parse_http_error`` reads, built as a value of ``cls``: only PayloadError
    comes out, whatever the input is or does."""
    return safely(_read, obj, status, headers, cls)


def shape_of(data: Mapping[Any, Any]) -> HttpErrorShape | None:
    """Which error body a JSON object is, by its key: ``requestError``, or an
    ``errorCode`` that is a string; None for neither."""
    if data.get("requestError") is not None:
        return "request_error"
    return "api_error" if isinstance(data.get("errorCode"), str) else None


def _read(obj: object, status: object, headers: object, cls: Any) -> Any:
    answered = False  # whether the input is known to be an HTTP failure
    body = obj
    if not isinstance(obj, Mapping | str | bytes | bytearray):
        found = getattr(obj, "body", _MISSING)
        if found is not _MISSING:  # an exception with the whole answer
            answered = True
            body = found if found is not None else getattr(obj, "data", None)
            status = getattr(obj, "status", None) if status is None else status
            headers = getattr(obj, "headers", None) if headers is None else headers
    code = _status(status)
    answered = answered or code is not None
    wait = _retry_after(headers)
    data = _body(body, answered)
    shape = None if data is None else shape_of(data)
    if data is None or shape is None:
        if not answered and data is not None:
            _not_an_error_body(data)
        return cls._make(None, None, None, None, (), (), (), code, wait, False, data)
    fields = _request_error(data) if shape == "request_error" else _api_error(data)
    return cls._make(shape, *fields[:6], code, wait, fields[6], data)


def _status(value: object) -> int | None:
    if value is None:
        return None
    plain = plain_int(value)  # an IntEnum (HTTPStatus) counts by its value
    if plain is not None and 100 <= plain <= 599:
        return plain
    problem = f"expected an HTTP status (an integer from 100 to 599), found {preview(value)}"
    raise PayloadError("status", problem, value)


def _body(body: object, answered: bool) -> Mapping[Any, Any] | None:
    """The body as a JSON object; None where an answer's body is none (answered only)."""
    if body is None or isinstance(body, str | bytes | bytearray):
        plain = None if body is None else _plain_text(body)
        if answered and (plain is None or not plain.strip()):
            return None
        if plain is None:
            raise PayloadError("$", "expected an HTTP error body, found null")
        from infobip_codes._stream import load_json  # imports the report parser: on use only

        try:
            loaded = load_json(plain)
        except PayloadError:
            if answered:  # an HTML page from a proxy, say: the status still speaks
                return None
            raise
        if isinstance(loaded, dict):
            return loaded
        if answered:
            return None
        body = loaded
    return as_mapping(body, "$", "an HTTP error body")


def _plain_text(body: str | bytes | bytearray) -> str | bytes:
    return str.__str__(body) if isinstance(body, str) else bytes(body)


def _not_an_error_body(data: Mapping[Any, Any]) -> None:
    code = data.get("errorCode")
    if code is not None:
        raise PayloadError("$.errorCode", f"expected a string, found {preview(code)}", code)
    found = f"found keys: {keys(data)}"
    raise PayloadError(
        "$", f"expected an HTTP error body, with requestError or errorCode ({found})"
    )


def _request_error(data: Mapping[Any, Any]) -> tuple[Any, ...]:
    """A request error's fields: identifier, text, no action, validation errors,
    violations, no resources, and whether it came as a policyException."""
    request = as_mapping(data["requestError"], "$.requestError", "a request error")
    for key in ("serviceException", "policyException"):
        if request.get(key) is not None:
            break
    else:
        found = f"found keys: {keys(request)}"
        problem = f"expected serviceException or policyException ({found})"
        raise PayloadError("$.requestError", problem)
    where = f"$.requestError.{key}"
    details = as_mapping(request[key], where, "the error's details")
    message_id = text(details, "messageId", where)
    validation = _validation_errors(details.get("validationErrors"), f"{where}.validationErrors")
    violations = tuple(HttpViolation(f, m) for f, messages in validation for m in messages)
    identifier = RequestErrorId.from_id(message_id) or message_id
    description = text(details, "text", where)
    return (identifier, description, None, validation, violations, (), key == "policyException")


def _validation_errors(value: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each field with its messages; a single message is read as a list of one."""
    if value is None:
        return ()
    fields = as_mapping(value, where, "validation errors")
    found = []
    for field, messages in fields.items():
        at = f"{where}[{key_text(field)}]"
        if not isinstance(field, str):
            raise PayloadError(at, f"expected a field name (a string), found {preview(field)}")
        if messages is None or isinstance(messages, str):
            listed: Iterable[tuple[str, Any]] = [] if messages is None else [(at, messages)]
        else:
            listed = ((f"{at}[{i}]", message) for i, message in items(messages, at))
        texts = tuple(_message(message, each) for each, message in listed)
        found.append((str.__str__(field), texts))
    return tuple(found)


def _message(value: object, where: str) -> str:
    plain = plain_str(value)
    if plain is not None:
        return plain
    raise PayloadError(where, f"expected a string, found {preview(value)}", value)


def _api_error(data: Mapping[Any, Any]) -> tuple[Any, ...]:
    """An API error's fields, in the order of :func:`_request_error`'s."""
    code = text(data, "errorCode", "$")
    violations = tuple(
        HttpViolation(text(v, "property", w), text(v, "violation", w))
        for w, v in _objects(data.get("violations"), "$.violations", "a violation")
    )
    resources = tuple(
        HttpResource(text(r, "name", w), text(r, "url", w))
        for w, r in _objects(data.get("resources"), "$.resources", "a resource")
    )
    identifier = ApiErrorCode.from_id(code) or code
    description, action = text(data, "description", "$"), text(data, "action", "$")
    return (identifier, description, action, (), violations, resources, False)


def _objects(value: object, where: str, what: str) -> Iterable[tuple[str, Mapping[Any, Any]]]:
    if value is None:
        return
    for index, item in items(value, where):
        at = f"{where}[{index}]"
        yield at, as_mapping(item, at, what)


# -- Retry-After ---------------------------------------------------------------------------


def _retry_after(headers: object) -> int | None:
    """The wait ``Retry-After`` gives, in whole seconds; None where it gives none."""
    if headers is None:
        return None
    retry, date = _headers(headers)
    if retry is None:
        return None
    if _DIGITS.fullmatch(retry):
        return int(retry)
    at = _http_date(retry)
    if at is None:
        return None
    since = None if date is None else _http_date(date)
    now = datetime.now(timezone.utc) if since is None else since
    return max(0, math.ceil((at - now).total_seconds()))


def _http_date(value: str) -> datetime | None:
    try:
        found = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # asctime and "-0000" dates come without a zone: HTTP-dates are in GMT
    return found if found.tzinfo is not None else found.replace(tzinfo=timezone.utc)


_WANTED = ("retry-after", "date")


def _headers(headers: object) -> tuple[str | None, str | None]:
    """The first ``Retry-After`` and ``Date`` values (names in any case), as text; None
    for one that is missing or longer than MAX_HEADER characters."""
    items_of = getattr(type(headers), "items", None)
    if callable(items_of):
        pairs = items_of(headers)
    elif isinstance(headers, Iterable) and not isinstance(headers, str | bytes | bytearray):
        pairs = headers
    else:
        problem = "expected a mapping of names to values, or (name, value) pairs"
        raise PayloadError("headers", f"{problem}, found {preview(headers)}", headers)
    found: dict[str, str | None] = {}
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise PayloadError("headers", f"expected (name, value) pairs, found {preview(pair)}")
        key, value = pair
        plain = bytes(key).decode("latin-1") if isinstance(key, bytes | bytearray) else key
        name = _message(plain, "headers").casefold()
        if name in _WANTED and name not in found:
            value = _text(value, f"headers[{key_text(key)}]")
            found[name] = value.strip(" \t") if len(value) <= MAX_HEADER else None
            if len(found) == len(_WANTED):
                break
    return found.get("retry-after"), found.get("date")


def _text(value: object, where: str) -> str:
    """A header's value as text: bytes are Latin-1, HTTP's own octets; a non-negative
    int (a wait in seconds) is read as its digits where it has few."""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("latin-1")
    plain = plain_int(value)
    if plain is not None:
        return int.__repr__(plain) if 0 <= plain < 10**10 else ""
    return _message(value, where)
