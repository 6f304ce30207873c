"""Hostile input to the parsers and look-ups: bounded work, and only the documented errors.

Each case here once escaped as another exception, or cost time and memory in
proportion to an input the parser never needed to read whole.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import infobip_codes as ic
from infobip_codes import PayloadError, SmsErrorCode, iter_report, parse_report


class Liar:
    """An object whose ``__class__`` claims a type it is not."""

    def __init__(self, claims: type) -> None:
        self._claims = claims

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return self._claims

    def __hash__(self) -> int:
        raise RuntimeError("no hash")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")


class HugeSequence(Sequence[object]):
    """A sequence that says it is as long as the interpreter allows."""

    def __len__(self) -> int:
        return sys.maxsize

    def __getitem__(self, index: Any) -> Any:
        return 0


# -- item 7: a sequence is read as it is parsed, never copied first ---------------------


@pytest.mark.parametrize("results", [range(10**8), HugeSequence()], ids=["range", "maxsize"])
def test_a_long_sequence_fails_at_its_first_bad_item(results: Sequence[object]) -> None:
    with pytest.raises(PayloadError, match=r"^\$\.results\[0\]: expected a result"):
        parse_report({"results": results})


# -- item 10: iter_report lets only PayloadError out ------------------------------------


class ExplodingStr(str):
    __slots__ = ()

    def __bool__(self) -> bool:
        raise RuntimeError("no bool")

    def split(self, *args: Any, **kwargs: Any) -> list[str]:
        raise RuntimeError("no split")

    def strip(self, *args: Any) -> str:
        raise RuntimeError("no strip")


def exploding_lines() -> Iterator[str]:
    yield '{"messageId": "a", "status": {"id": 5}}'
    raise RuntimeError("the source broke")


def test_lines_that_are_not_what_they_claim_are_line_errors() -> None:
    errors: list[PayloadError] = []
    lines: list[Any] = [
        Liar(str),
        ExplodingStr('{"messageId": "b", "status": {"id": 5}}'),
        ExplodingStr("   "),
        '{"messageId": "c"}',
    ]
    got = [r.message_id for r in iter_report(lines, on_error=errors.append)]
    assert got == ["b", "c"]  # a str subclass is read by its text, whatever its methods do
    assert [e.line for e in errors] == [1]
    assert "could not be read" in str(errors[0])
    with pytest.raises(PayloadError):
        list(iter_report(lines))
    text_subclass = ExplodingStr('{"messageId": "d"}\n{"messageId": "e"}')
    assert [r.message_id for r in iter_report(text_subclass)] == ["d", "e"]


def test_an_iterable_that_fails_while_read_ends_the_stream_with_a_payload_error() -> None:
    errors: list[PayloadError] = []
    got = [r.message_id for r in iter_report(exploding_lines(), on_error=errors.append)]
    assert got == ["a"]
    assert len(errors) == 1
    assert errors[0].line == 2
    assert "could not be read (RuntimeError)" in str(errors[0])
    with pytest.raises(PayloadError, match="could not be read"):
        list(iter_report(exploding_lines()))


def test_a_text_mode_file_with_an_undecodable_byte_is_reported_and_read_on() -> None:
    good = '{"messageId": "ok"}\n'
    # the bad byte sits in a block of its own, after the first and before the last good line
    data = good.encode() + b'{"messageId": "\xff"}\n' + b" " * 20_000 + b"\n" + good.encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.ndjson"
        path.write_bytes(data)
        errors: list[PayloadError] = []
        with path.open(encoding="utf-8") as lines:
            got = [r.message_id for r in iter_report(lines, on_error=errors.append)]
    assert got[-1] == "ok"  # the lines after the unreadable part are read on
    assert len(errors) == 1
    assert "not UTF-8 text" in str(errors[0])
    errors.clear()  # binary mode: the same line reported, the rest read
    got = [r.message_id for r in iter_report(io.BytesIO(data), on_error=errors.append)]
    assert got == ["ok", "ok"]
    assert [e.line for e in errors] == [2]


def test_bytes_are_utf8_and_never_guessed_to_be_utf16() -> None:
    # json.loads alone reads bytes that begin b"\xff\xfe" as UTF-16: a stray line of a
    # log would then be "empty" JSON, or worse, a different value
    errors: list[PayloadError] = []
    lines = [b'{"messageId": "a"}', b"\xff\xfe", '{"messageId": "b"}'.encode("utf-16")]
    got = [r.message_id for r in iter_report(lines, on_error=errors.append)]
    assert got == ["a"]
    assert [e.line for e in errors] == [2, 3]
    assert all("not UTF-8 text" in str(e) for e in errors)
    bom = b"\xef\xbb\xbf" + b'{"messageId": "c"}'  # UTF-8's own mark is read past
    assert [r.message_id for r in iter_report([bom])] == ["c"]


def test_json_nests_as_deep_as_the_bound_and_no_deeper_on_every_python() -> None:
    from infobip_codes._stream import MAX_DEPTH

    def line(depth: int) -> str:  # a result whose "to" nests ``depth`` levels in all
        inner = "[" * (depth - 1) + "]" * (depth - 1)
        return '{"messageId": "m", "to": ' + inner + "}"

    assert [r.message_id for r in iter_report([line(MAX_DEPTH)])] == ["m"]
    with pytest.raises(PayloadError, match=f"nested deeper than {MAX_DEPTH} levels"):
        list(iter_report([line(MAX_DEPTH + 1)]))
    brackets_in_strings = '{"messageId": "' + "[" * 10_000 + '"}'  # text, not nesting
    assert [r.message_id for r in iter_report([brackets_in_strings])] == ["[" * 10_000]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)  # an application that raised it is not crashed either
    try:
        with pytest.raises(PayloadError, match="nested deeper"):
            list(iter_report([line(100_000).encode()]))
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    # Python's json reads them; a value holding one could not be written as JSON again
    errors: list[PayloadError] = []
    line = '{"messageId": "m", "price": ' + constant + "}"
    found = [
        r.message_id for r in iter_report([line, '{"messageId": "n"}'], on_error=errors.append)
    ]
    assert found == ["n"]
    assert [str(e) for e in errors] == [f"line 1: $: invalid JSON: {constant} is no JSON number"]


# -- item 11: look-ups documented as never raising do not raise ---------------------------


LIARS = [Liar(int), Liar(str), Liar(bool)]


@pytest.mark.parametrize("value", LIARS, ids=lambda v: f"claims {v.__class__.__name__}")
def test_look_ups_answer_none_to_objects_that_lie_about_their_class(value: object) -> None:
    assert SmsErrorCode.from_id(value) is None
    assert SmsErrorCode.from_name(value) is None
    assert ic.StatusGroup.from_id(value) is None
    assert ic.error_by_id(value) is None  # type: ignore[call-overload]
    assert ic.error_by_id(value, "sms") is None  # type: ignore[call-overload]
    assert ic.status_by_name(value) is None  # type: ignore[call-overload]
    assert ic.error_by_name(value, channel="voice") is None  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "channel",
    [*LIARS, ["sms"], 3.5, b"sms"],
    ids=["claims int", "claims str", "claims bool", "a list", "a float", "bytes"],
)
def test_a_channel_that_is_none_is_a_value_error(channel: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: ic.error_by_id(27, channel),  # type: ignore[call-overload]
        lambda: ic.status_by_name("x", channel),  # type: ignore[call-overload]
        lambda: ic.parse_error({"id": 27}, channel),  # type: ignore[call-overload]
        lambda: ic.parse_report({"messageId": "m"}, channel),  # type: ignore[call-overload]
        lambda: ic.iter_report([], channel),  # type: ignore[call-overload]  # at the call
    ]
    for call in calls:
        with pytest.raises(ValueError, match=r"unknown channel .*; expected one of: sms"):
            call()
