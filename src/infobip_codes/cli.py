"""The ``infobip-codes`` command (also ``python -m infobip_codes``).

Exit status: 0 when something was found or decoded, 1 when nothing matched,
2 for bad usage or bad input, or when the output cannot be written. Every
failure is one line on stderr, never a traceback; a reader that goes away
(``| head``) ends the command quietly.

Text output never carries a control character it was not meant to: every
string from a payload, a file or an argument is shown with control, format
(bidi) and separator characters escaped (``\\x1b``, ``\\u202e``). JSON output
escapes them as JSON (``\\u001b``).

``explain``, ``search`` and ``export`` answer from the generated tables alone
(no enum classes, no dataclasses), which keeps the command's start-up close
to the interpreter's own.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import stat
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from itertools import chain, repeat
from typing import IO, TYPE_CHECKING, Any, NoReturn, TextIO

from infobip_codes import _data
from infobip_codes._record import PAGE, CodeRecord, GroupRecord
from infobip_codes._rows import RECORDS, ROWS_BY_ID, ROWS_BY_NAME
from infobip_codes._version import __version__
from infobip_codes.tables import CHANNELS

if TYPE_CHECKING:
    from infobip_codes._parser import ParsedError, ParsedReport, ParsedStatus, PayloadError

__all__ = ["main"]

FIELDS = tuple(f.name for f in fields(CodeRecord))
"""The columns of an exported record: CodeRecord's fields, in its order."""

COMMANDS = {
    "explain": "explain a code: every table that has it, and what it means",
    "search": "find codes whose name or description contains every word of TEXT",
    "export": "write the whole catalogue (one record per page row) as JSON, CSV or SQL",
    "decode": "explain a status or error object, a report, or a log of reports (NDJSON)",
}

EXAMPLES = {
    "explain": (
        "infobip-codes explain 27",
        "infobip-codes explain SmsErrorCode.EC_ABSENT_SUBSCRIBER --json",
        "infobip-codes explain 5 --status",
    ),
    "search": (
        "infobip-codes search blocklist",
        "infobip-codes search absent subscriber --kind error",
        "infobip-codes search DLT --json",
    ),
    "export": (
        "infobip-codes export --format csv > codes.csv",
        "infobip-codes export --format sql | sqlite3 codes.db",
        "infobip-codes export --format json --channel voice --kind error",
    ),
    "decode": (
        "infobip-codes decode report.json",
        "curl ... | infobip-codes decode",
        'echo \'{"id": 27, "groupId": 1}\' | infobip-codes decode --error',
        "infobip-codes decode --ndjson --json reports.ndjson > decoded.ndjson",
        "tail -f reports.ndjson | infobip-codes decode --ndjson",
    ),
}

EXIT_STATUS = (
    "exit status: 0 found or decoded, 1 nothing matched, "
    "2 bad usage, bad input or output that cannot be written"
)


class UserError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


# -- safe text --------------------------------------------------------------------

# Control (C0, DEL, C1), format (bidi overrides, zero-width), surrogate and
# line/paragraph separator characters: they move the cursor, retitle or clear
# the terminal, reorder what is shown, or break a line where none is meant.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    point = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def _json_escape_char(char: str) -> str:
    point = ord(char)
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def safe(text: str) -> str:
    """``text`` with every control, format and separator character escaped.

    Tabs and newlines too: what comes back is always one line.
    """
    if text.isprintable():  # the fast path: no character of those categories
        return text
    return "".join(_escape_char(c) if unicodedata.category(c) in _UNSAFE else c for c in str(text))


def _json_safe(text: str) -> str:
    """JSON text with the characters ``json.dumps`` leaves raw (DEL, C1, bidi,
    separators, lone surrogates) written as ``\\u`` escapes: the same JSON value.

    Every such character stands inside a string (JSON's own layout is ASCII
    space and newline), where the escape means the same character.
    """
    if text.isascii() and "\x7f" not in text:
        return text
    return "\n".join(
        line if line.isprintable() else _json_escape_unsafe(line) for line in text.split("\n")
    )


