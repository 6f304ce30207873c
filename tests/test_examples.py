"""The examples run, not just type-check."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

import send_wrapper
import webhook


def call(body: bytes, method: str = "POST") -> tuple[str, bytes]:
    seen: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen.append(status)

    environ = {
        "REQUEST_METHOD": method,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    chunks: Iterable[bytes] = webhook.application(environ, start_response)
    return seen[0], b"".join(chunks)


def result(
    message_id: str, status: dict[str, object], error: dict[str, object]
) -> dict[str, object]:
    return {"messageId": message_id, "status": status, "error": error}


def test_webhook_decides_per_message() -> None:
    report = {
        "results": [
            result(
                "ok",
                {"groupId": 3, "groupName": "DELIVERED", "id": 5, "name": "DELIVERED_TO_HANDSET"},
                {"groupId": 0, "groupName": "Ok", "id": 0, "name": "NO_ERROR"},
            ),
            result(
                "off",
                {"groupId": 2, "id": 9, "name": "UNDELIVERABLE_NOT_DELIVERED"},
                {"groupId": 1, "id": 27, "name": "EC_ABSENT_SUBSCRIBER", "permanent": True},
            ),
            result("gone", {"groupId": 2, "id": 9}, {"groupId": 1, "id": 1}),
            result("busy", {"groupId": 2, "id": 9}, {"groupId": 3, "id": 2048}),
            result(
                "new",
                {"groupId": 5, "id": 999, "name": "REJECTED_TOMORROW"},
                {"groupId": 2, "id": 9999, "name": "EC_NEW", "permanent": False},
            ),
            result("wait", {"groupId": 1, "groupName": "PENDING", "id": 26}, {"id": 0}),
        ]
    }
    status, body = call(json.dumps(report).encode())
    assert status == "200 OK"
    decisions = {d["messageId"]: d["outcome"] for d in json.loads(body)}
    assert decisions == {
        "ok": "delivered",
        "off": "retry",  # absent subscriber: retried even though the payload says permanent
        "gone": "give_up",  # EC_UNKNOWN_SUBSCRIBER is permanent in the catalogue
        "busy": "retry",  # EC_TIME_OUT is temporary
        "new": "retry",  # unknown error, payload says not permanent
        "wait": "waiting",
    }


def test_webhook_rejects_malformed_reports() -> None:
    status, body = call(b'{"results": [{"messageId": 5}]}')
    assert status == "400 Bad Request"
    assert body == b"results[0].messageId: expected a string, found int 5"
    assert call(b"not json")[0] == "400 Bad Request"
    assert call(b"", method="GET")[0] == "405 Method Not Allowed"


def fake_transport(answer: Mapping[str, Any]) -> send_wrapper.Transport:
    def transport(body: Mapping[str, object]) -> Mapping[str, Any]:
        assert "messages" in body
        return answer

    return transport


def test_send_wrapper_accepts_and_rejects() -> None:
    pending = {
        "messages": [
            {
                "messageId": "m1",
                "to": "41793026727",
                "status": {
                    "groupId": 1,
                    "groupName": "PENDING",
                    "id": 26,
                    "name": "PENDING_ACCEPTED",
                },
            }
        ]
    }
    accepted = send_wrapper.send_sms(fake_transport(pending), "InfoSMS", "41793026727", "Hi")
    assert accepted == send_wrapper.Accepted("m1", "PENDING_ACCEPTED")
    broke = {"messages": [{"messageId": "m2", "status": {"groupId": 5, "id": 12}}]}
    with pytest.raises(send_wrapper.SendRejected, match="top up the account first") as caught:
        send_wrapper.send_sms(fake_transport(broke), "InfoSMS", "41793026727", "Hi")
    assert caught.value.status_name == "REJECTED_NOT_ENOUGH_CREDITS"
