"""The portfolio as an outline: programs and profile areas hold their projects and
pre-studies, shown as one flat table in which each holder is followed by its activities
(indented, collapsible; see ui/widgets/outline_view.py). Rows are plain `ActivityRow`s; every
display string, the search text and the title's sort key are computed once, off the GUI
thread, in `build_tree`, so `data()` is a list and tuple lookup.

Why flat: a QTreeView lays out every expanded row on each change and asks the model about
each one (index, flags, hasChildren), which is 150 000 Python calls for 50 000 activities; a
table view asks only about the rows on screen.

The model filters and sorts itself, in bulk (the `BulkFilterSortModel` protocol in proxy.py):
a filter keystroke is one pass over the nodes (a substring test on the precomputed text and
the predicates), a sort is Python's `sorted` with one key per row, and the view hears one
`layoutChanged` with its persistent indexes (current row, selection) carried over. A
`QSortFilterProxyModel` doing the same would call a Python `filterAcceptsRow` 50 000 times
per keystroke and a Python `lessThan` ~800 000 times per sort. The view still sees the model
through `ModelSideProxy`, the shared proxy API for models like this one.

Same roles as RecordTableModel (SORT_ROLE, RECORD_ROLE, ID_ROLE) plus OUTLINE_ROLE."""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, \
    QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.followup import ActivityKind
from ...domain.money import format_money
from ...domain.stages import ACTIVE_STAGES, TERMINAL_STAGES, Stage
from ...domain.text_order import swedish_sort_key
from ...services.portfolio import ActivityRow
from .base import ID_ROLE, OUTLINE_ROLE, RECORD_ROLE, SORT_ROLE, Outline

_Index = QModelIndex | QPersistentModelIndex
Predicate = Callable[[ActivityRow], bool]

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
_RED_BRUSH, _GREY_BRUSH, _GREEN_BRUSH = QBrush(_RED), QBrush(_GREY), QBrush(_GREEN)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY, _ALIGN, _FOREGROUND, _FONT, _TOOLTIP = (
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole),
    int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.ToolTipRole))


#: Sort key of an empty value: after every text, date and amount (empty last, ascending).
_LAST = "\U0010ffff"
_KIND_TEXT = {k: k.value for k in ActivityKind}
_STAGE_TEXT = {st: st.value for st in Stage}
_NO_DATE = date.max
_RANK = attrgetter("rank")


class Node:
    """One activity in the tree with everything `data()`, the filter and the sort need,
    precomputed (plain Python, so whole trees are built off the GUI thread). `children` is the
    full tree."""

    __slots__ = ("row", "pos", "parent", "children", "ordered", "shown", "texts", "keys", "haystack", "overdue",
                 "rank")

    def __init__(self, row: ActivityRow, pos: int, today: date, memo: dict[str, str]) -> None:
        self.row = row
        self.pos = pos  # index in the flat node list
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.ordered: list[Node] = self.children  # the children in the current sort order
        self.shown: list[Node] = self.children  # the children that pass the filter, in view order
        self.rank = pos  # place in the current outline
        self.fill(today, memo)

    def fill(self, today: date, memo: dict[str, str]) -> None:
        r = self.row
        self.overdue = r.next_report_due is not None and r.next_report_due < today
        start, end, nxt = r.start, r.end, r.next_report_due
        kind, stage = _KIND_TEXT[r.kind], _STAGE_TEXT[r.stage]
        self.texts = texts = (r.title, kind, stage, r.agreement, r.administration, r.official, r.researcher,
                              start.isoformat() if start else "", end.isoformat() if end else "",
                              format_money(r.budget_total_ore), nxt.isoformat() if nxt else "")
        key = memo.get
        self.keys = (key(r.title) or _text_key(r.title, memo), key(kind) or _text_key(kind, memo),
                     _STAGE_ORDER[r.stage], key(r.agreement) or _text_key(r.agreement, memo),
                     key(r.administration) or _text_key(r.administration, memo),
                     key(r.official) or _text_key(r.official, memo), key(r.researcher) or _text_key(r.researcher, memo),
                     start or _NO_DATE, end or _NO_DATE, r.budget_total_ore, nxt or _NO_DATE)
        self.haystack = "\n".join((*texts, r.case_number)).casefold().replace("\0", "")


def _text_key(text: str, memo: dict[str, str]) -> str:
    """Swedish sort key, computed once per distinct text (names and agreements repeat); empty last."""
    key = memo[text] = swedish_sort_key(text) if text else _LAST
    return key


