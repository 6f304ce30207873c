"""The generator under hostile spec files: a located error, nothing written, bounded.

Every bound of spec/README.md ("Bounds") is driven here, on both sides of
it, and every way a file can be unreadable ends in a ``file:line`` message
from ``python -m codegen generate`` with the committed files untouched.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import (
    MINIMAL_DLT,
    MINIMAL_SMS,
    ROOT,
    SpecWriter,
    snapshot,
    write_spec_dir,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.checks import MAX_ID, MAX_NAME
from codegen.cli import main as codegen_main
from codegen.problems import MESSAGE_CHARS, PREVIEW_CHARS, Problem, SpecError
from codegen.reader import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_DIGITS, REFUSED_CATEGORIES
from codegen.spec import MAX_CHANNEL, Spec, load_spec

# The longest a message may get: its fixed words, a capped value and a capped complaint.
LONGEST_MESSAGE = 600


def problems(spec_dir: Path) -> list[Problem]:
    with pytest.raises(SpecError) as caught:
        load_spec(spec_dir)
    return list(caught.value.problems)


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column where ``needle`` first starts in ``text``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def generate(repo: Path) -> tuple[int, str]:
    """``python -m codegen generate`` on ``repo``, run in this process: its status and output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = codegen_main(["--root", str(repo), "generate"])
    return code, out.getvalue()


def fails_cleanly(repo: Path, break_it: Callable[[Path], object]) -> str:
    """Break the spec of ``repo``, run the generator, and check that nothing changed."""
    spec = repo / "spec"
    break_it(spec)
    before = snapshot(repo)
    code, out = generate(repo)
    assert code == 2, out
    assert "Traceback" not in out, out
    assert "nothing was written" in out, out
    assert snapshot(repo) == before
    return out


# -- files that are not channels: nothing written, nothing removed ---------------------


@pytest.mark.parametrize("content", ["", "# only a comment\n# and another\n", "# null:\n~\n"])
@pytest.mark.parametrize("channel", ["dlt", "sms", "channels"])
def test_an_empty_file_is_an_error_and_nothing_is_written_or_removed(
    repo_copy: Path, channel: str, content: str
) -> None:
    # dlt is an ordinary channel, sms the general one, channels.yaml the index:
    # an empty dlt.yaml once deleted dlt.py and rewrote seven files; the other
    # two ended in an AssertionError traceback
    out = fails_cleanly(repo_copy, lambda spec: (spec / f"{channel}.yaml").write_text(content))
    line = 2 if "~" in content else 1
    assert f"spec/{channel}.yaml:{line}" in out
    assert "holds no YAML document" in out
    assert (
        repo_copy / "src" / "infobip_codes" / f"{'dlt' if channel == 'channels' else channel}.py"
    ).is_file()


def test_a_file_name_is_shown_escaped(write_spec: SpecWriter) -> None:
    spec = write_spec(sms=MINIMAL_SMS)
    (spec / "\x1b[2J\u202e.yaml").write_text(MINIMAL_DLT, encoding="utf-8")
    shown = str(only(problems(spec)))
    assert shown.startswith("spec/\\x1b[2J\\u202e.yaml: error: channel file is not listed")
    assert shown.isprintable()


def test_a_channel_is_removed_only_when_channels_yaml_drops_it(repo_copy: Path) -> None:
    index = repo_copy / "spec" / "channels.yaml"
    index.write_text(index.read_text(encoding="utf-8").replace("  - dlt\n", ""), encoding="utf-8")
    (repo_copy / "spec" / "dlt.yaml").unlink()
    code, out = generate(repo_copy)
    assert code == 0, out
    assert "removed src/infobip_codes/dlt.py (no longer in the spec)" in out
    assert not (repo_copy / "src" / "infobip_codes" / "tables" / "dlt.py").exists()


def _symlink_loop(name: str) -> Callable[[Path], None]:
    def make(spec: Path) -> None:
        (spec / name).unlink(missing_ok=True)
        os.symlink(name, spec / name)

    return make


def _fifo(name: str) -> Callable[[Path], None]:
    def make(spec: Path) -> None:  # reading it would wait for a writer forever
        (spec / name).unlink()
        os.mkfifo(spec / name)

    return make


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (_symlink_loop("dlt.yaml"), "spec/dlt.yaml:1: error: cannot read"),
        (_symlink_loop("channels.yaml"), "spec/channels.yaml:1: error: cannot read"),
        (_symlink_loop("stray.yaml"), "spec/stray.yaml: error: channel file is not listed"),
        (
            _fifo("dlt.yaml"),
            "spec/dlt.yaml:1: error: cannot read: not a regular file",
        ),
        (
            _fifo("channels.yaml"),
            "spec/channels.yaml:1: error: cannot read: not a regular file",
        ),
    ],
    ids=["loop", "index-loop", "stray-loop", "fifo", "index-fifo"],
)
def test_a_file_that_cannot_be_read_is_located_and_nothing_is_written(
    repo_copy: Path, break_it: Callable[[Path], None], expected: str
) -> None:
    assert expected in fails_cleanly(repo_copy, break_it)


