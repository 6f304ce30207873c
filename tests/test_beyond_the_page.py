"""What the API sends beyond the saved page: aliases and rows, each with its source.

These facts are the spec's (see spec/README.md, "Beyond the page"); the
tests follow them through the enums, lookups, parser and command line.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import SPEC

import infobip_codes as ic
from codegen.spec import load_spec
from infobip_codes.cli import main

THE_SPEC = load_spec(SPEC)
BEYOND = [code for code in THE_SPEC.codes if not code.on_page]
ALIASED = [code for code in THE_SPEC.codes if code.aliases]


def shared_with(code: Any) -> list[int | None]:
    """For each alias of a code, the id of another code whose own name it is, or None."""
    same = [c for c in THE_SPEC.codes if (c.channel, c.kind) == (code.channel, code.kind)]
    return [
        next((c.id for c in same if a.casefold() in {c.name.casefold(), c.member.casefold()}), None)
        for a in code.aliases
    ]


# The send response Infobip's own client tests show, as the API sends it.
SEND_RESPONSE = {
    "bulkId": "2034072219640523072",
    "messages": [
        {
            "messageId": "2250be2d4219-3af1-78856-aabe-1362af1edfd2",
            "status": {
                "groupId": 1,
                "groupName": "PENDING",
                "id": 26,
                "name": "MESSAGE_ACCEPTED",
                "description": "Message sent to next instance",
            },
            "to": "41793026727",
        }
    ],
}


def test_the_send_response_parses_strictly_with_no_mismatch() -> None:
    [result] = ic.parse_report(SEND_RESPONSE, channel="sms", strict=True)
    status = result.status
    assert status is not None
    assert status.code is ic.SmsStatusCode.PENDING_ACCEPTED
    assert status.mismatches == ()
    assert status.name == "MESSAGE_ACCEPTED"  # kept as sent
    assert status.code.api_name == "PENDING_ACCEPTED"  # the page's name
    assert status.description == "Message sent to next instance"  # the payload's text
    assert not status.is_final


def test_every_alias_is_agreement_and_finds_its_code() -> None:
    assert ALIASED
    for code in ALIASED:
        by_name = ic.status_by_name if code.kind == "status" else ic.error_by_name
        for alias, shared in zip(code.aliases, shared_with(code), strict=True):
            member = by_name(alias, channel=code.channel)
            assert member is not None
            # an alias finds its code, unless it is another code's own name too
            assert member.value == (code.id if shared is None else shared)
            assert type(member).from_name(alias.lower()) is member
            member = type(member).from_id(code.id)
            assert member is not None
            assert member.api_name == code.name
            parse: Any = ic.parse_status if code.kind == "status" else ic.parse_error
            parsed = parse({"id": code.id, "name": alias}, channel=code.channel, strict=True)
            assert parsed.code is member
            assert parsed.mismatches == ()
            assert parsed.name == alias


def test_a_name_shared_with_another_code_is_told_apart_by_id() -> None:
    accepted = ic.parse_status(
        {"groupId": 0, "groupName": "ACCEPTED", "id": 0, "name": "MESSAGE_ACCEPTED"},
        strict=True,
    )
    assert accepted.code is not None
    assert accepted.code.value == 0
    assert accepted.group is ic.StatusGroup.ACCEPTED
    assert not accepted.is_final
    # by name alone, the code whose own name it is; with today's group, the code it is sent for
    assert ic.status_by_name("MESSAGE_ACCEPTED") is ic.SmsStatusCode.MESSAGE_ACCEPTED
    assert ic.SmsStatusCode.from_name("MESSAGE_ACCEPTED") is ic.SmsStatusCode.MESSAGE_ACCEPTED
    assert ic.parse_status({"name": "MESSAGE_ACCEPTED", "groupId": 0}).code.value == 0  # type: ignore[union-attr]
    today = ic.parse_status({"name": "MESSAGE_ACCEPTED", "groupId": 1, "groupName": "PENDING"})
    assert today.code is ic.SmsStatusCode.PENDING_ACCEPTED
    assert today.mismatches == ()


@pytest.mark.parametrize("code", BEYOND, ids=lambda c: f"{c.channel}-{c.kind}-{c.id}")
def test_every_row_beyond_the_page_is_a_member_with_its_source(code: object) -> None:
    from codegen.spec import Code

    assert isinstance(code, Code)
    lookup = ic.status_by_id if code.kind == "status" else ic.error_by_id
    member = lookup(code.id, channel=code.channel)
    assert member is not None
    assert member.source == code.source
    assert member.record.source == code.source
    parse: Any = ic.parse_status if code.kind == "status" else ic.parse_error
    parsed = parse({"id": code.id}, channel=code.channel)
    assert parsed.known
    assert parsed.record.source == code.source
    if isinstance(member, ic.ErrorCodeEnum):
        assert member.permanent is code.permanent
        # what no source states stays unknown, and unknown is not a retry
        if code.permanent is None:
            assert not member.is_retryable
            assert not parsed.is_retryable


def test_the_accepted_status_group_is_not_final() -> None:
    group = ic.StatusGroup.ACCEPTED
    assert group.value == 0
    assert not group.is_final
    assert group.record.source != "page"
    assert ic.StatusGroup.from_name("accepted") is group


def test_explain_finds_an_alias_and_shows_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "MESSAGE_ACCEPTED"]) == 0
    out = capsys.readouterr().out
    assert "sms status 26  PENDING_ACCEPTED" in out
    assert "MESSAGE_ACCEPTED" in out
    assert main(["explain", "6034", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["source"].startswith('Infobip "Email Error Codes Update"')
    assert row["group_id"] is None
    assert row["permanent"] is None
    assert main(["explain", "7032"]) == 0
    out = capsys.readouterr().out
    assert "source" in out
    assert "camilootoya-habi/tableros-marketing-habi" in " ".join(out.split())


def test_the_page_rows_stay_as_the_page_has_them() -> None:
    # records() holds every row; the page's rows are exactly the spec's rows without a source
    on_page = [r for r in ic.records() if r.source == "page"]
    assert len(on_page) == sum(code.on_page for code in THE_SPEC.codes)
    assert len(ic.records()) == len(THE_SPEC.codes)
