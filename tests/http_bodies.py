"""Infobip's HTTP error bodies as its client tests and documentation quote them, and
Infobip's SDK raising its ``ApiException`` for them, as it does for a real answer.

``tests/data/http_error_bodies.json`` holds each body byte for byte, with its
HTTP status, the response headers its test sends, and its source (repository,
path at a commit, and test; or the documentation page). The texts are
Infobip's, quoted as data.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import urllib3
from infobip_api_client import (
    ApiClient,
    Configuration,
    SmsApi,
    SmsDestination,
    SmsMessage,
    SmsMessageContent,
    SmsRequest,
    SmsTextContent,
)
from infobip_api_client.exceptions import ApiException
from infobip_api_client.rest import RESTResponse

DATA = Path(__file__).resolve().parent / "data" / "http_error_bodies.json"
_ALL = json.loads(DATA.read_text(encoding="utf-8"))
BODIES: list[dict[str, Any]] = _ALL["bodies"]
"""Each quoted body: ``id``, ``shape``, ``http_status``, ``body`` (the exact text),
``response_headers``, ``source``."""
ASSEMBLED: dict[str, Any] = _ALL["derived_not_quoted"][0]["values"]
"""The one official example with violations and two resources, assembled from the
values a test of Infobip's Java client sets (not a body it quotes)."""


def body(name: str) -> dict[str, Any]:
    """One quoted body's entry, by its id."""
    return next(entry for entry in BODIES if entry["id"] == name)


def raised(status: int, content: bytes, headers: Mapping[str, str] | None = None) -> ApiException:
    """The exception the SDK raises for this answer, built by the SDK's own
    ``ApiException.from_response`` from a urllib3 response, as its API client does."""
    answer = urllib3.HTTPResponse(
        body=content,
        status=status,
        reason="Reason",
        headers=dict(headers or {}),
        preload_content=True,
    )
    response = RESTResponse(answer)
    response.read()  # type: ignore[no-untyped-call]  # the SDK leaves it unannotated
    try:
        ApiException.from_response(http_resp=response, body=None, data=None)
    except ApiException as exc:
        return exc
    raise AssertionError("from_response always raises")


Answer = tuple[int, bytes, Mapping[str, str]]
"""An HTTP answer: status, body, headers."""


class _Answers(BaseHTTPRequestHandler):
    answers: list[Answer]
    asked: list[str]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).asked.append(self.path)
        answers = type(self).answers
        status, content, headers = answers.pop(0) if len(answers) > 1 else answers[0]
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def infobip_answering(*answers: Answer) -> Iterator[tuple[str, list[str]]]:
    """A local server giving these answers to POSTs in turn (the last for every later
    one); yields its base URL (the SDK takes plain http for a local host only) and the
    paths it was asked for, as it is asked."""
    asked: list[str] = []
    handler = type("Answers", (_Answers,), {"answers": list(answers), "asked": asked})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def infobip(status: int, content: bytes, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """A local server answering every POST so; yields its base URL."""
    with infobip_answering((status, content, dict(headers or {}))) as (host, _):
        yield host


def sms_api(host: str) -> SmsApi:
    """The SDK's SMS API, calling ``host``."""
    return SmsApi(ApiClient(Configuration(host=host, api_key="not-a-real-key")))


def sms_request() -> SmsRequest:
    content = SmsMessageContent(actual_instance=SmsTextContent(text="Hello"))
    message = SmsMessage(
        destinations=[SmsDestination(to="41793026727")], sender="InfoSMS", content=content
    )
    return SmsRequest(messages=[message])


def send_sms(host: str) -> None:
    """One SMS through the SDK's ``send_sms_messages`` (POST /sms/3/messages)."""
    sms_api(host).send_sms_messages(sms_request=sms_request())


def sdk_raises(
    status: int, content: bytes, headers: Mapping[str, str] | None = None
) -> ApiException:
    """What the SDK raises when Infobip answers an SMS send so."""
    with infobip(status, content, headers) as host:
        try:
            send_sms(host)
        except ApiException as exc:
            return exc
    raise AssertionError(f"the SDK raised nothing for HTTP {status}")
