"""``infobip-codes decode``: status and error objects, reports and logs, explained.

The input is one JSON document, or NDJSON (one value a line), read as it
comes. Each result goes through the filters given, then to the output mode:
text, JSON (``--json``), or a summary (``--summary``, as text or JSON).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, repeat
from typing import TYPE_CHECKING, TextIO

from infobip_codes.cli._inputs import LINE_LIMIT, Input, Skipped, loads, next_line, skipped, values
from infobip_codes.cli._terminal import UserError, complain

if TYPE_CHECKING:
    from infobip_codes import ParsedHttpError
    from infobip_codes.cli._filters import Filter
    from infobip_codes.cli._result_text import TextWriter
    from infobip_codes.cli._results import Found, Result

Sink = Callable[["Result", "Mapping[str, object] | None"], object]


class _Run:
    """One decode: what is kept, where it goes, and what was counted on the way."""

    def __init__(self, args: argparse.Namespace, out: TextIO, source: str) -> None:
        self.args = args
        self.out = out
        self.source = source
        self.bare = "status" if args.bare_status else "error" if args.bare_error else None
        self.read = 0  # results read
        self.kept = 0  # results that passed the filters
        self.unreadable = 0  # lines that could not be decoded
        self.keep: Filter | None = None
        self.filters = ""
        if args.failed or args.pending or args.retryable or args.code or args.group:
            from infobip_codes.cli._filters import Filter

            keep = Filter(args)
            self.keep, self.filters = keep, keep.text
        self.writer: TextWriter | None = None
        self.tally = None
        if args.summary:
            from infobip_codes.cli._summary import Tally

            self.tally = Tally(args.channel)

    def feed(self, found: Iterable[Found], sink: Sink) -> None:
        keep = self.keep
        read = kept = 0
        try:
            for results, envelope in found:
                read += len(results)
                for result in results:
                    if keep is None or keep(result):
                        kept += 1
                        sink(result, envelope)
        finally:  # counted even when the output fails
            self.read += read
            self.kept += kept

    def text_sink(self) -> TextWriter:
        if self.writer is None:
            from infobip_codes.cli._result_text import TextWriter

            self.writer = TextWriter(self.out)
        return self.writer

    def http_error(self, value: object) -> ParsedHttpError | None:
        """``value`` parsed when it is an HTTP error body: a request refused as a whole,
        no result, but what the input says went wrong. With ``--bare-status`` or
        ``--bare-error`` every object is read as the flag says."""
        if type(value) is not dict or self.bare is not None:
            return None
        if "requestError" not in value and "errorCode" not in value:  # at no cost, most lines
            return None
        from infobip_codes.cli._http import http_error_in

        return http_error_in(value)

    def explain(self, error: ParsedHttpError, *, line: bool) -> None:
        """An HTTP error body through the filters, then counted or written."""
        self.read += 1
        if self.keep is not None and not self.keep.keeps_http_error(error):
            return
        self.kept += 1
        if self.tally is not None:
            self.tally.add_http_error(error)
        elif self.args.json:
            from infobip_codes.cli._http import http_error_json
            from infobip_codes.cli._writers import dumps, write_json_array

            found = {"httpError": http_error_json(error)}
            if line:
                self.out.write(dumps(found, indent=None) + "\n")
            else:
                write_json_array(self.out, [found])
        else:
            from infobip_codes.cli._http import http_error_text

            writer = self.text_sink()
            writer.block(http_error_text(error, writer.style, writer.width))

    def document(self, value: object) -> int:
        """One JSON document: everything is read first, so bad input writes nothing."""
        from infobip_codes import PayloadError
        from infobip_codes.cli._results import Ambiguous, Unreadable, results_in

        try:
            error = self.http_error(value)
        except PayloadError as exc:
            raise UserError(f"{self.source}: an HTTP error body, but {exc}") from None
        if error is not None:
            self.explain(error, line=False)
            return self.finish("the payload")
        try:
            found = results_in(value, self.bare, self.args.channel)
        except Ambiguous as exc:
            raise UserError(exc.problem) from None
        except Unreadable as exc:
            raise UserError(f"not an Infobip status, error or report: {exc}") from None
        if self.tally is not None:
            self.feed(found, self.tally.add)
        elif self.args.json:
            from infobip_codes.cli._results import result_json
            from infobip_codes.cli._writers import write_json_array

            kept: list[tuple[Result, Mapping[str, object] | None]] = []
            self.feed(found, lambda result, envelope: kept.append((result, envelope)))
            write_json_array(self.out, (result_json(*item) for item in kept))
        else:
            self.feed(found, self.text_sink())
        return self.finish("the payload")

    def stream(self, lines: Iterable[bytes | Skipped]) -> int:
        """NDJSON, one value a line, written as it is read.

        A bad line is reported on stderr with its number, and reading goes on;
        the exit status is 2 when any line failed.
        """
        from infobip_codes import PayloadError
        from infobip_codes.cli._results import Unreadable, results_in

        def on_error(number: int, problem: str) -> None:
            self.unreadable += 1
            complain(f"{self.source}: line {number}: {problem}")

        def found() -> Iterator[Found]:
            bare, channel = self.bare, self.args.channel
            for number, value in values(lines, on_error):
                try:
                    error = self.http_error(value)
                except PayloadError as exc:
                    on_error(number, f"an HTTP error body, but {exc}")
                    continue
                if error is not None:
                    self.explain(error, line=True)
                    continue
                try:
                    yield from results_in(value, bare, channel)
                except Unreadable as exc:
                    on_error(number, str(exc))

        sink: Sink
        if self.tally is not None:
            sink = self.tally.add
        elif self.args.json:
            from infobip_codes.cli._results import result_json
            from infobip_codes.cli._writers import dumps

            write = self.out.write

            def sink(result: Result, envelope: Mapping[str, object] | None) -> None:
                write(dumps(result_json(result, envelope), indent=None) + "\n")

        else:
            sink = self.text_sink()
        self.feed(found(), sink)
        self.out.flush()
        return self.finish(self.source + ": the input")

    def finish(self, what: str) -> int:
        if self.tally is not None:
            from infobip_codes.cli._summary import summary

            data = summary(self.tally, self.read, self.filters, self.unreadable)
            if self.args.json:
                from infobip_codes.cli._writers import write_json

                write_json(self.out, data)
            else:
                from infobip_codes.cli._summary_text import write_summary

                write_summary(self.out, data)
        if self.unreadable:
            lines = self.unreadable
            complain(f"{self.source}: {lines} line{'s' * (lines != 1)} could not be decoded")
            return 2
        if not self.read:
            complain(f"{what} holds no results")
            return 1
        if not self.kept:
            complain(f"no result of {self.read:,} matches {self.filters}")
            return 1
        return 0


def cmd_decode(args: argparse.Namespace, out: TextIO) -> int:
    """One JSON document, or NDJSON: with ``--ndjson``, or when the first
    non-blank line is a whole JSON value and another non-blank line follows."""
    reader = Input(args.file, None if args.summary else out)  # a summary comes at the end
    run = _Run(args, out, reader.source)
    try:
        if args.ndjson:
            return run.stream(reader.lines())
        blanks, first = next_line(reader)
        if first is None:
            raise UserError(f"{reader.source}: no input")
        document = not first.endswith(b"\n")  # no line end: the whole input, or too long a line
        if not document:
            try:
                value = loads(first, reader.source)
            except UserError:  # not a whole value: the first line of a longer document
                document = True
        if document:
            text = first + reader.rest(len(first))
            try:
                value = loads(text, reader.source)
            except UserError:
                if not _a_log(text):
                    raise
                # not one document, but lines of values, the first of them bad: a log
                lines = (
                    line if len(line) <= LINE_LIMIT else skipped(len(line))
                    for line in text.split(b"\n")
                )
                return run.stream(chain(repeat(b"\n", blanks), lines))
            return run.document(value)
        more, second = next_line(reader)
        if second is None:
            return run.document(value)
        head = chain(repeat(b"\n", blanks), [first], repeat(b"\n", more), [reader.whole(second)])
        return run.stream(chain(head, reader.lines()))
    finally:
        reader.close()


def _a_log(text: bytes) -> bool:
    """Whether a text that is no JSON document is a log of JSON lines: more than one
    line, and the second that is not blank a whole JSON object or array by itself."""
    from infobip_codes import PayloadError
    from infobip_codes._stream import load_json

    found = [line for line in text.split(b"\n", 64) if line.strip()][1:2]
    if not found or found[0].lstrip()[:1] not in (b"{", b"["):
        return False
    try:
        load_json(found[0])
    except PayloadError:
        return False
    return True
