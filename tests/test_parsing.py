"""Parsing the API's objects: forward compatible, payload-first, never a stray exception."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infobip_codes import (
    ChatErrorCode,
    MobileIdentityErrorCode,
    ParsedError,
    ParsedStatus,
    PayloadError,
    PushErrorGroup,
    SmsErrorCode,
    SmsErrorGroup,
    SmsStatusCode,
    StatusGroup,
    VoiceErrorCode,
    VoiceErrorGroup,
    error_by_id,
    error_by_name,
    iter_report,
    parse_error,
    parse_http_error,
    parse_report,
    parse_status,
    records,
    status_by_id,
)
from infobip_codes._errors import preview

DELIVERED = {
    "groupId": 3,
    "groupName": "DELIVERED",
    "id": 5,
    "name": "DELIVERED_TO_HANDSET",
    "description": "Message delivered to handset",
}
NO_ERROR = {
    "groupId": 0,
    "groupName": "Ok",
    "id": 0,
    "name": "NO_ERROR",
    "description": "No Error",
    "permanent": False,
}


# -- statuses -----------------------------------------------------------------------


def test_full_status_keeps_what_was_sent() -> None:
    status = parse_status(DELIVERED)
    assert status.code is SmsStatusCode.DELIVERED_TO_HANDSET
    assert status.known
    assert status.group is StatusGroup.DELIVERED
    assert status.description == "Message delivered to handset"  # not the page's text
    assert status.is_final
    assert status.mismatches == ()
    assert status.record is not None
    assert status.record.description != status.description
    assert status.to_dict() == DELIVERED


def test_status_with_only_a_group_name() -> None:
    status = parse_status({"groupName": "PENDING"})
    assert (status.id, status.name, status.code) == (None, None, None)
    assert not status.known
    assert status.group is StatusGroup.PENDING
    assert status.group_id == 1
    assert not status.is_final


def test_status_with_group_name_and_name_resolves_by_name() -> None:
    status = parse_status({"groupName": "REJECTED", "name": "REJECTED_NETWORK"})
    assert status.code is SmsStatusCode.REJECTED_NETWORK
    assert status.id == 6  # filled in from the catalogue
    assert status.group is StatusGroup.REJECTED
    assert status.description is not None
    assert status.description.startswith("Message has been received, but the network")


def test_status_group_names_match_in_any_case() -> None:
    status = parse_status({"groupName": "delivered", "id": 5, "name": "DELIVERED_TO_HANDSET"})
    assert status.group is StatusGroup.DELIVERED
    assert status.mismatches == ()
    assert status.group_name == "delivered"  # as sent


def test_unknown_status_round_trips() -> None:
    sent = {
        "groupId": 5,
        "groupName": "REJECTED",
        "id": 999,
        "name": "REJECTED_TOMORROW",
        "description": "A status Infobip adds tomorrow",
    }
    status = parse_status(sent)
    assert not status.known
    assert status.code is None
    assert status.group is StatusGroup.REJECTED
    assert status.to_dict() == sent
    [report] = parse_report({"messageId": "m", "status": sent, "to": "41793026727"})
    assert report.raw == {"messageId": "m", "status": sent, "to": "41793026727"}


def test_unknown_group_is_kept() -> None:
    status = parse_status({"groupId": 9, "groupName": "LIMBO", "id": 998, "name": "X"})
    assert status.group is None
    assert (status.group_id, status.group_name) == (9, "LIMBO")
    assert not status.is_final  # a tracker keeps waiting on a status it cannot read


def test_status_group_contradicting_the_id_is_reported() -> None:
    status = parse_status(
        {"groupId": 1, "groupName": "PENDING", "id": 5, "name": "DELIVERED_TO_HANDSET"}
    )
    assert status.code is SmsStatusCode.DELIVERED_TO_HANDSET
    assert status.group is StatusGroup.PENDING  # the payload wins
    assert status.mismatches == (
        "status 5: groupId 1 contradicts the catalogue's group 3 (DELIVERED)",
    )
    with pytest.raises(PayloadError, match="groupId 1 contradicts") as caught:
        parse_status({"groupId": 1, "id": 5}, strict=True)
    assert caught.value.field == "$"


def test_status_name_contradicting_the_id_is_reported() -> None:
    status = parse_status({"id": 5, "name": "PENDING_ENROUTE"})
    assert status.code is SmsStatusCode.DELIVERED_TO_HANDSET
    assert status.name == "PENDING_ENROUTE"
    assert status.mismatches == (
        "status 5: name 'PENDING_ENROUTE' differs from the catalogue's 'DELIVERED_TO_HANDSET'",
    )
    assert parse_status({"id": 5, "name": "delivered_to_handset"}).mismatches == ()


def test_group_name_contradicting_group_id_is_reported() -> None:
    status = parse_status({"groupId": 3, "groupName": "PENDING"})
    assert status.mismatches == ("status: groupName 'PENDING' is group 1, not groupId 3",)


def test_status_sharing_a_printed_name() -> None:
    assert parse_status({"id": 52, "name": "REJECTED_DESTINATION"}).code is (
        SmsStatusCode.REJECTED_DESTINATION_52
    )
    assert parse_status({"name": "REJECTED_DESTINATION"}).code is (
        SmsStatusCode.REJECTED_DESTINATION
    )


def test_voice_and_push_statuses() -> None:
    from infobip_codes import PushStatusCode, VoiceStatusCode

    assert parse_status({"id": 53}).code is VoiceStatusCode.REJECTED_INVALID_AUDIO_FILE_URL
    assert parse_status({"id": 66}).code is PushStatusCode.UNDELIVERABLE_NO_DESTINATION


# -- errors -------------------------------------------------------------------------


def test_ok_error_with_docs_variant_group_name() -> None:
    error = parse_error(NO_ERROR)
    assert error.code is SmsErrorCode.NO_ERROR
    assert error.group is SmsErrorGroup.OK
    assert error.group_name == "Ok"
    assert error.mismatches == ()
    assert error.is_ok
    assert not error.is_retryable
    assert error.to_dict() == NO_ERROR


def test_error_without_permanent_takes_the_catalogue_s() -> None:
    error = parse_error({"groupId": 1, "id": 1, "name": "EC_UNKNOWN_SUBSCRIBER"})
    assert error.permanent is True
    assert not error.is_retryable
    temporary = parse_error({"id": 27})
    assert temporary.permanent is False
    assert temporary.is_retryable
    assert temporary.group is SmsErrorGroup.HANDSET_ERRORS
    assert temporary.group_name == "HANDSET_ERRORS"


def test_payload_permanent_wins() -> None:
    error = parse_error({"groupId": 1, "id": 27, "name": "EC_ABSENT_SUBSCRIBER", "permanent": True})
    assert error.permanent is True
    assert not error.is_retryable
    assert error.mismatches == ()


def test_4102_resolves_by_group() -> None:
    operator = parse_error({"id": 4102, "groupId": 3})
    assert operator.code is SmsErrorCode.EC_NOTSUBMITTEDTOSMPPCHANNEL
    assert operator.group is SmsErrorGroup.OPERATOR_ERRORS
    assert operator.description == "Not Submitted To Smpp Channel"
    assert operator.record is SmsErrorCode.EC_NOTSUBMITTEDTOSMPPCHANNEL.records[1]
    assert operator.mismatches == ()
    user = parse_error({"id": 4102, "groupName": "user_errors"})
    assert user.group is SmsErrorGroup.USER_ERRORS
    assert user.record is SmsErrorCode.EC_NOTSUBMITTEDTOSMPPCHANNEL.records[0]
    assert user.mismatches == ()


def test_2053_keeps_its_own_name_and_description() -> None:
    error = parse_error({"id": 2053, "name": "EC_SOURCE_ADDRESS_BLACKLISTED", "groupId": 2})
    assert error.code is SmsErrorCode.EC_BLACKLISTED_SENDERADDRESS
    assert error.name == "EC_SOURCE_ADDRESS_BLACKLISTED"
    assert error.description == "Source address is blocklisted on the Infobip account."
    assert error.mismatches == ()
    first = parse_error({"id": 2053})
    assert first.name == "EC_BLACKLISTED_SENDERADDRESS"


def test_error_channels() -> None:
    assert parse_error({"id": 5603}).code is VoiceErrorCode.EC_DECLINE
    voice = parse_error({"id": 5603}, channel="voice")
    assert voice.group is VoiceErrorGroup.HANDSET_ERRORS
    assert voice.channel == "voice"
    assert not parse_error({"id": 27}, channel="voice").known
    mi = parse_error({"id": 100, "name": "EC_NO_COVERAGE"})
    assert mi.code is MobileIdentityErrorCode.EC_NO_COVERAGE
    assert (mi.group, mi.permanent) == (None, None)
    # one printed name in two channels: the earlier channel on the page, unless told
    assert parse_error({"name": "EC_INTERNAL_ERROR"}).code is ChatErrorCode.EC_INTERNAL_ERROR
    assert parse_error({"name": "EC_INTERNAL_ERROR"}, channel="mobile_identity").code is (
        MobileIdentityErrorCode.EC_INTERNAL_ERROR
    )
    with pytest.raises(ValueError, match="unknown channel 'no such channel'"):
        parse_error({"id": 1}, channel="no such channel")  # type: ignore[call-overload]


def test_group_alone_resolves_per_channel() -> None:
    assert parse_error({"groupId": 1}).group is SmsErrorGroup.HANDSET_ERRORS
    assert parse_error({"groupId": 1}, channel="push").group is PushErrorGroup.REGISTRATION_ERROR
    assert parse_error({"groupName": "registration error"}, channel="push").group_id == 1


def test_unknown_error_round_trips() -> None:
    sent = {
        "groupId": 1,
        "groupName": "HANDSET_ERRORS",
        "id": 4242,
        "name": "EC_BRAND_NEW",
        "description": "New",
        "permanent": True,
    }
    error = parse_error(sent)
    assert not error.known
    assert error.code is None
    assert error.group is SmsErrorGroup.HANDSET_ERRORS
    assert error.to_dict() == sent
    assert not error.is_retryable
    unknown_permanence = parse_error({"id": 4243, "groupId": 3})
    assert unknown_permanence.permanent is None
    assert not unknown_permanence.is_retryable  # only a known-temporary error is


def test_chat_name_with_a_space() -> None:
    error = parse_error({"name": "EC_DEVICE_REPRODUCTION ERROR"})
    assert error.code is ChatErrorCode.EC_DEVICE_REPRODUCTION_ERROR
    assert error.id == 7020


def test_values_are_frozen() -> None:
    error = parse_error(NO_ERROR)
    with pytest.raises(AttributeError):
        error.id = 1  # type: ignore[misc]
    assert isinstance(parse_status(DELIVERED), ParsedStatus)
    assert isinstance(error, ParsedError)


# -- reports --------------------------------------------------------------------------


def test_report_shapes() -> None:
    result = {"messageId": "abc", "status": DELIVERED, "error": NO_ERROR, "to": "385..."}
    for payload in ({"results": [result]}, {"messages": [result]}, result):
        [report] = parse_report(payload)
        assert report.message_id == "abc"
        assert report.status is not None
        assert report.status.code is SmsStatusCode.DELIVERED_TO_HANDSET
        assert report.error is not None
        assert report.error.code is SmsErrorCode.NO_ERROR
    [send] = parse_report(
        {
            "messages": [
                {"messageId": "x", "status": {"groupId": 1, "groupName": "PENDING", "id": 26}}
            ]
        }
    )
    assert send.error is None
    assert send.status is not None
    assert not send.status.is_final


def test_report_channel_applies_to_errors() -> None:
    [report] = parse_report(
        {"results": [{"messageId": "v", "error": {"id": 5480}}]}, channel="voice"
    )
    assert report.error is not None
    assert report.error.code is VoiceErrorCode.EC_VOICE_ERROR_TEMPORARILY_NOT_AVAILABLE


def test_strict_raises_on_the_first_mismatch_in_a_report() -> None:
    payload = {"results": [{"messageId": "a", "error": {"id": 27, "groupId": 3}}]}
    assert parse_report(payload)[0].error.mismatches  # type: ignore[union-attr]
    with pytest.raises(PayloadError) as caught:
        parse_report(payload, strict=True)
    assert caught.value.field == "$.results[0].error"


@pytest.mark.parametrize(
    ("payload", "field", "found"),
    [
        ("DELIVERED", "$", "expected a report, response or result"),
        ({"results": {"a": 1}}, "$.results", "expected a list, found dict"),
        ({"messages": 5}, "$.messages", "expected a list, found int 5"),
        ({"results": [1]}, "$.results[0]", "expected a result (a JSON object), found int 1"),
        ({"results": [{"messageId": 7}]}, "$.results[0].messageId", "expected a string"),
        ({"results": [{"status": []}]}, "$.results[0].status", "found list of 0 items"),
        ({"results": [{"status": {"id": "5"}}]}, "$.results[0].status.id", "found str '5'"),
        ({"results": [{"status": {"id": True}}]}, "$.results[0].status.id", "found bool True"),
        ({"results": [{"status": {"id": 5.0}}]}, "$.results[0].status.id", "found float 5.0"),
        ({"results": [{"status": {"groupId": "3"}}]}, "$.results[0].status.groupId", "found str"),
        ({"results": [{"status": {"name": 5}}]}, "$.results[0].status.name", "found int 5"),
        (
            {"results": [{"status": {"description": 1, "id": 5}}]},
            "$.results[0].status.description",
            "expected a string",
        ),
        (
            {"results": [{"error": {"id": 1, "permanent": "yes"}}]},
            "$.results[0].error.permanent",
            "expected true or false, found str 'yes'",
        ),
        (
            {"results": [{"status": {"description": "x"}}]},
            "$.results[0].status",
            "needs at least one of id, name, groupId, groupName",
        ),
        ({"results": [{}]}, "$.results[0]", "expected a result with messageId, status or error"),
        (
            {"results": [{"status": None, "error": None}]},
            "$.results[0]",
            "messageId, status or error (status and error are null)",
        ),
        (
            {"results": [{"messageId": None, "status": None, "error": None}]},
            "$.results[0]",
            "(messageId, status and error are null)",
        ),
        (
            {"results": [{"messageId": "m", "error": {"groupName": None, "id": None}}]},
            "$.results[0].error",
            "needs at least one of id, name, groupId, groupName (id and groupName are null)",
        ),
        ({"results": [{"messageId": None}]}, "$.results[0]", "(messageId is null)"),
    ],
)
def test_malformed_payloads_name_the_field(payload: Any, field: str, found: str) -> None:
    with pytest.raises(PayloadError) as caught:
        parse_report(payload)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert found in str(caught.value)
    assert isinstance(caught.value, ValueError)


# -- property-based: arbitrary JSON never raises anything but PayloadError -------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
KNOWN_IDS = st.sampled_from([*sorted({r.id for r in records()}), -1, 10**30])
FIELD = st.one_of(
    JSON,
    KNOWN_IDS,
    st.sampled_from([r.name for r in records()][:60]),
    st.sampled_from(["OK", "Ok", "ok", "PENDING", "Registration error", ""]),
)
OBJECT = st.fixed_dictionaries(
    {},
    optional={
        "id": FIELD,
        "name": FIELD,
        "groupId": FIELD,
        "groupName": FIELD,
        "description": FIELD,
        "permanent": FIELD,
    },
)
RESULT = st.fixed_dictionaries(
    {}, optional={"messageId": JSON | st.text(), "status": OBJECT | JSON, "error": OBJECT | JSON}
)
PAYLOAD = st.one_of(
    JSON,
    OBJECT,
    RESULT,
    st.fixed_dictionaries({"results": st.lists(RESULT | JSON, max_size=3) | JSON}),
    st.fixed_dictionaries({"messages": st.lists(RESULT | JSON, max_size=3) | JSON}),
)
CHANNEL = st.sampled_from([None, "sms", "voice", "push", "email", "chat", "mobile_identity", "dlt"])


@settings(max_examples=400, deadline=None)
@given(payload=PAYLOAD, channel=CHANNEL, strict=st.booleans())
def test_any_input_parses_or_raises_payload_error(payload: Any, channel: Any, strict: bool) -> None:
    for parse in (
        lambda: parse_report(payload, channel, strict=strict),
        lambda: parse_status(payload, channel, strict=strict),
        lambda: parse_error(payload, channel, strict=strict),
        lambda: parse_http_error(payload),
    ):
        try:
            parsed = parse()
        except PayloadError as exc:
            error: PayloadError | None = exc
        else:
            error = None
            repr(parsed)  # every value can be shown
        if error is not None:
            assert error.field
            assert str(error).startswith(error.field + ": ")


@settings(max_examples=200, deadline=None)
@given(
    code_id=st.integers(min_value=-(2**63), max_value=2**63 - 1),
    name=st.text(max_size=40),
    group_id=st.integers(min_value=0, max_value=9),
    description=st.text(max_size=40),
    permanent=st.booleans(),
)
def test_well_formed_errors_round_trip_with_nothing_lost(
    code_id: int, name: str, group_id: int, description: str, permanent: bool
) -> None:
    sent = {
        "groupId": group_id,
        "groupName": f"G{group_id}",
        "id": code_id,
        "name": name,
        "description": description,
        "permanent": permanent,
    }
    error = parse_error(json.loads(json.dumps(sent)))
    assert error.to_dict() == sent
    assert error.known == (error.code is not None)


# -- rows that share an id, channels, and answers only where the catalogue knows ------


def test_rows_sharing_an_id_and_a_name_are_told_apart_by_group() -> None:
    sent = {
        "groupId": 3,
        "groupName": "OPERATOR_ERRORS",
        "id": 4102,
        "name": "EC_NOTSUBMITTEDTOSMPPCHANNEL",
        "permanent": True,
    }
    error = parse_error(sent, channel="sms", strict=True)
    assert error.mismatches == ()
    assert error.record is not None
    assert error.record.group_name == "OPERATOR_ERRORS"
    assert error.description == error.record.description
    assert error.group is SmsErrorGroup.OPERATOR_ERRORS
    user = parse_error({**sent, "groupId": 2, "groupName": "USER_ERRORS"}, strict=True)
    assert user.record is not None
    assert user.record.group_name == "USER_ERRORS"
    assert user.record is not error.record
    # without a group, the first row on the page
    first = parse_error({"id": 4102, "name": "EC_NOTSUBMITTEDTOSMPPCHANNEL"})
    assert first.record is user.record


def test_a_wrong_channel_is_a_value_error_naming_the_valid_ones() -> None:
    for parse in (parse_status, parse_error, parse_report):
        with pytest.raises(ValueError, match="unknown channel 'SMS'; expected one of: sms, voice"):
            parse({"id": 5}, channel="SMS")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="unknown channel 'no such channel'"):
        error_by_id(27, channel="no such channel")  # type: ignore[call-overload]


def test_statuses_resolve_per_channel_and_say_which() -> None:
    voice = parse_status({"id": 53}, channel="voice")
    assert voice.channel == "voice"
    assert voice.code is not None
    assert voice.code.name == "REJECTED_INVALID_AUDIO_FILE_URL"
    assert parse_status({"id": 53}, channel="sms").code is None
    assert parse_status({"id": 5}).channel == "sms"
    assert parse_error({"id": 27}).channel == "sms"


def test_unknown_permanence_is_not_a_retry() -> None:
    dlt = parse_error({"id": 4106})
    assert dlt.known
    assert dlt.permanent is None
    assert not dlt.is_retryable  # a DLT block is not hammered
    told = parse_error({"id": 4106, "permanent": False})
    assert told.is_retryable  # the payload said so
    ok = parse_error({"id": 0, "groupId": 0, "permanent": False})
    assert ok.is_ok
    assert not ok.is_retryable


def test_lookups_take_ints_and_strings_only() -> None:
    assert error_by_id(27) is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert error_by_id(True) is None
    assert error_by_id(27.0) is None  # type: ignore[call-overload]
    assert error_by_id("27") is None  # type: ignore[call-overload]
    assert error_by_name(None) is None  # type: ignore[call-overload]
    assert error_by_name(27) is None  # type: ignore[call-overload]
    assert error_by_id(SmsErrorCode.EC_ABSENT_SUBSCRIBER) is SmsErrorCode.EC_ABSENT_SUBSCRIBER


# -- hostile input: nothing but PayloadError, short messages, no crash -------------------


def nested(depth: int, kind: str) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"id": value}
    return value


class BrokenMapping(Mapping[str, object]):
    """A Mapping whose every method raises."""

    def __getitem__(self, key: str) -> object:
        raise RuntimeError("getitem")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("iter")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def get(self, key: str, default: object = None) -> object:
        raise RuntimeError("get")


class Results(Sequence[object]):
    """A results "list" of the user's own."""

    def __init__(self, *items: object) -> None:
        self.items = items

    def __getitem__(self, index: int) -> Any:  # type: ignore[override]
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)


