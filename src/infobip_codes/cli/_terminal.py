"""Text for people: escaping, colour, the terminal's width, wrapping, one-line complaints."""

from __future__ import annotations

import functools
import os
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
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

    def waiting(self, text: str) -> str:
        return self.wrap("33", text)


def terminal_width() -> int:
    """The terminal's width, within reason (40 to 120 columns).

    ``COLUMNS`` counts only as ASCII digits: ``"²".isdigit()`` is true, yet
    ``int("²")`` fails, and a number of thousands of digits is beyond ``int``.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit():
        width = int(columns) if len(columns) <= 6 else MAX_WIDTH
    else:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a terminal
            width = 100
    return max(40, min(width, MAX_WIDTH))


MAX_WIDTH = 120
WRAP_LIMIT = 10_000
"""The longest text (escaped, in characters) that is wrapped to the terminal's
width; a longer one is shown whole on one line. Wrapping a word longer than
the line costs time in proportion to the square of its length: the bound
keeps every text's cost in proportion to its length."""


def wrap(text: str, width: int, indent: int) -> tuple[str, ...]:
    """``text`` escaped and wrapped to the terminal's width, less the indent."""
    if len(text) <= 400:  # a log repeats the catalogue's texts: those are worth a cache
        return wrap_short(text, width, indent)
    shown = safe(text)
    if len(shown) > WRAP_LIMIT:
        return (shown,)
    return tuple(textwrap.wrap(shown, max(20, width - indent))) or ("",)


@functools.lru_cache(maxsize=1024)
def wrap_short(text: str, width: int, indent: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(safe(text), max(20, width - indent))) or ("",)


LABEL = 12
"""The label column of a block's facts: the widest label, "description", and a space."""
FACT_INDENT = LABEL + 3
"""Where a fact's text starts: two spaces, the label column, a space."""


def fact_lines(style: Style, label: str, texts: Sequence[str]) -> str:
    """One fact of a block (``explain``'s, an HTTP error's): the label, dimmed, before
    the first of ``texts`` (escaped already), the rest under it."""
    pad = f"  {style.dim(label.ljust(LABEL))} "
    return "".join(
        f"{pad if i == 0 else ' ' * FACT_INDENT}{text}\n" for i, text in enumerate(texts)
    )


SHOWN_LIMIT = 60
"""The most characters of an argument a message quotes."""


def quoted(text: str) -> str:
    """An argument quoted for a message, cut to ``SHOWN_LIMIT`` characters."""
    if len(text) <= SHOWN_LIMIT:
        return repr(text)
    return f"{text[:SHOWN_LIMIT]!r}... ({len(text):,} characters)"


def group_text(group_id: int | None, group_name: str | None) -> str:
    return " ".join(str(part) for part in (group_id, group_name) if part is not None)


def yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")
