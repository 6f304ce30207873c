"""cattrs with register(): enum fields by id, unknown ids kept, parsed values in the API's shape."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import attrs
import cattrs
import pytest
from cattrs.preconf.json import make_converter
from conftest import ENUMS, of_a_subclass, run_doc_code
from test_integrations import SMS_REPORT

from infobip_codes import (
    ParsedReport,
    ParsedStatus,
    SmsError,
    SmsErrorCode,
    SmsReport,
    SmsStatusCode,
    StatusGroup,
    VoiceErrorCode,
    parse_error,
    parse_report,
    parse_status,
)
from infobip_codes.ext.cattrs import register


@attrs.define
class Delivery:
    error: SmsErrorCode | int
    group: StatusGroup | int | None = None
    strict: SmsErrorCode | None = None
    report: ParsedReport[SmsStatusCode, SmsErrorCode] | None = None


@dataclasses.dataclass
class Stored:  # cattrs reads dataclasses as it reads attrs classes
    status: ParsedStatus[SmsStatusCode]  # the sms channel's, spelled as its parametrisation
    error: SmsError | None = None
    reports: list[SmsReport] = dataclasses.field(default_factory=list)


@pytest.fixture(params=["Converter", "preconf json"])
def converter(request: pytest.FixtureRequest) -> cattrs.Converter:
    made = cattrs.Converter() if request.param == "Converter" else make_converter()
    register(made)
    return made


def test_an_enum_or_int_field_keeps_unknown_ids(converter: cattrs.Converter) -> None:
    known = converter.structure({"error": 27, "group": 3}, Delivery)
    assert known.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert known.group is StatusGroup.DELIVERED
    unknown = converter.structure({"error": 99999, "group": 42}, Delivery)
    assert (unknown.error, type(unknown.error), unknown.group, type(unknown.group)) == (
        99999,
        int,
        42,
        int,
    )
    assert converter.structure({"error": 5603}, Delivery).error == 5603  # a voice id: unknown
    assert converter.structure({"error": VoiceErrorCode.EC_DECLINE}, Delivery).error == 5603
    assert converter.unstructure(known) == {
        "error": 27,
        "group": 3,
        "strict": None,
        "report": None,
    }


def test_an_enum_field_takes_known_ids_only(converter: cattrs.Converter) -> None:
    assert converter.structure({"error": 1, "strict": 27}, Delivery).strict is (
        SmsErrorCode.EC_ABSENT_SUBSCRIBER
    )
    for bad in (99999, True, 27.0, "27"):
        with pytest.raises(cattrs.ClassValidationError) as caught:
            converter.structure({"error": 1, "strict": bad}, Delivery)
        [problem] = caught.value.exceptions
        assert "id of SmsErrorCode" in str(problem), bad


@pytest.mark.parametrize("bad", [True, 27.0, "27", None])
def test_what_is_no_id_fails_an_enum_or_int_field(converter: cattrs.Converter, bad: object) -> None:
    with pytest.raises(cattrs.ClassValidationError):
        converter.structure({"error": bad}, Delivery)


def test_every_enum_is_registered(converter: cattrs.Converter) -> None:
    for enum in ENUMS:
        member = next(iter(enum))
        assert converter.structure(member.value, enum) is member
        either: Any = enum | int
        assert converter.structure(99999999, either) == 99999999
        assert converter.unstructure(member) == member.value


def test_parsed_values_write_the_api_shape_and_read_back(converter: cattrs.Converter) -> None:
    reports = parse_report(SMS_REPORT, channel="sms")
    first = reports[0]
    assert first.status is not None
    stored = Stored(first.status, first.error, list(reports))
    written = converter.unstructure(stored)
    assert json.loads(json.dumps(written)) == {
        "status": first.status.to_dict(),
        "error": None if first.error is None else first.error.to_dict(),
        "reports": [report.to_dict() for report in reports],
    }
    assert converter.structure(written, Stored) == stored
    delivery = Delivery(SmsErrorCode.EC_ABSENT_SUBSCRIBER, report=first)
    assert converter.unstructure(delivery)["report"] == first.to_dict()
    assert converter.structure(converter.unstructure(delivery), Delivery) == delivery


def test_unknown_codes_round_trip_and_subclasses_write_alike(converter: cattrs.Converter) -> None:
    status = parse_status({"id": 4242, "groupId": 3})
    error = parse_error({"id": 99999, "name": "SOMETHING_NEW"})
    sent = {"messageId": "m", "status": status.to_dict(), "error": error.to_dict()}
    [report] = parse_report(sent)
    assert converter.structure(converter.unstructure(report), ParsedReport) == report
    mine = of_a_subclass(report)
    assert converter.unstructure(mine) == report.to_dict()
    assert converter.unstructure(mine, unstructure_as=ParsedReport) == report.to_dict()


def test_records_are_written_as_their_fields(converter: cattrs.Converter) -> None:
    codes = SmsErrorCode.EC_ABSENT_SUBSCRIBER.records
    group = StatusGroup.DELIVERED.record
    assert converter.unstructure(list(codes)) == [record.to_dict() for record in codes]
    assert converter.unstructure({"group": group}) == {"group": group.to_dict()}


def test_a_malformed_object_fails_naming_the_field(converter: cattrs.Converter) -> None:
    with pytest.raises(cattrs.ClassValidationError) as caught:
        converter.structure({"status": {"id": "5"}}, Stored)
    [problem] = caught.value.exceptions
    assert "$.id: expected an integer" in str(problem)


def test_the_docs_cattrs_section_runs() -> None:
    namespace = run_doc_code("cattrs")
    assert namespace["second"].error == 99999
