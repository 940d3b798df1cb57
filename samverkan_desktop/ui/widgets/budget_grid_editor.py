"""The editable budget grid of an activity: the view over BudgetGridModel, a money editor
per cell, controls to add a year or a cost kind × source row, and the error line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import CostKind, FundingSource
from ...domain.money import format_money
from ...services.errors import ValidationError
from ...services.portfolio import BudgetCell
from ..table_models.budget_grid import AMOUNT_FIELD, BudgetGridModel
from ..table_models.proxy import RecordSortProxy
from .fields import MoneyEdit

_Index = QModelIndex | QPersistentModelIndex


class MoneyDelegate(QStyledItemDelegate):
    """Edits a budget cell with a MoneyEdit; the model parses and refuses bad text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        editor = MoneyEdit(AMOUNT_FIELD, parent)
        editor.setObjectName("budgetCellEditor")
        editor.setPlaceholderText("")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, MoneyEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, MoneyEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class BudgetGridEditor(QWidget):
    #: the budget was edited
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BudgetGridModel(self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("budgetGrid")
        self.view.setAccessibleName(self.tr("Budget per year, cost kind and source"))
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(MoneyDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setWordWrap(False)

        self.summary = QLabel()
        self.summary.setObjectName("budgetSummary")
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.empty_hint = QLabel(self.tr("No budget yet. Add a year and a row (cost kind and source), then type "
                                         "the amounts into the cells."))
        self.empty_hint.setObjectName("budgetEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #555;")

        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setAccessibleName(self.tr("Year to add"))
        self.add_year_button = QPushButton(self.tr("Add year"))
        self.add_year_button.setObjectName("addBudgetYear")
        self.remove_year_button = QPushButton(self.tr("Remove year"))
        self.remove_year_button.setObjectName("removeBudgetYear")
        self.remove_year_button.setToolTip(self.tr("Removes the year of the selected cell"))
        self.cost_combo = QComboBox()
        self.cost_combo.setAccessibleName(self.tr("Cost kind"))
        for ck in CostKind:
            self.cost_combo.addItem(ck.value, ck.name)  # StrEnums become str in Qt: store names
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName(self.tr("Source"))
        for src in FundingSource:
            self.source_combo.addItem(src.value, src.name)
        self.add_line_button = QPushButton(self.tr("Add row"))
        self.add_line_button.setObjectName("addBudgetRow")
        self.remove_line_button = QPushButton(self.tr("Remove row"))
        self.remove_line_button.setObjectName("removeBudgetRow")

        years = QHBoxLayout()
        years.addWidget(QLabel(self.tr("Year:")))
        years.addWidget(self.year_spin)
        years.addWidget(self.add_year_button)
        years.addWidget(self.remove_year_button)
        years.addStretch(1)
        lines = QHBoxLayout()
        lines.addWidget(QLabel(self.tr("Row:")))
        lines.addWidget(self.cost_combo)
        lines.addWidget(self.source_combo, 1)
        lines.addWidget(self.add_line_button)
        lines.addWidget(self.remove_line_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty_hint)
        lay.addWidget(self.error_label)
        lay.addLayout(years)
        lay.addLayout(lines)
        self._controls: list[QWidget] = [self.year_spin, self.add_year_button, self.remove_year_button,
                                         self.cost_combo, self.source_combo, self.add_line_button,
                                         self.remove_line_button]
        self.setTabOrder(self.view, self.year_spin)
        self.setTabOrder(self.year_spin, self.add_year_button)
        self.setTabOrder(self.add_year_button, self.remove_year_button)
        self.setTabOrder(self.remove_year_button, self.cost_combo)
        self.setTabOrder(self.cost_combo, self.source_combo)
        self.setTabOrder(self.source_combo, self.add_line_button)
        self.setTabOrder(self.add_line_button, self.remove_line_button)

        self.add_year_button.clicked.connect(self._add_year)
        self.remove_year_button.clicked.connect(self._remove_year)
        self.add_line_button.clicked.connect(self._add_line)
        self.remove_line_button.clicked.connect(self._remove_line)
        self.model.error.connect(self.show_error)
        self.model.edited.connect(self._on_edited)
        self.model.modelReset.connect(self._refresh)
        self._refresh()

    # ---- API ----------------------------------------------------------------------
    def set_cells(self, cells: list[BudgetCell], default_year: int) -> None:
        self.clear_error()
        self.model.set_cells(cells)
        years = self.model.years()
        self.year_spin.setValue(years[-1] + 1 if years else default_year)

    def cells(self) -> list[BudgetCell]:
        return self.model.cells()

    def set_editable(self, editable: bool) -> None:
        self.model.set_editable(editable)
        for w in self._controls:
            w.setEnabled(editable)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def clear_selected_cells(self) -> None:
        """Delete in the grid empties the selected amounts."""
        for idx in self.view.selectionModel().selectedIndexes():
            if idx.flags() & Qt.ItemFlag.ItemIsEditable:
                self.proxy.setData(idx, "", Qt.ItemDataRole.EditRole)

    def cell_index(self, year: int, cost_kind: CostKind, source: FundingSource) -> QModelIndex:
        """The view (proxy) index of one amount cell."""
        line = (cost_kind, source)
        if year not in self.model.years() or line not in self.model.lines():
            return QModelIndex()
        src = self.model.index(self.model.lines().index(line), BudgetGridModel.FIXED + self.model.years().index(year))
        return self.proxy.mapFromSource(src)

    # ---- slots --------------------------------------------------------------------
    def _on_edited(self) -> None:
        self.clear_error()
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        total = self.model.total()
        years = self.model.years()
        if years:
            self.summary.setText(self.tr("Total %1 over %2–%3").replace("%1", format_money(total))
                                 .replace("%2", str(years[0])).replace("%3", str(years[-1])))
        else:
            self.summary.setText(self.tr("Total %1").replace("%1", format_money(total)))
        self.empty_hint.setVisible(not years or not self.model.lines())
        header = self.view.horizontalHeader()
        self.view.resizeColumnToContents(0)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the source takes the rest
        for col in range(BudgetGridModel.FIXED, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(col, max(90, self.view.sizeHintForColumn(col) + 10,
                                              header.sectionSizeHint(col)))

    def _add_year(self) -> None:
        try:
            col = self.model.add_year(self.year_spin.value())
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        self.year_spin.setValue(min(self.year_spin.value() + 1, self.year_spin.maximum()))
        if self.model.lines():
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(0, col)))

    def _remove_year(self) -> None:
        idx = self.view.currentIndex()
        year = self.model.year_of_column(self.proxy.mapToSource(idx).column()) if idx.isValid() else None
        if year is None:
            years = self.model.years()
            if not years:
                return
            year = years[-1]
        self.model.remove_year(year)

    def _add_line(self) -> None:
        row = self.model.add_line(CostKind[self.cost_combo.currentData()],
                                  FundingSource[self.source_combo.currentData()])
        if self.model.years():
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, BudgetGridModel.FIXED)))

    def _remove_line(self) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        row = self.proxy.mapToSource(idx).row()
        if not self.model.is_total_row(row):
            self.model.remove_line(row)
