"""Base classes of the generated enums, and the fast way they are built.

The generated modules hold members (and a typed ``group`` or ``status``
property where the type depends on the channel) and nothing else; what a
member knows about itself is read from the generated tables on first use, and
``dataclasses`` (a heavy import) stays off the path until a record is asked for.

How the classes are built: the class statement makes a plain namespace and
:func:`fast_enum` turns it into the enum. On Python 3.11+ that is the
standard library's own fast path, ``enum._simple_enum``, which
``http.HTTPStatus`` and ``re.RegexFlag`` use; it skips the metaclass's
per-member checks (the spec validator has made them already) and builds the
enum in well under the time of an ordinary class statement. On 3.10, or
should the private helper ever go away, the ordinary metaclass builds the
same class. Type checkers are shown the class statement they expect: under
``TYPE_CHECKING`` each ``...Base`` alias below is the real base, so
``class SmsErrorCode(GroupedErrorCodeBase)`` is an IntEnum subclass with
members to them, while at run time it is a plain class until the decorator
returns the real one. No annotation here needs ``from __future__ import
annotations``, whose import alone would cost a tenth of the budget.
"""

import enum
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import Any, Final, TypeVar

    from infobip_codes._records import CodeRecord
    from infobip_codes._tables import Row
    from infobip_codes.sms import StatusGroup

    _T = TypeVar("_T")

__all__ = [
    "CodeEnum",
    "ErrorCodeBase",
    "ErrorCodeEnum",
    "ErrorGroupBase",
    "ErrorGroupEnum",
    "GroupEnum",
    "GroupedErrorCodeBase",
    "GroupedErrorCodeEnum",
    "StatusCodeBase",
    "StatusCodeEnum",
    "StatusGroupBase",
    "StatusGroupEnum",
    "channel_module",
    "fast_enum",
    "status_group",
]

# Positions in a row of infobip_codes._tables.ROWS (CodeRecord's field order).
_CHANNEL: "Final" = 0
_NAME: "Final" = 3
_GROUP_ID: "Final" = 5
_PERMANENT: "Final" = 7
_DESCRIPTION: "Final" = 8
_STATUS_ID: "Final" = 9
_PENDING: "Final" = 1  # the one status group that is not final

_simple_enum = getattr(enum, "_simple_enum", None)


def _body(namespace: type) -> "dict[str, Any]":
    """What a class statement defined, without the slots ``type`` adds to every class."""
    return {k: v for k, v in namespace.__dict__.items() if k not in ("__dict__", "__weakref__")}


def fast_enum(base: "type[enum.IntEnum]") -> "Callable[[type[_T]], type[_T]]":
    """Class decorator: build the class statement's namespace into an enum of ``base``."""
    if _simple_enum is not None:
        simple: Callable[[type[_T]], type[_T]] = _simple_enum(base)
        return simple

    def build(namespace: "type[_T]") -> "type[_T]":
        classdict = enum.EnumMeta.__prepare__(namespace.__name__, (base,))
        for key, value in _body(namespace).items():
            classdict[key] = value  # item by item: _EnumDict.__setitem__ records members
        built: Any = enum.EnumMeta(namespace.__name__, (base,), classdict)
        return built  # type: ignore[no-any-return]

    return build


def base_enum(parent: "type[enum.IntEnum]") -> "Callable[[type[_T]], type[_T]]":
    """Class decorator for the memberless base classes below.

    Even ``_simple_enum`` spends tens of microseconds on a class, most of it
    preparing for members a base never has; asking the metaclass for the
    plain class it builds for ``_simple_enum`` (``_simple=True``) skips that.
    Members of subclasses get their own tables from ``fast_enum``. Where that
    keyword is not known (3.10, or a future Python), ``fast_enum`` does it all.
    """
    if _simple_enum is None or sys.version_info < (3, 11):
        return fast_enum(parent)

    def build(namespace: "type[_T]") -> "type[_T]":
        try:
            built: Any = type(parent)(namespace.__name__, (parent,), _body(namespace), _simple=True)
        except TypeError:  # the keyword went away: take the documented-by-use path
            return fast_enum(parent)(namespace)
        return built

    return build


def channel_module(channel: str) -> "ModuleType":
    """``infobip_codes.<channel>``, imported on first use.

    ``__import__`` rather than ``importlib.import_module``: importing
    ``importlib`` pulls in ``warnings``, which costs more than a channel.
    """
    name = f"infobip_codes.{channel}"
    module = sys.modules.get(name)
    if module is None:
        __import__(name)
        module = sys.modules[name]
    return module


def status_group() -> "type[StatusGroup]":
    """The shared ``StatusGroup`` enum, which the general (first) channel's module holds."""
    from infobip_codes._tables import CHANNELS

    found: type[StatusGroup] = channel_module(CHANNELS[0]).StatusGroup
    return found


if TYPE_CHECKING:
    _IntEnumBase = enum.IntEnum
else:
    _IntEnumBase = object


