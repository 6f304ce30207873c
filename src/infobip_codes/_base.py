"""The base classes of the generated enums: what every code and group knows.

A generated channel module is a plain class statement per enum, ``class
SmsErrorCode(ErrorCodeEnum):``, with one assignment per member and a
classmethod naming the channel's table module. The facts behind a member
(group, permanence, description, where the row comes from) are the records of
``infobip_codes.tables.<channel>``, which load the first time a member is
asked for one: importing an enum costs the class statements and nothing more.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord, GroupRecord

__all__ = [
    "CodeEnum",
    "ErrorCodeEnum",
    "ErrorGroupEnum",
    "GroupEnum",
    "StatusCodeEnum",
    "StatusGroupEnum",
]

_E = TypeVar("_E")

# Per enum class: its members by id, and by every name they are known by
# (member name, printed name, aliases), casefolded. Built on first use.
_BY_ID: dict[type, dict[Any, Any]] = {}
_BY_NAME: dict[type, dict[str, Any]] = {}
# Per enum class: its rows (codes) or records (groups) by id, as its table module
# gives them; asked for once, so a member's facts cost one dict look-up after that.
_TABLES: dict[type, Mapping[int, Any]] = {}


def _table_of(cls: Any) -> Mapping[int, Any]:
    """A class's table (codes: rows by id; groups: records by id), asked for once."""
    rows = _TABLES.get(cls)
    if rows is None:
        rows = _TABLES[cls] = cls._table()
    return rows


# The class hierarchy is kept shallow on purpose: each enum member's creation
# walks its class's MRO, so two levels of package classes (CodeEnum, then
# StatusCodeEnum or ErrorCodeEnum) cost less than a deeper tree would, and
# what CodeEnum and GroupEnum share lives in the functions below.


def _ids(cls: type) -> dict[Any, Any]:
    table = _BY_ID[cls] = {m.value: m for m in cast(Any, cls).__members__.values()}
    return table


def _member_by_id(cls: type[_E], value: object) -> _E | None:
    if type(value) is int:  # the common case, first and fast
        try:
            found: _E | None = _BY_ID[cls].get(value)
        except KeyError:
            found = _ids(cls).get(value)
        return found
    if isinstance(value, int) and not isinstance(value, bool):  # an int subclass: a member, say
        return _member_by_id(cls, int.__int__(value))
    return None


def _member_by_name(cls: type[_E], name: object, names: Any) -> _E | None:
    if not isinstance(name, str):
        return None
    table = _BY_NAME.get(cls)
    if table is None:
        table = {}
        for member in cast(Any, cls).__members__.values():
            for key in (member.name, *names(member)):
                table.setdefault(key.casefold(), member)
        _BY_NAME[cls] = table
    found: _E | None = table.get(str.casefold(name))
    return found


# -- pydantic v2 (only pydantic calls these, so pydantic_core is already loaded) --


def _pydantic_core_schema(cls: Any) -> Any:
    """A pydantic field of this type: an id it knows becomes the member, anything else fails.

    Validation is ``from_id``'s: an ``int`` (a member included), never
    ``True`` or ``27.0``; a string of digits is read as the id too, as
    path and query parameters arrive. An unknown id is a validation error:
    annotate ``SmsErrorCode | int`` to keep unknown ids as plain ints (the
    enum first: pydantic's smart union takes the leftmost of two exact
    matches). JSON gives the id.
    """
    from pydantic_core import PydanticCustomError, core_schema

    def validate(value: object) -> Any:
        if type(value) is cls:
            return value
        if isinstance(value, str):
            digits = value.removeprefix("-")
            if 0 < len(digits) <= 19 and digits.isascii() and digits.isdigit():
                value = int(value)
        member = cls.from_id(value)
        if member is None:
            raise PydanticCustomError(
                "enum", "Input should be an id of {enum}", {"enum": cls.__name__}
            )
        return member

    return core_schema.no_info_plain_validator_function(
        validate,
        ref=f"{cls.__module__}.{cls.__qualname__}:{id(cls)}",
        serialization=core_schema.plain_serializer_function_ser_schema(
            int.__int__, when_used="json", return_schema=core_schema.int_schema()
        ),
    )


def _pydantic_json_schema(cls: Any) -> dict[str, Any]:
    """Every id with its name and meaning (``oneOf``, ``x-enum-*``), for OpenAPI pages."""
    import inspect

    members = list(cls.__members__.values())
    intro = inspect.cleandoc(cls.__doc__ or cls.__name__)
    if not members:  # a base class (StatusCodeEnum): any id of its kind
        return {"title": cls.__name__, "description": intro, "type": "integer"}
    listed = []
    one_of = []
    descriptions = []
    for member in members:
        title = f"{member.value} {getattr(member, 'api_name', member.name)}"
        meaning = getattr(member, "description", None)
        listed.append(f"- {title}" if meaning is None else f"- {title}: {meaning}")
        one_of.append(
            {"const": member.value, "title": title}
            if meaning is None
            else {"const": member.value, "title": title, "description": meaning}
        )
        descriptions.append(meaning or "")
    return {
        "title": cls.__name__,
        "description": intro + "\n\n" + "\n".join(listed),
        "type": "integer",
        "enum": [member.value for member in members],
        "oneOf": one_of,
        "x-enum-varnames": [member.name for member in members],
        "x-enum-descriptions": descriptions,
    }


