"""Starts the Qt application. The window is painted first (Qt only); once it has been painted
the database is opened on a worker thread (SQLAlchemy and the models are imported there, the
file is checked and upgraded) while the event loop keeps the window painted; then the services
and the tabs are attached, and the visible tab's data is loaded in the background. Every environment problem of the
database becomes a clear Swedish message (db/open.py)."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog

from ..paths import default_database_path, resource_dir
from ..settings import Preferences, load_preferences, remember_database, save_preferences
from .gc_policy import install_main_thread_gc
from .gil_policy import favour_gui_thread
from .i18n import install_translators
from .main_window import MainWindow, tab_module
from .messages import Messenger

if TYPE_CHECKING:
    from ..db.errors import BackupInfo, DatabaseError
    from ..db.lock import InstanceLock
    from ..services import Services


class Controller:
    """Owns the window and the open database; swaps databases on request."""

    def __init__(self, app: QApplication, today: date | None, messenger: Messenger | None = None) -> None:
        self.app = app
        self.today = today
        self.prefs = load_preferences()
        self.messenger = messenger or Messenger()
        self.state = QSettings("Samverkan", "Samverkan Desktop")
        self.window = MainWindow(None, self.state)
        self.window.open_database_requested.connect(self.open)
        self.window.new_database_requested.connect(self.new_database)
        self.window.load_demo_requested.connect(self.load_demo)
        self.services: Services | None = None
        self.lock: InstanceLock | None = None
        self.lock_path: Path | None = None
        self.window.restore_requested.connect(self.restore)

    def show(self) -> None:
        geo = self.state.value("window/geometry")
        if geo is not None:
            self.window.restoreGeometry(geo)
        self.window.show()

    def open(self, target: str, *, _retry: bool = True) -> bool:
        """Open (create, upgrade) a database and attach it to the window: warn about shared
        folders, lock the file for this instance, offer a verified backup when the file is
        damaged, and take an automatic backup once the window shows."""
        from ..db.errors import DatabaseError
        from ..db.location import location_warning
        from ..db.lock import acquire_instance_lock
        from ..paths import backup_dir

        path = None if "://" in target else Path(target).expanduser().resolve()
        if path is not None:
            warning = location_warning(path)
            if warning is not None:
                self.messenger.warning(self.window, QApplication.translate("Controller", "Database location"), str(warning))
        new_lock = None
        try:
            if path is not None and (self.lock is None or self.lock_path != path):
                new_lock = acquire_instance_lock(path)

            first_tab = tab_module(self.window.first_tab_key())

            def open_it() -> object:
                # SQLAlchemy, the models, the services and the first tab's module are imported
                # here, off the GUI thread (importing defines classes; no widget is made); the
                # other tabs' modules after its data shows (MainWindow._prebuild_next)
                from .. import services  # noqa: F401
                from ..db.open import open_database

                importlib.import_module(first_tab)
                return open_database(target, backup_dir=backup_dir())

            db = off_gui_thread(open_it)
        except DatabaseError as exc:
            if new_lock is not None:
                new_lock.release()
            from .database_problems import restore_question

            title = QApplication.translate("Controller", "Could not open the database")
            backup = exc.latest_backup if exc.can_restore else None
            if _retry and path is not None and backup is not None:
                # the offer names the backup's time; "No" leaves everything as it is
                if self.messenger.confirm(self.window, title, exc.message + "\n\n" + restore_question(exc)):
                    return self._restore_damaged(path, backup, target)
                self.window.show_no_database()
                return False
            self.messenger.error(self.window, title, str(exc), exc.detail)
            self.window.show_no_database()
            return False
        self._attach(db, target)
        if new_lock is not None:
            if self.lock is not None:
                self.lock.release()
            self.lock, self.lock_path = new_lock, path
        self._auto_backup("start", background=True)
        return True

    def open_at_start(self, target: str) -> bool:
        """The database the program starts with. When it cannot be opened (and the user has not
        restored a backup) the window stays open without a database and says how to open or
        create one: never another database in its place, so nobody works on, say, an empty
        default file believing it is theirs."""
        if self.open(target):
            return True
        self.window.show_no_database()
        return False

    def _restore_damaged(self, path: Path, backup: BackupInfo, target: str) -> bool:
        """Put a verified backup in place of a damaged or missing file (the damaged file is kept
        as `<name>.damaged`), open it and say where everything is."""
        from ..db.errors import DatabaseError, format_when
        from ..db.restore import restore_damaged

        try:
            result = restore_damaged(path, backup.path)
        except DatabaseError as exc:
            self.messenger.error(self.window, QApplication.translate("Controller", "Could not restore"), str(exc),
                                 exc.detail)
            return False
        if not self.open(target, _retry=False):
            return False
        if result.kept_aside is not None:
            text = QApplication.translate("Controller", "The backup from %1 has been restored and opened. The "
                                          "damaged file is kept as “%2” in the same folder.")
        else:
            text = QApplication.translate("Controller", "The backup from %1 has been put back in place of the "
                                          "missing file and opened.")
        text = text.replace("%1", format_when(backup.taken_at)).replace(
            "%2", result.kept_aside.name if result.kept_aside is not None else "")
        self.messenger.info(self.window, QApplication.translate("Controller", "Restore"), text)
        return True

    def _restore_after_problem(self, problem: DatabaseError) -> None:
        """The user accepted the backup offered after the open file was removed or found damaged
        while the program ran: close it, put the backup in its place, open that."""
        if problem.path is None or problem.latest_backup is None:
            return
        if self.services is not None and self.window.is_attached():
            self.window.save_window_state()
            self.window.ctx.tasks.cancel_all_and_wait()
            self.services.db.dispose()
        self._restore_damaged(problem.path, problem.latest_backup, str(problem.path))

    def report_problem(self, exc: BaseException) -> bool:
        """For the crash handler: an environment problem of the database that an action hit
        (disk full, file removed, locked, connection lost) is shown as its Swedish message (True);
        anything else is a bug (False)."""
        from .database_problems import report_database_problem

        if not self.window.is_attached():
            return False
        return report_database_problem(self.window.ctx, QApplication.activeWindow() or self.window, exc)

    def _attach(self, db: object, target: str) -> None:
        from ..services import Services
        from .context import UiContext
        from .tasks import TaskRunner

        old = self.services
        self.prefs = self.current_prefs()  # keep what the user changed in Preferences
        if old is not None and self.window.is_attached():
            self.window.save_window_state()
            self.window.ctx.tasks.cancel_all_and_wait()
        self.services = Services.build(db)  # type: ignore[arg-type]
        self.prefs = remember_database(self.prefs, target)
        try:
            save_preferences(self.prefs)
        except OSError:
            pass
        ctx = UiContext(services=self.services, prefs=self.prefs, messenger=self.messenger, tasks=TaskRunner(None),
                        today_fn=(lambda: self.today) if self.today else date.today,
                        restore_backup=self._restore_after_problem)
        self.window.attach(ctx)
        self.window.restore_window_state()
        if old is not None and old.db is not self.services.db:
            old.db.dispose()
        QTimer.singleShot(0, self.window.load_first_tab)

    def _auto_backup(self, reason: str, *, background: bool) -> None:
        """A verified copy when the database changed since the last one (SQLite only)."""
        from ..db.backups import BackupPolicy, auto_backup
        from ..paths import backup_dir

        if self.services is None or not self.services.db.is_sqlite:
            return
        db = self.services.db
        prefs = self.current_prefs()

        def work() -> object:
            return auto_backup(db, backup_dir(), policy=BackupPolicy.from_preferences(prefs), reason=reason)

        def failed(exc: BaseException) -> None:
            from .database_problems import problem_for

            self.messenger.warning(self.window, QApplication.translate("Controller", "Automatic backup"),
                                   str(problem_for(exc, db) or exc))

        if background:
            self.window.ctx.tasks.run(QApplication.translate("Controller", "Backing up…"), work, on_error=failed,
                                      cancellable=False)
        else:
            try:
                work()
            except Exception as exc:  # noqa: BLE001 - never lose the exit over a backup; say so instead
                failed(exc)

    def current_prefs(self) -> Preferences:
        """The preferences in force: the window's (Arkiv → Inställningar changes them there)."""
        return self.window.ctx.prefs if self.window.is_attached() else self.prefs

    def close(self) -> None:
        """At exit: backup if changed, release the lock."""
        if self.window.is_attached():
            self.window.save_window_state()
            self.window.ctx.tasks.cancel_all_and_wait()
        self._auto_backup("stäng", background=False)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def restore(self) -> None:
        """Arkiv → Återställ…: verify an untrusted file, then swap it in (current file kept aside)."""
        from ..db.errors import DatabaseError
        from ..db.restore import restore_and_open, verify_backup_file
        from ..paths import backup_dir

        if self.services is None or self.services.db.path is None:
            self.messenger.info(self.window, QApplication.translate("Controller", "Restore"),
                                QApplication.translate("Controller", "A shared PostgreSQL database is restored on the server."))
            return
        target = self.services.db.path
        source, _ = QFileDialog.getOpenFileName(self.window, QApplication.translate("Controller", "Restore a backup"),
                                                str(backup_dir()), QApplication.translate("Controller", "Samverkan databases (*.sqlite)"))
        if not source:
            return
        try:
            info = verify_backup_file(Path(source))
        except DatabaseError as exc:
            self.messenger.warning(self.window, QApplication.translate("Controller", "Restore"), str(exc))
            return
        if not self.messenger.confirm(self.window, QApplication.translate("Controller", "Restore"),
                                      info.summary() + "\n\n" + QApplication.translate("Controller", "Replace the open database with "
                                                                    "this backup? The current file is kept beside it.")):
            return
        self.window.save_window_state()
        self.window.ctx.tasks.cancel_all_and_wait()
        self.services.db.dispose()
        try:
            db, result = restore_and_open(Path(source), target, backup_dir=backup_dir())
        except DatabaseError as exc:
            self.messenger.warning(self.window, QApplication.translate("Controller", "Restore"), str(exc))
            return
        self._attach(db, str(target))
        self.messenger.info(self.window, QApplication.translate("Controller", "Restore"), result.message())

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, QApplication.translate("Controller", "New database"),
                                              str(default_database_path().parent / "ny-databas.sqlite"),
                                              QApplication.translate("Controller", "Samverkan databases (*.sqlite)"))
        if path:
            if Path(path).exists():
                self.messenger.warning(self.window, QApplication.translate("Controller", "New database"),
                                       QApplication.translate("Controller", "The file already exists; use Open."))
                return
            self.open(path)

    def load_demo(self) -> None:
        from ..services.demo import load_demo

        window = self.window
        ctx = window.ctx

        def done(_: object) -> None:
            window.reload_all()
            window.statusBar().showMessage(QApplication.translate("Controller", "Demo data loaded."), 8000)

        def failed(exc: BaseException) -> None:
            self.messenger.warning(window, QApplication.translate("Controller", "Demo data"), str(exc))

        ctx.tasks.run(QApplication.translate("Controller", "Loading demo data…"),
                      lambda: load_demo(ctx.services, ctx.today()), on_done=done, on_error=failed,
                      cancellable=False)


