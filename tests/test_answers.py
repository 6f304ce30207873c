"""What a client author asks of the package, answered the same way everywhere.

Names find the member whose own name they are; every channel resolves what
every channel's reports send; a parsed error's group is its channel's, even
for a code nobody knows; every public name can be introspected; reprs are
short enough for a log line; a member's help is its own meaning.
"""

from __future__ import annotations

import inspect
import pydoc
import typing
from collections import Counter

import pytest
from conftest import SPEC

import infobip_codes as ic
from codegen.spec import load_spec

THE_SPEC = load_spec(SPEC)
ENUMS: list[type[ic.CodeEnum] | type[ic.GroupEnum]] = [
    value
    for name in ic.__all__
    if isinstance(value := getattr(ic, name), type)
    and issubclass(value, (ic.CodeEnum, ic.GroupEnum))
    and len(value.__members__) > 0
]


# -- a member's own name wins -----------------------------------------------------------------


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_a_member_s_own_names_find_it(enum: type[ic.CodeEnum] | type[ic.GroupEnum]) -> None:
    printed = Counter(m.api_name.casefold() for m in enum)
    for member in enum:
        assert enum.from_name(member.name) is member
        assert enum.from_name(member.name.lower()) is member
        if printed[member.api_name.casefold()] == 1:
            assert enum.from_name(member.api_name) is member


def test_name_lookups_and_the_parser_choose_the_same_member() -> None:
    for row in ic.records():
        by_name = ic.status_by_name if row.kind == "status" else ic.error_by_name
        parse = ic.parse_status if row.kind == "status" else ic.parse_error
        for name in (row.name, row.member, *row.aliases):
            for channel in (row.channel, None):
                found = by_name(name, channel)
                parsed = parse({"name": name}, channel)
                assert found is not None
                assert parsed.code is found, (row.channel, row.kind, name, channel)
                assert type(found).from_name(name) is found


# -- what every channel's reports send --------------------------------------------------------


@pytest.mark.parametrize("channel", ic.CHANNELS)
def test_no_error_resolves_on_every_channel(channel: ic.Channel) -> None:
    spellings: list[dict[str, object]] = [
        {"groupId": 0, "groupName": "OK", "id": 0, "name": "NO_ERROR", "permanent": False},
        {"groupId": 0, "id": 0},
        {"groupName": "OK", "name": "NO_ERROR"},
        {"groupName": "Ok", "name": "no_error"},
    ]
    for sent in spellings:
        error = ic.parse_error(sent, channel)
        assert error.known, sent
        assert error.code is ic.SmsErrorCode.NO_ERROR
        assert error.is_ok
        assert not error.is_retryable
        assert error.group is not None
        assert error.group.value == 0
        assert error.group.is_ok
        assert error.mismatches == ()
        [report] = ic.parse_report({"messageId": "m", "error": sent}, channel)
        assert report.error == error
    assert ic.error_by_id(0, channel) is ic.SmsErrorCode.NO_ERROR
    assert ic.error_by_name("NO_ERROR", channel) is ic.SmsErrorCode.NO_ERROR
    # and every general status, as a voice report's status 5 is
    assert ic.parse_status({"id": 5}, channel).code is ic.SmsStatusCode.DELIVERED_TO_HANDSET
    assert ic.status_by_id(5, channel) is ic.SmsStatusCode.DELIVERED_TO_HANDSET


def test_a_channel_s_own_group_of_an_id_comes_first() -> None:
    # voice has its own group 0 OK: a voice error of group 0 is in it
    assert ic.parse_error({"id": 0, "groupId": 0}, "voice").group is ic.VoiceErrorGroup.OK
    assert ic.parse_error({"id": 0, "groupId": 0}, "email").group is ic.SmsErrorGroup.OK


