"""The Agreements tab (Avtal): a filterable table of agreements, the form for every field of
the selected one, and beside it the facts its terms imply, recomputed live as the user edits
(services.agreements.derive). Saving, notice, extension, invoices, bodies, roles, decisions,
hours and attachments all go through AgreementService / PeopleService."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import AgreementKind, AgreementStatus, InvoiceStatus
from ...domain.errors import DomainError
from ...domain.money import format_money
from ...services.agreements import (
    AgreementDetail,
    AgreementInput,
    AgreementRow,
    DerivedFacts,
    derive,
    end_after_notice,
    invoice_lines,
)
from ...services.errors import ConflictError, ServiceError, ValidationError
from ...services.history import names_for
from ...services.people import OrganisationRow
from ..context import UiContext
from ..dialogs.agreement_dialogs import (
    AgreementActionDialog,
    BodyDialog,
    DecisionDialog,
    ExtensionDialog,
    ExtraAssignmentDialog,
    HoursDialog,
    NoticeDialog,
    OrganisationDialog,
    RoleDialog,
)
from ..dialogs.conflict_dialog import ConflictDialog, open_conflict_dialog
from ..in_parts import InParts
from ..table_models.agreement_models import agreement_model
from ..table_models.base import ID_ROLE
from ..table_models.proxy import RecordSortProxy
from ..widgets.agreement_facts import AgreementFacts
from ..widgets.agreement_form import AgreementForm, enum_combo, enum_value
from ..widgets.record_history import RecordHistory
from .base import RecordTab, place_in_focus_chain, select_id, selected_id, setup_table

# milliseconds of quiet typing before the derived facts are recomputed
DERIVE_DELAY_MS = 150


class AgreementsTab(RecordTab):
    key = "agreements"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._detail: AgreementDetail | None = None
        self._is_new = False
        self._touched = False
        self._selecting = False
        self._pending: int | None = None
        self._reload_seq = 0
        self._loaded_once = False
        self._facts: DerivedFacts | None = None
        self._orgs: list[OrganisationRow] | None = None  # for the form, when it is built
        self._form_parts = InParts(self._build_form_parts)  # building it a part at a time
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)
        self.conflict_dialog: ConflictDialog | None = None
        self.open_url = QDesktopServices.openUrl  # replaced in tests
        self._derive_timer = QTimer(self)
        self._derive_timer.setSingleShot(True)
        self._derive_timer.setInterval(DERIVE_DELAY_MS)
        self._derive_timer.timeout.connect(self.recompute)
        self._build()

    def title(self) -> str:
        return self.tr("Agreements")

    # ---- construction ----------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        # the list spans the width; below it the form and, beside it, the derived facts
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("agreementsSplitter")
        self.splitter.setChildrenCollapsible(False)
        lay.addWidget(self.splitter)
        self.splitter.addWidget(self._build_list())

        self.detail = QSplitter(Qt.Orientation.Horizontal)
        self.detail.setObjectName("agreementsDetailSplitter")
        self.detail.setChildrenCollapsible(False)
        self.detail.addWidget(self._build_editor())
        self.facts = AgreementFacts(self.ctx.today)
        self.facts.setMinimumWidth(380)
        self.detail.addWidget(self.facts)
        self.detail.setStretchFactor(0, 3)
        self.detail.setStretchFactor(1, 2)
        self.detail.setSizes([850, 500])
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([135, 655])

        self.facts.mark_requested.connect(self.mark_invoice)
        self.facts.hours_requested.connect(self.record_hours)
        self.facts.extra_requested.connect(self.add_extra_assignment)
        self._show_editor(False)

    def _build_list(self) -> QWidget:
        pane = QWidget()
        v = QVBoxLayout(pane)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("agreementFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter agreements…"))
        self.filter_edit.setAccessibleName(self.tr("Filter agreements"))
        self.filter_edit.setClearButtonEnabled(True)
        row.addWidget(self.filter_edit, 2)
        self.status_filter = enum_combo(AgreementStatus, "agreementStatusFilter", with_all=self.tr("All statuses"))
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        row.addWidget(self.status_filter)
        self.kind_filter = enum_combo(AgreementKind, "agreementKindFilter", with_all=self.tr("All kinds"))
        self.kind_filter.setAccessibleName(self.tr("Kind filter"))
        row.addWidget(self.kind_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("agreementCount")
        row.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)
        self.new_button = QPushButton(self.tr("New agreement"))
        self.new_button.setObjectName("newAgreement")
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        row.addWidget(self.new_button)
        v.addLayout(row)

        self.model = agreement_model(self.ctx.today, lambda: self.ctx.prefs.warn_days, self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view, self.proxy, "agreementsTable")
        self.view.setAccessibleName(self.tr("Agreements"))
        self.view.setWordWrap(False)
        for col, width in enumerate((260, 420, 120, 90, 180, 110)):
            self.view.setColumnWidth(col, width)
        v.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self._apply_filters)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.kind_filter.currentIndexChanged.connect(self._apply_filters)
        self.new_button.clicked.connect(self.new_record)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(lambda _i: self.open_selected())
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        return pane

    def _build_editor(self) -> QWidget:
        pane = QWidget()
        v = QVBoxLayout(pane)
        v.setContentsMargins(0, 4, 0, 0)
        # the form goes into the pane before the header buttons, so that Tab moves from the
        # table into the form and from its last field to Save (the header is shown above it)
        self.stack = QStackedWidget()
        self.empty = QWidget()
        ev = QVBoxLayout(self.empty)
        ev.addStretch(1)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("agreementsEmptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_text.setStyleSheet("color: palette(dark); font-size: 11pt;")
        ev.addWidget(self.empty_text)
        self.empty_new = QPushButton(self.tr("New agreement"))
        self.empty_new.setObjectName("emptyNewAgreement")
        ev.addWidget(self.empty_new, 0, Qt.AlignmentFlag.AlignHCenter)
        ev.addStretch(2)
        self.stack.addWidget(self.empty)
        self._form: AgreementForm | None = None  # built when first needed (see `form`)
        v.addWidget(self.stack, 1)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("agreementHeading")
        f = QFont(self.heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.heading.setFont(f)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.heading, 1)
        self.state_label = QLabel()
        self.state_label.setObjectName("agreementState")
        self.state_label.setStyleSheet("color: #6b4a00;")
        head.addWidget(self.state_label)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveAgreement")
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.setObjectName("revertAgreement")
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteAgreement")
        head.addWidget(self.save_button)
        head.addWidget(self.revert_button)
        head.addWidget(self.delete_button)
        self.head = QWidget()
        self.head.setLayout(head)
        v.insertWidget(0, self.head)

        self.empty_new.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.delete_button.clicked.connect(self.delete_selected)
        return pane

    @property
    def form(self) -> AgreementForm:
        """The agreement form: its seven pages are the largest part of the tab (about 110 ms of
        widgets), and until an agreement is opened the editor shows its empty state. So the tab
        shows without it, the window's background building adds it shortly after
        (`build_rest`), and whatever needs it first builds it."""
        if self._form is None:
            self._build_form()
        assert self._form is not None
        return self._form

    def _build_form(self) -> None:
        self._form_parts.finish()

    def build_rest(self) -> bool:
        """One part of the form (at most ~25 ms each); False when it is complete."""
        return self._form_parts.step()

    def _build_form_parts(self) -> Iterator[None]:
        form = AgreementForm(in_parts=True)
        while form.build_part():
            yield
        self.history = RecordHistory("agreementHistory", self.tr(
            "Every change of the agreement and of its partners, roles, bodies, decisions and attachments, newest "
            "first (from the change log)."))
        form.addTab(self.history, self.tr("History"))
        self.stack.addWidget(form)
        form.changed.connect(self._on_form_changed)
        form.new_organisation_requested.connect(self.new_organisation)
        form.notice_requested.connect(self.record_notice)
        form.extension_requested.connect(self.record_extension)
        form.add_body_requested.connect(self.add_body)
        form.add_role_requested.connect(self.add_role)
        form.remove_role_requested.connect(self.remove_role)
        form.add_decision_requested.connect(self.add_decision)
        form.add_attachment_requested.connect(self.choose_attachment)
        form.open_attachment_requested.connect(self.open_attachment)
        yield
        place_in_focus_chain(self.view, form)  # Tab: list → form → Save, as when it was built first
        if self._orgs is not None:
            form.set_organisations(self._orgs)
        self._form = form

    # ---- RecordTab API -----------------------------------------------------------------
    def reload(self) -> None:
        self._reload_seq += 1
        seq = self._reload_seq
        sv, today = self.ctx.services, self.ctx.today()

        def work() -> tuple[list[AgreementRow], list[OrganisationRow]]:
            return sv.agreements.list_rows(today), sv.people.organisations()

        def done(result: Any) -> None:
            if seq == self._reload_seq:
                self._apply_rows(*result)

        self.ctx.tasks.run(self.tr("Loading agreements…"), work, on_done=done, on_error=self._task_failed)

    def new_record(self) -> None:
        if not self.confirm_discard():
            return
        self._detail = None
        self._is_new = True
        self._touched = False
        self._select_in_view(None)
        self.form.load_empty(self.form.default_own_organisation())
        self.form.set_saved(False)
        self.form.setCurrentIndex(AgreementForm.PAGE_BASICS)
        self._history_changed()
        self._show_editor(True)
        self._update_header()
        self.recompute()
        self.form.title_edit.setFocus()
        self.status.emit(self.tr("New agreement: fill in the form and save with Ctrl+S."))

    def save(self) -> None:
        if not self._is_new and self._detail is None:
            return
        self._derive_timer.stop()
        self.form.clear_errors()
        try:
            data = self.form.build()
        except (DomainError, ValidationError) as exc:
            self._field_error(exc)
            self.recompute()
            return
        sv, today = self.ctx.services.agreements, self.ctx.today()
        try:
            if self._is_new:
                ident = sv.create(data, today)
            else:
                assert self._detail is not None
                ident = self._detail.id
                sv.update(ident, self._detail.version, data, today)
        except ValidationError as exc:
            self._field_error(exc)
            self.recompute()
            return
        except ConflictError as exc:
            self._conflict(exc, data)
            return
        except (ServiceError, DomainError) as exc:
            self.report_error(exc)
            return
        self._saved(ident)

    def _saved(self, ident: int) -> None:
        self._open(ident)
        self.status.emit(self.tr("Agreement saved."))
        self.data_changed.emit()
        self.reload()

    def _conflict(self, exc: ConflictError, data: AgreementInput) -> None:
        """Someone else saved the agreement since it was opened: let the user choose (nothing is
        lost: the form keeps the edits until then)."""
        assert self._detail is not None
        ident, base = self._detail.id, self._detail.data
        sv, today = self.ctx.services.agreements, self.ctx.today()

        def reload_theirs() -> None:
            self._touched = False
            self._open(ident)
            self.status.emit(self.tr("The agreement as saved by the other person is shown; your changes were "
                                     "discarded."))
            self.reload()

        if self.conflict_dialog is not None:
            self.conflict_dialog.deleteLater()
        self.conflict_dialog = open_conflict_dialog(
            self, exc, data, base, lambda version: sv.update(ident, version, data, today), reload_theirs,
            lambda: self._saved(ident), names=names_for(self.ctx.services.db))
        self.status.emit(self.tr("Not saved: someone else has changed the agreement."))

    def delete_selected(self) -> None:
        ident = self._detail.id if self._detail is not None else selected_id(self.view)
        if ident is None:
            return
        title = self._detail.data.title if self._detail is not None else ""
        if not self.ctx.messenger.confirm(self, self.tr("Delete agreement"),
                                          self.tr("Delete the agreement “%1” with its invoices, roles, decisions "
                                                  "and attachments? This cannot be undone.").replace("%1", title)):
            return
        if not self._try(self.ctx.services.agreements.delete, ident, title=self.tr("Could not delete")):
            return
        self._detail = None
        self._is_new = False
        self._touched = False
        self._show_editor(False)
        self.status.emit(self.tr("Agreement deleted."))
        self.data_changed.emit()
        self.reload()

    def open_selected(self) -> None:
        ident = selected_id(self.view)
        if ident is not None:
            self._request_open(ident)

    def show_record(self, kind: str, ident: int) -> bool:
        if kind != "agreement":
            return False
        if not self._loaded_once:
            self._pending = ident
            return True
        self._request_open(ident)
        return True

    def prepare_screenshot(self) -> None:
        """Open the LOFT agreement (KS2021/812) on its first page."""
        for r in self.model.rows():
            if r.case_number == "KS2021/812":
                self._request_open(r.id)
                break

    # ---- list ----------------------------------------------------------------------------
    def _apply_rows(self, rows: list[AgreementRow], orgs: list[OrganisationRow]) -> None:
        self._loaded_once = True
        self._orgs = orgs
        if self._form is not None:
            self._form.set_organisations(orgs)
        self._selecting = True
        try:
            self.model.set_rows(rows)
        finally:
            self._selecting = False
        current = self._detail.id if self._detail is not None else None
        self._select_in_view(current)
        self._update_count()
        if self._pending is not None:
            ident, self._pending = self._pending, None
            self._request_open(ident)
        elif self._detail is None and not self._is_new:
            self._show_editor(False)

    def _apply_filters(self) -> None:
        self.proxy.set_text_filter(self.filter_edit.text())
        status = enum_value(self.status_filter, AgreementStatus)
        kind = enum_value(self.kind_filter, AgreementKind)
        self.proxy.set_predicates({"status": None if status is None else (lambda r: r.status is status),
                                   "kind": None if kind is None else (lambda r: r.kind is kind)})
        self._update_count()

    def _update_count(self, *_: object) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == shown:
            self.count_label.setText(self.tr("%n agreement(s)", "", total))
        else:
            self.count_label.setText(self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)))

    def _select_in_view(self, ident: int | None) -> None:
        self._selecting = True
        try:
            if ident is None or not select_id(self.view, ident):
                self.view.selectionModel().clearSelection()
                self.view.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._selecting = False

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        ident = current.siblingAtColumn(0).data(ID_ROLE)
        if ident is None or (self._detail is not None and ident == self._detail.id and not self._is_new):
            return
        self._request_open(int(ident))

    def _request_open(self, ident: int) -> None:
        """Open `ident` in the form, asking first when the open one has unsaved changes."""
        if self._detail is not None and self._detail.id == ident and not self._is_new:
            self._select_in_view(ident)
            return
        if not self.confirm_discard():
            self._select_in_view(self._detail.id if self._detail is not None else None)
            return
        self._open(ident)

    # ---- the form ----------------------------------------------------------------------
    def _open(self, ident: int) -> None:
        detail = self.run_action(self.ctx.services.agreements.get, ident, title=self.tr("Could not open"))
        if detail is None:
            return
        self._detail = detail
        self._is_new = False
        self._touched = False
        self.form.load(detail.data, detail.parties)
        self.form.set_related(detail.bodies, detail.roles, detail.decisions, detail.attachments)
        self.form.set_saved(True)
        self._show_editor(True)
        self._select_in_view(ident)
        self._update_notice_state()
        self._update_header()
        self.recompute()
        self._history_changed()

    def _history_changed(self) -> None:
        """The record or its parts changed: the history page reads it again (when shown)."""
        has = self._detail is not None and not self._is_new
        self.form.setTabEnabled(self.form.indexOf(self.history), has)
        ident = self._detail.id if self._detail is not None and has else None
        self.history.set_record(None if ident is None else lambda: self.run_action(
            self.ctx.services.agreements.history, ident, title=self.tr("Could not load the history")))

    def _show_editor(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.form if on else self.empty)
        self.head.setVisible(on)
        if not on:
            self._derive_timer.stop()
            self.facts.show_nothing()
            empty_db = self._loaded_once and self.model.rowCount() == 0
            self.empty_text.setText(
                self.tr("No agreements yet.\nCreate the first one: the invoice plan, fees and deadlines follow "
                        "from its terms.") if empty_db else
                self.tr("Choose an agreement in the list, or create a new one (Ctrl+N)."))

    def _update_header(self) -> None:
        if self._is_new:
            self.heading.setText(self.tr("New agreement"))
        elif self._detail is not None:
            title = self.form.title_edit.text().strip() or self._detail.data.title
            self.heading.setText(title)
            self.heading.setToolTip(title)
        dirty = self.is_dirty()
        self.state_label.setText(self.tr("Not saved yet") if self._is_new else
                                 (self.tr("Unsaved changes") if dirty else ""))
        self.revert_button.setEnabled(dirty and not self._is_new)
        self.delete_button.setEnabled(self._detail is not None and not self._is_new)

    def _update_notice_state(self) -> None:
        d = self._detail
        if d is None or d.notice_given_on is None:
            self.form.notice_state.setText("")
            self.form.notice_state.hide()
            return
        self.form.notice_state.setText(
            self.tr("Notice given %1: the agreement ends %2.").replace("%1", d.notice_given_on.isoformat())
            .replace("%2", d.data.end.isoformat() if d.data.end else "–"))
        self.form.notice_state.show()

    def _on_form_changed(self) -> None:
        self._touched = True
        self._derive_timer.start()
        self._update_header()

    def is_dirty(self) -> bool:
        if self._is_new:
            return self._touched
        if self._detail is None or not self._touched:
            return False
        try:
            return self.form.build(require_organisation=False) != self._detail.data
        except (DomainError, ValidationError):
            return True

    def confirm_discard(self) -> bool:
        if not self.is_dirty():
            return True
        title = self.form.title_edit.text().strip() or self.tr("New agreement")
        return self.ctx.messenger.confirm(self, self.tr("Unsaved changes"),
                                          self.tr("“%1” has unsaved changes. Discard them?").replace("%1", title))

    def revert(self) -> None:
        if self._detail is not None and self.confirm_discard():
            self._touched = False
            self._open(self._detail.id)

    def _field_error(self, exc: DomainError | ValidationError) -> None:
        if not self.form.show_error(exc):
            self.report_error(exc)
        self.status.emit(self.tr("Not saved: %1").replace("%1", getattr(exc, "message", str(exc))))

    def recompute(self) -> None:
        """The live derived facts of the terms in the form (saved or not)."""
        self._derive_timer.stop()
        if self._form is None or self.stack.currentWidget() is not self._form:
            return
        d = self._detail
        used = sum(h.minutes for h in d.hours) if d is not None else 0
        saved = d is not None and not self._is_new
        dirty = self.is_dirty()
        try:
            data = self.form.build(require_organisation=False)
            # the plan does not depend on the title: show it while a new title is still empty
            facts = derive(replace(data, title=data.title.strip() or "–"), self.ctx.today(), used)
        except (DomainError, ValidationError) as exc:
            self._facts = None
            self.facts.show_facts(None, [], getattr(exc, "message", str(exc)), saved=saved, preview=dirty,
                                  notice_given_on=d.notice_given_on if saved and d else None,
                                  extras=d.extras if saved and d else [])
            self._update_header()
            return
        self._facts = facts
        lines = invoice_lines(facts.plan, d.invoices if saved and d else [])
        self.facts.show_facts(facts, lines, "", saved=saved, preview=dirty,
                              notice_given_on=d.notice_given_on if saved and d else None,
                              extras=d.extras if saved and d else [])
        self._update_header()

    # ---- actions on the saved agreement -----------------------------------------------------
    def _saved_id(self, needs_clean: bool = False) -> int | None:
        if self._detail is None or self._is_new:
            return None
        if needs_clean and self.is_dirty():
            self.ctx.messenger.info(self, self.tr("Save first"),
                                    self.tr("Save or undo your changes to the agreement first."))
            return None
        return self._detail.id

    def _refresh_related(self) -> None:
        """Fresh invoices, hours, bodies, roles, decisions and attachments; the edited terms stay."""
        if self._detail is None:
            return
        fresh = self.run_action(self.ctx.services.agreements.get, self._detail.id)
        if fresh is None:
            return
        self._detail = replace(self._detail, bodies=fresh.bodies, roles=fresh.roles, decisions=fresh.decisions,
                               attachments=fresh.attachments, invoices=fresh.invoices, hours=fresh.hours,
                               extras=fresh.extras)
        self.form.set_related(fresh.bodies, fresh.roles, fresh.decisions, fresh.attachments)
        self.recompute()
        self._history_changed()
        self.data_changed.emit()

    def _after_reopen(self, message: str) -> None:
        if self._detail is not None:
            self._open(self._detail.id)
        self.status.emit(message)
        self.data_changed.emit()
        self.reload()

    def _open_dialog(self, dlg: AgreementActionDialog) -> AgreementActionDialog:
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dlg
        dlg.open()
        return dlg

    def mark_invoice(self, invoice_id: int, status: object) -> None:
        assert isinstance(status, InvoiceStatus)
        if not self._try(self.ctx.services.agreements.set_invoice_status, invoice_id, status, self.ctx.today(),
                         title=self.tr("Could not change the invoice")):
            return
        self._refresh_related()
        self.status.emit(self.tr("Invoice marked %1.").replace("%1", status.value))

    def record_notice(self) -> None:
        ident = self._saved_id(needs_clean=True)
        if ident is None or self._detail is None:
            return
        data, today = self._detail.data, self.ctx.today()
        rule = self._facts.notice_rule_text if self._facts is not None else ""
        dlg = NoticeDialog(lambda given: self.ctx.services.agreements.record_notice(ident, given, today),
                           lambda given: end_after_notice(data, given), today, rule, self)
        dlg.succeeded.connect(lambda end: self._after_reopen(
            self.tr("Notice recorded: the agreement ends %1.").replace("%1", end.isoformat())))
        self._open_dialog(dlg)

    def record_extension(self) -> None:
        ident = self._saved_id(needs_clean=True)
        if ident is None or self._detail is None:
            return
        today = self.ctx.today()
        sv = self.ctx.services.agreements
        dlg = ExtensionDialog(lambda v: sv.record_extension(ident, v.new_end, v.decided_on, today, body=v.body,
                                                            paragraph=v.paragraph) or v.new_end,
                              today, self._detail.data.end,
                              self._facts.extension_deadline if self._facts is not None else None, self)
        dlg.succeeded.connect(lambda end: self._after_reopen(
            self.tr("Extension recorded: the agreement now ends %1.").replace("%1", end.isoformat())))
        self._open_dialog(dlg)

    def add_decision(self) -> None:
        ident = self._saved_id()
        if ident is None or self._detail is None:
            return
        sv = self.ctx.services.agreements
        dlg = DecisionDialog(lambda v: sv.add_decision(ident, v.body, v.decided_on, v.outcome, v.paragraph,
                                                       v.case_number, v.reservations),
                             self.ctx.today(), self.form.case_number.text().strip(), self)
        dlg.succeeded.connect(lambda _r: self._related_done(self.tr("Decision added.")))
        self._open_dialog(dlg)

    def add_body(self) -> None:
        ident = self._saved_id()
        if ident is None:
            return
        sv = self.ctx.services.agreements
        dlg = BodyDialog(lambda v: sv.add_body(ident, v.body, v.meetings_per_year, v.description), self)
        dlg.succeeded.connect(lambda _r: self._related_done(self.tr("Body added.")))
        self._open_dialog(dlg)

    def add_role(self) -> None:
        ident = self._saved_id()
        if ident is None:
            return
        people = self.run_action(self.ctx.services.people.people) or []
        sv = self.ctx.services.agreements
        dlg = RoleDialog(lambda v: sv.add_role(ident, v.person_id, v.role, v.side), people, self)
        dlg.succeeded.connect(lambda _r: self._related_done(self.tr("Person added.")))
        self._open_dialog(dlg)

    def remove_role(self, role_id: int) -> None:
        if self._detail is None:
            return
        role = next((r for r in self._detail.roles if r.id == role_id), None)
        if role is None:
            return
        if not self.ctx.messenger.confirm(self, self.tr("Remove role"),
                                          self.tr("Remove %1 as %2 from this agreement?")
                                          .replace("%1", role.person_name).replace("%2", role.role)):
            return
        if not self._try(self.ctx.services.agreements.remove_role, role_id, title=self.tr("Could not remove")):
            return
        self._related_done(self.tr("Role removed."))

    def record_hours(self) -> None:
        ident = self._saved_id()
        if ident is None:
            return
        sv = self.ctx.services.agreements
        dlg = HoursDialog(lambda v: sv.add_hours(ident, v.worked_on, v.minutes, v.description), self.ctx.today(),
                          self)
        dlg.succeeded.connect(lambda _r: self._related_done(self.tr("Hours recorded.")))
        self._open_dialog(dlg)

    def add_extra_assignment(self) -> None:
        ident = self._saved_id()
        if ident is None or self._detail is None:
            return
        sv = self.ctx.services.agreements
        data = self._detail.data
        price = format_money(data.list_price_per_hour_ore) if data.list_price_per_hour_ore else ""
        discount = self.form.discount.text() or "0 %"
        dlg = ExtraAssignmentDialog(lambda v: sv.add_extra_assignment(ident, v.title, v.ordered_on, v.minutes,
                                                                      v.list_price_per_hour_ore),
                                    self.ctx.today(), price, discount, self)
        dlg.succeeded.connect(lambda _r: self._related_done(self.tr("Extra assignment added.")))
        self._open_dialog(dlg)

    def _related_done(self, message: str) -> None:
        self._refresh_related()
        self.status.emit(message)

    # ---- organisations -------------------------------------------------------------------
    def new_organisation(self, purpose: str) -> None:
        people = self.ctx.services.people
        dlg = OrganisationDialog(lambda v: people.save_organisation(v.name, v.kind, v.org_nr, is_own=v.is_own),
                                 own=purpose == "own", parent=self)

        def created(new_id: object) -> None:
            orgs = self.run_action(people.organisations) or []
            self.form.set_organisations(orgs)
            if purpose == "own":
                self.form.set_own_organisation(int(new_id))  # type: ignore[call-overload]
            else:
                self.form.add_partner_id(int(new_id))  # type: ignore[call-overload]
            self.status.emit(self.tr("Organisation saved."))
            self.data_changed.emit()

        dlg.succeeded.connect(created)
        self._open_dialog(dlg)

    # ---- attachments -----------------------------------------------------------------------
    def choose_attachment(self) -> None:
        if self._saved_id() is None:
            return
        dlg = QFileDialog(self, self.tr("Add attachment"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fileSelected.connect(self.add_attachment_file)
        self.dialog = dlg
        dlg.open()

    def add_attachment_file(self, path: str) -> None:
        ident = self._saved_id()
        if ident is None or not path:
            return
        sv = self.ctx.services.agreements
        self.ctx.tasks.run(self.tr("Adding attachment…"), lambda: sv.add_attachment(ident, Path(path)),
                           on_done=lambda _r: self._related_done(self.tr("Attachment added.")),
                           on_error=lambda exc: self._task_failed(exc, self.tr("Could not add the attachment")))

    def open_attachment(self, row: object) -> None:
        path = Path(getattr(row, "path", ""))
        if not path.is_file():
            self.ctx.messenger.warning(self, self.tr("File not found"),
                                       self.tr("The file %1 does not exist any more. Was it moved or renamed?")
                                       .replace("%1", str(path)))
            return
        self.open_url(QUrl.fromLocalFile(str(path)))

    def _task_failed(self, exc: BaseException, title: str = "") -> None:
        self.report_error(exc, title or self.tr("Could not load"))

    def _try(self, action: Any, *args: Any, title: str = "") -> bool:
        """Run a service action that returns nothing; False (error shown) when it failed."""
        try:
            action(*args)
        except (ServiceError, DomainError) as exc:
            self.report_error(exc, title)
            return False
        return True


__all__ = ["AgreementsTab"]
