"""Load and validate ``spec/``: the one reader of the YAML tables.

Every command that needs the spec (``generate``, ``check``, ``import-docs``)
goes through :func:`load_spec`. It never stops at the first problem: it
collects every one it can find, each with file, line and column, and raises
:class:`SpecError` holding all of them. Callers write nothing in that case.

The schema is documented for people in ``spec/README.md``; the constants
below are the machine-readable half of the same contract.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.checks import MAX_NAME, Checks
from codegen.columns import (
    CODE_FIELDS,
    GROUP_FIELDS,
    PAGE_SOURCE,
    Field,
    Row,
    group_keys,
    plain,
    row_keys,
)
from codegen.identifiers import IDENTIFIERS_FILE, Identifiers, load_identifiers
from codegen.problems import Problem, SpecError, preview
from codegen.reader import display_path, read_yaml, yaml_round_trip
from codegen.runtime_names import reserved_members

HEADING_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ()&/,.-]*")
MAX_CHANNEL = 24
"""The longest channel name and ``enum_prefix``: generated lines that name a
channel's module and classes together stay within the line limit."""
INDEX_FILE = "channels.yaml"
"""Lists the channel files in page order; every other file in spec/ is a channel's, but:"""


CHANNEL_KEYS = {
    "channel": True,
    "enum_prefix": True,
    "page": True,
    "note": False,
    "status_groups": False,
    "error_groups": False,
    "errors": False,
}
PAGE_KEYS = {"statuses": False, "errors": False}
# Which groups say what is a domain rule, declared with the fields: the general
# channel's status groups say whether they are final; an error group may say it
# reports success.
GENERAL_STATUS_GROUP_KEYS = group_keys("general_status_group")
STATUS_GROUP_KEYS = group_keys("status_group")
ERROR_GROUP_KEYS = group_keys("error_group")
STATUS_KEYS = row_keys("status")
GROUPED_ERROR_KEYS = row_keys("grouped_error")
FLAT_ERROR_KEYS = row_keys("flat_error")
ALIAS_KEYS = {"name": True, "source": True, "shared_with": False}


RESERVED_MEMBERS = reserved_members()


class Group(Row):
    """A status or error group: the fields of ``GROUP_FIELDS``, and where it stands."""

    FIELDS = GROUP_FIELDS
    __slots__ = ("line",)
    line: int

    def __init__(self, *, line: int = 0, **fields: object) -> None:
        super().__init__(**fields)
        object.__setattr__(self, "line", line)

    def _state(self) -> tuple[object, ...]:
        return (*super()._state(), self.line)


class Code(Row):
    """One row of a code table: the fields of ``CODE_FIELDS`` (what a record of the
    generated catalogue holds), how the row was declared, and where it stands."""

    FIELDS = CODE_FIELDS
    __slots__ = ("duplicate_of", "line")
    duplicate_of: str | None  # set on a further row for an earlier member
    line: int

    def __init__(self, *, duplicate_of: str | None = None, line: int = 0, **fields: object) -> None:
        super().__init__(**fields)
        object.__setattr__(self, "duplicate_of", duplicate_of)
        object.__setattr__(self, "line", line)

    def _state(self) -> tuple[object, ...]:
        return (*super()._state(), self.duplicate_of, self.line)

    @property
    def on_page(self) -> bool:
        """True for a row transcribed from the saved page (no other ``source``)."""
        return self.value("source") == PAGE_SOURCE

    @property
    def is_member(self) -> bool:
        """False for a row that only adds a record to an earlier member."""
        return self.duplicate_of is None


@dataclass(frozen=True)
class Channel:
    name: str
    enum_prefix: str
    path: str  # as shown in messages and generated headers, e.g. "spec/sms.yaml"
    status_heading: str | None
    error_heading: str | None
    note: str | None
    status_groups: tuple[Group, ...]
    error_groups: tuple[Group, ...]
    statuses: tuple[Code, ...]
    errors: tuple[Code, ...]

    @property
    def status_enum(self) -> str | None:
        return f"{self.enum_prefix}StatusCode" if self.statuses else None

    @property
    def error_enum(self) -> str | None:
        return f"{self.enum_prefix}ErrorCode" if self.errors else None

    @property
    def error_group_enum(self) -> str | None:
        return f"{self.enum_prefix}ErrorGroup" if self.error_groups else None

    @property
    def codes(self) -> tuple[Code, ...]:
        return self.statuses + self.errors

    @property
    def enums(self) -> tuple[str, ...]:
        names = (self.status_enum, self.error_group_enum, self.error_enum)
        return tuple(n for n in names if n)


