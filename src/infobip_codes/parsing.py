"""Parse the API's status and error objects into typed, frozen values.

The rules, in the order they apply:

* **Shape is checked, content is not trusted.** Anything that is not the
  documented shape (not a mapping, an id that is not an int, a name that is
  not a string, ...) raises :class:`PayloadError` naming the field and what
  was found. Nothing else is ever raised, whatever the payload.
* **The payload is the authority.** ``permanent``, ``description`` and the
  group it sends are kept as sent; the catalogue fills only what is missing.
* **Resolve by id; without an id, by name; with only a group, the group alone.**
  Names and group names match case-insensitively ("Ok" is OK).
* **Error ids resolve per channel.** With ``channel=None`` the general (sms)
  tables are tried first, then the other channels in page order. Among rows
  sharing an id, the one whose name matches the payload wins, then the one
  whose group matches: 4102 with ``groupId`` 3 is the OPERATOR_ERRORS row,
  2053 named ``EC_SOURCE_ADDRESS_BLACKLISTED`` is that row.
* **Unknown is not an error.** A code the catalogue does not know parses with
  ``known=False`` and ``code=None``, keeping every field the payload sent.
* **Disagreements are reported, not raised** (a ``mismatches`` tuple), unless
  ``strict=True``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from infobip_codes._catalog import (
    ROWS_BY_ID,
    ROWS_BY_NAME,
    check_channel,
    group_enum,
    member_of,
)
from infobip_codes._tables import CHANNELS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from infobip_codes._catalog import GroupEnumType
    from infobip_codes._enum import (
        CodeEnum,
        ErrorCodeEnum,
        ErrorGroupEnum,
        GroupEnum,
        StatusCodeEnum,
    )
    from infobip_codes._records import CodeRecord
    from infobip_codes._tables import Row
    from infobip_codes.sms import StatusGroup


__all__ = [
    "ParsedError",
    "ParsedReport",
    "ParsedStatus",
    "PayloadError",
    "parse_error",
    "parse_report",
    "parse_status",
]

_CHANNEL: Final = 0
_NAME: Final = 3
_MEMBER: Final = 4
_GROUP_ID: Final = 5
_GROUP_NAME: Final = 6
_DESCRIPTION: Final = 8
_GENERAL = CHANNELS[0]  # the page's general tables (sms): tried first, owns bare groups


class PayloadError(ValueError):
    """A payload is not shaped like the API's objects.

    ``field`` is the path of the offending field (``"results[2].status.id"``),
    or ``"$"`` for the object itself; ``value`` is what was found there.
    """

    def __init__(self, field: str, problem: str, value: object = None) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}: {problem}")


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}" if value is not None else "null"


def _str(obj: Mapping[str, object], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise PayloadError(f"{where}.{key}", f"expected a string, found {_describe(value)}", value)


def _mapping(obj: object, where: str, what: str) -> Mapping[str, object]:
    if not isinstance(obj, Mapping):
        raise PayloadError(where, f"expected {what} (a JSON object), found {_describe(obj)}", obj)
    return obj


def _api_shape(value: ParsedStatus | ParsedError) -> dict[str, object]:
    """The fields status and error objects share, under the API's names."""
    return {
        "groupId": value.group_id,
        "groupName": value.group_name,
        "id": value.id,
        "name": value.name,
        "description": value.description,
    }


@dataclass(frozen=True, slots=True)
class ParsedStatus:
    """A status object, resolved against the catalogue."""

    id: int | None
    name: str | None
    group_id: int | None
    group_name: str | None
    description: str | None
    code: StatusCodeEnum | None
    """The catalogue's member, or None for a status it does not know."""
    group: StatusGroup | None
    record: CodeRecord | None = None
    """The catalogue row the payload resolved to."""
    mismatches: tuple[str, ...] = ()
    """Where the payload and the catalogue disagree, in words."""
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)
    """The object as received."""

    @property
    def known(self) -> bool:
        return self.code is not None

    @property
    def is_final(self) -> bool:
        """False while pending (group 1); every other group is final."""
        return self.group_id != 1

    def to_dict(self) -> dict[str, object]:
        """The status in the API's shape, with what the catalogue filled in."""
        return _api_shape(self)


