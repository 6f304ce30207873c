"""The typing contract: what mypy --strict accepts and rejects in client code.

One mypy run per test session (on the running Python's version) checks:
tests/typing/pass/ (must be clean), tests/typing/fail/ (each ``# E: [code]
text`` comment must get that error on its line, and nothing else may
appear), and a file generated here with an exhaustive ``match`` over every
code and group enum, next to one that leaves a member out of each.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ENUMS, SPEC
from mypy import api as mypy_api

import infobip_codes
from codegen.render import annotation, code_types, error_facts, group_types
from codegen.spec import load_spec

THE_SPEC = load_spec(SPEC)

TYPING = Path(__file__).parent / "typing"
EXPECT = re.compile(r"#\s*E:\s*\[(?P<code>[a-z-]+)\]\s*(?P<text>.+?)\s*$")
ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<text>.+?)\s+\[(?P<code>[a-z-]+)\]$")


def channel_source() -> str:
    """Every channel-specific call and every enum's facts, with the type mypy must reveal.

    The expected types come from the generator's own rule (``codegen.render``),
    which also types the generated modules: this suite checks what mypy makes
    of the generated overloads, not a second copy of the rule.
    """
    lines = [
        "from collections.abc import Iterator",
        "from typing import Literal",
        "from typing_extensions import assert_type",
        "from infobip_codes import *",
        "",
    ]
    for channel in THE_SPEC.channels:
        name = repr(channel.name)
        prefix = channel.enum_prefix
        statuses = annotation(code_types(THE_SPEC, channel, "status"))
        errors = annotation(code_types(THE_SPEC, channel, "error"))
        groups = annotation(group_types(THE_SPEC, channel)) or "None"
        lines += [
            f"assert_type(status_by_id(1, channel={name}), {statuses} | None)",
            f"assert_type(status_by_name('x', channel={name}), {statuses} | None)",
            f"assert_type(error_by_id(1, channel={name}), {errors} | None)",
            f"assert_type(error_by_name('x', channel={name}), {errors} | None)",
            f"assert_type(parse_status({{}}, channel={name}), {prefix}Status)",
            f"assert_type(parse_status({{}}, channel={name}).code, {statuses} | None)",
            f"assert_type(parse_status({{}}, channel={name}).group, StatusGroup | None)",
            f"assert_type(parse_error({{}}, {name}), {prefix}Error)",
            f"assert_type(parse_error({{}}, {name}).code, {errors} | None)",
            f"assert_type(parse_error({{}}, {name}).group, {groups} | None)",
            f"assert_type(parse_report({{}}, {name}), tuple[{prefix}Report, ...])",
            f"assert_type(parse_report({{}}, {name})[0].error, {prefix}Error | None)",
            f"assert_type(iter_report([], {name}), Iterator[{prefix}Report])",
        ]
        for enum_name in (channel.status_enum, channel.error_enum):
            if enum_name is None:
                continue
            first = next(iter(getattr(infobip_codes, enum_name).__members__))
            member = f"{enum_name}.{first}"
            if enum_name == channel.status_enum:
                lines.append(f"assert_type({member}.group, StatusGroup)")
            else:
                facts = error_facts(channel, THE_SPEC)
                lines.append(f"assert_type({member}.group, {facts.group})")
                lines.append(f"assert_type({member}.permanent, {facts.permanent})")
                if facts.status is not None:
                    lines.append(f"assert_type({member}.status, {facts.status})")
    for enum in ENUMS:
        lines += [
            f"assert_type({enum.__name__}.from_id(0), {enum.__name__} | None)",
            f"assert_type({enum.__name__}.from_name('x'), {enum.__name__} | None)",
        ]
    return "\n".join(lines) + "\n"


def exhaustive_source(leave_out_last: bool) -> str:
    names = ", ".join(e.__name__ for e in ENUMS)
    lines = [
        "from typing_extensions import assert_never",
        f"from infobip_codes import {names}",
        "",
    ]
    for enum in ENUMS:
        members = list(enum.__members__)
        if leave_out_last:
            members = members[:-1]
        lines.append(f"def handle_{enum.__name__}(code: {enum.__name__}) -> int:")
        lines.append("    match code:")
        for index, member in enumerate(members):
            lines.append(f"        case {enum.__name__}.{member}:")
            lines.append(f"            return {index}")
        lines.append("        case _:")
        lines.append(f"            assert_never(code)  # END {enum.__name__}")
        lines.append("")
    return "\n".join(lines)


@dataclass(frozen=True)
class Found:
    path: str
    line: int
    code: str
    text: str


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> list[Found]:
    work = tmp_path_factory.mktemp("typing")
    (work / "exhaustive.py").write_text(exhaustive_source(False), encoding="utf-8")
    (work / "not_exhaustive.py").write_text(exhaustive_source(True), encoding="utf-8")
    (work / "per_channel.py").write_text(channel_source(), encoding="utf-8")
    (work / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    files = sorted(str(p) for p in (TYPING / "pass").glob("*.py"))
    files += sorted(str(p) for p in (TYPING / "fail").glob("*.py"))
    files += [str(work / name) for name in ("exhaustive.py", "not_exhaustive.py", "per_channel.py")]
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    stdout, stderr, _ = mypy_api.run(
        [
            "--config-file",
            str(work / "mypy.ini"),
            "--strict",
            "--python-version",
            version,
            "--python-executable",
            sys.executable,
            "--cache-dir",
            str(work / "cache"),
            "--show-error-codes",
            "--no-error-summary",
            "--no-pretty",
            *files,
        ]
    )
    assert not stderr, stderr
    found = []
    for line in stdout.splitlines():
        match = ERROR.match(line)
        if match:
            found.append(
                Found(Path(match["path"]).name, int(match["line"]), match["code"], match["text"])
            )
        else:
            assert ": note: " in line, f"unexpected mypy output: {line}"
    return found


def test_positive_files_are_clean(mypy_errors: list[Found]) -> None:
    names = {p.name for p in (TYPING / "pass").glob("*.py")}
    assert names, "no positive typing files"
    assert [f for f in mypy_errors if f.path in names] == []


def test_negative_files_get_exactly_the_pinned_errors(mypy_errors: list[Found]) -> None:
    for path in sorted((TYPING / "fail").glob("*.py")):
        expected = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                expected[number] = (match["code"], match["text"])
        assert expected, f"{path.name} pins no error"
        got = {f.line: f for f in mypy_errors if f.path == path.name}
        missing = [
            f"{path.name}:{line}: expected [{code}] {text}"
            for line, (code, text) in expected.items()
            if line not in got or got[line].code != code or text not in got[line].text
        ]
        unexpected = [
            f"{path.name}:{f.line}: [{f.code}] {f.text}"
            for f in got.values()
            if f.line not in expected
        ]
        assert not missing, "mypy no longer catches:\n" + "\n".join(missing)
        assert not unexpected, "unexpected mypy errors:\n" + "\n".join(unexpected)


def test_exhaustive_match_over_every_enum_type_checks(mypy_errors: list[Found]) -> None:
    # every enum the spec declares, plus the shared status groups
    assert {e.__name__ for e in ENUMS} == {
        "StatusGroup",
        *(name for channel in THE_SPEC.channels for name in channel.enums),
    }
    assert [f for f in mypy_errors if f.path == "exhaustive.py"] == []


def test_every_channel_gives_its_own_types(mypy_errors: list[Found]) -> None:
    assert [f for f in mypy_errors if f.path == "per_channel.py"] == []


def test_leaving_out_a_member_is_caught_for_every_enum(mypy_errors: list[Found]) -> None:
    source = exhaustive_source(True).splitlines()
    caught = {
        source[f.line - 1].split("# END ")[1]
        for f in mypy_errors
        if f.path == "not_exhaustive.py" and f.code == "arg-type" and "assert_never" in f.text
    }
    assert caught == {e.__name__ for e in ENUMS}