class BrokenSequence(Results):
    def __getitem__(self, index: int) -> Any:  # type: ignore[override]
        raise RuntimeError("getitem")


class LoudStr(str):
    def __str__(self) -> str:
        raise RuntimeError("str")

    def __getitem__(self, index: Any) -> str:
        raise RuntimeError("getitem")

    def casefold(self) -> str:
        raise RuntimeError("casefold")


class LoudInt(int):
    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __index__(self) -> int:
        raise RuntimeError("index")

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("lt")

    def bit_length(self) -> int:
        raise RuntimeError("bit_length")


class HugeRepr:
    def __repr__(self) -> str:
        return "x" * 10_000_000


HUGE = 10**5000  # beyond the int-to-str digit limit
HOSTILE: dict[str, object] = {
    "list 100k deep in id": {"id": nested(100_000, "list")},
    "dict 100k deep in id": {"id": nested(100_000, "dict")},
    "100k deep results": {"results": nested(100_000, "list")},
    "100k deep object": nested(100_000, "dict"),
    "100k deep permanent": {"id": 1, "permanent": nested(100_000, "list")},
    "keys that are not strings": {1: 2, (1, 2): 3, None: 4, b"id": 5},
    "a result with keys that are not strings": {"results": [{1: 2, frozenset(): 3}]},
    "huge id": {"id": HUGE},
    "huge groupId": {"groupId": HUGE},
    "huge name": {"name": HUGE},
    "huge messageId": {"results": [{"messageId": -HUGE}]},
    "huge ids in a status": {"results": [{"status": {"id": HUGE, "groupId": HUGE}}]},
    "a Mapping whose methods raise": BrokenMapping(),
    "results that are such Mappings": {"results": [BrokenMapping(), BrokenMapping()]},
    "a status that is such a Mapping": {"results": [{"status": BrokenMapping()}]},
    "results in a Sequence whose items raise": {"results": BrokenSequence(1)},
    "bytes": b'{"id": 5}',
    "bytes results": {"results": b"[]"},
    "bytearray": bytearray(b"{}"),
    "a huge repr": HugeRepr(),
    "a huge repr in a field": {"id": HugeRepr(), "name": HugeRepr()},
    "many long keys": {f"key {i} " * 50: i for i in range(20_000)},
    "a result with many keys": {"results": [{f"k{i}": i for i in range(100_000)}]},
    "a str subclass that raises": {"id": 5, "name": LoudStr("DELIVERED_TO_HANDSET")},
    "a str subclass where an int goes": {"id": LoudStr("5")},
    "an int subclass that raises": {"id": LoudInt(5), "groupId": LoudInt(3)},
    "control characters in keys": {"results": [{"\x1b[2J\x1b]0;owned\x07\n": 1}]},
    "a type with a long odd name": type("\x1b[2J" * 100, (), {})(),
    "NaN and infinities": {"id": float("nan"), "groupId": float("inf")},
}


