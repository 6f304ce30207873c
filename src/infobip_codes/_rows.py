"""Indexes over the catalogue's rows, built once when first imported.

Data only: the rows of ``infobip_codes._data``, by id and by name, with no
enum in sight, so the command line can answer ``explain`` and ``search``
without building one. ``infobip_codes._index`` adds the members.

Precedence without a channel: the general tables first, then the other
channels in page order. Names match case-insensitively, by printed name,
member name or alias.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infobip_codes import _data
from infobip_codes.tables import CHANNELS, GENERAL

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord
    from infobip_codes.tables import Channel

__all__ = ["ORDER", "RECORDS", "ROWS_BY_ID", "ROWS_BY_NAME", "channel_or_none", "names_of"]

ORDER: tuple[Channel, ...] = (GENERAL, *(c for c in CHANNELS if c != GENERAL))
"""The order channels are tried in when none is given."""

RECORDS: tuple[CodeRecord, ...] = tuple(
    row
    for channel in CHANNELS
    for table in (_data.STATUS_ROWS, _data.ERROR_ROWS)
    for row in table[channel]
)
"""Every row of the catalogue, channel by channel in page order."""


def names_of(row: CodeRecord) -> tuple[str, ...]:
    """Every name a row is known by: printed, member and aliases."""
    return (row.name, row.member, *row.aliases)


def _index() -> tuple[
    dict[tuple[str, int], tuple[CodeRecord, ...]], dict[tuple[str, str], tuple[CodeRecord, ...]]
]:
    by_id: dict[tuple[str, int], list[CodeRecord]] = {}
    by_name: dict[tuple[str, str], list[CodeRecord]] = {}
    for channel in ORDER:
        for kind, table in (("status", _data.STATUS_ROWS), ("error", _data.ERROR_ROWS)):
            for row in table[channel]:
                by_id.setdefault((kind, row.id), []).append(row)
                for name in dict.fromkeys(n.casefold() for n in names_of(row)):
                    by_name.setdefault((kind, name), []).append(row)
    return (
        {key: tuple(rows) for key, rows in by_id.items()},
        {key: tuple(rows) for key, rows in by_name.items()},
    )


ROWS_BY_ID, ROWS_BY_NAME = _index()
"""``(kind, id)`` and ``(kind, casefolded name)`` -> every row, general channel first."""


def channel_or_none(channel: object) -> Channel | None:
    """``channel`` itself when it names a channel (or is None); else ValueError naming them."""
    if channel is None:
        return None
    if isinstance(channel, str):  # a str subclass (a StrEnum) by its plain text
        plain = str.__str__(channel)
        for known in CHANNELS:
            if plain == known:
                return known
    try:
        shown = repr(channel)[:60]
    except Exception:  # a value whose repr raises
        shown = f"of type {type(channel).__name__}"
    raise ValueError(f"unknown channel {shown}; expected one of: {', '.join(CHANNELS)}")
