"""The identifiers of Infobip's HTTP error bodies: their records, and their enums' base.

A request that fails as a whole answers with an HTTP error status and a body
that names the failure: a request error's ``messageId`` (``BAD_REQUEST``) or
an API error's ``errorCode`` (``E400``). ``infobip_codes.http_errors``,
generated from ``spec/http_errors.yaml``, has one enum per family, each a
plain class statement whose members are followed by their meaning. A member
is a ``str``: it equals the text Infobip sends. Its record holds the facts,
each with the sources that show it.

Nothing here imports a generated module: the generator reads this module's
names (no member may shadow them) before it has written any.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any, Literal, TypeAlias, TypeVar

from infobip_codes._base import _MemberDocs
from infobip_codes._errors import plain_str

__all__ = ["HttpErrorIdEnum", "HttpErrorIdRecord", "HttpErrorShape"]

HttpErrorShape: TypeAlias = Literal["request_error", "api_error"]
"""Which body a failed request was answered with: a request error
(``{"requestError": ...}``) or an API error (``{"errorCode": ...}``)."""

_E = TypeVar("_E", bound="HttpErrorIdEnum")


@dataclass(frozen=True, slots=True, kw_only=True)
class HttpErrorIdRecord:
    """One identifier of the catalogue, as ``spec/http_errors.yaml`` gives it."""

    shape: HttpErrorShape
    """The body it names: a request error's ``messageId`` or an API error's ``errorCode``."""
    id: str
    """The identifier exactly as Infobip sends it."""
    member: str
    """The name of its enum member (the identifier itself, where that is a name)."""
    http_status: int | None
    """The HTTP status its sources show it with; None where they show none."""
    also_seen_with: tuple[int, ...] = ()
    """Other HTTP statuses Infobip's own sources send it with."""
    same_as: str | None = None
    """The identifier of the other body that Infobip's Java client reads it as."""
    meaning: str
    """What it means, in this project's words."""
    sources: tuple[str, ...] = ()
    """Infobip's own sources that show it: documentation, SDKs, their tests."""
    other_sources: tuple[str, ...] = ()
    """Anyone else's public code that shows it."""

    @property
    def statuses(self) -> tuple[int, ...]:
        """Every HTTP status its sources show it with, ``http_status`` first."""
        first = () if self.http_status is None else (self.http_status,)
        return first + self.also_seen_with

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain dict (tuples as lists), ready for ``json.dumps``."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }


_RECORDS: dict[type, dict[str, HttpErrorIdRecord]] = {}


class HttpErrorIdEnum(str, enum.Enum):
    """An identifier of an HTTP error body. Members equal the text Infobip sends."""

    # str() and format() give the text, as for a plain str (and a StrEnum), on every Python
    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str.__str__(self), format_spec)

    def __init_subclass__(
        cls, *, records: tuple[HttpErrorIdRecord, ...] = (), **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if records:  # a generated enum, not a base
            _RECORDS[cls] = {record.id: record for record in records}
            type.__setattr__(cls, "__doc__", _MemberDocs(cls.__dict__.get("__doc__")))

    @classmethod
    def from_id(cls: type[_E], value: object) -> _E | None:
        """The member for this identifier, exactly as sent (case counts), or None.

        Never raises: an identifier the catalogue does not know, or anything
        but a ``str``, gives None.
        """
        plain = plain_str(value)
        if plain is None:
            return None
        record = _RECORDS.get(cls, {}).get(plain)
        return None if record is None else cls.__members__[record.member]

    @property
    def record(self) -> HttpErrorIdRecord:
        """The identifier's facts, each as the spec gives it."""
        return _RECORDS[type(self)][self._value_]

    @property
    def shape(self) -> HttpErrorShape:
        """The body this identifier names its failure in."""
        return self.record.shape

    @property
    def http_status(self) -> int | None:
        """The HTTP status it comes with, as its sources show; None where they show none."""
        return self.record.http_status

    @property
    def meaning(self) -> str:
        """What it means, in this project's words."""
        return self.record.meaning

    @property
    def sources(self) -> tuple[str, ...]:
        """Where it is shown: Infobip's own sources first, then anyone else's."""
        record = self.record
        return record.sources + record.other_sources
