"""The catalogue of HTTP error identifiers: spec/http_errors.yaml, validated and generated.

Expectations come from the spec file itself (``load_spec``), never from a
copy; the bodies Infobip's examples quote must all be known to it.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from conftest import MINIMAL_SMS, SPEC, SpecWriter, run_codegen, snapshot
from http_bodies import BODIES

import infobip_codes
from codegen.identifiers import FAMILIES, Identifier
from codegen.problems import Problem, SpecError
from codegen.runtime_names import reserved_identifier_members
from codegen.spec import load_spec
from infobip_codes import ApiErrorCode, HttpErrorIdEnum, RequestErrorId, http_errors

THE_SPEC = load_spec(SPEC)
assert THE_SPEC.identifiers is not None
CATALOGUE = THE_SPEC.identifiers
ENUMS: dict[str, type[RequestErrorId] | type[ApiErrorCode]] = {
    "request_error": RequestErrorId,
    "api_error": ApiErrorCode,
}
EVERY: list[Identifier] = [i for _, found in CATALOGUE.families for i in found]


def test_every_identifier_of_the_spec_is_a_member_with_its_record() -> None:
    for family, found in CATALOGUE.families:
        enum = ENUMS[family.shape]
        assert enum.__name__ == family.enum
        assert [(m.name, m.value) for m in enum] == [(i.member, i.id) for i in found]
        for identifier in found:
            member = enum.from_id(identifier.id)
            assert member is not None
            assert member.record.to_dict() == {
                k: list(v) if isinstance(v, tuple) else v for k, v in identifier.record().items()
            }
            assert member == identifier.id  # a str: equal to what Infobip sends
            assert member.http_status == identifier.http_status
            assert member.meaning == identifier.meaning
            assert member.sources == identifier.sources + identifier.other_sources


def test_a_member_s_help_is_its_own_meaning_and_sources() -> None:
    for member in [*RequestErrorId, *ApiErrorCode]:
        doc = inspect.getdoc(member) or ""
        assert member.meaning in " ".join(doc.split())
        assert member.record.sources[0] in doc.replace("\n", " ")
    assert "one enum per body" in (http_errors.__doc__ or "")


def test_every_value_has_infobip_s_own_source_or_two_others() -> None:
    for identifier in EVERY:
        assert identifier.sources or len(identifier.other_sources) >= 2, identifier.id
    assert sum(len(found) for _, found in CATALOGUE.families) == CATALOGUE.count == 14


def test_every_identifier_infobip_s_examples_show_is_catalogued() -> None:
    for entry in BODIES:
        data = json.loads(entry["body"])
        if entry["shape"] == "api_error":
            assert ApiErrorCode.from_id(data["errorCode"]) is not None, entry["id"]
        else:
            message_id = data["requestError"]["serviceException"]["messageId"]
            assert RequestErrorId.from_id(message_id) is not None, entry["id"]


def test_same_as_is_stated_once_and_read_both_ways() -> None:
    for member in RequestErrorId:
        other = member.record.same_as
        if other is not None:
            assert ApiErrorCode(other).record.same_as == member.value
    assert ApiErrorCode.E429.record.same_as == "TOO_MANY_REQUESTS"
    assert RequestErrorId.UNAUTHORIZED.record.statuses == (401, 403)
    assert RequestErrorId.SVC0002.record.statuses == ()


def test_the_enums_are_plain_str_enums() -> None:
    import pickle

    assert issubclass(RequestErrorId, str)
    assert issubclass(ApiErrorCode, HttpErrorIdEnum)
    assert pickle.loads(pickle.dumps(RequestErrorId.ZERO)) is RequestErrorId.ZERO
    assert RequestErrorId("0") is RequestErrorId.ZERO
    assert RequestErrorId.from_id(RequestErrorId.ZERO) is RequestErrorId.ZERO
    assert ApiErrorCode.from_id(None) is None
    assert set(http_errors.__all__) == {family.enum for family in FAMILIES}
    assert {name for name in infobip_codes.__all__ if name in http_errors.__all__} == set(
        http_errors.__all__
    )


def test_docs_list_every_identifier_with_an_anchor() -> None:
    text = (SPEC.parent / "docs" / "codes.md").read_text(encoding="utf-8")
    section = text.split("\n## HTTP error bodies\n", 1)[1]
    assert "- [HTTP error bodies](#http-error-bodies)" in text
    for family, found in CATALOGUE.families:
        anchor = family.noun.lower().replace(" ", "-")
        for identifier in found:
            assert f'<a id="{anchor}-{identifier.id}"></a>`{identifier.id}`' in section
            assert identifier.sources[0].replace("_", "\\_") in section


# -- validation: every problem, with file, line and column -----------------------------------

GOOD = """\
request_errors:
  - id: BAD_REQUEST
    http_status: 400
    same_as: E400
    meaning: Rejected.
    sources: [infobip/a-client tests/x.py@1]
