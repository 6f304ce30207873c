"""Django 5.2 with the enums: choices, EnumField, migrations, forms, on SQLite in a temp dir.

Django is configured once for this module, with two apps written here: one
whose models use every enum, and the docs' ``reports`` app, whose models.py is
the code docs/integrations.md shows. Both are migrated as a project would be:
``makemigrations`` writes the migration files, ``migrate`` applies them.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import pytest
from conftest import ENUMS, doc_code, run_doc_code
from django import conf, forms
from django.apps import apps
from django.core import checks, exceptions
from django.core.management import call_command
from django.utils.html import escape
from django.utils.module_loading import import_string

from infobip_codes import (
    SmsErrorCode,
    SmsErrorGroup,
    StatusGroup,
    VoiceErrorCode,
    parse_report,
)
from infobip_codes.ext.django import EnumField, choices

APP = "infobip_codes_django_app"

MODELS = f"""\
from django.db import models

import infobip_codes
from infobip_codes.ext.django import EnumField, choices


class Delivery(models.Model):
    error = EnumField(infobip_codes.SmsErrorCode)
    group = EnumField(infobip_codes.StatusGroup, null=True, blank=True)
    voice = EnumField(
        infobip_codes.VoiceErrorCode, default=infobip_codes.VoiceErrorCode.EC_DECLINE
    )

    class Meta:
        app_label = {APP!r}


class EveryEnum(models.Model):
{{fields}}

    class Meta:
        app_label = {APP!r}
"""


def every_enum_fields() -> str:
    lines = []
    for enum in ENUMS:
        name = enum.__name__.lower()
        enum_class = f"infobip_codes.{enum.__name__}"
        lines.append(f"    plain_{name} = models.IntegerField(")
        lines.append(f"        choices=choices({enum_class}), null=True, blank=True")
        lines.append("    )")
        lines.append(f"    field_{name} = EnumField({enum_class}, null=True, blank=True)")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A configured, migrated Django project; its directory."""
    if conf.settings.configured:
        pytest.fail("Django was configured before this module: its settings would be wrong")
    root = tmp_path_factory.mktemp("django")
    for app, models_py in (
        (APP, MODELS.format(fields=every_enum_fields())),
        ("reports", doc_code("Django")[0]),
    ):
        (root / app / "migrations").mkdir(parents=True)
        (root / app / "__init__.py").write_text("")
        (root / app / "migrations" / "__init__.py").write_text("")
        (root / app / "models.py").write_text(models_py)
    sys.path.insert(0, str(root))
    conf.settings.configure(
        INSTALLED_APPS=[APP, "reports"],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": root / "db.sqlite3"}
        },
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
    )
    django.setup()
    call_command("makemigrations", APP, "reports", verbosity=0)
    call_command("migrate", verbosity=0)
    yield root
    sys.path.remove(str(root))


def model(name: str) -> Any:
    return apps.get_model(APP, name)


# -- choices ------------------------------------------------------------------------


def test_choices_are_each_id_with_its_printed_name() -> None:
    assert choices(SmsErrorCode)[:2] == [(0, "0 NO_ERROR"), (1, "1 EC_UNKNOWN_SUBSCRIBER")]
    for enum in ENUMS:
        listed = choices(enum)
        assert [value for value, _ in listed] == [member.value for member in enum]
        assert [label for _, label in listed] == [f"{m.value} {m.api_name}" for m in enum]
        assert all(type(value) is int for value, _ in listed)


@pytest.mark.usefixtures("project")
def test_every_enum_passes_the_system_checks_as_choices_and_as_a_field() -> None:
    errors = checks.run_checks(app_configs=[apps.get_app_config(APP)])
    assert errors == []
    fields = {f.name for f in model("EveryEnum")._meta.get_fields()}
    assert len(fields) == 2 * len(ENUMS) + 1  # and the id


@pytest.mark.usefixtures("project")
def test_every_enum_displays_and_cleans_every_member() -> None:
    every = model("EveryEnum")
    for enum in ENUMS:
        name = enum.__name__.lower()
        for member in enum:
            row = every(**{f"plain_{name}": member.value, f"field_{name}": member})
            row.full_clean()
            label = f"{member.value} {member.api_name}"
            assert getattr(row, f"get_plain_{name}_display")() == label
            assert getattr(row, f"get_field_{name}_display")() == label


# -- EnumField -----------------------------------------------------------------------


