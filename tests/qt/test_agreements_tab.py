"""The Avtal tab driven as a user would: typing into the form, keyboard shortcuts, buttons,
dialogs; asserting what the user sees (cells, labels, Swedish errors)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from samverkan_desktop.domain.catalog import AgreementKind
from samverkan_desktop.domain.orgnr import luhn_check_digit
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.settings import Preferences
from samverkan_desktop.ui.context import UiContext
from samverkan_desktop.ui.main_window import MainWindow
from samverkan_desktop.ui.messages import RecordingMessenger
from samverkan_desktop.ui.tabs.agreements import AgreementsTab
from samverkan_desktop.ui.tasks import TaskRunner
from samverkan_desktop.ui.widgets.agreement_form import AgreementForm

from .conftest import TODAY, tab_order, wait_tasks

LOFT_CASE = "KS2021/812"
HUDDINGE_CASE = "KS-2022/1102"


# ---- fixtures and helpers ------------------------------------------------------------------
def settle(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.ctx.tasks.running(), timeout=10_000)


def make_tab(qtbot, services: Services, messenger: RecordingMessenger, today: date = TODAY) -> AgreementsTab:  # type: ignore[no-untyped-def]
    ctx = UiContext(services=services, prefs=Preferences(), messenger=messenger, tasks=TaskRunner(None),
                    today_fn=lambda: today)
    t = AgreementsTab(ctx)
    qtbot.addWidget(t)
    t.resize(1360, 800)
    t.show()
    t.reload()
    settle(qtbot, t)
    return t


@pytest.fixture
def tab(qtbot, demo_sv: Services, messenger: RecordingMessenger) -> Iterator[AgreementsTab]:  # type: ignore[no-untyped-def]
    """The tab alone over a copy of the demo database (today 2026-11-28)."""
    t = make_tab(qtbot, demo_sv, messenger)
    assert t.model.rowCount() == 3
    yield t
    t.ctx.tasks.cancel_all_and_wait()


@pytest.fixture
def window_tab(window: MainWindow, qtbot) -> AgreementsTab:  # type: ignore[no-untyped-def]
    """The tab inside the real main window (menus and shortcuts)."""
    window.tabs.setCurrentWidget(window.agreements)
    wait_tasks(qtbot, window)
    qtbot.waitUntil(lambda: window.agreements.model.rowCount() == 3)
    return window.agreements


def column(view: QAbstractItemView, header: str) -> int:
    model = view.model()
    for c in range(model.columnCount()):
        if model.headerData(c, Qt.Orientation.Horizontal) == header:
            return c
    raise AssertionError(f"no column {header!r}: " + ", ".join(
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())))


def cells(view: QAbstractItemView, header: str) -> list[str]:
    model, c = view.model(), column(view, header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def click_row(qtbot, view: QAbstractItemView, row: int, double: bool = False) -> None:  # type: ignore[no-untyped-def]
    idx = view.model().index(row, 0)
    view.scrollTo(idx)
    pos = view.visualRect(idx).center()
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def open_case(qtbot, tab: AgreementsTab, case: str) -> None:  # type: ignore[no-untyped-def]
    row = cells(tab.view, "Diarienummer").index(case)
    click_row(qtbot, tab.view, row)
    qtbot.waitUntil(lambda: tab.form.case_number.text() == case)


def type_in(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a user; QTest only knows ASCII keys, so å, ä, ö, § go in as key events with text."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def retype(qtbot, edit: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_in(qtbot, edit, text)


def ctrl(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)


def ok(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def shown_errors(widget: QWidget) -> list[str]:
    """The Swedish error lines the user can see in a form or dialog."""
    return [w.text() for w in widget.findChildren(QLabel, "fieldError") if w.isVisible()]


# ---- the table ------------------------------------------------------------------------------
def test_table_models_pass_the_model_tester(qtbot, tab: AgreementsTab, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    open_case(qtbot, tab, LOFT_CASE)
    for model in (tab.facts.plan_model, tab.facts.years_model, tab.form.partners_model, tab.form.roles_model,
                  tab.form.decisions_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_table_shows_agreements_with_swedish_columns(tab: AgreementsTab) -> None:
    headers = [tab.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.proxy.columnCount())]
    assert headers == ["Partner", "Titel", "Diarienummer", "Status", "Period", "Årsavgift", "Nästa tidsfrist"]
    row = cells(tab.view, "Diarienummer").index(LOFT_CASE)
    assert cells(tab.view, "Årsavgift")[row] == "300 000 kr"
    assert cells(tab.view, "Partner")[row] == "RISE Research Institutes of Sweden AB"
    assert cells(tab.view, "Period")[row] == "2022-01-01 – 2027-12-31"
    assert cells(tab.view, "Nästa tidsfrist")[row] == "2027-09-30 (förlängning)"
    assert tab.count_label.text() == "3 avtal"
    # nothing chosen yet: a hint instead of an empty form
    assert tab.empty_text.isVisible() and not tab.form.isVisible()
    assert tab.empty_text.text() == "Välj ett avtal i listan eller skapa ett nytt (Ctrl+N)."
    # the screenshot script opens LOFT
    tab.prepare_screenshot()
    assert tab.form.case_number.text() == LOFT_CASE
    assert tab.view.currentIndex().siblingAtColumn(2).data() == LOFT_CASE
    assert tab.facts.plan_summary.text() == "24 fakturor, totalt 1 800 000 kr · betalt 1 425 000 kr"
    # every input has an accessible name
    inputs = [w for w in tab.findChildren(QWidget)
              if isinstance(w, (QLineEdit, QComboBox, QPlainTextEdit, QTableView, QCheckBox))
              and not isinstance(w.parent(), QComboBox)]
    assert len(inputs) > 30
    assert [w.objectName() or type(w).__name__ for w in inputs if not w.accessibleName()] == []


def test_near_deadline_is_coloured(qtbot, demo_sv: Services, messenger: RecordingMessenger) -> None:  # type: ignore[no-untyped-def]
    from samverkan_desktop.ui.table_models.agreement_models import SOON_BG

    tab = make_tab(qtbot, demo_sv, messenger, today=date(2027, 9, 10))  # 20 days before LOFT's deadline
    c = column(tab.view, "Nästa tidsfrist")
    row = cells(tab.view, "Diarienummer").index(LOFT_CASE)
    cell = tab.proxy.index(row, c)
    assert cell.data() == "2027-09-30 (förlängning)"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == SOON_BG
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Dagar kvar: 20"
    hud = tab.proxy.index(cells(tab.view, "Diarienummer").index(HUDDINGE_CASE), c)
    assert hud.data() == "2028-06-30 (uppsägning)" and hud.data(Qt.ItemDataRole.BackgroundRole) is None


def test_form_is_built_on_first_use_with_organisations_and_tab_order(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    """The tab shows its list before the seven-page form exists (it is the slow part to build);
    opening an agreement builds it, with the organisations the list load brought, and Tab goes
    from the list through the form's fields to Save, as if it had been built first."""
    assert tab._form is None
    assert tab.findChild(QWidget, "agreementOurOrganisation") is None
    assert tab.empty_text.isVisible() and "Välj ett avtal" in tab.empty_text.text()
    open_case(qtbot, tab, LOFT_CASE)
    org = tab.form.our_org
    assert org.count() > 1 and org.currentText() != ""
    focusable = tab_order(tab.view)
    first_field = focusable.index("agreementKind")
    save = focusable.index("saveAgreement")
    assert first_field < save
    assert {"agreementTitle", "agreementCaseNumber", "agreementOurOrganisation"} <= set(focusable[first_field:save])
    assert "agreementFilter" not in focusable[:save]  # the list's own filter comes after, not between


