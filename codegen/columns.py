"""The fields of a row and of a group: declared once, here.

Everything else follows from these declarations: the spec validator (which
keys a row may have, of which type), the rows it builds (:class:`Row`, whose
fields are exactly these), the page importer (which page columns fill which
keys), the generated record classes (``infobip_codes._record``), the data
modules, and through the records the exports and the CLI.

A field is one of three sorts:

* ``context``: given by where the row stands in the spec (its channel, its
  group), not written in the row itself;
* ``key``: a key of the row in the YAML, with a type;
* ``derived``: computed by the validator from other keys (``member`` from
  ``name``, ``alias_sources`` from ``aliases``).

Adding a plain column (a text, number or flag per row) is one more
``Field(..., sort="key")`` here, the values in the YAML, and the templates that
should show it; the steps are in spec/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

PAGE_SOURCE = "page"
"""The ``source`` of a row of the saved page, the default."""

ROW_TABLES = frozenset({"status", "grouped_error", "flat_error"})
GROUP_TABLES = frozenset({"general_status_group", "status_group", "error_group"})
"""The tables of groups: the general channel's status groups (which define
them), another channel's status groups, and error groups."""

PYTHON_TYPES: dict[str, type] = {
    "int": int,
    "str": str,
    "bool": bool,
    "Channel": str,  # a channel name
    "Kind": str,  # "status" or "error"
    "tuple[str, ...]": tuple,
}
"""The run-time class of each type a field may declare (``| None`` aside)."""


@dataclass(frozen=True)
class Field:
    """One field of a generated record."""

    name: str
    """The record's attribute, and the YAML key for ``sort="key"``."""
    type: str
    """The record's annotation: ``int``, ``str``, ``bool``, ``tuple[str, ...]``,
    optionally ``| None``."""
    doc: str
    """What the field holds: the record attribute's docstring."""
    sort: str = "key"
    """``context``, ``key`` or ``derived`` (see the module's docstring)."""
    default: object = ...
    """The record's default; ``...`` for a field every record states."""
    required: bool = False
    """For a key: every row of the page has it (rows from elsewhere may leave it
    out where their source does not state it)."""
    tables: frozenset[str] = ROW_TABLES
    """For a key: the tables whose rows may have it (``status``, ``grouped_error``
    for tables with groups, ``flat_error`` for one flat table; for a group, one
    of :data:`GROUP_TABLES`)."""
    page: str | None = None
    """The header of the page's column that gives this key, when the importer
    reads it from a column of its own (id, name and description have their
    own places on the page)."""

    @property
    def has_default(self) -> bool:
        return self.default is not ...

    @property
    def scalar(self) -> str:
        """The type without ``| None``."""
        return self.type.removesuffix(" | None")

    @property
    def nullable(self) -> bool:
        return self.type.endswith(" | None")

    def holds(self, value: object) -> bool:
        """Whether ``value`` is of the declared type (``True`` is no ``int`` here)."""
        if value is None:
            return self.nullable
        cls = PYTHON_TYPES[self.scalar]
        if isinstance(value, bool) and cls is not bool:
            return False
        if cls is tuple:
            return isinstance(value, tuple) and all(isinstance(item, str) for item in value)
        return isinstance(value, cls)


CODE_FIELDS: tuple[Field, ...] = (
    Field(
        "channel",
        "Channel",
        "The channel whose table holds the row: the general tables' channel, or another "
        "(``infobip_codes.CHANNELS`` lists them).",
        sort="context",
    ),
    Field("kind", "Kind", '``"status"`` or ``"error"``.', sort="context"),
    Field("id", "int", "The code's id (the API's ``id``).", required=True, page="ID"),
    Field(
        "name",
        "str",
        "The printed name, which is what the API sends in ``name``.",
        required=True,
    ),
    Field(
        "member",
        "str",
        "The name of the enum member this row is reached through.",
        sort="derived",
    ),
    Field(
        "group_id",
        "int | None",
        "The row's group (the API's ``groupId``); None where the table has no groups or "
        "the source does not say.",
        sort="context",
    ),
    Field(
        "group_name",
        "str | None",
        "The group's printed name (the API's ``groupName``), or None.",
        sort="context",
    ),
    Field(
        "permanent",
        "bool | None",
        "Errors: whether a retry of the same message cannot help. None for statuses, for "
        "tables without that column, and where the source does not say.",
        required=True,
        tables=frozenset({"grouped_error"}),
        page="Permanent",
    ),
    Field(
        "description",
        "str | None",
        "The source's description, verbatim; None where it gives none.",
        required=True,
    ),
    Field(
        "status_id",
        "int | None",
        "The general status a DLT error links to; None elsewhere.",
        default=None,
        tables=frozenset({"flat_error"}),
    ),
    Field(
        "status_text",
        "str | None",
        "The text the page prints beside ``status_id``, verbatim.",
        default=None,
        tables=frozenset({"flat_error"}),
    ),
    Field(
        "aliases",
        "tuple[str, ...]",
        "Other names the API is known to send for this code (never the page's).",
        default=(),
    ),
    Field(
        "alias_sources",
        "tuple[str, ...]",
        "Where each alias was seen, in the order of ``aliases``.",
        sort="derived",
        default=(),
    ),
    Field(
        "source",
        "str",
        f'Where the row comes from: ``"{PAGE_SOURCE}"`` for the saved docs page, else the '
        "document or the observed payloads it was taken from.",
        default=PAGE_SOURCE,
    ),
)
"""The fields of a code's record (``CodeRecord``), in order."""

