"""``export --format sql`` loads as it is into SQLite and DuckDB, and joins against a log;
docs/logs.md's DuckDB queries decode a log as the parser does."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shlex
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import duckdb
import pytest

import infobip_codes
from infobip_codes import CodeRecord, GroupRecord, parse_report
from infobip_codes.cli import main
from infobip_codes.cli._export import _sql_literal

LOGS_MD = Path(__file__).resolve().parent.parent / "docs" / "logs.md"


def export_sql(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["export", "--format", "sql", *args]) == 0
    return out.getvalue()


def all_groups() -> list[GroupRecord]:
    import importlib

    groups: list[GroupRecord] = []
    for channel in infobip_codes.CHANNELS:
        table = importlib.import_module(f"infobip_codes.tables.{channel}")
        groups += table.STATUS_GROUPS + table.ERROR_GROUPS
    return groups


def expected_code_row(record: CodeRecord, seq: int) -> tuple[object, ...]:
    values: list[object] = []
    for f in dataclasses.fields(CodeRecord):
        value = getattr(record, f.name)
        values.append(json.dumps(list(value)) if isinstance(value, tuple) else value)
    return (*values, type(infobip_codes.member_of(record)).__name__, seq)


CODE_COLUMNS = [f.name for f in dataclasses.fields(CodeRecord)] + ["enum", "seq"]
"""The columns checked against the records (``advice`` is checked against the enums)."""
GROUP_COLUMNS = [f.name for f in dataclasses.fields(GroupRecord)]


def test_sql_declares_the_record_columns_with_types_and_nulls() -> None:
    sql = export_sql()
    codes = sql.split('CREATE TABLE "infobip_codes" (', 1)[1].split(");", 1)[0]
    assert re.findall(r'^  "(\w+)"', codes, flags=re.M) == [*CODE_COLUMNS[:-1], "advice", "seq"]
    assert '"advice" TEXT NOT NULL' in codes
    assert '"id" INTEGER NOT NULL' in codes
    assert '"permanent" BOOLEAN,' in codes
    assert '"group_id" INTEGER,' in codes
    assert '"aliases" TEXT NOT NULL' in codes
    groups = sql.split('CREATE TABLE "infobip_groups" (', 1)[1].split(");", 1)[0]
    assert re.findall(r'^  "(\w+)"', groups, flags=re.M) == GROUP_COLUMNS
    assert '"final" BOOLEAN' in groups


def rows_match_catalogue(fetch: Callable[[str], list[tuple[Any, ...]]]) -> None:
    codes = fetch(f"SELECT {', '.join(CODE_COLUMNS)} FROM infobip_codes ORDER BY seq")
    expected = [expected_code_row(r, n) for n, r in enumerate(infobip_codes.records(), 1)]
    assert [tuple(row) for row in codes] == expected
    advice = [a for (a,) in fetch("SELECT advice FROM infobip_codes ORDER BY seq")]
    for record, said in zip(infobip_codes.records(), advice, strict=True):
        # what the export advises is what the enums answer
        member: Any = infobip_codes.member_of(record)
        if record.kind == "status" and record.source == "page":
            assert (said == "final") is member.is_final, record
        if record.kind == "error" and len(member.records) == 1:
            assert (said == "none") is member.is_ok, record
            assert (said == "retry") is member.is_retryable, record
    groups = fetch(f"SELECT {', '.join(GROUP_COLUMNS)} FROM infobip_groups")
    expected_groups = [tuple(dataclasses.astuple(g)) for g in all_groups()]
    assert sorted(map(tuple, groups), key=repr) == sorted(expected_groups, key=repr)


def test_sqlite_loads_every_row_and_group() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(export_sql())

    def fetch(query: str) -> list[tuple[Any, ...]]:
        rows = db.execute(query).fetchall()
        # SQLite stores BOOLEAN as 0/1: give them back as bools where a bool column is
        names = [d[0] for d in db.execute(query).description]
        bools = {"permanent", "final", "success"}
        return [
            tuple(
                bool(v) if n in bools and v is not None else v
                for n, v in zip(names, row, strict=True)
            )
            for row in rows
        ]

    rows_match_catalogue(fetch)
    assert db.execute("SELECT typeof(permanent) FROM infobip_codes WHERE id = 27").fetchone() == (
        "integer",
    )


def test_duckdb_loads_every_row_and_group_with_real_booleans() -> None:
    db = duckdb.connect()
    db.execute(export_sql())
    rows_match_catalogue(lambda query: db.execute(query).fetchall())
    types = dict(db.execute("SELECT column_name, data_type FROM duckdb_columns()").fetchall())
    assert types["permanent"] == "BOOLEAN"


def test_sql_filters_and_nothing_found() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(export_sql("--channel", "voice", "--kind", "error"))
    assert db.execute("SELECT DISTINCT channel, kind FROM infobip_codes").fetchall() == [
        ("voice", "error")
    ]
    assert db.execute("SELECT DISTINCT channel, kind FROM infobip_groups").fetchall() == [
        ("voice", "error")
    ]
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["export", "--format", "sql", "--channel", "dlt", "--kind", "status"]) == 1


@pytest.mark.parametrize(
    "text", ["O'Brien", "''", 'it`s \\ a "test"', "line\nbreak", "é ’ \u202e", "--", "; DROP"]
)
def test_literals_round_trip_in_sqlite_and_duckdb(text: str) -> None:
    literal = _sql_literal(text)
    assert sqlite3.connect(":memory:").execute(f"SELECT {literal}").fetchone() == (text,)
    fetched = duckdb.connect().execute(f"SELECT {literal}").fetchone()
    assert fetched == (text,)
    assert _sql_literal(None) == "NULL"
    assert (_sql_literal(True), _sql_literal(False), _sql_literal(7)) == ("TRUE", "FALSE", "7")
    assert _sql_literal(("A", "B'")) == "'[\"A\",\"B''\"]'"


LOG: list[dict[str, list[dict[str, Any]]]] = [
    {"results": [{"messageId": "a", "status": {"groupId": 3, "id": 5}, "error": {"id": 0}}]},
    {
        "results": [
            {"messageId": "b", "status": {"id": 9}, "error": {"id": 27, "groupId": 1}},
            {"messageId": "c", "status": {"id": 9}, "error": {"id": 4102, "groupId": 3}},
        ]
    },
    {"results": [{"messageId": "d", "status": {"id": 9}, "error": {"id": 4102, "groupId": 2}}]},
    {"results": [{"messageId": "e", "status": {"id": 999}, "error": {"id": 99999}}]},
    {
        "results": [
            {
                "messageId": "f",
                "status": {"id": 9},
                "error": {"id": 2053, "name": "EC_SOURCE_ADDRESS_BLACKLISTED"},
            }
        ]
    },
]


def test_the_export_joins_against_a_log_in_sqlite() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(export_sql())
    db.execute("CREATE TABLE log (message_id TEXT, error_id INTEGER, error_group INTEGER)")
    for report in LOG:
        for result in report["results"]:
            error = result["error"]
            db.execute(
                "INSERT INTO log VALUES (?, ?, ?)",
                (result["messageId"], error["id"], error.get("groupId")),
            )
    joined = db.execute(
        """
        SELECT l.message_id, c.name, c.permanent
        FROM log AS l
        LEFT JOIN infobip_codes AS c
          ON c.channel = 'sms' AND c.kind = 'error' AND c.id = l.error_id
          AND (l.error_group IS NULL OR c.group_id = l.error_group)
          AND c.seq = (SELECT min(seq) FROM infobip_codes AS f
                       WHERE f.channel = c.channel AND f.kind = c.kind AND f.id = c.id
                       AND (l.error_group IS NULL OR f.group_id = l.error_group))
        ORDER BY l.message_id
        """
    ).fetchall()
    assert joined == [
        ("a", "NO_ERROR", 0),
        ("b", "EC_ABSENT_SUBSCRIBER", 0),
        ("c", "EC_NOTSUBMITTEDTOSMPPCHANNEL", 1),
        ("d", "EC_NOTSUBMITTEDTOSMPPCHANNEL", 1),
        ("e", None, None),
        ("f", "EC_BLACKLISTED_SENDERADDRESS", 1),
    ]


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", LOGS_MD.read_text(encoding="utf-8"), re.S)


MALFORMED = [b"not json", b'{"results": [', b"\xff\xfe{}", b"5", b'"text"']
"""Lines the command line reports and skips, and DuckDB's recipe skips and counts."""


