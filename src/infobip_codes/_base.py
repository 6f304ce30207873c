"""The base classes of the generated enums: what every code and group knows.

A generated channel module is a plain class statement per enum, such as
``class SmsErrorCode(_SmsErrorCodeFacts, ErrorCodeEnum, channel="sms")``:
one assignment per member, each followed by its meaning. The ``channel``
keyword registers which rows the class stands for with the catalogue
(``infobip_codes._catalogue``), and the plain mixin before the base types
each fact as narrowly as that enum's rows allow. A member's facts (group,
permanence, description, source) are its records, which load the first time
a member is asked for one: importing an enum costs its class statements.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, TypeVar

from infobip_codes import _catalogue, _rules
from infobip_codes._errors import plain_int, plain_str

if TYPE_CHECKING:
    from infobip_codes._record import CodeRecord, GroupRecord
    from infobip_codes.tables import Channel, Kind

__all__ = [
    "CodeEnum",
    "CodeFacts",
    "ErrorCodeEnum",
    "ErrorGroupEnum",
    "GroupEnum",
    "StatusCodeEnum",
    "StatusGroupEnum",
    "member_by_id",
]

_E = TypeVar("_E")

# The catalogue's per-class maps, under short global names: from_id calls the
# ``get`` of its class's map directly, about the time of three dict look-ups.
_ID_GETTERS = _catalogue.ID_GETTERS
_BY_NAME = _catalogue.MEMBERS_BY_NAME


def member_by_id(cls: type[_E], value: object) -> _E:
    """The member with this id, where the catalogue says there is one (a generated enum's
    facts read their group or linked status this way); LookupError if there is none."""
    found: _E | None = cls.from_id(value)  # type: ignore[attr-defined]
    if found is None:
        raise LookupError(f"{cls.__name__} has no member {value!r}")
    return found


def _odd_id(cls: Any, value: object) -> Any:
    """from_id for anything but a plain ``int``: an int subclass counts by its value."""
    plain = plain_int(value)
    return None if plain is None else _catalogue.members_by_id(cls).get(plain)


class _MemberDocs:
    """A generated enum's ``__doc__``: the class's docstring on the class, and on a
    member that member's own attribute docstring, read from the module's source.

    The meaning of each member is written once, after it in the generated
    module, where editors and documentation tools read it; ``help(member)``
    and ``member.__doc__`` read the same text. Without the source (a
    stripped install) a member shows the class's docstring.
    """

    __slots__ = ("docs", "text")

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.docs: dict[str, str] | None = None

    def __get__(self, member: object, owner: type | None = None) -> str | None:
        if member is None:
            return self.text
        if self.docs is None:
            self.docs = _member_docstrings(type(member))
        return self.docs.get(getattr(member, "_name_", ""), self.text)

    def __set__(self, member: object, value: object) -> None:
        raise AttributeError("a member's documentation is read-only")


def _member_docstrings(cls: type) -> dict[str, str]:
    """Each member's attribute docstring, as the class statement in the source has it."""
    import ast
    import inspect
    import sys

    try:
        tree = ast.parse(inspect.getsource(sys.modules[cls.__module__]))
    except (OSError, TypeError, KeyError, SyntaxError):  # no source to read
        return {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            return {
                target.id: inspect.cleandoc(after.value.value)
                for before, after in zip(node.body, node.body[1:], strict=False)
                if isinstance(before, ast.Assign)
                and len(before.targets) == 1
                and isinstance(target := before.targets[0], ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            }
    return {}


class CodeFacts:
    """The plain base of each generated code enum's facts mixin.

    A generated enum types its facts (``group``, ``permanent``) on a plain
    mixin rather than in its own body, where editors on jedi would see
    properties as their ``property`` objects. The mixin reads the member's
    ``record``, which the enum base provides at run time.
    """

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def record(self) -> CodeRecord: ...


class _Conversions:
    """What every code and group enum has: its registration, the never-raising
    conversions at the edge, and its JSON schema for pydantic.

    A plain class, not an enum: an enum base costs a class creation at import.
    """

    @classmethod
    def _key(cls, channel: Channel) -> _catalogue.ClassKey:
        raise NotImplementedError(cls.__name__)

    def __init_subclass__(cls, *, channel: Channel | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if channel is not None:  # a generated enum, not one of the bases below
            _catalogue.register(cls, cls._key(channel))
            type.__setattr__(cls, "__doc__", _MemberDocs(cls.__dict__.get("__doc__")))

    @classmethod
    def from_id(cls: type[_E], value: object) -> _E | None:
        """The member with this id, or None (also for anything but an ``int``).

        The typed conversion at the edge: unlike ``Enum(value)`` it never
        raises, and ``True`` or ``27.0`` are not ids.
        """
        if type(value) is int:  # the common case, first and fast
            try:
                found: _E | None = _ID_GETTERS[cls](value)
            except KeyError:  # the class's first look-up
                found = _catalogue.members_by_id(cls).get(value)
            return found
        found = _odd_id(cls, value)
        return found

    @classmethod
    def from_name(cls: type[_E], name: object) -> _E | None:
        """The member known by this name, in any case, or None.

        A member is known by its member name, its printed name (the API's
        ``name``) and any alias the catalogue records for it; its own names
        come before any other member's alias.
        """
        if type(name) is not str:
            name = plain_str(name)
            if name is None:
                return None
        try:
            table = _BY_NAME[cls]
        except KeyError:  # the class's first look-up
            table = _catalogue.members_by_name(cls)
        found: _E | None = table.get(str.casefold(name))
        return found

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """pydantic validates the enum as any ``IntEnum`` (see ``infobip_codes._pydantic``)."""
        from infobip_codes import _pydantic

        return _pydantic.enum_core_schema(cls, source, handler)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        """pydantic's schema of the enum, each member named with its meaning."""
        from infobip_codes import _pydantic

        return _pydantic.enum_json_schema(cls, schema, handler)


class CodeEnum(_Conversions, enum.IntEnum):
    """A status or error code. Members compare equal to their integer id."""

    @classmethod
    def _key(cls, channel: Channel) -> _catalogue.ClassKey:
        return (channel, cls._kind(), False)

    @classmethod
    def _kind(cls) -> Kind:
        raise NotImplementedError(cls.__name__)

    @property
    def records(self) -> tuple[CodeRecord, ...]:
        """Every row for this code, in page order (two for 2053 and 4102)."""
        return _catalogue.class_rows(type(self))[self._value_]

    @property
    def record(self) -> CodeRecord:
        """The code's first row: the one ``api_name``, ``description`` and ``group`` read."""
        return _catalogue.class_rows(type(self))[self._value_][0]

    @property
    def api_name(self) -> str:
        """The name as the page prints it, which is what the API sends in ``name``."""
        return self.record.name

    @property
    def description(self) -> str | None:
        """The description of the code's first row, verbatim, or None."""
        return self.record.description

    @property
    def source(self) -> str:
        """Where the code comes from: ``"page"``, or the document or payloads named."""
        return self.record.source


class StatusCodeEnum(CodeEnum):
    """A status code; its group is one of the shared ``StatusGroup`` members."""

    @classmethod
    def _kind(cls) -> Kind:
        return "status"

    @property
    def group(self) -> StatusGroupEnum:
        """The status group (each generated class types it ``StatusGroup``)."""
        raise NotImplementedError(type(self).__name__)

    @property
    def is_final(self) -> bool:
        """True when the group is known to be final; False while pending or unknown."""
        return _rules.is_final(self.group.record)

    @property
    def advice(self) -> _rules.Advice:
        """What a sender does about it: ``"wait"`` for a later report, or ``"final"``."""
        return _rules.advice("status", self.group.record, None)


class ErrorCodeEnum(CodeEnum):
    """An error code of any channel."""

    @classmethod
    def _kind(cls) -> Kind:
        return "error"

    @property
    def group(self) -> ErrorGroupEnum | None:
        """The error group of the code's first row, or None: tables without groups, and
        codes no source gives one (each generated class types it exactly)."""
        raise NotImplementedError(type(self).__name__)

    @property
    def permanent(self) -> bool | None:
        """Whether a retry of the same message cannot help; None where no source says."""
        return self.record.permanent

    @property
    def is_ok(self) -> bool:
        """True when the code's group is known to report success (OK), not a failure."""
        group = self.group
        return _rules.is_ok(None if group is None else group.record)

    @property
    def is_retryable(self) -> bool:
        """True only when the code is known not to be permanent and not a success."""
        group = self.group
        return _rules.is_retryable(self.permanent, None if group is None else group.record)

    @property
    def advice(self) -> _rules.Advice:
        """What a sender does about it: ``"none"`` (a success), ``"retry"``, ``"fix"``
        the cause first, or ``"unknown"`` where no source says whether a retry helps."""
        group = self.group
        return _rules.advice("error", None if group is None else group.record, self.permanent)


class GroupEnum(_Conversions, enum.IntEnum):
    """A status or error group."""

    @classmethod
    def _key(cls, channel: Channel) -> _catalogue.ClassKey:
        return (channel, cls._kind(), True)

    @classmethod
    def _kind(cls) -> Kind:
        raise NotImplementedError(cls.__name__)

    @property
    def record(self) -> GroupRecord:
        """The group as the spec gives it."""
        return _catalogue.class_groups(type(self))[self._value_]

    @property
    def api_name(self) -> str:
        """The group name as printed on the page (the API's ``groupName``)."""
        return self.record.name

    @property
    def description(self) -> str | None:
        """The line the page prints under the group's heading."""
        return self.record.description


class StatusGroupEnum(GroupEnum):
    """Base of ``StatusGroup``, the status groups every channel shares."""

    @classmethod
    def _kind(cls) -> Kind:
        return "status"

    @property
    def is_final(self) -> bool:
        """Whether a status of this group is final (from the spec; PENDING is not)."""
        return _rules.is_final(self.record)


class ErrorGroupEnum(GroupEnum):
    """An error group of one channel."""

    @classmethod
    def _kind(cls) -> Kind:
        return "error"

    @property
    def is_ok(self) -> bool:
        """Whether an error of this group reports success (the spec says which: OK)."""
        return _rules.is_ok(self.record)
