"""Someone else saved the record while the user was editing it (services.conflicts).

The dialog shows field by field what differs — the value the form loaded (when known), the
user's version and the other person's — and offers the two ways on:

- **Läs in deras version**: discard the form and load the record again (`reload_chosen`);
- **Spara min version ändå**: save the form over their change, deliberately, with
  `overwrite_version(err)`. If a third person saved in between, that is a new conflict: the
  table shows the new difference and the user chooses again.

Closing the dialog ("Fortsätt redigera", Esc) chooses neither: the edits stay in the form, nothing
is saved and nothing is lost. Non-blocking: `.open()` plus signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.conflicts import ConflictRow, ConflictView, conflict_view, is_conflict, overwrite_version
from ...services.errors import ConflictError, ServiceError
from ..table_models.base import Column, RecordTableModel
from ..table_models.proxy import RecordSortProxy
from ..tabs.base import setup_table

#: Cell colours: changed by you, changed by them, changed by both (the user must choose).
MINE_COLOUR = QColor("#fff3c4")
THEIRS_COLOUR = QColor("#dcebff")
CLASH_COLOUR = QColor("#ffd6d6")


def conflict_columns(with_base: bool) -> list[Column[ConflictRow]]:
    cols: list[Column[ConflictRow]] = [Column(QT_TRANSLATE_NOOP("Columns", "Field"), lambda r: r.label)]
    if with_base:
        cols.append(Column(QT_TRANSLATE_NOOP("Columns", "When you opened it"), lambda r: r.base or "",
                           tooltip=lambda r: r.base or ""))
    cols.append(Column(QT_TRANSLATE_NOOP("Columns", "Your version"), lambda r: r.mine, tooltip=lambda r: r.mine,
                       background=lambda r: CLASH_COLOUR if r.clash else (MINE_COLOUR if r.changed_by_me else None)))
    cols.append(Column(QT_TRANSLATE_NOOP("Columns", "Their version"), lambda r: r.theirs, tooltip=lambda r: r.theirs,
                       background=lambda r: CLASH_COLOUR if r.clash else (THEIRS_COLOUR if r.changed_by_them else None)))
    return cols


def _row_id(row: ConflictRow) -> int:
    return hash(row.field) & 0x7FFFFFFF


class ConflictDialog(QDialog):
    #: the user chose to discard the form and load the other person's version
    reload_chosen = Signal()
    #: the user's version was saved over the other person's (deliberately)
    overwritten = Signal()

    def __init__(self, err: ConflictError, mine: Any, base: Any | None, overwrite: Callable[[int], object], *,
                 names: Callable[[str, int], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        self._mine, self._base, self._overwrite, self._names = mine, base, overwrite, names
        self.err = err
        self.view_data: ConflictView = conflict_view(err, mine, base, names=names)
        self.conflicts = 1  # how many times saving met someone else's change

        lay = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Choose which version to keep"))
        self.heading.setObjectName("conflictHeading")
        f = QFont(self.heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.heading.setFont(f)
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.summary)
        self.again = QLabel(self.tr("Someone saved the record once more while you were choosing. The table now "
                                    "shows the differences from that newest version."))
        self.again.setObjectName("conflictAgain")
        self.again.setWordWrap(True)
        self.again.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36c; border-radius: 3px; "
                                 "padding: 4px 8px; color: #5c4a00;")
        self.again.hide()
        lay.addWidget(self.again)

        self.model: RecordTableModel[ConflictRow] = RecordTableModel(conflict_columns(base is not None),
                                                                     id_of=_row_id, parent=self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        setup_table(self.table, self.proxy, "conflictTable")
        self.table.setAccessibleName(self.tr("Differences"))
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(1, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No field in the form differs from their version: their change concerned "
                                    "something else. Saving your version keeps their change of that."))
        self.empty.setObjectName("conflictEmpty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        lay.addWidget(self.empty)

        self.legend = QLabel()
        self.legend.setObjectName("conflictLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        lay.addWidget(self.legend)
        self.hint = QLabel(self.tr("Your changes stay in the form until you choose. Their change stays in the "
                                   "change log whichever you choose."))
        self.hint.setObjectName("conflictHint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.error = QLabel()
        self.error.setObjectName("conflictError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        lay.addWidget(self.error)

        buttons = QHBoxLayout()
        self.reload_button = QPushButton(self.tr("Load their version"))
        self.reload_button.setObjectName("conflictReload")
        self.reload_button.setToolTip(self.tr("Discard your changes in the form and show the record as it is saved "
                                              "now"))
        self.overwrite_button = QPushButton(self.tr("Save my version anyway"))
        self.overwrite_button.setObjectName("conflictOverwrite")
        self.overwrite_button.setToolTip(self.tr("Save the form as it is, over the other person's change (it stays "
                                                 "in the change log)"))
        self.keep_button = QPushButton(self.tr("Keep editing"))
        self.keep_button.setObjectName("conflictKeepEditing")
        self.keep_button.setToolTip(self.tr("Close this window; your changes stay in the form, unsaved"))
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.overwrite_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        lay.addLayout(buttons)
        self.keep_button.setDefault(True)
        self.reload_button.clicked.connect(self._reload)
        self.overwrite_button.clicked.connect(self._save_mine)
        self.keep_button.clicked.connect(self.reject)
        self.setTabOrder(self.table, self.reload_button)
        self.setTabOrder(self.reload_button, self.overwrite_button)
        self.setTabOrder(self.overwrite_button, self.keep_button)
        self.resize(860 if base is not None else 720, 460)
        self._show()

    # ---- showing ---------------------------------------------------------------------
    def _show(self) -> None:
        v = self.view_data
        self.summary.setText(v.summary())
        self.model.set_rows(v.rows)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(v.rows))
        self.empty.setVisible(not v.rows)
        parts = []
        if self._base is not None:
            parts.append(self._swatch(MINE_COLOUR, self.tr("you changed it")))
            parts.append(self._swatch(THEIRS_COLOUR, self.tr("they changed it")))
            parts.append(self._swatch(CLASH_COLOUR, self.tr("you both changed it")))
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self.legend.setVisible(bool(parts))

    @staticmethod
    def _swatch(colour: QColor, text: str) -> str:
        return (f'<span style="background-color:{colour.name()}; border:1px solid #999;">&nbsp;&nbsp;&nbsp;&nbsp;'
                f'</span>&nbsp;{text}')

    def set_conflict(self, err: ConflictError) -> None:
        """A newer version was saved while the dialog was open: show the new differences."""
        self.err = err
        self.view_data = conflict_view(err, self._mine, self._base, names=self._names)
        self.conflicts += 1
        self.again.show()
        self._show()

    # ---- the two ways on ---------------------------------------------------------------
    def _reload(self) -> None:
        self.reload_chosen.emit()
        self.accept()

    def _save_mine(self) -> None:
        self.error.hide()
        try:
            self._overwrite(overwrite_version(self.err))
        except ConflictError as exc:
            self.set_conflict(exc)
            return
        except (ServiceError, DomainError) as exc:
            self.error.setText(self.tr("Your version could not be saved: %1").replace("%1", str(exc)))
            self.error.show()
            return
        except Exception as exc:  # a race inside the UPDATE itself (PostgreSQL): same as a conflict
            if not is_conflict(exc):
                raise
            self.error.setText(self.tr("Someone saved at the same moment. Choose again to see their version."))
            self.error.show()
            return
        self.overwritten.emit()
        self.accept()


def open_conflict_dialog(parent: QWidget, err: ConflictError, mine: Any, base: Any | None,
                         overwrite: Callable[[int], object], on_reload: Callable[[], None],
                         on_saved: Callable[[], None], *,
                         names: Callable[[str, int], str] | None = None) -> ConflictDialog:
    """Open the dialog for a form's failed save (non-blocking) and wire its two ways on."""
    dlg = ConflictDialog(err, mine, base, overwrite, names=names, parent=parent)
    dlg.reload_chosen.connect(on_reload)
    dlg.overwritten.connect(on_saved)
    dlg.open()
    return dlg


__all__ = ["ConflictDialog", "conflict_columns", "open_conflict_dialog"]
