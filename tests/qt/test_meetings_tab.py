"""The Möten tab, driven as the analyst would: plan a year, open the next beredning, record
decisions that move activities, walk the status to justerat (locked)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QTableView, QWidget

from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import MeetingStatus
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.table_models.meeting_models import agenda_item_model, attendee_model, meeting_model
from samverkan_desktop.ui.tabs.meetings import MeetingsTab

from .conftest import TODAY, wait_tasks

NEXT_BEREDNING = date(2027, 2, 16)


# ---- helpers ---------------------------------------------------------------------------
def open_tab(qtbot, window: MainWindow) -> MeetingsTab:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.meetings)
    wait_tasks(qtbot, window)
    return window.meetings


def cells(view: QTableView, col: int) -> list[str]:
    m = view.model()
    return [m.index(r, col).data() for r in range(m.rowCount())]


# NB: QTest.keyClicks aborts the process on a lower-case "ö" (PySide6 6.12), so typed texts avoid it.
def click_row(qtbot, view: QTableView, row: int) -> None:  # type: ignore[no-untyped-def]
    idx = view.model().index(row, 0)
    view.scrollTo(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())


def click_row_with(qtbot, view: QTableView, col: int, text: str) -> int:  # type: ignore[no-untyped-def]
    row = cells(view, col).index(text)
    click_row(qtbot, view, row)
    return row


def choose(combo: QComboBox, text: str) -> None:
    idx = combo.findText(text)
    assert idx >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(idx)
    combo.activated.emit(idx)


def tick(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    """Click the check box's indicator (the widget may be wider than its clickable text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def show_page(qtbot, tab: MeetingsTab, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = tab.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.pages.currentIndex() == index


def open_next_beredning(qtbot, window: MainWindow) -> MeetingsTab:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    assert tab.year_combo.currentText() == "Kommande"
    row = cells(tab.view, 0).index(NEXT_BEREDNING.isoformat())
    assert tab.view.model().index(row, 2).data() == "Kommungemensam beredning"
    assert tab.view.model().index(row, 3).data() == "kallat"
    click_row(qtbot, tab.view, row)
    assert tab.heading.text() == "Kommungemensam beredning"
    show_page(qtbot, tab, 1)
    return tab


def field_error(widget: QWidget) -> str:
    """The red error label FormErrors put under `widget`."""
    box = widget.parentWidget()
    labels = [lab for lab in box.findChildren(QLabel, "fieldError") if lab.isVisible()]
    return labels[0].text() if labels else ""


def activity_id(window: MainWindow, title: str) -> int:
    return next(r.id for r in window.ctx.services.portfolio.list_rows(TODAY) if r.title == title)


