"""The adapters carry HTTP error bodies as they carry delivery reports.

A parsed HTTP error is written as its body (``to_dict()``) and read back by
the parser; its identifiers are ``str`` enums that every library writes as
their text; their records are written as their fields. Each adapter is run
with its real library, over every body Infobip's documents and SDKs show.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import cattrs
import msgspec
import pytest
from http_bodies import BODIES

from infobip_codes import (
    ApiErrorCode,
    ParsedHttpError,
    RequestErrorId,
    parse_http_error,
)
from infobip_codes.ext.cattrs import register
from infobip_codes.ext.json import CodesJSONEncoder
from infobip_codes.ext.msgspec import dec_hook, enc_hook

PARSED = [parse_http_error(json.loads(entry["body"])) for entry in BODIES if entry.get("shape")]


class Failure(msgspec.Struct):
    error: ParsedHttpError
    code: ApiErrorCode | None = None  # msgspec takes one str enum in a union


@dataclasses.dataclass
class Logged:
    error: ParsedHttpError
    identifier: RequestErrorId | None = None


def test_the_bodies_are_many_and_of_both_shapes() -> None:
    assert len(PARSED) >= 20
    assert {error.shape for error in PARSED} == {"request_error", "api_error"}


def test_json_writes_the_body_and_the_parser_reads_it_back() -> None:
    for error in PARSED:
        text = json.dumps({"error": error, "id": error.identifier}, cls=CodesJSONEncoder)
        written = json.loads(text)
        assert written["error"] == error.to_dict()
        assert written["id"] == (None if error.identifier is None else str(error.identifier))
        assert parse_http_error(written["error"]) == error
    record = RequestErrorId.TOO_MANY_REQUESTS.record
    assert json.loads(json.dumps(record, cls=CodesJSONEncoder)) == record.to_dict()


def test_msgspec_encodes_and_decodes_through_the_hooks() -> None:
    for error in PARSED:
        stored = Failure(error, error.code if isinstance(error.code, ApiErrorCode) else None)
        encoded = msgspec.json.encode(stored, enc_hook=enc_hook)
        assert msgspec.json.decode(encoded)["error"] == error.to_dict()
        assert msgspec.json.decode(encoded, type=Failure, dec_hook=dec_hook) == stored
    with pytest.raises(msgspec.ValidationError, match=r"\$\.errorCode: expected a string"):
        msgspec.json.decode(b'{"error": {"errorCode": 400}}', type=Failure, dec_hook=dec_hook)


def test_cattrs_unstructures_and_structures_with_register() -> None:
    converter = cattrs.Converter()
    register(converter)
    for error in PARSED:
        identifier = error.code if isinstance(error.code, RequestErrorId) else None
        logged = Logged(error, identifier)
        written: Any = converter.unstructure(logged)
        assert json.loads(json.dumps(written))["error"] == error.to_dict()
        assert converter.structure(written, Logged) == logged
    with pytest.raises(cattrs.ClassValidationError):
        converter.structure({"error": {"errorCode": 400}}, Logged)


def test_the_column_types_refuse_the_identifier_enums_at_once() -> None:
    # their members are text, not ids: refused when the column is declared, not at
    # the first row stored (mypy refuses them too: the parameter is a code or group enum)
    from infobip_codes.ext.django import EnumField, choices
    from infobip_codes.ext.sqlalchemy import EnumType

    declarations: tuple[Any, ...] = (EnumType, choices, EnumField)
    for enum in (ApiErrorCode, RequestErrorId, int):
        for declare in declarations:
            with pytest.raises(TypeError, match="expected a code or group enum"):
                declare(enum)
