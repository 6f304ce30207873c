"""A delivery-report webhook: parse the report, branch on the status group, decide on retries.

Infobip POSTs delivery reports to a URL you configure (``notifyUrl``). This
handler is a plain WSGI application, so it runs under any WSGI server
(``python examples/webhook.py`` serves it on localhost:8000 with wsgiref).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, NoReturn

from infobip_codes import (
    PayloadError,
    SmsErrorCode,
    SmsErrorGroup,
    SmsReport,
    StatusGroup,
    parse_report,
)

Outcome = Literal["delivered", "waiting", "retry", "give_up", "unknown"]


def assert_never(value: NoReturn) -> NoReturn:
    """What type checkers call an impossible case (``typing.assert_never`` from 3.11)."""
    raise AssertionError(f"unhandled case: {value!r}")


@dataclass(frozen=True)
class Decision:
    message_id: str | None
    outcome: Outcome
    reason: str


def decide(report: SmsReport) -> Decision:
    """What to do about one message, from its status and error."""
    status, error = report.status, report.error
    if status is None or status.group is None:
        return Decision(report.message_id, "unknown", "no status group we know")
    match status.group:
        case StatusGroup.DELIVERED:
            return Decision(report.message_id, "delivered", status.name or "delivered")
        case StatusGroup.PENDING | StatusGroup.ACCEPTED:
            return Decision(report.message_id, "waiting", "still on its way")
        case StatusGroup.UNDELIVERABLE | StatusGroup.EXPIRED | StatusGroup.REJECTED:
            if error is None:
                return Decision(report.message_id, "give_up", f"{status.name} without an error")
            if error.code is SmsErrorCode.EC_ABSENT_SUBSCRIBER:
                # the handset is off: worth another try later, whatever else we know
                return Decision(report.message_id, "retry", "subscriber absent")
            if error.code is not None and error.code.group is SmsErrorGroup.USER_ERRORS:
                # typed per channel: .group is an SmsErrorGroup, .permanent a bool | None
                return Decision(report.message_id, "give_up", f"fix the request: {error.name}")
            if error.is_retryable:
                return Decision(report.message_id, "retry", f"temporary: {error.name}")
            return Decision(report.message_id, "give_up", f"permanent: {error.name}")
        case _:
            assert_never(status.group)


StartResponse = Callable[[str, list[tuple[str, str]]], object]


def application(environ: dict[str, object], start_response: StartResponse) -> Iterable[bytes]:
    """WSGI entry point: 200 with the decisions as JSON, 400 for a malformed report."""
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("405 Method Not Allowed", [("Allow", "POST")])
        return [b""]
    try:
        length = int(str(environ.get("CONTENT_LENGTH") or 0))
        stream = environ["wsgi.input"]
        body = stream.read(length) if hasattr(stream, "read") else b""
        decisions = [decide(r) for r in parse_report(json.loads(body), channel="sms")]
    except (ValueError, KeyError) as exc:  # PayloadError and JSONDecodeError are ValueErrors
        problem = str(exc) if isinstance(exc, PayloadError) else "invalid JSON"
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [problem.encode("utf-8")]
    payload = [
        {"messageId": d.message_id, "outcome": d.outcome, "reason": d.reason} for d in decisions
    ]
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(payload).encode("utf-8")]


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    with make_server("127.0.0.1", 8000, application) as server:
        print("listening on http://127.0.0.1:8000/ (Ctrl-C to stop)")
        server.serve_forever()
