"""Every example in README.md runs: pycon blocks as doctests, console blocks as commands."""

from __future__ import annotations

import doctest
import itertools
import json
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
    from codegen.checks import MAX_ID
    from infobip_codes._stream import MAX_DEPTH
    from infobip_codes.cli._inputs import LINE_LIMIT
    from infobip_codes.cli._terminal import SHOWN_LIMIT

    words = " ".join(TEXT.split())  # as read, whatever the line breaks
    assert f"at most {MAX_DEPTH} levels deep" in words
    assert f"at most {SHOWN_LIMIT} characters of an argument" in words
    assert f"bounds a line at {LINE_LIMIT >> 20} MiB" in words
    assert f"ids up to {MAX_ID:,}" in words
    assert f"converts ({sys.int_info.default_max_str_digits:,} by default)" in words


LIBRARIES = {  # what a README example may need beyond the package, and how it is installed
    "pydantic": "pip install pydantic",
    "fastapi": "pip install fastapi",
    "infobip_api_client": "pip install infobip-api-python-client",
}

WITHOUT_LIBRARIES = """\
import doctest, importlib.abc, json, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in LIBRARIES:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Refuse())
failed = []

class Runner(doctest.DocTestRunner):
    def report_failure(self, out, test, example, got):
        failed.append(example.lineno)
    def report_unexpected_exception(self, out, test, example, exc_info):
        failed.append(example.lineno)

text = open(sys.argv[1], encoding="utf-8").read()
test = doctest.DocTestParser().get_doctest(text, {}, "README.md", sys.argv[1], 0)
Runner(optionflags=doctest.ELLIPSIS).run(test, out=lambda _: None)
print(json.dumps(failed))
"""


def sections() -> list[tuple[int, str]]:
    """Each ``##`` section of the README: the line it starts on (0-based) and its text."""
    lines = TEXT.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")] + [len(lines)]
    return [(a, "".join(lines[a:b])) for a, b in itertools.pairwise(starts)]


def test_an_example_that_needs_a_library_is_in_a_section_that_says_so() -> None:
    # the README's examples run with the optional libraries refused, as for a user
    # who installed the package alone: what fails must be where the text says it needs them
    script = f"LIBRARIES = {sorted(LIBRARIES)!r}\n" + WITHOUT_LIBRARIES
    proc = subprocess.run(
        [sys.executable, "-c", script, str(README)], capture_output=True, text=True, check=True
    )
    failed: list[int] = json.loads(proc.stdout)
    assert failed, "no example needs a library: the refusal did not work"
    needing = set()
    for start, text in sections():
        end = start + text.count("\n")
        if any(start <= line < end for line in failed):
            heading = text.splitlines()[0]
            named = [lib for lib, install in LIBRARIES.items() if install in text]
            assert named, f"{heading!r} needs a library it does not name with `pip install`"
            needing.add(heading)
    said = {text.splitlines()[0] for _, text in sections() if "This section needs" in text}
    assert needing == said  # and a section that says so does need it
