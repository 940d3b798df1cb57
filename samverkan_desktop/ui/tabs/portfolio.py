"""Projektportfölj: the tree of activities with filters, and the activity itself — fields,
goals, the budget grid, follow-up reports, decisions and signatures, closure and history.
Stage actions move the activity one step; a blocked gate says exactly what is missing.
Thin: every rule is the PortfolioService's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.catalog import OrgKind
from ...domain.errors import DomainError
from ...domain.followup import ActivityKind
from ...domain.money import format_money
from ...domain.stages import GRANTED_STAGES, TERMINAL_STAGES, Stage, allowed_next
from ...services import Services
from ...services.agreements import DecisionRow
from ...services.errors import ConflictError, GateError, NotFoundError, ServiceError, ValidationError
from ...services.history import names_for
from ...services.portfolio import (
    ActivityDetail,
    ActivityInput,
    ActivityRow,
    BudgetCell,
    DocumentRow,
    MoneyRow,
    ReportRow,
)
from ..context import UiContext
from ..dialogs.activity_dialogs import (
    AllocationDialog,
    AllocationValues,
    DisbursementDialog,
    DisbursementValues,
    PresentationDialog,
    ReportDialog,
    ReportValues,
)
from ..dialogs.conflict_dialog import ConflictDialog, open_conflict_dialog
from ..in_parts import InParts
from ..table_models.activity_tables import (
    allocation_columns,
    decision_columns,
    disbursement_columns,
    document_columns,
    report_columns,
)
from ..table_models.base import ID_ROLE, RECORD_ROLE, RecordTableModel
from ..table_models.portfolio_tree import (
    COL_ADMIN,
    COL_AGREEMENT,
    COL_BUDGET,
    COL_END,
    COL_KIND,
    COL_NEXT_REPORT,
    COL_OFFICIAL,
    COL_RESEARCHER,
    COL_STAGE,
    COL_START,
    COL_TITLE,
    CONTAINER_KINDS,
    PortfolioTree,
    PortfolioTreeModel,
    build_tree,
    running_in,
)
from ..table_models.proxy import ModelSideProxy, RecordSortProxy
from ..widgets.activity_form import ActivityForm, Choice, FormChoices
from ..widgets.budget_grid_editor import BudgetGridEditor
from ..widgets.fields import DateEdit, FormErrors
from ..widgets.outline_view import OutlineView
from ..widgets.record_history import RecordHistory
from .base import RecordTab, last_in_focus_chain, place_in_focus_chain, setup_table

FILTER_DEBOUNCE_MS = 180
#: Section (tab) indexes of the detail area.
SEC_DETAILS, SEC_GOALS, SEC_BUDGET, SEC_FOLLOWUP, SEC_DECISIONS, SEC_CLOSURE, SEC_HISTORY = range(7)


@dataclass(frozen=True)
class PortfolioData:
    """Everything the tab loads off the GUI thread in one go."""

    rows: list[ActivityRow]
    choices: FormChoices
    meetings: list[Choice]
    tree: PortfolioTree | None = None  # built off the GUI thread
    used_agreements: frozenset[int] = frozenset()  # for the filter pickers, also computed off it
    years: tuple[int, ...] = ()
    #: the activity the tab is about to show again (or the first one), read with the rest
    detail: ActivityDetail | None = None


def filter_years(rows: list[ActivityRow], today: date) -> tuple[int, ...]:
    """The years the year filter offers: every year some activity runs in (open-ended ones up
    to two years ahead)."""
    years: set[int] = set()
    horizon = today.year + 2
    for r in rows:
        if r.start is not None:
            last = r.end.year if r.end is not None else max(horizon, r.start.year)
            years.update(range(r.start.year, last + 1))
    return tuple(sorted(years))


def load_portfolio(sv: Services, today: date, open_id: int | None = None) -> PortfolioData:
    """Rows and picker contents (a handful of queries, none per row), and the detail of the
    activity the tab shows again after a reload (`open_id`). Without one, the first activity's
    detail: that also prepares (compiles) the dozen detail queries here instead of on the first
    click, where they took 50-60 ms of the GUI thread at 50 000 activities."""
    rows = sv.portfolio.list_rows(today)
    if open_id is None and rows:
        open_id = rows[0].id
    try:
        detail = sv.portfolio.get(open_id, today) if open_id is not None else None
    except NotFoundError:
        detail = None  # deleted meanwhile: the tab says so when it looks for it
    agreements = [Choice(a.id, a.title) for a in sv.agreements.list_rows(today)]
    people = sv.people.people()
    orgs = sv.people.organisations()
    meetings = [Choice(m.id, f"{m.held_on.isoformat()} {m.title}") for m in sv.meetings.list_rows()]
    person_choices = [Choice(p.id, f"{p.name} ({p.organisation})" if p.organisation else p.name, p.organisation_id)
                      for p in people]

    def of(*kinds: OrgKind) -> list[Choice]:
        return [Choice(o.id, o.name) for o in orgs if o.kind in kinds]

    containers = [Choice(r.id, r.title) for r in rows if r.kind in CONTAINER_KINDS and r.parent_id is None]
    administrations = sorted({r.administration for r in rows if r.administration}, key=str.casefold)
    choices = FormChoices(agreements=agreements, containers=containers, people=person_choices,
                          universities=of(OrgKind.LAROSATE, OrgKind.FORSKNINGSINSTITUT),
                          companies=of(OrgKind.KOMMUNALT_BOLAG), funders=of(OrgKind.FINANSIAR, OrgKind.OVRIG),
                          administrations=administrations)
    return PortfolioData(rows, choices, meetings, build_tree(rows, today),
                         frozenset(r.agreement_id for r in rows if r.agreement_id is not None), filter_years(rows, today),
                         detail)


def _table(model: RecordTableModel[Any], name: str, height: int | None = None) -> QTableView:
    proxy = RecordSortProxy(model)
    proxy.setSourceModel(model)
    view = QTableView()
    model.setParent(view)  # owned by the view's C++ tree, so it dies with it (no stray wrappers)
    setup_table(view, proxy, name)
    if height is not None:
        view.setMinimumHeight(height)
    return view


def _fit_height(view: QTableView, stretch: int, max_rows: int = 6) -> None:
    """A short table as tall as its rows (at least one, at most `max_rows`, then it scrolls):
    columns fit their contents and column `stretch` takes the rest (its text elided, the
    whole text in the tooltip), so no horizontal scrolling."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for c in range(view.model().columnCount()):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = min(max(view.model().rowCount(), 1), max_rows)
    height = header.sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(height + 2 * view.frameWidth() + 2)


