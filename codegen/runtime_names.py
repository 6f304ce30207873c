"""What the generator knows of the runtime's names, without importing the runtime.

The generator writes the package, so it runs where the package is absent or
broken, and never imports ``infobip_codes``. A member of a generated enum may
not take a name its class already has: one of the standard library's
``IntEnum`` (read from ``enum`` itself), one of the runtime's base classes
(``CodeEnum``, ``GroupEnum`` and their subclasses: listed here), or one the
generated classes add. tests/test_runtime_names.py compares these lists with
the classes themselves.
"""

from __future__ import annotations

import enum

BASE_ATTRIBUTES = frozenset(
    {
        "advice",
        "api_name",
        "description",
        "from_id",
        "from_name",
        "group",
        "is_final",
        "is_ok",
        "is_retryable",
        "permanent",
        "record",
        "records",
        "source",
    }
)
"""The public attributes of the runtime's enum base classes; private ones are
covered by the rule that no member name starts with an underscore."""

GENERATED_ATTRIBUTES = frozenset({"group", "permanent", "status"})
"""The attributes the generated enum classes add (``codegen/templates/channel.py.j2``)."""


IDENTIFIER_ATTRIBUTES = frozenset(
    {"from_id", "http_status", "meaning", "record", "shape", "sources"}
)
"""The public attributes of ``HttpErrorIdEnum``, the base of the HTTP error identifiers'
enums (a ``str`` and an ``Enum``)."""


def reserved_identifier_members() -> frozenset[str]:
    """Every name a member of an HTTP error identifier enum may not take."""
    names = set(IDENTIFIER_ATTRIBUTES)
    for cls in (*str.__mro__, *enum.Enum.__mro__):
        names.update(vars(cls))
    return frozenset(names)


def reserved_members() -> frozenset[str]:
    """Every name a member may not take."""
    names = set(BASE_ATTRIBUTES | GENERATED_ATTRIBUTES)
    for cls in enum.IntEnum.__mro__:
        names.update(vars(cls))
    return frozenset(names)
