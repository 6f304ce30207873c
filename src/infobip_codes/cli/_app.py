"""The command line: its parser, its help, and what ends every command."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from infobip_codes._version import __version__
from infobip_codes.cli._terminal import UserError, complain, safe, terminal_width
from infobip_codes.tables import CHANNELS

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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
        "infobip-codes explain E429",
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
        'echo \'{"id": 27, "groupId": 1}\' | infobip-codes decode --bare-error',
        "infobip-codes decode --summary reports.ndjson",
        "infobip-codes decode --failed --code EC_ABSENT_SUBSCRIBER reports.ndjson",
        "infobip-codes decode --ndjson --json reports.ndjson > decoded.ndjson",
        "tail -f reports.ndjson | infobip-codes decode --ndjson --retryable",
    ),
}

SQL_TABLES = ("infobip_codes", "infobip_groups", "infobip_scopes")
"""The tables of the SQL export: the codes (CodeRecord's columns, then ``enum``,
``advice`` and ``seq``), the groups (GroupRecord's columns), and which tables each
channel's reports resolve against."""

EXIT_STATUS = (
    "exit status: 0 found or decoded, 1 nothing matched, "
    "2 bad usage, bad input or output that cannot be written, "
    "70 a fault of infobip-codes itself (said in one line)"
)
_FAULT = 70  # EX_SOFTWARE: neither the input's fault nor the user's


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

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Paragraphs of one line are wrapped; lines laid out by hand (examples) are kept."""
        import textwrap

        return "\n\n".join(
            part
            if "\n" in part
            else textwrap.fill(part, width, initial_indent=indent, subsequent_indent=indent)
            for part in text.split("\n\n")
        )


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one escaped line, as every other error, and
    help that reaches stdout or fails as any other output does (argparse's own
    printing drops a failed write)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # "explain" in "infobip-codes explain"
        where = f"{command}: " if command else ""
        complain(f"error: {where}{message} (see {self.prog} --help)")
        raise SystemExit(2)

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        (file or _stdout()).write(self.format_help())


class _Version(argparse.Action):
    """``--version``, written as help is."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        _stdout().write(f"{parser.prog} {__version__}\n")
        parser.exit()


def _stdout() -> TextIO:
    """Standard output, or the error of writing to it when the process began without one."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "standard output is closed")
    return sys.stdout


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="infobip-codes",
        description="Look up, search, export and decode Infobip status and error codes.",
        epilog=_top_epilog(),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, more: str = "") -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=COMMANDS[name],
            description=COMMANDS[name] + more,
            epilog="examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name]),
            formatter_class=_Formatter,
        )

    def channel_option(p: argparse.ArgumentParser, detail: str = "its own tables only") -> None:
        p.add_argument("--channel", choices=CHANNELS, help=f"this channel: {detail}")

    def kind_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--kind", choices=("status", "error"), help="only codes of this kind")

    explain = command("explain")
    explain.add_argument(
        "code",
        nargs="+",
        metavar="ID|NAME",
        help="an id (27), a name in any case (ec_absent_subscriber), "
        "Enum.MEMBER (SmsErrorCode.EC_ABSENT_SUBSCRIBER), "
        "or an HTTP error identifier (E429, BAD_REQUEST); several of them",
    )
    channel_option(explain, "the codes its reports carry (its own, then the general ones)")
    only = explain.add_mutually_exclusive_group()
    only.add_argument("--status", action="store_true", help="only status codes")
    only.add_argument("--error", action="store_true", help="only error codes")
    explain.add_argument("--json", action="store_true", help="machine-readable output")
    explain.set_defaults(run="explain")

    search = command("search", " (in any order, any case)")
    search.add_argument(
        "text", nargs="+", metavar="TEXT", help="words to find in names and descriptions"
    )
    channel_option(search)
    kind_option(search)
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run="search")

    export = command(
        "export",
        "; sql writes CREATE TABLE and INSERT statements for three tables, "
        f"{SQL_TABLES[0]}, {SQL_TABLES[1]} and {SQL_TABLES[2]}, that SQLite, DuckDB and "
        "PostgreSQL load as they are",
    )
    export.add_argument(
        "--format", choices=("json", "csv", "sql"), required=True, help="the output's format"
    )
    channel_option(export)
    kind_option(export)
    export.set_defaults(run="export")

    decode = command(
        "decode",
        ".\n\nThe input is one JSON document, or NDJSON (one value a line): with --ndjson, "
        "or when its first line is a whole JSON value and more lines follow. A value is a "
        "report, send response, message log or webhook body (results or messages), a single "
        "result, a bare status or error object, or a JSON array of any of them. NDJSON is "
        "decoded as it is read, in constant memory; a bad line is reported with its number "
        "and the lines after it are still decoded (exit status 2 at the end). Use --ndjson "
        "for a live stream: without it, the first result waits for the second line.\n\n"
        "Filters keep the results that pass every one given (--code and --group: any of "
        "them), in every output mode; --summary then counts the results kept.",
    )
    decode.add_argument(
        "file", nargs="?", metavar="FILE", help="JSON or NDJSON file (default: stdin)"
    )
    channel_option(decode, "codes read as its reports carry them (its own, then the general ones)")
    shape = decode.add_argument_group("input")
    shape.add_argument(
        "--ndjson", action="store_true", help="read one value a line, however it looks"
    )
    bare = shape.add_mutually_exclusive_group()
    bare.add_argument(
        "--bare-status", action="store_true", help="read a bare object as a status object"
    )
    bare.add_argument(
        "--bare-error", action="store_true", help="read a bare object as an error object"
    )
    output = decode.add_argument_group("output")
    output.add_argument(
        "--json",
        action="store_true",
        help="machine-readable output: a JSON array, or for NDJSON input one object a line; "
        "every field of a result is kept, as sent",
    )
    output.add_argument(
        "--summary",
        action="store_true",
        help="counts instead of results: by outcome, status group, error (with what to do: "
        "retry, fix or unknown) and channel",
    )
    kept = decode.add_argument_group("filters")
    outcome = kept.add_mutually_exclusive_group()
    outcome.add_argument(
        "--failed", action="store_true", help="only results that failed (final, not delivered)"
    )
    outcome.add_argument(
        "--pending", action="store_true", help="only results still on their way (not final)"
    )
    kept.add_argument(
        "--retryable",
        action="store_true",
        help="only results whose error is temporary (a retry may succeed)",
    )
    kept.add_argument(
        "--code",
        action="append",
        metavar="ID|NAME",
        help="only results whose status or error has this id or name (repeatable)",
    )
    kept.add_argument(
        "--group",
        action="append",
        metavar="ID|NAME",
        help="only results whose status or error group has this id or name (repeatable)",
    )
    decode.set_defaults(run="decode")
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


def _written(run: Callable[[], int]) -> int:
    """``run()``'s exit status once stdout is flushed; 2, said in one line, when
    the output cannot be written; 0 when its reader went away (``| head``)."""
    try:
        status = run()
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # not an error worth a word
        _silence_stdout()
        return 0
    except OSError as exc:  # reading errors are UserErrors: this is the output
        _silence_stdout()
        complain(f"error: cannot write the output: {exc.strerror or exc}")
        return 2
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: an exit status, and never a traceback."""
    try:
        return _main(argv)
    except Exception as exc:  # neither the input's fault nor the output's: ours
        return _fault(exc)


def _main(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show "’" gets an escape, not a UnicodeEncodeError.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:] if argv is None else list(argv)
    parsed: list[argparse.Namespace] = []

    def parse() -> int:
        try:
            parsed.append(build_parser().parse_args(arguments))
        except SystemExit as exc:  # --help and --version (0), or bad usage (2, already said)
            if exc.code:
                raise
        return 0

    status = _written(parse)
    if not parsed:  # help or version written, or not
        return status
    args = parsed[0]
    if sys.stdout is None:  # started with stdout closed
        complain("error: cannot write the output: standard output is closed")
        return 2
    # Each command's module loads when it runs: ``explain`` never loads decode's.
    module = importlib.import_module(f"infobip_codes.cli._{args.run}")

    def run() -> int:
        try:
            result: int = getattr(module, f"cmd_{args.run}")(args, sys.stdout)
        except UserError as exc:
            complain(f"error: {exc}")
            return 2
        return result

    try:
        return _written(run)
    except KeyboardInterrupt:
        return 130


def _fault(exc: Exception) -> int:
    """A fault of this package, in one line rather than a traceback."""
    try:
        text = safe(str(exc))[:200] or "(no text)"
    except Exception:  # an exception that cannot even say what it is
        text = "(no text)"
    complain(
        f"internal error ({type(exc).__name__}): {text}; this is a fault of "
        "infobip-codes, worth reporting with the command that shows it"
    )
    return _FAULT
