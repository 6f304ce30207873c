"""Indexes over the generated tables, built once on first use.

Everything here is derived from ``infobip_codes._tables`` with dict building
only: no enum module is imported, so the CLI and the lookups can answer from
the data alone.
"""

from __future__ import annotations

from infobip_codes._tables import CHANNELS, CODE_ENUMS, ERROR_GROUP_ENUMS, GROUPS, ROWS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from infobip_codes._enum import ErrorGroupEnum, GroupedErrorCodeEnum
    from infobip_codes._tables import Row

__all__ = [
    "CHANNELS",
    "CODE_ENUMS",
    "ERROR_GROUP_ENUMS",
    "GROUPS",
    "ROWS",
    "ROWS_BY_ID",
    "ROWS_BY_MEMBER",
    "ROWS_BY_NAME",
    "group_enum_of",
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


def group_enum_of(enum: type[GroupedErrorCodeEnum]) -> type[ErrorGroupEnum]:
    """The group enum that lives beside a grouped error enum in its module."""
    import sys

    group_enum: type[ErrorGroupEnum] = getattr(
        sys.modules[enum.__module__], ERROR_GROUP_ENUMS[enum.__name__]
    )
    return group_enum
