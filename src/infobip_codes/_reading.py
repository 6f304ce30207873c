"""Reading what users hold: the JSON object, a pydantic model, an object with ``to_dict()``.

Shape is checked and content is not trusted: a field of the wrong type is a
:class:`PayloadError` naming it; strings and integers of any subclass (enum
members included) are read as their plain values through the built-in
types' own methods, so an odd subclass cannot change what is read. Keys come
in the API's camelCase or in snake_case.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol, Union

from infobip_codes._errors import PayloadError, plain_int, plain_str, preview, type_name

__all__ = [
    "ID_LIMIT",
    "HasToDict",
    "Model",
    "Payload",
    "Sent",
    "as_mapping",
    "flag",
    "items",
    "sent_fields",
    "text",
]

ID_LIMIT = 1 << 63
"""Ids are read as signed 64-bit integers: larger ones are malformed, not unknown."""


class Model(Protocol):
    """A pydantic v2 model, such as the objects of Infobip's Python SDK."""

    def model_dump(self, *, mode: str = ..., by_alias: bool = ...) -> dict[str, Any]: ...


class HasToDict(Protocol):
    """Any object that gives its fields as a dict."""

    def to_dict(self) -> dict[str, Any]: ...


Payload = Union[Mapping[str, Any], Model, HasToDict]  # noqa: UP007 (a runtime alias on 3.10)
"""What the parsers accept: the JSON object, a pydantic model, or an object with ``to_dict()``."""

Sent = tuple[int | None, str | None, int | None, str | None, str | None]
"""What a status or error object sends: id, name, groupId, groupName, description."""

_SNAKE = {"groupId": "group_id", "groupName": "group_name", "messageId": "message_id"}


def as_mapping(obj: object, where: str, what: str) -> Mapping[Any, Any]:
    """The object as a mapping: the JSON itself, a model's dump, or ``to_dict()``.

    A pydantic model is dumped in JSON mode under the API's names, so what is
    kept of it (a report's ``raw``) holds JSON values only: no ``datetime``,
    no SDK enum member.
    """
    if type(obj) is dict or isinstance(obj, Mapping):
        return obj
    if isinstance(obj, str | bytes | bytearray | int | float | list | tuple) or obj is None:
        raise PayloadError(where, f"expected {what} (a JSON object), found {preview(obj)}", obj)
    dump = getattr(type(obj), "model_dump", None)
    method = "model_dump()"
    options: dict[str, object] = {"mode": "json", "by_alias": True}
    if dump is None:
        dump = getattr(type(obj), "to_dict", None)
        method = "to_dict()"
        options = {}
    if not callable(dump):
        raise PayloadError(where, f"expected {what} (a JSON object), found {preview(obj)}", obj)
    try:
        data = dump(obj, **options)
    except Exception as exc:
        raise PayloadError(where, f"{method} of {preview(obj)} raised {type_name(exc)}") from None
    if not isinstance(data, Mapping):
        raise PayloadError(where, f"{method} of {preview(obj)} gave {preview(data)}", obj)
    return data


def _get(data: Mapping[Any, Any], key: str) -> Any:
    """A field under the API's camelCase name or its snake_case twin."""
    value = data.get(key)
    if value is None and key in _SNAKE:
        value = data.get(_SNAKE[key])
    return value


def _text(value: object, where: str, key: str) -> str | None:
    if value is None or type(value) is str:
        return value
    plain = plain_str(value)  # an enum's or subclass's plain text, not its str()
    if plain is not None:
        return plain
    raise PayloadError(f"{where}.{key}", f"expected a string, found {preview(value)}", value)


def _integer(value: object, where: str, key: str) -> int | None:
    if value is None or (type(value) is int and -ID_LIMIT <= value < ID_LIMIT):
        return value
    plain = plain_int(value)
    if plain is not None:
        if -ID_LIMIT <= plain < ID_LIMIT:
            return plain
        raise PayloadError(
            f"{where}.{key}", f"expected a 64-bit integer id, found {preview(value)}", value
        )
    raise PayloadError(f"{where}.{key}", f"expected an integer, found {preview(value)}", value)


def text(data: Mapping[Any, Any], key: str, where: str) -> str | None:
    """A text field (camelCase or snake_case key), or None."""
    return _text(_get(data, key), where, key)


def flag(data: Mapping[Any, Any], key: str, where: str) -> bool | None:
    """A ``true``/``false`` field, or None."""
    value = data.get(key)
    if value is None or value is True or value is False:
        return value
    raise PayloadError(f"{where}.{key}", f"expected true or false, found {preview(value)}", value)


def sent_fields(data: Mapping[Any, Any], where: str) -> Sent:
    """What a status or error object sends, each field checked for its type.

    Fields of exactly the types the API sends (a plain ``int`` id, plain
    strings, a group id and name under their camelCase keys) are taken as they
    are; anything else is read field by field, with the checks and the
    snake_case twins.
    """
    code_id = data.get("id")
    name = data.get("name")
    group_id = data.get("groupId")
    group_name = data.get("groupName")
    description = data.get("description")
    if (
        type(group_id) is int
        and type(group_name) is str
        and -ID_LIMIT <= group_id < ID_LIMIT
        and ((type(code_id) is int and -ID_LIMIT <= code_id < ID_LIMIT) or code_id is None)
        and (type(name) is str or name is None)
        and (type(description) is str or description is None)
    ):
        return (code_id, name, group_id, group_name, description)
    return (
        _integer(code_id, where, "id"),
        _text(name, where, "name"),
        _integer(_get(data, "groupId"), where, "groupId"),
        _text(_get(data, "groupName"), where, "groupName"),
        _text(description, where, "description"),
    )


def items(value: object, key: str) -> Iterator[tuple[int, Any]]:
    """The items under ``results`` or ``messages``, each with its index, one at a time.

    A list or a tuple, or any other ``Sequence``, read by index through its
    own methods as the items are parsed: never copied first, so the first bad
    item is reported at once whatever the length.
    """
    if type(value) is list or isinstance(value, tuple):
        yield from enumerate(value)
        return
    if not isinstance(value, Sequence) or isinstance(value, str | bytes | bytearray):
        raise PayloadError(key, f"expected a list, found {preview(value)}", value)
    try:
        size = len(value)
    except Exception as exc:
        raise PayloadError(key, f"could not be read ({type_name(exc)})", value) from None
    for index in range(size):
        try:
            item = value[index]
        except Exception as exc:
            where = f"{key}[{index}]"
            raise PayloadError(where, f"could not be read ({type_name(exc)})") from None
        yield index, item
