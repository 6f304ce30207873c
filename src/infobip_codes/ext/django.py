"""Django: the enums as ``choices``, and a model field that loads the member.

``choices(SmsErrorCode)`` is what an ``IntegerField``'s ``choices`` takes:
each id with its printed name (``(27, "27 EC_ABSENT_SUBSCRIBER")``), so
``get_<field>_display()`` and forms show the name. A plain ``IntegerField``
loads ints and rejects ids the enum does not list.

``EnumField(SmsErrorCode)`` is an ``IntegerField`` holding the id that loads
the member, keeps an id the enum does not know as a plain ``int`` (a code
Infobip adds later is stored, cleaned and loaded like any other), and takes
its ``choices`` from the enum. In forms (the admin's included) each option
carries the code's description as its ``title``, which browsers show on hover.
Migrations record the enum, not its choices, so a newer catalogue needs no
new migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic

from django import forms
from django.core import exceptions
from django.db import models

from infobip_codes.ext._shared import E, code_enum, member_or_int

__all__ = ["EnumField", "choices"]


def _label(member: Any) -> str:
    return f"{member.value} {member.api_name}"


def choices(enum: type[E]) -> list[tuple[int, str]]:
    """Every id of ``enum`` with its label, ``"27 EC_ABSENT_SUBSCRIBER"``, in enum order.

    >>> from infobip_codes import StatusGroup
    >>> choices(StatusGroup)[3]
    (3, '3 DELIVERED')
    """
    return [(int.__int__(member), _label(member)) for member in code_enum(enum)]


class _DescribedSelect(forms.Select):
    """A select whose options carry the code's description as their ``title``."""

    def __init__(self, descriptions: Mapping[int, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.descriptions = descriptions

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        text = self.descriptions.get(option["value"])
        if text:
            option["attrs"] = {**option["attrs"], "title": text}
        return option


if TYPE_CHECKING:
    _IntegerField = models.IntegerField[Any, Any]
else:  # Django's fields take no type parameters at run time
    _IntegerField = models.IntegerField


class EnumField(_IntegerField, Generic[E]):
    """An ``IntegerField`` that loads the member of ``enum``, or the plain ``int`` of
    an id it does not know.

    Saving stores the id, whether given as the member or as an int. Cleaning
    (``full_clean()``, forms) reads an id, a member or a string of digits,
    never ``True`` or ``27.0``, and accepts an id the enum does not list.
    """

    description: Any = "Infobip code or group (its integer id)"  # Django's type: text or lazy

    def __init__(self, enum: type[E], *args: Any, **kwargs: Any) -> None:
        self.enum = enum
        kwargs.setdefault("choices", choices(enum))
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("choices") == choices(self.enum):
            del kwargs["choices"]  # derived from the enum, which the migration names
        return name, path, args, {"enum": self.enum, **kwargs}

    def from_db_value(self, value: int | None, expression: object, connection: object) -> Any:
        return None if value is None else member_or_int(self.enum, value)

    def to_python(self, value: object) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            value = super().to_python(value.strip())  # form input: digits
        try:
            return member_or_int(self.enum, value)
        except TypeError:
            raise exceptions.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            return  # an id, listed or not: choices limit what forms offer, not what is kept
        super().validate(value, model_instance)

    def value_from_object(self, obj: models.Model) -> Any:
        # the plain id for forms and serialisers: a member's str() is its name on 3.10
        value = super().value_from_object(obj)
        return int.__int__(value) if isinstance(value, int) else value

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        descriptions = {m.value: m.description for m in self.enum if m.description}
        kwargs.setdefault("widget", _DescribedSelect(descriptions))
        # IntegerField names its own form class: pass on only what was given
        if form_class is not None:
            kwargs["form_class"] = form_class
        if choices_form_class is not None:
            kwargs["choices_form_class"] = choices_form_class
        return super().formfield(**kwargs)
