"""Bring the spec in line with a saved copy of the documentation page.

The importer edits the spec's round-trip YAML documents in place, so that
everything a person added by hand survives: ``member:`` and ``duplicate_of:``
declarations, comments, key order. Page facts (ids, names, groups,
``permanent``, descriptions, DLT status links, section notes) are overwritten
from the page; rows the page no longer has are removed and rows it gained are
added in page order. The report lists every change, field by field.

Rows are matched by (kind, id, printed name, occurrence): the second
``4102 EC_NOTSUBMITTEDTOSMPPCHANNEL`` matches the second such row of the spec,
wherever either sits, so a code moving between groups is a change of its
``group`` field, not a removal and an addition.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.columns import CODE_FIELDS
from codegen.files import write_if_changed
from codegen.page import PageCode, PageError, PageGroup, PageSection, read_page
from codegen.problems import Problem, SpecError
from codegen.reader import display_path, yaml_round_trip
from codegen.spec import read_documents

# the keys of a row, in the order the importer writes them
KEY_ORDER = tuple(field.name for field in CODE_FIELDS if field.sort == "key")
RowKey = tuple[str, int, str, int]  # kind, id, printed name, occurrence


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # spec files whose content differs

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        out = [f"added   {line}" for line in self.added]
        out += [f"removed {line}" for line in self.removed]
        out += [f"changed {line}" for line in self.changed]
        return out


def _label(channel: str, kind: str, cid: Any, name: Any) -> str:
    return f"{channel} {kind} {cid} {name}"


def _new_code(page: PageCode) -> CommentedMap:
    node = CommentedMap()
    node["id"] = page.id
    node["name"] = page.name
    if page.permanent is not None:
        node["permanent"] = page.permanent
    node["description"] = page.description
    if page.status_id is not None:
        node["status_id"] = page.status_id
        node["status_text"] = page.status_text
    for key in KEY_ORDER:  # declared plain columns, in declaration order
        if page.extra.get(key) is not None:
            node[key] = page.extra[key]
    return node


def _new_group(page: PageGroup) -> CommentedMap:
    node = CommentedMap()
    node["id"] = page.id
    node["name"] = page.name
    node["description"] = page.description
    node["codes"] = CommentedSeq()
    return node


def _set(node: CommentedMap, key: str, value: Any, report: Callable[[str], None]) -> None:
    """Set a page fact, keeping the key's position and comment when it exists."""
    old = node.get(key)
    present = key in node
    # equal text or number in another YAML style is no change; 1 == True is one
    if present and old == value and isinstance(old, bool) == isinstance(value, bool):
        return
    if value is None and not present:
        return
    if present:
        node[key] = value
    else:
        # keep the canonical order: new facts go right after the key they follow
        order = [k for k in KEY_ORDER if k in node or k == key]
        position = order.index(key)
        node.insert(min(position, len(node)), key, value)
    report(f"{key}: {old!r} -> {value!r}")


def _merge_codes(
    channel: str,
    section: PageSection,
    page_codes: list[tuple[PageCode, PageGroup | None]],
    existing: list[tuple[CommentedMap, int | None]],
    result: Report,
) -> dict[int | None, list[CommentedMap]]:
    """Match page rows with spec rows; returns the rows per group id in page order."""
    kind = section.kind
    spec_rows: dict[RowKey, tuple[CommentedMap, int | None]] = {}
    seen: Counter[tuple[int, str]] = Counter()
    for node, gid in existing:
        ident = (node.get("id"), str(node.get("name")))
        spec_rows[(kind, ident[0], ident[1], seen[ident])] = (node, gid)
        seen[ident] += 1
    seen.clear()
    placed: dict[int | None, list[CommentedMap]] = {}
    matched: set[RowKey] = set()
    for code, group in page_codes:
        ident = (code.id, code.name)
        key = (kind, code.id, code.name, seen[ident])
        seen[ident] += 1
        gid = group.id if group else None
        label = _label(channel, kind, code.id, code.name)
        if key in spec_rows:
            node, old_gid = spec_rows[key]
            matched.add(key)

            def note(change: str, label: str = label) -> None:
                result.changed.append(f"{label}: {change}")

            if old_gid != gid:
                note(f"group: {old_gid!r} -> {gid!r}")
            if code.permanent is not None or "permanent" in node:
                _set(node, "permanent", code.permanent, note)
            _set(node, "description", code.description, note)
            if code.status_id is not None or "status_id" in node:
                _set(node, "status_id", code.status_id, note)
                _set(node, "status_text", code.status_text, note)
            for column, value in code.extra.items():
                _set(node, column, value, note)
            for column in ("status_id", "status_text", "permanent", *code.extra):
                if column in node and node[column] is None:
                    del node[column]
        else:
            node = _new_code(code)
            where = f" in group {group.name}" if group else ""
            result.added.append(f"{label}{where}")
        placed.setdefault(gid, []).append(node)
    for key, (node, _gid) in spec_rows.items():
        if key not in matched:
            where = f"spec/{channel}.yaml:{node.lc.line + 1}"
            label = _label(channel, kind, node.get("id"), node.get("name"))
            result.removed.append(f"{label} ({where}: not on the page, and no 'source')")
    return placed


