"""HTTP error bodies: Infobip's own examples, read from every form a user holds.

The bodies are those Infobip's client tests and documentation quote
(``tests/data/http_error_bodies.json``, each with its source); the
exceptions are the SDK's own, raised by its API client against a local
server or built by its ``ApiException.from_response``.
"""

from __future__ import annotations

import copy
import http.client
import io
import json
import pickle
from http import HTTPStatus
from typing import Any

import pytest
from http_bodies import ASSEMBLED, BODIES, body, raised, sdk_raises
from infobip_api_client import ApiError
from infobip_api_client.exceptions import (
    ApiException,
    ForbiddenException,
    ServiceException,
    UnauthorizedException,
)
from infobip_api_client.models.api_exception import ApiException as ApiExceptionModel

from infobip_codes import (
    ApiErrorCode,
    HttpResource,
    HttpViolation,
    ParsedHttpError,
    PayloadError,
    RequestErrorId,
    parse_http_error,
)

IDS = [entry["id"] for entry in BODIES]


def identifier_of(entry: dict[str, Any]) -> str:
    data = json.loads(entry["body"])
    if entry["shape"] == "api_error":
        return str(data["errorCode"])
    return str(data["requestError"]["serviceException"]["messageId"])


# -- every quoted body, in every form -------------------------------------------------------


@pytest.mark.parametrize("name", IDS)
def test_every_quoted_body_reads_the_same_in_every_form(name: str) -> None:
    entry = body(name)
    text, status = entry["body"], entry["http_status"]
    from_text = parse_http_error(text, status=status)
    forms = [
        parse_http_error(text.encode(), status=status),
        parse_http_error(bytearray(text.encode()), status=status),
        parse_http_error(json.loads(text), status=status),
    ]
    assert all(form == from_text for form in forms)
    assert from_text.shape == entry["shape"]
    assert from_text.identifier == identifier_of(entry)
    assert from_text.known  # every identifier Infobip's examples show is catalogued
    assert from_text.code is from_text.identifier
    assert from_text.status_code == status
    assert from_text.raw == json.loads(text)
    # what is read goes back into the same value
    assert parse_http_error(from_text.to_dict(), status=status) == from_text


@pytest.mark.parametrize("name", IDS)
def test_the_sdk_s_exception_for_every_quoted_body(name: str) -> None:
    entry = body(name)
    status = entry["http_status"] or 400  # the one legacy body its source gives no status
    exc = raised(status, entry["body"].encode(), {**entry["response_headers"], "Retry-After": "3"})
    parsed = parse_http_error(exc)
    assert parsed == parse_http_error(entry["body"], status=status, headers={"Retry-After": "3"})
    assert parsed.status is HTTPStatus(status)
    assert parsed.retry_after == 3
    assert parsed.retryable is (status == 429 or status >= 500)


def test_the_api_error_body_field_by_field() -> None:
    # the documentation's throttling example
    parsed = parse_http_error(body("docs-rate-limits-e429")["body"], status=429)
    assert parsed.identifier is ApiErrorCode.E429
    assert parsed.description == "Too many requests sent."
    assert parsed.action == (
        "Check request rate limit specified in the API endpoint documentation resource."
    )
    assert parsed.violations == ()
    assert parsed.resources == (
        HttpResource(
            "Throttling handling errors",
            "/docs/developer-resources/api-fundamentals/rate-limits-and-throttling",
        ),
    )
    assert parsed.failure == "throttled"
    assert parsed.retryable is True
    assert parsed.policy is False
    assert parsed.validation_errors == ()


def test_violations_and_resources_of_an_api_error() -> None:
    parsed = parse_http_error(ASSEMBLED)
    assert parsed.violations == (HttpViolation("messages[1].content.text", "Must not be null."),)
    assert [resource.name for resource in parsed.resources] == [
        "API endpoint documentation",
        "Error codes description",
    ]
    assert parsed.to_dict() == ASSEMBLED


