"""Read a saved copy of Infobip's "Response Status and Error Codes" page.

The saved page is the text a browser copies from the rendered HTML: headings
on their own lines, and each table flattened to cells separated by ``|``.
This module turns it into plain sections, groups and rows; it knows nothing
about the spec (:mod:`codegen.importer` maps sections to channels).

What the page looks like, and what is read from it:

* a section heading: ``General Status Codes``, ``Chat Error Codes``...; text
  between it and its first group or table is the section's note;
* a group heading: ``REJECTED (group id: 5) - general status codes``, then its
  description line(s);
* a table header: one ``Name |`` line per column;
* table rows: cells ending in ``|``. A name cell holds the printed name on its
  first line and ``- description`` below it; a ``Description`` cell may end
  with ``4 - Message sent, not delivered.``, a link to a status (DLT).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from codegen.columns import CODE_FIELDS, plain

SECTION_RE = re.compile(r"^(?:[A-Z][\w ]*? )?(?P<kind>Status|Error) Codes$")
GROUP_RE = re.compile(r"^(?P<name>\S.*?) \(group id: (?P<id>\d+)\) - (?P<suffix>.+)$")
# The page's own columns (the id, the name cell, a separate description cell),
# plus those declared in codegen.columns; any other header is named as unknown.
STRUCTURE = ("Id", "ID", "Status", "Error", "Value", "Description")
DECLARED = {field.page: field for field in CODE_FIELDS if field.page and plain(field)}
KNOWN_HEADERS = (*STRUCTURE, "Permanent", *DECLARED)
HEADER_RE = re.compile(r"^(?P<column>[A-Za-z][A-Za-z ]*?) *\|$")
COLUMN_NAME_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Za-z][a-z]*)*$")  # "Action", not an id or a code
STATUS_LINK_RE = re.compile(r"^(?P<id>\d+) - (?P<text>.+)$")
BOOLEANS = {"true": True, "false": False}


class PageError(Exception):
    """The page is not in the expected shape; the message names the line."""


def normalise(text: str) -> str:
    """Whitespace-normalise to one line, the only change made to the page's text."""
    return " ".join(text.split())


@dataclass
class PageCode:
    kind: str
    id: int
    name: str
    permanent: bool | None
    description: str | None
    status_id: int | None
    status_text: str | None
    line: int
    extra: dict[str, object] = field(default_factory=dict)  # declared plain columns


@dataclass
class PageGroup:
    id: int
    name: str
    description: str | None
    line: int
    codes: list[PageCode] = field(default_factory=list)


@dataclass
class PageSection:
    heading: str
    kind: str  # "status" or "error"
    line: int
    note_lines: list[str] = field(default_factory=list)
    groups: list[PageGroup] = field(default_factory=list)
    codes: list[PageCode] = field(default_factory=list)  # rows of an ungrouped table

    @property
    def note(self) -> str | None:
        return normalise(" ".join(self.note_lines)) or None

    @property
    def has_tables(self) -> bool:
        return bool(self.groups or self.codes)

    @property
    def all_codes(self) -> list[PageCode]:
        return [code for group in self.groups for code in group.codes] + self.codes


class _Reader:
    def __init__(self) -> None:
        self.sections: list[PageSection] = []
        self.section: PageSection | None = None
        self.group: PageGroup | None = None
        self.group_lines: list[str] = []
        self.columns: list[str] = []
        self.body: list[tuple[int, str]] = []
        self.mode = "intro"  # intro | note | group | header | body

    def feed(self, number: int, line: str) -> None:
        text = line.strip()
        group = GROUP_RE.match(text)
        header = HEADER_RE.match(text)
        if group and self.section is not None:
            self.close_table()
            self.close_group_description()
            self.group = PageGroup(int(group["id"]), group["name"].strip(), None, number)
            self.section.groups.append(self.group)
            self.mode = "group"
        elif SECTION_RE.match(text) and self.mode != "header":
            self.close_table()
            self.close_group_description()
            kind = "status" if SECTION_RE.match(text)["kind"] == "Status" else "error"  # type: ignore[index]
            self.section = PageSection(text, kind, number)
            self.sections.append(self.section)
            self.group = None
            self.mode = "note"
        elif (
            header
            and self.mode == "header"
            and header["column"] not in KNOWN_HEADERS
            and COLUMN_NAME_RE.match(header["column"])
        ):
            raise PageError(
                f"line {number}: unknown column {header['column']!r}; declare it in "
                f"codegen/columns.py (page=...) to read it, or it cannot be imported"
            )
        elif (
            header
            and header["column"] in KNOWN_HEADERS
            and self.mode in ("note", "group", "header")
        ):
            if self.mode != "header":
                self.close_group_description()
                self.columns = []
            self.columns.append(header["column"])
            self.mode = "header"
        elif self.mode in ("header", "body"):
            self.body.append((number, line))
            self.mode = "body"
        elif self.mode == "group":
            if text:
                self.group_lines.append(text)
        elif self.mode == "note" and self.section is not None and text:
            self.section.note_lines.append(text)

    def close_group_description(self) -> None:
        if self.group is not None and self.group_lines:
            self.group.description = normalise(" ".join(self.group_lines))
        self.group_lines = []

    def close_table(self) -> None:
        if self.mode != "body" or self.section is None:
            self.body = []
            return
        rows = _rows(self.body, len(self.columns))
        target = self.group.codes if self.group is not None else self.section.codes
        for row in rows:
            target.append(_code(self.section.kind, self.columns, row))
        self.body = []
        self.columns = []


