"""Build the sdist and wheel, install the wheel in a clean venv, and use it there.

Proves what users get: the whole package with py.typed and the generated
data, the console script, no codegen and no dependency at all. Then proves the
sdist is the whole project: unpacked, installed with its test extras and
tested with plain `pytest`, as a packager or a contributor without git would.
The wheel and sdist that passed are left in dist/ (installable, or uploadable:
see docs/releasing.md).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

import infobip_codes  # the source tree's (make runs this in the editable dev venv)

ROOT = Path(__file__).resolve().parent.parent

SMOKE = r"""
import json, subprocess, sys
import importlib.metadata as md
import infobip_codes as ic
from infobip_codes import SmsErrorCode, parse_report
assert len(ic.records()) == int(sys.argv[1]), (len(ic.records()), sys.argv[1])
assert SmsErrorCode.EC_ABSENT_SUBSCRIBER.group is ic.SmsErrorGroup.HANDSET_ERRORS
[r] = parse_report({"results": [{"messageId": "m", "error": {"id": 4102, "groupId": 3}}]})
assert r.error is not None and r.error.group is ic.SmsErrorGroup.OPERATOR_ERRORS
dist = md.distribution("infobip-codes")
assert not [req for req in (dist.requires or []) if "extra ==" not in req], dist.requires
files = {str(f) for f in dist.files or ()}
assert {"infobip_codes/py.typed", "infobip_codes/sms.py"} <= files, files
assert not any(f.startswith("codegen") for f in files), files
for banned in ("jinja2", "ruamel", "codegen"):
    try:
        __import__(banned)
    except ImportError:
        pass
    else:
        raise AssertionError(f"{banned} is importable in the clean venv")
print("smoke test passed")
"""


# What the sdist must carry for its tests to pass once unpacked.
SDIST_NEEDS = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "spec/sms.yaml",
    "spec/page/infobip-response-status-and-error-codes.txt",
    "codegen/render.py",
    "src/infobip_codes/sms.py",
    "tests/conftest.py",
    "examples/webhook.py",
    "docs/codes.md",
)


def run(*args: str | Path, cwd: Path | None = None) -> str:
    # no PYTHONPATH or outer venv leaking in: the clean venvs must stand alone
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="infobip-codes-wheel-") as tmp:
        work = Path(tmp)
        dist = work / "dist"
        run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, ROOT)
        wheel = next(dist.glob("*.whl"))
        sdist = next(dist.glob("*.tar.gz"))
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
            headers = archive.read(metadata).decode("utf-8").split("\n\n", 1)[0].splitlines()
        assert "infobip_codes/py.typed" in names, names
        assert not any(n.startswith(("codegen/", "spec/", "tests/")) for n in names), names
        # PEP 639 license metadata (why pyproject.toml asks for hatchling>=1.27)
        for header in ("License-Expression: MIT", "License-File: LICENSE"):
            assert header in headers, (header, headers)
        assert not any(h.startswith("Requires-Dist:") and "extra ==" not in h for h in headers)
        with tarfile.open(sdist) as archive:
            members = archive.getnames()
        top = sdist.name.removesuffix(".tar.gz")
        for needed in SDIST_NEEDS:
            assert f"{top}/{needed}" in members, (needed, members)
        assert not any("__pycache__" in m or m.endswith(".pyc") for m in members), members
        env = work / "venv"
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
        python = env / "bin" / "python"
        run(python, "-m", "pip", "install", "--quiet", "--no-index", wheel)
        installed = run(python, "-m", "pip", "list", "--format=freeze").split()
        extra = [p for p in installed if not p.startswith(("infobip", "pip==", "setuptools=="))]
        assert not extra, f"the wheel pulled in {extra}"
        # the installed catalogue is the source tree's, every record of it
        records = len(infobip_codes.records())
        print(run(python, "-c", SMOKE, str(records), cwd=work).strip())
        script = env / "bin" / "infobip-codes"
        out = run(script, "explain", "27", cwd=work)
        assert "EC_ABSENT_SUBSCRIBER" in out, out
        assert "EC_BLOCKED_BY_DLT" in run(script, "search", "dlt", cwd=work)
        assert len(json.loads(run(script, "export", "--format", "json", cwd=work))) == records
        report = work / "report.json"
        report.write_text('{"results": [{"messageId": "m", "error": {"id": 27}}]}')
        assert "EC_ABSENT_SUBSCRIBER" in run(script, "decode", report, cwd=work)
        assert "infobip-codes" in run(python, "-m", "infobip_codes", "--version", cwd=work)
        print(f"wheel test passed: {wheel.name}")
        check_sdist(sdist, work)
        print(f"sdist test passed: {sdist.name}")
        (ROOT / "dist").mkdir(exist_ok=True)
        for artifact in (wheel, sdist):
            shutil.copy2(artifact, ROOT / "dist" / artifact.name)
        print(f"left in dist/: {wheel.name}, {sdist.name}")
    return 0


def check_sdist(sdist: Path, work: Path) -> None:
    """Unpack the sdist, install it with its test extras, and run its tests there."""
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "sdist", filter="data")
    [root] = (work / "sdist").iterdir()
    env = work / "sdist-venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", ".[test,codegen,typing]", cwd=root)
    out = run(python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-n", "auto", cwd=root)
    print(f"pytest in the unpacked sdist: {out.strip().splitlines()[-1]}")


if __name__ == "__main__":
    raise SystemExit(main())
