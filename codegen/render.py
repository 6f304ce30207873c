"""Render the validated spec into the committed modules and docs.

:func:`render_all` is pure: spec in, ``{relative path: text}`` out, with no
clock, no environment and no dict-order surprises, so two runs (on any
supported Python) give the same bytes. Writing and drift checking live in
:mod:`codegen.cli`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from codegen.literals import py_literal, py_str
from codegen.spec import Channel, Code, Spec

TEMPLATES = Path(__file__).parent / "templates"
PACKAGE = "infobip_codes"
PACKAGE_DIR = f"src/{PACKAGE}"
LINE_WIDTH = 99  # one under the ruff limit, so generated code never trips E501

# Hand-written runtime names re-exported (lazily) from the package root.
RUNTIME_EXPORTS: dict[str, str] = {
    "__version__": "_version",
    "CodeEnum": "_enum",
    "StatusCodeEnum": "_enum",
    "ErrorCodeEnum": "_enum",
    "GroupedErrorCodeEnum": "_enum",
    "GroupEnum": "_enum",
    "ErrorGroupEnum": "_enum",
    "CodeRecord": "_records",
    "records": "_records",
    "status_by_id": "lookup",
    "error_by_id": "lookup",
    "status_by_name": "lookup",
    "error_by_name": "lookup",
    "PayloadError": "parsing",
    "ParsedStatus": "parsing",
    "ParsedError": "parsing",
    "ParsedReport": "parsing",
    "parse_status": "parsing",
    "parse_error": "parsing",
    "parse_report": "parsing",
}


def _wrap_text(text: str, width: int) -> list[str]:
    """Split ``text`` into pieces whose literals fit ``width``, preferring spaces."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(py_str(candidate + " ")) > width:
            pieces.append(current + " ")
            current = word
        else:
            current = candidate
    pieces.append(current)
    # A single word can still be too long (or full of escapes): cut it by characters.
    out: list[str] = []
    for piece in pieces:
        chunk = ""
        for ch in piece:
            if chunk and len(py_str(chunk + ch)) > width:
                out.append(chunk)
                chunk = ""
            chunk += ch
        out.append(chunk)
    return out


def pack(values: tuple[Any, ...], indent: int) -> list[str]:
    """Lay out a tuple's items as lines of at most LINE_WIDTH characters.

    Short items share lines; a string too long for a line becomes an implicit
    concatenation of literals on lines of their own (one value at run time,
    folded by the compiler).
    """
    pad = " " * indent
    room = LINE_WIDTH - indent
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            lines.append(pad + ", ".join(current) + ",")
            current.clear()

    for value in values:
        literal = py_literal(value)
        if len(literal) + 1 > room:
            flush()
            pieces = [py_str(p) for p in _wrap_text(value, room - 1)]
            lines.extend(pad + piece for piece in pieces[:-1])
            lines.append(pad + pieces[-1] + ",")
            continue
        if current and len(", ".join([*current, literal])) + 1 > room:
            flush()
        current.append(literal)
    flush()
    return lines


def import_line(module: str, names: list[str]) -> str:
    """``from module import a, b`` as ruff formats it: wrapped when too long."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_WIDTH + 1:
        return line
    inner = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{inner})"


def code_row(code: Code) -> tuple[Any, ...]:
    """The record fields of one code, in ``CodeRecord`` order."""
    return (
        code.channel,
        code.kind,
        code.id,
        code.name,
        code.member,
        code.group_id,
        code.group_name,
        code.permanent,
        code.description,
        code.status_id,
    )


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the output is Python and Markdown; values pass through filters
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["py"] = py_literal
    env.filters["pack"] = pack
    env.filters["md"] = markdown_cell
    env.filters["mdcode"] = markdown_code
    env.globals["code_row"] = code_row
    return env


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    for ch in "\\|*_`<>[]":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_code(value: object) -> str:
    """A code span safe inside a Markdown table cell."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def header(comment: str, sources: str, template: str) -> str:
    return (
        f"{comment} Generated by `python -m codegen generate` from {sources}\n"
        f"{comment} with {template}.\n"
        f"{comment} DO NOT EDIT: change the spec, then run `make generate`.\n"
    )


