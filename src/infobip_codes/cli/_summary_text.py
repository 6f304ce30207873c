"""``decode --summary`` as text: tables with a proportional bar on each line.

Bars are block characters on a UTF-8 terminal and ASCII anywhere else (a
file, a pipe, a terminal that is not UTF-8); colour only on a terminal, never
with ``NO_COLOR``. Every name from the input or the catalogue is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TextIO

from infobip_codes.cli._outcome import ACTIONS, DELIVERED, FAILED, OUTCOMES, PENDING, RETRY
from infobip_codes.cli._terminal import Style, safe, terminal_width

TOP = 10
"""The errors the text shows; ``--json`` lists them all."""
BAR = 40
"""The widest bar, in characters."""

_EIGHTHS = " ▏▎▍▌▋▊▉"
_STACKED = {DELIVERED: ("█", "#"), FAILED: ("▒", "x"), PENDING: ("░", "-")}
"""The glyph of each outcome in a channel's bar: block characters, ASCII."""

Row = tuple[Sequence[str], str, Callable[[int], str]]
"""A table's row: its cells, the outcome that colours its bar, its bar for a width."""


def _utf8_terminal(stream: TextIO) -> bool:
    import codecs

    try:
        return stream.isatty() and codecs.lookup(stream.encoding).name == "utf-8"
    except (AttributeError, LookupError, OSError, TypeError, ValueError):
        return False


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def _count(entry: dict[str, Any]) -> list[str]:
    return [f"{entry['count']:,}", _percent(entry["share"])]


def _named(*parts: object) -> str:
    return safe(" ".join(str(p) for p in parts if p is not None) or "?")


class _Page:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.style = Style(out)
        self.blocks = _utf8_terminal(out)
        self.width = terminal_width()

    def bar(self, share: float) -> Callable[[int], str]:
        def draw(room: int) -> str:
            cells = share * room
            if not self.blocks:
                return "#" * round(cells)
            whole = int(cells)
            part = _EIGHTHS[int((cells - whole) * 8)] if whole < room else ""
            return ("█" * whole + part).rstrip()

        return draw

    def stacked(self, entry: dict[str, Any]) -> Callable[[int], str]:
        def draw(room: int) -> str:
            return "".join(
                self.paint(name, glyphs[not self.blocks] * round(entry[name]["share"] * room))
                for name, glyphs in _STACKED.items()
            )

        return draw

    def paint(self, outcome: str, text: str) -> str:
        if not text:
            return text
        if outcome == DELIVERED:
            return self.style.good(text)
        if outcome == PENDING:
            return self.style.waiting(text)
        return self.style.bad(text) if outcome == FAILED else text

    def table(self, heads: Sequence[str], align: str, rows: list[Row]) -> None:
        """Columns aligned as ``align`` says ("<" left, ">" right), then each row's bar."""
        widths = [max(len(h), *(len(r[0][i]) for r in rows)) for i, h in enumerate(heads)]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(
                c.ljust(w) if a == "<" else c.rjust(w)
                for c, w, a in zip(cells, widths, align, strict=True)
            )

        self.out.write(self.style.dim(line(heads).rstrip()) + "\n")
        room = max(10, min(BAR, self.width - sum(widths) - 2 * len(widths)))
        for cells, outcome, bar in rows:
            self.out.write(f"{line(cells)}  {self.paint(outcome, bar(room))}".rstrip() + "\n")

    def legend(self, text: str) -> None:
        self.out.write(self.style.dim(text) + "\n")


