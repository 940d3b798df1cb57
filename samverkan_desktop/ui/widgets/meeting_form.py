"""Editors of the Möten tab: the meeting form, the status step indicator and the agenda-item
editor (minutes text and the decision). They present values and errors; the rules are the
meeting service's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.cadence import Body
from ...domain.catalog import MEETING_STATUS_ORDER, AgendaKind, MeetingStatus
from ...domain.errors import DomainError
from ...domain.stages import Outcome
from ...services.errors import ValidationError
from ...services.meetings import AgendaItemRow, MeetingInput
from .fields import DateEdit, FormErrors


# How a locked field (a justerat meeting) looks: grey, like a disabled one, but its text can
# still be selected and copied. Set on the field's palette: a style sheet on the tab (as this
# once was) makes Qt style every widget in the tab through the slow style-sheet engine
# (building the tab took 108 ms instead of 37).
READ_ONLY_BASE, READ_ONLY_TEXT = "#f1f1f1", "#3a3a3a"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def set_read_only(widget: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    if widget.isReadOnly() == read_only:
        return
    widget.setReadOnly(read_only)
    if read_only:
        pal = widget.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(READ_ONLY_BASE))
        pal.setColor(QPalette.ColorRole.Text, QColor(READ_ONLY_TEXT))
        widget.setPalette(pal)
    else:
        widget.setPalette(QPalette())  # nothing set of its own: the window's colours again


def collect(errors: list[FormErrors], build: Callable[[], Any], on_unplaced: Callable[[str], None]) -> Any:
    """Like FormErrors.collect over several forms: the error goes beside whichever field it names."""
    for e in errors:
        e.clear()
    try:
        return build()
    except (DomainError, ValidationError) as exc:
        place_error(errors, exc, on_unplaced)
        return None


def place_error(errors: list[FormErrors], exc: DomainError | ValidationError,
                on_unplaced: Callable[[str], None]) -> None:
    msg = getattr(exc, "message", str(exc))
    if not any(e.show_error(exc.field, msg) for e in errors):
        on_unplaced(msg)


class StatusSteps(QWidget):
    """planerat › kallat › genomfört › justerat, the current step highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingStatusSteps")
        self.setAccessibleName(self.tr("Meeting status"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self._labels: dict[MeetingStatus, QLabel] = {}
        for n, st in enumerate(MEETING_STATUS_ORDER):
            if n:
                arrow = QLabel("›")
                arrow.setStyleSheet("color: #8a8a8a;")
                lay.addWidget(arrow)
            lab = QLabel(st.value)
            lab.setObjectName(f"step_{st.name}")
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._labels[st] = lab
            lay.addWidget(lab)
        self.status: MeetingStatus | None = None
        self.set_status(None)

    def set_status(self, status: MeetingStatus | None) -> None:
        self.status = status
        cur = MEETING_STATUS_ORDER.index(status) if status is not None else -1
        for n, (st, lab) in enumerate(self._labels.items()):
            if n == cur:
                bg = "#5f6b7a" if st == MeetingStatus.JUSTERAT else "#1f5fa8"
                lab.setStyleSheet(f"background: {bg}; color: white; border-radius: 9px; padding: 2px 10px;"
                                  "font-weight: bold;")
                lab.setText(st.value)
            elif n < cur:
                lab.setStyleSheet("color: #1b6e32; padding: 2px 6px;")
                lab.setText("✓ " + st.value)
            else:
                lab.setStyleSheet("color: #8a8a8a; padding: 2px 6px;")
                lab.setText(st.value)
        self.setToolTip(self.tr("Status: %1").replace("%1", status.value) if status else "")


class MeetingForm(QWidget):
    """Body, date, times, place, title, chair, secretary, adjusters and agreement of one meeting."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingForm")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FormErrors(form, self)
        self.body = QComboBox()
        self.body.setObjectName("meetingBody")
        for b in Body:
            self.body.addItem(capital(b.value), b.name)  # enum names: Qt turns StrEnum into str
        self.held_on = DateEdit("Datum", required=True)
        self.held_on.setObjectName("meetingDate")
        self.start_time = QLineEdit()
        self.start_time.setObjectName("meetingStart")
        self.end_time = QLineEdit()
        self.end_time.setObjectName("meetingEnd")
        for t in (self.start_time, self.end_time):
            t.setPlaceholderText(self.tr("HH:MM"))
            t.setMaxLength(5)
        self.place = QLineEdit()
        self.place.setObjectName("meetingPlace")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("meetingTitle")
        self.title_edit.setPlaceholderText(self.tr("Empty: the body's name"))
        self.chair = QLineEdit()
        self.chair.setObjectName("meetingChair")
        self.secretary = QLineEdit()
        self.secretary.setObjectName("meetingSecretary")
        self.adjusters = QLineEdit()
        self.adjusters.setObjectName("meetingAdjusters")
        self.adjusters.setPlaceholderText(self.tr("Who checks and signs the minutes"))
        self.agreement = QComboBox()
        self.agreement.setObjectName("meetingAgreement")
        self.agreement.addItem(self.tr("(no agreement)"), None)
        for combo in (self.body, self.agreement):  # long titles must not widen the form
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.errors.add_row(self.tr("Body"), self.body, "Organ")
        self.errors.add_row(self.tr("Date"), self.held_on, "Datum")
        self.errors.add_row(self.tr("Start time"), self.start_time, "Starttid")
        self.errors.add_row(self.tr("End time"), self.end_time, "Sluttid")
        self.errors.add_row(self.tr("Place"), self.place, "Plats")
        self.errors.add_row(self.tr("Title"), self.title_edit, "Rubrik")
        self.errors.add_row(self.tr("Chair"), self.chair, "Ordförande")
        self.errors.add_row(self.tr("Secretary"), self.secretary, "Sekreterare")
        self.errors.add_row(self.tr("Adjusters"), self.adjusters, "Justerare")
        self.errors.add_row(self.tr("Agreement"), self.agreement, "Avtal")
        self._loading = False
        for e in (self.held_on, self.start_time, self.end_time, self.place, self.title_edit, self.chair,
                  self.secretary, self.adjusters):
            e.textEdited.connect(self._edited)
        self.body.activated.connect(self._edited)
        self.agreement.activated.connect(self._edited)

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def set_agreements(self, rows: list[tuple[int, str]]) -> None:
        current = self.agreement.currentData()
        self.agreement.clear()
        self.agreement.addItem(self.tr("(no agreement)"), None)
        for ident, title in rows:
            self.agreement.addItem(title, ident)
        self._select(self.agreement, current)

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        idx = combo.findData(data)
        combo.setCurrentIndex(idx if idx >= 0 else 0)

    def load(self, data: MeetingInput) -> None:
        self._loading = True
        try:
            self.errors.clear()
            self._select(self.body, data.body.name)
            self.held_on.set_value(data.held_on)
            self.start_time.setText(data.start_time)
            self.end_time.setText(data.end_time)
            self.place.setText(data.place)
            self.title_edit.setText(data.title)
            self.chair.setText(data.chair)
            self.secretary.setText(data.secretary)
            self.adjusters.setText(data.adjusters)
            self._select(self.agreement, data.agreement_id)
        finally:
            self._loading = False

    def value(self) -> MeetingInput:
        """The form as input; raises DomainError for a bad date (times are checked by the service)."""
        held_on = self.held_on.value()
        assert held_on is not None  # required
        return MeetingInput(body=Body[self.body.currentData()], held_on=held_on, title=self.title_edit.text(),
                            place=self.place.text(), start_time=self.start_time.text(),
                            end_time=self.end_time.text(), agreement_id=self.agreement.currentData(),
                            chair=self.chair.text(), secretary=self.secretary.text(),
                            adjusters=self.adjusters.text())

    def set_read_only(self, locked: bool) -> None:
        for e in (self.held_on, self.start_time, self.end_time, self.place, self.title_edit, self.chair,
                  self.secretary, self.adjusters):
            set_read_only(e, locked)
        self.body.setEnabled(not locked)
        self.agreement.setEnabled(not locked)


def _text_edit(name: str, height: int) -> QPlainTextEdit:
    t = QPlainTextEdit()
    t.setObjectName(name)
    t.setTabChangesFocus(True)
    t.setMinimumHeight(height)
    t.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return t


class AgendaItemEditor(QWidget):
    """One ärende: proposal, motions, decision procedure, sent to, reservations; then the decision."""

    save_text_requested = Signal()
    record_requested = Signal()
    open_activity_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaItemEditor")
        self.item: AgendaItemRow | None = None
        self.locked = False
        self._loading = False
        self.dirty = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("itemHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        head.addWidget(self.heading, 1)
        self.open_activity = QPushButton(self.tr("Open activity"))
        self.open_activity.setObjectName("openActivity")
        self.open_activity.setToolTip(self.tr("Show the activity in the portfolio"))
        self.open_activity.clicked.connect(self._open_activity)
        head.addWidget(self.open_activity, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        self.empty_hint = QLabel(self.tr("Select an item on the agenda to write its minutes and record the "
                                         "decision."))
        self.empty_hint.setObjectName("itemEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #6b6b6b;")
        outer.addWidget(self.empty_hint)

        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # two error sets on one form (aligned labels): the minutes text, and the decision
        self.text_errors = FormErrors(form, self)
        self.proposal = _text_edit("itemProposal", 54)
        self.motions = _text_edit("itemMotions", 40)
        self.procedure = _text_edit("itemProcedure", 40)
        self.sent_to = _text_edit("itemSentTo", 34)
        self.reservations = _text_edit("itemReservations", 34)
        self.text_errors.add_row(self.tr("Proposal"), self.proposal, "Förslag till beslut")
        self.text_errors.add_row(self.tr("Motions"), self.motions, "Yrkanden")
        self.text_errors.add_row(self.tr("Decision procedure"), self.procedure, "Beslutsgång")
        self.text_errors.add_row(self.tr("Sent to"), self.sent_to, "Beslutet skickas till")
        self.text_errors.add_row(self.tr("Reservations"), self.reservations, "Reservationer")
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_text = QPushButton(self.tr("Save minutes text"))
        self.save_text.setObjectName("saveItemText")
        self.save_text.clicked.connect(self.save_text_requested)
        save_row.addWidget(self.save_text)
        form.addRow(save_row)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(line)

        self.decision_errors = FormErrors(form, self)
        self.outcome = QComboBox()
        self.outcome.setObjectName("itemOutcome")
        self.outcome.addItem(self.tr("Choose the decision…"), None)
        for o in Outcome:
            self.outcome.addItem(o.value, o.name)
        self.decision_text = _text_edit("itemDecisionText", 40)
        self.decision_text.setPlaceholderText(self.tr("Empty: the outcome, e.g. \"Beviljas\""))
        self.decision_errors.add_row(self.tr("Decision"), self.outcome, "Beslut")
        self.decision_errors.add_row(self.tr("Decision text"), self.decision_text, "Beslutstext")
        rec_row = QHBoxLayout()
        self.decided = QLabel()
        self.decided.setObjectName("itemDecided")
        self.decided.setWordWrap(True)
        self.decided.setStyleSheet("color: #1b6e32;")
        rec_row.addWidget(self.decided, 1)
        self.record = QPushButton(self.tr("Record decision"))
        self.record.setObjectName("recordDecision")
        self.record.clicked.connect(self.record_requested)
        rec_row.addWidget(self.record)
        form.addRow(rec_row)
        outer.addWidget(self.body, 1)

        for t in (self.proposal, self.motions, self.procedure, self.sent_to, self.reservations):
            t.textChanged.connect(self._edited)
        self.set_item(None, False)

    def _edited(self) -> None:
        if not self._loading:
            self.dirty = True

    def _open_activity(self) -> None:
        if self.item is not None and self.item.activity_id is not None:
            self.open_activity_requested.emit(self.item.activity_id)

    def set_item(self, item: AgendaItemRow | None, locked: bool) -> None:
        self.item = item
        self.locked = locked
        self._loading = True
        try:
            self.text_errors.clear()
            self.decision_errors.clear()
            self.body.setVisible(item is not None)
            self.empty_hint.setVisible(item is None)
            self.open_activity.setVisible(item is not None and item.activity_id is not None)
            if item is None:
                self.heading.setText("")
                self.dirty = False
                return
            self.heading.setText(f"§ {item.paragraph}  {item.title}")
            self.proposal.setPlainText(item.proposal)
            self.motions.setPlainText(item.motions)
            self.procedure.setPlainText(item.decision_procedure)
            self.sent_to.setPlainText(item.sent_to)
            self.reservations.setPlainText(item.reservations)
            self.decision_text.setPlainText(item.decision_text)
            idx = self.outcome.findData(item.outcome.name) if item.outcome is not None else 0
            self.outcome.setCurrentIndex(max(idx, 0))
            if item.outcome is not None:
                self.decided.setText(self.tr("Decision recorded: %1").replace("%1", item.outcome.value))
            elif item.kind == AgendaKind.BESLUT:
                self.decided.setText(self.tr("A decision is needed before the minutes can be adjusted."))
            else:
                self.decided.setText("")
            self.decided.setStyleSheet("color: #1b6e32;" if item.outcome is not None else "color: #6b6b6b;")
            decided = item.outcome is not None
            for t in (self.proposal, self.motions, self.procedure, self.sent_to, self.reservations):
                set_read_only(t, locked)
            set_read_only(self.decision_text, locked or decided)
            self.outcome.setEnabled(not locked and not decided)
            self.record.setEnabled(not locked and not decided)
            self.save_text.setEnabled(not locked)
            self.dirty = False
        finally:
            self._loading = False

    def texts(self) -> dict[str, str]:
        return {"proposal": self.proposal.toPlainText(), "motions": self.motions.toPlainText(),
                "decision_procedure": self.procedure.toPlainText(), "sent_to": self.sent_to.toPlainText(),
                "reservations": self.reservations.toPlainText()}

    def chosen_outcome(self) -> Outcome | None:
        data = self.outcome.currentData()
        return Outcome[data] if data else None
