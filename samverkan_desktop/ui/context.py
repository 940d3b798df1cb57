"""What every tab and dialog gets from the composition root (passed down, never global)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..db.errors import DatabaseError
from ..services import Services
from ..settings import Preferences
from .database_problems import problem_for
from .messages import Messenger
from .tasks import TaskRunner


@dataclass
class UiContext:
    services: Services
    prefs: Preferences
    messenger: Messenger
    tasks: TaskRunner
    today_fn: Callable[[], date] = field(default=date.today)
    #: set by the application: put the newest verified backup back after a runtime problem
    #: (file removed or damaged while the program runs); None: only the message is shown
    restore_backup: Callable[[DatabaseError], None] | None = None

    def __post_init__(self) -> None:
        # every background task's on_error gets the specific Swedish database problem, not
        # SQLAlchemy's exception (classified in the worker thread: it may look at backups)
        db = self.services.db
        self.tasks.error_filter = lambda exc: problem_for(exc, db) or exc

    def today(self) -> date:
        return self.today_fn()
