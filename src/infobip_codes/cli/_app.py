"""The command line: its parser, its help, and what ends every command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from infobip_codes._version import __version__
from infobip_codes.cli._decode import cmd_decode
from infobip_codes.cli._explain import cmd_explain
from infobip_codes.cli._export import SQL_CODES, SQL_GROUPS, cmd_export
from infobip_codes.cli._search import cmd_search
from infobip_codes.cli._terminal import UserError, complain, terminal_width
from infobip_codes.tables import CHANNELS

__all__ = ["build_parser", "main"]


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
        super().__init__(prog, width=terminal_width() - 2)


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one escaped line, as every other error."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # "explain" in "infobip-codes explain"
        where = f"{command}: " if command else ""
        complain(f"error: {where}{message} (see {self.prog} --help)")
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
        complain("error: cannot write: standard output is closed")
        return 2
    try:
        status: int = args.run(args, sys.stdout)
        sys.stdout.flush()
    except UserError as exc:
        complain(f"error: {exc}")
        return 2
    except BrokenPipeError:
        # the reader went away (| head): not an error worth a word
        _silence_stdout()
        return 0
    except OSError as exc:  # reading errors are UserErrors: this is the output
        _silence_stdout()
        complain(f"error: cannot write the output: {exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    return status
