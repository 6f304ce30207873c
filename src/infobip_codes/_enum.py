"""Base classes of the generated enums: the behaviour every member shares.

The generated modules hold nothing but members (and a typed ``group`` or
``status`` property where the type depends on the channel); what a member
knows about itself is looked up in the generated tables on first use. That
keeps creating the enum classes as cheap as creating bare IntEnums, and keeps
``dataclasses`` (a heavy import) off the path until a record is asked for.
"""

from __future__ import annotations

from enum import IntEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

    from infobip_codes._records import CodeRecord
    from infobip_codes._tables import Row
    from infobip_codes.status_group import StatusGroup

__all__ = [
    "CodeEnum",
    "ErrorCodeEnum",
    "ErrorGroupEnum",
    "GroupEnum",
    "GroupedErrorCodeEnum",
    "StatusCodeEnum",
    "StatusGroupEnum",
]

# Positions in a row of infobip_codes._tables.ROWS (CodeRecord's field order).
_NAME: Final = 3
_GROUP_ID: Final = 5
_PERMANENT: Final = 7
_DESCRIPTION: Final = 8
_STATUS_ID: Final = 9
_PENDING: Final = 1  # the one status group that is not final


class CodeEnum(IntEnum):
    """A status or error code. Members compare equal to their integer id."""

    def _rows(self) -> tuple[Row, ...]:
        from infobip_codes._catalog import ROWS_BY_MEMBER

        return ROWS_BY_MEMBER[type(self).__name__, self._value_]

    @property
    def api_name(self) -> str:
        """The name exactly as the API sends it (and the page prints it)."""
        return self._rows()[0][_NAME]

    @property
    def description(self) -> str | None:
        """The page's description of the first row for this value, or None."""
        return self._rows()[0][_DESCRIPTION]

    @property
    def info(self) -> CodeRecord:
        """The record of the first row for this value."""
        return self.records[0]

    @property
    def records(self) -> tuple[CodeRecord, ...]:
        """Every row for this value, in page order (two for 2053 and 4102)."""
        from infobip_codes._records import records_of

        return records_of(self._rows())


class StatusCodeEnum(CodeEnum):
    """A status code; its group is one of the shared :class:`StatusGroup` members."""

    @property
    def group(self) -> StatusGroup:
        from infobip_codes.status_group import StatusGroup

        group_id = self._rows()[0][_GROUP_ID]
        if group_id is None:  # statuses always have a group; kept for the type
            raise LookupError(f"{self!r} has no group")
        return StatusGroup(group_id)

    @property
    def is_final(self) -> bool:
        """False while the message is pending; every other status group is final."""
        return self._rows()[0][_GROUP_ID] != _PENDING


class ErrorCodeEnum(CodeEnum):
    """An error code of any channel."""

    def _status_id(self) -> int:
        status_id = self._rows()[0][_STATUS_ID]
        if status_id is None:  # the generator only emits ``status`` where every row has one
            raise LookupError(f"{self!r} links to no status")
        return status_id


class GroupedErrorCodeEnum(ErrorCodeEnum):
    """An error code of a channel whose tables have groups and a ``permanent`` column."""

    def _group_id(self) -> int:
        group_id = self._rows()[0][_GROUP_ID]
        if group_id is None:  # grouped channels always have a group; kept for the type
            raise LookupError(f"{self!r} has no group")
        return group_id

    @property
    def group(self) -> ErrorGroupEnum:
        """The group of the first row for this value (generated classes narrow the type)."""
        from infobip_codes._catalog import group_enum_of

        return group_enum_of(type(self))(self._group_id())

    @property
    def permanent(self) -> bool:
        """True when retrying the same message will not help."""
        return bool(self._rows()[0][_PERMANENT])

    @property
    def is_retryable(self) -> bool:
        """Neither a success (group 0) nor permanent: a later attempt may succeed."""
        return self._group_id() != 0 and not self.permanent


class GroupEnum(IntEnum):
    """A status or error group."""

    def _group(self) -> tuple[str, str | None]:
        from infobip_codes._tables import GROUPS

        return GROUPS[type(self).__name__][self._value_]

    @property
    def api_name(self) -> str:
        """The group name as printed on the page (the API's ``groupName``)."""
        return self._group()[0]

    @property
    def description(self) -> str | None:
        return self._group()[1]


class ErrorGroupEnum(GroupEnum):
    """An error group of one channel."""

    @property
    def is_ok(self) -> bool:
        """Group 0 reports success, not an error."""
        return self._value_ == 0


class StatusGroupEnum(GroupEnum):
    """Base of :class:`StatusGroup`."""

    @property
    def is_final(self) -> bool:
        return self._value_ != _PENDING
