"""``infobip-codes search``: codes whose name or description has every word given."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from infobip_codes.cli._http import identifier_json, identifiers_matching
from infobip_codes.cli._rows import record_dict, search
from infobip_codes.cli._terminal import (
    Style,
    UserError,
    complain,
    group_text,
    quoted,
    safe,
    terminal_width,
    wrap,
    yes_no,
)
from infobip_codes.cli._writers import write_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    from infobip_codes import ParsedHttpError
    from infobip_codes._record import CodeRecord

HEADS = ("CHANNEL", "KIND", "ID", "NAME", "GROUP", "PERMANENT")
INDENT = 4
"""Where a row's description starts, on the lines under the row."""


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    text = " ".join(args.text)
    if not text.strip():
        raise UserError("search needs a word to look for (TEXT is empty)")
    found = search(text, args.channel, args.kind)
    # HTTP error identifiers belong to no channel and are neither kind of code
    errors = [] if args.channel or args.kind else identifiers_matching(text)
    if args.json:
        write_json(out, [record_dict(r) for r in found] + [identifier_json(e) for e in errors])
    else:
        write_found(out, found)
        _write_identifiers(out, errors, after=bool(found))
    if not found and not errors:
        complain(f"no code's name or description contains {quoted(text)}")
        return 1
    return 0


def _write_identifiers(out: TextIO, errors: list[ParsedHttpError], *, after: bool) -> None:
    """Identifiers as a table of their own, each meaning under its row."""
    rows = []
    for error in errors:
        record = error.code.record if error.code is not None else None
        assert record is not None  # the catalogue's own identifiers only
        body = "API error" if error.shape == "api_error" else "request error"
        http = "/".join(map(str, record.statuses)) or "-"
        rows.append(((body, safe(record.id), http), record.meaning))
    if rows and after:
        out.write("\n")
    _table(out, ("HTTP ERROR BODY", "IDENTIFIER", "HTTP"), rows)


def write_found(out: TextIO, found: list[CodeRecord]) -> None:
    """Rows as a table, each description under its row; every text escaped."""
    rows = [
        (
            (
                safe(r.channel),
                safe(r.kind),
                str(r.id),
                safe(r.name),
                safe(group_text(r.group_id, r.group_name) or "-"),
                yes_no(r.permanent) if r.kind == "error" else "-",
            ),
            r.description or "-",
        )
        for r in found
    ]
    _table(out, HEADS, rows)


def _table(
    out: TextIO, heads: tuple[str, ...], rows: Sequence[tuple[tuple[str, ...], str]]
) -> None:
    """Rows of escaped cells under dimmed heads, each row's text wrapped under it."""
    if not rows:
        return
    style = Style(out)
    width = terminal_width()
    widths = [max(len(h), *(len(cells[i]) for cells, _ in rows)) for i, h in enumerate(heads)]
    head = "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
    out.write(style.dim(head.rstrip()) + "\n")
    for cells, text in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
        out.writelines(f"{'':{INDENT}}{line}\n" for line in wrap(text, width, INDENT))
