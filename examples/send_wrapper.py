"""A small wrapper around an SMS send call that turns the response into decisions.

The HTTP call itself is injected (``transport``), so the wrapper works with
any client library and is testable without a network. Infobip answers a send
request with ``{"bulkId": ..., "messages": [{"messageId", "status", "to"}]}``;
a REJECTED status there means the message will never leave.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from infobip_codes import SmsStatusCode, StatusGroup, parse_report

Transport = Callable[[Mapping[str, object]], Mapping[str, Any]]
"""Sends the JSON body to /sms/2/text/advanced and returns the decoded JSON answer."""


class SendRejected(Exception):
    """Infobip refused a message outright (status group REJECTED)."""

    def __init__(self, message_id: str | None, status_name: str | None, reason: str) -> None:
        self.message_id = message_id
        self.status_name = status_name
        super().__init__(f"message {message_id} rejected ({status_name}): {reason}")


@dataclass(frozen=True)
class Accepted:
    message_id: str | None
    status: str | None


def send_sms(transport: Transport, sender: str, to: str, text: str) -> Accepted:
    """Send one SMS; return what was accepted, raise SendRejected on a refusal."""
    body = {"messages": [{"from": sender, "destinations": [{"to": to}], "text": text}]}
    [result] = parse_report(transport(body), channel="sms")
    status = result.status
    if status is not None and status.group is StatusGroup.REJECTED:
        if status.code is SmsStatusCode.REJECTED_NOT_ENOUGH_CREDITS:
            reason = "top up the account first"
        else:
            reason = status.description or "no description"
        raise SendRejected(result.message_id, status.name, reason)
    return Accepted(result.message_id, None if status is None else status.name)
