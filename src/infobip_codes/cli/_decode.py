"""``infobip-codes decode``: status and error objects, reports and logs, explained."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, TextIO

from infobip_codes.cli._inputs import Input, decoded, loads, next_line
from infobip_codes.cli._terminal import (
    Style,
    UserError,
    complain,
    group_text,
    safe,
    terminal_width,
    wrap,
)
from infobip_codes.cli._writers import dumps, write_json_array

if TYPE_CHECKING:
    from infobip_codes import ParsedError, ParsedReport, ParsedStatus, PayloadError


_ENVELOPE_KEYS = {"results", "messages", "messageId", "message_id", "status", "error"}


def _decode_one(obj: object, args: argparse.Namespace) -> list[ParsedReport[Any, Any]]:
    """A report, a result, or a bare status or error object, parsed.

    A bare object is an error with ``--error`` or a ``permanent`` key, a status
    with ``--status``; otherwise it is read both ways, and the reading the
    catalogue knows without disagreement wins. Where both or neither do, the
    user is asked to say which it is.
    """
    from infobip_codes._api import parse_error, parse_report, parse_status
    from infobip_codes._report import ParsedReport

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
        from infobip_codes import ParsedError

        self.out = out
        self.style = Style(out)
        self.width = terminal_width()
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
        group = group_text(value.group_id, value.group_name) or "?"
        names = safe(f"{group} / {group_text(value.id, value.name) or '?'}")
        style = self.style
        lines = [f"  {style.dim(label.ljust(7))} {style.bold(names)}  ({verdict})\n"]
        for line in wrap(value.description or "(no description)", self.width, 10):
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
    from infobip_codes import PayloadError

    try:
        reports = _decode_one(obj, args)
    except PayloadError as exc:
        raise UserError(f"not an Infobip status, error or report: {exc}") from None
    if args.json:
        write_json_array(out, map(_report_json, reports))
    else:
        write = _TextWriter(out)
        for report in reports:
            write(report)
    if not reports:
        complain("the payload holds no results")
        return 1
    return 0


def _decode_stream(
    lines: Iterable[bytes], source: str, args: argparse.Namespace, out: TextIO
) -> int:
    """NDJSON, one report, response or result a line, written as it is read.

    A bad line is reported on stderr with its number, and reading goes on;
    the exit status is 2 when any line failed.
    """
    from infobip_codes import iter_report

    if args.status or args.error:
        raise UserError("--status and --error read one bare object, not a stream of lines")
    failed = 0

    def on_error(exc: PayloadError) -> None:
        nonlocal failed
        failed += 1
        complain(f"{source}: {exc}")

    count = 0
    text = decoded(lines, on_error)
    reports = iter_report(text, args.channel, on_error=on_error)
    if args.json:
        for report in reports:
            out.write(dumps(_report_json(report), indent=None) + "\n")
            count += 1
    else:
        write = _TextWriter(out)
        for report in reports:
            write(report)
            count += 1
    out.flush()
    if failed:
        complain(f"{source}: {failed} line{'s' * (failed != 1)} could not be decoded")
        return 2
    if not count:
        complain(f"{source}: the input holds no results")
        return 1
    return 0


def cmd_decode(args: argparse.Namespace, out: TextIO) -> int:
    """One JSON document, or NDJSON: with ``--ndjson``, or when the first
    non-blank line is a whole JSON value and another non-blank line follows."""
    reader = Input(args.file, out)
    source = reader.source
    try:
        lines = reader.lines()
        if args.ndjson:
            return _decode_stream(lines, source, args, out)
        blanks, first = next_line(lines)
        if first is None:
            raise UserError(f"{source}: no input")
        try:
            obj = loads(first, source)
        except UserError:  # not a whole value: the first line of a longer document
            return _decode_document(loads(first + reader.rest(), source), args, out)
        more, second = next_line(lines)
        if second is None:
            return _decode_document(obj, args, out)
        head = chain(repeat(b"", blanks), [first], repeat(b"", more), [second])
        return _decode_stream(chain(head, lines), source, args, out)
    finally:
        reader.close()
