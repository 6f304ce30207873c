"""The ``infobip-codes`` command (also ``python -m infobip_codes``).

Exit status: 0 when something was found or decoded, 1 when nothing matched,
2 for bad usage or bad input. A user error never prints a traceback.

``explain``, ``search`` and ``export`` answer from the generated tables alone
(no enum classes, no dataclasses), which keeps the command's start-up close
to the interpreter's own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TextIO

from infobip_codes import _catalog
from infobip_codes._index import MEMBER, RECORDS, ROWS_BY_ID, ROWS_BY_NAME
from infobip_codes._record import PAGE, CodeRecord
from infobip_codes._version import __version__
from infobip_codes.tables import CHANNELS

if TYPE_CHECKING:
    from infobip_codes._parser import ParsedError, ParsedReport, ParsedStatus

__all__ = ["main"]

FIELDS = tuple(f.name for f in fields(CodeRecord))
"""The columns of an exported record: CodeRecord's fields, in its order."""

EXAMPLES = {
    "explain": "examples:\n  infobip-codes explain 27\n  infobip-codes explain "
    "ec_absent_subscriber --json\n  infobip-codes explain 5 --status",
    "search": "examples:\n  infobip-codes search blocklist\n  infobip-codes search DLT --json",
    "export": "examples:\n  infobip-codes export --format csv > codes.csv\n  infobip-codes "
    "export --format json --channel voice --kind error",
    "decode": "examples:\n  infobip-codes decode report.json\n  curl ... | infobip-codes decode"
    '\n  echo \'{"id": 27, "groupId": 1}\' | infobip-codes decode --error',
}


class UserError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


# -- presentation -----------------------------------------------------------------


class Style:
    """ANSI colour on a terminal only, and never when NO_COLOR is set."""

    def __init__(self, stream: TextIO) -> None:
        self.enabled: bool = stream.isatty() and not os.environ.get("NO_COLOR")

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
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _wrap(text: str, width: int, indent: int) -> list[str]:
    return textwrap.wrap(text, max(20, width - indent)) or [""]


def _group_text(group_id: int | None, group_name: str | None) -> str:
    return " ".join(str(part) for part in (group_id, group_name) if part is not None)


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _enum_name(row: CodeRecord) -> str:
    return type(MEMBER[id(row)]).__name__


def _meaning(row: CodeRecord) -> tuple[str, bool | None]:
    """What a code means for the sender, and whether that is good news (None: neither)."""
    if row.kind == "status":
        group = _catalog.STATUS_GROUP.from_id(row.group_id)
        if group is None:
            return "the group is not known: wait for a later report", None
        if not group.is_final:
            return "not final: the message is still on its way; wait for a report", True
        return f"final: {group.api_name}", None
    groups = _catalog.ERROR_GROUP_ENUMS.get(row.channel)
    error_group = None if groups is None else groups.from_id(row.group_id)
    if error_group is not None and error_group.is_ok:
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


# -- commands ---------------------------------------------------------------------


