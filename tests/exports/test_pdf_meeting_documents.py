"""Kallelse/dagordning, protokoll and protokollsutdrag in the municipal form of seed 000."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import AgendaKind, DocumentKind, MeetingStatus
from samverkan_desktop.domain.stages import Outcome
from samverkan_desktop.services import Services
from samverkan_desktop.services.documents import DocumentService, GeneratedPdf
from samverkan_desktop.services.errors import ValidationError
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput

TODAY = date(2026, 11, 28)
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")
SEED_ORDER = ("§ 14", "Ärendenummer KS2021/812", "Deltagande i LOFT 2022–2024", "Förslag till beslut", "Yrkanden",
              "Beslutsgång", "Beslut", "Reservationer", "Beslutsunderlag", "Beslutet skickas till")


def pages_text(pdf: GeneratedPdf, tmp_path: Path) -> list[str]:
    f = tmp_path / f"{pdf.kind.name}.pdf"
    f.write_bytes(pdf.data)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [" ".join(p.replace("\u00a0", " ").split()) for p in raw.split("\f")[:-1]]


def assert_fonts_embedded(pdf: GeneratedPdf, tmp_path: Path) -> None:
    f = tmp_path / "fonts.pdf"
    f.write_bytes(pdf.data)
    lines = subprocess.run(["pdffonts", str(f)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert lines and all(ln.split()[-5] == "yes" for ln in lines), lines
    assert not any("Helvetica" in ln for ln in lines)


def ksau_id(sv: Services) -> int:
    return next(m.id for m in sv.meetings.list_rows() if m.body == Body.KSAU)


def called_meeting_id(sv: Services) -> int:
    return next(m.id for m in sv.meetings.list_rows() if m.status == MeetingStatus.KALLAT and m.item_count)


@needs_poppler
def test_kallelse_lists_time_place_attendees_and_agenda(demo_sv: Services, tmp_path: Path) -> None:
    mid = called_meeting_id(demo_sv)
    pdf = DocumentService(demo_sv.db).kallelse(mid, TODAY)
    assert pdf.kind == DocumentKind.KALLELSE and pdf.refs.meeting_id == mid
    pages = pages_text(pdf, tmp_path)
    assert len(pages) == pdf.pages == 1
    text = pages[0]
    for needle in ("KALLELSE", "Kommungemensam beredning", "tisdag 16 februari 2027, kl. 13.00–15.00",
                   "Örebro universitet, Långhuset", "Karin Sjöberg", "Ahmed Rahimi", "Elin Nyström", "Dagordning",
                   "Cirkulära byggmaterial i kommunala fastigheter", "Skolnärvaro och psykisk hälsa",
                   "Dnr Ks 2022-00417", "Sida 1 av 1"):
        assert needle in text, needle
    # pdftotext joins "§" and the number in the narrow § column; the PNG shows "§ 1"
    assert re.search(r"§ ?1 Cirkulära", text) and re.search(r"§ ?2 Skolnärvaro", text)
    assert_fonts_embedded(pdf, tmp_path)


@needs_poppler
def test_protokoll_in_the_municipal_form_with_justering(demo_sv: Services, tmp_path: Path) -> None:
    mid = ksau_id(demo_sv)
    pdf = DocumentService(demo_sv.db).protokoll(mid, TODAY)
    pages = pages_text(pdf, tmp_path)
    assert len(pages) == pdf.pages == 2
    front, para = pages
    for needle in ("PROTOKOLL", "Kommunstyrelsens arbetsutskott", "Sammanträdesdatum 2021-11-09",
                   "Enköpings kommunhus, Kungsgatan 42", "Närvarande", "Ledamot (NE)", "Frånvarande", "Ledamot (C)",
                   "Justeringens plats och tid", "Sekreterare", "Nämndsekreterare", "Ordförande", "Ordförande (M)",
                   "Justerare", "Ledamot (S)", "Paragrafer § 14", "Anslag/bevis", "Sida 1 av 2",
                   "Justerandes signatur", "Utdragsbestyrkande"):
        assert needle in front, needle
    pos = 0
    for needle in SEED_ORDER:  # the § starts its own page, fields in the seed's order
        pos = para.index(needle, pos) + len(needle)
    for needle in ("Ledamot (NE) yrkar avslag", "tre förslag till beslut",
                   "Arbetsutskottet föreslår kommunstyrelsen besluta enligt förvaltningens förslag",
                   "reserverar sig mot beslutet", "Kommunledningsförvaltningen", "Sida 2 av 2"):
        assert needle in para, needle
    assert_fonts_embedded(pdf, tmp_path)


@needs_poppler
def test_protokollsutdrag_for_one_paragraph(demo_sv: Services, tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    mid = ksau_id(demo_sv)
    pdf = docs.protokollsutdrag(mid, 14, TODAY)
    assert pdf.kind == DocumentKind.PROTOKOLLSUTDRAG
    assert pdf.refs.meeting_id == mid and pdf.refs.agreement_id is not None
    pages = pages_text(pdf, tmp_path)
    assert len(pages) == pdf.pages == 1
    text = pages[0]
    for needle in ("PROTOKOLLSUTDRAG", "Dnr KS2021/812", "§ 14", "Deltagande i LOFT 2022–2024", "Yrkanden",
                   "Beslutsgång", "Reservationer", "Beslutet skickas till", "Utdragsbestyrkande",
                   "överensstämmer med originalprotokollet", "Protokollet är justerat."):
        assert needle in text, needle
    with pytest.raises(ValidationError, match="§ 99"):
        docs.protokollsutdrag(mid, 99, TODAY)


@needs_poppler
def test_hostile_meeting_text_prints_literally(demo_sv: Services, tmp_path: Path) -> None:
    sv = demo_sv
    mid = sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2027, 1, 12), "Styrgrupp <i>extra</i> & Co",
                                          "Rum <3>; plan 2, \\\\server", "09:00", "10:00", chair="Łukasz Dvořák",
                                          secretary="Zoë Ødegård", adjusters="Ana Ćwik, Şahin Öz"))
    item = sv.meetings.add_item(mid, AgendaItemInput('Ärende <b>fet</b> & "citat"', AgendaKind.BESLUT,
                                                     case_number="Dnr <x>&y", proposal="Förslag & <u>x</u>",
                                                     documents="Bilaga <1>\nBilaga & 2"))
    sv.meetings.update_item_text(item, motions="Yrkande <script>", sent_to="Nämnd & bolag")
    sv.meetings.record_outcome(item, Outcome.NOTERAS, "Beslut <em>noteras</em> &amp;", "Reservation <r>")
    docs = DocumentService(sv.db)
    for pdf in (docs.kallelse(mid, TODAY), docs.protokoll(mid, TODAY)):
        text = " ".join(pages_text(pdf, tmp_path))
        for needle in ("Styrgrupp <i>extra</i> & Co", "Rum <3>; plan 2, \\\\server", 'Ärende <b>fet</b> & "citat"',
                       "Dnr <x>&y", "Bilaga <1>", "Bilaga & 2", "Łukasz Dvořák", "Zoë Ødegård"):
            assert needle in text, (pdf.kind, needle)
        assert_fonts_embedded(pdf, tmp_path)
    text = " ".join(pages_text(docs.protokoll(mid, TODAY), tmp_path))
    for needle in ("Yrkande <script>", "Beslut <em>noteras</em> &amp;", "Reservation <r>", "Nämnd & bolag",
                   "Ana Ćwik", "Şahin Öz"):
        assert needle in text, needle


@needs_poppler
def test_long_meetings_split_across_pages(tmp_path: Path) -> None:
    from samverkan_desktop.exporters.document_models import AgendaEntry, MeetingAttendee, MeetingDocument, OrgBranding
    from samverkan_desktop.exporters.meeting_documents import render_kallelse, render_protokoll

    people = tuple(MeetingAttendee(f"Ledamot {i}", "Ledamot", True if i % 2 else None) for i in range(150))
    items = tuple(AgendaEntry(n, f"Ärende {n}", "beslutsärende", f"KS 2027/{n}", tuple(f"Bilaga {j}" for j in range(40)),
                              "Förslag " * 600, "Yrkande\n" * 40, "Beslutsgång " * 200, "Beslut " * 50, "", ("Nämnden",))
                  for n in (1, 2))
    m = MeetingDocument(OrgBranding("Kommunen"), TODAY, "Styrgrupp", "Styrgrupp", date(2027, 1, 12), "13:00",
                        "15:00", "Rådhuset", "Ordf", "Sekr", ("Just",), people, items)
    for out in (render_kallelse(m), render_protokoll(m)):
        f = tmp_path / "long.pdf"
        f.write_bytes(out.data)
        text = subprocess.run(["pdftotext", str(f), "-"], check=True, capture_output=True, text=True).stdout
        assert out.pages > 3 and "Ledamot 149" in text and f"Sida {out.pages} av {out.pages}" in text
        first = text.split("\f")[0]
        assert re.search(r"Ledamot 1\b", first)  # a long table starts under its heading, not on a new page


def test_meeting_documents_are_recorded_on_the_meeting(demo_sv: Services, tmp_path: Path) -> None:
    docs = DocumentService(demo_sv.db)
    mid = ksau_id(demo_sv)
    saved = docs.save(docs.protokollsutdrag(mid, 14, TODAY), tmp_path / "utdrag.pdf")
    docs.save(docs.protokoll(mid, TODAY), tmp_path / "protokoll.pdf")
    rows = docs.documents(docs.protokoll(mid, TODAY).refs)
    assert [r.kind for r in rows] == [DocumentKind.PROTOKOLLSUTDRAG.name, DocumentKind.PROTOKOLL.name]
    assert rows[0].sha256 == saved.sha256


def test_cli_exports_agenda_and_minutes(demo_sv: Services, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from samverkan_desktop.cli import main

    mid, called = ksau_id(demo_sv), called_meeting_id(demo_sv)
    db_path = demo_sv.db.path
    assert db_path is not None
    demo_sv.db.dispose()
    base = ["--db", str(db_path), "--today", TODAY.isoformat(), "export"]
    assert main([*base, "agenda", "--meeting", str(called), "--out", str(tmp_path / "k.pdf")]) == 0
    assert main([*base, "minutes", "--meeting", str(mid), "--out", str(tmp_path / "p.pdf")]) == 0
    assert main([*base, "minutes", "--meeting", str(mid), "--paragraph", "14", "--out", str(tmp_path / "u.pdf")]) == 0
    assert all((tmp_path / n).read_bytes().startswith(b"%PDF-") for n in ("k.pdf", "p.pdf", "u.pdf"))
    capsys.readouterr()
    assert main([*base, "minutes", "--meeting", str(mid), "--paragraph", "3", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "§ 3 finns inte" in capsys.readouterr().err
