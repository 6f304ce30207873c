"""docs/codes.md: every code is there with an anchor, and every link lands."""

from __future__ import annotations

import re
from pathlib import Path

import infobip_codes

CODES_MD = Path(__file__).resolve().parent.parent / "docs" / "codes.md"
TEXT = CODES_MD.read_text(encoding="utf-8")
INDEX = "\n## Index by id\n"


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return slug.replace(" ", "-")


def anchors() -> set[str]:
    found = {github_slug(h) for h in re.findall(r"^#+ (.+)$", TEXT, flags=re.M)}
    found |= set(re.findall(r'<a id="([^"]+)"></a>', TEXT))
    return found


def test_every_internal_link_has_a_target() -> None:
    targets = set(re.findall(r"\]\(#([^)]+)\)", TEXT))
    assert targets, "the page links nothing"
    assert targets - anchors() == set()


def test_every_code_has_a_row_and_each_member_an_anchor() -> None:
    general = infobip_codes.CHANNELS[0]
    tables = TEXT.split(f"\n## {general}\n", 1)[1].split(INDEX)[0]  # the channels' tables
    rows = re.findall(r"^\| (?:<a id=\"[^\"]+\"></a>)?(\d+) \| `([^`]+)`", tables, flags=re.M)
    assert len(rows) == len(infobip_codes.records())
    # groups come in id order, rows within a group in the catalogue's
    assert sorted((int(i), n) for i, n in rows) == sorted(
        (r.id, r.name) for r in infobip_codes.records()
    )
    for record in infobip_codes.records():
        if record is infobip_codes.member_of(record).record:  # the first row carries the anchor
            assert f"{record.channel}-{record.kind}-{record.id}" in anchors()


def test_contents_lists_every_channel() -> None:
    contents = TEXT.split("## Contents", 1)[1].split("\n## ", 1)[0]
    for channel in infobip_codes.CHANNELS:
        assert f"- [{channel}](#{channel})" in contents


def test_the_index_lists_every_row_by_id_with_a_link() -> None:
    index = TEXT.split(INDEX, 1)[1]
    rows = re.findall(
        r"^\| (\d+) \| (\w+) \| (status|error) \| \[`([^`]+)`\]\(#([^)]+)\) \|$",
        index,
        flags=re.M,
    )
    records = infobip_codes.records()
    assert len(rows) == len(records)
    assert [int(row[0]) for row in rows] == sorted(r.id for r in records)
    assert sorted(rows) == sorted(
        (str(r.id), r.channel, r.kind, r.name, f"{r.channel}-{r.kind}-{r.id}") for r in records
    )
    assert {row[4] for row in rows} <= anchors()


def test_groups_come_in_id_order_and_headings_name_each_group_once() -> None:
    for section in re.split(r"^### ", TEXT.split(INDEX)[0], flags=re.M)[1:]:
        ids = [int(i) for i in re.findall(r"^#### .*\(group (\d+)", section, flags=re.M)]
        assert ids == sorted(ids), section.splitlines()[0]
    for heading in re.findall(r"^#### (.+)$", TEXT, flags=re.M):
        name = heading.split(" (group")[0].replace("\\", "")
        assert f"`{name}`" not in heading, heading


def test_sources_are_notes_under_their_table_not_in_descriptions() -> None:
    beyond = [r for r in infobip_codes.records() if r.source != "page"]
    assert beyond
    cells = re.findall(r"^\|.*\|$", TEXT, flags=re.M)
    assert not any("source:" in cell or "Beyond the page" in cell for cell in cells)
    notes = re.findall(r"^\d+\. (.+)$", TEXT, flags=re.M)
    for record in beyond:
        shown = record.source.replace("_", "\\_")
        assert any(f"Beyond the page; source: {shown}." in note for note in notes), record
    # each table's markers are numbered 1, 2, ... and each has its note below the table
    for table in re.split(r"\n\n(?=\| id \|)", TEXT)[1:]:
        rows, _, after = table.partition("\n\n")
        marks = [int(n) for n in re.findall(r"\(note (\d+)\)", rows)]
        assert marks == list(range(1, len(marks) + 1))
        if marks:
            listed = re.findall(r"^(\d+)\. ", after.split("\n\n#")[0], flags=re.M)
            assert [int(n) for n in listed] == marks
