"""The OpenAPI document of a FastAPI app that takes and returns the package's types.

A report's schema references the code enums (and admits an id the catalogue
lacks), each parsed type is one component referenced wherever it is used,
every component is referenced, and the document passes a validator.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from openapi_spec_validator import validate
from pydantic import BaseModel

from infobip_codes import (
    EmailReport,
    ParsedReport,
    SmsErrorCode,
    SmsReport,
    SmsStatusCode,
    StatusGroup,
    VoiceError,
)


class DeliveryReport(BaseModel):
    results: list[SmsReport]


class Mixed(BaseModel):
    email: EmailReport | None = None
    voice_error: VoiceError | None = None
    spelled: ParsedReport[SmsStatusCode, SmsErrorCode] | None = None
    group: StatusGroup | None = None


def document() -> dict[str, Any]:
    app = FastAPI()

    @app.post("/reports")
    def receive(body: DeliveryReport) -> list[SmsReport]:
        return body.results

    @app.post("/mixed")
    def mixed(body: Mixed) -> Mixed:
        return body

    return app.openapi()


def test_the_document_is_valid_and_every_component_is_referenced() -> None:
    spec = document()
    validate(spec)
    text = json.dumps(spec)
    components = spec["components"]["schemas"]
    unreferenced = [name for name in components if f'"#/components/schemas/{name}"' not in text]
    assert unreferenced == []


def test_a_report_references_the_code_enums_and_keeps_unknown_ids_valid() -> None:
    components = document()["components"]["schemas"]
    status_id = components["SmsStatus"]["properties"]["id"]["anyOf"]
    assert {"$ref": "#/components/schemas/SmsStatusCode"} in status_id
    assert {"type": "integer"} in status_id  # an id Infobip adds later is valid
    error_id = components["SmsError"]["properties"]["id"]["anyOf"]
    assert {"$ref": "#/components/schemas/SmsErrorCode"} in error_id
    # a channel that carries one general member documents that member, titled
    email_error_id = components["EmailError"]["properties"]["id"]["anyOf"]
    assert {"$ref": "#/components/schemas/EmailErrorCode"} in email_error_id
    assert any(part.get("title") == "0 NO_ERROR" for part in email_error_id)
    assert components["SmsErrorCode"]["oneOf"][0]["title"] == "0 NO_ERROR"


def test_each_parsed_type_is_one_component_referenced_where_used() -> None:
    spec = document()
    components = spec["components"]["schemas"]
    report = components["SmsReport"]
    assert report["properties"]["status"]["anyOf"][0] == {"$ref": "#/components/schemas/SmsStatus"}
    assert report["properties"]["error"]["anyOf"][0] == {"$ref": "#/components/schemas/SmsError"}
    text = json.dumps(spec)
    # an error object's schema is written once, in its component, and referenced elsewhere
    errors = [n for n, c in components.items() if c.get("description", "").startswith("An error")]
    assert sorted(errors) == ["EmailError", "SmsError", "VoiceError"]
    assert text.count('"An error object: at least one of') == len(errors)
    body = components["DeliveryReport"]["properties"]["results"]["items"]
    assert body == {"$ref": "#/components/schemas/SmsReport"}
