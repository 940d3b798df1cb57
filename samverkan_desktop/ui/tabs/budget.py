"""Budget: per agreement and year, the fee plan and invoices, funds allocated by source,
disbursed and remaining, co-financing and in-kind, hours against the quota, and a chart of
budget against outcome per year."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ...domain.catalog import FundingSource
from ...domain.hours import format_hours
from ...services.budget import BudgetOverview, YearPoint, YearSummary
from ..context import UiContext
from ..table_models.base import RECORD_ROLE, Column, RecordTableModel, money_column
from ..table_models.proxy import RecordSortProxy
from ..widgets.money_chart import Bar, MoneyChart
from .base import RecordTab, setup_table


@dataclass(frozen=True)
class SourceRow:
    id: int
    source: FundingSource
    budget_ore: int
    allocated_ore: int


def _hours(r: YearSummary) -> str:
    if not r.included_minutes and not r.used_minutes:
        return ""
    return f"{format_hours(r.used_minutes)} / {format_hours(r.included_minutes)}"


class BudgetTab(RecordTab):
    key = "budget"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Agreement:")))
        self.agreement = QComboBox()
        self.agreement.setObjectName("budgetAgreement")
        self.agreement.setAccessibleName(self.tr("Agreement"))
        self.agreement.setMinimumWidth(380)
        filters.addWidget(self.agreement)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Year:")))
        self.year = QComboBox()
        self.year.setObjectName("budgetYear")
        self.year.setAccessibleName(self.tr("Year"))
        filters.addWidget(self.year)
        filters.addStretch(1)
        lay.addLayout(filters)

        self.model: RecordTableModel[YearSummary] = RecordTableModel([
            Column(QT_TRANSLATE_NOOP("Columns", "Agreement"), lambda r: r.agreement, tooltip=lambda r: r.agreement),
            Column(QT_TRANSLATE_NOOP("Columns", "Year"), lambda r: r.year, align_right=True),
            money_column(QT_TRANSLATE_NOOP("Columns", "Fees (plan)"), lambda r: r.fees_planned_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Invoiced"), lambda r: r.fees_invoiced_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Paid"), lambda r: r.fees_paid_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Activity budgets"), lambda r: r.budget_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Allocated"), lambda r: r.allocated_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Disbursed"), lambda r: r.disbursed_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Remaining"), lambda r: r.remaining_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Co-financing"), lambda r: r.co_financing_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "In kind"), lambda r: r.in_kind_ore),
            Column(QT_TRANSLATE_NOOP("Columns", "Hours used / included"), _hours, align_right=True),
            money_column(QT_TRANSLATE_NOOP("Columns", "Extra work"), lambda r: r.extra_work_ore + r.excess_price_ore),
        ], id_of=lambda r: r.agreement_id * 10_000 + r.year)
        self.proxy = RecordSortProxy(self)
        self.proxy.setRecursiveFilteringEnabled(False)  # a flat table: no per-row look for children
        self.proxy.setSourceModel(self.model)
        self._filtered_by: tuple[object, object] = (None, None)  # (agreement, year) the proxy filters on
        self.view = QTableView()
        setup_table(self.view, self.proxy, "budgetView")
        self.view.setColumnWidth(0, 300)
        self.view.setColumnWidth(1, 50)
        header = self.view.horizontalHeader()
        for c in range(2, self.model.columnCount()):
            # room for the amounts, and at least for the column's own title ("Kvar att betala ut")
            self.view.setColumnWidth(c, max(112, header.sectionSizeHint(c)))

        self.sources: RecordTableModel[SourceRow] = RecordTableModel([
            Column(QT_TRANSLATE_NOOP("Columns", "Source"), lambda r: r.source),
            money_column(QT_TRANSLATE_NOOP("Columns", "Budgeted"), lambda r: r.budget_ore),
            money_column(QT_TRANSLATE_NOOP("Columns", "Allocated"), lambda r: r.allocated_ore),
        ])
        self.sources_proxy = RecordSortProxy(self)
        self.sources_proxy.setSourceModel(self.sources)
        self.source_view = QTableView()
        setup_table(self.source_view, self.sources_proxy, "budgetSources")
        self.source_view.setColumnWidth(0, 240)
        self.source_title = QLabel()
        self.chart = MoneyChart()
        self.chart.setObjectName("moneyChart")
        self.chart_title = QLabel()

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.setObjectName("budgetLowerSplitter")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.source_title)
        lv.addWidget(self.source_view)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.chart_title)
        rv.addWidget(self.chart)
        lower.addWidget(left)
        lower.addWidget(right)
        lower.setSizes([420, 700])
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("budgetSplitter")
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([380, 320])
        lay.addWidget(split, 1)
        self.view.selectionModel().currentRowChanged.connect(self._show_sources)
        self.agreement.currentIndexChanged.connect(self._refilter)
        self.year.currentIndexChanged.connect(self._refilter)
        self._overview = BudgetOverview()
        self._per_year_all: list[YearPoint] = []  # the chart over all agreements (computed with the load)

    def title(self) -> str:
        return self.tr("Budget")

    def reload(self) -> None:
        today = self.ctx.today()
        budget = self.ctx.services.budget

        def load() -> tuple[BudgetOverview, list[YearPoint]]:
            ov = budget.overview(today)
            return ov, ov.per_year()  # the chart's sums over every row: on the task runner too

        self.ctx.tasks.run(self.tr("Loading the budget…"), load, on_done=self._loaded, on_error=lambda e: self.report_error(e, self.tr("Budget")),
                           cancellable=False)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        ov, self._per_year_all = result
        assert isinstance(ov, BudgetOverview)
        self._overview = ov
        keep_a, keep_y = self.agreement.currentData(), self.year.currentData()
        for combo in (self.agreement, self.year):
            combo.blockSignals(True)
            combo.clear()
        self.agreement.addItem(self.tr("All agreements"), None)
        seen: dict[int, str] = {}
        for r in ov.rows:
            seen.setdefault(r.agreement_id, r.agreement)
        for aid, title in seen.items():
            self.agreement.addItem(title, aid)
        self.year.addItem(self.tr("All years"), None)
        for y in ov.years():
            self.year.addItem(str(y), y)
        for combo, keep in ((self.agreement, keep_a), (self.year, keep_y)):
            i = combo.findData(keep)
            combo.setCurrentIndex(i if i >= 0 else 0)
            combo.blockSignals(False)
        self.model.set_rows(ov.rows)
        self._refilter()

    def _refilter(self) -> None:
        aid, year = self.agreement.currentData(), self.year.currentData()
        if (aid, year) != self._filtered_by:  # set_rows has filtered the rows already when unchanged
            self._filtered_by = (aid, year)
            self.proxy.set_predicates({
                "agreement": None if aid is None else (lambda r, aid=aid: r.agreement_id == aid),
                "year": None if year is None else (lambda r, year=year: r.year == year)})
        per_year = self._per_year_all if aid is None else BudgetOverview(
            [r for r in self._overview.rows if r.agreement_id == aid]).per_year()
        self.chart_title.setText(self.tr("Money per year: budget and outcome") + (
            f" – {self.agreement.currentText()}" if aid is not None else ""))
        self.chart.set_data((self.tr("Budget (activities + fees)"), self.tr("Outcome (disbursed + fees paid)")),
                            [Bar(str(p.year), (p.budget_ore, p.outcome_ore)) for p in per_year],
                            self.tr("No money registered yet."))
        if self.proxy.rowCount():
            # the first row of this year in the view's order (the view lists an agreement's
            # years together, so the walk from the top ends within the first agreement's rows)
            this_year = self.ctx.today().year
            first = 0
            if any(r.year == this_year for r in self.model.rows()):
                proxy = self.proxy
                first = next((p for p in range(proxy.rowCount())
                              if proxy.index(p, 0).data(RECORD_ROLE).year == this_year), 0)
            self.view.selectRow(first)
        else:
            self.sources.set_rows([])
            self.source_title.setText("")

    def _show_sources(self, *_: object) -> None:
        r = self.view.currentIndex().data(RECORD_ROLE)
        if not isinstance(r, YearSummary):
            return
        self.source_title.setText(self.tr("Per source: %1, %2").replace("%1", r.agreement).replace("%2", str(r.year)))
        self.sources.set_rows([
            SourceRow(i, src, r.budget_by_source.get(src, 0), r.allocated_by_source.get(src, 0))
            for i, src in enumerate(FundingSource)
            if r.budget_by_source.get(src, 0) or r.allocated_by_source.get(src, 0)])

    def show_record(self, kind: str, ident: int) -> bool:
        if kind != "agreement":
            return False
        i = self.agreement.findData(ident)
        if i >= 0:
            self.agreement.setCurrentIndex(i)
        return True
