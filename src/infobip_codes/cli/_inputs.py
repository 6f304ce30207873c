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


class Skipped:
    """A line that is not read (too long), in the place of its bytes."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


def int_digits() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return 4300 if get is None else int(get())


def loads(text: bytes, source: str) -> object:
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
            f"{source}: invalid JSON: a number has more than {int_digits()} digits"
        ) from None


def values(
    lines: Iterable[bytes | Skipped], on_error: Callable[[int, str], object]
) -> Iterator[tuple[int, object]]:
    """Each line's JSON value with its number; a line that is not one is reported
    (``on_error(number, problem)``) and skipped. Blank lines are skipped too."""
    import json

    decode = json.loads
    for number, line in enumerate(lines, 1):
        if type(line) is not bytes:
            assert isinstance(line, Skipped)
            on_error(number, line.problem)
            continue
        if line.isspace():
            continue
        try:
            value = decode(line.decode())
        except UnicodeDecodeError as exc:
            on_error(number, f"$: not UTF-8 text ({exc.reason} at byte {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            on_error(number, f"$: invalid JSON: {exc.msg}")
            continue
        except RecursionError:
            on_error(number, "$: invalid JSON: nested too deeply")
            continue
        except ValueError:  # a number beyond the interpreter's digit limit
            on_error(number, f"$: invalid JSON: a number has more than {int_digits()} digits")
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
        size = len(line)
        while not ended:
            piece = self._read(self.stream.readline, LINE_LIMIT)
            size += len(piece)
            ended = not piece or piece.endswith(b"\n")
        return Skipped(
            f"longer than {LINE_LIMIT:,} bytes (the limit of a line): skipped ({size:,} bytes)"
        )

    def lines(self) -> Iterator[bytes | Skipped]:
        # readline()'s work, inlined: this loop runs once a line of a log
        read, size, whole = self.stream.readline, LINE_LIMIT + 1, self.whole
        flush = self.out.flush if self.live and self.out is not None else None
        line = self.readline()
        while line:
            yield whole(line) if len(line) > LINE_LIMIT else line
            if flush is not None:
                flush()
            try:
                line = read(size)
            except (OSError, UnicodeDecodeError):
                line = self._read(read, size)  # raises the same error as a UserError
            self.number += 1

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


def next_line(source: Input) -> tuple[int, bytes | None]:
    """How many blank lines come first, and the first line that is not blank (as read)."""
    blanks = 0
    while line := source.readline():
        if not line.isspace():
            return blanks, line
        blanks += 1
    return 0, None
