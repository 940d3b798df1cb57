"""Översikt: the deadline radar and the key figures; a friendly start on an empty database."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import format_money
from ...domain.radar import Deadline, Urgency, urgency
from ...domain.stages import ACTIVE_STAGES, APPLIED_STAGES, DECIDED_STAGES, IDEA_STAGES, TERMINAL_STAGES, Stage
from ...services.overview import Overview
from ..context import UiContext
from ..table_models.base import RECORD_ROLE, Column, RecordTableModel
from ..table_models.proxy import RecordSortProxy
from .base import RecordTab, setup_table

URGENCY_COLOURS = {
    Urgency.FORSENAD: QColor("#f8d7da"),
    Urgency.AKUT: QColor("#ffe5b4"),
    Urgency.SNART: QColor("#fff8d6"),
    Urgency.SENARE: None,
}


class OverviewTab(RecordTab):
    key = "overview"
    load_demo_requested = Signal()
    new_database_requested = Signal()
    open_database_requested = Signal()
    create_agreement_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._today = ctx.today()
        self.stack = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(self._build_content())

    # ---- construction ------------------------------------------------------------
    def _build_empty(self) -> QWidget:
        page = QWidget()
        page.setObjectName("emptyState")
        v = QVBoxLayout(page)
        v.addStretch(1)
        title = QLabel(self.tr("Welcome to Samverkan Desktop"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(title)
        text = QLabel(self.tr("The database is empty. Start by registering your first agreement, open another "
                              "database, or load the demo data to look around."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(text)
        row.addStretch(1)
        v.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for label, signal, name in ((self.tr("Register an agreement"), self.create_agreement_requested, "startCreate"),
                                    (self.tr("Open database…"), self.open_database_requested, "startOpen"),
                                    (self.tr("Load demo data"), self.load_demo_requested, "startDemo")):
            b = QPushButton(label)
            b.setObjectName(name)
            b.setMinimumWidth(180)
            b.clicked.connect(signal.emit)
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addSpacing(16)
        v.addLayout(buttons)
        v.addStretch(2)
        return page

    def _figure(self, grid: QGridLayout, col: int, caption: str, name: str) -> QLabel:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setObjectName(f"{name}Card")
        v = QVBoxLayout(box)
        cap = QLabel(caption)
        cap.setStyleSheet("color: #555;")
        value = QLabel("–")
        value.setObjectName(name)
        f = QFont(value.font())
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        value.setFont(f)
        sub = QLabel("")
        sub.setObjectName(name + "Detail")
        sub.setStyleSheet("color: #555;")
        sub.setWordWrap(True)
        v.addWidget(cap)
        v.addWidget(value)
        v.addWidget(sub)
        grid.addWidget(box, 0, col)
        return value

    def _build_content(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        grid = QGridLayout()
        self.fig_agreements = self._figure(grid, 0, self.tr("Active agreements"), "figAgreements")
        self.fig_activities = self._figure(grid, 1, self.tr("Activities"), "figActivities")
        self.fig_fees = self._figure(grid, 2, self.tr("Fees this year"), "figFees")
        self.fig_money = self._figure(grid, 3, self.tr("Allocated this year"), "figAllocated")
        v.addLayout(grid)

        head = QHBoxLayout()
        self.radar_title = QLabel()
        f = self.radar_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.radar_title.setFont(f)
        head.addWidget(self.radar_title)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Days ahead:")))
        self.days = QSpinBox()
        self.days.setObjectName("radarDays")
        self.days.setRange(7, 730)
        self.days.setValue(self.ctx.prefs.radar_days)
        self.days.setAccessibleName(self.tr("Days ahead"))
        self.days.valueChanged.connect(self.reload)
        head.addWidget(self.days)
        v.addLayout(head)

        self.model: RecordTableModel[Deadline] = RecordTableModel([
            Column(QT_TRANSLATE_NOOP("Columns", "Date"), lambda d: d.due, background=self._bg),
            Column(QT_TRANSLATE_NOOP("Columns", "Days"), lambda d: (d.due - self._today).days, align_right=True,
                   background=self._bg),
            Column(QT_TRANSLATE_NOOP("Columns", "Urgency"), lambda d: urgency(d, self._today), background=self._bg),
            Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda d: d.kind, background=self._bg),
            Column(QT_TRANSLATE_NOOP("Columns", "What"), lambda d: d.title, background=self._bg,
                   tooltip=lambda d: d.title),
            Column(QT_TRANSLATE_NOOP("Columns", "Details"), lambda d: d.detail, background=self._bg,
                   tooltip=lambda d: d.detail),
        ], id_of=lambda d: d.ref_id)
        self.proxy = RecordSortProxy(self)
        self.proxy.setRecursiveFilteringEnabled(False)  # a flat table: no per-row look for children
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view, self.proxy, "radarView")
        self.view.setWordWrap(False)
        for col, width in enumerate((92, 60, 120, 140, 430)):
            self.view.setColumnWidth(col, width)
        self.view.activated.connect(self._open_index)
        self.view.doubleClicked.connect(self._open_index)
        v.addWidget(self.view, 1)
        self.legend = QLabel(self.tr("Red: overdue · orange: within 30 days · yellow: within 90 days. "
                                     "Double-click a row to open it."))
        self.legend.setStyleSheet("color: #555;")
        v.addWidget(self.legend)
        return page

    def _bg(self, d: Deadline) -> QColor | None:
        return URGENCY_COLOURS[urgency(d, self._today)]

    # ---- RecordTab API -------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Overview")

    def reload(self) -> None:
        self._today = self.ctx.today()
        days = self.days.value()
        if self.stack.currentIndex() == 0 and not self.model.rows():
            self.stack.setCurrentIndex(0)
        self.ctx.tasks.run(self.tr("Loading the overview…"),
                           lambda: self.ctx.services.overview.load(self._today, days),
                           on_done=self._show, on_error=lambda e: self.report_error(e, self.tr("Overview")),
                           cancellable=False)

    def open_selected(self) -> None:
        self._open_index(self.view.currentIndex())

    def new_record(self) -> None:
        self.create_agreement_requested.emit()

    # ---- slots --------------------------------------------------------------------
    def _show(self, ov: object) -> None:
        assert isinstance(ov, Overview)
        if ov.empty:
            self.stack.setCurrentIndex(1)
            return
        self.stack.setCurrentIndex(2)
        f = ov.figures
        self.fig_agreements.setText(str(f.agreements_active))
        self.findChild(QLabel, "figAgreementsDetail").setText(
            self.tr("of %1 registered").replace("%1", str(f.agreements_total)))
        self.fig_activities.setText(str(f.activities_total))
        per = f.activities_per_stage

        def count(group: frozenset[Stage]) -> int:
            return sum(n for st, n in per.items() if st in group)

        detail = self.findChild(QLabel, "figActivitiesDetail")
        detail.setText(self.tr("%1 ideas · %2 applied · %3 granted or running · %4 ended")
                       .replace("%1", str(count(IDEA_STAGES))).replace("%2", str(count(APPLIED_STAGES)))
                       .replace("%3", str(count(DECIDED_STAGES | ACTIVE_STAGES)))
                       .replace("%4", str(count(TERMINAL_STAGES))))
        stages = sorted(per.items(), key=lambda x: list(Stage).index(x[0]))
        detail.setToolTip("\n".join(f"{st.value}: {n}" for st, n in stages))
        self.fig_fees.setText(format_money(f.fees_year_ore))
        self.findChild(QLabel, "figFeesDetail").setText(
            self.tr("%1 invoiced in %2").replace("%1", format_money(f.fees_invoiced_year_ore))
            .replace("%2", str(f.year)))
        self.fig_money.setText(format_money(f.allocated_year_ore))
        self.findChild(QLabel, "figAllocatedDetail").setText(
            self.tr("%1 disbursed, %2 remaining").replace("%1", format_money(f.disbursed_year_ore))
            .replace("%2", format_money(f.remaining_year_ore)))
        self.model.set_rows(ov.deadlines)
        overdue = sum(1 for d in ov.deadlines if d.due < self._today)
        self.radar_title.setText(
            self.tr("Deadlines the next %1 days: %2 (of which %3 overdue)").replace("%1", str(self.days.value()))
            .replace("%2", str(len(ov.deadlines))).replace("%3", str(overdue)))

    def _open_index(self, index: object) -> None:
        d = self.view.currentIndex().data(RECORD_ROLE)
        if not isinstance(d, Deadline):
            return
        target = self.target_of(d)
        if target is not None:
            self.navigate.emit(*target)

    def target_of(self, d: Deadline) -> tuple[str, int] | None:
        """Which record a deadline opens."""
        if d.ref_type in ("agreement", "activity", "meeting"):
            return d.ref_type, d.ref_id
        if d.ref_type == "invoice":
            aid = d.agreement_id or self.ctx.services.deadlines.agreement_of_invoice(d.ref_id)
            return ("agreement", aid) if aid else None
        if d.ref_type == "report":
            act = self.ctx.services.deadlines.activity_of_report(d.ref_id)
            return ("activity", act) if act else None
        return None