def _replace_seq(parent: CommentedMap, key: str, items: list[CommentedMap]) -> None:
    """Keep the existing sequence (and the comments it carries) when nothing moved."""
    current = parent.get(key)
    if (
        isinstance(current, CommentedSeq)
        and len(current) == len(items)
        and all(a is b for a, b in zip(current, items, strict=True))
    ):
        return
    seq = CommentedSeq(items)
    if isinstance(current, CommentedSeq):
        # comments attached to items that are still there move with them
        for old_index, old in enumerate(current):
            for new_index, new in enumerate(items):
                if old is new and old_index in current.ca.items:
                    seq.ca.items[new_index] = current.ca.items[old_index]
    parent[key] = seq


def _merge_section(channel: str, doc: CommentedMap, section: PageSection, result: Report) -> None:
    kind = section.kind
    grouped_key = "status_groups" if kind == "status" else "error_groups"
    flat = not section.groups
    groups_seq = doc.get(grouped_key) or CommentedSeq()
    existing: list[tuple[CommentedMap, int | None]] = []
    spec_groups: dict[int, CommentedMap] = {}
    # Rows and groups with a 'source' come from beyond the page: the page is
    # not asked about them, and they stay where they are, after its rows.
    beyond: dict[int | None, list[CommentedMap]] = {}
    beyond_groups: list[CommentedMap] = []
    for group in groups_seq:
        if "source" in group:
            beyond_groups.append(group)
            continue
        spec_groups[group.get("id")] = group
        existing += [(node, group.get("id")) for node in group.get("codes") or []]
    if kind == "error":
        existing += [(node, None) for node in doc.get("errors") or []]
    for row, gid in list(existing):
        if "source" in row:
            existing.remove((row, gid))
            beyond.setdefault(gid, []).append(row)

    page_codes: list[tuple[PageCode, PageGroup | None]] = [
        (code, group) for group in section.groups for code in group.codes
    ]
    page_codes += [(code, None) for code in section.codes]
    placed = _merge_codes(channel, section, page_codes, existing, result)
    for gid, nodes in beyond.items():
        placed.setdefault(gid, []).extend(nodes)

    if flat:
        if kind == "status":
            raise PageError(f"line {section.line}: ungrouped status tables are not supported")
        _replace_seq(doc, "errors", placed.get(None, []))
        for gid in spec_groups:
            result.removed.append(f"{channel} {kind} group {gid}")
        doc.pop(grouped_key, None)
        return

    new_groups: list[CommentedMap] = []
    for page_group in section.groups:
        node = spec_groups.pop(page_group.id, None)
        label = f"{channel} {kind} group {page_group.id}"
        if node is None:
            node = _new_group(page_group)
            result.added.append(f"{label} {page_group.name}")
        else:

            def note(change: str, label: str = label) -> None:
                result.changed.append(f"{label}: {change}")

            _set(node, "name", page_group.name, note)
            _set(node, "description", page_group.description, note)
        _replace_seq(node, "codes", placed.get(page_group.id, []))
        new_groups.append(node)
    for gid, node in spec_groups.items():
        result.removed.append(f"{channel} {kind} group {gid} {node.get('name')}")
    new_groups += beyond_groups
    if grouped_key in doc:
        _replace_seq(doc, grouped_key, new_groups)
    else:
        doc[grouped_key] = CommentedSeq(new_groups)
    if kind == "error":
        if placed.get(None):
            _replace_seq(doc, "errors", placed[None])
        else:
            doc.pop("errors", None)


