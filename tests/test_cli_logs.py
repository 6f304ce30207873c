"""A support engineer's view of a log, through the command line as users run it:
summaries, filters, every field kept, the inputs people have, explain and search."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli, peak_rss_kb

from infobip_codes import (
    CHANNELS,
    ChatErrorCode,
    EmailErrorCode,
    SmsErrorCode,
    SmsStatusCode,
    StatusGroup,
    VoiceErrorCode,
    parse_report,
    records,
)

S, E = SmsStatusCode, SmsErrorCode


def sent(code: Any, **more: object) -> dict[str, object]:
    """A status or error object as the API sends it for a member of the catalogue."""
    return {
        "groupId": code.group.value,
        "groupName": code.group.api_name,
        "id": code.value,
        "name": code.api_name,
        **more,
    }


def result(message_id: str, status: Any, error: Any, **fields: object) -> dict[str, object]:
    return {
        "messageId": message_id,
        "status": sent(status),
        "error": sent(error, permanent=bool(error.permanent)),
        **fields,
    }


LOG = [
    result("d1", S.DELIVERED_TO_HANDSET, E.NO_ERROR, to="41793026701"),
    result("d2", S.DELIVERED_TO_HANDSET, E.NO_ERROR, to="41793026702"),
    result("d3", S.DELIVERED_TO_HANDSET, E.NO_ERROR, to="41793026703"),
    result("f1", S.UNDELIVERABLE_NOT_DELIVERED, E.EC_ABSENT_SUBSCRIBER, to="41793026704"),
    result("f2", S.UNDELIVERABLE_NOT_DELIVERED, E.EC_ABSENT_SUBSCRIBER, to="41793026705"),
    result("f3", S.REJECTED_DESTINATION, E.EC_UNKNOWN_SUBSCRIBER, to="41793026706"),
    result("p1", S.PENDING_ENROUTE, E.NO_ERROR, to="41793026707"),
    result("x1", S.EXPIRED_EXPIRED, E.EC_ABSENT_SUBSCRIBER, to="41793026708"),
]
NDJSON = "".join(json.dumps({"results": [r]}) + "\n" for r in LOG).encode()


def summary(run_cli: RunCli, *args: str, stdin: bytes = NDJSON) -> dict[str, Any]:
    proc = run_cli("decode", "--summary", "--json", *args, stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


# -- 1. a summary of any input --------------------------------------------------------


def test_a_report_a_log_and_a_stream_have_the_same_summary(run_cli: RunCli, tmp_path: Path) -> None:
    log = tmp_path / "log.ndjson"
    log.write_bytes(NDJSON)
    report = json.dumps({"results": LOG}).encode()
    stream = summary(run_cli, "--ndjson")
    assert summary(run_cli, str(log)) == stream
    assert summary(run_cli, stdin=report) == stream
    assert stream["results"] == stream["read"] == 8
    outcomes = {name: entry["count"] for name, entry in stream["outcomes"].items()}
    assert outcomes == {"delivered": 3, "failed": 4, "pending": 1, "unknown": 0}
    assert stream["outcomes"]["failed"]["share"] == 0.5
    groups = [(g["id"], g["name"], g["count"], g["share"]) for g in stream["status_groups"]]
    assert groups == [
        (3, "DELIVERED", 3, 0.375),
        (2, "UNDELIVERABLE", 2, 0.25),
        (1, "PENDING", 1, 0.125),
        (4, "EXPIRED", 1, 0.125),
        (5, "REJECTED", 1, 0.125),
    ]
    errors = [(e["id"], e["name"], e["count"], e["share"], e["action"]) for e in stream["errors"]]
    assert errors == [  # OK is no error; what to do from the members' own facts
        (27, "EC_ABSENT_SUBSCRIBER", 3, 0.375, "retry"),
        (1, "EC_UNKNOWN_SUBSCRIBER", 1, 0.125, "fix"),
    ]
    assert E.EC_ABSENT_SUBSCRIBER.is_retryable
    assert E.EC_UNKNOWN_SUBSCRIBER.permanent


def test_the_text_has_a_proportional_bar_a_line_in_ascii_off_a_terminal(run_cli: RunCli) -> None:
    proc = run_cli("decode", "--summary", stdin=NDJSON)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert text.startswith("8 results: 3 delivered (37.5%), 4 failed (50.0%), 1 pending (12.5%)")
    bars = dict(re.findall(r"^(\d \w+) .*?  (#+)$", text, flags=re.M))
    assert len(bars["3 DELIVERED"]) == 3 * len(bars["1 PENDING"])
    assert len(bars["2 UNDELIVERABLE"]) == 2 * len(bars["1 PENDING"])
    assert re.search(r"^27 EC_ABSENT_SUBSCRIBER +3 +37\.5% +retry +#+$", text, flags=re.M)
    assert re.search(r"^1 EC_UNKNOWN_SUBSCRIBER +1 +12\.5% +fix +#+$", text, flags=re.M)
    assert "\x1b[" not in text
    assert text.isascii()
    assert "CHANNEL" not in text  # one channel: no table for it


def on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """What the command writes to a pseudo-terminal (a subprocess, never a fork of
    this process, whose threads a fork would not carry)."""
    import pty

    main, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    with subprocess.Popen(
        [sys.executable, "-m", "infobip_codes", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environment,
    ) as child:
        os.close(terminal)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        child.wait()
    os.close(main)
    return out.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_blocks_and_colour_on_a_utf8_terminal_and_no_colour_with_no_color(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log.ndjson"
    log.write_bytes(NDJSON)
    env = {"PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    coloured = on_a_terminal("decode", "--summary", str(log), env=env)
    assert "█" in coloured
    assert "#" not in coloured
    assert "\x1b[32m" in coloured  # delivered
    plain = on_a_terminal("decode", "--summary", str(log), env={**env, "NO_COLOR": "1"})
    assert "█" in plain
    assert "\x1b[" not in plain


def test_channels_are_compared_when_the_input_mixes_them(run_cli: RunCli) -> None:
    mixed = [
        {**LOG[0], "channel": "SMS"},
        {**LOG[3], "channel": "SMS"},
        {**LOG[1], "channel": "WHATSAPP"},
        {**LOG[2], "channel": "WHATSAPP"},
        {**LOG[6], "channel": "WHATSAPP"},
    ]
    stdin = json.dumps({"results": mixed}).encode()
    data = summary(run_cli, stdin=stdin)
    shares = {
        c["channel"]: (c["count"], *(c[n]["share"] for n in ("delivered", "failed", "pending")))
        for c in data["channels"]
    }
    assert shares == {"whatsapp": (3, 0.6667, 0.0, 0.3333), "sms": (2, 0.5, 0.5, 0.0)}
    text = run_cli("decode", "--summary", stdin=stdin).stdout.decode()
    assert re.search(r"^whatsapp +3 +66\.7% +0\.0% +33\.3% +#+-+$", text, flags=re.M)
    assert re.search(r"^sms +2 +50\.0% +50\.0% +0\.0% +#+x+$", text, flags=re.M)


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4")
def test_a_summary_keeps_counts_not_results(tmp_path: Path) -> None:
    def line(index: int) -> str:
        # unknown codes with long names, most of them distinct: the worst case of
        # a summary's tables, which keep a bounded number of them
        error = {"id": 100_000 + index % 20_000, "name": f"EC_{index % 20_000:06d}_" + "X" * 150}
        return json.dumps(
            {"messageId": f"m{index}", "status": sent(S.PENDING_ENROUTE), "error": error}
        )

    small, large = tmp_path / "small.ndjson", tmp_path / "large.ndjson"
    small.write_text("".join(line(i) + "\n" for i in range(1000)), encoding="utf-8")
    large.write_text("".join(line(i) + "\n" for i in range(100_000)), encoding="utf-8")
    growth = peak_rss_kb(large, "--ndjson", "--summary") - peak_rss_kb(
        small, "--ndjson", "--summary"
    )
    assert growth < 16_000, f"peak memory grew by {growth} kB"


# -- 2. filters that compose --------------------------------------------------------


def expected(keep: Any) -> list[str]:
    """The message ids the public parser's own facts keep."""
    return [
        r.message_id
        for item in LOG
        for r in parse_report(item)
        if keep(r) and r.message_id is not None
    ]


