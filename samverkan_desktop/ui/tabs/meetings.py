"""The Möten tab: meetings per body and date, "Planera år" from each body's cadence, and for
one meeting its details, attendees and agenda, where recording an outcome moves the
activity's stage and writes the decision into its history (the meeting service does both
in one transaction). A justerat meeting is locked: every editor is read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.cadence import Body
from ...domain.catalog import MEETING_STATUS_ORDER, MeetingStatus
from ...domain.errors import DomainError
from ...domain.stages import Outcome
from ...services.errors import ConflictError, ServiceError, ValidationError
from ...services.history import names_for
from ...services.meetings import (
    AgendaItemInput,
    AgendaItemRow,
    AttendeeRow,
    EligibleCase,
    MeetingDetail,
    MeetingInput,
    MeetingRow,
)
from ..context import UiContext
from ..dialogs.conflict_dialog import ConflictDialog, open_conflict_dialog
from ..dialogs.meeting_dialogs import AddAttendeeDialog, AddItemDialog, PlanYearDialog
from ..table_models.base import ID_ROLE, RECORD_ROLE
from ..table_models.meeting_models import agenda_item_model, attendee_model, meeting_model
from ..table_models.proxy import RecordSortProxy
from ..widgets.record_history import RecordHistory
from ..widgets.meeting_form import (
    AgendaItemEditor,
    MeetingForm,
    StatusSteps,
    capital,
    collect,
    place_error,
)
from .base import RecordTab, select_id, selected_id, setup_table

_Index = QModelIndex | QPersistentModelIndex
UPCOMING = "upcoming"
ALL = "all"


class MeetingsTab(RecordTab):
    key = "meetings"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._detail: MeetingDetail | None = None
        self._current_id: int | None = None
        self._new_mode = False
        self._form_dirty = False
        self._restoring = False
        self._loaded = False
        self._pending_select: int | None = None
        self._wanted_year: int | None = None
        self._agreements: list[tuple[int, str]] = []
        self.plan_dialog: PlanYearDialog | None = None
        self.item_dialog: AddItemDialog | None = None
        self.attendee_dialog: AddAttendeeDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self._build()

    def title(self) -> str:
        return self.tr("Meetings")

    # ---- construction --------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("meetingsSplitter")
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 760])

    def _build_list(self) -> QWidget:
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 4, 0)
        filters = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearFilter")
        self.year_combo.setAccessibleName(self.tr("Year"))
        self.year_combo.setToolTip(self.tr("Which meetings to list"))
        self.year_combo.addItem(self.tr("Upcoming"), UPCOMING)
        self.year_combo.addItem(self.tr("All years"), ALL)
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("bodyFilter")
        self.body_combo.setAccessibleName(self.tr("Body"))
        self.body_combo.addItem(self.tr("All bodies"), None)
        for b in Body:
            self.body_combo.addItem(capital(b.value), b.name)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for st in MEETING_STATUS_ORDER:
            self.status_combo.addItem(st.value, st.name)
        for label, combo in ((self.tr("&Year:"), self.year_combo), (self.tr("B&ody:"), self.body_combo),
                             (self.tr("S&tatus:"), self.status_combo)):
            lab = QLabel(label)
            lab.setBuddy(combo)
            filters.addWidget(lab)
            filters.addWidget(combo, 1 if combo is self.body_combo else 0)
        lay.addLayout(filters)
        actions = QHBoxLayout()
        self.plan_button = QPushButton(self.tr("Plan year…"))
        self.plan_button.setObjectName("planYearButton")
        self.plan_button.setToolTip(self.tr("Create a year's meetings from each body's cadence"))
        self.plan_button.clicked.connect(self.open_plan_dialog)
        self.new_button = QPushButton(self.tr("New meeting"))
        self.new_button.setObjectName("newMeetingButton")
        self.new_button.setToolTip(self.tr("A single meeting outside the cadence (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        actions.addWidget(self.plan_button)
        actions.addWidget(self.new_button)
        actions.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingCount")
        self.count_label.setStyleSheet("color: #6b6b6b;")
        actions.addWidget(self.count_label)
        lay.addLayout(actions)

        self.model = meeting_model(self.ctx.today, self)
        self.proxy = RecordSortProxy(self)
        self.proxy.setRecursiveFilteringEnabled(False)  # a flat list: no per-row look for children
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Meetings"))
        setup_table(self.view, self.proxy, "meetingsTable")
        for col, width in enumerate((84, 46, 204, 74, 66, 120, 170)):
            self.view.setColumnWidth(col, width)
        self.view.activated.connect(lambda _idx: self.open_selected())
        self.view.selectionModel().currentRowChanged.connect(self._on_meeting_changed)
        lay.addWidget(self.view, 1)
        self.year_combo.currentIndexChanged.connect(self._apply_filters)
        self.body_combo.currentIndexChanged.connect(self._apply_filters)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self._apply_filters()
        return left

    def _build_detail(self) -> QWidget:
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(4, 0, 0, 0)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack)

        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("meetingEmptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #6b6b6b; font-size: 11pt;")
        el.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_plan_button = QPushButton(self.tr("Plan year…"))
        self.empty_plan_button.setObjectName("emptyPlanButton")
        self.empty_plan_button.clicked.connect(self.open_plan_dialog)
        self.empty_new_button = QPushButton(self.tr("New meeting"))
        self.empty_new_button.setObjectName("emptyNewButton")
        self.empty_new_button.clicked.connect(self.new_record)
        buttons.addWidget(self.empty_plan_button)
        buttons.addWidget(self.empty_new_button)
        buttons.addStretch(1)
        el.addLayout(buttons)
        el.addStretch(2)
        self.stack.addWidget(empty)

        page = QWidget()
        pl = QVBoxLayout(page)
        pl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        head.addWidget(self.heading, 1)
        self.next_status_button = QPushButton()
        self.next_status_button.setObjectName("nextStatusButton")
        self.next_status_button.clicked.connect(self.advance_status)
        head.addWidget(self.next_status_button)
        self.print_button = QPushButton(self.tr("Agenda and minutes…"))
        self.print_button.setObjectName("printDocuments")
        self.print_button.setToolTip(self.tr("Print or save the notice, the minutes or an extract"))
        self.print_button.clicked.connect(self.documents_requested.emit)
        head.addWidget(self.print_button)
        pl.addLayout(head)
        sub = QHBoxLayout()
        self.subheading = QLabel()
        self.subheading.setObjectName("meetingSubheading")
        self.subheading.setStyleSheet("color: #4a4a4a;")
        self.subheading.setWordWrap(True)
        sub.addWidget(self.subheading, 1)
        self.steps = StatusSteps()
        sub.addWidget(self.steps)
        pl.addLayout(sub)
        self.lock_notice = QLabel(self.tr("The minutes are adjusted (justerat): the meeting is locked and nothing "
                                          "in it can be changed."))
        self.lock_notice.setObjectName("lockNotice")
        self.lock_notice.setWordWrap(True)
        self.lock_notice.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36c; border-radius: 3px;"
                                       "padding: 5px 8px; color: #5c4a00;")
        self.lock_notice.hide()
        pl.addWidget(self.lock_notice)

        self.pages = QTabWidget()
        self.pages.setObjectName("meetingPages")
        self.pages.addTab(self._build_details_page(), self.tr("Details and attendees"))
        self.pages.addTab(self._build_agenda_page(), self.tr("Agenda and decisions"))
        self.history = RecordHistory("meetingHistory", self.tr(
            "Every change of the meeting, its attendees and its agenda items, newest first (from the change log)."))
        self.pages.addTab(self.history, self.tr("History"))
        pl.addWidget(self.pages, 1)
        self.stack.addWidget(page)
        return right

    def _build_details_page(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        left = QVBoxLayout()
        self.form = MeetingForm()
        self.form.changed.connect(self._on_form_changed)
        left.addWidget(self.form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveMeetingButton")
        self.save_button.setToolTip(self.tr("Save the meeting (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Delete meeting…"))
        self.delete_button.setObjectName("deleteMeetingButton")
        self.delete_button.clicked.connect(self.delete_meeting)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        left.addStretch(1)
        lay.addLayout(left, 5)

        group = QGroupBox(self.tr("Attendees"))
        gl = QVBoxLayout(group)
        self.attendee_model = attendee_model(self)
        self.attendee_proxy = RecordSortProxy(self)
        self.attendee_proxy.setSourceModel(self.attendee_model)
        self.attendee_view = QTableView()
        self.attendee_view.setAccessibleName(self.tr("Attendees"))
        setup_table(self.attendee_view, self.attendee_proxy, "attendeesTable")
        for col, width in enumerate((115, 120)):
            self.attendee_view.setColumnWidth(col, width)
        self.attendee_view.activated.connect(lambda _idx: self.toggle_presence())
        self.attendee_view.setToolTip(self.tr("Enter or double-click toggles present/absent"))
        gl.addWidget(self.attendee_view, 1)
        row = QHBoxLayout()
        self.add_attendee_button = QPushButton(self.tr("Add…"))
        self.add_attendee_button.setToolTip(self.tr("Add an attendee: a person from the register or a free name"))
        self.add_attendee_button.setObjectName("addAttendeeButton")
        self.add_attendee_button.clicked.connect(self.open_attendee_dialog)
        self.present_button = QPushButton(self.tr("Present"))
        self.present_button.setObjectName("presentButton")
        self.present_button.clicked.connect(lambda: self.set_presence(True))
        self.absent_button = QPushButton(self.tr("Absent"))
        self.absent_button.setObjectName("absentButton")
        self.absent_button.clicked.connect(lambda: self.set_presence(False))
        self.remove_attendee_button = QPushButton(self.tr("Remove"))
        self.remove_attendee_button.setObjectName("removeAttendeeButton")
        self.remove_attendee_button.clicked.connect(self.remove_attendee)
        for b in (self.add_attendee_button, self.present_button, self.absent_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.remove_attendee_button)
        gl.addLayout(row)
        lay.addWidget(group, 5)
        return w

    def _build_agenda_page(self) -> QWidget:
        self.agenda_splitter = QSplitter(Qt.Orientation.Vertical)
        self.agenda_splitter.setObjectName("agendaSplitter")
        self.agenda_splitter.setChildrenCollapsible(False)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        self.item_model = agenda_item_model(self)
        self.item_proxy = RecordSortProxy(self)
        self.item_proxy.setSourceModel(self.item_model)
        self.item_view = QTableView()
        self.item_view.setAccessibleName(self.tr("Agenda items"))
        setup_table(self.item_view, self.item_proxy, "agendaTable")
        for col, width in enumerate((48, 300, 110, 130)):
            self.item_view.setColumnWidth(col, width)
        self.item_view.activated.connect(lambda _idx: self.editor.proposal.setFocus())
        self.item_view.selectionModel().currentRowChanged.connect(self._on_item_changed)
        ll.addWidget(self.item_view, 1)
        row = QHBoxLayout()
        self.add_item_button = QPushButton(self.tr("Add item…"))
        self.add_item_button.setObjectName("addItemButton")
        self.add_item_button.setToolTip(self.tr("Cases that are ready for this body, or a free item"))
        self.add_item_button.clicked.connect(self.open_item_dialog)
        self.remove_item_button = QPushButton(self.tr("Remove item"))
        self.remove_item_button.setObjectName("removeItemButton")
        self.remove_item_button.clicked.connect(self.remove_item)
        row.addWidget(self.add_item_button)
        row.addStretch(1)
        row.addWidget(self.remove_item_button)
        ll.addLayout(row)
        self.agenda_splitter.addWidget(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 4, 4, 4)
        self.editor = AgendaItemEditor()
        self.editor.save_text_requested.connect(self.save_item_text)
        self.editor.record_requested.connect(self.record_decision)
        self.editor.open_activity_requested.connect(lambda ident: self.navigate.emit("activity", ident))
        rl.addWidget(self.editor)
        self.agenda_splitter.addWidget(right)
        self.agenda_splitter.setSizes([170, 500])
        return self.agenda_splitter

    # ---- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        sv = self.ctx.services

        def work() -> tuple[list[MeetingRow], list[tuple[int, str]]]:
            return sv.meetings.list_rows(), sv.agreements.titles()

        self.ctx.tasks.run(self.tr("Loading meetings…"), work, on_done=self._rows_loaded,
                           on_error=lambda exc: self.report_error(exc, self.tr("Could not load the meetings")))

    def _rows_loaded(self, result: Any) -> None:
        rows, agreements = result
        self._agreements = agreements
        keep = self._pending_select if self._pending_select is not None else self._current_id
        self._pending_select = None
        self._restoring = True
        try:
            # The filters depend on the years in the rows: empty the list first, set the filters, then
            # fill it, so that the rows are filtered once (not once more per filter change).
            self.model.set_rows([])
            self._fill_years(rows)
            self.model.set_rows(rows)
            self.form.set_agreements(agreements)
        finally:
            self._restoring = False
        self._loaded = True
        self._update_count()
        self._update_empty_state()
        if keep is not None and not self._new_mode:
            if self.model.row_of_id(keep) is None:
                self._clear_detail()
            elif keep == self._current_id and self._dirty():
                self._select_quietly(keep)  # a refresh never throws away what the user is typing
            else:
                self._reveal(keep)

    def _fill_years(self, rows: list[MeetingRow]) -> None:
        wanted = self._wanted_year if self._wanted_year is not None else self.year_combo.currentData()
        self._wanted_year = None
        years = sorted({r.held_on.year for r in rows} | {self.ctx.today().year}, reverse=True)
        self.year_combo.blockSignals(True)
        try:
            while self.year_combo.count() > 2:
                self.year_combo.removeItem(2)
            for y in years:
                self.year_combo.addItem(str(y), y)
            idx = self.year_combo.findData(wanted)
            self.year_combo.setCurrentIndex(idx if idx >= 0 else 0)
        finally:
            self.year_combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self, *_: object) -> None:
        year = self.year_combo.currentData()
        today = self.ctx.today()
        predicates: dict[str, Callable[[Any], bool] | None] = {}
        if year == UPCOMING:
            predicates["year"] = lambda r: isinstance(r, MeetingRow) and r.held_on >= today
        elif isinstance(year, int):
            predicates["year"] = lambda r: isinstance(r, MeetingRow) and r.held_on.year == year
        else:
            predicates["year"] = None
        body = self.body_combo.currentData()
        predicates["body"] = (lambda r: isinstance(r, MeetingRow) and r.body.name == body) if body else None
        status = self.status_combo.currentData()
        predicates["status"] = (lambda r: isinstance(r, MeetingRow) and r.status.name == status) if status else None
        self.proxy.set_predicates(predicates)  # one re-filter for the three
        self._update_count()

    def _update_empty_state(self) -> None:
        if self.model.rowCount() == 0:
            self.empty_label.setText(self.tr("No meetings yet. Start with \"Plan year…\" to create the year's "
                                             "meetings from each body's cadence, or \"New meeting\" for a single "
                                             "meeting."))
            self.empty_plan_button.show()
            self.empty_new_button.show()
        else:
            self.empty_label.setText(self.tr("Choose a meeting in the list to see its details, attendees and "
                                             "agenda."))
            self.empty_plan_button.hide()
            self.empty_new_button.hide()

    def _update_count(self) -> None:
        n = self.proxy.rowCount()
        self.count_label.setText(self.tr("%n meeting(s)", "", n))

    # ---- selection -------------------------------------------------------------------
    def _on_meeting_changed(self, current: _Index, _previous: _Index) -> None:
        if self._restoring or not current.isValid():
            return
        ident = current.siblingAtColumn(0).data(ID_ROLE)
        if ident is None or (ident == self._current_id and not self._new_mode):
            return
        if not self._maybe_save_changes():
            self._select_quietly(self._current_id)
            return
        self._show_meeting(int(ident))

    def _select_quietly(self, ident: int | None) -> None:
        self._restoring = True
        try:
            if ident is None or not select_id(self.view, ident):
                self.view.selectionModel().clearSelection()
                self.view.selectionModel().setCurrentIndex(QModelIndex(),
                                                           QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._restoring = False

    def _reveal(self, ident: int) -> bool:
        """Select meeting `ident`, widening the filters when they hide it."""
        row = self.model.row_of_id(ident)
        if row is None:
            return False
        rec = self.model.row_at(row)
        if not self._accepts(rec):
            self.body_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(0)
            if not self._accepts(rec):
                idx = self.year_combo.findData(rec.held_on.year)
                self.year_combo.setCurrentIndex(idx if idx >= 0 else 1)
        if ident == self._current_id and not self._new_mode:
            self._select_quietly(ident)
            self._show_meeting(ident)
        else:
            select_id(self.view, ident)
            if self._current_id != ident:  # selection refused (unsaved changes kept)
                return False
        return True

    def _accepts(self, rec: MeetingRow) -> bool:
        row = self.model.row_of_id(rec.id)
        return row is not None and self.proxy.mapFromSource(self.model.index(row, 0)).isValid()

    def current_record(self) -> tuple[int, str] | None:
        d = self._detail
        if d is None:
            return None
        return d.id, f"{d.data.held_on.isoformat()} {d.data.title or d.data.body.value}"

    def show_record(self, kind: str, ident: int) -> bool:
        if kind != "meeting":
            return False
        if self._loaded and self.model.row_of_id(ident) is not None:
            self._reveal(ident)
        else:
            self._pending_select = ident
        return True

    def _show_meeting(self, ident: int | None) -> None:
        if ident is None:
            self._clear_detail()
            return
        detail = self.run_action(self.ctx.services.meetings.get, ident, title=self.tr("Could not open the meeting"))
        if detail is None:
            self._clear_detail()
            return
        keep_item = self.editor.item.id if (self.editor.item is not None and self._current_id == ident) else None
        self._detail = detail
        self._current_id = ident
        self._new_mode = False
        self.form.load(detail.data)
        self._form_dirty = False
        self._update_header()
        self.attendee_model.set_rows(detail.attendees)
        self.item_model.set_rows(detail.items)
        self.pages.setTabText(1, self.tr("Agenda and decisions (%1)").replace("%1", str(len(detail.items))))
        self.stack.setCurrentIndex(1)
        self._select_item(keep_item)
        self._apply_lock()
        self._history_changed()

    def _history_changed(self) -> None:
        """The meeting or its parts changed: the history page reads it again (when shown)."""
        ident = self._detail.id if self._detail is not None and not self._new_mode else None
        self.history.set_record(None if ident is None else lambda: self.run_action(
            self.ctx.services.meetings.history, ident, title=self.tr("Could not load the history")))

    def _select_item(self, item_id: int | None) -> None:
        if item_id is not None and select_id(self.item_view, item_id):
            self._on_item_changed(self.item_view.currentIndex(), QModelIndex(), force=True)
            return
        if self.item_proxy.rowCount():
            self.item_view.selectRow(0)
            self._on_item_changed(self.item_view.currentIndex(), QModelIndex(), force=True)
        else:
            self.editor.set_item(None, self._locked())

    def _clear_detail(self) -> None:
        self._detail = None
        self._current_id = None
        self._new_mode = False
        self._form_dirty = False
        self.attendee_model.set_rows([])
        self.item_model.set_rows([])
        self.editor.set_item(None, False)
        self.history.clear()
        self.stack.setCurrentIndex(0)

    def _locked(self) -> bool:
        return self._detail is not None and self._detail.locked

    def _update_header(self) -> None:
        d = self._detail
        if d is None:
            self.heading.setText(self.tr("New meeting"))
            self.subheading.setText(self.tr("Fill in the details and save (Ctrl+S)."))
            self.steps.set_status(None)
            self.next_status_button.hide()
            return
        data = d.data
        when = QLocale().toString(QDate(data.held_on.year, data.held_on.month, data.held_on.day), "dddd d MMMM yyyy")
        title = data.title or capital(data.body.value)
        self.heading.setText(title)
        times = "–".join(t for t in (data.start_time, data.end_time) if t)
        body = capital(data.body.value) if title.casefold() != data.body.value.casefold() else ""
        self.subheading.setText(" · ".join(p for p in (body, when, times, data.place) if p))
        self.steps.set_status(d.status)
        nxt = self._next_status()
        labels = {MeetingStatus.KALLAT: self.tr("Send notice"),
                  MeetingStatus.GENOMFORT: self.tr("Mark as held"),
                  MeetingStatus.JUSTERAT: self.tr("Adjust minutes…")}
        if nxt is None:
            self.next_status_button.hide()
        else:
            self.next_status_button.setText(labels[nxt])
            self.next_status_button.setToolTip(self.tr("Next status: %1").replace("%1", nxt.value))
            self.next_status_button.show()

    def _next_status(self) -> MeetingStatus | None:
        if self._detail is None:
            return None
        i = MEETING_STATUS_ORDER.index(self._detail.status)
        return MEETING_STATUS_ORDER[i + 1] if i + 1 < len(MEETING_STATUS_ORDER) else None

    def _apply_lock(self) -> None:
        locked = self._locked()
        saved = self._detail is not None
        self.lock_notice.setVisible(locked)
        self.form.set_read_only(locked)
        self.save_button.setEnabled(not locked)
        self.delete_button.setEnabled(saved and not locked)
        self.pages.setTabEnabled(1, saved)
        self.pages.setTabEnabled(self.pages.indexOf(self.history), saved)
        for b in (self.add_attendee_button, self.present_button, self.absent_button, self.remove_attendee_button,
                  self.add_item_button, self.remove_item_button):
            b.setEnabled(saved and not locked)
        if self.editor.item is not None:
            self.editor.set_item(self.editor.item, locked)

    def _on_item_changed(self, current: _Index, _previous: _Index, force: bool = False) -> None:
        if self._restoring or not current.isValid():
            return
        row = current.siblingAtColumn(0).data(RECORD_ROLE)
        if not isinstance(row, AgendaItemRow):
            return
        if not force and self.editor.item is not None and row.id == self.editor.item.id:
            return
        if not force and self.editor.dirty and not self._locked():
            if self.ctx.messenger.confirm(self, self.tr("Unsaved minutes text"),
                                          self.tr("Save the text of § %1 before moving on?")
                                          .replace("%1", str(self.editor.item.paragraph if self.editor.item else ""))):
                if not self._save_item_text_only():
                    return
        self.editor.set_item(row, self._locked())

    def _on_form_changed(self) -> None:
        self._form_dirty = True

    # ---- saving ----------------------------------------------------------------------
    def _dirty(self) -> bool:
        """Edits the user typed and has not saved (an untouched new form does not count)."""
        return (self._form_dirty or self.editor.dirty) and not self._locked()

    def _maybe_save_changes(self) -> bool:
        """True when it is fine to leave the current meeting (saved or discarded)."""
        if not self._dirty():
            return True
        if self.ctx.messenger.confirm(self, self.tr("Unsaved changes"),
                                      self.tr("The meeting has changes that are not saved. Save them now? "
                                              "(No discards them.)")):
            return self.save()
        self._form_dirty = False
        self._new_mode = False
        self.editor.dirty = False
        return True

    def save(self) -> bool:
        if self._locked():
            return False
        saved = False
        if self.editor.dirty and self.editor.item is not None:
            if not self._save_item_text_only():
                return False
            saved = True
        if self._form_dirty or self._new_mode:
            if not self._save_meeting_only():
                return False
            saved = True
        if saved:
            self._after_write(self.tr("Meeting saved"))
        return True

    def _unplaced(self, message: str) -> None:
        self.ctx.messenger.warning(self, self.tr("Could not save"), message)

    def _save_meeting_only(self) -> bool:
        data = collect([self.form.errors], self.form.value, self._unplaced)
        if data is None:
            return False
        try:
            if self._new_mode or self._detail is None:
                self._current_id = self.ctx.services.meetings.create(data)
                self._new_mode = False
            else:
                self.ctx.services.meetings.update(self._detail.id, self._detail.version, data)
        except (ValidationError, DomainError) as exc:
            place_error([self.form.errors], exc, self._unplaced)
            return False
        except ConflictError as exc:
            self._meeting_conflict(exc, data)
            return False
        except ServiceError as exc:
            self.report_error(exc)
            return False
        self._form_dirty = False
        return True

    def _open_conflict(self, *args: Any) -> None:
        if self.conflict_dialog is not None:
            self.conflict_dialog.deleteLater()
        self.conflict_dialog = open_conflict_dialog(self, *args, names=names_for(self.ctx.services.db))

    def _meeting_conflict(self, exc: ConflictError, data: MeetingInput) -> None:
        """Someone else saved the meeting since it was opened: the user chooses; the form keeps
        the edits until then."""
        assert self._detail is not None
        ident, base = self._detail.id, self._detail.data
        meetings = self.ctx.services.meetings

        def reload_theirs() -> None:
            self._form_dirty = False
            self._current_id = ident
            self._after_write(self.tr("The meeting as saved by the other person is shown; your changes were "
                                      "discarded."))

        def saved() -> None:
            self._form_dirty = False
            self._current_id = ident
            self._after_write(self.tr("Meeting saved"))

        self._open_conflict(exc, data, base, lambda version: meetings.update(ident, version, data), reload_theirs,
                            saved)
        self.status.emit(self.tr("Not saved: someone else has changed the meeting."))

    def _item_conflict(self, exc: ConflictError, item: AgendaItemRow, texts: dict[str, str]) -> None:
        """Someone else saved the minutes' text of this item since it was shown."""
        meetings = self.ctx.services.meetings
        base = {k: getattr(item, k) for k in texts}
        paragraph = str(item.paragraph)

        def resolved(message: str) -> None:
            self.editor.dirty = False
            if self._form_dirty or self._new_mode:
                self.save()  # the meeting's own fields still wait to be saved
            else:
                self._after_write(message)

        self._open_conflict(
            exc, texts, base, lambda version: meetings.update_item_text(item.id, version=version, **texts),
            lambda: resolved(self.tr("§ %1: the text as saved by the other person is shown; your changes were "
                                     "discarded.").replace("%1", paragraph)),
            lambda: resolved(self.tr("§ %1: minutes text saved").replace("%1", paragraph)))
        self.status.emit(self.tr("Not saved: someone else has changed the text of § %1.").replace("%1", paragraph))

    def _decision_conflict(self, exc: ConflictError, item: AgendaItemRow, outcome: Outcome, decision_text: str,
                           texts: dict[str, str], record: Callable[[int], None]) -> None:
        """Someone else changed this item (its minutes text, or recorded a decision) since it was
        shown: nothing was recorded. The user sees the difference and either reloads the item or
        records the decision with their own text over the other person's change."""
        mine = {"outcome": outcome, "decision_text": decision_text, **texts}
        base = {k: getattr(item, k) for k in mine}
        paragraph = str(item.paragraph)

        def reloaded() -> None:
            self.editor.dirty = False
            self._after_write(self.tr("§ %1: the item as saved by the other person is shown; the decision was not "
                                      "recorded.").replace("%1", paragraph))

        self._open_conflict(exc, mine, base, record, reloaded, lambda: self._decision_recorded(item, outcome))
        self.status.emit(self.tr("Decision not recorded: someone else has changed § %1.").replace("%1", paragraph))

    def _save_item_text_only(self) -> bool:
        item = self.editor.item
        if item is None:
            return True
        errors = [self.editor.text_errors]
        for e in errors:
            e.clear()
        texts = self.editor.texts()
        try:
            self.ctx.services.meetings.update_item_text(item.id, version=item.version, **texts)
        except (ValidationError, DomainError) as exc:
            place_error(errors, exc, self._unplaced)
            return False
        except ConflictError as exc:
            self._item_conflict(exc, item, texts)
            return False
        except ServiceError as exc:
            self.report_error(exc)
            return False
        self.editor.dirty = False
        return True

    def save_item_text(self) -> None:
        item = self.editor.item
        if item is not None and self._save_item_text_only():
            self._after_write(self.tr("§ %1: minutes text saved").replace("%1", str(item.paragraph)))

    def _after_write(self, message: str, reload_list: bool = True) -> None:
        """Show the fresh meeting, refresh the list and tell the other tabs."""
        self._show_meeting(self._current_id)
        if reload_list:
            self.reload()
        self.data_changed.emit()
        if message:
            self.status.emit(message)

    def new_record(self) -> None:
        if not self._maybe_save_changes():
            return
        self._select_quietly(None)
        self._detail = None
        self._current_id = None
        self._new_mode = True
        self.form.load(MeetingInput(body=Body.BEREDNING, held_on=self.ctx.today(), start_time="13:00",
                                    end_time="15:00"))
        self._form_dirty = False
        self.attendee_model.set_rows([])
        self.item_model.set_rows([])
        self.editor.set_item(None, False)
        self._update_header()
        self.pages.setTabText(1, self.tr("Agenda and decisions"))
        self.stack.setCurrentIndex(1)
        self.pages.setCurrentIndex(0)
        self._apply_lock()
        self.form.body.setFocus()

    def open_selected(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.attendee_view:
            self.toggle_presence()
        elif focus is self.item_view:
            self.editor.proposal.setFocus()
        elif self._current_id is not None:
            self.pages.setCurrentIndex(0)
            self.form.place.setFocus()

    def delete_selected(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.attendee_view:
            self.remove_attendee()
        elif focus is self.item_view:
            self.remove_item()
        else:
            self.delete_meeting()

    def delete_meeting(self) -> None:
        d = self._detail
        if d is None:
            return
        name = f"{d.data.title or capital(d.data.body.value)} {d.data.held_on.isoformat()}"
        if not self.ctx.messenger.confirm(self, self.tr("Delete meeting"),
                                          self.tr("Delete the meeting %1? Its agenda and attendees are deleted "
                                                  "too.").replace("%1", name)):
            return
        if self.run_action(self.ctx.services.meetings.delete, d.id, title=self.tr("Could not delete")) is None \
                and self._still_exists(d.id):
            return
        self._clear_detail()
        self.reload()
        self.data_changed.emit()
        self.status.emit(self.tr("Meeting %1 deleted").replace("%1", name))

    def _still_exists(self, ident: int) -> bool:
        try:
            self.ctx.services.meetings.get(ident)
        except ServiceError:
            return False
        return True

    # ---- status ----------------------------------------------------------------------
    def advance_status(self) -> None:
        nxt = self._next_status()
        d = self._detail
        if nxt is None or d is None:
            return
        if not self._maybe_save_changes():
            return
        if nxt == MeetingStatus.JUSTERAT and not self.ctx.messenger.confirm(
                self, self.tr("Adjust minutes"),
                self.tr("An adjusted meeting is locked: nothing in it can be changed afterwards. Adjust the minutes "
                        "now?")):
            return
        try:
            self.ctx.services.meetings.set_status(d.id, nxt)
        except (ServiceError, DomainError) as exc:
            self.report_error(exc, self.tr("Could not change the status"))
            return
        self._after_write(self.tr("The meeting is now %1").replace("%1", nxt.value))

    # ---- attendees -------------------------------------------------------------------
    def _selected_attendee(self) -> AttendeeRow | None:
        idx = self.attendee_view.currentIndex()
        row = idx.siblingAtColumn(0).data(RECORD_ROLE) if idx.isValid() else None
        return row if isinstance(row, AttendeeRow) else None

    def open_attendee_dialog(self) -> None:
        d = self._detail
        if d is None:
            return
        mid = d.id

        def submit(name: str, role: str, person_id: int | None) -> None:
            self.ctx.services.meetings.add_attendee(mid, name, role, person_id)

        dlg = AddAttendeeDialog(self.ctx.services.people.people(), submit, self._report_and_refresh, self)
        dlg.accepted.connect(lambda: self._after_write(self.tr("Attendee added"), reload_list=False))
        self.attendee_dialog = dlg
        dlg.open()

    def set_presence(self, present: bool) -> None:
        a = self._selected_attendee()
        if a is None or self._locked():
            return
        self.run_action(self.ctx.services.meetings.set_presence, a.id, present, title=self.tr("Could not save"))
        self._after_write("", reload_list=False)
        select_id(self.attendee_view, a.id)

    def toggle_presence(self) -> None:
        a = self._selected_attendee()
        if a is not None:
            self.set_presence(not a.present)

    def remove_attendee(self) -> None:
        a = self._selected_attendee()
        if a is None or self._locked():
            return
        if not self.ctx.messenger.confirm(self, self.tr("Remove attendee"),
                                          self.tr("Remove %1 from the meeting?").replace("%1", a.name)):
            return
        self.run_action(self.ctx.services.meetings.remove_attendee, a.id, title=self.tr("Could not remove"))
        self._after_write(self.tr("%1 removed").replace("%1", a.name), reload_list=False)

    # ---- agenda ----------------------------------------------------------------------
    def open_item_dialog(self) -> None:
        d = self._detail
        if d is None:
            return
        mid = d.id

        def added_text(item_id: int) -> str:
            self._after_write("")
            item = next((i for i in self._detail.items if i.id == item_id), None) if self._detail else None
            if item is None:
                return ""
            select_id(self.item_view, item_id)
            text = self.tr("§ %1 added: %2").replace("%1", str(item.paragraph)).replace("%2", item.title)
            self.status.emit(text)
            return text

        def submit_case(case: EligibleCase) -> str:
            return added_text(self.ctx.services.meetings.add_eligible(mid, case))

        def submit_free(data: AgendaItemInput) -> str:
            return added_text(self.ctx.services.meetings.add_item(mid, data))

        body_text = d.data.body.value
        dlg = AddItemDialog(self.ctx, mid, body_text, submit_case, submit_free, self._report_and_refresh, self)
        self.item_dialog = dlg
        self.pages.setCurrentIndex(1)
        dlg.open()

    def _report_and_refresh(self, exc: BaseException) -> None:
        self.report_error(exc, self.tr("Could not change the meeting"))
        self._after_write("")

    def remove_item(self) -> None:
        item = self.editor.item
        if item is None or self._locked():
            return
        if not self.ctx.messenger.confirm(self, self.tr("Remove item"),
                                          self.tr("Remove § %1 %2 from the agenda?")
                                          .replace("%1", str(item.paragraph)).replace("%2", item.title)):
            return
        self.editor.dirty = False
        self.run_action(self.ctx.services.meetings.remove_item, item.id, title=self.tr("Could not remove"))
        self._after_write(self.tr("§ %1 removed").replace("%1", str(item.paragraph)))

    def record_decision(self) -> None:
        item = self.editor.item
        if item is None:
            return
        self.editor.decision_errors.clear()
        self.editor.text_errors.clear()
        outcome = self.editor.chosen_outcome()
        if outcome is None:
            self.editor.decision_errors.show_error("Beslut", self.tr("Choose the decision first."))
            return
        texts = self.editor.texts()
        decision_text = self.editor.decision_text.toPlainText()
        meetings = self.ctx.services.meetings

        def record(version: int) -> None:
            meetings.record_outcome(
                item.id, outcome, decision_text, texts["reservations"], proposal=texts["proposal"],
                motions=texts["motions"], decision_procedure=texts["decision_procedure"], sent_to=texts["sent_to"],
                version=version)

        try:
            record(item.version)
        except (ValidationError, DomainError) as exc:
            place_error([self.editor.decision_errors, self.editor.text_errors], exc, self._unplaced)
            return
        except ConflictError as exc:
            self._decision_conflict(exc, item, outcome, decision_text, texts, record)
            return
        except ServiceError as exc:
            self.report_error(exc, self.tr("Could not record the decision"))
            return
        self._decision_recorded(item, outcome)

    def _decision_recorded(self, item: AgendaItemRow, outcome: Outcome) -> None:
        self.editor.dirty = False
        message = self.tr("§ %1: %2").replace("%1", str(item.paragraph)).replace("%2", outcome.value)
        if item.activity_id is not None and item.report_id is None:
            act = self.run_action(self.ctx.services.portfolio.get, item.activity_id, self.ctx.today())
            if act is not None:
                message = self.tr("§ %1: %2 — the activity is now at stage \u201d%3\u201d") \
                    .replace("%1", str(item.paragraph)).replace("%2", outcome.value).replace("%3", act.stage.value)
        self._after_write(message)

    # ---- plan a year -----------------------------------------------------------------
    def open_plan_dialog(self) -> None:
        years = {r.held_on.year for r in self.model.rows()}
        today = self.ctx.today()
        year = max(max(years, default=today.year - 1) + 1, today.year)
        dlg = PlanYearDialog(year, self._agreements, self)
        dlg.plan_requested.connect(self._plan)
        self.plan_dialog = dlg
        dlg.open()

    def _plan(self, year: int, body_names: list[str], place: str, agreement_id: object) -> None:
        bodies = [Body[n] for n in body_names]
        sv = self.ctx.services
        dlg = self.plan_dialog
        ag = agreement_id if isinstance(agreement_id, int) else None

        def failed(exc: BaseException) -> None:
            if dlg is not None:
                dlg.show_error(exc)
            if not isinstance(exc, (ServiceError, DomainError)):
                raise exc

        self.ctx.tasks.run(self.tr("Planning meetings…"), lambda: sv.meetings.plan_year(year, bodies, place, ag),
                           on_done=lambda ids: self._planned(year, ids), on_error=failed)

    def _planned(self, year: int, ids: Any) -> None:
        if self.plan_dialog is not None:
            self.plan_dialog.finished_planning()
        n = len(ids)
        self._wanted_year = year
        self.body_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        if n:
            self.status.emit(self.tr("%n meeting(s) planned for %1", "", n).replace("%1", str(year)))
        else:
            self.status.emit(self.tr("Nothing to plan: %1 already has these meetings").replace("%1", str(year)))
        self.reload()
        self.data_changed.emit()

    # ---- screenshots -----------------------------------------------------------------
    def prepare_screenshot(self) -> None:
        """Select the next kommungemensam beredning that has been called, with its agenda."""
        today = self.ctx.today()
        rows = [r for r in self.model.rows() if r.body == Body.BEREDNING and r.held_on >= today
                and r.status == MeetingStatus.KALLAT and r.item_count]
        if not rows:
            return
        self._reveal(rows[0].id)
        self.pages.setCurrentIndex(1)
        if self.item_proxy.rowCount() > 1:
            self.item_view.selectRow(1)

    def selected_meeting_id(self) -> int | None:
        return selected_id(self.view)

