"""Garbage collection only on the GUI thread, and never a long pause while the user works.

Python's cyclic collector runs in whichever thread happens to allocate. If it runs in a worker
thread (a background task) and frees a cycle that holds Qt widgets, Qt objects are destroyed
off the GUI thread and the process crashes. Like Anki (aqt/__init__.py), we turn automatic
collection off and collect on a timer in the GUI thread; reference counting still frees
everything that is not in a cycle immediately.

A full collection walks every tracked object: with 50 000 activities loaded that is 0.3–1.1 s
in which the window does not respond (measured by benchmarks/run_all.py). So, per tick:

- the young generation is collected every second, the middle one every ten seconds: cheap,
  they hold what was allocated since;
- when a tick finds a bulk load among the young objects (a background task built a large
  read model: more than BULK_OBJECTS allocations since the last tick), they are *frozen*
  (`gc.freeze`: moved where collections do not look) instead of being walked — they are the
  long-lived data the user is about to work with;
- a full collection, which also unfreezes and so finds cycles among old or frozen objects, runs
  only when the user has not touched the keyboard or mouse for IDLE_FULL_S, at most every
  FULL_EVERY_S.

Noticing input takes an application-wide event filter, which Qt calls in Python for every event
of every object: building a tab sends thousands (about 13 % of building Avtal, profiled). So the
filter is installed only while a full collection is due and waits for the user to pause, and
removed again once it has run: most of the time no event passes through Python for this."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QEvent, QObject, QTimer

INTERVAL_MS = 1_000
MIDDLE_EVERY = 10  # ticks
BULK_OBJECTS = 25_000  # a young collection over this many objects would take ~20 ms or more
IDLE_FULL_S = 20.0
FULL_EVERY_S = 300.0

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                    QEvent.Type.MouseButtonDblClick})


class GcPolicy(QObject):
    def __init__(self, parent: QObject, clock: object = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._ticks = 0
        self.last_input = self._now()
        self.last_full = self._now()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._parent = parent
        self.watching_input = False

    def _now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.last_input = self._now()
        return False

    def tick(self) -> str:
        """One collection step; returns what it did ("full", "freeze", "middle", "young")."""
        self._ticks += 1
        now = self._now()
        if now - self.last_full >= FULL_EVERY_S:
            if not self.watching_input:  # due: from now on, wait for IDLE_FULL_S without input
                self._parent.installEventFilter(self)
                self.watching_input = True
                self.last_input = now
            elif now - self.last_input >= IDLE_FULL_S:
                self._parent.removeEventFilter(self)
                self.watching_input = False
                gc.unfreeze()
                gc.collect()
                gc.freeze()
                self.last_full = now
                return "full"
        if gc.get_count()[0] > BULK_OBJECTS:
            gc.freeze()
            return "freeze"
        if self._ticks % MIDDLE_EVERY == 0:
            gc.collect(1)
            return "middle"
        gc.collect(0)
        return "young"


def install_main_thread_gc(app: QObject) -> GcPolicy:
    """Turn automatic collection off and collect on the GUI thread (`app` is the QApplication,
    whose event filter sees all user input)."""
    gc.disable()
    return GcPolicy(app)
