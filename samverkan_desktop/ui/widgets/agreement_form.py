"""The agreement form: every field of an agreement on a few pages, each field's Swedish
error beside it. The form only presents and collects values; the tab calls the services."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import AgreementKind, AgreementStatus
from ...domain.errors import DomainError
from ...services.agreements import AgreementInput, AttachmentRow, BodyRow, DecisionRow, PartyRow, RoleRow
from ...services.errors import ValidationError
from ...services.people import OrganisationRow
from ..table_models.agreement_models import attachment_model, body_model, decision_model, party_model, role_model
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import selected_id, setup_table
from ..in_parts import InParts
from .fields import DateEdit, FormErrors, HoursEdit, IntEdit, MoneyEdit

# invoicing period choices: invoices per year
INVOICES_PER_YEAR = (4, 1, 2, 12)
_PERCENT = re.compile(r"^(\d{1,3})(?:[,.](\d{1,2}))?\s*%?$")


class PercentEdit(QLineEdit):
    """A percentage with up to two decimals, kept as basis points (15 % → 1500)."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(field)
        self.setPlaceholderText("0 %")
        self.setMaxLength(8)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> int:
        text = self.text().strip()
        if not text:
            return 0
        m = _PERCENT.match(text)
        if m is None:
            raise DomainError(self.field, f"'{text}' är ingen procentsats (skriv t.ex. 15 eller 12,5 %)")
        bp = int(m.group(1)) * 100 + int((m.group(2) or "").ljust(2, "0"))
        if bp > 10_000:
            raise DomainError(self.field, "måste vara mellan 0 och 100 %")
        return bp

    def set_value(self, bp: int) -> None:
        whole, frac = divmod(bp, 100)
        self.setText(f"{whole}" + (f",{frac:02d}".rstrip("0") if frac else "") + " %" if bp else "")


def enum_combo(enum: Any, name: str, *, with_all: str = "") -> QComboBox:
    """A combo over a StrEnum: the Swedish `.value` shown, the member's *name* as item data
    (Qt would turn a str-enum member into a plain str); optional "all" entry with data None."""
    combo = QComboBox()
    combo.setObjectName(name)
    if with_all:
        combo.addItem(with_all, None)
    for m in enum:
        combo.addItem(m.value, m.name)
    return combo


def enum_value(combo: QComboBox, enum: Any) -> Any:
    """The member chosen in an `enum_combo` (None for the "all" entry)."""
    name = combo.currentData()
    return None if name is None else enum[name]


def set_combo_data(combo: QComboBox, value: object) -> None:
    i = combo.findData(value)
    combo.setCurrentIndex(max(i, 0))


def small_table(name: str, proxy: RecordSortProxy, height: int = 150, widths: tuple[int, ...] = ()) -> QTableView:
    view = QTableView()
    setup_table(view, proxy, name)
    view.setMinimumHeight(height)
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


def _proxy(model: Any, parent: QWidget) -> RecordSortProxy:
    p = RecordSortProxy(parent)
    p.setSourceModel(model)
    return p


