"""The entries of a picker (QComboBox) as a list model: an empty first entry, then the
choices (text shown, id stored under UserRole). Filling a picker with thousands of people or
holders is one model reset instead of thousands of `addItem` calls, finding an id is a dict
lookup instead of `findData` (which would ask the model for every row), and one entry can be
made unpickable (an activity cannot hold itself) without refilling."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _USER = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.UserRole)


class ChoiceLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def text(self) -> str: ...


class ChoiceListModel(QAbstractListModel):
    def __init__(self, empty: str = "—", parent: Any = None) -> None:
        super().__init__(parent)
        self._empty = empty
        self._items: list[tuple[str, int | None]] = [(empty, None)]
        self._rows: dict[int, int] = {}
        self._left_out: int | None = None  # the id that cannot be picked

    def set_choices(self, choices: Sequence[ChoiceLike], empty: str | None = None) -> None:
        self.beginResetModel()
        if empty is not None:
            self._empty = empty
        self._items = [(self._empty, None), *((c.text, c.id) for c in choices)]
        self._index()
        self.endResetModel()

    def row_of(self, ident: int | None) -> int:
        """The row holding `ident` (0, the empty entry, for None); -1 when absent."""
        if ident is None:
            return 0
        return self._rows.get(ident, -1)

    def add(self, ident: int, text: str) -> int:
        """Add an entry the list lacks (so a stored id is never lost); its row."""
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append((text, ident))
        self._rows[ident] = row
        self.endInsertRows()
        return row

    def leave_out(self, ident: int | None) -> None:
        """Make `ident` unpickable (shown greyed out, e.g. an activity as its own holder); the one
        left out before becomes pickable again. Two rows change: no rebuild of thousands."""
        changed = [self.row_of(x) for x in (self._left_out, ident) if x is not None]
        self._left_out = ident
        for row in changed:
            if row > 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and self._left_out is not None and index.row() == self.row_of(self._left_out):
            return Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def _index(self) -> None:
        self._rows = {ident: i for i, (_t, ident) in enumerate(self._items) if ident is not None}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        r = index.row()
        if not 0 <= r < len(self._items):
            return None
        if role == _DISPLAY or role == int(Qt.ItemDataRole.EditRole):
            return self._items[r][0]
        if role == _USER:
            return self._items[r][1]
        return None
