"""Records: one frozen dataclass per row of the page.

This module is the only runtime user of ``dataclasses``, whose import is
heavy; it is loaded when a record is first asked for, never by the enums.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from infobip_codes._enum import CodeEnum, GroupEnum
    from infobip_codes._tables import Row

__all__ = ["CodeRecord", "records", "records_of"]


@dataclass(frozen=True, slots=True)
class CodeRecord:
    """One row of Infobip's code tables, exactly as the page gives it."""

    channel: str
    """``"sms"`` (the page's general tables), ``"voice"``, ``"push"``, ``"email"``,
    ``"chat"``, ``"mobile_identity"`` or ``"dlt"``."""
    kind: str
    """``"status"`` or ``"error"``."""
    id: int
    name: str
    """The printed name, which is what the API sends in ``name``."""
    member: str
    """The enum member this row is reached through."""
    group_id: int | None
    group_name: str | None
    permanent: bool | None
    """None where the page has no such column (mobile identity, DLT) and for statuses."""
    description: str | None
    status_id: int | None
    """The general status a DLT error links to; None elsewhere."""

    @property
    def enum_name(self) -> str:
        """The name of the enum class that holds :attr:`code`."""
        from infobip_codes._tables import CODE_ENUMS

        return CODE_ENUMS[self.channel, self.kind]

    @property
    def code(self) -> CodeEnum:
        """The enum member for this row."""
        from infobip_codes._catalog import member_of

        return member_of(self.channel, self.kind, self.member)

    @property
    def group(self) -> GroupEnum | None:
        """The group enum member, or None for tables without groups."""
        from infobip_codes._catalog import group_enum

        enum = group_enum(self.kind, self.channel)
        if enum is None or self.group_id is None:
            return None
        # this row's own group: the second 4102 row is an OPERATOR_ERRORS one
        group: GroupEnum = enum(self.group_id)
        return group

    def as_dict(self) -> dict[str, object]:
        """The fields as a plain dict, ready for ``json.dumps``."""
        return asdict(self)


@cache
def _records_by_row() -> dict[int, CodeRecord]:
    from infobip_codes._tables import ROWS

    return {id(row): CodeRecord(*row) for row in ROWS}


def records_of(rows: tuple[Row, ...]) -> tuple[CodeRecord, ...]:
    """The records of some rows of the generated table (shared, never copied)."""
    by_row = _records_by_row()
    return tuple(by_row[id(row)] for row in rows)


@cache
def records() -> tuple[CodeRecord, ...]:
    """Every record of the catalogue, in spec (page) order."""
    from infobip_codes._tables import ROWS

    return records_of(ROWS)
