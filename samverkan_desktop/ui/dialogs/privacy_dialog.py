"""Arkiv → Personuppgifter…: a person's data under the GDPR (services.privacy).

Pick a person; export everything the database holds about them to a JSON file (art. 15 and 20),
or pseudonymise them with a mandatory reason, after a confirmation that names what changes and
what is kept (public records, the append-only change log). Non-blocking: `.open()`; the file is
written by a background task."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.errors import ConflictError, ServiceError, ValidationError
from ...services.people import PersonRow
from ..context import UiContext
from ..table_models.base import RECORD_ROLE, Column, RecordTableModel
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import select_id, setup_table
from ..widgets.fields import FormErrors

_MUTED = QColor("#6b6b6b")


def people_columns() -> list[Column[PersonRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda p: p.name,
               foreground=lambda p: _MUTED if p.pseudonymised else None),
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda p: p.organisation),
        Column(QT_TRANSLATE_NOOP("Columns", "E-mail"), lambda p: p.email),
    ]


def export_file_name(person: PersonRow) -> str:
    """personuppgifter-<name>.json, safe on every file system."""
    stem = re.sub(r"[^\w\- ]+", "", person.name, flags=re.UNICODE).strip().replace(" ", "-")
    return f"personuppgifter-{stem or person.id}.json"


class PrivacyDialog(QDialog):
    #: a person was pseudonymised: other views should reload
    data_changed = Signal()
    #: a JSON file was written (its path)
    exported = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("privacyDialog")
        self.setWindowTitle(self.tr("Personal data"))
        self.file_dialog: QFileDialog | None = None
        self._person: PersonRow | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Everything the database holds about a person can be exported as a file (GDPR "
                               "articles 15 and 20). A person who is to be erased from the working register is "
                               "pseudonymised: decisions and minutes are public records and are kept."))
        intro.setWordWrap(True)
        lay.addWidget(intro)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("privacySplitter")
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setObjectName("peopleFilter")
        self.filter.setPlaceholderText(self.tr("Filter people…"))
        self.filter.setAccessibleName(self.tr("Filter people"))
        self.filter.setClearButtonEnabled(True)
        ll.addWidget(self.filter)
        self.model: RecordTableModel[PersonRow] = RecordTableModel(people_columns(), parent=self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view, self.proxy, "peopleTable")
        self.view.setAccessibleName(self.tr("People"))
        self.view.setWordWrap(False)
        for col, width in enumerate((180, 190)):
            self.view.setColumnWidth(col, width)
        ll.addWidget(self.view, 1)
        self.count = QLabel()
        self.count.setObjectName("peopleCount")
        self.count.setStyleSheet("color: #6b6b6b;")
        ll.addWidget(self.count)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.name = QLabel()
        self.name.setObjectName("personName")
        f = QFont(self.name.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.name.setFont(f)
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rl.addWidget(self.name)
        self.details = QLabel()
        self.details.setObjectName("personDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rl.addWidget(self.details)

        export_box = QGroupBox(self.tr("Extract (art. 15 and 20)"))
        el = QVBoxLayout(export_box)
        el.addWidget(self._muted(self.tr("The person, roles in agreements, responsibility for activities, "
                                         "attendance at meetings, mentions in minutes and every change-log row "
                                         "about them, as a JSON file.")))
        self.export_button = QPushButton(self.tr("Export to file…"))
        self.export_button.setObjectName("exportPerson")
        el.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        rl.addWidget(export_box)

        pseudo_box = QGroupBox(self.tr("Pseudonymise"))
        pl = QVBoxLayout(pseudo_box)
        pl.addWidget(self._muted(self.tr("Name, title, e-mail and phone are replaced by a pseudonym. Roles, "
                                         "responsibilities and attendances stay, under the pseudonym. This cannot "
                                         "be undone.")))
        form = QFormLayout()
        self.errors = FormErrors(form, self)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("pseudonymReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Why, e.g. the person's request of 2026-11-20, case KS 2026/9"))
        self.reason.setMaximumHeight(70)
        self.errors.add_row(self.tr("Reason"), self.reason, "Skäl")
        pl.addLayout(form)
        self.pseudonymise_button = QPushButton(self.tr("Pseudonymise…"))
        self.pseudonymise_button.setObjectName("pseudonymisePerson")
        pl.addWidget(self.pseudonymise_button, 0, Qt.AlignmentFlag.AlignLeft)
        rl.addWidget(pseudo_box)
        self.result = QLabel()
        self.result.setObjectName("privacyResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setStyleSheet("color: #1b6e2d;")
        rl.addWidget(self.result)
        rl.addStretch(1)
        self.detail_widgets = (export_box, pseudo_box)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([560, 420])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

        self.filter.textChanged.connect(self._filter)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.view.activated.connect(lambda _i: self.export_button.setFocus())
        self.export_button.clicked.connect(self.ask_export)
        self.pseudonymise_button.clicked.connect(self.pseudonymise)
        self.setTabOrder(self.filter, self.view)
        self.setTabOrder(self.view, self.export_button)
        self.setTabOrder(self.export_button, self.reason)
        self.setTabOrder(self.reason, self.pseudonymise_button)
        self.resize(1000, 560)
        self._show_selected()
        self.reload()

    @staticmethod
    def _muted(text: str) -> QLabel:
        lab = QLabel(text)
        lab.setWordWrap(True)
        lab.setStyleSheet("color: #555;")
        return lab

    # ---- the list --------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        people = self.ctx.services.people
        self.ctx.tasks.run(self.tr("Loading people…"), people.people,
                           on_done=lambda rows: self._loaded(rows, select),
                           on_error=lambda exc: self._failed(exc, self.tr("Could not load the people")))

    def _loaded(self, rows: object, select: int | None) -> None:
        assert isinstance(rows, list)
        keep = select if select is not None else (self._person.id if self._person is not None else None)
        self.model.set_rows(rows)
        if keep is not None and self.model.row_of_id(keep) is not None and not select_id(self.view, keep):
            self.filter.clear()  # e.g. a pseudonymised person no longer matches the filter: keep them in view
        self._update_count()
        if keep is None or not select_id(self.view, keep):
            self._show_selected()

    def _filter(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(self.tr("%n person(s)", "", total) if total == shown else
                           self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)))

    def selected(self) -> PersonRow | None:
        idx = self.view.currentIndex()
        row = idx.siblingAtColumn(0).data(RECORD_ROLE) if idx.isValid() else None
        return row if isinstance(row, PersonRow) else None

    def _show_selected(self) -> None:
        p = self.selected()
        if self._person is None or p is None or p.id != self._person.id:
            self.result.clear()
            self.errors.clear()
        self._person = p
        for w in self.detail_widgets:
            w.setEnabled(p is not None)
        if p is None:
            self.name.setText(self.tr("Choose a person in the list.") if self.model.rowCount() else
                              self.tr("There are no people in the database yet."))
            self.details.clear()
            return
        self.name.setText(p.name)
        uses = self.ctx.services.people.usage_count(p.id)
        lines = [x for x in (p.title, p.organisation, p.email, p.phone) if x]
        lines.append(self.tr("Roles, responsibilities and attendances: %1").replace("%1", str(uses)))
        if p.pseudonymised:
            lines.append(self.tr("Already pseudonymised."))
        self.details.setText("\n".join(lines))
        self.pseudonymise_button.setEnabled(not p.pseudonymised)
        self.reason.setEnabled(not p.pseudonymised)

    # ---- export ------------------------------------------------------------------------------
    def ask_export(self) -> None:
        p = self.selected()
        if p is None:
            return
        from ..standard_dirs import default_export_dir

        start = Path(self.ctx.prefs.last_export_dir or default_export_dir()) / export_file_name(p)
        dlg = QFileDialog(self, self.tr("Export personal data"), str(start), self.tr("JSON files (*.json)"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setDefaultSuffix("json")
        dlg.selectFile(str(start))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fileSelected.connect(lambda path: self.export_to(p, path))
        self.file_dialog = dlg
        dlg.open()

    def export_to(self, person: PersonRow, path: str) -> None:
        """Write the extract of `person` to `path` (a background task; temp file, then rename)."""
        if not path:
            return
        privacy = self.ctx.services.privacy
        target = Path(path)

        def work() -> str:
            text = privacy.export_person_json(person.id)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
            return str(target)

        def done(written: object) -> None:
            self.ctx.prefs = replace(self.ctx.prefs, last_export_dir=str(target.parent))
            try:
                from ...settings import save_preferences

                save_preferences(self.ctx.prefs)
            except OSError:
                pass
            self.result.setText(self.tr("The data about %1 was saved to %2.").replace("%1", person.name)
                                .replace("%2", str(written)))
            self.exported.emit(str(written))

        self.ctx.tasks.run(self.tr("Exporting personal data…"), work, on_done=done,
                           on_error=lambda exc: self._failed(exc, self.tr("Could not export")))

    # ---- pseudonymise ------------------------------------------------------------------------
    def pseudonymise(self) -> None:
        p = self.selected()
        if p is None or p.pseudonymised:
            return
        self.errors.clear()
        privacy = self.ctx.services.privacy
        reason = self.reason.toPlainText()
        try:
            preview = privacy.preview_pseudonymisation(p.id, reason)
        except ValidationError as exc:
            if not self.errors.show_error(exc.field, exc.message):
                self.ctx.messenger.warning(self, self.tr("Could not pseudonymise"), str(exc))
            return
        except (ServiceError, DomainError) as exc:
            self._failed(exc, self.tr("Could not pseudonymise"))
            return
        if not self.ctx.messenger.confirm(self, self.tr("Pseudonymise %1?").replace("%1", p.name),
                                          preview.consequences()):
            return
        try:
            result = privacy.pseudonymise_person(p.id, reason, version=p.version)
        except ConflictError:
            self.ctx.messenger.warning(self, self.tr("Could not pseudonymise"),
                                       self.tr("Someone else has changed %1 in the meantime. The list has been "
                                               "reloaded: check the person and try again.").replace("%1", p.name))
            self.reload(p.id)
            return
        except ValidationError as exc:
            if not self.errors.show_error(exc.field, exc.message):
                self.ctx.messenger.warning(self, self.tr("Could not pseudonymise"), str(exc))
            return
        except (ServiceError, DomainError) as exc:
            self._failed(exc, self.tr("Could not pseudonymise"))
            return
        self.reason.clear()
        message = result.message()
        self.ctx.messenger.info(self, self.tr("Pseudonymised"), message)
        self.reload(p.id)
        self.result.setText(message)
        self.data_changed.emit()

    def _failed(self, exc: BaseException, title: str) -> None:
        if isinstance(exc, (ServiceError, DomainError, OSError)):
            self.ctx.messenger.warning(self, title, str(exc))
        else:
            raise exc


__all__ = ["PrivacyDialog", "export_file_name", "people_columns"]
