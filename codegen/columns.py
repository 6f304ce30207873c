"""The fields of a row and of a group: declared once, here.

Everything else follows from these declarations: the spec validator (which
keys a row may have, of which type), the page importer (which page columns
fill which keys), the generated record classes (``infobip_codes._record``),
the data modules, and through the records the exports and the CLI.

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

PAGE_SOURCE = "page"
"""The ``source`` of a row of the saved page, the default."""

ROW_TABLES = frozenset({"status", "grouped_error", "flat_error"})


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
    for tables with groups, ``flat_error`` for one flat table)."""
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
    Field("id", "int", "The group's id (the API's ``groupId``).", required=True),
    Field("name", "str", "The group's printed name (the API's ``groupName``).", required=True),
    Field("member", "str", "The name of the group enum's member.", sort="derived"),
    Field(
        "description",
        "str | None",
        "The line the source prints under the group's heading.",
        required=True,
    ),
    Field(
        "final",
        "bool | None",
        "Status groups: whether a status of this group is final. None for error groups.",
        default=None,
    ),
    Field(
        "success",
        "bool | None",
        "Error groups: whether an error of this group reports success. None for status groups.",
        default=None,
    ),
    Field(
        "source",
        "str",
        "Where the group comes from (see ``CodeRecord.source``).",
        default=PAGE_SOURCE,
    ),
)
"""The fields of a group's record (``GroupRecord``), in order."""

# Keys a row has that are not fields of its record: how the row is declared.
DECLARATION_KEYS = ("member", "duplicate_of")


def row_keys(table: str) -> dict[str, bool]:
    """The keys a row of ``table`` may have, each mapped to whether it is required."""
    keys: dict[str, bool] = {}
    for field in CODE_FIELDS:
        if field.sort == "key" and table in field.tables:
            keys[field.name] = field.required
        if field.name == "name":
            keys.update(dict.fromkeys(DECLARATION_KEYS, False))
    return keys


def plain(field: Field) -> bool:
    """A key the validator reads by its type alone (no rule of its own)."""
    return field.sort == "key" and field.name not in SPECIAL_KEYS


# Keys with rules beyond their type, each read by its own code in codegen.spec.
SPECIAL_KEYS = frozenset(
    {"id", "name", "permanent", "description", "status_id", "status_text", "aliases", "source"}
)
