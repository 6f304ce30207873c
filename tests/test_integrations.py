"""What users already hold: Infobip's Python SDK objects, pydantic models and FastAPI bodies.

Everything here runs the real packages (infobip-api-python-client, pydantic,
FastAPI's TestClient), fed with payloads shaped as the API sends them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from enum import Enum, IntEnum
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
import pytest
from infobip_api_client.api.sms_api import SmsApi
from infobip_api_client.api_client import ApiClient
from infobip_api_client.configuration import Configuration
from infobip_api_client.models.email_reports_result import EmailReportsResult
from infobip_api_client.models.message_error_group import MessageErrorGroup
from infobip_api_client.models.message_general_status import MessageGeneralStatus
from infobip_api_client.models.messages_api_delivery_report import MessagesApiDeliveryReport
from infobip_api_client.models.sms_delivery_result import SmsDeliveryResult
from infobip_api_client.models.sms_response import SmsResponse
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

import infobip_codes
from infobip_codes import (
    ChatErrorCode,
    ChatErrorGroup,
    EmailErrorCode,
    EmailErrorGroup,
    EmailReport,
    ParsedError,
    ParsedReport,
    PayloadError,
    SmsErrorCode,
    SmsErrorGroup,
    SmsReport,
    SmsStatusCode,
    StatusCodeEnum,
    StatusGroup,
    VoiceError,
    VoiceErrorCode,
    VoiceReport,
    VoiceStatus,
    VoiceStatusCode,
    parse_error,
    parse_report,
    parse_status,
)
from infobip_codes.parsing import Payload
from infobip_codes.tables import Channel

# -- payloads as the API sends them ---------------------------------------------------

SMS_REPORT = {
    "results": [
        {
            "bulkId": "BULK-ID-123-xyz",
            "messageId": "MESSAGE-ID-123-xyz",
            "to": "41793026727",
            "sentAt": "2019-11-09T16:00:00.000+0000",
            "doneAt": "2019-11-09T16:00:00.000+0000",
            "smsCount": 1,
            "mccMnc": "22801",
            "price": {"pricePerMessage": 0.01, "currency": "EUR"},
            "status": {
                "groupId": 3,
                "groupName": "DELIVERED",
                "id": 5,
                "name": "DELIVERED_TO_HANDSET",
                "description": "Message delivered to handset",
            },
            "error": {
                "groupId": 0,
                "groupName": "OK",
                "id": 0,
                "name": "NO_ERROR",
                "description": "No Error",
                "permanent": False,
            },
        },
        {
            "bulkId": "BULK-ID-123-xyz",
            "messageId": "MESSAGE-ID-124-xyz",
            "to": "41793026834",
            "sentAt": "2019-11-09T17:00:00.000+0000",
            "doneAt": "2019-11-09T17:00:05.000+0000",
            "smsCount": 1,
            "status": {
                "groupId": 2,
                "groupName": "UNDELIVERABLE",
                "id": 9,
                "name": "UNDELIVERABLE_NOT_DELIVERED",
                "description": "Message sent not delivered",
            },
            "error": {
                "groupId": 1,
                "groupName": "HANDSET_ERRORS",
                "id": 27,
                "name": "EC_ABSENT_SUBSCRIBER",
                "description": "Absent Subscriber",
                "permanent": False,
            },
        },
    ]
}
SMS_SEND_RESPONSE = {
    "bulkId": "2034072219640523072",
    "messages": [
        {
            "messageId": "2250be2d4219-3af1-78856-aabe-1362af1edfd2",
            "status": {
                "groupId": 1,
                "groupName": "PENDING",
                "id": 26,
                "name": "PENDING_ACCEPTED",
                "description": "Message sent to next instance",
            },
            "destination": "41793026727",
            "details": {"messageCount": 1},
        }
    ],
}
EMAIL_REPORT = {
    "results": [
        {
            "bulkId": "csdstgteet4fath2pclbq",
            "messageId": "45653761-3a88-4060-869e-ae372adc7a51",
            "to": "john.doe@somecompany.com",
            "sentAt": "2021-09-02T07:33:37.000+0000",
            "doneAt": "2021-09-02T07:33:39.000+0000",
            "messageCount": 1,
            "price": {"pricePerMessage": 0, "currency": "UNKNOWN"},
            "status": {
                "groupId": 3,
                "groupName": "DELIVERED",
                "id": 5,
                "name": "DELIVERED_TO_HANDSET",
                "description": "Message delivered to handset",
            },
            "error": {
                "groupId": 0,
                "groupName": "OK",
                "id": 0,
                "name": "NO_ERROR",
                "description": "No Error",
                "permanent": False,
            },
        }
    ]
}
WHATSAPP_REPORT = {
    "results": [
        {
            "event": "DELIVERY",
            "channel": "WHATSAPP",
            "sender": "441134960000",
            "destination": "441134960001",
            "sentAt": "2024-04-10T09:21:12.000+0000",
            "doneAt": "2024-04-10T09:21:14.000+0000",
            "bulkId": "bulk-1",
            "messageId": "wa-1",
            "messageCount": 1,
            "status": {
                "groupId": 3,
                "groupName": "DELIVERED",
                "id": 5,
                "name": "DELIVERED_TO_HANDSET",
                "description": "Message delivered to handset",
            },
            "error": {
                "groupId": 0,
                "groupName": "OK",
                "id": 0,
                "name": "NO_ERROR",
                "description": "No Error",
                "permanent": False,
            },
        }
    ]
}


def with_error(report: dict[str, Any], **error: object) -> dict[str, Any]:
    """The report with its first result's error replaced."""
    first = {**report["results"][0], "error": error}
    return {"results": [first, *report["results"][1:]]}