GROUP_FIELDS: tuple[Field, ...] = (
    Field("channel", "Channel", "The channel whose tables define the group.", sort="context"),
    Field("kind", "Kind", '``"status"`` or ``"error"``.', sort="context"),
    Field(
        "id",
        "int",
        "The group's id (the API's ``groupId``).",
        required=True,
        tables=GROUP_TABLES,
    ),
    Field(
        "name",
        "str",
        "The group's printed name (the API's ``groupName``).",
        required=True,
        tables=GROUP_TABLES,
    ),
    Field("member", "str", "The name of the group enum's member.", sort="derived"),
    Field(
        "description",
        "str | None",
        "The line the source prints under the group's heading.",
        required=True,
        tables=GROUP_TABLES,
    ),
    Field(
        "final",
        "bool | None",
        "Status groups: whether a status of this group is final. None for error groups.",
        default=None,
        required=True,  # the general channel defines the status groups, finality included
        tables=frozenset({"general_status_group"}),
    ),
    Field(
        "success",
        "bool | None",
        "Error groups: whether an error of this group reports success. None for status groups.",
        default=None,
        tables=frozenset({"error_group"}),
    ),
    Field(
        "source",
        "str",
        "Where the group comes from (see ``CodeRecord.source``).",
        default=PAGE_SOURCE,
        tables=GROUP_TABLES,
    ),
)
"""The fields of a group's record (``GroupRecord``), in order."""

# Keys a row has that are not fields of its record: how the row is declared
# (each optional, right after the name) and, for a group, its codes.
DECLARATION_KEYS = ("member", "duplicate_of")
GROUP_DECLARATION_KEYS = ("member",)
GROUP_CODES_KEY = "codes"


def row_keys(table: str) -> dict[str, bool]:
    """The keys a row of ``table`` may have, each mapped to whether it is required."""
    return _keys(CODE_FIELDS, table, DECLARATION_KEYS)


def group_keys(table: str) -> dict[str, bool]:
    """The keys a group of ``table`` (one of :data:`GROUP_TABLES`) may have, and which it needs."""
    return {**_keys(GROUP_FIELDS, table, GROUP_DECLARATION_KEYS), GROUP_CODES_KEY: True}


def _keys(fields: tuple[Field, ...], table: str, declarations: tuple[str, ...]) -> dict[str, bool]:
    keys: dict[str, bool] = {}
    for field in fields:
        if field.sort == "key" and table in field.tables:
            keys[field.name] = field.required
        if field.name == "name":
            keys.update(dict.fromkeys(declarations, False))
    return keys


class Row:
    """A code's or group's fields, exactly those ``FIELDS`` declares, by name.

    Built by keyword (a declared default fills a field left out; an unknown
    or missing field, or a value of another type, is a ``TypeError``), then
    immutable. A field reads as an attribute (``row.id``) or by name
    (``row.value("id")``), so adding a column here adds it to every row.
    """

    FIELDS: ClassVar[tuple[Field, ...]] = ()
    __slots__ = ("_values",)
    _values: dict[str, object]

    def __init__(self, **values: object) -> None:
        kind = type(self).__name__
        unknown = sorted(values.keys() - {field.name for field in self.FIELDS})
        if unknown:
            raise TypeError(f"{kind} has no field {', '.join(unknown)}")
        row: dict[str, object] = {}
        for field in self.FIELDS:
            if field.name in values:
                value = values[field.name]
            elif field.has_default:
                value = field.default
            else:
                raise TypeError(f"{kind} needs a value for {field.name!r}")
            if not field.holds(value):
                raise TypeError(f"{kind}.{field.name} must be {field.type}, not {value!r}")
            row[field.name] = value
        object.__setattr__(self, "_values", row)

    def value(self, name: str) -> object:
        """The value of the field ``name``."""
        return self._values[name]

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _state(self) -> tuple[object, ...]:
        """What makes two rows equal: the fields, and a subclass's own attributes."""
        return tuple(self._values.values())

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Row) and type(other) is type(self) and self._state() == other._state()
        )

    def __hash__(self) -> int:
        return hash(self._state())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({fields})"


def plain(field: Field) -> bool:
    """A key the validator reads by its type alone (no rule of its own)."""
    return field.sort == "key" and field.name not in SPECIAL_KEYS


# Keys with rules beyond their type, each read by its own code in codegen.spec.
SPECIAL_KEYS = frozenset(
    {"id", "name", "permanent", "description", "status_id", "status_text", "aliases", "source"}
)