@dataclass(frozen=True)
class PortfolioTree:
    """The built tree: every node, the top level, lookup by id, the containers."""

    nodes: list[Node]
    roots: list[Node]
    by_id: dict[int, Node]
    containers: list[Node]
    today: date
    outline: list[Node]  # every node in the order the rows came in, each holder before its activities
    corpus: str  # every node's search text, joined by NUL, in node order
    starts: list[int]  # where each node's text starts in `corpus` (and its end)


def build_tree(rows: Sequence[ActivityRow], today: date) -> PortfolioTree:
    """Nodes with their display strings and sort keys, linked two levels deep. Pure Python:
    the tab runs it in the background task together with the query."""
    memo: dict[str, str] = {}
    nodes = [Node(r, i, today, memo) for i, r in enumerate(rows)]
    by_id = {n.row.id: n for n in nodes}
    roots: list[Node] = []
    containers: list[Node] = []
    for n in nodes:
        p = by_id.get(n.row.parent_id) if n.row.parent_id is not None else None
        # two levels: only a program or profile area (itself at the top) holds children
        if p is not None and p is not n and p.row.parent_id is None and p.row.kind in CONTAINER_KINDS:
            n.parent = p
            if not p.children:
                containers.append(p)
            p.children.append(n)
        else:
            roots.append(n)
    outline: list[Node] = []
    if containers:
        for n in roots:
            outline.append(n)
            outline.extend(n.children)
    else:
        outline = list(roots)
    for i, n in enumerate(outline):
        n.rank = i
    return PortfolioTree(nodes, roots, by_id, containers, today, outline, *_corpus(nodes))


