"""Types that never lie: what each overload declares is what it returns, for every row.

The declared types are read from the generated modules themselves (each
``@overload`` of ``parsing.py`` and ``lookup.py``, each enum's fact
properties), evaluated in their modules, never restated here. Every value
each entry point returns for every channel literal and every row of the
catalogue (its names, aliases, groups, the spellings every channel sends,
and ids nobody knows) is checked against them, down to the attributes of
the parsed values.
"""

from __future__ import annotations

import ast
import collections.abc
import inspect
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import pytest

import infobip_codes
from infobip_codes import (
    CHANNELS,
    CodeEnum,
    ErrorCodeEnum,
    lookup,
    parsing,
    records,
)

PACKAGE = Path(infobip_codes.__file__).parent
Declared = dict[str | None, object]
"""A function's declared return type per channel literal (None: no channel)."""


def declared(module: types.ModuleType, name: str) -> Declared:
    """Each overload's return type by its ``channel`` literal, evaluated in its module."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    found: Declared = {}
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name == name):
            continue
        if not any(ast.unparse(d) == "overload" for d in node.decorator_list):
            continue
        channel = next(a for a in node.args.args if a.arg == "channel")
        annotation = ast.unparse(channel.annotation) if channel.annotation else ""
        literal = typing.cast(Any, eval(annotation, vars(module)))
        key = get_args(literal)[0] if get_origin(literal) is Literal else None
        assert node.returns is not None
        found[key] = eval(ast.unparse(node.returns), vars(module))
    assert set(found) == {*CHANNELS, None}, name
    return found


# -- whether a value is what a type says ------------------------------------------------------


_BINDINGS: dict[type, dict[object, object]] = {}
_PROPERTIES: dict[type, dict[str, object]] = {}  # a class's declarations, read once a class


def _bindings(cls: type) -> dict[object, object]:
    """The type variables a class's generic bases bind (``VoiceStatus``: S -> its codes)."""
    if cls in _BINDINGS:
        return _BINDINGS[cls]
    bound: dict[object, object] = {}
    for klass in reversed(cls.__mro__):
        for base in getattr(klass, "__orig_bases__", ()):
            origin = get_origin(base)
            params = getattr(origin, "__parameters__", ())
            for param, arg in zip(params, get_args(base), strict=False):
                bound[param] = bound.get(arg, arg)
    _BINDINGS[cls] = bound
    return bound


def _properties(cls: type) -> dict[str, object]:
    """Every public property of a class with its declared return type."""
    if cls in _PROPERTIES:
        return _PROPERTIES[cls]
    found: dict[str, object] = {}
    for name in dir(cls):
        attribute = inspect.getattr_static(cls, name)
        if name.startswith("_") or not isinstance(attribute, property):
            continue
        fget = typing.cast(Callable[..., object], attribute.fget)
        owner = inspect.getmodule(fget)
        hints = typing.get_type_hints(fget, vars(owner))
        found[name] = hints["return"]
    _PROPERTIES[cls] = found
    return found


def conforms(value: object, declared_type: object, bound: dict[object, object]) -> str | None:
    """None when ``value`` is of ``declared_type`` (recursively), else why not."""
    if isinstance(declared_type, TypeVar):
        declared_type = bound.get(declared_type, declared_type.__bound__)
    if declared_type is None or declared_type is type(None):
        return None if value is None else f"{value!r} is not None"
    if declared_type is Any or declared_type is object:
        return None
    origin = get_origin(declared_type)
    args = get_args(declared_type)
    if origin is Union or isinstance(declared_type, types.UnionType):
        reasons = [conforms(value, arg, bound) for arg in args]
        return None if None in reasons else f"{value!r} is none of {declared_type}: {reasons}"
    if origin is Literal:
        return None if any(value is a for a in args) else f"{value!r} is not in {declared_type}"
    if origin is tuple:
        if not isinstance(value, tuple):
            return f"{value!r} is not a tuple"
        return next((r for item in value if (r := conforms(item, args[0], bound))), None)
    if origin is collections.abc.Iterator:
        return None  # materialised by the caller, and checked item by item
    if origin is not None and not origin.__module__.startswith("infobip_codes"):
        return None if isinstance(value, origin) else f"{value!r} is not a {origin.__name__}"
    if origin is not None:  # a parametrised generic of the package
        if not isinstance(value, origin):
            return f"{value!r} is not a {origin.__name__}"
        inner = dict(bound)
        inner.update(
            (param, bound.get(arg, arg))
            for param, arg in zip(origin.__parameters__, args, strict=True)
        )
        return _attributes_conform(value, inner)
    if not isinstance(value, typing.cast(type, declared_type)):
        return f"{value!r} is not a {declared_type}"
    return _attributes_conform(value, {**bound, **_bindings(type(value))})


