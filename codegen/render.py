"""Render the validated spec into the committed modules and docs.

:func:`render_all` is pure: spec in, ``{relative path: text}`` out, with no
clock, no environment and no dict-order surprises, so two runs (on any
supported Python) give the same bytes. Writing and drift checking live in
:mod:`codegen.cli`.

What is generated, from the bottom of the package up:

* ``tables/<channel>.py``: the channel's rows as ``CodeRecord`` and
  ``GroupRecord`` instances, in page order (data);
* ``tables/__init__.py``: the channel names (``Channel``, ``CHANNELS``);
* ``<channel>.py``: the channel's enums, one plain class statement each, every
  member followed by its meaning;
* ``_catalog.py``: which enums and tables make up each channel;
* ``lookup.py`` and ``parsing.py``: the public functions, typed per channel;
* ``__init__.py`` and ``docs/codes.md``.

Every text of the spec reaches Python source through :mod:`codegen.literals`,
never through string formatting, and a literal is never split: what the
spec holds is what the module holds.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import jinja2

from codegen.columns import CODE_FIELDS, GROUP_FIELDS, PAGE_SOURCE
from codegen.literals import doc_text, py_literal, py_str
from codegen.spec import Channel, Code, Group, Spec

TEMPLATES = Path(__file__).parent / "templates"
PACKAGE = "infobip_codes"
PACKAGE_DIR = f"src/{PACKAGE}"
TABLES_DIR = f"{PACKAGE_DIR}/tables"
DOC_WIDTH = 88  # docstring lines, indentation included

# Hand-written runtime names re-exported (lazily) from the package root.
RUNTIME_EXPORTS: dict[str, str] = {
    "__version__": "_version",
    "CodeEnum": "_base",
    "StatusCodeEnum": "_base",
    "ErrorCodeEnum": "_base",
    "GroupEnum": "_base",
    "StatusGroupEnum": "_base",
    "ErrorGroupEnum": "_base",
    "CodeRecord": "_record",
    "GroupRecord": "_record",
    "Channel": "tables",
    "CHANNELS": "tables",
    "records": "lookup",
    "member_of": "lookup",
    "status_by_id": "lookup",
    "error_by_id": "lookup",
    "status_by_name": "lookup",
    "error_by_name": "lookup",
    "Payload": "parsing",
    "PayloadError": "parsing",
    "ParsedStatus": "parsing",
    "ParsedError": "parsing",
    "ParsedReport": "parsing",
    "parse_status": "parsing",
    "parse_error": "parsing",
    "parse_report": "parsing",
    "iter_report": "parsing",
}


def keywords(value: Code | Group) -> list[str]:
    """``field=literal`` for each field of a record, defaults left out."""
    fields = CODE_FIELDS if isinstance(value, Code) else GROUP_FIELDS
    out = []
    for field in fields:
        name, default = field.name, field.default
        item = value.value(name) if isinstance(value, Code) else getattr(value, name)
        if default is not ... and item == default:
            continue
        if isinstance(item, tuple):
            # as ruff lays a tuple out: on the keyword's line when it fits, else one
            # item a line (the template indents keywords by 8)
            items = [py_literal(x) for x in item]
            literal = "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
            if 8 + len(f"{name}={literal},") > 100:
                inner = "".join(f"            {x},\n" for x in items)
                literal = f"(\n{inner}        )"
        else:
            literal = py_literal(item)
        out.append(f"{name}={literal}")
    return out


def docstring(paragraphs: list[str], indent: int) -> list[str]:
    """An attribute docstring: the paragraphs wrapped, every character escaped as needed."""
    width = DOC_WIDTH - indent
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            lines.append("")
        wrapped = textwrap.wrap(
            doc_text(paragraph),
            width=width,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [""])
    pad = " " * indent
    if len(lines) == 1 and len(lines[0]) + 6 <= width:
        return [f'{pad}"""{lines[0]}"""']
    return [
        pad + '"""' + lines[0],
        *(pad + line if line else "" for line in lines[1:]),
        pad + '"""',
    ]


def yes_no(value: bool | None, yes: str, no: str) -> str | None:
    return None if value is None else (yes if value else no)


def code_doc(rows: list[Code]) -> list[str]:
    """What a member means, for the reader of the module and for IDEs (hover, goto)."""
    first = rows[0]
    facts = []
    if first.group_name is not None:
        facts.append(f"{first.group_name} (group {first.group_id})")
    elif first.kind == "error" and first.source != PAGE_SOURCE:
        facts.append("group not stated")
    if first.kind == "error":
        facts.append(
            yes_no(first.permanent, "permanent", "not permanent") or "permanence not stated"
        )
    if first.status_id is not None:
        facts.append(f"general status {first.status_id}")
    if first.name != first.member:
        facts.append(f"printed {first.name}")
    paragraphs = ["; ".join(facts) + "." if facts else f"{first.kind.capitalize()} {first.id}."]
    paragraphs.append(first.description or "The page gives no description.")
    for row in rows[1:]:
        again = f"The page lists {row.id} again as {row.name}"
        if row.group_name is not None:
            again += f" under {row.group_name} (group {row.group_id})"
        paragraphs.append(f"{again}: {row.description or 'no description.'}")
    if first.source != PAGE_SOURCE:
        paragraphs.append(f"Beyond the page. Source: {first.source}")
    for alias, source in zip(first.aliases, first.alias_sources, strict=True):
        paragraphs.append(f"Also sent as {alias}. Source: {source}")
    return paragraphs