@dataclass(frozen=True)
class Spec:
    channels: tuple[Channel, ...]
    status_groups: tuple[Group, ...] = field(default=())  # the shared StatusGroup enum
    general: str = ""  # the channel whose tables hold the general statuses and status groups
    # kind -> the general channel's groups whose codes every channel's reports carry
    shared: tuple[tuple[str, tuple[int, ...]], ...] = ()
    # spec/http_errors.yaml (codegen/identifiers.py)
    identifiers: Identifiers = field(default_factory=Identifiers.empty)

    def shared_groups(self, kind: str) -> tuple[int, ...]:
        """The general groups of ``kind`` every channel's reports carry, with their codes."""
        return dict(self.shared).get(kind, ())

    @property
    def general_channel(self) -> Channel:
        return self.channel(self.general)

    @property
    def codes(self) -> tuple[Code, ...]:
        return tuple(code for channel in self.channels for code in channel.codes)

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(name)


def member_from_group_name(name: str) -> str:
    """``"Registration error"`` -> ``"REGISTRATION_ERROR"``."""
    return re.sub(r"\W+", "_", name.strip()).strip("_").upper()


@dataclass
class Documents:
    """The parsed spec files, before validation."""

    docs: dict[str, CommentedMap]  # round-trip documents (the importer edits them) by channel
    problems: list[Problem]
    general: str | None = None  # the index's 'general' channel
    listed: list[tuple[str, int]] = field(default_factory=list)  # the index's channels, lines
    index: str = INDEX_FILE  # the index as messages name it
    index_doc: CommentedMap | None = None  # the index itself, for its 'shared:'


def read_documents(spec_dir: Path) -> Documents:
    """Parse every channel file named by the index, in page order."""
    found = Documents({}, [])
    problems, docs = found.problems, found.docs
    yaml = yaml_round_trip()
    index_path = spec_dir / INDEX_FILE
    shown_index = found.index = display_path(index_path, spec_dir)
    index = read_yaml(yaml, index_path, shown_index, problems)
    if index is None:
        return found
    names, found.general = _channel_list(index, shown_index, problems)
    if isinstance(index, CommentedMap):
        found.index_doc = index
    found.listed = names
    # a file the index names, even with a name it refuses, is not a stray
    mentioned = index.get("channels") if isinstance(index, CommentedMap) else None
    written = {i for i in mentioned if isinstance(i, str)} if isinstance(mentioned, list) else set()
    for name, line in names:
        path = spec_dir / f"{name}.yaml"
        shown = display_path(path, spec_dir)
        if not os.path.lexists(path):
            problems.append(
                Problem(shown_index, line, 0, f"channel {preview(name)} has no file {shown}")
            )
            continue
        doc = read_yaml(yaml, path, shown, problems)
        if doc is None:
            continue
        if not isinstance(doc, CommentedMap):
            problems.append(Problem(shown, 1, 1, "a channel file must be a mapping"))
            continue
        docs[name] = doc
    for path in sorted(spec_dir.glob("*.yaml")):
        if path.name not in (INDEX_FILE, IDENTIFIERS_FILE) and path.stem not in written:
            problems.append(
                Problem(
                    display_path(path, spec_dir),
                    0,
                    0,
                    f"channel file is not listed in {shown_index}; add {preview(path.stem)} there",
                )
            )
    return found