def off_gui_thread(work: Callable[[], object]) -> object:
    """Run `work` on a thread and wait for it while the event loop keeps turning: the window
    repaints instead of freezing. User input waits until the work is done (no clicks into a
    half-opened database). Returns the result or raises the work's exception."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="open-database", daemon=True)
    thread.start()
    app = QApplication.instance()
    while thread.is_alive():
        if app is not None:
            app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 15)
        thread.join(0.03)  # a longer wait: waking often would take the GIL from the work
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return outcome.get("value")


class _FirstPaint(QObject):
    """Calls `then` once, in the event-loop turn after the window's first paint."""

    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(1000, self._fire)  # no paint (minimised, no screen): go on anyway

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.parent().removeEventFilter(self)
            then()


def install_crash_handler(messenger: Messenger,
                          problems: Callable[[BaseException], bool] | None = None) -> None:
    """Bugs (not environment problems) go to the log and a dialog; the program keeps running.
    `problems` (Controller.report_problem) shows an environment problem of the database that an
    action did not catch itself — disk full, file removed, locked — as its Swedish message."""
    from ..logging_setup import configure, log_exception

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        if problems is not None and isinstance(exc, Exception):
            try:
                handled = problems(exc)
            except Exception:  # noqa: BLE001 - then it is shown as the unexpected error it is
                handled = False
            if handled:
                configure().warning("Database problem", exc_info=exc.with_traceback(tb))  # type: ignore[arg-type]
                return
        where = log_exception(exc.with_traceback(tb))  # type: ignore[arg-type]
        messenger.error(None, QApplication.translate("Controller", "Unexpected error"),
                        QApplication.translate("Controller", "Something went wrong and the last action may not "
                                               "have been completed. The details are in the log:\n%1")
                        .replace("%1", str(where)), f"{exc_type.__name__}: {exc}")

    sys.excepthook = hook


