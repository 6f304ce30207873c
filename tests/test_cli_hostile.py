"""Hostile input and broken output: exit 0, 1 or 2, one line on stderr, never a traceback,
and never a raw control character from a payload, a file or an argument on the terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import cli as run
from hypothesis import given, settings
from hypothesis import strategies as st

from infobip_codes.cli import main
from infobip_codes.cli._terminal import safe

UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def one_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    assert text.startswith("infobip-codes: ")
    return text


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "nested deeper than 500 levels"),
        (b'{"results": ' * 200_000 + b"1" + b"}" * 200_000, "nested deeper than 500 levels"),
        (b'{"id": ' + b"7" * 5000 + b"}", "a number has more than"),
        (b'{"id": 27, "name": "\xff\xfe"}', "not UTF-8 text"),
        (b"\x00\x01\x02", "invalid JSON"),
        (b"", "no input"),
        (b'{"id": 27, "groupId": ' + b"9" * 40 + b"}", "expected a 64-bit integer id"),
    ],
)
def test_bad_input_on_stdin_is_one_line_and_exit_2(stdin: bytes, message: str) -> None:
    proc = run("decode", stdin=stdin)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert message in one_line(proc.stderr)


def test_bad_encoding_and_unreadable_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"messageId": "café", "status": {"id": 5}}'.encode("latin-1"))
    proc = run("decode", str(latin))
    assert proc.returncode == 2
    assert f"{latin}: not UTF-8 text" in one_line(proc.stderr)
    for unreadable in (tmp_path, tmp_path / "absent.json"):  # a directory, a missing file
        proc = run("decode", str(unreadable))
        assert proc.returncode == 2
        assert f"cannot read {unreadable}: " in one_line(proc.stderr)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"id": 27, "groupId": 1}')
    assert run("decode", str(bom)).returncode == 0


def test_a_closed_pipe_is_quiet_and_not_a_failure() -> None:
    for args in (["export", "--format", "csv"], ["export", "--format", "sql"]):
        producer = subprocess.Popen(
            [sys.executable, "-m", "infobip_codes", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert producer.stdout is not None
        assert producer.stderr is not None
        producer.stdout.readline()
        producer.stdout.close()  # like `| head -1`
        err = producer.stderr.read()
        producer.stderr.close()
        assert producer.wait(timeout=30) == 0
        assert err == b""


def test_a_pipe_into_head_in_a_shell() -> None:
    proc = subprocess.run(
        [
            "sh",
            "-c",
            f'"{sys.executable}" -m infobip_codes export --format csv | head -1; echo "status=$?"',
        ],
        capture_output=True,
        check=False,
    )
    assert proc.stdout.splitlines()[0].startswith(b"channel,kind,id,name")
    assert proc.stdout.splitlines()[-1] == b"status=0"
    assert proc.stderr == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "csv", "sql"])
def test_a_full_disk_is_one_line_and_exit_2(fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        proc = run("export", "--format", fmt, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert "cannot write the output: No space left on device" in one_line(proc.stderr)


@pytest.mark.parametrize(
    "args", ["export --format csv", "--help", "-h", "--version", "decode --help", "explain --help"]
)
def test_a_closed_stdout_is_one_line_and_exit_2(args: str) -> None:
    proc = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m infobip_codes {args} >&-'],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "standard output is closed" in one_line(proc.stderr)


HOSTILE = [
    "\x1b]0;pwned\x07",  # retitles the terminal
    "\x1b[2J\x1b[H",  # clears it
    "a\nb\rc\td",
    "\x9b31m",  # C1 control sequence introducer
    "\u202eevil",  # right-to-left override
    "zero\u200bwidth\u2028line",
    "\x00\x7f",
]


def raw_unsafe(text: str) -> list[str]:
    """Characters of the categories that must never reach a terminal raw (newline is layout)."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in UNSAFE]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_payload_strings_are_escaped_in_text_output(hostile: str) -> None:
    report = {
        "results": [
            {
                "messageId": hostile,
                "status": {"id": 5, "name": hostile, "groupName": hostile},
                "error": {"id": 99999, "name": hostile, "description": hostile},
            }
        ]
    }
    proc = run("decode", stdin=json.dumps(report).encode())
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert raw_unsafe(out) == []
    assert safe(hostile) in out
    assert hostile not in out
    js = run("decode", "--json", stdin=json.dumps(report).encode())
    assert raw_unsafe(js.stdout.decode()) == []
    assert json.loads(js.stdout)[0]["messageId"] == hostile


def test_escapes_look_like_python_escapes() -> None:
    assert safe("\x1b]0;t\x07") == "\\x1b]0;t\\x07"
    assert safe("a\u202eb\nc") == "a\\u202eb\\nc"
    assert safe("\U000e0001") == "\\U000e0001"
    assert safe("café ’ 日本") == "café ’ 日本"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_arguments_and_bad_lines_are_escaped_in_error_messages(hostile: str) -> None:
    argument = hostile.replace("\x00", "")  # the one character an argument cannot hold
    proc = run("explain", argument)
    assert proc.returncode == 1
    assert raw_unsafe(proc.stderr.decode()) == []
    one_line(proc.stderr)
    bad_key = json.dumps({hostile: 1}).encode()
    proc = run("decode", stdin=bad_key)
    assert proc.returncode == 2
    assert raw_unsafe(one_line(proc.stderr)) == []
    path = f"/nonexistent/{argument}.json"
    proc = run("decode", path)
    assert proc.returncode == 2
    assert raw_unsafe(one_line(proc.stderr)) == []