class AgreementForm(QTabWidget):
    """Pages: basics, fee and invoicing, notice and extension, content, bodies and roles,
    decisions, attachments. `changed` fires on every edit the user makes."""

    changed = Signal()
    new_organisation_requested = Signal(str)  # "own" | "partner"
    notice_requested = Signal()
    extension_requested = Signal()
    add_body_requested = Signal()
    add_role_requested = Signal()
    remove_role_requested = Signal(int)
    add_decision_requested = Signal()
    add_attachment_requested = Signal()
    open_attachment_requested = Signal(object)  # AttachmentRow

    PAGE_BASICS, PAGE_FEES, PAGE_NOTICE, PAGE_CONTENT, PAGE_BODIES, PAGE_DECISIONS, PAGE_ATTACHMENTS = range(7)

    def __init__(self, parent: QWidget | None = None, file_exists: Callable[[str], bool] | None = None,
                 *, in_parts: bool = False) -> None:
        """`in_parts`: only start; `build_part()` then adds the pages a few at a time (each call
        blocks the window for ~15 ms instead of ~50 ms for all), and the form is usable once it
        returns False."""
        super().__init__(parent)
        self.setObjectName("agreementForm")
        self.setDocumentMode(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar and the fields take focus
        self._loading = False
        self._orgs: list[OrganisationRow] = []
        self._errors: list[FormErrors] = []
        self._parts = InParts(lambda: self._build_parts(file_exists))
        if not in_parts:
            self._parts.finish()

    def build_part(self) -> bool:
        """Build the next pages; False when the form is complete."""
        return self._parts.step()

    def _build_parts(self, file_exists: Callable[[str], bool] | None) -> Iterator[None]:
        self._build_basics()
        yield
        self._build_fees()
        self._build_notice()
        yield
        self._build_content()
        self._build_bodies()
        yield
        self._build_decisions()
        self._build_attachments(file_exists)
        self._wire()

    # ---- construction ----------------------------------------------------------------
    def _page(self, title: str, tooltip: str = "") -> tuple[QFormLayout, FormErrors, QVBoxLayout]:
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(12, 10, 12, 10)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        outer.addLayout(form)
        errors = FormErrors(form, inner)
        self._errors.append(errors)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        index = self.addTab(scroll, title)
        if tooltip:
            self.setTabToolTip(index, tooltip)
        return form, errors, outer

    def _build_basics(self) -> None:
        form, err, outer = self._page(self.tr("Basics"))
        self.kind = enum_combo(AgreementKind, "agreementKind")
        self.status = enum_combo(AgreementStatus, "agreementStatus")
        kind_status = QWidget()
        ks = QHBoxLayout(kind_status)
        ks.setContentsMargins(0, 0, 0, 0)
        ks.addWidget(self.kind, 1)
        status_label = QLabel(self.tr("Status"))
        status_label.setBuddy(self.status)
        ks.addWidget(status_label)
        ks.addWidget(self.status, 1)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.status.setAccessibleName(self.tr("Status"))
        kind_status.setFocusProxy(self.kind)
        err.add_row(self.tr("Kind"), kind_status, "Typ")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("agreementTitle")
        self.title_edit.setMaxLength(300)
        err.add_row(self.tr("Title"), self.title_edit, "Titel")
        self.case_number = QLineEdit()
        self.case_number.setObjectName("agreementCaseNumber")
        self.case_number.setPlaceholderText(self.tr("e.g. KS2021/812"))
        self.case_number.setMaxLength(60)
        err.add_row(self.tr("Case number"), self.case_number, "Diarienummer")
        self.our_org = QComboBox()
        self.our_org.setObjectName("agreementOurOrganisation")
        self.our_org.setAccessibleName(self.tr("Our organisation"))
        self.our_org.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_own_org = QPushButton(self.tr("New organisation…"))
        self.new_own_org.setObjectName("newOwnOrganisation")
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.our_org, 1)
        rl.addWidget(self.new_own_org)
        row.setFocusProxy(self.our_org)
        err.add_row(self.tr("Our organisation"), row, "Vår organisation")
        self.start = DateEdit("Startdatum", required=True)
        self.start.setObjectName("agreementStart")
        self.end = DateEdit("Slutdatum")
        self.end.setObjectName("agreementEnd")
        self.end.setPlaceholderText(self.tr("YYYY-MM-DD (empty: until further notice)"))
        period = QWidget()
        pl = QHBoxLayout(period)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.start, 1)
        dash = QLabel("–")
        pl.addWidget(dash)
        pl.addWidget(self.end, 2)
        self.start.setMaximumWidth(130)
        period.setFocusProxy(self.start)
        err.add_row(self.tr("Period"), period, "Startdatum")
        # the end date has its own error line under the period row
        self._end_error = QLabel()
        self._end_error.setObjectName("fieldError")
        self._end_error.setStyleSheet("color: #b00020;")
        self._end_error.setWordWrap(True)
        self._end_error.hide()
        form.addRow("", self._end_error)

        self.partners_model = party_model(self)
        self.partners_proxy = _proxy(self.partners_model, self)
        self.partners_view = small_table("agreementPartners", self.partners_proxy, 90)
        self.partners_view.setAccessibleName(self.tr("Partner organisations"))
        self.partners_view.setMaximumHeight(110)
        ph = self.partners_view.horizontalHeader()
        ph.setStretchLastSection(False)
        ph.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ph.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.partner_pick = QComboBox()
        self.partner_pick.setObjectName("partnerPick")
        self.partner_pick.setAccessibleName(self.tr("Organisation to add as partner"))
        self.partner_pick.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_partner = QPushButton(self.tr("Add"))
        self.add_partner.setObjectName("addPartner")
        self.remove_partner = QPushButton(self.tr("Remove"))
        self.remove_partner.setObjectName("removePartner")
        self.new_partner_org = QPushButton(self.tr("New organisation…"))
        self.new_partner_org.setObjectName("newPartnerOrganisation")
        parties = QWidget()
        pv = QVBoxLayout(parties)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.partners_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.partner_pick, 1)
        buttons.addWidget(self.add_partner)
        buttons.addWidget(self.remove_partner)
        buttons.addWidget(self.new_partner_org)
        pv.addLayout(buttons)
        parties.setFocusProxy(self.partners_view)
        err.add_row(self.tr("Partners"), parties, "Parter")
        outer.addStretch(1)

    def _build_fees(self) -> None:
        # a short tab title: all eight page titles fit beside the list at 1280 px
        form, err, outer = self._page(self.tr("Fee"), self.tr("Fee and invoicing"))
        self.fee = MoneyEdit("Årsavgift")
        self.fee.setObjectName("agreementFee")
        err.add_row(self.tr("Annual fee excl. VAT"), self._narrow(self.fee, self.tr("per year")), "Årsavgift")
        self.fee.setAccessibleName(self.tr("Annual fee excl. VAT"))
        self.invoices_per_year = QComboBox()
        self.invoices_per_year.setObjectName("agreementInvoicesPerYear")
        for n, text in zip(INVOICES_PER_YEAR, (self.tr("Every quarter (4 a year)"), self.tr("Once a year"),
                                               self.tr("Every half-year (2 a year)"), self.tr("Every month (12 a year)"))):
            self.invoices_per_year.addItem(text, n)
        err.add_row(self.tr("Invoicing"), self.invoices_per_year, "Faktureringsperiod")
        self.in_advance = QComboBox()
        self.in_advance.setObjectName("agreementInAdvance")
        self.in_advance.addItem(self.tr("In advance"), True)
        self.in_advance.addItem(self.tr("In arrears"), False)
        err.add_row(self.tr("Invoiced"), self.in_advance, "Fakturering")
        self.payment_days = IntEdit("Betalningsvillkor", maximum=365)
        self.payment_days.setObjectName("agreementPaymentDays")
        err.add_row(self.tr("Payment terms"), self._narrow(self.payment_days, self.tr("days net")),
                    "Betalningsvillkor")
        self.payment_days.setAccessibleName(self.tr("Payment terms"))
        self.interest = IntEdit("Dröjsmålsränta", maximum=100)
        self.interest.setObjectName("agreementLateInterest")
        err.add_row(self.tr("Late interest"), self._narrow(
            self.interest, self.tr("percentage points above the reference rate")), "Dröjsmålsränta")
        self.interest.setAccessibleName(self.tr("Late interest"))
        self.included = HoursEdit("Ingående timmar")
        self.included.setObjectName("agreementIncludedHours")
        err.add_row(self.tr("Included hours"), self._narrow(self.included, self.tr("per full year")),
                    "Ingående timmar")
        self.included.setAccessibleName(self.tr("Included hours"))
        self.list_price = MoneyEdit("Timpris")
        self.list_price.setObjectName("agreementListPrice")
        err.add_row(self.tr("List price"), self._narrow(self.list_price, self.tr("per hour, extra work")), "Timpris")
        self.list_price.setAccessibleName(self.tr("List price"))
        self.discount = PercentEdit("Rabatt")
        self.discount.setObjectName("agreementDiscount")
        err.add_row(self.tr("Discount"), self._narrow(self.discount, self.tr("partner discount on extra work")),
                    "Rabatt")
        self.discount.setAccessibleName(self.tr("Discount"))
        self.invoicing_note = self._text("agreementInvoicingNote", 60)
        err.add_row(self.tr("Invoicing note"), self.invoicing_note, "Faktureringsanteckning")
        outer.addStretch(1)

    def _build_notice(self) -> None:
        form, err, outer = self._page(self.tr("Notice and extension"))
        self.fixed_term = QCheckBox(self.tr("Fixed term: ends at the end of the period without notice"))
        self.fixed_term.setObjectName("agreementFixedTerm")
        err.add_row(self.tr("Term"), self.fixed_term, "Tidsbegränsat")
        self.notice_months = IntEdit("Uppsägningstid", maximum=120)
        self.notice_months.setObjectName("agreementNoticeMonths")
        err.add_row(self.tr("Notice period"), self._narrow(self.notice_months, self.tr("months")), "Uppsägningstid")
        self.notice_months.setAccessibleName(self.tr("Notice period"))
        self.points = QLineEdit()
        self.points.setObjectName("agreementTerminationPoints")
        self.points.setPlaceholderText(self.tr("MM-DD, e.g. 02-01 or 12-31"))
        self.points.setMaxLength(100)
        err.add_row(self.tr("Termination dates"), self.points, "Uppsägningsdatum")
        self.extension_lead = IntEdit("Förlängning senast", maximum=60)
        self.extension_lead.setObjectName("agreementExtensionLead")
        self.extension_lead.setPlaceholderText(self.tr("none"))
        err.add_row(self.tr("Extension agreed"), self._narrow(
            self.extension_lead, self.tr("months before the end at the latest")), "Förlängning senast")
        self.extension_lead.setAccessibleName(self.tr("Extension agreed"))
        self.notice_state = QLabel()
        self.notice_state.setObjectName("noticeState")
        self.notice_state.setWordWrap(True)
        self.notice_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.notice_state)
        self.notice_button = QPushButton(self.tr("Record notice…"))
        self.notice_button.setObjectName("recordNotice")
        self.extension_button = QPushButton(self.tr("Record extension…"))
        self.extension_button.setObjectName("recordExtension")
        row = QHBoxLayout()
        row.addWidget(self.notice_button)
        row.addWidget(self.extension_button)
        row.addStretch(1)
        form.addRow("", self._wrap(row))
        self.notice_hint = QLabel()
        self.notice_hint.setObjectName("noticeHint")
        self.notice_hint.setWordWrap(True)
        self.notice_hint.setStyleSheet("color: palette(mid);")
        form.addRow("", self.notice_hint)
        outer.addStretch(1)

    def _build_content(self) -> None:
        form, err, outer = self._page(self.tr("Content"))
        hint = self.tr("One item per line.")
        self.themes = self._text("agreementThemes", 70, hint)
        err.add_row(self.tr("Themes"), self.themes, "Teman")
        self.obligations_ours = self._text("agreementObligationsOurs", 80, hint)
        err.add_row(self.tr("Our obligations"), self.obligations_ours, "Våra åtaganden")
        self.obligations_partner = self._text("agreementObligationsPartner", 80, hint)
        err.add_row(self.tr("Partner's obligations"), self.obligations_partner, "Partnerns åtaganden")
        self.notes = self._text("agreementNotes", 60)
        err.add_row(self.tr("Notes"), self.notes, "Anteckningar")

    def _build_bodies(self) -> None:
        _, _, outer = self._page(self.tr("Bodies and roles"))
        self.bodies_model = body_model(self)
        self.bodies_view = small_table("agreementBodies", _proxy(self.bodies_model, self), 90, (240, 110))
        self.bodies_view.setAccessibleName(self.tr("Governance bodies"))
        self.add_body = QPushButton(self.tr("Add body…"))
        self.add_body.setObjectName("addBody")
        outer.addWidget(self._heading(self.tr("Governance bodies")))
        outer.addWidget(self.bodies_view, 1)
        outer.addLayout(self._buttons(self.add_body))
        self.roles_model = role_model(self.side_text, self)
        self.roles_view = small_table("agreementRoles", _proxy(self.roles_model, self), 110,
                                      (200, 240, 250))
        self.roles_view.setAccessibleName(self.tr("People in roles"))
        self.add_role = QPushButton(self.tr("Add person…"))
        self.add_role.setObjectName("addRole")
        self.remove_role = QPushButton(self.tr("Remove role…"))
        self.remove_role.setObjectName("removeRole")
        outer.addWidget(self._heading(self.tr("People in roles")))
        outer.addWidget(self.roles_view, 2)
        outer.addLayout(self._buttons(self.add_role, self.remove_role))
        self.related_hint_bodies = self._hint()
        outer.addWidget(self.related_hint_bodies)

    def _build_decisions(self) -> None:
        _, _, outer = self._page(self.tr("Decisions"))
        self.decisions_model = decision_model(self)
        self.decisions_view = small_table("agreementDecisions", _proxy(self.decisions_model, self), 150,
                                          (90, 210, 60, 110, 330))
        self.decisions_view.setAccessibleName(self.tr("Decision history"))
        self.decisions_view.setWordWrap(False)
        self.add_decision = QPushButton(self.tr("Add decision…"))
        self.add_decision.setObjectName("addDecision")
        outer.addWidget(self.decisions_view, 1)
        outer.addLayout(self._buttons(self.add_decision))
        self.related_hint_decisions = self._hint()
        outer.addWidget(self.related_hint_decisions)

    def _build_attachments(self, file_exists: Callable[[str], bool] | None) -> None:
        _, _, outer = self._page(self.tr("Attachments"))
        import os

        self.attachments_model = attachment_model(file_exists or os.path.exists, self)
        self.attachments_view = small_table("agreementAttachments", _proxy(self.attachments_model, self), 120,
                                            (240, 420))
        self.attachments_view.setAccessibleName(self.tr("Attachments"))
        self.add_attachment = QPushButton(self.tr("Add attachment…"))
        self.add_attachment.setObjectName("addAttachment")
        self.open_attachment = QPushButton(self.tr("Open"))
        self.open_attachment.setObjectName("openAttachment")
        outer.addWidget(self.attachments_view, 1)
        outer.addLayout(self._buttons(self.add_attachment, self.open_attachment))
        self.related_hint_attachments = self._hint()
        outer.addWidget(self.related_hint_attachments)

    def _text(self, name: str, height: int, placeholder: str = "") -> QPlainTextEdit:
        w = QPlainTextEdit()
        w.setObjectName(name)
        w.setTabChangesFocus(True)
        w.setMinimumHeight(height)
        w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if placeholder:
            w.setPlaceholderText(placeholder)
        return w

    @staticmethod
    def _narrow(edit: QLineEdit, unit: str) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        edit.setMaximumWidth(130)
        lay.addWidget(edit)
        box.setFocusProxy(edit)
        label = QLabel(unit)
        label.setStyleSheet("color: palette(dark);")
        lay.addWidget(label, 1)
        return box

    @staticmethod
    def _wrap(layout: QHBoxLayout) -> QWidget:
        w = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        w.setLayout(layout)
        return w

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        f = QFont(label.font())
        f.setBold(True)
        label.setFont(f)
        return label

    @staticmethod
    def _buttons(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    @staticmethod
    def _hint() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(dark);")
        return label

    def _wire(self) -> None:
        for e in (self.title_edit, self.case_number, self.start, self.end, self.fee, self.payment_days,
                  self.interest, self.included, self.list_price, self.discount, self.notice_months, self.points,
                  self.extension_lead):
            e.textChanged.connect(self._edited)
        for t in (self.invoicing_note, self.themes, self.obligations_ours, self.obligations_partner, self.notes):
            t.textChanged.connect(self._edited)
        for c in (self.kind, self.status, self.our_org, self.invoices_per_year, self.in_advance):
            c.currentIndexChanged.connect(self._edited)
        self.fixed_term.toggled.connect(self._edited)
        self.fixed_term.toggled.connect(self._update_notice_enabled)
        self.add_partner.clicked.connect(self._add_partner)
        self.remove_partner.clicked.connect(self._remove_partner)
        self.new_own_org.clicked.connect(lambda: self.new_organisation_requested.emit("own"))
        self.new_partner_org.clicked.connect(lambda: self.new_organisation_requested.emit("partner"))
        self.notice_button.clicked.connect(self.notice_requested)
        self.extension_button.clicked.connect(self.extension_requested)
        self.add_body.clicked.connect(self.add_body_requested)
        self.add_role.clicked.connect(self.add_role_requested)
        self.remove_role.clicked.connect(self._remove_role)
        self.add_decision.clicked.connect(self.add_decision_requested)
        self.add_attachment.clicked.connect(self.add_attachment_requested)
        self.open_attachment.clicked.connect(self._open_attachment)
        self.attachments_view.activated.connect(lambda _i: self._open_attachment())
        self.attachments_view.doubleClicked.connect(lambda _i: self._open_attachment())

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _update_notice_enabled(self) -> None:
        fixed = self.fixed_term.isChecked()
        self.notice_months.setEnabled(not fixed)
        self.points.setEnabled(not fixed)

    # ---- organisations and parties ------------------------------------------------------
    def side_text(self, side: str) -> str:
        return {"kommun": self.tr("our side"), "partner": self.tr("partner")}.get(side, side)

    def set_organisations(self, orgs: list[OrganisationRow]) -> None:
        """Refill both organisation pickers, keeping the choices (no change signal)."""
        self._orgs = list(orgs)
        was = self._loading
        self._loading = True
        try:
            current = self.our_org.currentData()
            self.our_org.clear()
            self.our_org.addItem(self.tr("– choose –"), None)
            own = [o for o in orgs if o.is_own]
            other = [o for o in orgs if not o.is_own]
            for o in own + other:
                self.our_org.addItem(o.name, o.id)
            if own and other:
                self.our_org.insertSeparator(len(own) + 1)
            set_combo_data(self.our_org, current)
            self.partner_pick.clear()
            self.partner_pick.addItem(self.tr("– choose an organisation to add –"), None)
            for o in other + own:
                self.partner_pick.addItem(f"{o.name} ({o.org_nr})" if o.org_nr else o.name, o.id)
        finally:
            self._loading = was

    def default_own_organisation(self) -> int | None:
        own = [o for o in self._orgs if o.is_own]
        return own[0].id if len(own) == 1 else None

    def partner_rows(self) -> list[PartyRow]:
        return list(self.partners_model.rows())

    def add_partner_id(self, organisation_id: int) -> None:
        if any(p.organisation_id == organisation_id for p in self.partners_model.rows()):
            return
        org = next((o for o in self._orgs if o.id == organisation_id), None)
        if org is None:
            return
        self.partners_model.set_rows(self.partners_model.rows() + [PartyRow(org.id, org.name, org.org_nr)])
        self._edited()

    def set_own_organisation(self, organisation_id: int) -> None:
        set_combo_data(self.our_org, organisation_id)

    def _add_partner(self) -> None:
        oid = self.partner_pick.currentData()
        if oid is not None:
            self.add_partner_id(int(oid))

    def _remove_partner(self) -> None:
        oid = selected_id(self.partners_view)
        if oid is None:
            return
        self.partners_model.set_rows([p for p in self.partners_model.rows() if p.organisation_id != oid])
        self._edited()

    def _remove_role(self) -> None:
        rid = selected_id(self.roles_view)
        if rid is not None:
            self.remove_role_requested.emit(rid)

    def _open_attachment(self) -> None:
        from ..table_models.base import RECORD_ROLE

        idx = self.attachments_view.currentIndex()
        row = idx.data(RECORD_ROLE) if idx.isValid() else None
        if isinstance(row, AttachmentRow):
            self.open_attachment_requested.emit(row)

    # ---- loading and collecting ---------------------------------------------------------
    def load(self, data: AgreementInput, parties: list[PartyRow]) -> None:
        """Show `data` (no change signal)."""
        self._loading = True
        try:
            self.clear_errors()
            set_combo_data(self.kind, data.kind.name)
            set_combo_data(self.status, data.status.name)
            self.title_edit.setText(data.title)
            self.case_number.setText(data.case_number)
            set_combo_data(self.our_org, data.our_organisation_id)
            self.start.set_value(data.start)
            self.end.set_value(data.end)
            self.partners_model.set_rows(parties)
            self.fee.set_value(data.annual_fee_ore)
            set_combo_data(self.invoices_per_year, data.invoices_per_year)
            set_combo_data(self.in_advance, data.in_advance)
            self.payment_days.set_value(data.payment_days)
            self.interest.set_value(data.late_interest_margin_pp)
            self.included.set_value(data.included_minutes_per_year)
            self.list_price.set_value(data.list_price_per_hour_ore if data.list_price_per_hour_ore else None)
            self.discount.set_value(data.discount_bp)
            self.invoicing_note.setPlainText(data.invoicing_note)
            self.fixed_term.setChecked(data.fixed_term)
            self.notice_months.set_value(data.notice_months)
            self.points.setText(data.termination_points)
            self.extension_lead.set_value(data.extension_lead_months)
            self.themes.setPlainText(data.themes)
            self.obligations_ours.setPlainText(data.obligations_ours)
            self.obligations_partner.setPlainText(data.obligations_partner)
            self.notes.setPlainText(data.notes)
            self._update_notice_enabled()
        finally:
            self._loading = False

    def load_empty(self, our_organisation_id: int | None) -> None:
        """A new agreement: status draft, our organisation preselected when there is only one."""
        self.load(AgreementInput(kind=AgreementKind.PARTNERAVTAL, title="", our_organisation_id=-1,
                                 start=None, status=AgreementStatus.UTKAST,  # type: ignore[arg-type]
                                 extension_lead_months=3), [])
        self._loading = True
        try:
            set_combo_data(self.our_org, our_organisation_id)
            self.fee.set_value(None)
            self.payment_days.set_value(30)
            self.interest.set_value(8)
            self.notice_months.set_value(None)
        finally:
            self._loading = False
        self.set_related([], [], [], [])

    def build(self, require_organisation: bool = True) -> AgreementInput:
        """The typed input; raises DomainError / ValidationError naming the field."""
        our = self.our_org.currentData()
        lead_text = self.extension_lead.text().strip()
        data = AgreementInput(
            kind=enum_value(self.kind, AgreementKind),
            status=enum_value(self.status, AgreementStatus),
            title=self.title_edit.text(),
            case_number=self.case_number.text().strip(),
            our_organisation_id=-1 if our is None else int(our),
            start=self.start.value(),  # type: ignore[arg-type]
            end=self.end.value(),
            partner_ids=tuple(p.organisation_id for p in self.partners_model.rows()),
            annual_fee_ore=self.fee.value(),
            invoices_per_year=int(self.invoices_per_year.currentData()),
            in_advance=bool(self.in_advance.currentData()),
            payment_days=self.payment_days.value(),
            late_interest_margin_pp=self.interest.value(),
            included_minutes_per_year=self.included.value(),
            list_price_per_hour_ore=self.list_price.value(),
            discount_bp=self.discount.value(),
            fixed_term=self.fixed_term.isChecked(),
            notice_months=self.notice_months.value(),
            termination_points=self.points.text().strip(),
            extension_lead_months=self.extension_lead.value() if lead_text else None,
            themes=self.themes.toPlainText(),
            obligations_ours=self.obligations_ours.toPlainText(),
            obligations_partner=self.obligations_partner.toPlainText(),
            invoicing_note=self.invoicing_note.toPlainText(),
            notes=self.notes.toPlainText(),
        )
        if data.end is not None and data.end < data.start:
            raise ValidationError("Slutdatum", "ligger före startdatum")
        if our is None and require_organisation:
            raise ValidationError("Vår organisation", "välj vilken organisation som är avtalspart för er")
        return data

    def clear_errors(self) -> None:
        for e in self._errors:
            e.clear()
        self._end_error.clear()
        self._end_error.hide()

    def errors(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self._errors:
            out.update(e.errors())
        if self._end_error.text():
            out["Slutdatum"] = self._end_error.text()
        return out

    def show_error(self, exc: DomainError | ValidationError) -> bool:
        """Show the error beside its field (switching to its page); False if no field matches."""
        message = getattr(exc, "message", str(exc))
        if exc.field == "Slutdatum":
            self.setCurrentIndex(self.PAGE_BASICS)
            self._end_error.setText(message)
            self._end_error.show()
            self.end.setFocus()
            return True
        for page, errors in enumerate(self._errors):
            if errors.show_error(exc.field, message):
                self.setCurrentIndex(page)
                errors.show_error(exc.field, message)  # focus now that the page is visible
                return True
        return False

    # ---- related lists (saved immediately through the services) -----------------------
    def set_related(self, bodies: list[BodyRow], roles: list[RoleRow], decisions: list[DecisionRow],
                    attachments: list[AttachmentRow]) -> None:
        self.bodies_model.set_rows(bodies)
        self.roles_model.set_rows(roles)
        self.decisions_model.set_rows(decisions)
        self.attachments_model.set_rows(attachments)

    def set_saved(self, saved: bool) -> None:
        """Bodies, roles, decisions, attachments, notice and extension need a saved agreement."""
        for b in (self.add_body, self.add_role, self.remove_role, self.add_decision, self.add_attachment,
                  self.notice_button, self.extension_button):
            b.setEnabled(saved)
        hint = "" if saved else self.tr("Save the agreement first; then you can add these.")
        for label in (self.related_hint_bodies, self.related_hint_decisions, self.related_hint_attachments,
                      self.notice_hint):
            label.setText(hint)
            label.setVisible(bool(hint))