@dataclass(frozen=True, slots=True)
class ParsedError:
    """An error object, resolved against the catalogue."""

    id: int | None
    name: str | None
    group_id: int | None
    group_name: str | None
    description: str | None
    permanent: bool | None
    """As sent; else the catalogue's; None where neither says."""
    code: ErrorCodeEnum | None
    """The catalogue's member, or None for an error it does not know."""
    group: ErrorGroupEnum | None
    channel: str | None = None
    """The channel whose tables resolved the code (or the group)."""
    record: CodeRecord | None = None
    mismatches: tuple[str, ...] = ()
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def known(self) -> bool:
        return self.code is not None

    @property
    def is_ok(self) -> bool:
        """Group 0 ("OK") reports success, not a failure."""
        return self.group_id == 0

    @property
    def is_retryable(self) -> bool:
        """Not an OK-group error and not permanent (an unknown ``permanent`` is not permanent)."""
        return self.group_id != 0 and not self.permanent

    def to_dict(self) -> dict[str, object]:
        """The error in the API's shape, with what the catalogue filled in."""
        return {**_api_shape(self), "permanent": self.permanent}


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """One result of a send response, delivery report or message log."""

    message_id: str | None
    status: ParsedStatus | None
    error: ParsedError | None
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)


# -- resolution ---------------------------------------------------------------
#
# The fast path matters (a delivery-report webhook parses every message), so
# what depends only on a catalogue row is computed once per row and kept, and
# the common case (well-typed fields that agree with the catalogue) runs
# straight through; anything unusual takes the careful path.

_ROW_FACTS: dict[int, tuple[CodeEnum, CodeRecord, GroupEnum | None]] = {}  # id(row) -> facts
_GROUP_IDS: dict[type, dict[int, StatusGroup | ErrorGroupEnum]] = {}
_GROUP_NAMES: dict[type, dict[str, int]] = {}


def _group_member(enum: GroupEnumType, group_id: int) -> StatusGroup | ErrorGroupEnum | None:
    table = _GROUP_IDS.get(enum)
    if table is None:
        table = _GROUP_IDS[enum] = {member.value: member for member in enum}
    return table.get(group_id)


def _group_by_name(enum: GroupEnumType, name: str) -> int | None:
    """The id of the group printed (or named in Python) ``name``, in any case."""
    table = _GROUP_NAMES.get(enum)
    if table is None:
        table = _GROUP_NAMES[enum] = {}
        for member in enum:
            table.setdefault(member.api_name.casefold(), member.value)
            table.setdefault(member.name.casefold(), member.value)
    return table.get(name.casefold())


def _facts(row: Row) -> tuple[CodeEnum, CodeRecord, GroupEnum | None]:
    """The member, record and group of a catalogue row (computed once per row)."""
    facts = _ROW_FACTS.get(id(row))
    if facts is None:
        from infobip_codes._records import records_of

        channel, kind = row[_CHANNEL], row[1]
        member = member_of(channel, kind, row[_MEMBER])
        groups = group_enum(kind, channel)
        group_id = row[_GROUP_ID]
        group = None if groups is None or group_id is None else _group_member(groups, group_id)
        facts = _ROW_FACTS[id(row)] = (member, records_of((row,))[0], group)
    return facts


def _pick(
    rows: tuple[Row, ...],
    by_id: bool,
    name: str | None,
    group_id: int | None,
    group_name: str | None,
    channel: str | None,
) -> Row | None:
    """Among rows sharing an id or a name, the one the payload means."""
    if channel is not None:
        rows = tuple(row for row in rows if row[_CHANNEL] == channel)
        if not rows:
            return None
    if len(rows) == 1:
        return rows[0]
    if not by_id and rows[-1][_CHANNEL] != rows[0][_CHANNEL]:
        # A name printed in several channels (EC_INTERNAL_ERROR): rows are in
        # page order, so the earliest channel's rows are the ones meant.
        rows = tuple(row for row in rows if row[_CHANNEL] == rows[0][_CHANNEL])
    if name is not None:
        folded = name.casefold()
        for row in rows:
            if row[_NAME].casefold() == folded:
                return row
    if group_id is not None:
        for row in rows:
            if row[_GROUP_ID] == group_id:
                return row
    if group_name is not None:
        folded = group_name.casefold()
        for row in rows:
            if (row[_GROUP_NAME] or "").casefold() == folded:
                return row
    return rows[0]


def _mismatches(
    kind: str,
    row: Row | None,
    code_id: int | None,
    name: str | None,
    group_id: int | None,
    group_name: str | None,
    groups: GroupEnumType | None,
) -> tuple[str, ...]:
    found: list[str] = []
    label = f"{kind} {code_id if code_id is not None else name!r}"
    if row is not None:
        if name is not None and code_id is not None and name.casefold() != row[_NAME].casefold():
            found.append(f"{label}: name {name!r} differs from the catalogue's {row[_NAME]!r}")
        if group_id is not None and row[_GROUP_ID] is not None and group_id != row[_GROUP_ID]:
            found.append(
                f"{label}: groupId {group_id} contradicts the catalogue's group "
                f"{row[_GROUP_ID]} ({row[_GROUP_NAME]})"
            )
        elif (
            group_id is None
            and group_name is not None
            and row[_GROUP_NAME] is not None
            and group_name.casefold() != row[_GROUP_NAME].casefold()
        ):
            found.append(
                f"{label}: groupName {group_name!r} contradicts the catalogue's "
                f"{row[_GROUP_NAME]!r}"
            )
    if group_id is not None and group_name is not None and groups is not None:
        named = _group_by_name(groups, group_name)
        if named is not None and named != group_id:
            found.append(
                f"{label}: groupName {group_name!r} is group {named}, not groupId {group_id}"
            )
    return tuple(found)


