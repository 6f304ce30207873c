"""Streams of JSON lines (NDJSON): a log read one line at a time, in constant memory.

:func:`load_json` is the package's one reader of JSON text: the command
line's documents and every stream line go through it, so a problem with the
text reads the same wherever it is met. :func:`iter_report` lets nothing
but :class:`PayloadError` out, whatever the lines are or do.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Any

from infobip_codes._catalogue import channel_or_none
from infobip_codes._errors import PayloadError, preview, type_name
from infobip_codes._parse import results, safely
from infobip_codes._report import classes_for
from infobip_codes.tables import Channel

__all__ = ["MAX_DEPTH", "iter_report", "load_json"]

MAX_DEPTH = 500
"""How deeply a JSON text may nest arrays and objects (the API's objects nest a few levels)."""

# json's C scanner recurses on the C stack, and where it stops differs: from
# 3.12 at a fixed depth of its own, before only at sys.getrecursionlimit() (an
# application that raised the limit crashes on a text nested a hundred thousand
# deep). One bound holds on every Python instead: a text with more brackets than
# the bound (two counts, at memchr speed) has its depth measured first.
# A string runs to its closing quote, or to the end of an unterminated text: a
# match from every quote, so the scan is linear whatever the text holds.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)
_STRING_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_NOT_BRACKET_BYTES = re.compile(rb"[^\[\]{}]+")
_STEP: dict[object, int] = {"[": 1, "{": 1, "]": -1, "}": -1, 91: 1, 123: 1, 93: -1, 125: -1}


def _too_deep(text: str | bytes) -> bool:
    """Whether a JSON text nests arrays and objects deeper than ``MAX_DEPTH``."""
    if isinstance(text, str):
        if text.count("[") + text.count("{") <= MAX_DEPTH:
            return False
        brackets: str | bytes = _NOT_BRACKET.sub("", _STRING.sub("", text))
    else:
        if text.count(b"[") + text.count(b"{") <= MAX_DEPTH:
            return False
        brackets = _NOT_BRACKET_BYTES.sub(b"", _STRING_BYTES.sub(b"", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH


def _no_constant(name: str) -> object:
    raise ValueError(name)


# json's own reader, but for NaN and Infinity: Python reads them, JSON has no such
# numbers, and a value holding one could not be written as JSON again.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def load_json(text: str | bytes, *, where: str = "$", positions: bool = False) -> object:
    """One JSON text as a value, or a PayloadError saying what is wrong with it.

    ``positions`` adds the line and column of a syntax error (for a document;
    a stream's lines are numbered by the stream).
    """
    if len(text) > MAX_DEPTH and _too_deep(text):
        raise PayloadError(where, f"invalid JSON: nested deeper than {MAX_DEPTH} levels")
    try:
        # Bytes are UTF-8, a byte order mark aside (RFC 8259): json.loads would guess
        # UTF-16 or UTF-32 from a line's first bytes, and read a stray b"\xff\xfe" as text.
        return _DECODER.decode(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except RecursionError:
        raise PayloadError(where, "invalid JSON: nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise PayloadError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        place = f"line {exc.lineno}, column {exc.colno}" if positions else f"column {exc.colno}"
        if exc.msg.endswith(" at"):  # json's "Invalid control character at": say where
            raise PayloadError(where, f"invalid JSON: {exc.msg} {place}") from None
        at = f" at {place}" if positions else ""
        raise PayloadError(where, f"invalid JSON{at}: {exc.msg}") from None
    except ValueError as exc:
        if exc.args and exc.args[0] in ("NaN", "Infinity", "-Infinity"):
            raise PayloadError(where, f"invalid JSON: {exc.args[0]} is no JSON number") from None
        # int() of a number beyond the interpreter's digit limit
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        raise PayloadError(where, f"invalid JSON: a number has more than {limit} digits") from None


def _plain_line(line: object) -> str | bytes | None:
    """A line as plain text or bytes (a BOM-less copy), None when blank; read through the
    built-in types' own methods, so a subclass cannot change what is read."""
    if isinstance(line, str):
        text = str.__str__(line).removeprefix("\ufeff")  # as json does for bytes
        return None if not text or text.isspace() else text
    if isinstance(line, bytes | bytearray):
        data = bytes(line)
        return None if not data or data.isspace() else data
    raise PayloadError("$", f"expected a line of text, found {preview(line)}", line)


def _lines(lines: Iterable[str | bytes]) -> Iterator[Any]:
    """The lines, a whole text split into its lines; reading errors become PayloadError."""
    if isinstance(lines, str):
        yield from str.__str__(lines).split("\n")
        return
    if isinstance(lines, bytes | bytearray):
        yield from bytes(lines).split(b"\n")
        return
    try:
        iterator = iter(lines)
    except Exception:
        raise PayloadError("$", f"expected lines of text, found {preview(lines)}") from None
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:  # a text-mode file: one block of it is unreadable
            yield PayloadError(
                "$", f"not UTF-8 text ({exc.reason}); that part of the input is lost"
            )
        except Exception as exc:  # the iterable itself failed: nothing more can be read
            yield PayloadError("$", f"the lines could not be read ({type_name(exc)})")
            return


def iter_report(
    lines: Iterable[str | bytes],
    channel: object = None,
    *,
    strict: bool = False,
    on_error: Callable[[PayloadError], object] | None = None,
) -> Iterator[Any]:
    """Each result of each line (see ``infobip_codes.parsing.iter_report``); a channel
    that is none is a ValueError at the call, not at the first result."""
    checked = channel_or_none(channel)
    return _results_of(lines, checked, strict, on_error)


def _results_of(
    lines: Iterable[str | bytes],
    checked: Channel | None,
    strict: bool,
    on_error: Callable[[PayloadError], object] | None,
) -> Iterator[Any]:
    classes = classes_for(checked)
    for number, line in enumerate(_lines(lines), 1):
        try:
            if isinstance(line, PayloadError):
                raise line
            text = safely(_plain_line, line)
            if text is None:
                continue
            obj = load_json(text)
            parsed = safely(tuple, results(obj, classes, checked, strict))
        except PayloadError as exc:
            located = PayloadError(exc.field, exc.problem, exc.value, line=number)
            if on_error is None:
                raise located from None
            on_error(located)
            continue
        yield from parsed
