"""Decision documents from the window: print preview (the PDF's own pages, via QtPdf) with two
copies preselected for beslutsunderlag and medfinansieringsintyg, "Spara som PDF…" and
"Öppna" in the system's PDF viewer. Every printed, saved or opened document is recorded on
its case with the SHA-256 of its bytes (services/documents.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.catalog import DocumentKind
from ...exporters.document_models import OrgBranding
from ...services.documents import GeneratedPdf
from ...settings import save_preferences
from ..context import UiContext
from ..standard_dirs import default_export_dir

#: Documents signed on paper in two copies (seed 004).
TWO_COPIES = frozenset({DocumentKind.BESLUTSUNDERLAG, DocumentKind.MEDFINANSIERINGSINTYG})
ACTIVITY_DOCUMENTS = (DocumentKind.BESLUTSUNDERLAG, DocumentKind.MEDFINANSIERINGSINTYG)
MEETING_DOCUMENTS = (DocumentKind.KALLELSE, DocumentKind.PROTOKOLL, DocumentKind.PROTOKOLLSUTDRAG)
RENDER_DPI = 300


def render_pdf_pages(data: bytes, printer: QPrinter) -> int:
    """Paint every page of a PDF onto `printer` (the print preview and real printing share this).
    Returns the number of pages painted."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            size_pt = doc.pagePointSize(page)
            px = QSize(int(size_pt.width() / 72 * RENDER_DPI), int(size_pt.height() / 72 * RENDER_DPI))
            image = doc.render(page, px)
            target: QRect = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
        return doc.pageCount()
    finally:
        painter.end()
        doc.close()
        buffer.close()


def make_printer(pdf: GeneratedPdf) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      printer.pageLayout().margins()))
    printer.setFullPage(True)
    printer.setDocName(pdf.title)
    if pdf.kind in TWO_COPIES:
        printer.setCopyCount(2)
    return printer


def print_to_pdf_file(pdf: GeneratedPdf, path: Path) -> QPrinter:
    """The print path with a PDF file as the printer (used offscreen by tests)."""
    printer = make_printer(pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    render_pdf_pages(pdf.data, printer)
    return printer


class DocumentActions(QObject):
    """Generate a document in the background, then preview/print, save or open it."""

    status = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last_preview: QPrintPreviewDialog | None = None

    def branding(self) -> OrgBranding | None:
        p = self.ctx.prefs
        if not p.organisation_name and not p.logo_path:
            return None
        logo = Path(p.logo_path) if p.logo_path and Path(p.logo_path).is_file() else None
        return OrgBranding(p.organisation_name, logo) if p.organisation_name else None

    def generate(self, kind: DocumentKind, ident: int, then: Callable[[GeneratedPdf], None],
                 paragraph: int | None = None) -> None:
        docs = self.ctx.services.documents
        today = self.ctx.today()
        branding = self.branding()
        work: Callable[[], GeneratedPdf]
        if kind == DocumentKind.BESLUTSUNDERLAG:
            work = lambda: docs.beslutsunderlag(ident, today, branding)  # noqa: E731
        elif kind == DocumentKind.MEDFINANSIERINGSINTYG:
            work = lambda: docs.medfinansieringsintyg(ident, today, branding)  # noqa: E731
        elif kind == DocumentKind.KALLELSE:
            work = lambda: docs.kallelse(ident, today, branding)  # noqa: E731
        elif kind == DocumentKind.PROTOKOLL:
            work = lambda: docs.protokoll(ident, today, branding)  # noqa: E731
        else:
            work = lambda: docs.protokollsutdrag(ident, paragraph or 1, today, branding)  # noqa: E731

        def failed(exc: BaseException) -> None:
            self.ctx.messenger.warning(self.parent_widget, self.tr("Document"), str(exc))

        self.ctx.tasks.run(self.tr("Creating %1…").replace("%1", kind.value), work,
                           on_done=lambda pdf: then(pdf), on_error=failed)  # type: ignore[arg-type]

    # ---- what to do with a generated document -------------------------------------
    def preview(self, pdf: GeneratedPdf) -> QPrintPreviewDialog:
        printer = make_printer(pdf)
        dlg = QPrintPreviewDialog(printer, self.parent_widget)
        # the dialog does not own the printer: keep it alive as long as the dialog
        self._printers = [*getattr(self, "_printers", [])[-4:], printer]
        dlg.setWindowTitle(self.tr("Print: %1").replace("%1", pdf.title))
        dlg.resize(900, 1000)
        dlg.paintRequested.connect(lambda p: render_pdf_pages(pdf.data, p))

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.ctx.services.documents.record_pdf(pdf, self.tr("(printout)"))
                self.status.emit(self.tr("%1 sent to the printer and recorded.").replace("%1", pdf.title))

        dlg.finished.connect(finished)
        self.last_preview = dlg
        dlg.open()
        return dlg

    def save_as(self, pdf: GeneratedPdf) -> None:
        start = Path(self.ctx.prefs.last_export_dir or default_export_dir()) / pdf.filename
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Save as PDF"), str(start),
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.save_to(pdf, Path(path))

    def save_to(self, pdf: GeneratedPdf, path: Path) -> None:
        try:
            saved = self.ctx.services.documents.save(pdf, path)
        except OSError as exc:
            from ...db.errors import describe_os_error

            self.ctx.messenger.warning(self.parent_widget, self.tr("Save as PDF"),
                                       self.tr("The file could not be written: %1").replace(
                                           "%1", f"{describe_os_error(exc)} ({path})"))
            return
        self.ctx.prefs = replace(self.ctx.prefs, last_export_dir=str(path.parent))
        try:
            save_preferences(self.ctx.prefs)
        except OSError:
            pass
        self.status.emit(self.tr("Saved %1 (SHA-256 %2…)").replace("%1", str(saved.path))
                         .replace("%2", saved.sha256[:12]))

    def open_external(self, pdf: GeneratedPdf) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="samverkan-"))
        saved = self.ctx.services.documents.save(pdf, folder / pdf.filename)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved.path)))
        self.status.emit(self.tr("Opened %1").replace("%1", pdf.title))
        return saved.path


