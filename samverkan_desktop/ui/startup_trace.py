"""Start-up instrumentation for the benchmark suite (benchmarks/run_all.py), off unless the
environment variable SAMVERKAN_STARTUP_TRACE names a JSON file to write.

Recorded, as absolute CLOCK_MONOTONIC seconds (`time.monotonic()`; on Linux the clock is
system-wide, so the launching process subtracts its own `time.monotonic()` taken just before it
started this one, and gets "from process start as the user sees it"):

- ``installed``: the trace was installed (every import of ui/application.py done, QApplication made)
- ``window_painted``: the main window's first paint has been flushed (the event-loop turn after the
  top-level widget's first Paint event)
- ``attached``: the database is open and the tabs are built (first timer tick that sees it)
- ``data_ready``: the current tab shows an item view with rows
- ``data_visible``: the first repaint after that has been flushed
- ``max_stall_s``/``stall_at``: the longest time the event loop did not turn between
  window_painted and data_visible (a 5 ms precise timer; the paint and data marks count as turns)

``proc_start`` is the kernel's start time of this process (/proc/self/stat, 10 ms resolution)
on the same clock, for a cross-check. The program quits once the data is visible (or after
SAMVERKAN_QUIT_AFTER_MS, whichever comes first)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

TICK_MS = 5


def process_start_monotonic() -> float | None:
    """When the kernel started this process, on the CLOCK_MONOTONIC/boot-time scale (Linux)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat[stat.rindex(")") + 2:].split()[19])  # field 22: starttime
        return ticks / os.sysconf("SC_CLK_TCK") - (time.clock_gettime(time.CLOCK_BOOTTIME) - time.monotonic())
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class StartupTrace(QObject):
    def __init__(self, app: QApplication, window: QMainWindow, path: Path) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.path = path
        self.marks: dict[str, float] = {"installed": time.monotonic()}
        self.ticks: list[float] = []
        self._written = False
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        window.installEventFilter(self)

    def _mark(self, name: str) -> None:
        self.marks.setdefault(name, time.monotonic())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        t = event.type()
        if t == QEvent.Type.Paint and "first_paint" not in self.marks:
            self._mark("first_paint")
            QTimer.singleShot(0, lambda: self._mark("window_painted"))
        elif t == QEvent.Type.UpdateRequest and "data_ready" in self.marks and "data_visible" not in self.marks:
            QTimer.singleShot(0, self._data_visible)
        return False

    def _tick(self) -> None:
        now = time.monotonic()
        self.ticks.append(now)
        if "attached" not in self.marks and getattr(self.window, "is_attached", lambda: False)():
            self._mark("attached")
        if "attached" in self.marks and "data_ready" not in self.marks and self._has_rows():
            self._mark("data_ready")
            self.window.update()  # make sure a repaint follows even if nothing else asked for one

    def _has_rows(self) -> bool:
        tab = self.window.tabs.currentWidget() if hasattr(self.window, "tabs") else None
        if tab is None:
            return False
        for view in tab.findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisible() and model is not None and model.rowCount() > 0:
                return True
        return False

    def _data_visible(self) -> None:
        if "data_visible" in self.marks:
            return
        self._mark("data_visible")
        self.write()
        self.app.quit()

    def write(self) -> None:
        if self._written:
            return
        self._written = True
        start, end = self.marks.get("window_painted"), self.marks.get("data_visible")
        stall, at = None, None
        if start is not None:
            alive = [start] + [x for x in self.ticks if start < x < (end or float("inf"))] + ([end] if end else [])
            gaps = [(b - a, a) for a, b in zip(alive, alive[1:])]
            if gaps:
                stall, at = max(gaps)
                at -= start
        data = {"clock": "CLOCK_MONOTONIC", "proc_start": process_start_monotonic(), **self.marks,
                "max_stall_s": stall, "stall_at_s_after_paint": at, "tick_ms": TICK_MS, "pid": os.getpid()}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(self.path)


def install_if_requested(app: QApplication, window: QMainWindow) -> StartupTrace | None:
    target = os.environ.get("SAMVERKAN_STARTUP_TRACE", "")
    if not target:
        return None
    trace = StartupTrace(app, window, Path(target))
    app.aboutToQuit.connect(trace.write)
    return trace
