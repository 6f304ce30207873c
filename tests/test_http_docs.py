"""The HTTP error examples run: docs/integrations.md's and the FastAPI example's send.

Each calls out to a local server that answers as Infobip does, with the
bodies Infobip's client tests quote (tests/data/http_error_bodies.json).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import pytest
from conftest import run_doc_code
from fastapi.testclient import TestClient
from http_bodies import body, infobip, infobip_answering, sms_api, sms_request
from infobip_api_client import ApiClient, Configuration

from infobip_codes import ApiErrorCode, RequestErrorId

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

import fastapi_webhook

SECTION = "Request failures: the SDK's ApiException"
SENT = json.dumps(
    {
        "bulkId": "b1",
        "messages": [
            {
                "messageId": "m1",
                "destination": "41793026727",
                "status": {
                    "groupId": 1,
                    "groupName": "PENDING",
                    "id": 26,
                    "name": "PENDING_ACCEPTED",
                },
            }
        ],
    }
).encode()


def test_the_docs_send_retries_what_can_succeed_and_gives_up_on_the_rest() -> None:
    namespace = run_doc_code(SECTION, last=1)
    send, send_failed = namespace["send"], namespace["SendFailed"]
    throttled = body("go-community-429-too_many_requests")["body"].encode()
    # throttled twice (Retry-After: 0), then accepted
    with infobip_answering(
        (429, throttled, {"Retry-After": "0"}),
        (429, throttled, {"Retry-After": "0"}),
        (200, SENT, {}),
    ) as (host, asked):
        response = send(sms_api(host), sms_request())
    assert [m.message_id for m in response.messages] == ["m1"]
    assert len(asked) == 3
    # a bad request is not sent again
    bad = body("py-client-400-bad_request")["body"].encode()
    with infobip_answering((400, bad, {})) as (host, asked), pytest.raises(send_failed) as caught:
        send(sms_api(host), sms_request())
    assert len(asked) == 1
    error = caught.value.error
    assert error.identifier is RequestErrorId.BAD_REQUEST
    assert str(caught.value) == (
        "BAD_REQUEST (client): ['messages[0].destinations: must not be empty']"
    )
    # throttled every time: given up after the attempts
    throttling = infobip_answering((429, throttled, {"Retry-After": "0"}))
    with throttling as (host, asked), pytest.raises(send_failed) as caught:
        send(sms_api(host), sms_request(), attempts=2)
    assert len(asked) == 2
    assert caught.value.error.retryable is True


def test_the_docs_read_a_body_held_otherwise() -> None:
    namespace = run_doc_code(SECTION, first=1)
    assert namespace["error"].identifier is ApiErrorCode.E429


# -- the FastAPI example's send ----------------------------------------------------------------

client = TestClient(fastapi_webhook.app)


def post_sms(host: str) -> httpx.Response:
    api = ApiClient(Configuration(host=host, api_key="not-a-real-key"))
    fastapi_webhook.app.dependency_overrides[fastapi_webhook.infobip_client] = lambda: api
    try:
        answer: httpx.Response = client.post("/sms", json={"to": "41793026727", "text": "Hello"})
        return answer
    finally:
        fastapi_webhook.app.dependency_overrides.clear()


def test_fastapi_sends_and_answers_infobip_s_refusals_with_their_reasons() -> None:
    with infobip(200, SENT) as host:
        sent = post_sms(host)
    assert sent.status_code == 200
    assert sent.json() == [{"message_id": "m1", "status": "PENDING_ACCEPTED"}]

    entry = body("php-client-500-e500")
    with infobip(500, entry["body"].encode(), {"Retry-After": "12"}) as host:
        failed = post_sms(host)
    assert failed.status_code == 503
    assert failed.headers["Retry-After"] == "12"
    answer = failed.json()
    assert (answer["failure"], answer["retryable"], answer["retry_after"]) == ("server", True, 12)
    assert answer["infobip"] == json.loads(entry["body"])
    assert answer["reasons"] == ["Something went wrong."]

    entry = body("py-client-400-bad_request")
    with infobip(400, entry["body"].encode()) as host:
        refused = post_sms(host)
    assert refused.status_code == 502
    assert "Retry-After" not in refused.headers
    answer = refused.json()
    assert answer["reasons"] == ["messages[0].destinations: must not be empty"]
    assert (answer["failure"], answer["retryable"]) == ("client", False)


def test_fastapi_documents_the_refusal_in_openapi() -> None:
    operation = client.get("/openapi.json").json()["paths"]["/sms"]["post"]
    assert {"200", "502", "503"} <= set(operation["responses"])
