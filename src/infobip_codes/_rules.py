"""The domain's answers, each written once: final, ok, retryable, and what to do.

Pure functions over the facts the spec states: a group's ``final`` and
``success``, a code's ``permanent``; and, for a request that failed as a
whole, over its HTTP status. The enums, the parsed values, the command
line and the exports all answer through these, so they cannot disagree.

Unknown is never a yes: a group nobody states is not final and not a success,
and a ``permanent`` nobody states is not a reason to retry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:  # records are only read here: importing them costs the enums' import time
    from infobip_codes._record import GroupRecord
    from infobip_codes.tables import Kind

__all__ = [
    "Advice",
    "HttpFailure",
    "advice",
    "http_failure",
    "http_retryable",
    "is_final",
    "is_ok",
    "is_retryable",
]

Advice: TypeAlias = Literal["wait", "final", "none", "retry", "fix", "unknown"]
"""What a sender does about a code: ``wait`` for a later report (a status that is
not final), ``final`` (a status that is), ``none`` (an error that reports
success), ``retry`` (a temporary error), ``fix`` the cause before sending again
(a permanent error), or ``unknown`` (an error whose permanence nobody states)."""


def is_final(group: GroupRecord | None) -> bool:
    """Whether a status of this group is final: only when the group is known and says so."""
    return group is not None and group.final is True


def is_ok(group: GroupRecord | None) -> bool:
    """Whether an error of this group reports success (OK): only when known and said."""
    return group is not None and group.success is True


def is_retryable(permanent: bool | None, group: GroupRecord | None) -> bool:
    """Whether a retry may help: known not to be permanent, and not a success."""
    return permanent is False and not is_ok(group)


def advice(kind: Kind, group: GroupRecord | None, permanent: bool | None) -> Advice:
    """What to do about a status (its group) or an error (its group and permanence)."""
    if kind == "status":
        return "final" if is_final(group) else "wait"
    if is_ok(group):
        return "none"
    if permanent is None:
        return "unknown"
    return "fix" if permanent else "retry"


HttpFailure: TypeAlias = Literal["authentication", "authorisation", "throttled", "client", "server"]
"""What an HTTP error status says failed: ``authentication`` (401: the credentials),
``authorisation`` (403: the caller may not do this), ``throttled`` (429: too many
requests), ``client`` (any other 4xx: the request itself) or ``server`` (5xx)."""


def http_failure(status: int | None) -> HttpFailure | None:
    """What failed, by the HTTP status; None without one, or for one that is no error."""
    if status is None or not 400 <= status <= 599:
        return None
    if status >= 500:
        return "server"
    if status == 401:
        return "authentication"
    if status == 403:
        return "authorisation"
    return "throttled" if status == 429 else "client"


def http_retryable(status: int | None) -> bool | None:
    """Whether the same request may succeed when sent again: after throttling or a server
    failure, yes; after any other 4xx, no (the request itself is at fault); None where no
    error status says."""
    failure = http_failure(status)
    return None if failure is None else failure in ("throttled", "server")