def load_spec(spec_dir: Path) -> Spec:
    """Read and validate the whole spec, raising :class:`SpecError` on any problem."""
    found = read_documents(spec_dir)
    problems = found.problems
    channels = []
    for name, doc in found.docs.items():
        path = display_path(spec_dir / f"{name}.yaml", spec_dir)
        is_general = None if found.general is None else name == found.general
        channel = _Validator(path, name, problems, is_general).channel(doc)
        if channel is not None:
            channels.append(channel)
    general = next((c for c in channels if c.name == found.general), None)
    status_groups = _check_catalogue(channels, general, problems)
    if not problems:
        # Every listed channel became a channel, or a problem says why: a file
        # that could not be read never silently drops its channel (and with it
        # the generated modules).
        built = {channel.name for channel in channels}
        for name, line in found.listed:
            if name not in built:
                problems.append(
                    Problem(found.index, line, 0, f"channel {preview(name)} could not be read")
                )
    if problems or general is None:
        raise SpecError(problems or [Problem(found.index, 0, 0, "no general channel")])
    shared = _shared(found, general, problems)
    identifiers = load_identifiers(spec_dir, problems)
    if problems:
        raise SpecError(problems)
    return Spec(
        channels=tuple(channels),
        status_groups=status_groups,
        general=general.name,
        shared=shared,
        identifiers=identifiers,
    )