def test_every_page_title_of_the_form_shows_in_a_window_of_the_default_size(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At the window's default 1280 px the eight page titles fit beside each other: no scroll
    arrows, no title cut off (the long name of the fee page is its tooltip)."""
    window.resize(1280, 800)
    window.tabs.setCurrentWidget(window.agreements)
    wait_tasks(qtbot, window)
    tab = window.agreements
    open_case(qtbot, tab, LOFT_CASE)
    bar = tab.form.tabBar()
    titles = [bar.tabText(i) for i in range(bar.count())]
    assert titles == ["Grunduppgifter", "Avgift", "Uppsägning och förlängning", "Innehåll", "Organ och roller",
                      "Beslut", "Bilagor", "Historik"]
    assert bar.tabToolTip(1) == "Avgift och fakturering"
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()
    assert all(bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(t) for i, t in enumerate(titles))


def test_form_is_built_in_parts_by_the_background_building(tab: AgreementsTab) -> None:
    """The window's background building adds the form a few pages at a time (short blocks of the
    event loop); it is there, with the organisations, once build_rest says nothing is left."""
    parts = 0
    while tab.build_rest():
        parts += 1
        assert parts < 20
    assert parts >= 4
    assert tab._form is not None and tab.form.count() == 8  # seven pages and the history
    assert tab.form.our_org.count() > 1
    assert not tab.build_rest()


def test_filters_narrow_the_rows(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, tab.filter_edit, "rise")
    assert tab.proxy.rowCount() == 1
    assert cells(tab.view, "Diarienummer") == [LOFT_CASE]
    assert tab.count_label.text() == "1 av 3 visas"
    tab.filter_edit.clear()
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findText("strategiskt partnerskap"))
    assert cells(tab.view, "Diarienummer") == [HUDDINGE_CASE]
    tab.kind_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("uppsagt"))
    assert tab.proxy.rowCount() == 0
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("aktivt"))
    assert tab.proxy.rowCount() == 3


# ---- creating and editing in the real window --------------------------------------------------
def test_new_agreement_typed_into_the_form_and_saved_with_ctrl_s(qtbot, window: MainWindow,
                                                               window_tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    tab = window_tab
    tab.view.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_N)
    assert tab.heading.text() == "Nytt avtal"
    assert tab.form.status.currentText() == "utkast"
    form = tab.form
    type_in(qtbot, form.title_edit, "Partnerskap för välfärdsinnovation")
    form.our_org.setCurrentIndex(form.our_org.findText("Enköpings kommun"))
    type_in(qtbot, form.start, "2022-04-01")
    type_in(qtbot, form.end, "2024-12-31")
    form.partner_pick.setCurrentIndex(form.partner_pick.findText("RISE", Qt.MatchFlag.MatchStartsWith))
    qtbot.mouseClick(form.add_partner, Qt.MouseButton.LeftButton)
    assert cells(form.partners_view, "Org.nr") == ["556464-6874"]
    form.setCurrentIndex(AgreementForm.PAGE_FEES)
    type_in(qtbot, form.fee, "300 000")
    form.setCurrentIndex(AgreementForm.PAGE_NOTICE)
    type_in(qtbot, form.notice_months, "12")
    type_in(qtbot, form.points, "02-01")
    assert tab.state_label.text() == "Inte sparat ännu"
    # the plan of the unsaved terms is already there
    qtbot.waitUntil(lambda: tab.facts.plan_summary.text().startswith("11 fakturor"))
    assert tab.facts.unsaved.isVisible()

    ctrl(qtbot, window, Qt.Key.Key_S)
    wait_tasks(qtbot, window)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4)
    row = cells(tab.view, "Titel").index("Partnerskap för välfärdsinnovation")
    assert cells(tab.view, "Årsavgift")[row] == "300 000 kr"
    assert cells(tab.view, "Period")[row] == "2022-04-01 – 2024-12-31"
    assert cells(tab.view, "Partner")[row] == "RISE Research Institutes of Sweden AB"
    assert tab.view.currentIndex().row() == row
    assert tab.heading.text() == "Partnerskap för välfärdsinnovation"
    assert tab.state_label.text() == ""
    # the derived panel
    assert tab.facts.plan_summary.text() == "11 fakturor, totalt 825 000 kr"
    years = dict(zip(cells(tab.facts.years_view, "År"), cells(tab.facts.years_view, "Avgift")))
    assert years == {"2022": "225 000 kr", "2023": "300 000 kr", "2024": "300 000 kr"}
    assert tab.facts.extension.text() == "2024-09-30"
    assert tab.facts.notice_rule.text() == "12 månaders uppsägning till 1 februari"
    assert cells(tab.facts.plan_view, "Förfaller")[0] == "2022-05-01"
    assert set(cells(tab.facts.plan_view, "Status")) == {"planerad"}
    assert not tab.facts.unsaved.isVisible()
    # another tab asks to show an agreement: it is selected and opened
    window.tabs.setCurrentIndex(0)
    loft = next(r for r in tab.model.rows() if r.case_number == LOFT_CASE)
    window.navigate("agreement", loft.id)
    assert window.tabs.currentWidget() is tab
    assert tab.form.case_number.text() == LOFT_CASE and tab.heading.text().startswith("LOFT")
    assert tab.view.currentIndex().siblingAtColumn(2).data() == LOFT_CASE


# ---- editing with the tab alone ---------------------------------------------------------------
def test_derived_facts_follow_the_unsaved_terms_while_typing(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    tab.form.setCurrentIndex(AgreementForm.PAGE_FEES)
    retype(qtbot, tab.form.fee, "400 000")
    # 19 paid quarters and the invoiced one keep 75 000 kr, the 4 planned ones become 100 000 kr
    qtbot.waitUntil(lambda: "totalt 1 900 000 kr" in tab.facts.plan_summary.text())
    assert tab.facts.unsaved.isVisible()
    assert tab.state_label.text() == "Osparade ändringar"
    years = dict(zip(cells(tab.facts.years_view, "År"), cells(tab.facts.years_view, "Avgift")))
    assert years["2022"] == "300 000 kr" and years["2027"] == "400 000 kr"
    # invalid terms: the Swedish problem instead of the plan
    tab.form.setCurrentIndex(AgreementForm.PAGE_NOTICE)
    retype(qtbot, tab.form.points, "13-45")
    qtbot.waitUntil(lambda: tab.facts.problem.isVisible())
    assert "Uppsägningsdatum: '13-45' är inte en dag på året" in tab.facts.problem.text()
    assert tab.facts.plan_model.rowCount() == 0
    # nothing was saved
    loft = next(r for r in tab.ctx.services.agreements.list_rows(tab.ctx.today()) if r.case_number == LOFT_CASE)
    assert loft.annual_fee_ore == 300_000_00
    # undo restores the saved terms
    qtbot.mouseClick(tab.revert_button, Qt.MouseButton.LeftButton)
    assert tab.form.points.text() == "02-01" and tab.form.fee.text() == "300 000 kr"
    assert tab.state_label.text() == "" and not tab.facts.problem.isVisible()


def test_bad_amount_is_shown_beside_the_field_and_nothing_saved(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    version = tab._detail.version  # type: ignore[union-attr]
    tab.form.setCurrentIndex(AgreementForm.PAGE_FEES)
    retype(qtbot, tab.form.fee, "12,345")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors(tab.form) == ["Årsavgift: '12,345' har fler än två decimaler"]
    assert tab.form.currentIndex() == AgreementForm.PAGE_FEES
    assert QApplication.focusWidget() is tab.form.fee
    assert "Årsavgift: '12,345' har fler än två decimaler" in tab.facts.problem.text()
    detail = tab.ctx.services.agreements.get(tab._detail.id)  # type: ignore[union-attr]
    assert detail.data.annual_fee_ore == 300_000_00 and detail.version == version
    # corrected, it saves
    retype(qtbot, tab.form.fee, "320 000,50 kr")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors(tab.form) == []
    assert tab.ctx.services.agreements.get(detail.id).data.annual_fee_ore == 320_000_50
    settle(qtbot, tab)
    assert cells(tab.view, "Årsavgift")[cells(tab.view, "Diarienummer").index(LOFT_CASE)] == "320 000,50 kr"
    # someone else saves meanwhile: the stale form is refused and the conflict dialog shows both
    # versions (tests/qt/test_conflicts_gui.py goes through both ways on)
    from dataclasses import replace

    theirs = tab.ctx.services.agreements.get(detail.id)
    tab.ctx.services.agreements.update(detail.id, theirs.version, replace(theirs.data, notes="Ändrat av kollega"),
                                       TODAY)
    type_in(qtbot, tab.form.title_edit, " (rev)")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.conflict_dialog is not None and tab.conflict_dialog.isVisible()
    assert "har sparats av någon annan" in tab.conflict_dialog.summary.text()
    assert tab.ctx.services.agreements.get(detail.id).data.notes == "Ändrat av kollega"
    assert tab.state_label.text() == "Osparade ändringar"


def test_end_before_start_is_refused_for_a_new_agreement(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    form = tab.form
    type_in(qtbot, form.title_edit, "Felaktigt avtal")
    form.our_org.setCurrentIndex(form.our_org.findText("Huddinge kommun"))
    type_in(qtbot, form.start, "2024-01-01")
    type_in(qtbot, form.end, "2023-06-30")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors(tab.form) == ["Slutdatum: ligger före startdatum"]
    assert form.currentIndex() == AgreementForm.PAGE_BASICS
    assert "Slutdatum: ligger före startdatum" in tab.facts.problem.text()
    settle(qtbot, tab)
    assert tab.model.rowCount() == 3
    assert len(tab.ctx.services.agreements.list_rows(tab.ctx.today())) == 3
    # our organisation must be chosen
    form.our_org.setCurrentIndex(0)
    retype(qtbot, form.end, "2024-12-31")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert shown_errors(tab.form) == ["Vår organisation: välj vilken organisation som är avtalspart för er"]
    assert tab.model.rowCount() == 3


def test_unsaved_changes_are_not_discarded_without_asking(qtbot, tab: AgreementsTab, messenger) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    type_in(qtbot, tab.form.title_edit, " (utkast)")
    messenger.answer = False
    hud_row = cells(tab.view, "Diarienummer").index(HUDDINGE_CASE)
    click_row(qtbot, tab.view, hud_row)
    assert messenger.shown[-1][0] == "confirm" and "osparade ändringar" in messenger.shown[-1][2]
    assert tab.form.case_number.text() == LOFT_CASE
    assert tab.form.title_edit.text().endswith(" (utkast)")
    assert tab.view.currentIndex().siblingAtColumn(2).data() == LOFT_CASE
    messenger.answer = True
    click_row(qtbot, tab.view, hud_row)
    assert tab.form.case_number.text() == HUDDINGE_CASE
    # Enter on a row opens it too (nothing unsaved now: no question)
    asked = len(messenger.shown)
    loft_row = cells(tab.view, "Diarienummer").index(LOFT_CASE)
    tab.view.setFocus()
    tab.view.selectionModel().setCurrentIndex(tab.proxy.index(loft_row, 0),
                                              QItemSelectionModel.SelectionFlag.NoUpdate)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.form.case_number.text() == LOFT_CASE
    assert len(messenger.shown) == asked


# ---- invoices, notice, extension ------------------------------------------------------------
def test_mark_invoice_paid_and_record_hours(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    statuses = cells(tab.facts.plan_view, "Status")
    row = statuses.index("planerad")
    click_row(qtbot, tab.facts.plan_view, row)
    assert tab.facts.mark_invoiced.isEnabled() and tab.facts.mark_paid.isEnabled()
    qtbot.mouseClick(tab.facts.mark_invoiced, Qt.MouseButton.LeftButton)
    assert cells(tab.facts.plan_view, "Status")[row] == "fakturerad"
    qtbot.mouseClick(tab.facts.mark_paid, Qt.MouseButton.LeftButton)
    assert cells(tab.facts.plan_view, "Status")[row] == "betald"
    assert not tab.facts.mark_paid.isEnabled() and tab.facts.mark_planned.isEnabled()
    paid = [i for i in tab.ctx.services.agreements.invoices(tab._detail.id)  # type: ignore[union-attr]
            if i.status.value == "betald"]
    assert len(paid) == statuses.count("betald") + 1
    assert tab.facts.plan_summary.text() == "24 fakturor, totalt 1 800 000 kr · betalt 1 500 000 kr"
    # hours used against the quota
    assert (tab.facts.hours_used.text(), tab.facts.hours_left.text()) == ("35 h", "445 h")
    qtbot.mouseClick(tab.facts.add_hours, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    type_in(qtbot, dlg.hours, "7,5")  # type: ignore[attr-defined]
    type_in(qtbot, dlg.description, "Workshop")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert (tab.facts.hours_used.text(), tab.facts.hours_left.text()) == ("42,5 h", "437,5 h")
    # extra work beyond the quota is priced at list price less the 15 % discount
    qtbot.mouseClick(tab.facts.add_extra, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    type_in(qtbot, dlg.title_edit, "Extra analys")  # type: ignore[attr-defined]
    type_in(qtbot, dlg.hours, "10")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert tab.facts.extras.text() == "2 uppdrag, 160 225 kr"  # 147 900 + 10 h × 1 450 × 0,85


def test_record_extension_through_the_dialog(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    tab.form.setCurrentIndex(AgreementForm.PAGE_NOTICE)
    qtbot.mouseClick(tab.form.extension_button, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    assert dlg is not None and dlg.isVisible() and dlg.windowTitle() == "Registrera förlängning"
    assert "2027-09-30" in dlg.intro.text()  # type: ignore[attr-defined]
    type_in(qtbot, dlg.new_end, "2026-12-31")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert dlg.isVisible()
    assert shown_errors(dlg) == ["Nytt slutdatum: måste ligga efter nuvarande slutdatum"]
    retype(qtbot, dlg.new_end, "2029-12-31")  # type: ignore[attr-defined]
    type_in(qtbot, dlg.paragraph, "§ 12")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert not dlg.isVisible()
    assert tab.form.end.text() == "2029-12-31"
    assert tab.facts.extension.text() == "2029-09-30"
    assert cells(tab.form.decisions_view, "§")[-1] == "§ 12"
    settle(qtbot, tab)
    row = cells(tab.view, "Diarienummer").index(LOFT_CASE)
    assert cells(tab.view, "Period")[row] == "2022-01-01 – 2029-12-31"


def test_record_notice_computes_the_end_date(qtbot, tab: AgreementsTab, messenger) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, HUDDINGE_CASE)
    assert tab.form.end.text() == ""
    tab.form.setCurrentIndex(AgreementForm.PAGE_NOTICE)
    # unsaved edits first: the notice acts on the saved terms
    type_in(qtbot, tab.form.notice_months, "0")
    qtbot.mouseClick(tab.form.notice_button, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][:2] == ("info", "Spara först") and tab.dialog is None
    qtbot.mouseClick(tab.revert_button, Qt.MouseButton.LeftButton)
    assert tab.form.notice_months.text() == "6"
    qtbot.mouseClick(tab.form.notice_button, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    # six months' notice to 31 December: given 2026-11-28 → ends 2027-12-31; given in June → same year
    assert dlg.end_label.text() == "2027-12-31"  # type: ignore[attr-defined]
    retype(qtbot, dlg.given_on, "2027-06-30")  # type: ignore[attr-defined]
    assert dlg.end_label.text() == "2027-12-31"  # type: ignore[attr-defined]
    retype(qtbot, dlg.given_on, "2027-07-01")  # type: ignore[attr-defined]
    assert dlg.end_label.text() == "2028-12-31"  # type: ignore[attr-defined]
    retype(qtbot, dlg.given_on, "2026-12-01")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert tab.form.end.text() == "2027-12-31"
    assert tab.form.status.currentText() == "uppsagt"
    assert tab.form.notice_state.text() == "Uppsägning given 2026-12-01: avtalet upphör 2027-12-31."
    assert tab.facts.notice_given.text() == "2026-12-01"
    settle(qtbot, tab)
    row = cells(tab.view, "Diarienummer").index(HUDDINGE_CASE)
    assert cells(tab.view, "Status")[row] == "uppsagt"


# ---- parties, roles, decisions, hours, attachments ------------------------------------------
def test_new_partner_organisation_with_validated_org_nr(qtbot, tab: AgreementsTab) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    qtbot.mouseClick(tab.form.new_partner_org, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    check = luhn_check_digit("202100300")
    wrong = f"202100-300{(check + 1) % 10}"
    type_in(qtbot, dlg.name, "Linköpings universitet")  # type: ignore[attr-defined]
    type_in(qtbot, dlg.org_nr, wrong)  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert dlg.isVisible()
    assert shown_errors(dlg) == [f"Organisationsnummer: '{wrong}' – kontrollsiffran stämmer inte (Luhn)"]
    retype(qtbot, dlg.org_nr, "556464-6874")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert shown_errors(dlg) == [
        "Organisationsnummer: 556464-6874 finns redan för RISE Research Institutes of Sweden AB"]
    good = f"202100-300{check}"
    retype(qtbot, dlg.org_nr, good)  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert not dlg.isVisible()
    assert cells(tab.form.partners_view, "Organisation") == ["RISE Research Institutes of Sweden AB",
                                                             "Linköpings universitet"]
    assert cells(tab.form.partners_view, "Org.nr")[-1] == good
    assert tab.state_label.text() == "Osparade ändringar"
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in tab.ctx.services.agreements.get(tab._detail.id).parties][-1] == "Linköpings universitet"  # type: ignore[union-attr]
    # removing a partner is an edit too
    click_row(qtbot, tab.form.partners_view, 1)
    qtbot.mouseClick(tab.form.remove_partner, Qt.MouseButton.LeftButton)
    assert cells(tab.form.partners_view, "Organisation") == ["RISE Research Institutes of Sweden AB"]
    assert tab.state_label.text() == "Osparade ändringar"


def test_add_decision_body_and_role(qtbot, tab: AgreementsTab, messenger) -> None:  # type: ignore[no-untyped-def]
    open_case(qtbot, tab, LOFT_CASE)
    tab.form.setCurrentIndex(AgreementForm.PAGE_DECISIONS)
    n = tab.form.decisions_model.rowCount()
    qtbot.mouseClick(tab.form.add_decision, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    assert dlg.case_number.text() == LOFT_CASE  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert shown_errors(dlg) == ["Beslut: måste fyllas i"]
    type_in(qtbot, dlg.outcome, "Uppföljning av partnerskapet godkänns")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert tab.form.decisions_model.rowCount() == n + 1
    assert "Uppföljning av partnerskapet godkänns" in cells(tab.form.decisions_view, "Beslut")
    tab.form.setCurrentIndex(AgreementForm.PAGE_BODIES)
    qtbot.mouseClick(tab.form.add_body, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    dlg.body.setCurrentIndex(dlg.body.findText("ledningsgrupp"))  # type: ignore[attr-defined]
    assert dlg.per_year.text() == "1"  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert cells(tab.form.bodies_view, "Organ") == ["ledningsgrupp"]
    assert cells(tab.form.bodies_view, "Möten per år") == ["1"]
    # a person in a role, then removed (after asking)
    tab.form.setCurrentIndex(AgreementForm.PAGE_BODIES)
    before = tab.form.roles_model.rowCount()
    qtbot.mouseClick(tab.form.add_role, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    ok(qtbot, dlg)
    assert shown_errors(dlg) == ["Person: måste väljas"]
    type_in(qtbot, dlg.person.lineEdit(), "Per Lindgren (Forskare, RISE, RISE Research Institutes of Sweden AB)")  # type: ignore[attr-defined]
    dlg.role.setEditText("Processledare")  # type: ignore[attr-defined]
    dlg.side.setCurrentIndex(1)  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert not dlg.isVisible()
    assert tab.form.roles_model.rowCount() == before + 1
    assert cells(tab.form.roles_view, "Person")[-1] == "Per Lindgren"
    assert cells(tab.form.roles_view, "Roll")[-1] == "Processledare"
    assert cells(tab.form.roles_view, "Sida")[-1] == "partnern"
    click_row(qtbot, tab.form.roles_view, before)
    qtbot.mouseClick(tab.form.remove_role, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][0] == "confirm" and "Per Lindgren" in messenger.shown[-1][2]
    assert tab.form.roles_model.rowCount() == before


def test_attachment_added_and_opened(qtbot, tab: AgreementsTab, tmp_path: Path, messenger) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    tab.open_url = lambda url: opened.append(url) or True  # type: ignore[assignment]
    open_case(qtbot, tab, LOFT_CASE)
    tab.form.setCurrentIndex(AgreementForm.PAGE_ATTACHMENTS)
    qtbot.mouseClick(tab.form.add_attachment, Qt.MouseButton.LeftButton)
    assert tab.dialog is not None and tab.dialog.isVisible()  # the file dialog, not blocking
    f = tmp_path / "Partneravtal LOFT signerat.pdf"
    f.write_bytes(b"%PDF-1.4 signed")
    tab.dialog.fileSelected.emit(str(f))  # type: ignore[attr-defined]
    tab.dialog.close()
    settle(qtbot, tab)
    qtbot.waitUntil(lambda: tab.form.attachments_model.rowCount() == 1)
    assert cells(tab.form.attachments_view, "Titel") == ["Partneravtal LOFT signerat.pdf"]
    click_row(qtbot, tab.form.attachments_view, 0)
    qtbot.mouseClick(tab.form.open_attachment, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(f))]
    f.unlink()
    qtbot.mouseClick(tab.form.open_attachment, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][:2] == ("warning", "Filen finns inte") and len(opened) == 1


def test_delete_asks_then_removes(qtbot, tab: AgreementsTab, messenger) -> None:  # type: ignore[no-untyped-def]
    sv = tab.ctx.services
    own = next(o.id for o in sv.people.organisations() if o.is_own)
    sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Avtal att ta bort",
                                        our_organisation_id=own, start=date(2026, 1, 1), case_number="KS-X"),
                         TODAY)
    tab.reload()
    settle(qtbot, tab)
    open_case(qtbot, tab, "KS-X")
    messenger.answer = False
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert messenger.shown[-1][0] == "confirm" and "Avtal att ta bort" in messenger.shown[-1][2]
    assert len(sv.agreements.list_rows(TODAY)) == 4
    messenger.answer = True
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert tab.model.rowCount() == 3 and "KS-X" not in cells(tab.view, "Diarienummer")
    assert tab.empty_text.isVisible()
    # an agreement with activities is not deleted: the Swedish reason is shown
    open_case(qtbot, tab, "Ks 2022-00417")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    kind, title, text = messenger.shown[-1]
    assert (kind, title) == ("warning", "Kunde inte ta bort") and "aktiviteter hör till avtalet" in text
    assert len(sv.agreements.list_rows(TODAY)) == 3


# ---- empty database -----------------------------------------------------------------------------
def test_empty_database_guides_to_the_first_agreement(qtbot, sqlite_db, messenger) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, Services.build(sqlite_db), messenger)
    assert tab.empty_text.text().startswith("Inga avtal ännu")
    assert tab.empty_text.isVisible() and tab.facts.placeholder.isVisible()
    assert tab.count_label.text() == "0 avtal"
    qtbot.mouseClick(tab.empty_new, Qt.MouseButton.LeftButton)
    assert tab.form.isVisible() and tab.form.our_org.currentText() == "– välj –"
    qtbot.mouseClick(tab.form.new_own_org, Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    assert dlg.is_own.isChecked()  # type: ignore[attr-defined]
    type_in(qtbot, dlg.name, "Enköpings kommun")  # type: ignore[attr-defined]
    ok(qtbot, dlg)
    assert tab.form.our_org.currentText() == "Enköpings kommun"
    type_in(qtbot, tab.form.title_edit, "Första avtalet")
    type_in(qtbot, tab.form.start, "2025-01-01")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)
    assert tab.model.rowCount() == 1
    assert cells(tab.view, "Årsavgift") == ["0 kr"]
    assert tab.facts.plan_summary.text() == "Ingen avgift – inget att fakturera."
    # the next new agreement defaults to the only own organisation
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.form.our_org.currentText() == "Enköpings kommun"
    tab.ctx.tasks.cancel_all_and_wait()