def forms(model: pydantic.BaseModel, raw: dict[str, Any]) -> dict[str, Payload]:
    """Every form a user may hold the same report in."""
    to_dict: Callable[[], dict[str, Any]] = getattr(model, "to_dict")  # noqa: B009 (untyped)
    return {
        "model": model,
        "to_dict()": to_dict(),
        "model_dump()": model.model_dump(),
        "model_dump(by_alias=True)": model.model_dump(by_alias=True),
        "model_dump(mode='json')": model.model_dump(mode="json"),
        "raw JSON": json.loads(json.dumps(raw)),
    }


def shape(reports: tuple[ParsedReport[Any, Any], ...]) -> list[dict[str, object]]:
    """What every form of a report resolves to: each result's id, status and error."""
    return [
        {k: report.to_dict()[k] for k in ("messageId", "status", "error")} for report in reports
    ]


# -- the SDK's objects, in every form -------------------------------------------------


def test_sms_delivery_report_reads_the_same_in_every_form() -> None:
    model = SmsDeliveryResult.from_json(json.dumps(SMS_REPORT))
    assert model is not None
    expected = shape(parse_report(SMS_REPORT, channel="sms"))
    for name, form in forms(model, SMS_REPORT).items():
        parsed = parse_report(form, channel="sms", strict=True)
        assert shape(parsed) == expected, name
        delivered, absent = parsed
        assert delivered.message_id == "MESSAGE-ID-123-xyz", name
        assert delivered.status is not None
        assert delivered.status.code is SmsStatusCode.DELIVERED_TO_HANDSET
        assert type(delivered.status.group_name) is str, name
        assert delivered.status.group_name == "DELIVERED", name
        assert delivered.error is not None
        assert delivered.error.group is SmsErrorGroup.OK
        assert delivered.error.group_name == "OK", name
        assert absent.error is not None
        assert absent.error.code is SmsErrorCode.EC_ABSENT_SUBSCRIBER
        assert absent.error.is_retryable
        assert delivered.to_dict()["to"] == "41793026727", name  # every field is kept
    json.dumps([report.to_dict() for report in parse_report(model)])  # an SDK object: JSON-safe


def test_nested_sdk_objects_parse_on_their_own() -> None:
    model = SmsDeliveryResult.from_json(json.dumps(SMS_REPORT))
    assert model is not None
    assert model.results is not None
    result = model.results[0]
    assert result.status is not None
    assert result.error is not None
    assert result.status.group_name is MessageGeneralStatus.DELIVERED  # a (str, Enum) member
    status = parse_status(result.status, channel="sms", strict=True)
    assert status.group_name == "DELIVERED"
    assert type(status.group_name) is str  # never 'MessageGeneralStatus.DELIVERED'
    assert status.to_dict()["groupName"] == "DELIVERED"
    error = parse_error(result.error, channel="sms", strict=True)
    assert (error.group_name, error.group, error.mismatches) == ("OK", SmsErrorGroup.OK, ())
    [report] = parse_report(result, channel="sms")
    assert report.message_id == "MESSAGE-ID-123-xyz"
    assert report.raw["messageId"] == "MESSAGE-ID-123-xyz"  # a model's raw is its API-named dump


