"""The standard json module writes every value of the package through one encoder class."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import ENUMS, of_a_subclass, run_doc_code
from django.core.serializers.json import DjangoJSONEncoder
from infobip_api_client.models.sms_delivery_result import SmsDeliveryResult
from test_integrations import SMS_REPORT

import infobip_codes
from infobip_codes import (
    ParsedReport,
    SmsErrorCode,
    StatusGroup,
    parse_error,
    parse_report,
    parse_status,
)
from infobip_codes.ext.json import CodesJSONEncoder


def dumped(value: object, encoder: type[json.JSONEncoder] = CodesJSONEncoder) -> Any:
    """The value as JSON text and back: what a reader of the JSON gets."""
    return json.loads(json.dumps(value, cls=encoder))


def test_every_member_of_every_enum_is_its_id() -> None:
    for enum in ENUMS:
        for member in enum:
            assert dumped(member) == member.value
            assert dumped({"code": member}) == {"code": member.value}


def test_every_record_is_its_fields() -> None:
    for record in infobip_codes.records():
        assert dumped(record) == record.to_dict()
    groups = [member.record for member in StatusGroup]
    assert dumped(groups) == [group.to_dict() for group in groups]
    assert dumped(SmsErrorCode.EC_ABSENT_SUBSCRIBER.records)[0]["aliases"] == []


def test_parsed_values_are_the_api_shape_and_read_back_the_same() -> None:
    reports = parse_report(SMS_REPORT, channel="sms")
    text = json.dumps({"results": reports}, cls=CodesJSONEncoder)
    assert json.loads(text) == {"results": [report.to_dict() for report in reports]}
    assert parse_report(json.loads(text), channel="sms") == reports
    status = parse_status({"id": 5})
    error = parse_error({"id": 99999, "name": "SOMETHING_NEW"})  # unknown: kept as sent
    assert dumped(status) == status.to_dict()
    assert dumped(error) == {**error.to_dict(), "id": 99999}
    assert parse_error(dumped(error)) == error


def test_plain_json_refuses_what_the_encoder_writes() -> None:
    # why the encoder exists: json alone knows no parsed value or record
    with pytest.raises(TypeError):
        json.dumps(parse_status({"id": 5}))
    with pytest.raises(TypeError):
        json.dumps(SmsErrorCode.EC_ABSENT_SUBSCRIBER.record)


def test_anything_else_is_still_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json.dumps({"when": dt.date(2024, 1, 1)}, cls=CodesJSONEncoder)


@pytest.mark.parametrize("order", ["codes first", "django first"])
def test_it_combines_with_django_s_encoder(order: str) -> None:
    if order == "codes first":

        class Encoder(CodesJSONEncoder, DjangoJSONEncoder):
            pass

    else:

        class Encoder(DjangoJSONEncoder, CodesJSONEncoder):  # type: ignore[no-redef]
            pass

    [report, _] = parse_report(SMS_REPORT)
    value = {"at": dt.datetime(2024, 1, 2, 3, 4, 5), "price": Decimal("0.01"), "report": report}
    assert dumped(value, Encoder) == {
        "at": "2024-01-02T03:04:05",
        "price": "0.01",
        "report": report.to_dict(),
    }


def test_a_value_parsed_from_an_sdk_object_is_json_safe() -> None:
    model = SmsDeliveryResult.from_json(json.dumps(SMS_REPORT))
    assert model is not None
    assert model.results is not None
    assert isinstance(model.results[0].sent_at, dt.datetime)  # the SDK holds datetimes
    reports = parse_report(model, channel="sms")
    as_sent = parse_report(SMS_REPORT, channel="sms")
    assert [(r.message_id, r.status, r.error) for r in reports] == [
        (r.message_id, r.status, r.error) for r in as_sent
    ]
    for report in reports:
        json.dumps(report.to_dict())
        assert type(report.raw["sentAt"]) is str  # the dump in JSON mode: text as sent
        assert json.loads(json.dumps(report.raw))["status"] == report.raw["status"]
    [first] = parse_report(model.results[0], channel="sms")
    assert json.loads(json.dumps(first.raw))["status"]["groupName"] == "DELIVERED"
    assert dumped(reports) == [report.to_dict() for report in reports]


def test_a_value_of_a_parsed_subclass_is_written_the_same_way() -> None:
    [report] = parse_report({"messageId": "m", "error": {"id": 27}})
    mine = of_a_subclass(report)
    assert type(mine) is not ParsedReport
    assert dumped(mine) == report.to_dict()


def test_the_docs_json_section_runs() -> None:
    namespace = run_doc_code("JSON")
    assert json.loads(str(namespace["text"]))["code"] == 27