class DocumentDialog(QDialog):
    """Arkiv → Dokument…: choose the document for the selected activity or meeting."""

    def __init__(self, actions: DocumentActions, activity: tuple[int, str] | None, meeting: tuple[int, str] | None,
                 paragraphs: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.activity = activity
        self.meeting = meeting
        self.setWindowTitle(self.tr("Documents for signature and meetings"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Document"))
        for k in ACTIVITY_DOCUMENTS if activity else ():
            self.kind.addItem(k.value.capitalize(), k)
        for k in MEETING_DOCUMENTS if meeting else ():
            self.kind.addItem(k.value.capitalize(), k)
        form.addRow(self.tr("Document"), self.kind)
        self.target = QLabel()
        self.target.setWordWrap(True)
        form.addRow(self.tr("For"), self.target)
        self.paragraph = QSpinBox()
        self.paragraph.setAccessibleName(self.tr("Paragraph (§)"))
        self.paragraph.setRange(min(paragraphs, default=1), max(paragraphs, default=1))
        self.paragraph.setPrefix("§ ")
        form.addRow(self.tr("Paragraph (§)"), self.paragraph)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print preview…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.open_button = QPushButton(self.tr("Open"))
        for b in (self.print_button, self.save_button, self.open_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.print_button.clicked.connect(lambda: self._run(self.actions.preview))
        self.save_button.clicked.connect(lambda: self._run(self.actions.save_as))
        self.open_button.clicked.connect(lambda: self._run(self.actions.open_external))
        self.kind.currentIndexChanged.connect(self._update)
        self._update()

    def _current(self) -> tuple[DocumentKind, int] | None:
        kind = self.kind.currentData()
        if kind is None:
            return None
        target = self.activity if kind in ACTIVITY_DOCUMENTS else self.meeting
        return (kind, target[0]) if target else None

    def _update(self) -> None:
        kind = self.kind.currentData()
        target = self.activity if kind in ACTIVITY_DOCUMENTS else self.meeting
        self.target.setText(target[1] if target else self.tr("Select an activity or a meeting first."))
        self.paragraph.setEnabled(kind == DocumentKind.PROTOKOLLSUTDRAG)
        for b in (self.print_button, self.save_button, self.open_button):
            b.setEnabled(target is not None)

    def _run(self, action: Callable[[GeneratedPdf], object]) -> None:
        current = self._current()
        if current is None:
            return
        kind, ident = current
        self.actions.generate(kind, ident, lambda pdf: action(pdf),
                              paragraph=self.paragraph.value() if kind == DocumentKind.PROTOKOLLSUTDRAG else None)