def _replace_in_email(old: bytes, new: bytes) -> Callable[[Path], None]:
    def edit(spec: Path) -> None:
        path = spec / "email.yaml"
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new, 1))

    return edit


SPAM = b"description: Emails are dropped due to spam content."
SPAM_LINE, SPAM_KEY = where(
    (ROOT / "spec" / "email.yaml").read_text(encoding="utf-8"), SPAM.decode()
)
VALUE = SPAM_KEY + len("description: ")  # the column where the value starts
INSIDE = VALUE + len("Emails are ")  # the column of a character put inside it
DEPTH_THERE = 5  # the channel file, error_groups, a group, its codes, a code


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        # a lone surrogate, escaped: once a UnicodeEncodeError while writing
        (
            b'description: "Emails \\ud800 are dropped."',
            f":{SPAM_LINE}:{VALUE}: error: error code 6002: 'description' holds U+D800",
        ),
        # not UTF-8, and a raw C1 character: once a byte position, not a line (and
        # the column counts characters: the \xc3\x89 before is one, not two)
        (
            b"description: \xc3\x89mails are \xff dropped.",
            f":{SPAM_LINE}:{INSIDE}: error: not UTF-8: byte 0xff",
        ),
        (
            b"description: \xc3\x89mails are \xc2\x9b dropped.",
            f":{SPAM_LINE}:{INSIDE}: error: U+009B is not allowed",
        ),
        (
            b"description: Emails are \xc2\x85 dropped.",
            f":{SPAM_LINE}:{INSIDE}: error: U+0085 is not allowed",
        ),
        # nesting 10**5 deep: once "maximum recursion depth exceeded", at no line
        (
            b"description: " + b"[" * 100_000 + b"]" * 100_000,
            f":{SPAM_LINE}:{VALUE + MAX_DEPTH - DEPTH_THERE}: error: mappings and lists nest",
        ),
        # a number too long to convert: once "Exceeds the limit (4300 digits)", at no line
        (b"description: 1" + b"0" * 5000, f":{SPAM_LINE}:{VALUE}: error: a number of more than"),
    ],
    ids=["surrogate", "not-utf8", "c1-csi", "c1-nel", "deep", "huge-number"],
)
def test_a_broken_file_is_a_located_message_and_nothing_is_written(
    repo_copy: Path, new: bytes, expected: str
) -> None:
    out = fails_cleanly(repo_copy, _replace_in_email(SPAM, new))
    assert "spec/email.yaml" + expected in out, out


# -- anchors and aliases: refused before anything is composed --------------------------


def bomb(indent: int) -> str:
    """Nine levels of nine aliases each: 9**9 items once composed, in under 2 KB."""
    pad = " " * indent
    return "".join(
        f"{pad}- &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" if n else f"{pad}- &l0 [lol, lol]\n"
        for n in range(9)
    )


def _limited(seconds: int, memory: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


@pytest.mark.parametrize("key", ["note", "id"])
def test_an_alias_bomb_is_refused_at_its_first_anchor_within_bounds(
    tmp_path: Path, key: str
) -> None:
    # the validator once ran past 300 s and 4 GB on this, and a message printing
    # the value expanded it
    if key == "note":
        sms = MINIMAL_SMS.replace("channel: sms\n", f"channel: sms\nnote:\n{bomb(2)}")
    else:
        sms = MINIMAL_SMS.replace("      - id: 27\n", f"      - id:\n{bomb(10)}", 1)
    spec = write_spec_dir(tmp_path, sms=sms)
    assert len((spec / "sms.yaml").read_bytes()) < 2000
    # in a process capped at 60 s of CPU and 1 GiB: the old validator was killed here
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "--spec", str(spec), "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limited(60, 1 << 30),
    )
    line = where(sms, "&l0")[0]
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert f"spec/sms.yaml:{line}:" in proc.stderr
    assert "anchor &l0 is not allowed" in proc.stderr
    assert len(proc.stderr) < 1000


