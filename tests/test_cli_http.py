"""``decode`` on HTTP error bodies, run as users run it: a process of its own.

A log of API calls holds delivery reports and, where a request was refused
as a whole, Infobip's HTTP error body. decode explains both, in every
output mode, and the filters treat such a body as the failure it is.
"""

from __future__ import annotations

import json

from conftest import RunCli
from http_bodies import body

DELIVERED = {"messageId": "m1", "status": {"groupId": 3, "id": 5, "name": "DELIVERED_TO_HANDSET"}}
PENDING = {"messageId": "m2", "status": {"groupId": 1, "id": 7, "name": "PENDING_ENROUTE"}}
UNAUTHORIZED = json.loads(body("py-client-401-unauthorized")["body"])
THROTTLED = {"errorCode": "E429", "description": "Too many requests", "action": "Slow down"}
LOG = "\n".join(json.dumps(x) for x in (DELIVERED, UNAUTHORIZED, PENDING, THROTTLED)) + "\n"


def lines_of(out: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_text_explains_each_body_in_its_place_among_the_results(run_cli: RunCli) -> None:
    proc = run_cli("decode", stdin=LOG.encode())
    assert proc.returncode == 0, proc.stderr
    blocks = proc.stdout.decode().split("\n\n")
    assert [b.splitlines()[0].split()[0] for b in blocks] == [
        "message",
        "request",
        "message",
        "API",
    ]
    assert blocks[1].startswith("request error UNAUTHORIZED\n")
    assert "authentication or authorisation: the HTTP status says which" in blocks[1]
    assert blocks[3].startswith("API error E429\n")
    assert "retry        yes, after backing off" in blocks[3]


def test_json_gives_each_body_under_its_own_key(run_cli: RunCli) -> None:
    proc = run_cli("decode", "--json", stdin=LOG.encode())
    assert proc.returncode == 0, proc.stderr
    found = lines_of(proc.stdout)
    assert [x.get("messageId") for x in found] == ["m1", None, "m2", None]
    refused = [x["httpError"] for x in found if "httpError" in x]
    assert [(e["identifier"], e["shape"], e["retryable"]) for e in refused] == [  # type: ignore[index]
        ("UNAUTHORIZED", "request_error", False),
        ("E429", "api_error", True),
    ]
    document = run_cli("decode", "--json", stdin=json.dumps(THROTTLED, indent=2).encode())
    assert document.returncode == 0, document.stderr
    assert [x["httpError"]["failure"] for x in json.loads(document.stdout)] == ["throttled"]


def test_the_filters_keep_a_body_as_the_failure_it_is(run_cli: RunCli) -> None:
    def kept(*flags: str) -> list[object]:
        proc = run_cli("decode", "--json", "--ndjson", *flags, stdin=LOG.encode())
        assert proc.returncode in (0, 1), proc.stderr
        return [x.get("messageId") or x["httpError"]["identifier"] for x in lines_of(proc.stdout)]  # type: ignore[index]

    assert kept("--failed") == ["UNAUTHORIZED", "E429"]
    assert kept("--retryable") == ["E429"]
    assert kept("--pending") == ["m2"]
    assert kept("--code", "5") == ["m1"]
    assert kept("--group", "DELIVERED") == ["m1"]


def test_the_summary_counts_bodies_apart_from_results(run_cli: RunCli) -> None:
    proc = run_cli("decode", "--summary", "--json", stdin=(LOG + json.dumps(THROTTLED)).encode())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["results"] == 2
    assert data["http_errors"] == [
        {"shape": "api_error", "identifier": "E429", "failure": "throttled", "retryable": True,
         "count": 2},
        {"shape": "request_error", "identifier": "UNAUTHORIZED", "failure": None,
         "retryable": False, "count": 1},
    ]  # fmt: skip
    text = run_cli("decode", "--summary", stdin=LOG.encode()).stdout.decode()
    assert "2 HTTP error bodies: requests refused as a whole, no results" in text
    assert "HTTP ERRORS" in text


def test_a_malformed_body_is_its_lines_error(run_cli: RunCli) -> None:
    bad = json.dumps({"errorCode": "E400", "violations": [3]})
    proc = run_cli("decode", "--ndjson", stdin=f"{bad}\n{json.dumps(DELIVERED)}\n".encode())
    assert proc.returncode == 2
    assert b"message  m1" in proc.stdout
    said = proc.stderr.decode().splitlines()
    assert said[0] == (
        "infobip-codes: <stdin>: line 1: an HTTP error body, but $.violations[0]: "
        "expected a violation (a JSON object), found int 3"
    )
    document = run_cli("decode", stdin=bad.encode())
    assert document.returncode == 2
    assert document.stdout == b""
    assert b"Traceback" not in document.stderr
    assert b"$.violations[0]" in document.stderr


def test_a_body_cannot_reach_the_terminal_with_control_characters(run_cli: RunCli) -> None:
    hostile = {"errorCode": "E\x1b[2J400", "description": "a\x07b\u202ec", "action": "\x9bx"}
    proc = run_cli("decode", stdin=json.dumps(hostile).encode())
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    assert not {"\x1b", "\x07", "\u202e", "\x9b"} & set(text)
    assert "E\\x1b[2J400" in text


def test_the_bare_flags_read_every_object_as_they_say(run_cli: RunCli) -> None:
    both = json.dumps({"errorCode": "E400", "id": 5, "name": "DELIVERED_TO_HANDSET"})
    proc = run_cli("decode", "--bare-status", "--json", stdin=both.encode())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["status"]["name"] == "DELIVERED_TO_HANDSET"


# -- explain: an identifier asked about alone -------------------------------------------


def test_explain_answers_each_identifier_as_decode_answers_a_body_of_it_alone(
    run_cli: RunCli,
) -> None:
    from infobip_codes import parse_http_error
    from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

    named = [code.value for code in ApiErrorCode] + [
        error_id.value for error_id in RequestErrorId if not error_id.value.isdigit()
    ]
    proc = run_cli("explain", "--json", *named)
    assert proc.returncode == 0, proc.stderr
    explained = [x["httpError"] for x in json.loads(proc.stdout)]
    assert [e["id"] for e in explained] == named
    for facts in explained:
        if facts["shape"] == "api_error":
            sent: dict[str, object] = {"errorCode": facts["id"]}
            member: ApiErrorCode | RequestErrorId = ApiErrorCode(facts["id"])
        else:
            sent = {"requestError": {"serviceException": {"messageId": facts["id"]}}}
            member = RequestErrorId(facts["id"])
        alone = run_cli("decode", "--json", stdin=json.dumps(sent).encode())
        (decoded,) = [x["httpError"] for x in json.loads(alone.stdout)]
        parsed = parse_http_error(sent)
        assert (facts["failure"], facts["retryable"]) == (decoded["failure"], decoded["retryable"])
        assert (facts["failure"], facts["retryable"]) == (parsed.failure, parsed.retryable)
        assert facts["enum"] == type(member).__name__  # as explain's code rows name theirs
        assert {k: v for k, v in facts.items() if k not in ("enum", "failure", "retryable")} == (
            member.record.to_dict()
        )


def test_explain_text_of_an_identifier_in_any_case_beside_a_code(run_cli: RunCli) -> None:
    proc = run_cli("explain", "27", "e429", "Bad_Request")
    assert proc.returncode == 0, proc.stderr
    blocks = proc.stdout.decode().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "sms error 27  EC_ABSENT_SUBSCRIBER",
        "API error E429  (the errorCode of an API error body)",
        "request error BAD_REQUEST  (the messageId of a request error body)",
    ]
    assert "  HTTP status  429\n" in blocks[1]
    assert "  failed       throttled: too many requests\n" in blocks[1]
    assert "  retry        yes, after backing off\n" in blocks[1]
    assert "  same as      TOO_MANY_REQUESTS, in a request error's messageId\n" in blocks[1]
    assert "  retry        no: sent again unchanged, it fails again\n" in blocks[2]


