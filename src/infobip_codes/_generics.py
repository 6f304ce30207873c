"""Which parametrisations of the parsed types exist: those some channel's values have.

``ParsedReport[VoiceStatusCode, VoiceErrorCode]`` reads well and is false: a
voice report's status 5 is the general ``DELIVERED_TO_HANDSET``. A type
argument is compared with what each channel's values can hold
(``infobip_codes._catalog.CODE_TYPES``, generated from the same rule that
types the channels' own classes), and one that no channel produces is a
``TypeError`` naming those that exist.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from infobip_codes import _catalog
from infobip_codes._base import ErrorCodeEnum, StatusCodeEnum
from infobip_codes.tables import CHANNELS, Channel, Kind

__all__ = ["channel_of", "check", "code_types"]


def code_types(channel: Channel, kind: Kind) -> tuple[object, ...]:
    """The enums (and single members of another) a channel's parsed codes can be."""
    return _catalog.CODE_TYPES[channel, kind]


def _atoms(arg: object) -> frozenset[object] | None:
    """A type argument as the classes and members it admits; None for a TypeVar or Any."""
    if isinstance(arg, TypeVar) or arg is Any:
        return None
    origin = get_origin(arg)
    if origin is Literal:
        return frozenset(get_args(arg))
    if origin is Union or type(arg).__name__ == "UnionType":
        found: frozenset[object] = frozenset()
        for each in get_args(arg):
            atoms = _atoms(each)
            if atoms is None:
                return None
            found |= atoms
        return found
    return frozenset({arg})


def _shown(atoms: frozenset[object]) -> str:
    names = sorted(
        a.__name__ if isinstance(a, type) else f"Literal[{type(a).__name__}.{a.name}]"  # type: ignore[attr-defined]
        for a in atoms
    )
    return " | ".join(names)


def check(cls: Any, args: tuple[object, ...]) -> None:
    """TypeError unless some channel's values (or the any-channel base's) take ``args``."""
    given = tuple(_atoms(a) for a in args)
    if any(atoms is None for atoms in given):  # generic use: nothing to check yet
        return
    kinds = cls._kinds
    bases = {"status": StatusCodeEnum, "error": ErrorCodeEnum}
    valid: list[tuple[frozenset[object], ...]] = [tuple(frozenset({bases[k]}) for k in kinds)]
    valid += [tuple(frozenset(_catalog.CODE_TYPES[c, k]) for k in kinds) for c in CHANNELS]
    if given in valid:
        return
    name = cls.__name__
    options = "; ".join(f"{name}[{', '.join(_shown(a) for a in each)}]" for each in valid)
    asked = ", ".join(_shown(a) for a in given if a is not None)
    raise TypeError(f"no channel's values are {name}[{asked}]; these are: {options}")


def channel_of(kinds: tuple[Kind, ...], args: tuple[object, ...]) -> Channel | None:
    """The first channel whose values these type arguments type, or None (the bases)."""
    given = tuple(_atoms(a) for a in args)
    for channel in CHANNELS if given else ():
        if given == tuple(frozenset(_catalog.CODE_TYPES[channel, k]) for k in kinds):
            return channel
    return None
