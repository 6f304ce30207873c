"""``infobip-codes explain``: every table that has a code, and what it means."""

from __future__ import annotations

import argparse
from typing import TextIO

from infobip_codes._record import PAGE, CodeRecord
from infobip_codes.cli._rows import as_id, meaning_of, rows_for, search, select
from infobip_codes.cli._terminal import (
    Style,
    UserError,
    complain,
    group_text,
    safe,
    terminal_width,
    wrap,
    yes_no,
)
from infobip_codes.cli._writers import enum_name, record_dict, write_json


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    query: str = " ".join(args.code).strip()
    kind = "status" if args.status else "error" if args.error else None
    if not query:
        raise UserError("explain needs an id (27) or a name (EC_ABSENT_SUBSCRIBER)")
    code_id = as_id(query)
    found = select(rows_for(query), args.channel, kind)
    if not found and len(args.code) > 1:
        # several codes (explain 27 5), each of which is one, rather than a
        # name of several words
        each = [select(rows_for(token), args.channel, kind) for token in args.code]
        if all(each):
            found = [row for rows in each for row in rows]
    if args.json:
        write_json(out, [{**record_dict(row), "meaning": meaning_of(row)[0]} for row in found])
    else:
        _write_explained(out, found)
    if not found:
        where = f" in {args.channel}" if args.channel else ""
        message = f"no {kind or 'status or error'} code{where} matches {query!r}"
        if code_id is None and search(query, args.channel, kind):
            import shlex

            message += f"; to find it by words: infobip-codes search {shlex.quote(query)}"
        elif code_id is None:
            message += "; `infobip-codes search WORDS` looks in names and descriptions"
        complain(message)
        return 1
    return 0


def _write_explained(out: TextIO, found: list[CodeRecord]) -> None:
    style = Style(out)
    width = terminal_width()
    for index, row in enumerate(found):
        if index:
            out.write("\n")
        title = f"{row.channel} {row.kind} {row.id}"
        out.write(f"{style.bold(title)}  {style.bold(safe(row.name))}\n")
        facts = [("enum", f"{enum_name(row)}.{row.member}")]
        if row.aliases:
            facts.append(("also sent as", ", ".join(row.aliases)))
        if row.group_id is not None or row.group_name is not None:
            facts.append(("group", group_text(row.group_id, row.group_name)))
        if row.kind == "error":
            facts.append(("permanent", yes_no(row.permanent)))
        if row.status_id is not None:
            facts.append(("status", f"{row.status_id} (general status it maps to)"))
        meaning, good = meaning_of(row)
        shown = meaning if good is None else style.good(meaning) if good else style.bad(meaning)
        facts.append(("meaning", shown))
        facts.append(("description", row.description or "(none given)"))
        if row.source != PAGE:
            facts.append(("source", row.source))
        for label, value in facts:
            lines = wrap(value, width, 15) if label == "description" else (value,)
            out.write(f"  {style.dim(label.ljust(12))} {lines[0]}\n")
            for more in lines[1:]:
                out.write(f"  {'':12} {more}\n")
