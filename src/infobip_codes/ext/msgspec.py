"""msgspec: hooks that keep unknown ids and write parsed values in the API's shape.

msgspec decodes an enum field itself, and fails on an id the enum does not
list; and it refuses ``SmsErrorCode | int``, a union of two integer types.
To keep unknown ids, annotate the field ``OrInt[SmsErrorCode]``: type
checkers read it as ``SmsErrorCode | int``, and ``dec_hook`` decodes it to
the member, or to the plain ``int`` of an id the enum does not know.

``dec_hook`` also reads ``ParsedStatus``, ``ParsedError`` and ``ParsedReport``
fields (and their subclasses) from the API's JSON objects, through the
package's parse functions; ``enc_hook`` writes them, and records, as
``to_dict()``. Enum members need neither: msgspec writes their id.

    msgspec.json.decode(data, type=Delivery, dec_hook=dec_hook)
    msgspec.json.encode(delivery, enc_hook=enc_hook)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeAlias, Union, get_args

from infobip_codes.ext._shared import E, member_or_int, origin_of, plain, reader

__all__ = ["OrInt", "dec_hook", "enc_hook"]

if TYPE_CHECKING:
    OrInt: TypeAlias = Union[E, int]  # noqa: UP007 (a generic alias on 3.10)
else:

    class _IntLike(type):
        """msgspec checks what ``dec_hook`` returns with isinstance: any plain id passes."""

        def __instancecheck__(cls, value: object) -> bool:
            return isinstance(value, int) and not isinstance(value, bool)

    class OrInt(Generic[E], metaclass=_IntLike):
        """``OrInt[SmsErrorCode]``: a member of the enum, or the ``int`` of an id it
        does not know. To msgspec a type of its own, which ``dec_hook`` decodes;
        to type checkers ``SmsErrorCode | int``, which is what a field holds."""

        __slots__ = ()

        def __new__(cls, *args: object, **kwargs: object) -> OrInt[Any]:
            raise TypeError("OrInt[...] is an annotation: its values are members and ints")


def dec_hook(annotation: Any, obj: Any) -> Any:
    """msgspec's ``dec_hook``: ``OrInt[...]`` fields and the parsed types.

    An id that is no integer is a ``TypeError``, and a malformed API object a
    ``PayloadError`` (a ValueError): msgspec reports either as a
    ``ValidationError`` naming the field.
    """
    if origin_of(annotation) is OrInt:
        return member_or_int(get_args(annotation)[0], obj)
    read = reader(annotation)
    if read is None:
        raise NotImplementedError(f"infobip_codes.ext.msgspec does not decode {annotation!r}")
    return read(obj)


def enc_hook(obj: Any) -> Any:
    """msgspec's ``enc_hook``: parsed values and records as ``to_dict()``."""
    found = plain(obj)
    if found is None:
        raise NotImplementedError(f"infobip_codes.ext.msgspec does not encode {type(obj)!r}")
    return found
