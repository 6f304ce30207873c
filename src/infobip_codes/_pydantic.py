"""pydantic v2 support: the enums' JSON schema, and the parsed values as field types.

Nothing here imports pydantic up front: pydantic calls the classes' hooks,
and by then ``pydantic_core`` is loaded. The classes are handed in, so this
module depends on no other part of the package but the parser's exception.

* An enum validates as pydantic validates any ``IntEnum`` (so ``strict`` and
  ``use_enum_values`` mean what they mean everywhere); its JSON schema names
  every member with its meaning (``oneOf`` with ``const``, ``title`` and
  ``description``, plus ``x-enum-varnames`` and ``x-enum-descriptions``), so
  an OpenAPI page shows ``27 EC_ABSENT_SUBSCRIBER: The subscriber is offline``.
* A parsed type runs the parser: a code Infobip added last week is a value,
  not a validation error; a malformed object is a validation error at its
  field; the value serialises to the API's JSON shape (``to_dict()``).
"""

from __future__ import annotations

import inspect
from typing import Any

from infobip_codes._errors import PayloadError

__all__ = ["enum_core_schema", "enum_json_schema", "parsed_core_schema", "parsed_json_schema"]


def enum_core_schema(cls: Any, source: Any, handler: Any) -> Any:
    """pydantic's own validation of the enum, with a short message for an unknown id.

    What is accepted, in lax and strict mode, and ``use_enum_values``, are
    pydantic's; only the message changes, from a list of every id to
    "Input should be an id of SmsErrorCode".
    """
    from pydantic_core import PydanticCustomError, ValidationError, core_schema

    def shorter(value: object, validate: Any) -> Any:
        try:
            return validate(value)
        except ValidationError as exc:
            if any(error["type"] == "enum" for error in exc.errors()):
                raise PydanticCustomError(
                    "enum", "Input should be an id of {enum}", {"enum": cls.__name__}
                ) from None
            raise

    # one definition per enum, referenced wherever it is used (an OpenAPI component)
    ref = f"{cls.__module__}.{cls.__qualname__}:{id(cls)}"
    return core_schema.no_info_wrap_validator_function(shorter, handler(source), ref=ref)


def enum_json_schema(cls: Any, schema: Any, handler: Any) -> dict[str, Any]:
    """pydantic's own schema for the enum, with every member's name and meaning added."""
    json_schema: dict[str, Any] = handler(schema)
    target = handler.resolve_ref_schema(json_schema)
    members = list(cls.__members__.values())
    if not members:  # a base class (StatusCodeEnum): a member of any of its subclasses
        target.pop("enum", None)
        target["type"] = "integer"
        return json_schema
    listed = []
    one_of = []
    descriptions = []
    for member in members:
        title = f"{member.value} {member.api_name}"
        meaning = member.description
        listed.append(f"- {title}" if meaning is None else f"- {title}: {meaning}")
        entry = {"const": member.value, "title": title}
        if meaning is not None:
            entry["description"] = meaning
        one_of.append(entry)
        descriptions.append(meaning or "")
    intro = inspect.cleandoc(cls.__doc__ or cls.__name__)
    target["description"] = intro + "\n\n" + "\n".join(listed)
    target["oneOf"] = one_of
    target["x-enum-varnames"] = [member.name for member in members]
    target["x-enum-descriptions"] = descriptions
    return json_schema


def parsed_core_schema(cls: Any, source: Any, handler: Any) -> Any:
    """A field of a parsed type: the parser validates, ``to_dict()`` serialises.

    The channel comes from the type: a channel's own class (``VoiceReport``),
    or a parametrisation of a base that names one; a bare base parses with
    no channel. A value parsed for another channel is read again, for this one.
    """
    from pydantic_core import PydanticCustomError, core_schema

    channel = cls._channel_of(source)

    def validate(value: object) -> object:
        try:
            return cls._coerce(value, channel)
        except PayloadError as exc:
            raise PydanticCustomError(
                "infobip_payload", "{problem}", {"problem": str(exc), "field": exc.field}
            ) from None

    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(_to_dict),
    )


def _to_dict(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    return value if to_dict is None else to_dict()


def _nullable(kind: str, description: str) -> dict[str, Any]:
    return {"anyOf": [{"type": kind}, {"type": "null"}], "description": description}


def parsed_json_schema(cls: Any, schema: Any, handler: Any) -> dict[str, Any]:
    """The API's object a parsed type reads and writes (a new dict: pydantic may edit it)."""
    kinds: tuple[str, ...] = cls._kinds
    name = cls.__name__
    if len(kinds) == 2:
        return {
            "type": "object",
            "title": name,
            "description": "One result of a report, response or log: its messageId, status, "
            "error, and any other field it has.",
            "properties": {
                "messageId": _nullable("string", "The message's id."),
                "status": {"anyOf": [_code_schema("status", "ParsedStatus"), {"type": "null"}]},
                "error": {"anyOf": [_code_schema("error", "ParsedError"), {"type": "null"}]},
            },
        }
    return _code_schema(kinds[0], name)


def _code_schema(kind: str, title: str) -> dict[str, Any]:
    properties = {
        "groupId": _nullable("integer", "The group's id."),
        "groupName": _nullable("string", "The group's name, in any case."),
        "id": _nullable("integer", "The code's id; one the catalogue does not know is valid too."),
        "name": _nullable("string", "The code's name."),
        "description": _nullable("string", "What the code means."),
    }
    if kind == "error":
        properties["permanent"] = _nullable(
            "boolean", "Whether a retry cannot help; null where nobody says."
        )
    article = "An" if kind == "error" else "A"
    return {
        "type": "object",
        "title": title,
        "description": f"{article} {kind} object: at least one of id, name, groupId, groupName.",
        "properties": properties,
        "anyOf": [{"required": [key]} for key in ("id", "name", "groupId", "groupName")],
    }