class _Conversions:
    """What every code and group enum has: the never-raising conversions at the
    edge, and the hooks that make it a pydantic field type.

    A plain class, not an enum: an enum base costs a class creation at import.
    """

    @classmethod
    def from_id(cls: type[_E], value: object) -> _E | None:
        """The member with this id, or None (also for anything but an ``int``).

        The typed conversion at the edge: unlike ``Enum(value)`` it never
        raises, and ``True`` or ``27.0`` are not ids.
        """
        if type(value) is int:  # the common case, first and fast
            try:
                found: _E = _BY_ID[cls][value]
            except KeyError:  # an unknown id, or the first call
                pass
            else:
                return found
        return _member_by_id(cls, value)

    @classmethod
    def from_name(cls: type[_E], name: object) -> _E | None:
        """The member known by this name, in any case, or None.

        A member is known by its member name, its printed name (the API's
        ``name``) and any alias the catalogue records for it.
        """
        return _member_by_name(cls, name, cast(Any, cls)._names)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """A pydantic field of this type (see ``_pydantic_core_schema``)."""
        return _pydantic_core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        """Every id with its name and meaning (``oneOf``, ``x-enum-*``), for OpenAPI pages."""
        return _pydantic_json_schema(cls)


class CodeEnum(_Conversions, enum.IntEnum):
    """A status or error code. Members compare equal to their integer id."""

    @classmethod
    def _table(cls) -> Mapping[int, tuple[CodeRecord, ...]]:
        """The class's rows by id (each generated class names its table module)."""
        raise NotImplementedError(cls.__name__)

    @classmethod
    def _names(cls, member: Any) -> tuple[str, ...]:
        return tuple(n for row in _table_of(cls)[member.value] for n in (row.name, *row.aliases))

    @property
    def records(self) -> tuple[CodeRecord, ...]:
        """Every row for this code, in page order (two for 2053 and 4102)."""
        rows: tuple[CodeRecord, ...] = _table_of(type(self))[self._value_]
        return rows

    @property
    def record(self) -> CodeRecord:
        """The code's first row: the one ``api_name``, ``description`` and ``group`` read."""
        row: CodeRecord = _table_of(type(self))[self._value_][0]
        return row

    @property
    def api_name(self) -> str:
        """The name as the page prints it, which is what the API sends in ``name``."""
        return self.record.name

    @property
    def description(self) -> str | None:
        """The description of the code's first row, verbatim, or None."""
        return self.record.description

    @property
    def source(self) -> str:
        """Where the code comes from: ``"page"``, or the document or payloads named."""
        return self.record.source


class StatusCodeEnum(CodeEnum):
    """A status code; its group is one of the shared ``StatusGroup`` members."""

    @property
    def group(self) -> StatusGroupEnum | None:
        """The status group (generated classes narrow the type to ``StatusGroup``)."""
        raise NotImplementedError(type(self).__name__)

    @property
    def is_final(self) -> bool:
        """True when the group is known to be final; False while pending or unknown."""
        group = self.group
        return group is not None and group.is_final


class ErrorCodeEnum(CodeEnum):
    """An error code of any channel."""

    @property
    def group(self) -> ErrorGroupEnum | None:
        """The error group of the code's first row, or None: tables without groups, and
        codes no source gives one (the channels with groups narrow the type)."""
        return None

    @property
    def permanent(self) -> bool | None:
        """Whether a retry of the same message cannot help; None where no source says."""
        return self.record.permanent

    @property
    def is_ok(self) -> bool:
        """True when the code's group is known to report success (OK), not a failure."""
        group = self.group
        return group is not None and group.is_ok

    @property
    def is_retryable(self) -> bool:
        """True only when the code is known not to be permanent and not a success."""
        return self.permanent is False and not self.is_ok


class GroupEnum(_Conversions, enum.IntEnum):
    """A status or error group."""

    @classmethod
    def _table(cls) -> Mapping[int, GroupRecord]:
        """The class's groups by id (each generated class names its table module)."""
        raise NotImplementedError(cls.__name__)

    @classmethod
    def _names(cls, member: Any) -> tuple[str, ...]:
        return (_table_of(cls)[member.value].name,)

    @property
    def record(self) -> GroupRecord:
        """The group as the spec gives it."""
        record: GroupRecord = _table_of(type(self))[self._value_]
        return record

    @property
    def api_name(self) -> str:
        """The group name as printed on the page (the API's ``groupName``)."""
        return self.record.name

    @property
    def description(self) -> str | None:
        """The line the page prints under the group's heading."""
        return self.record.description


class StatusGroupEnum(GroupEnum):
    """Base of ``StatusGroup``, the status groups every channel shares."""

    @property
    def is_final(self) -> bool:
        """Whether a status of this group is final (from the spec; PENDING is not)."""
        return self.record.final is True


class ErrorGroupEnum(GroupEnum):
    """An error group of one channel."""

    @property
    def is_ok(self) -> bool:
        """Whether an error of this group reports success (the spec says which: OK)."""
        return self.record.success is True
