"""The background-task runner: results, progress, errors and cancel, off the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from samverkan_desktop.exporters.progress import Progress
from samverkan_desktop.ui.tasks import TaskRunner


def test_result_progress_and_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(None)
    seen: list[tuple[int, int, str]] = []
    threads: list[object] = []

    def work():  # type: ignore[no-untyped-def]
        threads.append(QThread.currentThread())
        for i in range(3):
            yield Progress(i + 1, 3, f"steg {i + 1}")
        return "klart"

    results: list[object] = []
    task = runner.run("Arbete", work, on_done=results.append)
    task.progressed.connect(lambda d, t, m: seen.append((d, t, m)))
    qtbot.waitUntil(lambda: results == ["klart"], timeout=5000)
    assert seen[-1] == (3, 3, "steg 3")
    assert threads[0] is not QApplication.instance().thread()
    assert runner.running() == []


def test_errors_are_delivered(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(None)
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("Fel i filen")

    runner.run("Arbete", work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "Fel i filen"


@pytest.mark.parametrize("delay", [0.0, 0.05])
def test_cancel_stops_the_work_and_runs_cleanup(qtbot, delay: float) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(None)
    cleaned = threading.Event()
    started = threading.Event()
    cancelled: list[bool] = []
    done: list[object] = []

    def work():  # type: ignore[no-untyped-def]
        started.set()
        try:
            for i in range(1000):
                time.sleep(0.01)
                yield Progress(i, 1000)
            return "för långt"
        finally:
            cleaned.set()

    task = runner.run("Lång export", work, on_done=done.append, on_cancel=lambda: cancelled.append(True))
    time.sleep(delay)
    task.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert done == []
    # a generator that had started gets closed, so its cleanup (finally) runs
    assert cleaned.is_set() or not started.is_set()
    assert task.wait(1000)


def test_no_progress_dialog_pops_up_after_a_cancel(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A dialog appearing after the window closed would keep the application alive."""
    from PySide6.QtWidgets import QProgressDialog

    runner = TaskRunner(None)
    release = threading.Event()

    def work():  # type: ignore[no-untyped-def]
        release.wait(2)
        yield Progress(1, 1)

    task = runner.run("Läser in", work)
    task.cancel()
    qtbot.wait(800)  # past the 500 ms progress delay
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    release.set()
    qtbot.waitUntil(lambda: not runner.running(), timeout=5000)
