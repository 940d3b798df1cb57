"""In-process GUI scenarios of the benchmark suite (benchmarks/run_all.py starts each in its own
process, so that process's peak RSS is the scenario's).

    .venv/bin/python benchmarks/gui_scenarios.py portfolio --db FILE --out RESULT.json [--level quick]
    .venv/bin/python benchmarks/gui_scenarios.py stalls    --db FILE --out RESULT.json [--level quick]

The window is built as the tests build it (tests/qt/conftest.py: MainWindow over UiContext with
a RecordingMessenger, a TaskRunner, today fixed at 2026-11-28, Swedish translations, the
application's GC policy) and driven only through user-level actions on public widgets: clicks
on the tab bar and on rows, key clicks into the quick filter, the header's sort, the scroll bar,
the File menu's actions. File dialogs are answered by replacing QFileDialog's static getters.

One meter runs in the GUI thread, StallDetector: a 5 ms precise QTimer. The longest gap between
two ticks is the longest time the event loop was blocked ("stall"; idle, it reads the interval
plus the machine's jitter, reported as the floor). A tick that comes ≥ 8 ms late marks the end of
a stretch of work, so the last late tick tells when the GUI finished an action ("until idle").
Python's garbage collections inside each measured window are counted too (gc.callbacks): the
application collects on a GUI-thread timer (ui/gc_policy.py), so a collection can land in any
window, and the figures say how much of a block it was.

Every action runs inside the event loop (QTimer.singleShot(0)) and is measured from its start
until the GUI has been idle for a quiet period, no background task runs and the action's own
condition holds (rows visible, form filled): `latency` is from the start of the action to the
end of the last work; `block` is the longest stall in that window."""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QTreeView,
    QWidget,
)

TODAY = date(2026, 11, 28)
TICK_MS = 5


@dataclass(frozen=True)
class Level:
    """How much of each scenario to run: full, --quick while developing, smoke for the test suite."""

    idle_s: float  # the stall detector's idle floor
    filter_text: str  # typed into the quick filter, one key at a time
    sort_columns: int | None  # None: every column
    scroll_steps: int
    open_at: tuple[float, ...]  # scroll positions (0 = top, 1 = bottom) where rows are opened
    switch_rounds: int  # times through all tabs
    export_all: bool  # the whole portfolio's workbook (else one agreement's)


LEVELS = {
    "full": Level(1.0, "klimat", None, 200, (0.0, 0.5, 1.0, 0.25, 0.75), 2, True),
    "quick": Level(0.5, "klimat", None, 40, (0.0, 0.5, 1.0), 2, False),
    "smoke": Level(0.2, "kl", 2, 4, (0.0,), 1, False),
}
WORK_MS = 8.0  # a tick later than this marks work (smaller delays are the shared machine's scheduling)


