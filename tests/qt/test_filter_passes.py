"""How often the tables filter their rows (issue #7: at 5 000 meetings every pass over the rows
blocks the window for tens of milliseconds): several predicates in one change, and the Möten
and Budget tabs filter their rows once when they load, whatever the filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from samverkan_desktop.services.budget import YearSummary
from samverkan_desktop.services.meetings import MeetingRow
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.table_models.base import RECORD_ROLE, Column, RecordTableModel
from samverkan_desktop.ui.table_models.proxy import RecordSortProxy

from .conftest import TODAY, wait_tasks


@dataclass(frozen=True)
class Row:
    id: int
    n: int


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[int, int]:
    """filterAcceptsRow calls per proxy (keyed by id(proxy)), from now on, of the proxies that
    have not filtered a row yet (PySide looks the override up once per object)."""
    calls: dict[int, int] = {}
    original = RecordSortProxy.filterAcceptsRow

    def counted(self: RecordSortProxy, row: int, parent: Any) -> bool:
        calls[id(self)] = calls.get(id(self), 0) + 1
        return original(self, row, parent)

    monkeypatch.setattr(RecordSortProxy, "filterAcceptsRow", counted)
    return calls


def test_set_predicates_sets_and_removes_several_with_one_refilter(qtmodeltester, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = counting(monkeypatch)  # before the proxy first filters (PySide remembers the method then)
    model: RecordTableModel[Row] = RecordTableModel([Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.n)])
    model.set_rows([Row(i, i) for i in range(1, 101)])
    proxy = RecordSortProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 100
    calls.clear()
    proxy.set_predicates({"even": lambda r: r.n % 2 == 0, "small": lambda r: r.n <= 10})
    assert [proxy.index(i, 0).data(RECORD_ROLE).n for i in range(proxy.rowCount())] == [2, 4, 6, 8, 10]
    assert calls == {id(proxy): 100}  # one pass over the rows, not one per predicate
    proxy.set_predicates({"small": None, "unknown": None})
    assert proxy.rowCount() == 50 and calls[id(proxy)] == 200
    proxy.set_predicate("even", None)
    assert proxy.rowCount() == 100
    qtmodeltester.check(proxy)


def test_meetings_load_filters_the_rows_once(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab = window.meetings
    calls = counting(monkeypatch)
    window.tabs.setCurrentWidget(tab)
    wait_tasks(qtbot, window)
    n = tab.model.rowCount()
    assert n > 20
    assert calls.get(id(tab.proxy)) == n
    shown = [tab.proxy.index(r, 0).data(RECORD_ROLE) for r in range(tab.proxy.rowCount())]
    assert shown and all(isinstance(m, MeetingRow) and m.held_on >= TODAY for m in shown)  # "Upcoming"
    # the three filters in one change
    combo: QComboBox = tab.status_combo
    calls.clear()
    combo.setCurrentIndex(1)
    assert calls.get(id(tab.proxy)) == n
    # reloaded (after a save elsewhere): again one pass over the rows
    calls.clear()
    tab.reload()
    wait_tasks(qtbot, window)
    assert calls.get(id(tab.proxy)) == n


def test_budget_load_filters_once_and_selects_this_years_first_row(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    tab = window.budget
    calls = counting(monkeypatch)
    window.tabs.setCurrentWidget(tab)
    wait_tasks(qtbot, window)
    n = tab.model.rowCount()
    assert n > 5
    assert calls.get(id(tab.proxy)) == n
    current = tab.view.currentIndex().data(RECORD_ROLE)
    assert isinstance(current, YearSummary) and current.year == TODAY.year
    first = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 0).data(RECORD_ROLE).year == TODAY.year)
    assert tab.view.currentIndex().row() == first
    # sorted by year, descending: still the first row of this year in the view's order
    tab.view.sortByColumn(1, tab.view.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    tab.year.setCurrentIndex(0)
    tab.agreement.setCurrentIndex(1)
    rows = [tab.proxy.index(r, 0).data(RECORD_ROLE) for r in range(tab.proxy.rowCount())]
    assert {r.agreement_id for r in rows} == {tab.agreement.currentData()}
    wanted = next(i for i, r in enumerate(rows) if r.year == TODAY.year)
    assert tab.view.currentIndex().row() == wanted
    # a reload with the same filters filters once
    calls.clear()
    tab.reload()
    wait_tasks(qtbot, window)
    assert calls.get(id(tab.proxy)) == tab.model.rowCount()
