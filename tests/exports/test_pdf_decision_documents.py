"""Beslutsunderlag and medfinansieringsintyg: content checked through pdftotext, fonts through
pdffonts, recording of every generated document on its case."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from samverkan_desktop.domain.catalog import DocumentKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.services import Services
from samverkan_desktop.services.documents import DocumentService, GeneratedPdf
from samverkan_desktop.services.errors import ValidationError

TODAY = date(2026, 11, 28)
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed")
HOSTILE = '<b>Fet</b> & <font color="red">röd</font> &amp; <br/> Łukasz Dvořák'


def _run(tool: list[str], data: bytes, tmp_path: Path) -> str:
    f = tmp_path / f"doc-{hashlib.sha256(data).hexdigest()[:8]}.pdf"
    f.write_bytes(data)
    return subprocess.run([*tool, str(f), *(["-"] if tool[0] == "pdftotext" else [])], check=True,
                          capture_output=True, text=True).stdout


def pages_text(data: bytes, tmp_path: Path) -> list[str]:
    """Text of each page, whitespace collapsed (NBSP counts as a space)."""
    raw = _run(["pdftotext", "-enc", "UTF-8"], data, tmp_path)
    return [" ".join(p.replace("\u00a0", " ").split()) for p in raw.split("\f")[:-1]]


def fonts(data: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) from pdffonts."""
    lines = _run(["pdffonts"], data, tmp_path).splitlines()[2:]
    return [(ln.split()[0], ln.split()[-5]) for ln in lines if ln.strip()]


def info(data: bytes, tmp_path: Path) -> dict[str, str]:
    out = _run(["pdfinfo", "-enc", "UTF-8"], data, tmp_path)
    return {k.strip(): v.strip() for k, v in (ln.split(":", 1) for ln in out.splitlines() if ":" in ln)}


def activity_id(sv: Services, title: str) -> int:
    return next(r.id for r in sv.portfolio.list_rows(TODAY) if r.title == title)


def assert_fonts_embedded(pdf: GeneratedPdf, tmp_path: Path) -> None:
    found = fonts(pdf.data, tmp_path)
    assert found, "no fonts listed"
    assert all(emb == "yes" for _, emb in found), found
    assert not any("Helvetica" in name for name, _ in found), found


