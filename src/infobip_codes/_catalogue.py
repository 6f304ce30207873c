"""The one index of the catalogue: every question about its rows, from maps built once.

The generated tables hold the rows; this module answers what is asked of
them, and nothing else in the package indexes them again:

* the rows of a ``(channel, kind, id)`` and of a ``(channel, kind, name)``,
  in the order a reader means them (:func:`rows`, :func:`rows_named`);
* the groups a channel resolves (:func:`group_rows`, :func:`group_named`);
* the names a row is known by (:func:`names_of`);
* an enum class's rows, and its members by id and by name
  (:func:`class_rows`, :func:`class_groups`, :func:`members_by_id`,
  :func:`members_by_name`).

**Scope**: which tables a channel's reports resolve against, in order, is
generated data (``tables.SCOPES``, ``tables.GROUP_SCOPES``): a channel's own
table first, then the general channel's rows of the groups every channel's
reports carry; without a channel, every table, the general first. The typed
entry points are typed from the same rule.

**Names**: a code's printed name and member name come before any alias,
then the scope's order, then page order: ``MESSAGE_ACCEPTED`` is status 0's
own name, and only an alias of 26.

Every map is built on first use, from the tables of the channels asked
about. No enum is imported here: each generated enum class registers its
channel and kind as it is defined (:func:`register`), so ``infobip-codes
explain`` answers from the records alone, and asking an SMS member for its
record loads the SMS tables only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from infobip_codes._errors import plain_int, plain_str
from infobip_codes.tables import CHANNELS, GROUP_SCOPES, KINDS, SCOPES, Channel, Kind

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord, GroupRecord

__all__ = [
    "ID_GETTERS",
    "MEMBERS_BY_ID",
    "MEMBERS_BY_NAME",
    "SCOPE_BY_ID",
    "SCOPE_BY_NAME",
    "SCOPE_GETTERS",
    "ClassKey",
    "channel_or_none",
    "class_groups",
    "class_rows",
    "group_member_of",
    "group_named",
    "group_rows",
    "member_by_id",
    "member_by_name",
    "member_of",
    "members_by_id",
    "members_by_name",
    "names_of",
    "records",
    "register",
    "rows",
    "rows_by_id",
    "rows_by_name",
    "rows_named",
    "scope_by_id",
    "scope_by_name",
]


def _rows_of(channel: Channel, kind: Kind) -> tuple[CodeRecord, ...]:
    from infobip_codes import _data

    return _data.rows(channel, kind)


def _groups_of(channel: Channel, kind: Kind) -> tuple[GroupRecord, ...]:
    from infobip_codes import _data

    return _data.groups(channel, kind)


_RECORDS: list[tuple[CodeRecord, ...]] = []


def records() -> tuple[CodeRecord, ...]:
    """Every row of the catalogue, channel by channel in page order."""
    if not _RECORDS:
        _RECORDS.append(tuple(r for c in CHANNELS for k in KINDS for r in _rows_of(c, k)))
    return _RECORDS[0]


def names_of(row: CodeRecord) -> tuple[str, ...]:
    """Every name a row is known by: its printed and member names first, then its aliases."""
    return (row.name, row.member, *row.aliases)


def _scope(channel: Channel | None, kind: Kind) -> Iterator[CodeRecord]:
    """The rows a channel resolves, in the order they are tried."""
    for table_channel, group_ids in SCOPES[channel, kind]:
        for row in _rows_of(table_channel, kind):
            if group_ids is None or row.group_id in group_ids:
                yield row


def _by_id(found: Iterable[CodeRecord]) -> dict[int, tuple[CodeRecord, ...]]:
    index: dict[int, tuple[CodeRecord, ...]] = {}
    for row in found:
        index[row.id] = (*index.get(row.id, ()), row)
    return index


def _by_name(found: Iterable[CodeRecord]) -> dict[str, tuple[CodeRecord, ...]]:
    """Rows by every casefolded name, own names (printed, member) before aliases."""
    ordered = tuple(found)
    index: dict[str, tuple[CodeRecord, ...]] = {}
    for own in (True, False):
        for row in ordered:
            for name in dict.fromkeys(n.casefold() for n in names_of(row)[: 2 if own else None]):
                listed = index.get(name, ())
                if not any(each is row for each in listed):
                    index[name] = (*listed, row)
    return index


_ROWS_BY_ID: dict[tuple[Channel | None, Kind], dict[int, tuple[CodeRecord, ...]]] = {}
_ROWS_BY_NAME: dict[tuple[Channel | None, Kind], dict[str, tuple[CodeRecord, ...]]] = {}


def rows_by_id(kind: Kind, channel: Channel | None = None) -> Mapping[int, tuple[CodeRecord, ...]]:
    """A scope's rows by id."""
    found = _ROWS_BY_ID.get((channel, kind))
    if found is None:
        found = _ROWS_BY_ID[channel, kind] = _by_id(_scope(channel, kind))
    return found


