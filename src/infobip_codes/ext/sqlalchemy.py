"""SQLAlchemy 2: a column type that stores the id and loads the member.

``EnumType(SmsErrorCode)`` is an ``Integer`` column: it stores a member or an
int as the integer id, loads the member, and loads an id the enum does not
know as a plain ``int``, so a code Infobip adds later is kept, never a
``LookupError``. Comparisons take members (``Delivery.error ==
SmsErrorCode.EC_ABSENT_SUBSCRIBER``, ``.in_([...])``). Unlike ``sa.Enum``,
which stores member names, the table holds the ids the API sends.

>>> import sqlalchemy as sa
>>> from infobip_codes import SmsErrorCode
>>> error = sa.column("error", EnumType(SmsErrorCode))
>>> where = error == SmsErrorCode.EC_ABSENT_SUBSCRIBER
>>> print(where.compile(compile_kwargs={"literal_binds": True}))
error = 27
"""

from __future__ import annotations

from typing import Any, Union

from sqlalchemy import Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from infobip_codes.ext._shared import E, code_enum, member_or_int, shown

__all__ = ["EnumType"]


class EnumType(TypeDecorator[Union[E, int]]):  # noqa: UP007 (subscripted at run time on 3.10)
    """An integer column holding ids of ``enum``: loads the member, or the ``int``
    of an id the enum does not know. Stores a member or an int; anything else
    (``True``, ``27.0``, a name) is a TypeError before anything is sent."""

    impl: TypeEngine[Any] | type[TypeEngine[Any]] = Integer
    cache_ok: bool | None = True  # the enum, the one argument, is hashable and fixed

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = code_enum(enum)

    def __repr__(self) -> str:
        return f"EnumType({self.enum.__name__})"

    @property
    def python_type(self) -> type[Any]:
        return self.enum

    def process_bind_param(self, value: E | int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return int.__int__(value)
        raise TypeError(f"expected an id of {self.enum.__name__}, found {shown(value)}")

    def process_literal_param(self, value: E | int | None, dialect: Dialect) -> str:
        bound = self.process_bind_param(value, dialect)
        return "NULL" if bound is None else int.__repr__(bound)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> E | int | None:
        return None if value is None else member_or_int(self.enum, value)
