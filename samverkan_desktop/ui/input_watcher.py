"""When did the user last type, click into something or move the focus? Asked by background
work that should wait for a pause (the full garbage collection, building the tabs not yet
visited).

An application-wide event filter would see all input, but Qt then calls Python for every event
of every object: building a tab sends thousands, and while a background task runs each of those
calls also has to win the interpreter back from it (building the portfolio tab took 160 instead
of 75 ms). So the watcher follows the keyboard focus instead: one filter on the widget that has
it (key presses and the mouse used on it), moved when the focus moves (itself a sign of input),
and only while somebody waits for a pause (`watch` … `unwatch`)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                    QEvent.Type.MouseButtonDblClick})


class InputWatcher(QObject):
    def __init__(self, parent: QObject, clock: Callable[[], float] = time.monotonic) -> None:
        """`parent`: the QApplication, or (tests) an object whose own input also counts."""
        super().__init__(parent)
        self._clock = clock
        self._watchers = 0
        self._focus: QWidget | None = None
        self.last_input = clock()

    @property
    def watching(self) -> bool:
        return self._watchers > 0

    def watch(self) -> None:
        """Start noticing input; the pause is counted from now."""
        self._watchers += 1
        if self._watchers > 1:
            return
        self.last_input = self._clock()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._follow(app.focusWidget())
        if self.parent() is not app:
            self.parent().installEventFilter(self)

    def unwatch(self) -> None:
        if self._watchers == 0:
            return
        self._watchers -= 1
        if self._watchers > 0:
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self._follow(None)
        if self.parent() is not app:
            self.parent().removeEventFilter(self)

    def quiet_for(self) -> float:
        """Seconds since the last input (or since watching began)."""
        return self._clock() - self.last_input

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.last_input = self._clock()
        self._follow(new)

    def _follow(self, widget: QWidget | None) -> None:
        if self._focus is not None:
            try:
                self._focus.removeEventFilter(self)
            except RuntimeError:  # the widget has been deleted meanwhile
                pass
        self._focus = widget
        if widget is not None:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.last_input = self._clock()
        return False


_shared: InputWatcher | None = None


def input_watcher(app: QObject) -> InputWatcher:
    """The application's one watcher (one filter however many wait for a pause)."""
    global _shared
    if _shared is None or _shared.parent() is not app:
        _shared = InputWatcher(app)
    return _shared
