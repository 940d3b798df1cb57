"""The fields of an activity: "Details" (kind, title, program, agreement, dates, people,
anchoring, funder) and "Goals" (effect goals, KPIs, activity goals, deliverables). Builds an
ActivityInput; every error is shown in Swedish beside the field it names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.followup import ActivityKind
from ...services.errors import ValidationError
from ...services.portfolio import ActivityInput, validate
from ..table_models.choice_list import ChoiceListModel
from .fields import DateEdit, FormErrors


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: the text shown and the id stored."""

    id: int
    text: str
    extra: int | None = None  # e.g. a person's organisation id


@dataclass(frozen=True)
class FormChoices:
    """What the pickers offer (loaded with the rows, off the GUI thread)."""

    agreements: Sequence[Choice] = ()
    containers: Sequence[Choice] = ()  # programs and profile areas
    people: Sequence[Choice] = ()
    universities: Sequence[Choice] = ()
    companies: Sequence[Choice] = ()
    funders: Sequence[Choice] = ()
    administrations: Sequence[str] = ()


def _choice_model(combo: QComboBox) -> ChoiceListModel:
    model = combo.model()
    if not isinstance(model, ChoiceListModel):
        model = ChoiceListModel(parent=combo)
        combo.setModel(model)
    return model


def fill_combo(combo: QComboBox, choices: Sequence[Choice], empty: str = "—") -> None:
    """Refill a picker (item data = id, an empty first choice), keeping the current id."""
    current = combo.currentData()
    combo.blockSignals(True)
    model = _choice_model(combo)
    model.set_choices(choices, empty)
    combo.setCurrentIndex(max(model.row_of(current), 0))
    combo.blockSignals(False)


def set_combo_id(combo: QComboBox, ident: int | None, fallback_text: str = "") -> None:
    """Select the entry with `ident`; an id the list lacks is added (so nothing is lost)."""
    model = _choice_model(combo)
    i = model.row_of(ident)
    if i < 0:
        assert ident is not None
        i = model.add(ident, fallback_text or f"#{ident}")
    combo.setCurrentIndex(i)


def _text_edit(name: str, lines: int = 4) -> QPlainTextEdit:
    e = QPlainTextEdit()
    e.setAccessibleName(name)
    e.setTabChangesFocus(True)
    e.setFixedHeight(e.fontMetrics().lineSpacing() * lines + 14)
    return e


