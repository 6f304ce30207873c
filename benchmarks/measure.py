"""Measurements taken inside one Python: the standard library and the installed package.

Run by benchmarks/run.py as ``PYTHON measure.py --work DIR``; prints one JSON
object of raw figures (nanoseconds, bytes, counts). Every figure is paired
with a baseline measured here, the same way, in the same run, and, for the
in-process figures, in the same process.

The process state is an application's, not a bare interpreter's: every
fresh process that times the package has imported ``typing``,
``dataclasses`` and ``json`` first (pydantic, FastAPI and Infobip's own SDK
all do). The bare-interpreter figures are taken too, as information.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PYTHON = sys.executable
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
SCRIPT = str(Path(PYTHON).with_name("infobip-codes"))

APPLICATION = "import typing, dataclasses, json"
"""What every timed fresh process has imported before the clock starts."""
BARE = "import enum"
"""The bare-interpreter state of the information figures (#7's)."""

CHANNEL_MODULES = ("sms", "voice", "push", "email", "chat", "mobile_identity", "dlt")


# -- timing helpers ---------------------------------------------------------------


def fresh(code: str) -> str:
    """Run ``code`` in a new isolated interpreter and return what it prints."""
    return subprocess.run(
        [PYTHON, "-I", "-c", code], capture_output=True, text=True, check=True, env=ENV
    ).stdout


def timed_statement(setup: str, statement: str) -> str:
    """A program that prints how long ``statement`` takes after ``setup`` (ns)."""
    return (
        f"import time\n{setup}\nt = time.perf_counter_ns()\n{statement}\n"
        "print(time.perf_counter_ns() - t)"
    )


def paired_fresh(ours: str, baseline: str, repeats: int) -> tuple[float, float]:
    """Medians of two programs run alternately in fresh processes (ns each)."""
    fresh(ours)  # warm up: compile .pyc files, fill the OS cache
    fresh(baseline)
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        a.append(float(fresh(ours)))
        b.append(float(fresh(baseline)))
    return statistics.median(a), statistics.median(b)


def _run_once(argv: list[str]) -> float:
    start = time.perf_counter_ns()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    return float(time.perf_counter_ns() - start)


def paired_process(ours: list[str], baseline: list[str], repeats: int) -> tuple[float, float]:
    """Median wall times of two whole processes, run alternately (ns each)."""
    _run_once(ours)
    _run_once(baseline)
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        a.append(_run_once(ours))
        b.append(_run_once(baseline))
    return statistics.median(a), statistics.median(b)


def _time(func: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter_ns()
    func()
    return float(time.perf_counter_ns() - start)


def best_pair(
    ours: Callable[[], object], baseline: Callable[[], object], loops: int
) -> tuple[float, float]:
    """The fastest of ``loops`` alternating runs of each: the least disturbed by the machine."""
    ours()
    baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(loops):
        a.append(_time(ours))
        b.append(_time(baseline))
    return min(a), min(b)


# -- enums materialised -------------------------------------------------------------


def write_floor(directory: Path) -> dict[str, int]:
    """Plain ``IntEnum`` class statements with the package's own members, one module per
    channel as the package has them: the floor of the shape the design requires.

    Built from the catalogue's records (every code member, through
    ``member_of``) and the groups those members belong to, so the floor has
    exactly the package's 16 enums and members, each a bare assignment, each in
    a module named after its channel's (``floor_sms``...), importing ``IntEnum``
    as the package's modules import their bases.
    """
    import infobip_codes

    classes: dict[type[Any], dict[str, int]] = {}
    for record in infobip_codes.records():
        member: Any = infobip_codes.member_of(record)
        classes.setdefault(type(member), {})[member.name] = int(member)
        group = getattr(member, "group", None)
        if group is not None:
            classes.setdefault(type(group), {})
    for cls, members in classes.items():  # a group's members, all of them, in order
        if not members:
            members.update((m.name, int(m)) for m in cls)

    directory.mkdir(parents=True, exist_ok=True)
    for channel in CHANNEL_MODULES:
        selected = [c for c in classes if c.__module__ == f"infobip_codes.{channel}"]
        out = ["from enum import IntEnum"]
        for cls in selected:
            out += ["", "", f"class {cls.__name__}(IntEnum):"]
            out += [f"    {name} = {value}" for name, value in classes[cls].items()]
        (directory / f"floor_{channel}.py").write_text("\n".join(out) + "\n", encoding="utf-8")
    return {"enums": len(classes), "members": sum(len(m) for m in classes.values())}


def enum_figures(floor: Path, repeats: int) -> dict[str, float]:
    every = "import " + ", ".join(f"infobip_codes.{m}" for m in CHANNEL_MODULES)
    floors = "import " + ", ".join(f"floor_{m}" for m in CHANNEL_MODULES)
    path = f"import sys; sys.path.insert(0, {str(floor)!r})"
    out: dict[str, float] = {}
    for state, setup in (("app", APPLICATION), ("bare", BARE)):
        out[f"enums_all_{state}"], out[f"floor_all_{state}"] = paired_fresh(
            timed_statement(setup, every),
            timed_statement(f"{setup}\n{path}", floors),
            repeats,
        )
    out["import_package_bare"], out["import_http_bare"] = paired_fresh(
        timed_statement(BARE, "import infobip_codes"),
        timed_statement(BARE, "import http"),
        repeats,
    )
    return out


# -- member by id ---------------------------------------------------------------------


def lookup_figures() -> dict[str, float]:
    """Every id of the catalogue, 200 rounds: the package's look-ups against ``dict.get``."""
    import infobip_codes
    from infobip_codes import error_by_id, status_by_id

    rows = infobip_codes.records()
    members: list[Any] = [infobip_codes.member_of(r) for r in rows]
    status_table: dict[int, object] = {}
    error_table: dict[int, object] = {}
    per_class: dict[type[Any], dict[int, object]] = {}
    for row, member in zip(rows, members, strict=True):
        (status_table if row.kind == "status" else error_table).setdefault(row.id, member)
        per_class.setdefault(type(member), {})[row.id] = member
    pairs = [(r.kind == "status", r.id) for r in rows] * 200
    status_get, error_get = status_table.get, error_table.get

    def by_id() -> None:
        for is_status, code_id in pairs:
            if is_status:
                status_by_id(code_id)
            else:
                error_by_id(code_id)

    def by_id_baseline() -> None:
        for is_status, code_id in pairs:
            if is_status:
                status_get(code_id)
            else:
                error_get(code_id)

    by_channel = [(r.kind == "status", r.id, r.channel) for r in rows] * 200
    scoped: dict[tuple[bool, str], dict[int, object]] = {}
    for row, member in zip(rows, members, strict=True):
        scoped.setdefault((row.kind == "status", row.channel), {}).setdefault(row.id, member)
    # the same loop on both sides (the kind's branch, the channel at hand): only the
    # look-up differs, the package's against the dict.get of its channel's members
    gets_of = {
        channel: (scoped.get((True, channel), {}).get, scoped.get((False, channel), {}).get)
        for _, _, channel in by_channel
    }
    scoped_gets = [(s, i, gets_of[c]) for s, i, c in by_channel]

    def by_id_channel() -> None:
        for is_status, code_id, channel in by_channel:
            if is_status:
                status_by_id(code_id, channel)
            else:
                error_by_id(code_id, channel)

    def by_id_channel_baseline() -> None:
        for is_status, code_id, (status_of, error_of) in scoped_gets:
            if is_status:
                status_of(code_id)
            else:
                error_of(code_id)

    calls = [(type(m).from_id, r.id) for r, m in zip(rows, members, strict=True)] * 200
    gets = [(per_class[type(m)].get, r.id) for r, m in zip(rows, members, strict=True)] * 200

    def from_id() -> None:
        for convert, code_id in calls:
            convert(code_id)

    def from_id_baseline() -> None:
        for get, code_id in gets:
            get(code_id)

    out: dict[str, float] = {"lookup_calls": float(len(pairs))}
    out["by_id"], out["by_id_baseline"] = best_pair(by_id, by_id_baseline, 7)
    out["by_id_channel"], out["by_id_channel_baseline"] = best_pair(
        by_id_channel, by_id_channel_baseline, 7
    )
    out["from_id"], out["from_id_baseline"] = best_pair(from_id, from_id_baseline, 7)
    return out


# -- parse_status / parse_error -----------------------------------------------------------


def payloads(count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Realistic objects: every catalogue row as the API sends it, docs-variant texts, unknowns."""
    import infobip_codes

    statuses: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for record in infobip_codes.records():
        obj: dict[str, Any] = {
            "groupId": record.group_id,
            "groupName": record.group_name,
            "id": record.id,
            "name": record.name,
            "description": record.description or "",
        }
        if record.kind == "status":
            statuses.append(obj)
        else:
            obj["permanent"] = bool(record.permanent)
            errors.append(obj)
    errors.append(
        {"groupId": 0, "groupName": "Ok", "id": 0, "name": "NO_ERROR", "description": "No Error"}
    )
    errors.append(
        {
            "groupId": 1,
            "groupName": "HANDSET_ERRORS",
            "id": 4242,
            "name": "EC_FROM_THE_FUTURE",
            "description": "?",
            "permanent": False,
        }
    )
    statuses.append(
        {
            "groupId": 3,
            "groupName": "DELIVERED",
            "id": 5,
            "name": "DELIVERED_TO_HANDSET",
            "description": "Message delivered to handset",
        }
    )

    def cycle(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return (items * (count // len(items) + 1))[:count]

    return cycle(statuses), cycle(errors)


@dataclass(frozen=True, slots=True)
class MinimalValue:
    id: int
    name: str
    group_id: int
    group_name: str
    description: str | None
    permanent: bool | None
    code: object


def parse_figures(count: int) -> dict[str, float]:
    """``parse_status`` / ``parse_error`` against a minimal hand parser, same payloads."""
    import infobip_codes
    from infobip_codes import parse_error, parse_status

    statuses, errors = payloads(count)
    by_id: dict[tuple[str, int], object] = {}
    for record in infobip_codes.records():
        by_id.setdefault((record.kind, record.id), infobip_codes.member_of(record))

    def minimal(kind: str, obj: dict[str, Any]) -> MinimalValue:
        code_id = obj["id"]
        return MinimalValue(
            code_id,
            obj["name"],
            obj["groupId"],
            obj["groupName"],
            obj.get("description"),
            obj.get("permanent"),
            by_id.get((kind, code_id)),
        )

    out: dict[str, float] = {}
    out["parse_status"], out["parse_status_baseline"] = best_pair(
        lambda: [parse_status(o) for o in statuses],
        lambda: [minimal("status", o) for o in statuses],
        3,
    )
    out["parse_error"], out["parse_error_baseline"] = best_pair(
        lambda: [parse_error(o) for o in errors],
        lambda: [minimal("error", o) for o in errors],
        3,
    )
    return out


# -- delivery reports ---------------------------------------------------------------------


def delivery_results(count: int, seed: int = 13) -> Iterator[dict[str, Any]]:
    """SMS delivery-report results as the API sends them (and the SDK accepts).

    Mostly delivered; some pending, undeliverable, expired and rejected, with
    the error each comes with; ids, names and groups from the catalogue.
    """
    from infobip_codes import SmsErrorCode, SmsStatusCode

    rng = random.Random(seed)
    outcomes: list[tuple[Any, Any, int]] = [
        (SmsStatusCode.DELIVERED_TO_HANDSET, SmsErrorCode.NO_ERROR, 80),
        (SmsStatusCode.PENDING_ENROUTE, SmsErrorCode.NO_ERROR, 6),
        (SmsStatusCode.UNDELIVERABLE_NOT_DELIVERED, SmsErrorCode.EC_ABSENT_SUBSCRIBER, 6),
        (SmsStatusCode.UNDELIVERABLE_REJECTED_OPERATOR, SmsErrorCode.EC_UNKNOWN_SUBSCRIBER, 3),
        (SmsStatusCode.EXPIRED_EXPIRED, SmsErrorCode.EC_ABSENT_SUBSCRIBER, 3),
        (SmsStatusCode.REJECTED_NETWORK, SmsErrorCode.NO_ERROR, 2),
    ]

    def status_object(code: Any) -> dict[str, Any]:
        return {
            "groupId": code.group.value,
            "groupName": code.group.api_name,
            "id": code.value,
            "name": code.api_name,
            "description": code.description,
        }

    choices = [
        (status_object(s), {**status_object(e), "permanent": bool(e.permanent)})
        for s, e, _ in outcomes
    ]
    weights = [w for _, _, w in outcomes]
    for index in range(count):
        status, error = rng.choices(choices, weights)[0]
        yield {
            "bulkId": f"BULK-{index // 1000:06d}",
            "messageId": f"{rng.getrandbits(64):016x}-{index:08d}",
            "to": f"4179{rng.randrange(10**7):07d}",
            "sentAt": "2026-11-27T16:00:00.000+0000",
            "doneAt": "2026-11-27T16:00:05.000+0000",
            "messageCount": 1,
            "mccMnc": "22801",
            "price": {"pricePerMessage": 0.01, "currency": "EUR"},
            "status": status,
            "error": error,
        }


def report_figures(count: int) -> dict[str, float | None]:
    """``parse_report(json.loads(body))`` against ``json.loads(body)``, and the SDK's parse."""
    from infobip_codes import parse_report

    body = json.dumps({"results": list(delivery_results(count))})
    out: dict[str, float | None] = {"report_results": float(count), "report_bytes": len(body)}
    out["report"], out["report_baseline"] = best_pair(
        lambda: parse_report(json.loads(body)), lambda: json.loads(body), 5
    )
    try:
        models: Any = importlib.import_module("infobip_api_client.models")
    except ImportError:
        out["report_sdk"] = out["report_sdk_baseline"] = None
        return out
    sdk = models.SmsDeliveryResult.from_json
    if len(sdk(body).results) != count:
        raise RuntimeError("the SDK did not read every result")
    out["report_sdk"], out["report_sdk_baseline"] = best_pair(
        lambda: sdk(body), lambda: json.loads(body), 3
    )
    return out


# -- streaming decode -----------------------------------------------------------------------

GENERATOR = """\
import sys
count, block = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read()
lines = block.count("\\n")
out = sys.stdout
for _ in range(count // lines):
    out.write(block)
out.write("".join(block.splitlines(keepends=True)[: count % lines]))
"""
"""Writes COUNT lines to stdout by repeating the block of lines in a file."""

PIPED = """\
import json, os, subprocess, sys, time
python, generator, block, count = sys.argv[1:5]
argv = json.loads(sys.argv[5])
source = subprocess.Popen([python, "-I", "-c", generator, count, block], stdout=subprocess.PIPE)
start = time.perf_counter_ns()
sink = subprocess.Popen(
    argv, stdin=source.stdout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
)
source.stdout.close()
errors = sink.stderr.read()
_, status, usage = os.wait4(sink.pid, 0)
elapsed = time.perf_counter_ns() - start
sink.returncode = os.waitstatus_to_exitcode(status)
if sink.returncode or source.wait():
    raise SystemExit(f"failed: {errors[-500:]!r}")
print(usage.ru_maxrss * 1024, elapsed)
"""
"""Runs the generator into ARGV and prints ARGV's own peak RSS (bytes) and wall time (ns).

A small process of its own, because a child's ``ru_maxrss`` starts at its
parent's size when forked (and is kept across ``exec``): forked from this
benchmark, which holds large payload lists, every decoder would seem big.
``wait4`` gives the decoder's own figure, not the generator's.
"""

LIBRARY_DECODE = """\
import sys
from infobip_codes import iter_report
errors = []
for result in iter_report(sys.stdin, on_error=errors.append):
    pass
if errors:
    raise SystemExit(f"{len(errors)} bad lines, first: {errors[0]}")
"""
"""The streaming decode through the library, until the CLI reads NDJSON."""

JSON_LOOP = """\
import json, sys
for line in sys.stdin:
    json.loads(line)
"""
"""The baseline: read the same lines and ``json.loads`` each."""


def cli_help() -> str:
    """``decode --help`` of the installed CLI, as words."""
    text = subprocess.run(
        [SCRIPT, "decode", "--help"], capture_output=True, text=True, check=False, env=ENV
    ).stdout
    return text.replace("[", " ").replace("]", " ").replace(",", " ")


def cli_ndjson_flag() -> str | None:
    """The ``decode`` option that reads NDJSON, if the installed CLI has one."""
    words = cli_help().split()
    return next((flag for flag in ("--ndjson", "--lines", "--stream") if flag in words), None)


def decoder(flag: str | None) -> tuple[str, list[str]]:
    """How the streaming decode is run: its name and its argv (reading stdin)."""
    if flag is not None:
        return f"infobip-codes decode {flag}", [SCRIPT, "decode", flag]
    return "iter_report (library)", [PYTHON, "-I", "-c", LIBRARY_DECODE]


def piped(argv: list[str], block: Path, count: int) -> tuple[int, float]:
    """Peak RSS (bytes) and wall time (ns) of ``argv`` reading ``count`` lines from a pipe."""
    printed = subprocess.run(
        [PYTHON, "-I", "-c", PIPED, PYTHON, GENERATOR, str(block), str(count), json.dumps(argv)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    ).stdout.split()
    return int(printed[0]), float(printed[1])


def stream_figures(work: Path, sizes: list[int], loops: int) -> dict[str, Any]:
    """NDJSON decode throughput against the ``json.loads`` loop; peak RSS at each size.

    The lines come through a pipe from a generator repeating a block of 1000
    distinct results, so no input file grows with the count. Throughput is
    taken at the middle size, best of ``loops`` alternating runs.
    """
    name, argv = decoder(cli_ndjson_flag())
    block = work / "block.ndjson"
    block.write_text("".join(json.dumps(r) + "\n" for r in delivery_results(1000)), "utf-8")
    loop = [PYTHON, "-I", "-c", JSON_LOOP]
    middle = sizes[len(sizes) // 2]
    rss: dict[str, int] = {}
    for count in sizes:
        if count != middle:
            rss[str(count)] = piped(argv, block, count)[0]
    # the summary of the same stream (#20), when the installed CLI has one
    summary = [*argv, "--summary"] if "--summary" in cli_help() else None
    ours: list[float] = []
    baseline: list[float] = []
    summaries: list[float] = []
    for _ in range(loops):
        peak, elapsed = piped(argv, block, middle)
        rss[str(middle)] = max(rss.get(str(middle), 0), peak)
        ours.append(elapsed)
        baseline_peak, elapsed = piped(loop, block, middle)
        baseline.append(elapsed)
        if summary is not None:
            summaries.append(piped(summary, block, middle)[1])
    return {
        "decoder": name,
        "stream_results": middle,
        "stream": min(ours),
        "stream_baseline": min(baseline),
        "summary": min(summaries) if summaries else None,
        "rss": {n: rss[str(n)] for n in map(str, sizes)},
        "rss_baseline": baseline_peak,
    }


# -- infobip-codes explain 27 -------------------------------------------------------------


def explain_figures(repeats: int) -> dict[str, float]:
    out: dict[str, float] = {}
    out["explain"], out["explain_floor"] = paired_process(
        [SCRIPT, "explain", "27"], [PYTHON, "-c", "import argparse, dataclasses, typing"], repeats
    )
    out["explain_again"], out["python_pass"] = paired_process(
        [SCRIPT, "explain", "27"], [PYTHON, "-c", "pass"], repeats
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40, help="fresh processes per figure")
    parser.add_argument("--only", choices=("all", "report"), default="all")
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="results per peak-RSS stream"
    )
    args = parser.parse_args(argv)

    out: dict[str, Any] = {"python": sys.version.split()[0]}
    out.update(report_figures(20_000))
    if args.only == "report":
        print(json.dumps(out))
        return 0
    with tempfile.TemporaryDirectory(prefix="infobip-codes-bench-") as temp:
        work = Path(temp)
        out["floor"] = write_floor(work / "floor")
        out.update(enum_figures(work / "floor", args.repeats))
        out.update(explain_figures(args.repeats))
        out.update(lookup_figures())
        out.update(parse_figures(100_000))
        sizes = [int(n) for n in args.sizes.split(",")]
        out.update(stream_figures(work, sizes, 2))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
