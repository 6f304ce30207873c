"""What a type checker must accept, with the exact types it must infer.

Checked with ``mypy --strict`` by tests/test_typing.py on every supported Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from http import HTTPStatus
from typing import Literal

from infobip_api_client.exceptions import ApiException
from infobip_api_client.models.api_error import ApiError
from typing_extensions import assert_never, assert_type

from infobip_codes import (
    CHANNELS,
    ApiErrorCode,
    Channel,
    CodeEnum,
    CodeRecord,
    DltErrorCode,
    DltReport,
    EmailErrorCode,
    EmailErrorGroup,
    ErrorCodeEnum,
    ErrorGroupEnum,
    GroupRecord,
    HttpErrorIdEnum,
    HttpErrorIdRecord,
    HttpErrorShape,
    HttpFailure,
    HttpResource,
    HttpViolation,
    MobileIdentityErrorCode,
    ParsedError,
    ParsedHttpError,
    ParsedReport,
    ParsedStatus,
    PayloadError,
    PushErrorGroup,
    PushStatusCode,
    RequestErrorId,
    SmsError,
    SmsErrorCode,
    SmsErrorGroup,
    SmsReport,
    SmsStatusCode,
    StatusCodeEnum,
    StatusGroup,
    VoiceErrorCode,
    VoiceErrorGroup,
    error_by_id,
    error_by_name,
    iter_report,
    member_of,
    parse_error,
    parse_http_error,
    parse_report,
    parse_status,
    records,
    status_by_id,
    status_by_name,
)

# -- every public function's result ---------------------------------------------------
assert_type(records(), tuple[CodeRecord, ...])
assert_type(member_of(records()[0]), CodeEnum)
assert_type(status_by_id(5), StatusCodeEnum | None)
assert_type(status_by_id(5, channel="sms"), SmsStatusCode | None)
assert_type(status_by_id(66, channel="push"), PushStatusCode | SmsStatusCode | None)
assert_type(error_by_id(27), ErrorCodeEnum | None)
assert_type(error_by_id(27, channel="sms"), SmsErrorCode | None)
assert_type(error_by_id(27, "voice"), VoiceErrorCode | Literal[SmsErrorCode.NO_ERROR] | None)
assert_type(status_by_name("DELIVERED_TO_HANDSET"), StatusCodeEnum | None)
assert_type(error_by_name("EC_ABSENT_SUBSCRIBER"), ErrorCodeEnum | None)
assert_type(
    error_by_name("EC_DECLINE", channel="voice"),
    VoiceErrorCode | Literal[SmsErrorCode.NO_ERROR] | None,
)
assert_type(parse_status({"id": 5}), ParsedStatus[StatusCodeEnum])
assert_type(parse_status({"id": 5}, channel="sms").code, SmsStatusCode | None)
assert_type(parse_error({"id": 27}, channel="sms", strict=True), SmsError)
assert_type(
    parse_error({"id": 5603}, channel="voice").code,
    VoiceErrorCode | Literal[SmsErrorCode.NO_ERROR] | None,
)
assert_type(parse_error({"id": 5603}, channel="voice").group, VoiceErrorGroup | None)
assert_type(parse_error({"id": 27}).code, ErrorCodeEnum | None)
assert_type(parse_report({"results": []}), tuple[ParsedReport[StatusCodeEnum, ErrorCodeEnum], ...])
assert_type(parse_report({"results": []}, channel="sms"), tuple[SmsReport, ...])
assert_type(iter_report([], channel="dlt"), Iterator[DltReport])
sms_report: ParsedReport[SmsStatusCode, SmsErrorCode] = parse_report({}, channel="sms")[0]
dlt_report: ParsedReport[SmsStatusCode, DltErrorCode | Literal[SmsErrorCode.NO_ERROR]] = next(
    iter_report([], channel="dlt")
)
assert_type(PayloadError("id", "bad").field, str)
assert_type(PayloadError("id", "bad").line, int | None)
assert_type(CHANNELS, tuple[Channel, ...])

# -- safe conversion at the edge ------------------------------------------------------
assert_type(SmsErrorCode.from_id(27), SmsErrorCode | None)
assert_type(SmsErrorCode.from_name("ec_absent_subscriber"), SmsErrorCode | None)
assert_type(StatusGroup.from_id(0), StatusGroup | None)
assert_type(VoiceErrorGroup.from_name("HANDSET_ERRORS"), VoiceErrorGroup | None)
wanted: Channel = "email"
any_channel: ErrorCodeEnum | None = error_by_id(6001, channel=wanted)  # each channel's type

# -- member attributes ------------------------------------------------------------------
assert_type(SmsErrorCode.EC_ABSENT_SUBSCRIBER, Literal[SmsErrorCode.EC_ABSENT_SUBSCRIBER])
absent = SmsErrorCode.EC_ABSENT_SUBSCRIBER
assert_type(absent, SmsErrorCode)  # a variable widens to the enum
assert_type(absent.group, SmsErrorGroup)  # every sms error row states its group
assert_type(absent.permanent, bool | None)  # not every one states its permanence (511)
assert_type(absent.is_retryable, bool)
assert_type(absent.description, str | None)
assert_type(absent.api_name, str)
assert_type(absent.record, CodeRecord)
assert_type(absent.source, str)
assert_type(absent.records, tuple[CodeRecord, ...])
assert_type(absent.value, int)
assert_type(VoiceErrorCode.EC_DECLINE.group, VoiceErrorGroup)
assert_type(VoiceErrorCode.EC_DECLINE.permanent, bool)
assert_type(EmailErrorCode.EC_EMAIL_BLACKLISTED.group, EmailErrorGroup | None)  # 6034 has none
assert_type(SmsStatusCode.DELIVERED_TO_HANDSET.group, StatusGroup)
assert_type(SmsStatusCode.DELIVERED_TO_HANDSET.is_final, bool)
assert_type(DltErrorCode.EC_BLOCKED_BY_DLT.status, SmsStatusCode)
assert_type(DltErrorCode.EC_BLOCKED_BY_DLT.permanent, None)
assert_type(DltErrorCode.EC_BLOCKED_BY_DLT.group, None)  # a table without groups
assert_type(SmsErrorCode.NO_ERROR.is_ok, bool)
assert_type(MobileIdentityErrorCode.EC_NO_COVERAGE.description, str | None)
assert_type(StatusGroup.PENDING.description, str | None)
assert_type(PushErrorGroup.CLOUD_ERROR.api_name, str)
assert_type(SmsErrorGroup.OK.is_ok, bool)

record = records()[0]
assert_type(record.id, int)
assert_type(record.permanent, bool | None)
assert_type(record.group_id, int | None)
assert_type(record.status_id, int | None)
assert_type(record.aliases, tuple[str, ...])
assert_type(record.channel, Channel)
assert_type(record.to_dict(), dict[str, object])
assert_type(StatusGroup.PENDING.record, GroupRecord)


# -- narrowing through the parsed values -----------------------------------------------
def retry_later(error: ParsedError[ErrorCodeEnum]) -> bool:
    code = error.code
    if code is None:
        assert_type(code, None)
        return error.is_retryable  # unknown code: trust the payload's permanent flag
    assert_type(code, ErrorCodeEnum)
    if code is SmsErrorCode.EC_ABSENT_SUBSCRIBER:
        assert_type(code, Literal[SmsErrorCode.EC_ABSENT_SUBSCRIBER])
        return True
    if isinstance(code, SmsErrorCode):
        assert_type(code.group, SmsErrorGroup)
        return code.group is SmsErrorGroup.HANDSET_ERRORS
    return False


def final(status: ParsedStatus[StatusCodeEnum]) -> bool:
    assert_type(status.code, StatusCodeEnum | None)
    assert_type(status.group, StatusGroup | None)
    if status.group is None:
        return status.is_final
    assert_type(status.group, StatusGroup)
    match status.group:
        case StatusGroup.PENDING | StatusGroup.ACCEPTED:
            return False
        case StatusGroup.UNDELIVERABLE | StatusGroup.DELIVERED:
            return True
        case StatusGroup.EXPIRED | StatusGroup.REJECTED:
            return True
        case _:
            assert_never(status.group)


def group_of(error: ParsedError[ErrorCodeEnum]) -> ErrorGroupEnum | None:
    return error.group


def sms_verdict(payload: dict[str, object]) -> str:
    # With a literal channel, the code's group is the channel's own enum, and a
    # match over it is exhaustive.
    code = parse_error(payload, channel="sms").code
    if code is None:
        return "unknown code"
    group = code.group
    match group:
        case None:
            return "no group"
        case SmsErrorGroup.OK:
            return "ok"
        case SmsErrorGroup.HANDSET_ERRORS:
            return "handset"
        case SmsErrorGroup.USER_ERRORS:
            return "user"
        case SmsErrorGroup.OPERATOR_ERRORS:
            return "operator"
        case _:
            assert_never(group)


def describe(code: SmsErrorCode) -> str:
    # Members compare with members; .value gives the plain int when one is needed.
    if code is SmsErrorCode.NO_ERROR or code.value == 0:
        return "ok"
    return code.api_name


def compare_raw(value: int) -> bool:
    # Not flagged, even under --strict-equality: an IntEnum member is an int, and
    # ``value`` could be anything. This is what the README warns about.
    return value == SmsErrorCode.EC_ABSENT_SUBSCRIBER


def takes_int(value: int) -> int:
    return value


takes_int(SmsErrorCode.EC_ABSENT_SUBSCRIBER)  # also accepted: a member is an int


# -- HTTP error bodies ----------------------------------------------------------------------
failed = parse_http_error('{"errorCode": "E429"}', status=429, headers={"Retry-After": "7"})
assert_type(failed, ParsedHttpError)
assert_type(parse_http_error(b"{}"), ParsedHttpError)
assert_type(parse_http_error({"errorCode": "E400"}, status=HTTPStatus.BAD_REQUEST), ParsedHttpError)
sdk_model = ApiError.from_json("{}")
if sdk_model is not None:  # the SDK's models, as the other parsers take them
    assert_type(parse_http_error(sdk_model), ParsedHttpError)
assert_type(failed.shape, HttpErrorShape | None)
assert_type(failed.identifier, RequestErrorId | ApiErrorCode | str | None)
assert_type(failed.code, RequestErrorId | ApiErrorCode | None)
assert_type(failed.known, bool)
assert_type(failed.description, str | None)
assert_type(failed.action, str | None)
assert_type(failed.violations, tuple[HttpViolation, ...])
assert_type(failed.violations[0].property, str | None)
assert_type(failed.validation_errors, tuple[tuple[str, tuple[str, ...]], ...])
assert_type(failed.resources, tuple[HttpResource, ...])
assert_type(failed.resources[0].url, str | None)
assert_type(failed.status, HTTPStatus | None)
assert_type(failed.status_code, int | None)
assert_type(failed.retryable, bool | None)
assert_type(failed.retry_after, int | None)
assert_type(failed.failure, HttpFailure | None)
assert_type(failed.policy, bool)
assert_type(failed.raw, Mapping[str, object])
assert_type(failed.to_dict(), dict[str, object])
assert_type(RequestErrorId.from_id("BAD_REQUEST"), RequestErrorId | None)
assert_type(ApiErrorCode.E429.http_status, int | None)
assert_type(ApiErrorCode.E429.meaning, str)
assert_type(ApiErrorCode.E429.record, HttpErrorIdRecord)
assert_type(ApiErrorCode.E429.sources, tuple[str, ...])
assert_type(ApiErrorCode.E429.record.statuses, tuple[int, ...])
bad_request = RequestErrorId.BAD_REQUEST
assert_type(bad_request, RequestErrorId)  # a variable widens to the enum
assert_type(bad_request.value, str)
identifier_base: HttpErrorIdEnum = RequestErrorId.ZERO
plain_text: str = ApiErrorCode.E400  # a member is a str


def send(call: Callable[[], object]) -> ParsedHttpError | None:
    try:
        call()
    except ApiException as exc:  # the SDK's exception, handed over as it is
        return parse_http_error(exc)
    return None


def what_to_do(error: ParsedHttpError) -> str:
    # the code narrows to a member of one enum, and a match over both is exhaustive
    code = error.code
    if code is None:
        return "retry" if error.retryable else "give up"
    if isinstance(code, ApiErrorCode):
        assert_type(code, ApiErrorCode)
        return code.meaning
    match code:
        case RequestErrorId.TOO_MANY_REQUESTS | RequestErrorId.GENERAL_ERROR | RequestErrorId.ZERO:
            return "retry"
        case (
            RequestErrorId.BAD_REQUEST
            | RequestErrorId.UNAUTHORIZED
            | RequestErrorId.FORBIDDEN
            | RequestErrorId.NOT_FOUND
            | RequestErrorId.SVC0002
        ):
            return "fix"
        case _:
            assert_never(code)


def failure_words(failure: HttpFailure) -> str:
    match failure:
        case "authentication" | "authorisation":
            return "credentials"
        case "throttled" | "client" | "server":
            return "request"
        case _:
            assert_never(failure)
