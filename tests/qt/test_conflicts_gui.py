"""Two people, one record: the window has a record open while a second client (its own Services
and Database on the same file) saves it. Saving in the window then opens the conflict dialog
with both values; both ways on are checked by reading the database afterwards. Also the
history pages of the Avtal and Möten tabs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QScrollArea, QTabWidget, QWidget

from samverkan_desktop.db.database import Database
from samverkan_desktop.services import Services
from samverkan_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.tabs.agreements import AgreementsTab
from samverkan_desktop.ui.tabs.meetings import MeetingsTab
from samverkan_desktop.ui.tabs.portfolio import PortfolioTab

from .conftest import TODAY, wait_tasks

LOFT_CASE = "KS2021/812"
LOFT_TITLE = "LOFT – Leda och Organisera Förnyelse och Transformation"
NEXT_BEREDNING = "2027-02-16"


# ---- fixtures and helpers ------------------------------------------------------------------
@pytest.fixture
def other(window: MainWindow) -> Iterator[Services]:
    """A second client on the same database file (another person's program)."""
    window.ctx.services.db.user = "anna"
    db = Database(window.ctx.services.db.path)
    db.user = "bertil"
    yield Services.build(db)
    db.dispose()


def header_col(view: QAbstractItemView, header: str) -> int:
    m = view.model()
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert header in heads, heads
    return heads.index(header)


def column(view: QAbstractItemView, header: str) -> list[str]:
    m, c = view.model(), header_col(view, header)
    return [m.index(r, c).data() for r in range(m.rowCount())]


def table(view: QAbstractItemView) -> dict[str, dict[str, str]]:
    """Rows of the conflict table by field label: {header: cell text}."""
    m = view.model()
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    return {m.index(r, 0).data(): {h: m.index(r, c).data() for c, h in enumerate(heads)} for r in range(m.rowCount())}


def click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    w = button.parentWidget()
    while w is not None:
        if isinstance(w, QScrollArea):
            w.ensureWidgetVisible(button)
        w = w.parentWidget()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def click_row(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def show_page(qtbot, pages: QTabWidget, title: str) -> None:  # type: ignore[no-untyped-def]
    bar = pages.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).startswith(title))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert pages.currentIndex() == index


def retype(qtbot, edit: QLineEdit | QPlainTextEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def dialog_of(qtbot, tab: AgreementsTab | PortfolioTab | MeetingsTab) -> ConflictDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.conflict_dialog is not None and tab.conflict_dialog.isVisible())
    dlg = tab.conflict_dialog
    assert dlg is not None
    assert dlg.windowTitle() == "Ändrat av någon annan"
    assert dlg.isModal()  # window-modal through open(): the form cannot change under it
    return dlg


def open_loft(qtbot, window: MainWindow) -> tuple[AgreementsTab, int]:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.agreements)
    wait_tasks(qtbot, window)
    tab = window.agreements
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    row = column(tab.view, "Diarienummer").index(LOFT_CASE)
    click_row(qtbot, tab.view, tab.view.model().index(row, 0))
    qtbot.waitUntil(lambda: tab.form.case_number.text() == LOFT_CASE)
    ident = next(r.id for r in window.ctx.services.agreements.list_rows(TODAY) if r.case_number == LOFT_CASE)
    return tab, ident


def bertil_saves_agreement(other: Services, ident: int, title: str, notes: str | None = None) -> int:
    d = other.agreements.get(ident)
    data = replace(d.data, title=title) if notes is None else replace(d.data, title=title, notes=notes)
    other.agreements.update(ident, d.version, data, TODAY)
    return d.version + 1