def rows_by_name(
    kind: Kind, channel: Channel | None = None
) -> Mapping[str, tuple[CodeRecord, ...]]:
    """A scope's rows by casefolded name."""
    found = _ROWS_BY_NAME.get((channel, kind))
    if found is None:
        found = _ROWS_BY_NAME[channel, kind] = _by_name(_scope(channel, kind))
    return found


def rows(kind: Kind, code_id: int, channel: Channel | None = None) -> tuple[CodeRecord, ...]:
    """The rows of a ``(channel, kind, id)``, in the order they are tried."""
    return rows_by_id(kind, channel).get(code_id, ())


def rows_named(kind: Kind, name: str, channel: Channel | None = None) -> tuple[CodeRecord, ...]:
    """The rows known by ``name`` (any case), own names first (see the module's notes)."""
    return rows_by_name(kind, channel).get(str.casefold(name), ())


# -- groups -------------------------------------------------------------------------------


def _group_scope(kind: Kind, channel: Channel | None) -> Iterator[GroupRecord]:
    """The groups a channel resolves, in the order they are tried."""
    for table_channel, group_ids in GROUP_SCOPES[channel, kind]:
        for group in _groups_of(table_channel, kind):
            if group_ids is None or group.id in group_ids:
                yield group


_GROUPS_BY_ID: dict[tuple[Channel | None, Kind], dict[int, GroupRecord]] = {}
_GROUPS_BY_NAME: dict[tuple[Channel | None, Kind], dict[str, GroupRecord]] = {}


def group_rows(kind: Kind, channel: Channel | None = None) -> Mapping[int, GroupRecord]:
    """The groups a channel resolves, by id (its own group wins over a general one)."""
    found = _GROUPS_BY_ID.get((channel, kind))
    if found is None:
        found = {}
        for group in _group_scope(kind, channel):
            found.setdefault(group.id, group)
        _GROUPS_BY_ID[channel, kind] = found
    return found


def group_named(kind: Kind, name: str, channel: Channel | None = None) -> GroupRecord | None:
    """The group a channel knows by ``name`` (printed or member name, any case), or None."""
    found = _GROUPS_BY_NAME.get((channel, kind))
    if found is None:
        found = _GROUPS_BY_NAME[channel, kind] = _groups_by_name(group_rows(kind, channel).values())
    return found.get(str.casefold(name))


def _groups_by_name(groups: Iterable[GroupRecord]) -> dict[str, GroupRecord]:
    """Groups by printed and member name, casefolded; the first group keeps a name."""
    found: dict[str, GroupRecord] = {}
    for group in groups:
        for name in (group.name, group.member):
            found.setdefault(name.casefold(), group)
    return found


# -- enum classes -------------------------------------------------------------------------


ClassKey: TypeAlias = tuple[Channel, Kind, bool]
"""Which rows an enum class stands for: its channel, its kind, and whether it is a group
enum (True) or a code enum (False). A plain tuple: a class would cost the enums' import."""


_KEYS: dict[type, ClassKey] = {}
_CLASSES: dict[ClassKey, type] = {}
_CLASS_ROWS: dict[type, dict[int, tuple[CodeRecord, ...]]] = {}
_CLASS_GROUPS: dict[type, dict[int, GroupRecord]] = {}
MEMBERS_BY_ID: dict[type, dict[int, Any]] = {}
"""Per enum class: its members by id."""
ID_GETTERS: dict[type, Callable[[int], Any]] = {}
"""Per enum class: the ``get`` of its members by id, which ``from_id`` calls directly."""
MEMBERS_BY_NAME: dict[type, dict[str, Any]] = {}
"""Per enum class: its members by every casefolded name they are known by."""


def register(cls: type, key: ClassKey) -> None:
    """Record which rows a generated enum class stands for (called as it is defined)."""
    _KEYS[cls] = key
    _CLASSES[key] = cls


def _member(key: ClassKey, name: str) -> Any:
    cls: Any = _CLASSES.get(key)
    member = None if cls is None else cls.__members__.get(name)
    if member is None:  # its module is not imported: the typed entry points import them all
        raise LookupError(f"no {key[0]} {key[1]} enum member {name!r}")
    return member


def member_of(row: CodeRecord) -> Any:
    """The enum member a code's row belongs to (the same member for both rows of 2053)."""
    return _member((row.channel, row.kind, False), row.member)


def group_member_of(group: GroupRecord) -> Any:
    """The enum member of a group's record."""
    return _member((group.channel, group.kind, True), group.member)


