"""Each adapter imports its own library, when it is itself imported, and no other."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

LIBRARIES = {"django", "sqlalchemy", "msgspec", "cattrs", "attrs", "attr", "duckdb", "pydantic"}
ADAPTERS = {
    "infobip_codes.ext": set(),
    "infobip_codes.ext.json": set(),
    "infobip_codes.ext.django": {"django"},
    "infobip_codes.ext.sqlalchemy": {"sqlalchemy"},
    "infobip_codes.ext.msgspec": set(),  # its hooks are plain functions: msgspec calls them
    "infobip_codes.ext.cattrs": {"cattrs", "attrs", "attr"},  # cattrs needs attrs
}


def libraries_loaded_by(code: str) -> set[str]:
    script = f"""
import json, sys
{code}
print(json.dumps(sorted({{name.partition(".")[0] for name in sys.modules}})))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(run.stdout)) & LIBRARIES


def test_the_package_and_its_enums_import_no_adapted_library() -> None:
    code = """
import infobip_codes
for name in infobip_codes.__all__:
    getattr(infobip_codes, name)
from infobip_codes import SmsErrorCode, parse_report
[r] = parse_report({"messageId": "m", "error": {"id": 27}})
r.to_dict(); SmsErrorCode.EC_ABSENT_SUBSCRIBER.description
"""
    assert libraries_loaded_by(code) == set()


@pytest.mark.parametrize(("module", "expected"), ADAPTERS.items())
def test_an_adapter_imports_its_library_only(module: str, expected: set[str]) -> None:
    assert libraries_loaded_by(f"import {module}") == expected


def test_every_adapter_is_listed_here() -> None:
    from pathlib import Path

    import infobip_codes.ext

    folder = Path(infobip_codes.ext.__file__).parent
    names = {path.stem for path in folder.glob("*.py") if not path.stem.startswith("_")}
    assert {f"infobip_codes.ext.{name}" for name in names} | {"infobip_codes.ext"} == set(ADAPTERS)