api_errors:
  - id: E400
    http_status: 400
    meaning: Invalid.
    sources: [infobip/a-client tests/x.py@1]
"""


def problems_in(write_spec: SpecWriter, text: str) -> list[Problem]:
    spec = write_spec(sms=MINIMAL_SMS)
    (spec / "http_errors.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    return list(caught.value.problems)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_file_loads_and_a_missing_one_is_an_empty_catalogue(write_spec: SpecWriter) -> None:
    spec = write_spec(sms=MINIMAL_SMS)
    assert load_spec(spec).identifiers.count == 0
    (spec / "http_errors.yaml").write_text(GOOD, encoding="utf-8")
    loaded = load_spec(spec).identifiers
    assert loaded is not None
    assert [i.same_as for _, found in loaded.families for i in found] == ["E400", "BAD_REQUEST"]


@pytest.mark.parametrize(
    ("edit", "needle", "message"),
    [
        (("  - id: BAD_REQUEST", "  - id: 0"), "id: 0", "'id' must be a non-empty string"),
        (("  - id: BAD_REQUEST", "  - id: BAD REQUEST"), "BAD REQUEST", "has a space"),
        (
            ("  - id: BAD_REQUEST", '  - id: "4xx"'),
            '"4xx"',
            "not a valid Python identifier (declare 'member:'",
        ),
        (
            ("  - id: BAD_REQUEST", "  - id: BAD_REQUEST\n    member: \uff22AD_REQUEST"),
            "member: ",
            "not a valid Python identifier in ASCII",
        ),
        (
            ("  - id: BAD_REQUEST", "  - id: BAD_REQUEST\n    member: " + "M" * 65),
            "member: ",
            "is longer than 64 characters",
        ),
        (("  - id: BAD_REQUEST", "  - id: upper"), "id: upper", "'upper' is reserved"),
        (("  - id: BAD_REQUEST", "  - id: meaning"), "id: meaning", "'meaning' is reserved"),
        (
            ("    http_status: 400\n    same", "    http_status: 600\n    same"),
            "600",
            "expected an HTTP status (100 to 599), not 600",
        ),
        (
            (
                "    http_status: 400\n    same",
                "    http_status: 400\n    also_seen_with: [400]\n    same",
            ),
            "also_seen_with",
            "status 400 is listed twice",
        ),
        (("    same_as: E400", "    same_as: E401"), "E401", "'same_as' names no api error 'E401'"),
        (
            ("    meaning: Rejected.", "    meening: Rejected."),
            "meening",
            "unknown key 'meening' in messageId entry (did you mean 'meaning'?",
        ),
        (
            (
                "    sources: [infobip/a-client tests/x.py@1]\napi",
                "    other_sources: [somebody/else x.py]\napi",
            ),
            "  - id: BAD_REQUEST",
            "needs a source of Infobip's own ('sources') or two others",
        ),
        (
            ("    sources: [infobip/a-client tests/x.py@1]\napi", "    sources: []\napi"),
            "sources: []",
            "'sources' is empty; leave it out",
        ),
        (
            (
                "    sources: [infobip/a-client tests/x.py@1]\napi",
                "    sources: [' two  spaces']\napi",
            ),
            "two  spaces",
            "each of 'sources' must be one line of text",
        ),
        (
            (
                "    sources: [infobip/a-client tests/x.py@1]\napi",
                '    sources: ["a \\u202e b"]\napi',
            ),
            "u202e",
            "each of 'sources' holds",
        ),
        (
            ("    meaning: Invalid.", "    meaning: Invalid.\n    same_as: BAD_REQUEST"),
            "same_as: BAD_REQUEST",
            "'same_as' is stated on the request error",
        ),
    ],
)
def test_a_broken_file_names_file_line_and_problem(
    write_spec: SpecWriter, edit: tuple[str, str], needle: str, message: str
) -> None:
    text = GOOD.replace(*edit, 1)
    assert text != GOOD
    found = problems_in(write_spec, text)
    assert [p.path for p in found] == ["spec/http_errors.yaml"] * len(found)
    matching = [p for p in found if message in p.message]
    assert matching, [str(p) for p in found]
    assert matching[0].line == line_of(text, needle), str(matching[0])


def test_repeats_and_wrong_shapes_are_reported_at_once(write_spec: SpecWriter) -> None:
    text = GOOD + "  - id: E400\n    http_status: 400\n    meaning: Again.\n    sources: [x y]\n"
    text = text.replace("api_errors:", "api_errors:\n  - 5")
    found = problems_in(write_spec, text)
    messages = [p.message for p in found]
    assert any("the id 'E400' is taken on line" in m for m in messages), messages
    assert any("each api_errors entry must be a mapping" in m for m in messages), messages
    assert problems_in(write_spec, "- a list\n")[0].message == (
        "the identifier catalogue must be a mapping"
    )
    missing = problems_in(write_spec, "request_errors: []\n")
    assert "identifier catalogue is missing required key 'api_errors'" in missing[0].message


def test_members_may_not_shadow_the_enums_attributes() -> None:
    reserved = reserved_identifier_members()
    assert {"from_id", "record", "meaning", "http_status", "sources", "upper", "name"} <= reserved
    assert not reserved & {member.name for member in [*RequestErrorId, *ApiErrorCode]}


# -- generation: drift is caught, a broken catalogue writes nothing ---------------------------


def test_a_broken_catalogue_writes_nothing(repo_copy: Path) -> None:
    path = repo_copy / "spec" / "http_errors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("http_status: 429", "http_status: 42"))
    before = snapshot(repo_copy)
    code, out = run_codegen("generate", root=repo_copy)
    assert code == 2
    assert "spec/http_errors.yaml:" in out
    assert "expected an HTTP status (100 to 599), not 42" in out
    assert "nothing was written" in out
    assert snapshot(repo_copy) == before


def test_check_catches_an_edit_of_the_catalogue_or_of_its_module(repo_copy: Path) -> None:
    assert run_codegen("check", root=repo_copy)[0] == 0
    module = repo_copy / "src" / "infobip_codes" / "http_errors.py"
    module.write_text(module.read_text(encoding="utf-8").replace("HTTP 429", "HTTP 430"))
    code, out = run_codegen("check", root=repo_copy)
    assert code == 1
    assert "src/infobip_codes/http_errors.py: differs from what spec/ generates" in out
    assert run_codegen("generate", root=repo_copy)[0] == 0
    spec = repo_copy / "spec" / "http_errors.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("throttled;", "held back;"))
    code, out = run_codegen("check", root=repo_copy)
    assert code == 1
    assert "docs/codes.md: differs" in out


def test_a_new_identifier_reaches_the_enum_and_the_docs(repo_copy: Path) -> None:
    spec = repo_copy / "spec" / "http_errors.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8")
        + "  - id: E409\n    http_status: 409\n    meaning: A conflict.\n"
        + "    other_sources: [somebody/one a.py@1, somebody/two b.py@2]\n",
        encoding="utf-8",
    )
    assert run_codegen("generate", root=repo_copy)[0] == 0
    module = (repo_copy / "src" / "infobip_codes" / "http_errors.py").read_text(encoding="utf-8")
    assert 'E409 = "E409"\n    """HTTP 409.\n\n    A conflict.' in module
    docs = (repo_copy / "docs" / "codes.md").read_text(encoding="utf-8")
    assert '<a id="api-error-E409"></a>`E409` | 409 | A conflict. |' in docs
