"""The one resolver: which row of the catalogue a status or error object means.

The rules, each written here only:

* **By id; without an id, by name; with only a group, the group alone.**
  The rows tried are the channel's scope (``infobip_codes._catalogue``):
  its own tables, then the general rows every channel's reports carry.
* **Among rows that share an id** (2053, 4102), the one whose name or alias
  agrees wins, then the one whose group agrees, then the first on the page:
  4102 sent under OPERATOR_ERRORS is the OPERATOR_ERRORS row. Among rows
  that share a name, the first row's channel is meant, then the group decides.
* **The payload is the authority**: what it sends is kept; the row fills in
  only what it lacks. The group is the payload's (by id, else by name),
  resolved through the channel's groups, even for a code nobody knows.
* **Disagreements are reported** as sentences (``mismatches``), never fixed:
  a name or a group that contradicts the row, and a groupName that names
  another group of the channel than the sent groupId. A groupName the
  channel's groups do not know is kept, not reported: reports of one
  channel carry another's group names, and a code the catalogue lacks has no
  channel to read them by. An error's ``permanent`` is the payload's to say
  for that message: a value other than the row's is kept, not reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from infobip_codes import _catalogue
from infobip_codes._errors import key_text

if TYPE_CHECKING:
    from infobip_codes._reading import Sent
    from infobip_codes._record import CodeRecord, GroupRecord
    from infobip_codes.tables import Channel, Kind

__all__ = ["Resolution", "resolve"]


class Resolution(NamedTuple):
    """The catalogue's answer for what a status or error object sent."""

    fields: Sent
    """id, name, groupId, groupName and description: as sent, else the row's."""
    row: CodeRecord | None
    code: Any
    """The row's enum member, or None."""
    group: Any
    """The group's enum member, or None."""
    channel: Channel | None
    """The channel whose tables resolved the code, else the one asked for."""
    mismatches: tuple[str, ...]


def _names_agree(name: str, row: CodeRecord) -> bool:
    folded = name.casefold()
    return any(folded == known.casefold() for known in _catalogue.names_of(row))


def _pick(rows: tuple[CodeRecord, ...], by_id: bool, sent: Sent) -> CodeRecord:
    """Among rows sharing an id (or a name), the one the payload means."""
    if len(rows) == 1:
        return rows[0]
    _, name, group_id, group_name, _ = sent
    if not by_id:  # a name printed in several channels: the first channel tried is meant
        rows = tuple(row for row in rows if row.channel == rows[0].channel)
    elif name is not None:
        rows = tuple(row for row in rows if _names_agree(name, row)) or rows
    if group_id is not None:
        rows = tuple(row for row in rows if row.group_id == group_id) or rows
    elif group_name is not None:
        folded = group_name.casefold()
        rows = tuple(r for r in rows if (r.group_name or "").casefold() == folded) or rows
    return rows[0]


def _number(value: int | None) -> str:
    return "?" if value is None else int.__repr__(value)


def _mismatches(
    kind: Kind, row: CodeRecord | None, sent: Sent, named: GroupRecord | None
) -> tuple[str, ...]:
    """Where the payload and the catalogue disagree, in words."""
    code_id, name, group_id, group_name, _ = sent
    if code_id is not None:
        label = f"{kind} {_number(code_id)}"
    else:
        label = kind if name is None else f"{kind} {key_text(name)}"
    found: list[str] = []
    if row is not None:
        if name is not None and code_id is not None and not _names_agree(name, row):
            found.append(
                f"{label}: name {key_text(name)} differs from the catalogue's {row.name!r}"
            )
        if group_id is not None and row.group_id is not None and group_id != row.group_id:
            found.append(
                f"{label}: groupId {_number(group_id)} contradicts the catalogue's group "
                f"{row.group_id} ({row.group_name})"
            )
        elif (
            group_id is None
            and group_name is not None
            and row.group_name is not None
            and group_name.casefold() != row.group_name.casefold()
        ):
            found.append(
                f"{label}: groupName {key_text(group_name)} contradicts the catalogue's "
                f"{row.group_name!r}"
            )
    if group_id is not None and named is not None and named.id != group_id:
        found.append(
            f"{label}: groupName {key_text(group_name or '')} is group {named.id}, "
            f"not groupId {_number(group_id)}"
        )
    return tuple(found)


def resolve(kind: Kind, sent: Sent, channel: Channel | None) -> Resolution:
    """The row, member and group a status or error object means, and what it lacks."""
    code_id, name, group_id, group_name, description = sent
    if code_id is not None:
        candidates = _catalogue.rows(kind, code_id, channel)
    elif name is not None:
        candidates = _catalogue.rows_named(kind, name, channel)
    else:
        candidates = ()
    row = _pick(candidates, code_id is not None, sent) if candidates else None
    # Groups are read through the channel asked for, else the resolved row's.
    scope = channel if channel is not None or row is None else row.channel
    named = None if group_name is None else _catalogue.group_named(kind, group_name, scope)
    if group_id is None:
        group_id = named.id if named is not None else None
        if group_id is None and group_name is None and row is not None:
            group_id = row.group_id
    group_record = None if group_id is None else _catalogue.group_rows(kind, scope).get(group_id)
    if group_name is None and group_record is not None:
        group_name = group_record.name
    if row is not None:
        code_id = row.id if code_id is None else code_id
        name = row.name if name is None else name
        description = row.description if description is None else description
    return Resolution(
        (code_id, name, group_id, group_name, description),
        row,
        None if row is None else _catalogue.member_of(row),
        None if group_record is None else _catalogue.group_member_of(group_record),
        channel if row is None else row.channel,
        _mismatches(kind, row, sent, named),
    )
