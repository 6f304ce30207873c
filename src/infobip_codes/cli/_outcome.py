"""What became of a message, and what to do about an error: from the parsed values' own facts.

Outcomes: *delivered* (status group DELIVERED), *failed* (another final
status group; or, with no status of a known group, an error not known to be
OK), *pending* (a status group that is not final) and *unknown* (neither).

What to do about an error is its ``advice`` (``infobip_codes._rules``):
*retry* (known to be temporary), *fix* (permanent: fix the cause before sending
again), *unknown* (no source says whether a retry can help: no reason to
retry), *none* for an error of the OK group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infobip_codes import StatusGroup

if TYPE_CHECKING:
    from infobip_codes import Advice
    from infobip_codes.cli._results import Result

DELIVERED = "delivered"
FAILED = "failed"
PENDING = "pending"
UNKNOWN = "unknown"
OUTCOMES = (DELIVERED, FAILED, PENDING, UNKNOWN)

OK: Advice = "none"
RETRY: Advice = "retry"
FIX: Advice = "fix"
UNSAID: Advice = "unknown"
ACTIONS: dict[Advice, str] = {
    RETRY: "temporary, a retry may succeed",
    FIX: "permanent, fix the cause before sending again",
    UNSAID: "no source says whether a retry can help",
}


def outcome(result: Result) -> str:
    status = result.status
    if status is not None:
        group = status.group
        if group is not None:
            if group is StatusGroup.DELIVERED:
                return DELIVERED
            return FAILED if status.is_final else PENDING
    error = result.error
    if error is not None and not error.is_ok:
        return FAILED
    return UNKNOWN