# ---- tests -----------------------------------------------------------------------------
def test_plan_a_year_from_the_bodies_cadence(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dlg = tab.plan_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.year.value() == 2028  # the demo has meetings up to 2027
    beredning, styrgrupp = dlg.checks[Body.BEREDNING], dlg.checks[Body.STYRGRUPP]
    assert beredning.text() == "kommungemensam beredning (4 per år)"
    assert dlg.checks[Body.LEDNINGSGRUPP].text() == "ledningsgrupp (1 per år)"
    # nothing chosen: refused beside the field, nothing planned
    qtbot.mouseClick(dlg.plan_button, Qt.MouseButton.LeftButton)
    assert "Välj minst ett organ" in field_error(beredning.parentWidget())
    assert dlg.isVisible()
    tick(qtbot, beredning)
    tick(qtbot, styrgrupp)
    assert beredning.isChecked() and styrgrupp.isChecked()
    assert dlg.summary.text() == "Högst 8 möten under 2028."
    qtbot.keyClicks(dlg.place, "Örebro universitet, Långhuset")
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(dlg.plan_button, Qt.MouseButton.LeftButton)
        wait_tasks(qtbot, window)
    wait_tasks(qtbot, window)
    assert not dlg.isVisible()
    assert tab.year_combo.currentText() == "2028"
    assert window.statusBar().currentMessage() == "8 möten planerade för 2028"
    bodies = cells(tab.view, 2)
    assert sorted(bodies) == ["Kommungemensam beredning"] * 4 + ["Styrgrupp"] * 4
    assert set(cells(tab.view, 3)) == {"planerat"}
    assert all(d.startswith("2028-") for d in cells(tab.view, 0))
    assert set(cells(tab.view, 6)) == {"Örebro universitet, Långhuset"}
    assert tab.count_label.text() == "8 möten"
    # planning again doubles nothing
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dlg2 = tab.plan_dialog
    dlg2.year.setValue(2028)
    tick(qtbot, dlg2.checks[Body.BEREDNING])
    qtbot.mouseClick(dlg2.plan_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot, window)
    wait_tasks(qtbot, window)
    assert "redan" in window.statusBar().currentMessage()
    assert len(cells(tab.view, 0)) == 8


def test_record_a_decision_that_moves_the_activity(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_next_beredning(qtbot, window)
    sv = window.ctx.services
    aid = activity_id(window, "Skolnärvaro och psykisk hälsa")
    assert sv.portfolio.get(aid, TODAY).stage == Stage.ANSOKAN
    assert cells(tab.item_view, 1) == ["Cirkulära byggmaterial i kommunala fastigheter",
                                       "Skolnärvaro och psykisk hälsa"]
    row = click_row_with(qtbot, tab.item_view, 1, "Skolnärvaro och psykisk hälsa")
    paragraph = tab.item_view.model().index(row, 0).data()
    assert tab.editor.heading.text() == f"{paragraph}  Skolnärvaro och psykisk hälsa"
    qtbot.keyClicks(tab.editor.proposal, "Beredningen tillstyrker att projektet startar.")
    choose(tab.editor.outcome, "går vidare till styrgrupp")
    qtbot.keyClicks(tab.editor.decision_text, "Beredningen tillstyrker till styrgruppen.")
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.editor.record, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot, window)
    # what the user sees
    assert tab.item_view.model().index(row, 4).data() == "går vidare till styrgrupp"
    assert tab.editor.decided.text() == "Beslut registrerat: går vidare till styrgrupp"
    assert not tab.editor.record.isEnabled()
    assert window.statusBar().currentMessage() == \
        f"{paragraph}: går vidare till styrgrupp — aktiviteten är nu i steget ”styrgrupp”"
    # what the portfolio now holds: stage and the decision (body, date, §), same transaction
    detail = sv.portfolio.get(aid, TODAY)
    assert detail.stage == Stage.STYRGRUPP
    assert [(d.body, d.decided_on, d.paragraph, d.outcome) for d in detail.decisions] == [
        ("kommungemensam beredning", NEXT_BEREDNING, paragraph, "Beredningen tillstyrker till styrgruppen.")]
    item = next(i for i in sv.meetings.get(tab.selected_meeting_id()).items if i.activity_id == aid)
    assert item.proposal == "Beredningen tillstyrker att projektet startar."
    # "Öppna aktivitet" asks the window for the activity (the window's switching is its own test;
    # kept out here so this test does not depend on the portfolio tab)
    tab.navigate.disconnect(window.navigate)
    with qtbot.waitSignal(tab.navigate) as sig:
        qtbot.mouseClick(tab.editor.open_activity, Qt.MouseButton.LeftButton)
    assert sig.args == ["activity", aid]


def test_an_outcome_that_does_not_fit_is_refused_and_changes_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_next_beredning(qtbot, window)
    sv = window.ctx.services
    aid = activity_id(window, "Skolnärvaro och psykisk hälsa")
    decisions_before = sv.portfolio.get(aid, TODAY).decisions
    click_row_with(qtbot, tab.item_view, 1, "Skolnärvaro och psykisk hälsa")
    # no outcome chosen
    qtbot.mouseClick(tab.editor.record, Qt.MouseButton.LeftButton)
    assert field_error(tab.editor.outcome) == "Välj först vilket beslut som fattades."
    # a beredning cannot grant
    choose(tab.editor.outcome, "beviljas")
    qtbot.keyClicks(tab.editor.motions, "Ledamot yrkar bifall.")
    qtbot.mouseClick(tab.editor.record, Qt.MouseButton.LeftButton)
    assert field_error(tab.editor.outcome) == "Beslut: 'beviljas' passar inte en aktivitet i steget 'beredning'"
    assert sv.portfolio.get(aid, TODAY).stage == Stage.ANSOKAN
    assert sv.portfolio.get(aid, TODAY).decisions == decisions_before
    item = next(i for i in sv.meetings.get(tab.selected_meeting_id()).items if i.activity_id == aid)
    assert item.outcome is None and item.motions == ""  # nothing half-saved
    assert tab.item_view.model().index(1, 4).data() == ""
    assert tab.editor.record.isEnabled()


def test_walk_status_to_justerat_locks_the_meeting(qtbot, window: MainWindow, messenger) -> None:  # type: ignore[no-untyped-def]
    tab = open_next_beredning(qtbot, window)
    sv = window.ctx.services
    mid = tab.selected_meeting_id()
    assert tab.next_status_button.text() == "Markera genomfört"
    qtbot.mouseClick(tab.next_status_button, Qt.MouseButton.LeftButton)
    assert tab.steps.status == MeetingStatus.GENOMFORT
    assert sv.meetings.get(mid).status == MeetingStatus.GENOMFORT
    assert tab.next_status_button.text() == "Justera…"
    # justera refused while a beslutsärende lacks an outcome
    qtbot.mouseClick(tab.next_status_button, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][2] == "Status: beslut saknas för § 1, 2"
    assert sv.meetings.get(mid).status == MeetingStatus.GENOMFORT
    for title in ("Cirkulära byggmaterial i kommunala fastigheter", "Skolnärvaro och psykisk hälsa"):
        click_row_with(qtbot, tab.item_view, 1, title)
        choose(tab.editor.outcome, "går vidare till styrgrupp")
        qtbot.mouseClick(tab.editor.record, Qt.MouseButton.LeftButton)
    assert cells(tab.item_view, 4) == ["går vidare till styrgrupp"] * 2
    # the user opens "Lägg till ärende…" (the dialog lists what is eligible, with the reason)
    qtbot.mouseClick(tab.add_item_button, Qt.MouseButton.LeftButton)
    dlg = tab.item_dialog
    wait_tasks(qtbot, window)
    assert dlg is not None and dlg.isVisible()
    assert dlg.hint.text().startswith("Inga ärenden väntar")
    # meanwhile the minutes get adjusted (asked first: adjusting locks)
    dlg.reject()
    qtbot.mouseClick(tab.next_status_button, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][0] == "confirm"
    assert sv.meetings.get(mid).status == MeetingStatus.JUSTERAT
    assert tab.steps.status == MeetingStatus.JUSTERAT
    assert tab.lock_notice.isVisible()
    assert tab.next_status_button.isHidden()
    assert "låst" in tab.lock_notice.text()
    # every editor read-only or disabled
    assert tab.form.place.isReadOnly() and tab.form.held_on.isReadOnly() and not tab.form.body.isEnabled()
    assert not tab.save_button.isEnabled() and not tab.delete_button.isEnabled()
    assert not tab.add_item_button.isEnabled() and not tab.remove_item_button.isEnabled()
    assert not tab.add_attendee_button.isEnabled() and not tab.present_button.isEnabled()
    assert tab.editor.proposal.isReadOnly() and tab.editor.reservations.isReadOnly()
    assert not tab.editor.record.isEnabled() and not tab.editor.save_text.isEnabled()
    # and looks it: grey, where an editable field of the same kind is white
    grey = tab.form.place.grab().toImage().pixelColor(3, 3).name()
    assert grey == "#f1f1f1", grey
    assert tab.form.place.palette().color(QPalette.ColorRole.Text).name() == "#3a3a3a"
    wait_tasks(qtbot, window)
    meetings_row = cells(tab.view, 0).index(NEXT_BEREDNING.isoformat())
    assert tab.view.model().index(meetings_row, 3).data() == "justerat"


def test_adding_an_item_to_a_meeting_justerat_meanwhile_is_refused(qtbot, window: MainWindow, messenger) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    click_row_with(qtbot, tab.view, 0, "2026-12-01")  # the styrgrupp, planerat
    mid = tab.selected_meeting_id()
    assert tab.heading.text() == "Styrgrupp"
    assert tab.next_status_button.text() == "Kalla"
    show_page(qtbot, tab, 1)
    qtbot.mouseClick(tab.add_item_button, Qt.MouseButton.LeftButton)
    dlg = tab.item_dialog
    wait_tasks(qtbot, window)
    # the styrgrupp sees the application the beredning sent on, with the reason
    assert cells(dlg.view, 0)[0] == "Medborgardialog i ny översiktsplan"
    assert cells(dlg.view, 2)[0] == "Tillstyrkt av beredningen"
    qtbot.mouseClick(dlg.add_case_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot, window)
    assert dlg.feedback.text().startswith("§ ") and "Medborgardialog" in dlg.feedback.text()
    assert cells(tab.item_view, 1) == ["Medborgardialog i ny översiktsplan"]
    # a free item needs a title (beside the field)
    qtbot.mouseClick(dlg.add_free_button, Qt.MouseButton.LeftButton)
    assert field_error(dlg.title) == "Rubrik: måste fyllas i"
    # someone else adjusts the minutes while the dialog is open
    sv = window.ctx.services
    for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT):
        sv.meetings.set_status(mid, st)
    item = sv.meetings.get(mid).items[0]
    sv.meetings.record_outcome(item.id, sv_outcome("beviljas"))
    sv.meetings.set_status(mid, MeetingStatus.JUSTERAT)
    qtbot.keyClicks(dlg.title, "Information om kommunikationsplanen")
    qtbot.mouseClick(dlg.add_free_button, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][0] == "warning"
    assert "justerat" in messenger.shown[-1][2]
    assert not dlg.isVisible()
    assert [i.title for i in sv.meetings.get(mid).items] == ["Medborgardialog i ny översiktsplan"]
    assert tab.lock_notice.isVisible() and not tab.add_item_button.isEnabled()