def _json_escape_unsafe(line: str) -> str:
    return "".join(_json_escape_char(c) if unicodedata.category(c) in _UNSAFE else c for c in line)


def _complain(message: str) -> None:
    """One line on stderr, escaped; nothing at all if stderr is gone."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"infobip-codes: {safe(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


# -- presentation -----------------------------------------------------------------


class Style:
    """ANSI colour on a terminal only, and never when NO_COLOR is set."""

    def __init__(self, stream: TextIO) -> None:
        try:
            tty = stream.isatty()
        except (OSError, ValueError):
            tty = False
        self.enabled: bool = tty and not os.environ.get("NO_COLOR")

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def good(self, text: str) -> str:
        return self._wrap("32", text)

    def bad(self, text: str) -> str:
        return self._wrap("31", text)


def _width() -> int:
    """The terminal's width, within reason."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    else:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a terminal
            width = 100
    return max(40, min(width, 120))


def _wrap(text: str, width: int, indent: int) -> tuple[str, ...]:
    """``text`` escaped and wrapped to the terminal's width, less the indent."""
    if len(text) <= 400:  # a log repeats the catalogue's texts: those are worth a cache
        return _wrap_short(text, width, indent)
    return tuple(textwrap.wrap(safe(text), max(20, width - indent))) or ("",)


@functools.lru_cache(maxsize=1024)
def _wrap_short(text: str, width: int, indent: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(safe(text), max(20, width - indent))) or ("",)


def _group_text(group_id: int | None, group_name: str | None) -> str:
    return " ".join(str(part) for part in (group_id, group_name) if part is not None)


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _enum_name(row: CodeRecord) -> str:
    return _data.ENUM_NAMES[row.channel, row.kind]


def _meaning(row: CodeRecord) -> tuple[str, bool | None]:
    """What a code means for the sender, and whether that is good news (None: neither)."""
    if row.kind == "status":
        group = None if row.group_id is None else _data.STATUS_GROUP_ROWS.get(row.group_id)
        if group is None:
            return "the group is not known: wait for a later report", None
        if not group.final:
            return "not final: the message is still on its way; wait for a report", True
        return f"final: {group.name}", None
    groups = _data.ERROR_GROUP_ROWS[row.channel]
    error_group = None if row.group_id is None else groups.get(row.group_id)
    if error_group is not None and error_group.success:
        return "no error: nothing to retry", True
    if row.permanent:
        return "permanent: do not retry the same message; fix the cause first", False
    if row.permanent is None:
        return "no source says whether a retry can help", False
    return "temporary: a retry may succeed", True


def _record_dict(row: CodeRecord) -> dict[str, Any]:
    data = row.to_dict()
    data["enum"] = _enum_name(row)
    return data


@functools.lru_cache(maxsize=4)
def _encoder(indent: int | None, ascii_only: bool) -> Any:
    import json

    separators = None if indent is not None else (",", ":")
    return json.JSONEncoder(indent=indent, separators=separators, ensure_ascii=ascii_only)


def _ascii_only() -> bool:
    """Whether standard output takes less than all of Unicode (cp1252, say).

    There, JSON escapes every non-ASCII character itself: the stream's own
    escapes (``\\xe9``) are not JSON.
    """
    import codecs

    try:
        return codecs.lookup(sys.stdout.encoding or "utf-8").name not in _UNICODE_CODECS
    except (AttributeError, LookupError):
        return True


_UNICODE_CODECS = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig"})


def _dumps(data: object, indent: int | None = 2) -> str:
    """JSON text, indented or compact (one line), with unsafe characters escaped."""
    return _json_safe(_encoder(indent, _ascii_only()).encode(data))


def _write_json(out: TextIO, data: object) -> None:
    out.write(_dumps(data) + "\n")


