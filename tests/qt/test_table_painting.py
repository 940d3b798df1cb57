"""Painting the generic tables (issue #7): a cell is painted with one `multiData` call into
Python, not one `data` call per role (seven or more crossings from C++ into Python per cell),
and looks exactly as it did when painted through `data`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTableView

from samverkan_desktop.ui.table_models.base import Column, RecordTableModel, money_column


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    amount_ore: int
    late: bool


ROWS = [Row(i, f"Aktivitet {i} – Örebro", i * 123_456_00, i % 3 == 0) for i in range(1, 41)]


def columns() -> list[Column[Row]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title,
               foreground=lambda r: QColor("#b00020") if r.late else None, tooltip=lambda r: f"id {r.id}"),
        money_column(QT_TRANSLATE_NOOP("Columns", "Budget"), lambda r: r.amount_ore),
        Column(QT_TRANSLATE_NOOP("Columns", "Late"), lambda r: "ja" if r.late else "nej",
               background=lambda r: QColor("#f8d7da") if r.late else None),
    ]


class Counting(RecordTableModel[Row]):
    def __init__(self) -> None:
        super().__init__(columns())
        self.calls = {"data": 0, "multiData": 0}

    def data(self, index: Any, role: int = 0) -> Any:
        self.calls["data"] += 1
        return super().data(index, role)

    def multiData(self, index: Any, span: Any) -> None:  # noqa: N802
        self.calls["multiData"] += 1
        super().multiData(index, span)


class ThroughData(RecordTableModel[Row]):
    """The same model painted the Qt default way: multiData asks data() once per role."""

    def __init__(self) -> None:
        super().__init__(columns())

    def multiData(self, index: Any, span: Any) -> None:  # noqa: N802
        QAbstractItemModel.multiData(self, index, span)


def painted(qtbot, model: RecordTableModel[Row]) -> QImage:  # type: ignore[no-untyped-def]
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame on the first view's current cell
    view.resize(640, 400)
    view.show()
    qtbot.waitExposed(view)
    return view.grab().toImage()


def test_a_cell_is_painted_with_one_call_into_python(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = Counting()
    model.set_rows(ROWS)
    painted(qtbot, model)
    assert model.calls["multiData"] >= 3 * 10  # every visible cell (at least ten rows of three)
    assert model.calls["data"] == 0


def test_painting_through_multidata_looks_the_same(qtbot) -> None:  # type: ignore[no-untyped-def]
    fast, slow = Counting(), ThroughData()
    fast.set_rows(ROWS)
    slow.set_rows(ROWS)
    assert painted(qtbot, fast) == painted(qtbot, slow)
    # and the values a test or the proxy reads through data() are those painted
    index = fast.index(2, 1, QModelIndex())
    assert index.data() == "370 368 kr"