def write_summary(out: TextIO, data: dict[str, Any]) -> None:
    page = _Page(out)
    total = data["results"]
    if data["filters"]:
        out.write(f"{data['read']:,} results read; {total:,} match {safe(data['filters'])}\n")
    said = [
        f"{entry['count']:,} {name} ({_percent(entry['share'])})"
        for name, entry in data["outcomes"].items()
        if entry["count"] or name != OUTCOMES[-1]  # "unknown" only when there are some
    ]
    out.write(f"{total:,} result{'s' * (total != 1)}: " + ", ".join(said) + "\n")
    if data["unreadable_lines"]:
        lines = data["unreadable_lines"]
        out.write(f"{lines:,} line{'s' * (lines != 1)} could not be decoded (said on stderr)\n")
    refused = sum(e["count"] for e in data["http_errors"])
    if refused:
        out.write(f"{refused:,} HTTP error bod{'ies' if refused != 1 else 'y'}: ")
        out.write(f"request{'s' * (refused != 1)} refused as a whole, no results\n")
    if total:
        _groups(page, data)
        _errors(page, data["errors"])
        _channels(page, data["channels"])
    _http_errors(page, data["http_errors"], refused)


def _groups(page: _Page, data: dict[str, Any]) -> None:
    rows: list[Row] = [
        ([_named(g["id"], g["name"]), *_count(g)], g["outcome"], page.bar(g["share"]))
        for g in data["status_groups"]
    ]
    none = data["without_status"]
    if none["count"]:
        rows.append((["(no status)", *_count(none)], "", page.bar(none["share"])))
    page.out.write("\n")
    page.table(("STATUS GROUP", "RESULTS", "SHARE"), "<>>", rows)


def _errors(page: _Page, errors: list[dict[str, Any]]) -> None:
    if not errors:
        return
    shown = errors[:TOP]
    mixed = len({e["channel"] for e in errors}) > 1  # codes of several channels' tables
    rows: list[Row] = [
        (
            [
                _named(e["id"], e["name"]),
                *([_named(e["channel"])] if mixed else []),
                *_count(e),
                e["action"],
            ],
            PENDING if e["action"] == RETRY else FAILED,
            page.bar(e["share"]),
        )
        for e in shown
    ]
    heads = ("TOP ERRORS", *(["CHANNEL"] if mixed else []), "RESULTS", "SHARE", "TO DO")
    page.out.write("\n")
    page.table(heads, "<<>><" if mixed else "<>><", rows)
    if len(errors) > TOP:
        more = len(errors) - TOP
        page.out.write(f"... and {more:,} more error{'s' * (more != 1)} (--json lists each)\n")
    todo = dict.fromkeys(e["action"] for e in shown)
    page.legend("; ".join(f"{a} = {ACTIONS[a]}" for a in todo))


def _channels(page: _Page, channels: list[dict[str, Any]]) -> None:
    if len(channels) < 2:  # one channel: the tables above say it all
        return
    rows: list[Row] = [
        (
            [
                _named(c["channel"] or "(not stated)"),
                f"{c['count']:,}",
                *(_percent(c[name]["share"]) for name in _STACKED),
            ],
            "",
            page.stacked(c),
        )
        for c in channels
    ]
    page.out.write("\n")
    page.table(("CHANNEL", "RESULTS", *(name.upper() for name in _STACKED)), "<>>>>", rows)
    page.legend("  ".join(f"{glyphs[not page.blocks]} {n}" for n, glyphs in _STACKED.items()))


def _http_errors(page: _Page, errors: list[dict[str, Any]], refused: int) -> None:
    if not errors:
        return
    rows: list[Row] = [
        (
            [
                _named(e["identifier"] or "(none)"),
                _named(e["failure"] or "unknown"),
                *_count({"count": e["count"], "share": e["count"] / refused}),
                {True: "retry", False: "fix", None: "unknown"}[e["retryable"]],
            ],
            PENDING if e["retryable"] else FAILED,
            page.bar(e["count"] / refused),
        )
        for e in errors[:TOP]
    ]
    page.out.write("\n")
    page.table(("HTTP ERRORS", "FAILED", "BODIES", "SHARE", "TO DO"), "<<>><", rows)
    if len(errors) > TOP:
        more = len(errors) - TOP
        page.out.write(f"... and {more:,} more (--json lists each)\n")
