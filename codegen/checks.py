"""The checks every spec document's fields go through, each problem with file, line
and column.

A validator of a document (a channel's, ``codegen.spec``; the HTTP error
identifiers', ``codegen.identifiers``) builds on :class:`Checks`: it reports
unknown and missing keys with the nearest known one, and refuses a value of
the wrong type, an id out of range, or a text that is not one clean line.
"""

from __future__ import annotations

import difflib
import keyword
from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.problems import Problem, preview
from codegen.reader import describe, refused_character

MAX_ID = 2**31 - 1
"""The largest id (of a code or group, ``status_id``, ``shared_with``): what SQL's
INTEGER holds in SQLite, DuckDB and PostgreSQL alike."""
MAX_NAME = 64
"""The longest printed name (of a code, alias or group) and member name."""


class Checks:
    """A document's field checks, recording each problem in ``problems``."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def problem(self, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, where[0] + 1, where[1] + 1, message))

    def key_at(self, node: CommentedMap, key: str) -> tuple[int, int]:
        line, column = node.lc.key(key)
        return (line, column)

    def value_at(self, node: CommentedMap, key: str) -> tuple[int, int]:
        line, column = node.lc.value(key)
        return (line, column)

    def item_at(self, seq: CommentedSeq, index: int) -> tuple[int, int]:
        line, column = seq.lc.item(index)
        return (line, column)

    def node_at(self, node: Any) -> tuple[int, int]:
        return (node.lc.line, node.lc.col)

    def keys(self, node: CommentedMap, allowed: dict[str, bool], what: str) -> bool:
        """Report unknown and missing keys; True when every required key is there."""
        ok = True
        for key in node:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), list(allowed), n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                expected = ", ".join(allowed)
                self.problem(
                    self.key_at(node, key),
                    f"unknown key {key!r} in {what} ({hint}expected one of: {expected})",
                )
        for key, required in allowed.items():
            if required and key not in node:
                self.problem(self.node_at(node), f"{what} is missing required key {key!r}")
                ok = False
        return ok

    def int_(self, node: CommentedMap, key: str, what: str) -> int | None:
        value = node.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                self.value_at(node, key),
                f"{what}: {key!r} must be an integer, not {preview(value)}",
            )
            return None
        if not 0 <= value <= MAX_ID:
            self.problem(
                self.value_at(node, key),
                f"{what}: {key!r} must be between 0 and {MAX_ID} (what SQL's INTEGER and the "
                f"parser hold), not {preview(value)}",
            )
            return None
        return int(value)

    def str_(self, node: CommentedMap, key: str, what: str, nullable: bool = False) -> str | None:
        value = node.get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            kind = "a non-empty string" + (" or null" if nullable else "")
            self.problem(
                self.value_at(node, key), f"{what}: {key!r} must be {kind}, not {preview(value)}"
            )
            return None
        text = str(value)
        if self.refused(text, self.value_at(node, key), f"{what}: {key!r}"):
            return None
        if " ".join(text.split()) != text:
            self.problem(
                self.value_at(node, key),
                f"{what}: {key!r} must be one line with single spaces and no surrounding blanks",
            )
        return text

    def refused(self, text: str, where: tuple[int, int], label: str) -> bool:
        """Whether ``text`` holds a character no text of the spec may (reported)."""
        at = refused_character(text)
        if at is None:
            return False
        self.problem(
            where,
            f"{label} holds {describe(text[at])} (character {at + 1}); control, format, "
            "surrogate and line or paragraph separator characters are not allowed in the "
            "spec's texts",
        )
        return True

    def bool_(self, node: CommentedMap, key: str, what: str) -> bool | None:
        value = node.get(key)
        if not isinstance(value, bool):
            self.problem(
                self.value_at(node, key),
                f"{what}: {key!r} must be true or false, not {preview(value)}",
            )
            return None
        return bool(value)

    def member_name(
        self, node: CommentedMap, key: str, value: str, what: str, reserved: frozenset[str]
    ) -> bool:
        """Whether ``value`` (from ``node[key]``) can name an enum member; each reason it
        cannot is reported. ``key`` is "member" where the spec declares the name."""
        # ASCII only: Python normalises other identifiers (NFKC), so the member
        # would not be the name the spec gives
        if not value.isidentifier() or not value.isascii() or keyword.iskeyword(value):
            ascii_ = "" if value.isascii() else " in ASCII"
            hint = " (declare 'member:' with a valid one)" if key != "member" else ""
            self.problem(
                self.value_at(node, key),
                f"{what}: {preview(value)} is not a valid Python identifier{ascii_}{hint}",
            )
            return False
        if len(value) > MAX_NAME:
            self.problem(
                self.value_at(node, key),
                f"{what}: member name {preview(value)} is longer than {MAX_NAME} characters",
            )
            return False
        if value.startswith("_") or value in reserved:
            self.problem(
                self.value_at(node, key),
                f"{what}: {preview(value)} is reserved (leading underscore or an enum attribute "
                "name)",
            )
            return False
        return True

    def seq(self, node: CommentedMap, key: str, what: str) -> CommentedSeq | None:
        value = node.get(key)
        if not isinstance(value, CommentedSeq):
            self.problem(self.value_at(node, key), f"{what}: {key!r} must be a list")
            return None
        return value

    def maps(self, seq: CommentedSeq, what: str) -> Iterator[CommentedMap]:
        for i, item in enumerate(seq):
            if isinstance(item, CommentedMap):
                yield item
            else:
                self.problem(self.item_at(seq, i), f"each {what} must be a mapping")
