"""Members by id and by name, per channel and across channels, built once.

A lookup is one dict look-up, never a scan and never ``Enum(value)``. The
rows come from ``infobip_codes._rows`` (re-exported here for the parser),
the members from ``infobip_codes._catalog``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from infobip_codes import _catalog, _data
from infobip_codes._base import CodeEnum
from infobip_codes._rows import (
    ORDER,
    RECORDS,
    ROWS_BY_ID,
    ROWS_BY_NAME,
    channel_or_none,
    names_of,
)

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord
    from infobip_codes.tables import Channel

__all__ = [
    "ERROR_BY_ID",
    "ERROR_BY_NAME",
    "MEMBER",
    "RECORDS",
    "ROWS_BY_ID",
    "ROWS_BY_NAME",
    "STATUS_BY_ID",
    "STATUS_BY_NAME",
    "channel_or_none",
    "names_of",
]

_C = TypeVar("_C", bound=CodeEnum)

MEMBER: dict[int, CodeEnum] = {}
"""``id(record)`` -> the enum member the record belongs to."""


def _tables(
    enums: Mapping[Channel, type[_C]], rows: Mapping[Channel, tuple[CodeRecord, ...]]
) -> tuple[dict[str | None, dict[int, _C]], dict[str | None, dict[str, _C]]]:
    """Members by id and by name, per channel and (under None) across channels."""
    by_id: dict[str | None, dict[int, _C]] = {None: {}}
    by_name: dict[str | None, dict[str, _C]] = {None: {}}
    for channel in ORDER:
        by_id[channel] = {}
        by_name[channel] = {}
        enum = enums.get(channel)
        for row in rows[channel]:
            assert enum is not None  # the generator gives every channel with rows an enum
            member = enum[row.member]
            MEMBER[id(row)] = member
            for scope in (channel, None):
                by_id[scope].setdefault(row.id, member)
                for name in names_of(row):
                    by_name[scope].setdefault(name.casefold(), member)
    return by_id, by_name


STATUS_BY_ID, STATUS_BY_NAME = _tables(_catalog.STATUS_ENUMS, _data.STATUS_ROWS)
ERROR_BY_ID, ERROR_BY_NAME = _tables(_catalog.ERROR_ENUMS, _data.ERROR_ROWS)
