"""Printing from the app: the same code path printed to a PDF file offscreen; two copies are
preselected for the beslutsunderlag; saving records the document with its SHA-256."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from samverkan_desktop.domain.catalog import DocumentKind
from samverkan_desktop.services import Services
from samverkan_desktop.settings import Preferences
from samverkan_desktop.ui.context import UiContext
from samverkan_desktop.ui.dialogs.print_documents import DocumentActions, print_to_pdf_file
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.tasks import TaskRunner

TODAY = date(2026, 11, 28)


def _activity(sv: Services, title: str) -> int:
    return next(r.id for r in sv.portfolio.list_rows(TODAY) if r.title == title)


@pytest.fixture
def actions(qtbot, demo_sv: Services) -> DocumentActions:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    ctx = UiContext(services=demo_sv, prefs=Preferences(), messenger=RecordingMessenger(), tasks=TaskRunner(None),
                    today_fn=lambda: TODAY)
    return DocumentActions(ctx, host)


def _generate(qtbot, actions: DocumentActions, kind: DocumentKind, ident: int):  # type: ignore[no-untyped-def]
    got: list[object] = []
    actions.generate(kind, ident, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=20_000)
    return got[0]


def test_print_path_renders_every_page_and_two_copies(qtbot, actions: DocumentActions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _activity(actions.ctx.services, "Språkutveckling i förskolan")
    pdf = _generate(qtbot, actions, DocumentKind.BESLUTSUNDERLAG, aid)
    assert pdf.pages >= 2
    out = tmp_path / "utskrift.pdf"
    printer = print_to_pdf_file(pdf, out)
    assert printer.copyCount() == 2
    assert out.stat().st_size > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages == pdf.pages


def test_preview_preselects_two_copies_and_minutes_one(qtbot, actions: DocumentActions) -> None:  # type: ignore[no-untyped-def]
    aid = _activity(actions.ctx.services, "Språkutveckling i förskolan")
    pdf = _generate(qtbot, actions, DocumentKind.BESLUTSUNDERLAG, aid)
    dlg = actions.preview(pdf)
    assert dlg.isVisible()
    assert dlg.printer().copyCount() == 2
    dlg.reject()
    ksau = next(m.id for m in actions.ctx.services.meetings.list_rows() if m.held_on == date(2021, 11, 9))
    minutes = _generate(qtbot, actions, DocumentKind.PROTOKOLL, ksau)
    dlg2 = actions.preview(minutes)
    assert dlg2.printer().copyCount() == 1
    dlg2.reject()


def test_save_as_records_the_document_with_its_hash(qtbot, actions: DocumentActions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = _activity(actions.ctx.services, "AI-stöd i hemtjänstens planering")
    pdf = _generate(qtbot, actions, DocumentKind.MEDFINANSIERINGSINTYG, aid)
    target = tmp_path / "Intyg åäö med mellanslag.pdf"
    actions.save_to(pdf, target)
    data = target.read_bytes()
    docs = actions.ctx.services.portfolio.get(aid, TODAY).documents
    assert docs and docs[-1].sha256 == hashlib.sha256(data).hexdigest()
    assert actions.ctx.prefs.last_export_dir == str(tmp_path)


def test_a_file_that_cannot_be_written_is_explained_in_swedish(qtbot, actions: DocumentActions,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    aid = _activity(actions.ctx.services, "AI-stöd i hemtjänstens planering")
    pdf = _generate(qtbot, actions, DocumentKind.MEDFINANSIERINGSINTYG, aid)
    before = len(actions.ctx.services.portfolio.get(aid, TODAY).documents)
    target = tmp_path / "borttagen mapp" / "Intyg.pdf"  # the folder was removed meanwhile
    actions.save_to(pdf, target)
    kind, title, text = actions.ctx.messenger.shown[-1]
    assert (kind, title) == ("warning", "Spara som PDF")
    assert text == f"Filen kunde inte skrivas: filen eller mappen finns inte ({target})"
    assert len(actions.ctx.services.portfolio.get(aid, TODAY).documents) == before  # nothing recorded


def test_a_document_that_does_not_apply_says_why(qtbot, actions: DocumentActions) -> None:  # type: ignore[no-untyped-def]
    idea = _activity(actions.ctx.services, "Unga vuxnas väg till arbete")
    got: list[object] = []
    actions.generate(DocumentKind.BESLUTSUNDERLAG, idea, got.append)
    messenger = actions.ctx.messenger
    assert isinstance(messenger, RecordingMessenger)
    qtbot.waitUntil(lambda: bool(messenger.shown), timeout=20_000)
    assert got == []
    assert messenger.shown[-1][0] == "warning"


def test_print_buttons_in_the_tabs_open_the_document_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton

    from samverkan_desktop.ui.dialogs.print_documents import DocumentDialog

    from .conftest import wait_tasks

    window.tabs.setCurrentWidget(window.portfolio)
    wait_tasks(qtbot, window)
    aid = _activity(window.ctx.services, "Språkutveckling i förskolan")
    window.navigate("activity", aid)
    qtbot.waitUntil(lambda: window.portfolio.current_record() is not None, timeout=20_000)
    button = window.portfolio.findChild(QPushButton, "printDocuments")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentDialog) and w.isVisible()]
    assert dialogs
    dlg = dialogs[-1]
    assert [dlg.kind.itemText(i) for i in range(dlg.kind.count())][:2] == ["Beslutsunderlag", "Medfinansieringsintyg"]
    assert "Språkutveckling i förskolan" in dlg.target.text()
    assert dlg.print_button.isEnabled()
    dlg.reject()
