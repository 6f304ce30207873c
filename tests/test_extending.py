"""Growing the catalogue: a new channel and a new column, done as spec/README.md says.

Each test works on a copy of the repository (spec, codegen, package, tests),
follows the README's steps there, regenerates, and runs the result: the new
channel passes the same data-driven checks as every other, and the new column
reaches the records, the exports and the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FAX = """\
# A channel that is not on the page, for the test: grouped errors and statuses.
channel: fax
enum_prefix: Fax
page:
  statuses: Fax Status Codes
  errors: Fax Error Codes
status_groups:
  - id: 3
    name: DELIVERED
    description: Delivered.
    codes:
      - id: 9001
        name: FAX_DELIVERED
        description: The fax was printed.
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
    name: Line error
    description: The line.
    codes:
      - id: 9101
        name: EC_PAPER_JAM
        permanent: false
        description: The receiving machine is out of paper.
"""


@pytest.fixture
def whole_copy(tmp_path: Path) -> Path:
    """The parts of the repository the generator and the tests need, copied."""
    target = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis")
    for part in ("spec", "codegen", "src", "tests", "docs", "examples"):
        shutil.copytree(ROOT / part, target / part, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copy(ROOT / "README.md", target / "README.md")
    return target


PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]


def run(args: list[str], root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A command in the copy, with the copy's package and codegen first on the path."""
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)]),
        **env,
    }
    return subprocess.run(
        args, cwd=root, capture_output=True, text=True, check=False, env=environment
    )


def generate(root: Path) -> None:
    proc = run([sys.executable, "-m", "codegen", "--root", str(root), "generate"], root)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_new_channel_generates_imports_and_passes_the_data_driven_checks(
    whole_copy: Path,
) -> None:
    # spec/README.md, "Add a channel": its file, its place in channels.yaml, generate
    (whole_copy / "spec" / "fax.yaml").write_text(FAX, encoding="utf-8")
    index = whole_copy / "spec" / "channels.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("  - dlt\n", "  - dlt\n  - fax\n"), encoding="utf-8")
    generate(whole_copy)
    assert (whole_copy / "src" / "infobip_codes" / "fax.py").is_file()
    assert (whole_copy / "src" / "infobip_codes" / "tables" / "fax.py").is_file()
    proc = run(
        [
            sys.executable,
            "-c",
            "import infobip_codes as ic; print(ic.CHANNELS[-1],"
            " ic.FaxErrorCode.EC_PAPER_JAM.group.name, ic.error_by_id(9101, channel='fax').name,"
            " ic.parse_error({'id': 9101}, 'fax').is_retryable)",
        ],
        whole_copy,
    )
    assert proc.stdout.split() == ["fax", "LINE_ERROR", "EC_PAPER_JAM", "True"], proc.stderr
    # the catalogue, docs and typing checks take their expectations from the spec
    tests = ["tests/test_catalogue.py", "tests/test_docs.py", "tests/test_beyond_the_page.py"]
    proc = run([*PYTEST, *tests], whole_copy)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout


ACTION = (
    '    Field("action", "str | None", "What to do about the code.", default=None,'
    ' tables=frozenset({"grouped_error"}), page="Action"),\n'
)


def test_a_new_column_reaches_records_exports_and_the_command_line(whole_copy: Path) -> None:
    # spec/README.md, "Add a column": declare it, give rows their values, generate
    columns = whole_copy / "codegen" / "columns.py"
    text = columns.read_text(encoding="utf-8")
    anchor = '    Field(\n        "source",\n        "str",\n        f\'Where the row comes from'
    assert anchor in text
    columns.write_text(text.replace(anchor, ACTION + anchor, 1), encoding="utf-8")
    sms = whole_copy / "spec" / "sms.yaml"
    text = sms.read_text(encoding="utf-8")
    row = "        name: EC_ABSENT_SUBSCRIBER\n        permanent: false\n"
    assert row in text
    sms.write_text(text.replace(row, row + "        action: Retry later.\n"), encoding="utf-8")
    generate(whole_copy)
    # the generator's own tests take the fields from the declaration too (the
    # Hypothesis ones aside: they run the same code as the examples beside them)
    tests = ["tests/test_generate.py", "tests/test_catalogue.py", "tests/test_spec_validation.py"]
    proc = run([*PYTEST, "-k", "not any_", *tests], whole_copy)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]

    proc = run(
        [
            sys.executable,
            "-c",
            "import infobip_codes as ic; r = ic.SmsErrorCode.EC_ABSENT_SUBSCRIBER.record;"
            " print(repr(r.action), repr(ic.SmsErrorCode.EC_UNKNOWN_SUBSCRIBER.record.action))",
        ],
        whole_copy,
    )
    assert proc.stdout.strip() == "'Retry later.' None", proc.stderr
    cli = [sys.executable, "-m", "infobip_codes"]
    proc = run([*cli, "explain", "27", "--json"], whole_copy)
    assert json.loads(proc.stdout)[0]["action"] == "Retry later.", proc.stderr
    proc = run(
        [*cli, "export", "--format", "csv", "--channel", "sms", "--kind", "error"], whole_copy
    )
    assert "action" in proc.stdout.splitlines()[0].split(",")
    assert "Retry later." in proc.stdout
    # the validator checks the declared type
    sms.write_text(text.replace(row, row + "        action: 5\n"), encoding="utf-8")
    proc = run([sys.executable, "-m", "codegen", "--root", str(whole_copy), "validate"], whole_copy)
    assert proc.returncode == 2
    assert "'action' must be a non-empty string" in proc.stdout + proc.stderr
