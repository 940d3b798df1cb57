"""Small non-blocking dialogs of an activity: register a follow-up report, add an
allocation, register a disbursement, record the popular-science presentation.

Each is opened with `.open()`; OK validates the fields (errors beside the field, in
Swedish) and emits `submitted(values)`. The receiver runs the service action and calls
`refuse(error)` when the service says no: the dialog then stays open showing why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import FundingSource
from ...domain.errors import DomainError
from ...services.errors import ValidationError
from ...services.portfolio import ReportRow
from ..widgets.activity_form import Choice, fill_combo, set_combo_id
from ..widgets.fields import DateEdit, FormErrors, MoneyEdit


class _ValuesDialog(QDialog):
    submitted = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._lay = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self._lay.addWidget(self.intro)
        self.form = QFormLayout()
        self._lay.addLayout(self.form)
        self.errors = FormErrors(self.form, self)
        self.summary = QLabel()
        self.summary.setObjectName("dialogError")
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self._lay.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self._refused = False

    def _finish_layout(self) -> None:
        self._lay.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.show()

    def _build(self) -> Any:
        raise NotImplementedError

    def _ok(self) -> None:
        self.summary.hide()
        values = self.errors.collect(self._build, on_unplaced=self._show_summary)
        if values is None:
            return
        self._refused = False
        self.submitted.emit(values)
        if not self._refused:
            self.accept()

    def refuse(self, exc: BaseException) -> None:
        """The service refused: show the reason (beside its field when there is one)."""
        self._refused = True
        msg = getattr(exc, "message", str(exc))
        field = getattr(exc, "field", None)
        if not (isinstance(exc, (ValidationError, DomainError)) and field and self.errors.show_error(field, msg)):
            self._show_summary(msg)

    def _show_summary(self, message: str) -> None:
        self.summary.setText(message)
        self.summary.show()


# ---- follow-up report ------------------------------------------------------------------
@dataclass(frozen=True)
class ReportValues:
    report_id: int
    received_on: date | None
    approved: bool | None
    meeting_id: int | None


class ReportDialog(_ValuesDialog):
    def __init__(self, report: ReportRow, meetings: list[Choice], today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register report"), parent)
        self.report = report
        self.set_intro(self.tr("%1, due %2").replace("%1", report.kind.value).replace("%2", report.due.isoformat()))
        self.received = DateEdit("Mottagen")
        self.received.set_value(report.received_on or today)
        self.meeting = QComboBox()
        fill_combo(self.meeting, meetings)
        set_combo_id(self.meeting, report.presented_meeting_id)
        self.approved = QComboBox()
        self.approved.addItem(self.tr("Not yet assessed"), None)
        self.approved.addItem(self.tr("Approved"), True)
        self.approved.addItem(self.tr("Not approved"), False)
        self.approved.setCurrentIndex(max(self.approved.findData(report.approved), 0)
                                      if report.approved is not None else 0)
        self.errors.add_row(self.tr("Received"), self.received)
        self.errors.add_row(self.tr("Presented at"), self.meeting, field="Presenterad vid")
        self.errors.add_row(self.tr("Assessment"), self.approved, field="Godkänd")
        self._finish_layout()

    def _build(self) -> ReportValues:
        return ReportValues(self.report.id, self.received.value(), self.approved.currentData(),
                            self.meeting.currentData())


# ---- allocation ------------------------------------------------------------------------
@dataclass(frozen=True)
class AllocationValues:
    year: int
    source: FundingSource
    amount_ore: int
    decided_on: date | None


def _source_combo() -> QComboBox:
    combo = QComboBox()
    for s in FundingSource:
        combo.addItem(s.value, s.name)  # StrEnums become str in Qt: store names
    return combo


class AllocationDialog(_ValuesDialog):
    def __init__(self, default_year: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add allocation"), parent)
        self.set_intro(self.tr("Funding decided for the activity for one year and source."))
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(default_year)
        self.source = _source_combo()
        self.amount = MoneyEdit("Tilldelat belopp", required=True)
        self.decided_on = DateEdit("Beslutsdatum")
        self.decided_on.set_value(today)
        self.errors.add_row(self.tr("Year"), self.year, field="År")
        self.errors.add_row(self.tr("Source"), self.source, field="Källa")
        self.errors.add_row(self.tr("Amount"), self.amount)
        self.errors.add_row(self.tr("Decided on"), self.decided_on)
        self._finish_layout()

    def _build(self) -> AllocationValues:
        return AllocationValues(self.year.value(), FundingSource[self.source.currentData()], self.amount.value(),
                                self.decided_on.value())


# ---- disbursement ----------------------------------------------------------------------
@dataclass(frozen=True)
class DisbursementValues:
    paid_on: date
    source: FundingSource
    amount_ore: int
    note: str


class DisbursementDialog(_ValuesDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register disbursement"), parent)
        self.set_intro(self.tr("Funds can be transferred once both signatories have signed the decision document."))
        self.paid_on = DateEdit("Utbetalningsdatum", required=True)
        self.paid_on.set_value(today)
        self.source = _source_combo()
        self.amount = MoneyEdit("Överfört belopp", required=True)
        self.note = QLineEdit()
        self.errors.add_row(self.tr("Paid on"), self.paid_on)
        self.errors.add_row(self.tr("Source"), self.source, field="Källa")
        self.errors.add_row(self.tr("Amount"), self.amount)
        self.errors.add_row(self.tr("Note"), self.note, field="Notering")
        self._finish_layout()

    def _build(self) -> DisbursementValues:
        paid_on = self.paid_on.value()
        assert paid_on is not None  # required
        return DisbursementValues(paid_on, FundingSource[self.source.currentData()], self.amount.value(),
                                  self.note.text())


# ---- popular-science presentation ------------------------------------------------------
class PresentationDialog(_ValuesDialog):
    def __init__(self, current: date | None, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Popular-science presentation"), parent)
        self.set_intro(self.tr("The date of the result-dissemination event where the activity was presented "
                               "(held twice a year, in quarters 2 and 4)."))
        self.held_on = DateEdit("Presentationsdatum", required=True)
        self.held_on.set_value(current or today)
        self.errors.add_row(self.tr("Held on"), self.held_on)
        self._finish_layout()

    def _build(self) -> date:
        held = self.held_on.value()
        assert held is not None
        return held


__all__ = ["AllocationDialog", "AllocationValues", "DisbursementDialog", "DisbursementValues", "PresentationDialog",
           "ReportDialog", "ReportValues"]