def test_validation_errors_become_violations_one_per_message() -> None:
    parsed = parse_http_error(body("go-community-400-bad_request")["body"])
    assert parsed.validation_errors == (
        ("content.text", ("size must be between 1 and 4096", "must not be blank")),
    )
    assert parsed.violations == (
        HttpViolation("content.text", "size must be between 1 and 4096"),
        HttpViolation("content.text", "must not be blank"),
    )
    assert parsed.description == "Bad request"
    assert parsed.action is None
    assert parsed.failure == "client"
    assert parsed.retryable is False  # no status: BAD_REQUEST comes with 400 only


def test_the_sdk_raises_and_its_exception_is_read_as_it_is() -> None:
    # a real call through the SDK's API client, answered as Infobip answers it
    entry = body("py-client-400-bad_request")
    parsed = parse_http_error(sdk_raises(400, entry["body"].encode(), {"X-Request-Id": "r1"}))
    assert parsed.identifier is RequestErrorId.BAD_REQUEST
    assert parsed.violations == (HttpViolation("messages[0].destinations", "must not be empty"),)
    assert parsed.status is HTTPStatus.BAD_REQUEST
    assert parsed.retryable is False


@pytest.mark.parametrize(
    ("status", "headers", "failure", "retryable", "wait"),
    [
        (401, {}, "authentication", False, None),
        (403, {}, "authorisation", False, None),
        (429, {"Retry-After": "7"}, "throttled", True, 7),
        (503, {"Retry-After": "30"}, "server", True, 30),
    ],
)
def test_the_sdk_s_exception_classes_carry_status_and_headers(
    status: int, headers: dict[str, str], failure: str, retryable: bool, wait: int | None
) -> None:
    content = body("py-client-401-unauthorized")["body"].encode()
    exc = sdk_raises(status, content, headers)
    expected = {401: UnauthorizedException, 403: ForbiddenException, 503: ServiceException}
    assert type(exc) is expected.get(status, ApiException)
    parsed = parse_http_error(exc)
    # UNAUTHORIZED with 401 and with 403: the status tells the two apart
    assert parsed.identifier is RequestErrorId.UNAUTHORIZED
    assert (parsed.failure, parsed.retryable, parsed.retry_after) == (failure, retryable, wait)


def test_an_http_date_is_measured_from_the_answer_s_date() -> None:
    import email.utils
    import time

    later = email.utils.formatdate(time.time() + 90, usegmt=True)
    content = body("cs-client-503-0")["body"].encode()
    exc = sdk_raises(503, content, {"Retry-After": later})
    assert exc.headers is not None
    assert "Date" in exc.headers  # the server sends its own
    wait = parse_http_error(exc).retry_after
    assert wait is not None
    assert 80 <= wait <= 91  # less the seconds between the two clocks' readings


def test_a_proxy_s_page_or_an_empty_body_still_answers_by_status() -> None:
    for status, content in [(502, b"<html>bad gateway</html>"), (409, b""), (503, b"  \n")]:
        parsed = parse_http_error(raised(status, content, {"Retry-After": "120"}))
        assert parsed.shape is None
        assert parsed.identifier is None
        assert parsed.retryable is (status >= 500)
        assert parsed.retry_after == 120
        assert parsed.to_dict() == {}
    # bytes the SDK cannot decode: its body is None, and no data either
    undecodable = raised(400, b"\xff\xfe{}")
    assert undecodable.body is None
    assert parse_http_error(undecodable).status is HTTPStatus.BAD_REQUEST
    # JSON of another kind, as Infobip's Flow API sends: a value, with the body kept
    flow = {"errorCode": 40001, "errorMessage": "Bad request"}
    parsed = parse_http_error(json.dumps(flow), status=400)
    assert (parsed.shape, parsed.raw, parsed.failure) == (None, flow, "client")


def test_a_body_alone_must_be_an_error_body() -> None:
    with pytest.raises(PayloadError, match=r"^\$: invalid JSON"):
        parse_http_error("<html>bad gateway</html>")
    with pytest.raises(PayloadError, match=r"^\$\.errorCode: expected a string, found int 40001"):
        parse_http_error({"errorCode": 40001, "errorMessage": "Bad request"})


