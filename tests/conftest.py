"""Shared fixtures: the repository's paths and small specs written for a test."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import pytest

import infobip_codes
from infobip_codes import CodeEnum, GroupEnum

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
SAVED_PAGE = SPEC / "page" / "infobip-response-status-and-error-codes.txt"

ENUMS: list[type[CodeEnum] | type[GroupEnum]] = [
    value
    for name in infobip_codes.__all__
    if isinstance(value := getattr(infobip_codes, name), type)
    and issubclass(value, (CodeEnum, GroupEnum))
    and issubclass(value, Enum)
    and len(value.__members__) > 0
]
"""Every code and group enum the package exports (not the empty base classes)."""

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

_T = TypeVar("_T")


def of_a_subclass(value: _T) -> _T:
    """A copy of a parsed value whose class is a subclass of its own, as the
    per-channel types (``SmsReport``) are: what every adapter must accept too."""
    base = type(value)
    subclass = type(f"My{base.__name__}", (base,), {"__slots__": ()})
    copied = copy.copy(value)
    object.__setattr__(copied, "__class__", subclass)  # a frozen class: past its __setattr__
    return copied


INTEGRATIONS = ROOT / "docs" / "integrations.md"


def doc_code(heading: str) -> list[str]:
    """The ``python`` blocks of one section (``## heading``) of docs/integrations.md."""
    text = INTEGRATIONS.read_text(encoding="utf-8")
    sections = dict(
        part.split("\n", 1) for part in re.split(r"^## ", text, flags=re.M)[1:] if "\n" in part
    )
    blocks = re.findall(r"^```python\n(.*?)^```", sections[heading], flags=re.M | re.S)
    assert blocks, f"docs/integrations.md: no python code under '## {heading}'"
    return blocks


def run_doc_code(heading: str, *, first: int = 0, last: int | None = None) -> dict[str, Any]:
    """Run a section's blocks (``[first:last]``) in order, in one module, as a reader
    pasting them into a file would: libraries that read annotations find it in
    ``sys.modules``, as they find any module."""
    module = types.ModuleType("docs_" + re.sub(r"\W", "_", heading.lower()))
    sys.modules[module.__name__] = module
    try:
        for index, block in enumerate(doc_code(heading)[first:last], first + 1):
            code = compile(block, f"docs/integrations.md ({heading} #{index})", "exec")
            exec(code, module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module.__dict__


SpecWriter = Callable[..., Path]


def write_spec_dir(root: Path, **channels: str) -> Path:
    """Write ``root/spec``: ``channels.yaml`` (the first channel general) and each channel file."""
    spec = root / "spec"
    spec.mkdir(parents=True, exist_ok=True)
    names = "".join(f"  - {name}\n" for name in channels)
    general = next(iter(channels), "sms")
    (spec / "channels.yaml").write_text(f"channels:\n{names}general: {general}\n", encoding="utf-8")
    for name, text in channels.items():
        (spec / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return spec


@pytest.fixture
def write_spec(tmp_path: Path) -> SpecWriter:
    """Write a spec directory (``channels.yaml`` plus one file per channel)."""

    def write(**channels: str) -> Path:
        return write_spec_dir(tmp_path, **channels)

    return write


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the parts of the repository the generator reads and writes."""
    target = tmp_path / "repo"
    shutil.copytree(SPEC, target / "spec")
    shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", target / "docs")
    return target


def run_codegen(*args: str, root: Path) -> tuple[int, str]:
    """Run ``python -m codegen`` on ``root`` in a subprocess, as make does."""
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


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
