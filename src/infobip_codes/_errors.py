"""The parser's one exception, the short, safe previews its messages show, and
the plain ints and strings every reader takes of a value.

Every message names the field (``$.results[2].status.id``) and shows at most a
short preview of what was found: a value's type and a cut ``repr``, a
container's size, a huge integer's number of digits. Nothing in a preview
calls a method the value's own class may have overridden, so no input can
make building the message raise, hang, or grow past a few hundred characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["PayloadError", "key_text", "keys", "plain_int", "plain_str", "preview", "type_name"]

_PREVIEW = 60  # characters of a value shown in a message
_KEYS_SHOWN = 8  # keys of an object listed in a message
_KEY_TEXT = 40  # characters of one key shown
_KEYS_ROOM = 160  # characters of keys listed in a message
_NAME_TEXT = 40  # characters of a type's name shown


class PayloadError(ValueError):
    """A payload is not shaped like the API's objects.

    ``field`` is the path of the offending field (``"$.results[2].status.id"``),
    or ``"$"`` for the object itself; ``value`` is what was found there;
    ``line`` is the line of a stream it came from, or None.
    """

    def __init__(self, field: str, problem: str, value: object = None, line: int | None = None):
        self.field = field
        self.problem = problem
        self.value = value
        self.line = line
        where = field if line is None else f"line {line}: {field}"
        super().__init__(f"{where}: {problem}")

    def under(self, path: str) -> PayloadError:
        """The same problem, its field found under ``path``: a problem at ``$.id`` of a
        result's status, under ``$.results[2].status``, is at ``$.results[2].status.id``.

        The parser names fields relative to the object it reads (``$``) and the
        caller places them: no path is put together unless something is wrong.
        """
        return PayloadError(path + self.field[1:], self.problem, self.value, self.line)


def preview(value: object) -> str:
    """A short, safe description of any value: its type and a cut ``repr``.

    Containers are shown by type and size only, so a deep or huge structure is
    never walked; integers too long to print are shown by their size. Only the
    built-in types' own methods are called, so an odd subclass cannot make it
    raise, and the result is at most about a hundred characters.
    """
    try:
        return _preview(value)
    except Exception:  # a class whose very name cannot be read
        return "an unreadable value"


def type_name(value: object) -> str:
    try:
        name = type(value).__name__
        if type(name) is not str or not name.isidentifier():
            name = ascii(name)
    except Exception:  # a metaclass whose __name__ raises
        return "an odd type"
    return name if len(name) <= _NAME_TEXT else name[: _NAME_TEXT - 3] + "..."


def _preview(value: object) -> str:
    if value is None:
        return "null"
    kind = type_name(value)
    if isinstance(value, bool):
        return f"{kind} {value is True}"
    if isinstance(value, int):
        if int.bit_length(value) > 200:
            return f"{kind} of about {int(int.bit_length(value) * 0.30103)} digits"
        text = int.__repr__(value)
    elif isinstance(value, str):
        text = str.__repr__(str.__getitem__(value, slice(0, _PREVIEW + 1)))
    elif isinstance(value, float):
        text = float.__repr__(value)
    else:
        try:
            size = f" of {len(value)} items" if isinstance(value, Mapping | list | tuple) else ""
        except Exception:  # a Mapping whose __len__ raises
            size = ""
        return f"{kind}{size}"
    if len(text) > _PREVIEW:
        text = text[: _PREVIEW - 3] + "..."
    return f"{kind} {text}"


def key_text(key: object) -> str:
    text = str.__repr__(str.__str__(key)) if isinstance(key, str) else preview(key)
    return text if len(text) <= _KEY_TEXT else text[: _KEY_TEXT - 3] + "..."


def keys(data: Mapping[Any, Any]) -> str:
    """The first few keys of an object, for a message: never more than a few hundred characters."""
    shown = []
    room = _KEYS_ROOM
    try:
        for index, key in enumerate(data):
            text = key_text(key)
            room -= len(text) + 2
            if index == _KEYS_SHOWN or room < 0:
                shown.append("...")
                break
            shown.append(text)
    except Exception:  # an odd Mapping whose __iter__ raises
        shown.append("(unreadable)")
    return ", ".join(shown) or "none"


def plain_int(value: object) -> int | None:
    """``value`` as a plain ``int`` when it is one, an ``int`` subclass read through
    ``int``'s own method (never the subclass's); None for a ``bool``, anything else,
    and an object that claims to be an ``int`` and is not."""
    if type(value) is int:
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return int.__int__(value)
    except TypeError:
        return None


def plain_str(value: object) -> str | None:
    """``value`` as a plain ``str`` when it is one, a ``str`` subclass (a ``StrEnum``
    member) read through ``str``'s own method; None for anything else, and for an
    object that claims to be a ``str`` and is not."""
    if type(value) is str:
        return value
    if not isinstance(value, str):
        return None
    try:
        return str.__str__(value)
    except TypeError:
        return None