def test_the_sdk_s_models_and_a_hand_built_exception() -> None:
    text = body("php-client-400-e400")["body"]
    model = ApiError.from_json(text)
    assert model is not None
    assert parse_http_error(model) == parse_http_error(text)
    legacy = ApiExceptionModel.from_json(body("py-client-429-too_many_requests")["body"])
    assert legacy is not None
    assert parse_http_error(legacy).identifier is RequestErrorId.TOO_MANY_REQUESTS
    # where the body is gone, its parsed model speaks
    by_hand = ApiException(status=400, reason="Bad Request", body=None, data=model)
    assert by_hand.headers is None
    assert parse_http_error(by_hand) == parse_http_error(text, status=400)


def test_a_given_status_and_headers_take_the_place_of_the_exception_s() -> None:
    exc = raised(500, body("php-client-500-e500")["body"].encode(), {"Retry-After": "9"})
    parsed = parse_http_error(exc, status=HTTPStatus.SERVICE_UNAVAILABLE, headers={})
    assert parsed.status is HTTPStatus.SERVICE_UNAVAILABLE
    assert parsed.retry_after is None


def test_a_status_http_status_does_not_name_is_kept() -> None:
    parsed = parse_http_error(body("php-client-500-e500")["body"], status=599)
    assert (parsed.status, parsed.status_code, parsed.failure) == (None, 599, "server")


# -- what the answer says, and what the identifier says without one ----------------------


@pytest.mark.parametrize(
    ("status", "failure", "retryable"),
    [
        (400, "client", False),
        (401, "authentication", False),
        (403, "authorisation", False),
        (404, "client", False),
        (409, "client", False),
        (422, "client", False),
        (429, "throttled", True),
        (500, "server", True),
        (502, "server", True),
        (503, "server", True),
        (200, None, None),  # no error status: nothing says
        (302, None, None),
    ],
)
def test_the_status_says_what_failed_and_whether_to_retry(
    status: int, failure: str | None, retryable: bool | None
) -> None:
    parsed = parse_http_error({"errorCode": "E999"}, status=status)
    assert (parsed.failure, parsed.retryable) == (failure, retryable)


def test_without_a_status_the_catalogue_speaks_where_the_statuses_agree() -> None:
    def answers(identifier: str, shape: str = "messageId") -> tuple[object, object]:
        sent = {"requestError": {"serviceException": {shape: identifier}}}
        parsed = parse_http_error(sent if shape == "messageId" else {"errorCode": identifier})
        return parsed.failure, parsed.retryable

    assert answers("TOO_MANY_REQUESTS") == ("throttled", True)
    assert answers("GENERAL_ERROR") == ("server", True)
    assert answers("E403", "errorCode") == ("authorisation", False)
    assert answers("UNAUTHORIZED") == (None, False)  # 401 or 403: both say no retry
    assert answers("SVC0002") == (None, None)  # its source shows no status
    assert answers("NOBODY_KNOWS") == (None, None)


# -- identifiers: members where known, plain strings otherwise ----------------------------


def test_unknown_identifiers_are_plain_strings() -> None:
    parsed = parse_http_error({"errorCode": "E418", "description": "I'm a teapot"}, status=418)
    assert type(parsed.identifier) is str
    assert parsed.identifier == "E418"
    assert (parsed.known, parsed.code) == (False, None)
    assert parsed.to_dict()["errorCode"] == "E418"


def test_identifiers_are_matched_exactly() -> None:
    assert parse_http_error({"errorCode": "e400"}).identifier == "e400"
    assert not parse_http_error({"errorCode": "e400"}).known
    assert RequestErrorId.from_id("bad_request") is None
    assert RequestErrorId.from_id("0") is RequestErrorId.ZERO
    assert ApiErrorCode.from_id(400) is None
    assert RequestErrorId.BAD_REQUEST == "BAD_REQUEST"
    assert f"{RequestErrorId.BAD_REQUEST}" == str(RequestErrorId.BAD_REQUEST) == "BAD_REQUEST"