def _corpus(nodes: Sequence[Node]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for n in nodes:
        starts.append(pos)
        pos += len(n.haystack) + 1
    starts.append(pos)
    return "\0".join(n.haystack for n in nodes), starts


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


class PortfolioTreeModel(QAbstractTableModel):
    """The outline of the portfolio: filtered, sorted (each level on its own, holders keep
    their activities under them) and with collapsed holders' activities left out."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = build_tree([], date.today())
        self._nodes: list[Node] = []
        self._rows: list[Node] = []  # what the view sees, top to bottom
        self._row_of: dict[int, int] | None = None  # node position → row (built when asked)
        self._outline: list[Node] | None = None  # every node in view order (sorted, holders before theirs)
        self._hit_list: list[Node] | None = None  # the nodes passing the filter, in outline order; None: all
        self._hit_set: set[int] | None = None  # their positions (built when asked)
        self._corpus: tuple[str, list[int]] | None = None  # every node's search text joined (None: stale)
        self._collapsed: set[int] = set()  # positions of collapsed holders
        self._text = ""
        self._predicates: tuple[Predicate, ...] = ()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- data API -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[ActivityRow], today: date) -> None:
        """Replace every row (a reset)."""
        self.set_tree(build_tree(rows, today))

    def set_tree(self, tree: PortfolioTree) -> None:
        """Replace every row with a tree built by `build_tree` (a reset), keeping the filter,
        the sort and which holders are collapsed."""
        collapsed_ids = {self._nodes[p].row.id for p in self._collapsed if p < len(self._nodes)}
        self.beginResetModel()
        self._tree = tree
        self._nodes = tree.nodes
        self._corpus = (tree.corpus, tree.starts)
        self._collapsed = {n.pos for n in tree.containers if n.row.id in collapsed_ids}
        self._arrange(resort=True)
        self.endResetModel()

    def replace_row(self, row: ActivityRow) -> bool:
        """Refresh one activity in place; False when the tree shape would change (reload instead).
        Under a filter or a sort the row may move or leave the view: then the layout is redone."""
        n = self._tree.by_id.get(row.id)
        if n is None or n.row.parent_id != row.parent_id or n.row.kind != row.kind:
            return False
        n.row = row
        n.fill(self._tree.today, {})
        self._corpus = None  # its text may have changed
        if self._text or self._predicates or self._sort_column >= 0:
            self._relayout(resort=True)
        else:
            r = self.row_of_node(n)
            if r >= 0:
                self.dataChanged.emit(self.index(r, 0), self.index(r, _NCOL - 1))
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

    def node_at(self, row: int) -> Node | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_node(self, n: Node) -> int:
        """The node's row in the table, -1 when it is filtered out or collapsed."""
        if self._row_of is None:
            self._row_of = {x.pos: i for i, x in enumerate(self._rows)}
        return self._row_of.get(n.pos, -1)

    def index_of_id(self, ident: int, column: int = 0) -> QModelIndex:
        """The activity's index, or an invalid index when it is filtered out or collapsed."""
        n = self._tree.by_id.get(ident)
        r = self.row_of_node(n) if n is not None else -1
        return self.index(r, column) if r >= 0 else QModelIndex()

    def matches(self, n: Node) -> bool:
        """Does the activity itself pass the filter?"""
        if self._hit_list is None:
            return True
        if self._hit_set is None:
            self._hit_set = {x.pos for x in self._hit_list}
        return n.pos in self._hit_set

    def reveal(self, ident: int, column: int = 0) -> QModelIndex:
        """Like `index_of_id`, but first expands the holder of an activity hidden by collapsing."""
        n = self._tree.by_id.get(ident)
        if n is not None and n.parent is not None and self.row_of_node(n) < 0 and self.matches(n):
            parent_row = self.row_of_node(n.parent)
            if parent_row >= 0:
                self.set_expanded(parent_row, True)
        return self.index_of_id(ident, column)

    # ---- collapsing holders -----------------------------------------------------------
    def is_expanded(self, row: int) -> bool:
        n = self.node_at(row)
        return n is not None and bool(n.shown) and n.pos not in self._collapsed

    def set_expanded(self, row: int, expanded: bool) -> None:
        """Show or hide the activities of the holder at `row` (rows inserted or removed below it)."""
        n = self.node_at(row)
        if n is None or not n.shown or expanded == (n.pos not in self._collapsed):
            return
        first, last = row + 1, row + len(n.shown)
        self._rows = list(self._rows)  # may be the outline itself, which is kept as it is
        if expanded:
            self.beginInsertRows(QModelIndex(), first, last)
            self._collapsed.discard(n.pos)
            self._rows[first:first] = n.shown
            self._row_of = None
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), first, last)
            self._collapsed.add(n.pos)
            del self._rows[first:last + 1]
            self._row_of = None
            self.endRemoveRows()

    def toggle(self, row: int) -> None:
        self.set_expanded(row, not self.is_expanded(row))

    def set_all_expanded(self, expanded: bool) -> None:
        self._collapsed = set() if expanded else {n.pos for n in self._tree.containers}
        self._relayout(narrow=True)

    # ---- filtering and sorting in bulk (the BulkFilterSortModel protocol) ------------
    def set_filter(self, text: str, predicates: Sequence[Predicate]) -> None:
        """Show the activities whose text contains `text` (case-insensitive) and that pass every
        predicate, under the programs and profile areas that hold one of them. A new filter
        opens every holder, so what matches is in sight."""
        text = text.strip().casefold().replace("\0", "")
        preds = tuple(predicates)
        if text == self._text and preds == self._predicates:
            return
        narrow = preds == self._predicates and self._text in text
        self._text, self._predicates = text, preds
        self._collapsed.clear()
        self._relayout(narrow=narrow)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort each level by `column` (-1: the order the rows came in)."""
        if not -1 <= column < _NCOL or (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self._relayout(resort=True)

    def matching_count(self) -> int:
        """How many activities pass the filter (holders shown only for their activities not counted)."""
        return len(self._nodes) if self._hit_list is None else len(self._hit_list)

    def _arrange(self, *, resort: bool = False, narrow: bool = False) -> None:
        """Apply the sort, the filter and the collapsing: every holder's `shown` and the rows.

        The sort builds the *outline* (sorted top level, each holder followed by its sorted
        activities) once per sort change; the filter keeps the outline's order, so it never
        sorts. `narrow`: the new filter only narrows the last one (more letters typed), so only
        the last hits are searched."""
        tree = self._tree
        if resort or self._outline is None:
            self._outline = self._build_outline()
            narrow = False
        outline = self._outline
        text, preds = self._text, self._predicates
        if not text and not preds:
            hits = outline
            self._hit_list = None
        else:
            if narrow and self._hit_list is not None:
                hits = [n for n in self._hit_list if text in n.haystack] if text else self._hit_list
            else:
                hits = self._search(text) if text else self._outline
            for p in preds:
                hits = [n for n in hits if p(n.row)]
            self._hit_list = hits
        self._hit_set = None
        collapsed = self._collapsed
        if not tree.containers or (not collapsed and (self._hit_list is None or len(hits) == len(outline))):
            # no filter, or everything passes it (the hits are in outline order): the whole outline
            for n in tree.containers:
                n.shown = n.ordered
            self._rows = hits if self._hit_list is None else list(hits)
        else:
            for n in tree.containers:
                n.shown = []
            rows: list[Node] = []
            holder: Node | None = None
            for n in hits:
                p = n.parent
                if p is None:
                    rows.append(n)
                    holder = n
                    continue
                if p is not holder:  # the holder does not match itself: shown for its activities
                    rows.append(p)
                    holder = p
                p.shown.append(n)
                if p.pos not in collapsed:
                    rows.append(n)
            self._rows = rows
        self._row_of = None

    def _search(self, text: str) -> list[Node]:
        """The nodes whose text contains `text`, in outline order: `str.find` over one string of
        every node's text (in C, joined off the GUI thread) and a bisect per hit, rather than a
        Python-level substring test per node; then the hits in outline order. A single letter
        matches nearly everything: then the plain test per node is cheaper."""
        outline = self._outline
        assert outline is not None
        if len(text) < 2:
            return [n for n in outline if text in n.haystack]
        tree = self._tree
        if self._corpus is None:
            self._corpus = _corpus(tree.nodes)
        corpus, starts = self._corpus
        nodes, hits = tree.nodes, []
        find, i = corpus.find, corpus.find(text)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            hits.append(nodes[k])
            i = find(text, starts[k + 1])
        hits.sort(key=_RANK)
        return hits

    def _build_outline(self) -> list[Node]:
        """Every node in view order: the sorted top level, each holder followed by its activities."""
        tree, col = self._tree, self._sort_column
        for n in tree.containers:
            n.ordered = n.children
        if col < 0:
            for i, n in enumerate(tree.outline):
                n.rank = i
            return tree.outline  # built off the GUI thread
        roots = list(tree.roots)
        for n in tree.containers:
            n.ordered = list(n.children)
        if col >= 0:
            reverse = self._sort_order == Qt.SortOrder.DescendingOrder

            def key(node: Node) -> Any:
                return node.keys[col]

            roots.sort(key=key, reverse=reverse)
            for n in tree.containers:
                n.ordered.sort(key=key, reverse=reverse)
        outline: list[Node] = roots
        if tree.containers:
            outline = []
            for n in roots:
                outline.append(n)
                if n.children:
                    outline.extend(n.ordered)
        for i, n in enumerate(outline):
            n.rank = i
        return outline

    def _relayout(self, *, resort: bool = False, narrow: bool = False) -> None:
        """Re-run the filter and the sort as one layout change; the view's persistent indexes
        (current row, selection) follow their activities, or become invalid when the activity
        is filtered out."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self.node_at(i.row()), i.column()) for i in old]
        self._arrange(resort=resort, narrow=narrow)
        new = []
        for n, c in held:
            r = self._find_row(n, len(held)) if n is not None else -1
            new.append(self.index(r, c) if r >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _find_row(self, n: Node, lookups: int) -> int:
        if lookups > 16:
            return self.row_of_node(n)
        try:  # a scan in C beats building the position map for a handful of indexes
            return self._rows.index(n)
        except ValueError:
            return -1

    # ---- Qt API -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else _NCOL

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
        r = index.row()
        return self._value(self._rows[r], index.column(), role) if 0 <= r < len(self._rows) else None

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:  # noqa: N802
        """All the roles a delegate asks for, in one call (Qt 6 paints a cell with one
        multiData instead of seven data calls, each a crossing from C++ into Python)."""
        r = index.row()
        if not 0 <= r < len(self._rows):
            return
        n, c, value = self._rows[r], index.column(), self._value
        for rd in span:
            rd.setData(value(n, c, rd.role()))  # None too: the span may hold the last cell's values

    def _value(self, n: Node, c: int, role: int) -> Any:
        if role == _DISPLAY:
            return n.texts[c]
        if role == SORT_ROLE:
            return n.keys[c]
        if role == RECORD_ROLE:
            return n.row
        if role == ID_ROLE:
            return n.row.id
        if role == OUTLINE_ROLE:
            return Outline(0 if n.parent is None else 1, bool(n.shown), bool(n.shown) and n.pos not in self._collapsed)
        if role == _ALIGN:
            return _RIGHT if c == COL_BUDGET else None
        if role == _FOREGROUND:
            if c == COL_NEXT_REPORT and n.overdue:
                return _RED_BRUSH
            if c == COL_STAGE:
                if n.row.stage in TERMINAL_STAGES:
                    return _GREY_BRUSH
                if n.row.stage in ACTIVE_STAGES:
                    return _GREEN_BRUSH
            return None
        if role == _FONT:
            return self._bold if c == COL_TITLE and n.children else None
        if role == _TOOLTIP and c == COL_NEXT_REPORT and n.overdue:
            return QCoreApplication.translate("PortfolioTree", "The report is overdue")
        return None
