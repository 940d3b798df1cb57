"""What every tab and dialog gets from the composition root (passed down, never global)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..services import Services
from ..settings import Preferences
from .messages import Messenger
from .tasks import TaskRunner


@dataclass
class UiContext:
    services: Services
    prefs: Preferences
    messenger: Messenger
    tasks: TaskRunner
    today_fn: Callable[[], date] = field(default=date.today)

    def today(self) -> date:
        return self.today_fn()
