"""Starts the Qt application. The window is painted first (Qt only); the database, the
services and the tabs — which import SQLAlchemy — follow in the next event-loop turn, and the
visible tab's data is loaded in the background after that. Every environment problem of the
database becomes a clear Swedish message (db/open.py)."""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog

from ..paths import default_database_path, resource_dir
from ..settings import load_preferences, remember_database, save_preferences
from .gc_policy import install_main_thread_gc
from .i18n import install_translators
from .main_window import MainWindow
from .messages import Messenger

if TYPE_CHECKING:
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
        from ..db.open import open_database
        from ..db.restore import restore_damaged
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
            db = open_database(target, backup_dir=backup_dir())
        except DatabaseError as exc:
            if new_lock is not None:
                new_lock.release()
            backup = getattr(exc, "latest_backup", None)
            if (_retry and path is not None and getattr(exc, "can_restore", False) and backup is not None
                    and self.messenger.confirm(self.window, QApplication.translate("Controller", "Could not open the database"),
                                               str(exc) + "\n\n" + QApplication.translate("Controller", "Restore the backup from %1? "
                                                                       "The damaged file is kept beside it.")
                                               .replace("%1", backup.describe()))):
                try:
                    restore_damaged(path, backup.path)
                except DatabaseError as exc2:
                    self.messenger.error(self.window, QApplication.translate("Controller", "Could not restore"), str(exc2))
                    return False
                return self.open(target, _retry=False)
            self.messenger.error(self.window, QApplication.translate("Controller", "Could not open the database"), str(exc))
            return False
        self._attach(db, target)
        if new_lock is not None:
            if self.lock is not None:
                self.lock.release()
            self.lock, self.lock_path = new_lock, path
        self._auto_backup("start", background=True)
        return True

    def _attach(self, db: object, target: str) -> None:
        from ..services import Services
        from .context import UiContext
        from .tasks import TaskRunner

        old = self.services
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
                        today_fn=(lambda: self.today) if self.today else date.today)
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

        def work() -> object:
            return auto_backup(db, backup_dir(), policy=BackupPolicy.from_preferences(self.prefs), reason=reason)

        def failed(exc: BaseException) -> None:
            self.messenger.warning(self.window, QApplication.translate("Controller", "Automatic backup"), str(exc))

        if background:
            self.window.ctx.tasks.run(QApplication.translate("Controller", "Backing up…"), work, on_error=failed,
                                      cancellable=False)
        else:
            try:
                work()
            except Exception as exc:  # noqa: BLE001 - never lose the exit over a backup; say so instead
                failed(exc)

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


def install_crash_handler(messenger: Messenger) -> None:
    """Bugs (not environment problems) go to the log and a dialog; the program keeps running."""
    from ..logging_setup import log_exception

    def hook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
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
    install_main_thread_gc(app)
    prefs = load_preferences()
    install_translators(app, lang or prefs.language)
    controller = Controller(app, today)
    install_crash_handler(controller.messenger)
    controller.show()

    app.aboutToQuit.connect(controller.close)
    target = db_target or controller.prefs.last_database or str(default_database_path())

    def open_first() -> None:
        if controller.open(target):
            return
        fallback = str(default_database_path())
        if target != fallback and controller.open(fallback):
            return
        controller.messenger.error(controller.window, "Samverkan Desktop",
                                   QApplication.translate("Controller", "The program cannot start without a "
                                                          "database."))
        app.quit()

    QTimer.singleShot(0, open_first)
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
