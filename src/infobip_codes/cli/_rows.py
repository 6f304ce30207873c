"""The catalogue's rows as the commands find, select and describe them."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from infobip_codes import _catalogue, _rules
from infobip_codes._record import CodeRecord
from infobip_codes.cli._writers import enum_name
from infobip_codes.tables import CHANNELS, KINDS

_MEANINGS: dict[_rules.Advice, tuple[str, bool | None]] = {
    "wait": ("not final: the message is still on its way; wait for a report", True),
    "final": ("final", None),
    "none": ("no error: nothing to retry", True),
    "retry": ("temporary: a retry may succeed", True),
    "fix": ("permanent: do not retry the same message; fix the cause first", False),
    "unknown": ("no source says whether a retry can help", False),
}
"""What each advice means for the sender, and whether it is good news (None: neither)."""


def advice_of(row: CodeRecord) -> _rules.Advice:
    """What a sender does about a code (``infobip_codes._rules.advice``, from its row)."""
    groups = _catalogue.group_rows(row.kind, row.channel)
    group = None if row.group_id is None else groups.get(row.group_id)
    return _rules.advice(row.kind, group, row.permanent)


def record_dict(row: CodeRecord) -> dict[str, Any]:
    """A row as data: its fields, its enum's name, and what to do about it."""
    data = row.to_dict()
    data["enum"] = enum_name(row)
    data["advice"] = advice_of(row)
    return data


def meaning_of(row: CodeRecord) -> tuple[str, bool | None]:
    """What a code means for the sender, and whether that is good news (None: neither)."""
    advice = advice_of(row)
    text, good = _MEANINGS[advice]
    if advice == "final" and row.group_name is not None:
        text = f"final: {row.group_name}"
    return text, good


def select(rows: Iterable[CodeRecord], channel: str | None, kind: str | None) -> list[CodeRecord]:
    return [
        r
        for r in rows
        if (channel is None or r.channel == channel) and (kind is None or r.kind == kind)
    ]


def qualified(text: str) -> tuple[str | None, str]:
    """``Enum.MEMBER`` as the enum's name (less any module path) and the member's; a
    name without a dot has no enum."""
    enum, dot, name = text.rpartition(".")
    return (enum.rpartition(".")[2], name) if dot else (None, text)


def rows_named(query: str, channel: str | None = None) -> list[CodeRecord]:
    """Rows by printed, member or alias name, or by ``Enum.MEMBER`` as explain prints it;
    with a channel, among the rows its reports resolve against."""
    found: list[CodeRecord] = []
    seen: set[int] = set()
    asked_enum, name = qualified(query)
    scope = _catalogue.channel_or_none(channel)
    for kind in KINDS:
        for row in _catalogue.rows_named(kind, name, scope):
            if id(row) in seen:
                continue
            if asked_enum is not None and (
                asked_enum.casefold() != enum_name(row).casefold()
                or name.casefold() != row.member.casefold()
            ):
                continue
            seen.add(id(row))
            found.append(row)
    return found


def matches(row: CodeRecord, words: Sequence[str]) -> bool:
    text = "\n".join((*_catalogue.names_of(row), row.description or "")).casefold()
    return all(word in text for word in words)


def search(text: str, channel: str | None, kind: str | None) -> list[CodeRecord]:
    """Rows with every word, by channel (in the catalogue's order), kind (statuses
    first) and id; rows of one id in the catalogue's order."""
    words = text.casefold().split()
    found = [row for row in select(_catalogue.records(), channel, kind) if matches(row, words)]
    return sorted(found, key=lambda r: (CHANNELS.index(r.channel), r.kind != "status", r.id))


def as_id(query: str) -> int | None:
    try:
        return int(query)
    except ValueError:  # a name; note that "²".isdigit() is true, but int("²") fails
        return None


def rows_for(query: str, channel: str | None = None) -> list[CodeRecord]:
    """The rows an id or a name stands for, statuses first; with a channel, among the
    rows its reports resolve against (its own tables, then the general codes they carry)."""
    code_id = as_id(query)
    if code_id is None:
        return rows_named(query, channel)
    scope = _catalogue.channel_or_none(channel)
    return [row for kind in KINDS for row in _catalogue.rows(kind, code_id, scope)]


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every name of the catalogue, casefolded, to itself as printed."""
    rows = _catalogue.records()
    return {name.casefold(): name for row in rows for name in _catalogue.names_of(row)}


def suggestions(query: str) -> str:
    """Names of the catalogue close to ``query`` as "A, B or C"; "" when none is."""
    found = close_names(query, _names(), 3)
    return " or ".join(filter(None, (", ".join(found[:-1]), *found[-1:])))


def close_names(query: str, names: Mapping[str, str], most: int) -> list[str]:
    """The names (casefolded, to each as printed) close to ``query``, a typo's fix,
    closest first.

    ``Enum.MEMBER`` is matched by its member name; a query longer than any
    name (by far) is close to none.
    """
    name = query.rpartition(".")[2].casefold()
    if len(name) > 100:
        return []
    import difflib

    return [names[n] for n in difflib.get_close_matches(name, names, n=most, cutoff=0.8)]