@base_enum(enum.IntEnum)
class CodeEnum(_IntEnumBase):
    """A status or error code. Members compare equal to their integer id."""

    def _rows(self) -> "tuple[Row, ...]":
        from infobip_codes._catalog import ROWS_BY_MEMBER

        return ROWS_BY_MEMBER[type(self).__name__, self._value_]

    @property
    def api_name(self) -> str:
        """The name exactly as the API sends it (and the page prints it)."""
        return self._rows()[0][_NAME]

    @property
    def description(self) -> "str | None":
        """The page's description of the first row for this value, or None."""
        return self._rows()[0][_DESCRIPTION]

    @property
    def info(self) -> "CodeRecord":
        """The record of the first row for this value."""
        return self.records[0]

    @property
    def records(self) -> "tuple[CodeRecord, ...]":
        """Every row for this value, in page order (two for 2053 and 4102)."""
        from infobip_codes._records import records_of

        return records_of(self._rows())


if TYPE_CHECKING:
    _CodeEnumBase = CodeEnum
else:
    _CodeEnumBase = object


@base_enum(CodeEnum)
class StatusCodeEnum(_CodeEnumBase):
    """A status code; its group is one of the shared ``StatusGroup`` members."""

    @property
    def group(self) -> "StatusGroup":
        group_id = self._rows()[0][_GROUP_ID]
        if group_id is None:  # statuses always have a group; kept for the type
            raise LookupError(f"{self!r} has no group")
        return status_group()(group_id)

    @property
    def is_final(self) -> bool:
        """False while the message is pending; every other status group is final."""
        return self._rows()[0][_GROUP_ID] != _PENDING


@base_enum(CodeEnum)
class ErrorCodeEnum(_CodeEnumBase):
    """An error code of any channel."""

    def _status_id(self) -> int:
        status_id = self._rows()[0][_STATUS_ID]
        if status_id is None:  # the generator only emits ``status`` where every row has one
            raise LookupError(f"{self!r} links to no status")
        return status_id


if TYPE_CHECKING:
    _ErrorCodeEnumBase = ErrorCodeEnum
else:
    _ErrorCodeEnumBase = object


@base_enum(enum.IntEnum)
class GroupEnum(_IntEnumBase):
    """A status or error group."""

    def _group(self) -> "tuple[str, str | None]":
        from infobip_codes._tables import GROUPS

        return GROUPS[type(self).__name__][self._value_]

    @property
    def api_name(self) -> str:
        """The group name as printed on the page (the API's ``groupName``)."""
        return self._group()[0]

    @property
    def description(self) -> "str | None":
        return self._group()[1]


if TYPE_CHECKING:
    _GroupEnumBase = GroupEnum
else:
    _GroupEnumBase = object


@base_enum(GroupEnum)
class ErrorGroupEnum(_GroupEnumBase):
    """An error group of one channel."""

    @property
    def is_ok(self) -> bool:
        """Group 0 reports success, not an error."""
        return self._value_ == 0


@base_enum(GroupEnum)
class StatusGroupEnum(_GroupEnumBase):
    """Base of ``StatusGroup``, the status groups every channel shares."""

    @property
    def is_final(self) -> bool:
        return self._value_ != _PENDING


@base_enum(ErrorCodeEnum)
class GroupedErrorCodeEnum(_ErrorCodeEnumBase):
    """An error code of a channel whose tables have groups and a ``permanent`` column."""

    def _group_id(self) -> int:
        group_id = self._rows()[0][_GROUP_ID]
        if group_id is None:  # grouped channels always have a group; kept for the type
            raise LookupError(f"{self!r} has no group")
        return group_id

    @property
    def group(self) -> ErrorGroupEnum:
        """The group of the first row for this value (generated classes narrow the type)."""
        from infobip_codes._catalog import group_enum

        enum = group_enum("error", self._rows()[0][_CHANNEL])
        if enum is None or not issubclass(enum, ErrorGroupEnum):  # kept for the type
            raise LookupError(f"{self!r} has no group enum")
        return enum(self._group_id())

    @property
    def permanent(self) -> bool:
        """True when retrying the same message will not help."""
        return bool(self._rows()[0][_PERMANENT])

    @property
    def is_retryable(self) -> bool:
        """Neither a success (group 0) nor permanent: a later attempt may succeed."""
        return self._group_id() != 0 and not self.permanent


# What the generated class statements name as their base: the real base for
# type checkers, a plain namespace for fast_enum at run time.
if TYPE_CHECKING:
    StatusCodeBase = StatusCodeEnum
    ErrorCodeBase = ErrorCodeEnum
    GroupedErrorCodeBase = GroupedErrorCodeEnum
    ErrorGroupBase = ErrorGroupEnum
    StatusGroupBase = StatusGroupEnum
else:
    StatusCodeBase = ErrorCodeBase = GroupedErrorCodeBase = object
    ErrorGroupBase = StatusGroupBase = object
