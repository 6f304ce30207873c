"""``infobip-codes export``: the whole catalogue as JSON, CSV or SQL."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import fields
from typing import TextIO, get_args, get_type_hints

from infobip_codes import _catalogue, _data
from infobip_codes._record import CodeRecord, GroupRecord
from infobip_codes._version import __version__
from infobip_codes.cli._app import SQL_TABLES
from infobip_codes.cli._rows import record_dict, select
from infobip_codes.cli._writers import dumps, write_json
from infobip_codes.tables import CHANNELS, GROUP_SCOPES, KINDS, SCOPES

FIELDS = (*(f.name for f in fields(CodeRecord)), "enum", "advice")
"""The columns of an exported record: CodeRecord's fields, in its order, then its enum's
name and what to do about it (``infobip_codes._rules.advice``)."""


SQL_CODES, SQL_GROUPS, SQL_SCOPES = SQL_TABLES
_SQL_TYPES: dict[object, str] = {int: "INTEGER", bool: "BOOLEAN"}  # every other type is text
_SQL_EXTRA = (("enum", "TEXT NOT NULL"), ("advice", "TEXT NOT NULL"), ("seq", "INTEGER NOT NULL"))
"""Columns beyond the record's: its enum class, what to do, its place in the catalogue."""
_SQL_SCOPE_COLUMNS = (
    ("channel", "TEXT NOT NULL"),
    ("kind", "TEXT NOT NULL"),
    ("of", "TEXT NOT NULL"),
    ("rank", "INTEGER NOT NULL"),
    ("table_channel", "TEXT NOT NULL"),
    ("group_id", "INTEGER"),
)
"""A channel's scope, a row each: its reports' codes (``of`` 'codes') or groups
('groups') of ``kind`` resolve against ``table_channel``'s, in ``rank`` order, limited
to one group (``group_id``) or not (NULL)."""


def _sql_columns(record: type[CodeRecord] | type[GroupRecord]) -> list[tuple[str, str]]:
    """Each field's column definition, from its annotation: SQL type, and NOT NULL unless
    None is one of the types it admits."""
    columns = []
    for name, hint in get_type_hints(record).items():
        admitted = get_args(hint) or (hint,)
        scalar = next((t for t in admitted if t is not type(None)), str)
        sql_type = _SQL_TYPES.get(scalar, "TEXT")
        columns.append((name, sql_type + ("" if type(None) in admitted else " NOT NULL")))
    return columns


def _scope_rows(channel: str | None, kind: str | None) -> list[dict[str, object]]:
    """Every channel's scopes (``tables.SCOPES``, ``tables.GROUP_SCOPES``) as rows."""
    found = []
    for of, scopes in (("codes", SCOPES), ("groups", GROUP_SCOPES)):
        for (scoped, scoped_kind), tables in scopes.items():
            if scoped is None or channel not in (None, scoped) or kind not in (None, scoped_kind):
                continue
            for rank, (table_channel, group_ids) in enumerate(tables, 1):
                for group_id in [None] if group_ids is None else sorted(group_ids):
                    found.append(
                        {
                            "channel": scoped,
                            "kind": scoped_kind,
                            "of": of,
                            "rank": rank,
                            "table_channel": table_channel,
                            "group_id": group_id,
                        }
                    )
    return found


def _sql_literal(value: object) -> str:
    """A literal SQLite, DuckDB and PostgreSQL read alike."""
    if value is None:
        return "NULL"
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple | list):
        value = dumps(list(value), indent=None)  # a JSON array, as text
    return "'" + str(value).replace("'", "''") + "'"


def _sql_table(name: str, columns: Sequence[tuple[str, str]], key: Sequence[str] = ()) -> str:
    lines = [f'  "{column}" {definition}' for column, definition in columns]
    if key:
        lines.append("  PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
    return f'CREATE TABLE "{name}" (\n' + ",\n".join(lines) + "\n);\n"


def _sql_insert(name: str, row: dict[str, object]) -> str:
    columns = ", ".join(f'"{column}"' for column in row)
    values = ", ".join(_sql_literal(value) for value in row.values())
    return f'INSERT INTO "{name}" ({columns}) VALUES ({values});\n'


def _groups(channel: str | None, kind: str | None) -> list[GroupRecord]:
    found = [g for name in CHANNELS for kind in KINDS for g in _data.groups(name, kind)]
    return [
        g
        for g in found
        if (channel is None or g.channel == channel) and (kind is None or g.kind == kind)
    ]


def _write_sql(out: TextIO, channel: str | None, kind: str | None) -> int:
    rows = [
        (seq, row)
        for seq, row in enumerate(_catalogue.records(), 1)
        if (channel is None or row.channel == channel) and (kind is None or row.kind == kind)
    ]
    groups = _groups(channel, kind)
    out.write(
        f"-- Infobip's status and error codes (infobip-codes {__version__}): one row of\n"
        f'-- "{SQL_CODES}" per table row of the catalogue, one row of "{SQL_GROUPS}" per group.\n'
        "-- Standard SQL: SQLite, DuckDB and PostgreSQL load it as it is. aliases holds a\n"
        "-- JSON array of the other names the API sends; seq is the row's place in the\n"
        "-- catalogue (the first row of an id is the one its enum member's .record gives);\n"
        f'-- advice is what to do: wait, final, none, retry, fix or unknown. "{SQL_SCOPES}"\n'
        "-- says which tables each channel's reports resolve against, in rank order.\n"
        "BEGIN TRANSACTION;\n"
    )
    out.write(_sql_table(SQL_CODES, [*_sql_columns(CodeRecord), *_SQL_EXTRA], ("seq",)))
    out.write(_sql_table(SQL_GROUPS, _sql_columns(GroupRecord), ("channel", "kind", "id")))
    out.write(_sql_table(SQL_SCOPES, _SQL_SCOPE_COLUMNS))
    for seq, row in rows:
        out.write(_sql_insert(SQL_CODES, {**record_dict(row), "seq": seq}))
    for group in groups:
        out.write(_sql_insert(SQL_GROUPS, group.to_dict()))
    for scope in _scope_rows(channel, kind):
        out.write(_sql_insert(SQL_SCOPES, scope))
    out.write("COMMIT;\n")
    return len(rows)


def _csv_cell(value: object) -> object:
    """None as an empty cell, a list (aliases) as JSON text, as in the SQL export."""
    if value is None:
        return ""
    return dumps(value, indent=None) if isinstance(value, list) else value


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    # A data file is UTF-8 whatever the locale: the escapes that keep a terminal
    # readable ("\u2019") would be text of their own in a CSV cell or SQL string.
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None and (out.encoding or "").lower().replace("-", "") != "utf8":
        reconfigure(encoding="utf-8", errors="strict")
    if args.format == "sql":
        return 0 if _write_sql(out, args.channel, args.kind) else 1
    rows = [record_dict(r) for r in select(_catalogue.records(), args.channel, args.kind)]
    if args.format == "json":
        write_json(out, rows)
    else:
        import csv

        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return 0 if rows else 1