def group_doc(group: Group) -> list[str]:
    facts = []
    if group.final is not None:
        facts.append("Final." if group.final else "Not final: a later report follows.")
    if group.success:
        facts.append("Reports success, not a failure.")
    if group.name != group.member:
        facts.append(f"Printed {group.name}.")
    paragraphs = [" ".join(facts)] if facts else []
    paragraphs.append(group.description or "The page gives no description.")
    if group.source != PAGE_SOURCE:
        paragraphs.append(f"Beyond the page. Source: {group.source}")
    return paragraphs


def members(codes: tuple[Code, ...]) -> list[tuple[Code, list[str]]]:
    """One entry per member, in page order, with the docstring of all its rows."""
    rows: dict[str, list[Code]] = {}
    for code in codes:
        rows.setdefault(code.member, []).append(code)
    return [(group[0], docstring(code_doc(group), 4)) for group in rows.values()]


def group_members(groups: tuple[Group, ...]) -> list[tuple[Group, list[str]]]:
    return [(group, docstring(group_doc(group), 4)) for group in groups]


def signature(name: str, params: str, returns: str, indent: str = "") -> str:
    """A stub ``def`` laid out as ruff formats it: one line if it fits, else split."""
    line = f"{indent}def {name}({params}) -> {returns}: ..."
    if len(line) <= 100:
        return line
    return f"{indent}def {name}(\n{indent}    {params}\n{indent}) -> {returns}: ..."


def import_line(module: str, names: list[str]) -> str:
    """``from module import a, b`` as ruff formats it: wrapped when too long."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= 100:
        return line
    inner = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{inner})"


def isort_key(name: str, case_sensitive: bool = True) -> tuple[int, str]:
    """Order by type as ruff does: CONSTANTS, then Classes, then everything else.

    ruff sorts ``__all__`` case-sensitively (RUF022) but imports case-insensitively (I001).
    """
    key = name if case_sensitive else name.lower()
    if name.isupper():
        return (0, key)
    return (1, key) if name[:1].isupper() else (2, key)


def header(comment: str, sources: str, template: str) -> str:
    return (
        f"{comment} Generated by `python -m codegen generate` from {sources}\n"
        f"{comment} with {template}.\n"
        f"{comment} DO NOT EDIT: change {sources}, then run `make generate`.\n"
    )


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    for ch in "\\|*_`<>[]":
        text = text.replace(ch, "\\" + ch)
    return text


def source_note(row: Code | Group) -> str:
    """The note under a Markdown table for a row from beyond the page, or for
    the other names the API sends for a code: where each comes from ("" for none)."""
    notes = []
    if row.source != PAGE_SOURCE:
        notes.append(f"Beyond the page; source: {markdown_cell(row.source)}.")
    if isinstance(row, Code):
        for alias, source in zip(row.aliases, row.alias_sources, strict=True):
            notes.append(f"Also sent as {markdown_code(alias)}; source: {markdown_cell(source)}.")
    return " ".join(notes)


def alias_note(code: Code) -> str:
    """What a Markdown name cell adds for the other names the API sends for a code."""
    names = ", ".join(markdown_code(alias) for alias in code.aliases)
    return f" (also sent as {names})" if names else ""


def markdown_code(value: object) -> str:
    """A code span safe inside a Markdown table cell."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


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
    env.filters["py_default"] = lambda value: "()" if value == () else py_literal(value)
    env.filters["md"] = markdown_cell
    env.filters["mdcode"] = markdown_code
    env.globals["keywords"] = keywords
    env.globals["docstring"] = docstring
    env.globals["signature"] = signature
    env.globals["members"] = members
    env.globals["group_members"] = group_members
    env.globals["source_note"] = source_note
    env.globals["alias_note"] = alias_note
    env.globals["yes_no"] = lambda value: yes_no(value, "yes", "no") or "not stated"
    return env