def channel_context(channel: Channel, spec: Spec) -> dict[str, Any]:
    """What a channel template needs beyond the channel itself.

    The first channel (the page's general tables) also holds ``StatusGroup``:
    it defines the status groups, and one module fewer to import keeps the
    enums as cheap as the benchmark's floor.
    """
    status_groups = spec.status_groups if channel is spec.channels[0] else ()
    bases = ["fast_enum"]
    if channel.error_groups:
        bases += ["ErrorGroupBase", "ErrorGroupEnum"]
        bases += ["GroupedErrorCodeBase", "GroupedErrorCodeEnum"]
    elif channel.errors:
        bases += ["ErrorCodeBase", "ErrorCodeEnum"]
    if channel.statuses:
        bases += ["StatusCodeBase", "StatusCodeEnum"]
    if status_groups:
        bases += ["StatusGroupBase", "StatusGroupEnum"]
    exported = list(channel.enums) + (["StatusGroup"] if status_groups else [])
    return {
        "status_members": [code for code in channel.statuses if code.is_member],
        "error_members": [code for code in channel.errors if code.is_member],
        "status_groups": status_groups,
        "base_import": import_line("infobip_codes._enum", sorted(bases, key=isort_key)),
        "exported": exported,
    }


def isort_key(name: str, case_sensitive: bool = True) -> tuple[int, str]:
    """Order by type as ruff does: CONSTANTS, then Classes, then everything else.

    ruff sorts ``__all__`` case-sensitively (RUF022) but imports case-insensitively (I001).
    """
    key = name if case_sensitive else name.lower()
    if name.isupper():
        return (0, key)
    return (1, key) if name[:1].isupper() else (2, key)


def render_all(spec: Spec) -> dict[str, str]:
    """Every generated file, keyed by path relative to the repository root."""
    env = _environment()
    out: dict[str, str] = {}
    all_specs = "spec/*.yaml"
    for channel in spec.channels:
        template = "channel.py.j2"
        out[f"{PACKAGE_DIR}/{channel.name}.py"] = env.get_template(template).render(
            header=header("#", channel.path, f"codegen/templates/{template}"),
            channel=channel,
            first_channel=spec.channels[0],
            **channel_context(channel, spec),
        )
    out[f"{PACKAGE_DIR}/_tables.py"] = render_tables(spec, env)
    exports: dict[str, str] = {}
    for channel in spec.channels:
        for enum in channel.enums:
            exports[enum] = channel.name
    exports["StatusGroup"] = spec.channels[0].name
    exports.update(RUNTIME_EXPORTS)
    template = "init.py.j2"
    imports = sorted(exports.items(), key=lambda item: (item[1], isort_key(item[0], False)))
    out[f"{PACKAGE_DIR}/__init__.py"] = env.get_template(template).render(
        header=header("#", all_specs, f"codegen/templates/{template}"),
        imports=imports,
        all_names=sorted(exports, key=isort_key),
    )
    template = "codes.md.j2"
    out["docs/codes.md"] = env.get_template(template).render(
        header=" ".join(header("", all_specs, f"codegen/templates/{template}").split()),
        spec=spec,
        first_status_channel=spec.channels[0].name if spec.channels else "",
    )
    return dict(sorted(out.items()))


def render_tables(spec: Spec, env: jinja2.Environment | None = None) -> str:
    """The data module alone (also the entry point of the literal-safety tests)."""
    env = env or _environment()
    template = "tables.py.j2"
    return env.get_template(template).render(
        header=header("#", "spec/*.yaml", f"codegen/templates/{template}"), spec=spec
    )
