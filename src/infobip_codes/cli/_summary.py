"""``decode --summary``: counts of what the input holds, never the results themselves.

Memory stays flat however long the input: a result is counted under the
facts the summary shows (its channel, outcome, status group, and error with
what to do about it), and the facts are worked out once for each distinct
combination of the fields they follow from, not once a result. Both tables
are bounded: past ``MAX_KINDS`` distinct combinations, results are counted
under "other", and texts longer than ``MAX_TEXT`` are cut.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from infobip_codes.cli._outcome import OK, OUTCOMES, UNKNOWN, outcome
from infobip_codes.cli._writers import dumps

if TYPE_CHECKING:
    from infobip_codes import ParsedHttpError
    from infobip_codes.cli._results import Result

MAX_KINDS = 10_000
"""The most distinct combinations counted apart (a real log has a few dozen)."""
MAX_TEXT = 200
"""The longest name or channel shown; a longer one is cut."""
OTHER = "(other)"

Group = tuple[int | None, str | None, bool | None]  # id, name, final (None: not known)
Error = tuple[str | None, int | None, str | None, str]  # table's channel, id, name, what to do
Facts = tuple[str | None, str, Group | None, Error | None]  # channel, outcome, group, error
HttpFacts = tuple[str | None, str | None, str | None, bool | None]  # shape, id, failure, retry


def _cut(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT] + "..."


class Tally:
    """Results counted by the facts the summary shows."""

    def __init__(self, channel: str | None) -> None:
        self.channel = channel
        self.facts: dict[tuple[Any, ...], list[Any]] = {}  # fields -> [count, facts]
        self.other: dict[Facts, list[Any]] = {}  # past MAX_KINDS: a few coarse facts
        self.http_errors: Counter[HttpFacts] = Counter()  # requests refused as a whole

    def add(self, result: Result, envelope: Mapping[str, object] | None) -> None:
        s, e = result.status, result.error
        channel = result.raw.get("channel")
        if channel is None and envelope:
            channel = envelope.get("channel")
        if type(channel) is not str and channel is not None:
            channel = dumps(channel, indent=None)
        # Every field the facts follow from (the parser gives the same answers
        # for the same fields), and none they do not; one flat tuple, its length
        # telling which of status and error the result has.
        if s is not None and e is not None:
            key: tuple[Any, ...] = (
                channel,
                s.id, s.name, s.group_id, s.group_name, s.channel,
                e.id, e.name, e.group_id, e.group_name, e.permanent, e.channel,
            )  # fmt: skip
        elif s is not None:
            key = (channel, s.id, s.name, s.group_id, s.group_name, s.channel)
        elif e is not None:
            key = (channel, e.id, e.name, e.group_id, e.group_name, e.permanent, e.channel)
        else:
            key = (channel,)
        entry = self.facts.get(key)
        if entry is None:
            entry = self._new(key, result, channel)
        entry[0] += 1

    def _new(self, key: tuple[Any, ...], result: Result, channel: str | None) -> list[Any]:
        status, error = result.status, result.error
        group: Group | None = None
        if status is not None:
            known = status.group
            group = (
                (known.value, known.api_name, known.is_final)
                if known is not None
                else (status.group_id, _cut(status.group_name), None)
            )
        problem: Error | None = None
        if error is not None and not error.is_ok:
            problem = (error.channel, error.id, _cut(error.name), error.advice)
        shown = channel.lower() if channel is not None else self.channel
        facts: Facts = (_cut(shown), outcome(result), group, problem)
        if len(self.facts) < MAX_KINDS:
            entry = self.facts[key] = [0, facts]
            return entry
        # past the bound: the outcome and what to do are still counted right
        coarse: Facts = (
            OTHER,
            facts[1],
            None if group is None else (None, OTHER, None),
            None if problem is None else (None, None, OTHER, problem[3]),
        )
        return self.other.setdefault(coarse, [0, coarse])

    def add_http_error(self, error: ParsedHttpError) -> None:
        identifier = error.identifier
        facts: HttpFacts = (
            error.shape,
            None if identifier is None else _cut(str.__str__(identifier)),
            error.failure,
            error.retryable,
        )
        if facts not in self.http_errors and len(self.http_errors) >= MAX_KINDS:
            facts = (error.shape, OTHER, None, None)
        self.http_errors[facts] += 1

    def totals(self) -> Counter[Facts]:
        counts: Counter[Facts] = Counter()
        for count, facts in (*self.facts.values(), *self.other.values()):
            counts[facts] += count
        return counts


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _order(key: tuple[int | None, str | None]) -> tuple[int, str]:
    """Ids in order, None last, then names."""
    return (key[0] if key[0] is not None else 1 << 62, str(key[1]))


def summary(tally: Tally, read: int, filters: str, unreadable: int) -> dict[str, Any]:
    """The summary as data: what ``--summary --json`` writes, and the text shows
    (``read``: the results read, before any filter)."""
    counts = tally.totals()
    total = sum(counts.values())
    outcomes: Counter[str] = Counter()
    groups: Counter[Group] = Counter()
    group_outcomes: dict[Group, str] = {}
    errors: Counter[Error] = Counter()
    channels: dict[str | None, Counter[str]] = {}
    for (channel, result_outcome, group, error), count in counts.items():
        outcomes[result_outcome] += count
        if group is not None:
            groups[group] += count
            if group[2] is not None:  # a known group: one outcome for all its results
                group_outcomes[group] = result_outcome
        if error is not None and error[3] != OK:
            errors[error] += count
        channels.setdefault(channel, Counter())[result_outcome] += count

    def counted(count: int, of: int = total) -> dict[str, Any]:
        return {"count": count, "share": _share(count, of)}

    def each_outcome(found: Counter[str]) -> dict[str, Any]:
        size = sum(found.values())
        return {"count": size, **{name: counted(found[name], size) for name in OUTCOMES}}

    return {
        "results": total,
        "read": read,
        "filters": filters or None,
        "unreadable_lines": unreadable,
        "outcomes": {name: counted(outcomes[name]) for name in OUTCOMES},
        "without_status": counted(total - sum(groups.values())),
        "status_groups": [
            {
                "id": group[0],
                "name": group[1],
                "final": group[2],
                "outcome": group_outcomes.get(group, UNKNOWN),
                **counted(count),
            }
            for group, count in sorted(
                groups.items(), key=lambda item: (-item[1], *_order(item[0][:2]))
            )
        ],
        "errors": [
            {"channel": channel, "id": eid, "name": name, "action": todo, **counted(count)}
            for (channel, eid, name, todo), count in sorted(
                errors.items(), key=lambda item: (-item[1], *_order(item[0][1:3]), str(item[0]))
            )
        ],
        "channels": [
            {"channel": channel, **each_outcome(found)}
            for channel, found in sorted(
                channels.items(), key=lambda item: (-sum(item[1].values()), str(item[0]))
            )
        ],
        "http_errors": [
            {
                "shape": shape,
                "identifier": identifier,
                "failure": failure,
                "retryable": retryable,
                "count": count,
            }
            for (shape, identifier, failure, retryable), count in sorted(
                tally.http_errors.items(), key=lambda item: (-item[1], str(item[0]))
            )
        ],
    }