def failed(r: Any) -> bool:
    return r.status.is_final and r.status.group is not StatusGroup.DELIVERED


FILTERS: list[tuple[list[str], Any]] = [
    (["--failed"], failed),
    (["--pending"], lambda r: not r.status.is_final),
    (["--retryable"], lambda r: r.error.is_retryable),
    (["--code", "27"], lambda r: r.error.id == 27),
    (["--code", "ec_absent_subscriber"], lambda r: r.error.id == 27),
    (["--code", "SmsErrorCode.EC_ABSENT_SUBSCRIBER"], lambda r: r.error.id == 27),
    (["--code", "5", "--code", "7"], lambda r: r.status.id in (5, 7)),
    (["--group", "UNDELIVERABLE"], lambda r: r.status.group_id == 2),
    (["--group", "handset_errors"], lambda r: r.error.group_id == 1),
    (["--failed", "--retryable"], lambda r: failed(r) and r.error.is_retryable),
    (["--failed", "--code", "1"], lambda r: failed(r) and 1 in (r.status.id, r.error.id)),
]


@pytest.mark.parametrize(("flags", "keep"), FILTERS)
def test_filters_compose_with_every_output_mode(
    run_cli: RunCli, flags: list[str], keep: Any
) -> None:
    wanted = expected(keep)
    assert wanted  # every filter here keeps something
    document = json.dumps({"results": LOG}).encode()
    text = run_cli("decode", *flags, stdin=document)
    assert re.findall(r"^message  (\S+)$", text.stdout.decode(), flags=re.M) == wanted
    array = run_cli("decode", "--json", *flags, stdin=document)
    assert [r["messageId"] for r in json.loads(array.stdout)] == wanted
    lines = run_cli("decode", "--ndjson", "--json", *flags, stdin=NDJSON)
    assert [json.loads(x)["messageId"] for x in lines.stdout.splitlines()] == wanted
    counted = summary(run_cli, "--ndjson", *flags)
    assert (counted["results"], counted["read"]) == (len(wanted), len(LOG))
    assert counted["filters"].split()[0] == flags[0]
    assert {text.returncode, array.returncode, lines.returncode} == {0}


