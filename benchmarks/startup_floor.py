"""The start-up floor: the least a PySide6 program can do to show a window. A QApplication and
an empty QMainWindow of the application's size (1280 × 800), shown; once its first paint has been
flushed, the timestamps are written and the program quits.

    .venv/bin/python benchmarks/startup_floor.py OUT.json

The marks and the clock are those of samverkan_desktop/ui/startup_trace.py (absolute
CLOCK_MONOTONIC seconds; the launcher subtracts its own time.monotonic() from before the start).
Deliberately self-contained: importing anything from samverkan_desktop would add to the floor."""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    out = sys.argv[1]
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1280, 800)
    marks: dict[str, float] = {"installed": time.monotonic()}

    def painted() -> None:
        marks.setdefault("window_painted", time.monotonic())
        with open(out, "w", encoding="utf-8") as f:
            json.dump({"clock": "CLOCK_MONOTONIC", **marks, "pid": os.getpid()}, f)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint" not in marks:
                marks["first_paint"] = time.monotonic()
                QTimer.singleShot(0, painted)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    code = app.exec()
    sys.stdout.flush()
    os._exit(code)  # as the application leaves (ui/application.py): no wrapper teardown


if __name__ == "__main__":
    raise SystemExit(main())