def _attributes_conform(value: object, bound: dict[object, object]) -> str | None:
    if not isinstance(value, (parsing.ParsedStatus, parsing.ParsedError, parsing.ParsedReport)):
        return None
    bound = {**_bindings(type(value)), **bound}
    for name, declared_type in _properties(type(value)).items():
        problem = conforms(getattr(value, name), declared_type, bound)
        if problem is not None:
            return f"{type(value).__name__}.{name}: {problem}"
    return None


# -- every row, as payloads of every shape ----------------------------------------------------

GENERAL_SPELLINGS: list[dict[str, object]] = [
    {"id": 0, "groupId": 0, "groupName": "OK", "name": "NO_ERROR", "permanent": False},
    {"id": 0, "groupId": 0},
    {"name": "NO_ERROR", "groupName": "OK"},
    {"name": "no_error", "groupName": "Ok"},
]


def payloads() -> Iterator[dict[str, object]]:
    """Each row by id, by name, by alias, with and without its group; then the unknown."""
    group_ids: set[int] = set()
    for row in records():
        for name in (row.name, row.member, *row.aliases):
            yield {"id": row.id, "name": name}
            yield {"name": name.lower(), "groupName": row.group_name}
        yield {"id": row.id, "groupId": row.group_id, "groupName": row.group_name}
        yield {"id": row.id, "groupId": (row.group_id or 0) + 1, "permanent": True}
        if row.group_id is not None:
            group_ids.add(row.group_id)
    for group_id in sorted(group_ids):
        yield {"id": 99_999, "groupId": group_id}
        yield {"groupId": group_id}
    yield from GENERAL_SPELLINGS


PAYLOADS = list(payloads())
CHANNEL_ARGS: list[str | None] = [*CHANNELS, None]


@pytest.mark.parametrize("channel", CHANNEL_ARGS, ids=str)
@pytest.mark.parametrize("name", ["parse_status", "parse_error", "parse_report", "iter_report"])
def test_every_parser_returns_what_it_declares(name: str, channel: str | None) -> None:
    declared_type = declared(parsing, name)[channel]
    parse = getattr(infobip_codes, name)
    checked = 0
    for payload in PAYLOADS:
        if name == "iter_report":
            import json

            value: object = tuple(
                parse([json.dumps({"messageId": "m", "error": payload})], channel)
            )
            declared_here: object = tuple[get_args(declared_type)[0], ...]  # type: ignore[misc]
        elif name == "parse_report":
            value = parse(
                {"results": [{"messageId": "m", "status": payload, "error": payload}]}, channel
            )
            declared_here = declared_type
        else:
            value = parse(payload, channel)
            declared_here = declared_type
        problem = conforms(value, declared_here, {})
        assert problem is None, (payload, problem)
        checked += 1
    assert checked == len(PAYLOADS)


@pytest.mark.parametrize("channel", CHANNEL_ARGS, ids=str)
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("status_by_id", "id"),
        ("error_by_id", "id"),
        ("status_by_name", "name"),
        ("error_by_name", "name"),
    ],
)
def test_every_lookup_returns_what_it_declares(name: str, key: str, channel: str | None) -> None:
    declared_type = declared(lookup, name)[channel]
    look_up = getattr(infobip_codes, name)
    arguments = {p[key] for p in PAYLOADS if key in p}
    found = 0
    for argument in sorted(arguments, key=str):
        value = look_up(argument, channel)
        found += value is not None
        assert conforms(value, declared_type, {}) is None, (argument, value, declared_type)
    assert found  # not a test of None alone


def test_every_member_s_facts_are_what_its_enum_declares() -> None:
    enums = {type(m) for m in map(infobip_codes.member_of, records())}
    for enum in enums:
        facts = _properties(enum)
        for member in enum:
            for name in ("group", "permanent", "status"):
                if name in facts:
                    assert conforms(getattr(member, name), facts[name], {}) is None, (member, name)
    assert any(issubclass(e, ErrorCodeEnum) for e in enums)
    assert all(issubclass(e, CodeEnum) for e in enums)
