"""Read one spec file into a YAML document, or say exactly where and why not.

Everything a file can get wrong before its schema matters is checked here,
each problem with file, line and column, in time and memory bounded by the
file's size:

* the file is a regular file (not a FIFO, not a symbolic link loop) of at
  most :data:`MAX_FILE_BYTES`, in UTF-8;
* it holds no refused character (:func:`refused_character`), raw or, for
  the texts the validator reads, escaped;
* it uses no anchor (``&a``) and no alias (``*a``): the spec never needs
  them, and aliases of aliases expand exponentially ("billion laughs");
* its mappings and lists nest at most :data:`MAX_DEPTH` deep, and no plain
  number has more than :data:`MAX_NUMBER_DIGITS` digits;
* it holds a document: an empty file, one of comments only, or ``~`` is an
  error, never a channel without codes.

The first three and the last two are found from the parser's events, before
anything is composed, so a hostile file never builds a node. The bounds are
documented in spec/README.md.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
    ScalarEvent,
)
from ruamel.yaml.reader import ReaderError

from codegen.problems import Problem, cap

MAX_FILE_BYTES = 256 * 1024
"""The largest spec file read (256 KiB; the largest real one is under 30 KB)."""
MAX_DEPTH = 16
"""How deep mappings and lists may nest (the spec's own deepest is 7: an alias)."""
MAX_NUMBER_DIGITS = 20
"""The most digits of a plain number (the largest id has 10)."""

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls (C0, DEL, C1), format characters (bidirectional overrides,
zero-width), surrogates, and the line and paragraph separators."""
_SUSPECT = re.compile(r"[^\x20-\x7e]")
_DECIMAL = re.compile(r"[-+]?[0-9_]+")


def refused_character(text: str, allowed: str = "") -> int | None:
    """The index of the first refused character of ``text`` (``allowed`` aside), or None.

    Categories are those of the running Python's Unicode database; every
    supported Python agrees on them for every character Unicode 13 assigns.
    """
    for match in _SUSPECT.finditer(text):
        ch = match.group()
        if ch not in allowed and unicodedata.category(ch) in REFUSED_CATEGORIES:
            return match.start()
    return None


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named so that a reader sees it."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class _Refused(Exception):
    """The file being read has a problem at ``line``, ``column``."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_yaml(yaml: YAML, path: Path, shown: str, problems: list[Problem]) -> Any:
    """The file's document; None when it has a problem, which is then recorded."""
    try:
        text = _read_text(path)
        root = _check_events(yaml, text)
        try:
            document = yaml.load(text)
        except Exception as exc:  # ruamel raises a few unmarked errors too
            raise _refusal(exc, text, root) from None
        if document is None:
            raise _Refused(
                *root,
                "the file holds no YAML document (it is empty, only comments, or null); "
                "a spec file is a mapping",
            )
    except _Refused as refused:
        problems.append(Problem(shown, refused.line, refused.column, refused.message))
        return None
    return document


def _read_text(path: Path) -> str:
    """The file's text, checked for size, encoding and characters."""
    try:
        mode = os.stat(path).st_mode  # before opening: opening a FIFO would wait for a writer
        if not stat.S_ISREG(mode):
            raise _Refused(1, 0, "cannot read: not a regular file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _Refused(1, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _Refused(
            1, 0, f"the file is larger than {MAX_FILE_BYTES} bytes, the most a spec file may be"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # valid: the first bad byte ends it
        line, column = position(before, len(before))
        raise _Refused(
            line, column, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot stand here"
        ) from None
    text = text.removeprefix("\ufeff")  # a byte order mark only says UTF-8
    index = refused_character(text, allowed="\t\n\r")
    if index is not None:
        raise _Refused(
            *position(text, index),
            f"{describe(text[index])} is not allowed in a spec file (control, format, "
            "surrogate and line or paragraph separator characters are refused everywhere)",
        )
    return text


def _check_events(yaml: YAML, text: str) -> tuple[int, int]:
    """Refuse anchors, aliases, deep nesting and huge numbers before anything is composed.

    Returns where the document's root starts (line 1 when there is none).
    """
    root: tuple[int, int] | None = None
    depth = 0
    never = "the spec never needs anchors or aliases, and aliases can expand without bound"
    try:
        for event in yaml.parse(text):
            where = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, AliasEvent):
                raise _Refused(*where, f"alias *{cap(str(event.anchor))} is not allowed: {never}")
            if isinstance(event, NodeEvent):
                root = root or where
                if event.anchor is not None:
                    raise _Refused(
                        *where, f"anchor &{cap(str(event.anchor))} is not allowed: {never}"
                    )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(
                        *where,
                        f"mappings and lists nest more than {MAX_DEPTH} deep here, the most "
                        "the spec allows",
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif (
                isinstance(event, ScalarEvent)
                and not event.style
                and _DECIMAL.fullmatch(event.value)
                and sum(ch.isdigit() for ch in event.value) > MAX_NUMBER_DIGITS
            ):
                raise _Refused(
                    *where, f"a number of more than {MAX_NUMBER_DIGITS} digits; no id is that long"
                )
    except (MarkedYAMLError, ReaderError) as exc:
        raise _refusal(exc, text, (1, 0)) from None
    return root or (1, 0)


def _refusal(exc: Exception, text: str, fallback: tuple[int, int]) -> _Refused:
    """An error of the YAML library, located: by its mark, its position, or ``fallback``."""
    where: tuple[int, int]
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else fallback
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    elif isinstance(exc, ReaderError):
        where, what = position(text, exc.position), str(exc.reason)
    else:
        where, what = fallback, str(exc)
    return _Refused(where[0], where[1], f"invalid YAML: {cap(what)}")


def yaml_round_trip() -> YAML:
    """The one YAML configuration used to read and write the spec."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one description per line keeps diffs of the spec readable
    yaml.preserve_quotes = True
    return yaml


def display_path(path: Path, root: Path) -> str:
    """``spec/sms.yaml``: a file of the spec directory, as messages name it.

    Only the directory is resolved: the file may be a link, or a link loop.
    """
    try:
        resolved = root.resolve()
        return (resolved / path.relative_to(root)).relative_to(resolved.parent).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()
