"""The main window: tabs, menus, status bar, global search. Thin: every action is a tab's
or a service's; the window only wires them together."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QTabWidget, QWidget

from .. import __version__
from ..paths import backup_dir, data_dir
from .input_watcher import InputWatcher, input_watcher

if TYPE_CHECKING:  # the tabs pull in SQLAlchemy; they are imported when first built, after the first paint
    from .context import UiContext
    from .tabs.agreements import AgreementsTab
    from .tabs.base import RecordTab
    from .tabs.budget import BudgetTab
    from .tabs.meetings import MeetingsTab
    from .tabs.overview import OverviewTab
    from .tabs.portfolio import PortfolioTab

#: Tab order in the window; `navigate(kind, id)` goes to the tab that shows `kind`.
TAB_KINDS = {"agreement": "agreements", "activity": "portfolio", "meeting": "meetings"}
#: The tabs, in window order (their `key`s, which are also their modules' names in ui/tabs/).
TAB_KEYS = ("overview", "agreements", "portfolio", "meetings", "budget")
TAB_CLASSES = {"overview": "OverviewTab", "agreements": "AgreementsTab", "portfolio": "PortfolioTab",
               "meetings": "MeetingsTab", "budget": "BudgetTab"}


def tab_module(key: str) -> str:
    return f"{__package__}.tabs.{key}"


def import_tab_modules() -> None:
    """Import every tab's module (on a worker thread: importing only defines classes)."""
    for key in TAB_KEYS:
        importlib.import_module(tab_module(key))
#: After the first tab has loaded, the other tabs are built one at a time, this far apart (ms),
#: each only when the user has not typed or clicked for PREBUILD_QUIET_S (a step blocks the
#: window for 10-70 ms: not while somebody types into a filter). The first step, importing the
#: other tabs' modules on a thread, comes one gap after the first tab's data is in (once it is
#: painted): a tab clicked before that imports its module on the GUI thread (~50 ms more for Avtal).
PREBUILD_DELAY_MS, PREBUILD_GAP_MS = 100, 250
PREBUILD_QUIET_S = 2.0
PREBUILD_CURRENT_QUIET_S = 0.5  # for what the visible tab left out (`RecordTab.build_rest`)


