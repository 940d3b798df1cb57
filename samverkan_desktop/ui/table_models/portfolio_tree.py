"""The portfolio as a two-level tree: programs and profile areas hold their projects and
pre-studies. Rows are plain `ActivityRow`s; every display string, sort value and the
search text are computed once in `set_rows`, so `data()` is a tuple lookup (50 000 rows
open and filter without a stall). Same roles as RecordTableModel: SORT_ROLE, RECORD_ROLE,
ID_ROLE. `PortfolioProxy` is the shared RecordSortProxy with a fast path for this model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, \
    QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.followup import ActivityKind
from ...domain.money import format_money
from ...domain.stages import ACTIVE_STAGES, TERMINAL_STAGES, Stage
from ...services.portfolio import ActivityRow
from .base import ID_ROLE, RECORD_ROLE, SORT_ROLE
from .proxy import RecordSortProxy

_Index = QModelIndex | QPersistentModelIndex

#: Column headers (translated in context "Columns"), in view order.
HEADERS = (
    QT_TRANSLATE_NOOP("Columns", "Title"),
    QT_TRANSLATE_NOOP("Columns", "Type"),
    QT_TRANSLATE_NOOP("Columns", "Stage"),
    QT_TRANSLATE_NOOP("Columns", "Agreement"),
    QT_TRANSLATE_NOOP("Columns", "Administration/company"),
    QT_TRANSLATE_NOOP("Columns", "Responsible official"),
    QT_TRANSLATE_NOOP("Columns", "Responsible researcher"),
    QT_TRANSLATE_NOOP("Columns", "Start"),
    QT_TRANSLATE_NOOP("Columns", "End"),
    QT_TRANSLATE_NOOP("Columns", "Total budget"),
    QT_TRANSLATE_NOOP("Columns", "Next report due"),
)
(COL_TITLE, COL_KIND, COL_STAGE, COL_AGREEMENT, COL_ADMIN, COL_OFFICIAL, COL_RESEARCHER, COL_START, COL_END,
 COL_BUDGET, COL_NEXT_REPORT) = range(len(HEADERS))

CONTAINER_KINDS = frozenset({ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE})

_RED = QColor("#b00020")
_GREY = QColor("#6b6b6b")
_GREEN = QColor("#1b6e2d")
_STAGE_ORDER = {st: i for i, st in enumerate(Stage)}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Node:
    """One activity in the tree with everything `data()` needs precomputed (plain Python,
    so whole trees are built off the GUI thread)."""

    __slots__ = ("row", "pos", "parent", "children", "number", "texts", "sort", "haystack", "overdue")

    def __init__(self, row: ActivityRow, pos: int, today: date) -> None:
        self.row = row
        self.pos = pos  # index in the flat node list
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.number = 0  # row number under the parent (or among the roots)
        self.fill(today)

    def fill(self, today: date) -> None:
        r = self.row
        self.overdue = r.next_report_due is not None and r.next_report_due < today
        self.texts = (r.title, r.kind.value, r.stage.value, r.agreement, r.administration, r.official,
                      r.researcher, _d(r.start), _d(r.end), format_money(r.budget_total_ore), _d(r.next_report_due))
        self.sort = (r.title, r.kind.value, _STAGE_ORDER[r.stage], r.agreement, r.administration, r.official,
                     r.researcher, r.start, r.end, r.budget_total_ore, r.next_report_due)
        self.haystack = "\n".join((*self.texts, r.case_number)).casefold()


@dataclass(frozen=True)
class PortfolioTree:
    """The built tree: every node, the top level, lookup by id, the containers."""

    nodes: list[Node]
    roots: list[Node]
    by_id: dict[int, Node]
    containers: list[Node]
    today: date


def build_tree(rows: Sequence[ActivityRow], today: date) -> PortfolioTree:
    """Nodes with their display strings, linked two levels deep. Pure Python: the tab runs
    it in the background task together with the query."""
    nodes = [Node(r, i, today) for i, r in enumerate(rows)]
    by_id = {n.row.id: n for n in nodes}
    roots: list[Node] = []
    containers: list[Node] = []
    for n in nodes:
        p = by_id.get(n.row.parent_id) if n.row.parent_id is not None else None
        # two levels: only a program or profile area (itself at the top) holds children
        if p is not None and p is not n and p.row.parent_id is None and p.row.kind in CONTAINER_KINDS:
            n.parent = p
            n.number = len(p.children)
            if not p.children:
                containers.append(p)
            p.children.append(n)
        else:
            n.number = len(roots)
            roots.append(n)
    return PortfolioTree(nodes, roots, by_id, containers, today)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def running_in(row: ActivityRow, year: int) -> bool:
    """Does the activity run during `year`? (Open end: runs from its start onwards.)"""
    if row.start is None:
        return False
    if row.start.year > year:
        return False
    return row.end is None or row.end.year >= year


_NCOL = len(HEADERS)


class PortfolioTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = build_tree([], date.today())
        self._nodes: list[Node] = []
        self._roots: list[Node] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- data API -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[ActivityRow], today: date) -> None:
        """Replace every row (a reset)."""
        self.set_tree(build_tree(rows, today))

    def set_tree(self, tree: PortfolioTree) -> None:
        """Replace every row with a tree built by `build_tree` (a reset; no per-row work here)."""
        self.beginResetModel()
        self._tree = tree
        self._nodes = tree.nodes
        self._roots = tree.roots
        self.endResetModel()

    def replace_row(self, row: ActivityRow) -> bool:
        """Refresh one activity in place; False when the tree shape would change (reload instead)."""
        n = self._tree.by_id.get(row.id)
        if n is None or n.row.parent_id != row.parent_id or n.row.kind != row.kind:
            return False
        n.row = row
        n.fill(self._tree.today)
        self.dataChanged.emit(self._index_of(n, 0), self._index_of(n, _NCOL - 1))
        return True

    def rows(self) -> list[ActivityRow]:
        return [n.row for n in self._nodes]

    def nodes(self) -> list[Node]:
        return self._nodes

    def containers(self) -> list[Node]:
        """Programs and profile areas that hold activities."""
        return self._tree.containers

    def row_of_id(self, ident: int) -> ActivityRow | None:
        n = self._tree.by_id.get(ident)
        return n.row if n else None

    def index_of_id(self, ident: int, column: int = 0) -> QModelIndex:
        n = self._tree.by_id.get(ident)
        return self._index_of(n, column) if n is not None else QModelIndex()

    def index_of_node(self, n: Node, column: int = 0) -> QModelIndex:
        return self._index_of(n, column)

    def node(self, source_row: int, parent: _Index) -> Node | None:
        """The node at `source_row` under `parent` (for the proxy's fast path)."""
        siblings = self._children_of(parent)
        return siblings[source_row] if 0 <= source_row < len(siblings) else None

    # ---- tree plumbing (internalId = position of the parent node + 1; 0 for roots) --
    def _node_of(self, index: _Index) -> Node | None:
        if not index.isValid():
            return None
        pid = index.internalId()
        siblings = self._roots if pid == 0 else self._nodes[pid - 1].children
        r = index.row()
        return siblings[r] if 0 <= r < len(siblings) else None

    def _children_of(self, parent: _Index) -> list[Node]:
        if not parent.isValid():
            return self._roots
        if parent.column() != 0:
            return []
        p = self._node_of(parent)
        return p.children if p is not None else []

    def _index_of(self, n: Node, column: int) -> QModelIndex:
        return self.createIndex(n.number, column, 0 if n.parent is None else n.parent.pos + 1)

    # ---- Qt API (kept lean: QTreeView and the proxy call these for every row) -----
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < _NCOL:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(self._roots) else QModelIndex()
        p = self._node_of(parent)
        if p is None or parent.column() != 0 or not 0 <= row < len(p.children):
            return QModelIndex()
        return self.createIndex(row, column, p.pos + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        pid = index.internalId()
        if pid == 0:
            return QModelIndex()
        return self._index_of(self._nodes[pid - 1], 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._roots)
        return len(self._children_of(parent))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return _NCOL

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        if not parent.isValid():
            return bool(self._roots)
        if parent.column() != 0 or parent.internalId() != 0:
            return False  # two levels: only top-level rows hold children
        r = parent.row()
        return 0 <= r < len(self._roots) and bool(self._roots[r].children)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(HEADERS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_BUDGET:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        n = self._node_of(index)
        if n is None:
            return None
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return n.texts[c]
        if role == SORT_ROLE:
            return n.sort[c]
        if role == RECORD_ROLE:
            return n.row
        if role == ID_ROLE:
            return n.row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and c == COL_BUDGET:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if c == COL_NEXT_REPORT and n.overdue:
                return QBrush(_RED)
            if c == COL_STAGE:
                if n.row.stage in TERMINAL_STAGES:
                    return QBrush(_GREY)
                if n.row.stage in ACTIVE_STAGES:
                    return QBrush(_GREEN)
            return None
        if role == Qt.ItemDataRole.FontRole and c == COL_TITLE and n.children:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and c == COL_NEXT_REPORT and n.overdue:
            return QCoreApplication.translate("PortfolioTree", "The report is overdue")
        return None


class PortfolioProxy(RecordSortProxy):
    """RecordSortProxy whose filtering reads the tree model's precomputed search text and
    record directly (no per-cell `data()` calls). The recursive filtering ("a program stays
    while one of its activities matches") is done here on the nodes, so Qt need not walk
    every rejected row's children through the model."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)  # done in filterAcceptsRow, two levels deep

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, PortfolioTreeModel):
            return super().filterAcceptsRow(source_row, source_parent)
        if not self._predicates and not self._text:
            return True
        n = model.node(source_row, source_parent)
        if n is None:
            return False
        return self.accepts(n) or any(self.accepts(c) for c in n.children)

    def set_predicates(self, predicates: dict[str, Callable[[Any], bool] | None]) -> None:
        """Set (or, with None, remove) several named predicates with one re-filter."""
        for name, predicate in predicates.items():
            if predicate is None:
                self._predicates.pop(name, None)
            else:
                self._predicates[name] = predicate
        self.invalidateRowsFilter()

    def invalidateRowsFilter(self) -> None:  # noqa: N802
        """A filter change re-maps the rows in one layout change: Qt's incremental update
        emits one removal per gap, which stalls a QTreeView with tens of thousands of rows."""
        self.invalidate()

    def accepts(self, n: Node) -> bool:
        """Does the activity itself match the text filter and every predicate?"""
        if self._predicates and not all(p(n.row) for p in self._predicates.values()):
            return False
        return not self._text or self._text in n.haystack

    def count_matching(self, model: PortfolioTreeModel) -> int:
        """How many activities match (without walking the view)."""
        return sum(1 for n in model.nodes() if self.accepts(n))
