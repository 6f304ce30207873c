"""Decoded results as text for people: one block each, every field of the result in it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from infobip_codes.cli._outcome import FINAL, FIX, OK, RETRY, action
from infobip_codes.cli._results import extra_fields, other_fields
from infobip_codes.cli._terminal import Style, group_text, safe, terminal_width, wrap
from infobip_codes.cli._writers import dumps

if TYPE_CHECKING:
    from infobip_codes import ParsedError, ParsedStatus
    from infobip_codes.cli._results import Result

_VERDICTS = {
    OK: "no error",
    RETRY: "retryable",
    FIX: "permanent: do not retry",
    FINAL: "permanence unknown: no source says whether a retry can help",
}
_INDENT = 10  # "  status  " and the like


def _status_verdict(status: ParsedStatus[Any]) -> str:
    if not status.known:
        return "final" if status.is_final else "not final"
    return "final" if status.is_final else "not final: still on its way"


def field_text(key: object, value: object) -> str:
    """One field, compact: ``to 41793026727``, ``price 0.01 EUR``, JSON for the rest."""
    if isinstance(value, str):
        shown = value
    elif (
        isinstance(value, Mapping)
        and value.keys() == {"pricePerMessage", "currency"}
        and isinstance(value["currency"], str)
    ):
        shown = f"{dumps(value['pricePerMessage'], indent=None)} {value['currency']}"
    else:
        shown = dumps(value, indent=None)
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
        self.first = True
        self.message = f"{self.style.dim('message')}  "
        self.fields = f"  {self.style.dim('fields ')} "
        # A log repeats a few codes: each distinct block is laid out once, keyed
        # by every fact it shows or its verdict depends on.
        self.blocks: dict[tuple[object, ...], str] = {}

    def __call__(self, result: Result, envelope: Mapping[str, object] | None) -> None:
        parts = [] if self.first else ["\n"]
        self.first = False
        if result.message_id is not None:
            parts.append(f"{self.message}{self.style.bold(safe(result.message_id))}\n")
        units = [field_text(k, v) for k, v in other_fields(result, envelope).items()]
        for label, value in (("status", result.status), ("error", result.error)):
            if value is not None:
                sent = result.raw.get(label)
                units += [
                    field_text(f"{label}.{k}", v) for k, v in extra_fields(value, sent).items()
                ]
        if units:
            lines = pack(units, max(20, self.width - _INDENT))
            parts.append(self.fields + f"\n{'':{_INDENT}}".join(lines) + "\n")
        status, error = result.status, result.error
        if status is not None:
            self._value(parts, "status", status, _status_verdict(status))
        if error is not None:
            self._value(parts, "error", error, _VERDICTS[action(error)])
        self.out.write("".join(parts))

    def _block(self, label: str, value: ParsedStatus[Any] | ParsedError[Any], verdict: str) -> str:
        """A value's lines: its names and verdict, then its text."""
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
        self,
        parts: list[str],
        label: str,
        value: ParsedStatus[Any] | ParsedError[Any],
        verdict: str,
    ) -> None:
        """One parsed status or error: its block, then any disagreement."""
        key = (
            label,
            value.known,
            value.group_id,
            value.group_name,
            value.id,
            value.name,
            value.description,
            verdict,
        )
        block = self.blocks.get(key)
        if block is None:
            block = self._block(label, value, verdict)
            if len(block) <= 2000:  # the catalogue's texts; a long one is not kept
                if len(self.blocks) >= 4096:
                    self.blocks.clear()
                self.blocks[key] = block
        parts.append(block)
        for mismatch in value.mismatches:
            parts.append(f"  {'':7} {self.style.bad('! ' + safe(mismatch))}\n")
