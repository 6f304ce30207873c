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

__all__ = [
    "code_object_schema",
    "enum_core_schema",
    "enum_json_schema",
    "member_schema",
    "parsed_core_schema",
    "report_object_schema",
]


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
    Its JSON schema is the API's object, one component per type and channel,
    whose ``id`` references the code enums the channel's values hold (and
    admits any integer: an id Infobip adds later is valid).
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

    shape = cls._api_schema(channel, handler)
    name = cls.__name__ if cls._for is not None or channel is None else f"{cls.__name__}_{channel}"
    return core_schema.no_info_plain_validator_function(
        validate,
        ref=f"{cls.__module__}.{name}:{id(cls)}",
        json_schema_input_schema=shape,
        serialization=core_schema.plain_serializer_function_ser_schema(
            _to_dict, return_schema=shape
        ),
    )


def _to_dict(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    return value if to_dict is None else to_dict()


def _nullable(schema: Any, name: str, about: str) -> Any:
    from pydantic_core import core_schema

    updates = {"pydantic_js_updates": {"title": name, "description": about}}
    return core_schema.typed_dict_field(
        core_schema.nullable_schema(schema), required=False, metadata=updates
    )


def member_schema(member: Any) -> Any:
    """One member a channel's codes may be besides its own enum's: a titled constant."""
    from pydantic_core import core_schema

    about = {"title": f"{member.value} {member.api_name}"}
    if member.description is not None:
        about["description"] = member.description
    return core_schema.literal_schema([member.value], metadata={"pydantic_js_extra": about})


def code_object_schema(kind: str, title: str, ids: list[Any]) -> Any:
    """A status or error object as the API sends it; ``ids`` are the schemas of the
    code enums (and single members) its ``id`` may be, besides any integer."""
    from pydantic_core import core_schema

    any_id = core_schema.union_schema([*ids, core_schema.int_schema()])
    fields = {
        "groupId": _nullable(core_schema.int_schema(), "groupId", "The group's id."),
        "groupName": _nullable(core_schema.str_schema(), "groupName", "The group's name."),
        "id": _nullable(any_id, "id", "The code's id; one the catalogue lacks is valid too."),
        "name": _nullable(core_schema.str_schema(), "name", "The code's name."),
        "description": _nullable(core_schema.str_schema(), "description", "What it means."),
    }
    if kind == "error":
        fields["permanent"] = _nullable(
            core_schema.bool_schema(), "permanent", "Whether a retry cannot help."
        )
    article = "An" if kind == "error" else "A"
    about = f"{article} {kind} object: at least one of id, name, groupId, groupName."
    return core_schema.typed_dict_schema(
        fields, cls_name=title, metadata={"pydantic_js_extra": {"description": about}}
    )


def report_object_schema(title: str, status: Any, error: Any) -> Any:
    """One result as the API sends it: its id, status and error, and any other field."""
    from pydantic_core import core_schema

    fields = {
        "messageId": _nullable(core_schema.str_schema(), "messageId", "The message's id."),
        "status": _nullable(status, "status", "Where the message is."),
        "error": _nullable(error, "error", "What went wrong, if anything."),
    }
    about = (
        "One result of a report, response or log: its messageId, status, error, and any "
        "other field it has."
    )
    return core_schema.typed_dict_schema(
        fields,
        cls_name=title,
        extra_behavior="allow",
        metadata={"pydantic_js_extra": {"description": about}},
    )


def http_error_object_schema(title: str) -> Any:
    """Either body a failed request is answered with: a request error, or an API error."""
    from pydantic_core import core_schema

    text = core_schema.str_schema()
    pair = {"property": ("property", "The field at fault."), "violation": ("violation", "Why.")}
    violation = core_schema.typed_dict_schema(
        {key: _nullable(text, *about) for key, about in pair.items()}
    )
    link = {"name": ("name", "What the page is."), "url": ("url", "Where it is.")}
    resource = core_schema.typed_dict_schema(
        {key: _nullable(text, *about) for key, about in link.items()}
    )
    request_error = core_schema.typed_dict_schema(
        {
            "requestError": core_schema.typed_dict_field(
                core_schema.dict_schema(text, core_schema.any_schema()),
                metadata={"pydantic_js_updates": {"title": "requestError"}},
            )
        },
        extra_behavior="allow",
        metadata={"pydantic_js_extra": {"description": "A request error."}},
    )
    api_error = core_schema.typed_dict_schema(
        {
            "errorCode": core_schema.typed_dict_field(
                text, metadata={"pydantic_js_updates": {"title": "errorCode"}}
            ),
            "description": _nullable(text, "description", "What went wrong."),
            "action": _nullable(text, "action", "What to do about it."),
            "violations": _nullable(
                core_schema.list_schema(violation), "violations", "Each field at fault."
            ),
            "resources": _nullable(
                core_schema.list_schema(resource), "resources", "Pages that help."
            ),
        },
        extra_behavior="allow",
        metadata={"pydantic_js_extra": {"description": "An API error."}},
    )
    about = "An HTTP error body: a request error or an API error."
    return core_schema.union_schema(
        [request_error, api_error],
        metadata={"pydantic_js_extra": {"title": title, "description": about}},
    )
