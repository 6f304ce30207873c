"""Build the sdist and wheel, install the wheel in a clean venv, and use it there.

Proves what users get: the whole package with py.typed and the generated
data, the console script, no codegen and no dependency at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SMOKE = r"""
import json, subprocess, sys
import importlib.metadata as md
import infobip_codes as ic
from infobip_codes import SmsErrorCode, parse_report
assert len(ic.records()) == 235, len(ic.records())
assert SmsErrorCode.EC_ABSENT_SUBSCRIBER.group is ic.SmsErrorGroup.HANDSET_ERRORS
[r] = parse_report({"results": [{"messageId": "m", "error": {"id": 4102, "groupId": 3}}]})
assert r.error is not None and r.error.group is ic.SmsErrorGroup.OPERATOR_ERRORS
dist = md.distribution("infobip-codes")
assert not [req for req in (dist.requires or []) if "extra ==" not in req], dist.requires
files = {str(f) for f in dist.files or ()}
assert "infobip_codes/py.typed" in files and "infobip_codes/_tables.py" in files, files
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


def run(*args: str | Path, cwd: Path | None = None) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
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
        names = zipfile.ZipFile(wheel).namelist()
        assert "infobip_codes/py.typed" in names, names
        assert not any(n.startswith(("codegen/", "spec/", "tests/")) for n in names), names
        with tarfile.open(sdist) as archive:
            members = archive.getnames()
        for needed in ("spec/sms.yaml", "codegen/render.py", "src/infobip_codes/_tables.py"):
            assert any(m.endswith(needed) for m in members), (needed, members)
        env = work / "venv"
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
        python = env / "bin" / "python"
        run(python, "-m", "pip", "install", "--quiet", "--no-index", wheel)
        installed = run(python, "-m", "pip", "list", "--format=freeze").split()
        extra = [p for p in installed if not p.startswith(("infobip", "pip==", "setuptools=="))]
        assert not extra, f"the wheel pulled in {extra}"
        print(run(python, "-c", SMOKE, cwd=work).strip())
        script = env / "bin" / "infobip-codes"
        out = run(script, "explain", "27", cwd=work)
        assert "EC_ABSENT_SUBSCRIBER" in out, out
        assert "EC_BLOCKED_BY_DLT" in run(script, "search", "dlt", cwd=work)
        assert len(json.loads(run(script, "export", "--format", "json", cwd=work))) == 235
        report = work / "report.json"
        report.write_text('{"results": [{"messageId": "m", "error": {"id": 27}}]}')
        assert "EC_ABSENT_SUBSCRIBER" in run(script, "decode", report, cwd=work)
        assert "infobip-codes" in run(python, "-m", "infobip_codes", "--version", cwd=work)
        print(f"wheel test passed: {wheel.name}, {sdist.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
