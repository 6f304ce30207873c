"""Decoded results as text for people: one block each, every field of the result in it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from infobip_codes import ParsedError
from infobip_codes.cli._outcome import FIX, OK, RETRY, UNSAID
from infobip_codes.cli._results import extra_fields, other_fields
from infobip_codes.cli._terminal import Style, group_text, safe, terminal_width, wrap
from infobip_codes.cli._writers import dumps

if TYPE_CHECKING:
    from infobip_codes import ParsedStatus
    from infobip_codes.cli._results import Result

_VERDICTS = {
    OK: "no error",
    RETRY: "retryable",
    FIX: "permanent: do not retry",
    UNSAID: "permanence unknown: no source says whether a retry can help",
}
_INDENT = 10  # "  status  " and the like
_PRICE = frozenset({"pricePerMessage", "currency"})
"""A price as the API sends it, shown as ``0.01 EUR``."""


def _status_verdict(status: ParsedStatus[Any]) -> str:
    if not status.known:
        return "final" if status.is_final else "not final"
    return "final" if status.is_final else "not final: still on its way"


def _json_text(value: object) -> str:
    """A value as JSON shows it; numbers, true, false and null without an encoder."""
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):  # type: ignore[arg-type]
        return repr(value)  # JSON's own digits
    if value is True or value is False or value is None:
        return "true" if value else "false" if value is False else "null"
    return dumps(value, indent=None)


def field_text(key: object, value: object) -> str:
    """One field, compact: ``to 41793026727``, ``price 0.01 EUR``, JSON for the rest."""
    if type(value) is str:
        shown = value
    elif type(value) is dict and value.keys() == _PRICE and type(value["currency"]) is str:
        shown = f"{_json_text(value['pricePerMessage'])} {value['currency']}"
    else:
        shown = _json_text(value)
    return safe(f"{key} {shown}")


def pack(units: list[str], width: int) -> list[str]:
    """Escaped units laid out on lines of ``width``, two spaces apart, none split
    unless it is wider than a line by itself."""
    lines: list[str] = []
    line = ""
    for unit in units:
        if line and len(line) + 2 + len(unit) <= width:
            line += "  " + unit
            continue
        if line:
            lines.append(line)
        line = unit
        if len(unit) > width:
            *whole, line = wrap(unit, width + _INDENT, _INDENT)
            lines += whole
    if line:
        lines.append(line)
    return lines


class TextWriter:
    """Decoded results as text, one block each, a blank line between blocks."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.style = Style(out)
        self.width = terminal_width()
        self.room = max(20, self.width - _INDENT)
        self.first = True
        self.message = f"{self.style.dim('message')}  "
        self.fields = f"  {self.style.dim('fields ')} "
        # A log repeats a few codes, and the parser gives each distinct status or
        # error one shared, immutable value: each is laid out once, found again by
        # its identity (the entry keeps the value, so its id is never reused).
        self.blocks: dict[int, tuple[object, str]] = {}

    def __call__(self, result: Result, envelope: Mapping[str, object] | None) -> None:
        # Once a result of a log, so written for speed: one pass over its fields,
        # each status or error block laid out once (see _value), one write.
        parts = [] if self.first else ["\n"]
        self.first = False
        message_id = result.message_id
        if message_id is not None:
            parts.append(f"{self.message}{self.style.bold(safe(message_id))}\n")
        raw = result.raw
        units = [  # a string or an int (most fields) goes the short way
            f"{k} {v}" if type(v) is str or type(v) is int else field_text(k, v)
            for k, v in other_fields(result, envelope)
        ]
        status, error = result.status, result.error
        if status is not None:
            self._extra(units, "status", status, raw.get("status"))
        if error is not None:
            self._extra(units, "error", error, raw.get("error"))
        if units:
            parts.append(self._fields(units))
        if status is not None:
            self._value(parts, "status", status)
        if error is not None:
            self._value(parts, "error", error)
        self.out.write("".join(parts))

    def block(self, text: str) -> None:
        """A block laid out elsewhere (an HTTP error body), in its place among the others."""
        self.out.write(text if self.first else "\n" + text)
        self.first = False

    @staticmethod
    def _extra(
        units: list[str], label: str, value: ParsedStatus[Any] | ParsedError[Any], sent: object
    ) -> None:
        """The fields of a status or error object beyond the API's shape, as sent."""
        more = extra_fields(value, sent)
        if more:
            units += [field_text(f"{label}.{k}", v) for k, v in more.items()]

    def _fields(self, units: list[str]) -> str:
        """The result's other fields, compact, on as few lines as the width allows."""
        line = "  ".join(units)
        if not line.isprintable():
            units = [safe(unit) for unit in units]
        elif len(line) <= self.room:
            return f"{self.fields}{line}\n"
        return self.fields + f"\n{'':{_INDENT}}".join(pack(units, self.room)) + "\n"

    def _block(self, label: str, value: ParsedStatus[Any] | ParsedError[Any]) -> str:
        """A value's lines: its names and verdict, then its text."""
        if isinstance(value, ParsedError):
            verdict = _VERDICTS[value.advice]
        else:
            verdict = _status_verdict(value)
        if not value.known:
            verdict = f"not in the catalogue; {verdict}"
        group = group_text(value.group_id, value.group_name) or "?"
        names = safe(f"{group} / {group_text(value.id, value.name) or '?'}")
        style = self.style
        lines = [f"  {style.dim(label.ljust(7))} {style.bold(names)}  ({verdict})\n"]
        for line in wrap(value.description or "(no description)", self.width, _INDENT):
            lines.append(f"  {'':7} {line}\n")
        return "".join(lines)

    def _value(
        self, parts: list[str], label: str, value: ParsedStatus[Any] | ParsedError[Any]
    ) -> None:
        """One parsed status or error: its block, then any disagreement."""
        kept = self.blocks.get(id(value))
        if kept is not None and kept[0] is value:
            block = kept[1]
        else:
            block = self._block(label, value)
            if len(block) <= 2000:  # the catalogue's texts; a long one is not kept
                if len(self.blocks) >= 4096:
                    self.blocks.clear()
                self.blocks[id(value)] = (value, block)
        parts.append(block)
        for mismatch in value.mismatches:
            parts.append(f"  {'':7} {self.style.bad('! ' + safe(mismatch))}\n")
