"""The command line's explanation of HTTP error bodies, as ``decode`` shows it.

:func:`http_error_in` is what ``decode`` calls on each JSON object it reads:
the parsed error for an HTTP error body of either shape, None for anything
else; :func:`http_error_text` and :func:`http_error_json` write it.
tests/test_cli_http.py runs ``decode`` itself on such bodies.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from http_bodies import ASSEMBLED, BODIES, body

from infobip_codes import PayloadError, RequestErrorId
from infobip_codes.cli._http import http_error_in, http_error_json, http_error_text
from infobip_codes.cli._terminal import Style
from infobip_codes.cli._writers import dumps


def shown(obj: object, *, as_json: bool = False) -> str:
    found = http_error_in(obj)
    assert found is not None
    if as_json:
        return dumps(http_error_json(found), indent=2)
    return http_error_text(found, Style(io.StringIO()), 80)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_a_request_error_with_what_failed_and_what_is_wrong() -> None:
    text = shown(json.loads(body("go-community-400-bad_request")["body"]))
    assert text.splitlines() == [
        "request error BAD_REQUEST",
        "  status       not given; BAD_REQUEST comes with HTTP 400",
        "  failed       the request itself",
        "  retry        no: sent again unchanged, it fails again",
        "  text         Bad request",
        "  meaning      The request was rejected as malformed or as failing validation;",
        "               validationErrors, when present, maps each offending field to its",
        "               messages. Sent again unchanged, it fails again.",
        "  violations   content.text: size must be between 1 and 4096",
        "               content.text: must not be blank",
    ]


def test_an_api_error_with_its_action_and_resources() -> None:
    lines = shown(ASSEMBLED).splitlines()
    assert lines[0] == "API error E500"
    assert "  failed       on Infobip's side" in lines
    assert "  retry        yes, after backing off" in lines
    assert "  action       Action that should be taken to recover from the error" in lines
    assert "  violations   messages[1].content.text: Must not be null." in lines
    assert lines[-2:] == [
        "  resources    API endpoint documentation  "
        "https://www.infobip.com/docs/api/channels/sms/sms-messaging/outbound-sms/send-sms-message",
        "               Error codes description  "
        "https://www.infobip.com/docs/essentials/response-status-and-error-codes",
    ]


def test_without_a_status_the_catalogue_answers_or_says_it_cannot() -> None:
    unauthorized = shown(json.loads(body("py-client-403-unauthorized")["body"]))
    assert "  status       not given; UNAUTHORIZED comes with HTTP 401 or 403" in unauthorized
    assert "  failed       authentication or authorisation: the HTTP status says which" in (
        unauthorized
    )
    unknown = shown({"errorCode": "E418"})
    assert unknown.splitlines()[:4] == [
        "API error E418  (not in the catalogue)",
        "  status       not given",
        "  failed       unknown: nothing says",
        "  retry        unknown: nothing says",
    ]


@pytest.mark.parametrize("entry", BODIES, ids=[entry["id"] for entry in BODIES])
def test_every_quoted_body_is_explained(entry: dict[str, Any]) -> None:
    text = shown(json.loads(entry["body"]))
    first = text.splitlines()[0]
    assert first.startswith(("request error ", "API error "))
    assert "not in the catalogue" not in first
    as_json = json.loads(shown(json.loads(entry["body"]), as_json=True))
    assert as_json["shape"] == entry["shape"]
    assert as_json["known"] is True


def test_json_holds_the_body_and_the_answers() -> None:
    sent = json.loads(body("go-community-429-too_many_requests")["body"])
    assert json.loads(shown(sent, as_json=True)) == {
        "shape": "request_error",
        "identifier": "TOO_MANY_REQUESTS",
        "known": True,
        "member": "TOO_MANY_REQUESTS",
        "enum": "RequestErrorId",
        "meaning": RequestErrorId.TOO_MANY_REQUESTS.meaning,
        "description": "Too many requests",
        "action": None,
        "violations": [],
        "resources": [],
        "status": None,
        "failure": "throttled",
        "retryable": True,
        "retryAfter": None,
    }


def test_every_text_from_the_body_is_escaped() -> None:
    hostile = {
        "errorCode": "E\x1b[2J400",
        "description": "line\nbreak \u202eevil",
        "action": "\x07bell",
        "violations": [{"property": "a\x1b]0;title\x07", "violation": "b\rc"}],
        "resources": [{"name": "\x9bname", "url": "\u2028url"}],
    }
    text = shown(hostile)
    assert not {"\x1b", "\x07", "\u202e", "\x9b", "\u2028"} & set(text)
    assert all(line.isprintable() for line in text.splitlines())
    assert "E\\x1b[2J400" in text
    assert "a\\x1b]0;title\\x07: b\\rc" in text
    assert "\\x9bname  \\u2028url" in text
    assert json.loads(shown(hostile, as_json=True))["description"] == "line\nbreak \u202eevil"
    assert "\\u202e" in shown(hostile, as_json=True)


def test_anything_else_is_none_and_a_malformed_body_an_error() -> None:
    others: list[object] = [{"id": 5}, {"results": []}, {"errorCode": 40001}, [1], "x", None, {}]
    for other in others:
        assert http_error_in(other) is None
    with pytest.raises(PayloadError, match=r"^\$\.violations\[0\]: expected a violation"):
        http_error_in({"errorCode": "E400", "violations": [5]})
