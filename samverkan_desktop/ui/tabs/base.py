"""What the main window expects of a tab: reload, new/save/delete/open for the keyboard
shortcuts, navigation to a record, and state to keep between runs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QTreeView, QWidget

from ...domain.errors import DomainError
from ...services.errors import ConflictError, GateError, LockedError, NotFoundError, ServiceError, ValidationError
from ..context import UiContext
from ..database_problems import report_database_problem
from ..table_models.base import ID_ROLE
from ..table_models.proxy import RecordSortProxy


class RecordTab(QWidget):
    #: ask the main window to show a record in another tab: (kind, id), kind in
    #: "agreement" | "activity" | "meeting" | "person"
    navigate = Signal(str, int)
    #: a short status-bar message
    status = Signal(str)
    #: data changed; other tabs may want to reload
    data_changed = Signal()
    #: the user wants to print/save a document of the current record (Arkiv → Dokument…)
    documents_requested = Signal()

    key = "tab"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    # ---- overridable API ------------------------------------------------------------
    def title(self) -> str:
        return self.key

    def reload(self) -> None:
        """Fetch fresh read models from the services."""

    def new_record(self) -> None:
        """Ctrl+N."""

    def save(self) -> None:
        """Ctrl+S."""

    def delete_selected(self) -> None:
        """Delete (after asking)."""

    def open_selected(self) -> None:
        """Enter."""

    def show_record(self, kind: str, ident: int) -> bool:
        """Select and open a record; True if this tab shows that kind."""
        return False

    def current_record(self) -> tuple[int, str] | None:
        """(id, title) of the record the user has selected here, for documents and exports."""
        return None

    def build_rest(self) -> bool:
        """Build one part that the tab left out to show sooner (the window calls this in the
        background after the tabs are built). False when nothing is left."""
        return False

    def save_state(self, settings: QSettings) -> None:
        for name, obj in self._state_objects().items():
            settings.setValue(f"{self.key}/{name}", obj.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for name, obj in self._state_objects().items():
            value = settings.value(f"{self.key}/{name}")
            if isinstance(value, QByteArray) and not value.isEmpty():
                obj.restoreState(value)

    def _state_objects(self) -> dict[str, Any]:
        """Splitters and headers whose state persists (name → object with saveState/restoreState)."""
        out: dict[str, Any] = {}
        for sp in self.findChildren(QSplitter):
            if sp.objectName():
                out[f"splitter/{sp.objectName()}"] = sp
        for view in self.findChildren(QTableView) + self.findChildren(QTreeView):
            if view.objectName():
                out[f"header/{view.objectName()}"] = view.horizontalHeader() if isinstance(view, QTableView) \
                    else view.header()
        return out

    # ---- helpers for subclasses ------------------------------------------------------
    def report_error(self, exc: BaseException, title: str = "") -> None:
        """Show a service/domain error in Swedish; anything else is a bug for the crash handler."""
        title = title or self.tr("Could not save")
        if isinstance(exc, ConflictError):
            self.ctx.messenger.warning(self, self.tr("Changed by someone else"), str(exc))
        elif isinstance(exc, (GateError, ValidationError, LockedError, NotFoundError, ServiceError, DomainError)):
            self.ctx.messenger.warning(self, title, str(exc))
        elif not report_database_problem(self.ctx, self, exc, title):  # disk full, file gone, locked …
            raise exc

    def run_action(self, action: Any, *args: Any, title: str = "", **kwargs: Any) -> Any:
        """Call a service action; on a known error (or a database problem) show it and return None."""
        try:
            return action(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - report_error re-raises what it does not know (bugs)
            self.report_error(exc, title)
            return None


def place_in_focus_chain(after: QWidget, added: QWidget) -> None:
    """Tab from `after` into `added` and its fields, in their order, then on to what followed
    `after`. A widget added to a window later joins the end of the window's focus chain (Tab
    would reach it last); this moves it, with its descendants, to where it is shown."""
    members = [added]
    w = added.nextInFocusChain()
    while w is not added and added.isAncestorOf(w):
        members.append(w)
        w = w.nextInFocusChain()
    previous = after
    for m in members:
        if m.focusPolicy() != Qt.FocusPolicy.NoFocus:  # setTabOrder ignores widgets without focus
            QWidget.setTabOrder(previous, m)
            previous = m


def last_in_focus_chain(container: QWidget) -> QWidget:
    """The last widget that takes focus among `container` and its descendants (Tab order)."""
    last = container
    w = container.nextInFocusChain()
    while w is not container and container.isAncestorOf(w):
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus:
            last = w
        w = w.nextInFocusChain()
    return last


def setup_table(view: QTableView | QTreeView, proxy: RecordSortProxy, name: str) -> None:
    """Common table behaviour: row selection, sorting, alternating rows, persisted header."""
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    header.setSectionsMovable(True)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if isinstance(view, QTableView):
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)


def selected_id(view: QTableView | QTreeView) -> int | None:
    idx = view.currentIndex()
    if not idx.isValid():
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        if not rows:
            return None
        idx = rows[0]
    value = idx.siblingAtColumn(0).data(ID_ROLE)
    return int(value) if value is not None else None


def select_id(view: QTableView | QTreeView, ident: int) -> bool:
    """Select the row whose record has `ident` (searches the proxy, including tree children)."""
    model = view.model()

    def walk(parent: QModelIndex) -> QModelIndex | None:
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            if idx.data(ID_ROLE) == ident:
                return idx
            found = walk(idx)
            if found is not None:
                return found
        return None

    idx = walk(QModelIndex())
    if idx is None:
        return False
    view.selectionModel().setCurrentIndex(
        idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(idx)
    return True