def test_a_policy_exception_is_read_and_said() -> None:
    sent = {"requestError": {"policyException": {"messageId": "POL0001", "text": "No."}}}
    parsed = parse_http_error(sent, status=403)
    assert parsed.policy is True
    assert (parsed.identifier, parsed.description, parsed.failure) == (
        "POL0001",
        "No.",
        "authorisation",
    )
    assert parsed.to_dict() == sent
    # a null serviceException beside it is no exception (the legacy OneAPI sends it so)
    assert parse_http_error(
        {"requestError": {"serviceException": None, **sent["requestError"]}}
    ).policy


def test_the_legacy_oneapi_body_keeps_what_it_adds() -> None:
    parsed = parse_http_error(body("oneapi-php-svc0002")["body"])
    assert parsed.identifier is RequestErrorId.SVC0002
    assert parsed.policy is False
    assert parsed.raw["requestError"]["serviceException"]["variables"] == [""]  # type: ignore[index]


# -- Retry-After ----------------------------------------------------------------------------


DATE = "Wed, 21 Oct 2015 07:28:00 GMT"


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"Retry-After": "120"}, 120),
        ({"retry-after": " 0 "}, 0),
        ({"RETRY-AFTER": "9999999999"}, 9999999999),
        ({"Retry-After": "99999999999"}, None),  # beyond ten digits
        ({"Retry-After": "-5"}, None),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "1.5"}, None),
        ({"Retry-After": ""}, None),
        ({"Retry-After": "1" * 65}, None),  # longer than it may be
        ({"Retry-After": 30}, 30),
        ({"Retry-After": -30}, None),
        ({"Retry-After": "Wed, 21 Oct 2015 07:29:00 GMT", "Date": DATE}, 60),
        ({"Retry-After": "Wednesday, 21-Oct-15 07:28:01 GMT", "Date": DATE}, 1),  # RFC 850
        ({"Retry-After": "Wed Oct 21 07:30:00 2015", "Date": DATE}, 120),  # asctime
        ({"Retry-After": "Wed, 21 Oct 2015 07:27:00 GMT", "Date": DATE}, 0),  # past
        ({"Retry-After": "Wed, 21 Oct 2015 07:27:00 GMT"}, 0),  # measured from now
        ({"Date": DATE}, None),
        ([("Retry-After", "5"), ("Retry-After", "8")], 5),  # the first
        ((("retry-after", "5"),), 5),
        (iter([("Retry-After", "4")]), 4),
        ({b"Retry-After": b"6"}, 6),
        ({}, None),
    ],
)
def test_retry_after_in_seconds(headers: Any, wait: int | None) -> None:
    parsed = parse_http_error({"errorCode": "E429"}, status=429, headers=headers)
    assert parsed.retry_after == wait


def test_retry_after_from_now_and_from_http_client_headers() -> None:
    import email.utils
    import time

    soon = email.utils.formatdate(time.time() + 3600, usegmt=True)
    wait = parse_http_error({"errorCode": "E429"}, headers={"Retry-After": soon}).retry_after
    assert wait is not None
    assert 3500 < wait <= 3601
    message = http.client.parse_headers(io.BytesIO(b"Retry-After: 11\r\n\r\n"))
    assert parse_http_error({"errorCode": "E429"}, headers=message).retry_after == 11


@pytest.mark.parametrize(
    ("headers", "field", "found"),
    [
        (5, "headers", "found int 5"),
        ("Retry-After: 5", "headers", "found str"),
        ([("Retry-After",)], "headers", "expected (name, value) pairs"),
        ({5: "x"}, "headers", "expected a string, found int 5"),
        ({"Retry-After": ["5"]}, "headers['Retry-After']", "found list of 1 items"),
    ],
)
def test_malformed_headers_are_payload_errors(headers: Any, field: str, found: str) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_http_error({"errorCode": "E429"}, headers=headers)
    assert caught.value.field == field
    assert found in str(caught.value)


# -- malformed input: PayloadError naming the field ----------------------------------------


