"""The page importer: reads the page's shapes, keeps what people added, reports changes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAVED_PAGE, SPEC, SpecWriter

from codegen.columns import Field
from codegen.importer import import_page, run_import
from codegen.page import PageError, read_page
from codegen.problems import SpecError
from codegen.spec import load_spec

SMALL_PAGE = Path(__file__).parent / "data" / "small-page.txt"

SKELETONS = {
    "sms": "channel: sms\nenum_prefix: Sms\npage:\n  statuses: General Status Codes\n"
    "  errors: General Error Codes\n",
    "voice": "channel: voice\nenum_prefix: Voice\npage:\n  statuses: Voice Status Codes\n"
    "  errors: Voice Error Codes\n",
    "chat": "channel: chat\nenum_prefix: Chat\npage:\n  errors: Chat Error Codes\n",
    "mobile_identity": "channel: mobile_identity\nenum_prefix: MobileIdentity\npage:\n"
    "  errors: Mobile Identity Error Codes\n",
    "dlt": "# DLT rows link to a general status.\nchannel: dlt\nenum_prefix: Dlt\npage:\n"
    "  errors: DLT Error Codes\n",
}

DECLARATIONS = [
    ("sms", "  - id: 1\n    name: PENDING\n", "    final: false  # a later report follows\n"),
    ("sms", "  - id: 5\n    name: REJECTED\n", "    final: true\n"),
    ("sms", "  - id: 0\n    name: OK\n", "    success: true\n"),
    (
        "sms",
        "      - id: 52\n        name: REJECTED_DESTINATION\n",
        "        member: REJECTED_DESTINATION_52  # same printed name as 14\n",
    ),
    (
        "sms",
        "      - id: 2053\n        name: EC_SOURCE_ADDRESS_BLACKLISTED\n",
        "        duplicate_of: EC_BLACKLISTED_SENDERADDRESS  # 2053 is listed twice\n",
    ),
    (
        "sms",
        "        description: Not Submitted To Smpp Channel\n",
        "        duplicate_of: EC_NOTSUBMITTEDTOSMPPCHANNEL  # in two groups\n",
    ),
    (
        "chat",
        "        name: EC_DEVICE_REPRODUCTION ERROR\n",
        "        member: EC_DEVICE_REPRODUCTION_ERROR  # the printed name has a space\n",
    ),
    (
        "chat",
        "      - id: 7102\n        name: EC_DATA_MISMATCH\n",
        "        member: EC_DATA_MISMATCH_7102  # same printed name as 7023\n",
    ),
]


def apply(outputs: dict[Path, str]) -> None:
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")


def declare(spec: Path) -> None:
    for channel, anchor, line in DECLARATIONS:
        path = spec / f"{channel}.yaml"
        text = path.read_text(encoding="utf-8")
        assert anchor in text, anchor
        path.write_text(text.replace(anchor, anchor + line, 1), encoding="utf-8")


@pytest.fixture
def imported(write_spec: SpecWriter) -> Path:
    """A spec built from the small page, with the declarations a person adds."""
    spec = write_spec(**SKELETONS)
    report, outputs = import_page(SMALL_PAGE.read_text(encoding="utf-8"), spec)
    assert len(report.added) > 0
    apply(outputs)
    declare(spec)
    return spec


def test_reader_handles_every_table_shape() -> None:
    sections = read_page(SMALL_PAGE.read_text(encoding="utf-8"))
    assert [s.heading for s in sections] == [
        "General Status Codes",
        "Voice Status Codes",
        "General Error Codes",
        "Voice Error Codes",
        "Chat Error Codes",
        "Mobile Identity Error Codes",
        "DLT Error Codes",
    ]
    general = sections[0]
    assert general.groups[0].description == "Not there yet, still travelling."
    waiting = general.groups[0].codes[0]
    assert (waiting.id, waiting.name) == (3, "PENDING_WAITING_DELIVERY")
    assert waiting.description == "Sent on; the report is awaited."
    udh = general.groups[1].codes[1]
    assert udh.description == "Bad header. See: User Data Header"
    errors = {(c.id, c.name): c for s in sections[2:] for c in s.all_codes}
    assert errors[20, "EC_SS_INCOMPATIBILITY"].description is None
    assert errors[5603, "EC_DECLINE"].permanent is False  # bars on lines of their own
    assert (7020, "EC_DEVICE_REPRODUCTION ERROR") in errors
    assert errors[100, "EC_NO_COVERAGE"].permanent is None
    dlt = errors[4106, "EC_BLOCKED_BY_DLT"]
    assert (dlt.description, dlt.status_id, dlt.status_text) == (
        "Blocked by scrubbing.",
        3,
        "Messange sent, not delivered.",
    )
    assert sections[4].note == "(RCS, WhatsApp and friends)"


def test_import_builds_a_spec_that_needs_declarations(write_spec: SpecWriter) -> None:
    spec = write_spec(**SKELETONS)
    _, outputs = import_page(SMALL_PAGE.read_text(encoding="utf-8"), spec)
    apply(outputs)
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    text = str(caught.value)
    assert "duplicate status member name REJECTED_DESTINATION" in text
    assert "duplicate error id 2053" in text
    assert "duplicate error id 4102" in text
    assert "'EC_DEVICE_REPRODUCTION ERROR' is not a valid Python identifier" in text
    assert "duplicate error member name EC_DATA_MISMATCH" in text


def test_imported_spec_holds_every_row(imported: Path) -> None:
    spec = load_spec(imported)
    sms = spec.channel("sms")
    assert [(c.id, c.member) for c in sms.statuses] == [
        (3, "PENDING_WAITING_DELIVERY"),
        (14, "REJECTED_DESTINATION"),
        (24, "REJECTED_INVALID_UDH"),
        (52, "REJECTED_DESTINATION_52"),
    ]
    rows_4102 = [c for c in sms.errors if c.id == 4102]
    assert [(c.group_name, c.is_member) for c in rows_4102] == [
        ("USER_ERRORS", True),
        ("OPERATOR_ERRORS", False),
    ]
    assert spec.channel("dlt").note == "Applicable for the India region."
    assert spec.channel("mobile_identity").errors[1].description == (
        "Internal error ion the web interface."
    )


def test_reimport_changes_nothing_and_keeps_declarations(imported: Path) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in imported.glob("*.yaml")}
    report, outputs = import_page(SMALL_PAGE.read_text(encoding="utf-8"), imported)
    assert report.empty, report.lines()
    assert outputs == {}
    after = {p.name: p.read_text(encoding="utf-8") for p in imported.glob("*.yaml")}
    assert after == before
    assert "member: REJECTED_DESTINATION_52  # same printed name as 14" in after["sms.yaml"]
    assert after["dlt.yaml"].startswith("# DLT rows link to a general status.\n")


def test_report_lists_changes_field_by_field(imported: Path) -> None:
    page = (
        SMALL_PAGE.read_text(encoding="utf-8")
        .replace("- Nothing wrong.", "- Nothing wrong at all.")
        .replace("5603\n|\nfalse\n|", "5603\n|\ntrue\n|")
        .replace("20 |\nfalse |\nEC_SS_INCOMPATIBILITY\n|\n", "")
        .replace(
            "0 |\nfalse |\nNO_ERROR\n- Nothing wrong at all.\n|\n",
            "0 |\nfalse |\nNO_ERROR\n- Nothing wrong at all.\n|\n1 |\nfalse |\nEC_NEW\n- New.\n|\n",
        )
    )
    # move 2053's first row from USER_ERRORS to OPERATOR_ERRORS
    moved = "2053 |\ntrue |\nEC_BLACKLISTED_SENDERADDRESS\n- Sender blocklisted.\n|\n"
    page = page.replace(moved, "").replace(
        "The operator.\nID |\nPermanent |\nError |\n",
        "The operator.\nID |\nPermanent |\nError |\n" + moved,
    )
    report, outputs = import_page(page, imported)
    assert report.added == ["sms error 1 EC_NEW in group OK"]
    [removed] = report.removed
    lines = (imported / "sms.yaml").read_text(encoding="utf-8").splitlines()
    line = (
        next(n for n, text in enumerate(lines, 1) if "EC_SS_INCOMPATIBILITY" in text) - 1
    )  # the row starts on its id's line
    assert removed == (
        f"sms error 20 EC_SS_INCOMPATIBILITY (spec/sms.yaml:{line}: not on the page, "
        "and no 'source')"
    )
    assert "sms error 0 NO_ERROR: description: 'Nothing wrong.' -> 'Nothing wrong at all.'" in (
        report.changed
    )
    assert "voice error 5603 EC_DECLINE: permanent: False -> True" in report.changed
    assert "sms error 2053 EC_BLACKLISTED_SENDERADDRESS: group: 2 -> 3" in report.changed
    apply(outputs)
    text = (imported / "sms.yaml").read_text(encoding="utf-8")
    assert "duplicate_of: EC_NOTSUBMITTEDTOSMPPCHANNEL  # in two groups" in text
    assert "EC_SS_INCOMPATIBILITY" not in text
    # the moved row now comes after its duplicate: the spec says so, naming the line
    with pytest.raises(SpecError, match="names no earlier error code"):
        load_spec(imported)


def test_check_mode_reports_and_writes_nothing(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        SMALL_PAGE.read_text(encoding="utf-8").replace("- Declined.", "- Declined!"),
        encoding="utf-8",
    )
    before = (imported / "voice.yaml").read_text(encoding="utf-8")
    assert run_import(page, imported, check=True) == 1
    out = capsys.readouterr().out
    assert "changed voice error 5603 EC_DECLINE: description: 'Declined.' -> 'Declined!'" in out
    assert "spec/voice.yaml" in out
    assert (imported / "voice.yaml").read_text(encoding="utf-8") == before
    assert run_import(page, imported, check=False) == 0
    assert "Declined!" in (imported / "voice.yaml").read_text(encoding="utf-8")
    assert run_import(page, imported, check=True) == 0


def test_section_without_a_channel_is_an_error(imported: Path) -> None:
    # a heading no channel can declare (the spec refuses "_" in one), so none ever claims it
    page = SMALL_PAGE.read_text(encoding="utf-8") + (
        "No_such_channel Error Codes\nOK (group id: 0) - none\nFine.\nID |\nPermanent |\n"
        "Error |\n9 |\nfalse |\nNONE_OK\n|\n"
    )
    with pytest.raises(SpecError, match="section 'No_such_channel Error Codes' maps to no channel"):
        import_page(page, imported)


def test_malformed_table_names_the_line() -> None:
    page = (
        "General Error Codes\nOK (group id: 0) - x\nFine.\nID |\nPermanent |\nError |\n"
        "0 |\nfalse |\n"
    )
    with pytest.raises(PageError, match=r"line \d+: table has 2 cells"):
        read_page(page)


def test_non_numeric_id_names_the_line() -> None:
    page = (
        "General Error Codes\nOK (group id: 0) - x\nFine.\nID |\nPermanent |\nError |\n"
        "zero |\nfalse |\nNO_ERROR\n|\n"
    )
    with pytest.raises(PageError, match=r"line 7: expected a numeric id, found 'zero'"):
        read_page(page)


BEYOND = """\
      - id: 4242
        name: EC_SEEN_IN_THE_WILD
        description: Seen in a log.
        source: payloads in a public integration