@needs_poppler
def test_beslutsunderlag_two_identical_copies_with_marks_signatures_and_money(demo_sv: Services,
                                                                              tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    pdf = docs.beslutsunderlag(activity_id(demo_sv, "Språkutveckling i förskolan"), TODAY)
    pages = pages_text(pdf.data, tmp_path)
    assert len(pages) == pdf.pages == int(info(pdf.data, tmp_path)["Pages"])
    assert pdf.pages % 2 == 0 and pdf.pages >= 2
    half = pdf.pages // 2
    first, second = " ".join(pages[:half]), " ".join(pages[half:])
    # each copy starts on a new page and carries its mark on every page
    assert all("Exemplar 1 av 2" in p for p in pages[:half])
    assert all("Exemplar 2 av 2" in p for p in pages[half:])
    assert "Exemplar 2 av 2" not in first and "Exemplar 1 av 2" not in second
    assert first.replace("Exemplar 1 av 2", "X") == second.replace("Exemplar 2 av 2", "X")  # otherwise identical
    # page x av y counts within each copy
    for n in range(1, half + 1):
        assert f"Sida {n} av {half}" in pages[n - 1] and f"Sida {n} av {half}" in pages[half + n - 1]
    for text in (first, second):
        for needle in ("Örebro universitet", "Örebro kommun", "202100-1041", "Mikael Öhman", "Erik Sandberg",
                       "Förvaltningen Förskola och skola", "2027-01-01 – 2028-06-30", "Styrgrupp", "2026-09-24",
                       "§ 4", "ORU 2.1.2-2210/26", "515 000 kr", "150 000 kr", "1 030 000 kr", "1 450 000 kr",
                       "Årsrapport", "2028-01-01", "Slutrapport", "2028-06-30", "vetenskaplig slutrapport",
                       "resultatspridningstillfälle", "För Örebro universitet", "Rektor", "För Örebro kommun",
                       "Kommundirektör", "Rektor Örebro universitet", "Kommundirektör Örebro"):
            assert needle in text, needle
        assert "Kommunbolagschef" not in text
        for line in ("Ort och datum", "Underskrift", "Namnförtydligande"):
            assert len(re.findall(rf"\b{line}\b", text)) == 2, line  # one per signatory
    # the signature block is kept on one page
    sign_page = next(p for p in pages[:half] if "Namnförtydligande" in p)
    assert sign_page.count("Ort och datum") == 2 and len(re.findall(r"\bUnderskrift\b", sign_page)) == 2
    meta = info(pdf.data, tmp_path)
    assert meta["Title"] == "Språkutveckling i förskolan"
    assert meta["Author"] == "Örebro kommun"
    assert meta["Subject"].startswith("Beslutsunderlag")
    assert_fonts_embedded(pdf, tmp_path)


@needs_poppler
def test_kommunbolagschef_signs_where_a_municipal_company_is_party(demo_sv: Services, tmp_path: Path) -> None:
    aid = activity_id(demo_sv, "Cirkulära byggmaterial i kommunala fastigheter")  # company: Rodret
    demo_sv.portfolio.move_stage(aid, Stage.STYRGRUPP, on=TODAY)
    demo_sv.portfolio.move_stage(aid, Stage.BESLUTSUNDERLAG, on=TODAY, body="Styrgrupp", paragraph="§ 9")
    pdf = DocumentService(demo_sv.db).beslutsunderlag(aid, TODAY)
    text = " ".join(pages_text(pdf.data, tmp_path))
    assert "För Rodret i Örebro AB" in text and "Kommunbolagschef" in text
    assert "Kommunbolagschef Rodret" in text  # the name from the person's title
    assert "Kommundirektör" not in text
    assert "Kommunalt bolag" in text and "556418-3795" in text


@needs_poppler
def test_hostile_title_and_non_latin1_names_print_literally(demo_sv: Services, tmp_path: Path) -> None:
    aid = activity_id(demo_sv, "Hållbar stadsutveckling")  # researcher: Łukasz Dvořák
    d = demo_sv.portfolio.get(aid, TODAY)
    demo_sv.portfolio.update(aid, d.version, replace(d.data, title=HOSTILE, case_number="KS <1> & 2"), TODAY)
    pdf = DocumentService(demo_sv.db).beslutsunderlag(aid, TODAY)
    text = " ".join(pages_text(pdf.data, tmp_path))
    for needle in ('<b>Fet</b>', '<font color="red">röd</font>', "&amp;", "<br/>", "Łukasz Dvořák",
                   "KS <1> & 2"):
        assert needle in text, needle
    assert info(pdf.data, tmp_path)["Title"] == HOSTILE
    assert_fonts_embedded(pdf, tmp_path)


@needs_poppler
def test_long_texts_continue_on_the_next_page(demo_sv: Services, tmp_path: Path) -> None:
    aid = activity_id(demo_sv, "Språkutveckling i förskolan")
    d = demo_sv.portfolio.get(aid, TODAY)
    question = " ".join(f"ord{i}" for i in range(1200)) + " SLUTET"
    demo_sv.portfolio.update(aid, d.version, replace(d.data, research_question=question,
                                                     deliverables="\n".join(f"Leverans {i}" for i in range(70))),
                             TODAY)
    pdf = DocumentService(demo_sv.db).beslutsunderlag(aid, TODAY)  # a table row taller than a page splits
    pages = pages_text(pdf.data, tmp_path)
    assert pdf.pages == len(pages) > 4
    assert "SLUTET" in " ".join(pages) and "Leverans 69" in " ".join(pages)
    half = pdf.pages // 2
    assert f"Sida {half} av {half}" in pages[half - 1] and "Exemplar 2 av 2" in pages[half]


def test_beslutsunderlag_only_for_a_granted_activity(demo_sv: Services) -> None:
    with pytest.raises(ValidationError, match="beviljad"):
        DocumentService(demo_sv.db).beslutsunderlag(activity_id(demo_sv, "Skolnärvaro och psykisk hälsa"), TODAY)


def test_same_data_same_bytes_and_saving_records_the_document(demo_sv: Services, tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    aid = activity_id(demo_sv, "Språkutveckling i förskolan")
    a, b = docs.beslutsunderlag(aid, TODAY), docs.beslutsunderlag(aid, TODAY)
    assert a.data == b.data and a.data.startswith(b"%PDF-")
    assert a.filename.endswith(".pdf") and not re.search(r'[<>:"/\\|?*]', a.filename)
    saved = docs.save(a, tmp_path)  # a folder: the suggested name is used
    assert saved.path == tmp_path / a.filename
    assert saved.path.read_bytes() == a.data
    assert saved.sha256 == hashlib.sha256(a.data).hexdigest()
    assert not list(tmp_path.glob(".*.tmp"))
    rows = demo_sv.portfolio.get(aid, TODAY).documents
    assert [(r.kind, r.sha256, r.filename) for r in rows] == [
        (DocumentKind.BESLUTSUNDERLAG.name, saved.sha256, str(saved.path))]
    assert rows[0].created_by
    assert [r.id for r in docs.identify(saved.path.read_bytes())] == [saved.id]
    assert docs.identify(b"%PDF-other") == []
    # printing without a file is recorded too
    docs.record_pdf(a, "(utskrift)")
    assert [r.filename for r in docs.documents(a.refs)] == [str(saved.path), "(utskrift)"]
    with pytest.raises(ValidationError):
        docs.record(DocumentKind.BESLUTSUNDERLAG, a.refs, "not-a-hash")


def test_save_records_nothing_when_the_file_cannot_be_written(demo_sv: Services, tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    aid = activity_id(demo_sv, "Språkutveckling i förskolan")
    pdf = docs.beslutsunderlag(aid, TODAY)
    with pytest.raises(OSError):
        docs.save(pdf, tmp_path / "missing-folder" / "x.pdf")
    assert demo_sv.portfolio.get(aid, TODAY).documents == []


@needs_poppler
def test_medfinansieringsintyg_for_the_external_funder(demo_sv: Services, tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    pdf = docs.medfinansieringsintyg(activity_id(demo_sv, "AI-stöd i hemtjänstens planering"), TODAY)
    assert pdf.kind == DocumentKind.MEDFINANSIERINGSINTYG
    pages = pages_text(pdf.data, tmp_path)
    assert len(pages) == pdf.pages == 1
    text = pages[0]
    for needle in ("Medfinansieringsintyg", "Vinnova", "AI-stöd i hemtjänstens planering", "Fatima Haddad",
                   "Örebro universitet", "2027-03-01 – 2029-02-28", "2 400 000 kr", "200 000 kr", "300 000 kr",
                   "400 000 kr", "600 000 kr", "1 000 000 kr", "Styrgrupp, 2026-09-24, § 1", "medfinansiering",
                   "Rektor", "Kommundirektör", "Ort och datum", "Underskrift", "Namnförtydligande", "Sida 1 av 1"):
        assert needle in text, needle
    assert "Lärosätets insats" not in text  # only the municipality's own co-financing
    assert_fonts_embedded(pdf, tmp_path)
    with pytest.raises(ValidationError, match="extern finansiär"):
        docs.medfinansieringsintyg(activity_id(demo_sv, "Språkutveckling i förskolan"), TODAY)


def test_cli_exports_decision_and_certificate(demo_sv: Services, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from samverkan_desktop.cli import main

    db_path = demo_sv.db.path
    assert db_path is not None
    demo_sv.db.dispose()
    base = ["--db", str(db_path), "--today", TODAY.isoformat(), "export"]
    out = tmp_path / "bu.pdf"
    assert main([*base, "decision", "--activity", str(activity_id(demo_sv, "Språkutveckling i förskolan")),
                 "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    printed = capsys.readouterr().out
    assert hashlib.sha256(out.read_bytes()).hexdigest() in printed
    cert = tmp_path / "intyg.pdf"
    assert main([*base, "certificate", "--activity", str(activity_id(demo_sv, "AI-stöd i hemtjänstens planering")),
                 "--out", str(cert)]) == 0
    assert cert.is_file()
    assert main([*base, "decision", "--activity", str(activity_id(demo_sv, "Trygghet i centrum")),
                 "--out", str(tmp_path / "no.pdf")]) == 1
    assert "beviljad" in capsys.readouterr().err
    assert not (tmp_path / "no.pdf").exists()