def test_a_filter_that_keeps_nothing_is_exit_1_and_says_so(run_cli: RunCli) -> None:
    proc = run_cli("decode", "--ndjson", "--code", "4102", stdin=NDJSON)
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert b"no result of 8 matches --code '4102'" in proc.stderr
    proc = run_cli("decode", "--summary", "--code", "EC_ABSENT_SUBSCRIBR", stdin=NDJSON)
    assert proc.returncode == 1
    assert b"did you mean EC_ABSENT_SUBSCRIBER" in proc.stderr
    assert proc.stdout.startswith(b"8 results read; 0 match --code 'EC_ABSENT_SUBSCRIBR'\n")
    assert run_cli("decode", "--failed", "--pending", stdin=NDJSON).returncode == 2


def test_a_group_name_the_catalogue_lacks_is_said_but_still_matched(run_cli: RunCli) -> None:
    proc = run_cli("decode", "--summary", "--group", "UNDELIVERABLY", stdin=NDJSON)
    assert proc.returncode == 1
    assert b"--group 'UNDELIVERABLY': no group in the catalogue has that name" in proc.stderr
    for known in ("UNDELIVERABLE", "undeliverable", "5", "HANDSET_ERRORS"):
        proc = run_cli("decode", "--summary", "--group", known, stdin=NDJSON)
        assert b"no group in the catalogue" not in proc.stderr, known
    sent = json.dumps({"status": {"groupId": 77, "groupName": "SOMETHING_NEW", "id": 900}})
    proc = run_cli("decode", "--group", "something_new", stdin=sent.encode())
    assert proc.returncode == 0
    assert b"no group in the catalogue has that name" in proc.stderr


def test_the_group_warning_and_the_group_filter_read_a_name_alike(run_cli: RunCli) -> None:
    from infobip_codes import _catalogue
    from infobip_codes.tables import CHANNELS, KINDS

    # every group of the catalogue, as Enum.MEMBER, is known to the warning
    every = {
        f"{type(m).__name__}.{m.name}"
        for channel in CHANNELS
        for kind in KINDS
        for m in map(_catalogue.group_member_of, _catalogue.group_rows(kind, channel).values())
    }
    flags = [arg for name in sorted(every) for arg in ("--group", name)]
    proc = run_cli("decode", "--summary", *flags, stdin=NDJSON)
    assert b"no group in the catalogue" not in proc.stderr
    # a known form keeps what the plain name keeps; an unknown one is said and keeps nothing
    plain = summary(run_cli, "--ndjson", "--group", "UNDELIVERABLE")["results"]
    assert plain > 0
    assert summary(run_cli, "--ndjson", "--group", "StatusGroup.UNDELIVERABLE")["results"] == plain
    for unknown in ("Bogus.UNDELIVERABLE", "SmsStatusGroup.UNDELIVERABLE"):
        proc = run_cli("decode", "--summary", "--group", unknown, stdin=NDJSON)
        assert proc.returncode == 1, unknown
        assert b"no group in the catalogue has that name" in proc.stderr, unknown
    # a name as sent may hold a dot: matched whole
    sent = json.dumps({"status": {"groupId": 77, "groupName": "NEW.GROUP", "id": 900}})
    proc = run_cli("decode", "--group", "new.group", stdin=sent.encode())
    assert proc.returncode == 0
    assert b"no group in the catalogue has that name" in proc.stderr
    assert run_cli("decode", "--group", "X.GROUP", stdin=sent.encode()).returncode == 1