def import_page(
    page_text: str, spec_dir: Path, page_name: str = "page"
) -> tuple[Report, dict[Path, str]]:
    """Merge the page into the spec; returns the report and the new text per changed file.

    Raises :class:`SpecError` when the spec cannot be read or a page section
    maps to no channel, and :class:`PageError` when the page is malformed.
    """
    found = read_documents(spec_dir)
    docs, problems = found.docs, found.problems
    if problems:
        raise SpecError(problems)
    sections = read_page(page_text)
    by_heading: dict[str, tuple[str, str]] = {}
    for name, doc in docs.items():
        page = doc.get("page") or {}
        for kind, key in (("status", "statuses"), ("error", "errors")):
            if page.get(key):
                by_heading[str(page[key])] = (name, kind)
    report = Report()
    unmapped: list[Problem] = []
    covered: set[tuple[str, str]] = set()
    for section in sections:
        target = by_heading.get(section.heading)
        if target is None or target[1] != section.kind:
            unmapped.append(
                Problem(
                    page_name,
                    section.line,
                    0,
                    f"section {section.heading!r} maps to no channel: add a channel file to "
                    f"spec/ whose 'page: {'statuses' if section.kind == 'status' else 'errors'}:' "
                    "is that heading (see spec/README.md)",
                )
            )
            continue
        name, _ = target
        covered.add(target)
        doc = docs[name]
        if section.kind == "error" and (doc.get("note") or None) != section.note:
            old = doc.get("note")
            if section.note is None:
                doc.pop("note", None)
            else:
                doc["note"] = section.note
            report.changed.append(f"{name} note: {old!r} -> {section.note!r}")
        _merge_section(name, doc, section, report)
    for heading, target in by_heading.items():
        if target not in covered:
            unmapped.append(
                Problem(
                    page_name,
                    0,
                    0,
                    f"heading {heading!r} of spec/{target[0]}.yaml is not on the page",
                )
            )
    if unmapped:
        raise SpecError(unmapped)
    yaml = yaml_round_trip()
    outputs: dict[Path, str] = {}
    for name, doc in docs.items():
        path = spec_dir / f"{name}.yaml"
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        text = buffer.getvalue()
        if text != path.read_text(encoding="utf-8"):
            outputs[path] = text
            report.files.append(display_path(path, spec_dir))
    return report, outputs


def run_import(page: Path, spec_dir: Path, check: bool) -> int:
    """The ``import-docs`` command; returns the exit status."""
    from codegen.spec import load_spec

    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read page {page}: {exc}")
        return 2
    try:
        report, outputs = import_page(text, spec_dir, str(page))
    except PageError as exc:
        print(f"{page}: error: {exc}")
        return 2
    except SpecError as exc:
        print(exc)
        return 2
    for line in report.lines():
        print(line)
    # Formatting-only differences count too: after an import, the spec is in
    # the importer's canonical form, so a re-run is silent.
    if report.empty and not outputs:
        print(f"spec/ matches {page.name}: nothing to change")
        return 0
    if check:
        changed = ", ".join(report.files) or "none"
        print(
            f"spec/ differs from {page.name} (files that would change: {changed}); "
            "run `python -m codegen import-docs PAGE` to update it"
        )
        if report.removed:
            print(
                "a row that is not on the page stays only with a 'source' naming where it "
                "comes from (see spec/README.md, 'Beyond the page')"
            )
        return 1
    for path, new_text in outputs.items():
        write_if_changed(path, new_text)
        print(f"wrote {display_path(path, spec_dir)}")
    try:
        load_spec(spec_dir)
    except SpecError as exc:
        print(exc)
        print(
            "the spec was updated from the page but now needs declarations (see above and "
            "spec/README.md)"
        )
        return 1
    return 0
