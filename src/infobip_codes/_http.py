"""The parsed value of an HTTP error: a request that failed as a whole, and why.

Infobip answers such a request (bad credentials, a malformed body, too many
requests, a failure of its own) with an HTTP error status and one of two
bodies: a request error (``{"requestError": {"serviceException": {...}}}``)
or an API error (``{"errorCode": ..., "violations": [...], ...}``).
:class:`ParsedHttpError` holds either, with the status and the wait the
answer's ``Retry-After`` gives; :func:`parse_http_error` builds it, reading
with ``infobip_codes._http_reading``.

What failed and whether to retry are the HTTP status's to say
(``infobip_codes._rules``). Without one, the identifier speaks where the
catalogue knows it and every status it comes with gives the same answer:
``TOO_MANY_REQUESTS`` is retryable, ``UNAUTHORIZED`` (sent with 401 and 403)
is a failure of authentication or authorisation, and no one says which.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from infobip_codes import _pydantic, _rules
from infobip_codes._http_reading import (
    HttpErrorPayload,
    HttpHeaders,
    HttpResource,
    HttpViolation,
    read_http_error,
)
from infobip_codes._identifiers import HttpErrorIdEnum, HttpErrorShape
from infobip_codes._parsed import Parsed, cut
from infobip_codes.http_errors import ApiErrorCode, RequestErrorId
from infobip_codes.tables import Channel

__all__ = ["ParsedHttpError", "parse_http_error"]

_T = TypeVar("_T")
_set = object.__setattr__
_STATUSES = {int(status): status for status in HTTPStatus}


class ParsedHttpError(Parsed):
    """A failed request's HTTP error: its body's fields, its status, and what to do."""

    __slots__ = (
        "_action",
        "_description",
        "_identifier",
        "_policy",
        "_raw",
        "_resources",
        "_retry_after",
        "_shape",
        "_status",
        "_validation_errors",
        "_violations",
    )
    _kinds = ()
    _shape: HttpErrorShape | None
    _identifier: RequestErrorId | ApiErrorCode | str | None
    _description: str | None
    _action: str | None
    _validation_errors: tuple[tuple[str, tuple[str, ...]], ...]
    _violations: tuple[HttpViolation, ...]
    _resources: tuple[HttpResource, ...]
    _status: int | None
    _retry_after: int | None
    _policy: bool
    _raw: Mapping[str, object]

    def __init__(
        self,
        shape: HttpErrorShape | None,
        identifier: RequestErrorId | ApiErrorCode | str | None = None,
        description: str | None = None,
        action: str | None = None,
        validation_errors: tuple[tuple[str, tuple[str, ...]], ...] = (),
        violations: tuple[HttpViolation, ...] = (),
        resources: tuple[HttpResource, ...] = (),
        status: int | None = None,
        retry_after: int | None = None,
        policy: bool = False,
        raw: Mapping[str, object] | None = None,
    ) -> None:
        _fill(self, shape, identifier, description, action, validation_errors, violations)
        _fill_answer(self, resources, status, retry_after, policy, raw)

    @classmethod
    def _make(cls, *state: Any) -> Any:
        self = object.__new__(cls)
        _fill(self, *state[:6])
        _fill_answer(self, *state[6:])
        return self

    def _fields(self) -> tuple[object, ...]:
        return (
            self._shape,
            self._identifier,
            self._description,
            self._action,
            self._validation_errors,
            self._violations,
            self._resources,
            self._status,
            self._retry_after,
            self._policy,
        )

    def _state(self) -> tuple[object, ...]:
        return (*self._fields(), self._raw)

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        return read_http_error(value, None, None, cls)

    @classmethod
    def _api_schema(cls, channel: Channel | None, handler: Any) -> Any:
        return _pydantic.http_error_object_schema(cls.__name__)

    # -- the body -------------------------------------------------------------------------

    @property
    def shape(self) -> HttpErrorShape | None:
        """The body's shape; None where the answer had no error body (an empty body, or
        an HTML page from a proxy: only an exception or a given status is read then)."""
        return self._shape

    @property
    def policy(self) -> bool:
        """True where the request error came as a ``policyException`` (as the retired
        OneAPI sent some), not a ``serviceException``."""
        return self._policy

    @property
    def identifier(self) -> RequestErrorId | ApiErrorCode | str | None:
        """The ``messageId`` or ``errorCode``: a ``RequestErrorId`` or ``ApiErrorCode``
        member where the catalogue knows it, else the plain text as sent."""
        return self._identifier

    @property
    def code(self) -> RequestErrorId | ApiErrorCode | None:
        """The identifier's member, or None for one the catalogue does not know."""
        found = self._identifier
        return found if isinstance(found, RequestErrorId | ApiErrorCode) else None

    @property
    def known(self) -> bool:
        """Whether the catalogue knows the identifier."""
        return isinstance(self._identifier, HttpErrorIdEnum)

    @property
    def description(self) -> str | None:
        """A request error's ``text``, an API error's ``description``."""
        return self._description

    @property
    def action(self) -> str | None:
        """What an API error says to do about it."""
        return self._action

    @property
    def validation_errors(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A request error's ``validationErrors``: each field with its messages, as sent."""
        return self._validation_errors

    @property
    def violations(self) -> tuple[HttpViolation, ...]:
        """An API error's ``violations``; for a request error, one per message of its
        validation errors, the field as the property (as Infobip's Java client reads them)."""
        return self._violations

    @property
    def resources(self) -> tuple[HttpResource, ...]:
        """An API error's ``resources``: pages that help recover."""
        return self._resources

    @property
    def raw(self) -> Mapping[str, object]:
        """The body as received (a model's JSON dump): every field it has."""
        return self._raw

    # -- the answer -----------------------------------------------------------------------

    @property
    def status(self) -> HTTPStatus | None:
        """The HTTP status, where one was given and Python's ``HTTPStatus`` names it."""
        return None if self._status is None else _STATUSES.get(self._status)

    @property
    def status_code(self) -> int | None:
        """The HTTP status as given, whether or not ``HTTPStatus`` names it."""
        return self._status

    @property
    def retry_after(self) -> int | None:
        """The seconds to wait that the answer's ``Retry-After`` gives, or None."""
        return self._retry_after

    @property
    def failure(self) -> _rules.HttpFailure | None:
        """What failed: ``authentication`` (401), ``authorisation`` (403), ``throttled``
        (429), ``client`` (another 4xx) or ``server`` (5xx); None where nothing says."""
        return self._answer(_rules.http_failure)

    @property
    def retryable(self) -> bool | None:
        """True after throttling (429) or a server failure (5xx), False after any other
        4xx, None where nothing says."""
        return self._answer(_rules.http_retryable)

    def _answer(self, rule: Callable[[int | None], _T]) -> _T | None:
        """The rule's answer for the status; without one, for the identifier's statuses
        where they all agree."""
        if self._status is not None:
            return rule(self._status)
        code = self.code
        answers = {rule(status) for status in (() if code is None else code.record.statuses)}
        return answers.pop() if len(answers) == 1 else None

    def to_dict(self) -> dict[str, object]:
        """The body in the API's JSON shape, from the fields read (``raw`` has the rest);
        an empty dict where the answer had no error body."""
        identifier = None if self._identifier is None else str.__str__(self._identifier)
        if self._shape == "api_error":
            return {
                "errorCode": identifier,
                "description": self._description,
                "action": self._action,
                "violations": [v._asdict() for v in self._violations],
                "resources": [r._asdict() for r in self._resources],
            }
        if self._shape is None:
            return {}
        details: dict[str, object] = {"messageId": identifier, "text": self._description}
        if self._validation_errors:
            details["validationErrors"] = {k: list(v) for k, v in self._validation_errors}
        return {
            "requestError": {"policyException" if self._policy else "serviceException": details}
        }

    def __repr__(self) -> str:
        found = self._identifier
        parts = [f"shape={self._shape!r}"]
        if isinstance(found, HttpErrorIdEnum):
            parts.append(f"identifier={type(found).__name__}.{found.name}")
        elif found is not None:
            parts.append(f"identifier={cut(found)!r} (unknown)")
        if self._status is not None:
            parts.append(f"status={self._status}")
        parts.append(f"retryable={self.retryable}")
        if self._retry_after is not None:
            parts.append(f"retry_after={self._retry_after}")
        return f"{type(self).__name__}({', '.join(parts)})"


def parse_http_error(
    obj: HttpErrorPayload, *, status: int | None = None, headers: HttpHeaders | None = None
) -> ParsedHttpError:
    """An HTTP error body, or the SDK's exception, as a :class:`ParsedHttpError`.

    ``obj`` is the body (a mapping, JSON text or bytes, a pydantic model, an
    object with ``to_dict()``), or an exception carrying the whole answer:
    Infobip's SDK raises ``infobip_api_client.exceptions.ApiException``
    with its ``status``, ``body`` and ``headers``. ``status`` and ``headers``
    are the answer's where you have them; they take the place of an
    exception's own. Only :class:`PayloadError` is raised, for malformed
    input, naming the field.
    """
    parsed: ParsedHttpError = read_http_error(obj, status, headers, ParsedHttpError)
    return parsed


def _fill(self: Any, *body: Any) -> None:
    shape, identifier, description, action, validation_errors, violations = body
    _set(self, "_shape", shape)
    _set(self, "_identifier", identifier)
    _set(self, "_description", description)
    _set(self, "_action", action)
    _set(self, "_validation_errors", tuple(validation_errors))
    _set(self, "_violations", tuple(violations))


def _fill_answer(self: Any, *answer: Any) -> None:
    resources, status, retry_after, policy, raw = answer
    _set(self, "_resources", tuple(resources))
    _set(self, "_status", status)
    _set(self, "_retry_after", retry_after)
    _set(self, "_policy", policy)
    _set(self, "_raw", {} if raw is None else raw)