"""


def test_rows_beyond_the_page_are_kept_where_they_are_and_not_compared(imported: Path) -> None:
    sms = imported / "sms.yaml"
    text = sms.read_text(encoding="utf-8")
    anchor = "  - id: 3\n    name: OPERATOR_ERRORS\n"
    assert anchor in text
    sms.write_text(text.replace(anchor, BEYOND + anchor), encoding="utf-8")
    report, outputs = import_page(SMALL_PAGE.read_text(encoding="utf-8"), imported)
    assert report.empty
    assert outputs == {}
    spec = load_spec(imported)
    beyond = [c for c in spec.codes if not c.on_page]
    assert [(c.id, c.group_name, c.permanent) for c in beyond] == [(4242, "USER_ERRORS", None)]


def test_a_row_beyond_the_page_without_a_source_is_named_with_file_and_line(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sms = imported / "sms.yaml"
    text = sms.read_text(encoding="utf-8")
    anchor = "  - id: 3\n    name: OPERATOR_ERRORS\n"
    unsourced = BEYOND.replace("        source: payloads in a public integration\n", "")
    unsourced = unsourced.replace(
        "description: Seen in a log.", "permanent: false\n        description: x"
    )
    sms.write_text(text.replace(anchor, unsourced + anchor), encoding="utf-8")
    line = text[: text.index(anchor)].count("\n") + 1
    page = tmp_path / "page.txt"
    page.write_text(SMALL_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_import(page, imported, check=True) == 1
    out = capsys.readouterr().out
    assert (
        f"removed sms error 4242 EC_SEEN_IN_THE_WILD (spec/sms.yaml:{line}: not on the page, "
        "and no 'source')"
    ) in out
    assert "a row that is not on the page stays only with a 'source'" in out


def test_the_spec_matches_the_saved_page_in_every_row() -> None:
    # The page's rows, counted twice: read as tables, and as the raw text's id
    # cells (a line of digits alone, or before a cell's bar). Counted, not
    # written here, so the test holds for whatever page is saved (a new
    # channel's sections included) and still proves every row read.
    text = SAVED_PAGE.read_text(encoding="utf-8")
    page_rows = [
        (code.id, code.name)
        for section in read_page(text)
        for code in [*(c for g in section.groups for c in g.codes), *section.codes]
    ]
    assert len(page_rows) == len(re.findall(r"^[0-9]+(?: \|)?$", text, flags=re.M))
    spec = load_spec(SPEC)
    # the same rows (the spec keeps them channel by channel, the page section by section)
    assert Counter((c.id, c.name) for c in spec.codes if c.on_page) == Counter(page_rows)
    declared = [c for c in spec.codes if c.duplicate_of or c.member != c.name]
    assert len(declared) == 5  # 52, 7020, 7102 renamed; 2053 and 4102 listed twice
    flat = [c.name for c in spec.channels if c.errors and not c.error_groups]
    assert flat == ["mobile_identity", "dlt"]  # the sixth: tables without groups
    report, outputs = import_page(SAVED_PAGE.read_text(encoding="utf-8"), SPEC)
    assert report.empty
    assert outputs == {}


def with_column(page: str, header: str) -> str:
    """The small page with a column ``header`` added to the voice error table."""
    return page.replace(
        "ID |\nPermanent |\nError |\n5603\n|\nfalse\n|\nEC_DECLINE\n- Declined.\n|\n",
        f"ID |\nPermanent |\nError |\n{header} |\n5603\n|\nfalse\n|\nEC_DECLINE\n- Declined.\n|\n"
        "Call again later.\n|\n",
    )


# Made-up columns: no real column of the page is named like these, so a column
# declared in codegen/columns.py never collides with them.
NO_SUCH_COLUMN = "No such column"
TEST_COLUMN = Field("test_only_note", "str | None", "A note.", default=None, page="Test only note")


def test_an_unknown_column_is_named_with_its_line() -> None:
    page = with_column(SMALL_PAGE.read_text(encoding="utf-8"), NO_SUCH_COLUMN)
    line = page.splitlines().index(f"{NO_SUCH_COLUMN} |") + 1
    with pytest.raises(
        PageError, match=rf"line {line}: unknown column '{NO_SUCH_COLUMN}'; declare"
    ):
        read_page(page)


def test_a_declared_column_is_read_from_the_page(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codegen import importer, page

    header, key = TEST_COLUMN.page, TEST_COLUMN.name
    assert header is not None
    monkeypatch.setattr(page, "DECLARED", {**page.DECLARED, header: TEST_COLUMN})
    monkeypatch.setattr(page, "KNOWN_HEADERS", (*page.KNOWN_HEADERS, header))
    monkeypatch.setattr(importer, "KEY_ORDER", (*importer.KEY_ORDER, key))
    text = with_column(SMALL_PAGE.read_text(encoding="utf-8"), header)
    [voice] = [s for s in read_page(text) if s.heading == "Voice Error Codes"]
    assert voice.all_codes[0].extra == {key: "Call again later."}
    report, outputs = import_page(text, imported)
    assert report.changed == [f"voice error 5603 EC_DECLINE: {key}: None -> 'Call again later.'"]
    assert f"        {key}: Call again later.\n" in outputs[imported / "voice.yaml"]
