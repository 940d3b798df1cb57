"""What follows from an agreement's terms, shown beside the form and recomputed as the user
types: the invoice plan (with each saved invoice's status), fees per year, the hours quota,
and the notice and extension deadlines. All figures come from services.agreements.derive."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import InvoiceStatus
from ...domain.hours import format_hours
from ...domain.money import format_money
from ...services.agreements import DerivedFacts, ExtraRow, InvoiceLine
from ..table_models.agreement_models import YearTotal, invoice_model, year_total_model
from ..table_models.base import RECORD_ROLE
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import setup_table


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AgreementFacts(QWidget):
    """Signals ask the tab to act; the panel itself never calls a service."""

    mark_requested = Signal(int, object)  # invoice id, InvoiceStatus
    hours_requested = Signal()
    extra_requested = Signal()

    def __init__(self, today: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementFacts")
        self._saved = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(self.tr("The invoice plan, fees per year, hours and deadlines of the chosen "
                                          "agreement appear here, recomputed as you edit."))
        self.placeholder.setObjectName("factsPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(dark); padding: 24px;")
        outer.addWidget(self.placeholder)

        self.body = QWidget()
        lay = QVBoxLayout(self.body)
        lay.setContentsMargins(8, 4, 8, 4)
        self.unsaved = QLabel(self.tr("Preview of unsaved terms: saving creates these invoices."))
        self.unsaved.setObjectName("factsUnsaved")
        self.unsaved.setWordWrap(True)
        self.unsaved.setStyleSheet("color: #6b4a00;")
        self.unsaved.hide()
        lay.addWidget(self.unsaved)

        # invoice plan
        plan_box = QGroupBox(self.tr("Invoice plan"))
        pl = QVBoxLayout(plan_box)
        self.plan_summary = _value_label("planSummary")
        pl.addWidget(self.plan_summary)
        self.problem = QLabel()
        self.problem.setObjectName("factsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020; background: #fdecee; border: 1px solid #f3b7bf; "
                                   "border-radius: 3px; padding: 6px;")
        self.problem.hide()
        pl.addWidget(self.problem)
        self.plan_model = invoice_model(today, self)  # type: ignore[arg-type]
        self.plan_proxy = RecordSortProxy(self)
        self.plan_proxy.setSourceModel(self.plan_model)
        self.plan_view = QTableView()
        setup_table(self.plan_view, self.plan_proxy, "agreementInvoicePlan")
        self.plan_view.setAccessibleName(self.tr("Invoice plan"))
        self.plan_view.setMinimumHeight(130)
        hh = self.plan_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        pl.addWidget(self.plan_view, 1)
        self.plan_buttons = QWidget()
        buttons = QHBoxLayout(self.plan_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.mark_invoiced = QPushButton(self.tr("Mark invoiced"))
        self.mark_invoiced.setObjectName("markInvoiced")
        self.mark_paid = QPushButton(self.tr("Mark paid"))
        self.mark_paid.setObjectName("markPaid")
        self.mark_planned = QPushButton(self.tr("Undo"))
        self.mark_planned.setObjectName("markPlanned")
        self.mark_planned.setToolTip(self.tr("Set the invoice back to planned"))
        for b in (self.mark_invoiced, self.mark_paid, self.mark_planned):
            buttons.addWidget(b)
            b.setEnabled(False)
        buttons.addStretch(1)
        pl.addWidget(self.plan_buttons)
        lay.addWidget(plan_box, 3)
        self._plan_box = plan_box
        self._body_layout = lay

        # fees per year | hours quota
        row = QHBoxLayout()
        self.years_box = years_box = QGroupBox(self.tr("Fees per year"))
        yl = QVBoxLayout(years_box)
        self.years_model = year_total_model(self)
        self.years_proxy = RecordSortProxy(self)
        self.years_proxy.setSourceModel(self.years_model)
        self.years_view = QTableView()
        setup_table(self.years_view, self.years_proxy, "agreementFeesPerYear")
        self.years_view.setAccessibleName(self.tr("Fees per year"))
        yh = self.years_view.horizontalHeader()
        yh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        yh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.years_view.setMinimumHeight(90)
        self.years_view.setMaximumHeight(200)
        yl.addWidget(self.years_view)
        row.addWidget(years_box, 1)

        hours_box = QGroupBox(self.tr("Included hours"))
        hl = QFormLayout(hours_box)
        hl.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.hours_included = _value_label("hoursIncluded")
        self.hours_used = _value_label("hoursUsed")
        self.hours_left = _value_label("hoursLeft")
        self.hours_excess = _value_label("hoursExcess")
        self.extras = _value_label("extraAssignments")
        hl.addRow(self.tr("Included"), self.hours_included)
        hl.addRow(self.tr("Used"), self.hours_used)
        hl.addRow(self.tr("Left"), self.hours_left)
        hl.addRow(self.tr("Beyond quota"), self.hours_excess)
        hl.addRow(self.tr("Extra work"), self.extras)
        self.add_hours = QPushButton(self.tr("Record hours…"))
        self.add_hours.setObjectName("recordHours")
        self.add_extra = QPushButton(self.tr("Extra assignment…"))
        self.add_extra.setObjectName("addExtraAssignment")
        hb = QHBoxLayout()
        hb.addWidget(self.add_hours)
        hb.addWidget(self.add_extra)
        hl.addRow(hb)
        row.addWidget(hours_box, 1)
        lay.addLayout(row, 0)

        # notice and extension
        notice_box = QGroupBox(self.tr("Notice and extension"))
        nl = QFormLayout(notice_box)
        nl.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.notice_rule = _value_label("noticeRule")
        self.notice_options = _value_label("noticeOptions")
        self.extension = _value_label("extensionDeadline")
        self.notice_given = _value_label("noticeGiven")
        nl.addRow(self.tr("Rule"), self.notice_rule)
        nl.addRow(self.tr("Notice by"), self.notice_options)
        nl.addRow(self.tr("Extension deadline"), self.extension)
        nl.addRow(self.tr("Notice given"), self.notice_given)
        self._notice_layout = nl
        lay.addWidget(notice_box)
        lay.addStretch(0)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.scroll.hide()

        self._scroll_pending = False
        self.plan_view.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self.plan_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.mark_invoiced.clicked.connect(lambda: self._mark(InvoiceStatus.FAKTURERAD))
        self.mark_paid.clicked.connect(lambda: self._mark(InvoiceStatus.BETALD))
        self.mark_planned.clicked.connect(lambda: self._mark(InvoiceStatus.PLANERAD))
        self.add_hours.clicked.connect(self.hours_requested)
        self.add_extra.clicked.connect(self.extra_requested)

    # ---- public ---------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.scroll.hide()
        self.placeholder.show()

    def show_facts(self, facts: DerivedFacts | None, lines: list[InvoiceLine], problem: str, *, saved: bool,
                   preview: bool, notice_given_on: date | None, extras: list[ExtraRow]) -> None:
        """`facts` None with `problem`: the terms are invalid, show why instead of the plan."""
        self.placeholder.hide()
        self.scroll.show()
        self._saved = saved
        self.unsaved.setVisible(preview and facts is not None)
        current = self.selected_line()
        if facts is None:
            self.problem.setText(self.tr("Cannot compute the plan: %1").replace("%1", problem))
            self.problem.show()
            self.plan_summary.clear()
            self.plan_summary.hide()
            self.plan_model.set_rows([])
            self.years_model.set_rows([])
            self._compact(False)
            for w in (self.hours_included, self.hours_used, self.hours_left, self.hours_excess, self.notice_rule,
                      self.notice_options, self.extension):
                w.setText("–")
        else:
            self.problem.hide()
            self.plan_summary.show()
            self._show_plan(facts, lines)
            self._show_hours(facts)
            self._show_notice(facts)
        self.notice_given.setText(notice_given_on.isoformat() if notice_given_on else "")
        self._notice_layout.setRowVisible(self.notice_given, notice_given_on is not None)
        total = sum(e.price_ore for e in extras)
        self.extras.setText(self.tr("%n assignment(s), %1", "", len(extras)).replace("%1", format_money(total))
                            if extras else self.tr("none"))
        self.add_hours.setEnabled(saved)
        self.add_extra.setEnabled(saved)
        if current is not None:
            self._select_key(current.key)
        else:
            # once the view knows its new size (the plan may have just become visible)
            self._scroll_pending = True
            self._scroll_to_open_invoices()
        self._update_buttons()

    def selected_line(self) -> InvoiceLine | None:
        idx = self.plan_view.currentIndex()
        row = idx.data(RECORD_ROLE) if idx.isValid() else None
        return row if isinstance(row, InvoiceLine) else None

    # ---- internals ------------------------------------------------------------------
    def _show_plan(self, facts: DerivedFacts, lines: list[InvoiceLine]) -> None:
        self.plan_model.set_rows(lines)
        # no fee: no empty tables, just the sentence saying so
        self._compact(not lines)
        totals: dict[int, list[int]] = {}
        for ln in lines:
            t = totals.setdefault(ln.year, [0, 0])
            t[0] += ln.amount_ore
            t[1] += 1
        self.years_model.set_rows([YearTotal(y, t[0], t[1]) for y, t in sorted(totals.items())])
        if not lines:
            self.plan_summary.setText(self.tr("No fee: nothing to invoice."))
            return
        total = sum(ln.amount_ore for ln in lines)
        paid = sum(ln.amount_ore for ln in lines if ln.status == InvoiceStatus.BETALD)
        text = self.tr("%n invoice(s), in total %1", "", len(lines)).replace("%1", format_money(total))
        if paid:
            text += " · " + self.tr("paid %1").replace("%1", format_money(paid))
        self.plan_summary.setText(text)

    def _compact(self, on: bool) -> None:
        """Without a fee there is no plan: hide the empty tables and let the rest move up."""
        for w in (self.plan_view, self.plan_buttons, self.years_box):
            w.setVisible(not on)
        lay = self._body_layout
        lay.setStretchFactor(self._plan_box, 0 if on else 3)
        lay.setStretch(lay.count() - 1, 1 if on else 0)

    def _show_hours(self, facts: DerivedFacts) -> None:
        q = facts.quota
        self.hours_included.setText(format_hours(q.included_min) if q.included_min else self.tr("none"))
        self.hours_used.setText(format_hours(q.used_min) if q.used_min else "0 h")
        self.hours_left.setText(format_hours(q.remaining_min) if q.remaining_min else "0 h")
        if q.excess_min:
            self.hours_excess.setText(self.tr("%1, priced %2").replace("%1", format_hours(q.excess_min))
                                      .replace("%2", format_money(facts.excess_price_ore)))
            self.hours_excess.setStyleSheet("color: #8a1111;")
        else:
            self.hours_excess.setText("0 h")
            self.hours_excess.setStyleSheet("")

    def _show_notice(self, facts: DerivedFacts) -> None:
        self.notice_rule.setText(facts.notice_rule_text)
        if facts.termination_options:
            self.notice_options.setText("\n".join(
                self.tr("%1 → ends %2").replace("%1", o.notice_deadline.isoformat())
                .replace("%2", o.termination_date.isoformat()) for o in facts.termination_options))
        else:
            self.notice_options.setText(self.tr("none before the end of the period"))
        self.extension.setText(facts.extension_deadline.isoformat() if facts.extension_deadline else
                               self.tr("no extension rule"))

    def _range_changed(self, _lo: int, hi: int) -> None:
        if self._scroll_pending and hi > 0:
            self._scroll_to_open_invoices()

    def _scroll_to_open_invoices(self) -> None:
        """Show the first invoice not yet paid at the top (the paid past is above it)."""
        if self.plan_view.verticalScrollBar().maximum() > 0:
            self._scroll_pending = False
        for r in range(self.plan_proxy.rowCount()):
            idx = self.plan_proxy.index(r, 0)
            line = idx.data(RECORD_ROLE)
            if isinstance(line, InvoiceLine) and line.status != InvoiceStatus.BETALD:
                self.plan_view.scrollTo(idx, QTableView.ScrollHint.PositionAtTop)
                return

    def _select_key(self, key: int) -> None:
        from ..tabs.base import select_id

        select_id(self.plan_view, key)

    def _update_buttons(self) -> None:
        line = self.selected_line()
        real = self._saved and line is not None and line.invoice_id is not None
        status = line.status if line is not None else None
        self.mark_invoiced.setEnabled(real and status == InvoiceStatus.PLANERAD)
        self.mark_paid.setEnabled(real and status != InvoiceStatus.BETALD)
        self.mark_planned.setEnabled(real and status != InvoiceStatus.PLANERAD)
        if line is not None and line.invoice_id is None:
            tip = self.tr("Save the agreement first: this invoice does not exist yet.")
        else:
            tip = ""
        for b in (self.mark_invoiced, self.mark_paid):
            b.setToolTip(tip)

    def _mark(self, status: InvoiceStatus) -> None:
        line = self.selected_line()
        if line is not None and line.invoice_id is not None:
            self.mark_requested.emit(line.invoice_id, status)