@pytest.mark.parametrize(
    ("payload", "field", "found"),
    [
        ("", "$", "invalid JSON"),
        ("[1]", "$", "expected an HTTP error body (a JSON object), found list of 1 items"),
        (None, "$", "expected an HTTP error body, found null"),
        (5, "$", "expected an HTTP error body (a JSON object), found int 5"),
        ({}, "$", "with requestError or errorCode (found keys: none)"),
        ({"results": []}, "$", "(found keys: 'results')"),
        ({"requestError": []}, "$.requestError", "expected a request error (a JSON object)"),
        (
            {"requestError": {"x": 1}},
            "$.requestError",
            "expected serviceException or policyException",
        ),
        (
            {"requestError": {"serviceException": "oops"}},
            "$.requestError.serviceException",
            "found str 'oops'",
        ),
        (
            {"requestError": {"serviceException": {"text": 7}}},
            "$.requestError.serviceException.text",
            "expected a string, found int 7",
        ),
        (
            {"requestError": {"serviceException": {"validationErrors": ["x"]}}},
            "$.requestError.serviceException.validationErrors",
            "found list of 1 items",
        ),
        (
            {"requestError": {"serviceException": {"validationErrors": {"a": 1}}}},
            "$.requestError.serviceException.validationErrors['a']",
            "expected a list, found int 1",
        ),
        ({"errorCode": "E400", "description": 5}, "$.description", "found int 5"),
        ({"errorCode": "E400", "violations": {}}, "$.violations", "expected a list"),
        ({"errorCode": "E400", "violations": [5]}, "$.violations[0]", "found int 5"),
        (
            {"errorCode": "E400", "violations": [{"property": 5}]},
            "$.violations[0].property",
            "found int 5",
        ),
        ({"errorCode": "E400", "resources": [{"url": []}]}, "$.resources[0].url", "found list"),
    ],
)
def test_malformed_bodies_name_the_field(payload: Any, field: str, found: str) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_http_error(payload)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert found in str(caught.value)


@pytest.mark.parametrize("status", [99, 600, True, 400.0, "429", HTTPStatus, -1])
def test_a_status_is_an_integer_from_100_to_599(status: Any) -> None:
    with pytest.raises(PayloadError, match=r"^status: expected an HTTP status"):
        parse_http_error({"errorCode": "E400"}, status=status)


def test_a_malformed_body_is_an_error_even_with_a_status() -> None:
    exc = raised(400, b'{"requestError": {"serviceException": {"messageId": 400}}}')
    with pytest.raises(PayloadError, match=r"serviceException\.messageId: expected a string"):
        parse_http_error(exc)


# -- the value --------------------------------------------------------------------------------


def test_the_value_is_frozen_hashable_and_pickles() -> None:
    entry = body("go-community-400-bad_request")
    parsed = parse_http_error(raised(400, entry["body"].encode(), {"Retry-After": "1"}))
    with pytest.raises(AttributeError, match="immutable"):
        parsed.description = "x"  # type: ignore[misc]
    assert hash(parsed) == hash(copy.copy(parsed))
    again = pickle.loads(pickle.dumps(parsed))
    assert again == parsed
    assert again.raw == parsed.raw
    assert again.retry_after == 1
    assert "identifier=RequestErrorId.BAD_REQUEST" in repr(parsed)
    assert len(repr(parse_http_error({"errorCode": "x" * 10_000}))) < 200


def test_a_pydantic_field_runs_the_parser() -> None:
    from pydantic import BaseModel, ValidationError

    class Failure(BaseModel):
        error: ParsedHttpError

    text = body("php-client-400-e400")["body"]
    model = Failure.model_validate({"error": json.loads(text)})
    assert model.error.identifier is ApiErrorCode.E400
    assert json.loads(model.model_dump_json())["error"] == json.loads(text)
    assert Failure(error=model.error).error is model.error
    with pytest.raises(ValidationError, match=r"\$\.errorCode: expected a string"):
        Failure.model_validate({"error": {"errorCode": 400}})
    for mode in ("validation", "serialization"):  # what is read is what is written
        document = Failure.model_json_schema(mode=mode)
        ref = document["properties"]["error"]["$ref"].rpartition("/")[2]
        schema = document["$defs"][ref]
        assert [each["required"] for each in schema["anyOf"]] == [["requestError"], ["errorCode"]]
