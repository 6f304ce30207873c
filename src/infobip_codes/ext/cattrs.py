"""cattrs: one call registers the package's types on a converter.

``register(converter)`` teaches a cattrs converter (``cattrs.Converter``, a
preconf JSON converter, any ``BaseConverter``):

- a field typed with a code or group enum, ``SmsErrorCode``, takes an id the
  enum knows (``from_id``'s rule: ``True`` and ``27.0`` are no ids) and
  fails on any other;
- a field typed ``SmsErrorCode | int`` (``| None`` too) takes the member, or
  the plain ``int`` of an id the enum does not know;
- ``ParsedStatus``, ``ParsedError`` and ``ParsedReport`` fields, their
  subclasses and parametrised forms included, are read from the API's JSON
  objects through the package's parse functions, and written as
  ``to_dict()``; records are written as ``to_dict()``.

Enum members are written as their id, as cattrs writes any enum member.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from cattrs import BaseConverter

import infobip_codes
from infobip_codes.ext._shared import has_plain_form, is_enum, member, member_or_int, plain, reader

__all__ = ["register"]

_NONE = type(None)


def _enum_or_int(annotation: Any) -> Any:
    """The enum of ``E | int`` or ``E | int | None``, else None."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return None
    args = [arg for arg in get_args(annotation) if arg is not _NONE]
    if len(args) != 2 or int not in args:
        return None
    enum = args[0] if args[1] is int else args[1]
    return enum if is_enum(enum) else None


def _structure_member(value: Any, annotation: Any) -> Any:
    return member(annotation, value)


def _structure_member_or_int(value: Any, annotation: Any) -> Any:
    if value is None and _NONE in get_args(annotation):
        return None
    return member_or_int(_enum_or_int(annotation), value)


def _structure_parsed(value: Any, annotation: Any) -> Any:
    read = reader(annotation)
    assert read is not None  # the predicate asked the same
    return read(value)


def _unstructure_plain(value: Any) -> Any:
    found = plain(value)
    if found is None:  # a field typed as a parsed type or record that holds something else
        raise TypeError(f"expected a parsed value or a record, found {type(value).__name__}")
    return found


def register(converter: BaseConverter) -> None:
    """Register the package's structure and unstructure hooks on ``converter``.

    cattrs gives hooks registered later precedence: register hooks of your own
    that should win over these after this call.
    """
    # by class, as cattrs registers Enum itself: the nearer base class wins
    for base in (infobip_codes.CodeEnum, infobip_codes.GroupEnum):
        converter.register_structure_hook(base, _structure_member)
    converter.register_structure_hook_func(
        lambda annotation: _enum_or_int(annotation) is not None, _structure_member_or_int
    )
    converter.register_structure_hook_func(
        lambda annotation: reader(annotation) is not None, _structure_parsed
    )
    converter.register_unstructure_hook_func(has_plain_form, _unstructure_plain)
