"""Fixtures for driving the real window with pytest-qt (offscreen)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from samverkan_desktop.services import Services
from samverkan_desktop.settings import Preferences
from samverkan_desktop.ui.context import UiContext
from samverkan_desktop.ui.i18n import install_translators
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.tasks import TaskRunner

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session", autouse=True)
def _swedish(qapp: QApplication) -> None:
    install_translators(qapp, "sv")


@pytest.fixture(scope="session", autouse=True)
def _no_cyclic_gc_during_gui_tests() -> Iterator[None]:
    """The app collects garbage only on the GUI thread (ui/gc_policy.py). Here we go further and
    do not collect at all while the GUI tests run: pytest-qt deletes each test's window with
    deleteLater, and collecting wrapper cycles after their C++ objects are gone can crash
    PySide. Reference counting still frees everything that is not in a cycle."""
    gc.disable()
    yield


@pytest.fixture
def messenger() -> RecordingMessenger:
    return RecordingMessenger(answer=True)


def make_window(sv: Services, messenger: RecordingMessenger, tmp_path: object) -> MainWindow:
    state = QSettings(str(tmp_path) + "/state.ini", QSettings.Format.IniFormat)
    ctx = UiContext(services=sv, prefs=Preferences(), messenger=messenger, tasks=TaskRunner(None),
                    today_fn=lambda: TODAY)
    return MainWindow(ctx, state)


@pytest.fixture
def window(qtbot, demo_sv: Services, messenger: RecordingMessenger, tmp_path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over a copy of the demo database, shown and loaded."""
    w = make_window(demo_sv, messenger, tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.load_first_tab()
    yield w
    w.ctx.tasks.cancel_all_and_wait()


@pytest.fixture
def empty_window(qtbot, sqlite_db, messenger: RecordingMessenger, tmp_path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = make_window(Services.build(sqlite_db), messenger, tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.load_first_tab()
    yield w
    w.ctx.tasks.cancel_all_and_wait()


def wait_tasks(qtbot, window: MainWindow, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background task of the window has finished."""
    qtbot.waitUntil(lambda: not window.ctx.tasks.running(), timeout=timeout)


def tab_order(start: QWidget) -> list[str]:
    """The object names of the widgets Tab reaches from `start` (visible, enabled, taking Tab
    focus), in order, until the chain comes back to `start`."""
    names: list[str] = []
    w = start
    for _ in range(5000):
        w = w.nextInFocusChain()
        if w is start:
            break
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            names.append(w.objectName())
    return names