def channel_imports(channel: Channel, spec: Spec) -> list[str]:
    """The import lines of a channel's enum module, sorted as ruff sorts them."""
    general = spec.general_channel
    bases = []
    if channel.statuses:
        bases.append("StatusCodeEnum")
    if channel is general:
        bases.append("StatusGroupEnum")
    if channel.error_groups:
        bases += ["ErrorGroupEnum", "ErrorCodeEnum"]
    elif channel.errors:
        bases.append("ErrorCodeEnum")
    lines = [
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "from typing import TYPE_CHECKING",
        "",
        import_line("infobip_codes._base", sorted(bases, key=lambda n: isort_key(n, False))),
    ]
    linked = [general.status_enum] if any(c.status_id is not None for c in channel.errors) else []
    shared = ["StatusGroup"] if channel.statuses and channel is not general else []
    if linked or shared:
        names = sorted({*linked, *shared} - {None}, key=lambda n: isort_key(str(n), False))
        lines.append(import_line(f"infobip_codes.{general.name}", [str(n) for n in names]))
    records = ["CodeRecord"] + (
        ["GroupRecord"] if channel.error_groups or channel is general else []
    )
    lines += ["", "if TYPE_CHECKING:", "    " + import_line("infobip_codes._record", records)]
    return lines


def render_all(spec: Spec) -> dict[str, str]:
    """Every generated file, keyed by path relative to the repository root."""
    env = _environment()
    out: dict[str, str] = {}

    def render(path: str, template: str, sources: str, comment: str = "#", **context: Any) -> None:
        head = header(comment, sources, f"codegen/templates/{template}")
        if comment != "#":
            head = " ".join(head.split())
        out[path] = env.get_template(template).render(header=head, spec=spec, **context)

    general = spec.general_channel

    def enum_imports() -> list[str]:
        """The code enums of every channel and the ``Channel`` type, in ruff's order."""
        modules = {"tables": ["Channel"]}
        for channel in spec.channels:
            modules[channel.name] = sorted(
                n for n in (channel.error_enum, channel.status_enum) if n
            )
        return [import_line(f"infobip_codes.{m}", modules[m]) for m in sorted(modules)]

    def example(kind: str, key: str) -> tuple[str, str]:
        """A lookup's doctest: the general channel's first code of that kind, and its repr."""
        codes = general.statuses if kind == "status" else general.errors
        if not codes:
            return ("0" if key == "id" else '""'), "None"
        code = codes[0]
        enum = general.status_enum if kind == "status" else general.error_enum
        argument = str(code.id) if key == "id" else py_str(code.name)
        return argument, f"<{enum}.{code.member}: {code.id}>"

    env.globals.update(
        enum_imports=enum_imports,
        example=example,
        # a channel reports the general statuses, its own ones besides
        status_type=lambda c: " | ".join(
            dict.fromkeys(n for n in (c.status_enum, general.status_enum) if n)
        ),
        error_type=lambda c: c.error_enum or "ErrorCodeEnum",
    )
    for channel in spec.channels:
        out[f"{TABLES_DIR}/{channel.name}.py"] = render_table(spec, channel, env)
        render(
            f"{PACKAGE_DIR}/{channel.name}.py",
            "channel.py.j2",
            channel.path,
            channel=channel,
            general=general,
            imports=channel_imports(channel, spec),
            exported=sorted(
                [*channel.enums, *(["StatusGroup"] if channel is general else [])],
                key=isort_key,
            ),
        )
    everything = "spec/*.yaml"
    render(
        f"{PACKAGE_DIR}/_record.py",
        "record.py.j2",
        "codegen/columns.py",
        code_fields=CODE_FIELDS,
        group_fields=GROUP_FIELDS,
        page_source=PAGE_SOURCE,
    )
    render(f"{TABLES_DIR}/__init__.py", "tables_init.py.j2", everything)
    render(f"{PACKAGE_DIR}/_data.py", "data.py.j2", everything, general=general)
    render(f"{PACKAGE_DIR}/_catalog.py", "catalog.py.j2", everything, general=general)
    render(f"{PACKAGE_DIR}/lookup.py", "lookup.py.j2", everything, general=general)
    render(f"{PACKAGE_DIR}/parsing.py", "parsing.py.j2", everything, general=general)

    exports: dict[str, str] = {}
    for channel in spec.channels:
        for enum in channel.enums:
            exports[enum] = channel.name
    exports["StatusGroup"] = general.name
    exports.update(RUNTIME_EXPORTS)
    imports = sorted(exports.items(), key=lambda item: (item[1], isort_key(item[0], False)))
    render(
        f"{PACKAGE_DIR}/__init__.py",
        "init.py.j2",
        everything,
        imports=imports,
        all_names=sorted(exports, key=isort_key),
    )
    render("docs/codes.md", "codes.md.j2", everything, comment="", general=general)
    return dict(sorted(out.items()))


def render_table(spec: Spec, channel: Channel, env: jinja2.Environment | None = None) -> str:
    """One channel's data module (also the entry point of the literal-safety tests).

    Texts are never split, so a long one makes a long line; only then does the
    module carry ruff's permission for it.
    """
    template = (env or _environment()).get_template("table.py.j2")
    head = header("#", channel.path, "codegen/templates/table.py.j2")
    text = template.render(header=head, spec=spec, channel=channel, long_lines=False)
    if any(len(line) > 100 for line in text.splitlines()):
        text = template.render(header=head, spec=spec, channel=channel, long_lines=True)
    return text
