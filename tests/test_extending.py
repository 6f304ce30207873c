"""Growing the catalogue as spec/README.md says, then the whole suite.

One copy of the project grows a column, ``action``, and a channel,
``viber_business``, by the guide's "How to..." steps; the column's
declaration and value are read from the guide itself, so the guide cannot
say what the test does not do. The focused tests check what the guide
promises of each; the last one runs every other test in the copy, on this
Python: the steps must leave nothing broken, not only the new things working.
That one takes minutes, so it is marked ``whole_suite``, which a plain
``pytest`` (and `make test-fast`, `make test`) deselects and `make check`
runs once, through `make test-extending`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAVED_PAGE

GUIDE = ROOT / "spec" / "README.md"

# Infobip's page as it would read with a Viber Business section of each kind,
# in the page's own shape: the statuses after the last status section, the
# errors after the last error section.
VIBER_BUSINESS_STATUSES = """\
Viber Business Status Codes
DELIVERED (group id: 3) - viber business status codes
The message has been delivered.
Id |
Status |
9001 |
VIBER_BUSINESS_MESSAGE_SEEN
- The recipient has opened the message in Viber.
|
"""
VIBER_BUSINESS_ERRORS = """\
Viber Business Error Codes
Recipient error (group id: 1) - viber business error codes
The request has not been completed due to the recipient.
ID |
Permanent |
Error |
9101 |
true |
EC_VIBER_BUSINESS_NOT_A_VIBER_USER
- The number has no Viber account.
|
9102 |
false |
EC_VIBER_BUSINESS_DEVICE_NOT_SUPPORTED
- The recipient's Viber app cannot show this message.
|
"""
# Step 1 of "Add a channel": the file with its name, enum prefix and headings.
VIBER_BUSINESS = """\
# Viber Business Messages: Infobip's business messaging over Viber.
channel: viber_business
enum_prefix: ViberBusiness
page:
  statuses: Viber Business Status Codes
  errors: Viber Business Error Codes
"""


def guide(how_to: str) -> str:
    """One "How to..." paragraph of the guide, such as ``Add a column``."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"**{how_to}**")
    return text[start : text.index("\n**", start)]


