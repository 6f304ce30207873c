"""A FastAPI delivery-report endpoint typed with the parsed values, and a send
endpoint that calls out to Infobip and answers its failures with them.

Infobip POSTs ``{"results": [...]}`` to the ``notifyUrl`` you configure. With
the results typed ``SmsReport``, FastAPI runs
this package's parser on each of them: a code Infobip added last week is a
value (``known`` is False) and the request still gets 200, while a body not
shaped like a report gets 422 with the offending field named. The OpenAPI page
(``/docs``) lists every SMS error code with its name and meaning.

``POST /sms`` sends through Infobip's SDK. When Infobip refuses the request as
a whole, the SDK raises ``ApiException``; ``parse_http_error`` reads it, and
the endpoint answers 503 with Infobip's ``Retry-After`` when a retry can
help (throttling, a failure on Infobip's side), 502 when it cannot, and the
reasons either way.

Run it with ``uvicorn fastapi_webhook:app`` from this directory, with
``INFOBIP_BASE_URL`` and ``INFOBIP_API_KEY`` set for ``/sms``.
"""

import os
from typing import Annotated, Literal

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from infobip_api_client import (
    ApiClient,
    Configuration,
    SmsApi,
    SmsDestination,
    SmsMessage,
    SmsMessageContent,
    SmsRequest,
    SmsTextContent,
)
from infobip_api_client.exceptions import ApiException
from pydantic import BaseModel, Field

from infobip_codes import (
    HttpFailure,
    ParsedHttpError,
    SmsError,
    SmsErrorCode,
    SmsReport,
    StatusGroup,
    parse_http_error,
    parse_report,
)

Outcome = Literal["delivered", "waiting", "retry", "give_up", "unknown"]


class DeliveryReport(BaseModel):
    """The body Infobip sends: one result per message."""

    results: list[SmsReport]


class Decision(BaseModel):
    """What to do about one message."""

    message_id: str | None
    outcome: Outcome
    code: Annotated[SmsErrorCode | int | None, Field(union_mode="left_to_right")]
    """The error: the member for a code the catalogue knows, the bare id for a new one."""
    error: SmsError | None
    """The error as the API's JSON, with what the catalogue filled in."""


app = FastAPI(title="Delivery reports")


def decide(result: SmsReport) -> Outcome:
    status, error = result.status, result.error
    if status is None or status.group is None:
        return "unknown"
    if status.group is StatusGroup.DELIVERED:
        return "delivered"
    if not status.is_final:
        return "waiting"
    if error is not None and error.is_retryable:
        return "retry"
    return "give_up"


@app.post("/delivery-reports")
def delivery_reports(report: DeliveryReport) -> list[Decision]:
    """Decide per message; unknown codes are decided on what the payload says."""
    return [
        Decision(
            message_id=result.message_id,
            outcome=decide(result),
            code=None if result.error is None else (result.error.code or result.error.id),
            error=result.error,
        )
        for result in report.results
    ]


@app.get("/sms-errors/{code}")
def sms_error(code: SmsErrorCode) -> dict[str, object]:
    """What an SMS error code means; an id the catalogue does not know is a 422."""
    return {
        "name": code.api_name,
        "description": code.description,
        "permanent": code.permanent,
        "retryable": code.is_retryable,
    }


# -- calling out: a send, and Infobip's refusals answered with their reasons -------------


class Sms(BaseModel):
    to: str
    text: str


class Sent(BaseModel):
    message_id: str | None
    status: str | None


class SendFailed(BaseModel):
    """Why Infobip refused the send, and whether sending again can help."""

    failure: HttpFailure | None
    retryable: bool | None
    retry_after: int | None
    reasons: list[str]
    """Each violation, as ``property: what is wrong``."""
    infobip: ParsedHttpError
    """Infobip's error body as it sent it."""


def infobip_client() -> ApiClient:
    """The SDK's client, configured from the environment."""
    host = os.environ.get("INFOBIP_BASE_URL", "https://api.infobip.com")
    return ApiClient(Configuration(host=host, api_key=os.environ.get("INFOBIP_API_KEY", "")))


@app.post(
    "/sms",
    response_model=list[Sent],
    responses={502: {"model": SendFailed}, 503: {"model": SendFailed}},
)
def send_sms(sms: Sms, client: Annotated[ApiClient, Depends(infobip_client)]) -> object:
    content = SmsMessageContent(actual_instance=SmsTextContent(text=sms.text))
    message = SmsMessage(
        destinations=[SmsDestination(to=sms.to)], sender="InfoSMS", content=content
    )
    try:
        response = SmsApi(client).send_sms_messages(sms_request=SmsRequest(messages=[message]))
    except ApiException as exc:
        error = parse_http_error(exc)
        failed = SendFailed(
            failure=error.failure,
            retryable=error.retryable,
            retry_after=error.retry_after,
            reasons=[f"{v.property}: {v.violation}" for v in error.violations]
            or [error.description or "no reason given"],
            infobip=error,
        )
        wait = {} if error.retry_after is None else {"Retry-After": str(error.retry_after)}
        return JSONResponse(
            failed.model_dump(mode="json"),
            status_code=503 if error.retryable else 502,
            headers=wait,
        )
    return [
        Sent(message_id=r.message_id, status=None if r.status is None else r.status.name)
        for r in parse_report(response, channel="sms")
    ]