def _write_json(out: TextIO, data: object) -> None:
    import json

    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _select(rows: Iterable[CodeRecord], channel: str | None, kind: str | None) -> list[CodeRecord]:
    return [
        r
        for r in rows
        if (channel is None or r.channel == channel) and (kind is None or r.kind == kind)
    ]


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    query: str = args.code.strip()
    kind = "status" if args.status else "error" if args.error else None
    found: list[CodeRecord] = []
    try:
        code_id: int | None = int(query)
    except ValueError:  # a name; note that "²".isdigit() is true, but int("²") fails
        code_id = None
    if code_id is not None:
        for k in ("status", "error"):
            found += ROWS_BY_ID.get((k, code_id), ())
    else:
        seen: set[int] = set()
        for k in ("status", "error"):
            for row in ROWS_BY_NAME.get((k, query.casefold()), ()):
                if id(row) not in seen:
                    seen.add(id(row))
                    found.append(row)
    found = _select(found, args.channel, kind)
    if args.json:
        _write_json(out, [{**_record_dict(row), "meaning": _meaning(row)[0]} for row in found])
    else:
        style = Style(out)
        width = _width()
        for index, row in enumerate(found):
            if index:
                out.write("\n")
            channel, row_kind, code_id, name = row.channel, row.kind, row.id, row.name
            title = f"{channel} {row_kind} {code_id}"
            out.write(f"{style.bold(title)}  {style.bold(name)}\n")
            facts = [("enum", f"{_enum_name(row)}.{row.member}")]
            if row.aliases:
                facts.append(("also sent as", ", ".join(row.aliases)))
            if row.group_id is not None or row.group_name is not None:
                facts.append(("group", _group_text(row.group_id, row.group_name)))
            if row_kind == "error":
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
                lines = _wrap(value, width, 15) if label == "description" else [value]
                out.write(f"  {style.dim(label.ljust(12))} {lines[0]}\n")
                for more in lines[1:]:
                    out.write(f"  {'':12} {more}\n")
    if not found:
        where = f" in {args.channel}" if args.channel else ""
        print(f"no {kind or 'status or error'} code{where} matches {query!r}", file=sys.stderr)
        return 1
    return 0


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    needle = args.text.casefold()
    found = [
        row
        for row in _select(RECORDS, args.channel, args.kind)
        if any(needle in name.casefold() for name in (row.name, row.member, *row.aliases))
        or needle in (row.description or "").casefold()
    ]
    if args.json:
        _write_json(out, [_record_dict(r) for r in found])
    elif found:
        style = Style(out)
        heads = ("CHANNEL", "KIND", "ID", "NAME")
        cells = [(r.channel, r.kind, str(r.id), r.name) for r in found]
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
        print(f"no code's name or description contains {args.text!r}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    rows = [_record_dict(r) for r in _select(RECORDS, args.channel, args.kind)]
    if args.format == "json":
        _write_json(out, rows)
    else:
        import csv

        writer = csv.DictWriter(out, fieldnames=[*FIELDS, "enum"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return 0 if rows else 1


def _read_json(path: str | None) -> object:
    import json

    source = "<stdin>" if path is None or path == "-" else path
    try:
        if path is None or path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {source}: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None


_ENVELOPE_KEYS = {"results", "messages", "messageId", "message_id", "status", "error"}


def _decode_one(obj: object, args: argparse.Namespace) -> list[ParsedReport[Any, Any]]:
    """A report, a result, or a bare status or error object, parsed.

    A bare object is an error with ``--error`` or a ``permanent`` key, a status
    with ``--status``; otherwise it is read both ways, and the reading the
    catalogue knows without disagreement wins. Where both or neither do, the
    user is asked to say which it is.
    """
    from infobip_codes._parser import ParsedReport, error_from, results_of, status_from

    bare = isinstance(obj, dict) and not _ENVELOPE_KEYS & obj.keys()
    if not bare and not (args.status or args.error):
        return list(results_of(obj, args.channel, False))
    if args.error or (isinstance(obj, dict) and "permanent" in obj):
        return [ParsedReport(None, None, error_from(obj, "$", args.channel, False))]
    status = status_from(obj, "$", args.channel, False)
    if args.status:
        return [ParsedReport(None, status, None)]
    error = error_from(obj, "$", args.channel, False)
    status_fits = status.known and not status.mismatches
    error_fits = error.known and not error.mismatches
    if status_fits and not error_fits:
        return [ParsedReport(None, status, None)]
    if error_fits and not status_fits:
        return [ParsedReport(None, None, error)]
    both = "both a status and an error" if status_fits else "neither a known status nor error"
    raise UserError(f"the object reads as {both}; say which with --status or --error")


def _names(value: ParsedStatus[Any] | ParsedError[Any]) -> str:
    group = _group_text(value.group_id, value.group_name) or "?"
    return f"{group} / {_group_text(value.id, value.name) or '?'}"


def _describe_status(status: ParsedStatus[Any]) -> tuple[str, str]:
    name = _names(status)
    if not status.known:
        return name, "not in the catalogue; " + ("final" if status.is_final else "not final")
    return name, "final" if status.is_final else "not final: still on its way"


def _describe_error(error: ParsedError[Any]) -> tuple[str, str]:
    name = _names(error)
    if error.is_ok:
        verdict = "no error"
    elif error.is_retryable:
        verdict = "retryable"
    elif error.permanent is None:
        verdict = "permanence unknown: no source says whether a retry can help"
    else:
        verdict = "permanent: do not retry"
    if not error.known:
        verdict = "not in the catalogue; " + verdict
    return name, verdict


def _common_json(parsed: ParsedStatus[Any] | ParsedError[Any]) -> dict[str, Any]:
    data = parsed.to_dict()
    data["known"] = parsed.known
    data["member"] = None if parsed.code is None else parsed.code.name
    data["mismatches"] = list(parsed.mismatches)
    return data


def _status_json(status: ParsedStatus[Any] | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {**_common_json(status), "final": status.is_final}


def _error_json(error: ParsedError[Any] | None) -> dict[str, Any] | None:
    if error is None:
        return None
    return {**_common_json(error), "retryable": error.is_retryable}


def _write_value(
    out: TextIO,
    style: Style,
    width: int,
    label: str,
    value: ParsedStatus[Any] | ParsedError[Any],
) -> None:
    """One parsed status or error: its names and verdict, its text, any disagreement."""
    from infobip_codes._parser import ParsedError

    name, verdict = (
        _describe_error(value) if isinstance(value, ParsedError) else _describe_status(value)
    )
    out.write(f"  {style.dim(label.ljust(7))} {style.bold(name)}  ({verdict})\n")
    for line in _wrap(value.description or "(no description)", width, 10):
        out.write(f"  {'':7} {line}\n")
    for mismatch in value.mismatches:
        out.write(f"  {'':7} {style.bad('! ' + mismatch)}\n")


def cmd_decode(args: argparse.Namespace, out: TextIO) -> int:
    from infobip_codes._parser import PayloadError

    obj = _read_json(args.file)
    try:
        reports = _decode_one(obj, args)
    except PayloadError as exc:
        raise UserError(f"not an Infobip status, error or report: {exc}") from None
    if args.json:
        _write_json(
            out,
            [
                {
                    "messageId": r.message_id,
                    "status": _status_json(r.status),
                    "error": _error_json(r.error),
                }
                for r in reports
            ],
        )
    else:
        style = Style(out)
        width = _width()
        for index, report in enumerate(reports):
            if index:
                out.write("\n")
            if report.message_id is not None:
                out.write(f"{style.dim('message')}  {style.bold(report.message_id)}\n")
            if report.status is not None:
                _write_value(out, style, width, "status", report.status)
            if report.error is not None:
                _write_value(out, style, width, "error", report.error)
    if not reports:
        print("the payload holds no results", file=sys.stderr)
        return 1
    return 0


# -- entry point ------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infobip-codes",
        description="Look up, search, export and decode Infobip status and error codes.",
        epilog="\n\n".join(EXAMPLES.values())
        + "\n\nexit status: 0 found or decoded, 1 nothing matched, 2 bad usage or input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def channel_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--channel", choices=CHANNELS, help="only this channel's tables")

    explain = command("explain", "explain a code: every table that has it, and what it means")
    explain.add_argument("code", metavar="ID|NAME", help="an id (27) or a name (any case)")
    channel_option(explain)
    only = explain.add_mutually_exclusive_group()
    only.add_argument("--status", action="store_true", help="only status codes")
    only.add_argument("--error", action="store_true", help="only error codes")
    explain.add_argument("--json", action="store_true", help="machine-readable output")
    explain.set_defaults(run=cmd_explain)

    search = command("search", "find codes whose name or description contains TEXT")
    search.add_argument("text", metavar="TEXT")
    channel_option(search)
    search.add_argument("--kind", choices=("status", "error"))
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run=cmd_search)

    export = command("export", "write the whole catalogue (one record per page row)")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    channel_option(export)
    export.add_argument("--kind", choices=("status", "error"))
    export.set_defaults(run=cmd_export)

    decode = command(
        "decode", "explain a status or error object, a result, or a results/messages envelope"
    )
    decode.add_argument("file", nargs="?", metavar="FILE", help="JSON file (default: stdin)")
    channel_option(decode)
    decode_only = decode.add_mutually_exclusive_group()
    decode_only.add_argument("--status", action="store_true", help="read a bare status object")
    decode_only.add_argument("--error", action="store_true", help="read a bare error object")
    decode.add_argument("--json", action="store_true", help="machine-readable output")
    decode.set_defaults(run=cmd_decode)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show "’" gets an escape, not a UnicodeEncodeError.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    # argparse exits 2 with a usage line on bad usage
    args = build_parser().parse_args(arguments)
    try:
        status: int = args.run(args, sys.stdout)
        sys.stdout.flush()
    except UserError as exc:
        print(f"infobip-codes: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (| head): not an error worth a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    return status
