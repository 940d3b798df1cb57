"""Garbage collection only on the GUI thread.

Python's cyclic collector runs in whichever thread happens to allocate. If it runs in a worker
thread (a background task) and frees a cycle that holds Qt widgets, Qt objects are destroyed
off the GUI thread and the process crashes. Like Anki (aqt/__init__.py), we turn automatic
collection off and collect on a timer in the GUI thread; reference counting still frees
everything that is not in a cycle immediately."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 10_000


def install_main_thread_gc(parent: QObject) -> QTimer:
    gc.disable()
    timer = QTimer(parent)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(lambda: gc.collect())
    timer.start()
    return timer