# ---- Avtal ------------------------------------------------------------------------------------
def test_agreement_conflict_shows_both_values_and_reload_takes_theirs(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                      other: Services) -> None:
    tab, ident = open_loft(qtbot, window)
    loaded_notes = tab.form.notes.toPlainText()
    their_version = bertil_saves_agreement(other, ident, "LOFT enligt Bertil", "Bertils anteckning")
    retype(qtbot, tab.form.title_edit, "LOFT enligt Anna")
    click(qtbot, tab.save_button)

    dlg = dialog_of(qtbot, tab)
    rows = table(dlg.table)
    assert rows["Titel"] == {"Fält": "Titel", "När du öppnade": LOFT_TITLE, "Din version": "LOFT enligt Anna",
                             "Deras version": "LOFT enligt Bertil"}
    assert rows["Anteckningar"]["Deras version"] == "Bertils anteckning"
    assert rows["Anteckningar"]["Din version"] == (loaded_notes or "–")
    assert set(rows) == {"Titel", "Anteckningar"}  # only what differs
    assert "2 fält skiljer sig, varav 1 som ni båda har ändrat" in dlg.summary.text()
    # the differences are coloured: both changed the title, only they changed the notes
    m = dlg.table.model()
    title_row = column(dlg.table, "Fält").index("Titel")
    notes_row = column(dlg.table, "Fält").index("Anteckningar")
    mine_col, theirs_col = header_col(dlg.table, "Din version"), header_col(dlg.table, "Deras version")
    clash = m.index(title_row, mine_col).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert clash == m.index(title_row, theirs_col).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert m.index(notes_row, mine_col).data(Qt.ItemDataRole.BackgroundRole) is None
    assert m.index(notes_row, theirs_col).data(Qt.ItemDataRole.BackgroundRole).color().name() != clash
    # nothing is lost while the user decides
    assert tab.form.title_edit.text() == "LOFT enligt Anna"
    assert tab.state_label.text() == "Osparade ändringar"
    assert "någon annan" in window.statusBar().currentMessage()

    click(qtbot, dlg.reload_button)
    assert not dlg.isVisible()
    assert tab.form.title_edit.text() == "LOFT enligt Bertil"
    assert tab.form.notes.toPlainText() == "Bertils anteckning"
    assert tab.state_label.text() == ""
    stored = other.agreements.get(ident)  # the database still holds their version, untouched
    assert (stored.version, stored.data.title, stored.data.notes) == (their_version, "LOFT enligt Bertil",
                                                                      "Bertils anteckning")
    wait_tasks(qtbot, window)


def test_agreement_overwrite_saves_mine_and_a_third_save_shows_again(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     other: Services) -> None:
    tab, ident = open_loft(qtbot, window)
    bertil_saves_agreement(other, ident, "LOFT enligt Bertil")
    retype(qtbot, tab.form.title_edit, "LOFT enligt Anna")
    click(qtbot, tab.save_button)
    dlg = dialog_of(qtbot, tab)
    assert table(dlg.table)["Titel"]["Deras version"] == "LOFT enligt Bertil"
    assert not dlg.again.isVisible()

    # a third person saves while Anna is choosing: overwriting shows the new difference instead
    bertil_saves_agreement(other, ident, "LOFT enligt Cecilia")
    click(qtbot, dlg.overwrite_button)
    assert dlg.isVisible() and dlg.again.isVisible()
    assert table(dlg.table)["Titel"]["Deras version"] == "LOFT enligt Cecilia"
    assert other.agreements.get(ident).data.title == "LOFT enligt Cecilia"

    click(qtbot, dlg.overwrite_button)
    assert not dlg.isVisible()
    stored = other.agreements.get(ident)
    assert stored.data.title == "LOFT enligt Anna"
    assert tab.form.title_edit.text() == "LOFT enligt Anna" and tab.state_label.text() == ""
    # the change log has every save, with who made it
    titles = [(h.user, h.old, h.new) for h in other.agreements.history(ident) if h.field == "Titel"
              and h.action == "update"]
    assert titles[-3:] == [("bertil", LOFT_TITLE, "LOFT enligt Bertil"),
                           ("bertil", "LOFT enligt Bertil", "LOFT enligt Cecilia"),
                           ("anna", "LOFT enligt Cecilia", "LOFT enligt Anna")]
    wait_tasks(qtbot, window)