def class_rows(cls: type) -> dict[int, tuple[CodeRecord, ...]]:
    """A code enum's rows by id, its own table only, in page order."""
    found = _CLASS_ROWS.get(cls)
    if found is None:
        channel, kind, _ = _KEYS[cls]
        found = _CLASS_ROWS[cls] = _by_id(_rows_of(channel, kind))
    return found


def class_groups(cls: type) -> dict[int, GroupRecord]:
    """A group enum's records by id."""
    found = _CLASS_GROUPS.get(cls)
    if found is None:
        channel, kind, _ = _KEYS[cls]
        found = _CLASS_GROUPS[cls] = {g.id: g for g in _groups_of(channel, kind)}
    return found


def members_by_id(cls: Any) -> dict[int, Any]:
    """A class's members by id (``from_id``): a code's by its first row."""
    found = MEMBERS_BY_ID.get(cls)
    if found is None:
        members = cls.__members__
        if _KEYS[cls][2]:
            found = {gid: members[g.member] for gid, g in class_groups(cls).items()}
        else:
            found = {cid: members[rows_of[0].member] for cid, rows_of in class_rows(cls).items()}
        MEMBERS_BY_ID[cls] = found
        ID_GETTERS[cls] = found.get
    return found


def members_by_name(cls: Any) -> dict[str, Any]:
    """A class's members by printed, member and alias name, casefolded, own names first."""
    found = MEMBERS_BY_NAME.get(cls)
    if found is None:
        members = cls.__members__
        channel, kind, groups = _KEYS[cls]
        if groups:
            named_groups = _groups_by_name(class_groups(cls).values())
            found = {name: members[group.member] for name, group in named_groups.items()}
        else:
            named = _by_name(_rows_of(channel, kind))
            found = {name: members[rows_of[0].member] for name, rows_of in named.items()}
        MEMBERS_BY_NAME[cls] = found
    return found


SCOPE_BY_ID: dict[Kind, dict[Channel | None, dict[int, Any]]] = {k: {} for k in KINDS}
"""Per kind and channel: the members look-ups answer by id (each id's first row's)."""
SCOPE_GETTERS: dict[Kind, dict[Channel | None, Callable[[int], Any]]] = {k: {} for k in KINDS}
"""Per kind and channel: the ``get`` of those maps, which the look-ups call directly."""
SCOPE_BY_NAME: dict[Kind, dict[Channel | None, dict[str, Any]]] = {k: {} for k in KINDS}
"""Per kind and channel: the members look-ups answer by casefolded name, own names first."""


def scope_by_id(kind: Kind, channel: Channel | None = None) -> dict[int, Any]:
    """The members a channel's look-ups answer by id."""
    found = SCOPE_BY_ID[kind].get(channel)
    if found is None:
        found = {cid: member_of(rows[0]) for cid, rows in rows_by_id(kind, channel).items()}
        SCOPE_BY_ID[kind][channel] = found
        SCOPE_GETTERS[kind][channel] = found.get
    return found


def scope_by_name(kind: Kind, channel: Channel | None = None) -> dict[str, Any]:
    """The members a channel's look-ups answer by casefolded name."""
    found = SCOPE_BY_NAME[kind].get(channel)
    if found is None:
        found = {name: member_of(rows[0]) for name, rows in rows_by_name(kind, channel).items()}
        SCOPE_BY_NAME[kind][channel] = found
    return found


def member_by_id(kind: Kind, value: object, channel: object) -> Any:
    """A look-up by id that never raises on the id: ``int`` only (``True`` and ``27.0``
    are not ids; an int subclass counts by its value). A bad channel is a ValueError."""
    table = scope_by_id(kind, channel_or_none(channel))
    plain = plain_int(value)
    return None if plain is None else table.get(plain)


def member_by_name(kind: Kind, name: object, channel: object) -> Any:
    """A look-up by name (any case) that never raises on the name; a bad channel is a
    ValueError."""
    table = scope_by_name(kind, channel_or_none(channel))
    plain = plain_str(name)
    return None if plain is None else table.get(str.casefold(plain))


def channel_or_none(channel: object) -> Channel | None:
    """``channel`` itself when it names a channel (or is None); else ValueError naming them.

    A ``str`` subclass (a ``StrEnum`` member) counts by its plain text, read
    through ``str``'s own methods; anything else, whatever it claims to be,
    is not a channel.
    """
    if channel is None:
        return None
    plain = plain_str(channel)
    if plain is not None:
        for known in CHANNELS:
            if plain == known:
                return known
    if plain is not None:
        shown = repr(plain[:40]) + ("..." if len(plain) > 40 else "")
    else:  # never the object's own repr: it may raise, lie or be huge
        shown = "of type " + type.__repr__(type(channel))[:60]
    raise ValueError(f"unknown channel {shown}; expected one of: {', '.join(CHANNELS)}")
