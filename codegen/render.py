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
spec holds is what the module holds. The templates say what a module holds;
where its lines break is the formatter's business (:mod:`codegen.formatter`).
"""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from codegen import identifiers
from codegen.columns import CODE_FIELDS, GROUP_FIELDS, PAGE_SOURCE
from codegen.formatter import format_modules
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
    "Kind": "tables",
    "Advice": "_rules",
}
PARSING_EXPORTS = (
    "Payload",
    "PayloadError",
    "ParsedStatus",
    "ParsedError",
    "ParsedReport",
    "parse_status",
    "parse_error",
    "parse_report",
    "iter_report",
)
"""What ``parsing.py`` exports besides each channel's parsed types."""


def keywords(value: Code | Group) -> list[str]:
    """``field=literal`` for each field of a record, defaults left out."""
    out = []
    for field in value.FIELDS:
        item = value.value(field.name)
        if field.has_default and item == field.default:
            continue
        out.append(f"{field.name}={py_literal(item)}")
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


def import_from(module: str, names: list[str]) -> str:
    """``from module import a, b`` on one line; the formatter wraps it where it must."""
    return f"from {module} import {', '.join(names)}"


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
    """The templates' environment: one per templates directory, so each compiles once."""
    return _environment_for(TEMPLATES)


@functools.cache
def _environment_for(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
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
    env.globals["members"] = members
    env.globals["group_members"] = group_members
    env.globals["source_note"] = source_note
    env.globals["alias_note"] = alias_note
    env.globals["yes_no"] = lambda value: yes_no(value, "yes", "no") or "not stated"
    return env


@dataclass(frozen=True)
class ErrorFacts:
    """How narrowly an error enum's facts are typed: as its rows allow, no wider."""

    group: str
    permanent: str
    status: str | None  # the linked general status (DLT), or None for no such property


def error_facts(channel: Channel, spec: Spec) -> ErrorFacts:
    """An error enum's fact types, from every row of its table."""
    rows = channel.errors

    def narrowest(present: list[bool], some: str) -> str:
        if all(present):
            return some
        return "None" if not any(present) else f"{some} | None"

    group = (
        narrowest([r.group_id is not None for r in rows], str(channel.error_group_enum))
        if channel.error_groups
        else "None"
    )
    permanent = narrowest([r.permanent is not None for r in rows], "bool")
    linked = [r.status_id is not None for r in rows]
    status = narrowest(linked, str(spec.general_channel.status_enum)) if any(linked) else None
    return ErrorFacts(group, permanent, status)


Scope = tuple[tuple[str, tuple[int, ...] | None], ...]
"""The tables a channel resolves, in the order tried: (channel, its group ids or None: all)."""


def order(spec: Spec) -> list[Channel]:
    """The channels in the order they are tried without one: the general first."""
    general = spec.general_channel
    return [general, *(c for c in spec.channels if c is not general)]


def code_scope(spec: Spec, channel: Channel | None, kind: str) -> Scope:
    """The one rule of what a channel's reports resolve against: its own table first, then
    the general channel's rows of the groups every channel carries (``shared:``); without a
    channel, every table, the general first. The runtime reads it as data
    (``tables.SCOPES``) and the typed entry points are typed from it."""
    if channel is None:
        return tuple((c.name, None) for c in order(spec))
    if channel is spec.general_channel:
        return ((channel.name, None),)
    return ((channel.name, None), (spec.general, spec.shared_groups(kind)))


def group_scope(spec: Spec, channel: Channel | None, kind: str) -> Scope:
    """The groups a channel resolves, in the order tried (a group id is taken once): status
    groups are the general channel's; error groups the channel's own, then the shared ones."""
    if kind == "status" or channel is None or channel is spec.general_channel:
        return ((spec.general, None),)
    return ((channel.name, None), (spec.general, spec.shared_groups(kind)))


@dataclass(frozen=True)
class TypeAtom:
    """A whole enum, or some of its members, that a channel's parsed values can hold."""

    module: str
    enum: str
    members: tuple[str, ...] | None  # None: the whole enum

    @property
    def annotation(self) -> str:
        if self.members is None:
            return self.enum
        return f"Literal[{', '.join(f'{self.enum}.{m}' for m in self.members)}]"

    @property
    def values(self) -> list[str]:
        """The run-time objects: the class, or each member."""
        if self.members is None:
            return [f"{self.module}.{self.enum}"]
        return [f"{self.module}.{self.enum}.{m}" for m in self.members]


def annotation(atoms: list[TypeAtom]) -> str:
    return " | ".join(atom.annotation for atom in atoms)


def code_types(spec: Spec, channel: Channel, kind: str) -> list[TypeAtom]:
    """What a channel's parsed codes of ``kind`` can be: each table of its scope as its whole
    enum, or as the members it contributes when the scope takes only some."""
    found = []
    for name, groups in code_scope(spec, channel, kind):
        source = spec.channel(name)
        rows = source.statuses if kind == "status" else source.errors
        enum = source.status_enum if kind == "status" else source.error_enum
        taken = [r for r in rows if groups is None or r.group_id in groups]
        members = tuple(dict.fromkeys(r.member for r in taken))
        if not members:
            continue
        whole = len(members) == len({r.member for r in rows})
        found.append(TypeAtom(name, str(enum), None if whole else members))
    return found


def group_types(spec: Spec, channel: Channel) -> list[TypeAtom]:
    """What a channel's parsed error groups can be (status groups are always StatusGroup);
    a group id is taken from the first table of the scope that has it."""
    found = []
    seen: set[int] = set()
    for name, groups in group_scope(spec, channel, "error"):
        source = spec.channel(name)
        taken = [g for g in source.error_groups if groups is None or g.id in groups]
        fresh = tuple(g.member for g in taken if g.id not in seen)
        seen.update(g.id for g in taken)
        if fresh:
            whole = len(fresh) == len(source.error_groups)
            found.append(TypeAtom(name, str(source.error_group_enum), None if whole else fresh))
    return found


def error_facts_exact(channel: Channel, spec: Spec) -> bool:
    """Whether an error enum's facts read a member that must exist (no ``| None``)."""
    if not channel.errors:
        return False
    facts = error_facts(channel, spec)
    exact = [t for t in (facts.group, facts.status) if t is not None and t != "None"]
    return any(not t.endswith("| None") for t in exact)


def channel_imports(channel: Channel, spec: Spec) -> list[str]:
    """The import lines of a channel's enum module, sorted as ruff sorts them."""
    general = spec.general_channel
    bases = []
    if channel.statuses or channel.errors:
        bases.append("CodeFacts")
    if channel.statuses or error_facts_exact(channel, spec):
        bases.append("member_by_id")
    if channel.statuses:
        bases.append("StatusCodeEnum")
    if channel is general:
        bases.append("StatusGroupEnum")
    if channel.error_groups:
        bases += ["ErrorGroupEnum", "ErrorCodeEnum"]
    elif channel.errors:
        bases.append("ErrorCodeEnum")
    lines = ["from __future__ import annotations", ""]
    lines.append(
        import_from("infobip_codes._base", sorted(bases, key=lambda n: isort_key(n, False)))
    )
    linked = [general.status_enum] if channel.errors and error_facts(channel, spec).status else []
    shared = ["StatusGroup"] if channel.statuses and channel is not general else []
    if linked or shared:
        names = sorted({*linked, *shared} - {None}, key=lambda n: isort_key(str(n), False))
        lines.append(import_from(f"infobip_codes.{general.name}", [str(n) for n in names]))
    return lines


def render_all(spec: Spec) -> dict[str, str]:
    """Every generated file, keyed by path relative to the repository root."""
    env = _environment()
    out: dict[str, str] = {}

    def render(path: str, template: str, sources: str, comment: str = "#", **context: Any) -> None:
        head = header(comment, sources, f"codegen/templates/{template}")
        if comment != "#":
            head = " ".join(head.split())
        out[path] = env.get_template(template).render(header=head, spec=spec, **helpers, **context)

    general = spec.general_channel

    def enum_imports(groups: bool = False) -> list[str]:
        """The code enums (and error group enums) of every channel and the ``Channel`` type,
        in ruff's order."""
        modules = {"tables": ["Channel"]}
        for channel in spec.channels:
            names = [channel.error_enum, channel.status_enum]
            if groups:
                names.append(channel.error_group_enum)
            modules[channel.name] = sorted(n for n in names if n)
        return [import_from(f"infobip_codes.{m}", modules[m]) for m in sorted(modules)]

    def example(kind: str, key: str) -> tuple[str, str]:
        """A lookup's doctest: the general channel's first code of that kind, and its repr."""
        codes = general.statuses if kind == "status" else general.errors
        if not codes:
            return ("0" if key == "id" else '""'), "None"
        code = codes[0]
        enum = general.status_enum if kind == "status" else general.error_enum
        # the literal stands in a docstring, before the call's ")": escaped as there
        argument = str(code.id) if key == "id" else doc_text(py_str(code.name) + ")")[:-1]
        return argument, f"<{enum}.{code.member}: {code.id}>"

    def scope_literal(scope: Scope) -> str:
        def ids_literal(ids: tuple[int, ...] | None) -> str:
            if ids is None:
                return "None"
            return "frozenset({" + ", ".join(map(str, ids)) + "})" if ids else "frozenset()"

        parts = [f"({py_str(name)}, {ids_literal(ids)})" for name, ids in scope]
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"

    # helpers that depend on the spec: part of each render's context, so the
    # shared environment holds nothing of one spec
    helpers: dict[str, Any] = {
        "enum_imports": enum_imports,
        "example": example,
        "code_scope": lambda channel, kind: code_scope(spec, channel, kind),
        "group_scope": lambda channel, kind: group_scope(spec, channel, kind),
        "scope_literal": scope_literal,
        "code_types": lambda channel, kind: code_types(spec, channel, kind),
        "group_types": lambda channel: group_types(spec, channel),
        "annotation": annotation,
        "error_facts": lambda channel: error_facts(channel, spec),
    }
    for channel in spec.channels:
        out[f"{TABLES_DIR}/{channel.name}.py"] = _table(spec, channel, env)
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
    parsing_names = [*PARSING_EXPORTS]
    for channel in spec.channels:
        parsing_names += [channel.enum_prefix + kind for kind in ("Status", "Error", "Report")]
    render(
        f"{PACKAGE_DIR}/parsing.py",
        "parsing.py.j2",
        everything,
        general=general,
        parsing_names=sorted(parsing_names, key=isort_key),
    )

    exports: dict[str, str] = {}
    for channel in spec.channels:
        for enum in channel.enums:
            exports[enum] = channel.name
    exports["StatusGroup"] = general.name
    for name in parsing_names:
        exports[name] = "parsing"
    exports.update(RUNTIME_EXPORTS)
    exports.update(identifiers.EXPORTS)
    imports = sorted(exports.items(), key=lambda item: (item[1], isort_key(item[0], False)))
    render(
        f"{PACKAGE_DIR}/__init__.py",
        "init.py.j2",
        everything,
        imports=imports,
        all_names=sorted(exports, key=isort_key),
    )
    catalogue = spec.identifiers
    module = f"{PACKAGE_DIR}/{identifiers.MODULE}.py"
    render(module, identifiers.TEMPLATE, identifiers.SOURCE, catalogue=catalogue)
    render(
        "docs/codes.md", "codes.md.j2", everything, comment="", general=general, catalogue=catalogue
    )
    # every module as the project's formatter lays it out: no template wraps a line
    out.update(format_modules({path: text for path, text in out.items() if path.endswith(".py")}))
    return dict(sorted(out.items()))


def render_table(spec: Spec, channel: Channel) -> str:
    """One channel's data module, formatted (the entry point of the literal-safety tests)."""
    path = f"{TABLES_DIR}/{channel.name}.py"
    return format_modules({path: _table(spec, channel, _environment())})[path]


def _table(spec: Spec, channel: Channel, env: jinja2.Environment) -> str:
    head = header("#", channel.path, "codegen/templates/table.py.j2")
    return env.get_template("table.py.j2").render(header=head, spec=spec, channel=channel)
