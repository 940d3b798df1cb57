"""Arkiv → Exportera → Portfölj som Excel…, and Arkiv → Importera portfölj…: the workbook
generators of exporters/ run on the task runner (progress after 500 ms, cancel); an import is
previewed first and written only when the user confirms, in one transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...settings import save_preferences
from ..context import UiContext
from ..standard_dirs import default_export_dir


class ExportOptionsDialog(QDialog):
    """Scope of the board's workbook: all agreements or one, all years or one."""

    chosen = Signal(object, object)  # agreement_id | None, year | None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the portfolio to Excel"))
        form = QFormLayout(self)
        self.agreement = QComboBox()
        self.agreement.setAccessibleName(self.tr("Agreement"))
        self.agreement.addItem(self.tr("All agreements"), None)
        for aid, title in ctx.services.agreements.titles():
            self.agreement.addItem(title, aid)
        form.addRow(self.tr("Agreement"), self.agreement)
        self.year = QComboBox()
        self.year.setAccessibleName(self.tr("Year"))
        self.year.addItem(self.tr("All years"), None)
        this = ctx.today().year
        for y in range(this + 2, this - 6, -1):
            self.year.addItem(str(y), y)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(QLabel(self.tr("The workbook has a summary for the board, the agreements, the portfolio, the "
                                   "money per year and source, follow-up, meetings and decisions, deadlines, and "
                                   "what changed since the previous export of the same selection.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton(self.tr("Export…"))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _ok(self) -> None:
        self.chosen.emit(self.agreement.currentData(), self.year.currentData())
        self.accept()


class ExcelActions(QObject):
    status = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.last_preview: Any = None

    # ---- export -------------------------------------------------------------------
    def ask_export(self) -> None:
        dlg = ExportOptionsDialog(self.ctx, self.parent_widget)
        dlg.chosen.connect(self._ask_file)
        dlg.open()

    def _ask_file(self, agreement_id: object, year: object) -> None:
        name = f"samverkan-portfolj-{self.ctx.today().isoformat()}.xlsx"
        start = Path(self.ctx.prefs.last_export_dir or default_export_dir()) / name
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Export the portfolio to Excel"),
                                              str(start), self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(Path(path), agreement_id, year)  # type: ignore[arg-type]

    def export_to(self, path: Path, agreement_id: int | None = None, year: int | None = None) -> None:
        sv, today = self.ctx.services, self.ctx.today()

        def work() -> Any:
            # imported here, on the worker thread: the first import of openpyxl takes 0.3-0.5 s
            from ...exporters.workbook import export_portfolio

            return export_portfolio(sv, path, today, year=year, agreement_id=agreement_id)

        def done(result: Any) -> None:
            self._remember_folder(path)
            self.status.emit(self.tr("Workbook written: %1").replace("%1", str(result.path)))
            if self.ctx.messenger.confirm(self.parent_widget, self.tr("Export the portfolio to Excel"),
                                          self.tr("The workbook is ready:\n%1\n\nOpen it now?")
                                          .replace("%1", str(result.path))):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

        self.ctx.tasks.run(self.tr("Exporting the portfolio…"), work, on_done=done, on_error=self._failed,
                           on_cancel=lambda: self.status.emit(self.tr("The export was cancelled.")))

    # ---- import -------------------------------------------------------------------
    def ask_import(self) -> None:
        start = Path(self.ctx.prefs.last_export_dir or default_export_dir())
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Import a portfolio"), str(start),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> None:
        sv, today = self.ctx.services, self.ctx.today()

        def work() -> Any:
            from ...exporters.portfolio_import import preview_import  # on the worker thread (openpyxl)

            return preview_import(sv, path, today)

        self.ctx.tasks.run(self.tr("Reading the workbook…"), work, on_done=self._show_preview, on_error=self._failed)

    def _show_preview(self, preview: Any) -> None:
        dlg = ImportPreviewDialog(preview, self.parent_widget)
        dlg.confirmed.connect(lambda: self.apply(preview))
        self.last_preview = dlg
        dlg.open()

    def apply(self, preview: Any) -> None:
        sv, today = self.ctx.services, self.ctx.today()

        def work() -> Any:
            from ...exporters.portfolio_import import apply_import  # on the worker thread (openpyxl)

            return apply_import(sv, preview, today)

        def done(outcome: Any) -> None:
            text = self.tr("Import finished: %1 created, %2 updated.").replace("%1", str(outcome.created)) \
                .replace("%2", str(outcome.updated))
            self.status.emit(text)
            self.ctx.messenger.info(self.parent_widget, self.tr("Import a portfolio"), text)

        self.ctx.tasks.run(self.tr("Importing…"), work, on_done=done, on_error=self._failed, cancellable=False)

    # ---- helpers ------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self.ctx.messenger.warning(self.parent_widget, self.tr("Excel"), str(exc))

    def _remember_folder(self, path: Path) -> None:
        self.ctx.prefs = replace(self.ctx.prefs, last_export_dir=str(path.parent))
        try:
            save_preferences(self.ctx.prefs)
        except OSError:
            pass


class ImportPreviewDialog(QDialog):
    """What the import would create and update, and every problem with sheet, row and column."""

    confirmed = Signal()

    def __init__(self, preview: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(760, 520)
        lay = QVBoxLayout(self)
        errors = len(preview.errors)
        if errors:
            head = self.tr("%1 problem(s) in the file: nothing will be written until they are fixed.") \
                .replace("%1", str(errors))
        elif not preview.has_changes:
            head = self.tr("Nothing to change: the database already matches the file.")
        else:
            head = self.tr("Check the changes below; nothing is written until you press Import.")
        self.summary = QLabel(head)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.report = QPlainTextEdit("\n".join(preview.report_lines()))
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Import preview"))
        lay.addWidget(self.report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(not errors and bool(preview.has_changes))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _ok(self) -> None:
        self.confirmed.emit()
        self.accept()
