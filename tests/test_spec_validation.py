"""The spec loader rejects every kind of broken spec, naming file, line and problem."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_DLT, MINIMAL_SMS, SPEC, SpecWriter

from codegen.problems import Problem, SpecError
from codegen.spec import load_spec


def problems(spec_dir: object) -> list[Problem]:
    with pytest.raises(SpecError) as caught:
        load_spec(spec_dir)  # type: ignore[arg-type]
    return list(caught.value.problems)


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def test_the_real_spec_is_valid() -> None:
    spec = load_spec(SPEC)
    assert spec.codes
    assert spec.general == spec.channels[0].name


def test_minimal_spec_loads(write_spec: SpecWriter) -> None:
    spec = load_spec(write_spec(sms=MINIMAL_SMS, dlt=MINIMAL_DLT))
    assert [code.id for code in spec.codes] == [3, 7, 5, 0, 27, 4106]
    assert spec.channel("dlt").errors[0].status_id == 5


def test_invalid_yaml_names_line_and_column(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace("    name: DELIVERED\n", "    name: [DELIVERED\n")
    problem = only(problems(write_spec(sms=text)))
    assert problem.path.endswith("spec/sms.yaml")
    assert "invalid YAML" in problem.message
    assert problem.line >= line_of(text, "[DELIVERED")


def test_duplicate_yaml_key_is_invalid_yaml(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "        name: EC_ABSENT_SUBSCRIBER\n",
        "        name: EC_ABSENT_SUBSCRIBER\n        name: EC_AGAIN\n",
    )
    problem = only(problems(write_spec(sms=text)))
    assert "invalid YAML" in problem.message
    assert "duplicate" in problem.message


def test_missing_key(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "        permanent: false\n        description: Switched off.\n",
        "        description: Switched off.\n",
    )
    problem = only(problems(write_spec(sms=text)))
    assert problem.message == "error code is missing required key 'permanent'"
    assert problem.line == line_of(text, "id: 27")


def test_unknown_key(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "        permanent: false\n        description: Switched off.",
        "        permanant: false\n        description: Switched off.",
    )
    found = problems(write_spec(sms=text))
    unknown = [p for p in found if "unknown key 'permanant'" in p.message]
    assert unknown
    assert unknown[0].line == line_of(text, "permanant")
    assert unknown[0].column == 9


def test_id_must_be_an_integer(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace("      - id: 27\n", "      - id: '27'\n")
    problem = only(problems(write_spec(sms=text)))
    assert "'id' must be an integer, not '27'" in problem.message
    assert problem.line == line_of(text, "id: '27'")


def test_id_must_not_be_a_boolean(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace("      - id: 27\n", "      - id: true\n")
    assert "'id' must be an integer" in only(problems(write_spec(sms=text))).message


def test_permanent_must_be_a_boolean(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "        permanent: false\n        description: Switched off.",
        "        permanent: maybe\n        description: Switched off.",
    )
    problem = only(problems(write_spec(sms=text)))
    assert "'permanent' must be true or false, not 'maybe'" in problem.message
    assert problem.line == line_of(text, "permanent: maybe")


def test_duplicate_id_must_be_declared(write_spec: SpecWriter) -> None:
    extra = (
        "      - id: 27\n        name: EC_AGAIN\n        permanent: true\n        description: x\n"
    )
    text = MINIMAL_SMS + extra
    problem = only(problems(write_spec(sms=text)))
    assert "duplicate error id 27" in problem.message
    assert "duplicate_of: EC_ABSENT_SUBSCRIBER" in problem.message
    assert problem.line == line_of(text, "id: 27", 2)


def test_declared_duplicate_id_is_accepted(write_spec: SpecWriter) -> None:
    extra = (
        "      - id: 27\n        name: EC_AGAIN\n        duplicate_of: EC_ABSENT_SUBSCRIBER\n"
        "        permanent: true\n        description: x\n"
    )
    spec = load_spec(write_spec(sms=MINIMAL_SMS + extra))
    again = spec.channel("sms").errors[-1]
    assert (again.member, again.is_member) == ("EC_ABSENT_SUBSCRIBER", False)


def test_duplicate_of_must_name_an_earlier_code_with_the_same_id(write_spec: SpecWriter) -> None:
    extra = (
        "      - id: 28\n        name: EC_AGAIN\n        duplicate_of: NO_ERROR\n"
        "        permanent: true\n        description: x\n"
    )
    assert (
        "names a code with another id (0)"
        in only(problems(write_spec(sms=MINIMAL_SMS + extra))).message
    )


def test_duplicate_member_name(write_spec: SpecWriter) -> None:
    extra = (
        "      - id: 28\n        name: EC_ABSENT_SUBSCRIBER\n        permanent: true\n"
        "        description: x\n"
    )
    problem = only(problems(write_spec(sms=MINIMAL_SMS + extra)))
    assert "duplicate error member name EC_ABSENT_SUBSCRIBER" in problem.message
    assert "declare another 'member:'" in problem.message


def test_member_must_be_an_identifier(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace("name: EC_ABSENT_SUBSCRIBER", "name: EC_ABSENT SUBSCRIBER")
    problem = only(problems(write_spec(sms=text)))
    assert "'EC_ABSENT SUBSCRIBER' is not a valid Python identifier" in problem.message
    assert "declare 'member:'" in problem.message
    fixed = text.replace(
        "name: EC_ABSENT SUBSCRIBER", "name: EC_ABSENT SUBSCRIBER\n        member: EC_ABSENT_SUB"
    )
    assert load_spec(write_spec(sms=fixed)).channel("sms").errors[-1].member == "EC_ABSENT_SUB"


def test_member_must_not_be_a_keyword(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "name: EC_ABSENT_SUBSCRIBER", "name: EC_ABSENT_SUBSCRIBER\n        member: class"
    )
    problem = only(problems(write_spec(sms=text)))
    assert "'class' is not a valid Python identifier" in problem.message


def test_member_must_not_shadow_an_enum_attribute(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace(
        "name: EC_ABSENT_SUBSCRIBER", "name: EC_ABSENT_SUBSCRIBER\n        member: description"
    )
    assert "reserved" in only(problems(write_spec(sms=text))).message


def test_undefined_status_group(write_spec: SpecWriter) -> None:
    voice = """\
        channel: voice
        enum_prefix: Voice
        page:
          statuses: Voice Status Codes
        status_groups:
          - id: 9
            name: LIMBO
            description: Nowhere.
            codes:
              - id: 53
                name: LIMBO_ONE
                description: null
        """
    problem = only(problems(write_spec(sms=MINIMAL_SMS, voice=voice)))
    assert problem.path.endswith("spec/voice.yaml")
    assert "undefined status group 9 ('LIMBO')" in problem.message
    assert problem.line == 6


def test_dlt_status_link_must_exist(write_spec: SpecWriter) -> None:
    dlt = MINIMAL_DLT.replace("status_id: 5", "status_id: 4")
    problem = only(problems(write_spec(sms=MINIMAL_SMS, dlt=dlt)))
    assert problem.path.endswith("spec/dlt.yaml")
    assert "status_id 4 is not a status of the sms tables" in problem.message
    assert problem.line == line_of(dlt, "id: 4106")


def test_descriptions_are_one_normalised_line(write_spec: SpecWriter) -> None:
    text = MINIMAL_SMS.replace("description: Switched off.", "description: 'Switched  off.'")
    assert "must be one line with single spaces" in only(problems(write_spec(sms=text))).message


def test_channel_file_not_listed(write_spec: SpecWriter) -> None:
    spec = write_spec(sms=MINIMAL_SMS)
    (spec / "stray.yaml").write_text(MINIMAL_DLT, encoding="utf-8")
    problem = only(problems(spec))
    assert problem.path.endswith("spec/stray.yaml")
    assert "not listed in spec/channels.yaml" in problem.message


def test_listed_channel_without_file(write_spec: SpecWriter) -> None:
    spec = write_spec(sms=MINIMAL_SMS)
    (spec / "channels.yaml").write_text(
        "channels:\n  - sms\n  - no_such_channel\ngeneral: sms\n", encoding="utf-8"
    )
    problem = only(problems(spec))
    assert "channel 'no_such_channel' has no file" in problem.message
    assert problem.line == 3


def test_every_problem_is_reported_in_one_run(write_spec: SpecWriter) -> None:
    sms = MINIMAL_SMS.replace("      - id: 27\n", "      - id: x27\n").replace(
        "permanent: false\n        description: No error.",
        "permanent: nope\n        description: No error.",
    )
    dlt = MINIMAL_DLT.replace("status_id: 5", "status_id: 99").replace("EC_BLOCKED_BY_DLT", "1BAD")
    found = problems(write_spec(sms=sms, dlt=dlt))
    messages = "\n".join(str(p) for p in found)
    assert "'id' must be an integer" in messages
    assert "'permanent' must be true or false" in messages
    assert "'1BAD' is not a valid Python identifier" in messages
    assert len(found) >= 3
    assert [p.path for p in found] == sorted(p.path for p in found)


def test_problem_text_has_file_line_and_column() -> None:
    assert str(Problem("spec/sms.yaml", 12, 5, "bad")) == "spec/sms.yaml:12:5: error: bad"


def test_general_must_name_a_listed_channel(write_spec: SpecWriter) -> None:
    spec = write_spec(sms=MINIMAL_SMS)
    (spec / "channels.yaml").write_text(
        "channels:\n  - sms\ngeneral: no_such_channel\n", encoding="utf-8"
    )
    problem = only(problems(spec))
    assert problem.path == "spec/channels.yaml"
    assert problem.line == 3
    assert "'general' must name one of the listed channels" in problem.message


def test_general_status_groups_say_whether_they_are_final(write_spec: SpecWriter) -> None:
    sms = MINIMAL_SMS.replace("    final: true\n", "", 1)
    problem = only(problems(write_spec(sms=sms)))
    assert problem.line == line_of(sms, "name: DELIVERED") - 1
    assert "status group is missing required key 'final'" in problem.message


def test_a_missing_top_level_key_is_reported_once(write_spec: SpecWriter) -> None:
    # sms is the general channel: losing its file would once have cascaded into
    # "undefined status group" errors for every other channel
    sms = MINIMAL_SMS.replace("enum_prefix: Sms\n", "")
    voice = (
        "channel: voice\nenum_prefix: Voice\npage:\n  statuses: Voice Status Codes\n"
        "status_groups:\n  - id: 3\n    name: DELIVERED\n    description: x\n    codes:\n"
        "      - id: 5\n        name: DELIVERED_TO_HANDSET\n        description: y\n"
    )
    problem = only(problems(write_spec(sms=sms, voice=voice)))
    assert problem.path == "spec/sms.yaml"
    assert "missing required key 'enum_prefix'" in problem.message


def test_unknown_key_suggests_the_nearest(write_spec: SpecWriter) -> None:
    sms = MINIMAL_SMS.replace(
        "        permanent: false\n        description: No error.",
        "        permanant: false\n        description: No error.",
    )
    found = problems(write_spec(sms=sms))
    unknown = [p for p in found if "unknown key" in p.message]
    assert len(unknown) == 1
    assert "did you mean 'permanent'?" in unknown[0].message
    assert unknown[0].line == line_of(sms, "permanant")


@pytest.mark.parametrize("reserved", ["is_ok", "from_id", "records", "api_name", "real"])
def test_members_may_not_shadow_what_the_runtime_defines(
    write_spec: SpecWriter, reserved: str
) -> None:
    sms = MINIMAL_SMS.replace(
        "        name: EC_ABSENT_SUBSCRIBER\n",
        f"        name: EC_ABSENT_SUBSCRIBER\n        member: {reserved}\n",
    )
    problem = only(problems(write_spec(sms=sms)))
    assert f"{reserved!r} is reserved" in problem.message
    assert problem.line == line_of(sms, f"member: {reserved}")


def test_an_alias_may_not_name_another_code(write_spec: SpecWriter) -> None:
    sms = MINIMAL_SMS.replace(
        "        name: EC_ABSENT_SUBSCRIBER\n",
        "        name: EC_ABSENT_SUBSCRIBER\n        aliases: [{name: NO_ERROR, source: a log}]\n",
    )
    problem = only(problems(write_spec(sms=sms)))
    assert problem.path == "spec/sms.yaml"
    assert problem.line == line_of(sms, "- id: 27")
    assert "alias 'NO_ERROR' is the name of error code 0" in problem.message


def test_an_alias_is_a_one_line_name(write_spec: SpecWriter) -> None:
    sms = MINIMAL_SMS.replace(
        "        name: EC_ABSENT_SUBSCRIBER\n",
        "        name: EC_ABSENT_SUBSCRIBER\n        aliases: [{name: ' SPACED', source: x}]\n",
    )
    problem = only(problems(write_spec(sms=sms)))
    assert "must be one line with single spaces" in problem.message
    assert problem.line == line_of(sms, "aliases:")


@pytest.mark.parametrize(
    ("edit", "needle", "message"),
    [
        (
            ("status_groups: [", "status_groups: [99, "),
            "status_groups: [99",
            "'status_groups': 99 is not one of sms's",
        ),
        (
            ("error_groups: [", "error_groups: x\n  y: ["),
            "status_groups:",  # the mapping's first line
            "'shared' must map 'status_groups' and/or 'error_groups' to lists of group ids",
        ),
        (
            ("status_groups: [", "status_groups: [true, "),
            "status_groups: [true",
            "'status_groups' must be a list of group ids",
        ),
    ],
)
def test_shared_groups_are_checked_where_they_stand(
    tmp_path: object, edit: tuple[str, str], needle: str, message: str
) -> None:
    import shutil
    from pathlib import Path

    spec = Path(str(tmp_path)) / "spec"
    shutil.copytree(SPEC, spec)
    index = spec / "channels.yaml"
    text = index.read_text(encoding="utf-8").replace(*edit, 1)
    index.write_text(text, encoding="utf-8")
    found = only(problems(spec))
    assert message in found.message
    assert found.line == line_of(text, needle)