def _field_error(where: str, key: str, expected: str, value: object) -> PayloadError:
    return PayloadError(f"{where}.{key}", f"expected {expected}, found {_describe(value)}", value)


def _resolve(
    kind: str, obj: object, where: str, channel: str | None, strict: bool
) -> tuple[Any, ...]:
    """The shared part of parse_status and parse_error: check, find, fill in.

    Returns the fields of ParsedStatus (for errors, the caller adds
    ``permanent`` and ``channel``) followed by the resolved channel.
    """
    if type(obj) is not dict and not isinstance(obj, Mapping):
        raise PayloadError(
            where, f"expected a {kind} object (a JSON object), found {_describe(obj)}", obj
        )
    get = obj.get
    code_id = get("id")
    if code_id is not None and type(code_id) is not int:
        if isinstance(code_id, bool) or not isinstance(code_id, int):
            raise _field_error(where, "id", "an integer", code_id)
        code_id = int(code_id)
    name = get("name")
    if name is not None and type(name) is not str:
        if not isinstance(name, str):
            raise _field_error(where, "name", "a string", name)
        name = str(name)
    group_id = get("groupId")
    if group_id is not None and type(group_id) is not int:
        if isinstance(group_id, bool) or not isinstance(group_id, int):
            raise _field_error(where, "groupId", "an integer", group_id)
        group_id = int(group_id)
    group_name = get("groupName")
    if group_name is not None and type(group_name) is not str:
        if not isinstance(group_name, str):
            raise _field_error(where, "groupName", "a string", group_name)
        group_name = str(group_name)
    description = get("description")
    if description is not None and type(description) is not str:
        if not isinstance(description, str):
            raise _field_error(where, "description", "a string", description)
        description = str(description)
    if code_id is None and name is None and group_id is None and group_name is None:
        raise PayloadError(
            where, f"a {kind} object needs at least one of id, name, groupId, groupName", obj
        )

    if code_id is not None:
        rows = ROWS_BY_ID.get((kind, code_id))
    elif name is not None:
        rows = ROWS_BY_NAME.get((kind, name.casefold()))
    else:
        rows = None
    if rows is None:
        row = None
    elif channel is None and len(rows) == 1:
        row = rows[0]
    else:
        row = _pick(rows, code_id is not None, name, group_id, group_name, channel)

    if row is not None:
        member, record, row_group = _ROW_FACTS.get(id(row)) or _facts(row)
        resolved_channel = row[_CHANNEL]
        row_group_id = row[_GROUP_ID]
        if (
            (name is not None and code_id is not None and name != row[_NAME])
            or (group_id is not None and group_id != row_group_id)
            or (group_name is not None and group_name != row[_GROUP_NAME])
        ):
            groups = group_enum(kind, resolved_channel)
            mismatches = _mismatches(kind, row, code_id, name, group_id, group_name, groups)
            if strict and mismatches:
                raise PayloadError(where, "; ".join(mismatches), obj)
        else:
            mismatches = ()
        if group_id is None:
            if group_name is None or group_name.casefold() == (row[_GROUP_NAME] or "").casefold():
                group_id = row_group_id
            else:
                groups = group_enum(kind, resolved_channel)
                group_id = None if groups is None else _group_by_name(groups, group_name)
        if group_id == row_group_id:
            group = row_group
        else:
            groups = group_enum(kind, resolved_channel)
            group = None if groups is None or group_id is None else _group_member(groups, group_id)
        if group_name is None:
            group_name = group.api_name if group is not None else row[_GROUP_NAME]
        return (
            row[2] if code_id is None else code_id,
            row[_NAME] if name is None else name,
            group_id,
            group_name,
            row[_DESCRIPTION] if description is None else description,
            member,
            group,
            record,
            mismatches,
            obj,
            resolved_channel,
        )

    # Not in the catalogue: keep what was sent; resolve the group on its own.
    groups = group_enum(kind, channel or _GENERAL)
    mismatches = _mismatches(kind, None, code_id, name, group_id, group_name, groups)
    if strict and mismatches:
        raise PayloadError(where, "; ".join(mismatches), obj)
    if group_id is None and group_name is not None and groups is not None:
        group_id = _group_by_name(groups, group_name)
    group = None
    if group_id is not None and groups is not None:
        group = _group_member(groups, group_id)
    if group_name is None and group is not None:
        group_name = group.api_name
    return (
        code_id,
        name,
        group_id,
        group_name,
        description,
        None,
        group,
        None,
        mismatches,
        obj,
        channel,
    )