@pytest.mark.usefixtures("project")
def test_the_field_loads_the_member_and_keeps_an_unknown_id_as_an_int() -> None:
    delivery = model("Delivery")
    known = delivery.objects.create(error=SmsErrorCode.EC_ABSENT_SUBSCRIBER)
    by_int = delivery.objects.create(error=27, group=3)
    unknown = delivery.objects.create(error=99999, group=99)
    known.refresh_from_db()
    by_int.refresh_from_db()
    unknown.refresh_from_db()
    assert known.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert known.group is None
    assert known.voice is VoiceErrorCode.EC_DECLINE
    assert by_int.error is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert by_int.group is StatusGroup.DELIVERED
    assert (unknown.error, type(unknown.error), unknown.group) == (99999, int, 99)
    assert known.get_error_display() == "27 EC_ABSENT_SUBSCRIBER"
    assert unknown.get_error_display() == 99999  # Django shows the value itself
    stored = delivery.objects.filter(error=SmsErrorCode.EC_ABSENT_SUBSCRIBER)
    assert set(stored) == {known, by_int}
    ids = delivery.objects.filter(pk__in=[known.pk, unknown.pk]).values_list("error", flat=True)
    assert sorted(ids) == [SmsErrorCode.EC_ABSENT_SUBSCRIBER, 99999]
    assert delivery.objects.filter(error__in=[99999]).get() == unknown


@pytest.mark.usefixtures("project")
def test_full_clean_takes_ids_members_and_digits_and_rejects_the_rest() -> None:
    delivery = model("Delivery")
    for given, expected in [
        (SmsErrorCode.EC_ABSENT_SUBSCRIBER, SmsErrorCode.EC_ABSENT_SUBSCRIBER),
        (27, SmsErrorCode.EC_ABSENT_SUBSCRIBER),
        (" 27 ", SmsErrorCode.EC_ABSENT_SUBSCRIBER),
        (VoiceErrorCode.EC_DECLINE, 5603),  # another enum's member: read by its id
        (99999, 99999),
    ]:
        row = delivery(error=given)
        row.full_clean()
        assert row.error == expected
        assert type(row.error) is type(expected)
    for bad in (True, 27.0, "27x", [27]):
        with pytest.raises(exceptions.ValidationError) as caught:
            delivery(error=bad).full_clean()
        assert set(caught.value.message_dict) == {"error"}, bad
    with pytest.raises(exceptions.ValidationError, match="cannot be null"):
        delivery(error=None).full_clean()
    delivery(error=0, group=None).full_clean()  # null=True, blank=True


@pytest.mark.usefixtures("project")
def test_the_field_deconstructs_to_the_enum_and_round_trips() -> None:
    for field in model("Delivery")._meta.get_fields():
        if not isinstance(field, EnumField):
            continue
        _name, path, args, kwargs = field.deconstruct()
        assert path == "infobip_codes.ext.django.EnumField"
        assert "choices" not in kwargs
        assert kwargs["enum"] is field.enum
        again = import_string(path)(*args, **kwargs)
        assert again.deconstruct()[1:] == (path, args, kwargs)
        assert again.choices == field.choices == choices(field.enum)
        assert (again.enum, again.null, again.default) == (field.enum, field.null, field.default)
    custom = EnumField(SmsErrorGroup, choices=choices(SmsErrorGroup)[:2])
    assert custom.deconstruct()[3]["choices"] == [(0, "0 OK"), (1, "1 HANDSET_ERRORS")]


def test_the_migration_names_the_enum_and_needs_no_other(project: Path) -> None:
    [migration] = (project / APP / "migrations").glob("0001_*.py")
    text = migration.read_text()
    assert "infobip_codes.ext.django.EnumField(enum=infobip_codes.sms.SmsErrorCode)" in text
    # the choices live in the enum: only the plain IntegerField lists them
    assert text.count("(27, '27 EC_ABSENT_SUBSCRIBER')") == 1
    assert "default=infobip_codes.voice.VoiceErrorCode['EC_DECLINE']" in text
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 on changes
    assert "No changes detected" in out.getvalue()


@pytest.mark.usefixtures("project")
def test_a_model_form_offers_the_codes_with_their_descriptions() -> None:
    class DeliveryForm(forms.ModelForm):  # type: ignore[type-arg]  # not generic at run time
        class Meta:
            model = apps.get_model(APP, "Delivery")
            fields = ("error", "group")

    instance = model("Delivery")(error=SmsErrorCode.EC_ABSENT_SUBSCRIBER)
    html = str(DeliveryForm(instance=instance)["error"])
    absent = SmsErrorCode.EC_ABSENT_SUBSCRIBER.description
    assert absent is not None
    title = escape(absent)
    option = f'<option value="27" selected title="{title}">27 EC_ABSENT_SUBSCRIBER</option>'
    assert option in html, re.findall(r"<option value=\"27\".*?</option>", html)
    form = DeliveryForm(data={"error": "27", "group": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["error"] is SmsErrorCode.EC_ABSENT_SUBSCRIBER
    assert form.cleaned_data["group"] is None
    assert not DeliveryForm(data={"error": "99999"}).is_valid()  # a form offers listed codes


# -- the docs' reports app ------------------------------------------------------------


@pytest.mark.usefixtures("project")
def test_the_docs_django_section_runs() -> None:
    code = doc_code("Django")
    assert len(code) == 2  # models.py, written into the app above; then its use
    namespace = run_doc_code("Django", first=1)
    delivery = apps.get_model("reports", "Delivery")
    [first] = delivery.objects.filter(message_id="m1")
    assert first.report == parse_report(namespace["body"])[0].to_dict()
