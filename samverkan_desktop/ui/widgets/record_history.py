"""A record's history page: every change from the change log (services.history) — when, who,
what, which part and field, before → after — newest first, with a quick filter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from ...services.history import HistoryEntry
from ..table_models.base import Column, RecordTableModel
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import setup_table

ACTIONS = {
    "create": QT_TRANSLATE_NOOP("RecordHistory", "Created"),
    "update": QT_TRANSLATE_NOOP("RecordHistory", "Changed"),
    "delete": QT_TRANSLATE_NOOP("RecordHistory", "Removed"),
    "pseudonym": QT_TRANSLATE_NOOP("RecordHistory", "Pseudonymised"),
}
ADDED = {
    "create": QT_TRANSLATE_NOOP("RecordHistory", "Added"),
    "delete": QT_TRANSLATE_NOOP("RecordHistory", "Removed"),
}


def one_line(text: str) -> str:
    """A multi-line value (themes, obligations, minutes text) on one table line."""
    return " · ".join(part.strip() for part in text.splitlines() if part.strip())


def local_time(entry: HistoryEntry) -> str:
    return entry.at.astimezone().strftime("%Y-%m-%d %H:%M")


def action_text(entry: HistoryEntry) -> str:
    """"Skapad", "Ändrad", "Borttagen" for the record's fields; "Tillagd"/"Borttagen" for a part."""
    table = ADDED if entry.whole_part else ACTIONS
    return QCoreApplication.translate("RecordHistory", table.get(entry.action, entry.action))


def history_columns() -> list[Column[HistoryEntry]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "When"), lambda h: h.at, text=local_time),
        Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda h: h.user),
        Column(QT_TRANSLATE_NOOP("Columns", "What"), action_text),
        Column(QT_TRANSLATE_NOOP("Columns", "Part"), lambda h: h.part, tooltip=lambda h: h.part),
        Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda h: h.field),
        Column(QT_TRANSLATE_NOOP("Columns", "Before"), lambda h: h.old, text=lambda h: one_line(h.old),
               tooltip=lambda h: h.old),
        Column(QT_TRANSLATE_NOOP("Columns", "After"), lambda h: h.new, text=lambda h: one_line(h.new),
               tooltip=lambda h: h.new),
    ]


COL_PART, COL_BEFORE, COL_AFTER = 3, 5, 6


class RecordHistory(QWidget):
    """The history table of one record; `set_entries` takes the service's entries (oldest first)."""

    def __init__(self, name: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._load: Callable[[], Sequence[HistoryEntry] | None] | None = None
        self._stale = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.intro = QLabel(intro)
        self.intro.setObjectName("historyIntro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        top.addWidget(self.intro, 1)
        self.filter = QLineEdit()
        self.filter.setObjectName(f"{name}Filter")
        self.filter.setPlaceholderText(self.tr("Filter the history…"))
        self.filter.setAccessibleName(self.tr("Filter the history"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(260)
        top.addWidget(self.filter)
        self.count = QLabel()
        self.count.setObjectName("historyCount")
        self.count.setStyleSheet("color: #6b6b6b;")
        top.addWidget(self.count)
        lay.addLayout(top)
        self.model: RecordTableModel[HistoryEntry] = RecordTableModel(history_columns(), parent=self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view, self.proxy, f"{name}Table")
        self.view.setAccessibleName(self.tr("History"))
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate((126, 92, 72, 200, 140)):
            self.view.setColumnWidth(col, width)
        for col in (COL_BEFORE, COL_AFTER):  # the values share what is left
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("No changes recorded yet."))
        self.empty.setObjectName("historyEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6b6b6b;")
        self.empty.hide()
        lay.addWidget(self.empty)
        self.filter.textChanged.connect(self._filter)

    def set_record(self, load: Callable[[], Sequence[HistoryEntry] | None] | None) -> None:
        """The record whose history to show (`load` reads it; None: no record). Read from the
        change log now if the page is on screen, otherwise when it is shown, so opening a record
        never waits for its history."""
        self._load = load
        self._stale = load is not None
        if load is None:
            self.clear()
        elif self.isVisible():
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        if not self._stale or self._load is None:
            return
        self._stale = False
        self.set_entries(self._load() or [])

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        rows = list(entries)
        rows.reverse()  # newest first
        self.model.set_rows(rows)
        self.view.setColumnHidden(COL_PART, not any(h.part for h in rows))
        self.empty.setVisible(not rows)
        self.view.setVisible(bool(rows))
        self._update_count()

    def clear(self) -> None:
        self.set_entries([])

    def _filter(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(self.tr("%n change(s)", "", total) if total == shown else
                           self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total)))


__all__ = ["RecordHistory", "history_columns"]
