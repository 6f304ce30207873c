"""What ``decode`` reads: a file or standard input, as UTF-8 bytes, a bounded line at a time,
and the JSON values in it."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TextIO

from infobip_codes.cli._terminal import UserError

LINE_LIMIT = 1 << 20
"""The longest line of a log: 1 MiB (1,048,576 bytes of UTF-8, its line end aside).

A result is a few hundred bytes, a page of a thousand results well under a
megabyte. A longer line is that line's error: it is read in pieces of this
size, never whole, and skipped."""

DOCUMENT_LIMIT = 64 << 20
"""The largest JSON document read whole: 64 MiB. A larger input is refused;
as NDJSON (one value a line) a log of any size is read a line at a time."""

# A byte order mark of UTF-16 or UTF-32: such a text is read through a decoder
# and handed on as UTF-8, in a document and in a stream alike. (UTF-32's marks
# begin with UTF-16's, so they are tried first.)
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_PIECE = 1 << 16
"""How much a stream is read at a time: what has arrived, up to 64 KiB."""


class Skipped:
    """A line that is not read (too long), in the place of its bytes."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


def loads(text: bytes, source: str) -> object:
    """One JSON document, or a one-line UserError saying what is wrong with it
    (the package's one reader of JSON text, ``infobip_codes._stream.load_json``)."""
    from infobip_codes import PayloadError
    from infobip_codes._stream import load_json

    try:
        return load_json(text, positions=True)
    except PayloadError as exc:
        hint = ""
        if exc.problem.endswith(": Extra data") and _values_follow(text):
            hint = "; several JSON values: put one a line (jq -c) and use --ndjson"
        raise UserError(f"{source}: {exc.problem}{hint}") from None


def _values_follow(text: bytes) -> bool:
    """Whether what follows the first JSON value of ``text`` starts another object or
    array (jq's output, values one after another), rather than stray characters."""
    import json

    doc = text.decode("utf-8-sig", errors="replace")
    try:
        _, end = json.JSONDecoder().raw_decode(doc, len(doc) - len(doc.lstrip()))
    except ValueError:
        return False
    return doc[end:].lstrip()[:1] in ("{", "[")


def values(
    lines: Iterable[bytes | Skipped], on_error: Callable[[int, str], object]
) -> Iterator[tuple[int, object]]:
    """Each line's JSON value with its number; a line that is not one is reported
    (``on_error(number, problem)``) and skipped. Blank lines are skipped too."""
    from infobip_codes import PayloadError
    from infobip_codes._stream import load_json

    for number, line in enumerate(lines, 1):
        if type(line) is not bytes:
            assert isinstance(line, Skipped)
            on_error(number, line.problem)
            continue
        if not line or line.isspace():  # a line end alone, or only spaces
            continue
        try:
            value = load_json(line)
        except PayloadError as exc:
            on_error(number, str(exc))
            continue
        yield number, value


