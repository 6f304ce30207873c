"""What is wrong with the spec, located, and how a message shows a value.

A message names file, line and column, and never prints a whole value: a
value from the spec is shown by :func:`preview`, which is short whatever the
value is (a huge text, a huge number, a deep list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PREVIEW_CHARS = 60
"""The most characters of a value's text a message repeats."""
MESSAGE_CHARS = 300
"""The most characters of another tool's complaint a message repeats."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the spec, located as precisely as the YAML allows."""

    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        # a file's name comes from the disk: escaped, it cannot drive a terminal
        where = self.path if self.path.isprintable() else repr(self.path)[1:-1]
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: error: {self.message}"


class SpecError(Exception):
    """The spec is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.path, p.line, p.column)))
        super().__init__("\n".join(str(p) for p in self.problems))


def preview(value: object) -> str:
    """A value as a message shows it: scalars as ``repr``, capped; collections by kind."""
    if isinstance(value, str):
        if len(value) <= PREVIEW_CHARS:
            return repr(value)
        return f"{value[:PREVIEW_CHARS]!r}... ({len(value)} characters)"
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        # str() of a huge int is slow, and refused past 4300 digits
        return str(value) if -(10**30) < value < 10**30 else f"a {value.bit_length()}-bit integer"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def cap(text: str, limit: int = MESSAGE_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying so when it was cut."""
    return text if len(text) <= limit else text[:limit] + "..."