# ---- meters ----------------------------------------------------------------------------
class GcMeter:
    """Time spent in Python's garbage collector (any thread), from gc.callbacks."""

    def __init__(self) -> None:
        self.total = 0.0
        self.longest = 0.0
        self.count = 0
        self._start = 0.0
        self.spans: list[tuple[float, float]] = []  # recent collections (start, end)
        gc.callbacks.append(self._cb)

    def _cb(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.monotonic()
        else:
            end = time.monotonic()
            d = end - self._start
            self.total += d
            self.count += 1
            self.longest = max(self.longest, d)
            self.spans = [*self.spans[-20:], (self._start, end)]

    def within(self, a: float, b: float) -> float:
        """Seconds of garbage collection between a and b."""
        return sum(max(0.0, min(b, e) - max(a, s)) for s, e in self.spans)

    def snapshot(self) -> tuple[float, float, int]:
        return self.total, self.longest, self.count


class StallDetector:
    """A 5 ms precise timer in the GUI thread. While armed: the longest gap between two ticks is
    the longest time the event loop was blocked; a tick that comes more than
    WORK_MS late marks the end of a stretch of work (the loop turned as soon as the work ended)."""

    def __init__(self, gc_meter: GcMeter) -> None:
        self.gc = gc_meter
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last: float | None = None
        self.max_gap = 0.0
        self.max_at = 0.0
        self.max_gap_nogc = 0.0  # the longest gap less the garbage collections inside it
        self.t0 = 0.0
        self.last_work_end = time.monotonic()
        self.timer.start()

    def arm(self) -> None:
        self.t0 = self.last = self.last_work_end = time.monotonic()
        self.max_gap = 0.0
        self.max_at = 0.0
        self.max_gap_nogc = 0.0

    def _tick(self) -> None:
        now = time.monotonic()
        if self.last is not None:
            gap = now - self.last
            if gap > self.max_gap:
                self.max_gap, self.max_at = gap, self.last - self.t0
            if gap > self.max_gap_nogc:
                self.max_gap_nogc = max(self.max_gap_nogc, gap - self.gc.within(self.last, now))
            if (gap * 1000 - TICK_MS) >= WORK_MS:
                self.last_work_end = now
        self.last = now

    def block_s(self) -> float:
        """The longest gap between two turns of the loop (at most one interval more than the block)."""
        self._tick()  # the stretch up to now counts too
        return self.max_gap


class Harness:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.gc = GcMeter()
        self.stall = StallDetector(self.gc)

    def tasks_idle(self) -> bool:
        ctx = getattr(self.window, "ctx", None)
        return ctx is None or not ctx.tasks.running()

    def settle(self, quiet_ms: float = 100, until: Callable[[], bool] | None = None, timeout_s: float = 600) -> bool:
        """Run the event loop until `until()` holds, no task runs and the GUI has done no work for
        `quiet_ms`. False on timeout."""
        loop = QEventLoop()
        ok = [False]
        deadline = time.monotonic() + timeout_s

        def check() -> None:
            now = time.monotonic()
            if now > deadline:
                loop.quit()
                return
            if (until is None or until()) and self.tasks_idle() and (now - self.stall.last_work_end) * 1000 >= quiet_ms:
                ok[0] = True
                loop.quit()

        checker = QTimer()
        checker.setInterval(10)
        checker.timeout.connect(check)
        checker.start()
        loop.exec()
        checker.stop()
        return ok[0]

    def measure(self, action: Callable[[], object], *, quiet_ms: float = 100, until: Callable[[], bool] | None = None,
                timeout_s: float = 600) -> dict[str, float]:
        """Run `action` inside the event loop; time it until the GUI is idle again."""
        started: list[float] = []

        def run() -> None:
            started.append(time.monotonic())
            self.stall.last_work_end = started[0]
            action()

        self.stall.arm()
        cpu0 = time.thread_time()
        gc0 = self.gc.snapshot()
        self.gc.longest = 0.0
        QTimer.singleShot(0, run)
        ok = self.settle(quiet_ms, until=lambda: bool(started) and (until is None or until()), timeout_s=timeout_s)
        if not started:
            raise RuntimeError("the action never ran")
        gc1 = self.gc.snapshot()
        self.gc.longest = max(self.gc.longest, gc0[1])
        return {"latency_s": max(0.0, self.stall.last_work_end - started[0]), "block_s": self.stall.block_s(),
                "block_nogc_s": self.stall.max_gap_nogc, "block_at_s": self.stall.max_at, "gui_cpu_s": time.thread_time() - cpu0, "ok": ok,
                "gc_s": gc1[0] - gc0[0], "gc_longest_s": gc1[1], "gc_count": gc1[2] - gc0[2]}

    def idle_floor(self, seconds: float) -> float:
        """The detector's own reading with nothing to do: the interval plus the machine's scheduling
        jitter (the median of five windows, so that one garbage collection does not set it)."""
        readings = []
        for _ in range(5):
            self.stall.arm()
            loop = QEventLoop()
            QTimer.singleShot(int(seconds * 200), loop.quit)
            loop.exec()
            readings.append(self.stall.block_s())
        return statistics.median(readings)


# ---- the window --------------------------------------------------------------------------
def build_window(db_path: Path, state_dir: Path) -> tuple[QApplication, Any]:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setCursorFlashTime(0)  # no blinking cursor: it would keep the GUI "busy" every 500 ms
    from samverkan_desktop.db.database import Database
    from samverkan_desktop.services import Services
    from samverkan_desktop.settings import Preferences
    from samverkan_desktop.ui.context import UiContext
    from samverkan_desktop.ui.gc_policy import install_main_thread_gc
    from samverkan_desktop.ui.gil_policy import favour_gui_thread
    from samverkan_desktop.ui.i18n import install_translators
    from samverkan_desktop.ui.main_window import MainWindow
    from samverkan_desktop.ui.messages import RecordingMessenger
    from samverkan_desktop.ui.tasks import TaskRunner

    favour_gui_thread()  # as the application does
    install_main_thread_gc(app)  # as the application does: collect on a GUI-thread timer only
    install_translators(app, "sv")
    state = QSettings(str(state_dir / "state.ini"), QSettings.Format.IniFormat)
    ctx = UiContext(services=Services.build(Database(db_path)), prefs=Preferences(),
                    messenger=RecordingMessenger(answer=False), tasks=TaskRunner(None), today_fn=lambda: TODAY)
    window = MainWindow(ctx, state)
    window.resize(1280, 800)
    window.show()
    window.load_first_tab()
    return app, window


def click_into(window: Any, edit: QLineEdit) -> None:
    """Click into a field as a user does: in the active window, so that it gets the keyboard
    focus. (Offscreen, the window is not activated again after a progress dialog has closed, as
    a desktop would; keys sent to a widget without focus would go unnoticed by the program's
    input watching, unlike a user's.)"""
    window.activateWindow()
    QApplication.processEvents()
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is edit, "the filter field did not get the keyboard focus"


def click_tab(window: Any, index: int) -> None:
    bar = window.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center())


