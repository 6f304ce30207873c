"""A parsed value is what was sent plus what the catalogue says, and never confuses the two.

A value read again for another channel (a pydantic or msgspec field of that
channel's type) is read from the fields the payload sent, not from what the
first channel's catalogue filled in; a report is equal to another only when
every field it shows is; its ``raw`` is its own.
"""

from __future__ import annotations

import pickle
from typing import Any

import msgspec
import pytest
from pydantic import TypeAdapter

from infobip_codes import (
    ParsedError,
    ParsedStatus,
    SmsReport,
    VoiceError,
    VoiceReport,
    VoiceStatus,
    parse_error,
    parse_report,
    parse_status,
)
from infobip_codes.ext.msgspec import dec_hook

SENT_ERRORS = [
    {"id": 27},  # sms fills in a name, a group and permanent: false; voice has no 27
    {"id": 5603},  # voice's, unknown to sms
    {"id": 27, "groupId": 1, "permanent": True},
    {"name": "EC_ABSENT_SUBSCRIBER"},
    {"id": 0, "groupId": 0},
]


@pytest.mark.parametrize("sent", SENT_ERRORS)
def test_an_error_read_again_for_another_channel_is_read_from_what_was_sent(
    sent: dict[str, object],
) -> None:
    expected = parse_error(sent, channel="voice")
    for first in ("sms", "email", None):
        parsed = parse_error(sent, channel=first)
        again = TypeAdapter(VoiceError).validate_python(parsed)
        assert again == expected
        assert (again.permanent, again.is_retryable, again.advice) == (
            expected.permanent,
            expected.is_retryable,
            expected.advice,
        )

        class Holder(msgspec.Struct):
            error: VoiceError

        held = msgspec.convert({"error": parsed}, type=Holder, dec_hook=dec_hook)
        assert held.error == expected


def test_a_status_and_a_report_read_again_are_read_from_what_was_sent() -> None:
    sent = {"messageId": "m", "to": "41", "status": {"id": 5}, "error": {"id": 27}}
    [sms] = parse_report(sent, channel="sms")
    [voice] = parse_report(sent, channel="voice")
    assert isinstance(sms, SmsReport)
    assert TypeAdapter(VoiceReport).validate_python(sms) == voice
    status = parse_status({"id": 5}, channel="sms")
    assert TypeAdapter(VoiceStatus).validate_python(status) == parse_status(
        {"id": 5}, channel="voice"
    )


def test_what_was_sent_survives_pickling() -> None:
    parsed = parse_error({"id": 27}, channel="sms")
    copy = pickle.loads(pickle.dumps(parsed))
    assert copy == parsed
    again = TypeAdapter(VoiceError).validate_python(copy)
    assert again == parse_error({"id": 27}, channel="voice")


def test_a_value_built_by_hand_is_read_again_from_its_api_shape() -> None:
    built: ParsedError[Any] = ParsedError(
        27, "EC_ABSENT_SUBSCRIBER", 1, "HANDSET_ERRORS", None, False, None, None
    )
    again = TypeAdapter(ParsedError).validate_python(built)
    assert again.to_dict() == {**built.to_dict(), "description": again.description}
    status: ParsedStatus[Any] = ParsedStatus(5, None, None, None, None, None, None)
    assert TypeAdapter(ParsedStatus).validate_python(status).id == 5


def test_results_that_differ_in_any_field_are_not_equal() -> None:
    a, b = parse_report(
        {"results": [{"to": "111", "status": {"id": 5}}, {"to": "222", "status": {"id": 5}}]}
    )
    assert a.to_dict() != b.to_dict()
    assert a != b
    assert len({a, b}) == 2
    [again] = parse_report({"to": "111", "status": {"id": 5, "name": "DELIVERED_TO_HANDSET"}})
    assert again == a  # the status as resolved is the same: the results are equal
    assert hash(again) == hash(a)


def test_raw_is_the_values_own() -> None:
    sent: dict[str, object] = {"messageId": "m", "to": "41", "tags": ["a"]}
    [report] = parse_report(sent)
    sent["to"] = "42"
    assert report.raw["to"] == "41"
    handed: Any = report.raw
    handed["to"] = "43"  # a new dict each time: the value does not change
    assert report.raw["to"] == "41"
    assert report.to_dict()["to"] == "41"
