"""The GUI-thread garbage collection policy: young collections on the timer, a bulk load frozen
instead of walked, full collections (which find every cycle) only when the user is idle.

Run in a child process: the GUI tests switch collection off for the whole session (see
conftest.py), and real collections here must not meet other tests' Qt wrappers."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from samverkan_desktop.ui import gc_policy
from samverkan_desktop.ui.gc_policy import GcPolicy


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Cycle:
    def __init__(self) -> None:
        self.me = self


def check_policy(qapp: QApplication) -> None:
    gc.disable()  # as install_main_thread_gc does
    clock = Clock()
    owner = QObject()
    policy = GcPolicy(owner, clock)
    try:
        policy.timer.stop()
        gc.collect()
        assert policy.tick() == "young"
        # a cycle that becomes garbage is found by the next young collection
        c = Cycle()
        dead = weakref.ref(c)
        del c
        assert policy.tick() == "young" and dead() is None
        # a bulk load (a background task's read model): frozen, not walked
        frozen_before = gc.get_freeze_count()
        data = [[i] for i in range(gc_policy.BULK_OBJECTS + 10)]
        assert policy.tick() == "freeze"
        assert gc.get_freeze_count() >= frozen_before + len(data)
        # garbage cycles among frozen objects wait for the full collection, which waits for idleness
        old = Cycle()
        gc.freeze()
        old_ref = weakref.ref(old)
        del old
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        clock.now += gc_policy.FULL_EVERY_S + 1
        qapp.sendEvent(owner, key)  # the user is typing
        assert policy.tick() in ("young", "middle") and old_ref() is not None
        clock.now += gc_policy.IDLE_FULL_S + 1
        assert policy.tick() == "full" and old_ref() is None
        clock.now += gc_policy.IDLE_FULL_S + 1
        assert policy.tick() in ("young", "middle")  # and not again before FULL_EVERY_S
        # the middle generation: every MIDDLE_EVERY ticks, but not while the user types
        while policy._ticks % gc_policy.MIDDLE_EVERY != gc_policy.MIDDLE_EVERY - 1:
            clock.now += 1
            qapp.sendEvent(owner, key)
            policy.tick()
        for _ in range(3):
            clock.now += 0.5
            qapp.sendEvent(owner, key)
            assert policy.tick() == "young"
        clock.now += gc_policy.MIDDLE_QUIET_S
        assert policy.tick() == "middle"
        clock.now += gc_policy.MIDDLE_QUIET_S
        assert policy.tick() == "young"
        del data
    finally:
        gc.unfreeze()
        policy.timer.stop()


def test_policy_freezes_bulk_loads_and_collects_fully_only_when_idle() -> None:
    code = ("import importlib.util, sys; from PySide6.QtWidgets import QApplication; "
            "spec = importlib.util.spec_from_file_location('gc_policy_test', sys.argv[1]); "
            "t = importlib.util.module_from_spec(spec); spec.loader.exec_module(t); "
            "t.check_policy(QApplication([])); print('ok')")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, __file__], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-3000:]
