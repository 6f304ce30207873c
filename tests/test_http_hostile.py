"""parse_http_error on anything: nothing but PayloadError, short messages, nothing lost.

tests/test_parsing.py runs its hostile values and its Hypothesis strategies
over every parser, this one included; here are the inputs only this parser
takes (JSON text, exceptions carrying an answer, statuses and headers), and
bodies of its two shapes with anything in their fields.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parsing import (  # deep_recursion: a fixture, used by its name
    ODD_KEY,
    BrokenMapping,
    HugeRepr,
    LoudInt,
    LoudStr,
    deep_recursion,  # noqa: F401
)

from infobip_codes import PayloadError, parse_http_error


def problem(obj: object, **answer: Any) -> PayloadError | None:
    """What the parser says: a PayloadError, or None when the input parses."""
    try:
        repr(parse_http_error(obj, **answer))  # type: ignore[arg-type]  # any object at all
    except PayloadError as exc:
        return exc
    return None


def short(found: PayloadError | None) -> None:
    if found is not None:
        message = str(found)
        assert message.startswith(f"{found.field}: ")
        assert len(message) <= 300, message
        assert message.isprintable(), message


class Raising:
    """An exception-like object whose every attribute raises."""

    def __getattr__(self, name: str) -> object:
        raise RuntimeError(name)


class Answer(Exception):
    """An exception carrying an answer, as the SDK's does: anything in its attributes."""

    def __init__(self, status: object, body: object, headers: object = None) -> None:
        super().__init__()
        self.status = status
        self.body = body
        self.headers = headers


class Headers(Mapping[str, object]):
    """Headers whose items raise after the first."""

    def __getitem__(self, key: str) -> object:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield "Date"
        raise RuntimeError("iter")

    def __len__(self) -> int:
        return 2


def deep_text(depth: int) -> str:
    return '{"requestError": ' * depth + "1" + "}" * depth


HTTP_HOSTILE: dict[str, tuple[object, dict[str, Any]]] = {
    "JSON text 100k deep": (deep_text(100_000), {}),
    "JSON bytes 100k deep, with a status": (deep_text(100_000).encode(), {"status": 500}),
    "JSON text of a huge number": ('{"errorCode": ' + "9" * 10_000 + "}", {}),
    "text that is not UTF-8": (b'{"errorCode": "\xff"}', {}),
    "an exception whose attributes raise": (Raising(), {}),
    "an answer with a huge status": (Answer(10**5000, "{}"), {}),
    "an answer with an int subclass for a status": (Answer(LoudInt(503), ""), {}),
    "an answer with a str subclass for a body": (Answer(500, LoudStr('{"errorCode": "E500"}')), {}),
    "an answer with a mapping that raises for a body": (Answer(500, BrokenMapping()), {}),
    "an answer with a huge repr for a body": (Answer(500, HugeRepr()), {}),
    "an answer with headers that raise": (Answer(429, "", Headers()), {}),
    "headers that are a mapping that raises": ({"errorCode": "E429"}, {"headers": BrokenMapping()}),
    "a Retry-After of a million characters": (
        {"errorCode": "E429"},
        {"headers": {"Retry-After": "1" * 1_000_000}},
    ),
    "a Retry-After of a huge int": ({"errorCode": "E429"}, {"headers": {"Retry-After": 10**5000}}),
    "a Retry-After that is an odd str": (
        {"errorCode": "E429"},
        {"headers": {"Retry-After": LoudStr("5")}},
    ),
    "200k validation errors": (
        {
            "requestError": {
                "serviceException": {"validationErrors": {f"f{i}": ["x"] for i in range(200_000)}}
            }
        },
        {},
    ),
    "validation errors keyed by tuples": (
        {"requestError": {"serviceException": {"validationErrors": {(1, 2): ["x"]}}}},
        {},
    ),
    "violations that are lists": ({"errorCode": "E400", "violations": [[[[[]]]]] * 3}, {}),
    "control characters everywhere": (
        {"errorCode": "\x1b[2J", "description": "\u202e", "violations": [{"\x07": 1}]},
        {"headers": {"\x1b]0;owned\x07": "\x1b"}},
    ),
}


@pytest.mark.usefixtures("deep_recursion")
@pytest.mark.parametrize("case", list(HTTP_HOSTILE))
def test_hostile_inputs_parse_or_raise_a_short_payload_error(case: str) -> None:
    obj, answer = HTTP_HOSTILE[case]
    short(problem(obj, **answer))


def test_hostile_messages_say_what_was_found() -> None:
    def said(obj: object, **answer: Any) -> str:
        found = problem(obj, **answer)
        assert found is not None
        return str(found)

    assert said(deep_text(100_000)) in {
        "$: invalid JSON: nested deeper than 500 levels",
        "$: invalid JSON: nested too deeply",
    }
    assert said(Answer(10**5000, "")).startswith(
        "status: expected an HTTP status (an integer from 100 to 599), found int of about 5000"
    )
    assert said(Raising()) == "$: could not be read (RuntimeError)"
    assert said(Answer(500, BrokenMapping())) == "$: could not be read (RuntimeError)"
    assert (
        said({"errorCode": "E429"}, headers=BrokenMapping())
        == "$: could not be read (RuntimeError)"
    )


