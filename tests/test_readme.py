"""Every example in README.md runs: pycon blocks as doctests, console blocks as commands."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
CONSOLE = re.findall(r"```console\n(.*?)```", TEXT, flags=re.S)


def test_pycon_blocks_pass_as_doctests() -> None:
    blocks = re.findall(r"```pycon\n(.*?)```", TEXT, flags=re.S)
    assert len(blocks) >= 5
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, "README.md", str(README), 0)
    assert len(test.examples) >= 20
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def console_examples() -> list[tuple[str, str]]:
    examples: list[tuple[str, str]] = []
    for block in CONSOLE:
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            examples.append((command, "\n".join(output)))
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_console_examples_print_what_readme_shows(command: str, expected: str) -> None:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    stdin = None
    if " | " in command:
        producer, command = command.split(" | ", 1)
        assert producer.startswith("echo ")
        stdin = shlex.split(producer)[1] + "\n"
    argv = shlex.split(command)
    assert argv[0] == "infobip-codes"
    proc = subprocess.run(
        [sys.executable, "-m", "infobip_codes", *argv[1:]],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,  # the examples' paths are the repository's
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip("\n") == expected


def test_the_bounds_it_states_are_the_codes() -> None:
    from codegen.spec import MAX_ID
    from infobip_codes._stream import MAX_DEPTH
    from infobip_codes.cli._inputs import LINE_LIMIT
    from infobip_codes.cli._terminal import SHOWN_LIMIT

    words = " ".join(TEXT.split())  # as read, whatever the line breaks
    assert f"at most {MAX_DEPTH} levels deep" in words
    assert f"at most {SHOWN_LIMIT} characters of an argument" in words
    assert f"bounds a line at {LINE_LIMIT >> 20} MiB" in words
    assert f"ids up to {MAX_ID:,}" in words
    assert f"converts ({sys.int_info.default_max_str_digits:,} by default)" in words
