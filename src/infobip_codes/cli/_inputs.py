"""What ``decode`` reads: a file or standard input, a line at a time, as bytes."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, TextIO

from infobip_codes.cli._terminal import UserError

if TYPE_CHECKING:
    from infobip_codes import PayloadError


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


class Input:
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


def decoded(lines: Iterable[bytes], on_error: Callable[[PayloadError], object]) -> Iterator[str]:
    """Lines as text, numbered as read; a line that is not UTF-8 is reported and
    replaced by a blank one, which the parser skips and still counts."""
    from infobip_codes import PayloadError

    for number, line in enumerate(lines, 1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            on_error(
                PayloadError("$", f"not UTF-8 text ({exc.reason} at byte {exc.start})", line=number)
            )
            text = ""
        yield text


def next_line(lines: Iterator[bytes]) -> tuple[int, bytes | None]:
    """How many blank lines come first, and the first line that is not blank."""
    for blanks, line in enumerate(lines):
        if line.strip():
            return blanks, line
    return 0, None
