"""The infobip-codes command: output, exit status, and no tracebacks on bad input."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import infobip_codes
from infobip_codes.cli import main

Run = tuple[int, str, str]


Cli = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    def run(*args: str, stdin: str | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own exits (usage errors, --help)
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


REPORT = {
    "results": [
        {
            "messageId": "m-1",
            "status": {
                "groupId": 3,
                "groupName": "DELIVERED",
                "id": 5,
                "name": "DELIVERED_TO_HANDSET",
                "description": "Message delivered to handset",
            },
            "error": {
                "groupId": 0,
                "groupName": "Ok",
                "id": 0,
                "name": "NO_ERROR",
                "description": "No Error",
                "permanent": False,
            },
        },
        {
            "messageId": "m-2",
            "status": {
                "groupId": 2,
                "groupName": "UNDELIVERABLE",
                "id": 9,
                "name": "UNDELIVERABLE_NOT_DELIVERED",
            },
            "error": {"groupId": 1, "id": 27, "name": "EC_ABSENT_SUBSCRIBER", "permanent": False},
        },
    ]
}


def test_explain_an_id_in_two_tables(cli: Cli) -> None:
    code, out, err = cli("explain", "5")
    assert code == 0, err
    assert "sms status 5  DELIVERED_TO_HANDSET" in out
    assert "sms error 5  EC_UNIDENTIFIED_SUBSCRIBER" in out
    assert "final: DELIVERED" in out
    assert "temporary: a retry may succeed" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_explain_filters_and_names(cli: Cli) -> None:
    code, out, _ = cli("explain", "5", "--error")
    assert code == 0
    assert "status" not in out.splitlines()[0]
    code, out, _ = cli("explain", "ec_absent_subscriber")
    assert code == 0
    assert "sms error 27  EC_ABSENT_SUBSCRIBER" in out
    assert "The subscriber is offline" in out
    code, out, _ = cli("explain", "EC_INTERNAL_ERROR", "--channel", "mobile_identity")
    assert "mobile_identity error 1000" in out
    assert "chat" not in out


def test_explain_with_a_channel_answers_from_the_rows_its_reports_resolve_against(
    cli: Cli,
) -> None:
    # the general statuses, and error 0, that every channel's reports carry: as
    # status_by_id(..., channel=) answers them
    for channel in infobip_codes.CHANNELS:
        for kind, code_id in (("status", 5), ("status", 26), ("error", 0), ("error", 27)):
            code, out, err = cli("explain", str(code_id), "--channel", channel, f"--{kind}")
            by_id = infobip_codes.status_by_id if kind == "status" else infobip_codes.error_by_id
            member = by_id(code_id, channel=channel)
            if member is None:
                assert code == 1, (channel, kind, code_id, out)
                continue
            assert code == 0, (channel, kind, code_id, err)
            explained = json.loads(
                cli("explain", str(code_id), "--channel", channel, f"--{kind}", "--json")[1]
            )
            assert (explained[0]["enum"], explained[0]["member"]) == (
                type(member).__name__,
                member.name,
            ), (channel, kind, code_id)


def test_explain_json(cli: Cli) -> None:
    code, out, _ = cli("explain", "4102", "--json")
    assert code == 0
    data = json.loads(out)
    assert [(d["group_name"], d["enum"]) for d in data] == [
        ("USER_ERRORS", "SmsErrorCode"),
        ("OPERATOR_ERRORS", "SmsErrorCode"),
    ]
    assert data[0]["permanent"] is True
    assert data[0]["meaning"].startswith("permanent")


def test_explain_odd_queries_never_crash(cli: Cli) -> None:
    for query in ("²", "٢٧", "-", "27.0", "\x00", "EC_DEVICE_REPRODUCTION ERROR"):
        code, _, err = cli("explain", query)
        assert code in (0, 1), (query, err)
        assert "Traceback" not in err
    assert cli("explain", "٢٧")[0] == 0  # Arabic-Indic digits are still 27


def test_explain_nothing_found(cli: Cli) -> None:
    code, out, err = cli("explain", "999999")
    assert (code, out) == (1, "")
    assert "no status or error code matches '999999'" in err
    code, _, err = cli("explain", "27", "--channel", "voice")
    assert code == 1
    assert "in voice" in err


def test_explain_takes_the_enum_member_form_it_prints(cli: Cli) -> None:
    code, out, err = cli("explain", "SmsErrorCode.EC_ABSENT_SUBSCRIBER")
    assert code == 0, err
    assert out.splitlines()[0] == "sms error 27  EC_ABSENT_SUBSCRIBER"
    assert "  enum         SmsErrorCode.EC_ABSENT_SUBSCRIBER" in out
    assert cli("explain", "infobip_codes.smserrorcode.ec_absent_subscriber")[0] == 0
    # every row explain prints can be explained again by its enum line
    for line in cli("explain", "5")[1].splitlines():
        if line.strip().startswith("enum "):
            again = cli("explain", line.split()[-1])
            assert again[0] == 0
            assert line in again[1]
    code, out, err = cli("explain", "VoiceErrorCode.EC_ABSENT_SUBSCRIBER")  # another enum
    assert (code, out) == (1, "")
    code, out, err = cli("explain", "SmsStatusCode.EC_ABSENT_SUBSCRIBER")  # not a status
    assert (code, out) == (1, "")


def test_explain_words_suggest_search(cli: Cli) -> None:
    code, out, err = cli("explain", "absent", "subscriber")
    assert (code, out) == (1, "")
    assert "no status or error code matches 'absent subscriber'" in err
    assert "infobip-codes search 'absent subscriber'" in err
    assert len(err.splitlines()) == 1
    assert cli("search", "absent", "subscriber")[0] == 0  # the suggestion finds something
    code, _, err = cli("explain", "no such thing anywhere")
    assert code == 1
    assert "infobip-codes search WORDS" in err
    # a name with a space, as the page prints it, needs no quotes either
    code, out, _ = cli("explain", "EC_DEVICE_REPRODUCTION", "ERROR")
    assert code == 0
    assert "chat error 7020" in out


def test_search_matches_every_word_and_refuses_nothing(cli: Cli) -> None:
    code, out, _ = cli("search", "subscriber", "absent", "--json")
    assert code == 0
    found = json.loads(out)
    assert 27 in {d["id"] for d in found}
    for d in found:
        text = " ".join([d["name"], d["member"], *d["aliases"], d["description"] or ""]).lower()
        assert "absent" in text
        assert "subscriber" in text
    for empty in ("", "   ", "\t"):
        code, out, err = cli("search", empty)
        assert (code, out) == (2, "")
        assert "search needs a word" in err
    assert cli("search")[0] == 2


def test_search(cli: Cli) -> None:
    code, out, _ = cli("search", "BLOCKLIST")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["CHANNEL", "KIND", "ID", "NAME", "GROUP", "PERMANENT"]
    assert any(line.startswith("sms      error   2052") for line in lines)
    code, out, _ = cli("search", "dlt scrubbing", "--json")
    assert {d["id"] for d in json.loads(out)} == {4106, 4107, 4108, 4109, 4110, 4111}
    code, out, err = cli("search", "no such words anywhere")
    assert (code, out) == (1, "")
    assert "no code's name or description contains" in err


def test_export_json_is_the_catalogue(cli: Cli) -> None:
    code, out, _ = cli("export", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [{k: v for k, v in row.items() if k != "advice"} for row in data] == [
        {**r.to_dict(), "enum": type(infobip_codes.member_of(r)).__name__}
        for r in infobip_codes.records()
    ]
    advice = {"wait", "final", "none", "retry", "fix", "unknown"}
    assert {row["advice"] for row in data} == advice  # every answer occurs in the catalogue


def test_export_csv_with_filters(cli: Cli) -> None:
    code, out, _ = cli("export", "--format", "csv", "--channel", "voice", "--kind", "error")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    voice_errors = [r for r in infobip_codes.records() if (r.channel, r.kind) == ("voice", "error")]
    assert [int(row["id"]) for row in rows] == [r.id for r in voice_errors]
    assert list(rows[0]) == [f.name for f in dataclasses.fields(infobip_codes.CodeRecord)] + [
        "enum",
        "advice",
    ]
    assert rows[0]["enum"] == "VoiceErrorCode"
    assert rows[0]["status_id"] == ""
    assert rows[0]["aliases"] == "[]"  # lists as JSON text, as in the SQL export
    code, out, _ = cli("export", "--format", "csv")
    aliased = [r for r in csv.DictReader(io.StringIO(out)) if r["aliases"] != "[]"]
    assert all(isinstance(json.loads(r["aliases"]), list) for r in aliased)


def test_decode_report(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(REPORT), encoding="utf-8")
    code, out, err = cli("decode", str(path))
    assert code == 0, err
    assert "m-1" in out
    assert "m-2" in out
    assert "3 DELIVERED / 5 DELIVERED_TO_HANDSET  (final)" in out
    assert "1 HANDSET_ERRORS / 27 EC_ABSENT_SUBSCRIBER  (retryable)" in out
    code, out, _ = cli("decode", "--json", stdin=json.dumps(REPORT))
    data = json.loads(out)
    assert data[1]["error"]["retryable"] is True
    assert data[1]["error"]["member"] == "EC_ABSENT_SUBSCRIBER"
    assert data[0]["status"]["final"] is True


def test_decode_bare_objects(cli: Cli) -> None:
    code, out, _ = cli("decode", stdin='{"id": 4102, "groupId": 3}')
    assert code == 0
    assert "error   3 OPERATOR_ERRORS / 4102 EC_NOTSUBMITTEDTOSMPPCHANNEL" in out
    unknown = '{"id": 999, "name": "NEW_STATUS", "groupId": 1}'
    code, out, err = cli("decode", stdin=unknown)
    assert (code, out) == (2, "")
    assert "neither a known status nor error; say which with --bare-status or --bare-error" in err
    code, out, _ = cli("decode", "--json", "--bare-status", stdin=unknown)
    [value] = json.loads(out)
    assert value["status"]["known"] is False
    assert value["status"]["name"] == "NEW_STATUS"
    assert value["status"]["final"] is False


def test_decode_prefers_the_table_whose_name_agrees(cli: Cli) -> None:
    # 5 is a status and an error; the name says which
    code, out, err = cli(
        "decode", stdin='{"id": 5, "groupId": 1, "name": "EC_UNIDENTIFIED_SUBSCRIBER"}'
    )
    assert code == 0, err
    assert "error   1 HANDSET_ERRORS / 5 EC_UNIDENTIFIED_SUBSCRIBER" in out
    assert "!" not in out  # no mismatch
    code, out, err = cli("decode", stdin='{"id": 5, "name": "DELIVERED_TO_HANDSET"}')
    assert "status  3 DELIVERED / 5 DELIVERED_TO_HANDSET" in out
    code, out, err = cli("decode", stdin='{"id": 5}')
    assert code == 2
    assert "both a status and an error" in err
    code, out, err = cli("decode", stdin='{"id": 27, "name": "EC_ABSENT_SUBSCRIBER"}')
    assert "None" not in out


def test_decode_mismatch_is_shown(cli: Cli) -> None:
    code, out, _ = cli("decode", stdin='{"id": 27, "groupId": 3, "permanent": false}')
    assert code == 0
    assert "! error 27: groupId 3 contradicts the catalogue's group 1 (HANDSET_ERRORS)" in out


def test_decode_empty_envelope_matches_nothing(cli: Cli) -> None:
    code, out, err = cli("decode", stdin='{"results": []}')
    assert (code, out) == (1, "")
    assert "no results" in err


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"results": [', "invalid JSON at line 1, column 14"),
        ('{\n "id": 27\n "name": "x"}', "invalid JSON at line 3, column 2"),
        (
            '{\n "id": 5\n}\n{\n "id": 27\n}\n',  # jq's output: values one after another
            "line 4, column 1: Extra data; several JSON values: put one a line (jq -c) "
            "and use --ndjson",
        ),
        ('{"results": []}x', "invalid JSON at line 1, column 16: Extra data"),
        ('{"id": "27"}', "$.id: expected an integer, found str '27'"),
        ('{"id": true}', "$.id: expected an integer, found bool True"),
        ("[1, 2]", "[0]: expected a report, response or result (a JSON object), found int"),
        ('{"results": [{"messageId": 7}]}', "$.results[0].messageId: expected a string"),
        ('{"foo": 1}', "needs at least one of id, name, groupId, groupName"),
    ],
)
def test_decode_bad_input_is_one_line_and_exit_2(cli: Cli, stdin: str, message: str) -> None:
    code, out, err = cli("decode", stdin=stdin)
    assert code == 2
    assert out == ""
    assert message in err
    assert ("jq -c" in err) == ("jq -c" in message)  # the hint only where values follow
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("decode", str(tmp_path / "absent.json"))
    assert code == 2
    assert "cannot read" in err


def test_bad_usage_is_exit_2(cli: Cli) -> None:
    assert cli()[0] == 2
    assert cli("explain")[0] == 2
    assert cli("export", "--format", "xml")[0] == 2
    code, _, err = cli("explain", "27", "--channel", "no such channel")
    assert code == 2
    assert "invalid choice: 'no such channel'" in err


def test_help_and_version(cli: Cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    examples = out.split("examples, by command:")[1].split("exit status")[0]
    heading = None
    for line in examples.strip().splitlines():
        if not line.startswith("    "):
            heading = line.strip().split(":")[0]  # "  explain: explain a code ..."
            assert heading in ("explain", "search", "export", "decode")
        else:  # an example sits under the heading of its own command
            assert line.split()[:2] == ["infobip-codes", heading] or line.split("| ")[-1].split()[
                :2
            ] == ["infobip-codes", heading], line
    assert "infobip-codes explain 27" in examples
    for command in ("explain", "search", "export", "decode"):
        code, out, _ = cli(command, "--help")
        assert code == 0
        assert f"infobip-codes {command}" in out.split("examples:")[1]
    code, out, _ = cli("--version")
    assert (code, out.strip()) == (0, f"infobip-codes {infobip_codes.__version__}")


def run_module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infobip_codes", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_module_entry_point_and_no_traceback() -> None:
    ok = run_module("explain", "27")
    assert ok.returncode == 0
    assert "EC_ABSENT_SUBSCRIBER" in ok.stdout
    bad = run_module("decode", "/nonexistent/report.json")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_an_ascii_terminal_gets_escapes_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = run_module("explain", "27", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "handset\\u2019s" in proc.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from infobip_codes.cli._terminal import Style

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert Style(Terminal()).bold("x") == "\x1b[1mx\x1b[0m"
    assert Style(io.StringIO()).bold("x") == "x"
    monkeypatch.setenv("NO_COLOR", "1")
    assert Style(Terminal()).bold("x") == "x"


def test_explain_takes_several_codes(cli: Cli) -> None:
    code, out, err = cli("explain", "27", "EC_DECLINE")
    assert code == 0, err
    assert "sms error 27  EC_ABSENT_SUBSCRIBER" in out
    assert "voice error 5603  EC_DECLINE" in out
    code, _, err = cli("explain", "absent", "subscriber")
    assert code == 1
    assert "infobip-codes search 'absent subscriber'" in err
