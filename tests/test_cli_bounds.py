"""The command line's bounds under hostile input: each is documented, enforced with a
clear one-line message, and met in bounded time and memory, never with a traceback."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import RunCli

import infobip_codes
from infobip_codes import CodeRecord
from infobip_codes.cli._inputs import DOCUMENT_LIMIT, LINE_LIMIT
from infobip_codes.cli._terminal import WRAP_LIMIT

RESULT = {"messageId": "m", "status": {"id": 5}, "error": {"id": 27, "groupId": 1}}


def one_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    return text


# -- #5: wrapping is linear ------------------------------------------------------------


def test_a_text_beyond_the_wrapping_bound_is_shown_whole_on_one_line(run_cli: RunCli) -> None:
    long = "x" * (WRAP_LIMIT + 1)  # one word: the case whose wrapping was quadratic
    short = "y" * (WRAP_LIMIT // 2)
    for description, lines in ((long, 1), (short, -(-len(short) // (100 - 10)))):
        payload = {"messageId": "m", "status": {"id": 5, "description": description}}
        proc = run_cli("decode", stdin=json.dumps(payload).encode())
        assert proc.returncode == 0, proc.stderr
        shown = [line.strip() for line in proc.stdout.decode().splitlines()[2:]]
        assert "".join(shown) == description
        assert len(shown) == lines
    # a text of megabytes takes its length, not its square: here, within a timeout
    # (a guard against a hang, not a measure of speed)
    huge = {"messageId": "m", "status": {"id": 5, "description": "z" * 8_000_000}}
    proc = run_cli("decode", stdin=json.dumps(huge).encode())
    assert proc.returncode == 0
    assert b"z" * 8_000_000 in proc.stdout


# -- #6: one line, bounded memory -------------------------------------------------------


def test_a_line_beyond_the_limit_is_that_lines_error_and_the_rest_is_read(
    run_cli: RunCli,
) -> None:
    good = json.dumps(RESULT).encode()
    long = json.dumps({**RESULT, "to": "1" * LINE_LIMIT}).encode()
    room = LINE_LIMIT - len(json.dumps({**RESULT, "to": ""}))
    at_limit = json.dumps({**RESULT, "to": "2" * room}).encode()
    assert len(at_limit) == LINE_LIMIT < len(long)
    stdin = b"\n".join([good, long, at_limit, b"x" * (3 * LINE_LIMIT), good])
    proc = run_cli("decode", "--ndjson", "--json", stdin=stdin)
    assert proc.returncode == 2
    assert [json.loads(x)["messageId"] for x in proc.stdout.splitlines()] == ["m"] * 3
    errors = proc.stderr.decode().splitlines()
    assert errors[0].startswith(
        f"infobip-codes: <stdin>: line 2: longer than {LINE_LIMIT:,} bytes (the limit of a line)"
    )
    assert errors[0].endswith(f"({len(long):,} bytes)")
    assert errors[1].startswith("infobip-codes: <stdin>: line 4: longer than")
    assert f"({3 * LINE_LIMIT:,} bytes)" in errors[1]  # read to its end, and counted
    assert errors[2] == "infobip-codes: <stdin>: 2 lines could not be decoded"


def test_a_document_beyond_its_limit_is_refused_in_one_line(run_cli: RunCli) -> None:
    stdin = b'{"results": [' + b" " * DOCUMENT_LIMIT + b"]}"
    proc = run_cli("decode", stdin=stdin)
    assert proc.returncode == 2
    assert "larger than 64 MiB, the limit of a JSON document" in one_line(proc.stderr)


def peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_decoding_dev_zero_runs_in_constant_memory() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "infobip_codes", "decode", "--ndjson", "/dev/zero"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # a few hundred megabytes read: not a measure of time
        assert proc.poll() is None  # an endless line: read on, and on
        assert peak_kb(proc.pid) < 100_000
    finally:
        proc.kill()
        proc.wait()


def limited(megabytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs RLIMIT_AS")
@pytest.mark.parametrize("args", [["--ndjson"], []])
def test_an_endless_line_under_a_memory_limit_is_one_line_not_a_traceback(
    args: list[str],
) -> None:
    feed = subprocess.Popen(["head", "-c", str(600 << 20), "/dev/zero"], stdout=subprocess.PIPE)
    proc = subprocess.run(
        [sys.executable, "-m", "infobip_codes", "decode", *args],
        stdin=feed.stdout,
        capture_output=True,
        check=False,
        preexec_fn=lambda: limited(400),
        timeout=300,
    )
    assert feed.stdout is not None
    feed.stdout.close()
    feed.wait()
    assert proc.returncode == 2
    said = proc.stderr.decode()
    assert "Traceback" not in said
    if args:  # the line's error, then the count of such lines
        assert said.splitlines() == [
            f"infobip-codes: <stdin>: line 1: longer than {LINE_LIMIT:,} bytes (the limit of a"
            f" line): skipped ({600 << 20:,} bytes)",
            "infobip-codes: <stdin>: 1 line could not be decoded",
        ]
    else:
        assert "larger than 64 MiB" in one_line(proc.stderr)


# -- #8: COLUMNS ----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["²", "9" * 5000, "-3", "", "0", "١٠٠"])
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["explain", "--help"],
        ["explain", "27"],
        ["search", "blocklist"],
        ["export", "--format", "csv"],
        ["decode"],
        ["decode", "--summary"],
        ["explain"],  # a usage error
    ],
)
def test_any_columns_gives_no_traceback(run_cli: RunCli, columns: str, args: list[str]) -> None:
    proc = run_cli(*args, stdin=json.dumps(RESULT).encode(), env={"COLUMNS": columns})
    assert proc.returncode == (2 if args == ["explain"] else 0), proc.stderr
    assert b"Traceback" not in proc.stderr


# -- #9: help and version to a full disk ---------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["decode", "--help"]])
def test_help_and_version_to_a_full_disk_are_exit_2(run_cli: RunCli, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = run_cli(*args, stdout=full)
    assert proc.returncode == 2
    assert "cannot write the output: No space left on device" in one_line(proc.stderr)


# -- #13: a huge query; UTF-16 in both modes -------------------------------------------------


def test_explain_quotes_a_huge_query_cut_short(run_cli: RunCli) -> None:
    for query in ("7" * 100_000, "EC_" + "A" * 100_000):
        proc = run_cli("explain", query)
        assert proc.returncode == 1
        message = one_line(proc.stderr)
        assert len(message) < 300
        assert "(100,00" in message  # says how long it was
    proc = run_cli("search", "q" * 100_000)
    assert proc.returncode == 1
    assert len(one_line(proc.stderr)) < 300


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_read_alike_in_both_modes(
    run_cli: RunCli, tmp_path: Path, encoding: str
) -> None:
    text = json.dumps(RESULT) + "\n" + json.dumps({**RESULT, "messageId": "café ✓"}) + "\n"
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = "\ufeff".encode(encoding) + data  # utf-16-be writes no mark of its own
    path = tmp_path / "log.ndjson"
    path.write_bytes(data)
    outputs = [run_cli("decode", *mode, "--json", str(path)) for mode in ([], ["--ndjson"])]
    for proc in outputs:
        assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["messageId"] for x in outputs[1].stdout.splitlines()] == [
        "m",
        "café ✓",
    ]
    assert outputs[0].stdout == outputs[1].stdout
    broken = data[:-1] if encoding != "utf-16-be" else data + b"\xd8"
    path.write_bytes(broken)  # a text that ends inside a character
    proc = run_cli("decode", "--ndjson", "--json", str(path))
    assert proc.returncode == 2
    assert f"not {encoding.upper()[:6]}" in one_line(proc.stderr)


# -- #3: every text of the catalogue is escaped --------------------------------------------

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202e"


def raw_unsafe(text: str) -> list[str]:
    return [c for c in text if c != "\n" and unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}]


def test_every_text_of_the_catalogue_is_escaped_in_explain_and_search() -> None:
    from infobip_codes.cli._explain import _row_text
    from infobip_codes.cli._search import write_found
    from infobip_codes.cli._terminal import Style

    def explained(out: io.StringIO, rows: list[CodeRecord]) -> None:
        out.write("\n".join(_row_text(row, Style(out), 100) for row in rows))

    [row] = [r for r in infobip_codes.records() if (r.kind, r.id) == ("error", 27)]
    hostile = dataclasses.replace(
        row,
        name=HOSTILE,
        aliases=(HOSTILE,),
        alias_sources=(HOSTILE,),
        group_name=HOSTILE,
        description=HOSTILE,
        source=HOSTILE,
    )
    for write in (explained, write_found):
        out = io.StringIO()
        write(out, [hostile])
        assert raw_unsafe(out.getvalue()) == [], write
        assert "\\x1b]0;pwned\\x07" in out.getvalue()
