"""Shared fixtures: the repository's paths and small specs written for a test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
SAVED_PAGE = SPEC / "page" / "infobip-response-status-and-error-codes.txt"

MINIMAL_SMS = """\
channel: sms
enum_prefix: Sms
page:
  statuses: General Status Codes
  errors: General Error Codes
status_groups:
  - id: 1
    name: PENDING
    final: false
    description: Still on its way.
    codes:
      - id: 3
        name: PENDING_WAITING_DELIVERY
        description: Waiting for a delivery report.
      - id: 7
        name: PENDING_ENROUTE
        description: null
  - id: 3
    name: DELIVERED
    final: true
    description: Delivered.
    codes:
      - id: 5
        name: DELIVERED_TO_HANDSET
        description: On the handset.
error_groups:
  - id: 0
    name: OK
    success: true
    description: Fine.
    codes:
      - id: 0
        name: NO_ERROR
        permanent: false
        description: No error.
  - id: 1
    name: HANDSET_ERRORS
    description: The handset.
    codes:
      - id: 27
        name: EC_ABSENT_SUBSCRIBER
        permanent: false
        description: Switched off.
"""

MINIMAL_DLT = """\
channel: dlt
enum_prefix: Dlt
page:
  errors: DLT Error Codes
errors:
  - id: 4106
    name: EC_BLOCKED_BY_DLT
    description: Blocked.
    status_id: 5
    status_text: Delivered, apparently.
"""

SpecWriter = Callable[..., Path]


@pytest.fixture
def write_spec(tmp_path: Path) -> SpecWriter:
    """Write a spec directory (``channels.yaml`` plus one file per channel)."""

    def write(**channels: str) -> Path:
        spec = tmp_path / "spec"
        spec.mkdir(exist_ok=True)
        names = "".join(f"  - {name}\n" for name in channels)
        general = next(iter(channels), "sms")
        (spec / "channels.yaml").write_text(
            f"channels:\n{names}general: {general}\n", encoding="utf-8"
        )
        for name, text in channels.items():
            (spec / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return spec

    return write


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the parts of the repository the generator reads and writes."""
    target = tmp_path / "repo"
    shutil.copytree(SPEC, target / "spec")
    shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs")
    return target


def cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """The command line as users run it: a process of its own, no colour, 100 columns."""
    environ = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    proc: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "infobip_codes", *args],
        input=stdin,
        check=False,
        env=environ,
        timeout=300,  # a hang fails the test instead of stopping the suite
        **streams,
    )
    return proc


RunCli = Callable[..., "subprocess.CompletedProcess[bytes]"]


@pytest.fixture
def run_cli() -> RunCli:
    return cli


def peak_rss_kb(path: Path, *args: str) -> int:
    """The peak resident memory of ``decode ARGS PATH`` (which must succeed), in kB."""
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "infobip_codes", "decode", *args, str(path)],
            stdout=sink,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return int(usage.ru_maxrss)
