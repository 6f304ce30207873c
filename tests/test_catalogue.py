"""Every row of the spec is reachable through the public API, with the right facts."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from conftest import SPEC

import infobip_codes as ic
from codegen.spec import Code, load_spec

SPEC_CODES = load_spec(SPEC).codes
CODE_ENUMS = {
    ("sms", "status"): "SmsStatusCode",
    ("sms", "error"): "SmsErrorCode",
    ("voice", "status"): "VoiceStatusCode",
    ("voice", "error"): "VoiceErrorCode",
    ("push", "status"): "PushStatusCode",
    ("push", "error"): "PushErrorCode",
    ("email", "error"): "EmailErrorCode",
    ("chat", "error"): "ChatErrorCode",
    ("mobile_identity", "error"): "MobileIdentityErrorCode",
    ("dlt", "error"): "DltErrorCode",
}
GROUP_ENUMS = {
    "sms": "SmsErrorGroup",
    "voice": "VoiceErrorGroup",
    "push": "PushErrorGroup",
    "email": "EmailErrorGroup",
    "chat": "ChatErrorGroup",
}


def enum_for(code: Code) -> type[ic.CodeEnum]:
    enum: type[ic.CodeEnum] = getattr(ic, CODE_ENUMS[code.channel, code.kind])
    return enum


def test_counts_follow_the_page() -> None:
    counts = Counter((r.channel, r.kind) for r in ic.records())
    assert counts == {
        ("sms", "status"): 26,
        ("sms", "error"): 92,
        ("voice", "status"): 12,
        ("voice", "error"): 24,
        ("push", "status"): 2,
        ("push", "error"): 12,
        ("email", "error"): 16,
        ("chat", "error"): 39,
        ("mobile_identity", "error"): 6,
        ("dlt", "error"): 6,
    }
    assert len(ic.records()) == 235


def test_records_are_the_spec_rows_in_order() -> None:
    assert [
        (
            r.channel,
            r.kind,
            r.id,
            r.name,
            r.member,
            r.group_id,
            r.group_name,
            r.permanent,
            r.description,
            r.status_id,
        )
        for r in ic.records()
    ] == [
        (
            c.channel,
            c.kind,
            c.id,
            c.name,
            c.member,
            c.group_id,
            c.group_name,
            c.permanent,
            c.description,
            c.status_id,
        )
        for c in SPEC_CODES
    ]


@pytest.mark.parametrize("code", SPEC_CODES, ids=lambda c: f"{c.channel}-{c.kind}-{c.id}-{c.name}")
def test_every_row_is_reachable_through_its_enum(code: Code) -> None:
    member = enum_for(code)[code.member]
    assert member == code.id
    assert member is enum_for(code)(code.id)
    record = next(r for r in member.records if r.name == code.name and r.group_id == code.group_id)
    assert record.description == code.description
    assert record.permanent == code.permanent
    assert record.code is member
    if code.is_member:
        assert member.api_name == code.name
        assert member.description == code.description
        assert member.info == record
    if code.kind == "status":
        assert isinstance(member, ic.StatusCodeEnum)
        assert member.group.value == code.group_id
        assert member.group.api_name == code.group_name
        assert member.is_final is (code.group_id != 1)
    elif code.group_id is not None:
        assert isinstance(member, ic.GroupedErrorCodeEnum)
        group_enum = getattr(ic, GROUP_ENUMS[code.channel])
        assert record.group == group_enum(code.group_id)
        assert record.group is not None
        assert record.group.api_name == code.group_name
        if code.is_member:
            assert member.group is group_enum(code.group_id)
            assert member.permanent is code.permanent
    else:
        assert not isinstance(member, ic.GroupedErrorCodeEnum)
        assert not hasattr(member, "permanent")


def test_records_per_member_follow_page_order() -> None:
    multi = {m: m.records for r in ic.records() if len((m := r.code).records) > 1}
    assert set(multi) == {
        ic.SmsErrorCode.EC_BLACKLISTED_SENDERADDRESS,
        ic.SmsErrorCode.EC_NOTSUBMITTEDTOSMPPCHANNEL,
    }
    blacklisted = ic.SmsErrorCode(2053).records
    assert [r.name for r in blacklisted] == [
        "EC_BLACKLISTED_SENDERADDRESS",
        "EC_SOURCE_ADDRESS_BLACKLISTED",
    ]
    smpp = ic.SmsErrorCode.EC_NOTSUBMITTEDTOSMPPCHANNEL
    assert [r.group for r in smpp.records] == [
        ic.SmsErrorGroup.USER_ERRORS,
        ic.SmsErrorGroup.OPERATOR_ERRORS,
    ]
    assert smpp.group is ic.SmsErrorGroup.USER_ERRORS  # the first record's
    assert [r.description for r in smpp.records][1] == "Not Submitted To Smpp Channel"


def test_irregular_names() -> None:
    assert ic.SmsStatusCode.REJECTED_DESTINATION.value == 14
    assert ic.SmsStatusCode.REJECTED_DESTINATION_52.api_name == "REJECTED_DESTINATION"
    assert ic.ChatErrorCode.EC_DEVICE_REPRODUCTION_ERROR.api_name == "EC_DEVICE_REPRODUCTION ERROR"
    assert ic.ChatErrorCode.EC_DATA_MISMATCH_7102.api_name == "EC_DATA_MISMATCH"
    assert "EC_SOURCE_ADDRESS_BLACKLISTED" not in ic.SmsErrorCode.__members__
    assert ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER.value == 27
    assert int(ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER) == 27


def test_groups() -> None:
    assert [(g.name, g.value) for g in ic.StatusGroup] == [
        ("PENDING", 1),
        ("UNDELIVERABLE", 2),
        ("DELIVERED", 3),
        ("EXPIRED", 4),
        ("REJECTED", 5),
    ]
    assert [(g.name, g.value) for g in ic.SmsErrorGroup] == [
        ("OK", 0),
        ("HANDSET_ERRORS", 1),
        ("USER_ERRORS", 2),
        ("OPERATOR_ERRORS", 3),
    ]
    assert [g.name for g in ic.PushErrorGroup] == ["REGISTRATION_ERROR", "CLOUD_ERROR"]
    assert [g.name for g in ic.EmailErrorGroup] == ["DROPPED", "BOUNCED", "SYSTEM_ERROR"]
    assert [g.name for g in ic.ChatErrorGroup] == ["CLIENT_ERROR", "PROVIDER_ERROR", "SYSTEM_ERROR"]
    assert ic.PushErrorGroup.REGISTRATION_ERROR.api_name == "Registration error"
    assert ic.StatusGroup.PENDING.description == (
        "The message has been processed and sent to the next instance, i.e., a mobile operator."
    )
    assert not ic.StatusGroup.PENDING.is_final
    assert ic.StatusGroup.EXPIRED.is_final
    assert ic.SmsErrorGroup.OK.is_ok
    assert not ic.VoiceErrorGroup.HANDSET_ERRORS.is_ok


def test_error_helpers() -> None:
    assert ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER.is_retryable
    assert not ic.SmsErrorCode.EC_UNKNOWN_SUBSCRIBER.is_retryable  # permanent
    assert not ic.SmsErrorCode.NO_ERROR.is_retryable  # success
    assert (
        ic.DltErrorCode.EC_BLOCKED_BY_DLT.status is ic.SmsStatusCode.UNDELIVERABLE_REJECTED_OPERATOR
    )


def test_records_are_frozen() -> None:
    record = ic.records()[0]
    with pytest.raises(AttributeError):
        record.id = 99  # type: ignore[misc]
    assert not hasattr(record, "__dict__")  # slotted
    assert record.as_dict()["name"] == record.name
    assert record.enum_name == "SmsStatusCode"


def test_public_names_resolve() -> None:
    for name in ic.__all__:
        assert getattr(ic, name) is not None, name
    assert set(ic.__all__) <= set(dir(ic))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        getattr(ic, "Nope")  # noqa: B009


def run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_loads_no_channel_and_no_heavy_module() -> None:
    loaded = run_python(
        "import sys, infobip_codes; print(sorted(m for m in sys.modules if m.startswith"
        "('infobip_codes') or m in ('dataclasses', 'typing', 'inspect', 'importlib')))"
    )
    assert loaded == "['infobip_codes']"


def test_an_sms_enum_loads_only_its_own_channel() -> None:
    loaded = run_python(
        "import sys; from infobip_codes import SmsErrorCode; SmsErrorCode.EC_ABSENT_SUBSCRIBER"
        ".group; print(sorted(m for m in sys.modules if m.startswith('infobip_codes.') or m in "
        "('dataclasses', 'typing', 'inspect', 'importlib')))"
    )
    assert loaded == (
        "['infobip_codes._catalog', 'infobip_codes._enum', 'infobip_codes._tables', "
        "'infobip_codes.sms']"
    )


def test_channel_modules_list_their_names() -> None:
    for name in ("sms", "voice", "push", "email", "chat", "mobile_identity", "dlt"):
        module = importlib.import_module(f"infobip_codes.{name}")
        assert module.__all__ == sorted(module.__all__)


def test_fast_enum_builds_real_enums_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    import enum
    import pickle

    from infobip_codes import _enum

    def build() -> Any:
        class Probe(_enum.StatusCodeBase):
            """A probe."""

            ONE = 1
            TWO = 2

        Probe.__module__ = __name__
        return _enum.fast_enum(ic.StatusCodeEnum)(Probe)

    fast = build()
    monkeypatch.setattr(_enum, "_simple_enum", None)  # the 3.10 path, on any Python
    ordinary = build()
    for probe in (fast, ordinary):
        assert issubclass(probe, enum.IntEnum)
        assert issubclass(probe, ic.StatusCodeEnum)
        assert list(probe.__members__) == ["ONE", "TWO"]
        assert probe(2) is probe.TWO
        assert probe["ONE"].value == 1
        assert repr(probe.ONE) == "<Probe.ONE: 1>"
        assert probe.__doc__ == "A probe."
        assert isinstance(probe.ONE, int)
        with pytest.raises(ValueError, match="3 is not a valid Probe"):
            probe(3)
    assert pickle.loads(pickle.dumps(ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER)) is (
        ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER
    )
    assert issubclass(ic.SmsErrorCode, ic.GroupedErrorCodeEnum)
    assert issubclass(ic.GroupedErrorCodeEnum, enum.IntEnum)
