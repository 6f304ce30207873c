"""Text for people: escaping, colour, the terminal's width, wrapping, one-line complaints."""

from __future__ import annotations

import functools
import os
import sys
import textwrap
import unicodedata
from typing import TextIO


class UserError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


# -- safe text --------------------------------------------------------------------

# Control (C0, DEL, C1), format (bidi overrides, zero-width), surrogate and
# line/paragraph separator characters: they move the cursor, retitle or clear
# the terminal, reorder what is shown, or break a line where none is meant.
UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    point = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def safe(text: str) -> str:
    """``text`` with every control, format and separator character escaped.

    Tabs and newlines too: what comes back is always one line.
    """
    if text.isprintable():  # the fast path: no character of those categories
        return text
    return "".join(_escape_char(c) if unicodedata.category(c) in UNSAFE else c for c in str(text))


def complain(message: str) -> None:
    """One line on stderr, escaped; nothing at all if stderr is gone."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"infobip-codes: {safe(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


# -- presentation -----------------------------------------------------------------


class Style:
    """ANSI colour on a terminal only, and never when NO_COLOR is set."""

    def __init__(self, stream: TextIO) -> None:
        try:
            tty = stream.isatty()
        except (OSError, ValueError):
            tty = False
        self.enabled: bool = tty and not os.environ.get("NO_COLOR")

    def wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self.wrap("1", text)

    def dim(self, text: str) -> str:
        return self.wrap("2", text)

    def good(self, text: str) -> str:
        return self.wrap("32", text)

    def bad(self, text: str) -> str:
        return self.wrap("31", text)


def terminal_width() -> int:
    """The terminal's width, within reason."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    else:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a terminal
            width = 100
    return max(40, min(width, 120))


def wrap(text: str, width: int, indent: int) -> tuple[str, ...]:
    """``text`` escaped and wrapped to the terminal's width, less the indent."""
    if len(text) <= 400:  # a log repeats the catalogue's texts: those are worth a cache
        return wrap_short(text, width, indent)
    return tuple(textwrap.wrap(safe(text), max(20, width - indent))) or ("",)


@functools.lru_cache(maxsize=1024)
def wrap_short(text: str, width: int, indent: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(safe(text), max(20, width - indent))) or ("",)


def group_text(group_id: int | None, group_name: str | None) -> str:
    return " ".join(str(part) for part in (group_id, group_name) if part is not None)


def yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")
