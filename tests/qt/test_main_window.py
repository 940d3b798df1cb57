"""The main window as the analyst meets it: Swedish tabs and menus, the overview radar, the
budget figures, global search, persisted state, the empty start."""

from __future__ import annotations

import sys
from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from samverkan_desktop.services import Services
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.table_models.base import RECORD_ROLE
from samverkan_desktop.ui.tabs.base import RecordTab

from .conftest import make_window, wait_tasks

TODAY = date(2026, 11, 28)


def cells(view, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    m = view.model()
    return [m.index(r, column).data() for r in range(m.rowCount())]


def test_swedish_tabs_menus_and_status_bar(window: MainWindow) -> None:
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Översikt", "Avtal", "Projektportfölj", "Möten", "Budget"]
    assert [a.text() for a in window.menuBar().actions()] == ["&Arkiv", "&Redigera", "&Visa", "&Hjälp"]
    assert window.db_label.text().startswith("Databas: ") and window.db_label.text().endswith(".sqlite")
    assert window.extra_actions["save"].shortcut().toString() == "Ctrl+S"
    assert window.extra_actions["newRecord"].shortcut().toString() == "Ctrl+N"


def test_overview_radar_shows_the_next_90_days(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_tasks(qtbot, window)
    ov = window.overview
    dates = cells(ov.view, 0)
    assert dates == sorted(dates)
    assert "2026-04-01" in dates  # overdue report stays on the radar
    assert all(d <= "2027-02-26" for d in dates)
    kinds = set(cells(ov.view, 3))
    assert {"rapport försenad", "faktura förfaller", "möte", "fakturering", "rapport"} <= kinds
    assert cells(ov.view, 2)[0] == "försenad"
    assert ov.radar_title.text().startswith("Tidsfrister de närmaste 90 dagarna: ")
    assert ov.fig_agreements.text() == "3"
    assert ov.fig_fees.text() == "2 800 000 kr"
    # widening the window to 365 days brings the extension deadline of LOFT
    ov.days.setValue(365)
    wait_tasks(qtbot, window)
    assert any("förlängning" in k for k in cells(ov.view, 3))
    assert "2027-09-30" in cells(ov.view, 0)


def test_double_click_on_a_report_opens_the_activity(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_tasks(qtbot, window)
    view = window.overview.view
    row = cells(view, 3).index("rapport försenad")
    idx = view.model().index(row, 0)
    view.setCurrentIndex(idx)
    target = window.overview.target_of(idx.data(RECORD_ROLE))
    assert target is not None and target[0] == "activity"
    view.activated.emit(idx)
    assert window.tabs.currentWidget() is window.portfolio


def test_radar_model_passes_modeltester(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_tasks(qtbot, window)
    qtmodeltester.check(window.overview.model)
    qtmodeltester.check(window.overview.proxy)


def test_budget_figures_for_loft(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.budget)
    wait_tasks(qtbot, window)
    b = window.budget
    # every column's title shows whole ("Kvar att betala ut", "Aktivitetsbudget")
    header = b.view.horizontalHeader()
    titles = [b.model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, b.model.columnCount())]
    assert all(header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(t) + 8
               for c, t in enumerate(titles, start=1)), [(t, header.sectionSize(c)) for c, t in enumerate(titles, 1)]
    # the chart over all agreements (its sums are computed with the load, on the task runner)
    every = window.ctx.services.budget.overview(TODAY).per_year()
    assert len(every) >= 5
    assert [(bar.label, bar.values) for bar in b.chart.bars()] == [
        (str(p.year), (p.budget_ore, p.outcome_ore)) for p in every]
    b.agreement.setCurrentIndex(b.agreement.findText("LOFT – Leda och Organisera Förnyelse och Transformation"))
    b.year.setCurrentIndex(b.year.findText("2026"))
    assert b.proxy.rowCount() == 1
    headers = [b.model.headerData(c, Qt.Orientation.Horizontal) for c in range(b.model.columnCount())]
    row = {h: b.proxy.index(0, c).data() for c, h in enumerate(headers)}
    assert row["Avgift (plan)"] == "300 000 kr"
    assert row["Betalt"] == "225 000 kr"
    assert row["Timmar använt / ingår"] == "35 h / 80 h"
    assert [bar.label for bar in b.chart.bars()] == ["2022", "2023", "2024", "2025", "2026", "2027"]
    assert b.chart.bars()[0].values == (30_000_000, 30_000_000)


def test_global_search_finds_and_opens(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from samverkan_desktop.ui.dialogs.search import SearchDialog

    qtbot.keyClicks(window.search, "skolgård")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SearchDialog) and w.isVisible()]
    assert dialogs
    dlg = dialogs[-1]
    titles = cells(dlg.view, 1)
    assert "Klimatanpassade skolgårdar" in titles
    assert dlg.summary.text().endswith("träff") or dlg.summary.text().endswith("träffar")
    dlg.view.setCurrentIndex(dlg.view.model().index(titles.index("Klimatanpassade skolgårdar"), 0))
    dlg.view.activated.emit(dlg.view.currentIndex())
    assert window.tabs.currentWidget() is window.portfolio


def test_window_state_persists(qtbot, demo_sv: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    m = RecordingMessenger()
    w1 = make_window(demo_sv, m, tmp_path)
    qtbot.addWidget(w1)
    w1.show()
    w1.tabs.setCurrentIndex(4)
    w1.budget.view.setColumnWidth(0, 345)
    w1.save_window_state()
    w1.close()
    w2 = make_window(demo_sv, m, tmp_path)
    qtbot.addWidget(w2)
    w2.restore_window_state()
    assert w2.tabs.currentIndex() == 4
    assert w2.budget.view.columnWidth(0) == 345
    s = QSettings(str(tmp_path) + "/state.ini", QSettings.Format.IniFormat)
    assert s.value("window/tab") in (4, "4")


def test_empty_database_offers_a_friendly_start(qtbot, empty_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_tasks(qtbot, empty_window)
    ov = empty_window.overview
    assert ov.stack.currentIndex() == 1
    texts = [lab.text() for lab in ov.findChildren(QLabel) if lab.isVisible()]
    assert "Välkommen till Samverkan Desktop" in texts
    demo = ov.findChild(QPushButton, "startDemo")
    assert demo.text() == "Läs in demodata"
    with qtbot.waitSignal(empty_window.load_demo_requested, timeout=1000):
        qtbot.mouseClick(demo, Qt.MouseButton.LeftButton)


def test_where_is_my_data(window: MainWindow, messenger: RecordingMessenger) -> None:
    window.extra_actions["whereData"].trigger()
    kind, title, text = messenger.shown[-1]
    assert title == "Var finns mina data?" and "Säkerhetskopior:" in text and ".sqlite" in text


def test_other_tabs_are_not_built_while_the_user_types(qtbot, demo_sv: Services,  # type: ignore[no-untyped-def]
                                                       messenger: RecordingMessenger, tmp_path) -> None:
    """Building a tab in the background blocks the window for 10-70 ms: it waits for a pause
    in the typing (PREBUILD_QUIET_S), then goes on."""
    from samverkan_desktop.ui import main_window
    from samverkan_desktop.ui.tabs.base import RecordTab

    w = make_window(demo_sv, messenger, tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.load_first_tab()
    wait_tasks(qtbot, w)
    edit = w.findChild(QLineEdit, "globalSearch") or w.findChild(QLineEdit)
    assert edit is not None
    edit.setFocus()
    typing_s = (main_window.PREBUILD_DELAY_MS + 3 * main_window.PREBUILD_GAP_MS) / 1000 + 0.5
    keys = int(typing_s / 0.15)
    for _ in range(keys):  # a key every 150 ms, for longer than the first step's delay and some gaps
        qtbot.keyClick(edit, "a")
        qtbot.wait(150)
    assert not any(isinstance(w.tabs.widget(i), RecordTab) for i in range(1, 5))
    qtbot.waitUntil(lambda: all(isinstance(w.tabs.widget(i), RecordTab) for i in range(5)), timeout=10_000)
    wait_tasks(qtbot, w)


def test_the_other_tabs_modules_are_imported_as_soon_as_the_first_tab_has_its_data(  # type: ignore[no-untyped-def]
        qtbot, demo_sv: Services, messenger: RecordingMessenger, tmp_path) -> None:
    """On a thread, one gap after the first tab's load (its rows painted first; not after the
    0.8 s it used to wait): a tab clicked early then need not import its module on the GUI thread."""
    from samverkan_desktop.ui import main_window

    w = make_window(demo_sv, messenger, tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.load_first_tab()
    wait_tasks(qtbot, w)
    qtbot.waitUntil(lambda: w._imports is not None, timeout=2 * main_window.PREBUILD_GAP_MS + 150)
    w._imports.join(10)
    assert all(main_window.tab_module(k) in sys.modules for k in main_window.TAB_KEYS)
    assert not any(isinstance(w.tabs.widget(i), RecordTab) for i in range(1, 5))  # importing builds nothing


def test_only_the_visible_tab_is_built_when_a_database_opens(qtbot, demo_sv: Services,  # type: ignore[no-untyped-def]
                                                             messenger: RecordingMessenger, tmp_path) -> None:
    from samverkan_desktop.ui.tabs.base import RecordTab

    w = make_window(demo_sv, messenger, tmp_path)
    qtbot.addWidget(w)
    w.show()
    pages = [w.tabs.widget(i) for i in range(w.tabs.count())]
    assert [isinstance(p, RecordTab) for p in pages] == [False] * 5  # built on first use
    w.load_first_tab()
    assert isinstance(w.tabs.widget(0), RecordTab) and isinstance(w.tabs.widget(2), QLabel)
    assert w.tabs.widget(2).text() == "Läser in…"
    # a visit builds the tab in its place and loads it; the tab bar is unchanged
    w.tabs.setCurrentIndex(3)
    assert w.tabs.currentWidget() is w.meetings and w.tabs.tabText(3) == "Möten"
    wait_tasks(qtbot, w)
    assert w.meetings.view.model().rowCount() > 0
    # the rest are built one at a time while the user reads
    qtbot.waitUntil(lambda: all(isinstance(w.tabs.widget(i), RecordTab) for i in range(5)), timeout=10_000)
    assert [w.tabs.tabText(i) for i in range(5)] == ["Översikt", "Avtal", "Projektportfölj", "Möten", "Budget"]
    # and then what the tabs left out to show sooner: the agreement form
    qtbot.waitUntil(lambda: w.agreements.findChild(QWidget, "agreementOurOrganisation") is not None, timeout=10_000)
    wait_tasks(qtbot, w)