def test_keep_editing_leaves_the_form_and_the_database_alone(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                             other: Services) -> None:
    tab, ident = open_loft(qtbot, window)
    their_version = bertil_saves_agreement(other, ident, "LOFT enligt Bertil")
    retype(qtbot, tab.form.title_edit, "LOFT enligt Anna")
    window.extra_actions["save"].trigger()  # Ctrl+S
    dlg = dialog_of(qtbot, tab)
    click(qtbot, dlg.keep_button)
    assert not dlg.isVisible()
    assert tab.form.title_edit.text() == "LOFT enligt Anna" and tab.state_label.text() == "Osparade ändringar"
    assert other.agreements.get(ident).version == their_version
    window.extra_actions["save"].trigger()  # saving again asks again: never a blind overwrite
    assert dialog_of(qtbot, tab) is not dlg
    assert other.agreements.get(ident).data.title == "LOFT enligt Bertil"


# ---- Projektportfölj ------------------------------------------------------------------------
def test_activity_conflict_overwrite_keeps_mine(qtbot, window: MainWindow, other: Services) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.portfolio)
    wait_tasks(qtbot, window)
    tab = window.portfolio
    ident = next(r.id for r in window.ctx.services.portfolio.list_rows(TODAY) if r.title == "Trygghet i centrum")
    m = tab.tree.model()
    idx = next(m.index(r, 0) for r in range(m.rowCount()) if m.index(r, 0).data() == "Trygghet i centrum")
    click_row(qtbot, tab.tree, idx)
    assert tab.title_label.text() == "Trygghet i centrum"
    d = other.portfolio.get(ident, TODAY)
    other.portfolio.update(ident, d.version, replace(d.data, title="Trygghet i centrum (Bertil)"), TODAY)

    retype(qtbot, tab.form.title, "Trygghet i centrum (Anna)")
    window.extra_actions["save"].trigger()
    dlg = dialog_of(qtbot, tab)
    assert table(dlg.table)["Titel"] == {"Fält": "Titel", "När du öppnade": "Trygghet i centrum",
                                         "Din version": "Trygghet i centrum (Anna)",
                                         "Deras version": "Trygghet i centrum (Bertil)"}
    assert tab.form.title.text() == "Trygghet i centrum (Anna)"
    assert other.portfolio.get(ident, TODAY).data.title == "Trygghet i centrum (Bertil)"

    click(qtbot, dlg.overwrite_button)
    assert not dlg.isVisible()
    assert other.portfolio.get(ident, TODAY).data.title == "Trygghet i centrum (Anna)"
    assert tab.title_label.text() == "Trygghet i centrum (Anna)"
    log = [(h.user, h.old, h.new) for h in other.portfolio.history(ident) if h.field == "Titel" and not h.part]
    assert log[-2:] == [("bertil", "Trygghet i centrum", "Trygghet i centrum (Bertil)"),
                        ("anna", "Trygghet i centrum (Bertil)", "Trygghet i centrum (Anna)")]
    wait_tasks(qtbot, window)


# ---- Möten ------------------------------------------------------------------------------------
def open_beredning(qtbot, window: MainWindow) -> tuple[MeetingsTab, int]:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.meetings)
    wait_tasks(qtbot, window)
    tab = window.meetings
    row = column(tab.view, "Datum").index(NEXT_BEREDNING)
    click_row(qtbot, tab.view, tab.view.model().index(row, 0))
    assert tab.heading.text() == "Kommungemensam beredning"
    ident = tab.current_record()[0]  # type: ignore[index]
    return tab, ident


def test_meeting_conflict_reload_shows_theirs(qtbot, window: MainWindow, other: Services) -> None:  # type: ignore[no-untyped-def]
    tab, ident = open_beredning(qtbot, window)
    d = other.meetings.get(ident)
    other.meetings.update(ident, d.version, replace(d.data, place="Sal B"))
    retype(qtbot, tab.form.place, "Sal A")
    click(qtbot, tab.save_button)
    dlg = dialog_of(qtbot, tab)
    assert table(dlg.table)["Plats"]["Din version"] == "Sal A"
    assert table(dlg.table)["Plats"]["Deras version"] == "Sal B"
    assert tab.form.place.text() == "Sal A"

    click(qtbot, dlg.reload_button)
    assert tab.form.place.text() == "Sal B"
    stored = other.meetings.get(ident)
    assert (stored.version, stored.data.place) == (d.version + 1, "Sal B")
    wait_tasks(qtbot, window)