def item_view(tab: QWidget) -> QAbstractItemView:
    view = getattr(tab, "tree", None)
    if isinstance(view, QAbstractItemView):
        return view
    views = [v for v in tab.findChildren(QTreeView) if v.objectName() == "portfolioTree"]
    return views[0] if views else tab.findChildren(QAbstractItemView)[0]


def rows_visible(view: QAbstractItemView) -> bool:
    model = view.model()
    return view.isVisible() and model is not None and model.rowCount() > 0


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "max": max(values), "n": len(values)} if values else {}


def portfolio_tab_index(window: Any) -> int:
    return window.tabs.indexOf(window.portfolio)


# ---- scenario: the portfolio at 50 000 -------------------------------------------------------

def filter_quiet_ms() -> float:
    """Long enough for the tab's filter debounce to fire (when it has one) and finish."""
    try:
        from samverkan_desktop.ui.tabs import portfolio

        return float(getattr(portfolio, "FILTER_DEBOUNCE_MS", 0)) + 150
    except ImportError:
        return 400


def scenario_portfolio(db: Path, level: Level, tmp: Path) -> dict[str, Any]:
    app, window = build_window(db, tmp)
    h = Harness(window)
    h.settle(200)  # the first tab (overview) loaded
    out: dict[str, Any] = {"idle_floor_s": h.idle_floor(level.idle_s)}
    tab = window.portfolio
    view = item_view(tab)

    # open the tab: from the click until its rows are painted
    r = h.measure(lambda: click_tab(window, portfolio_tab_index(window)), until=lambda: rows_visible(view))
    out["open_tab"] = r
    model = view.model()
    out["rows_top_level"] = model.rowCount()

    # type a filter, one keystroke at a time, each until the view has processed it
    edit: QLineEdit = tab.filter_edit
    click_into(window, edit)
    quiet = filter_quiet_ms()
    keys = []
    for ch in level.filter_text:
        keys.append(h.measure(lambda ch=ch: QTest.keyClick(edit, ch), quiet_ms=quiet))
    out["filter_rows_matched"] = model.rowCount()
    keys.append(h.measure(lambda: (edit.selectAll(), QTest.keyClick(edit, Qt.Key.Key_Backspace)), quiet_ms=quiet))
    out["filter_keystrokes"] = keys
    out["filter_rows_after"] = model.rowCount()

    # sort by each column (ascending; the title also descending)
    sorts = []
    names = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    names = names[:level.sort_columns] if level.sort_columns else names
    for col, name in enumerate(names):
        r = h.measure(lambda col=col: view.sortByColumn(col, Qt.SortOrder.AscendingOrder))
        sorts.append({**r, "column": name})
    r = h.measure(lambda: view.sortByColumn(0, Qt.SortOrder.DescendingOrder))
    sorts.append({**r, "column": names[0] + " ↓"})
    out["sorts"] = sorts

    # scroll from top to bottom with the scroll bar, in steps
    bar = view.verticalScrollBar()
    h.measure(lambda: bar.setValue(0), quiet_ms=30)
    steps = level.scroll_steps
    top = bar.maximum()
    scroll = [h.measure(lambda i=i: bar.setValue(round(top * i / steps)), quiet_ms=30) for i in range(1, steps + 1)]
    out["scroll"] = {"steps": steps, "maximum": top, "block_s": summary([s["block_s"] for s in scroll]),
                     "block_nogc_s": summary([s["block_nogc_s"] for s in scroll]),
                     "gc_count": sum(s["gc_count"] for s in scroll),
                     "gc_longest_s": max(s["gc_longest_s"] for s in scroll),
                     "latency_s": summary([s["latency_s"] for s in scroll]),
                     "total_s": sum(s["latency_s"] for s in scroll)}

    # open records: click rows near the top, in the middle and at the bottom
    opens = []
    for frac in level.open_at:
        h.measure(lambda frac=frac: bar.setValue(round(bar.maximum() * frac)), quiet_ms=30)
        for y in (view.viewport().height() // 3, view.viewport().height() // 2):
            idx = view.indexAt(QPoint(40, y))
            if not idx.isValid():
                continue
            text = str(idx.siblingAtColumn(0).data())
            pos = view.visualRect(idx).center()
            r = h.measure(lambda pos=pos: QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                                             Qt.KeyboardModifier.NoModifier, pos),
                          until=lambda text=text: tab.title_label.text() == text)
            opens.append({**r, "title": text})
    out["open_record"] = opens
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.ctx.tasks.cancel_all_and_wait()
    return out