def run(args: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    """A command in the copy, with the copy's package and codegen first on the path."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    return subprocess.run(
        args, cwd=root, capture_output=True, text=True, check=False, env=environment
    )


def succeeds(args: list[str], root: Path) -> str:
    proc = run(args, root)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return proc.stdout


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def codegen(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "codegen", "--root", str(root), *args]


def add_the_action_column(root: Path) -> None:
    """spec/README.md, "Add a column", with the guide's own declaration and value."""
    step = guide("Add a column")
    declaration = re.search(r'`(Field\("action".*?\))`', step, flags=re.S)
    value = re.search(r"`(action: [^`]+)`", step)
    assert declaration, "the guide declares the column"
    assert value, "the guide gives a row its value"
    # 1. declare it in CODE_FIELDS, here before `source`, the record's last field
    columns = root / "codegen" / "columns.py"
    before_source = (
        '    Field(\n        "source",\n        "str",\n        f\'Where the row comes from'
    )
    replace_once(
        columns, before_source, f"    {' '.join(declaration[1].split())},\n{before_source}"
    )
    # laid out as `make lint` wants it (the guide's line is one long call)
    succeeds([sys.executable, "-m", "ruff", "format", "--no-cache", str(columns)], root)
    # 2. give a row its value
    row = "        name: EC_ABSENT_SUBSCRIBER\n        permanent: false\n"
    replace_once(root / "spec" / "sms.yaml", row, f"{row}        {value[1]}\n")
    # 3. generate
    succeeds(codegen(root, "generate"), root)


def add_the_viber_business_channel(root: Path) -> None:
    """spec/README.md, "Add a channel", its rows imported from a page that has them."""
    saved = root / SAVED_PAGE.relative_to(ROOT)
    page = saved.read_text(encoding="utf-8")
    assert page.count("\nError Codes\n") == 1
    page = page.replace("\nError Codes\n", f"\n{VIBER_BUSINESS_STATUSES}Error Codes\n")
    new_page = root.parent / "page.txt"
    new_page.write_text(page.rstrip("\n") + "\n" + VIBER_BUSINESS_ERRORS, encoding="utf-8")
    # 1. the channel's file; 2. its place in channels.yaml (its sections come last)
    (root / "spec" / "viber_business.yaml").write_text(VIBER_BUSINESS, encoding="utf-8")
    replace_once(root / "spec" / "channels.yaml", "  - dlt\n", "  - dlt\n  - viber_business\n")
    # 3. `make import-docs PAGE=...`: import the page, and keep it as the saved copy
    imported = succeeds(codegen(root, "import-docs", str(new_page)), root)
    assert "added   viber_business error 9101 EC_VIBER_BUSINESS_NOT_A_VIBER_USER" in imported
    shutil.copy(new_page, saved)
    # 4. generate
    succeeds(codegen(root, "generate"), root)
    # 5. the README's example that prints CHANNELS
    replace_once(
        root / "README.md",
        "'mobile_identity', 'dlt')",
        "'mobile_identity', 'dlt', 'viber_business')",
    )


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a contributor has it (environments and caches aside), grown by both."""
    root = tmp_path_factory.mktemp("extended") / "repo"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".*", "__pycache__", "dist"))
    add_the_action_column(root)
    add_the_viber_business_channel(root)
    return root


def python(root: Path, code: str) -> str:
    return succeeds([sys.executable, "-c", code], root)


def test_the_new_column_reaches_records_exports_and_the_command_line(extended: Path) -> None:
    shown = python(
        extended,
        "from infobip_codes import SmsErrorCode as E\n"
        "print(repr(E.EC_ABSENT_SUBSCRIBER.record.action),"
        " repr(E.EC_UNKNOWN_SUBSCRIBER.record.action))",
    )
    assert shown.strip() == "'Retry later.' None"
    cli = [sys.executable, "-m", "infobip_codes"]
    explained = json.loads(succeeds([*cli, "explain", "27", "--json"], extended))
    assert explained[0]["action"] == "Retry later."
    csv = succeeds(
        [*cli, "export", "--format", "csv", "--channel", "sms", "--kind", "error"], extended
    )
    assert "action" in csv.splitlines()[0].split(",")
    assert "Retry later." in csv


def test_the_validator_checks_the_new_columns_type(extended: Path, tmp_path: Path) -> None:
    shutil.copytree(extended / "spec", tmp_path / "spec")
    replace_once(tmp_path / "spec" / "sms.yaml", "action: Retry later.", "action: 5")
    proc = run(codegen(tmp_path, "validate"), extended)
    assert proc.returncode == 2
    assert "'action' must be a non-empty string" in proc.stdout + proc.stderr


def test_the_new_channel_imports_and_its_lookups_and_parsers_work(extended: Path) -> None:
    shown = python(
        extended,
        "import infobip_codes as ic\n"
        "print(ic.CHANNELS[-1],"
        " ic.ViberBusinessErrorCode.EC_VIBER_BUSINESS_NOT_A_VIBER_USER.group.name,"
        " ic.error_by_id(9102, channel='viber_business').name,"
        " ic.parse_error({'id': 9102}, 'viber_business').is_retryable,"
        " ic.parse_status({'id': 9001}, channel='viber_business').is_final,"
        " type(ic.parse_report({'status': {'id': 9001}}, 'viber_business')[0]).__name__)",
    )
    assert shown.split() == [
        "viber_business",
        "RECIPIENT_ERROR",
        "EC_VIBER_BUSINESS_DEVICE_NOT_SUPPORTED",
        "True",
        "True",
        "ViberBusinessReport",
    ]


@pytest.mark.whole_suite
def test_the_whole_suite_passes_in_the_extended_copy(extended: Path) -> None:
    # Every test of the copy but this file's own (run there, it would copy the
    # copy), spread over the cores; a temporary directory of its own, so the
    # inner run never cleans up the outer run's.
    stdout = succeeds(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto"),
            f"--basetemp={extended.parent / 'suite-tmp'}",
            "--ignore=tests/test_extending.py",
        ],
        extended,
    )
    assert re.search(r"\d+ passed", stdout), stdout[-2000:]