class ActivityForm(QWidget):
    """Both form pages; `details_page` and `goals_page` go into the tab's section widget."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()  # only a holder: its two pages are shown in the tab's sections
        self._snapshot: tuple[Any, ...] = ()
        self._loading = False
        self._choices: FormChoices | None = None  # what the pickers hold now
        self._own_id: int | None = None

        # ---- details: the activity ----
        self.kind = QComboBox()
        for k in ActivityKind:
            self.kind.addItem(k.value, k.name)  # StrEnums become str in Qt: store names
        self.title = QLineEdit()
        self.title.setObjectName("activityTitle")
        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("activityParent")
        self.agreement = QComboBox()
        self.agreement.setObjectName("activityAgreement")
        self.case_number = QLineEdit()
        self.start = DateEdit("Startdatum")
        self.end = DateEdit("Slutdatum")
        self.research_question = _text_edit(self.tr("Research question"), 2)

        box1 = QGroupBox(self.tr("Activity"))
        f1 = QFormLayout(box1)
        f1.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors_main = FormErrors(f1, self)
        self.errors_main.add_row(self.tr("Kind"), self.kind, field="Typ")
        self.errors_main.add_row(self.tr("Title"), self.title, field="Titel")
        self.errors_main.add_row(self.tr("Part of"), self.parent_combo, field="Ingår i")
        self.errors_main.add_row(self.tr("Agreement"), self.agreement, field="Avtal")
        self.errors_main.add_row(self.tr("Case number"), self.case_number, field="Diarienummer")
        self.errors_main.add_row(self.tr("Start"), self.start)
        self.errors_main.add_row(self.tr("End"), self.end)
        self.errors_main.add_row(self.tr("Research question"), self.research_question, field="Forskningsfråga")

        # ---- details: people and anchoring ----
        self.researcher = QComboBox()
        self.researcher.setObjectName("activityResearcher")
        self.university = QComboBox()
        self.university.setObjectName("activityUniversity")
        self.official = QComboBox()
        self.official.setObjectName("activityOfficial")
        self.administration = QComboBox()
        self.administration.setObjectName("activityAdministration")
        self.administration.setEditable(True)
        self.administration.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.company = QComboBox()
        self.company.setObjectName("activityCompany")
        self.forankring = QCheckBox(self.tr("Confirmed in the administration"))
        self.forankring.setObjectName("activityForankring")
        self.funder = QComboBox()
        self.funder.setObjectName("activityFunder")
        self.notes = _text_edit(self.tr("Notes"), 2)
        for combo in (self.parent_combo, self.agreement, self.researcher, self.university, self.official,
                      self.company, self.funder):
            _choice_model(combo)  # starts with the empty choice
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        box2 = QGroupBox(self.tr("People and anchoring"))
        f2 = QFormLayout(box2)
        f2.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors_people = FormErrors(f2, self)
        self.errors_people.add_row(self.tr("Responsible researcher"), self.researcher, field="Ansvarig forskare")
        self.errors_people.add_row(self.tr("University"), self.university, field="Lärosäte")
        self.errors_people.add_row(self.tr("Responsible official"), self.official, field="Ansvarig tjänsteperson")
        self.errors_people.add_row(self.tr("Administration/company"), self.administration, field="Förvaltning/bolag")
        self.errors_people.add_row(self.tr("Municipal company"), self.company, field="Bolag")
        self.errors_people.add_row(self.tr("Anchoring"), self.forankring, field="Förankring")
        self.errors_people.add_row(self.tr("External funder"), self.funder, field="Extern finansiär")
        self.errors_people.add_row(self.tr("Notes"), self.notes, field="Anteckningar")

        self.details_page = QScrollArea()
        self.details_page.setObjectName("activityDetailsPage")
        self.details_page.setWidgetResizable(True)
        self.details_page.setFrameShape(QFrame.Shape.NoFrame)
        self.details_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.addWidget(box1)
        rows.addWidget(box2)
        rows.addStretch(1)
        self.details_page.setWidget(inner)

        # ---- goals ----
        self.effect_goals = _text_edit(self.tr("Effect goals"), 4)
        self.kpis = _text_edit(self.tr("KPIs"), 4)
        self.activity_goals = _text_edit(self.tr("Activity goals"), 4)
        self.deliverables = _text_edit(self.tr("Deliverables for the municipality"), 4)
        self.goals_page = QScrollArea()
        self.goals_page.setObjectName("activityGoalsPage")
        self.goals_page.setWidgetResizable(True)
        self.goals_page.setFrameShape(QFrame.Shape.NoFrame)
        goals = QWidget()
        gl = QVBoxLayout(goals)
        hint = QLabel(self.tr("One goal, KPI or deliverable per line."))
        hint.setStyleSheet("color: #555;")
        gl.addWidget(hint)
        f3 = QFormLayout()
        gl.addLayout(f3)
        gl.addStretch(1)
        self.errors_goals = FormErrors(f3, self)
        self.errors_goals.add_row(self.tr("Effect goals"), self.effect_goals, field="Effektmål")
        self.errors_goals.add_row(self.tr("KPIs"), self.kpis, field="Nyckeltal")
        self.errors_goals.add_row(self.tr("Activity goals"), self.activity_goals, field="Aktivitetsmål")
        self.errors_goals.add_row(self.tr("Deliverables"), self.deliverables, field="Leveranser")
        self.goals_page.setWidget(goals)

        self._align_labels(f1, f2)
        self._tab_order()
        self._people_org: dict[int, int | None] = {}
        for w in (self.kind, self.parent_combo, self.agreement, self.researcher, self.university, self.official,
                  self.company, self.funder):
            w.currentIndexChanged.connect(self._changed)
        self.administration.editTextChanged.connect(self._changed)
        for e in (self.title, self.case_number, self.start, self.end):
            e.textChanged.connect(self._changed)
        for t in (self.research_question, self.notes, self.effect_goals, self.kpis, self.activity_goals,
                  self.deliverables):
            t.textChanged.connect(self._changed)
        self.forankring.toggled.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.researcher.currentIndexChanged.connect(self._researcher_changed)
        self._kind_changed()

    @staticmethod
    def _align_labels(*forms: QFormLayout) -> None:
        """Both groups' fields start at the same x."""
        labels = [item.widget() for f in forms for r in range(f.rowCount())
                  if (item := f.itemAt(r, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None]
        width = max((lab.sizeHint().width() for lab in labels), default=0)
        for lab in labels:
            lab.setMinimumWidth(width)

    def _tab_order(self) -> None:
        order = [self.kind, self.title, self.parent_combo, self.agreement, self.case_number, self.start, self.end,
                 self.research_question, self.researcher, self.university, self.official, self.administration,
                 self.company, self.forankring, self.funder, self.notes]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        goals = [self.effect_goals, self.kpis, self.activity_goals, self.deliverables]
        for a, b in zip(goals, goals[1:]):
            QWidget.setTabOrder(a, b)

    # ---- API ----------------------------------------------------------------------
    def set_choices(self, choices: FormChoices, own_id: int | None = None) -> None:
        """Fill the pickers. The tab passes the same FormChoices for every record it opens until
        it reloads: then only the parent picker (which leaves out the activity itself) is
        refilled, not the thousands of people (opening a record stays fast)."""
        self._loading = True
        if choices is not self._choices:
            fill_combo(self.agreement, choices.agreements)
            fill_combo(self.researcher, choices.people)
            fill_combo(self.official, choices.people)
            fill_combo(self.university, choices.universities)
            fill_combo(self.company, choices.companies)
            fill_combo(self.funder, choices.funders)
            text = self.administration.currentText()
            self.administration.blockSignals(True)
            self.administration.clear()
            self.administration.addItems(list(choices.administrations))
            self.administration.setEditText(text)
            self.administration.blockSignals(False)
            self._people_org = {c.id: c.extra for c in choices.people}
        if choices is not self._choices:
            fill_combo(self.parent_combo, choices.containers)
        if choices is not self._choices or own_id != self._own_id:
            # an activity cannot hold itself (one row out, the last one back: no refill)
            self.parent_combo.blockSignals(True)
            _choice_model(self.parent_combo).leave_out(own_id)
            self.parent_combo.blockSignals(False)
        self._choices, self._own_id = choices, own_id
        self._loading = False

    def set_data(self, data: ActivityInput, names: dict[str, str] | None = None) -> None:
        """Show an activity (or the defaults of a new one) and mark the form clean."""
        names = names or {}
        self._loading = True
        self.clear_errors()
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind.name), 0))
        self.title.setText(data.title)
        set_combo_id(self.parent_combo, data.parent_id, names.get("parent", ""))
        set_combo_id(self.agreement, data.agreement_id, names.get("agreement", ""))
        self.case_number.setText(data.case_number)
        self.start.set_value(data.start)
        self.end.set_value(data.end)
        self.research_question.setPlainText(data.research_question)
        set_combo_id(self.researcher, data.responsible_researcher_id, names.get("researcher", ""))
        set_combo_id(self.university, data.university_id, names.get("university", ""))
        set_combo_id(self.official, data.responsible_official_id, names.get("official", ""))
        self.administration.setEditText(data.administration)
        set_combo_id(self.company, data.company_id, names.get("company", ""))
        self.forankring.setChecked(data.forankring_confirmed)
        set_combo_id(self.funder, data.external_funder_id, names.get("funder", ""))
        self.notes.setPlainText(data.notes)
        self.effect_goals.setPlainText(data.effect_goals)
        self.kpis.setPlainText(data.kpis)
        self.activity_goals.setPlainText(data.activity_goals)
        self.deliverables.setPlainText(data.deliverables)
        self._kind_changed()
        self._loading = False
        self.mark_clean()

    def build(self) -> ActivityInput:
        """The typed input; raises DomainError/ValidationError naming the Swedish field."""
        data = ActivityInput(
            kind=ActivityKind[self.kind.currentData()], title=self.title.text().strip(),
            agreement_id=self.agreement.currentData(),
            parent_id=self.parent_combo.currentData() if self.parent_combo.isEnabled() else None,
            research_question=self.research_question.toPlainText(), start=self.start.value(), end=self.end.value(),
            case_number=self.case_number.text().strip(),
            responsible_researcher_id=self.researcher.currentData(), university_id=self.university.currentData(),
            responsible_official_id=self.official.currentData(),
            administration=self.administration.currentText().strip(), company_id=self.company.currentData(),
            forankring_confirmed=self.forankring.isChecked(), external_funder_id=self.funder.currentData(),
            effect_goals=self.effect_goals.toPlainText(), kpis=self.kpis.toPlainText(),
            activity_goals=self.activity_goals.toPlainText(), deliverables=self.deliverables.toPlainText(),
            notes=self.notes.toPlainText())
        validate(data)
        return data

    def collect(self) -> tuple[ActivityInput | None, str]:
        """(input, "") or (None, message) with the message also shown beside its field."""
        self.clear_errors()
        try:
            return self.build(), ""
        except (DomainError, ValidationError) as exc:
            return None, self.show_error(exc)

    def show_error(self, exc: DomainError | ValidationError) -> str:
        """Show a service or domain error beside its field; returns the message."""
        msg = getattr(exc, "message", str(exc))
        for errors in (self.errors_main, self.errors_people, self.errors_goals):
            if errors.show_error(exc.field, msg):
                break
        return msg

    def clear_errors(self) -> None:
        for errors in (self.errors_main, self.errors_people, self.errors_goals):
            errors.clear()

    def errors(self) -> dict[str, str]:
        return {**self.errors_main.errors(), **self.errors_people.errors(), **self.errors_goals.errors()}

    def is_dirty(self) -> bool:
        return self._state() != self._snapshot

    def mark_clean(self) -> None:
        self._snapshot = self._state()

    def set_kinds_allowed(self, allowed: bool) -> None:
        """A saved program with children cannot change kind; new/other records can."""
        self.kind.setEnabled(allowed)

    # ---- internals ----------------------------------------------------------------
    def _state(self) -> tuple[Any, ...]:
        return (self.kind.currentData(), self.title.text(), self.parent_combo.currentData(),
                self.agreement.currentData(), self.case_number.text(), self.start.text(), self.end.text(),
                self.research_question.toPlainText(), self.researcher.currentData(), self.university.currentData(),
                self.official.currentData(), self.administration.currentText(), self.company.currentData(),
                self.forankring.isChecked(), self.funder.currentData(), self.notes.toPlainText(),
                self.effect_goals.toPlainText(), self.kpis.toPlainText(), self.activity_goals.toPlainText(),
                self.deliverables.toPlainText())

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _kind_changed(self, *_: object) -> None:
        container = self.kind.currentData() in (ActivityKind.PROGRAM.name, ActivityKind.PROFILOMRADE.name)
        self.parent_combo.setEnabled(not container)
        self.parent_combo.setToolTip(self.tr("A program or profile area cannot be part of another one")
                                     if container else "")

    def _researcher_changed(self, *_: object) -> None:
        """Picking a researcher fills in their university when it is empty."""
        if self._loading or self.university.currentData() is not None:
            return
        org = self._people_org.get(self.researcher.currentData())
        row = _choice_model(self.university).row_of(org) if org is not None else -1
        if row >= 0:
            self.university.setCurrentIndex(row)
