"""Lay out generated Python by running the project's formatter over it.

The templates say what a module holds; ruff decides where its lines break, so
where a line breaks never depends on a name's length, and nothing here
imitates ruff's layout. ruff is pinned to one exact version in
pyproject.toml (the ``codegen`` extra, which ``dev`` and so ``make lint`` use
too) and reads the settings of this checkout's pyproject.toml whichever root
the generator writes to, so the output is the same bytes on every machine and
every supported Python.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from codegen.problems import cap

CONFIG = Path(__file__).resolve().parent.parent / "pyproject.toml"
"""The formatter's settings (line length, target version): the project's own."""
PROJECT = "infobip-codes"
INSTALL_HINT = "pip install -e '.[codegen]' (or `make venv`)"


class FormatError(Exception):
    """A generated file could not be formatted; ``path`` names it."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: error: {message}")


class _Unavailable(Exception):
    """No usable ruff in this environment."""


@cache
def _ruff() -> str:
    """The ruff executable of this environment, checked against the pinned version."""
    try:
        from ruff import find_ruff_bin
    except ImportError:
        raise _Unavailable(f"cannot format: ruff is not installed; {INSTALL_HINT}") from None
    found = importlib.metadata.version("ruff")
    pinned = _pinned_ruff()
    if pinned is not None and found != pinned:
        raise _Unavailable(
            f"cannot format: ruff {found} is installed, but pyproject.toml pins {pinned} "
            f"(the generated files are laid out by exactly that version); {INSTALL_HINT}"
        )
    return str(find_ruff_bin())


def _pinned_ruff() -> str | None:
    """The ruff version the installed project requires, if the project is installed."""
    try:
        requirements = importlib.metadata.requires(PROJECT) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for requirement in requirements:
        match = re.match(r"ruff\s*==\s*([^\s;]+)", requirement)
        if match:
            return match.group(1)
    return None


def format_modules(modules: Mapping[str, str]) -> dict[str, str]:
    """Each module's text as ruff formats it, by path (relative to the root).

    One ruff process formats them all, in a scratch directory that mirrors
    the paths, so its complaints name the generated file as the root has it.
    """
    if not modules:
        return {}
    first = next(iter(modules))
    try:
        ruff = _ruff()
    except _Unavailable as exc:
        raise FormatError(first, str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="codegen-format-") as scratch:
        for path, text in modules.items():
            target = Path(scratch, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        command = [ruff, "format", "--no-cache", "--config", str(CONFIG), *modules]
        try:
            proc = subprocess.run(command, cwd=scratch, capture_output=True, check=False)
        except OSError as exc:
            raise FormatError(first, f"cannot run ruff: {exc}") from None
        if proc.returncode != 0:
            complaint = " ".join(proc.stderr.decode("utf-8", "replace").split())
            failed = next((path for path in modules if f" {path}:" in complaint), first)
            raise FormatError(
                failed,
                "ruff could not format the generated text (a template bug): "
                + (cap(complaint) or f"exit status {proc.returncode}"),
            )
        return {path: Path(scratch, path).read_bytes().decode("utf-8") for path in modules}