def run(db_target: str | None, today: date | None, lang: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Samverkan Desktop")
    app.setOrganizationName("Samverkan")
    icon = QIcon()
    for px in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_dir() / "icons" / f"samverkan-{px}.png"))
    app.setWindowIcon(icon)
    favour_gui_thread()
    gc_policy = install_main_thread_gc(app)  # noqa: F841 - lives as long as the event loop runs
    prefs = load_preferences()
    install_translators(app, lang or prefs.language)
    controller = Controller(app, today)
    install_crash_handler(controller.messenger, controller.report_problem)
    if os.environ.get("SAMVERKAN_STARTUP_TRACE"):  # benchmarks/run_all.py: start-up timestamps, then quit
        from .startup_trace import install_if_requested

        _trace = install_if_requested(app, controller.window)  # noqa: F841 - lives until exit
    controller.show()

    app.aboutToQuit.connect(controller.close)
    target = db_target or controller.prefs.last_database or str(default_database_path())

    def open_first() -> None:
        controller.open_at_start(target)

    _FirstPaint(controller.window, open_first)
    quit_after = os.environ.get("SAMVERKAN_QUIT_AFTER_MS", "")
    if quit_after.isdigit():  # smoke tests and the start-up benchmark: quit once shown and loaded
        QTimer.singleShot(int(quit_after), app.quit)
    code = int(app.exec())
    # Everything is saved (each action committed; window state in aboutToQuit). Leave without
    # Python's finalizer tearing down Qt wrappers in arbitrary order, which can crash PySide.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