def test_minutes_text_conflict_overwrite(qtbot, window: MainWindow, other: Services) -> None:  # type: ignore[no-untyped-def]
    tab, ident = open_beredning(qtbot, window)
    show_page(qtbot, tab.pages, "Dagordning")
    item = tab.editor.item
    assert item is not None
    other.meetings.update_item_text(item.id, proposal="Bertils förslag")
    retype(qtbot, tab.editor.proposal, "Annas forslag")
    click(qtbot, tab.editor.save_text)
    dlg = dialog_of(qtbot, tab)
    row = table(dlg.table)["Förslag till beslut"]
    assert (row["Din version"], row["Deras version"]) == ("Annas forslag", "Bertils förslag")

    click(qtbot, dlg.overwrite_button)
    assert not dlg.isVisible()
    fresh = next(i for i in other.meetings.get(ident).items if i.id == item.id)
    assert fresh.proposal == "Annas forslag"
    assert tab.editor.proposal.toPlainText() == "Annas forslag" and not tab.editor.dirty
    wait_tasks(qtbot, window)


def open_item(qtbot, tab: MeetingsTab, title: str):  # type: ignore[no-untyped-def]
    show_page(qtbot, tab.pages, "Dagordning")
    m = tab.item_view.model()
    row = next(r for r in range(m.rowCount()) if m.index(r, 1).data() == title)
    click_row(qtbot, tab.item_view, m.index(row, 0))
    item = tab.editor.item
    assert item is not None and item.title == title
    return item


def record_decision(qtbot, tab: MeetingsTab, outcome: str) -> ConflictDialog:  # type: ignore[no-untyped-def]
    """Choose the outcome, click "Registrera beslut", and expect the conflict dialog."""
    idx = tab.editor.outcome.findText(outcome)
    tab.editor.outcome.setCurrentIndex(idx)
    tab.editor.outcome.activated.emit(idx)
    click(qtbot, tab.editor.record)
    return dialog_of(qtbot, tab)


def test_decision_over_a_changed_item_is_a_conflict_and_overwrite_records_it(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, other: Services) -> None:
    tab, ident = open_beredning(qtbot, window)
    item = open_item(qtbot, tab, "Skolnärvaro och psykisk hälsa")
    other.meetings.update_item_text(item.id, proposal="Bertils förslag")
    retype(qtbot, tab.editor.proposal, "Annas forslag")  # keyClicks: ASCII only
    dlg = record_decision(qtbot, tab, "går vidare till styrgrupp")
    row = table(dlg.table)["Förslag till beslut"]
    assert (row["Din version"], row["Deras version"]) == ("Annas forslag", "Bertils förslag")
    assert table(dlg.table)["Utfall"]["Din version"] == "går vidare till styrgrupp"
    # nothing recorded yet, and Bertil's text is not overwritten behind his back
    stored = next(i for i in other.meetings.get(ident).items if i.id == item.id)
    assert stored.outcome is None and stored.proposal == "Bertils förslag"
    assert window.statusBar().currentMessage() == \
        f"Beslutet registrerades inte: någon annan har ändrat § {item.paragraph}."

    click(qtbot, dlg.overwrite_button)
    assert not dlg.isVisible()
    stored = next(i for i in other.meetings.get(ident).items if i.id == item.id)
    assert stored.outcome is not None and stored.outcome.value == "går vidare till styrgrupp"
    assert stored.proposal == "Annas forslag"
    assert tab.editor.decided.text() == "Beslut registrerat: går vidare till styrgrupp"
    wait_tasks(qtbot, window)


