"""``decode`` over NDJSON: line by line, written as it goes, bad lines reported and skipped,
memory flat; and a single document written result by result."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import peak_rss_kb

from infobip_codes.cli import main


def result(message_id: str, error_id: int = 27) -> dict[str, object]:
    return {
        "messageId": message_id,
        "status": {"groupId": 2, "id": 9, "name": "UNDELIVERABLE_NOT_DELIVERED"},
        "error": {"groupId": 1, "id": error_id},
    }


def decode(stdin: str | bytes, *args: str) -> tuple[int, str, str]:
    """decode in-process, reading ``stdin`` as bytes, as from a real stdin."""

    class Stdin(io.TextIOWrapper):
        pass

    raw = stdin.encode() if isinstance(stdin, str) else stdin
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = Stdin(io.BytesIO(raw), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = main(["decode", *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


NDJSON = "\n".join(
    [
        json.dumps({"results": [result("a"), result("b")]}),
        json.dumps(result("c", 4102)),
        json.dumps({"messages": [{"messageId": "d", "status": {"id": 26}}]}),
    ]
)


@pytest.mark.parametrize("flag", [[], ["--ndjson"]])
def test_ndjson_is_decoded_result_by_result(flag: list[str]) -> None:
    code, out, err = decode(NDJSON + "\n", *flag, "--json")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [json.loads(line)["messageId"] for line in lines] == ["a", "b", "c", "d"]
    assert json.loads(lines[0])["error"]["retryable"] is True
    assert json.loads(lines[3])["status"]["member"] == "PENDING_ACCEPTED"
    code, text, _ = decode(NDJSON, *flag)
    assert code == 0
    assert [line.split()[1] for line in text.splitlines() if line.startswith("message")] == list(
        "abcd"
    )


def test_a_single_line_is_a_document_and_pretty_json_is_not_ndjson() -> None:
    code, out, _ = decode('{"id": 4102, "groupId": 3}\n')  # a bare error: document mode
    assert code == 0
    assert "4102 EC_NOTSUBMITTEDTOSMPPCHANNEL" in out
    pretty = json.dumps({"results": [result("a"), result("b")]}, indent=2)
    code, out, _ = decode(pretty, "--json")
    assert code == 0
    assert [r["messageId"] for r in json.loads(out)] == ["a", "b"]  # one JSON array
    code, _, err = decode(pretty, "--ndjson")
    assert code == 2
    assert "line 1: $: invalid JSON" in err


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_decoded() -> None:
    lines = [
        json.dumps(result("a")),
        "not json",
        "",
        json.dumps({"messageId": "x", "status": {"id": "5"}}),
        "[" * 100_000,
        '{"id": ' + "1" * 5000 + "}",
        json.dumps(result("b")),
    ]
    raw = "\n".join(lines).encode() + b"\n\xff\xfe\n" + json.dumps(result("c")).encode()
    code, out, err = decode(raw, "--json")
    assert code == 2
    assert [json.loads(line)["messageId"] for line in out.splitlines()] == ["a", "b", "c"]
    messages = err.splitlines()
    assert messages[0] == "infobip-codes: <stdin>: line 2: $: invalid JSON: Expecting value"
    assert messages[1].startswith("infobip-codes: <stdin>: line 4: $.status.id: expected")
    assert messages[2].startswith("infobip-codes: <stdin>: line 5: $: invalid JSON")
    assert messages[3].startswith("infobip-codes: <stdin>: line 6: $: invalid JSON")
    assert messages[4].startswith("infobip-codes: <stdin>: line 8: $: not UTF-8 text")
    assert messages[5] == "infobip-codes: <stdin>: 5 lines could not be decoded"
    assert len(messages) == 6


def test_stream_odds_and_ends(tmp_path: Path) -> None:
    crlf = b"\xef\xbb\xbf" + NDJSON.replace("\n", "\r\n").encode()  # a BOM, CRLF
    code, out, _ = decode(crlf, "--json")
    assert code == 0
    assert len(out.splitlines()) == 4
    assert decode("\n\n", "--ndjson")[0] == 1  # no results: nothing matched
    code, out, err = decode('{"id": 5}\n{"id": 9}\n', "--ndjson", "--bare-status", "--json")
    assert (code, err) == (0, "")
    assert [json.loads(line)["status"]["member"] for line in out.splitlines()] == [
        "DELIVERED_TO_HANDSET",
        "UNDELIVERABLE_NOT_DELIVERED",
    ]
    path = tmp_path / "log.ndjson"
    path.write_text(NDJSON, encoding="utf-8")
    code, out, err = decode("", str(path), "--json")
    assert (code, len(out.splitlines())) == (0, 4)


def test_results_come_out_as_their_lines_go_in() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "infobip_codes", "decode", "--ndjson", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    got: list[bytes] = []

    def read_one() -> None:
        assert proc.stdout is not None
        got.append(proc.stdout.readline())

    try:
        for message_id in ("first", "second"):
            proc.stdin.write(json.dumps(result(message_id)).encode() + b"\n")
            proc.stdin.flush()
            reader = threading.Thread(target=read_one)
            reader.start()
            reader.join(timeout=20)
            assert not reader.is_alive(), "no output while the input stays open"
            assert json.loads(got[-1])["messageId"] == message_id
    finally:
        proc.stdin.close()
        proc.wait(timeout=20)
    assert proc.returncode == 0


FLAGS = ("--ndjson", "--json")


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4")
def test_memory_stays_flat_whatever_the_size_of_the_log(tmp_path: Path) -> None:
    line = json.dumps({"results": [result(f"m{i}") for i in range(10)]}) + "\n"
    small, large = tmp_path / "small.ndjson", tmp_path / "large.ndjson"
    small.write_text(line * 100, encoding="utf-8")  # 1,000 results
    large.write_text(line * 6000, encoding="utf-8")  # 60,000 results, 8 MB
    assert large.stat().st_size > 7_000_000
    growth = peak_rss_kb(large, *FLAGS) - peak_rss_kb(small, *FLAGS)
    assert growth < 8_000, f"peak memory grew by {growth} kB"


class Spy(io.StringIO):
    """Records the longest single write."""

    longest = 0

    def write(self, text: str) -> int:
        self.longest = max(self.longest, len(text))
        return super().write(text)


@pytest.mark.parametrize("as_json", [True, False])
def test_a_big_document_is_written_result_by_result(
    as_json: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = {"results": [result(f"m{i}") for i in range(3000)]}
    spy = Spy()
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(report)))
    monkeypatch.setattr(sys, "stdout", spy)
    assert main(["decode", *(["--json"] if as_json else [])]) == 0
    assert len(spy.getvalue()) > 500_000
    assert spy.longest < 2_000
    if as_json:  # the same text as one json.dumps of the whole list would give
        decoded = json.loads(spy.getvalue())
        assert len(decoded) == 3000
        assert spy.getvalue() == json.dumps(decoded, indent=2, ensure_ascii=False) + "\n"


def test_a_log_whose_first_line_is_bad_is_still_read_as_a_log() -> None:
    log = '{"messageId": "trunc\n' + NDJSON + "\n"
    code, out, err = decode(log, "--json")
    assert code == 2
    assert [json.loads(line)["messageId"] for line in out.splitlines()] == ["a", "b", "c", "d"]
    assert err.splitlines() == [
        "infobip-codes: <stdin>: line 1: $: invalid JSON: Unterminated string starting at"
        " column 15",
        "infobip-codes: <stdin>: 1 line could not be decoded",
    ]
    blank_first = "\n\n" + log  # the lines keep their numbers
    assert decode(blank_first, "--json")[2].startswith("infobip-codes: <stdin>: line 3: $:")


def test_a_broken_document_is_one_error_not_a_log() -> None:
    document = json.dumps({"results": [result("a"), result("b")]}, indent=2)
    broken = document.replace('"b"', '"b', 1)
    code, out, err = decode(broken, "--json")
    assert (code, out) == (2, "")
    assert err.startswith(
        "infobip-codes: error: <stdin>: invalid JSON: Invalid control character at line"
    )
    assert len(err.splitlines()) == 1