def _write_json_array(out: TextIO, items: Iterable[object]) -> None:
    """A JSON array written item by item: never the whole text as one string."""
    first = True
    for item in items:
        out.write("[\n" if first else ",\n")
        out.write(textwrap.indent(_dumps(item), "  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


# -- explain and search -----------------------------------------------------------


def _select(rows: Iterable[CodeRecord], channel: str | None, kind: str | None) -> list[CodeRecord]:
    return [
        r
        for r in rows
        if (channel is None or r.channel == channel) and (kind is None or r.kind == kind)
    ]


def _rows_named(query: str) -> list[CodeRecord]:
    """Rows by printed, member or alias name, or by ``Enum.MEMBER`` as explain prints it."""
    found: list[CodeRecord] = []
    seen: set[int] = set()
    enum_name, dot, name = query.rpartition(".")
    if not dot:
        name = query
    for kind in ("status", "error"):
        for row in ROWS_BY_NAME.get((kind, name.casefold()), ()):
            if id(row) in seen:
                continue
            if dot and enum_name.rpartition(".")[2].casefold() != _enum_name(row).casefold():
                continue
            if dot and name.casefold() != row.member.casefold():
                continue
            seen.add(id(row))
            found.append(row)
    return found


def _matches(row: CodeRecord, words: Sequence[str]) -> bool:
    text = "\n".join((row.name, row.member, *row.aliases, row.description or "")).casefold()
    return all(word in text for word in words)


def _search(text: str, channel: str | None, kind: str | None) -> list[CodeRecord]:
    words = text.casefold().split()
    return [row for row in _select(RECORDS, channel, kind) if _matches(row, words)]


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    query: str = " ".join(args.code).strip()
    kind = "status" if args.status else "error" if args.error else None
    if not query:
        raise UserError("explain needs an id (27) or a name (EC_ABSENT_SUBSCRIBER)")
    code_id = _as_id(query)
    found = _select(_rows_for(query), args.channel, kind)
    if not found and len(args.code) > 1:
        # several codes (explain 27 5), each of which is one, rather than a
        # name of several words
        each = [_select(_rows_for(token), args.channel, kind) for token in args.code]
        if all(each):
            found = [row for rows in each for row in rows]
    if args.json:
        _write_json(out, [{**_record_dict(row), "meaning": _meaning(row)[0]} for row in found])
    else:
        _write_explained(out, found)
    if not found:
        where = f" in {args.channel}" if args.channel else ""
        message = f"no {kind or 'status or error'} code{where} matches {query!r}"
        if code_id is None and _search(query, args.channel, kind):
            import shlex

            message += f"; to find it by words: infobip-codes search {shlex.quote(query)}"
        elif code_id is None:
            message += "; `infobip-codes search WORDS` looks in names and descriptions"
        _complain(message)
        return 1
    return 0


def _as_id(query: str) -> int | None:
    try:
        return int(query)
    except ValueError:  # a name; note that "²".isdigit() is true, but int("²") fails
        return None


def _rows_for(query: str) -> list[CodeRecord]:
    """The rows an id or a name stands for, statuses first."""
    code_id = _as_id(query)
    if code_id is None:
        return _rows_named(query)
    return [row for k in ("status", "error") for row in ROWS_BY_ID.get((k, code_id), ())]


def _write_explained(out: TextIO, found: list[CodeRecord]) -> None:
    style = Style(out)
    width = _width()
    for index, row in enumerate(found):
        if index:
            out.write("\n")
        title = f"{row.channel} {row.kind} {row.id}"
        out.write(f"{style.bold(title)}  {style.bold(safe(row.name))}\n")
        facts = [("enum", f"{_enum_name(row)}.{row.member}")]
        if row.aliases:
            facts.append(("also sent as", ", ".join(row.aliases)))
        if row.group_id is not None or row.group_name is not None:
            facts.append(("group", _group_text(row.group_id, row.group_name)))
        if row.kind == "error":
            facts.append(("permanent", _yes_no(row.permanent)))
        if row.status_id is not None:
            facts.append(("status", f"{row.status_id} (general status it maps to)"))
        meaning, good = _meaning(row)
        shown = meaning if good is None else style.good(meaning) if good else style.bad(meaning)
        facts.append(("meaning", shown))
        facts.append(("description", row.description or "(none given)"))
        if row.source != PAGE:
            facts.append(("source", row.source))
        for label, value in facts:
            lines = _wrap(value, width, 15) if label == "description" else (value,)
            out.write(f"  {style.dim(label.ljust(12))} {lines[0]}\n")
            for more in lines[1:]:
                out.write(f"  {'':12} {more}\n")


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    text = " ".join(args.text)
    if not text.strip():
        raise UserError("search needs a word to look for (TEXT is empty)")
    found = _search(text, args.channel, args.kind)
    if args.json:
        _write_json(out, [_record_dict(r) for r in found])
    elif found:
        style = Style(out)
        heads = ("CHANNEL", "KIND", "ID", "NAME")
        cells = [(r.channel, r.kind, str(r.id), safe(r.name)) for r in found]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
        indent = sum(widths) + 2 * len(widths)
        width = _width()
        header = "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
        out.write(style.dim(f"{header}  DESCRIPTION") + "\n")
        for row, cell in zip(found, cells, strict=True):
            left = "  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True))
            lines = _wrap(row.description or "-", width, indent)
            out.write(f"{left}  {lines[0]}\n")
            for more in lines[1:]:
                out.write(" " * indent + more + "\n")
    if not found:
        _complain(f"no code's name or description contains {text!r}")
        return 1
    return 0


# -- export -----------------------------------------------------------------------

SQL_CODES = "infobip_codes"
"""The exported codes table: CodeRecord's columns, then ``enum`` and ``seq``."""
SQL_GROUPS = "infobip_groups"
"""The exported groups table: GroupRecord's columns."""
_SQL_TYPES = {"int": "INTEGER", "bool": "BOOLEAN"}  # every other field is text
_SQL_EXTRA = (("enum", "TEXT NOT NULL"), ("seq", "INTEGER NOT NULL"))
"""Columns beyond the record's: its enum class, and its place in the catalogue."""


def _sql_columns(record: type[CodeRecord] | type[GroupRecord]) -> list[tuple[str, str]]:
    """Each field's column definition: SQL type, and NOT NULL unless it may be None."""
    columns = []
    for f in fields(record):
        hint = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        optional = hint.endswith("| None")
        sql_type = _SQL_TYPES.get(hint.removesuffix("| None").strip(), "TEXT")
        columns.append((f.name, sql_type + ("" if optional else " NOT NULL")))
    return columns


def _sql_literal(value: object) -> str:
    """A literal SQLite, DuckDB and PostgreSQL read alike."""
    if value is None:
        return "NULL"
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple | list):
        value = _dumps(list(value), indent=None)  # a JSON array, as text
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
    found = [group for name in CHANNELS for group in _data.GROUP_ROWS[name]]
    return [
        g
        for g in found
        if (channel is None or g.channel == channel) and (kind is None or g.kind == kind)
    ]


def _write_sql(out: TextIO, channel: str | None, kind: str | None) -> int:
    rows = [
        (seq, row)
        for seq, row in enumerate(RECORDS, 1)
        if (channel is None or row.channel == channel) and (kind is None or row.kind == kind)
    ]
    groups = _groups(channel, kind)
    out.write(
        f"-- Infobip's status and error codes (infobip-codes {__version__}): one row of\n"
        f'-- "{SQL_CODES}" per table row of the catalogue, one row of "{SQL_GROUPS}" per group.\n'
        "-- Standard SQL: SQLite, DuckDB and PostgreSQL load it as it is. aliases holds a\n"
        "-- JSON array of the other names the API sends; seq is the row's place in the\n"
        "-- catalogue (the first row of an id is the one its enum member's .record gives).\n"
        "BEGIN TRANSACTION;\n"
    )
    out.write(_sql_table(SQL_CODES, [*_sql_columns(CodeRecord), *_SQL_EXTRA], ("seq",)))
    out.write(_sql_table(SQL_GROUPS, _sql_columns(GroupRecord), ("channel", "kind", "id")))
    for seq, row in rows:
        out.write(_sql_insert(SQL_CODES, {**_record_dict(row), "seq": seq}))
    for group in groups:
        out.write(_sql_insert(SQL_GROUPS, group.to_dict()))
    out.write("COMMIT;\n")
    return len(rows)


def _csv_cell(value: object) -> object:
    """None as an empty cell, a list (aliases) as JSON text, as in the SQL export."""
    if value is None:
        return ""
    return _dumps(value, indent=None) if isinstance(value, list) else value


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "sql":
        return 0 if _write_sql(out, args.channel, args.kind) else 1
    rows = [_record_dict(r) for r in _select(RECORDS, args.channel, args.kind)]
    if args.format == "json":
        _write_json(out, rows)
    else:
        import csv

        writer = csv.DictWriter(out, fieldnames=[*FIELDS, "enum"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return 0 if rows else 1


# -- decode: reading ----------------------------------------------------------------


def _int_digits() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return 4300 if get is None else int(get())


def _loads(text: bytes, source: str) -> object:
    """One JSON document, or a one-line UserError saying what is wrong with it."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise UserError(f"{source}: invalid JSON: nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except ValueError:  # json's int() of a number beyond the interpreter's digit limit
        raise UserError(
            f"{source}: invalid JSON: a number has more than {_int_digits()} digits"
        ) from None


class _Input:
    """The input as bytes, read a line at a time; reading errors become a UserError.

    On a live source (a pipe or a terminal, not a file) the output is flushed
    before each read, so results appear as their lines arrive; from a file, the
    output goes out in buffer-sized blocks.
    """

    def __init__(self, path: str | None, out: TextIO) -> None:
        self.source = "<stdin>" if path is None or path == "-" else path
        self.out = out
        self.owned = path is not None and path != "-"
        self.stream: IO[bytes]
        try:
            if self.owned:
                assert path is not None
                self.stream = open(path, "rb")  # noqa: SIM115 (closed by close())
            elif sys.stdin is None:
                raise UserError("cannot read <stdin>: it is closed")
            elif hasattr(sys.stdin, "buffer"):
                self.stream = sys.stdin.buffer
            else:  # a text stream put in sys.stdin's place (an embedding program, a test)
                self.stream = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))
        except OSError as exc:
            raise self._error(exc) from None
        try:
            self.live = not stat.S_ISREG(os.fstat(self.stream.fileno()).st_mode)
        except (OSError, ValueError):  # io.BytesIO: no descriptor
            self.live = False

    def close(self) -> None:
        if self.owned:
            self.stream.close()

    def _error(self, exc: OSError) -> UserError:
        return UserError(f"cannot read {self.source}: {exc.strerror or exc}")

    def lines(self) -> Iterator[bytes]:
        first = True
        while True:
            if self.live:
                self.out.flush()
            try:
                line = self.stream.readline()
            except OSError as exc:
                raise self._error(exc) from None
            if not line:
                return
            if first:  # a UTF-8 byte order mark starts the text, not its first value
                line = line.removeprefix(b"\xef\xbb\xbf")
                first = False
            yield line

    def rest(self) -> bytes:
        try:
            return self.stream.read()
        except OSError as exc:
            raise self._error(exc) from None


def _decoded(lines: Iterable[bytes], on_error: Callable[[PayloadError], object]) -> Iterator[str]:
    """Lines as text, numbered as read; a line that is not UTF-8 is reported and
    replaced by a blank one, which the parser skips and still counts."""
    from infobip_codes._parser import PayloadError

    for number, line in enumerate(lines, 1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            on_error(
                PayloadError("$", f"not UTF-8 text ({exc.reason} at byte {exc.start})", line=number)
            )
            text = ""
        yield text


# -- decode: parsing and writing ----------------------------------------------------

_ENVELOPE_KEYS = {"results", "messages", "messageId", "message_id", "status", "error"}


def _decode_one(obj: object, args: argparse.Namespace) -> list[ParsedReport[Any, Any]]:
    """A report, a result, or a bare status or error object, parsed.

    A bare object is an error with ``--error`` or a ``permanent`` key, a status
    with ``--status``; otherwise it is read both ways, and the reading the
    catalogue knows without disagreement wins. Where both or neither do, the
    user is asked to say which it is.
    """
    from infobip_codes._parser import ParsedReport, parse_error, parse_report, parse_status

    bare = isinstance(obj, dict) and not _ENVELOPE_KEYS & obj.keys()
    if not bare and not (args.status or args.error):
        return list(parse_report(obj, args.channel))
    if args.error or (not args.status and isinstance(obj, dict) and "permanent" in obj):
        return [ParsedReport(None, None, parse_error(obj, args.channel))]
    status = parse_status(obj, args.channel)
    if args.status:
        return [ParsedReport(None, status, None)]
    error = parse_error(obj, args.channel)
    status_fits = status.known and not status.mismatches
    error_fits = error.known and not error.mismatches
    if status_fits and not error_fits:
        return [ParsedReport(None, status, None)]
    if error_fits and not status_fits:
        return [ParsedReport(None, None, error)]
    both = "both a status and an error" if status_fits else "neither a known status nor error"
    raise UserError(f"the object reads as {both}; say which with --status or --error")


def _status_verdict(status: ParsedStatus[Any]) -> str:
    if not status.known:
        return "final" if status.is_final else "not final"
    return "final" if status.is_final else "not final: still on its way"


def _error_verdict(error: ParsedError[Any]) -> str:
    if error.is_ok:
        return "no error"
    if error.is_retryable:
        return "retryable"
    if error.permanent is None:
        return "permanence unknown: no source says whether a retry can help"
    return "permanent: do not retry"


def _common_json(parsed: ParsedStatus[Any] | ParsedError[Any]) -> dict[str, Any]:
    data = parsed.to_dict()
    data["known"] = parsed.known
    data["member"] = None if parsed.code is None else parsed.code.name
    data["mismatches"] = list(parsed.mismatches)
    return data


def _report_json(report: ParsedReport[Any, Any]) -> dict[str, Any]:
    status, error = report.status, report.error
    return {
        "messageId": report.message_id,
        "status": None if status is None else {**_common_json(status), "final": status.is_final},
        "error": None
        if error is None
        else {**_common_json(error), "retryable": error.is_retryable},
    }


class _TextWriter:
    """Decoded results as text, one block each, a blank line between blocks."""

    def __init__(self, out: TextIO) -> None:
        from infobip_codes._parser import ParsedError

        self.out = out
        self.style = Style(out)
        self.width = _width()
        self.first = True
        self.error_type = ParsedError
        self.message = f"{self.style.dim('message')}  "
        # A log repeats a few codes: each distinct block is laid out once, keyed
        # by every fact it shows or its verdict depends on.
        self.blocks: dict[tuple[object, ...], str] = {}

    def __call__(self, report: ParsedReport[Any, Any]) -> None:
        parts = [] if self.first else ["\n"]
        self.first = False
        if report.message_id is not None:
            parts.append(f"{self.message}{self.style.bold(safe(report.message_id))}\n")
        if report.status is not None:
            self._value(parts, "status", report.status)
        if report.error is not None:
            self._value(parts, "error", report.error)
        self.out.write("".join(parts))

    def _block(self, label: str, value: ParsedStatus[Any] | ParsedError[Any]) -> str:
        """A value's lines: its names and verdict, then its text."""
        if isinstance(value, self.error_type):
            verdict = _error_verdict(value)
        else:
            verdict = _status_verdict(value)
        if not value.known:
            verdict = f"not in the catalogue; {verdict}"
        group = _group_text(value.group_id, value.group_name) or "?"
        names = safe(f"{group} / {_group_text(value.id, value.name) or '?'}")
        style = self.style
        lines = [f"  {style.dim(label.ljust(7))} {style.bold(names)}  ({verdict})\n"]
        for line in _wrap(value.description or "(no description)", self.width, 10):
            lines.append(f"  {'':7} {line}\n")
        return "".join(lines)

    def _value(
        self, parts: list[str], label: str, value: ParsedStatus[Any] | ParsedError[Any]
    ) -> None:
        """One parsed status or error: its block, then any disagreement."""
        # The verdict follows from the kind (the label), the channel and group
        # (which give the group member), permanence and whether the code is known.
        key = (
            label,
            value.channel,
            value.known,
            value.group_id,
            value.group_name,
            value.id,
            value.name,
            value.description,
            getattr(value, "permanent", None),
        )
        block = self.blocks.get(key)
        if block is None:
            block = self._block(label, value)
            if len(block) <= 2000:  # the catalogue's texts; a long one is not kept
                if len(self.blocks) >= 4096:
                    self.blocks.clear()
                self.blocks[key] = block
        parts.append(block)
        for mismatch in value.mismatches:
            parts.append(f"  {'':7} {self.style.bad('! ' + safe(mismatch))}\n")


def _decode_document(obj: object, args: argparse.Namespace, out: TextIO) -> int:
    """One JSON document: everything is parsed first, so bad input writes nothing."""
    from infobip_codes._parser import PayloadError

    try:
        reports = _decode_one(obj, args)
    except PayloadError as exc:
        raise UserError(f"not an Infobip status, error or report: {exc}") from None
    if args.json:
        _write_json_array(out, map(_report_json, reports))
    else:
        write = _TextWriter(out)
        for report in reports:
            write(report)
    if not reports:
        _complain("the payload holds no results")
        return 1
    return 0


def _decode_stream(
    lines: Iterable[bytes], source: str, args: argparse.Namespace, out: TextIO
) -> int:
    """NDJSON, one report, response or result a line, written as it is read.

    A bad line is reported on stderr with its number, and reading goes on;
    the exit status is 2 when any line failed.
    """
    from infobip_codes._parser import iter_report

    if args.status or args.error:
        raise UserError("--status and --error read one bare object, not a stream of lines")
    failed = 0

    def on_error(exc: PayloadError) -> None:
        nonlocal failed
        failed += 1
        _complain(f"{source}: {exc}")

    count = 0
    text = _decoded(lines, on_error)
    reports = iter_report(text, args.channel, on_error=on_error)
    if args.json:
        for report in reports:
            out.write(_dumps(_report_json(report), indent=None) + "\n")
            count += 1
    else:
        write = _TextWriter(out)
        for report in reports:
            write(report)
            count += 1
    out.flush()
    if failed:
        _complain(f"{source}: {failed} line{'s' * (failed != 1)} could not be decoded")
        return 2
    if not count:
        _complain(f"{source}: the input holds no results")
        return 1
    return 0


def _next_line(lines: Iterator[bytes]) -> tuple[int, bytes | None]:
    """How many blank lines come first, and the first line that is not blank."""
    for blanks, line in enumerate(lines):
        if line.strip():
            return blanks, line
    return 0, None


def cmd_decode(args: argparse.Namespace, out: TextIO) -> int:
    """One JSON document, or NDJSON: with ``--ndjson``, or when the first
    non-blank line is a whole JSON value and another non-blank line follows."""
    reader = _Input(args.file, out)
    source = reader.source
    try:
        lines = reader.lines()
        if args.ndjson:
            return _decode_stream(lines, source, args, out)
        blanks, first = _next_line(lines)
        if first is None:
            raise UserError(f"{source}: no input")
        try:
            obj = _loads(first, source)
        except UserError:  # not a whole value: the first line of a longer document
            return _decode_document(_loads(first + reader.rest(), source), args, out)
        more, second = _next_line(lines)
        if second is None:
            return _decode_document(obj, args, out)
        head = chain(repeat(b"", blanks), [first], repeat(b"", more), [second])
        return _decode_stream(chain(head, lines), source, args, out)
    finally:
        reader.close()


# -- entry point ------------------------------------------------------------------


def _top_epilog() -> str:
    parts = ["examples, by command:"]
    for name, lines in EXAMPLES.items():
        parts.append(f"  {name}: {COMMANDS[name]}")
        parts += [f"    {line}" for line in lines]
    return "\n".join(parts) + "\n\n" + EXIT_STATUS


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the terminal's width.

    Left to itself it asks ``shutil``, whose import (with its compression
    modules) costs more than a sixth of ``explain``'s start-up.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_width() - 2)


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one escaped line, as every other error."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # "explain" in "infobip-codes explain"
        where = f"{command}: " if command else ""
        _complain(f"error: {where}{message} (see {self.prog} --help)")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="infobip-codes",
        description="Look up, search, export and decode Infobip status and error codes.",
        epilog=_top_epilog(),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, more: str = "") -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=COMMANDS[name],
            description=COMMANDS[name] + more,
            epilog="examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name]),
            formatter_class=_Formatter,
        )

    def channel_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--channel", choices=CHANNELS, help="only this channel's tables")

    explain = command("explain")
    explain.add_argument(
        "code",
        nargs="+",
        metavar="ID|NAME",
        help="an id (27), a name in any case (ec_absent_subscriber), "
        "or Enum.MEMBER (SmsErrorCode.EC_ABSENT_SUBSCRIBER); several of them",
    )
    channel_option(explain)
    only = explain.add_mutually_exclusive_group()
    only.add_argument("--status", action="store_true", help="only status codes")
    only.add_argument("--error", action="store_true", help="only error codes")
    explain.add_argument("--json", action="store_true", help="machine-readable output")
    explain.set_defaults(run=cmd_explain)

    search = command("search", " (in any order, any case)")
    search.add_argument("text", nargs="+", metavar="TEXT")
    channel_option(search)
    search.add_argument("--kind", choices=("status", "error"))
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run=cmd_search)

    export = command(
        "export",
        f"; sql writes CREATE TABLE and INSERT statements for two tables, {SQL_CODES} and "
        f"{SQL_GROUPS}, that SQLite, DuckDB and PostgreSQL load as they are",
    )
    export.add_argument("--format", choices=("json", "csv", "sql"), required=True)
    channel_option(export)
    export.add_argument("--kind", choices=("status", "error"))
    export.set_defaults(run=cmd_export)

    decode = command(
        "decode",
        ".\n\nThe input is one JSON document, or NDJSON (one report, response or result a "
        "line): with --ndjson, or when its first line is a whole JSON value and more lines "
        "follow. NDJSON is decoded as it is read, in constant memory; a bad line is reported "
        "with its number and the lines after it are still decoded (exit status 2 at the end). "
        "Use --ndjson for a live stream: without it, the first result waits for the second "
        "line.",
    )
    decode.add_argument(
        "file", nargs="?", metavar="FILE", help="JSON or NDJSON file (default: stdin)"
    )
    channel_option(decode)
    decode.add_argument(
        "--ndjson", action="store_true", help="read one report, response or result per line"
    )
    decode_only = decode.add_mutually_exclusive_group()
    decode_only.add_argument("--status", action="store_true", help="read a bare status object")
    decode_only.add_argument("--error", action="store_true", help="read a bare error object")
    decode.add_argument(
        "--json",
        action="store_true",
        help="machine-readable output: a JSON array, or for NDJSON input one object per line",
    )
    decode.set_defaults(run=cmd_decode)
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file: nothing to flush later
        pass


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show "’" gets an escape, not a UnicodeEncodeError.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    # argparse exits 2 with a usage line on bad usage
    args = build_parser().parse_args(arguments)
    if sys.stdout is None:  # started with stdout closed
        _complain("error: cannot write: standard output is closed")
        return 2
    try:
        status: int = args.run(args, sys.stdout)
        sys.stdout.flush()
    except UserError as exc:
        _complain(f"error: {exc}")
        return 2
    except BrokenPipeError:
        # the reader went away (| head): not an error worth a word
        _silence_stdout()
        return 0
    except OSError as exc:  # reading errors are UserErrors: this is the output
        _silence_stdout()
        _complain(f"error: cannot write the output: {exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    return status
