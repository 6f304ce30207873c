"""Every row of the spec is reachable through the public API, with the right facts.

Expectations come from the spec itself (``load_spec``), never from a copy: a
new row, group or channel is checked by these tests as it is.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SPEC

import infobip_codes as ic
from codegen.columns import CODE_FIELDS, GROUP_FIELDS
from codegen.spec import Channel, Code, Group, load_spec

THE_SPEC = load_spec(SPEC)
CODES = THE_SPEC.codes
PACKAGE = ROOT / "src" / "infobip_codes"


def channel_of(code: Code | Group) -> Channel:
    return THE_SPEC.channel(code.channel)


def enum_for(code: Code) -> type[ic.CodeEnum]:
    channel = channel_of(code)
    name = channel.status_enum if code.kind == "status" else channel.error_enum
    module = importlib.import_module(f"infobip_codes.{code.channel}")
    enum_class: type[ic.CodeEnum] = getattr(module, str(name))
    return enum_class


def group_enum_for(group: Group) -> type[ic.GroupEnum]:
    if group.kind == "status":
        return ic.StatusGroup
    module = importlib.import_module(f"infobip_codes.{group.channel}")
    found: type[ic.GroupEnum] = getattr(module, str(channel_of(group).error_group_enum))
    return found


def test_record_fields_are_the_generators_fields() -> None:
    assert [f.name for f in dataclasses.fields(ic.CodeRecord)] == [f.name for f in CODE_FIELDS]
    assert [f.name for f in dataclasses.fields(ic.GroupRecord)] == [f.name for f in GROUP_FIELDS]


def test_records_are_the_spec_rows_in_order() -> None:
    assert [r.to_dict() for r in ic.records()] == [
        {f.name: list(v) if isinstance(v := c.value(f.name), tuple) else v for f in CODE_FIELDS}
        for c in CODES
    ]
    assert len(ic.records()) == len(CODES)


@pytest.mark.parametrize("code", CODES, ids=lambda c: f"{c.channel}-{c.kind}-{c.id}-{c.name}")
def test_every_row_is_reachable_through_its_enum(code: Code) -> None:
    enum_class = enum_for(code)
    member = enum_class[code.member]
    assert member == code.id
    assert enum_class.from_id(code.id) is member
    for name in (code.name, code.member, *code.aliases):
        # a code's own names come before any other's alias; a name printed for two ids
        # (REJECTED_DESTINATION) finds the first on the page
        same_enum = [c for c in CODES if enum_for(c) is enum_class]
        folded = name.casefold()
        first = next(
            (c for c in same_enum if folded in {c.name.casefold(), c.member.casefold()}),
            None,
        ) or next(c for c in same_enum if folded in {a.casefold() for a in c.aliases})
        assert enum_class.from_name(name) is enum_class[first.member]
        assert enum_class.from_name(name.lower()) is enum_class[first.member]
    matching = [r for r in member.records if r.name == code.name and r.group_id == code.group_id]
    assert len(matching) == 1
    record = matching[0]
    assert record.description == code.description
    assert record.permanent == code.permanent
    assert record.source == code.source
    assert ic.member_of(record) is member
    if code.is_member:
        assert member.api_name == code.name
        assert member.description == code.description
        assert member.record == record
        assert member.source == code.source
    if isinstance(member, ic.StatusCodeEnum):
        assert code.kind == "status"
        group = member.group
        expected = next((g for g in THE_SPEC.status_groups if g.id == code.group_id), None)
        assert (group is None) == (expected is None)
        assert member.is_final is (expected is not None and expected.final is True)
    elif channel_of(code).error_groups:
        assert isinstance(member, ic.ErrorCodeEnum)
        if code.is_member:
            assert member.permanent is code.permanent
            group_enum = group_enum_for(channel_of(code).error_groups[0])
            assert member.group is group_enum.from_id(code.group_id)
    else:
        assert isinstance(member, ic.ErrorCodeEnum)
        assert member.group is None  # a table without groups


def test_rows_that_share_an_id_follow_page_order() -> None:
    for enum_class in {enum_for(code) for code in CODES}:
        for member in enum_class:
            expected = [c for c in CODES if enum_for(c) is enum_class and c.member == member.name]
            assert [(r.name, r.group_id) for r in member.records] == [
                (c.name, c.group_id) for c in expected
            ]
            assert member.record is member.records[0]


@pytest.mark.parametrize(
    "group",
    [*THE_SPEC.status_groups, *(g for c in THE_SPEC.channels for g in c.error_groups)],
    ids=lambda g: f"{g.channel}-{g.kind}-{g.id}",
)
def test_every_group_is_a_member_with_its_facts(group: Group) -> None:
    enum_class = group_enum_for(group)
    member = enum_class[group.member]
    assert member.value == group.id
    assert enum_class.from_id(group.id) is member
    assert enum_class.from_name(group.name.upper()) is member
    assert member.api_name == group.name
    assert member.description == group.description
    if isinstance(member, ic.StatusGroupEnum):
        assert member.is_final is (group.final is True)
    else:
        assert isinstance(member, ic.ErrorGroupEnum)
        assert member.is_ok is (group.success is True)


def test_every_enum_converts_safely_at_the_edge() -> None:
    enums = {enum_for(code) for code in CODES} | {ic.StatusGroup}
    for enum_class in enums:
        assert enum_class.from_id(-1) is None
        assert enum_class.from_id(None) is None
        assert enum_class.from_id(True) is None  # a bool is not an id
        first = next(iter(enum_class))
        assert enum_class.from_id(float(first.value)) is None
        assert enum_class.from_id(str(first.value)) is None
        assert enum_class.from_name("no such name") is None
        assert enum_class.from_name(None) is None
        assert enum_class.from_name(first.value) is None


def test_irregular_rows_keep_both_names() -> None:
    # 2053 is printed twice; both names find the one member
    by_name = [c for c in CODES if c.duplicate_of is not None]
    assert by_name, "the page's repeated ids are declared with duplicate_of"
    for code in by_name:
        assert enum_for(code).from_name(code.name) is enum_for(code)[code.duplicate_of or ""]
    printed = [c for c in CODES if c.member != c.name and c.duplicate_of is None]
    for code in printed:
        assert code.member not in enum_for(code).__members__ or (
            enum_for(code)[code.member].api_name == code.name
        )


def test_dlt_errors_link_to_general_statuses() -> None:
    linked = [c for c in CODES if c.status_id is not None]
    assert linked
    general = importlib.import_module(f"infobip_codes.{THE_SPEC.general}")
    statuses = getattr(general, str(THE_SPEC.general_channel.status_enum))
    for code in linked:
        member = enum_for(code)[code.member]
        assert member.status is statuses.from_id(code.status_id)  # type: ignore[attr-defined]


def test_retry_and_finality_follow_only_what_is_known() -> None:
    for code in CODES:
        if not code.is_member or code.kind != "error":
            continue
        member = enum_for(code)[code.member]
        assert isinstance(member, ic.ErrorCodeEnum)
        group_ok = any(g.success for g in channel_of(code).error_groups if g.id == code.group_id)
        assert member.is_retryable is (code.permanent is False and not group_ok), code
        assert member.is_ok is group_ok


def test_records_are_frozen_and_plain() -> None:
    record = ic.records()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.id = 99  # type: ignore[misc]
    assert not hasattr(record, "__dict__")  # slotted
    assert record.to_dict()["name"] == record.name
    assert pickle.loads(pickle.dumps(record)) == record


def test_members_are_ordinary_int_enums() -> None:
    for enum_class in {enum_for(code) for code in CODES} | {ic.StatusGroup}:
        assert issubclass(enum_class, enum.IntEnum)
        for member in enum_class:
            assert pickle.loads(pickle.dumps(member)) is member
            assert enum_class(member.value) is member
            assert isinstance(member, int)


def test_public_names_resolve() -> None:
    for name in ic.__all__:
        assert getattr(ic, name) is not None, name
    assert set(ic.__all__) <= set(dir(ic))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        getattr(ic, "Nope")  # noqa: B009
    assert tuple(c.name for c in THE_SPEC.channels) == ic.CHANNELS


def run_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def loaded_after(statement: str) -> list[str]:
    out = run_python(
        f"import sys; {statement}; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('infobip_codes'))))"
    )
    return out.split()


@pytest.mark.parametrize(("kind", "first"), [("status", 5), ("error", 27), ("error", 10**9)])
def test_the_first_look_up_without_a_channel_answers_as_every_later_one(
    kind: str, first: int
) -> None:
    # a fresh process, where this is the first look-up: it builds the map it answers from
    out = run_python(
        "from infobip_codes import lookup, _catalogue\n"
        f"first = lookup.{kind}_by_id({first})\n"
        f"ids = sorted(_catalogue.scope_by_id({kind!r}))\n"
        f"later = [lookup.{kind}_by_id(i) for i in [{first}, *ids]]\n"
        f"wanted = [_catalogue.member_by_id({kind!r}, i, None) for i in [{first}, *ids]]\n"
        "print(repr(first), first is later[0], later == wanted, len(ids))"
    )
    shown, same, agree, count = out.rsplit(maxsplit=3)
    from infobip_codes import _catalogue

    wanted = (ic.status_by_id if kind == "status" else ic.error_by_id)(first)
    assert shown == repr(wanted)
    assert (same, agree) == ("True", "True")
    assert int(count) == len(_catalogue.scope_by_id(kind))  # type: ignore[arg-type]


def test_import_loads_nothing_of_the_catalogue() -> None:
    assert loaded_after("import infobip_codes") == ["infobip_codes"]


def test_an_sms_enum_loads_its_records_only_when_asked() -> None:
    bare = loaded_after("from infobip_codes import SmsErrorCode; SmsErrorCode.EC_ABSENT_SUBSCRIBER")
    # the enums and what they answer through (the index, the rules, the plain values
    # read of an argument); no record, no table of rows
    assert bare == [
        "infobip_codes",
        "infobip_codes._base",
        "infobip_codes._catalogue",
        "infobip_codes._errors",
        "infobip_codes._rules",
        "infobip_codes.sms",
        "infobip_codes.tables",
    ]
    asked = loaded_after(
        "from infobip_codes import SmsErrorCode; SmsErrorCode.EC_ABSENT_SUBSCRIBER.group"
    )
    # the records, and the sms rows only: no other channel's
    assert set(asked) - set(bare) == {
        "infobip_codes._data",
        "infobip_codes._record",
        "infobip_codes.tables.sms",
    }


# -- the shape of the package: what every tool and reader sees -----------------------


def package_sources() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imports_of(name: str, tree: ast.Module, modules: set[str]) -> set[str]:
    """Every package module ``name`` imports, at any depth (functions included)."""
    found: set[str] = set()
    package = (
        name if name == "infobip_codes" or name.endswith(".tables") else name.rsplit(".", 1)[0]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = package + ("." + base if base else "")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name}


def test_no_import_cycle_among_the_runtime_modules() -> None:
    sources = package_sources()
    modules = set(sources)
    # the package's __init__ only re-exports lazily; it is nobody's dependency
    graph = {
        name: imports_of(name, tree, modules) - {"infobip_codes"}
        for name, tree in sources.items()
        if name != "infobip_codes"
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        assert module not in visiting, " -> ".join([*visiting, module])
        if module in done:
            return
        visiting.append(module)
        for dependency in sorted(graph[module]):
            visit(dependency)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    # records at the bottom, enums above them, everything else above the enums
    assert graph["infobip_codes._record"] <= {"infobip_codes.tables"}  # a typing-only import
    assert graph["infobip_codes.tables.sms"] == {"infobip_codes._record"}


def test_no_construct_that_hides_names_from_tools() -> None:
    for name, tree in package_sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                assert not any(
                    isinstance(t, ast.Name) and t.id == "TYPE_CHECKING" for t in targets
                ), name
            if isinstance(node, ast.Attribute):
                assert node.attr not in {
                    "_simple_enum",
                    "_EnumDict",
                    "_member_map_",
                    "_value2member_map_",
                    "_member_names_",
                }, f"{name} uses enum internals ({node.attr})"
            enums = {c.name for c in THE_SPEC.channels} | {"_base"}
            if isinstance(node, ast.ClassDef) and name.rsplit(".", 1)[-1] in enums:
                assert not node.decorator_list, f"{name}.{node.name} is rebuilt by a decorator"


@pytest.mark.parametrize("channel", THE_SPEC.channels, ids=lambda c: c.name)
def test_each_member_is_followed_by_its_meaning(channel: Channel) -> None:
    tree = ast.parse((PACKAGE / f"{channel.name}.py").read_text(encoding="utf-8"))
    docs: dict[tuple[str, str], str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for before, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.Assign)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                target = before.targets[0]
                assert isinstance(target, ast.Name)
                docs[node.name, target.id] = " ".join(after.value.value.split())
    for code in channel.codes:
        enum_name = channel.status_enum if code.kind == "status" else channel.error_enum
        doc = docs[str(enum_name), code.member]
        assert " ".join((code.description or "").split()) in doc
        if code.group_name is not None:
            assert f"{code.group_name} (group {code.group_id})" in doc or code.duplicate_of
        if code.permanent is not None and code.is_member:
            assert ("not permanent" in doc) is (not code.permanent)
        if code.name != code.member:
            assert code.name in doc
        if not code.on_page:
            assert f"Beyond the page. Source: {code.source}" in doc
        for alias, source in zip(code.aliases, code.alias_sources, strict=True):
            assert f"Also sent as {alias}. Source: {source}" in doc


def test_channel_modules_list_their_names() -> None:
    for channel in THE_SPEC.channels:
        module = importlib.import_module(f"infobip_codes.{channel.name}")
        assert module.__all__ == sorted(module.__all__)
        assert set(channel.enums) <= set(module.__all__)


def test_tables_hold_keyword_records_in_page_order() -> None:
    for channel in THE_SPEC.channels:
        path = PACKAGE / "tables" / f"{channel.name}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and not n.args]
        records = [c for c in calls if getattr(c.func, "id", "") == "CodeRecord"]
        assert len(records) == len(channel.codes)
        assert all(call.keywords and not call.args for call in records)
        ids = [next(k.value.value for k in c.keywords if k.arg == "id") for c in records]  # type: ignore[attr-defined]
        assert ids == [c.id for c in channel.statuses] + [c.id for c in channel.errors]


def test_sources_are_where_the_tests_look() -> None:
    assert Path(ic.__file__).resolve().parent == PACKAGE.resolve()
