"""A FastAPI delivery-report endpoint typed with the parsed values.

Infobip POSTs ``{"results": [...]}`` to the ``notifyUrl`` you configure. With
the results typed ``SmsReport``, FastAPI runs
this package's parser on each of them: a code Infobip added last week is a
value (``known`` is False) and the request still gets 200, while a body not
shaped like a report gets 422 with the offending field named. The OpenAPI page
(``/docs``) lists every SMS error code with its name and meaning.

Run it with ``uvicorn fastapi_webhook:app`` from this directory.
"""

from typing import Annotated, Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field

from infobip_codes import SmsError, SmsErrorCode, SmsReport, StatusGroup

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
