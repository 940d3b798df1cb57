"""Garbage collection only on the GUI thread, and never a long pause while the user works.

Python's cyclic collector runs in whichever thread happens to allocate. If it runs in a worker
thread (a background task) and frees a cycle that holds Qt widgets, Qt objects are destroyed
off the GUI thread and the process crashes. Like Anki (aqt/__init__.py), we turn automatic
collection off and collect on a timer in the GUI thread; reference counting still frees
everything that is not in a cycle immediately.

A full collection walks every tracked object: with 50 000 activities loaded that is 0.3–1.1 s
in which the window does not respond (measured by benchmarks/run_all.py). So, per tick:

- the young generation is collected every second: cheap, it holds what was allocated since;
- the middle one every ten seconds, but only in a pause of the user's input (MIDDLE_QUIET_S):
  it holds the survivors of ten young collections, and after a few filters and sorts of the
  50 000-activity portfolio walking them took up to 50 ms, in the middle of the typing;
- when a tick finds a bulk load among the young objects (a background task built a large
  read model: more than BULK_OBJECTS allocations since the last tick), they are *frozen*
  (`gc.freeze`: moved where collections do not look) instead of being walked — they are the
  long-lived data the user is about to work with;
- a full collection, which also unfreezes and so finds cycles among old or frozen objects, runs
  only when the user has not touched the keyboard or mouse for IDLE_FULL_S, at most every
  FULL_EVERY_S.

Input is noticed by ui/input_watcher.py (a filter on the focused widget: cheap)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from .input_watcher import InputWatcher, input_watcher

INTERVAL_MS = 1_000
MIDDLE_EVERY = 10  # ticks
MIDDLE_QUIET_S = 1.0
BULK_OBJECTS = 25_000  # a young collection over this many objects would take ~20 ms or more
IDLE_FULL_S = 20.0
FULL_EVERY_S = 300.0

class GcPolicy(QObject):
    def __init__(self, parent: QObject, clock: Callable[[], float] = time.monotonic,
                 watcher: InputWatcher | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._ticks = 0
        self.last_full = clock()
        self.input = watcher or InputWatcher(parent, clock)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.input.watch()
        self._middle_due = False

    def tick(self) -> str:
        """One collection step; returns what it did ("full", "freeze", "middle", "young")."""
        self._ticks += 1
        now = self._clock()
        quiet = self.input.quiet_for()
        if now - self.last_full >= FULL_EVERY_S and quiet >= IDLE_FULL_S:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.last_full = now
            self._middle_due = False
            return "full"
        if gc.get_count()[0] > BULK_OBJECTS:
            gc.freeze()
            return "freeze"
        if self._ticks % MIDDLE_EVERY == 0:
            self._middle_due = True
        if self._middle_due and quiet >= MIDDLE_QUIET_S:
            self._middle_due = False
            gc.collect(1)
            return "middle"
        gc.collect(0)
        return "young"


def install_main_thread_gc(app: QObject) -> GcPolicy:
    """Turn automatic collection off and collect on the GUI thread (`app`: the QApplication)."""
    gc.disable()
    return GcPolicy(app, watcher=input_watcher(app))