def test_explain_asks_no_identifier_of_an_id_a_channel_or_a_kind(run_cli: RunCli) -> None:
    zero = run_cli("explain", "0", "--json")  # "0" is also a request error's messageId
    assert zero.returncode == 0, zero.stderr
    assert all("httpError" not in x for x in json.loads(zero.stdout))
    for narrowed in (("--channel", "sms"), ("--error",), ("--status",)):
        proc = run_cli("explain", "E429", *narrowed)
        assert (proc.returncode, proc.stdout) == (1, b""), narrowed
        assert b"matches 'E429'" in proc.stderr
    unknown = run_cli("explain", "E4290")
    assert (unknown.returncode, unknown.stdout) == (1, b"")


def test_search_finds_identifiers_by_their_meaning_in_a_table_of_their_own(
    run_cli: RunCli,
) -> None:
    from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

    proc = run_cli("search", "rate", "LIMIT")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert lines[0].split() == ["HTTP", "ERROR", "BODY", "IDENTIFIER", "HTTP"]
    rows = [line.split() for line in lines if not line.startswith(" ")][1:]
    assert rows == [
        ["API", "error", "E429", "429"],
        ["request", "error", "TOO_MANY_REQUESTS", "429"],
    ]
    # every identifier whose meaning has the words, and no other, in JSON too
    wanted = [
        member.value
        for family in (ApiErrorCode, RequestErrorId)
        for member in family
        if "rate" in member.record.meaning.casefold()
        and "limit" in member.record.meaning.casefold()
    ]
    data = json.loads(run_cli("search", "rate", "limit", "--json").stdout)
    assert [x["httpError"]["id"] for x in data] == wanted == ["E429", "TOO_MANY_REQUESTS"]
    assert data[0]["httpError"]["failure"] == "throttled"


