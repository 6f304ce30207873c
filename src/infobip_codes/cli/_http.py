"""HTTP error bodies, explained: what failed, whether to retry and when, what is wrong.

``decode`` hands each JSON object it reads to :func:`http_error_in`, which
parses it when it is one of Infobip's HTTP error bodies (a request error or
an API error), and writes it with :func:`http_error_text` or
:func:`http_error_json`. A body comes without its HTTP status, so what failed and whether
to retry are the catalogue's answer for its identifier, where it has one.

``explain`` asks about an identifier alone (``E429``, ``BAD_REQUEST``):
:func:`identifiers_named` answers it as the parser answers a body that
carries nothing else, and :func:`identifier_text` and
:func:`identifier_json` write the identifier's facts with those answers.
``search`` finds identifiers by the words of their meaning
(:func:`identifiers_matching`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infobip_codes.cli._terminal import FACT_INDENT, Style, fact_lines, safe, wrap

if TYPE_CHECKING:
    from collections.abc import Callable

    from infobip_codes import ParsedHttpError
    from infobip_codes._identifiers import HttpErrorIdEnum

__all__ = [
    "close_identifiers",
    "http_error_in",
    "http_error_json",
    "http_error_text",
    "identifier_json",
    "identifier_text",
    "identifiers_matching",
    "identifiers_named",
]

_FAILED = {
    "authentication": "authentication: the credentials were not accepted",
    "authorisation": "authorisation: the caller may not do this",
    "throttled": "throttled: too many requests",
    "client": "the request itself",
    "server": "on Infobip's side",
    None: "unknown: nothing says",
}


def http_error_in(value: object) -> ParsedHttpError | None:
    """``value`` parsed, when it is an HTTP error body of either shape; else None.

    A body of either shape with a malformed field raises ``PayloadError``
    naming it, as ``decode`` reports any bad input.
    """
    from infobip_codes._http import parse_http_error
    from infobip_codes._http_reading import shape_of

    if type(value) is not dict or shape_of(value) is None:
        return None
    return parse_http_error(value)


def http_error_json(error: ParsedHttpError) -> dict[str, Any]:
    """The parsed error for machines: its fields, and the answers."""
    code = error.code
    identifier = error.identifier
    return {
        "shape": error.shape,
        "identifier": None if identifier is None else str.__str__(identifier),
        "known": error.known,
        "member": None if code is None else code.name,  # as decode names a code's member
        "enum": None if code is None else type(code).__name__,
        "meaning": None if code is None else code.meaning,
        "description": error.description,
        "action": error.action,
        "violations": [violation._asdict() for violation in error.violations],
        "resources": [resource._asdict() for resource in error.resources],
        "status": error.status_code,
        "failure": error.failure,
        "retryable": error.retryable,
        "retryAfter": error.retry_after,
    }


def http_error_text(error: ParsedHttpError, style: Style, width: int) -> str:
    """The parsed error for people: one block, every text escaped, one fact a line."""
    code = error.code
    shape = "API error" if error.shape == "api_error" else "request error"
    identifier = "(no identifier)" if error.identifier is None else safe(str(error.identifier))
    known = "" if code is not None else "  (not in the catalogue)"
    lines = [f"{style.bold(f'{shape} {identifier}')}{known}\n"]

    def fact(label: str, text: str) -> None:
        lines.append(fact_lines(style, label, wrap(text, width, FACT_INDENT)))

    lines.append(fact_lines(style, "status", [_status(error)]))
    lines.append(fact_lines(style, "failed", [_failed(error)]))
    lines.append(fact_lines(style, "retry", [_retry(error)]))
    if error.description is not None:
        fact("text" if error.shape == "request_error" else "description", error.description)
    if error.action is not None:
        fact("action", error.action)
    if code is not None:
        fact("meaning", code.meaning)
    violations = [
        f"{style.bad(safe(_or(v.property, '(no property)')))}: "
        f"{safe(_or(v.violation, '(no message)'))}"
        for v in error.violations
    ]
    lines.append(fact_lines(style, "violations", violations))
    resources = [
        "  ".join(safe(part) for part in (r.name, r.url) if part is not None)
        for r in error.resources
    ]
    lines.append(fact_lines(style, "resources", resources))
    return "".join(lines)


def _or(text: str | None, instead: str) -> str:
    return instead if text is None else text


def _status(error: ParsedHttpError) -> str:
    status, code = error.status, error.code
    if status is not None:
        return f"HTTP {status.value} {status.phrase}"
    if error.status_code is not None:
        return f"HTTP {error.status_code}"
    statuses = () if code is None else code.record.statuses
    if not statuses:
        return "not given"
    shown = " or ".join(map(str, statuses))
    return f"not given; {code} comes with HTTP {shown}"


def _failed(error: ParsedHttpError) -> str:
    failure, code = error.failure, error.code
    if failure is None and code is not None:  # its statuses disagree: name each
        from infobip_codes import _rules

        found = dict.fromkeys(_rules.http_failure(status) for status in code.record.statuses)
        if len(found) > 1 and None not in found:
            return f"{' or '.join(map(str, found))}: the HTTP status says which"
    return _FAILED[failure]


def _retry(error: ParsedHttpError) -> str:
    retryable = error.retryable
    if retryable is None:
        return "unknown: nothing says"
    if not retryable:
        return "no: sent again unchanged, it fails again"
    wait = error.retry_after
    if wait is None:
        return "yes, after backing off"
    return f"yes, after {wait} second{'s' * (wait != 1)} (Retry-After)"


def identifiers_named(query: str) -> list[ParsedHttpError]:
    """The HTTP error identifiers ``query`` names, in any case: by the text Infobip
    sends, its member name, or ``Enum.MEMBER`` as ``explain`` prints it. Each is
    parsed as the body that sends it and nothing else: ``decode``'s answers."""
    from infobip_codes.cli._rows import qualified

    whole = query.strip().casefold()
    family, name = qualified(whole)

    def named(member: HttpErrorIdEnum) -> bool:
        if whole in (member.value.casefold(), member.name.casefold()):
            return True
        return type(member).__name__.casefold() == family and (
            name in (member.value.casefold(), member.name.casefold())
        )

    return _identifiers(named)


