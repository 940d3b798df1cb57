"""Small non-blocking dialogs of the agreement tab: notice, extension, decision, body, person
in a role, hours, extra assignment and a new organisation. Each is opened with `.open()`;
OK runs the action the tab passes in (a service call). A Swedish error stays in the dialog,
beside its field; on success `succeeded` carries the action's result and the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.cadence import Body, meetings_per_year
from ...domain.catalog import OrgKind
from ...domain.errors import DomainError
from ...services.errors import ServiceError, ValidationError
from ...services.people import PersonRow
from ..widgets.fields import DateEdit, FormErrors, HoursEdit, IntEdit, MoneyEdit, OrgNrEdit


class AgreementActionDialog(QDialog):
    """Base: a form, its FormErrors, a general error line and OK/Cancel."""

    succeeded = Signal(object)

    def __init__(self, title: str, action: Callable[[Any], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._action = action
        lay = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        lay.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lay.addLayout(self.form)
        self.errors = FormErrors(self.form, self)
        self.general = QLabel()
        self.general.setObjectName("dialogError")
        self.general.setStyleSheet("color: #b00020;")
        self.general.setWordWrap(True)
        self.general.hide()
        lay.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def values(self) -> Any:  # pragma: no cover - every dialog overrides
        raise NotImplementedError

    def _general(self, message: str) -> None:
        self.general.setText(message)
        self.general.show()

    def submit(self) -> None:
        self.general.hide()
        values = self.errors.collect(self.values, on_unplaced=self._general)
        if values is None:
            return
        try:
            result = self._action(values)
        except (ValidationError, DomainError) as exc:
            message = getattr(exc, "message", str(exc))
            if not self.errors.show_error(exc.field, message):
                self._general(message)
            return
        except ServiceError as exc:
            self._general(str(exc))
            return
        self.succeeded.emit(result)
        self.accept()


def _text(height: int = 70) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setTabChangesFocus(True)
    w.setMinimumHeight(height)
    return w


# ---- notice and extension -----------------------------------------------------------------
class NoticeDialog(AgreementActionDialog):
    """Date the notice was given; shows the end date it leads to while the user types."""

    def __init__(self, action: Callable[[date], Any], preview: Callable[[date], date], today: date,
                 rule_text: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record notice"), action, parent)
        self.setObjectName("noticeDialog")
        self._preview = preview
        self.set_intro(self.tr("Notice rule: %1").replace("%1", rule_text))
        self.given_on = DateEdit("Uppsägning given", required=True)
        self.given_on.setObjectName("noticeGivenOn")
        self.given_on.set_value(today)
        self.errors.add_row(self.tr("Notice given on"), self.given_on, "Uppsägning")
        self.end_label = QLabel()
        self.end_label.setObjectName("noticeEnd")
        self.form.addRow(self.tr("Agreement ends"), self.end_label)
        self.given_on.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        try:
            given = self.given_on.value()
            assert given is not None
            self.end_label.setText(self._preview(given).isoformat())
            self.end_label.setStyleSheet("font-weight: bold;")
        except (DomainError, ServiceError, AssertionError) as exc:
            self.end_label.setText(getattr(exc, "message", "") or "–")
            self.end_label.setStyleSheet("color: #b00020;")

    def values(self) -> date:
        d = self.given_on.value()
        assert d is not None
        return d


@dataclass(frozen=True)
class ExtensionValues:
    new_end: date
    decided_on: date
    body: str
    paragraph: str


class ExtensionDialog(AgreementActionDialog):
    def __init__(self, action: Callable[[ExtensionValues], Any], today: date, current_end: date | None,
                 deadline: date | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record extension"), action, parent)
        self.setObjectName("extensionDialog")
        intro = self.tr("Current end: %1.").replace("%1", current_end.isoformat() if current_end else "–")
        if deadline is not None:
            intro += " " + self.tr("The extension must be agreed by %1.").replace("%1", deadline.isoformat())
        self.set_intro(intro)
        self.new_end = DateEdit("Nytt slutdatum", required=True)
        self.new_end.setObjectName("extensionNewEnd")
        self.errors.add_row(self.tr("New end date"), self.new_end)
        self.decided_on = DateEdit("Beslutsdatum", required=True)
        self.decided_on.setObjectName("extensionDecidedOn")
        self.decided_on.set_value(today)
        self.errors.add_row(self.tr("Decided on"), self.decided_on)
        self.body = QLineEdit()
        self.body.setObjectName("extensionBody")
        self.body.setPlaceholderText(self.tr("e.g. Kommunstyrelsen"))
        self.errors.add_row(self.tr("Decided by"), self.body, "Organ")
        self.paragraph = QLineEdit()
        self.paragraph.setObjectName("extensionParagraph")
        self.paragraph.setPlaceholderText("§ 171")
        self.errors.add_row(self.tr("Paragraph"), self.paragraph, "Paragraf")

    def values(self) -> ExtensionValues:
        new_end, decided = self.new_end.value(), self.decided_on.value()
        assert new_end is not None and decided is not None
        return ExtensionValues(new_end, decided, self.body.text().strip(), self.paragraph.text().strip())


# ---- decisions, bodies, roles ---------------------------------------------------------
@dataclass(frozen=True)
class DecisionValues:
    body: str
    decided_on: date
    paragraph: str
    case_number: str
    outcome: str
    reservations: str


# bodies that decide on agreements (seed 000) besides the collaboration's own bodies
DECIDING_BODIES = ("Kommunstyrelsen", "Kommunstyrelsens arbetsutskott", "Kommunfullmäktige", "Styrgrupp",
                   "Ledningsgrupp")


class DecisionDialog(AgreementActionDialog):
    def __init__(self, action: Callable[[DecisionValues], Any], today: date, case_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add decision"), action, parent)
        self.setObjectName("decisionDialog")
        self.body = QComboBox()
        self.body.setObjectName("decisionBody")
        self.body.setEditable(True)
        self.body.addItems(list(DECIDING_BODIES))
        self.body.setCurrentIndex(0)
        self.errors.add_row(self.tr("Body"), self.body, "Organ")
        self.decided_on = DateEdit("Datum", required=True)
        self.decided_on.setObjectName("decisionDate")
        self.decided_on.set_value(today)
        self.errors.add_row(self.tr("Date"), self.decided_on)
        self.paragraph = QLineEdit()
        self.paragraph.setObjectName("decisionParagraph")
        self.paragraph.setPlaceholderText("§ 229")
        self.errors.add_row(self.tr("Paragraph"), self.paragraph, "Paragraf")
        self.case_number = QLineEdit(case_number)
        self.case_number.setObjectName("decisionCaseNumber")
        self.errors.add_row(self.tr("Case number"), self.case_number, "Diarienummer")
        self.outcome = _text()
        self.outcome.setObjectName("decisionOutcome")
        self.errors.add_row(self.tr("Decision"), self.outcome, "Beslut")
        self.reservations = _text(50)
        self.reservations.setObjectName("decisionReservations")
        self.errors.add_row(self.tr("Reservations"), self.reservations, "Reservationer")

    def values(self) -> DecisionValues:
        decided = self.decided_on.value()
        assert decided is not None
        return DecisionValues(self.body.currentText().strip(), decided, self.paragraph.text().strip(),
                              self.case_number.text().strip(), self.outcome.toPlainText().strip(),
                              self.reservations.toPlainText().strip())


@dataclass(frozen=True)
class BodyValues:
    body: Body
    meetings_per_year: int
    description: str


class BodyDialog(AgreementActionDialog):
    def __init__(self, action: Callable[[BodyValues], Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add governance body"), action, parent)
        self.setObjectName("bodyDialog")
        self.body = QComboBox()
        self.body.setObjectName("bodyKind")
        for b in Body:
            self.body.addItem(b.value, b.name)
        self.errors.add_row(self.tr("Body"), self.body, "Organ")
        self.per_year = IntEdit("Möten per år", maximum=52)
        self.per_year.setObjectName("bodyMeetingsPerYear")
        self.errors.add_row(self.tr("Meetings per year"), self.per_year)
        self.description = _text(60)
        self.description.setObjectName("bodyDescription")
        self.errors.add_row(self.tr("Description"), self.description, "Beskrivning")
        self.body.currentIndexChanged.connect(self._cadence)
        self._cadence()

    def _cadence(self) -> None:
        self.per_year.set_value(meetings_per_year(Body[self.body.currentData()]))

    def values(self) -> BodyValues:
        return BodyValues(Body[self.body.currentData()], self.per_year.value(),
                          self.description.toPlainText().strip())


@dataclass(frozen=True)
class RoleValues:
    person_id: int
    role: str
    side: str


# roles of seed 004 "Roller och ansvar" and seed 000 appendix §3
COMMON_ROLES = ("Kontaktperson", "Biträdande kontaktperson (mandat)", "Processledare", "Kommunikatör",
                "Firmatecknare", "Ledningsgrupp", "Styrgrupp")


class RoleDialog(AgreementActionDialog):
    """Pick a person (type to search by name, title or organisation) and name the role."""

    def __init__(self, action: Callable[[RoleValues], Any], people: list[PersonRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add person in a role"), action, parent)
        self.setObjectName("roleDialog")
        self.person = QComboBox()
        self.person.setObjectName("rolePerson")
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.addItem("", None)
        for p in people:
            extra = ", ".join(x for x in (p.title, p.organisation) if x)
            self.person.addItem(f"{p.name} ({extra})" if extra else p.name, p.id)
        completer = QCompleter(self.person.model(), self.person)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person.setCompleter(completer)
        self.person.lineEdit().setPlaceholderText(self.tr("Type a name to search"))
        self.errors.add_row(self.tr("Person"), self.person, "Person")
        self.role = QComboBox()
        self.role.setObjectName("roleName")
        self.role.setEditable(True)
        self.role.addItems(list(COMMON_ROLES))
        self.errors.add_row(self.tr("Role"), self.role, "Roll")
        self.side = QComboBox()
        self.side.setObjectName("roleSide")
        self.side.addItem(self.tr("our side"), "kommun")
        self.side.addItem(self.tr("partner"), "partner")
        self.errors.add_row(self.tr("Side"), self.side, "Sida")

    def values(self) -> RoleValues:
        text = self.person.currentText().strip()
        i = self.person.findText(text, Qt.MatchFlag.MatchExactly)
        pid = self.person.itemData(i) if i >= 0 else None
        if pid is None:
            raise ValidationError("Person", "välj en person i listan" if text else "måste väljas")
        return RoleValues(int(pid), self.role.currentText().strip(), self.side.currentData())


# ---- hours and extra work -----------------------------------------------------------------
@dataclass(frozen=True)
class HoursValues:
    worked_on: date
    minutes: int
    description: str


class HoursDialog(AgreementActionDialog):
    def __init__(self, action: Callable[[HoursValues], Any], today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record hours"), action, parent)
        self.setObjectName("hoursDialog")
        self.set_intro(self.tr("Hours of included strategic R&D used against the agreement's quota."))
        self.worked_on = DateEdit("Datum", required=True)
        self.worked_on.setObjectName("hoursDate")
        self.worked_on.set_value(today)
        self.errors.add_row(self.tr("Date"), self.worked_on)
        self.hours = HoursEdit("Timmar")
        self.hours.setObjectName("hoursAmount")
        self.errors.add_row(self.tr("Hours"), self.hours)
        self.description = QLineEdit()
        self.description.setObjectName("hoursDescription")
        self.description.setMaxLength(500)
        self.errors.add_row(self.tr("Description"), self.description, "Beskrivning")

    def values(self) -> HoursValues:
        d = self.worked_on.value()
        assert d is not None
        return HoursValues(d, self.hours.value(), self.description.text().strip())


@dataclass(frozen=True)
class ExtraValues:
    title: str
    ordered_on: date
    minutes: int
    list_price_per_hour_ore: int | None


class ExtraAssignmentDialog(AgreementActionDialog):
    def __init__(self, action: Callable[[ExtraValues], Any], today: date, list_price_text: str,
                 discount_text: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Extra assignment"), action, parent)
        self.setObjectName("extraDialog")
        self.set_intro(self.tr("Priced as hours × list price less the partner discount (%1).")
                       .replace("%1", discount_text))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("extraTitle")
        self.errors.add_row(self.tr("Title"), self.title_edit, "Titel")
        self.ordered_on = DateEdit("Beställt", required=True)
        self.ordered_on.setObjectName("extraOrderedOn")
        self.ordered_on.set_value(today)
        self.errors.add_row(self.tr("Ordered on"), self.ordered_on)
        self.hours = HoursEdit("Timmar")
        self.hours.setObjectName("extraHours")
        self.errors.add_row(self.tr("Hours"), self.hours)
        self.price = MoneyEdit("Timpris")
        self.price.setObjectName("extraListPrice")
        self.price.setPlaceholderText(list_price_text)
        self.errors.add_row(self.tr("List price per hour"), self.price)

    def values(self) -> ExtraValues:
        d = self.ordered_on.value()
        assert d is not None
        price = self.price.value() if self.price.text().strip() else None
        return ExtraValues(self.title_edit.text().strip(), d, self.hours.value(), price)


# ---- organisations ------------------------------------------------------------------------
@dataclass(frozen=True)
class OrganisationValues:
    name: str
    kind: OrgKind
    org_nr: str | None
    is_own: bool


class OrganisationDialog(AgreementActionDialog):
    """A new organisation; the org nr is checked (format and Luhn digit) before saving."""

    def __init__(self, action: Callable[[OrganisationValues], Any], own: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New organisation"), action, parent)
        self.setObjectName("organisationDialog")
        self.name = QLineEdit()
        self.name.setObjectName("organisationName")
        self.errors.add_row(self.tr("Name"), self.name, "Namn")
        self.kind = QComboBox()
        self.kind.setObjectName("organisationKind")
        for k in OrgKind:
            self.kind.addItem(k.value, k.name)
        self.kind.setCurrentIndex(self.kind.findData((OrgKind.KOMMUN if own else OrgKind.LAROSATE).name))
        self.errors.add_row(self.tr("Kind"), self.kind, "Typ")
        self.org_nr = OrgNrEdit("Organisationsnummer")
        self.org_nr.setObjectName("organisationNumber")
        self.errors.add_row(self.tr("Org. no."), self.org_nr)
        self.is_own = QCheckBox(self.tr("Our own organisation (municipality or municipal company)"))
        self.is_own.setObjectName("organisationIsOwn")
        self.is_own.setChecked(own)
        self.errors.add_row("", self.is_own, "Egen")
        self.is_own.setAccessibleName(self.tr("Our own organisation"))

    def values(self) -> OrganisationValues:
        return OrganisationValues(self.name.text().strip(), OrgKind[self.kind.currentData()], self.org_nr.value(),
                                  self.is_own.isChecked())