# ---- scenario: stalls ------------------------------------------------------------------------
def answer_file_dialogs(path: Path) -> None:
    """The user picks `path` in every save dialog."""
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(path), ""))  # type: ignore[method-assign]


def visible_dialog(window: Any) -> QDialog | None:
    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return dialogs[-1] if dialogs else None


def scenario_stalls(db: Path, level: Level, tmp: Path) -> dict[str, Any]:
    app, window = build_window(db, tmp)
    h = Harness(window)
    h.settle(200)
    out: dict[str, Any] = {"idle_floor_s": h.idle_floor(level.idle_s)}

    # tab switches: every tab (the first visit loads its data), then each once more
    switches = []
    n = window.tabs.count()
    for i in (list(range(1, n)) + [0]) * level.switch_rounds:
        r = h.measure(lambda i=i: click_tab(window, i))
        switches.append({**r, "tab": window.tabs.tabText(i)})
    out["tab_switches"] = switches

    # sorting the ordinary tables (their rows a generic RecordTableModel): every column of the
    # Budget, Möten and Avtal lists, clicked like a user clicks a header
    table_sorts = []
    for tab in (window.budget, window.meetings, window.agreements):
        h.measure(lambda tab=tab: click_tab(window, window.tabs.indexOf(tab)))  # loaded, idle again
        header = tab.view.horizontalHeader()
        for col in range(tab.view.model().columnCount()):
            if header.isSectionHidden(col):
                continue
            r = h.measure(lambda tab=tab, col=col: tab.view.sortByColumn(col, Qt.SortOrder.AscendingOrder))
            table_sorts.append({**r, "table": window.tabs.tabText(window.tabs.indexOf(tab)),
                                "column": str(tab.view.model().headerData(col, Qt.Orientation.Horizontal)),
                                "rows": tab.view.model().rowCount()})
    out["table_sorts"] = table_sorts

    # filtering: type into the portfolio's quick filter at a typist's pace (80 ms a key), then clear
    h.measure(lambda: click_tab(window, portfolio_tab_index(window)), until=lambda: rows_visible(item_view(
        window.portfolio)))
    edit: QLineEdit = window.portfolio.filter_edit
    click_into(window, edit)

    def typing() -> None:
        for k, ch in enumerate(level.filter_text):
            QTimer.singleShot(80 * k, lambda ch=ch: QTest.keyClick(edit, ch))
        QTimer.singleShot(80 * len(level.filter_text) + 400, lambda: (edit.selectAll(),
                                                              QTest.keyClick(edit, Qt.Key.Key_Backspace)))

    out["filtering"] = h.measure(typing, quiet_ms=filter_quiet_ms() + 500)

    # an Excel export through File → Export → Portfolio as Excel workbook…
    xlsx = tmp / "portfolj.xlsx"
    answer_file_dialogs(xlsx)

    def open_dialog() -> None:
        window.extra_actions["exportPortfolio"].trigger()

    def export() -> None:
        dlg = visible_dialog(window)
        button = getattr(dlg, "export_button", None)
        if button is None and dlg is not None:
            button = next(b for b in dlg.findChildren(QPushButton) if b.isDefault() or b.autoDefault())
        assert isinstance(button, QPushButton), "the export dialog did not open"
        combo = getattr(dlg, "agreement", None)
        if not level.export_all and combo is not None and combo.count() > 1:
            combo.setCurrentIndex(1)  # one agreement's workbook, not the whole portfolio
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = h.measure(open_dialog, until=lambda: visible_dialog(window) is not None)
    t = time.monotonic()
    run = h.measure(export, quiet_ms=200, timeout_s=3600)
    out["excel_export"] = {**run, "wall_s": time.monotonic() - t, "dialog": dialog,
                           "block_s": max(run["block_s"], dialog["block_s"]),
                           "block_nogc_s": max(run["block_nogc_s"], dialog["block_nogc_s"]),
                           "file_mb": xlsx.stat().st_size / 1e6 if xlsx.exists() else None}

    # a backup through File → Back up…
    copy = tmp / "backup.sqlite"
    answer_file_dialogs(copy)
    t = time.monotonic()
    out["backup"] = {**h.measure(lambda: window.extra_actions["backup"].trigger(), quiet_ms=200, timeout_s=3600),
                     "wall_s": time.monotonic() - t, "file_mb": copy.stat().st_size / 1e6 if copy.exists() else None}
    messages = window.ctx.messenger.shown
    out["messages"] = [list(m) for m in messages]
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.ctx.tasks.cancel_all_and_wait()
    return out


SCENARIOS = {"portfolio": scenario_portfolio, "stalls": scenario_stalls}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenario", choices=sorted(SCENARIOS))
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--level", choices=sorted(LEVELS), default="full")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as d:
        os.environ["SAMVERKAN_DATA_DIR"] = str(Path(d) / "data")  # never the user's own folders
        result = SCENARIOS[args.scenario](args.db, LEVELS[args.level], Path(d))
    result["scenario"] = args.scenario
    args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    sys.stdout.flush()
    gc.disable()
    os._exit(0)  # as the application leaves: no teardown of Qt wrappers in arbitrary order


if __name__ == "__main__":
    raise SystemExit(main())