@pytest.mark.parametrize("channel", [c for c in THE_SPEC.channels if c.error_groups], ids=str)
def test_an_unknown_code_keeps_its_channel_s_group(channel: object) -> None:
    from codegen.spec import Channel

    assert isinstance(channel, Channel)
    enum = getattr(ic, str(channel.error_group_enum))
    for group in channel.error_groups:
        error = ic.parse_error({"id": 987_654, "groupId": group.id}, channel.name)  # type: ignore[call-overload]
        assert not error.known
        assert error.group is enum(group.id)
        by_name = ic.parse_error({"id": 987_654, "groupName": group.name}, channel.name)  # type: ignore[call-overload]
        assert by_name.group is enum(group.id)
        assert by_name.group_id == group.id


# -- introspection works on every public name -------------------------------------------------


@pytest.mark.parametrize("name", ic.__all__)
def test_every_public_name_can_be_introspected(name: str) -> None:
    value = getattr(ic, name)
    if not (inspect.isclass(value) or inspect.isfunction(value)):
        return
    typing.get_type_hints(value)
    if callable(value):
        try:
            inspect.signature(value, eval_str=True)
        except ValueError:  # a class whose signature the interpreter cannot tell (an enum, 3.10)
            assert inspect.isclass(value)
            assert issubclass(value, ic.CodeEnum | ic.GroupEnum)


def test_parsed_types_are_real_generics() -> None:
    alias = ic.ParsedError[ic.SmsErrorCode]
    assert typing.get_origin(alias) is ic.ParsedError
    assert typing.get_args(alias) == (ic.SmsErrorCode,)
    report = ic.ParsedReport[ic.SmsStatusCode, ic.SmsErrorCode]
    assert typing.get_origin(report) is ic.ParsedReport
    assert typing.get_args(report) == (ic.SmsStatusCode, ic.SmsErrorCode)
    assert typing.get_type_hints(ic.VoiceReport.status.fget)["return"] == ic.VoiceStatus | None  # type: ignore[attr-defined]


# -- short reprs, for a log line ---------------------------------------------------------------


def test_a_parsed_value_s_repr_is_a_log_line() -> None:
    long = "x" * 5_000
    [report] = ic.parse_report(
        {
            "messageId": "2250be2d4219-3af1-78856-aabe-1362af1edfd2" * 20,
            "status": {"groupId": 3, "id": 5, "name": long, "description": long},
            "error": {"groupId": 3, "id": 27, "name": "EC_ABSENT_SUBSCRIBER", "permanent": False},
            "to": long,
        },
        "sms",
    )
    for value in (report, report.status, report.error):
        text = repr(value)
        assert len(text) <= 220, text
        assert text.isprintable()
    assert repr(report.error) == (
        "SmsError(id=27, name='EC_ABSENT_SUBSCRIBER', code=SmsErrorCode.EC_ABSENT_SUBSCRIBER, "
        "permanent=False, mismatches=\"error 27: groupId 3 contradicts the catalogue's group 1 "
        '(HANDSET_ERRORS)")'
    )
    unknown = ic.parse_status({"id": 999, "name": "NEW"})
    assert repr(unknown) == "ParsedStatus(id=999, name='NEW', known=False)"


# -- a member's help is its own meaning ---------------------------------------------------------


def test_help_on_a_member_shows_its_own_meaning() -> None:
    member = ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert member.__doc__ is not None
    assert member.description is not None
    assert " ".join(member.description.split()) in " ".join(member.__doc__.split())
    assert member.__doc__ != ic.SmsErrorCode.__doc__
    assert ic.SmsErrorCode.__doc__ == 'Errors of the page\'s "General Error Codes" tables.'
    shown = pydoc.render_doc(member, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "offline in the network" in shown
    for enum in ENUMS:  # every member of every enum has its own
        for each in enum:
            assert each.__doc__ != enum.__doc__, each
            if isinstance(each, ic.CodeEnum) and each.description:
                assert " ".join(each.description.split()) in " ".join(str(each.__doc__).split())
    with pytest.raises(AttributeError):
        member.__doc__ = "another meaning"
