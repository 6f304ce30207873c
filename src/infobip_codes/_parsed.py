"""What every parsed value shares: immutable, hashable, generic, registered per channel.

The three parsed types (``infobip_codes._values``, ``infobip_codes._report``)
build on :class:`Parsed`: equality and hashing by class and fields, pickling,
the check of their type arguments (``infobip_codes._generics``), the pydantic
hooks, and the registry of each channel's own classes (``SmsReport``...),
which the parsers build their values as.
"""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from infobip_codes import _generics, _parse, _pydantic
from infobip_codes.tables import Channel, Kind

__all__ = ["Parsed", "cut", "parsed_class", "registered"]

_set = object.__setattr__
_CLASSES: dict[tuple[str, Channel], type[Any]] = {}


def registered() -> int:
    """How many channels' own classes are registered (the registry only grows)."""
    return len(_CLASSES)


def parsed_class(base: type[Any], channel: Channel | None) -> type[Any]:
    """The class a channel's values of ``base`` are built as (``base`` itself without one)."""
    return base if channel is None else _CLASSES.get((base.__name__, channel), base)


def cut(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


# -- the values -----------------------------------------------------------------------------


class Parsed:
    """What every parsed value shares: immutable, hashable, compared by class and fields."""

    __slots__ = ()
    _for: ClassVar[Channel | None] = None
    """The channel a generated subclass is for; None on the three bases."""
    _kinds: ClassVar[tuple[Kind, ...]] = ()

    def __init_subclass__(cls, *, channel: Channel | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if channel is not None:  # a channel's own class (infobip_codes.parsing)
            cls._for = channel
            _CLASSES[cls._base().__name__, channel] = cls

    def __class_getitem__(cls, params: Any) -> Any:
        alias = super().__class_getitem__(params)  # type: ignore[misc]
        _generics.check(cls, get_args(alias))
        return alias

    def _fields(self) -> tuple[object, ...]:
        """What equality, hashing and pickling see."""
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self._state()))

    def _state(self) -> tuple[object, ...]:
        return self._fields()

    @classmethod
    def _base(cls) -> type[Any]:
        """ParsedStatus, ParsedError or ParsedReport: the base that states the kinds."""
        return next(b for b in cls.__mro__ if "_kinds" in vars(b))

    @classmethod
    def _channel_of(cls, source: Any) -> Channel | None:
        """The channel a field type names: its class's, or its parameters' (the first
        channel whose values they type), or None for the any-channel base."""
        if cls._for is not None:
            return cls._for
        return _generics.channel_of(cls._kinds, get_args(source))

    @classmethod
    def _coerce(cls, value: object, channel: Channel | None) -> Any:
        """``value`` as a value of this type for ``channel``: kept when it already is one,
        read again from its API shape when it was parsed for another, else parsed."""
        base = cls._base()
        if type(value) is parsed_class(base, channel) or (
            channel is None and isinstance(value, base)
        ):
            return value
        if isinstance(value, Parsed):  # what was sent, never what another channel filled in
            value = value._as_sent()
        return _parse.safely(cls._from_payload, value, channel)

    def _as_sent(self) -> Any:
        """The value as the API sent it, to be read again (for another channel)."""
        return self.to_dict()  # type: ignore[attr-defined]

    @classmethod
    def _from_payload(cls, value: object, channel: Channel | None) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """A pydantic field of this type runs the parser (see ``infobip_codes._pydantic``)."""
        return _pydantic.parsed_core_schema(cls, source, handler)

    @classmethod
    def _api_schema(cls, channel: Channel | None, handler: Any) -> Any:
        """The pydantic core schema of the API object this type reads and writes."""
        raise NotImplementedError


def _rebuild(cls: type[Any], state: tuple[object, ...]) -> Any:
    return cls._make(*state)