class MainWindow(QMainWindow):
    #: the user asked for another database (new or existing file, or a URL)
    open_database_requested = Signal(str)
    new_database_requested = Signal()
    load_demo_requested = Signal()
    restore_requested = Signal()

    def __init__(self, ctx: UiContext | None = None, state: QSettings | None = None) -> None:
        """A window that paints at once; `attach(ctx)` (or passing ctx) builds the tabs."""
        super().__init__()
        self.ctx = ctx  # type: ignore[assignment]
        self.state = state
        self.setObjectName("MainWindow")
        self.setWindowTitle("Samverkan Desktop")
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._tab_list: list[RecordTab | None] = []  # None: not built yet (built on first visit)
        self._prebuild = QTimer(self)
        self._prebuild.setSingleShot(True)
        self._prebuild.timeout.connect(self._prebuild_next)
        self._input: InputWatcher | None = None  # while pre-building: when the user last typed
        self._imports: threading.Thread | None = None  # importing the tabs' modules off the GUI thread
        self._idle_ticks = 0  # background-building ticks in a row that found no task running
        self.extra_actions: dict[str, QAction] = {}
        self._loaded: set[int] = set()
        for title in self.tab_titles():
            waiting = QLabel(self.tr("Opening the database…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(waiting, title)
        self._build_menus()
        self._build_status_bar()
        if ctx is not None:
            self.attach(ctx)

    def tab_titles(self) -> list[str]:
        return [self.tr("Overview"), self.tr("Agreements"), self.tr("Portfolio"), self.tr("Meetings"),
                self.tr("Budget")]

    def attach(self, ctx: UiContext) -> None:
        """Build the tabs over an open database (imports the heavy layers on first use)."""
        first = not self._tab_list
        self.ctx = ctx
        # new tabs over another (or a restored) database: forget the old ones, none has loaded yet
        self._stop_prebuild()
        self._tab_list.clear()
        self._loaded.clear()
        current = max(self.tabs.currentIndex(), 0)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.setParent(None)  # type: ignore[call-overload]  # Python owns it now; freed right here
        self._build_tabs()
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if first:
            self.tabs.currentChanged.connect(self._on_tab_changed)
        self.update_database_label()

    def is_attached(self) -> bool:
        return bool(self._tab_list)

    def show_no_database(self) -> None:
        """Before any database is open (the chosen one could not be opened): say what to do
        instead of "Opening the database…"."""
        if self.is_attached():
            return
        for i in range(self.tabs.count()):
            label = self.tabs.widget(i)
            if isinstance(label, QLabel):
                label.setText(self.tr("No database is open. Choose File → Open database… or File → New "
                                      "database…"))

    # ---- construction ------------------------------------------------------------
    def _build_tabs(self) -> None:
        """One page per tab; each tab's widgets are built on its first visit (`_tab`), so
        opening a database builds only the visible one: the others cost 0.1–0.4 s each."""
        for title in self.tab_titles():
            waiting = QLabel(self.tr("Loading…"))
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(waiting, title)
            self._tab_list.append(None)

    def _tab(self, index: int) -> RecordTab:
        """The tab at `index`, built now if this is its first use."""
        tab = self._tab_list[index]
        if tab is not None:
            return tab
        key = TAB_KEYS[index]
        cls = getattr(importlib.import_module(tab_module(key)), TAB_CLASSES[key])
        tab = cls(self.ctx)
        self._tab_list[index] = tab
        tab.navigate.connect(self.navigate)
        tab.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tab.data_changed.connect(self._on_data_changed)
        tab.documents_requested.connect(self._documents)
        if key == "overview":
            tab.load_demo_requested.connect(self.load_demo_requested)
            tab.new_database_requested.connect(self.new_database_requested)
            tab.open_database_requested.connect(self._ask_open_database)
            tab.create_agreement_requested.connect(self._create_agreement)
        if self.state is not None:
            tab.restore_state(self.state)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        page = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, self.tab_titles()[index])
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        if page is not None:
            page.setParent(None)  # type: ignore[call-overload]
        return tab

    def _built(self, key: str) -> RecordTab | None:
        """The tab with `key` if it has been built (None: never visited, nothing to ask it)."""
        return self._tab_list[TAB_KEYS.index(key)] if self._tab_list else None

    @property
    def overview(self) -> OverviewTab:
        return self._tab(0)  # type: ignore[return-value]

    @property
    def agreements(self) -> AgreementsTab:
        return self._tab(1)  # type: ignore[return-value]

    @property
    def portfolio(self) -> PortfolioTab:
        return self._tab(2)  # type: ignore[return-value]

    @property
    def meetings(self) -> MeetingsTab:
        return self._tab(3)  # type: ignore[return-value]

    @property
    def budget(self) -> BudgetTab:
        return self._tab(4)  # type: ignore[return-value]

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None,
                name: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        if name:
            act.setObjectName(name)
            self.extra_actions[name] = act
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        arkiv = mb.addMenu(self.tr("&File"))
        arkiv.addAction(self._action(self.tr("New database…"), self.new_database_requested.emit, name="newDatabase"))
        arkiv.addAction(self._action(self.tr("Open database…"), self._ask_open_database, QKeySequence.StandardKey.Open,
                                     name="openDatabase"))
        arkiv.addSeparator()
        arkiv.addAction(self._action(self.tr("Back up…"), self._backup, name="backup"))
        arkiv.addAction(self._action(self.tr("Restore…"), self.restore_requested.emit, name="restore"))
        arkiv.addSeparator()
        self.export_menu = arkiv.addMenu(self.tr("Export"))
        self.export_menu.addAction(self._action(self.tr("Portfolio as Excel workbook…"),
                                                lambda: self.excel_actions() and self._excel.ask_export(),
                                                QKeySequence("Ctrl+E"), name="exportPortfolio"))
        self.export_menu.addAction(self._action(self.tr("Calendar (iCalendar)…"), self._export_calendar,
                                                name="exportCalendar"))
        arkiv.addAction(self._action(self.tr("Import portfolio from Excel…"),
                                     lambda: self.excel_actions() and self._excel.ask_import(), name="importPortfolio"))
        arkiv.addAction(self._action(self.tr("Documents and printing…"), self._documents, QKeySequence.StandardKey.Print,
                                     name="documents"))
        arkiv.addAction(self._action(self.tr("Personal data (GDPR)…"), self._personal_data, name="personalData"))
        arkiv.addSeparator()
        arkiv.addAction(self._action(self.tr("Preferences…"), self._preferences, name="preferences"))
        arkiv.addSeparator()
        arkiv.addAction(self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit, name="quit"))

        edit = mb.addMenu(self.tr("&Edit"))
        edit.addAction(self._action(self.tr("New record"), lambda: self.current_tab().new_record(),
                                    QKeySequence.StandardKey.New, name="newRecord"))
        edit.addAction(self._action(self.tr("Save"), lambda: self.current_tab().save(), QKeySequence.StandardKey.Save,
                                    name="save"))
        edit.addAction(self._action(self.tr("Delete…"), lambda: self.current_tab().delete_selected(),
                                    QKeySequence.StandardKey.Delete, name="delete"))
        # Enter opens the selected row through each table's `activated` signal, so typing
        # Enter in a text field never triggers it.
        edit.addAction(self._action(self.tr("Open selected"), lambda: self.current_tab().open_selected(),
                                    name="openSelected"))
        edit.addSeparator()
        edit.addAction(self._action(self.tr("Search…"), self.focus_search, QKeySequence.StandardKey.Find, name="find"))

        view = mb.addMenu(self.tr("&View"))
        for i in range(5):
            view.addAction(self._action(self.tabs.tabText(i), lambda i=i: self.tabs.setCurrentIndex(i),
                                        QKeySequence(f"Ctrl+{i + 1}")))
        view.addSeparator()
        view.addAction(self._action(self.tr("Refresh"), self.reload_all, QKeySequence.StandardKey.Refresh,
                                    name="refresh"))

        helpm = mb.addMenu(self.tr("&Help"))
        helpm.addAction(self._action(self.tr("Where is my data?"), self._where_is_data, name="whereData"))
        helpm.addAction(self._action(self.tr("About Samverkan Desktop"), self._about, name="about"))

    def _build_status_bar(self) -> None:
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setPlaceholderText(self.tr("Search everything (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.setMaximumWidth(360)
        self.search.returnPressed.connect(self._run_search)
        corner = QWidget()
        from PySide6.QtWidgets import QHBoxLayout

        lay = QHBoxLayout(corner)
        lay.setContentsMargins(4, 2, 8, 2)
        lay.addWidget(self.search)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.update_database_label()

    # ---- public -------------------------------------------------------------------
    def current_tab(self) -> RecordTab:
        from .tabs.base import RecordTab

        if self.is_attached() and self.tabs.currentIndex() >= 0:
            return self._tab(self.tabs.currentIndex())
        return RecordTab(self.ctx)  # not attached yet: a tab that does nothing

    def tab_list(self) -> list[RecordTab]:
        """Every tab (built now if not yet)."""
        return [self._tab(i) for i in range(len(self._tab_list))]

    def update_database_label(self) -> None:
        if self.ctx is not None:
            self.db_label.setText(self.tr("Database: %1").replace("%1", self.ctx.services.db.display_name()))

    def load_first_tab(self) -> None:
        """Called once the window is painted and attached: load the visible tab's data, then
        build the other tabs one at a time while the user reads the first."""
        if self.is_attached():
            self._on_tab_changed(self.tabs.currentIndex())
            if self._input is None:
                self._input = input_watcher(QApplication.instance())
                self._input.watch()
            self._prebuild.start(PREBUILD_DELAY_MS)

    def _stop_prebuild(self) -> None:
        self._prebuild.stop()
        if self._input is not None:
            self._input.unwatch()
            self._input = None

    def _prebuild_next(self) -> None:
        """Build one more never-visited tab (each is one short block of the event loop instead
        of all five at once when the database opens), then, one at a time, the parts the tabs
        left out to show sooner (`RecordTab.build_rest`), then stop. The timer is the window's
        child: it dies with the window."""
        if not self.is_attached():
            return
        # A background task (loading a tab's data, an export) has the interpreter most of the time:
        # building widgets meanwhile takes 2-3 times as long on the GUI thread and slows the task.
        if self.ctx.tasks.running() or (self._imports is not None and self._imports.is_alive()):
            self._idle_ticks = 0
            self._prebuild.start(PREBUILD_GAP_MS)
            return
        self._idle_ticks += 1
        if self._imports is None and self._idle_ticks < 2:
            # the first tab's rows have just arrived: let them be painted first (a Python thread
            # importing meanwhile makes every call from Qt into Python wait for the interpreter,
            # which held the paint back 100-170 ms at 50 000 activities)
            self._prebuild.start(PREBUILD_GAP_MS)
            return
        if self._imports is None:
            # the other tabs' modules (~0.15 s; only the first tab's was imported before its data)
            self._imports = threading.Thread(target=import_tab_modules, name="import-tabs", daemon=True)
            self._imports.start()
            self._prebuild.start(PREBUILD_GAP_MS)
            return
        quiet = self._input.quiet_for() if self._input is not None else PREBUILD_QUIET_S
        current = self._tab_list[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else None
        # first what the visible tab left out (what the user is likely to need next), after a
        # short pause; then the other tabs, after a longer one
        if quiet >= PREBUILD_CURRENT_QUIET_S and current is not None and current.build_rest():
            self._prebuild.start(PREBUILD_GAP_MS)
            return
        if quiet < PREBUILD_QUIET_S:
            self._prebuild.start(PREBUILD_GAP_MS)
            return
        for i, tab in enumerate(self._tab_list):
            if tab is None:
                self._tab(i)
                self._prebuild.start(PREBUILD_GAP_MS)
                return
        for tab in self._tab_list:  # then the parts the tabs left out to show sooner
            if tab is not None and tab.build_rest():
                self._prebuild.start(PREBUILD_GAP_MS)
                return
        self._stop_prebuild()  # all built

    def reload_all(self) -> None:
        self._loaded.clear()
        self._on_tab_changed(self.tabs.currentIndex())

    def navigate(self, kind: str, ident: int) -> None:
        if kind == "person":
            self._show_person(ident)
            return
        key = TAB_KINDS.get(kind)
        if key is not None and self.is_attached():
            i = TAB_KEYS.index(key)
            self.tabs.setCurrentIndex(i)
            self._tab(i).show_record(kind, ident)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---- state --------------------------------------------------------------------
    def restore_window_state(self) -> None:
        if self.state is None:
            return
        geo = self.state.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        st = self.state.value("window/state")
        if st is not None:
            self.restoreState(st)
        for tab in self._tab_list:  # (a tab built later restores its own)
            if tab is not None:
                tab.restore_state(self.state)
        self.restore_current_tab()

    def first_tab_key(self) -> str:
        """The tab that will show when the database is attached (the one saved at exit)."""
        idx = self.state.value("window/tab") if self.state is not None else None
        if idx is not None and str(idx).isdigit() and 0 <= int(idx) < len(TAB_KEYS):
            return TAB_KEYS[int(idx)]
        return TAB_KEYS[max(self.tabs.currentIndex(), 0)]

    def restore_current_tab(self) -> None:
        if self.state is None:
            return
        idx = self.state.value("window/tab")
        if idx is not None and str(idx).isdigit() and 0 <= int(idx) < self.tabs.count():
            self.tabs.setCurrentIndex(int(idx))

    def save_window_state(self) -> None:
        if self.state is None or not self.is_attached():
            return
        self.state.setValue("window/geometry", self.saveGeometry())
        self.state.setValue("window/state", self.saveState())
        self.state.setValue("window/tab", self.tabs.currentIndex())
        for tab in self._tab_list:  # never-built tabs keep what was saved before
            if tab is not None:
                tab.save_state(self.state)
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._stop_prebuild()
        self.save_window_state()
        if self.ctx is not None:
            self.ctx.tasks.cancel_all_and_wait()
        super().closeEvent(event)

    # ---- slots --------------------------------------------------------------------
    def _on_tab_changed(self, index: int) -> None:
        if index < 0 or index in self._loaded or index >= len(self._tab_list):
            return
        self._loaded.add(index)
        self._tab(index).reload()

    def _on_data_changed(self) -> None:
        current = self.tabs.currentIndex()
        self._loaded = {current}

    def _create_agreement(self) -> None:
        self.tabs.setCurrentWidget(self.agreements)
        self.agreements.new_record()

    def _ask_open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), str(data_dir()),
                                              self.tr("Samverkan databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_database_requested.emit(path)

    def _backup(self) -> None:
        if self.ctx is None:
            return
        from .dialogs.backup import run_backup

        run_backup(self, self.ctx, backup_dir())

    def _preferences(self) -> None:
        if self.ctx is None:
            return
        from .dialogs.preferences import PreferencesDialog

        dlg = PreferencesDialog(self.ctx.prefs, self)
        dlg.accepted_prefs.connect(self._apply_prefs)
        dlg.open()

    def _apply_prefs(self, prefs: object) -> None:
        from ..settings import Preferences, save_preferences

        assert isinstance(prefs, Preferences)
        language_changed = prefs.language != self.ctx.prefs.language
        self.ctx.prefs = prefs
        save_preferences(prefs)
        self.reload_all()
        if language_changed:
            self.ctx.messenger.info(self, self.tr("Language"),
                                    self.tr("The new language is used the next time the program starts."))

    def _run_search(self) -> None:
        if self.ctx is None:
            return
        from .dialogs.search import SearchDialog

        text = self.search.text().strip()
        if not text:
            return
        dlg = SearchDialog(self.ctx, text, self)
        dlg.chosen.connect(self.navigate)
        dlg.open()

    def excel_actions(self) -> bool:
        """The Excel export/import actions for the open database (False before one is open)."""
        if self.ctx is None:
            return False
        from .dialogs.excel_export import ExcelActions

        if getattr(self, "_excel", None) is None or self._excel.ctx is not self.ctx:
            self._excel = ExcelActions(self.ctx, self)
            self._excel.status.connect(lambda text: self.statusBar().showMessage(text, 10000))
        return True

    def document_actions(self):  # type: ignore[no-untyped-def]
        from .dialogs.print_documents import DocumentActions

        if getattr(self, "_document_actions", None) is None or self._document_actions.ctx is not self.ctx:
            self._document_actions = DocumentActions(self.ctx, self)
            self._document_actions.status.connect(lambda text: self.statusBar().showMessage(text, 10000))
        return self._document_actions

    def _documents(self) -> None:
        if self.ctx is None:
            return
        from .dialogs.print_documents import DocumentDialog

        portfolio, meetings = self._built("portfolio"), self._built("meetings")
        activity = portfolio.current_record() if portfolio is not None else None
        meeting = meetings.current_record() if meetings is not None else None
        paragraphs: list[int] = []
        if meeting is not None:
            paragraphs = [i.paragraph for i in self.ctx.services.meetings.get(meeting[0]).items]
        dlg = DocumentDialog(self.document_actions(), activity, meeting, paragraphs, self)
        if meetings is not None and self.current_tab() is meetings and meeting is not None:
            dlg.kind.setCurrentIndex(dlg.kind.count() - 3 if dlg.kind.count() >= 3 else 0)
        dlg.open()

    def _export_calendar(self) -> None:
        if self.ctx is None:
            return
        from dataclasses import replace
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from ..settings import save_preferences
        from .standard_dirs import default_export_dir

        start = Path(self.ctx.prefs.last_export_dir or default_export_dir()) / "samverkan.ics"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export calendar"), str(start),
                                              self.tr("iCalendar (*.ics)"))
        if not path:
            return
        ctx = self.ctx
        today, days = ctx.today(), max(ctx.prefs.radar_days, 365)

        def work() -> int:
            from ..db.errors import describe_os_error
            from ..services.errors import ServiceError

            data, count = ctx.services.documents.calendar_ics(today, days)
            tmp = Path(path + ".tmp")
            try:
                tmp.write_bytes(data)
                tmp.replace(path)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise ServiceError(self.tr("The calendar could not be saved as %1: %2.")
                                   .replace("%1", path).replace("%2", describe_os_error(exc))) from exc
            return count

        def failed(exc: BaseException) -> None:
            # a database problem arrives as its Swedish DatabaseError (TaskRunner.error_filter)
            ctx.messenger.warning(self, self.tr("Export calendar"), str(exc))

        def done(count: object) -> None:
            ctx.prefs = replace(ctx.prefs, last_export_dir=str(Path(path).parent))
            try:
                save_preferences(ctx.prefs)
            except OSError:
                pass
            self.statusBar().showMessage(self.tr("%1 events written to %2").replace("%1", str(count))
                                         .replace("%2", path), 10000)

        ctx.tasks.run(self.tr("Exporting the calendar…"), work, on_done=done, on_error=failed)

    def _show_person(self, person_id: int) -> None:
        if self.ctx is None:
            return
        people = {p.id: p for p in self.ctx.services.people.people()}
        p = people.get(person_id)
        if p is None:
            return
        lines = [p.name, p.title, p.organisation, p.email, p.phone]
        uses = self.ctx.services.people.usage_count(p.id)
        lines.append(self.tr("Appears in %1 roles, activities or meetings.").replace("%1", str(uses)))
        self.ctx.messenger.info(self, self.tr("Person"), "\n".join(line for line in lines if line))

    def _personal_data(self) -> None:
        """Arkiv → Personuppgifter: export or pseudonymise a person (ui/dialogs/privacy_dialog.py)."""
        if self.ctx is None:
            return
        from .dialogs.privacy_dialog import PrivacyDialog

        dlg = PrivacyDialog(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.data_changed.connect(self.reload_all)
        self.privacy_dialog = dlg
        dlg.open()

    def _where_is_data(self) -> None:
        if self.ctx is None:
            return
        self.ctx.messenger.info(
            self, self.tr("Where is my data?"),
            self.tr("Database: %1\nBackups: %2\nData folder: %3").replace("%1", self.ctx.services.db.display_name())
            .replace("%2", str(backup_dir())).replace("%3", str(data_dir())))

    def _about(self) -> None:
        self.ctx.messenger.info(self, self.tr("About Samverkan Desktop"),
                                self.tr("Samverkan Desktop %1\nAgreements, portfolio, meetings and money of the "
                                        "municipality's research collaborations.").replace("%1", __version__))


def defer(fn: Callable[[], None]) -> None:
    QTimer.singleShot(0, fn)
