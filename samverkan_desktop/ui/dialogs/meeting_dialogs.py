"""Dialogs of the Möten tab (all non-blocking: shown with open(), results through callbacks or
signals): plan a year of meetings, add an agenda item, add an attendee."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.cadence import Body, meetings_per_year
from ...domain.catalog import AgendaKind
from ...domain.errors import DomainError
from ...services.errors import ServiceError, ValidationError
from ...services.meetings import AgendaItemInput, EligibleCase
from ...services.people import PersonRow
from ..context import UiContext
from ..table_models.base import RECORD_ROLE
from ..table_models.meeting_models import eligible_model
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import setup_table
from ..widgets.fields import FormErrors


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _error_label() -> QLabel:
    lab = QLabel()
    lab.setObjectName("dialogError")
    lab.setStyleSheet("color: #b00020;")
    lab.setWordWrap(True)
    lab.hide()
    return lab


class PlanYearDialog(QDialog):
    """Year, bodies (with their cadence), place and agreement; the tab plans in the background
    and calls `finished_planning()` or `show_error()`."""

    # year, body names, place, agreement id (or None)
    plan_requested = Signal(int, list, str, object)

    def __init__(self, year: int, agreements: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planYearDialog")
        self.setWindowTitle(self.tr("Plan a year of meetings"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Creates the year's meetings from each body's cadence. Dates that already have a "
                               "meeting of the same body are kept, not doubled."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.errors = FormErrors(form, self)
        self.year = QSpinBox()
        self.year.setObjectName("planYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.errors.add_row(self.tr("Year"), self.year, "År")
        box = QWidget()
        box.setObjectName("planBodies")
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        self.checks: dict[Body, QCheckBox] = {}
        for b in Body:
            n = meetings_per_year(b)
            if n <= 0:
                continue
            cb = QCheckBox(self.tr("%1 (%n per year)", "", n).replace("%1", b.value))
            cb.setObjectName(f"plan_{b.name}")
            cb.toggled.connect(self._update_summary)
            self.checks[b] = cb
            box_lay.addWidget(cb)
        box.setAccessibleName(self.tr("Bodies"))
        self.errors.add_row(self.tr("Bodies"), box, "Organ")
        self.place = QLineEdit()
        self.place.setObjectName("planPlace")
        self.place.setPlaceholderText(self.tr("e.g. Örebro universitet, Långhuset"))
        self.errors.add_row(self.tr("Place"), self.place, "Plats")
        self.agreement = QComboBox()
        self.agreement.setObjectName("planAgreement")
        self.agreement.addItem(self.tr("(no agreement)"), None)
        self.agreement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agreement.setMinimumContentsLength(30)
        for ident, title in agreements:
            self.agreement.addItem(title, ident)
        self.errors.add_row(self.tr("Agreement"), self.agreement, "Avtal")
        lay.addLayout(form)
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        lay.addWidget(self.summary)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.plan_button = self.buttons.addButton(self.tr("Plan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setObjectName("planButton")
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.year.valueChanged.connect(self._update_summary)
        self._update_summary()

    def chosen_bodies(self) -> list[Body]:
        return [b for b, cb in self.checks.items() if cb.isChecked()]

    def _update_summary(self, *_: object) -> None:
        n = sum(meetings_per_year(b) for b in self.chosen_bodies())
        self.summary.setText(self.tr("At most %n meeting(s) in %1.", "", n).replace("%1", str(self.year.value())))

    def _submit(self) -> None:
        self.errors.clear()
        self.error.hide()
        bodies = self.chosen_bodies()
        if not bodies:
            self.errors.show_error("Organ", self.tr("Choose at least one body."))
            return
        self.plan_button.setEnabled(False)
        self.plan_requested.emit(self.year.value(), [b.name for b in bodies], self.place.text(),
                                 self.agreement.currentData())

    def finished_planning(self) -> None:
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        self.plan_button.setEnabled(True)
        msg = getattr(exc, "message", str(exc))
        field = getattr(exc, "field", "")
        if not (field and self.errors.show_error(field, msg)):
            self.error.setText(msg)
            self.error.show()


class AddAttendeeDialog(QDialog):
    """A person from the register, or a free name; role. `submit(name, role, person_id)` raises
    the service's errors, shown beside the field; the dialog closes when it succeeds."""

    def __init__(self, people: list[PersonRow], submit: Callable[[str, str, int | None], None],
                 report: Callable[[BaseException], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addAttendeeDialog")
        self.setWindowTitle(self.tr("Add attendee"))
        self.setMinimumWidth(440)
        self._submit_fn = submit
        self._report = report
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FormErrors(form, self)
        self.person = QComboBox()
        self.person.setObjectName("attendeePerson")
        self.person.addItem(self.tr("(free name)"), None)
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.setMinimumContentsLength(30)
        self._people = {p.id: p for p in people}
        for p in people:
            self.person.addItem(f"{p.name} – {p.organisation}" if p.organisation else p.name, p.id)
        self.person.currentIndexChanged.connect(self._person_chosen)
        self.name = QLineEdit()
        self.name.setObjectName("attendeeName")
        self.role = QLineEdit()
        self.role.setObjectName("attendeeRole")
        self.role.setPlaceholderText(self.tr("e.g. Chair, Member, Secretary"))
        self.errors.add_row(self.tr("Person"), self.person, "Person")
        self.errors.add_row(self.tr("Name"), self.name, "Namn")
        self.errors.add_row(self.tr("Role"), self.role, "Roll")
        lay.addLayout(form)
        self.error = _error_label()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("addAttendeeOk")
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _person_chosen(self, _index: int) -> None:
        pid = self.person.currentData()
        p = self._people.get(pid) if pid is not None else None
        if p is None:
            return
        self.name.setText(p.name)
        if not self.role.text().strip():
            self.role.setText(p.title)

    def _submit(self) -> None:
        self.errors.clear()
        self.error.hide()
        try:
            self._submit_fn(self.name.text(), self.role.text(), self.person.currentData())
        except (ValidationError, DomainError) as exc:
            if not self.errors.show_error(exc.field, exc.message):
                self.error.setText(exc.message)
                self.error.show()
            return
        except ServiceError as exc:
            self.reject()
            self._report(exc)
            return
        self.accept()


class AddItemDialog(QDialog):
    """Cases this body can take up now (with the reason), or a free item. Stays open so several
    items can be added; every addition goes straight to the meeting (one transaction each)."""

    added = Signal()

    def __init__(self, ctx: UiContext, meeting_id: int, body_text: str,
                 submit_case: Callable[[EligibleCase], str], submit_free: Callable[[AgendaItemInput], str],
                 report: Callable[[BaseException], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addItemDialog")
        self.setWindowTitle(self.tr("Add agenda item"))
        self.resize(720, 560)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self._submit_case = submit_case
        self._submit_free = submit_free
        self._report = report
        lay = QVBoxLayout(self)

        cases = QGroupBox(self.tr("Cases for %1").replace("%1", body_text))
        cl = QVBoxLayout(cases)
        self.hint = QLabel(self.tr("Looking for cases…"))
        self.hint.setObjectName("eligibleHint")
        self.hint.setWordWrap(True)
        cl.addWidget(self.hint)
        self.model = eligible_model(self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Eligible cases"))
        setup_table(self.view, self.proxy, "eligibleTable")
        self.view.activated.connect(lambda _idx: self._add_case())
        cl.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_case_button = QPushButton(self.tr("Add selected case"))
        self.add_case_button.setObjectName("addCaseButton")
        self.add_case_button.clicked.connect(self._add_case)
        row.addWidget(self.add_case_button)
        cl.addLayout(row)
        lay.addWidget(cases, 1)

        free = QGroupBox(self.tr("Free item"))
        fl = QVBoxLayout(free)
        form = QFormLayout()
        self.errors = FormErrors(form, self)
        self.title = QLineEdit()
        self.title.setObjectName("freeTitle")
        self.kind = QComboBox()
        self.kind.setObjectName("freeKind")
        for k in (AgendaKind.INFORMATION, AgendaKind.BESLUT, AgendaKind.OVRIGT, AgendaKind.RAPPORT):
            self.kind.addItem(_capital(k.value), k.name)
        self.case_number = QLineEdit()
        self.case_number.setObjectName("freeCaseNumber")
        self.case_number.setPlaceholderText(self.tr("e.g. KS2021/812"))
        self.errors.add_row(self.tr("Title"), self.title, "Rubrik")
        self.errors.add_row(self.tr("Kind"), self.kind, "Typ")
        self.errors.add_row(self.tr("Case number"), self.case_number, "Diarienummer")
        fl.addLayout(form)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        self.add_free_button = QPushButton(self.tr("Add free item"))
        self.add_free_button.setObjectName("addFreeButton")
        self.add_free_button.clicked.connect(self._add_free)
        self.title.returnPressed.connect(self._add_free)
        row2.addWidget(self.add_free_button)
        fl.addLayout(row2)
        lay.addWidget(free)

        self.feedback = QLabel()
        self.feedback.setObjectName("addItemFeedback")
        self.feedback.setStyleSheet("color: #1b6e32;")
        self.feedback.setWordWrap(True)
        lay.addWidget(self.feedback)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.add_case_button.setEnabled(False)
        today = self.ctx.today()
        mid = self.meeting_id
        self.ctx.tasks.run(self.tr("Looking for cases…"),
                           lambda: self.ctx.services.meetings.eligible_cases(mid, today),
                           on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: Any) -> None:
        self.model.set_rows(rows)
        for col, width in ((0, 300), (1, 110)):
            self.view.setColumnWidth(col, width)
        if rows:
            self.hint.setText(self.tr("%n case(s) can be taken up now (gate criteria met, reports received, "
                                      "closures).", "", len(rows)))
            self.view.selectRow(0)
        else:
            self.hint.setText(self.tr("No case is waiting for this body right now. Add a free item below."))
        self.add_case_button.setEnabled(bool(rows))

    def _failed(self, exc: BaseException) -> None:
        self.hint.setText(getattr(exc, "message", str(exc)))
        if not isinstance(exc, ServiceError):
            raise exc

    def selected_case(self) -> EligibleCase | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        case = idx.siblingAtColumn(0).data(RECORD_ROLE)
        return case if isinstance(case, EligibleCase) else None

    def _add_case(self) -> None:
        case = self.selected_case()
        if case is None:
            return
        try:
            text = self._submit_case(case)
        except (ServiceError, DomainError) as exc:
            self.reject()
            self._report(exc)
            return
        self.feedback.setText(text)
        self.added.emit()
        self.refresh()

    def _add_free(self) -> None:
        self.errors.clear()
        data = AgendaItemInput(title=self.title.text(), kind=AgendaKind[self.kind.currentData()],
                               case_number=self.case_number.text())
        try:
            text = self._submit_free(data)
        except (ValidationError, DomainError) as exc:
            if not self.errors.show_error(exc.field, exc.message):
                self.reject()
                self._report(exc)
            return
        except ServiceError as exc:
            self.reject()
            self._report(exc)
            return
        self.feedback.setText(text)
        self.title.clear()
        self.case_number.clear()
        self.title.setFocus()
        self.added.emit()