def test_an_alias_alone_is_refused_too(write_spec: SpecWriter) -> None:
    # refused as what it is, before YAML would say its anchor is undefined
    sms = MINIMAL_SMS.replace("    description: Still on its way.\n", "    description: *text\n")
    problem = only(problems(write_spec(sms=sms)))
    assert "alias *text is not allowed" in problem.message
    assert (problem.line, problem.column) == where(sms, "*text")


# -- ids: what SQL's INTEGER and the parser hold ----------------------------------------


def test_the_largest_id_is_the_largest_sql_integer() -> None:
    db = duckdb.connect()
    assert db.execute(f"SELECT CAST({MAX_ID} AS INTEGER)").fetchone() == (MAX_ID,)
    with pytest.raises(duckdb.ConversionException):
        db.execute(f"SELECT CAST({MAX_ID + 1} AS INTEGER)").fetchall()


ID_SITES = {
    "id": ("      - id: 27\n", "      - id: {}\n"),
    "group id": ("  - id: 1\n    name: HANDSET_ERRORS\n", "  - id: {}\n    name: HANDSET_ERRORS\n"),
    "status_id": None,
    "shared_with": (
        "        name: EC_ABSENT_SUBSCRIBER\n",
        "        name: EC_ABSENT_SUBSCRIBER\n        aliases:\n"
        "          - {{name: NO_ERROR, source: a log, shared_with: {}}}\n",
    ),
}


def spec_with_id(write_spec: SpecWriter, site: str, value: int) -> Path:
    if site == "status_id":
        return write_spec(
            sms=MINIMAL_SMS, dlt=MINIMAL_DLT.replace("status_id: 5", f"status_id: {value}")
        )
    old, new = ID_SITES[site]  # type: ignore[misc]
    assert old in MINIMAL_SMS
    return write_spec(sms=MINIMAL_SMS.replace(old, new.format(value), 1))


@pytest.mark.parametrize("site", list(ID_SITES))
@pytest.mark.parametrize("value", [MAX_ID + 1, 3_000_000_000, 10**19, -1])
def test_ids_outside_what_sql_holds_are_refused(
    write_spec: SpecWriter, site: str, value: int
) -> None:
    found = problems(spec_with_id(write_spec, site, value))
    bound = [p for p in found if f"must be between 0 and {MAX_ID}" in p.message]
    assert bound, [str(p) for p in found]
    assert bound[0].line > 0


def test_the_largest_id_is_accepted(write_spec: SpecWriter) -> None:
    spec = load_spec(spec_with_id(write_spec, "id", MAX_ID))
    assert MAX_ID in [code.id for code in spec.codes]
    spec = load_spec(spec_with_id(write_spec, "group id", MAX_ID))
    assert MAX_ID in [group.id for group in spec.general_channel.error_groups]


def test_a_number_of_more_digits_than_any_id_is_refused_before_conversion(
    write_spec: SpecWriter,
) -> None:
    longest = "9" * MAX_NUMBER_DIGITS
    found = problems(spec_with_id(write_spec, "id", int(longest)))
    assert "must be between 0" in only(found).message
    sms = MINIMAL_SMS.replace("      - id: 27\n", f"      - id: {longest}9\n")
    problem = only(problems(write_spec(sms=sms)))
    assert problem.message.startswith(f"a number of more than {MAX_NUMBER_DIGITS} digits")
    assert (problem.line, problem.column) == where(sms, longest)


# -- texts: no control, format, surrogate or separator character -----------------------

# Where the spec holds a text: (channel file, the text there, a YAML value for it).
TEXT_SITES = {
    "description": ("sms", "Switched off."),
    "code name": ("sms", "EC_ABSENT_SUBSCRIBER"),
    "group name": ("sms", "HANDSET_ERRORS"),
    "group description": ("sms", "The handset."),
    "heading": ("sms", "General Error Codes"),
    "status_text": ("dlt", "Delivered, apparently."),
    "note": ("sms", "NOTE"),
    "source": ("sms", "SOURCE"),
    "alias name": ("sms", "ALIAS"),
    "alias source": ("sms", "ALIAS SOURCE"),
}
WITH_EXTRAS = MINIMAL_SMS.replace("channel: sms\n", "channel: sms\nnote: NOTE\n").replace(
    "      - id: 27\n        name: EC_ABSENT_SUBSCRIBER\n",
    "      - id: 27\n        name: EC_ABSENT_SUBSCRIBER\n        source: SOURCE\n"
    "        aliases:\n          - name: ALIAS\n            source: ALIAS SOURCE\n",
)