def http_error(payload: Any, channel: object) -> object:
    return parse_http_error(payload)


def problems(payload: object, channel: Any) -> list[PayloadError]:
    """What each parser says about a payload: a PayloadError, or nothing when it parses."""
    found = []
    for parse in (parse_report, parse_status, parse_error, http_error):
        try:
            repr(parse(payload, channel))  # type: ignore[call-overload]
        except PayloadError as exc:
            found.append(exc)
    return found


@pytest.fixture
def deep_recursion() -> Iterator[None]:
    """An application that raised its recursion limit, as some do."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.usefixtures("deep_recursion")
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_values_parse_or_raise_a_short_payload_error(case: str) -> None:
    for problem in problems(HOSTILE[case], None):
        message = str(problem)
        assert len(message) <= 300, message
        assert message.startswith(f"{problem.field}: ")
        assert message.isprintable(), message  # control characters are escaped


def test_hostile_messages_say_what_was_found() -> None:
    def problem(payload: object) -> str:
        with pytest.raises(PayloadError) as caught:
            parse_error(payload)  # type: ignore[call-overload]
        return str(caught.value)

    assert (
        problem({"id": HUGE})
        == "$.id: expected a 64-bit integer id, found int of about 5000 digits"
    )
    assert problem({"name": HUGE}) == "$.name: expected a string, found int of about 5000 digits"
    assert (
        problem({"id": nested(100_000, "list")})
        == "$.id: expected an integer, found list of 1 items"
    )
    assert problem({"id": LoudStr("5")}) == "$.id: expected an integer, found LoudStr '5'"
    assert problem({"id": HugeRepr()}) == "$.id: expected an integer, found HugeRepr"
    assert problem({1: 2, None: 3}) == (
        "$: an error object needs at least one of id, name, groupId, groupName "
        "(found keys: int 1, null)"
    )
    assert problem(BrokenMapping()) == "$: could not be read (RuntimeError)"
    with pytest.raises(
        PayloadError, match=r"^\$\.results\[0\]: could not be read \(RuntimeError\)$"
    ):
        parse_report({"results": BrokenSequence(1)})


def test_odd_values_that_are_well_formed_parse() -> None:
    error = parse_error({"id": LoudInt(27), "name": LoudStr("EC_ABSENT_SUBSCRIBER")})
    assert error.code is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert type(error.id) is int
    assert type(error.name) is str
    assert error.mismatches == ()
    reports = parse_report({"results": Results({"messageId": "a"}, {"messageId": "b"})})
    assert [r.message_id for r in reports] == ["a", "b"]
    [odd] = parse_report({"results": ({"messageId": "t", 5: "ignored"},)})
    assert odd.message_id == "t"


def test_preview_is_short_and_never_walks_a_value() -> None:
    assert preview(None) == "null"
    assert preview(True) == "bool True"
    assert preview(HUGE) == "int of about 5000 digits"
    assert preview("x" * 1000) == "str '" + "x" * 56 + "..."
    assert preview(nested(100_000, "dict")) == "dict of 1 items"
    assert preview(BrokenMapping()) == "BrokenMapping"
    assert preview(LoudInt(5)) == "LoudInt 5"
    assert preview(LoudStr("abc")) == "LoudStr 'abc'"
    assert len(preview(type("N" * 1000, (), {})())) <= 40
    assert preview(type("\x1b[2J", (), {})()).isprintable()


# -- Hypothesis beyond JSON: odd keys, huge ints, deep nesting, odd containers --------------

ODD_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4300, max_value=10**4400),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=10),
    st.builds(LoudStr, st.text(max_size=10)),
    st.builds(LoudInt, st.integers()),
    st.just(BrokenMapping()),
    st.builds(HugeRepr),
    st.sampled_from([r.name for r in records()][:30]),
    KNOWN_IDS,
)
ODD_KEY = st.one_of(
    st.sampled_from(["id", "name", "groupId", "groupName", "group_id", "group_name"]),
    st.sampled_from(["messageId", "message_id", "status", "error", "results", "messages"]),
    st.text(max_size=8),
    st.integers(),
    st.none(),
    st.binary(max_size=4),
    st.tuples(st.integers()),
)
ODD = st.recursive(
    ODD_LEAF,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.lists(children, max_size=4).map(lambda items: Results(*items)),
        st.dictionaries(ODD_KEY, children, max_size=5),
    ),
    max_leaves=25,
)
DEEP = st.builds(
    nested, st.integers(min_value=1, max_value=5000), st.sampled_from(["list", "dict"])
)


@settings(max_examples=300, deadline=None)
@given(payload=st.one_of(ODD, st.dictionaries(ODD_KEY, ODD | DEEP, max_size=6)), channel=CHANNEL)
def test_any_python_value_parses_or_raises_payload_error(payload: Any, channel: Any) -> None:
    for problem in problems(payload, channel):
        assert len(str(problem)) <= 300
        assert str(problem).startswith(problem.field + ": ")


# -- iter_report: NDJSON lines, str or bytes, bad lines with their numbers ------------------


def test_iter_report_reads_str_and_bytes_lines() -> None:
    lines = [
        '{"messageId": "a", "status": {"id": 5}}',
        b'{"results": [{"messageId": "b"}, {"messageId": "c"}]}',
        "",
        b"  \n",
        '{"messages": [{"messageId": "d", "status": {"groupName": "PENDING"}}]}\n',
    ]
    assert [r.message_id for r in iter_report(lines)] == ["a", "b", "c", "d"]  # type: ignore[arg-type]
    text = '{"messageId": "a"}\n{"messageId": "b"}\n'
    assert [r.message_id for r in iter_report(text)] == ["a", "b"]  # a whole text splits
    assert [r.message_id for r in iter_report(text.encode())] == ["a", "b"]  # type: ignore[arg-type]


def test_iter_report_names_bad_lines_and_reads_on() -> None:
    lines: list[object] = [
        '{"messageId": "a"}',
        "not json",
        b"\xff\xfe\xfa",
        '{"messageId": 5}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": ' + "9" * 5000 + "}",
        42,
        '{"results": [{"messageId": "b"}, {"status": {"id": "5"}}]}',
        '{"messageId": "c"}',
    ]
    seen: list[PayloadError] = []
    parsed = list(iter_report(lines, on_error=seen.append))  # type: ignore[arg-type]
    assert [r.message_id for r in parsed] == ["a", "c"]
    assert [(e.line, e.field) for e in seen] == [
        (2, "$"),
        (3, "$"),
        (4, "$.messageId"),
        (5, "$"),
        (6, "$"),
        (7, "$"),
        (8, "$.results[1].status.id"),
    ]
    assert str(seen[0]) == "line 2: $: invalid JSON: Expecting value"
    assert str(seen[5]).startswith("line 7: $: expected a line of text, found int 42")
    assert all(len(str(e)) <= 300 for e in seen)
    with pytest.raises(PayloadError, match=r"^line 2: \$: invalid JSON"):
        list(iter_report(['{"messageId": "a"}', "{"]))


@pytest.mark.usefixtures("deep_recursion")
def test_iter_report_survives_deep_lines_whatever_the_recursion_limit() -> None:
    seen: list[PayloadError] = []
    deep = ["[" * 100_000 + "]" * 100_000, b"{" + b'"a":{' * 100_000 + b"}" * 100_001]
    assert list(iter_report(deep, on_error=seen.append)) == []  # type: ignore[arg-type]
    assert [e.line for e in seen] == [1, 2]
    assert all(e.problem.startswith("invalid JSON: nested") for e in seen)
    # brackets inside strings are not nesting
    [report] = iter_report(['{"messageId": "' + "[" * 2000 + '"}'])
    assert report.message_id == "[" * 2000


# -- a value is a function of what was sent and the channel: each is resolved once ----------

AGREEING = st.sampled_from(records()).flatmap(
    lambda r: st.fixed_dictionaries(
        {"id": st.just(r.id)},
        optional={
            "name": st.sampled_from([r.name, *r.aliases, r.name.lower(), "OTHER"]),
            "groupId": st.sampled_from([r.group_id, 0, 3, None, True]),
            "groupName": st.sampled_from([r.group_name, "Ok", None, 3]),
            "description": st.sampled_from([r.description, "as sent", None, 5, "x" * 600]),
            "permanent": st.sampled_from([r.permanent, True, False, None, "yes"]),
        },
    )
)


def outcome(run: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        return ("value", run(*args, **kwargs))
    except PayloadError as exc:
        return ("error", str(exc))


@settings(max_examples=400, deadline=None)
@given(objs=st.lists(AGREEING, min_size=2, max_size=6), channel=CHANNEL, strict=st.booleans())
def test_a_value_depends_on_what_was_sent_and_not_on_what_came_before(
    objs: list[Any], channel: Any, strict: bool
) -> None:
    from infobip_codes import _parse

    for parse in (parse_status, parse_error):
        _parse._MEMO.clear()
        first = [outcome(parse, obj, channel, strict=strict) for obj in objs]
        again = [outcome(parse, obj, channel, strict=strict) for obj in reversed(objs)]
        assert first == again[::-1]
        _parse._MEMO.clear()  # each resolved with nothing remembered
        assert first == [outcome(parse, obj, channel, strict=strict) for obj in objs]


def test_a_remembered_value_still_answers_strict_and_its_own_channel() -> None:
    disagreeing = {"id": 27, "groupId": 3}
    assert parse_error(disagreeing).mismatches  # remembered now
    with pytest.raises(PayloadError, match="contradicts"):
        parse_error(disagreeing, strict=True)
    assert parse_error({"id": 27}, channel="sms").code is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert parse_error({"id": 27}, channel="voice").code is None
    assert parse_error({"id": 27, "permanent": True}).permanent is True
    assert parse_error({"id": 27}).permanent is False


def test_every_channel_reports_the_general_statuses() -> None:
    # a channel's reports carry the general statuses, its own ones besides
    for channel in ("email", "chat", "voice", "push"):
        status = parse_status({"groupId": 3, "id": 5, "name": "DELIVERED_TO_HANDSET"}, channel)
        assert status.code is SmsStatusCode.DELIVERED_TO_HANDSET
        assert status.channel == "sms"
        assert status.is_final
        assert status.mismatches == ()
    voice = parse_status({"id": 53}, channel="voice")
    assert voice.code is not None
    assert voice.code.name == "REJECTED_INVALID_AUDIO_FILE_URL"


def test_a_success_is_no_error_on_every_channel() -> None:
    # the OK group is the general tables'; email and chat print no group 0
    ok = {"groupId": 0, "groupName": "OK", "id": 0, "name": "NO_ERROR", "permanent": False}
    for channel in ("email", "chat", "push", "mobile_identity", "dlt"):
        error = parse_error(ok, channel)
        assert error.is_ok, channel
        assert not error.is_retryable
        assert error.mismatches == ()


def test_a_stream_line_that_is_not_utf8_says_so() -> None:
    found: list[PayloadError] = []
    lines = [b'{"messageId": "a", "status": {"id": 5}}', b'{"x": "\xc3("}', b"[1e999"]
    parsed = list(iter_report(lines, on_error=found.append))
    assert [r.message_id for r in parsed] == ["a"]
    assert (found[0].line, found[0].problem) == (
        2,
        "not UTF-8 text (invalid continuation byte at byte 7)",
    )
    assert found[1].line == 3


# -- found by an adversarial pass ------------------------------------------------------


class _RaisingKey:
    """A key that hashes as "id" and raises when compared."""

    def __hash__(self) -> int:
        return hash("id")

    def __eq__(self, other: object) -> bool:
        raise ZeroDivisionError


class _RaisingChannel:
    def __eq__(self, other: object) -> bool:
        raise ZeroDivisionError

    __hash__ = None  # type: ignore[assignment]


def test_odd_keys_and_channels_raise_only_what_the_contract_says() -> None:
    for parse in (parse_status, parse_error, parse_report):
        with pytest.raises(PayloadError):
            parse({_RaisingKey(): 1})  # type: ignore[dict-item]
        with pytest.raises(ValueError, match="unknown channel"):
            parse({"id": 5, "groupId": 3}, _RaisingChannel())  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="unknown channel"):
        list(iter_report(['{"id": 5}'], _RaisingChannel()))  # type: ignore[call-overload]
    for lookup in (status_by_id, error_by_id):
        with pytest.raises(ValueError, match="unknown channel"):
            lookup(5, ["sms"])  # type: ignore[call-overload]
    with pytest.raises(PayloadError, match="expected lines of text"):
        list(iter_report(None))  # type: ignore[call-overload]


def test_a_str_enum_channel_is_its_plain_text_on_every_path() -> None:
    from enum import Enum

    class Ch(str, Enum):
        SMS = "sms"

    agreeing = {"id": 5, "groupId": 3}
    disagreeing = {"id": 5, "groupId": 1}
    for obj in (agreeing, disagreeing):
        assert parse_status(obj, Ch.SMS).channel == "sms"  # type: ignore[call-overload]
        assert parse_report({"status": obj}, Ch.SMS)[0].status is not None  # type: ignore[call-overload]
    assert status_by_id(5, Ch.SMS) is SmsStatusCode.DELIVERED_TO_HANDSET  # type: ignore[call-overload]


def test_the_snake_case_group_name_is_read_on_every_path() -> None:
    from types import MappingProxyType

    obj = {"id": 5, "groupId": 3, "group_name": "PENDING"}
    assert parse_status(obj) == parse_status(MappingProxyType(obj))  # a dict, and any Mapping
    [report] = parse_report({"messageId": "m", "status": obj})
    assert report.status == parse_status(obj)
    assert parse_status(obj).mismatches
    with pytest.raises(PayloadError):
        parse_status(obj, strict=True)


def test_int_and_str_subclasses_are_read_by_their_values() -> None:
    class BadInt(int):
        def __int__(self) -> int:
            raise ZeroDivisionError

    class BadStr(str):
        def casefold(self) -> str:
            raise ZeroDivisionError

    assert SmsErrorCode.from_id(BadInt(27)) is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert error_by_id(BadInt(27), channel="sms") is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert error_by_name(BadStr("ec_absent_subscriber")) is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert SmsErrorCode.from_name(BadStr("EC_ABSENT_SUBSCRIBER")) is (
        SmsErrorCode.EC_ABSENT_SUBSCRIBER
    )


def test_the_depth_check_reads_unterminated_strings() -> None:
    from infobip_codes._stream import _too_deep

    assert _too_deep("[" * 600 + "]" * 600)
    assert not _too_deep('["' + "[" * 600 + '"]')  # brackets inside a string
    assert not _too_deep('["' + "[" * 600)  # inside an unterminated string
    assert _too_deep("[" * 501 + '"\\' * 1000)  # the brackets before it still count
    assert not _too_deep(b'["\\"' + b"[" * 600 + b'"]')  # an escaped quote stays inside


def test_a_byte_order_mark_on_a_text_line_is_read_as_json_does_on_bytes() -> None:
    [r] = iter_report(['\ufeff{"messageId": "a"}'])
    assert r.message_id == "a"


def test_a_group_name_is_reported_only_when_it_names_another_group() -> None:
    # another group of the channel: a contradiction, reported (strict raises)
    other = parse_error({"id": 27, "groupId": 1, "groupName": "USER_ERRORS"})
    assert other.mismatches == ("error 27: groupName 'USER_ERRORS' is group 2, not groupId 1",)
    with pytest.raises(PayloadError, match="groupName 'USER_ERRORS' is group 2"):
        parse_error({"id": 27, "groupId": 1, "groupName": "USER_ERRORS"}, strict=True)
    # a name the channel's groups do not know: kept as sent, not reported, with a
    # channel or without one (a new email code under email's own group name)
    unknown = parse_error({"id": 27, "groupId": 1, "groupName": "FOO_ERRORS"})
    assert (unknown.mismatches, unknown.group_name) == ((), "FOO_ERRORS")
    assert unknown.group is SmsErrorGroup.HANDSET_ERRORS  # the id decides
    new_email = {"id": 6099, "name": "EC_NEW", "groupId": 2, "groupName": "Bounced"}
    assert parse_error(new_email).mismatches == ()
    assert parse_error(new_email, channel="email").mismatches == ()
    sms_style = {"id": 6012, "groupId": 2, "groupName": "USER_ERRORS"}
    assert parse_error(sms_style, channel="email").mismatches == ()