def test_an_unknown_code_keeps_the_group_its_enum_names() -> None:
    sent = {"messageId": "m", "error": {"groupName": MessageErrorGroup.HANDSET_ERRORS, "id": 4242}}
    [report] = parse_report(sent)
    assert report.error is not None
    assert not report.error.known
    assert report.error.group is SmsErrorGroup.HANDSET_ERRORS
    assert report.error.to_dict()["groupName"] == "HANDSET_ERRORS"


def test_snake_case_keys_are_read() -> None:
    sent = {
        "message_id": "m",
        "status": {"group_id": 3, "group_name": "DELIVERED", "id": 5},
        "error": {"group_id": 1, "group_name": "HANDSET_ERRORS", "id": 4242},
    }
    [report] = parse_report(sent)
    assert report.message_id == "m"
    assert report.status is not None
    assert report.status.group is StatusGroup.DELIVERED
    assert report.error is not None
    assert (report.error.group_id, report.error.group) == (1, SmsErrorGroup.HANDSET_ERRORS)


def test_sms_send_response_in_every_form() -> None:
    model = SmsResponse.from_json(json.dumps(SMS_SEND_RESPONSE))
    assert model is not None
    for name, form in forms(model, SMS_SEND_RESPONSE).items():
        [sent] = parse_report(form, channel="sms")
        assert sent.message_id == "2250be2d4219-3af1-78856-aabe-1362af1edfd2", name
        assert sent.status is not None
        assert sent.status.code is SmsStatusCode.PENDING_ACCEPTED, name
        assert sent.status.group_name == "PENDING", name
        assert not sent.status.is_final
        assert sent.error is None


def test_email_report_in_every_form() -> None:
    model = EmailReportsResult.from_json(json.dumps(EMAIL_REPORT))
    assert model is not None
    for name, form in forms(model, EMAIL_REPORT).items():
        [report] = parse_report(form)
        assert report.message_id == "45653761-3a88-4060-869e-ae372adc7a51", name
        assert report.status is not None
        assert report.status.group is StatusGroup.DELIVERED
        assert report.error is not None
        assert report.error.is_ok, name


def test_whatsapp_report_in_every_form() -> None:
    model = MessagesApiDeliveryReport.from_json(json.dumps(WHATSAPP_REPORT))
    assert model is not None
    for name, form in forms(model, WHATSAPP_REPORT).items():
        [report] = parse_report(form, channel="chat")
        assert report.message_id == "wa-1", name
        assert report.status is not None
        assert report.status.group is StatusGroup.DELIVERED
        assert report.error is not None
        assert report.error.id == 0


# -- what the SDK rejects, and the path that survives it -------------------------------