def spec_holding(site: str, value: str) -> dict[str, str]:
    """The minimal spec with the text of ``site`` replaced by ``value`` (YAML source)."""
    channel, text = TEXT_SITES[site]
    files = {"sms": WITH_EXTRAS, "dlt": MINIMAL_DLT}
    pattern = re.compile(rf"(?<=: ){re.escape(text)}$", re.MULTILINE)
    files[channel], count = pattern.subn(lambda _: value, files[channel], count=1)
    assert count == 1, site
    return files


def test_every_text_site_is_valid_as_written() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        spec = load_spec(write_spec_dir(Path(tmp), **spec_holding("note", "NOTE")))
    assert spec.general_channel.note == "NOTE"


REFUSED = st.characters(categories=tuple(REFUSED_CATEGORIES))  # type: ignore[arg-type]


def yaml_escape(ch: str) -> str:
    """``ch`` as a YAML double-quoted string escapes it."""
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def problems_holding(site: str, value: str) -> tuple[list[Problem], str]:
    """The problems of the minimal spec with ``value`` at ``site``, and that file's text."""
    files = spec_holding(site, value)
    with tempfile.TemporaryDirectory() as tmp:
        found = problems(write_spec_dir(Path(tmp), **files))
    return found, files[TEXT_SITES[site][0]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    site=st.sampled_from(list(TEXT_SITES)),
    ch=REFUSED,
    before=st.text("AB c", max_size=5),
    raw=st.booleans(),
)
def test_a_refused_character_in_any_text_is_located(
    site: str, ch: str, before: str, raw: bool
) -> None:
    # tabs and line ends are YAML's own outside a text; surrogates have no UTF-8
    raw = raw and ch not in "\t\n\r" and not "\ud800" <= ch <= "\udfff"
    value = f"X{before}{ch}Z" if raw else f'"X{before}{yaml_escape(ch)}Z"'
    found, text = problems_holding(site, value)
    hits = [p for p in found if f"U+{ord(ch):04X}" in p.message]
    assert len(hits) == 1, [str(p) for p in found]
    assert hits[0].path == f"spec/{TEXT_SITES[site][0]}.yaml"
    line, column = where(text, value)
    if raw:  # found before YAML reads the file: at its own column, and alone
        assert found == hits
        assert (hits[0].line, hits[0].column) == (line, column + 1 + len(before))
    else:  # found in the value: at the value, naming which character it is
        assert (hits[0].line, hits[0].column) == (line, column)
        assert f"(character {len(before) + 2})" in hits[0].message


# -- messages never print a whole value ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - id: 27\n", "      - id: '{}'\n"),  # a huge text where an int belongs
        ("      - id: 27\n", "      - id: 0x{}\n"),  # a huge int (hex has no digit limit)
        (
            "        permanent: false\n        description: Sw",
            "        permanent: {}\n        description: Sw",
        ),
        ("    name: HANDSET_ERRORS\n", "    name: HANDSET_ERRORS\n    {}: 1\n"),  # an unknown key
        ("    name: HANDSET_ERRORS\n", "    name: {}\n"),  # a name too long
    ],
    ids=["text-for-int", "hex-int", "text-for-bool", "unknown-key", "long-name"],
)
def test_a_message_shows_a_capped_preview_of_a_huge_value(
    write_spec: SpecWriter, old: str, new: str
) -> None:
    assert old in MINIMAL_SMS
    huge = "f" * 100_000
    found = problems(write_spec(sms=MINIMAL_SMS.replace(old, new.format(huge), 1)))
    assert found
    for problem in found:
        assert len(str(problem)) < LONGEST_MESSAGE, str(problem)[:LONGEST_MESSAGE]
        assert "f" * (PREVIEW_CHARS + 1) not in problem.message


def test_a_complaint_of_the_yaml_library_is_capped(write_spec: SpecWriter) -> None:
    key = "k" * 1000  # an implicit key may have up to 1024 characters
    sms = MINIMAL_SMS + f"{key}: 1\n{key}: 2\n"  # a duplicate key, quoted in ruamel's message
    problem = only(problems(write_spec(sms=sms)))
    assert "invalid YAML" in problem.message
    assert len(problem.message) <= len("invalid YAML: ") + MESSAGE_CHARS + 3


# -- the other bounds, each on both sides ---------------------------------------------


