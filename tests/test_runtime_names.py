"""The generator's knowledge of the runtime's names agrees with the runtime.

The generator never imports the package it generates (codegen/runtime_names.py
says why); these tests may, and compare the two.
"""

from __future__ import annotations

import enum
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

import infobip_codes
from codegen.runtime_names import (
    BASE_ATTRIBUTES,
    GENERATED_ATTRIBUTES,
    IDENTIFIER_ATTRIBUTES,
    reserved_identifier_members,
    reserved_members,
)
from codegen.spec import load_spec

BASES = (
    infobip_codes.StatusCodeEnum,
    infobip_codes.ErrorCodeEnum,
    infobip_codes.StatusGroupEnum,
    infobip_codes.ErrorGroupEnum,
)


def public_attributes(cls: type[enum.IntEnum]) -> set[str]:
    """What a class adds to ``IntEnum``, its members aside, in public names."""
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass not in enum.IntEnum.__mro__:
            names.update(name for name in vars(klass) if not name.startswith("_"))
    return names - set(cls.__members__)


def generated_enums() -> list[type[enum.IntEnum]]:
    found = [getattr(infobip_codes, name) for name in infobip_codes.__all__]
    return [c for c in found if isinstance(c, type) and issubclass(c, BASES) and c not in BASES]


def test_the_listed_base_attributes_are_the_runtime_base_classes_ones() -> None:
    assert set().union(*(public_attributes(base) for base in BASES)) == BASE_ATTRIBUTES


def test_the_listed_generated_attributes_are_what_generated_classes_add() -> None:
    enums = generated_enums()
    assert len(enums) >= len(load_spec(ROOT / "spec").channels)
    added = set().union(*(public_attributes(cls) for cls in enums))
    assert added - BASE_ATTRIBUTES <= GENERATED_ATTRIBUTES
    assert added >= GENERATED_ATTRIBUTES


def test_the_listed_identifier_attributes_are_their_base_classes_ones() -> None:
    base = infobip_codes.HttpErrorIdEnum
    added = {name for name in vars(base) if not name.startswith("_")}
    assert added == IDENTIFIER_ATTRIBUTES
    reserved = reserved_identifier_members()
    for cls in (infobip_codes.RequestErrorId, infobip_codes.ApiErrorCode):
        attributes = {name for klass in cls.__mro__ for name in vars(klass)} - set(cls.__members__)
        # private names aside: a member may not start with "_", and libraries that met
        # the class earlier in the run (pydantic, say) may have left one of theirs
        assert {a for a in attributes if not a.startswith("_")} <= reserved, cls
        assert not set(cls.__members__) & reserved, cls


def test_no_member_shadows_an_attribute_of_its_class() -> None:
    reserved = reserved_members()
    for cls in generated_enums():
        attributes = {name for klass in cls.__mro__ for name in vars(klass)} - set(cls.__members__)
        assert attributes <= reserved | {n for n in attributes if n.startswith("_")}, cls
        assert not set(cls.__members__) & reserved, cls


def test_the_generator_runs_without_the_runtime_importable(tmp_path: Path) -> None:
    # a package of the same name that refuses to load hides the real one
    blocked = tmp_path / "blocked" / "infobip_codes"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text(
        "raise ImportError('the generator imported the runtime')\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(blocked.parent)}
    for command in ("validate", "check"):
        proc = subprocess.run(
            [sys.executable, "-m", "codegen", command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    blocked_import = subprocess.run(
        [sys.executable, "-c", "import infobip_codes"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "the generator imported the runtime" in blocked_import.stderr  # the block works