def sv_outcome(text: str):  # type: ignore[no-untyped-def]
    from samverkan_desktop.domain.stages import Outcome

    return next(o for o in Outcome if o.value == text)


def test_attendees_and_presence(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_next_beredning(qtbot, window)
    show_page(qtbot, tab, 0)
    assert cells(tab.attendee_view, 0) == ["Karin Sjöberg", "Ahmed Rahimi", "Elin Nyström"]
    assert set(cells(tab.attendee_view, 2)) == {"ej noterad"}
    qtbot.mouseClick(tab.add_attendee_button, Qt.MouseButton.LeftButton)
    dlg = tab.attendee_dialog
    assert dlg is not None and dlg.isVisible()
    ok = dlg.findChild(QWidget, "addAttendeeOk")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert field_error(dlg.name) == "Namn: måste fyllas i"
    assert dlg.isVisible()
    person = next(i for i in range(dlg.person.count()) if dlg.person.itemText(i).startswith("Anna Karlsson"))
    dlg.person.setCurrentIndex(person)
    assert dlg.name.text() == "Anna Karlsson"
    assert dlg.role.text() == "Lektor i offentlig förvaltning"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert cells(tab.attendee_view, 0)[-1] == "Anna Karlsson"
    click_row_with(qtbot, tab.attendee_view, 0, "Ahmed Rahimi")
    qtbot.mouseClick(tab.present_button, Qt.MouseButton.LeftButton)
    row = cells(tab.attendee_view, 0).index("Ahmed Rahimi")
    assert tab.attendee_view.model().index(row, 2).data() == "närvarande"
    # Enter toggles
    tab.attendee_view.setFocus()
    qtbot.keyClick(tab.attendee_view, Qt.Key.Key_Return)
    row = cells(tab.attendee_view, 0).index("Ahmed Rahimi")
    assert tab.attendee_view.model().index(row, 2).data() == "frånvarande"
    assert [a.present for a in window.ctx.services.meetings.get(tab.selected_meeting_id()).attendees
            if a.name == "Ahmed Rahimi"] == [False]


def test_new_meeting_bad_input_beside_the_field_then_saved(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, window)
    before = len(window.ctx.services.meetings.list_rows())
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.heading.text() == "Nytt möte"
    assert not tab.add_attendee_button.isEnabled()
    choose(tab.form.body, "Ledningsgrupp")
    tab.form.held_on.clear()
    qtbot.keyClicks(tab.form.held_on, "2027-13-40")
    tab.form.start_time.clear()
    qtbot.keyClicks(tab.form.start_time, "25:00")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert field_error(tab.form.held_on).startswith("Datum")
    assert len(window.ctx.services.meetings.list_rows()) == before
    tab.form.held_on.clear()
    qtbot.keyClicks(tab.form.held_on, "2027-04-20")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert field_error(tab.form.start_time) == "Starttid: '25:00' är ingen tid (använd TT:MM)"
    assert len(window.ctx.services.meetings.list_rows()) == before
    tab.form.start_time.clear()
    qtbot.keyClicks(tab.form.start_time, "9.30")
    qtbot.keyClicks(tab.form.title_edit, "Extra ledningsgrupp om verksamhetsplanen")
    window.extra_actions["save"].trigger()  # Redigera → Spara (Ctrl+S)
    wait_tasks(qtbot, window)
    rows = window.ctx.services.meetings.list_rows()
    assert len(rows) == before + 1
    new = next(r for r in rows if r.title == "Extra ledningsgrupp om verksamhetsplanen")
    assert (new.body, new.held_on, new.start_time) == (Body.LEDNINGSGRUPP, date(2027, 4, 20), "09:30")
    assert tab.selected_meeting_id() == new.id
    assert tab.heading.text() == "Extra ledningsgrupp om verksamhetsplanen"
    assert tab.form.start_time.text() == "09:30"
    # Delete asks first, then deletes
    tab.view.setFocus()
    window.extra_actions["delete"].trigger()  # Redigera → Ta bort (Delete)
    wait_tasks(qtbot, window)
    assert window.ctx.messenger.shown[-1][0] == "confirm"
    assert len(window.ctx.services.meetings.list_rows()) == before


def test_navigate_to_a_past_meeting_selects_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ksau = next(m for m in window.ctx.services.meetings.list_rows() if m.body == Body.KSAU)
    window.navigate("meeting", ksau.id)
    wait_tasks(qtbot, window)
    tab = window.meetings
    assert window.tabs.currentWidget() is tab
    assert tab.selected_meeting_id() == ksau.id
    assert tab.year_combo.currentText() == "2021"
    assert tab.heading.text() == "Kommunstyrelsens arbetsutskott"
    assert tab.lock_notice.isVisible()
    assert cells(tab.item_view, 0) == ["§ 14"]
    assert tab.editor.reservations.toPlainText().startswith("Ledamot (NE) reserverar sig")
    # past meetings are greyed in the list
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("Alla år"))
    row = cells(tab.view, 0).index("2021-11-09")
    assert tab.view.model().index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_empty_database_shows_how_to_start(qtbot, empty_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, empty_window)
    assert tab.count_label.text() == "0 möten"
    assert tab.stack.currentIndex() == 0
    assert tab.empty_label.text().startswith("Inga möten ännu")
    assert tab.empty_plan_button.text() == "Planera år…"


