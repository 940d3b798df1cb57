"""Problems of the database's surroundings while the program runs — the disk is full, the file
was removed or made read-only, another program holds a lock, the server connection was lost —
shown as the specific Swedish message from `db.open.runtime_error`, never as a crash.

One place for every path an error can take after start-up:
- `RecordTab.report_error` (a tab's own actions and its background loads),
- `TaskRunner` (every background task's `on_error` gets the classified error, see UiContext),
- the crash handler (anything a slot did not catch, e.g. a Ctrl+S save).
Bugs (SQL errors, constraints, missing tables) are left alone and still reach the crash dialog.
The service transaction of the failed action was rolled back as a whole, which the message says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from ..db.errors import DatabaseError, DatabaseGoneError, format_when

if TYPE_CHECKING:
    from .context import UiContext


def problem_for(exc: BaseException, db: object) -> DatabaseError | None:
    """The specific DatabaseError for an environment problem of `db`, or None for a bug."""
    from ..db.open import runtime_error
    from ..paths import backup_dir

    if isinstance(exc, DatabaseError):
        return exc
    try:
        return runtime_error(exc, db, backup_dir=backup_dir())
    except Exception:  # noqa: BLE001 - classifying must never hide the original error
        return None


def restore_question(problem: DatabaseError) -> str:
    """The offer to restore the newest verified backup, naming its time (and what is kept)."""
    assert problem.latest_backup is not None
    when = format_when(problem.latest_backup.taken_at)
    if isinstance(problem, DatabaseGoneError):
        text = QCoreApplication.translate("DatabaseProblem", "Put the backup from %1 back in its place now? "
                                          "Changes saved after the backup are not in it.")
    else:
        text = QCoreApplication.translate("DatabaseProblem", "Restore the backup from %1 now? Changes saved after "
                                          "the backup are not in it. The damaged file is kept beside it as “%2”.")
    name = problem.path.name + ".damaged" if problem.path is not None else ""
    return text.replace("%1", when).replace("%2", name)


def report_database_problem(ctx: UiContext, parent: QWidget | None, exc: BaseException, title: str = "") -> bool:
    """Show `exc` as a database problem if it is one (True), offering the newest verified backup
    where restoring helps; False when `exc` is something else (a bug: let it reach the crash
    handler)."""
    problem = problem_for(exc, ctx.services.db)
    if problem is None:
        return False
    title = title or QCoreApplication.translate("DatabaseProblem", "Problem with the database")
    backup = problem.latest_backup if problem.can_restore else None
    restore = ctx.restore_backup
    if backup is not None and restore is not None and problem.path is not None:
        if ctx.messenger.confirm(parent, title, problem.message + "\n\n" + restore_question(problem)):
            # after the slot that failed has returned: restoring rebuilds the window's tabs
            QTimer.singleShot(0, lambda: restore(problem))
        return True
    ctx.messenger.error(parent, title, str(problem), problem.detail)
    return True
