"""A table that shows a two-level tree as an outline: holders with an open/closed arrow,
their rows indented below them. For large trees: unlike QTreeView, a table view only asks
the model about the rows on screen (see table_models/portfolio_tree.py).

The model gives each row an `Outline` under OUTLINE_ROLE and has `toggle(row)`,
`set_expanded(row, bool)` and `is_expanded(row)` (the `OutlineModel` protocol); the view may
sit behind a pass-through proxy (ModelSideProxy). Mouse: a click on the arrow opens or closes
the holder. Keys, as in a tree: Right opens (or moves to the first activity), Left closes (or
moves to the holder), `+`/`-` open/close, `*` opens all."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QEvent, QModelIndex, QPersistentModelIndex, \
    QRect, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from ..table_models.base import OUTLINE_ROLE, Outline

_Index = QModelIndex | QPersistentModelIndex

INDENT = 20  # pixels per level, and the width of the arrow's box
_BRANCH_CLOSED = QStyle.StateFlag.State_Children | QStyle.StateFlag.State_Item | QStyle.StateFlag.State_Enabled
_BRANCH_OPEN = _BRANCH_CLOSED | QStyle.StateFlag.State_Open


@runtime_checkable
class OutlineModel(Protocol):
    def toggle(self, row: int) -> None: ...

    def set_expanded(self, row: int, expanded: bool) -> None: ...

    def is_expanded(self, row: int) -> bool: ...

    def set_all_expanded(self, expanded: bool) -> None: ...


def _source(index: _Index) -> tuple[OutlineModel | None, int]:
    """The outline model behind `index` (through any proxies) and the row there."""
    model: QAbstractItemModel | None = index.model()
    idx = QModelIndex(index)
    while isinstance(model, QAbstractProxyModel):
        idx = model.mapToSource(idx)
        model = model.sourceModel()
    return (model if isinstance(model, OutlineModel) else None), idx.row()


def arrow_rect(cell: QRect, outline: Outline) -> QRect:
    """Where a holder's arrow is drawn in its first cell."""
    return QRect(cell.left() + outline.level * INDENT, cell.top(), INDENT, cell.height())


class OutlineDelegate(QStyledItemDelegate):
    """Paints the first column indented by level, with the style's branch arrow for holders,
    and opens/closes a holder when its arrow is clicked."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        outline = index.data(OUTLINE_ROLE)
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        if isinstance(outline, Outline):
            # the row's background and selection across the whole cell, indent included
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
            if outline.has_children:
                branch = QStyleOptionViewItem(opt)
                branch.rect = arrow_rect(opt.rect, outline)  # type: ignore[attr-defined]
                branch.state = _BRANCH_OPEN if outline.expanded else _BRANCH_CLOSED  # type: ignore[attr-defined]
                style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorBranch, branch, painter, widget)
            opt.rect = opt.rect.adjusted((outline.level + 1) * INDENT, 0, 0, 0)  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> Any:  # noqa: N802
        size = super().sizeHint(option, index)
        outline = index.data(OUTLINE_ROLE)
        if isinstance(outline, Outline):
            size.setWidth(size.width() + (outline.level + 1) * INDENT)
        return size

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,  # noqa: N802
                    index: _Index) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            outline = index.data(OUTLINE_ROLE)
            if isinstance(outline, Outline) and outline.has_children \
                    and arrow_rect(option.rect, outline).contains(event.position().toPoint()):  # type: ignore[attr-defined]
                source, row = _source(index)
                if source is not None:
                    source.toggle(row)
                    return True
        return super().editorEvent(event, model, option, index)


class OutlineView(QTableView):
    """QTableView with the outline delegate on the first column and tree keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = OutlineDelegate(self)
        self.setItemDelegateForColumn(0, self._delegate)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)

    def set_expanded(self, index: QModelIndex, expanded: bool) -> None:
        source, row = _source(index)
        if source is not None:
            source.set_expanded(row, expanded)

    def is_expanded(self, index: QModelIndex) -> bool:
        source, row = _source(index)
        return source is not None and source.is_expanded(row)

    def set_all_expanded(self, expanded: bool) -> None:
        model: QAbstractItemModel | None = self.model()
        while isinstance(model, QAbstractProxyModel):
            model = model.sourceModel()
        if isinstance(model, OutlineModel):
            model.set_all_expanded(expanded)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        current = self.currentIndex()
        outline = current.siblingAtColumn(0).data(OUTLINE_ROLE) if current.isValid() else None
        key = event.key()
        if isinstance(outline, Outline) and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                   Qt.KeyboardModifier.KeypadModifier):
            if key == Qt.Key.Key_Right and outline.has_children:
                if not outline.expanded:
                    self.set_expanded(current, True)
                else:
                    self.setCurrentIndex(current.sibling(current.row() + 1, current.column()))
                return
            if key == Qt.Key.Key_Left:
                if outline.has_children and outline.expanded:
                    self.set_expanded(current, False)
                    return
                if outline.level > 0:
                    row = current.row() - 1
                    while row >= 0:
                        above = current.sibling(row, 0).data(OUTLINE_ROLE)
                        if isinstance(above, Outline) and above.level == 0:
                            self.setCurrentIndex(current.sibling(row, current.column()))
                            break
                        row -= 1
                    return
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus) and outline.has_children:
                self.set_expanded(current, key == Qt.Key.Key_Plus)
                return
            if key == Qt.Key.Key_Asterisk:
                self.set_all_expanded(True)
                return
        super().keyPressEvent(event)
