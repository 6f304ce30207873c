"""Find enum members by id or by name, across channels or within one.

The tables are plain dicts built once, when this module is first imported
(which builds every channel's enums): a lookup is one function call and one
dict look-up, never a scan and never ``Enum(value)``.

Precedence without a channel: the channels in page order, so the general
(sms) tables first. Names match case-insensitively, by the printed name or
by the Python member name; where the page prints one name for two ids
(``REJECTED_DESTINATION`` is status 14 and 52), the first row on the page wins.
"""

from __future__ import annotations

from infobip_codes._catalog import check_channel, member_of
from infobip_codes._enum import CodeEnum, ErrorCodeEnum, StatusCodeEnum
from infobip_codes._tables import CHANNELS, ROWS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias, TypeVar

    _C = TypeVar("_C", bound=CodeEnum)
    _ById: TypeAlias = "dict[str | None, dict[int, _C]]"
    _ByName: TypeAlias = "dict[str | None, dict[str, _C]]"

__all__ = ["error_by_id", "error_by_name", "status_by_id", "status_by_name"]


def _tables(kind: str, base: type[_C]) -> tuple[_ById[_C], _ByName[_C]]:
    """Per-channel tables, plus the ``None`` scope where earlier channels win."""
    by_id: _ById[_C] = {None: {}}
    by_name: _ByName[_C] = {None: {}}
    for channel in CHANNELS:
        by_id[channel] = {}
        by_name[channel] = {}
    for row in ROWS:
        channel, row_kind, code_id, name, member = row[:5]
        if row_kind != kind:
            continue
        code = member_of(channel, kind, member)
        if not isinstance(code, base):  # the generator pairs kinds and bases
            raise TypeError(f"{code!r} is not a {base.__name__}")
        for scope in (channel, None):
            by_id[scope].setdefault(code_id, code)
            by_name[scope].setdefault(name.casefold(), code)
            by_name[scope].setdefault(member.casefold(), code)
    return by_id, by_name


_STATUS_BY_ID, _STATUS_BY_NAME = _tables("status", StatusCodeEnum)
_ERROR_BY_ID, _ERROR_BY_NAME = _tables("error", ErrorCodeEnum)
_ANY_STATUS_ID = _STATUS_BY_ID[None]
_ANY_ERROR_ID = _ERROR_BY_ID[None]


def status_by_id(id: int, channel: str | None = None) -> StatusCodeEnum | None:
    """The status member with this id, or None.

    >>> status_by_id(5)
    <SmsStatusCode.DELIVERED_TO_HANDSET: 5>
    """
    if channel is None:
        return _ANY_STATUS_ID.get(id)
    check_channel(channel)
    return _STATUS_BY_ID[channel].get(id)


def error_by_id(id: int, channel: str | None = None) -> ErrorCodeEnum | None:
    """The error member with this id, or None; without a channel, sms is tried first.

    >>> error_by_id(27)
    <SmsErrorCode.EC_ABSENT_SUBSCRIBER: 27>
    >>> error_by_id(27, channel="voice") is None
    True
    """
    if channel is None:
        return _ANY_ERROR_ID.get(id)
    check_channel(channel)
    return _ERROR_BY_ID[channel].get(id)


def status_by_name(name: str, channel: str | None = None) -> StatusCodeEnum | None:
    """The status member with this printed or member name (any case), or None.

    >>> status_by_name("delivered_to_handset")
    <SmsStatusCode.DELIVERED_TO_HANDSET: 5>
    """
    if channel is not None:
        check_channel(channel)
    return _STATUS_BY_NAME[channel].get(name.casefold())


def error_by_name(name: str, channel: str | None = None) -> ErrorCodeEnum | None:
    """The error member with this printed or member name (any case), or None.

    >>> error_by_name("EC_SOURCE_ADDRESS_BLACKLISTED")
    <SmsErrorCode.EC_BLACKLISTED_SENDERADDRESS: 2053>
    """
    if channel is not None:
        check_channel(channel)
    return _ERROR_BY_NAME[channel].get(name.casefold())
