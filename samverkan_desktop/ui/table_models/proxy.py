"""The sort/filter proxies the tables sit behind, with one API: `set_text_filter(text)`,
`set_predicate(name, predicate)`, `set_predicates({name: predicate})`, `count_matching()`.

- `RecordSortProxy` (every ordinary table): the proxy itself filters on a quick text over all
  columns plus named predicates on the row record. A sort over the generic `RecordTableModel`
  is the model's own (one Python sort); over other models the proxy sorts by SORT_ROLE. Both
  order by `base.sort_keys`: native Python values (öre above 2^31, dates, empty last) and text
  in Swedish order.
- `ModelSideProxy` (large models, the 50 000-row portfolio): the same API, but filtering and
  sorting are done by the source model in bulk (`BulkFilterSortModel`); the proxy itself
  passes rows through in C++ without calling Python per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from .base import RECORD_ROLE, SORT_ROLE, RecordTableModel, sort_keys

_Index = QModelIndex | QPersistentModelIndex


def merge_predicates(current: dict[str, Callable[[Any], bool]],
                     changes: dict[str, Callable[[Any], bool] | None]) -> None:
    """Apply named predicate changes in place: a predicate sets, None removes."""
    for name, predicate in changes.items():
        if predicate is None:
            current.pop(name, None)
        else:
            current[name] = predicate


class RecordSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.setRecursiveFilteringEnabled(True)

    # ---- filtering ----------------------------------------------------------------
    def set_text_filter(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        self.set_predicates({name: predicate})

    def set_predicates(self, predicates: dict[str, Callable[[Any], bool] | None]) -> None:
        """Set (or, with None, remove) several named predicates with one re-filter."""
        self._change_filter(lambda: merge_predicates(self._predicates, predicates))

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
        if isinstance(model, RecordTableModel) and not source_parent.isValid():
            # fast path for the generic table: the record and its texts straight from the model,
            # not through a QModelIndex and data() per column
            record = model.row_at(source_row)
            if self._predicates and not all(p(record) for p in self._predicates.values()):
                return False
            return not self._text or any(self._text in t.casefold() for t in model.texts(source_row))
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
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Over the generic table model, the model orders its rows itself (one Python sort, see
        `RecordTableModel.sort`) and the proxy keeps the model's order; over any other model the
        proxy sorts, comparing with `lessThan`."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            if self.sortColumn() >= 0:
                super().sort(-1)  # never both
            model.sort(column, order)
            return
        super().sort(column, order)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        """The order of `sort_keys` (the generic model's own sort): empty last, text in Swedish
        order, native values otherwise."""
        a, b = sort_keys([left.data(SORT_ROLE), right.data(SORT_ROLE)])
        return a < b

    def count_matching(self) -> int:
        """How many rows pass the filter (top level)."""
        return self.rowCount()


@runtime_checkable
class BulkFilterSortModel(Protocol):
    """A source model that filters and sorts itself (see ModelSideProxy)."""

    def set_filter(self, text: str, predicates: Sequence[Callable[[Any], bool]]) -> None: ...

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None: ...

    def matching_count(self) -> int: ...


class ModelSideProxy(QSortFilterProxyModel):
    """RecordSortProxy's API over a `BulkFilterSortModel`: the text and the named predicates go
    to the model's `set_filter`, a click on a column header to the model's `sort`. The proxy
    itself neither filters nor sorts (no Python `filterAcceptsRow`/`lessThan`), so Qt maps rows
    in C++ and the work per keystroke is one pass in the model."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setDynamicSortFilter(False)
        self.setRecursiveFilteringEnabled(False)

    def _bulk(self) -> BulkFilterSortModel:
        model = self.sourceModel()
        assert isinstance(model, BulkFilterSortModel), "ModelSideProxy needs a BulkFilterSortModel"
        return model

    def _push(self) -> None:
        self._bulk().set_filter(self._text, list(self._predicates.values()))

    def set_text_filter(self, text: str) -> None:
        self._text = text
        self._push()

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        self.set_predicates({name: predicate})

    def set_predicates(self, predicates: dict[str, Callable[[Any], bool] | None]) -> None:
        """Set (or, with None, remove) several named predicates with one re-filter."""
        merge_predicates(self._predicates, predicates)
        self._push()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._bulk().sort(column, order)

    def count_matching(self) -> int:
        """How many records pass the filter, at every level."""
        return self._bulk().matching_count()