def test_odd_values_that_are_well_formed_parse() -> None:
    parsed = parse_http_error(Answer(LoudInt(503), LoudStr('{"errorCode": "E500"}')))
    assert parsed.status_code == 503
    assert type(parsed.status_code) is int
    assert type(parsed.identifier) is not LoudStr
    short(problem({"errorCode": LoudStr("E500")}))


# -- Hypothesis: both shapes, any fields ---------------------------------------------------

TEXT = st.text(max_size=12)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=10,
)
ODDITY = st.one_of(
    st.builds(LoudStr, TEXT),
    st.builds(LoudInt, st.integers()),
    st.just(BrokenMapping()),
    st.builds(HugeRepr),
    st.just(10**5000),
    st.binary(max_size=8),
)
FIELD = st.one_of(JSON, ODDITY, st.sampled_from(["E400", "E429", "BAD_REQUEST", "0", ""]))
DETAILS = st.fixed_dictionaries(
    {},
    optional={
        "messageId": FIELD,
        "text": FIELD,
        "validationErrors": FIELD | st.dictionaries(ODD_KEY, FIELD, max_size=3),
        "variables": FIELD,
    },
)
REQUEST_ERROR = st.fixed_dictionaries(
    {
        "requestError": FIELD
        | st.fixed_dictionaries(
            {}, optional={"serviceException": DETAILS | FIELD, "policyException": DETAILS | FIELD}
        )
    }
)
ITEM = st.fixed_dictionaries(
    {}, optional={"property": FIELD, "violation": FIELD, "name": FIELD, "url": FIELD}
)
API_ERROR = st.fixed_dictionaries(
    {"errorCode": FIELD},
    optional={
        "description": FIELD,
        "action": FIELD,
        "violations": st.lists(ITEM | FIELD, max_size=3) | FIELD,
        "resources": st.lists(ITEM | FIELD, max_size=3) | FIELD,
    },
)
BODY = st.one_of(REQUEST_ERROR, API_ERROR, FIELD)
HEADERS = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["Retry-After", "retry-after", "Date", "X"]) | TEXT,
        FIELD | st.sampled_from(["5", "Wed, 21 Oct 2015 07:28:00 GMT", "-1", "1e3"]),
        max_size=3,
    ),
    st.lists(st.tuples(TEXT, TEXT), max_size=3),
)
STATUS = st.none() | st.integers(min_value=90, max_value=610) | FIELD


@settings(max_examples=400, deadline=None)
@given(
    body=BODY, status=STATUS, headers=HEADERS, form=st.sampled_from(["object", "text", "raised"])
)
def test_any_body_status_and_headers_parse_or_raise_payload_error(
    body: Any, status: Any, headers: Any, form: str
) -> None:
    if form == "text":
        with contextlib.suppress(TypeError, ValueError):  # not JSON: the object itself then
            body = json.dumps(body)
        short(problem(body, status=status, headers=headers))
    elif form == "raised":
        short(problem(Answer(status, body, headers)))
    else:
        short(problem(body, status=status, headers=headers))


# -- well-formed bodies come back as they were sent ----------------------------------------

OPTIONAL_TEXT = st.none() | st.text(max_size=30)
WELL_FORMED = st.one_of(
    st.builds(
        lambda key, message_id, text, errors: {
            "requestError": {
                key: {
                    "messageId": message_id,
                    "text": text,
                    **({"validationErrors": errors} if errors else {}),
                }
            }
        },
        st.sampled_from(["serviceException", "policyException"]),
        OPTIONAL_TEXT | st.sampled_from(["BAD_REQUEST", "0", "SVC0002"]),
        OPTIONAL_TEXT,
        st.dictionaries(
            st.text(max_size=20), st.lists(st.text(max_size=20), max_size=3), max_size=3
        ),
    ),
    st.builds(
        lambda code, description, action, violations, resources: {
            "errorCode": code,
            "description": description,
            "action": action,
            "violations": [{"property": p, "violation": v} for p, v in violations],
            "resources": [{"name": n, "url": u} for n, u in resources],
        },
        st.text(max_size=10) | st.sampled_from(["E400", "E429"]),
        OPTIONAL_TEXT,
        OPTIONAL_TEXT,
        st.lists(st.tuples(OPTIONAL_TEXT, OPTIONAL_TEXT), max_size=3),
        st.lists(st.tuples(OPTIONAL_TEXT, OPTIONAL_TEXT), max_size=3),
    ),
)


@settings(max_examples=300, deadline=None)
@given(sent=WELL_FORMED, status=st.none() | st.integers(min_value=100, max_value=599))
def test_well_formed_bodies_round_trip_with_nothing_lost(
    sent: dict[str, Any], status: int | None
) -> None:
    parsed = parse_http_error(json.dumps(sent), status=status)
    assert parsed.to_dict() == sent
    assert parsed.raw == sent
    assert parse_http_error(sent, status=status) == parsed
    assert parsed.known == (parsed.code is not None)
    assert parsed.status_code == status
