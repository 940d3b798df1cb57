"""The detailed budget of an activity as an editable grid: one row per cost kind × source,
one column per year, a "Total" column and a totals row. Amounts are int öre; typed text is
parsed with domain.money.parse_money (so `75000`, `75 000`, `75 000,50 kr` all work) and
shown formatted. Bad input is refused and reported through `error` in Swedish."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, \
    QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.catalog import CostKind, FundingSource
from ...domain.errors import DomainError
from ...domain.money import format_money, parse_money
from ...services.errors import ValidationError
from ...services.portfolio import BudgetCell, check_budget
from .base import ID_ROLE, RECORD_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex
Line = tuple[CostKind, FundingSource]

HEADER_COST_KIND = QT_TRANSLATE_NOOP("Columns", "Cost kind")
HEADER_SOURCE = QT_TRANSLATE_NOOP("Columns", "Source")
HEADER_TOTAL = QT_TRANSLATE_NOOP("Columns", "Total")

#: Field name of amount errors (the service's Swedish label for the same problem).
AMOUNT_FIELD = "Budget, belopp"

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TOTAL_BG = QColor("#eef1f5")
_COST_ORDER = {c: i for i, c in enumerate(CostKind)}
_SOURCE_ORDER = {s: i for i, s in enumerate(FundingSource)}


def _line_key(line: Line) -> tuple[int, int]:
    return _COST_ORDER[line[0]], _SOURCE_ORDER[line[1]]


class BudgetGridModel(QAbstractTableModel):
    #: a typed amount was refused: the Swedish message
    error = Signal(str)
    #: the budget was edited (the form is dirty)
    edited = Signal()

    FIXED = 2  # cost kind, source

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._lines: list[Line] = []
        self._amounts: dict[tuple[int, CostKind, FundingSource], int] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._editable = True

    # ---- data API -----------------------------------------------------------------
    def set_cells(self, cells: Iterable[BudgetCell]) -> None:
        self.beginResetModel()
        self._amounts = {(c.year, c.cost_kind, c.source): c.amount_ore for c in cells if c.amount_ore}
        self._years = sorted({k[0] for k in self._amounts})
        self._lines = sorted({(k[1], k[2]) for k in self._amounts}, key=_line_key)
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def cells(self) -> list[BudgetCell]:
        """Every non-zero amount, in year and line order (for PortfolioService.set_budget)."""
        return [BudgetCell(y, ck, src, self._amounts[(y, ck, src)])
                for y in self._years for ck, src in self._lines if self._amounts.get((y, ck, src))]

    def years(self) -> list[int]:
        return list(self._years)

    def lines(self) -> list[Line]:
        return list(self._lines)

    def amount(self, year: int, line: Line) -> int:
        return self._amounts.get((year, line[0], line[1]), 0)

    def total(self) -> int:
        return sum(self._amounts.get((y, ck, s), 0) for y in self._years for ck, s in self._lines)

    def year_total(self, year: int) -> int:
        return sum(self._amounts.get((year, ck, s), 0) for ck, s in self._lines)

    def line_total(self, line: Line) -> int:
        return sum(self._amounts.get((y, line[0], line[1]), 0) for y in self._years)

    def add_year(self, year: int) -> int:
        """Add a year column (kept in order); returns its column. Raises the service's
        ValidationError for an unreasonable year."""
        check_budget([BudgetCell(year, CostKind.LON, FundingSource.AVTALSMEDEL, 0)])
        if year in self._years:
            return self.FIXED + self._years.index(year)
        pos = sum(1 for y in self._years if y < year)
        col = self.FIXED + pos
        self.beginInsertColumns(QModelIndex(), col, col)
        self._years.insert(pos, year)
        self.endInsertColumns()
        self.edited.emit()
        return col

    def add_line(self, cost_kind: CostKind, source: FundingSource) -> int:
        """Add a cost kind × source row (kept in order); returns its row."""
        line = (cost_kind, source)
        if line in self._lines:
            return self._lines.index(line)
        pos = sum(1 for ln in self._lines if _line_key(ln) < _line_key(line))
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._lines.insert(pos, line)
        self.endInsertRows()
        self.edited.emit()
        return pos

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self._lines):
            return
        ck, src = self._lines[row]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        for y in self._years:
            self._amounts.pop((y, ck, src), None)
        self.endRemoveRows()
        self._totals_changed()
        self.edited.emit()

    def remove_year(self, year: int) -> None:
        if year not in self._years:
            return
        col = self.FIXED + self._years.index(year)
        self.beginRemoveColumns(QModelIndex(), col, col)
        self._years.remove(year)
        for ck, src in self._lines:
            self._amounts.pop((year, ck, src), None)
        self.endRemoveColumns()
        self._totals_changed()
        self.edited.emit()

    def is_total_row(self, row: int) -> bool:
        return row == len(self._lines)

    def year_of_column(self, column: int) -> int | None:
        i = column - self.FIXED
        return self._years[i] if 0 <= i < len(self._years) else None

    # ---- Qt API -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.FIXED + len(self._years) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return QCoreApplication.translate("Columns", HEADER_COST_KIND)
            if section == 1:
                return QCoreApplication.translate("Columns", HEADER_SOURCE)
            year = self.year_of_column(section)
            return str(year) if year is not None else QCoreApplication.translate("Columns", HEADER_TOTAL)
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.FIXED:
            return _RIGHT
        return None

    def _value(self, row: int, col: int) -> Any:
        """The native value of a cell: text for the first columns, öre for amounts."""
        total_row = self.is_total_row(row)
        if col == 0:
            return QCoreApplication.translate("Columns", HEADER_TOTAL) if total_row else self._lines[row][0].value
        if col == 1:
            return "" if total_row else self._lines[row][1].value
        year = self.year_of_column(col)
        if year is None:  # the total column
            return self.total() if total_row else self.line_total(self._lines[row])
        return self.year_total(year) if total_row else self.amount(year, self._lines[row])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()) \
                or not (0 <= index.column() < self.columnCount()):
            return None
        row, col = index.row(), index.column()
        total_row = self.is_total_row(row)
        total_col = col == self.columnCount() - 1
        if role == Qt.ItemDataRole.DisplayRole:
            v = self._value(row, col)
            if col < self.FIXED:
                return v
            return format_money(v) if (v or total_row or total_col) else ""
        if role == Qt.ItemDataRole.EditRole:
            v = self._value(row, col)
            if col < self.FIXED:
                return v
            return format_money(v, unit=False) if v else ""
        if role == SORT_ROLE:
            return self._value(row, col)
        if role == RECORD_ROLE:
            return None if total_row else self._lines[row]
        if role == ID_ROLE:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.FIXED:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and (total_row or total_col):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and (total_row or total_col):
            return QBrush(_TOTAL_BG)
        if role == Qt.ItemDataRole.ToolTipRole and not total_row and self.year_of_column(col) is not None:
            ck, src = self._lines[row]
            return f"{self.year_of_column(col)}: {ck.value} / {src.value}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and not self.is_total_row(index.row()) and self.year_of_column(index.column()) is not None:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        year = self.year_of_column(index.column())
        assert year is not None
        ck, src = self._lines[index.row()]
        text = "" if value is None else str(value).strip()
        try:
            amount = parse_money(text, AMOUNT_FIELD) if text else 0
            check_budget([BudgetCell(year, ck, src, amount)])
        except (DomainError, ValidationError) as exc:
            self.error.emit(exc.message)
            return False
        key = (year, ck, src)
        if self._amounts.get(key, 0) == amount:
            return True
        if amount:
            self._amounts[key] = amount
        else:
            self._amounts.pop(key, None)
        self.dataChanged.emit(index, index)
        self._totals_changed()
        self.edited.emit()
        return True

    def _totals_changed(self) -> None:
        last_row, last_col = self.rowCount() - 1, self.columnCount() - 1
        self.dataChanged.emit(self.index(0, last_col), self.index(last_row, last_col))
        self.dataChanged.emit(self.index(last_row, 0), self.index(last_row, last_col))
