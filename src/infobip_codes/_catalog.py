"""Indexes over the generated tables, built once on first use.

Everything here is derived from ``infobip_codes._tables`` with dict building
only: no enum module is imported, so the CLI and the lookups can answer from
the data alone.
"""

from __future__ import annotations

from infobip_codes._tables import CHANNELS, CODE_ENUMS, ERROR_GROUP_ENUMS, ROWS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias

    from infobip_codes._enum import CodeEnum, ErrorGroupEnum
    from infobip_codes._tables import Row
    from infobip_codes.sms import StatusGroup

    GroupEnumType: TypeAlias = "type[StatusGroup] | type[ErrorGroupEnum]"

__all__ = [
    "ROWS_BY_ID",
    "ROWS_BY_MEMBER",
    "ROWS_BY_NAME",
    "check_channel",
    "group_enum",
    "member_of",
]

# (enum class name, id) -> every row for that member, in page order
ROWS_BY_MEMBER: dict[tuple[str, int], tuple[Row, ...]] = {}
# (kind, id) -> every row with that id, in page order, across channels
ROWS_BY_ID: dict[tuple[str, int], tuple[Row, ...]] = {}
# (kind, casefolded printed or member name) -> rows, in page order
ROWS_BY_NAME: dict[tuple[str, str], tuple[Row, ...]] = {}


def _index() -> None:
    by_member: dict[tuple[str, int], list[Row]] = {}
    by_id: dict[tuple[str, int], list[Row]] = {}
    by_name: dict[tuple[str, str], list[Row]] = {}
    for row in ROWS:
        channel, kind, code_id, name, member = row[:5]
        by_member.setdefault((CODE_ENUMS[channel, kind], code_id), []).append(row)
        by_id.setdefault((kind, code_id), []).append(row)
        for key in {name.casefold(), member.casefold()}:
            by_name.setdefault((kind, key), []).append(row)
    ROWS_BY_MEMBER.update((k, tuple(v)) for k, v in by_member.items())
    ROWS_BY_ID.update((k, tuple(v)) for k, v in by_id.items())
    ROWS_BY_NAME.update((k, tuple(v)) for k, v in by_name.items())


_index()


def check_channel(channel: str) -> None:
    """Raise ValueError for a channel name the catalogue does not have."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")


def member_of(channel: str, kind: str, member: str) -> CodeEnum:
    """The member ``member`` of the ``kind`` enum of ``channel`` (imported on first use)."""
    from infobip_codes._enum import channel_module

    enum: type[CodeEnum] = getattr(channel_module(channel), CODE_ENUMS[channel, kind])
    return enum[member]


_GROUP_ENUMS: dict[tuple[str, str], GroupEnumType | None] = {}


def group_enum(kind: str, channel: str) -> GroupEnumType | None:
    """The group enum of ``kind`` codes of ``channel``: StatusGroup for any status,
    the channel's error group enum for errors, None for a channel without groups."""
    key = (kind, channel)
    if key in _GROUP_ENUMS:
        return _GROUP_ENUMS[key]
    from infobip_codes._enum import channel_module, status_group

    found: GroupEnumType | None
    if kind == "status":
        found = status_group()
    else:
        name = ERROR_GROUP_ENUMS.get(CODE_ENUMS.get((channel, "error"), ""))
        found = None if name is None else getattr(channel_module(channel), name)
    _GROUP_ENUMS[key] = found
    return found