def _shared(
    found: Documents, general: Channel | None, problems: list[Problem]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The index's ``shared:``: general groups whose codes every channel's reports carry."""
    index = found.index_doc
    if index is None or "shared" not in index:
        return ()
    checks = Checks(found.index, problems)
    node = index["shared"]
    if not isinstance(node, CommentedMap) or not set(node) <= {"status_groups", "error_groups"}:
        checks.problem(
            checks.value_at(index, "shared"),
            "'shared' must map 'status_groups' and/or 'error_groups' to lists of group ids",
        )
        return ()
    shared = []
    for key, kind in (("status_groups", "status"), ("error_groups", "error")):
        if key not in node:
            continue
        ids = node[key]
        if not isinstance(ids, CommentedSeq) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in ids
        ):
            checks.problem(checks.value_at(node, key), f"'{key}' must be a list of group ids")
            continue
        if general is not None:  # else reported already: nothing to check the ids against
            groups = general.status_groups if kind == "status" else general.error_groups
            defined = {g.id for g in groups}
            for i, group_id in enumerate(ids):
                if group_id not in defined:
                    checks.problem(
                        checks.item_at(ids, i),
                        f"'{key}': {group_id} is not one of {general.name}'s {kind} groups",
                    )
        shared.append((kind, tuple(int(i) for i in ids)))
    return tuple(shared)


def _channel_list(
    index: Any, shown: str, problems: list[Problem]
) -> tuple[list[tuple[str, int]], str | None]:
    """The index's channels with their lines, and its general channel."""
    if not isinstance(index, CommentedMap) or not {"channels", "general"} <= set(index) <= {
        "channels",
        "general",
        "shared",
    }:
        problems.append(
            Problem(shown, 1, 1, "expected the keys 'channels' and 'general' (and 'shared')")
        )
        return [], None
    seq = index["channels"]
    general = index["general"]
    if not isinstance(seq, CommentedSeq):
        line, col = index.lc.value("channels")
        problems.append(Problem(shown, line + 1, col + 1, "'channels' must be a list"))
        return [], None
    names: list[tuple[str, int]] = []
    seen: set[str] = set()
    for i, item in enumerate(seq):
        line, col = seq.lc.item(i)
        if not isinstance(item, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", item):
            problems.append(
                Problem(
                    shown, line + 1, col + 1, f"channel name {preview(item)} must be snake_case"
                )
            )
        elif len(item) > MAX_CHANNEL:
            problems.append(
                Problem(
                    shown,
                    line + 1,
                    col + 1,
                    f"channel name {preview(item)} is longer than {MAX_CHANNEL} characters",
                )
            )
        elif item in seen:
            problems.append(
                Problem(shown, line + 1, col + 1, f"channel {preview(item)} listed twice")
            )
        else:
            seen.add(item)
            names.append((item, line + 1))
    if general not in seen:
        line, col = index.lc.value("general")
        problems.append(
            Problem(
                shown,
                line + 1,
                col + 1,
                f"'general' must name one of the listed channels, not {preview(general)}",
            )
        )
        return names, None
    return names, general


class _Validator(Checks):
    """Turns one channel document into a :class:`Channel`, recording problems."""

    def __init__(self, path: str, name: str, problems: list[Problem], general: bool | None) -> None:
        """``general``: whether this is the general channel (None: the index does not say)."""
        super().__init__(path, problems)
        self.name = name
        self.general = general
        # alias -> the id of the other code whose name it declares it shares
        self.shared_aliases: dict[str, int] = {}

    def identity(self, kind: str, ident: int, name: str, member: str) -> dict[str, Any]:
        """The fields a code and a group both start with: where it stands, and who it is."""
        return {"channel": self.name, "kind": kind, "id": ident, "name": name, "member": member}

    def name_(self, node: CommentedMap, what: str) -> str | None:
        """A printed name: a text of at most :data:`MAX_NAME` characters."""
        name = self.str_(node, "name", what)
        if name is not None and len(name) > MAX_NAME:
            self.problem(
                self.value_at(node, "name"),
                f"{what}: 'name' {preview(name)} is longer than {MAX_NAME} characters",
            )
            return None
        return name

    def plain(self, node: CommentedMap, field: Field, what: str) -> object:
        """A plain column's value, checked against its declared type."""
        if field.name not in node:
            return None if field.default is ... else field.default
        if node[field.name] is None and field.nullable:
            return None
        if field.scalar == "int":
            return self.int_(node, field.name, what)
        if field.scalar == "bool":
            return self.bool_(node, field.name, what)
        if field.scalar == "str":
            return self.str_(node, field.name, what)
        # the declaration names a type the validator has no check for: a codegen bug
        raise TypeError(f"column {field.name!r}: no check for type {field.type!r}")

    def source(self, node: CommentedMap, what: str) -> str:
        """The row's ``source``: the page by default, else a named document or payloads."""
        if "source" not in node:
            return PAGE_SOURCE
        text = self.str_(node, "source", what)
        if text == PAGE_SOURCE:
            self.problem(
                self.value_at(node, "source"),
                f"{what}: leave 'source' out for a row of the page; name another source here",
            )
        return text or PAGE_SOURCE

    def aliases(
        self, node: CommentedMap, what: str, name: str | None
    ) -> tuple[tuple[str, str], ...]:
        """Other names the API sends for a code, each with where it was seen."""
        if "aliases" not in node:
            return ()
        seq = self.seq(node, "aliases", what)
        if seq is None:
            return ()
        found: list[tuple[str, str]] = []
        for alias in self.maps(seq, f"alias of {what}"):
            if not self.keys(alias, ALIAS_KEYS, f"alias of {what}"):
                continue
            alias_name = self.name_(alias, f"alias of {what}")
            source = self.str_(alias, "source", f"alias of {what}")
            if "shared_with" in alias:
                shared = self.int_(alias, "shared_with", f"alias of {what}")
                if shared is not None and alias_name is not None:
                    self.shared_aliases[alias_name.casefold()] = shared
            if alias_name is None or source is None:
                continue
            taken = {n.casefold() for n, _ in found} | {(name or "").casefold()}
            if alias_name.casefold() in taken:
                self.problem(
                    self.value_at(alias, "name"),
                    f"{what}: alias {preview(alias_name)} repeats a name of this code",
                )
            else:
                found.append((alias_name, source))
        return tuple(found)

    # -- the document --------------------------------------------------------

    def channel(self, doc: CommentedMap) -> Channel | None:
        # A missing key is reported once; the rest of the file is still checked.
        complete = self.keys(doc, CHANNEL_KEYS, "channel file")
        name = self.str_(doc, "channel", "channel file") if "channel" in doc else None
        if name is not None and name != self.name:
            self.problem(
                self.value_at(doc, "channel"),
                f"'channel' is {preview(name)} but the file is listed as {self.name!r}",
            )
        prefix = self.str_(doc, "enum_prefix", "channel file") if "enum_prefix" in doc else None
        if prefix is not None and not re.fullmatch(r"[A-Z][A-Za-z0-9]*", prefix):
            self.problem(
                self.value_at(doc, "enum_prefix"),
                f"'enum_prefix' {preview(prefix)} must be a CapWords identifier",
            )
        elif prefix is not None and len(prefix) > MAX_CHANNEL:
            self.problem(
                self.value_at(doc, "enum_prefix"),
                f"'enum_prefix' {preview(prefix)} is longer than {MAX_CHANNEL} characters",
            )
        headings = self.page(doc) if "page" in doc else (None, None)
        note = self.str_(doc, "note", "channel file", nullable=True) if "note" in doc else None

        status_groups, statuses = self.grouped(doc, "status_groups", "status")
        error_groups, errors = self.grouped(doc, "error_groups", "error")
        if "errors" in doc:
            flat = self.flat_errors(doc)
            if "error_groups" in doc:
                # the page gives each row of a grouped table its group: a row
                # without one comes from elsewhere, and says where
                for code in flat:
                    if code.on_page:
                        self.problem(
                            (code.line - 1, 0),
                            f"error code {code.id}: a grouped channel's 'errors:' holds only "
                            "codes from beyond the page, each with its 'source'",
                        )
            errors = errors + flat
        if "page" in doc and headings[0] is None and statuses:
            self.problem(self.key_at(doc, "page"), "statuses need 'page: statuses:' heading")
        if "page" in doc and headings[1] is None and errors:
            self.problem(self.key_at(doc, "page"), "errors need 'page: errors:' heading")
        self.unique(statuses, "status")
        self.unique(errors, "error")
        if not complete or name is None or prefix is None:
            return None
        return Channel(
            name=name,
            enum_prefix=prefix,
            path=self.path,
            status_heading=headings[0],
            error_heading=headings[1],
            note=note,
            status_groups=tuple(status_groups),
            error_groups=tuple(error_groups),
            statuses=tuple(statuses),
            errors=tuple(errors),
        )

    def page(self, doc: CommentedMap) -> tuple[str | None, str | None]:
        page = doc["page"]
        if not isinstance(page, CommentedMap):
            self.problem(self.value_at(doc, "page"), "'page' must be a mapping")
            return None, None
        self.keys(page, PAGE_KEYS, "'page'")
        headings = []
        for key in ("statuses", "errors"):
            heading = self.str_(page, key, "'page'") if key in page else None
            if heading is not None and not HEADING_RE.fullmatch(heading):
                self.problem(
                    self.value_at(page, key),
                    f"'page: {key}:' must be a heading such as 'Voice Error Codes' (letters, "
                    f"digits, spaces and -/&(),. only), not {preview(heading)}",
                )
                heading = None
            headings.append(heading)
        return headings[0], headings[1]

    def grouped(self, doc: CommentedMap, key: str, kind: str) -> tuple[list[Group], list[Code]]:
        groups: list[Group] = []
        codes: list[Code] = []
        if key not in doc:
            return groups, codes
        seq = self.seq(doc, key, "channel file")
        if seq is None:
            return groups, codes
        allowed = STATUS_KEYS if kind == "status" else GROUPED_ERROR_KEYS
        if kind == "error":
            keys = ERROR_GROUP_KEYS
        else:  # only the general channel's status groups define them, finality included
            keys = {
                True: GENERAL_STATUS_GROUP_KEYS,
                False: STATUS_GROUP_KEYS,
                None: {**GENERAL_STATUS_GROUP_KEYS, "final": False},  # the index does not say
            }[self.general]
        seen_ids: dict[int, int] = {}
        seen_members: dict[str, int] = {}
        for node in self.maps(seq, f"entry of {key!r}"):
            what = f"{kind} group"
            # checked on with what is there: a group without 'final' is still a group
            self.keys(node, keys, what)
            if "id" not in node or "name" not in node:
                continue
            final = self.bool_(node, "final", what) if "final" in node else None
            success = self.bool_(node, "success", what) if "success" in node else None
            group_source = self.source(node, what)
            gid = self.int_(node, "id", what)
            gname = self.name_(node, what)
            description = self.str_(node, "description", what, nullable=True)
            if gname is not None and "member" in node:
                gmember = self.str_(node, "member", what)
            else:
                gmember = member_from_group_name(gname) if gname else None
            line = node.lc.line + 1
            if gmember is not None and not self.member_name(
                node, "member" if "member" in node else "name", gmember, what, RESERVED_MEMBERS
            ):
                gmember = None
            if gid is not None:
                if gid in seen_ids:
                    self.problem(
                        self.value_at(node, "id"),
                        f"{what} id {gid} is already used on line {seen_ids[gid]}",
                    )
                seen_ids[gid] = line
            if gmember is not None:
                if gmember in seen_members:
                    self.problem(
                        self.value_at(node, "name"),
                        f"{what} member {gmember} is already used on line {seen_members[gmember]}",
                    )
                seen_members[gmember] = line
            codes_seq = self.seq(node, "codes", what) if "codes" in node else None
            if gid is None or gname is None or gmember is None:
                continue
            groups.append(
                Group(
                    **self.identity(kind, gid, gname, gmember),
                    description=description,
                    final=final,
                    success=bool(success) if kind == "error" else None,
                    source=group_source,
                    line=line,
                )
            )
            if codes_seq is None:
                continue
            for code_node in self.maps(codes_seq, f"code of {kind} group {preview(gname)}"):
                code = self.code(code_node, kind, allowed, gid, gname)
                if code is not None:
                    codes.append(code)
        return groups, codes

    def flat_errors(self, doc: CommentedMap) -> list[Code]:
        seq = self.seq(doc, "errors", "channel file")
        if seq is None:
            return []
        codes = []
        for node in self.maps(seq, "entry of 'errors'"):
            code = self.code(node, "error", FLAT_ERROR_KEYS, None, None)
            if code is not None:
                codes.append(code)
        return codes

    def code(
        self,
        node: CommentedMap,
        kind: str,
        allowed: dict[str, bool],
        group_id: int | None,
        group_name: str | None,
    ) -> Code | None:
        what = f"{kind} code"
        if "source" in node:  # a row from elsewhere states permanence only where its source does
            allowed = {**allowed, "permanent": False}
        if not self.keys(node, allowed, what):
            return None
        cid = self.int_(node, "id", what)
        if cid is not None:
            what = f"{kind} code {cid}"
        name = self.name_(node, what)
        description = self.str_(node, "description", what, nullable=True)
        permanent = self.bool_(node, "permanent", what) if "permanent" in node else None
        duplicate_of = self.str_(node, "duplicate_of", what) if "duplicate_of" in node else None
        if "member" in node:
            if duplicate_of is not None:
                self.problem(
                    self.key_at(node, "member"),
                    f"{what}: 'member' and 'duplicate_of' exclude each other (a duplicate row "
                    "belongs to the member it duplicates)",
                )
            member = self.str_(node, "member", what)
            member_key = "member"
        else:
            member, member_key = name, "name"
        if duplicate_of is not None:
            member, member_key = duplicate_of, "duplicate_of"
        if member is not None and not self.member_name(
            node, member_key, member, what, RESERVED_MEMBERS
        ):
            member = None
        status_id = status_text = None
        if "status_id" in node:
            status_id = self.int_(node, "status_id", what)
            if "status_text" not in node:
                self.problem(
                    self.key_at(node, "status_id"), f"{what}: 'status_id' needs 'status_text'"
                )
        if "status_text" in node:
            status_text = self.str_(node, "status_text", what)
            if "status_id" not in node:
                self.problem(
                    self.key_at(node, "status_text"), f"{what}: 'status_text' needs 'status_id'"
                )
        aliases = self.aliases(node, what, name)
        source = self.source(node, what)
        # the plain columns, each by its declared type; left out where its table has none
        known = len(self.problems)
        columns = {
            field.name: self.plain(node, field, what) if field.name in allowed else None
            for field in CODE_FIELDS
            if plain(field) and (field.name in allowed or not field.has_default)
        }
        if cid is None or name is None or member is None or len(self.problems) > known:
            return None
        if "permanent" in node and permanent is None:
            return None
        return Code(
            **self.identity(kind, cid, name, member),
            group_id=group_id,
            group_name=group_name,
            permanent=permanent,
            description=description,
            status_id=status_id,
            status_text=status_text,
            aliases=tuple(name for name, _ in aliases),
            alias_sources=tuple(source for _, source in aliases),
            source=source,
            duplicate_of=duplicate_of,
            line=node.lc.line + 1,
            **columns,
        )

    def unique(self, codes: list[Code], kind: str) -> None:
        """Ids and member names are unique within one enum unless a row declares why not."""
        by_id: dict[int, Code] = {}
        by_member: dict[str, Code] = {}
        for code in codes:
            where = (code.line - 1, 0)
            if code.duplicate_of is not None:
                target = by_member.get(code.duplicate_of)
                if target is None:
                    self.problem(
                        where,
                        f"{kind} code {code.id}: 'duplicate_of: {code.duplicate_of}' names no "
                        f"earlier {kind} code of this channel",
                    )
                elif target.id != code.id:
                    self.problem(
                        where,
                        f"{kind} code {code.id}: 'duplicate_of: {code.duplicate_of}' names a code "
                        f"with another id ({target.id}); a duplicate row repeats the same id",
                    )
                continue
            first = by_id.get(code.id)
            if first is not None:
                self.problem(
                    where,
                    f"duplicate {kind} id {code.id}: already used by {first.name} on line "
                    f"{first.line}; if the page really lists it twice, declare "
                    f"'duplicate_of: {first.member}'",
                )
                continue
            by_id[code.id] = code
            clash = by_member.get(code.member)
            if clash is not None:
                self.problem(
                    where,
                    f"duplicate {kind} member name {code.member}: already used by id {clash.id} "
                    f"on line {clash.line}; declare another 'member:' for this row",
                )
            else:
                by_member[code.member] = code
        names: dict[str, Code] = {}
        for code in codes:
            for name in (code.name, code.member):
                names.setdefault(name.casefold(), code)
        for code in codes:
            for alias in code.aliases:
                owner = names.get(alias.casefold())
                shared = self.shared_aliases.get(alias.casefold())
                if owner is not None and owner.id != code.id and owner.id != shared:
                    self.problem(
                        (code.line - 1, 0),
                        f"{kind} code {code.id}: alias {preview(alias)} is the name of {kind} code "
                        f"{owner.id} (line {owner.line}); an alias must name this code only, "
                        f"unless the sources really send it for both: then declare "
                        f"'shared_with: {owner.id}'",
                    )
                elif shared is not None and (owner is None or owner.id != shared):
                    self.problem(
                        (code.line - 1, 0),
                        f"{kind} code {code.id}: alias {preview(alias)} declares 'shared_with: "
                        f"{shared}', but no other {kind} code of this channel has that name",
                    )
                else:
                    names.setdefault(alias.casefold(), code)


def _check_catalogue(
    channels: list[Channel], general: Channel | None, problems: list[Problem]
) -> tuple[Group, ...]:
    """Checks across channels: status groups and DLT status links resolve, prefixes differ.

    The general channel (``general:`` in the index) defines the shared status
    groups; any other channel's status group must be one of them. When the
    general channel itself is broken, its own problems are reported and the
    checks that depend on it are skipped rather than repeated for every file.
    """
    prefixes: dict[str, Channel] = {}
    for channel in channels:
        other = prefixes.get(channel.enum_prefix)
        if other is not None:
            problems.append(
                Problem(
                    channel.path,
                    0,
                    0,
                    f"enum_prefix {preview(channel.enum_prefix)} is already used by {other.path}",
                )
            )
        prefixes[channel.enum_prefix] = channel
    if general is None:
        return ()
    defined = {group.id: group for group in general.status_groups}
    for channel in channels:
        if channel is general:
            continue
        for group in channel.status_groups:
            first = defined.get(group.id)
            if first is None:
                problems.append(
                    Problem(
                        channel.path,
                        group.line,
                        0,
                        f"undefined status group {group.id} ({group.name!r}): status groups are "
                        f"shared, and {general.path} defines "
                        + (", ".join(f"{g.id} {g.name}" for g in defined.values()) or "none"),
                    )
                )
            elif first.member != group.member:
                problems.append(
                    Problem(
                        channel.path,
                        group.line,
                        0,
                        f"status group {group.id} is {group.name!r} here but {first.name!r} in "
                        f"{first.channel}'s tables; status groups are shared by every channel",
                    )
                )
    general_statuses = {code.id for code in general.statuses}
    for channel in channels:
        for code in channel.errors:
            if code.status_id is not None and code.status_id not in general_statuses:
                problems.append(
                    Problem(
                        channel.path,
                        code.line,
                        0,
                        f"error code {code.id}: status_id {code.status_id} is not a status of "
                        f"the {general.name} tables",
                    )
                )
    return tuple(sorted(defined.values(), key=lambda g: g.id))