def test_search_shows_codes_first_and_asks_no_identifier_when_narrowed(run_cli: RunCli) -> None:
    both = run_cli("search", "credentials")
    assert both.returncode == 0, both.stderr
    tables = both.stdout.decode().split("\n\n")
    assert tables[0].startswith("CHANNEL  KIND")
    assert tables[1].startswith("HTTP ERROR BODY")
    assert "UNAUTHORIZED" in tables[1]
    for narrowed in (("--kind", "error"), ("--channel", "chat")):
        proc = run_cli("search", "credentials", *narrowed)
        assert b"HTTP ERROR BODY" not in proc.stdout, narrowed
    assert run_cli("search", "rate", "limit", "--kind", "error").returncode == 1


def test_explain_takes_every_name_it_prints_for_an_identifier_and_each_once(
    run_cli: RunCli,
) -> None:
    from infobip_codes.http_errors import ApiErrorCode, RequestErrorId

    for member in [*ApiErrorCode, *RequestErrorId]:
        forms = [f"{type(member).__name__}.{member.name}", member.name.lower()]
        if not member.value.isdigit():
            forms.append(member.value)
        proc = run_cli("explain", "--json", *forms)
        assert proc.returncode == 0, (forms, proc.stderr)
        assert [x["httpError"]["id"] for x in json.loads(proc.stdout)] == [member.value], forms
    proc = run_cli("explain", "E429", "27", "e429", "ApiErrorCode.E429", "27")
    assert proc.returncode == 0, proc.stderr
    titles = [block.splitlines()[0] for block in proc.stdout.decode().split("\n\n")]
    assert titles == [
        "API error E429  (the errorCode of an API error body)",
        "sms error 27  EC_ABSENT_SUBSCRIBER",
    ]


def test_explain_names_what_a_narrowed_question_left_out(run_cli: RunCli) -> None:
    proc = run_cli("explain", "E429", "--channel", "sms")
    assert proc.returncode == 1
    assert b"it is an HTTP error identifier, which no channel or kind has" in proc.stderr
    proc = run_cli("explain", "EC_DECLINE", "--status")
    assert proc.returncode == 1
    assert b"the whole catalogue has it as voice error 5603" in proc.stderr
    assert b"did you mean" not in proc.stderr
    proc = run_cli("explain", "4102", "--channel", "voice")  # two rows of one code: named once
    assert proc.stderr.decode().splitlines() == [
        "infobip-codes: no status or error code in voice matches '4102'; "
        "the whole catalogue has it as sms error 4102",
    ]
    proc = run_cli("explain", "27", "NOPE_X", "nope_x", "NOPE_X")  # each miss said once
    assert proc.returncode == 1
    assert [line.split("'")[1] for line in proc.stderr.decode().splitlines()] == [
        "NOPE_X",
        "nope_x",
    ]
    proc = run_cli("explain", "BAD_REQEST")
    assert proc.returncode == 1
    assert b"BAD_REQUEST?" in proc.stderr.split(b"did you mean", 1)[1]