def parse_status(obj: object, *, strict: bool = False, _where: str = "status") -> ParsedStatus:
    """Parse one status object (``{groupId, groupName, id, name, description}``).

    >>> s = parse_status({"groupId": 3, "groupName": "DELIVERED", "id": 5,
    ...                   "name": "DELIVERED_TO_HANDSET",
    ...                   "description": "Message delivered to handset"})
    >>> s.code, s.is_final, s.description
    (<SmsStatusCode.DELIVERED_TO_HANDSET: 5>, True, 'Message delivered to handset')
    """
    fields = _resolve("status", obj, _where, None, strict)
    return ParsedStatus(*fields[:10])


def parse_error(
    obj: object, channel: str | None = None, *, strict: bool = False, _where: str = "error"
) -> ParsedError:
    """Parse one error object (a status object's fields plus ``permanent``).

    ``channel`` (``"sms"``, ``"voice"``, ...) restricts resolution to that
    channel's tables; without it the general tables are tried first.

    >>> e = parse_error({"groupId": 1, "groupName": "HANDSET_ERRORS", "id": 27,
    ...                  "name": "EC_ABSENT_SUBSCRIBER", "permanent": False})
    >>> e.code, e.group, e.is_retryable
    (<SmsErrorCode.EC_ABSENT_SUBSCRIBER: 27>, <SmsErrorGroup.HANDSET_ERRORS: 1>, True)
    """
    if channel is not None:
        check_channel(channel)
    (
        code_id,
        name,
        group_id,
        group_name,
        description,
        code,
        group,
        record,
        mismatches,
        raw,
        resolved_channel,
    ) = _resolve("error", obj, _where, channel, strict)
    permanent = raw.get("permanent")
    if permanent is None:
        permanent = None if record is None else record.permanent
    elif not isinstance(permanent, bool):
        raise _field_error(_where, "permanent", "true or false", permanent)
    return ParsedError(
        code_id,
        name,
        group_id,
        group_name,
        description,
        permanent,
        code,
        group,
        resolved_channel,
        record,
        mismatches,
        raw,
    )


def _result(obj: object, where: str, channel: str | None, strict: bool) -> ParsedReport:
    data = _mapping(obj, where, "a result")
    message_id = _str(data, "messageId", where)
    status_obj = data.get("status")
    error_obj = data.get("error")
    if message_id is None and status_obj is None and error_obj is None:
        keys = ", ".join(sorted(data)) or "none"
        raise PayloadError(
            where,
            f"expected a result with messageId, status or error (found keys: {keys})",
            obj,
        )
    status = (
        parse_status(status_obj, strict=strict, _where=f"{where}.status")
        if status_obj is not None
        else None
    )
    error = (
        parse_error(error_obj, channel, strict=strict, _where=f"{where}.error")
        if error_obj is not None
        else None
    )
    return ParsedReport(message_id=message_id, status=status, error=error, raw=data)


def parse_report(
    obj: object, channel: str | None = None, *, strict: bool = False
) -> tuple[ParsedReport, ...]:
    """Parse a delivery report, message log or send response.

    Accepts ``{"results": [...]}`` (reports, logs), ``{"messages": [...]}``
    (send responses) or a single result, and returns one value per result.

    >>> [r] = parse_report({"results": [{"messageId": "m1",
    ...     "status": {"groupId": 3, "id": 5, "name": "DELIVERED_TO_HANDSET"},
    ...     "error": {"groupId": 0, "groupName": "Ok", "id": 0, "name": "NO_ERROR"}}]})
    >>> r.message_id, r.status.group, r.error.is_ok
    ('m1', <StatusGroup.DELIVERED: 3>, True)
    """
    if channel is not None:
        check_channel(channel)
    data = _mapping(obj, "$", "a report, response or result")
    for key in ("results", "messages"):
        if key in data:
            items = data[key]
            if not isinstance(items, list | tuple):
                raise PayloadError(key, f"expected a list, found {_describe(items)}", items)
            return tuple(
                _result(item, f"{key}[{i}]", channel, strict) for i, item in enumerate(items)
            )
    return (_result(data, "$", channel, strict),)
