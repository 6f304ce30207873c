"""Indexes over the catalogue, built once when first imported.

Everything is derived from ``infobip_codes._catalog`` with dict building only:
a lookup is one dict look-up, never a scan and never ``Enum(value)``.

Precedence without a channel: the general tables first, then the other
channels in page order. Names match case-insensitively, by printed name,
member name or alias; where one name stands for several ids
(``REJECTED_DESTINATION`` is status 14 and 52), the first row wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from infobip_codes import _catalog
from infobip_codes._base import CodeEnum
from infobip_codes.tables import CHANNELS, GENERAL

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord
    from infobip_codes.tables import Channel

_C = TypeVar("_C", bound=CodeEnum)

__all__ = [
    "ERROR_BY_ID",
    "ERROR_BY_NAME",
    "MEMBER",
    "ORDER",
    "RECORDS",
    "ROWS_BY_ID",
    "ROWS_BY_NAME",
    "STATUS_BY_ID",
    "STATUS_BY_NAME",
    "channel_or_none",
    "names_of",
]

ORDER: tuple[Channel, ...] = (GENERAL, *(c for c in CHANNELS if c != GENERAL))
"""The order channels are tried in when none is given."""

RECORDS: tuple[CodeRecord, ...] = tuple(
    row
    for channel in CHANNELS
    for table in (_catalog.STATUS_ROWS, _catalog.ERROR_ROWS)
    for row in table[channel]
)
"""Every row of the catalogue, channel by channel in page order."""

MEMBER: dict[int, CodeEnum] = {}
"""``id(record)`` -> the enum member the record belongs to."""
ROWS_BY_ID: dict[tuple[str, int], tuple[CodeRecord, ...]] = {}
"""``(kind, id)`` -> every row with that id, general channel first."""
ROWS_BY_NAME: dict[tuple[str, str], tuple[CodeRecord, ...]] = {}
"""``(kind, casefolded name)`` -> every row known by that name, general channel first."""


def names_of(row: CodeRecord) -> tuple[str, ...]:
    """Every name a row is known by: printed, member and aliases."""
    return (row.name, row.member, *row.aliases)


def _tables(
    kind: str, enums: Mapping[Channel, type[_C]], rows: Mapping[Channel, tuple[CodeRecord, ...]]
) -> tuple[dict[str | None, dict[int, _C]], dict[str | None, dict[str, _C]]]:
    """Members by id and by name, per channel and (under None) across channels."""
    by_id: dict[str | None, dict[int, _C]] = {None: {}}
    by_name: dict[str | None, dict[str, _C]] = {None: {}}
    rows_by_id: dict[tuple[str, int], list[CodeRecord]] = {}
    rows_by_name: dict[tuple[str, str], list[CodeRecord]] = {}
    for channel in ORDER:
        by_id[channel] = {}
        by_name[channel] = {}
        enum = enums.get(channel)
        for row in rows[channel]:
            assert enum is not None  # the generator gives every channel with rows an enum
            member = enum[row.member]
            MEMBER[id(row)] = member
            rows_by_id.setdefault((kind, row.id), []).append(row)
            for scope in (channel, None):
                by_id[scope].setdefault(row.id, member)
            for name in dict.fromkeys(n.casefold() for n in names_of(row)):
                rows_by_name.setdefault((kind, name), []).append(row)
                for scope in (channel, None):
                    by_name[scope].setdefault(name, member)
    ROWS_BY_ID.update((key, tuple(found)) for key, found in rows_by_id.items())
    ROWS_BY_NAME.update((key, tuple(found)) for key, found in rows_by_name.items())
    return by_id, by_name


STATUS_BY_ID, STATUS_BY_NAME = _tables("status", _catalog.STATUS_ENUMS, _catalog.STATUS_ROWS)
ERROR_BY_ID, ERROR_BY_NAME = _tables("error", _catalog.ERROR_ENUMS, _catalog.ERROR_ROWS)


def channel_or_none(channel: object) -> Channel | None:
    """``channel`` itself when it names a channel (or is None); else ValueError naming them."""
    for known in CHANNELS:
        if channel == known and type(channel) is str:
            return known
    if channel is None:
        return None
    raise ValueError(f"unknown channel {channel!r}; expected one of: {', '.join(CHANNELS)}")
