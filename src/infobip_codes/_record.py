"""What a row of the page is: the record types every channel's tables are made of.

These are the bottom of the package: the generated ``infobip_codes.tables``
modules build instances of them, and everything else reads those instances.
Nothing here imports another module of the package at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infobip_codes.tables import Channel

__all__ = ["PAGE", "CodeRecord", "GroupRecord", "index_by_id"]

PAGE = "page"
"""The ``source`` of every row transcribed from Infobip's "Response Status and
Error Codes" page (the default); rows from elsewhere name their source."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeRecord:
    """One row of Infobip's code tables, as the spec gives it."""

    channel: Channel
    """The channel whose table holds the row: ``"sms"`` (the page's general
    tables), ``"voice"``, ``"push"``, ``"email"``, ``"chat"``, ...
    (``infobip_codes.CHANNELS`` lists them)."""
    kind: str
    """``"status"`` or ``"error"``."""
    id: int
    """The code's id (the API's ``id``)."""
    name: str
    """The printed name, which is what the API sends in ``name``."""
    member: str
    """The name of the enum member this row is reached through."""
    group_id: int | None
    """The row's group (the API's ``groupId``); None where the table has no groups
    or the source does not say."""
    group_name: str | None
    """The group's printed name (the API's ``groupName``), or None."""
    permanent: bool | None
    """Errors: whether a retry of the same message cannot help. None for statuses,
    for tables without that column, and where the source does not say."""
    description: str | None
    """The source's description, verbatim; None where it gives none."""
    status_id: int | None = None
    """The general status a DLT error links to; None elsewhere."""
    status_text: str | None = None
    """The text the page prints beside ``status_id``, verbatim."""
    aliases: tuple[str, ...] = ()
    """Other names the API is known to send for this code (never the page's)."""
    alias_sources: tuple[str, ...] = ()
    """Where each alias was seen, in the order of :attr:`aliases`."""
    source: str = PAGE
    """Where the row comes from: ``"page"`` for the saved docs page, else the
    document or the observed payloads it was taken from."""

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain dict (tuples as lists), ready for ``json.dumps``."""
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["alias_sources"] = list(self.alias_sources)
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupRecord:
    """One status or error group of the page."""

    channel: Channel
    """The channel whose tables define the group."""
    kind: str
    """``"status"`` or ``"error"``."""
    id: int
    """The group's id (the API's ``groupId``)."""
    name: str
    """The group's printed name (the API's ``groupName``)."""
    member: str
    """The name of the group enum's member."""
    description: str | None
    """The line the source prints under the group's heading."""
    final: bool | None = None
    """Status groups: whether a status of this group is final. None for error groups."""
    success: bool | None = None
    """Error groups: whether an error of this group reports success. None for status groups."""
    source: str = PAGE
    """Where the group comes from (see :attr:`CodeRecord.source`)."""

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain dict, ready for ``json.dumps``."""
        return asdict(self)


def index_by_id(rows: Iterable[CodeRecord]) -> Mapping[int, tuple[CodeRecord, ...]]:
    """Rows grouped by id, each group in page order (two rows for 2053 and 4102)."""
    index: dict[int, tuple[CodeRecord, ...]] = {}
    for row in rows:
        index[row.id] = (*index.get(row.id, ()), row)
    return index
