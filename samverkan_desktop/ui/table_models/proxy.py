"""The one sort/filter proxy every table uses: compares native Python values (öre above
2^31, dates, None last) and sorts text in Swedish order with QCollator (å, ä, ö after z);
filters on a quick text over all columns plus named predicates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCollator, QLocale, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from .base import RECORD_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex


class RecordSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._collator = QCollator(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
        self._collator.setNumericMode(True)
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.setRecursiveFilteringEnabled(True)

    # ---- filtering ----------------------------------------------------------------
    def set_text_filter(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        def apply() -> None:
            if predicate is None:
                self._predicates.pop(name, None)
            else:
                self._predicates[name] = predicate

        self._change_filter(apply)

    def _change_filter(self, change: Callable[[], None]) -> None:
        """Qt ≥ 6.9 wants begin/endFilterChange around the change; older Qt re-filters after it."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.9
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if model is None:
            return True
        first = model.index(source_row, 0, source_parent)
        if self._predicates:
            record = model.data(first, RECORD_ROLE)
            if not all(p(record) for p in self._predicates.values()):
                return False
        if not self._text:
            return True
        for col in range(model.columnCount(source_parent)):
            text = model.data(model.index(source_row, col, source_parent), Qt.ItemDataRole.DisplayRole)
            if text and self._text in str(text).casefold():
                return True
        return False

    # ---- sorting ------------------------------------------------------------------
    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        if a is None or b is None or a == "" or b == "":
            # empty values last in ascending order
            return (a is not None and a != "") and (b is None or b == "")
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        if isinstance(a, bool) or isinstance(b, bool):
            return bool(a) < bool(b)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        if isinstance(a, date) and isinstance(b, date):
            return a < b
        return str(a) < str(b)