REJECTED_BY_THE_SDK: dict[str, tuple[Any, dict[str, Any], Channel, Callable[[Any], bool]]] = {
    "groupName 'Ok', as the docs print it": (
        SmsDeliveryResult,
        with_error(SMS_REPORT, groupId=0, groupName="Ok", id=0, name="NO_ERROR", permanent=False),
        "sms",
        lambda error: error.group is SmsErrorGroup.OK and error.code is SmsErrorCode.NO_ERROR,
    ),
    "a status group the SDK does not know": (
        SmsDeliveryResult,
        {"results": [{"messageId": "m", "status": {"groupId": 9, "groupName": "LIMBO", "id": 1}}]},
        "sms",
        lambda error: error is None,
    ),
    "an email error of the Bounced group": (
        EmailReportsResult,
        with_error(
            EMAIL_REPORT, groupId=2, groupName="Bounced", id=6006, name="EC_INVALID_EMAIL_ADDRESS"
        ),
        "email",
        lambda error: (
            error.group is EmailErrorGroup.BOUNCED
            and error.code is EmailErrorCode.EC_INVALID_EMAIL_ADDRESS
        ),
    ),
    "a WhatsApp error of a chat group": (
        MessagesApiDeliveryReport,
        with_error(
            WHATSAPP_REPORT, groupId=1, groupName="Client error", id=7003, name="EC_BLOCKED_USER"
        ),
        "chat",
        lambda error: (
            error.group is ChatErrorGroup.CLIENT_ERROR
            and error.code is ChatErrorCode.EC_BLOCKED_USER
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(REJECTED_BY_THE_SDK))
def test_what_the_sdk_rejects_parses_from_the_raw_json(case: str) -> None:
    model_class, report, channel, check = REJECTED_BY_THE_SDK[case]
    body = json.dumps(report)
    with pytest.raises(pydantic.ValidationError):
        model_class.from_json(body)  # the whole batch is lost
    parsed = parse_report(json.loads(body), channel=channel)
    assert len(parsed) == len(report["results"])
    assert check(parsed[0].error)


class _Reports(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def sms_api() -> Iterator[SmsApi]:
    """The SDK's SmsApi against a local server answering with a report the SDK rejects."""
    _Reports.body = json.dumps(
        with_error(SMS_REPORT, groupId=0, groupName="Ok", id=0, name="NO_ERROR")
    ).encode()
    server = HTTPServer(("127.0.0.1", 0), _Reports)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield SmsApi(ApiClient(Configuration(host=host, api_key="not-a-real-key")))
    finally:
        server.shutdown()
        server.server_close()


def test_the_sdk_s_raw_response_method_survives_what_its_models_reject(sms_api: SmsApi) -> None:
    with pytest.raises(pydantic.ValidationError):
        sms_api.get_outbound_sms_message_delivery_reports()
    with pytest.raises(pydantic.ValidationError):
        sms_api.get_outbound_sms_message_delivery_reports_with_http_info()  # deserialises too
    response = sms_api.get_outbound_sms_message_delivery_reports_without_preload_content()
    reports = parse_report(json.loads(response.data), channel="sms")
    assert [r.message_id for r in reports] == ["MESSAGE-ID-123-xyz", "MESSAGE-ID-124-xyz"]
    assert reports[0].error is not None
    assert reports[0].error.group is SmsErrorGroup.OK


# -- anything else is a PayloadError ------------------------------------------------------


class _Dumps:
    def __init__(self, answer: object) -> None:
        self.answer = answer

    def to_dict(self) -> object:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


class _Report:
    def to_dict(self) -> dict[str, Any]:
        return {"groupId": 3, "id": 5}


class _BadModel(BaseModel):
    id: int

    def model_dump(self, **options: Any) -> dict[str, Any]:
        raise RuntimeError("no")


@pytest.mark.parametrize(
    ("obj", "found"),
    [
        (object(), "found object"),
        (SmsDeliveryResult, "found ModelMetaclass"),
        ({1, 2}, "found set"),
        (print, "found builtin_function_or_method"),
        (MessageGeneralStatus.DELIVERED, "found MessageGeneralStatus 'DELIVERED'"),
        (_Dumps([{"id": 5}]), "to_dict() of _Dumps gave list of 1 items"),
        (_Dumps(KeyError("id")), "to_dict() of _Dumps raised KeyError"),
        (_BadModel(id=5), "model_dump() of _BadModel raised RuntimeError"),
    ],
)
def test_other_objects_are_payload_errors(obj: object, found: str) -> None:
    for parse in (parse_report, parse_status, parse_error):
        with pytest.raises(PayloadError, match=re.escape(found)) as caught:
            parse(obj)  # type: ignore[call-overload]
        assert caught.value.field == "$"


def test_an_object_with_to_dict_is_read() -> None:
    status = parse_status(_Report())
    assert status.code is SmsStatusCode.DELIVERED_TO_HANDSET


# -- the parsed values as pydantic field types -------------------------------------------


class Hook(BaseModel):
    results: list[SmsReport]


class Fields(BaseModel):
    any_report: ParsedReport | None = None  # type: ignore[type-arg]
    voice_status: VoiceStatus | None = None
    voice_error: VoiceError | None = None
    email: EmailReport | None = None


def codes(report: ParsedReport[Any, Any]) -> tuple[object, ...]:
    return (report.message_id, report.status, report.error)


def test_a_model_with_parsed_fields_builds_and_runs_the_parser() -> None:
    hook = Hook.model_validate(SMS_REPORT)
    delivered, absent = hook.results
    assert delivered.status is not None
    assert delivered.status.code is SmsStatusCode.DELIVERED_TO_HANDSET
    assert absent.error is not None
    assert absent.error.code is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert Hook.model_validate_json(json.dumps(SMS_REPORT)) == hook
    sdk = SmsDeliveryResult.from_json(json.dumps(SMS_REPORT))
    assert sdk is not None
    from_sdk = Hook.model_validate({"results": sdk.results})  # the SDK's objects too
    assert [codes(r) for r in from_sdk.results] == [codes(r) for r in hook.results]
    # the same results, not equal ones: the SDK rewrites the times and drops smsCount
    assert from_sdk.results[0].raw["sentAt"] != hook.results[0].raw["sentAt"]
    assert Hook(results=list(hook.results)) == hook  # parsed values pass through


def test_the_channel_types_name_the_channel() -> None:
    fields = Fields.model_validate(
        {
            "voice_status": {"id": 53},
            "voice_error": {"id": 5603},
            "email": {"messageId": "e", "error": {"id": 6006}},
        }
    )
    assert isinstance(fields.voice_status, VoiceStatus)
    assert fields.voice_status.code is VoiceStatusCode.REJECTED_INVALID_AUDIO_FILE_URL
    assert fields.voice_status.channel == "voice"
    assert fields.voice_error is not None
    assert fields.voice_error.code is VoiceErrorCode.EC_DECLINE
    assert fields.email is not None
    assert fields.email.error is not None
    assert fields.email.error.code is EmailErrorCode.EC_INVALID_EMAIL_ADDRESS
    assert Hook.model_validate({"results": [{"error": {"id": 5603}}]}).results[0].error.code is None  # type: ignore[union-attr]

    # a voice report carries the general statuses and NO_ERROR: its types say so
    class Voice(BaseModel):
        report: VoiceReport
        spelled: ParsedReport[
            VoiceStatusCode | SmsStatusCode, VoiceErrorCode | Literal[SmsErrorCode.NO_ERROR]
        ]

    payload = {"status": {"id": 5}, "error": {"id": 0, "groupId": 0}}
    voice = Voice.model_validate({"report": payload, "spelled": payload})
    assert type(voice.report) is VoiceReport
    assert voice.report.status is not None
    assert voice.report.status.code is SmsStatusCode.DELIVERED_TO_HANDSET
    assert voice.report.error is not None
    assert voice.report.error.code is SmsErrorCode.NO_ERROR
    assert voice.spelled == voice.report  # the parametrisation is the voice one
    for untrue in (
        "ParsedReport[VoiceStatusCode, VoiceErrorCode]",
        "ParsedReport[PushStatusCode, VoiceErrorCode]",
        "ParsedStatus[VoiceStatusCode]",
        "ParsedError[VoiceErrorCode]",
    ):
        with pytest.raises(TypeError, match=r"no channel's values are .*; these are: "):
            eval(untrue, {name: getattr(infobip_codes, name) for name in infobip_codes.__all__})


def test_unknown_codes_are_values_and_malformed_objects_validation_errors() -> None:
    unknown = {"results": [{"messageId": "n", "status": {"groupId": 5, "id": 999}}]}
    [report] = Hook.model_validate(unknown).results
    assert report.status is not None
    assert not report.status.known
    assert report.status.group is StatusGroup.REJECTED
    with pytest.raises(ValidationError) as caught:
        Hook.model_validate({"results": [SMS_REPORT["results"][0], {"status": {"id": "5"}}]})
    [problem] = caught.value.errors()
    assert problem["loc"] == ("results", 1)
    assert problem["type"] == "infobip_payload"
    assert problem["msg"] == "$.status.id: expected an integer, found str '5'"
    with pytest.raises(ValidationError, match=r"results\.0"):
        Hook.model_validate({"results": [7]})


def test_serialisation_gives_the_api_shape() -> None:
    hook = Hook.model_validate(SMS_REPORT)
    dumped = json.loads(hook.model_dump_json())
    assert dumped == {"results": [r.to_dict() for r in hook.results]}
    assert dumped["results"][0]["status"]["groupName"] == "DELIVERED"
    assert hook.model_dump() == dumped
    assert Hook.model_validate(dumped) == hook  # and it reads back as it was
    assert parse_status({"id": 5}).to_dict()["name"] == "DELIVERED_TO_HANDSET"


def test_the_json_schema_describes_the_object() -> None:
    schema = Hook.model_json_schema()
    defs = schema["$defs"]
    assert schema["properties"]["results"]["items"] == {"$ref": "#/$defs/SmsReport"}
    item = defs["SmsReport"]
    assert item["type"] == "object"
    assert set(item["properties"]) == {"messageId", "status", "error"}
    assert item["properties"]["error"]["anyOf"][0] == {"$ref": "#/$defs/SmsError"}
    assert set(defs["SmsError"]["properties"]) == {
        "groupId",
        "groupName",
        "id",
        "name",
        "description",
        "permanent",
    }
    assert Fields.model_json_schema(mode="serialization")["properties"]["voice_status"]


# -- the enums as pydantic field types ------------------------------------------------------


class Codes(BaseModel):
    error: SmsErrorCode
    group: StatusGroup | None = None
    kept: Annotated[SmsErrorCode | int, Field(union_mode="left_to_right")] = 0
    smart: SmsErrorCode | int = 0


PlainErrors = IntEnum("PlainErrors", {m.name: m.value for m in SmsErrorCode})  # type: ignore[misc]
"""pydantic's own IntEnum with the same members: the enums validate exactly as it does."""

INPUTS: list[object] = [
    27,
    "27",
    27.0,
    27.5,
    True,
    1,
    99999,
    "EC_ABSENT_SUBSCRIBER",
    None,
    "2" * 30,
]


def model_of(enum: type[Any], config: ConfigDict) -> Any:
    return pydantic.create_model("M", __config__=config, code=(enum, ...))


@pytest.mark.parametrize(
    "config", [ConfigDict(), ConfigDict(strict=True), ConfigDict(use_enum_values=True)]
)
def test_enum_fields_validate_as_pydantic_validates_an_int_enum(config: ConfigDict) -> None:
    def accepts(enum: type[Any], value: object, mode: str) -> object:
        model = model_of(enum, config)
        try:
            if mode == "json":
                got = model.model_validate_json(json.dumps({"code": value})).code
            else:
                got = model.model_validate({"code": value}).code
        except ValidationError:
            return "refused"
        return (type(got) is int, int(got))

    for mode in ("python", "json"):
        inputs = INPUTS if mode == "json" else [*INPUTS, SmsErrorCode.EC_ABSENT_SUBSCRIBER]
        for value in inputs:
            plain = PlainErrors(27) if value is SmsErrorCode.EC_ABSENT_SUBSCRIBER else value
            assert accepts(SmsErrorCode, value, mode) == accepts(PlainErrors, plain, mode), (
                mode,
                value,
            )
    got = (
        model_of(SmsErrorCode, config)
        .model_validate({"code": SmsErrorCode.EC_ABSENT_SUBSCRIBER})
        .code
    )
    assert got is (27 if config.get("use_enum_values") else SmsErrorCode.EC_ABSENT_SUBSCRIBER)


def test_an_unknown_id_is_one_short_message() -> None:
    with pytest.raises(ValidationError) as caught:
        Codes.model_validate({"error": 99999})
    [problem] = caught.value.errors()
    assert problem["loc"] == ("error",)
    assert problem["msg"] == "Input should be an id of SmsErrorCode"
    codes = Codes.model_validate({"error": 27, "group": 3})
    assert json.loads(codes.model_dump_json()) == {"error": 27, "group": 3, "kept": 0, "smart": 0}


def test_left_to_right_keeps_the_member_and_unknown_ids() -> None:
    known = Codes.model_validate({"error": 27, "kept": 27, "smart": 27})
    assert known.kept is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert type(known.smart) is int  # pydantic's smart union: an int's exact match is int
    unknown = Codes.model_validate({"error": 27, "kept": 99999})
    assert unknown.kept == 99999
    assert type(unknown.kept) is int


def test_enum_json_schema_names_every_member_with_its_meaning() -> None:
    schema = TypeAdapter(SmsErrorCode).json_schema()
    members = list(SmsErrorCode)
    assert schema["title"] == "SmsErrorCode"
    assert schema["type"] == "integer"
    assert schema["enum"] == [m.value for m in members]
    assert schema["x-enum-varnames"] == [m.name for m in members]
    assert len(schema["x-enum-descriptions"]) == len(members)
    absent = SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert {
        "const": 27,
        "title": "27 EC_ABSENT_SUBSCRIBER",
        "description": absent.description,
    } in schema["oneOf"]
    assert f"- 27 EC_ABSENT_SUBSCRIBER: {absent.description}" in schema["description"]
    defs = Codes.model_json_schema()["$defs"]
    assert set(defs) == {"SmsErrorCode", "StatusGroup"}  # one definition, referenced
    assert defs["StatusGroup"]["oneOf"][3]["title"] == "3 DELIVERED"


# -- no third-party module is loaded unless the user's code loads it ------------------------


def test_the_package_loads_no_third_party_module() -> None:
    script = """
import sys
before = set(sys.modules)
import infobip_codes
for name in infobip_codes.__all__:
    getattr(infobip_codes, name)
from infobip_codes import SmsErrorCode, parse_report, ParsedReport, SmsStatusCode
[r] = parse_report({"messageId": "m", "status": {"id": 5}, "error": {"id": 27}})
r.to_dict(); SmsErrorCode(27).description; ParsedReport[SmsStatusCode, SmsErrorCode]
loaded = {name.partition(".")[0] for name in set(sys.modules) - before}
print("\\n".join(sorted(loaded - set(sys.stdlib_module_names) - {"infobip_codes"})))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []
    assert len(infobip_codes.__all__) > 30


def test_enum_members_are_plain_strings_to_the_parser() -> None:
    class Shouting(str, Enum):
        DELIVERED = "DELIVERED"

        def __str__(self) -> str:
            return "Shouting.DELIVERED"

    status = parse_status({"groupName": Shouting.DELIVERED, "id": 5}, strict=True)
    assert status.group_name == "DELIVERED"
    assert type(status.group_name) is str


# -- type checkers see the same rule ---------------------------------------------------------

TYPED_USE = """\
import json
from infobip_api_client.models.sms_delivery_result import SmsDeliveryResult
from infobip_codes import parse_error, parse_report, parse_status

report = SmsDeliveryResult.from_json("{}")
assert report is not None and report.results is not None
parse_report(report, channel="sms")
parse_report(report.to_dict())
parse_report(report.model_dump())
parse_report(json.loads("{}"))
first = report.results[0]
if first.status is not None and first.error is not None:
    parse_status(first.status)
    parse_error(first.error)
parse_status(first.status)
parse_report(5)
parse_error([{"id": 5}])
"""


def test_mypy_accepts_the_sdk_objects_as_payloads_and_nothing_else(tmp_path: Path) -> None:
    from mypy import api

    source = tmp_path / "typed_use.py"
    source.write_text(TYPED_USE, encoding="utf-8")
    stdout, _, _ = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(source)])
    errors = [line.split(": error: ")[0] for line in stdout.splitlines() if ": error: " in line]
    # the Optional field, the int and the list: nothing else
    assert [int(e.rsplit(":", 1)[1]) for e in errors] == [15, 16, 17], stdout


def test_a_base_enum_field_has_a_valid_schema() -> None:
    # a base class has no members: its schema is an integer, never an empty enum or oneOf
    schema = TypeAdapter(StatusCodeEnum).json_schema()
    assert schema["type"] == "integer"
    adapter = TypeAdapter(StatusCodeEnum)
    assert adapter.validate_python(SmsStatusCode.PENDING_ENROUTE) is SmsStatusCode.PENDING_ENROUTE
    assert "oneOf" not in schema
    assert "enum" not in schema


def test_a_value_parsed_for_another_channel_is_read_again_for_the_field() -> None:
    class SmsOnly(BaseModel):
        error: ParsedError[SmsErrorCode]  # SmsError, spelled as its parametrisation

    voice = parse_error({"id": 5603, "groupId": 3}, channel="voice")
    assert voice.code is VoiceErrorCode.EC_DECLINE
    field = SmsOnly(error=voice).error  # type: ignore[arg-type]  # mypy says so, too
    assert field.code is None  # 5603 is no sms error
    assert field.channel == "sms"
    sms = parse_error({"id": 27}, channel="sms")
    assert SmsOnly(error=sms).error is sms  # already this channel's: kept as it is