# -- 3. every field kept --------------------------------------------------------------


def test_every_field_is_kept_in_text_and_json(run_cli: RunCli) -> None:
    item = {
        "bulkId": "BULK-1",
        "messageId": "m-1",
        "to": "41793026727",
        "sentAt": "2026-11-27T16:00:00.000+0000",
        "doneAt": "2026-11-27T16:00:05.000+0000",
        "messageCount": 1,
        "mccMnc": "22801",
        "price": {"pricePerMessage": 0.01, "currency": "EUR"},
        "callbackData": "ticket 4711",
        "somethingNew": {"nested": [1, None, "two"]},
        "status": sent(S.DELIVERED_TO_HANDSET, action="seen"),
        "error": sent(E.NO_ERROR, permanent=False),
    }
    proc = run_cli("decode", "--json", stdin=json.dumps({"results": [item]}).encode())
    [decoded] = json.loads(proc.stdout)
    for key, value in item.items():
        if key not in ("status", "error"):
            assert decoded[key] == value, key
    assert decoded["status"]["action"] == "seen"
    assert decoded["status"]["final"] is True
    text = run_cli("decode", stdin=json.dumps(item).encode()).stdout.decode()
    fields = " ".join(line.strip() for line in text.split("\n  status")[0].splitlines()[1:])
    for shown in (
        "fields  bulkId BULK-1",
        "to 41793026727",
        "sentAt 2026-11-27T16:00:00.000+0000",
        "doneAt 2026-11-27T16:00:05.000+0000",
        "messageCount 1",
        "mccMnc 22801",
        "price 0.01 EUR",
        "callbackData ticket 4711",
        'somethingNew {"nested":[1,null,"two"]}',
        "status.action seen",
    ):
        assert shown in fields, shown


def test_a_send_responses_envelope_fields_go_with_each_result(run_cli: RunCli) -> None:
    response = {
        "bulkId": "BULK-7",
        "messages": [
            {"to": "41793026701", "messageId": "a", "status": sent(S.PENDING_ACCEPTED)},
            {"to": "41793026702", "messageId": "b", "status": sent(S.PENDING_ACCEPTED)},
        ],
    }
    proc = run_cli("decode", "--json", stdin=json.dumps(response).encode())
    assert [(r["bulkId"], r["to"]) for r in json.loads(proc.stdout)] == [
        ("BULK-7", "41793026701"),
        ("BULK-7", "41793026702"),
    ]


# -- 4. the inputs people have --------------------------------------------------------

SHAPES: list[tuple[str, object, list[tuple[str, str | None]]]] = [
    (
        "a bare array of results",
        [LOG[0], LOG[3]],
        [("d1", "NO_ERROR"), ("f1", "EC_ABSENT_SUBSCRIBER")],
    ),
    (
        "a send response",
        {"bulkId": "b", "messages": [{"messageId": "s1", "status": sent(S.PENDING_ACCEPTED)}]},
        [("s1", None)],
    ),
    (
        "a voice log",
        {"results": [result("v1", S.UNDELIVERABLE_NOT_DELIVERED, VoiceErrorCode.EC_DECLINE)]},
        [("v1", "EC_DECLINE")],
    ),
    (
        "an email webhook body",
        {
            "results": [
                result("e1", S.UNDELIVERABLE_NOT_DELIVERED, EmailErrorCode.EC_INVALID_EMAIL_ADDRESS)
            ]
        },
        [("e1", "EC_INVALID_EMAIL_ADDRESS")],
    ),
    (
        "a WhatsApp delivery report",
        {
            "results": [
                result("w1", S.UNDELIVERABLE_NOT_DELIVERED, ChatErrorCode.EC_NO_SESSION)
                | {"channel": "WHATSAPP"}
            ]
        },
        [("w1", "EC_NO_SESSION")],
    ),
    (
        "an array of webhook bodies",
        [{"results": [LOG[0]]}, {"results": [LOG[6]]}],
        [("d1", "NO_ERROR"), ("p1", "NO_ERROR")],
    ),
]


@pytest.mark.parametrize(("shape", "value", "wanted"), SHAPES, ids=[s[0] for s in SHAPES])
def test_the_inputs_people_have_as_a_document_and_as_ndjson(
    run_cli: RunCli, shape: str, value: object, wanted: list[tuple[str, str | None]]
) -> None:
    for args, stdin in (
        ((), json.dumps(value).encode()),
        (("--ndjson",), (json.dumps(value) + "\n" + json.dumps(value) + "\n").encode()),
    ):
        proc = run_cli("decode", "--json", *args, stdin=stdin)
        assert proc.returncode == 0, (shape, proc.stderr)
        out = proc.stdout.decode()
        got = json.loads(out) if not args else [json.loads(x) for x in out.splitlines()]
        found = [(r["messageId"], r["error"] and r["error"]["member"]) for r in got]
        assert found == (wanted if not args else wanted * 2), shape