PAYLOAD_TEXT = st.text(st.characters(codec="utf-8", categories=None), max_size=30) | st.text(
    st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=30
)


@settings(max_examples=150, deadline=None)
@given(
    message_id=PAYLOAD_TEXT,
    name=PAYLOAD_TEXT,
    group_name=PAYLOAD_TEXT,
    description=PAYLOAD_TEXT,
    error_id=st.sampled_from([27, 4102, 99999]),
    as_json=st.booleans(),
)
def test_no_payload_string_reaches_the_output_raw(
    message_id: str, name: str, group_name: str, description: str, error_id: int, as_json: bool
) -> None:
    result = {
        "messageId": message_id,
        "status": {"id": 5, "name": name, "groupName": group_name, "description": description},
        "error": {"id": error_id, "groupId": 1, "name": name, "description": description},
    }
    lines = json.dumps({"results": [result]}) + "\n" + json.dumps(result)  # NDJSON, two lines
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(lines), out, err
    try:
        code = main(["decode", *(["--json"] if as_json else [])])
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    assert code == 0, err.getvalue()
    assert raw_unsafe(out.getvalue()) == []
    assert raw_unsafe(err.getvalue()) == []
    if as_json:
        decoded = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [d["messageId"] for d in decoded] == [message_id, message_id]
        assert decoded[0]["status"]["description"] == description
    else:
        assert safe(message_id) in out.getvalue()


# -- found by an adversarial pass ------------------------------------------------------


def test_usage_errors_are_one_escaped_line() -> None:
    proc = run("decode", "a", "\x1b]0;pwned\x07\x1b[2J")
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "unrecognized arguments" in line
    assert "\\x1b]0;pwned\\x07" in line
    proc = run("explain")
    assert proc.returncode == 2
    assert "explain: the following arguments are required" in one_line(proc.stderr)


def test_json_output_stays_json_on_a_terminal_that_is_not_utf8() -> None:
    stdin = b'{"messageId": "caf\\u00e9 \\ud83d\\ude00", "status": {"id": 5}}\n'
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    for args in (["decode", "--json"], ["decode", "--json", "--ndjson"]):
        proc = subprocess.run(
            [sys.executable, "-m", "infobip_codes", *args],
            input=stdin,
            capture_output=True,
            check=False,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout.decode("cp1252")
        first = json.loads(text) if args[-1] == "--json" else json.loads(text.splitlines()[0])
        report = first[0] if isinstance(first, list) else first
        assert report["messageId"] == "café \U0001f600"


def test_status_flag_wins_over_a_permanent_key() -> None:
    proc = run("decode", "--bare-status", stdin=b'{"id": 5, "groupId": 3, "permanent": false}')
    assert proc.returncode == 0, proc.stderr
    assert b"status  3 DELIVERED / 5 DELIVERED_TO_HANDSET" in proc.stdout


def test_a_byte_order_mark_starts_the_input_in_every_mode() -> None:
    bom = b"\xef\xbb\xbf"
    two = bom + b'\n{"messageId": "a"}\n{"messageId": "b"}\n'
    for args in (["decode"], ["decode", "--ndjson"]):
        proc = run(*args, stdin=two)
        assert proc.returncode == 0, proc.stderr
        assert b"message  a" in proc.stdout
        assert b"message  b" in proc.stdout
    proc = run("decode", stdin=bom + b'{"messageId": "c"}')
    assert proc.returncode == 0, proc.stderr


def test_long_texts_are_not_kept_by_the_text_writer() -> None:
    from infobip_codes import parse_report
    from infobip_codes.cli._result_text import TextWriter

    out = io.StringIO()
    writer = TextWriter(out)
    for index in range(3):
        long = f"{index} " + "x" * 50_000
        [report] = parse_report({"messageId": "m", "status": {"id": 5, "description": long}})
        writer(report, None)
    assert writer.blocks == {}  # nothing of 150 KB is held
    [short] = parse_report({"messageId": "m", "status": {"id": 5}})
    writer(short, None)
    assert len(writer.blocks) == 1


@pytest.mark.parametrize("fmt", ["sql", "csv", "json"])
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_an_export_is_utf8_whatever_the_locale(fmt: str, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    proc = subprocess.run(
        [sys.executable, "-m", "infobip_codes", "export", "--format", fmt],
        capture_output=True,
        check=False,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")  # strict: the bytes are UTF-8
    assert "handset’s" in text  # a description's own character, not an escape of it
    assert "\\u2019" not in text


@pytest.mark.parametrize(
    "breaking",
    [
        # a command that fails in a way no input explains
        "import infobip_codes.cli._explain as module\n"
        "def broken(args, out):\n"
        "    raise RuntimeError('a fault\\x1b[31m of its own')\n"
        "module.cmd_explain = broken\n",
        # the command line's own parser, and the loading of a command (a broken install)
        "import infobip_codes.cli._app as module\n"
        "def broken():\n"
        "    raise RuntimeError('a fault\\x1b[31m of its own')\n"
        "module.build_parser = broken\n",
        "import importlib\n"
        "def broken(name, package=None):\n"
        "    raise RuntimeError('a fault\\x1b[31m of its own')\n"
        "importlib.import_module = broken\n",
    ],
)
def test_a_fault_of_the_package_itself_is_one_line_and_exit_70(breaking: str) -> None:
    code = (
        "from infobip_codes.cli import main\n"
        + breaking
        + "raise SystemExit(main(['explain', '27']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert (proc.returncode, proc.stdout) == (70, b""), proc.stderr
    text = one_line(proc.stderr)
    assert text.startswith("infobip-codes: internal error (RuntimeError): a fault\\x1b[31m")
    assert "\x1b" not in text
