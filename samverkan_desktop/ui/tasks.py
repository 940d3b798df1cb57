"""The one background-task API: run work off the GUI thread, show progress after ~500 ms,
let the user cancel. Work is a callable returning either a plain result or a generator that
yields exporters.progress.Progress and returns its result (see exporters/progress.py)."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..exporters.progress import Cancelled, Progress

PROGRESS_DELAY_MS = 500


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Callable[[], Any], cancel_flag: threading.Event,
                 error_filter: Callable[[BaseException], BaseException] | None = None) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel_flag
        self._error_filter = error_filter

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
            if inspect.isgenerator(result):
                gen = result
                try:
                    while True:
                        if self._cancel.is_set():
                            gen.close()
                            raise Cancelled()
                        p = next(gen)
                        if isinstance(p, Progress):
                            self.progressed.emit(p.done, p.total, p.message)
                except StopIteration as stop:
                    result = stop.value
            if self._cancel.is_set():
                raise Cancelled()
            self.succeeded.emit(result)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self.failed.emit(self._filtered(exc))
        finally:
            # end the thread's own event loop now, so wait() returns even when the GUI thread
            # is no longer processing events (application quitting)
            QThread.currentThread().quit()

    def _filtered(self, exc: BaseException) -> BaseException:
        """The environment problem behind a database error (Swedish message), else `exc`."""
        if self._error_filter is None:
            return exc
        try:
            return self._error_filter(exc)
        except Exception:  # noqa: BLE001 - never lose the original error over its description
            return exc


class Task(QObject):
    """One running piece of work. Connect to `finished_ok`, `failed`, `was_cancelled`."""

    finished_ok = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, label: str, work: Callable[[], Any], parent: QWidget | None,
                 cancellable: bool = True,
                 error_filter: Callable[[BaseException], BaseException] | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.cancel_flag = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(work, self.cancel_flag, error_filter)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_ok)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._dialog: QProgressDialog | None = None
        self._parent = parent
        self._cancellable = cancellable
        self._last: tuple[int, int, str] = (0, 0, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self.done = False

    def start(self) -> "Task":
        self._timer.start(PROGRESS_DELAY_MS)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_flag.set()

    def wait(self, ms: int = 30_000) -> bool:
        return bool(self._thread.wait(ms))

    def _show_dialog(self) -> None:
        # never pop up after a cancel (a dialog shown while the window closes keeps the app alive)
        if self.done or self.cancel_flag.is_set():
            return
        d = QProgressDialog(self.label, self.tr("Cancel") if self._cancellable else "", 0, 0, self._parent)
        d.setWindowTitle(self.label)
        d.setMinimumDuration(0)
        d.setAutoClose(False)
        d.setAutoReset(False)
        if not self._cancellable:
            d.setCancelButton(None)
        d.canceled.connect(self.cancel)
        self._dialog = d
        self._apply_progress()
        d.show()

    def _apply_progress(self) -> None:
        if self._dialog is None:
            return
        done, total, message = self._last
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total else 0)
        if message:
            self._dialog.setLabelText(message)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self._last = (done, total, message)
        self.progressed.emit(done, total, message)
        self._apply_progress()

    def _finish(self) -> None:
        self.done = True
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_ok(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._finish()
        self.failed.emit(exc)

    def _on_cancelled(self) -> None:
        self._finish()
        self.was_cancelled.emit()


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they finish (one place to wait for at exit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._running: list[Task] = []
        #: turns a failure into what on_error receives (UiContext sets it: the specific
        #: Swedish DatabaseError for an environment problem of the database, else unchanged)
        self.error_filter: Callable[[BaseException], BaseException] | None = None

    def run(self, label: str, work: Callable[[], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None, cancellable: bool = True) -> Task:
        task = Task(label, work, self._parent, cancellable, self.error_filter)
        self._running.append(task)

        def forget(*_: object) -> None:
            if task in self._running:
                self._running.remove(task)

        if on_done:
            task.finished_ok.connect(on_done)
        if on_error:
            task.failed.connect(on_error)
        if on_cancel:
            task.was_cancelled.connect(on_cancel)
        task.finished_ok.connect(forget)
        task.failed.connect(forget)
        task.was_cancelled.connect(forget)
        return task.start()

    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all_and_wait(self, ms: int = 10_000) -> None:
        for t in list(self._running):
            t.cancel()
            t.wait(ms)
