"""Arkiv → Säkerhetskopiera…: a verified copy written in the background."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ...db.backups import backup_to
from ...db.errors import DatabaseError
from ..context import UiContext


def run_backup(parent: QWidget, ctx: UiContext, default_dir: Path) -> None:
    db = ctx.services.db
    if not db.is_sqlite:
        ctx.messenger.info(parent, QApplication.translate("Backup", "Back up"),
                           QApplication.translate("Backup", "A shared PostgreSQL database is backed up on the server (pg_dump)."))
        return
    name = f"samverkan-{datetime.now().strftime('%Y%m%d-%H%M')}.sqlite"
    path, _ = QFileDialog.getSaveFileName(parent, QApplication.translate("Backup", "Back up the database"), str(default_dir / name),
                                          QApplication.translate("Backup", "Samverkan databases (*.sqlite)"))
    if not path:
        return

    def done(dest: object) -> None:
        ctx.messenger.info(parent, QApplication.translate("Backup", "Back up"),
                           QApplication.translate("Backup", "Backup written and verified:\n%1").replace("%1", str(dest)))

    def failed(exc: BaseException) -> None:
        # a DatabaseError says in Swedish what happened (full disk, read-only folder, locked …)
        if isinstance(exc, DatabaseError):
            ctx.messenger.error(parent, QApplication.translate("Backup", "The backup failed"), str(exc), exc.detail)
        else:
            ctx.messenger.warning(parent, QApplication.translate("Backup", "Back up"),
                                  QApplication.translate("Backup", "The backup failed: %1").replace("%1", str(exc)))

    ctx.tasks.run(QApplication.translate("Backup", "Backing up…"), lambda: backup_to(db, Path(path)), on_done=done,
                  on_error=failed, cancellable=False)
