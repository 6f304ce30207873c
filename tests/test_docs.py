"""docs/codes.md: every code is there with an anchor, and every link lands."""

from __future__ import annotations

import re
from pathlib import Path

import infobip_codes

CODES_MD = Path(__file__).resolve().parent.parent / "docs" / "codes.md"
TEXT = CODES_MD.read_text(encoding="utf-8")


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
    tables = TEXT.split(f"\n## {general}\n", 1)[1]  # after the status-group summary
    rows = re.findall(r"^\| (?:<a id=\"[^\"]+\"></a>)?(\d+) \| `([^`]+)`", tables, flags=re.M)
    assert len(rows) == len(infobip_codes.records())
    assert [(int(i), n) for i, n in rows] == [(r.id, r.name) for r in infobip_codes.records()]
    for record in infobip_codes.records():
        if record is infobip_codes.member_of(record).record:  # the first row carries the anchor
            assert f"{record.channel}-{record.kind}-{record.id}" in anchors()


def test_contents_lists_every_channel() -> None:
    contents = TEXT.split("## Contents", 1)[1].split("\n## ", 1)[0]
    for channel in infobip_codes.CHANNELS:
        assert f"- [{channel}](#{channel})" in contents
