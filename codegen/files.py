"""Write generated files the way CPython's Tools/build/update_file.py does.

A file is replaced only when its content changes (so timestamps, and build
tools watching them, are left alone), and always atomically: the new text
goes to a temporary file in the same directory, which then replaces the
target in one ``os.replace``. A crash mid-way leaves the old file intact.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path


def read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically write ``text`` (UTF-8, ``\\n`` line ends) to ``path``; True if it changed."""
    if read_text(path) == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def unified_diff(path_label: str, old: str | None, new: str) -> str:
    """A diff from the committed file to what the spec renders."""
    return "".join(
        difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{path_label} (committed)" if old is not None else "/dev/null",
            tofile=f"{path_label} (generated from spec/)",
        )
    )
