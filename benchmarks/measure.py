"""Measurements taken inside a benchmark venv: stdlib and the installed package only.

Run by benchmarks/run.py as ``VENV/bin/python measure.py FLOOR_DIR REPEATS``;
prints one JSON object of raw timings (nanoseconds, medians). Every figure
is paired with a baseline measured here, the same way, in the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PYTHON = sys.executable
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


def fresh(code: str) -> str:
    """Run ``code`` in a new isolated interpreter and return what it prints."""
    return subprocess.run(
        [PYTHON, "-I", "-c", code], capture_output=True, text=True, check=True, env=ENV
    ).stdout


def median_fresh(code: str, repeats: int) -> float:
    fresh(code)  # warm up: compile .pyc files, fill the OS cache
    return statistics.median(float(fresh(code)) for _ in range(repeats))


def import_cumulative(module: str, repeats: int) -> float:
    """Cumulative -X importtime of ``module`` with enum already imported (ns)."""

    def once() -> float:
        err = subprocess.run(
            [PYTHON, "-I", "-X", "importtime", "-c", f"import enum; import {module}"],
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        ).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == module:
                return float(parts[1]) * 1000  # µs -> ns
        raise RuntimeError(f"{module} not in -X importtime output")

    once()
    return statistics.median(once() for _ in range(repeats))


def timed_statement(setup: str, statement: str) -> str:
    """A program that prints how long ``statement`` takes after ``setup`` (ns)."""
    return (
        f"import time\n{setup}\nt = time.perf_counter_ns()\n{statement}\n"
        "print(time.perf_counter_ns() - t)"
    )


def whole_process(argv: list[str], repeats: int) -> float:
    def once() -> float:
        start = time.perf_counter_ns()
        subprocess.run(argv, capture_output=True, check=True, env=ENV)
        return float(time.perf_counter_ns() - start)

    once()
    return statistics.median(once() for _ in range(repeats))


def best_loop(func: Callable[[], object], loops: int = 7) -> float:
    """The fastest of several runs of ``func``: the least disturbed by the machine."""
    func()
    return min(_time(func) for _ in range(loops))


def _time(func: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    func()
    return float(time.perf_counter_ns() - start)


def lookups() -> tuple[float, float]:
    import infobip_codes
    from infobip_codes import error_by_id, status_by_id

    pairs = [(r.kind == "status", r.id) for r in infobip_codes.records()] * 200
    plain_status = {
        m.value: m
        for e in ("SmsStatusCode", "VoiceStatusCode", "PushStatusCode")
        for m in getattr(infobip_codes, e)
    }
    plain_error: dict[int, object] = {}
    for record in infobip_codes.records():
        if record.kind == "error":
            plain_error.setdefault(record.id, infobip_codes.member_of(record))
    status_get, error_get = plain_status.get, plain_error.get

    def package() -> None:
        for is_status, code_id in pairs:
            if is_status:
                status_by_id(code_id)
            else:
                error_by_id(code_id)

    def baseline() -> None:
        for is_status, code_id in pairs:
            if is_status:
                status_get(code_id)
            else:
                error_get(code_id)

    return best_loop(package), best_loop(baseline)


def payloads(count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Realistic objects: mostly known codes, docs-variant texts, some unknown ids."""
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
    return (statuses * (count // len(statuses) + 1))[:count], (errors * (count // len(errors) + 1))[
        :count
    ]


@dataclass(frozen=True, slots=True)
class MinimalValue:
    id: int
    name: str
    group_id: int
    group_name: str
    description: str | None
    permanent: bool | None
    code: object


def parsing(count: int) -> dict[str, tuple[float, float]]:
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

    def ours_status() -> object:
        return [parse_status(o) for o in statuses]

    def ours_error() -> object:
        return [parse_error(o) for o in errors]

    def base_status() -> object:
        return [minimal("status", o) for o in statuses]

    def base_error() -> object:
        return [minimal("error", o) for o in errors]

    return {
        "status": (best_loop(ours_status, 3), best_loop(base_status, 3)),
        "error": (best_loop(ours_error, 3), best_loop(base_error, 3)),
    }


def main() -> int:
    floor_dir, repeats = sys.argv[1], int(sys.argv[2])
    out: dict[str, object] = {"python": sys.version.split()[0]}
    out["import_package"] = import_cumulative("infobip_codes", repeats)
    out["import_http"] = import_cumulative("http", repeats)
    sms = "from infobip_codes import SmsStatusCode, SmsErrorCode, SmsErrorGroup, StatusGroup"
    everything_enums = (
        "import infobip_codes\n"
        "for name in infobip_codes.__all__:\n"
        "    if name.endswith(('Code', 'Group')) and not name.endswith('Enum'):\n"
        "        getattr(infobip_codes, name)"
    )
    out["sms_enums"] = median_fresh(timed_statement("import enum", sms), repeats)
    floor_setup = f"import enum, sys; sys.path.insert(0, {floor_dir!r})"
    out["sms_floor"] = median_fresh(timed_statement(floor_setup, "import floor_sms"), repeats)
    out["all_enums"] = median_fresh(timed_statement("import enum", everything_enums), repeats)
    out["all_floor"] = median_fresh(timed_statement(floor_setup, "import floor_all"), repeats)
    out["http_statement"] = median_fresh(timed_statement("import enum", "import http"), repeats)
    out["lookup"], out["lookup_baseline"] = lookups()
    parsed = parsing(100_000)
    out["parse_status"], out["parse_status_baseline"] = parsed["status"]
    out["parse_error"], out["parse_error_baseline"] = parsed["error"]
    script = os.path.join(os.path.dirname(PYTHON), "infobip-codes")
    out["cli_explain"] = whole_process([script, "explain", "27"], repeats)
    out["python_pass"] = whole_process([PYTHON, "-c", "pass"], repeats)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