@pytest.mark.parametrize("which", ["meetings", "attendees", "items"])
def test_models_pass_qtmodeltester(qtmodeltester, demo_sv, which: str) -> None:  # type: ignore[no-untyped-def]
    rows = demo_sv.meetings.list_rows()
    if which == "meetings":
        model = meeting_model(lambda: TODAY)
        model.set_rows(rows)
    else:
        ksau = next(m for m in rows if m.body == Body.KSAU)
        detail = demo_sv.meetings.get(ksau.id)
        model = attendee_model() if which == "attendees" else agenda_item_model()
        model.set_rows(detail.attendees if which == "attendees" else detail.items)
    assert model.rowCount(QModelIndex()) > 0
    qtmodeltester.check(model)


def test_meetings_translations_are_complete() -> None:
    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "meetings_sv.ts"
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<translation></translation>" not in text



def test_a_refresh_keeps_what_the_user_is_typing(qtbot, window: MainWindow, messenger) -> None:  # type: ignore[no-untyped-def]
    tab = open_next_beredning(qtbot, window)
    show_page(qtbot, tab, 0)
    tab.form.place.clear()
    qtbot.keyClicks(tab.form.place, "Rådhuset, sal 2")
    window.extra_actions["refresh"].trigger()  # Visa → Uppdatera (F5)
    wait_tasks(qtbot, window)
    assert tab.form.place.text() == "Rådhuset, sal 2"
    # leaving the meeting asks; "yes" saves
    click_row_with(qtbot, tab.view, 0, "2027-03-02")
    assert messenger.shown[-1][1] == "Osparade ändringar"
    wait_tasks(qtbot, window)
    saved = next(m for m in window.ctx.services.meetings.list_rows() if m.held_on == NEXT_BEREDNING)
    assert saved.place == "Rådhuset, sal 2"
    assert tab.heading.text() == "Styrgrupp"
