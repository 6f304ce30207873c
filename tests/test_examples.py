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

import fastapi_webhook
import send_wrapper
import webhook
from fastapi.testclient import TestClient


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
    assert body == b"$.results[0].messageId: expected a string, found int 5"
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


# -- the FastAPI endpoint, through FastAPI's own test client --------------------------------

client = TestClient(fastapi_webhook.app)


def test_fastapi_webhook_decides_and_takes_unknown_codes() -> None:
    report = {
        "results": [
            {
                **result(
                    "ok",
                    {
                        "groupId": 3,
                        "groupName": "DELIVERED",
                        "id": 5,
                        "name": "DELIVERED_TO_HANDSET",
                    },
                    {"groupId": 0, "groupName": "Ok", "id": 0, "name": "NO_ERROR"},
                ),
                "to": "41793026727",
                "price": {"pricePerMessage": 0.01, "currency": "EUR"},
            },
            result("off", {"groupId": 2, "id": 9}, {"groupId": 1, "id": 27}),
            result(
                "new",
                {"groupId": 2, "groupName": "UNDELIVERABLE", "id": 999, "name": "NEW"},
                {"groupId": 1, "id": 4242, "name": "EC_NEW", "permanent": False},
            ),
            result("gone", {"groupId": 2, "id": 9}, {"groupId": 1, "id": 1}),
            result("wait", {"groupId": 1, "groupName": "PENDING", "id": 26}, {"id": 0}),
            {"messageId": "odd", "status": {"groupId": 42, "groupName": "LIMBO", "id": 4}},
        ]
    }
    answer = client.post("/delivery-reports", json=report)
    assert answer.status_code == 200
    decisions = {d["message_id"]: (d["outcome"], d["code"]) for d in answer.json()}
    assert decisions == {
        "ok": ("delivered", 0),
        "off": ("retry", 27),
        "new": ("retry", 4242),  # unknown: decided on the payload's permanent flag
        "gone": ("give_up", 1),
        "wait": ("waiting", 0),
        "odd": ("unknown", None),
    }
    new = next(d for d in answer.json() if d["message_id"] == "new")
    assert new["error"] == {
        "groupId": 1,
        "groupName": "HANDSET_ERRORS",
        "id": 4242,
        "name": "EC_NEW",
        "description": None,
        "permanent": False,
    }


def test_fastapi_webhook_rejects_malformed_bodies_with_422() -> None:
    answer = client.post("/delivery-reports", json={"results": [{"messageId": 5}]})
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["body", "results", 0]
    assert problem["msg"] == "$.messageId: expected a string, found int 5"
    for body in ({"results": [{"status": {"id": "5"}}]}, {"results": 7}, {}, [1]):
        assert client.post("/delivery-reports", json=body).status_code == 422
    bad_json = client.post(
        "/delivery-reports", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert bad_json.status_code == 422


def test_fastapi_code_parameter_is_an_enum_with_every_meaning_in_openapi() -> None:
    answer = client.get("/sms-errors/27")
    assert answer.status_code == 200
    assert answer.json()["name"] == "EC_ABSENT_SUBSCRIBER"
    assert client.get("/sms-errors/99999").status_code == 422
    assert client.get("/sms-errors/EC_ABSENT_SUBSCRIBER").status_code == 422
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    codes = schemas["SmsErrorCode"]
    absent = next(one for one in codes["oneOf"] if one["const"] == 27)
    assert absent["title"] == "27 EC_ABSENT_SUBSCRIBER"
    assert absent["description"].startswith("The subscriber is offline")
    assert "- 27 EC_ABSENT_SUBSCRIBER: The subscriber is offline" in codes["description"]
    results = schemas["DeliveryReport"]["properties"]["results"]["items"]
    assert results == {"$ref": "#/components/schemas/SmsReport"}  # one component, referenced
    assert set(schemas["SmsReport"]["properties"]) == {"messageId", "status", "error"}