def test_decision_after_someone_else_decided_is_refused(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                        other: Services) -> None:
    from samverkan_desktop.domain.stages import Outcome

    tab, ident = open_beredning(qtbot, window)
    item = open_item(qtbot, tab, "Skolnärvaro och psykisk hälsa")
    other.meetings.record_outcome(item.id, Outcome.AVSLAS, "Bertils beslut")
    dlg = record_decision(qtbot, tab, "går vidare till styrgrupp")
    row = table(dlg.table)["Utfall"]
    assert (row["Din version"], row["Deras version"]) == ("går vidare till styrgrupp", "avslås")
    # a decision once recorded is not overwritten: the dialog says so and keeps the choice open
    click(qtbot, dlg.overwrite_button)
    assert dlg.isVisible() and "har redan beslutet 'avslås'" in dlg.error.text()
    click(qtbot, dlg.reload_button)
    assert tab.editor.decided.text() == "Beslut registrerat: avslås"
    stored = next(i for i in other.meetings.get(ident).items if i.id == item.id)
    assert stored.outcome == Outcome.AVSLAS and stored.decision_text == "Bertils beslut"
    wait_tasks(qtbot, window)


# ---- history pages ------------------------------------------------------------------------------
def test_agreement_history_page_shows_who_changed_what(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.ctx.services.db.user = "anna"
    tab, ident = open_loft(qtbot, window)
    retype(qtbot, tab.form.title_edit, "LOFT ny titel")
    click(qtbot, tab.save_button)
    wait_tasks(qtbot, window)
    show_page(qtbot, tab.form, "Historik")
    view = tab.history.view
    assert column(view, "Vem")[0] == "anna"
    assert column(view, "Vad")[0] == "Ändrad"
    assert column(view, "Fält")[0] == "Titel"
    assert column(view, "Före")[0] == LOFT_TITLE and column(view, "Efter")[0] == "LOFT ny titel"
    assert "Årsavgift" in column(view, "Fält") and "300 000 kr" in column(view, "Efter")
    parts = [(w, f, n) for w, f, n in zip(column(view, "Vad"), column(view, "Fält"), column(view, "Efter"))
             if f == "Part"]
    assert parts == [("Tillagd", "Part", "RISE Research Institutes of Sweden AB")]
    total = view.model().rowCount()
    assert tab.history.count.text() == f"{total} ändringar"
    qtbot.keyClicks(tab.history.filter, "Part")
    assert 0 < view.model().rowCount() < total
    # a new agreement has no history yet: the page is disabled
    click(qtbot, tab.new_button)
    assert not tab.form.isTabEnabled(tab.form.indexOf(tab.history))
    wait_tasks(qtbot, window)


def test_meeting_history_page(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab, _ident = open_beredning(qtbot, window)
    show_page(qtbot, tab.pages, "Historik")
    view = tab.history.view
    fields = column(view, "Fält")
    assert "Ärende" in fields and "Plats" in fields
    added = [n for w, f, n in zip(column(view, "Vad"), fields, column(view, "Efter")) if f == "Ärende"]
    assert added and all(n.startswith("§ ") for n in added)
    assert view.isColumnHidden(header_col(view, "Del")) == all(not p for p in column(view, "Del"))
    qtmodeltester.check(tab.history.model)
    # a change made in the window appears at the top when the page is shown again
    show_page(qtbot, tab.pages, "Mötesuppgifter")
    retype(qtbot, tab.form.place, "Sal C")
    click(qtbot, tab.save_button)
    wait_tasks(qtbot, window)
    show_page(qtbot, tab.pages, "Historik")
    assert (column(view, "Fält")[0], column(view, "Efter")[0]) == ("Plats", "Sal C")


def test_conflict_model_passes_modeltester(qtbot, qtmodeltester, window: MainWindow,  # type: ignore[no-untyped-def]
                                           other: Services) -> None:
    tab, ident = open_loft(qtbot, window)
    bertil_saves_agreement(other, ident, "LOFT enligt Bertil", "Ny")
    retype(qtbot, tab.form.title_edit, "LOFT enligt Anna")
    click(qtbot, tab.save_button)
    dlg = dialog_of(qtbot, tab)
    qtmodeltester.check(dlg.model)
    assert dlg.table.accessibleName() == "Skillnader"
    click(qtbot, dlg.keep_button)
