"""msgspec with the shipped hooks: unknown ids kept, parsed values in the API's shape."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from conftest import ENUMS, of_a_subclass, run_doc_code
from test_integrations import SMS_REPORT
from typing_extensions import assert_type

from infobip_codes import (
    ParsedError,
    ParsedReport,
    ParsedStatus,
    PayloadError,
    SmsErrorCode,
    SmsReport,
    SmsStatusCode,
    StatusGroup,
    VoiceErrorCode,
    parse_error,
    parse_report,
    parse_status,
)
from infobip_codes.ext.msgspec import OrInt, dec_hook, enc_hook


class Delivery(msgspec.Struct):
    error: OrInt[SmsErrorCode]
    group: OrInt[StatusGroup] | None = None
    errors: list[OrInt[SmsErrorCode]] = []
    strict: SmsErrorCode | None = None


def decode(data: bytes) -> Delivery:
    return msgspec.json.decode(data, type=Delivery, dec_hook=dec_hook)


def test_or_int_keeps_unknown_ids_and_types_as_the_union() -> None:
    known = decode(b'{"error": 27, "group": 3, "errors": [0, 4242]}')
    assert_type(known.error, SmsErrorCode | int)
    assert known.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert known.group is StatusGroup.DELIVERED
    assert known.errors == [SmsErrorCode.NO_ERROR, 4242]
    assert known.errors[0] is SmsErrorCode.NO_ERROR
    assert type(known.errors[1]) is int
    unknown = decode(b'{"error": 99999, "group": null}')
    assert (unknown.error, type(unknown.error), unknown.group) == (99999, int, None)
    assert msgspec.json.decode(msgspec.json.encode(known)) == {
        "error": 27,
        "group": 3,
        "errors": [0, 4242],
        "strict": None,
    }
    # msgpack and convert take the same hooks
    packed = msgspec.msgpack.encode(unknown)
    assert msgspec.msgpack.decode(packed, type=Delivery, dec_hook=dec_hook) == unknown
    assert msgspec.convert({"error": 5603}, Delivery, dec_hook=dec_hook).error == 5603


def test_every_enum_works_as_or_int() -> None:
    for enum in ENUMS:
        member = next(iter(enum))
        any_enum: Any = OrInt  # subscripted with a variable: at run time, as msgspec sees it
        field = msgspec.defstruct("Field", [("code", any_enum[enum])])
        decoded: Any = msgspec.json.decode(
            f'{{"code": {member.value}}}'.encode(), type=field, dec_hook=dec_hook
        )
        assert decoded.code is member


@pytest.mark.parametrize("bad", [b"true", b"27.0", b'"27"', b'"EC_ABSENT_SUBSCRIBER"', b"{}"])
def test_what_is_no_id_is_a_validation_error_naming_the_field(bad: bytes) -> None:
    with pytest.raises(msgspec.ValidationError, match=r"integer id of SmsErrorCode.*\$\.error"):
        decode(b'{"error": ' + bad + b"}")


def test_a_field_typed_with_the_enum_itself_stays_strict() -> None:
    assert decode(b'{"error": 1, "strict": 27}').strict is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    with pytest.raises(msgspec.ValidationError, match="Invalid enum value 99999"):
        decode(b'{"error": 1, "strict": 99999}')


def test_or_int_is_an_annotation_only() -> None:
    at_run_time: Any = OrInt  # to type checkers a Union, which neither call nor isinstance takes
    with pytest.raises(TypeError, match="annotation"):
        at_run_time()
    assert isinstance(VoiceErrorCode.EC_DECLINE, at_run_time)  # msgspec's check of dec_hook
    assert not isinstance(True, at_run_time)


def test_the_hooks_leave_other_types_to_msgspec() -> None:
    class Other:
        pass

    with pytest.raises(NotImplementedError, match="Other"):  # msgspec's word for "not mine"
        msgspec.json.encode(Other(), enc_hook=enc_hook)
    with pytest.raises(NotImplementedError):
        dec_hook(Other, {})


def test_the_hooks_read_and_write_the_parsed_types() -> None:
    [report, _] = parse_report(SMS_REPORT, channel="sms")
    assert report.status is not None
    assert report.error is not None
    for value in (report, report.status, report.error, of_a_subclass(report)):
        assert enc_hook(value) == value.to_dict()
    # read for the channel the type names, as the parse functions read for it
    assert dec_hook(ParsedReport[SmsStatusCode, SmsErrorCode], report.to_dict()) == report
    assert dec_hook(SmsReport, report.to_dict()) == report
    assert dec_hook(ParsedError[SmsErrorCode], report.error.to_dict()) == report.error
    assert dec_hook(ParsedStatus, report.status.to_dict()) == parse_status(report.status.to_dict())
    assert enc_hook(SmsErrorCode.EC_ABSENT_SUBSCRIBER.record) == (
        SmsErrorCode.EC_ABSENT_SUBSCRIBER.record.to_dict()
    )
    with pytest.raises(PayloadError, match="expected a result with messageId"):
        dec_hook(ParsedReport, SMS_REPORT)  # a whole report is no result


class Stored(msgspec.Struct):
    report: ParsedReport[SmsStatusCode, SmsErrorCode]
    status: ParsedStatus[SmsStatusCode] | None = None
    error: ParsedError[SmsErrorCode] | None = None


def test_parsed_values_encode_to_the_api_shape_and_decode_back() -> None:
    for report in parse_report(SMS_REPORT, channel="sms"):
        stored = Stored(report, report.status, report.error)
        encoded = msgspec.json.encode(stored, enc_hook=enc_hook)
        assert msgspec.json.decode(encoded) == {
            "report": report.to_dict(),
            "status": None if report.status is None else report.status.to_dict(),
            "error": None if report.error is None else report.error.to_dict(),
        }
        assert msgspec.json.decode(encoded, type=Stored, dec_hook=dec_hook) == stored


def test_a_malformed_object_is_a_validation_error_naming_the_field() -> None:
    with pytest.raises(msgspec.ValidationError, match=r"expected an integer.*\$\.report"):
        msgspec.json.decode(
            b'{"report": {"messageId": "m", "status": {"id": "5"}}}', type=Stored, dec_hook=dec_hook
        )


def test_an_unknown_code_round_trips() -> None:
    status = parse_status({"id": 4242, "groupId": 3})
    error = parse_error({"id": 99999, "name": "SOMETHING_NEW"})
    sent = {"messageId": "m", "status": status.to_dict(), "error": error.to_dict()}
    [report] = parse_report(sent, channel="sms")
    encoded = msgspec.json.encode(Stored(report), enc_hook=enc_hook)
    assert msgspec.json.decode(encoded, type=Stored, dec_hook=dec_hook).report == report


def test_the_docs_msgspec_section_runs_its_ids() -> None:
    namespace = run_doc_code("msgspec", last=1)
    assert namespace["second"].error == 99999


def test_the_docs_msgspec_section_runs_its_parsed_values() -> None:
    run_doc_code("msgspec")