def test_a_spec_file_may_be_as_large_as_the_bound_and_no_larger(write_spec: SpecWriter) -> None:
    padding = MAX_FILE_BYTES - len(MINIMAL_SMS.encode("utf-8"))
    filler = ("#" * 99 + "\n") * (padding // 100) + "#" * (padding % 100 - 1) + "\n"
    largest = MINIMAL_SMS + filler
    assert len(largest.encode("utf-8")) == MAX_FILE_BYTES
    assert load_spec(write_spec(sms=largest)).codes
    problem = only(problems(write_spec(sms=largest + "\n")))
    assert problem.path == "spec/sms.yaml"
    assert problem.line == 1
    assert f"larger than {MAX_FILE_BYTES} bytes" in problem.message


def test_values_may_nest_as_deep_as_the_bound_and_no_deeper(write_spec: SpecWriter) -> None:
    def nested(depth: int) -> str:  # the channel file's mapping is the first level
        inner = depth - 1
        return MINIMAL_SMS.replace(
            "channel: sms\n", f"channel: sms\nnote: {'[' * inner}x{']' * inner}\n"
        )

    deepest = only(problems(write_spec(sms=nested(MAX_DEPTH))))
    assert "'note' must be a non-empty string or null, not a list" in deepest.message
    problem = only(problems(write_spec(sms=nested(MAX_DEPTH + 1))))
    assert f"nest more than {MAX_DEPTH} deep" in problem.message
    assert (problem.line, problem.column) == (2, 6 + MAX_DEPTH)


def test_names_may_be_as_long_as_the_bound_and_no_longer(write_spec: SpecWriter) -> None:
    longest = "E" * MAX_NAME
    sms = MINIMAL_SMS.replace("name: EC_ABSENT_SUBSCRIBER", f"name: {longest}")
    assert load_spec(write_spec(sms=sms)).general_channel.errors[-1].member == longest
    sms = MINIMAL_SMS.replace("name: EC_ABSENT_SUBSCRIBER", f"name: {longest}E")
    problem = only(problems(write_spec(sms=sms)))
    assert f"longer than {MAX_NAME} characters" in problem.message
    assert (problem.line, problem.column) == where(sms, longest)
    sms = MINIMAL_SMS.replace(
        "name: EC_ABSENT_SUBSCRIBER", f"name: EC_ABSENT_SUBSCRIBER\n        member: {longest}E"
    )
    assert "member name" in only(problems(write_spec(sms=sms))).message


def test_channel_names_and_prefixes_are_bounded(tmp_path: Path) -> None:
    longest, prefix = "c" * MAX_CHANNEL, "C" * MAX_CHANNEL
    voice = (
        "channel: {name}\nenum_prefix: {prefix}\npage:\n  errors: Voice Error Codes\n"
        "errors:\n  - id: 1\n    name: EC_ONE\n    description: null\n"
    )
    spec = write_spec_dir(
        tmp_path / "a", sms=MINIMAL_SMS, **{longest: voice.format(name=longest, prefix=prefix)}
    )
    assert isinstance(load_spec(spec), Spec)
    spec = write_spec_dir(
        tmp_path / "b",
        sms=MINIMAL_SMS,
        **{longest + "c": voice.format(name=longest + "c", prefix=prefix)},
    )
    problem = only(problems(spec))
    assert (problem.path, problem.line) == ("spec/channels.yaml", 3)
    assert f"longer than {MAX_CHANNEL} characters" in problem.message
    spec = write_spec_dir(
        tmp_path / "c",
        sms=MINIMAL_SMS,
        **{longest: voice.format(name=longest, prefix=prefix + "C")},
    )
    problem = only(problems(spec))
    assert (problem.path, problem.line) == (f"spec/{longest}.yaml", 2)
    assert f"'enum_prefix' {prefix + 'C'!r} is longer than {MAX_CHANNEL}" in problem.message


# -- anything at all: a Spec or a SpecError, never another exception -------------------

TOKENS = st.sampled_from(
    [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!int ", "? ", "|\n", ">-\n", "'", '"', "#",
     "\n", "  ", "\t", "~", "null", "0x1F", "1e9", "99999999999", "-1", "\\u202e", "\x00",
     "\u202e", "\x85", "\ufeff", "\u2028"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where_=st.integers(min_value=0, max_value=len(MINIMAL_SMS)),
    insert=st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=6).map("".join),
)
def test_any_edit_of_a_channel_file_gives_a_spec_or_located_problems(
    where_: int, insert: str
) -> None:
    text = MINIMAL_SMS[:where_] + insert + MINIMAL_SMS[where_:]
    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = write_spec_dir(Path(tmp), sms=MINIMAL_SMS, dlt=MINIMAL_DLT)
        (spec_dir / "sms.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_spec(spec_dir)
            return
        except SpecError as exc:
            found = exc.problems
    assert found
    for problem in found:
        assert problem.path.startswith("spec/"), str(problem)
        assert problem.line > 0, str(problem)
        assert len(str(problem)) < LONGEST_MESSAGE, str(problem)
