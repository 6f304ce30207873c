"""JSON for machines: one encoder, unsafe characters escaped, arrays written item by item."""

from __future__ import annotations

import functools
import sys
import textwrap
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from infobip_codes.cli._terminal import UNSAFE

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord


def _json_escape_char(char: str) -> str:
    point = ord(char)
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def json_safe(text: str) -> str:
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
    return "".join(_json_escape_char(c) if unicodedata.category(c) in UNSAFE else c for c in line)


def enum_name(row: CodeRecord) -> str:
    from infobip_codes import _data  # the catalogue's rows only: decode's JSON needs none

    return _data.ENUM_NAMES[row.channel, row.kind]


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


def dumps(data: object, indent: int | None = 2) -> str:
    """JSON text, indented or compact (one line), with unsafe characters escaped."""
    return json_safe(_encoder(indent, _ascii_only()).encode(data))


def write_json(out: TextIO, data: object) -> None:
    out.write(dumps(data) + "\n")


def write_json_array(out: TextIO, items: Iterable[object]) -> None:
    """A JSON array written item by item: never the whole text as one string."""
    first = True
    for item in items:
        out.write("[\n" if first else ",\n")
        out.write(textwrap.indent(dumps(item), "  "))
        first = False
    out.write("[]\n" if first else "\n]\n")