def identifiers_matching(text: str) -> list[ParsedHttpError]:
    """The HTTP error identifiers whose identifier or meaning has every word of
    ``text`` (in any case), parsed as :func:`identifiers_named` parses them."""
    words = text.casefold().split()

    def matching(member: HttpErrorIdEnum) -> bool:
        return all(w in f"{member.value}\n{member.record.meaning}".casefold() for w in words)

    return _identifiers(matching)


def close_identifiers(query: str) -> str:
    """Identifiers close to ``query`` (a typo's fix) as "A or B"; "" when none is."""
    from infobip_codes.cli._rows import close_names
    from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

    texts = {
        m.value.casefold(): m.value for family in (ApiErrorCode, RequestErrorId) for m in family
    }
    return " or ".join(close_names(query, texts, 2))


def _identifiers(wanted: Callable[[HttpErrorIdEnum], bool]) -> list[ParsedHttpError]:
    from infobip_codes._http import parse_http_error
    from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

    bodies: list[dict[str, Any]] = [
        {"errorCode": code.value} for code in ApiErrorCode if wanted(code)
    ]
    bodies += [
        {"requestError": {"serviceException": {"messageId": error_id.value}}}
        for error_id in RequestErrorId
        if wanted(error_id)
    ]
    return [parse_http_error(body) for body in bodies]


def identifier_json(error: ParsedHttpError) -> dict[str, Any]:
    """An identifier's facts for machines, with what failed and whether to retry."""
    code = error.code
    assert code is not None  # identifiers_named parses only the catalogue's own
    facts = code.record.to_dict()
    return {
        "httpError": {
            **facts,
            "enum": type(code).__name__,  # as explain's code rows name theirs
            "failure": error.failure,
            "retryable": error.retryable,
        }
    }


def identifier_text(error: ParsedHttpError, style: Style, width: int) -> str:
    """An identifier's facts for people, in the layout of :func:`http_error_text`."""
    code = error.code
    assert code is not None  # identifiers_named parses only the catalogue's own
    record = code.record
    if error.shape == "api_error":
        title, where = "API error", "the errorCode of an API error body"
    else:
        title, where = "request error", "the messageId of a request error body"
    lines = [f"{style.bold(f'{title} {safe(record.id)}')}  ({where})\n"]
    statuses = " or ".join(map(str, record.statuses)) or "none shown by its sources"
    facts = [
        ("enum", f"{type(code).__name__}.{code.name}"),
        ("HTTP status", statuses),
        ("failed", _failed(error)),
        ("retry", _retry(error)),
    ]
    if record.same_as is not None:
        other = "a request error's messageId" if error.shape == "api_error" else "an API error"
        facts.append(("same as", f"{record.same_as}, in {other}"))
    facts.append(("meaning", record.meaning))
    for label, text in facts:
        lines.append(fact_lines(style, label, wrap(text, width, FACT_INDENT)))
    lines.append(
        fact_lines(
            style, "sources", [p for s in record.sources for p in wrap(s, width, FACT_INDENT)]
        )
    )
    return "".join(lines)