@pytest.mark.parametrize("channel", ["sms", "voice", "email", "dlt"])
def test_the_docs_duckdb_queries_decode_a_log_as_the_parser_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [json.dumps(report) for report in LOG] + doc_blocks("text")[0].splitlines()
    lines += [  # the other shapes of a line: an array of results, one result, messages
        json.dumps([LOG[0]["results"][0], {"messageId": "g", "status": {"id": 5}}]),
        json.dumps({"messageId": "h", "error": {"id": 27, "groupId": 1}}),
        json.dumps({"bulkId": "b", "messages": [{"messageId": "i", "status": {"id": 26}}]}),
    ]
    good = [line.encode() for line in lines]
    mixed = [*good[:2], *MALFORMED[:3], b"", *good[2:], *MALFORMED[3:]]
    Path("reports.ndjson").write_bytes(b"\n".join(mixed) + b"\n")
    db = duckdb.connect()
    db.execute(export_sql())
    create_lines, skipped, create_results, create_decoded, summary = doc_blocks("sql")
    db.execute(create_lines)
    cli = subprocess.run(
        [sys.executable, "-m", "infobip_codes", "decode", "--ndjson", "--summary", "--json"],
        input=b"\n".join(mixed),
        capture_output=True,
        check=False,
    )
    assert cli.returncode == 2
    reported = json.loads(cli.stdout)["unreadable_lines"]
    assert db.execute(skipped).fetchall() == [(reported,)] == [(len(MALFORMED),)]
    db.execute(create_results)
    # the doc's instruction for another channel's log, done as it says
    db.execute(create_decoded.replace("'sms' /* channel */", f"'{channel}' /* channel */"))
    got = db.execute(
        "SELECT message_id, status_name, final, error_name, permanent, retryable"
        " FROM decoded ORDER BY n"
    ).fetchall()
    expected = [
        (
            r.message_id,
            None if r.status is None else r.status.name,
            r.status is not None and r.status.is_final,
            None if r.error is None else r.error.name,
            None if r.error is None else r.error.permanent,
            r.error is not None and r.error.is_retryable,
        )
        for line in lines
        for value in (json.loads(line),)
        for item in (value if isinstance(value, list) else [value])
        for r in parse_report(item, channel)  # type: ignore[call-overload]
    ]
    assert got == expected
    if channel != "sms":
        return
    counts = db.execute(summary).fetchall()
    assert (27, "EC_ABSENT_SUBSCRIBER", "HANDSET_ERRORS", True, 3) in counts
    assert all(row[0] != 0 for row in counts)


def test_the_docs_console_examples_print_what_they_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    Path("reports.ndjson").write_text(doc_blocks("text")[0], encoding="utf-8")
    shown = 0
    for block in doc_blocks("console"):
        command, *output = block.splitlines()
        if output[:1] and not output[0].startswith("$ "):  # a command with its output
            if command.startswith("$ echo "):  # its input, given on stdin
                echo, command = command[2:].split(" | ", 1)
                given = shlex.split(echo)[1].encode() + b"\n"
                monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(given)))
                command = "$ " + command
            assert command.startswith("$ infobip-codes ")
            assert main(command.split()[2:]) == 0
            assert capsys.readouterr().out.splitlines() == output
            shown += 1
    assert shown == 3  # the decode, the summary, and an HTTP error body
