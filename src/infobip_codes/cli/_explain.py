"""``infobip-codes explain``: every table that has a code, and what it means."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from infobip_codes._record import PAGE, CodeRecord
from infobip_codes.cli._rows import (
    as_id,
    meaning_of,
    record_dict,
    rows_for,
    search,
    select,
    suggestions,
)
from infobip_codes.cli._terminal import (
    FACT_INDENT,
    SHOWN_LIMIT,
    Style,
    UserError,
    complain,
    fact_lines,
    group_text,
    quoted,
    safe,
    terminal_width,
    wrap,
    yes_no,
)
from infobip_codes.cli._writers import enum_name, write_json

if TYPE_CHECKING:
    from infobip_codes import ParsedHttpError


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    """Each code explained, or named as not found (exit status 1 when any is not).

    The words together are tried first, as one name (a name of the page may
    hold a space); then each word as a code of its own. Each answer is written
    once, in the order asked.
    """
    kind = "status" if args.status else "error" if args.error else None
    phrase: str = " ".join(args.code).strip()
    if not phrase:
        raise UserError("explain needs an id (27) or a name (EC_ABSENT_SUBSCRIBER)")

    def answers(query: str) -> tuple[str, list[CodeRecord | ParsedHttpError]]:
        # with a channel, the rows its reports resolve against: its own, then the
        # general codes every channel's reports carry (as the look-ups answer)
        rows = select(rows_for(query, args.channel), None, kind)
        return query, [*rows, *_identifiers(query, args.channel, kind)]

    asked = [answers(phrase)]
    if not asked[0][1] and len(args.code) > 1:
        each = [answers(word) for word in args.code]
        if any(found for _, found in each):  # else: words of a phrase, none a code
            asked = each
    shown: dict[object, CodeRecord | ParsedHttpError] = {}
    for _, found in asked:
        for item in found:
            shown.setdefault(id(item) if isinstance(item, CodeRecord) else item.code, item)
    if args.json:
        write_json(out, [_json(item) for item in shown.values()])
    else:
        style, width = Style(out), terminal_width()
        out.write("\n".join(_text(item, style, width) for item in shown.values()))
    missing = list(dict.fromkeys(query for query, found in asked if not found))
    for query in missing:
        complain(_not_found(query, args.channel, kind))
    return 1 if missing else 0


def _identifiers(query: str, channel: str | None, kind: str | None) -> list[ParsedHttpError]:
    """The HTTP error identifiers a name asks for: they belong to no channel and are
    neither a status nor an error, so a narrowed question, or an id, asks for none."""
    if channel is not None or kind is not None or as_id(query) is not None:
        return []
    if len(query) > SHOWN_LIMIT:
        return []
    from infobip_codes.cli._http import identifiers_named

    return identifiers_named(query)


def _json(item: CodeRecord | ParsedHttpError) -> dict[str, object]:
    if isinstance(item, CodeRecord):
        return {**record_dict(item), "meaning": meaning_of(item)[0]}
    from infobip_codes.cli._http import identifier_json

    return identifier_json(item)


def _text(item: CodeRecord | ParsedHttpError, style: Style, width: int) -> str:
    if isinstance(item, CodeRecord):
        return _row_text(item, style, width)
    from infobip_codes.cli._http import identifier_text

    return identifier_text(item, style, width)


def _not_found(query: str, channel: str | None, kind: str | None) -> str:
    where = f" in {channel}" if channel else ""
    message = f"no {kind or 'status or error'} code{where} matches {quoted(query)}"
    if len(query) > SHOWN_LIMIT:
        return message
    if channel or kind:  # found elsewhere: say where, rather than suggest the name itself
        elsewhere = list(dict.fromkeys(f"{r.channel} {r.kind} {r.id}" for r in rows_for(query)))
        if elsewhere:
            more = f" and {len(elsewhere) - 3} more" if len(elsewhere) > 3 else ""
            return f"{message}; the whole catalogue has it as {', '.join(elsewhere[:3])}{more}"
        if _identifiers(query, None, None):
            return f"{message}; it is an HTTP error identifier, which no channel or kind has"
    if as_id(query) is not None:
        return message
    words = len(query.split()) > 1
    if words and search(query, channel, kind):
        import shlex

        return f"{message}; to find it by words: infobip-codes search {shlex.quote(query)}"
    close = suggestions(query)
    if channel is None and kind is None:
        from infobip_codes.cli._http import close_identifiers

        close = " or ".join(filter(None, (close, close_identifiers(query))))
    if close:
        return f"{message}; did you mean {close}?"
    return f"{message}; `infobip-codes search WORDS` looks in names and descriptions"


def _row_text(row: CodeRecord, style: Style, width: int) -> str:
    """A row's facts; every text of the catalogue escaped, as a payload's would be."""
    title = f"{row.channel} {row.kind} {row.id}"
    parts = [f"{style.bold(safe(title))}  {style.bold(safe(row.name))}\n"]
    facts = [("enum", f"{enum_name(row)}.{row.member}")]
    if row.aliases:
        facts.append(("also sent as", ", ".join(row.aliases)))
    if row.group_id is not None or row.group_name is not None:
        facts.append(("group", group_text(row.group_id, row.group_name)))
    if row.kind == "error":
        facts.append(("permanent", yes_no(row.permanent)))
    if row.status_id is not None:
        facts.append(("status", f"{row.status_id} (general status it maps to)"))
    parts += [fact_lines(style, label, [safe(value)]) for label, value in facts]
    meaning, good = meaning_of(row)
    shown = safe(meaning)
    shown = shown if good is None else style.good(shown) if good else style.bad(shown)
    parts.append(fact_lines(style, "meaning", [shown]))
    description = row.description or "(none given)"
    parts.append(fact_lines(style, "description", wrap(description, width, FACT_INDENT)))
    if row.source != PAGE:
        parts.append(fact_lines(style, "source", wrap(row.source, width, FACT_INDENT)))
    return "".join(parts)
