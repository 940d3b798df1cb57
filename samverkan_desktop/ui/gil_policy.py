"""The GUI thread gets the interpreter back within a millisecond when a background thread runs.

Background work (an export, the portfolio's read model, opening the database) runs on threads,
and CPython lets only one thread run Python at a time. A thread that wants the interpreter
waits up to the *switch interval* (5 ms by default) before the running one is asked to let go.
PySide releases the interpreter around each call into Qt and takes it back afterwards, so one
turn of the event loop (a timer, a paint, a key press) needs it many times. Against a busy
worker each of those waits up to 5 ms, and they add up: during a 50 000-activity Excel export
the window stood still for 40–216 ms hundreds of times (benchmarks/run_all.py, stalls scenario).
With a 1 ms interval no block was over 40 ms and the export took as long as before: the
shorter interval only matters when two threads compete, and then it is the GUI that should win."""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def favour_gui_thread() -> None:
    """Called once at start, before any background thread exists."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