class _Transcoded:
    """A UTF-16 or UTF-32 text, read as UTF-8 bytes in bounded pieces."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.encoding = encoding
        self.text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="\n")

    def readline(self, size: int) -> bytes:
        return self.text.readline(size).encode("utf-8", "surrogatepass")

    def read(self, size: int) -> bytes:
        return self.text.read(size).encode("utf-8", "surrogatepass")

    read1 = readline  # what has arrived, a line at most: never waits for a whole piece


class Input:
    """The input as UTF-8 bytes, read a bounded line at a time; reading errors
    become a UserError.

    On a live source (a pipe or a terminal, not a file) the output (``out``,
    None when nothing is written before the end) is flushed before each read,
    so results appear as their lines arrive; from a file, the output goes out
    in buffer-sized blocks.
    """

    def __init__(self, path: str | None, out: TextIO | None) -> None:
        self.source = "<stdin>" if path is None or path == "-" else path
        self.out = out
        self.owned = path is not None and path != "-"
        self.number = 0  # lines read so far
        stream: IO[bytes]
        try:
            if self.owned:
                assert path is not None
                stream = open(path, "rb")  # noqa: SIM115 (closed by close())
            elif sys.stdin is None:
                raise UserError("cannot read <stdin>: it is closed")
            elif hasattr(sys.stdin, "buffer"):
                stream = sys.stdin.buffer
            else:  # a text stream put in sys.stdin's place (an embedding program, a test)
                stream = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))
            self.raw = stream
            try:
                self.live = not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
            except (OSError, ValueError):  # io.BytesIO: no descriptor
                self.live = False
            peek = getattr(stream, "peek", None)
            head = peek(4)[:4] if peek is not None else b""
        except OSError as exc:
            raise self._error(exc) from None
        encoding = next((name for mark, name in _MARKS if head.startswith(mark)), None)
        self.transcoded = None if encoding is None else _Transcoded(stream, encoding)
        self.stream: IO[bytes] | _Transcoded = self.transcoded or stream

    def close(self) -> None:
        if self.transcoded is not None:
            self.transcoded.text.detach()  # the decoder goes; the file is ours to close, or not
        if self.owned:
            self.raw.close()

    def _error(self, exc: OSError) -> UserError:
        return UserError(f"cannot read {self.source}: {exc.strerror or exc}")

    def _read(self, read: Callable[[int], bytes], size: int) -> bytes:
        try:
            return read(size)
        except OSError as exc:
            raise self._error(exc) from None
        except UnicodeDecodeError as exc:  # only a transcoded text meets one
            raise UserError(
                f"{self.source}: line {self.number + 1}: not {exc.encoding.upper()} text "
                f"({exc.reason}); the rest is not read"
            ) from None

    def readline(self) -> bytes:
        """The next line as read: at most ``LINE_LIMIT + 1`` bytes of it (b"" at the end)."""
        if self.live and self.out is not None:
            self.out.flush()
        line = self._read(self.stream.readline, LINE_LIMIT + 1)
        if line:
            self.number += 1
            if self.number == 1:  # a UTF-8 byte order mark starts the text, not its first value
                line = line.removeprefix(b"\xef\xbb\xbf")
        return line

    def whole(self, line: bytes) -> bytes | Skipped:
        """A line read by readline(), or, when it is longer than the limit, the
        rest of it read (in pieces) and dropped, and the line skipped."""
        ended = line.endswith(b"\n")
        if len(line) - ended <= LINE_LIMIT:
            return line
        size, last = len(line), line
        while not ended:
            last = self._read(self.stream.readline, LINE_LIMIT)
            size += len(last)
            ended = not last or last.endswith(b"\n")
        return skipped(size - last.endswith(b"\n"))  # its line end aside, as the limit

    def lines(self) -> Iterator[bytes | Skipped]:
        """The lines not read yet, read in pieces of what has arrived (``read1``), in
        bounded memory: a line longer than the limit is read on to its end, dropped,
        and given as Skipped. On a live source the output is flushed before each
        read that may wait, not after each line: results appear as their lines
        arrive, without a write to the terminal or pipe for every one."""
        if self.number == 0:  # the first line, read as readline() reads it (a BOM, say)
            line = self.readline()
            if not line:
                return
            if len(line) <= LINE_LIMIT or line.endswith(b"\n"):
                yield self.whole(line)
            else:  # the start of a long line: the pieces below read on to its end
                yield from self._pieces(line)
                return
        yield from self._pieces(b"")

    def _pieces(self, pending: bytes) -> Iterator[bytes | Skipped]:
        read = getattr(self.stream, "read1", self.stream.read)
        flush = self.out.flush if self.live and self.out is not None else None
        dropped = len(pending) if len(pending) > LINE_LIMIT else -1  # while skipping: its size
        if dropped >= 0:
            pending = b""
        while True:
            if flush is not None:
                flush()
            chunk = self._read(read, _PIECE)
            if not chunk:
                break
            if dropped >= 0:  # the rest of a line too long to read
                end = chunk.find(b"\n")
                if end < 0:
                    dropped += len(chunk)
                    continue
                self.number += 1
                yield skipped(dropped + end)
                dropped, chunk = -1, chunk[end + 1 :]
            lines = (pending + chunk).split(b"\n") if pending else chunk.split(b"\n")
            pending = lines.pop()
            for line in lines:
                self.number += 1
                yield line if len(line) <= LINE_LIMIT else skipped(len(line))
            if len(pending) > LINE_LIMIT:
                dropped, pending = len(pending), b""
        if dropped >= 0:
            self.number += 1
            yield skipped(dropped)
        elif pending:
            self.number += 1
            yield pending

    def rest(self, already: int) -> bytes:
        """The rest of the input, as one document that already has ``already`` bytes."""
        left = DOCUMENT_LIMIT - already
        pieces = []
        while left >= 0 and (piece := self._read(self.stream.read, 1 << 20)):
            pieces.append(piece)  # in pieces: no buffer the size of the limit up front
            left -= len(piece)
        if left < 0:
            raise UserError(
                f"{self.source}: larger than {DOCUMENT_LIMIT >> 20} MiB, the limit of a "
                "JSON document; a log of one value a line (NDJSON) is read with --ndjson, "
                "a line at a time"
            )
        return b"".join(pieces)


def skipped(size: int) -> Skipped:
    """A line of ``size`` bytes, over the limit, in the place of its bytes."""
    return Skipped(
        f"longer than {LINE_LIMIT:,} bytes (the limit of a line): skipped ({size:,} bytes)"
    )


def next_line(source: Input) -> tuple[int, bytes | None]:
    """How many blank lines come first, and the first line that is not blank (as read)."""
    blanks = 0
    while line := source.readline():
        if not line.isspace():
            return blanks, line
        blanks += 1
    return 0, None