def test_a_bad_item_of_an_array_is_named_by_its_place(run_cli: RunCli) -> None:
    proc = run_cli("decode", stdin=json.dumps([LOG[0], {"messageId": 7}]).encode())
    assert proc.returncode == 2
    assert b"[1].messageId: expected a string" in proc.stderr
    proc = run_cli("decode", "--ndjson", stdin=b'[{"messageId": "a"}, [1]]\n')
    assert proc.returncode == 2
    assert b"line 1: [1]: expected a report, response or result" in proc.stderr


# -- 5. explain several codes ---------------------------------------------------------


def test_explain_names_each_code_it_cannot_find_and_explains_the_rest(run_cli: RunCli) -> None:
    proc = run_cli("explain", "27", "99999", "EC_DECLINE")
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "sms error 27  EC_ABSENT_SUBSCRIBER" in out
    assert "voice error 5603  EC_DECLINE" in out
    assert proc.stderr.decode().splitlines() == [
        "infobip-codes: no status or error code matches '99999'"
    ]
    proc = run_cli("explain", "27", "EC_ABSENT_SUBSCRIBR", "--json")
    assert proc.returncode == 1
    assert [r["id"] for r in json.loads(proc.stdout)] == [27]
    assert b"did you mean EC_ABSENT_SUBSCRIBER" in proc.stderr
    assert run_cli("explain", "27", "EC_DECLINE").returncode == 0


# -- 6. search ------------------------------------------------------------------------


def test_search_is_sorted_with_group_and_permanence(run_cli: RunCli) -> None:
    proc = run_cli("search", "blocklist")
    lines = proc.stdout.decode().splitlines()
    assert lines[0].split() == ["CHANNEL", "KIND", "ID", "NAME", "GROUP", "PERMANENT"]
    rows = [line.split() for line in lines[1:] if not line.startswith(" ")]
    order = [(CHANNELS.index(r[0]), r[1] != "status", int(r[2])) for r in rows]
    assert order == sorted(order)
    by_key: dict[tuple[str, str, int, str], Any] = {
        (r.channel, r.kind, r.id, r.name): r for r in records()
    }
    for row in rows:
        record = by_key[row[0], row[1], int(row[2]), row[3]]
        assert " ".join(row[4:-1]) == f"{record.group_id} {record.group_name}"
        assert row[-1] == ("-" if record.kind == "status" else "yes" if record.permanent else "no")
    listed = json.loads(run_cli("search", "blocklist", "--json").stdout)
    assert [(r["channel"], r["kind"], r["id"]) for r in listed] == [
        (r[0], r[1], int(r[2])) for r in rows
    ]


def test_every_argument_of_every_command_has_help(run_cli: RunCli) -> None:
    for command in ("explain", "search", "export", "decode"):
        text = run_cli(command, "--help").stdout.decode()
        arguments = text.split("\n\n", 2)[2].split("examples:")[0]
        entries = re.findall(r"^  (\S.*?)(?:  +(\S.*))?$", arguments, flags=re.M)
        assert entries, command
        for name, help_text in entries:
            following = arguments.split(name, 1)[1].split("\n")[1]
            assert help_text or following.startswith(" " * 10), (command, name)


# -- 7. one meaning per flag ----------------------------------------------------------


def test_a_flag_means_one_thing_in_every_command(run_cli: RunCli) -> None:
    from infobip_codes.cli import build_parser

    meanings: dict[str, set[str]] = {}
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert isinstance(commands, dict)
    for command in commands.values():
        for action in command._actions:
            assert action.help, (command.prog, action.dest)
            for option in action.option_strings:  # the meaning, before any detail
                meanings.setdefault(option, set()).add(action.help.split(":")[0])
    assert {option: m for option, m in meanings.items() if len(m) > 1} == {}
    proc = run_cli("decode", "--status", stdin=b'{"id": 5}')
    assert proc.returncode == 2  # decode's input shape has options of its own
    assert b"unrecognized arguments: --status" in proc.stderr
    proc = run_cli("decode", "--bare-status", stdin=b'{"id": 5}')
    assert proc.returncode == 0
    assert b"status  3 DELIVERED / 5 DELIVERED_TO_HANDSET" in proc.stdout