def _muted(text: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet("color: #555;")
    return lab


class PortfolioTab(RecordTab):
    key = "portfolio"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self._loaded_once = False
        self._data = PortfolioData([], FormChoices(), [])
        self._detail: ActivityDetail | None = None
        self._current_id: int | None = None
        self._new = False
        self._pending_id: int | None = None
        self._prefetched: ActivityDetail | None = None  # read by load_portfolio, shown by _open
        self._opening: int | None = None  # the activity being read on the task runner to be shown
        self._guard = False  # True while the tab itself moves the selection
        self._budget_dirty = False
        self._meeting_names: dict[int, str] = {}
        self._filter_key: tuple[Any, ...] = (None,) * 5
        self._dialog: QWidget | None = None  # the open non-blocking dialog, if any
        self.conflict_dialog: ConflictDialog | None = None  # shown when someone else saved the activity
        self._build_left()
        self._build_right()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("portfolioSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([620, 740])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.splitter)
        self._show_placeholder()

    def title(self) -> str:
        return self.tr("Portfolio")

    # ==== construction ==================================================================
    def _build_left(self) -> None:
        self.left = QWidget()
        self.model = PortfolioTreeModel(self)
        self.proxy = ModelSideProxy(self)
        self.proxy.setSourceModel(self.model)
        self.new_button = QPushButton(self.tr("New pre-study"))
        self.new_button.setObjectName("newActivity")
        self.new_button.setToolTip(self.tr("Create a new pre-study (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("portfolioFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter: title, person, administration, case number…"))
        self.filter_edit.setAccessibleName(self.tr("Quick filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_text_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())

        self.agreement_filter = self._filter_combo("agreementFilter", self.tr("Agreement"))
        self.kind_filter = self._filter_combo("kindFilter", self.tr("Kind"))
        self.stage_filter = self._filter_combo("stageFilter", self.tr("Stage"))
        self.admin_filter = self._filter_combo("administrationFilter", self.tr("Administration/company"))
        self.year_filter = self._filter_combo("yearFilter", self.tr("Year"))
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for k in ActivityKind:
            self.kind_filter.addItem(k.value, k.name)  # StrEnums become str in Qt: store names
        self.stage_filter.addItem(self.tr("All stages"), None)
        for st in Stage:
            self.stage_filter.addItem(st.value, st.name)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"))
        self.clear_filters_button.setObjectName("clearFilters")
        self.clear_filters_button.clicked.connect(self.clear_filters)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.new_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.agreement_filter, 0, 0, 1, 2)
        grid.addWidget(self.admin_filter, 0, 2, 1, 2)
        grid.addWidget(self.kind_filter, 1, 0)
        grid.addWidget(self.stage_filter, 1, 1)
        grid.addWidget(self.year_filter, 1, 2)
        grid.addWidget(self.clear_filters_button, 1, 3)
        for c in range(4):
            grid.setColumnStretch(c, 1)

        self.tree = OutlineView()
        setup_table(self.tree, self.proxy, "portfolioTree")
        self.tree.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tree.setAccessibleName(self.tr("Activities"))
        for col, width in ((COL_TITLE, 280), (COL_KIND, 120), (COL_STAGE, 150), (COL_AGREEMENT, 170),
                           (COL_ADMIN, 190), (COL_OFFICIAL, 130), (COL_RESEARCHER, 130), (COL_START, 90),
                           (COL_END, 90), (COL_BUDGET, 110), (COL_NEXT_REPORT, 110)):
            self.tree.setColumnWidth(col, width)
        self.tree.activated.connect(lambda _i: self.open_selected())
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("portfolioCount")
        self.loading_label = QLabel(self.tr("Loading…"))
        self.loading_label.setObjectName("portfolioLoading")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("portfolioEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.loading_label)
        self.list_stack.addWidget(self.tree)
        self.list_stack.addWidget(self.empty_label)

        lay = QVBoxLayout(self.left)
        lay.setContentsMargins(0, 0, 4, 0)
        lay.addLayout(top)
        lay.addLayout(grid)
        lay.addWidget(self.list_stack, 1)
        lay.addWidget(self.count_label)
        for combo in (self.agreement_filter, self.kind_filter, self.stage_filter, self.admin_filter,
                      self.year_filter):
            combo.currentIndexChanged.connect(self._apply_filters)

    def _filter_combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setMinimumContentsLength(10)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _build_right(self) -> None:
        self.right = QStackedWidget()
        self.placeholder = QWidget()
        self.placeholder.setObjectName("portfolioPlaceholder")
        self.placeholder_label = QLabel(self.tr("Select an activity in the list, or create a new pre-study "
                                                "(Ctrl+N)."))
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setStyleSheet("color: #555; font-size: 11pt;")
        self.placeholder_new_button = QPushButton(self.tr("Create the first pre-study"))
        self.placeholder_new_button.setObjectName("firstActivity")
        self.placeholder_new_button.clicked.connect(self.new_record)
        self.placeholder_new_button.hide()
        pl = QVBoxLayout(self.placeholder)
        pl.addStretch(1)
        pl.addWidget(self.placeholder_label)
        pl.addWidget(self.placeholder_new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        pl.addStretch(1)
        self.detail = QWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.detail)
        self._detail_pane = InParts(self._detail_parts)  # its contents, on first use

    @property
    def _detail_built(self) -> bool:
        return self._detail_pane.done

    def __getattr__(self, name: str) -> Any:
        """Only called for an attribute that is not there: before the detail pane is built, its
        widgets (`title_label`, `form`, `budget`, …). The pane is two thirds of the tab's widgets
        (~75 ms at 50 000) and the placeholder shows until an activity is opened, so the tab
        shows without it; the window's background building adds it a part at a time
        (`build_rest`), and whatever needs one of its widgets first builds the rest at once."""
        pane = self.__dict__.get("_detail_pane")
        if name.startswith("__") or pane is None or pane.done or pane.running:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        pane.finish()
        return getattr(self, name)

    def build_rest(self) -> bool:
        """One part of the detail pane (each blocks the window for at most ~35 ms)."""
        return self._detail_pane.step()

    def _detail_parts(self) -> Iterator[None]:
        # ---- header: title, stage, the next step ----
        self.title_label = QLabel()
        self.title_label.setObjectName("activityHeading")
        f = QFont(self.title_label.font())
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.title_label.setFont(f)
        self.title_label.setWordWrap(True)
        self.subtitle_label = _muted()
        self.subtitle_label.setObjectName("activitySubtitle")
        self.subtitle_label.setWordWrap(False)
        self.subtitle_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stage_label = QLabel()
        self.stage_label.setObjectName("activityStage")
        self.stage_label.setStyleSheet("QLabel { background: #e8eef7; color: #1d3b66; border-radius: 9px; "
                                       "padding: 3px 10px; font-weight: bold; }")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextStage")
        self.next_button.setDefault(False)
        self.next_button.setStyleSheet("QPushButton { background: #1d5fa8; color: white; font-weight: bold; "
                                       "padding: 5px 14px; border-radius: 4px; } "
                                       "QPushButton:disabled { background: #b9c4d3; color: #eef; }")
        self.next_button.clicked.connect(self._next_clicked)
        self.other_button = QToolButton()
        self.other_button.setObjectName("otherStage")
        self.other_button.setText(self.tr("Other step"))
        self.other_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.other_menu = QMenu(self.other_button)
        self.other_button.setMenu(self.other_menu)
        self.gate_label = QLabel()
        self.gate_label.setObjectName("gateHint")
        self.gate_label.setWordWrap(True)
        self.gate_label.setStyleSheet("color: #8a4b00;")

        head_row = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        head_row.addLayout(titles, 1)
        stage_row = QHBoxLayout()
        stage_row.addWidget(QLabel(self.tr("Stage:")))
        stage_row.addWidget(self.stage_label)
        stage_row.addStretch(1)
        stage_row.addWidget(self.other_button)
        stage_row.addWidget(self.next_button)

        yield
        # ---- sections ----
        self.form = ActivityForm(self)
        self.form.edited.connect(self._update_dirty)
        self.budget = BudgetGridEditor()
        self.budget.edited.connect(self._budget_edited)
        self.sections = QTabWidget()
        self.sections.setObjectName("activitySections")
        self.sections.addTab(self.form.details_page, self.tr("Details"))
        self.sections.addTab(self.form.goals_page, self.tr("Goals"))
        self.sections.addTab(self._budget_page(), self.tr("Budget"))
        yield
        self.sections.addTab(self._followup_page(), self.tr("Follow-up"))
        self.sections.addTab(self._decisions_page(), self.tr("Decisions and signatures"))
        self.sections.addTab(self._closure_page(), self.tr("Closure"))
        self.sections.addTab(self._history_page(), self.tr("History"))
        yield

        # ---- bottom bar ----
        self.dirty_label = QLabel(self.tr("Unsaved changes"))
        self.dirty_label.setObjectName("dirtyLabel")
        self.dirty_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.dirty_label.hide()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveActivity")
        self.save_button.setToolTip(self.tr("Save the activity and its budget (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.setObjectName("revertActivity")
        self.revert_button.clicked.connect(self._revert)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteActivity")
        self.delete_button.clicked.connect(self._delete_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.dirty_label)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay = QVBoxLayout(self.detail)
        lay.setContentsMargins(6, 0, 0, 0)
        lay.addLayout(head_row)
        lay.addLayout(stage_row)
        lay.addWidget(self.gate_label)
        lay.addWidget(line)
        lay.addWidget(self.sections, 1)
        lay.addLayout(bottom)
        yield
        self.form.set_choices(self._data.choices, own_id=None)
        place_in_focus_chain(last_in_focus_chain(self.left), self.detail)  # Tab: the list, then the pane
        yield
        # style and lay it out now, while hidden, not on the first click (~10 of ~25 ms)
        for w in self.detail.findChildren(QWidget):
            w.ensurePolished()
        self.detail.layout().activate()

    def _budget_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_muted(self.tr("The detailed budget per year, cost kind and source. Type an amount into a "
                                     "cell (75000, 75 000 or 75 000,50 kr); it is saved with the activity.")))
        lay.addWidget(self.budget, 1)
        return page

    def _followup_page(self) -> QWidget:
        page = QWidget()
        self.report_model: RecordTableModel[ReportRow] = RecordTableModel(report_columns(self._meeting_names),
                                                                          parent=self)
        self.report_view = _table(self.report_model, "activityReports", 140)
        self.report_view.activated.connect(lambda _i: self._register_report())
        self.report_view.doubleClicked.connect(lambda _i: self._register_report())
        self.report_summary = QLabel()
        self.report_summary.setObjectName("reportSummary")
        self.report_summary.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Register report…"))
        self.report_button.setObjectName("registerReport")
        self.report_button.setToolTip(self.tr("Register the selected report as received, presented or approved"))
        self.report_button.clicked.connect(self._register_report)
        row = QHBoxLayout()
        row.addWidget(self.report_summary, 1)
        row.addWidget(self.report_button)
        lay = QVBoxLayout(page)
        lay.addWidget(_muted(self.tr("Reports are scheduled from the rules when the start and end dates are set: "
                                     "a half-time and a final report for short activities, a report every 12 "
                                     "months for long projects, every 6 months for programs and profile areas.")))
        lay.addLayout(row)
        lay.addWidget(self.report_view, 1)
        return page

    def _decisions_page(self) -> QWidget:
        inner = QWidget()
        lay = QVBoxLayout(inner)

        box = QGroupBox(self.tr("Decisions"))
        bl = QVBoxLayout(box)
        self.decision_model: RecordTableModel[DecisionRow] = RecordTableModel(decision_columns(), parent=self)
        self.decision_view = _table(self.decision_model, "activityDecisions")
        self.decisions_empty = _muted(self.tr("No decisions yet. Decisions of the preparation group and the "
                                              "steering group appear here when they are minuted in Meetings."))
        bl.addWidget(self.decision_view)
        bl.addWidget(self.decisions_empty)
        lay.addWidget(box)

        sig = QGroupBox(self.tr("Signatures of the decision document (two copies)"))
        sl = QFormLayout(sig)
        self.signature_errors = FormErrors(sl, self)
        self.rektor_status = QLabel()
        self.rektor_status.setObjectName("rektorStatus")
        self.rektor_date = DateEdit("Underskriftsdatum (rektor)")
        self.rektor_button = QPushButton(self.tr("Mark as signed"))
        self.rektor_button.setObjectName("markRektorSigned")
        self.rektor_button.clicked.connect(lambda: self._mark_signed(rektor=True))
        self.muni_status = QLabel()
        self.muni_status.setObjectName("municipalityStatus")
        self.muni_date = DateEdit("Underskriftsdatum (kommun)")
        self.muni_button = QPushButton(self.tr("Mark as signed"))
        self.muni_button.setObjectName("markMunicipalitySigned")
        self.muni_button.clicked.connect(lambda: self._mark_signed(rektor=False))
        for d in (self.rektor_date, self.muni_date):
            d.setMaximumWidth(120)
            d.setToolTip(self.tr("Date of the signature; empty means today"))
        self.rektor_row_label = QLabel(self.tr("Vice-chancellor (rektor)"))
        self.muni_row_label = QLabel(self.tr("Municipal chief executive"))
        self.signature_errors.add_row("", self._signature_row(self.rektor_status, self.rektor_date, self.rektor_button),
                                      field="Underskriftsdatum (rektor)")
        sl.setWidget(sl.rowCount() - 1, QFormLayout.ItemRole.LabelRole, self.rektor_row_label)
        self.signature_errors.add_row("", self._signature_row(self.muni_status, self.muni_date, self.muni_button),
                                      field="Underskriftsdatum (kommun)")
        sl.setWidget(sl.rowCount() - 1, QFormLayout.ItemRole.LabelRole, self.muni_row_label)
        self.signature_hint = _muted()
        self.signature_hint.setObjectName("signatureHint")
        sl.addRow(self.signature_hint)
        self.print_button = QPushButton(self.tr("Print or save the decision document…"))
        self.print_button.setObjectName("printDocuments")
        self.print_button.clicked.connect(self.documents_requested.emit)
        sl.addRow(self.print_button)
        lay.addWidget(sig)

        money = QGroupBox(self.tr("Allocations and disbursements"))
        ml = QVBoxLayout(money)
        self.money_summary = QLabel()
        self.money_summary.setObjectName("moneySummary")
        ml.addWidget(self.money_summary)
        self.allocation_model: RecordTableModel[MoneyRow] = RecordTableModel(allocation_columns(), parent=self)
        self.allocation_view = _table(self.allocation_model, "activityAllocations")
        self.disbursement_model: RecordTableModel[MoneyRow] = RecordTableModel(disbursement_columns(), parent=self)
        self.disbursement_view = _table(self.disbursement_model, "activityDisbursements")
        self.allocation_button = QPushButton(self.tr("Add allocation…"))
        self.allocation_button.setObjectName("addAllocation")
        self.allocation_button.clicked.connect(self._add_allocation)
        self.disbursement_button = QPushButton(self.tr("Register disbursement…"))
        self.disbursement_button.setObjectName("registerDisbursement")
        self.disbursement_button.clicked.connect(self._register_disbursement)
        for heading, view, button in ((self.tr("Allocated"), self.allocation_view, self.allocation_button),
                                      (self.tr("Transferred"), self.disbursement_view, self.disbursement_button)):
            row = QHBoxLayout()
            lab = QLabel(heading)
            lab.setStyleSheet("font-weight: bold;")
            row.addWidget(lab)
            row.addStretch(1)
            row.addWidget(button)
            ml.addLayout(row)
            ml.addWidget(view)
        lay.addWidget(money)

        docs = QGroupBox(self.tr("Printed documents"))
        dl = QVBoxLayout(docs)
        self.document_model: RecordTableModel[DocumentRow] = RecordTableModel(document_columns(), parent=self)
        self.document_view = _table(self.document_model, "activityDocuments")
        self.documents_empty = _muted(self.tr("No decision document or co-financing certificate printed yet."))
        dl.addWidget(self.document_view)
        dl.addWidget(self.documents_empty)
        lay.addWidget(docs)
        lay.addStretch(1)

        page = QScrollArea()
        page.setObjectName("activityDecisionsPage")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(inner)
        return page

    @staticmethod
    def _signature_row(status: QLabel, date_edit: DateEdit, button: QPushButton) -> QWidget:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(0, 0, 0, 0)
        status.setMinimumWidth(170)
        h.addWidget(status, 1)
        h.addWidget(date_edit)
        h.addWidget(button)
        w.setAccessibleName(date_edit.field)
        return w

    def _closure_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_muted(self.tr("Closure is decided by the steering group and requires an approved scientific "
                                     "final report and a popular-science presentation at a result-dissemination "
                                     "event.")))
        box = QGroupBox(self.tr("Closure checklist"))
        g = QGridLayout(box)
        self.final_report_check = QLabel()
        self.final_report_check.setObjectName("finalReportCheck")
        self.presentation_check = QLabel()
        self.presentation_check.setObjectName("presentationCheck")
        self.to_followup_button = QPushButton(self.tr("Go to follow-up"))
        self.to_followup_button.setObjectName("gotoFollowup")
        self.to_followup_button.clicked.connect(lambda: self.sections.setCurrentIndex(SEC_FOLLOWUP))
        self.presentation_button = QPushButton(self.tr("Register presentation…"))
        self.presentation_button.setObjectName("registerPresentation")
        self.presentation_button.clicked.connect(self._register_presentation)
        g.addWidget(self.final_report_check, 0, 0)
        g.addWidget(self.to_followup_button, 0, 1)
        g.addWidget(self.presentation_check, 1, 0)
        g.addWidget(self.presentation_button, 1, 1)
        g.setColumnStretch(0, 1)
        lay.addWidget(box)
        self.closure_hint = _muted()
        self.closure_hint.setObjectName("closureHint")
        lay.addWidget(self.closure_hint)
        lay.addStretch(1)
        return page

    def _history_page(self) -> QWidget:
        self.history = RecordHistory("activityHistory", self.tr(
            "Every change of the activity and of its budget, follow-up reports, decisions, allocations and "
            "disbursements, newest first (from the change log)."))
        self.history_view = self.history.view
        return self.history

    # ==== loading =======================================================================
    def reload(self) -> None:
        self._generation += 1
        gen = self._generation
        if not self._loaded_once:
            self.list_stack.setCurrentWidget(self.loading_label)
        self.count_label.setText(self.tr("Loading…"))
        sv, today = self.ctx.services, self.ctx.today()
        again = self._pending_id if self._pending_id is not None else (None if self._new else self._current_id)
        self.ctx.tasks.run(self.tr("Loading the portfolio"), lambda: load_portfolio(sv, today, again),
                           on_done=lambda data: self._loaded(gen, data), on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.count_label.setText("")
        if isinstance(exc, (ServiceError, DomainError)):
            self.report_error(exc, self.tr("Could not load the portfolio"))
        else:
            self.ctx.messenger.error(self, self.tr("Could not load the portfolio"), str(exc), repr(exc))

    def _loaded(self, gen: int, data: object) -> None:
        if gen != self._generation or not isinstance(data, PortfolioData):
            return
        self._data = data
        self._loaded_once = True
        today = self.ctx.today()
        self._guard = True
        try:
            self.model.set_tree(data.tree if data.tree is not None else build_tree(data.rows, today))
            self._fill_filters(data)
        finally:
            self._guard = False
        self._meeting_names.clear()
        self._meeting_names.update({m.id: m.text for m in data.meetings})
        if self._detail_built:  # else it takes them when it is built
            self.form.set_choices(data.choices, own_id=self._current_id if not self._new else None)
        target = self._pending_id if self._pending_id is not None else (None if self._new else self._current_id)
        self._pending_id = None
        if target is not None:
            if self.model.row_of_id(target) is not None:
                open_it = target != self._current_id or self._detail is None
                if open_it and (data.detail is None or data.detail.id != target):
                    # asked for while the list was loading: read it on the task runner too
                    self._select(target, open_it=False)
                    self._open_in_background(target)
                else:
                    self._select_prefetched(target, data.detail if open_it else None)
            elif target == self._current_id:
                self._show_placeholder()
        self._update_list_state()

    def _select_prefetched(self, ident: int, detail: ActivityDetail | None) -> None:
        self._prefetched = detail
        try:
            self._select(ident, open_it=detail is not None)
        finally:
            self._prefetched = None

    def _open_in_background(self, ident: int) -> None:
        gen = self._generation
        sv, today = self.ctx.services, self.ctx.today()

        self._opening = ident

        def done(detail: object) -> None:
            # still the list it was read for, and the user has not opened another one meanwhile
            if gen == self._generation and self._opening == ident and isinstance(detail, ActivityDetail):
                self._select_prefetched(ident, detail)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                self.report_error(exc, self.tr("Activity not found"))
                self._show_placeholder()
            else:
                self._load_failed(exc)

        self.ctx.tasks.run(self.tr("Opening the activity"), lambda: sv.portfolio.get(ident, today),
                           on_done=done, on_error=failed)

    def _fill_filters(self, data: PortfolioData) -> None:
        def refill(combo: QComboBox, all_text: str, items: list[tuple[str, Any]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, value in items:
                combo.addItem(text, value)
            i = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

        used = data.used_agreements if data.tree is not None else \
            frozenset(r.agreement_id for r in data.rows if r.agreement_id is not None)
        refill(self.agreement_filter, self.tr("All agreements"),
               [(a.text, a.id) for a in data.choices.agreements if a.id in used])
        refill(self.admin_filter, self.tr("All administrations"), [(a, a) for a in data.choices.administrations])
        years = data.years if data.tree is not None else filter_years(data.rows, self.ctx.today())
        refill(self.year_filter, self.tr("All years"), [(str(y), y) for y in years])
        self._apply_filters()

    # ==== filters =======================================================================
    def _apply_text_filter(self) -> None:
        self.proxy.set_text_filter(self.filter_edit.text())
        self._after_filter()

    def _apply_filters(self, *_: object) -> None:
        ag = self.agreement_filter.currentData()
        kind = ActivityKind[self.kind_filter.currentData()] if self.kind_filter.currentData() else None
        stage = Stage[self.stage_filter.currentData()] if self.stage_filter.currentData() else None
        admin, year = self.admin_filter.currentData(), self.year_filter.currentData()
        key = (ag, kind, stage, admin, year)
        if key == self._filter_key:
            self._update_list_state()
            return
        self._filter_key = key
        preds: dict[str, Callable[[ActivityRow], bool] | None] = {
            "agreement": (lambda r: r.agreement_id == ag) if ag is not None else None,
            "kind": (lambda r: r.kind == kind) if kind is not None else None,
            "stage": (lambda r: r.stage == stage) if stage is not None else None,
            "administration": (lambda r: r.administration == admin) if admin is not None else None,
            "year": (lambda r: running_in(r, year)) if year is not None else None,
        }
        self.proxy.set_predicates(preds)
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_list_state()

    def clear_filters(self) -> None:
        self._guard = True
        try:
            for combo in (self.agreement_filter, self.kind_filter, self.stage_filter, self.admin_filter,
                          self.year_filter):
                combo.setCurrentIndex(0)
            self.filter_edit.clear()
        finally:
            self._guard = False
        self._debounce.stop()
        self.proxy.set_text_filter("")
        self._apply_filters()

    def _update_list_state(self) -> None:
        if not self._loaded_once:
            return
        total = len(self.model.nodes())
        shown = self.proxy.count_matching()
        self.placeholder_new_button.setVisible(total == 0)
        self.placeholder_label.setText(
            self.tr("The portfolio is empty. Activities start as pre-studies: an idea in dialogue between the "
                    "municipality and the university.") if total == 0
            else self.tr("Select an activity in the list, or create a new pre-study (Ctrl+N)."))
        if total == 0:
            self.empty_label.setText(self.tr("No activities yet. Create the first pre-study with “New pre-study” "
                                             "(Ctrl+N)."))
            self.list_stack.setCurrentWidget(self.empty_label)
        elif shown == 0:
            self.empty_label.setText(self.tr("No activity matches the filter."))
            self.list_stack.setCurrentWidget(self.empty_label)
        else:
            self.list_stack.setCurrentWidget(self.tree)
        if shown == total:
            self.count_label.setText(self.tr("%n activities", "", total))
        else:
            self.count_label.setText(self.tr("%1 of %2 activities shown").replace("%1", str(shown))
                                     .replace("%2", str(total)))

    # ==== selection and the detail =====================================================
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._guard or not current.isValid():
            return
        ident = current.siblingAtColumn(0).data(ID_ROLE)
        if ident is None or (ident == self._current_id and not self._new):
            return
        if not self._may_discard():
            back = self._current_id
            if back is not None and not self._new:
                self._select(back, open_it=False)
            else:
                self._guard = True
                self.tree.selectionModel().clearSelection()
                self._guard = False
            return
        self._open(int(ident))

    def _select(self, ident: int, open_it: bool = True) -> bool:
        src = self.model.reveal(ident)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            if open_it:
                self._open(ident)
            return False
        self._guard = True
        try:
            self.tree.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(idx)
        finally:
            self._guard = False
        if open_it:
            self._open(ident)
        return True

    def _open(self, ident: int) -> None:
        self._opening = None  # whatever was being read in the background is not wanted now
        if self._prefetched is not None and self._prefetched.id == ident:
            self._show_detail(self._prefetched)  # read with the list, just now
            return
        try:
            detail = self.ctx.services.portfolio.get(ident, self.ctx.today())
        except NotFoundError as exc:
            self.report_error(exc, self.tr("Activity not found"))
            self._show_placeholder()
            self.reload()
            return
        self._show_detail(detail)

    def _show_placeholder(self) -> None:
        self._detail = None
        self._current_id = None
        self._new = False
        self.right.setCurrentWidget(self.placeholder)

    def _show_detail(self, d: ActivityDetail) -> None:
        self._detail = d
        self._current_id = d.id
        self._new = False
        today = self.ctx.today()
        self.form.set_choices(self._data.choices, own_id=d.id)
        self.form.set_data(d.data, {"parent": d.parent_title, "agreement": d.agreement, "researcher": d.researcher,
                                    "official": d.official, "university": d.university, "company": d.company,
                                    "funder": d.external_funder})
        self.form.set_kinds_allowed(not d.children)
        self.budget.set_cells(d.budget, d.data.start.year if d.data.start else today.year)
        self._budget_dirty = False
        self._show_header(d)
        self._show_followup(d)
        self._show_decisions(d)
        self._show_closure(d)
        ident = d.id
        self.history.set_record(lambda: self.run_action(self.ctx.services.portfolio.history, ident,
                                                        title=self.tr("Could not load the history")))
        for i in range(self.sections.count()):
            self.sections.setTabEnabled(i, True)
        self.delete_button.setEnabled(True)
        self.right.setCurrentWidget(self.detail)
        self._update_dirty()

    def _show_header(self, d: ActivityDetail) -> None:
        self.title_label.setText(d.data.title)
        parts = [d.data.kind.value]
        if d.parent_title:
            parts.append(self.tr("in %1").replace("%1", d.parent_title))
        if d.agreement:
            parts.append(d.agreement)
        if d.data.case_number:
            parts.append(d.data.case_number)
        if d.children:
            parts.append(self.tr("%n activities inside", "", len(d.children)))
        self.subtitle_label.setText(" · ".join(parts))
        self.subtitle_label.setToolTip(" · ".join(parts))
        self.stage_label.setText(d.stage.value)
        nxt = d.next_stage
        if nxt is not None:
            self.next_button.setText(self.tr("Next step: %1").replace("%1", nxt.value))
            self.next_button.setEnabled(True)
        else:
            self.next_button.setText(self.tr("Final stage"))
            self.next_button.setEnabled(False)
        self.other_menu.clear()
        others = [t for t in allowed_next(d.stage) if t != nxt]
        for target in others:
            act = QAction(self.tr("To %1").replace("%1", target.value), self.other_menu)
            act.setObjectName(f"stage_{target.name}")
            act.setData(target.name)
            act.triggered.connect(lambda _c=False, t=target: self.move_to(t))
            self.other_menu.addAction(act)
        self.other_button.setEnabled(bool(others))
        if nxt is not None and d.next_stage_problems:
            self.gate_label.setText(self.tr("Missing before %1: %2").replace("%1", nxt.value)
                                    .replace("%2", "; ".join(d.next_stage_problems)))
            self.gate_label.show()
        else:
            self.gate_label.hide()

    def _show_followup(self, d: ActivityDetail) -> None:
        self.report_model.set_rows(d.reports)
        overdue = [r for r in d.reports if r.overdue]
        if not d.reports:
            self.report_summary.setStyleSheet("color: #555;")
            self.report_summary.setText(self.tr("No reports scheduled yet: they are planned when the start date is "
                                                "set."))
        elif overdue:
            self.report_summary.setStyleSheet("color: #b00020; font-weight: bold;")
            self.report_summary.setText(self.tr("%n report(s) overdue", "", len(overdue)) + " — " + ", ".join(
                f"{r.kind.value} {r.due.isoformat()}" for r in overdue))
        else:
            pending = [r for r in d.reports if r.received_on is None]
            self.report_summary.setStyleSheet("")
            self.report_summary.setText(
                self.tr("Next report: %1 due %2").replace("%1", pending[0].kind.value)
                .replace("%2", pending[0].due.isoformat()) if pending else self.tr("All reports received."))
        self.report_button.setEnabled(bool(d.reports))
        self.report_view.resizeColumnsToContents()

    def _show_decisions(self, d: ActivityDetail) -> None:
        self.decision_model.set_rows(d.decisions)
        self.decision_view.setColumnHidden(5, not any(x.reservations for x in d.decisions))
        self.decision_view.setVisible(bool(d.decisions))
        self.decisions_empty.setVisible(not d.decisions)
        company = d.data.company_id is not None
        self.muni_row_label.setText(self.tr("Municipal company chief executive") if company
                                    else self.tr("Municipal chief executive"))
        signed = self.tr("Signed %1")
        self.rektor_status.setText(signed.replace("%1", d.rektor_signed_on.isoformat()) if d.rektor_signed_on
                                   else self.tr("Not signed"))
        self.muni_status.setText(signed.replace("%1", d.municipality_signed_on.isoformat())
                                 if d.municipality_signed_on else self.tr("Not signed"))
        for lab, ok in ((self.rektor_status, d.rektor_signed_on), (self.muni_status, d.municipality_signed_on)):
            lab.setStyleSheet("color: #1b6e2d; font-weight: bold;" if ok else "color: #8a4b00;")
        granted = d.stage in GRANTED_STAGES
        for w in (self.rektor_date, self.rektor_button, self.muni_date, self.muni_button):
            w.setEnabled(granted)
        self.rektor_date.clear()
        self.muni_date.clear()
        self.signature_errors.clear()
        self.signature_hint.setText(
            self.tr("The decision document can be signed once the steering group has granted the activity.")
            if not granted else self.tr("Funds can be transferred and the activity can start when both have signed."))
        self.allocation_model.set_rows(d.allocations)
        self.disbursement_model.set_rows(d.disbursements)
        for v, stretch in ((self.decision_view, 4), (self.allocation_view, 3), (self.disbursement_view, 3)):
            _fit_height(v, stretch)
        allocated = sum(a.amount_ore for a in d.allocations)
        paid = sum(x.amount_ore for x in d.disbursements)
        text = self.tr("Budget %1 · allocated %2 · transferred %3").replace("%1", format_money(d.budget_total_ore)) \
            .replace("%2", format_money(allocated)).replace("%3", format_money(paid))
        if d.funds_transferred_on:
            text += " · " + self.tr("first transfer %1").replace("%1", d.funds_transferred_on.isoformat())
        self.money_summary.setText(text)
        self.document_model.set_rows(d.documents)
        _fit_height(self.document_view, 3)
        self.document_view.setVisible(bool(d.documents))
        self.documents_empty.setVisible(not d.documents)

    def _show_closure(self, d: ActivityDetail) -> None:
        ok, missing = "✓", "✗"
        f = d.facts
        self.final_report_check.setText(
            f"{ok} " + self.tr("Scientific final report approved") if f.final_report_approved
            else f"{missing} " + self.tr("Scientific final report not approved yet"))
        self.presentation_check.setText(
            f"{ok} " + self.tr("Popular-science presentation held %1").replace(
                "%1", d.popular_presentation_on.isoformat() if d.popular_presentation_on else "")
            if f.popular_presentation_held else f"{missing} " + self.tr("Popular-science presentation not held yet"))
        for lab, good in ((self.final_report_check, f.final_report_approved),
                          (self.presentation_check, f.popular_presentation_held)):
            lab.setStyleSheet("color: #1b6e2d; font-weight: bold;" if good else "color: #b00020;")
        if d.stage == Stage.AVSLUTAD:
            self.closure_hint.setText(self.tr("The activity is closed."))
        elif f.final_report_approved and f.popular_presentation_held:
            self.closure_hint.setText(self.tr("Both requirements are met: the steering group can close the activity."))
        else:
            self.closure_hint.setText("")

    # ==== dirty state ===================================================================
    def _budget_edited(self) -> None:
        self._budget_dirty = True
        self._update_dirty()

    def is_dirty(self) -> bool:
        if self.right.currentWidget() is not self.detail:
            return False
        return self._new or self.form.is_dirty() or self._budget_dirty

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.dirty_label.setVisible(dirty and not self._new)
        self.revert_button.setEnabled(dirty and not self._new)

    def _may_discard(self) -> bool:
        if not self.is_dirty() or (self._new and not self.form.title.text().strip()
                                   and not self.form.is_dirty() and not self._budget_dirty):
            return True
        return self.ctx.messenger.confirm(self, self.tr("Unsaved changes"),
                                          self.tr("The activity has unsaved changes. Discard them?"))

    def _revert(self) -> None:
        if self._current_id is not None:
            self._open(self._current_id)

    # ==== RecordTab API =================================================================
    def new_record(self) -> None:
        """Ctrl+N: an empty pre-study in the first stage."""
        if not self._may_discard():
            return
        self._guard = True
        self.tree.selectionModel().clear()
        self._guard = False
        self._detail = None
        self._current_id = None
        self._new = True
        today = self.ctx.today()
        self.form.set_choices(self._data.choices)
        self.form.set_data(ActivityInput(kind=ActivityKind.FORSTUDIE, title=""))
        self.form.set_kinds_allowed(True)
        self.budget.set_cells([], today.year + 1)
        self._budget_dirty = False
        self.title_label.setText(self.tr("New pre-study"))
        self.subtitle_label.setText(self.tr("Fill in at least the title and save (Ctrl+S)."))
        self.stage_label.setText(Stage.IDE.value)
        self.next_button.setText(self.tr("Next step: %1").replace("%1", Stage.PITCH.value))
        self.next_button.setEnabled(False)
        self.other_button.setEnabled(False)
        self.gate_label.setText(self.tr("Save the activity to move it on in the workflow."))
        self.gate_label.show()
        for i in range(self.sections.count()):
            self.sections.setTabEnabled(i, i in (SEC_DETAILS, SEC_GOALS, SEC_BUDGET))
        self.delete_button.setEnabled(False)
        self.sections.setCurrentIndex(SEC_DETAILS)
        self.right.setCurrentWidget(self.detail)
        self._update_dirty()
        self.form.title.setFocus()

    def save(self) -> None:
        self.save_current()

    def save_current(self) -> bool:
        """Save the form and the budget in one transaction; False when something was refused."""
        if self.right.currentWidget() is not self.detail:
            return False
        data, msg = self.form.collect()
        if data is None:
            self._show_error_section()
            self.status.emit(msg)
            return False
        budget = self.budget.cells() if (self._budget_dirty or self._new) else None
        sv, today = self.ctx.services.portfolio, self.ctx.today()
        try:
            if self._new:
                ident = sv.create(data, today, stage=Stage.IDE, budget=budget)
            else:
                assert self._detail is not None
                ident = self._detail.id
                sv.update(ident, self._detail.version, data, today, budget=budget)
        except ValidationError as exc:
            if exc.field.startswith("Budget"):
                self.budget.show_error(exc.message)
                self.sections.setCurrentIndex(SEC_BUDGET)
            elif self.form.show_error(exc) and self.form.errors():
                self._show_error_section()
            else:
                self.report_error(exc)
            return False
        except ConflictError as exc:
            self._conflict(exc, data, budget)
            return False
        except (ServiceError, DomainError) as exc:
            self.report_error(exc)
            return False
        self._saved(ident, data.title, created=self._new)
        return True

    def _saved(self, ident: int, title: str, created: bool = False) -> None:
        self._open(ident)
        self.status.emit(self.tr("Saved “%1”.").replace("%1", title))
        self.data_changed.emit()
        if created or not self._refresh_row(ident):
            self._pending_id = ident
            self.reload()

    def _conflict(self, exc: ConflictError, data: ActivityInput, budget: list[BudgetCell] | None) -> None:
        """Someone else saved the activity since it was opened: the user chooses; the form and the
        budget keep the edits until then."""
        assert self._detail is not None
        ident, base = self._detail.id, self._detail.data
        sv, today = self.ctx.services.portfolio, self.ctx.today()

        def reload_theirs() -> None:
            self._open(ident)
            if not self._refresh_row(ident):
                self._pending_id = ident
                self.reload()
            self.status.emit(self.tr("The activity as saved by the other person is shown; your changes were "
                                     "discarded."))

        if self.conflict_dialog is not None:
            self.conflict_dialog.deleteLater()
        self.conflict_dialog = open_conflict_dialog(
            self, exc, data, base, lambda version: sv.update(ident, version, data, today, budget=budget),
            reload_theirs, lambda: self._saved(ident, data.title), names=names_for(self.ctx.services.db))
        self.status.emit(self.tr("Not saved: someone else has changed the activity."))

    def _show_error_section(self) -> None:
        errs = self.form.errors()
        goal_fields = {"Effektmål", "Nyckeltal", "Aktivitetsmål", "Leveranser"}
        self.sections.setCurrentIndex(SEC_GOALS if errs and set(errs) <= goal_fields else SEC_DETAILS)

    def _refresh_row(self, ident: int) -> bool:
        """Update one tree row in place; False when the tree must be reloaded."""
        try:
            row = self.ctx.services.portfolio.row(ident, self.ctx.today())
        except NotFoundError:
            return False
        old = self.model.row_of_id(ident)
        if old is None or old.administration != row.administration or old.agreement_id != row.agreement_id:
            return False  # filter lists change
        ok = self.model.replace_row(row)
        if ok:
            self._update_list_state()
            self._select(ident, open_it=False)
        return ok

    def delete_selected(self) -> None:
        focus = self.window().focusWidget()  # the window's focus, active or not
        if focus is not None and (focus is self.budget.view or self.budget.view.isAncestorOf(focus)):
            self.budget.clear_selected_cells()
            return
        self._delete_clicked()

    def _delete_clicked(self) -> None:
        if self._new or self._detail is None:
            return
        d = self._detail
        if not self.ctx.messenger.confirm(
                self, self.tr("Delete activity"),
                self.tr("Delete “%1”? Its budget, reports, allocations and disbursements are deleted too.")
                .replace("%1", d.data.title)):
            return
        if self.run_action(self.ctx.services.portfolio.delete, d.id, title=self.tr("Could not delete")) is None \
                and self._still_exists(d.id):
            return
        self._show_placeholder()
        self.status.emit(self.tr("Deleted “%1”.").replace("%1", d.data.title))
        self.data_changed.emit()
        self.reload()

    def _still_exists(self, ident: int) -> bool:
        try:
            self.ctx.services.portfolio.row(ident, self.ctx.today())
            return True
        except NotFoundError:
            return False

    def open_selected(self) -> None:
        if self.right.currentWidget() is self.detail:
            self.sections.setCurrentIndex(SEC_DETAILS)
            self.form.title.setFocus()

    def current_record(self) -> tuple[int, str] | None:
        d = self._detail
        if d is None or self._new:
            return None
        return d.id, f"{d.data.kind.value}: {d.data.title} ({d.stage.value})"

    def show_record(self, kind: str, ident: int) -> bool:
        if kind != "activity":
            return False
        if not self._loaded_once or self.model.row_of_id(ident) is None:
            self._pending_id = ident
            if self._loaded_once:
                self.reload()
            return True
        if ident != self._current_id and not self._may_discard():
            return True
        self._select(ident, open_it=True)
        return True

    def prepare_screenshot(self) -> None:
        """The program project "Klimatanpassade skolgårdar" with its budget grid."""
        match = next((r for r in self.model.rows() if r.title == "Klimatanpassade skolgårdar"), None)
        if match is None:
            return
        self._select(match.id, open_it=True)
        self.sections.setCurrentIndex(SEC_BUDGET)

    # ==== stage actions =================================================================
    def _next_clicked(self) -> None:
        if self._detail is not None and self._detail.next_stage is not None:
            self.move_to(self._detail.next_stage)

    def move_to(self, target: Stage) -> bool:
        """Move the open activity one step (saving pending edits first). The gate's message
        lists exactly what is missing."""
        if self._new or self._detail is None:
            return False
        if self.is_dirty() and not self.save_current():
            return False
        d = self._detail
        assert d is not None
        if target in TERMINAL_STAGES and not self.ctx.messenger.confirm(
                self, self.tr("Final stage"),
                self.tr("Move “%1” to “%2”? This ends the activity's workflow.").replace("%1", d.data.title)
                .replace("%2", target.value)):
            return False
        try:
            self.ctx.services.portfolio.move_stage(d.id, target, on=self.ctx.today())
        except GateError as exc:
            self.report_error(exc, self.tr("The step is blocked"))
            self._open(d.id)
            return False
        except (ServiceError, DomainError) as exc:
            self.report_error(exc, self.tr("Could not change the stage"))
            return False
        self._open(d.id)
        self.status.emit(self.tr("“%1” moved to %2.").replace("%1", d.data.title).replace("%2", target.value))
        self.data_changed.emit()
        if not self._refresh_row(d.id):
            self._pending_id = d.id
            self.reload()
        return True

    # ==== signatures, money, reports, closure ==========================================
    def _mark_signed(self, rektor: bool) -> None:
        if self._detail is None:
            return
        edit = self.rektor_date if rektor else self.muni_date
        self.signature_errors.clear()
        try:
            on = edit.value() or self.ctx.today()
        except DomainError as exc:
            self.signature_errors.show_error(exc.field, exc.message)
            return
        kwargs = {"rektor_on": on} if rektor else {"municipality_on": on}
        ident = self._detail.id
        try:
            self.ctx.services.portfolio.record_signature(ident, **kwargs)
        except (ServiceError, DomainError) as exc:
            self.report_error(exc, self.tr("Could not record the signature"))
            return
        self._after_action(ident, self.tr("Signature recorded."))

    def _after_action(self, ident: int, message: str) -> None:
        section = self.sections.currentIndex()
        keep_budget = self.budget.cells() if self._budget_dirty else None
        if self.form.is_dirty() or keep_budget is not None:
            # keep the user's unsaved form edits: refresh only what the action changed
            try:
                d = self.ctx.services.portfolio.get(ident, self.ctx.today())
            except NotFoundError:
                return
            self._detail = d
            self._show_header(d)
            self._show_followup(d)
            self._show_decisions(d)
            self._show_closure(d)
        else:
            self._open(ident)
        self.sections.setCurrentIndex(section)
        self.status.emit(message)
        self.data_changed.emit()
        self._refresh_row(ident)

    def _add_allocation(self) -> None:
        if self._detail is None:
            return
        today = self.ctx.today()
        years = sorted({c.year for c in self._detail.budget})
        dlg = AllocationDialog(years[0] if years else today.year, today, self)
        ident = self._detail.id

        def submit(v: object) -> None:
            assert isinstance(v, AllocationValues)
            try:
                self.ctx.services.portfolio.add_allocation(ident, v.year, v.source, v.amount_ore, v.decided_on)
            except (ServiceError, DomainError) as exc:
                dlg.refuse(exc)
                return
            self._after_action(ident, self.tr("Allocation added."))

        dlg.submitted.connect(submit)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self._dialog = dlg

    def _register_disbursement(self) -> None:
        if self._detail is None:
            return
        dlg = DisbursementDialog(self.ctx.today(), self)
        ident = self._detail.id

        def submit(v: object) -> None:
            assert isinstance(v, DisbursementValues)
            try:
                self.ctx.services.portfolio.record_disbursement(ident, v.paid_on, v.source, v.amount_ore, v.note)
            except GateError as exc:
                dlg.refuse(exc)
                self.report_error(exc, self.tr("Funds cannot be transferred yet"))
                return
            except (ServiceError, DomainError) as exc:
                dlg.refuse(exc)
                return
            self._after_action(ident, self.tr("Disbursement registered."))

        dlg.submitted.connect(submit)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self._dialog = dlg

    def _register_report(self) -> None:
        if self._detail is None:
            return
        idx = self.report_view.currentIndex()
        report = idx.siblingAtColumn(0).data(RECORD_ROLE) if idx.isValid() else None
        if not isinstance(report, ReportRow):  # nothing selected: the first one still to handle
            report = next((r for r in self._detail.reports if r.received_on is None or r.approved is None), None)
        if report is None:
            self.status.emit(self.tr("Select a report first."))
            return
        dlg = ReportDialog(report, self._data.meetings, self.ctx.today(), self)
        ident = self._detail.id

        def submit(v: object) -> None:
            assert isinstance(v, ReportValues)
            try:
                self.ctx.services.portfolio.record_report(v.report_id, received_on=v.received_on,
                                                          approved=v.approved, presented_meeting_id=v.meeting_id)
            except (ServiceError, DomainError) as exc:
                dlg.refuse(exc)
                return
            self._after_action(ident, self.tr("Report registered."))

        dlg.submitted.connect(submit)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self._dialog = dlg

    def _register_presentation(self) -> None:
        if self._detail is None:
            return
        dlg = PresentationDialog(self._detail.popular_presentation_on, self.ctx.today(), self)
        ident = self._detail.id

        def submit(v: object) -> None:
            assert isinstance(v, date)
            try:
                self.ctx.services.portfolio.record_popular_presentation(ident, v)
            except (ServiceError, DomainError) as exc:
                dlg.refuse(exc)
                return
            self._after_action(ident, self.tr("Presentation recorded."))

        dlg.submitted.connect(submit)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self._dialog = dlg

