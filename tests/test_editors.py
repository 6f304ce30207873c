"""What an editor shows: jedi (IPython, Jupyter, vim, VS Code's Jedi mode) sees the package.

jedi reads the source without running it, so these tests prove that the
modules say what runs: plain class statements, imports a static reader can
follow, and the meaning of each member written beside it.
"""

from __future__ import annotations

from pathlib import Path

import jedi  # type: ignore[import-untyped]
import pytest

import infobip_codes

# One project rooted at the installed package, so jedi finds the same sources the
# tests import (an editable install or the src/ tree).
PROJECT = jedi.Project(Path(infobip_codes.__file__).parent.parent)


def script(source: str) -> jedi.Script:
    return jedi.Script(source, project=PROJECT)


def completions(source: str) -> list[str]:
    lines = source.splitlines()
    return [c.name for c in script(source).complete(len(lines), len(lines[-1]))]


def test_members_complete_through_the_top_level_import() -> None:
    found = completions("from infobip_codes import SmsErrorCode\nSmsErrorCode.EC_ABS")
    assert found[:2] == ["EC_ABSENT_SUBSCRIBER", "EC_ABSENT_SUBSCRIBER_SM"]


def test_every_member_and_helper_of_an_enum_completes() -> None:
    found = set(completions("from infobip_codes import VoiceErrorCode\nVoiceErrorCode."))
    members = set(infobip_codes.VoiceErrorCode.__members__)
    assert members <= found
    assert {"from_id", "from_name", "api_name", "description", "group", "records"} <= found


def test_fields_of_a_parsed_error_complete() -> None:
    source = "from infobip_codes import parse_error\nparse_error({})."
    found = set(completions(source)) - set(dir(object))
    expected = {
        "id",
        "name",
        "group_id",
        "group_name",
        "description",
        "permanent",
        "code",
        "group",
        "channel",
        "record",
        "mismatches",
        "known",
        "is_ok",
        "is_retryable",
        "to_dict",
    }
    assert expected <= found


def test_a_members_description_is_inferred_with_its_documentation() -> None:
    source = "from infobip_codes import SmsErrorCode\nSmsErrorCode.EC_ABSENT_SUBSCRIBER.description"
    inferred = script(source).infer(2, len("SmsErrorCode.EC_ABSENT_SUBSCRIBER.descr"))
    assert {d.name for d in inferred} >= {"str"}
    assert any("description of the code's first row" in d.docstring() for d in inferred)


@pytest.mark.parametrize(
    ("enum", "member"),
    [("SmsErrorCode", "EC_ABSENT_SUBSCRIBER"), ("VoiceStatusCode", "REJECTED_INVALID_ACTIONS")],
)
def test_goto_a_member_lands_beside_its_meaning(enum: str, member: str) -> None:
    source = f"from infobip_codes import {enum}\n{enum}.{member}"
    [target] = script(source).goto(2, len(enum) + 3, follow_imports=True)
    assert target.module_path is not None
    lines = Path(target.module_path).read_text(encoding="utf-8").splitlines()
    code = getattr(infobip_codes, enum)[member]
    assert lines[target.line - 1].strip() == f"{member} = {code.value}"
    in_view = " ".join(" ".join(lines[target.line : target.line + 8]).split())
    assert " ".join(str(code.description).split())[:60] in in_view