def _rows(body: list[tuple[int, str]], width: int) -> list[list[tuple[int, str]]]:
    """Split a flattened table body into rows of ``width`` cells (line, text)."""
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in body:
        parts = line.split("|")
        for i, part in enumerate(parts):
            if part.strip() and not current:
                start = number
            if part.strip() or current:
                current.append(part.strip())
            if i < len(parts) - 1:  # a "|" closes the cell
                cells.append((start or number, "\n".join(p for p in current if p)))
                current = []
                start = 0
    if any(current):
        cells.append((start, "\n".join(p for p in current if p)))
    # "5603\n|\nfalse\n|" style rows put the bar on its own line; a bar right
    # after a closed cell yields an empty cell, which is never real data here.
    cells = [cell for cell in cells if cell[1]]
    if len(cells) % width:
        where = cells[-1][0] if cells else (body[0][0] if body else 0)
        raise PageError(
            f"line {where}: table has {len(cells)} cells, not a multiple of its {width} columns"
        )
    return [cells[i : i + width] for i in range(0, len(cells), width)]


def _code(kind: str, columns: list[str], row: list[tuple[int, str]]) -> PageCode:
    line, id_text = row[0]
    if not id_text.isdigit():
        raise PageError(f"line {line}: expected a numeric id, found {id_text!r}")
    permanent: bool | None = None
    status_id: int | None = None
    status_text: str | None = None
    cells = dict(zip(columns, row, strict=True))
    if "Permanent" in cells:
        flag_line, flag = cells["Permanent"]
        if flag not in BOOLEANS:
            raise PageError(f"line {flag_line}: expected true or false, found {flag!r}")
        permanent = BOOLEANS[flag]
    extra = {
        declared.name: _cell(declared.scalar, *cells[header])
        for header, declared in DECLARED.items()
        if header in cells
    }
    rest = [cell for header, cell in cells.items() if header not in ("Permanent", *DECLARED)][1:]
    if "Description" in columns:
        # Name and description in cells of their own (mobile identity, DLT).
        name = rest[0][1]
        lines = rest[1][1].split("\n")
        link = STATUS_LINK_RE.match(lines[-1]) if len(lines) > 1 else None
        if link:
            status_id, status_text = int(link["id"]), normalise(link["text"])
            lines = lines[:-1]
        description: str | None = normalise(" ".join(lines)) or None
    else:
        # "NAME\n- description", the description possibly absent.
        name, _, text = rest[0][1].partition("\n")
        text = text.strip()
        if text.startswith("-"):
            text = text[1:]
        description = normalise(text) or None
    if "\n" in name or not name.strip():
        raise PageError(f"line {line}: cannot read the code name from {name!r}")
    return PageCode(
        kind,
        int(id_text),
        name.strip(),
        permanent,
        description,
        status_id,
        status_text,
        line,
        extra,
    )


def _cell(kind: str, line: int, text: str) -> object:
    """A declared column's cell, read as its declared type (empty: None)."""
    text = normalise(text)
    if not text:
        return None
    if kind == "bool":
        if text not in BOOLEANS:
            raise PageError(f"line {line}: expected true or false, found {text!r}")
        return BOOLEANS[text]
    if kind == "int":
        if not text.isdigit():
            raise PageError(f"line {line}: expected a number, found {text!r}")
        return int(text)
    return text


def read_page(text: str) -> list[PageSection]:
    """Every section of the page that holds at least one table, in page order."""
    reader = _Reader()
    for number, line in enumerate(text.splitlines(), start=1):
        reader.feed(number, line)
    reader.close_table()
    reader.close_group_description()
    return [section for section in reader.sections if section.has_tables]
